"""Report runs that are private, safe, repeatable and never leave broken output behind.

Every test here runs the real notebook with papermill and a real kernel.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import tiny_frames, write_csv_dataset
from typer.testing import CliRunner

import sgnet
from sgnet.cli import app
from sgnet.errors import RejectedRowsError, ReportError
from sgnet.handover import handover_dir
from sgnet.report import run_report

runner = CliRunner()
HOSTILE_ORG = "<script>alert(1)</script>"
HOSTILE_TOPIC = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def sample_reports(tmp_path_factory):
    """Funder reports of the sample (all, a region, a pairing, English) and one internal."""
    out = tmp_path_factory.mktemp("reports")
    runs = {
        "all": run_report(period="2022Q4", out=out / "a", formats="html"),
        "again": run_report(period="2022Q4", out=out / "b", formats="html"),
        "region": run_report(period="2023", region="450000", out=out / "a", formats="html"),
        "pairing_en": run_report(period="2022H2", pairing="PR01", lang="en", out=out / "a",
                                 formats="html"),
        # beside the funder's all.html: it must get a name of its own
        "internal": run_report(period="2022Q4", audience="internal", out=out / "a",
                               formats="html"),
    }
    return runs


def _texts(result) -> str:
    """Everything a reader or a program could find in a report: HTML and notebook JSON."""
    nb = json.loads(result.notebook.read_text(encoding="utf-8"))
    return (result.html.read_text(encoding="utf-8")
            + result.notebook.read_text(encoding="utf-8")
            + json.dumps(nb, ensure_ascii=False))  # \\u escapes decoded too


def test_funder_reports_show_no_name_of_a_person(sample_reports):
    names = sgnet.load().people["name"].dropna().unique()
    assert len(names) > 300
    for key, result in sample_reports.items():
        if key == "internal":
            continue
        text = _texts(result)
        leaked = [n for n in names if n in text]
        assert not leaked, f"{key}: {leaked[:5]}"
        params = nbformat.read(result.notebook, as_version=4).metadata.papermill.parameters
        assert params["audience"] == "funder"


def test_the_name_scan_would_see_names(sample_reports):
    """The internal report names supervisors: proof that the scan above can find names."""
    names = sgnet.load().people["name"].dropna().unique()
    text = _texts(sample_reports["internal"])
    assert sum(n in text for n in names) >= 5


def test_same_inputs_give_the_same_bytes(sample_reports):
    a, b = sample_reports["all"], sample_reports["again"]
    assert a.html.read_bytes() == b.html.read_bytes()

    def without_timestamp(path: Path) -> str:
        return re.sub(r'"start_time": "[^"]*"', "", path.read_text(encoding="utf-8"))

    assert without_timestamp(a.notebook) == without_timestamp(b.notebook)
    assert a.notebook.read_bytes() != b"" and '"start_time"' in a.notebook.read_text()


def test_a_killed_run_leaves_the_earlier_report_intact(sample_reports, tmp_path):
    good = sample_reports["all"]
    out = tmp_path / "reports"
    (out / "2022Q4").mkdir(parents=True)
    html, nb = out / "2022Q4" / "all.html", out / "2022Q4" / "all.ipynb"
    html.write_bytes(good.html.read_bytes())
    nb.write_bytes(good.notebook.read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-c", "from sgnet.cli import main; main()", "report", "--period",
         "2022Q4", "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not list((out / "2022Q4").glob(".sgnet-*/all.ipynb")):  # the kernel is running
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.5)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL  # killed half-way, not finished
    assert html.read_bytes() == good.html.read_bytes()
    assert nb.read_bytes() == good.notebook.read_bytes()
    visible = sorted(p.name for p in (out / "2022Q4").iterdir() if not p.name.startswith("."))
    assert visible == ["all.html", "all.ipynb"]
    # what the killed run left (its temporary folder, its hand-over file: names of people)
    # is readable by its user alone, and the next run removes it
    [left] = (out / "2022Q4").glob(f".sgnet-{proc.pid}-*")
    assert left.stat().st_mode & 0o077 == 0
    orphans = list(handover_dir().glob(f"*.{proc.pid}-*.pickle"))
    assert orphans
    assert all(f.stat().st_mode & 0o077 == 0 for f in orphans)
    run_report(period="2022Q4", out=out)
    assert not left.exists() and not any(f.exists() for f in orphans)


# ----------------------------------------------------------------------------- hostile data

@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """A dataset whose texts are HTML and whose folder name is Python code."""
    root = tmp_path_factory.mktemp("hostile")
    frames = tiny_frames()
    frames["organizations"].loc[1, "name"] = HOSTILE_ORG  # O2, mentee of PR1
    frames["organizations"].loc[0, "name"] = HOSTILE_TOPIC  # O1, the mentor
    frames["activities"]["topic"] = HOSTILE_TOPIC
    folder = root / "d\"');\n__import__('os').system('touch PWNED') #\\"
    write_csv_dataset(folder, frames)
    runs = [run_report(folder, period="2022", audience=a, pairing="PR1", out=root / "out",
                       ) for a in ("funder", "internal")]
    return root, folder, runs


def test_hostile_names_are_escaped(hostile_run):
    _, _, runs = hostile_run
    for result in runs:
        page = result.html.read_text(encoding="utf-8")
        assert HOSTILE_ORG not in page and HOSTILE_TOPIC not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "<script" not in page.lower()
        assert "onerror=" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")


def test_parameters_are_values_never_code(hostile_run):
    root, folder, runs = hostile_run
    assert not (root / "PWNED").exists() and not Path("PWNED").exists()
    for result in runs:
        nb = nbformat.read(result.notebook, as_version=4)
        assert nb.metadata.papermill.parameters["data"] == str(folder.resolve())
        injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
        namespace: dict = {}
        exec(injected.source, namespace)  # what the kernel ran: plain assignments
        assert namespace["data"] == str(folder.resolve())


def test_pairing_id_that_climbs_out_of_the_output_folder(tmp_path):
    frames = tiny_frames()
    for table in ("pairings", "targets", "activities", "milestones"):
        frames[table]["pairing_id"] = frames[table]["pairing_id"].replace("PR1", "../../evil")
    folder = write_csv_dataset(tmp_path / "d", frames)
    out = tmp_path / "out"
    with pytest.raises(ReportError, match="cannot be a file name"):
        run_report(folder, period="2022", pairing="../../evil", out=out)
    result = runner.invoke(app, ["report", "--data", str(folder), "--period", "../../x",
                                 "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 1 and "not understood" in result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "d" != p.parent.name]
    assert written == []


def test_inside_refuses_paths_outside(tmp_path):
    from sgnet.report import _inside

    assert _inside(tmp_path, tmp_path / "2022Q4") == tmp_path / "2022Q4"
    with pytest.raises(ReportError, match="outside the output folder"):
        _inside(tmp_path, tmp_path / ".." / "x")


# ----------------------------------------------------------------------------- rejected rows

@pytest.fixture(scope="module")
def flawed(tmp_path_factory):
    frames = tiny_frames()
    frames["activities"].loc[1, "count"] = "二十来个"  # A2, row 3: one training of 2 lost
    frames["people"].loc[2, "org_id"] = "O404"  # P3, row 4 (no activity refers to P3)
    return write_csv_dataset(tmp_path_factory.mktemp("flawed") / "d", frames)


def test_funder_report_of_flawed_data_is_refused(flawed, tmp_path):
    with pytest.raises(RejectedRowsError):
        run_report(flawed, period="2022", out=tmp_path)
    result = runner.invoke(app, ["report", "--data", str(flawed), "--period", "2022",
                                 "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    # in the report's language: Chinese unless --lang en
    assert "activities.csv 第 3 行" in result.output and "「二十来个」" in result.output
    assert "--allow-rejected" in result.output and "未生成报告" in result.output
    english = runner.invoke(app, ["report", "--data", str(flawed), "--period", "2022",
                                  "--out", str(tmp_path), "--lang", "en"],
                            catch_exceptions=False)
    assert english.exit_code == 1
    assert "activities.csv row 3, count: '二十来个' not a number" in english.output
    assert "--allow-rejected" in english.output
    assert not (tmp_path / "2022").exists()


def test_allowed_funder_report_says_how_many_rows_were_left_out(flawed, tmp_path):
    result = runner.invoke(app, ["report", "--data", str(flawed), "--period", "2022",
                                 "--out", str(tmp_path), "--allow-rejected"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"activities\s+activities\.csv\s+7\s+7\s+6\s+1", result.output)
    assert "2 rows were rejected" in result.output
    page = (tmp_path / "2022" / "all.html").read_text(encoding="utf-8")
    assert "加载时有 2 行数据未通过校验,未计入本报告" in page
    assert "二十来个" not in page and "石社工" not in page  # no row listing for funders
    assert not (tmp_path / "2022" / "all.rejected_rows.csv").exists()


def test_internal_report_lists_the_rejected_rows(flawed, tmp_path):
    result = run_report(flawed, period="2022", audience="internal", out=tmp_path)
    page = result.html.read_text(encoding="utf-8")
    assert "以下 2 行数据未通过校验" in page
    assert "activities.csv row 3, count: '二十来个' not a number" in page
    assert result.rejected == 2 and result.rejected_csv.exists()
    rows = result.rejected_csv.read_text(encoding="utf-8-sig")
    assert "二十来个" in rows and "O404" in rows


def test_internal_and_english_reports_never_replace_the_funder_file(sample_reports):
    funder, internal = sample_reports["all"], sample_reports["internal"]
    assert internal.html.parent == funder.html.parent
    assert sorted(p.name for p in funder.html.parent.glob("all*.html")) == [
        "all.html", "all.internal.html"]
    # the funder's file, written before the internal run, is what a run of its own gives
    assert funder.html.read_bytes() == sample_reports["again"].html.read_bytes()
    assert sample_reports["pairing_en"].html.name == "PR01.en.html"
    page = internal.html.read_text(encoding="utf-8")
    assert "内部资料·请勿外发" in page
    assert "内部资料" not in funder.html.read_text(encoding="utf-8")


def test_a_batch_index_links_only_reports_of_its_own_audience():
    from sgnet.plan import make_plan

    funder = make_plan(period="2022Q4", each="pairing", only=["PR14"])
    internal = make_plan(period="2022Q4", each="pairing", only=["PR14"], audience="internal")
    assert [j.stem for j in funder.jobs] == ["PR14"]
    assert [j.stem for j in internal.jobs] == ["PR14.internal"]
