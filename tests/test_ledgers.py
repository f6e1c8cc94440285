"""Real 台账 as people keep them, and faults as people make them: nothing lost, nothing invented.

Each test builds its input the way a program officer (or an adversarial tester) would: a
workbook saved by openpyxl with a merged title row, a 序号 column, a 合计 row, units in its
headers, traditional characters, a hidden old sheet; a CSV typed by hand with a stray quote.
Workbooks are run through the real command (``typer.testing.CliRunner``) where the message
is the point, and through :func:`sgnet.metrics.headline` where the figures are.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import opencc
import openpyxl
import pandas as pd
import pytest
from conftest import plain, tiny_frames, typed_cell, validate_cli, write_csv_dataset
from typer.testing import CliRunner

import sgnet
from sgnet.audit import audit
from sgnet.cli import app
from sgnet.metrics import headline
from sgnet.paths import SAMPLE_DATA
from sgnet.template import HEADERS, SHEETS
from sgnet.words import KIND_WORDS

runner = CliRunner()
TRADITIONAL = opencc.OpenCC("s2t")

#: headers with a unit or note, as 台账 carry them (full- and half-width brackets)
UNITS = {"count": "次数（场）", "participants": "参与人数（人次）", "hours": "时长(小时)",
         "value": "目标值（个/人次）"}


def sample_frames() -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(SAMPLE_DATA / f"{name}.csv", dtype=str, keep_default_na=False)
            for name in SHEETS}


def sample_headline() -> list[int]:
    return headline(sgnet.load())["value"].tolist()


def _zh_values(frame: pd.DataFrame, table: str, traditional: bool) -> pd.DataFrame:
    """Kinds and metrics in Chinese (traditional characters when asked), as people type."""
    frame = frame.copy()
    convert = TRADITIONAL.convert if traditional else (lambda s: s)
    if table == "activities":
        frame["kind"] = frame["kind"].map(lambda k: convert(KIND_WORDS[k][0]))
    if table == "targets":
        frame["metric"] = frame["metric"].map(
            lambda m: convert(KIND_WORDS[m.removesuffix("_participants")][0]
                              + ("人次" if m.endswith("_participants") else "")))
    return frame


def ledger_workbook(path: Path, *, title: bool = True, serial: bool = True,
                    total: str | None = "合计", units: bool = True, traditional: bool = False,
                    hidden_old: bool = False, blank_rows: int = 0,
                    chinese_sheets: bool = True) -> Path:
    """The sample as a 台账 workbook written with openpyxl: Chinese sheets and headers,
    a merged title row, a 序号 column, a 合计 row, units in headers, Excel-typed cells."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table, frame in sample_frames().items():
        frame = _zh_values(frame, table, traditional)
        ws = book.create_sheet(SHEETS[table] if chinese_sheets else table)
        headers = [UNITS.get(c, HEADERS[table][c]) if units else HEADERS[table][c]
                   for c in frame.columns]
        if serial:
            headers = ["序号"] + headers
        top = 1
        if title:
            ws.cell(1, 1, f"2021—2023 年牵手计划{SHEETS[table]}台账")
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
            top = 2
        top += blank_rows
        for j, head in enumerate(headers, start=1):
            ws.cell(top, j, head)
        for i, record in enumerate(frame.itertuples(index=False), start=1):
            cells = [typed_cell(v, c) for v, c in zip(record, frame.columns, strict=True)]
            ws.append([i] + cells if serial else cells)
        if total and table == "activities":
            sums = {c: sum(float(v) for v in frame[c] if v) for c in ("count", "participants",
                                                                     "hours")}
            row = [None] * len(headers)
            row[0] = total
            for c, s in sums.items():
                row[list(frame.columns).index(c) + (1 if serial else 0)] = s
            ws.append(row)
    if hidden_old:
        old = book.create_sheet("activities")
        old.append(["activity_id", "kind", "start_date"])
        old.append(["OLD1", "training", dt.date(2020, 1, 1)])
        old.sheet_state = "hidden"
    book.save(path)
    return path


