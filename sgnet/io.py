"""Loading datasets: read CSV folders or workbooks, parse, validate, report every problem.

A dataset is a folder of CSV files (``organizations.csv`` … or ``机构.csv`` …) or one .xlsx
workbook with a sheet per table (canonical or Chinese sheet names). Validation is lazy: every
check runs, and every problem is reported with its file, row (the row number a spreadsheet
shows: the header is row 1, the first record row 2), column, value and reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import logging
import mmap
import os
import re
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute
import pyarrow.csv as pacsv

from . import cache
from .dataset import Dataset
from .errors import DataFileError, TableValidationError
from .paths import SAMPLE_DATA
from .regions import resolve_regions
from .schema import REFERENCES, ROW_RULES, SCHEMAS, Reference, parse_kind, required_columns
from .vocab import (
    COLUMN_ALIASES,
    FALSE_VALUES,
    FILE_STEMS,
    SHEET_ALIASES,
    TABLES,
    TRUE_VALUES,
    VALUE_ALIASES,
)

__all__ = ["load", "validate", "load_with_files", "read_tables", "RawTable", "PROBLEM_COLUMNS"]

log = logging.getLogger(__name__)

PROBLEM_COLUMNS = ["file", "table", "row", "column", "value", "check", "message"]
_OPTIONAL_TABLES = ("targets",)
_EXCEL = (".xlsx", ".xlsm")


@dataclass
class RawTable:
    """One table as read from its file: every cell as stripped text ("" when empty).

    The index holds spreadsheet row numbers (header = row 1).
    """

    table: str
    file: str
    frame: pd.DataFrame
    #: read from a workbook's sheet (only there can a cell hold an Excel error)
    workbook: bool = False
    #: columns already factorized while tidying (valid for these very rows)
    distinct: dict[str, _Distinct] = field(default_factory=dict, repr=False)


class _Problems:
    """Collects problems; knows which rows and cells already have one."""

    def __init__(self) -> None:
        self.records: list[dict] = []
        self.cells: set[tuple[str, object, str]] = set()

    def add(self, file: str, table: str, row: object, column: object, value: object,
            check: str, reason: str) -> None:
        self.cells.add((table, row, column))
        where = f"{file}" + (f" row {row}" if row is not None and row is not pd.NA else "")
        if column is not None:
            where += f", {column}"
        shown = "" if value is None or value is pd.NA or value == "" else f"{value!r} "
        self.records.append({
            "file": file, "table": table, "row": row, "column": column,
            "value": None if value is pd.NA else value, "check": check,
            "message": f"{where}: {shown}{reason}",
        })

    def add_rows(self, raw: RawTable, mask: pd.Series, column: str, values: pd.Series,
                 check: str, reason: str | pd.Series) -> None:
        rows = mask.index[mask.to_numpy(dtype=bool, na_value=False)]
        if not len(rows):
            return
        found = values.loc[rows].astype(object).tolist()
        whys = [reason] * len(rows) if isinstance(reason, str) else reason.loc[rows].tolist()
        for row, value, why in zip(rows.tolist(), found, whys, strict=True):
            self.add(raw.file, raw.table, int(row), column, value, check, why)

    def frame(self) -> pd.DataFrame:
        df = pd.DataFrame(self.records, columns=PROBLEM_COLUMNS)
        df["row"] = df["row"].astype("Int64")
        return df


# --------------------------------------------------------------------------- reading

#: a table this long has its columns tidied and parsed side by side, in threads: the work is
#: mostly Arrow kernels and hashing, which release the GIL
_THREADED_ROWS = 50_000


def _by_column(func: Callable, columns: list, rows: int) -> list:
    """``[func(c) for c in columns]``, in threads when the table is long enough to pay."""
    workers = min(len(columns), os.cpu_count() or 1, 4)
    if rows < _THREADED_ROWS or workers < 2:
        return [func(c) for c in columns]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sgnet-load") as pool:
        return list(pool.map(func, columns))


def _canonical_header(name: object) -> str:
    text = str(name).replace("\ufeff", "").strip()
    if text in COLUMN_ALIASES:
        return COLUMN_ALIASES[text]
    return text.lower() if text.isascii() else text


def _tidy(frame: pd.DataFrame, bom: bool = True, table: str | None = None
          ) -> tuple[pd.DataFrame, dict[str, _Distinct]]:
    """Strip cells, drop empty rows and unnamed empty columns, name rows as a spreadsheet does.

    ``bom=False`` says no cell can hold a byte-order mark (the file has none past its start),
    which spares a pass over every cell. Columns of ``table`` that are parsed once per
    distinct value are factorized here and stripped per distinct value (most need no
    change, and then no copy); those factorizations are returned for the parser.
    """
    frame = frame.copy()
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    frame.columns = [_canonical_header(c) for c in frame.columns]
    names = list(frame.columns)
    unique_names = len(set(names)) == len(names)

    def clean(position: int) -> tuple[pd.Series, _Distinct | None]:
        text = frame.iloc[:, position]
        kind = parse_kind(table, names[position]) if table and unique_names else None
        arrow = isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow"
        if arrow and kind is not None and _by_distinct(kind):
            return _clean_distinct(text, bom)
        return (text.str.replace("\ufeff", "", regex=False) if bom else text).str.strip(), None

    cleaned = _by_column(clean, list(range(frame.shape[1])), len(frame))
    distinct = {}
    for position, (text, found) in enumerate(cleaned):
        frame.isetitem(position, text)
        if found is not None:
            distinct[names[position]] = found
    unnamed = [c for c in frame.columns if c.startswith("unnamed:") or c == ""]
    empty_unnamed = [c for c in unnamed if (frame[c] == "").all()]
    frame = frame.drop(columns=empty_unnamed)
    blank = np.ones(len(frame), dtype=bool)
    for col in frame.columns:  # a row is blank when every cell is; an id column rules that out
        blank &= (frame[col] == "").to_numpy(dtype=bool)
        if not blank.any():
            return frame, distinct
    return frame[~blank], {}  # rows left out: the factorizations no longer line up


def _by_distinct(kind: str) -> bool:
    """Whether a column of this parse kind is parsed once per distinct value."""
    return kind in ("date", "int", "float", "idlist") or kind.startswith("enum:")


def _clean_distinct(text: pd.Series, bom: bool) -> tuple[pd.Series, _Distinct]:
    """Strip an Arrow text column per distinct value; copy it only if a value changed."""
    distinct = _Distinct.of(text)
    values = pyarrow.array(distinct.uniques, type=pyarrow.large_string())
    cleaned = pyarrow.compute.replace_substring(values, "\ufeff", "") if bom else values
    cleaned = pyarrow.compute.utf8_trim_whitespace(cleaned)
    if cleaned.equals(values):
        return text, distinct
    uniques = pd.Series(cleaned.to_pylist(), dtype=object)
    column = pd.Series(pd.array(uniques, dtype=text.dtype).take(distinct.codes),
                       index=text.index, name=text.name)
    return column, _Distinct(column, distinct.codes, uniques)


def _is_binary(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(8192)
    return b"\x00" in head


def _not_text_reason(path: Path) -> str:
    """Why a file with NUL bytes is not a CSV, from its first bytes."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return ("is an Excel workbook (.xlsx) renamed to .csv; give the .xlsx itself, "
                "or save it from Excel as CSV UTF-8")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "is an old Excel workbook (.xls); save it from Excel as .xlsx or CSV UTF-8"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "is UTF-16 text (Excel's 'Unicode text'); save it from Excel as CSV UTF-8"
    return "not a text file (is it a workbook or a document saved as .csv?)"


