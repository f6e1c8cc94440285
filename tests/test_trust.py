"""Trust over time, through the real CLI: approve, edit as in Excel, validate, diff, check."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest
from conftest import plain
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

import sgnet
from sgnet.approvals import approvals_file
from sgnet.cli import app
from sgnet.paths import SAMPLE_DATA

runner = CliRunner()


def cli(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, plain(result.output)


@pytest.fixture
def workbook(tmp_path):
    """The sample as a program officer keeps it: one workbook made by sgnet template."""
    book = tmp_path / "台账.xlsx"
    assert cli("template", book, "--fill", SAMPLE_DATA)[0] == 0
    return book


def _edit(book, activity_id, column_header, value):
    """Change one cell of the 活动 sheet as a user would in Excel (openpyxl, save)."""
    wb = load_workbook(book)
    ws = wb["活动"]
    headers = [c.value for c in ws[1]]
    col = headers.index(column_header) + 1
    for row in ws.iter_rows(min_row=2):
        if row[0].value == activity_id:
            ws.cell(row[0].row, col).value = value
            wb.save(book)
            return row[0].row
    raise AssertionError(f"{activity_id} not found")


def _an_activity(period, pairing=None):
    ds = sgnet.load().select(period=period, pairing=pairing)
    return ds.activities.sort_values("activity_id").iloc[0]["activity_id"]


def test_approve_then_an_edit_is_flagged_exactly(workbook):
    assert cli("validate", workbook)[0] == 0
    code, text = cli("approve", workbook, "--period", "2023Q2", "--by", "王审核",
                     "--note", "季度审核")
    assert code == 0 and "approved: 2023Q2" in text
    record = json.loads(approvals_file(workbook).read_text(encoding="utf-8").splitlines()[0])
    # fingerprints only: no cell value of any record is kept
    names = set(sgnet.load(workbook).people["name"]) | set(sgnet.load(workbook).activities[
        "topic"].dropna())
    kept = json.dumps(record["rows"], ensure_ascii=False)
    assert not any(n in kept for n in names)
    assert cli("validate", workbook)[0] == 0  # nothing edited yet

    inside = _an_activity("2023Q2")
    row = _edit(workbook, inside, "数量", 99)
    code, text = cli("validate", workbook)
    assert code == 1
    assert f" {inside}: changed after 2023Q2 approved by 王审核" in text
    assert len(re.findall(r": (?:added|removed|changed) after", text)) == 1  # that row only
    # an edit outside the approved period is not an approval problem
    outside = _an_activity("2022Q4")
    _edit(workbook, outside, "数量", 7)
    assert plain(runner.invoke(app, ["validate", str(workbook)]).output).count(
        "after 2023Q2 approved") == 1
    assert row > 1

    # revoking reopens the period, and the file keeps the history
    assert cli("approve", workbook, "--period", "2023Q2", "--by", "王审核", "--revoke")[0] == 1
    code, _ = cli("approve", workbook, "--period", "2023Q2", "--by", "王审核", "--revoke",
                  "--reason", "补录")
    assert code == 0 and cli("validate", workbook)[0] == 0
    lines = approvals_file(workbook).read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["action"] for x in lines] == ["approve", "revoke"]


def test_diff_lists_exactly_the_edits(tmp_path):
    old = tmp_path / "old"
    shutil.copytree(SAMPLE_DATA, old)
    new = tmp_path / "new"
    shutil.copytree(SAMPLE_DATA, new)
    acts = pd.read_csv(new / "activities.csv", dtype=str, keep_default_na=False)
    first, second = acts.index[0], acts.index[1]
    changed_id, removed_id = acts.at[first, "activity_id"], acts.at[second, "activity_id"]
    acts.at[first, "participants"] = "777"
    acts["start_date"] = acts["start_date"].str.replace("-", "/")  # reformatted, same dates
    added = acts.iloc[[2]].copy()
    added["activity_id"] = "A-NEW-1"
    acts = pd.concat([acts.drop(index=second), added]).iloc[::-1]  # rows moved around
    acts.to_csv(new / "activities.csv", index=False)
    code, text = cli("diff", old, new, "--csv", tmp_path / "changes.csv")
    assert code == 1
    assert f"activities {changed_id}: participants: '" in text and "→ '777'" in text
    assert f"activities {removed_id}: removed" in text and "activities A-NEW-1: added" in text
    assert "activities: 1 added, 1 removed, 1 changed" in text
    changes = pd.read_csv(tmp_path / "changes.csv", encoding="utf-8-sig", dtype=str)
    assert len(changes) == 3
    assert cli("diff", old, old)[0] == 0


def test_a_report_check_goes_from_matches_to_changed(workbook, tmp_path):
    pid = "PR14"
    result = sgnet.run_report(workbook, period="2022Q4", pairing=pid, out=tmp_path / "r")
    page = result.html.read_text(encoding="utf-8")
    assert "数据指纹" in page and "审核状态:未审核" in page
    docx = result.html.with_suffix(".docx")
    assert "数据指纹" in " ".join(p.text for p in Document(str(docx)).paragraphs)
    for report in (result.html, result.notebook, docx):
        code, text = cli("report", "--check", report)
        assert code == 0 and text.startswith("matches"), text
    inside = _an_activity("2022Q4", pid)
    before = int(sgnet.load(workbook).activities.set_index("activity_id").loc[inside, "count"])
    _edit(workbook, inside, "数量", 42)
    for report in (result.html, docx):
        code, text = cli("report", "--check", report)
        assert code == 1 and f"changed: 1 row (activities {inside} changed)" in text
    # undo the edit, then edit a record this report does not stand on: it matches again
    _edit(workbook, inside, "数量", before)
    _edit(workbook, _an_activity("2023Q2"), "数量", 42)
    code, text = cli("report", "--check", result.html)
    assert code == 0 and "changed, but not the records this report counts" in text


def test_funder_report_says_approved_without_the_name(workbook, tmp_path):
    assert cli("approve", workbook, "--period", "2022Q4", "--by", "王审核")[0] == 0
    funder = sgnet.run_report(workbook, period="2022Q4", pairing="PR14", out=tmp_path / "f")
    page = funder.html.read_text(encoding="utf-8")
    assert "已审核(" in page and "王审核" not in page
    assert "王审核" not in funder.notebook.read_text(encoding="utf-8")
    internal = sgnet.run_report(workbook, period="2022Q4", pairing="PR14",
                                audience="internal", out=tmp_path / "f")
    assert "已审核(王审核," in internal.html.read_text(encoding="utf-8")


def test_the_same_records_in_a_workbook_and_in_csv_files_are_no_change(workbook):
    code, text = cli("diff", SAMPLE_DATA, workbook)
    assert code == 0, text
    assert "no record was added, removed or changed" in text


def test_reports_count_statuses_and_approved_only_counts_approved_rows(workbook, tmp_path):
    ds = sgnet.load(workbook)
    q4 = ds.select(period="2022Q4", pairing="PR14").activities
    trainings = q4[q4["kind"] == "training"].sort_values("activity_id")
    assert len(trainings) >= 2
    approved, draft = trainings["activity_id"].iloc[0], trainings["activity_id"].iloc[1]
    wb = load_workbook(workbook)
    ws = wb["活动"]
    headers = [c.value for c in ws[1]]
    col = headers.index("状态") + 1
    for row in ws.iter_rows(min_row=2):
        if row[0].value in (approved, draft):
            ws.cell(row[0].row, col).value = "已审核" if row[0].value == approved else "草稿"
    wb.save(workbook)
    all_rows = sgnet.run_report(workbook, period="2022Q4", pairing="PR14", formats="html",
                                out=tmp_path / "all")
    page = all_rows.html.read_text(encoding="utf-8")
    # the one draft activity, and the approved one beside the sample's approved outcomes
    assert re.search(r"本期计入的记录按审核状态:草稿 1 条、已审核 \d+ 条、未标注 \d+ 条", page)
    only = sgnet.run_report(workbook, period="2022Q4", pairing="PR14", formats="html",
                            out=tmp_path / "only", approved_only=True)
    page = only.html.read_text(encoding="utf-8")
    assert "(仅计已审核的记录)" in page
    count = int(trainings["count"].iloc[0])
    assert re.search(rf"data-metric=[\"']trainings[\"']><div class=[\"']sg-value[\"']>{count}<",
                     page)


@pytest.mark.parametrize("period", ["2023Q2", "2022Q4", "2022"])
def test_rows_looked_up_from_the_whole_data_equal_rows_hashed_per_report(period):
    """A batch hashes the data's rows once and looks each report's rows up (plan.make_plan):
    the provenance must be the one a report computing its own hashes records."""
    from sgnet.identity import row_fingerprints
    from sgnet.provenance import SCOPE_TABLES, provenance

    ds = sgnet.load()
    hashes = row_fingerprints(ds, tables=SCOPE_TABLES)
    p = sgnet.parse_period(period)
    for pairing in [None, *sorted(ds.pairings["pairing_id"])]:
        alone = provenance(SAMPLE_DATA, ds, p, parameters={}, pairing=pairing)
        looked_up = provenance(SAMPLE_DATA, ds, p, parameters={}, pairing=pairing,
                               hashes=hashes)
        assert looked_up == alone
        assert sum(map(len, alone["rows"].values())) > 0
