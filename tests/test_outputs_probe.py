"""Outputs probed with data the project did not write: formulas, paths, failed placements."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import plain, tiny_frames, write_csv_dataset
from typer.testing import CliRunner

import sgnet
from sgnet.cli import app
from sgnet.errors import ReportError
from sgnet.excel import defuse, restore, write_csv
from sgnet.report import run_report

runner = CliRunner()

#: full-width forms a Chinese or Japanese Excel/WPS reads as = + - @ when it opens a CSV
FULL_WIDTH = ["＝1+1", '＝HYPERLINK("http://x.example","点我")', "＋1+1", "－2+3", "＠SUM(A1)"]
#: a folder name written in GBK (数据 d): not UTF-8, as a Windows share or an old zip gives it
GBK_NAME = os.fsdecode(b"\xca\xfd\xbe\xdd d")


def _frames() -> dict[str, pd.DataFrame]:
    """The tiny data without its one row dated before its pairing: clean data."""
    frames = tiny_frames()
    frames["activities"] = frames["activities"][frames["activities"]["activity_id"] != "A7"]
    return frames


def _cli(*args: object) -> subprocess.CompletedProcess:
    """``sgnet ARGS`` as a user runs it: its own process and its own terminal encoding."""
    return subprocess.run([sys.executable, "-c", "from sgnet.cli import main; main()",
                           *map(str, args)], capture_output=True, text=True,
                          errors="replace", env=os.environ | {"SGNET_DAEMON": "0",
                                                              "COLUMNS": "200"})


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


def test_a_data_folder_whose_name_is_not_utf8_validates_and_exports(tmp_path):
    data = write_csv_dataset(_gbk_path(tmp_path) / "台账 2022", _frames())
    for args in (["validate", data], ["export", "--data", data, "-o", tmp_path / "ex"]):
        done = _cli(*args)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
    assert (tmp_path / "ex" / "panel.csv").exists()


@pytest.mark.parametrize("where", ["data", "out"])
def test_report_paths_that_are_not_utf8_are_a_message(tmp_path, where):
    gbk = _gbk_path(tmp_path)
    data = write_csv_dataset((gbk if where == "data" else tmp_path) / "d", _frames())
    out = (gbk if where == "out" else tmp_path) / "out"
    result = runner.invoke(app, ["report", "--data", str(data), "--period", "2022",
                                 "--pairing", "PR1", "--out", str(out), "--no-daemon"])
    text = plain(result.output)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), text
    assert "UTF-8" in text and "surrogates" not in text and "Traceback" not in text
    assert not list(tmp_path.rglob("*.html"))


def test_a_very_long_name_leaves_every_figure_its_size(good_report):
    """A 300- or 500-character name is cut short in a figure, not stretched into a map
    20 000 pixels wide or a bar chart 5 000 pixels tall."""
    import base64
    import io
    import re

    from PIL import Image

    _, result = good_report
    page = result.html.read_text(encoding="utf-8")
    sizes = [Image.open(io.BytesIO(base64.b64decode(png))).size
             for png in re.findall(r'<img [^>]*src="data:image/png;base64,([^"]+)"', page)]
    assert len(sizes) >= 3
    assert all(w <= 2000 and h <= 2000 for w, h in sizes), sizes


# ------------------------------------------------------ a report that cannot be put in place

#: an organization name that is TeX to matplotlib (and broken TeX at that) and HTML to a page
TEX_NAME = "罗城$\\foo{$社工 <b>x</b> $x^2$"


@pytest.fixture(scope="module")
def good_report(tmp_path_factory):
    """One good report (HTML and Word) of the tiny data, its mentor and mentee named
    :data:`TEX_NAME`, and its data folder."""
    root = tmp_path_factory.mktemp("good")
    frames = _frames()
    # a line break pasted from Word (U+000B) is a character XML, and so Word, cannot hold
    frames["organizations"].loc[[0, 1], "name"] = [TEX_NAME + "\x0b甲" + "甲" * 300, TEX_NAME]
    frames["organizations"].loc[3, "name"] = "某镇" + "长" * 500 + "社工站"  # S1, on the map
    data = write_csv_dataset(root / "d", frames)
    result = run_report(data, period="2022", pairing="PR1", out=root / "out")
    return data, result


def test_names_with_dollars_are_text_in_figures_and_pages(good_report):
    """matplotlib reads ``$...$`` as TeX: a name must neither break a figure nor become math."""
    import matplotlib as mpl
    from docx import Document

    from sgnet.plots import use_cjk_font

    _, result = good_report
    use_cjk_font()
    assert mpl.rcParams["text.parse_math"] is False
    page = result.html.read_text(encoding="utf-8")
    assert "罗城$\\foo{$社工 &lt;b&gt;x&lt;/b&gt; $x^2$" in page and "<b>x</b>" not in page
    doc = Document(str(result.docx))
    words = " ".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert TEX_NAME in words and TEX_NAME + " 甲甲" in words  # U+000B became a space


def test_a_report_that_cannot_replace_its_word_file_keeps_every_earlier_file(
        good_report, tmp_path, monkeypatch):
    """The .docx is open in Word (Windows refuses to replace it): the run fails and the
    page, notebook and Word file stay those of the earlier run, byte for byte."""
    data, good = good_report
    out = tmp_path / "out"
    shutil.copytree(good.html.parent.parent, out)
    folder = out / good.html.parent.name
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert {"PR1.html", "PR1.docx", "PR1.ipynb"} <= set(before)
    frames = _frames()
    frames["organizations"].loc[[0, 1], "name"] = [TEX_NAME + "甲", TEX_NAME]
    frames["activities"].loc[0, "participants"] = "77"  # the new report would differ
    changed = write_csv_dataset(tmp_path / "d", frames)
    real = os.replace

    def locked(src, dst, *args, **kwargs):
        if Path(src).name == "PR1.docx" and Path(src).parent == folder or \
                Path(dst) == folder / "PR1.docx":
            raise PermissionError(13, "The process cannot access the file because it is "
                                      "being used by another process", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr("sgnet.report.os.replace", locked)
    with pytest.raises(ReportError, match="PR1.docx"):
        run_report(changed, period="2022", pairing="PR1", out=out)
    after = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}
    assert after == before
    assert sgnet.load(changed).activities["participants"].iloc[0] == 77


def test_validate_names_every_table_in_its_language(tmp_path):
    data = write_csv_dataset(tmp_path / "d", _frames())
    for lang, name in (("zh", "成果"), ("en", "milestones")):
        result = runner.invoke(app, ["validate", str(data), "--lang", lang])
        assert result.exit_code == 0, plain(result.output)
        assert "table.milestones" not in result.output
        row = next(line for line in result.output.splitlines() if "milestones.csv" in line)
        assert row.split()[0] == name, row


def test_an_export_that_fails_half_way_leaves_the_earlier_export(tmp_path, monkeypatch):
    """``--force`` replaces an export only once every file of the new one is written."""
    import networkx as nx

    from sgnet.export import write_export

    out = tmp_path / "export"
    write_export(sgnet.load(write_csv_dataset(tmp_path / "d", _frames())), out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    frames = _frames()
    frames["activities"].loc[0, "participants"] = "77"
    changed = sgnet.load(write_csv_dataset(tmp_path / "d2", frames))
    real, calls = nx.write_graphml, []

    def fails_on_the_second(graph, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(graph, path, *args, **kwargs)

    monkeypatch.setattr(nx, "write_graphml", fails_on_the_second)
    with pytest.raises((OSError, sgnet.SgnetError)):
        write_export(changed, out, overwrite=True)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_funder_files_name_the_data_without_its_folders(good_report):
    """A full path can carry a person's name (C:\\Users\\王小明\\...): the funder's page and
    Word file name the data by its folder's name; the notebook beside them keeps the path,
    so ``--check`` on the page still finds the data."""
    from sgnet.docx_report import PROVENANCE_PROPERTY, custom_property
    from sgnet.provenance import check_report, read_provenance

    data, result = good_report
    folders = str(Path(data).resolve().parent)
    page = result.html.read_text(encoding="utf-8")
    word_props = custom_property(result.docx, PROVENANCE_PROPERTY)
    assert folders not in page and folders not in word_props
    assert Path(data).name in page and Path(data).name in word_props
    assert Path(read_provenance(result.html)["parameters"]["data"]) == Path(data).resolve()
    assert check_report(result.html).matches


def test_a_pairing_called_index_does_not_replace_the_batch_index(tmp_path):
    from sgnet.report import run_batch

    frames = _frames()
    for frame in frames.values():
        if "pairing_id" in frame:
            frame["pairing_id"] = frame["pairing_id"].replace("PR1", "index")
    data = write_csv_dataset(tmp_path / "d", frames)
    result = run_batch(data, period="2022", out=tmp_path / "out", jobs=1, formats=("html",))
    folder = tmp_path / "out" / "2022"
    assert (folder / "pairing-index.html").exists()
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "pairing-index.html" in index and result.index == folder / "index.html"