def _read_ragged_csv(path: Path, encoding: str) -> pd.DataFrame:
    """Read a CSV whose rows have more cells than its header (slow path, malformed files only).

    Extra cells that are empty (trailing commas) are dropped; extra cells with a value are kept
    in columns named ``unnamed: <position>``, which validation reports as cells with no header.
    """
    import csv

    with path.open(encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    width = max([len(header)] + [len(r) for r in body])
    header = header + [f"Unnamed: {i}" for i in range(len(header), width)]
    body = [r + [""] * (width - len(r)) for r in body]
    return pd.DataFrame(body, columns=header, dtype=str)


def _read_csv(path: Path) -> tuple[pd.DataFrame, bool]:
    """A CSV file's cells as text, and whether a cell may hold a byte-order mark."""
    if path.stat().st_size == 0:
        raise DataFileError(f"{path.name}: the file is empty")
    if _is_binary(path):
        raise DataFileError(f"{path.name}: {_not_text_reason(path)}")
    fast = _read_csv_arrow(path)
    if fast is not None:
        return fast
    return _read_csv_pandas(path), True


def _read_csv_pandas(path: Path) -> pd.DataFrame:
    options = {"dtype": str, "keep_default_na": False, "skip_blank_lines": False,
               "index_col": False}
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", pd.errors.ParserWarning)
                return pd.read_csv(path, encoding=encoding, **options)
        except UnicodeDecodeError:
            continue
        except pd.errors.EmptyDataError as err:
            raise DataFileError(f"{path.name}: the file has no header row") from err
        except (pd.errors.ParserError, pd.errors.ParserWarning):
            try:
                return _read_ragged_csv(path, encoding)
            except UnicodeDecodeError:
                continue
    raise DataFileError(f"{path.name}: text is neither UTF-8 nor GB18030/GBK")


def _read_csv_arrow(path: Path) -> tuple[pd.DataFrame, bool] | None:
    """Read a plain UTF-8 CSV file with Arrow's multithreaded reader, every cell as text.

    Gives the frame ``pd.read_csv(path, dtype=str, keep_default_na=False,
    skip_blank_lines=False)`` gives, or ``None`` when the file is anything but plain (not
    UTF-8, an empty, unnamed or repeated header, a quoted header, blank lines, ragged rows):
    the pandas reader then handles it as before. Also says whether a cell may hold a
    byte-order mark.
    """
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        # the file is mapped, not copied, for these scans (Arrow maps it too)
        start = len(_UTF8_BOM) if data[:len(_UTF8_BOM)] == _UTF8_BOM else 0
        header = re.match(rb"[^\r\n]*", data[start:start + (1 << 20)])
        try:
            first = header[0].decode("utf-8") if header else ""
        except UnicodeDecodeError:
            return None
        names = next(csv.reader([first]), [])
        if not names or '"' in first or "" in names or len(set(names)) != len(names):
            return None
        columns = [f"c{i}" for i in range(len(names))]
        # a value may span lines only when the file holds a quote
        quote = data.find(b'"') >= 0

        def parse() -> pyarrow.Table:
            with pyarrow.memory_map(str(path)) as source:
                return pacsv.read_csv(
                    source,
                    read_options=pacsv.ReadOptions(column_names=columns, skip_rows=1),
                    parse_options=pacsv.ParseOptions(newlines_in_values=quote,
                                                     ignore_empty_lines=False),
                    convert_options=pacsv.ConvertOptions(
                        # pandas keeps Arrow text as large_string: read it so, not cast it
                        column_types=dict.fromkeys(columns, pyarrow.large_string()),
                        strings_can_be_null=False, quoted_strings_can_be_null=False),
                )

        # a byte-order mark past the start (two files joined, or a pasted cell) is what
        # makes cells need one more pass
        bom = _UTF8_BOM_ANYWHERE.search(data, start) is not None
    try:
        table = parse()
    except (pyarrow.ArrowInvalid, UnicodeDecodeError):
        return None
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    frame = table.to_pandas(types_mapper={pyarrow.large_string(): text}.get)
    frame.columns = names
    return frame, bom


_UTF8_BOM = "\ufeff".encode()
_UTF8_BOM_ANYWHERE = re.compile(re.escape(_UTF8_BOM))


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    if path.stat().st_size == 0:
        raise DataFileError(f"{path.name}: the file is empty")
    try:
        # keep_default_na=False: a cell reading "NA" or "None" is text, not a missing value;
        # the only NaN left is an Excel error cell (#N/A, #DIV/0!, #REF! ...)
        sheets = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl",
                               keep_default_na=False, na_values=[])
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise DataFileError(f"{path.name}: not a readable .xlsx workbook ({err})") from err
    out = {}
    for name, frame in sheets.items():
        table = SHEET_ALIASES.get(str(name).strip(), SHEET_ALIASES.get(str(name).strip().lower()))
        if table is None:
            log.info("%s: sheet %r is not a table of sgnet; ignored", path.name, name)
            continue
        frame = _serial_dates(table, frame).mask(frame.isna(), EXCEL_ERROR)
        out[table] = frame.map(_cell_text).astype(str)
        out[table].columns = [_cell_text(c) for c in frame.columns]
    return out


