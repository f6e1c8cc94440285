"""Workbooks as program officers make them by hand, beyond those of test_ledgers.

Each test types a small 台账 with openpyxl the way a person would (Chinese sheets and headers,
Excel-typed cells, 小计 rows, a sheet copied by Excel, ids separated as people separate them)
and checks that nothing is lost, nothing invented, and every problem is located.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import tiny_frames, typed_cell, validate_cli
from typer.testing import CliRunner

import sgnet
from sgnet.template import HEADERS, SHEETS

runner = CliRunner()

#: the tiny activities as a person types them: numbers as numbers, dates as date cells
ACTIVITY_COLUMNS = ["activity_id", "kind", "start_date", "pairing_id", "host_org_id",
                    "target_org_id", "lead_person_ids", "count", "participants", "hours"]


def activity_rows() -> list[list[object]]:
    frame = tiny_frames()["activities"]
    return [[typed_cell(r[c], c) for c in ACTIVITY_COLUMNS] for _, r in frame.iterrows()]


def ledger(path: Path, activities: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]
           | None = None, edit: Callable[[openpyxl.Workbook], None] | None = None) -> Path:
    """The tiny dataset as a workbook with Chinese sheets and headers; ``activities`` types
    the 活动 sheet itself (header included) when given."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table, frame in tiny_frames().items():
        ws = book.create_sheet(SHEETS[table])
        if table == "activities" and activities is not None:
            activities(ws)
            continue
        ws.append([HEADERS[table][c] for c in frame.columns])
        for _, record in frame.iterrows():
            ws.append([typed_cell(record[c], c) for c in frame.columns])
    if edit is not None:
        edit(book)
    book.save(path)
    return path


def header() -> list[str]:
    return [HEADERS["activities"][c] for c in ACTIVITY_COLUMNS]


def header_and(rows: list[list[object]]) -> Callable[[openpyxl.worksheet.worksheet.Worksheet],
                                                     None]:
    """An 活动 sheet as the template heads it, then ``rows``."""
    def sheet(ws) -> None:
        ws.append(header())
        for r in rows:
            ws.append(r)
    return sheet


def total(label: str, rows: list[list[object]]) -> list[object]:
    """A 合计 row: the label in the first column, the sums under count, participants, hours."""
    out: list[object] = [None] * len(ACTIVITY_COLUMNS)
    out[0] = label
    for col in ("count", "participants", "hours"):
        j = ACTIVITY_COLUMNS.index(col)
        out[j] = sum(r[j] or 0 for r in rows)
    return out


# ----------------------------------------------------------------------------- 小计 and 合计

def test_subtotals_then_a_grand_total_are_all_right(tmp_path):
    rows = activity_rows()

    def sheet(ws):
        ws.append(header())
        for r in rows[:3]:
            ws.append(r)
        ws.append(total("小计", rows[:3]))
        for r in rows[3:]:
            ws.append(r)
        ws.append(total("小计", rows[3:]))
        ws.append(total("合计", rows))

    path = ledger(tmp_path / "台账.xlsx", sheet)
    problems = sgnet.validate(path)
    assert problems.empty, problems["message"].tolist()
    ds = sgnet.load(path)
    assert len(ds.activities) == len(rows)
    assert [n for n in ds.notices["message"] if "合计" in n] == [
        f"台账.xlsx[活动] row {r}: is a 合计 (total) row; checked against the rows above and "
        "left out" for r in (5, 10, 11)]


def test_a_wrong_grand_total_under_subtotals_names_the_sum_of_every_row(tmp_path):
    rows = activity_rows()
    wrong = total("合计", rows)
    wrong[ACTIVITY_COLUMNS.index("participants")] += 10

    def sheet(ws):
        ws.append(header())
        for r in rows[:3]:
            ws.append(r)
        ws.append(total("小计", rows[:3]))
        for r in rows[3:]:
            ws.append(r)
        ws.append(total("小计", rows[3:]))
        ws.append(wrong)

    result = validate_cli(ledger(tmp_path / "台账.xlsx", sheet), tmp_path)
    assert result.exit_code == 1
    assert "台账.xlsx[活动] 第 11 行,参与人数:「122」是 participants 的合计,但上方各行相加为 112" \
        in result.output, result.output
    assert result.output.count("的合计,但") == 1  # the 小计 rows were right


