"""The bad-input corpus: every kind of fault real spreadsheets bring, through the real CLI.

Each case builds a dataset from the tiny fixture with one fault and runs ``sgnet validate`` as a
user would (typer's runner with ``catch_exceptions=False``: a traceback fails the test). It must
exit 1 and print a message naming the file, row, column, value and reason. Valid variants must
load silently. A property test then injects faults of the same families into random rows and
tables the corpus never names.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import tiny_frames, write_csv_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import sgnet
from sgnet.cli import app
from sgnet.schema import SCHEMAS, parse_kind, references
from sgnet.vocab import COLUMN_ALIASES, FILE_STEMS

runner = CliRunner()


def run_validate(tmp_path: Path, data: Path):
    errors = tmp_path / "validation_errors.csv"
    result = runner.invoke(app, ["validate", str(data), "--errors-csv", str(errors),
                                 "--lang", "en"], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


# ----------------------------------------------------------------------------- builders

def cell(table: str, index: int, column: str, value: str) -> Callable[[Path], Path]:
    """A CSV dataset with one cell changed (index: 0-based record, spreadsheet row index+2)."""
    def build(folder: Path) -> Path:
        frames = tiny_frames()
        frames[table].loc[index, column] = value
        return write_csv_dataset(folder, frames)
    return build


def csv_text(table: str, edit: Callable[[str], str], encoding: str = "utf-8"
             ) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        write_csv_dataset(folder)
        path = folder / f"{table}.csv"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding=encoding)
        return folder
    return build


def csv_bytes(table: str, data: bytes | Callable[[Path], bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        write_csv_dataset(folder)
        (folder / f"{table}.csv").write_bytes(data(folder) if callable(data) else data)
        return folder
    return build


def workbook(path: Path, frames: dict[str, pd.DataFrame] | None = None) -> Path:
    with pd.ExcelWriter(path) as writer:
        for name, frame in (frames or tiny_frames()).items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return path


def book_edit(edit: Callable[[openpyxl.Workbook], None]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True)
        path = workbook(folder / "records.xlsx")
        book = openpyxl.load_workbook(path)
        edit(book)
        book.save(path)
        return path
    return build


def drop_column(table: str, column: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        frames = tiny_frames()
        frames[table] = frames[table].drop(columns=[column])
        return write_csv_dataset(folder, frames)
    return build


def xlsx_bytes(folder: Path) -> bytes:
    return workbook(folder / "x.xlsx").read_bytes()


def _set(sheet: str, ref: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        book[sheet][ref].value = value
    return edit


def _merge(sheet: str, ref: str) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        book[sheet].merge_cells(ref)
    return edit


def _remove(sheet: str) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        del book[sheet]
    return edit


def _text_cell(sheet: str, ref: str, value: str) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        book[sheet][ref].value = value
        book[sheet][ref].data_type = "s"  # typed as text, as a cell formatted "@" holds it
    return edit


def _second_file_joined(text: str) -> str:
    return text + "\ufeff" + text.replace("A", "B")  # the copy's ids differ: only the header repeats


def _extra_cell(row: int) -> Callable[[str], str]:
    def edit(text: str) -> str:
        lines = text.splitlines()
        lines[row - 1] += ",stray note"
        return "\n".join(lines) + "\n"
    return edit


def _duplicate_header(text: str) -> str:
    lines = text.splitlines()
    lines[0] = lines[0].replace("participants", "count")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- the corpus

# kind of fault, builder, fragments that must appear in one printed message
CORPUS: list[tuple[str, Callable[[Path], Path], list[str]]] = [
    ("duplicate id", cell("activities", 1, "activity_id", "A1"),
     ["activities.csv row 3, activity_id: 'A1'", "appears more than once"]),
    ("duplicate person id", cell("people", 2, "person_id", "P1"),
     ["people.csv row 4, person_id: 'P1'", "appears more than once"]),
    ("unknown organization", cell("pairings", 0, "mentor_org_id", "O404"),
     ["pairings.csv row 2, mentor_org_id: 'O404' is not an org_id in organizations.csv"]),
    ("unknown person", cell("activities", 2, "lead_person_ids", "P2;P9"),
     ["activities.csv row 4, lead_person_ids: 'P9' is not a person_id in people.csv"]),
    ("unknown pairing", cell("targets", 1, "pairing_id", "PR7"),
     ["targets.csv row 3, pairing_id: 'PR7' is not a pairing_id in pairings.csv"]),
    ("end before start", cell("pairings", 1, "end_date", "2021-01-01"),
     ["pairings.csv row 3, end_date: '2021-01-01' is before start_date"]),
    ("impossible month and day", cell("people", 0, "since", "2022-13-45"),
     ["people.csv row 2, since: '2022-13-45' is not a real calendar date"]),
    ("impossible day of month", cell("pairings", 0, "start_date", "2022-02-30"),
     ["pairings.csv row 2, start_date: '2022-02-30' is not a real calendar date"]),
    ("Excel serial date in a CSV", cell("activities", 3, "end_date", "44858"),
     ["activities.csv row 5, end_date: '44858' looks like an Excel serial date (2022-10-24?)"]),
    ("Excel serial date typed as text in a workbook",
     book_edit(_text_cell("activities", "C4", "44858")),
     ["records.xlsx[activities] row 4, start_date: '44858' looks like an Excel serial date"]),
    ("ambiguous day/month date", cell("activities", 4, "start_date", "07/01/2022"),
     ["activities.csv row 6, start_date: '07/01/2022' not a date; use YYYY-MM-DD"]),
    ("negative count", cell("activities", 4, "count", "-2"),
     ["activities.csv row 6, count: '-2' must be at least 1"]),
    ("negative hours", cell("activities", 0, "hours", "-3"),
     ["activities.csv row 2, hours: '-3' must be at least 0"]),
    ("count in Chinese words", cell("activities", 1, "participants", "二十来个"),
     ["activities.csv row 3, participants: '二十来个' not a number"]),
    ("fractional people", cell("activities", 1, "participants", "12.5"),
     ["activities.csv row 3, participants: '12.5' not a whole number"]),
    ("unknown activity kind", cell("activities", 5, "kind", "跳舞"),
     ["activities.csv row 7, kind: '跳舞' unknown value; use one of training"]),
    ("unknown organization kind", cell("organizations", 2, "kind", "公司"),
     ["organizations.csv row 4, kind: '公司' unknown value"]),
    ("unknown target metric", cell("targets", 2, "metric", "跳舞"),
     ["targets.csv row 4, metric: '跳舞' unknown value"]),
    ("missing required column", drop_column("activities", "start_date"),
     ["activities.csv row 1, start_date: required column start_date is missing"]),
    ("missing required value", cell("people", 1, "name", ""),
     ["people.csv row 3, name: is empty; this column is required"]),
    ("region that resolves to nothing", cell("organizations", 4, "region", "火星"),
     ["organizations.csv row 6, region: '火星' matches no administrative division"]),
    ("region that resolves to several places", cell("organizations", 3, "region", "朝阳区"),
     ["organizations.csv row 5, region: '朝阳区' matches several places"]),
    ("pairing whose mentor is its mentee", cell("pairings", 1, "mentee_org_id", "O1"),
     ["pairings.csv row 3, mentee_org_id: 'O1' is the same organization as mentor_org_id"]),
    ("year out of range", cell("targets", 0, "year", "22"),
     ["targets.csv row 2, year: '22' must lie between 2000 and 2100"]),
    ("the same target twice", cell("targets", 3, "pairing_id", "PR1"),
     ["targets.csv row 5", "repeats the same pairing, metric and year"]),
    ("empty file", csv_bytes("people", b""), ["people.csv: the file is empty"]),
    ("not text at all", csv_bytes("targets", bytes(range(256)) * 4),
     ["targets.csv: not a text file"]),
    ("a workbook renamed to .csv", csv_bytes("organizations", xlsx_bytes),
     ["organizations.csv: is an Excel workbook (.xlsx) renamed to .csv"]),
    ("UTF-16 text", csv_text("people", lambda t: t, encoding="utf-16"),
     ["people.csv: is UTF-16 text"]),
    ("a workbook with a missing sheet", book_edit(_remove("pairings")),
     ["records.xlsx: the sheet for table pairings (结对) is missing (the workbook has sheets:"]),
    ("merged header cells", book_edit(_merge("activities", "C1:D1")),
     ["records.xlsx[activities] row 1, start_date: header cells C1:D1 are merged",
      "records.xlsx[activities] row 3, column D (no header): '2022-05-06'"]),
    ("merged cells in the body", book_edit(_merge("activities", "E5:E8")),
     ["records.xlsx[activities] row 6, pairing_id: is empty because cells E5:E8 are merged"]),
    ("Excel error value", book_edit(_set("activities", "J3", "#DIV/0!")),
     ["records.xlsx[activities] row 3, participants: holds an Excel error value"]),
    ("a damaged workbook", lambda f: (f.mkdir(), (f / "r.xlsx").write_bytes(b"PK\x03\x04zz"),
                                      f / "r.xlsx")[2],
     ["r.xlsx: not a readable .xlsx workbook"]),
    ("BOM in the middle: two files joined", csv_text("activities", _second_file_joined),
     ["activities.csv row 9, activity_id: 'activity_id' this row repeats the header row"]),
    ("a row with more cells than the header", csv_text("people", _extra_cell(3)),
     ["people.csv row 3, column G (no header): 'stray note' is in a column with no header"]),
    ("the same header twice", csv_text("activities", _duplicate_header),
     ["activities.csv row 1, count: the header appears twice"]),
    ("unknown mode", cell("activities", 2, "mode", "飞鸽传书"),
     ["activities.csv row 4, mode: '飞鸽传书' unknown value"]),
]


def test_corpus_covers_at_least_20_kinds():
    assert len({kind for kind, _, _ in CORPUS}) >= 20


@pytest.mark.parametrize(("kind", "build", "fragments"), CORPUS, ids=[c[0] for c in CORPUS])
def test_fault_gives_exit_1_and_a_located_message(tmp_path, kind, build, fragments):
    data = build(tmp_path / "data")
    result = run_validate(tmp_path, data)
    assert result.exit_code == 1, result.output
    for fragment in fragments:
        assert fragment in result.output, f"{kind}: {fragment!r} not in\n{result.output}"


# ----------------------------------------------------------------------------- valid variants

def _chinese_headers(folder: Path) -> Path:
    reverse: dict[str, str] = {}
    for alias, canonical in COLUMN_ALIASES.items():
        reverse.setdefault(canonical, alias)
    folder.mkdir(parents=True)
    for name, frame in tiny_frames().items():
        kind = "活动类型" if name == "activities" else "类型"
        frame.columns = [kind if c == "kind" else reverse.get(c, c) for c in frame.columns]
        frame.to_csv(folder / f"{FILE_STEMS[name][1]}.csv", index=False, encoding="gb18030")
    return folder


def _trailing_everything(text: str) -> str:
    lines = text.splitlines()
    return "\n".join([lines[0]] + [line + ",," for line in lines[1:]]) + "\n,,\n\n\n"


def _dates_written_by_hand(folder: Path) -> Path:
    frames = tiny_frames()
    frames["activities"].loc[0, "start_date"] = "2022/2/10"
    frames["activities"].loc[1, "start_date"] = "2022年5月5日"
    frames["activities"].loc[2, "start_date"] = "2022.05.20"
    return write_csv_dataset(folder, frames)


def _serial_number_cell(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = workbook(folder / "records.xlsx")
    book = openpyxl.load_workbook(path)
    book["activities"]["C2"].value = 44602  # 2022-02-10, a date cell that lost its format
    book["organizations"]["B3"].value = "NA"  # text, not a missing value
    book.save(path)
    return path


VALID: list[tuple[str, Callable[[Path], Path]]] = [
    ("UTF-8", write_csv_dataset),
    ("UTF-8 with BOM", lambda f: write_csv_dataset(f, encoding="utf-8-sig")),
    ("GB18030", lambda f: write_csv_dataset(f, encoding="gb18030")),
    ("GBK", lambda f: write_csv_dataset(f, encoding="gbk")),
    ("Chinese file names, headers, GB18030", _chinese_headers),
    ("extra columns", lambda f: write_csv_dataset(
        f, {k: v.assign(备注="随手记") for k, v in tiny_frames().items()})),
    ("trailing empty rows and columns", csv_text("activities", _trailing_everything)),
    ("a BOM inside the header", csv_text("people", lambda t: t.replace(",name,", ",\ufeffname,"))),
    ("dates as 2022/2/10, 2022年5月5日, 2022.05.20", _dates_written_by_hand),
    (".xlsx", lambda f: (f.mkdir(parents=True), workbook(f / "records.xlsx"))[1]),
    ("a numeric serial date in a workbook date cell", _serial_number_cell),
]


@pytest.mark.parametrize(("kind", "build"), VALID, ids=[v[0] for v in VALID])
def test_valid_variants_load(tmp_path, kind, build):
    data = build(tmp_path / "data")
    result = run_validate(tmp_path, data)
    assert result.exit_code == 0, f"{kind}:\n{result.output}"
    reference = sgnet.load(write_csv_dataset(tmp_path / "reference"))
    ds = sgnet.load(data)
    for name in ("people", "pairings", "targets", "activities"):
        got = ds.tables[name][list(reference.tables[name].columns)]
        pd.testing.assert_frame_equal(got, reference.tables[name], obj=f"{kind}: {name}")


def test_serial_number_cell_is_the_date_it_stands_for(tmp_path):
    ds = sgnet.load(_serial_number_cell(tmp_path / "d"))
    assert ds.activities.loc[2, "start_date"] == pd.Timestamp("2022-02-10")
    assert ds.organizations.loc[3, "name"] == "NA"


def test_hand_written_dates_are_the_same_dates(tmp_path):
    ds = sgnet.load(_dates_written_by_hand(tmp_path / "d"))
    assert ds.activities.loc[[2, 3, 4], "start_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-02-10", "2022-05-05", "2022-05-20"]


# ----------------------------------------------------------------------------- the real binary

def test_real_command_prints_messages_not_tracebacks(tmp_path):
    folder = tmp_path / "d"
    cell("activities", 2, "start_date", "2022-02-30")(folder)
    (folder / "people.csv").write_bytes(b"\x00\x01\x02")
    proc = subprocess.run(
        [sys.executable, "-c", "from sgnet.cli import main; main()", "validate", str(folder),
         "--lang", "en"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "activities.csv row 4, start_date: '2022-02-30' is not a real calendar date" \
        in proc.stdout
    assert "people.csv: not a text file" in proc.stdout
    [problems] = (tmp_path / "reports" / "validation").glob("d-*.problems.csv")
    [rejected] = (tmp_path / "reports" / "validation").glob("d-*.rejected_rows.csv")
    assert "2022-02-30" in problems.read_text(encoding="utf-8-sig")
    assert rejected.stem.removesuffix(".rejected_rows") == problems.stem.removesuffix(".problems")


# ----------------------------------------------------------------------------- unseen faults

def _fault_values(table: str, column: str) -> list[str]:
    kind = parse_kind(table, column)
    if column in references(table) or kind == "idlist":
        return ["ZZ404"]
    return {
        "date": ["2022-13-45", "2023-02-29", "44858", "昨天", "2022年13月1日"],
        "int": ["-5", "二十来个", "3.5", "many"],
        "float": ["-1", "三小时"],
        "bool": ["maybe"],
        "region": ["火星", "朝阳区"],
    }.get(kind, ["跳舞"] if kind.startswith("enum:") or kind == "metric" else [])


FAULTS = [
    (table, column, value)
    for table, schema in SCHEMAS.items()
    for column in schema.columns
    for value in _fault_values(table, column)
] + [(table, column, "") for table, schema in SCHEMAS.items()
     for column, col in schema.columns.items() if col.required]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fault=st.sampled_from(FAULTS), data=st.data())
def test_unseen_faults_are_located(tmp_path_factory, fault, data):
    """Any fault of the corpus's families, in any row of any table, is found and located."""
    table, column, value = fault
    frames = tiny_frames()
    index = data.draw(st.integers(0, len(frames[table]) - 1), label="record")
    if column not in frames[table]:
        frames[table][column] = ""  # an optional column the fixture leaves out
    if frames[table].loc[index, column] == value:
        return
    frames[table].loc[index, column] = value
    folder = write_csv_dataset(tmp_path_factory.mktemp("unseen"), frames)
    problems = sgnet.validate(folder)
    where = f"{table}.csv row {index + 2}, {column}:"
    assert any(m.startswith(where) for m in problems["message"]), (where, problems["message"])