#: what an Excel error cell (#N/A, #DIV/0!, #REF! ...) reads as
EXCEL_ERROR = "#ERROR!"
# Excel serial day numbers accepted in a workbook's date cells: 1950-01-01 .. 2100-12-31
_SERIAL_RANGE = (18264, 73415)


def _serial_dates(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers in a workbook's date columns as dates: Excel stores a date as its serial day.

    Only a numeric cell (not text) in a date column, within 1950..2100, is taken as a date:
    that is a date cell whose date format was lost, which is unambiguous. A CSV or a text
    cell holding ``44858`` stays text and is rejected with a hint.
    """
    out = frame
    for col in frame.columns:
        if parse_kind(table, _canonical_header(_cell_text(col))) != "date":
            continue
        values = frame[col]
        numeric = values.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))
        if not numeric.any():
            continue
        days = pd.to_numeric(values.where(numeric), errors="coerce")
        ok = numeric & days.between(*_SERIAL_RANGE) & (days % 1 == 0)
        if ok.any():
            out = out.copy() if out is frame else out
            dates = pd.Timestamp("1899-12-30") + pd.to_timedelta(days[ok], unit="D")
            out.loc[ok, col] = [d.date() for d in dates]
    return out


def _merged_cells(path: Path) -> dict[str, list[str]]:
    """Merged cell ranges of each sgnet sheet of a workbook (``{table: ["C1:D1", ...]}``)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except Exception:  # unreadable: reported by _read_workbook already
        return {}
    out: dict[str, list[tuple[str, int, int, str]]] = {}
    for ws in book.worksheets:
        table = SHEET_ALIASES.get(ws.title.strip(), SHEET_ALIASES.get(ws.title.strip().lower()))
        if table is not None and ws.merged_cells.ranges:
            out[table] = sorted(
                (r.coord, r.min_row, r.max_row,
                 _canonical_header(_cell_text(ws.cell(1, r.min_col).value)))
                for r in ws.merged_cells.ranges
            )
    return out


def _merged_problems(raw: RawTable, ranges: list[tuple[str, int, int, str]],
                     problems: _Problems) -> None:
    """Merged cells leave every cell but the top-left one empty: report them, never guess."""
    for coord, first, last, header in ranges:
        if first == 1:
            problems.add(raw.file, raw.table, 1, header or None, None, "merged",
                         f"header cells {coord} are merged; give each column its own header "
                         "in row 1 (unmerge the cells)")
            continue
        top = raw.frame.at[first, header] if (first in raw.frame.index
                                              and header in raw.frame.columns) else None
        for row in range(first + 1, last + 1):
            problems.add(raw.file, raw.table, row, header or None, None, "merged",
                         f"is empty because cells {coord} are merged and only row {first} "
                         f"holds the value{f' ({top!r})' if top else ''}; unmerge the cells "
                         "and fill in every row")


def _sheet_names(path: Path) -> list[str]:
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True).sheetnames
    except Exception:
        return []