def test_a_total_right_under_the_header_is_checked_against_the_rows_below(tmp_path):
    rows = activity_rows()

    def sheet(ws):
        ws.append(header())
        ws.append(total("合计", rows))
        for r in rows:
            ws.append(r)

    path = ledger(tmp_path / "台账.xlsx", sheet)
    assert sgnet.validate(path).empty, sgnet.validate(path)["message"].tolist()
    assert len(sgnet.load(path).activities) == len(rows)

    def wrong(ws):
        ws.append(header())
        row = total("合计", rows)
        row[ACTIVITY_COLUMNS.index("count")] += 1
        ws.append(row)
        for r in rows:
            ws.append(r)

    messages = sgnet.validate(ledger(tmp_path / "错.xlsx", wrong))["message"].tolist()
    assert messages == ["错.xlsx[活动] row 2, count: '13' is the 合计 of count, but the rows "
                        "below it sum to 12; correct the total or the rows"]


# ----------------------------------------------------------------------------- copied sheets

def _copy_activities(title: str, extra_id: str | None = "A8"):
    def edit(book: openpyxl.Workbook) -> None:
        copy = book.copy_worksheet(book["活动"])
        copy.title = title
        if extra_id:
            copy.append([extra_id, "培训", dt.date(2022, 8, 1), "PR1", "O1", "O2", "P1", 1, 9])
    return edit


@pytest.mark.parametrize("title", ["活动 (2)", "活动（下半年）", "Activities (1)"])
def test_a_copy_of_a_sheet_is_not_ignored_silently(tmp_path, title):
    """Excel names a copied sheet 活动 (2); people keep adding rows to it."""
    path = ledger(tmp_path / "台账.xlsx", edit=_copy_activities(title))
    result = validate_cli(path, tmp_path)
    assert result.exit_code == 1, result.output
    assert f"台账.xlsx:工作表 活动 和 {title} 都是表 activities;请只保留一个(现只读取 活动)" \
        in result.output.replace("'", ""), result.output


def test_a_sheet_named_with_a_note_is_its_table(tmp_path):
    def edit(book: openpyxl.Workbook) -> None:
        book["活动"].title = "活动(2022年)"

    path = ledger(tmp_path / "台账.xlsx", edit=edit)
    assert sgnet.validate(path).empty, sgnet.validate(path)["message"].tolist()
    assert len(sgnet.load(path).activities) == len(activity_rows())


def test_a_second_csv_saved_as_a_copy_is_a_problem(tmp_path):
    from conftest import write_csv_dataset
    folder = write_csv_dataset(tmp_path / "d")
    (folder / "activities (1).csv").write_text(
        (folder / "activities.csv").read_text(encoding="utf-8"), encoding="utf-8")
    messages = sgnet.validate(folder)["message"].tolist()
    assert "d/: files activities.csv and activities (1).csv are both table activities; keep " \
        "one (only activities.csv is read)" in messages, messages


# ----------------------------------------------------------------------------- id lists

@pytest.mark.parametrize("typed", ["P1\nP2", "P1/P2", "P1 P2", "P1、P2", "P1 / P2", "P1\r\nP2"])
def test_lead_people_separated_as_people_separate_them(tmp_path, typed):
    """Alt+Enter in a cell, a slash or a space between two ids, as 、 and ， already are."""
    rows = activity_rows()
    rows[1][ACTIVITY_COLUMNS.index("lead_person_ids")] = typed

    sheet = header_and(rows)

    path = ledger(tmp_path / "台账.xlsx", sheet)
    assert sgnet.validate(path).empty, sgnet.validate(path)["message"].tolist()
    assert sgnet.load(path).activities.loc[3, "lead_person_ids"] == "P1;P2"


def test_an_unknown_id_in_a_list_on_two_lines_is_named_alone(tmp_path):
    rows = activity_rows()
    rows[1][ACTIVITY_COLUMNS.index("lead_person_ids")] = "P1\nP9"

    sheet = header_and(rows)

    messages = sgnet.validate(ledger(tmp_path / "台账.xlsx", sheet))["message"].tolist()
    assert messages == ["台账.xlsx[活动] row 3, lead_person_ids: 'P9' is not a person_id in "
                        "台账.xlsx[人员]"]


# ----------------------------------------------------------------------------- dates

