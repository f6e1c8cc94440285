"""Outputs probed with data the project did not write: formulas, paths, failed placements."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import plain, tiny_frames, write_csv_dataset
from typer.testing import CliRunner

from sgnet.cli import app
from sgnet.excel import defuse, restore, write_csv

runner = CliRunner()

#: full-width forms a Chinese or Japanese Excel/WPS reads as = + - @ when it opens a CSV
FULL_WIDTH = ["＝1+1", '＝HYPERLINK("http://x.example","点我")', "＋1+1", "－2+3", "＠SUM(A1)"]
#: a folder name written in GBK (数据 d): not UTF-8, as a Windows share or an old zip gives it
GBK_NAME = os.fsdecode(b"\xca\xfd\xbe\xdd d")


def _gbk_path(parent: Path) -> Path:
    try:
        (parent / GBK_NAME).mkdir()
    except (OSError, UnicodeEncodeError):  # a file system that allows UTF-8 names only
        pytest.skip("this file system refuses names that are not UTF-8")
    return parent / GBK_NAME


@pytest.mark.parametrize("value", FULL_WIDTH)
def test_full_width_formula_starts_are_defused_and_load_back(value):
    safe = defuse(value)
    assert safe == "'" + value
    assert restore(safe) == value


def test_diff_csv_of_full_width_formulas_is_text(tmp_path):
    old = write_csv_dataset(tmp_path / "old", tiny_frames())
    frames = tiny_frames()
    frames["activities"]["topic"] = [FULL_WIDTH[i % len(FULL_WIDTH)] for i in range(7)]
    new = write_csv_dataset(tmp_path / "new", frames)
    result = runner.invoke(app, ["diff", str(old), str(new), "--csv", str(tmp_path / "d.csv")])
    assert result.exit_code == 1, plain(result.output)
    cells = pd.read_csv(tmp_path / "d.csv", encoding="utf-8-sig", dtype=str,
                        keep_default_na=False).stack()
    assert any(c.lstrip("'").startswith(tuple("＝＋－＠")) for c in cells)
    assert not any(c.startswith(tuple("＝＋－＠")) for c in cells)
    write_csv(pd.DataFrame({"topic": FULL_WIDTH}), tmp_path / "t.csv")
    assert restore(pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")["topic"][0]) \
        == FULL_WIDTH[0]