# ----------------------------------------------------------------------------- held-out ledgers

HELD_OUT = {
    "title, 序号, 合计, units": {},
    "traditional values, 总计, blank rows above the header": dict(traditional=True,
                                                               total="总计", blank_rows=2),
    "canonical sheets, no title, plain headers": dict(title=False, serial=False, total=None,
                                                     units=False, chinese_sheets=False),
    "序号 and 合计 without a title": dict(title=False, total="合 计"),
}


@pytest.mark.parametrize("kind", list(HELD_OUT))
def test_differently_made_workbooks_give_the_sample_figures(tmp_path, kind):
    path = ledger_workbook(tmp_path / "台账.xlsx", **HELD_OUT[kind])
    assert sgnet.validate(path).empty, sgnet.validate(path)["message"].tolist()
    assert headline(sgnet.load(path))["value"].tolist() == sample_headline()


def test_gbk_csv_folder_with_units_and_traditional_values(tmp_path):
    folder = tmp_path / "台账"
    folder.mkdir()
    for table, frame in sample_frames().items():
        frame = _zh_values(frame, table, traditional=True)
        frame.columns = [UNITS.get(c, HEADERS[table][c]) for c in frame.columns]
        frame.insert(0, "序号", range(1, len(frame) + 1))
        frame.to_csv(folder / f"{SHEETS[table]}.csv", index=False, encoding="gb18030")
    assert sgnet.validate(folder).empty
    assert headline(sgnet.load(folder))["value"].tolist() == sample_headline()


def test_layout_is_said_in_the_notices(tmp_path):
    path = ledger_workbook(tmp_path / "台账.xlsx")
    result = validate_cli(path, tmp_path)
    assert result.exit_code == 0, result.output
    out = plain(result.output)
    assert "台账.xlsx[活动]:表头(第 2 行)上方的第 1–1 行是标题或空行,已跳过" in out
    assert "是序号列,已略去" in out
    total_row = len(sgnet.load().activities) + 3  # title row 1, header row 2, records below
    assert f"台账.xlsx[活动] 第 {total_row} 行:是合计行;已与上方各行核对,并略去" in out