@pytest.mark.parametrize("typed", [
    "２０２２年５月５日",            # full-width digits, as a Chinese input method types them
    "２０２２／５／５",
    "2022-05-05 09:30",            # a date and the hour it started
    dt.datetime(2022, 5, 5, 14, 30),  # a date-time cell shown as a date (format yyyy/m/d)
    "2022年5月5日 14:30",
])
def test_dates_as_people_type_them_are_the_date(tmp_path, typed):
    rows = activity_rows()
    rows[1][ACTIVITY_COLUMNS.index("start_date")] = typed

    sheet = header_and(rows)

    path = ledger(tmp_path / "台账.xlsx", sheet)
    assert sgnet.validate(path).empty, sgnet.validate(path)["message"].tolist()
    assert str(sgnet.load(path).activities.loc[3, "start_date"].date()) == "2022-05-05"


def test_a_time_alone_in_a_date_cell_is_still_a_problem(tmp_path):
    rows = activity_rows()
    rows[1][ACTIVITY_COLUMNS.index("start_date")] = dt.time(14, 30)

    sheet = header_and(rows)

    messages = sgnet.validate(ledger(tmp_path / "台账.xlsx", sheet))["message"].tolist()
    assert messages == ["台账.xlsx[活动] row 3, start_date: '14:30:00' not a date; use "
                        "YYYY-MM-DD (e.g. 2022-10-24)"]


def test_the_summary_names_every_table_in_chinese(tmp_path):
    result = validate_cli(ledger(tmp_path / "台账.xlsx"), tmp_path)
    assert "table." not in result.output, result.output
    assert "成果 " in result.output


# ----------------------------------------------------------------------------- headers

def test_two_columns_without_a_header_are_problems_not_a_traceback(tmp_path):
    rows = activity_rows()

    def sheet(ws):
        ws.append(header() + [None, None])
        for r in rows:
            ws.append(r + ["多写的", "又一个"])

    result = validate_cli(ledger(tmp_path / "台账.xlsx", sheet), tmp_path)
    assert result.exit_code == 1
    assert "台账.xlsx[活动] 第 2 行,K 列(无表头):「多写的」" in result.output, result.output
    assert "台账.xlsx[活动] 第 2 行,L 列(无表头):「又一个」" in result.output, result.output


def _two_level(ws) -> None:
    """活动时间 over 开始日期, 参与情况 over 数量 · 参与人数 · 时长; the other headers merged
    down over both rows, as such 台账 are drawn."""
    top, sub = [], []
    for h in header():
        group = {"开始日期": "活动时间", "数量": "参与情况", "参与人数": "参与情况",
                 "时长": "参与情况"}.get(h)
        top.append(group or h)
        sub.append(h if group else None)
    ws.append(top)
    ws.append(sub)
    for j, h in enumerate(sub, start=1):
        if h is None:
            ws.merge_cells(start_row=1, start_column=j, end_row=2, end_column=j)
    ws.merge_cells("H1:J1")
    for r in activity_rows():
        ws.append(r)


def test_a_two_level_header_reads_its_columns(tmp_path):
    path = ledger(tmp_path / "台账.xlsx", _two_level)
    assert sgnet.validate(path).empty, sgnet.validate(path)["message"].tolist()
    ds = sgnet.load(path)
    assert ds.activities.index.min() == 3  # the first record is row 3, as Excel shows it
    reference = sgnet.load(ledger(tmp_path / "plain.xlsx"))
    for col in ("activity_id", "start_date", "count", "participants", "hours"):
        assert ds.activities[col].tolist() == reference.activities[col].tolist(), col
    assert any("header" in n and "row 2" in n for n in ds.notices["message"]), ds.notices


def test_a_two_level_header_locates_a_bad_cell_by_its_excel_row(tmp_path):
    def sheet(ws):
        _two_level(ws)
        ws.cell(5, 3).value = "2022/13/01"

    messages = sgnet.validate(ledger(tmp_path / "台账.xlsx", sheet))["message"].tolist()
    assert messages == ["台账.xlsx[活动] row 5, start_date: '2022/13/01' not a date; use "
                        "YYYY-MM-DD (e.g. 2022-10-24)"]