def read_tables(path: str | Path | None = None) -> tuple[dict[str, RawTable], pd.DataFrame]:
    """Read the raw tables of a dataset (no parsing), with the file-level problems found.

    Parameters
    ----------
    path : str or Path, optional
        A folder of CSV files or a .xlsx workbook; default the bundled sample.

    Returns
    -------
    tables : dict of str to RawTable
    problems : pandas.DataFrame
        File-level problems (missing table, empty or unreadable file), with ``row`` empty.

    Raises
    ------
    DataFileError
        If ``path`` does not exist or holds no table at all.
    """
    path = Path(path) if path is not None else SAMPLE_DATA
    problems = _Problems()
    raw: dict[str, RawTable] = {}
    if not path.exists():
        raise DataFileError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix.lower() in _EXCEL:
        for table, frame in _read_workbook(path).items():
            raw[table] = RawTable(table, f"{path.name}[{table}]", _tidy(frame)[0],
                                  workbook=True)
        for table, ranges in _merged_cells(path).items():
            if table in raw:
                _merged_problems(raw[table], ranges, problems)
        missing_where = f"{path.name}"
    elif path.is_dir():
        files = {p.stem.strip().lower(): p for p in sorted(path.iterdir())
                 if p.suffix.lower() == ".csv"}
        for table, stems in FILE_STEMS.items():
            found = next((files[s] for s in stems if s in files), None)
            if found is None:
                continue
            try:
                frame, bom = _read_csv(found)
                tidy, distinct = _tidy(frame, bom=bom, table=table)
                raw[table] = RawTable(table, found.name, tidy, distinct=distinct)
            except DataFileError as err:
                reason = str(err).split(": ", 1)[1]
                problems.add(found.name, table, None, None, None, "file", reason)
        missing_where = f"{path.name}/"
    else:
        raise DataFileError(f"{path}: expected a folder of CSV files or an .xlsx workbook")
    seen = set(raw) | {r["table"] for r in problems.records}
    if not seen:
        raise DataFileError(
            f"{path}: no sgnet table found; expected files or sheets named "
            + ", ".join(f"{t} ({FILE_STEMS[t][1]})" for t in TABLES)
        )
    for table in TABLES:
        if table not in seen and table not in _OPTIONAL_TABLES:
            kind = "sheet" if path.is_file() else "file"
            found = (f" (the workbook has sheets: {', '.join(_sheet_names(path))})"
                     if path.is_file() else "")
            problems.add(missing_where, table, None, None, None, "table",
                         f"the {kind} for table {table} ({FILE_STEMS[table][1]}) is missing"
                         f"{found}")
    return raw, problems.frame()


# --------------------------------------------------------------------------- raw checks

def _excel_letters(position: int) -> str:
    """Spreadsheet column letters of a 0-based position: 0 → A, 27 → AB."""
    letters = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _excel_error_cells(raw: RawTable, problems: _Problems) -> RawTable:
    """Report workbook cells holding an Excel error (#N/A, #DIV/0! ...) and blank them."""
    frame = raw.frame
    bad = frame == EXCEL_ERROR
    if not bad.to_numpy().any():
        return raw
    for column in frame.columns[bad.any()]:
        problems.add_rows(raw, bad[column], column, pd.Series("", index=frame.index),
                          "excel_error", "holds an Excel error value (#N/A, #DIV/0!, #REF! …); "
                          "fix the formula or type the value")
    return RawTable(raw.table, raw.file, frame.mask(bad, ""), raw.workbook)


def _repeated_headers(raw: RawTable, problems: _Problems) -> RawTable:
    """Report and leave out rows that repeat the header: two files joined into one.

    Joining two exported files also leaves the second one's byte-order mark (BOM) in the
    middle of the text, on this row.
    """
    frame = raw.frame
    if frame.empty or not len(frame.columns):
        return raw
    first = frame.columns[0]
    forms = {first} | {k.lower() for k, v in COLUMN_ALIASES.items() if v == first}
    candidates = frame.index[frame[first].str.lower().isin(forms)]
    repeated = []
    for row in candidates:
        cells = frame.loc[row]
        filled = cells[cells != ""]
        same = sum(_canonical_header(v) == c for c, v in filled.items())
        if same >= max(2, len(filled) / 2):
            repeated.append(row)
            problems.add(raw.file, raw.table, int(row), first, cells[first], "header_repeated",
                         "this row repeats the header row (were two files joined here?); "
                         "remove it")
    if not repeated:
        return raw
    return RawTable(raw.table, raw.file, frame.drop(index=repeated), raw.workbook)


# --------------------------------------------------------------------------- parsing

@dataclass
class _Distinct:
    """A text column factorized once: the code of each row and the distinct values.

    Parsing runs once per distinct value, as an object Series (so that ``.str`` methods keep
    Python's regex semantics, not Arrow's RE2); :meth:`spread` gives the results to rows.
    """

    text: pd.Series
    codes: np.ndarray
    uniques: pd.Series

    @classmethod
    def of(cls, text: pd.Series) -> _Distinct:
        codes, uniques = pd.factorize(text.array, use_na_sentinel=False)
        return cls(text, codes, pd.Series(np.asarray(uniques, dtype=object), dtype=object))

    def spread(self, part: pd.Series) -> pd.Series:
        """Values per distinct value → values per row."""
        return pd.Series(part.array.take(self.codes), index=self.text.index, name=self.text.name)

    def text_or_same(self, part: list | pd.Series, present: pd.Series) -> pd.Series:
        """Per-row text from new distinct values ("" and None missing); no copy when every
        non-empty value is unchanged, which is the usual case."""
        same = all(new == old for new, old in zip(part, self.uniques, strict=True) if old != "")
        if same:
            return self.text.where(present).astype("string")
        value = self.spread(pd.Series(list(part), dtype="string"))
        return value.where(present & value.ne("").fillna(False))

    def failed(self, parsed: pd.Series, reasons: pd.Series | str
               ) -> tuple[np.ndarray, pd.Series | str]:
        """Rows whose non-empty value did not parse, and the reason for each of them."""
        bad = (parsed.isna() & (self.uniques != "")).to_numpy(dtype=bool)
        mask = bad[self.codes]
        if isinstance(reasons, str):
            return mask, reasons
        where = self.codes[mask]
        return mask, pd.Series(reasons.to_numpy(dtype=object)[where],
                               index=self.text.index[mask])