def test_a_wrong_total_is_a_problem_naming_the_sum(tmp_path):
    path = ledger_workbook(tmp_path / "台账.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["活动"]
    count_col = [c.value for c in ws[2]].index(UNITS["count"]) + 1
    ws.cell(ws.max_row, count_col, 1)
    book.save(path)
    problems = sgnet.validate(path)
    assert problems["check"].tolist() == ["total"]
    assert "is the 合计 of count, but the rows above it sum to" in problems["message"][0]


def test_hidden_old_sheet_is_a_problem_naming_both(tmp_path):
    path = ledger_workbook(tmp_path / "台账.xlsx", hidden_old=True)
    problems = sgnet.validate(path)
    assert problems["check"].tolist() == ["hidden_sheet"]
    assert "sheet 'activities' is hidden" in problems["message"][0]
    assert "(sheet '活动' is read)" in problems["message"][0]
    assert headline(sgnet.load(path, errors="drop"))["value"].tolist() == sample_headline()


def test_two_files_for_one_table_name_both(tmp_path):
    folder = write_csv_dataset(tmp_path / "d")
    (folder / "活动.csv").write_text((folder / "activities.csv").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    problems = sgnet.validate(folder)
    assert problems["check"].tolist() == ["two_sources"]
    assert "files activities.csv and 活动.csv are both table activities" in \
        problems["message"][0]


def test_formula_without_a_saved_value_is_a_problem(tmp_path):
    path = ledger_workbook(tmp_path / "台账.xlsx", title=False, serial=False, total=None)
    book = openpyxl.load_workbook(path)
    ws = book["活动"]
    col = [c.value for c in ws[1]].index(UNITS["participants"]) + 1
    ws.cell(3, col, "=1+1")
    book.save(path)
    problems = sgnet.validate(path)
    assert problems[["row", "column", "check"]].to_numpy().tolist() == \
        [[3, "participants", "formula"]]


# ----------------------------------------------------------------------------- headers

@pytest.mark.parametrize(("header", "column"), [
    ("参训人数（人）", "participants"), ("次数（场）", "count"), ("时长（h）", "hours"),
    ("時長(小時)", "hours"), ("Participants (people)", "participants"),
])
def test_a_header_with_a_unit_maps_to_its_column(tmp_path, header, column):
    frames = tiny_frames()
    frames["activities"] = frames["activities"].rename(columns={column: header})
    folder = write_csv_dataset(tmp_path / "d", frames)
    assert sgnet.validate(folder).empty
    assert headline(sgnet.load(folder))["value"].tolist() == \
        headline(sgnet.load(write_csv_dataset(tmp_path / "e")))["value"].tolist()


@pytest.mark.parametrize(("header", "column"), [
    ("结对项目", "pairing_id"), ("参训", "participants"), ("pairng_id", "pairing_id"),
    ("活动时数", "hours"),
])
def test_a_header_that_looks_like_an_absent_column_is_a_problem(tmp_path, header, column):
    frames = tiny_frames()
    frames["activities"] = frames["activities"].rename(columns={column: header})
    problems = sgnet.validate(write_csv_dataset(tmp_path / "d", frames))
    found = problems[problems["check"] == "header"]
    assert found[["row", "column"]].to_numpy().tolist() == [[1, header]]
    assert f"looks like {column}" in found["message"].iloc[0]


def test_extra_and_absent_columns_are_listed(tmp_path):
    frames = tiny_frames()
    frames["activities"]["备注"] = "见附件"
    result = audit(write_csv_dataset(tmp_path / "d", frames))
    assert result.problems.empty
    said = dict(zip(result.notices["check"], result.notices["message"], strict=False))
    assert said["extra_column"] == "activities.csv, 备注: is not a column sgnet knows; kept as text"
    assert said["absent_column"].endswith("optional columns absent (left empty): mode, topic, "
                                          "source, status")


# ----------------------------------------------------------------------------- lines

def test_a_stray_quote_is_located_by_its_lines(tmp_path):
    folder = write_csv_dataset(tmp_path / "d")
    lines = (folder / "activities.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",P1;P2,", ',"P1;P2 带队,', 1)  # line 3 opens a quote
    (folder / "activities.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = audit(folder)
    stray = result.problems[result.problems["check"] == "stray_quote"]
    assert stray["row"].tolist() == [3]
    assert "a stray '\"' at line 3 opens a cell that runs to line 8: lines 4–8 were " \
        "swallowed into it" in stray["message"].iloc[0]
    counts = result.counts.set_index("table").loc["activities"]
    assert (counts["lines"], counts["read"]) == (7, 2)


def test_a_cell_over_the_csv_field_limit_is_not_a_traceback(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[0, "topic"] = "长" * 200_000
    frames["activities"].loc[1, "kind"] = "training,extra"  # a ragged row: the slow reader
    folder = write_csv_dataset(tmp_path / "d", frames)
    result = validate_cli(folder, tmp_path, "--lang", "en")
    assert result.exit_code == 1


# ----------------------------------------------------------------------------- files

def test_unreadable_files_are_file_problems(tmp_path):
    folder = write_csv_dataset(tmp_path / "d")
    (folder / "targets.csv").unlink()
    (folder / "targets.csv").symlink_to(tmp_path / "gone.csv")
    (folder / "people.csv").unlink()
    (folder / "people.csv").mkdir()
    result = validate_cli(folder, tmp_path, "--lang", "en")
    assert result.exit_code == 1
    out = plain(result.output)
    assert "targets.csv: cannot be read: it is a link to a file that does not exist" in out
    assert "people.csv: is a folder, not a file" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file of mode 000")
def test_a_file_without_read_permission_is_a_file_problem(tmp_path):
    folder = write_csv_dataset(tmp_path / "d")
    (folder / "people.csv").chmod(0)
    try:
        problems = sgnet.validate(folder)
    finally:
        (folder / "people.csv").chmod(0o644)
    assert "permission denied" in problems["message"][0]


# ----------------------------------------------------------------------------- numbers, dates

GRAMMAR_CASES = [
    ("hours", "2,5", "a comma only separates thousands"),
    ("participants", "10,30", "a comma only separates thousands"),
    ("hours", "inf", "not a number"),
    ("hours", "NaN", "not a number"),
    ("participants", "500000000", "is more than 100,000"),
    ("participants", "1e20", "is more than 100,000"),
    ("count", "99999", "is more than 10,000"),
    ("start_date", "9999-12-31", "is outside the dates sgnet accepts (2000–2100)"),
    ("start_date", "1899-12-31", "is outside the dates sgnet accepts (2000–2100)"),
    ("start_date", "1500-01-01", "is outside the dates sgnet accepts"),
]


@pytest.mark.parametrize(("column", "value", "fragment"), GRAMMAR_CASES)
def test_numbers_and_dates_follow_one_grammar(tmp_path, column, value, fragment):
    frames = tiny_frames()
    frames["activities"].loc[0, column] = value
    folder = write_csv_dataset(tmp_path / "d", frames)
    problems = sgnet.validate(folder)
    assert problems["row"].tolist() == [2], problems["message"].tolist()
    assert fragment in problems["message"][0]


def test_no_command_crashes_on_values_outside_the_grammar(tmp_path):
    """Every case above in one dataset (a row each): report and template go on."""
    frames = tiny_frames()
    acts = frames["activities"]
    more = acts.copy()
    more["activity_id"] = more["activity_id"] + "b"
    acts = pd.concat([acts, more], ignore_index=True)
    for i, (column, value, _) in enumerate(GRAMMAR_CASES):
        acts.loc[i, column] = value
    frames["activities"] = acts
    folder = write_csv_dataset(tmp_path / "d", frames)
    assert len(sgnet.validate(folder).drop_duplicates("row")) >= len(GRAMMAR_CASES)
    for command in (["report", "--data", str(folder), "--out", str(tmp_path / "r"),
                     "--allow-rejected", "--period", "2022", "--format", "html"],
                    ["template", str(tmp_path / "t.xlsx"), "--fill", str(folder)]):
        result = runner.invoke(app, command)
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        assert "Traceback" not in result.output


def test_thousands_and_full_width_digits_are_numbers(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[0, "participants"] = "1,020"
    frames["activities"].loc[1, "participants"] = "５０"
    ds = sgnet.load(write_csv_dataset(tmp_path / "d", frames))
    assert ds.activities["participants"].tolist()[:2] == [1020, 50]


def test_9999_is_no_end_date_for_a_pairing(tmp_path):
    frames = tiny_frames()
    frames["pairings"].loc[0, "end_date"] = "9999-12-31"
    result = audit(write_csv_dataset(tmp_path / "d", frames))
    assert result.problems.empty
    assert result.dataset.pairings["end_date"].isna().all()
    assert result.notices["check"].tolist().count("open_end") == 1


def test_a_number_in_an_xlsx_date_cell_is_not_a_date_in_1900(tmp_path):
    path = ledger_workbook(tmp_path / "台账.xlsx", title=False, serial=False, total=None)
    book = openpyxl.load_workbook(path)
    ws = book["活动"]
    ws.cell(2, 3, 5).number_format = "yyyy-mm-dd"  # shown by Excel as 1900-01-05
    book.save(path)
    problems = sgnet.validate(path)
    assert problems[["row", "column"]].to_numpy().tolist() == [[2, "start_date"]]
    assert "is outside the dates sgnet accepts" in problems["message"][0]


# ----------------------------------------------------------------------------- vocabulary

@pytest.mark.parametrize(("metric", "canonical"), [
    ("培训", "training"), ("培训人次", "training_participants"), ("走访社工站", "station_visit"),
    ("个督人数", "individual_supervision_participants"), ("團督", "group_supervision"),
    ("培訓人次", "training_participants"),
])
def test_target_metrics_in_chinese(tmp_path, metric, canonical):
    frames = tiny_frames()
    frames["targets"].loc[3, "metric"] = metric
    ds = sgnet.load(write_csv_dataset(tmp_path / "d", frames))
    assert ds.targets["metric"].iloc[3] == canonical


def test_traditional_kinds_and_a_near_miss_in_chinese(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[0, "kind"] = "個督"
    frames["activities"].loc[1, "kind"] = "團體督導"
    frames["activities"].loc[2, "kind"] = "团体都导"
    folder = write_csv_dataset(tmp_path / "d", frames)
    result = validate_cli(folder, tmp_path)
    assert result.exit_code == 1
    out = plain(result.output)
    assert "activities.csv 第 4 行,活动类型:「团体都导」无法识别的值(是不是“团体督导”?)" in out
    problems = sgnet.validate(folder)
    assert problems[["file", "table", "row", "column", "value", "check"]].to_numpy().tolist() \
        == [["activities.csv", "activities", 4, "kind", "团体都导", "value"]]


def test_english_messages_on_request(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[2, "kind"] = "团体都导"
    result = validate_cli(write_csv_dataset(tmp_path / "d", frames), tmp_path, "--lang", "en")
    assert "activities.csv row 4, kind: '团体都导' unknown value (did you mean 团体督导?)" in \
        plain(result.output)
    saved = pd.read_csv(tmp_path / "p.csv", encoding="utf-8-sig", dtype=str)
    assert list(saved.columns)[:7] == ["file", "table", "row", "column", "value", "check",
                                       "message"]


# ----------------------------------------------------------------------------- across tables

def test_parent_cycle_and_self_parent_are_problems(tmp_path):
    frames = tiny_frames()
    frames["organizations"].loc[0, "parent_id"] = "O1"  # itself
    frames["organizations"].loc[1, "parent_id"] = "O4"
    frames["organizations"].loc[4, "parent_id"] = "O2"  # O2 → O4 → O2
    problems = sgnet.validate(write_csv_dataset(tmp_path / "d", frames))
    assert problems[["row", "check"]].to_numpy().tolist() == \
        [[2, "parent_cycle"], [3, "parent_cycle"], [6, "parent_cycle"]]


def test_activity_outside_its_pairing_and_unrelated_host_are_warnings(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[0, "host_org_id"] = "O4"  # PR1 is O1 → O2
    result = audit(write_csv_dataset(tmp_path / "d", frames))
    assert result.problems.empty
    said = [tuple(r) for r in result.notices.dropna(subset=["row"])[["row", "column", "check"]]
            .astype(object).to_numpy().tolist()]
    assert (2, "host_org_id", "unrelated_org") in said
    assert (8, "start_date", "outside_pairing") in said  # A7, 2021-12-15, before PR1


def test_a_current_district_resolves(tmp_path):
    frames = tiny_frames()
    frames["organizations"].loc[0, "region"] = "深圳市龙华区"
    frames["organizations"].loc[1, "region"] = "龙华区"
    problems = sgnet.validate(write_csv_dataset(tmp_path / "d", frames))
    assert problems["row"].tolist() == [3]
    assert "matches several places: 440309 广东省深圳市龙华区, 460106 海南省海口市龙华区" in \
        problems["message"][0]


def test_an_old_code_with_a_successor_is_read_as_it_and_said(tmp_path):
    frames = tiny_frames()
    frames["organizations"].loc[4, "region"] = "139001"  # 定州市 before 2015, now 130682
    result = audit(write_csv_dataset(tmp_path / "d", frames))
    assert result.problems.empty
    assert result.dataset.organizations["region"].tolist()[4] == "130682"
    replaced = result.notices[result.notices["check"] == "region_replaced"]
    assert replaced["message"].tolist() == [
        "organizations.csv row 6, region: '139001' is the old code of 定州市, replaced by "
        "130682 河北省保定市定州市; read as 130682"]