@pytest.mark.parametrize("marked", [
    {"activity_id": "*活动编号", "kind": "活动类型*", "start_date": "＊开始日期"},
    {"start_date": "Start Date", "host_org_id": "Host Org ID",
     "lead_person_ids": "Lead Person IDs", "target_org_id": "target-org-id"},
])
def test_headers_marked_required_or_spelled_in_words_are_their_columns(tmp_path, marked):
    """A * marks a required column in many templates; English headers are written in words."""
    rows = activity_rows()

    def sheet(ws):
        ws.append([marked.get(c, HEADERS["activities"][c]) for c in ACTIVITY_COLUMNS])
        for r in rows:
            ws.append(r)

    path = ledger(tmp_path / "台账.xlsx", sheet)
    assert sgnet.validate(path).empty, sgnet.validate(path)["message"].tolist()
    ds = sgnet.load(path)
    reference = sgnet.load(ledger(tmp_path / "plain.xlsx"))
    for col in marked:
        assert ds.activities[col].tolist() == reference.activities[col].tolist(), col
    assert not any("kept as text" in n for n in ds.notices["message"]), ds.notices


@pytest.mark.parametrize(("column", "typed"), [
    ("lead_person_ids", "督导人员"), ("lead_person_ids", "负责督导"),
    ("target_org_id", "受援机构"), ("target_org_id", "服务机构"),
    ("host_org_id", "帮扶机构"), ("host_org_id", "实施机构"),
    ("hours", "用时"), ("pairing_id", "项目编号"),
    ("mode", "形式"), ("mode", "线上/线下"), ("topic", "活动内容"), ("topic", "内容"),
])
def test_validate_is_never_ok_while_a_column_is_read_as_empty(tmp_path, column, typed):
    """A header people write for a column that is absent is a problem naming it, not an extra
    column beside an empty one (帮扶机构 and 受援机构 are columns of 结对, not of 活动)."""
    rows = activity_rows()
    extra = [] if column in ACTIVITY_COLUMNS else [typed]  # mode, topic: a column added

    def sheet(ws):
        ws.append([typed if c == column else HEADERS["activities"][c] for c in ACTIVITY_COLUMNS]
                  + extra)
        for r in rows:
            ws.append(r + (["线上" if column == "mode" else "需求评估"] if extra else []))

    result = validate_cli(ledger(tmp_path / "台账.xlsx", sheet), tmp_path)
    assert result.exit_code == 1, result.output
    assert f"台账.xlsx[活动] 第 1 行,{typed}:" in result.output, result.output
    assert f"看起来像缺少的列 {HEADERS['activities'][column]}({column})" in result.output, \
        result.output


@pytest.mark.parametrize(("table", "column", "typed"), [
    ("people", "party_member", "政治面貌"), ("people", "since", "入职时间"),
    ("people", "since", "从业时间"), ("organizations", "parent_id", "主管单位"),
    ("organizations", "parent_id", "所属单位"), ("pairings", "end_date", "到期日期"),
])
def test_optional_columns_of_other_sheets_are_not_read_as_empty(tmp_path, table, column, typed):
    def edit(book: openpyxl.Workbook) -> None:
        for cell in book[SHEETS[table]][1]:
            if cell.value == HEADERS[table][column]:
                cell.value = typed

    result = validate_cli(ledger(tmp_path / "台账.xlsx", edit=edit), tmp_path)
    assert result.exit_code == 1, result.output
    assert f"台账.xlsx[{SHEETS[table]}] 第 1 行,{typed}:" in result.output, result.output


def test_a_chinese_message_names_the_column_as_the_template_heads_it(tmp_path):
    """数量 in 活动 and 成果 (not 次数, a header of no sheet), 成果名称 (not 机构名称)."""
    rows = activity_rows()
    rows[1][ACTIVITY_COLUMNS.index("count")] = "二十"

    sheet = header_and(rows)

    def edit(book: openpyxl.Workbook) -> None:
        book["成果"]["E2"].value = "五个"

    result = validate_cli(ledger(tmp_path / "台账.xlsx", sheet, edit), tmp_path)
    assert "台账.xlsx[活动] 第 3 行,数量:「二十」" in result.output, result.output
    assert "台账.xlsx[成果] 第 2 行,数量:「五个」" in result.output, result.output


# ----------------------------------------------------------------------------- regions

@pytest.mark.parametrize("typed", ["羅城仫佬族自治縣", "４５１２２５", "河池市罗城县", 451225])
def test_a_region_as_people_type_it_resolves(tmp_path, typed):
    def edit(book: openpyxl.Workbook) -> None:
        book["机构"]["D3"].value = typed

    path = ledger(tmp_path / "台账.xlsx", edit=edit)
    assert sgnet.validate(path).empty, sgnet.validate(path)["message"].tolist()
    assert sgnet.load(path).organizations.loc[3, "region"] == "451225"