_DATE_FORMS = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _mangled(columns: pd.Index) -> list[str]:
    """Headers that appeared twice in the file: pandas renames the second ``count.1``."""
    out = []
    for col in columns:
        if (m := re.fullmatch(r"(.+)\.(\d+)", col)) and _canonical_header(m[1]) in columns:
            out.append(_canonical_header(m[1]))
    return list(dict.fromkeys(out))


def _headerless_column(raw: RawTable, col: str, position: int, problems: _Problems) -> None:
    """Report values in a column without a header: each row if few, else the first row."""
    if m := re.fullmatch(r"unnamed: (\d+)", col):
        position = int(m[1])
    where = f"column {_excel_letters(position)} (no header)"
    rows = raw.frame.index[raw.frame[col] != ""]
    why = ("is in a column with no header; a row with more cells than the header, or merged "
           "header cells? Remove the extra cell or give the column a header")
    if len(rows) <= 3:
        for row in rows:
            problems.add(raw.file, raw.table, int(row), where, raw.frame.at[row, col],
                         "column", why)
    else:
        problems.add(raw.file, raw.table, int(rows[0]), where, raw.frame.at[rows[0], col],
                     "column", f"{why} ({len(rows)} rows have values there)")


def _parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    def iso(values: pd.Series) -> pd.Series:
        return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")

    parsed = iso(text)
    other = parsed.isna() & (text != "")
    if other.any():  # other ways of writing a date: 2022/10/24, 2022年10月24日, ...T00:00
        forms = text[other].str.replace(_DATE_FORMS, r"\1-\2-\3", regex=True)
        forms = forms.str.replace(r"^(\d{4}-\d{1,2}-\d{1,2})[T ]00:00(:00)?$", r"\1", regex=True)
        parsed[other] = iso(forms)
    bad = parsed.isna() & (text != "")
    reason = pd.Series("not a date; use YYYY-MM-DD (e.g. 2022-10-24)", index=text.index)
    if not bad.any():
        return parsed, reason
    serial = bad & text.str.fullmatch(r"\d{5}(\.0+)?")
    if serial.any():
        days = pd.to_numeric(text[serial]).astype(int)
        as_date = (pd.Timestamp("1899-12-30") + pd.to_timedelta(days, unit="D")).dt.date
        reason[serial] = ("looks like an Excel serial date (" + as_date.astype(str)
                          + "?); format the cell as a date or write YYYY-MM-DD")
    wrong = bad & text.str.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}")
    reason[wrong] = "is not a real calendar date"
    return parsed, reason


def _parse_numbers(text: pd.Series, integer: bool) -> tuple[pd.Series, pd.Series]:
    cleaned = text.str.replace(",", "", regex=False).str.replace("，", "", regex=False)
    num = pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce")
    reason = pd.Series("not a number; write digits, e.g. 12", index=text.index)
    if integer:
        frac = num.notna() & (num % 1 != 0)
        reason[frac] = "not a whole number"
        num = num.where(~frac)
        return num.astype("Int64"), reason
    return num.astype("Float64"), reason


def _enum_values(uniques: pd.Series, domain: str, allowed: Iterable[str]) -> list:
    """The canonical value of each distinct text of an enum column (None when unknown)."""
    mapping = {v: v for v in allowed} | VALUE_ALIASES[domain]
    return [mapping.get(u, mapping.get(u.lower().replace(" ", "_").replace("-", "_")))
            for u in uniques]


def _enum_reason(domain: str, allowed: list[str]) -> str:
    zh = sorted({k for k, v in VALUE_ALIASES[domain].items() if v in allowed})[:12]
    return f"unknown value; use one of {', '.join(allowed)} (or {'、'.join(zh)} …)"


#: id lists that need no normalizing: plain ids joined by ";" (most of them)
_PLAIN_IDLIST = re.compile(r"[A-Za-z0-9_.\-;]*")
_IDLIST_SEPARATORS = re.compile(r"\s*[;；,，、]\s*")


def _parse_bool(text: pd.Series) -> pd.Series:
    low = text.str.lower()
    out = pd.Series(pd.NA, index=text.index, dtype="boolean")
    out[low.isin(TRUE_VALUES)] = True
    out[low.isin(FALSE_VALUES)] = False
    return out


def _allowed(table: str, column: str) -> list[str]:
    col = SCHEMAS[table].columns[column]
    for check in col.checks:
        values = check.statistics.get("allowed_values")
        if values is not None:
            return list(values)
    return []


