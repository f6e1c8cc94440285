"""Nothing sgnet writes for Excel or WPS can run as a formula, and it loads back unchanged."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import plain, tiny_frames, write_csv_dataset
from openpyxl import load_workbook
from typer.testing import CliRunner

import sgnet
from sgnet.cli import app
from sgnet.excel import FORMULA_START, defuse, restore

runner = CliRunner()

HOSTILE = ['=HYPERLINK("http://x.example","点我")', "=cmd|' /C calc'!A0", "+1+1", "-2+3",
           "@SUM(A1)", "\tTAB=1"]


@pytest.mark.parametrize("value", HOSTILE + ["培训", "'tis", "a=b"])
def test_defuse_then_restore_is_the_same_text(value):
    safe = defuse(value)
    assert not str(safe).startswith(FORMULA_START)
    assert restore(safe) == value


def _hostile_dataset(folder):
    frames = tiny_frames()
    frames["organizations"].loc[0, "name"] = HOSTILE[0]
    frames["activities"]["topic"] = [HOSTILE[i % len(HOSTILE)] for i in range(7)]
    return write_csv_dataset(folder, frames)


def test_template_fill_writes_text_cells_that_load_back(tmp_path):
    data = _hostile_dataset(tmp_path / "d")
    book = tmp_path / "台账.xlsx"
    result = runner.invoke(app, ["template", str(book), "--fill", str(data)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(book)
    cells = [c for row in wb["活动"].iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and c.value.startswith(FORMULA_START)]
    assert cells and all(c.data_type == "s" for c in cells)  # never a formula
    org = next(c for c in wb["机构"]["B"] if c.value == HOSTILE[0])
    assert org.data_type == "s"
    again = sgnet.load(book)
    assert again.organizations.set_index("org_id").loc["O1", "name"] == HOSTILE[0]
    assert sorted(again.activities["topic"]) == sorted(sgnet.load(data).activities["topic"])


def test_validate_csv_cells_are_defused_and_load_back(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[2, "count"] = "=1+1"
    data = write_csv_dataset(tmp_path / "d", frames)
    errors = tmp_path / "problems.csv"
    result = runner.invoke(app, ["validate", str(data), "--errors-csv", str(errors)])
    assert result.exit_code == 1, plain(result.output)
    problems = pd.read_csv(errors, encoding="utf-8-sig", dtype=str)
    assert "'=1+1" in set(problems["value"])
    rejected = pd.read_csv(errors.with_name("problems.rejected_rows.csv"),
                           encoding="utf-8-sig", dtype=str)
    assert not rejected.map(lambda v: isinstance(v, str) and v.startswith("=")).any().any()


def test_a_control_character_for_a_workbook_is_one_located_line(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[1, "topic"] = "第一期\x07培训"
    data = write_csv_dataset(tmp_path / "d", frames)
    result = runner.invoke(app, ["template", str(tmp_path / "t.xlsx"), "--fill", str(data)])
    assert result.exit_code == 1 and result.exception is None or \
        isinstance(result.exception, SystemExit)
    text = plain(result.output)
    assert "活动 row 3" in text and "U+0007" in text and "Traceback" not in text
    assert not (tmp_path / "t.xlsx").exists()