def _parse_column(table: str, name: str, text: pd.Series, distinct: _Distinct | None = None
                  ) -> tuple[pd.Series, tuple[np.ndarray, str, pd.Series | str] | None]:
    """Typed values of one column from its text, and the cells that failed to parse
    (``(row mask, check, reason)``, or None when the kind of column cannot fail).
    ``distinct``: the column already factorized (while tidying)."""
    kind = parse_kind(table, name)
    present = text != ""
    if kind is None:  # an extra column: kept as text
        return text.where(present).astype("string"), None
    if kind in ("id", "text", "metric"):
        value = text.where(present).astype("string")
        return (value.str.lower() if kind == "metric" else value), None
    if kind == "bool":
        value = _parse_bool(text)
        return value, ((value.isna() & present).to_numpy(), "bool",
                       "not a yes/no value; use true/false (是/否)")
    if kind == "region":
        value, reasons = resolve_regions(text.where(present))
        return value, ((value.isna() & present).to_numpy(), "region", reasons)
    distinct = distinct if distinct is not None else _Distinct.of(text)
    uniques = distinct.uniques
    if kind == "idlist":
        fixed = [u if _PLAIN_IDLIST.fullmatch(u) else _IDLIST_SEPARATORS.sub(";", u)
                 for u in uniques]
        return distinct.text_or_same(fixed, present), None
    if kind.startswith("enum:"):
        allowed = _allowed(table, name)
        found = _enum_values(uniques, kind[5:], allowed)
        value = distinct.text_or_same(found, present)
        mask, reason = distinct.failed(pd.Series(found, dtype=object),
                                       _enum_reason(kind[5:], allowed))
        return value, (mask, "value", reason)
    if kind == "date":
        parsed, reasons = _parse_dates(uniques)
        check = "date"
    elif kind in ("int", "float"):
        parsed, reasons = _parse_numbers(uniques, integer=kind == "int")
        check = "number"
    else:  # pragma: no cover - a schema with an unknown parse kind is a bug
        raise ValueError(f"unknown parse kind {kind!r} for {table}.{name}")
    mask, reason = distinct.failed(parsed, reasons)
    return distinct.spread(parsed), (mask, check, reason)


def _parse_table(raw: RawTable, problems: _Problems) -> pd.DataFrame | None:
    """Typed table from raw text; every cell that does not parse is a problem."""
    schema = SCHEMAS[raw.table]
    frame = raw.frame
    missing = [c for c in required_columns(raw.table) if c not in frame.columns]
    for col in missing:
        problems.add(raw.file, raw.table, 1, col, None, "column",
                     f"required column {col} is missing (header row 1 has: "
                     f"{', '.join(map(str, frame.columns))})")
    for position, col in enumerate(frame.columns):
        if col.startswith("unnamed:") or col == "":
            _headerless_column(raw, col, position, problems)
    dupes = list(frame.columns[frame.columns.duplicated()].unique()) + _mangled(frame.columns)
    for col in dupes:
        problems.add(raw.file, raw.table, 1, col, None, "column", "the header appears twice")
    if missing or len(dupes):
        return None
    out = pd.DataFrame(index=frame.index)
    parsed = _by_column(
        lambda name: _parse_column(raw.table, name, frame[name], raw.distinct.get(name)),
        list(frame.columns), len(frame))
    for name, (value, failed) in zip(frame.columns, parsed, strict=True):
        if failed is not None:
            mask, check, reason = failed
            problems.add_rows(raw, pd.Series(mask, index=frame.index), name, frame[name],
                              check, reason)
        out[name] = value
    for name, col in schema.columns.items():
        if name not in out.columns:
            out[name] = pd.Series(pd.NA, index=out.index, dtype=col.dtype.type)
    ordered = list(schema.columns) + [c for c in out.columns if c not in schema.columns]
    return out[ordered]


# --------------------------------------------------------------------------- checks

_CHECK_REASONS = {
    "not_nullable": "is empty; this column is required",
    "field_uniqueness": "appears more than once; ids must be unique",
    "multiple_fields_uniqueness": "repeats the same pairing, metric and year as another row",
}


def _reason(check: str) -> str:
    if check in _CHECK_REASONS:
        return _CHECK_REASONS[check]
    if m := re.fullmatch(r"greater_than_or_equal_to\((.*)\)", check):
        return f"must be at least {m[1]}"
    if m := re.fullmatch(r"in_range\((.*), (.*)\)", check):
        return f"must lie between {m[1]} and {m[2]}"
    if m := re.fullmatch(r"isin\((.*)\)", check):
        return f"unknown value; use one of {m[1]}"
    return f"fails check {check}"


@functools.cache
def _value_schema(table: str, column: str) -> pa.DataFrameSchema | None:
    """The checks of one column that look at each value alone (dtype, isin, ranges).

    They give the same answer for every row holding the same value, so they run once per
    distinct value; whether values may be missing or must be unique is checked on the column.
    """
    col = SCHEMAS[table].columns[column]
    if not col.checks:
        return None
    return pa.DataFrameSchema({column: pa.Column(col.dtype, col.checks, nullable=True)})


@functools.cache
def _row_schema(table: str) -> pa.DataFrameSchema | None:
    """The checks of a table across columns (a unique combination), on every row."""
    unique = SCHEMAS[table].unique
    return pa.DataFrameSchema(unique=unique) if unique else None


def _failure_cases(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame | None:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        return err.failure_cases
    return None


def _all_distinct(values: pd.Series) -> bool:
    """``values.is_unique``; ids that rise row by row (the usual case) need no hashing."""
    if isinstance(values.dtype, pd.StringDtype) and len(values) > 1 and not values.hasnans:
        text = _strings(values)
        if pyarrow.compute.all(pyarrow.compute.greater(text[1:], text[:-1])).as_py():
            return True
    return values.is_unique


def _column_cases(table: str, name: str, values: pd.Series) -> list[tuple[object, str]]:
    """``(row, check)`` of every failing cell of one column, in the order pandera reports."""
    col = SCHEMAS[table].columns[name]
    cases: list[tuple[object, str]] = []
    missing = values.isna().to_numpy()
    if not col.nullable and missing.any():
        cases += [(row, "not_nullable") for row in values.index[missing]]
    if col.unique and not _all_distinct(values):
        repeated = values.duplicated(keep=False).to_numpy() & ~missing
        cases += [(row, "field_uniqueness") for row in values.index[repeated]]
    schema = _value_schema(table, name)
    if schema is None:
        return cases
    codes, uniques = pd.factorize(values.array)
    found = _failure_cases(schema, pd.DataFrame({name: uniques}))
    if found is None:
        return cases
    for check, group in found.groupby("check", sort=False):
        where = group["index"].dropna().astype(int).to_numpy()
        if len(where) < len(group):  # a failure of the whole column (its dtype)
            cases.append((None, str(check)))
        rows = values.index[np.isin(codes, where)]
        cases += [(row, str(check)) for row in rows]
    return cases


def _schema_checks(raw: RawTable, table: pd.DataFrame, problems: _Problems) -> None:
    """Run the table's pandera schema; report each failing cell not reported already."""
    names = [name for name in SCHEMAS[raw.table].columns if name in table]
    found_by_column = _by_column(lambda name: _column_cases(raw.table, name, table[name]),
                                 names, len(table))
    cases = [(row, name, check) for name, found in zip(names, found_by_column, strict=True)
             for row, check in found]
    schema = _row_schema(raw.table)
    found = None if schema is None else _failure_cases(schema, table)
    if found is not None:
        cases += [(None if pd.isna(c.index) else c.index, c.column, c.check)
                  for c in found.itertuples(index=False)]
    for row, column, check in cases:
        row = None if row is None else int(row)
        shown = "pairing_id, metric, year" if check == "multiple_fields_uniqueness" else column
        if (raw.table, row, shown) in problems.cells:
            continue  # already reported as a parse error
        if check == "not_nullable" or row is None:
            value = None
        else:
            value = raw.frame.at[row, column] if column in raw.frame else None
        problems.add(raw.file, raw.table, row, shown, value, check, _reason(check))


def _reference_checks(tables: dict[str, pd.DataFrame], raws: dict[str, RawTable],
                      problems: _Problems) -> None:
    """Report every id of :data:`sgnet.schema.REFERENCES` that is not in its target table.

    A reference into a table that is not in ``tables`` is not checked. ``raws`` need only
    name the files (their frames may be empty).
    """
    checks = [ref for name in tables for ref in REFERENCES
              if ref.table == name and ref.target in tables]

    def unknown(ref: Reference) -> pd.Series:
        """The ids of one column that are not in the table they refer to, by row."""
        values, known = tables[ref.table][ref.column], tables[ref.target][ref.key].dropna()
        if parse_kind(ref.table, ref.column) == "idlist":
            values = values[_lists_with_unknown(values, known)]
            exploded = values.str.split(";").explode().dropna()
            exploded = exploded[exploded != ""]
            return exploded[~exploded.isin(known)]
        return values[values.notna().to_numpy() & ~_isin(values, known)]

    longest = max((len(tables[ref.table]) for ref in checks), default=0)
    for ref, bad in zip(checks, _by_column(unknown, checks, longest), strict=True):
        file = raws[ref.table].file
        target_file = raws[ref.target].file if ref.target in raws else ref.target
        reason = f"is not {_an(ref.key)} in {target_file}"
        for row, value in bad.items():
            problems.add(file, ref.table, int(row), ref.column, value, "reference", reason)


def _strings(values: pd.Series) -> pyarrow.Array:
    """A text Series as an Arrow string array (no copy for Arrow-backed strings)."""
    return pyarrow.array(values, type=pyarrow.large_string(), from_pandas=True)


def _isin(values: pd.Series, known: pd.Series) -> np.ndarray:
    """``values.isin(known)`` through one Arrow hash lookup (missing values: False)."""
    hit = pyarrow.compute.is_in(_strings(values), value_set=_strings(known))
    return hit.fill_null(False).to_numpy(zero_copy_only=False)


def _lists_with_unknown(values: pd.Series, known: pd.Series) -> np.ndarray:
    """Mask of the id lists that hold an id not in ``known``, checked once per distinct list."""
    pc = pyarrow.compute
    lists = pc.unique(_strings(values)).drop_null()
    ids = pc.split_pattern(lists, ";")
    flat = pc.list_flatten(ids)
    unknown = pc.and_(pc.invert(pc.is_in(flat, value_set=_strings(known))),
                      pc.not_equal(flat, ""))
    parents = pc.list_parent_indices(ids).filter(unknown)
    bad = lists.take(pc.unique(parents))
    return _isin(values, pd.Series(bad.to_pylist(), dtype=object))


def _an(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _row_checks(tables: dict[str, pd.DataFrame], raws: dict[str, RawTable],
                problems: _Problems) -> None:
    """Report every row that breaks a rule of :data:`sgnet.schema.ROW_RULES`.

    The value shown is the cell as written in the raw table.
    """
    for rule in ROW_RULES:
        if rule.table not in tables:
            continue
        t, raw = tables[rule.table], raws[rule.table]
        problems.add_rows(raw, rule.fails(t), rule.column,
                          raw.frame.get(rule.column, t[rule.column]), rule.check, rule.message)


# --------------------------------------------------------------------------- entry points

def _check(path: str | Path | None
           ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, str, dict[str, RawTable]]:
    source = str(Path(path) if path is not None else SAMPLE_DATA)
    key = cache.cache_key(source) if cache.enabled() else None  # hash the files once
    cached = cache.lookup(source, key=key) if key else None
    if cached is not None:
        tables, found, names = cached
        files = {name: RawTable(name, file, pd.DataFrame()) for name, file in names.items()}
        return tables, found, source, files
    raws, file_problems = read_tables(path)
    problems = _Problems()
    problems.records.extend(file_problems.to_dict("records"))
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        if name in raws:
            if raws[name].workbook:
                raws[name] = _excel_error_cells(raws[name], problems)
            raws[name] = _repeated_headers(raws[name], problems)
            typed = _parse_table(raws[name], problems)
            if typed is not None:
                tables[name] = typed
                _schema_checks(raws[name], typed, problems)
    _reference_checks(tables, raws, problems)
    _row_checks(tables, raws, problems)
    found = problems.frame()
    order = {t: i for i, t in enumerate(TABLES)}
    found = found.assign(_t=found["table"].map(order)).sort_values(
        ["_t", "row", "column"], na_position="first", kind="stable").drop(columns="_t")
    found = found.reset_index(drop=True)
    files = {name: RawTable(name, raw.file, raw.frame.iloc[:0]) for name, raw in raws.items()}
    if key:  # written while the caller goes on; a copy of the dict, which callers change
        cache.store(source, dict(tables), found, {name: raw.file for name, raw in files.items()},
                    key=key, background=True)
    return tables, found, source, files


def validate(path: str | Path | None = None) -> pd.DataFrame:
    """Check a dataset and return every problem found (an empty frame when it is clean).

    Parameters
    ----------
    path : str or Path, optional
        A folder of CSV files or a .xlsx workbook; default the bundled sample.

    Returns
    -------
    pandas.DataFrame
        Columns ``file, table, row, column, value, check, message``; ``row`` is the row
        number a spreadsheet shows (header = row 1), empty for file-level problems.

    Raises
    ------
    DataFileError
        If ``path`` does not exist or holds no sgnet table at all.

    Examples
    --------
    >>> validate().empty
    True
    """
    return _check(path)[1]


def load(path: str | Path | None = None, *, errors: str = "raise") -> Dataset:
    """Load and validate a dataset.

    Parameters
    ----------
    path : str or Path, optional
        A folder of CSV files or a .xlsx workbook; default the bundled sample.
    errors : {"raise", "drop"}
        ``"raise"``: any problem raises :class:`TableValidationError` listing all of them.
        ``"drop"``: rows with problems are left out (and kept, with their reasons, in
        ``Dataset.rejected``); rows that referred to them are left out too.

    Returns
    -------
    Dataset

    Raises
    ------
    TableValidationError
        With ``errors="raise"``, when any check fails; ``.failure_cases`` lists them all.
    DataFileError
        If ``path`` does not exist or holds no sgnet table at all.

    Examples
    --------
    >>> ds = load()
    >>> sorted(ds.tables) == sorted(TABLES)
    True
    """
    return load_with_files(path, errors=errors)[0]


def load_with_files(path: str | Path | None = None, *, errors: str = "raise"
                    ) -> tuple[Dataset, dict[str, RawTable]]:
    """:func:`load`, also returning the tables' files (their frames may be empty).

    Returns
    -------
    dataset : Dataset
    files : dict of str to RawTable
        Per table read, its file (``RawTable.file``); the frames hold no rows, or none at
        all when the tables came from the cache (:mod:`sgnet.cache`).

    Examples
    --------
    >>> ds, files = load_with_files()
    >>> files["pairings"].file, len(files["pairings"].frame)
    ('pairings.csv', 0)
    """
    if errors not in ("raise", "drop"):
        raise ValueError(f"errors must be 'raise' or 'drop', not {errors!r}")
    tables, problems, source, files = _check(path)
    if len(problems) and errors == "raise":
        raise TableValidationError(problems)
    if len(problems):
        tables, problems = _drop_rejected(tables, problems, files)
    for name in TABLES:
        if name not in tables:
            schema = SCHEMAS[name]
            tables[name] = pd.DataFrame(
                {c: pd.Series(dtype=col.dtype.type) for c, col in schema.columns.items()}
            ).rename_axis("row")
    return Dataset.from_tables(tables, source=source, problems=problems), files


def _drop_rejected(tables: dict[str, pd.DataFrame], problems: pd.DataFrame,
                   raws: dict[str, RawTable]) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Leave out rejected rows, then rows that referred to them, until nothing changes.

    ``raws`` need only name the files (their frames may be empty).
    """
    all_problems = problems
    while True:
        rejected = all_problems.dropna(subset=["row"])
        changed = False
        for name, t in list(tables.items()):
            rows = set(rejected.loc[rejected["table"] == name, "row"].astype(int))
            keep = ~t.index.isin(list(rows))
            if not keep.all():
                tables[name] = t[keep]
                changed = True
        if not changed:
            break
        follow = _Problems()
        _reference_checks(tables, raws, follow)
        new = follow.frame()
        new["check"] = "cascade"
        new["message"] = new["message"] + " (that row was rejected)"
        if new.empty:
            break
        all_problems = pd.concat([all_problems, new], ignore_index=True)
    return tables, all_problems
