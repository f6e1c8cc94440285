"""Reading: the files of a dataset into raw tables of text, tidied, nothing parsed yet.

A dataset is a folder of CSV files (``organizations.csv`` … or ``机构.csv`` …) or one .xlsx
workbook with a sheet per table (canonical or Chinese sheet names). CSV text may be UTF-8,
with or without a byte-order mark (BOM), or GB18030/GBK; headers may be Chinese aliases
(:data:`sgnet.vocab.COLUMN_ALIASES`). Every cell comes out as stripped text (``""`` when
empty), each row named by the row number a spreadsheet shows (the header is row 1).
What cannot be read (an empty or binary file, a missing table) is a file-level problem.
"""

from __future__ import annotations

import csv
import logging
import mmap
import os
import re
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute
import pyarrow.csv as pacsv

from .errors import DataFileError
from .headers import SERIAL_HEADERS, canonical_header, header_stem, noted_table, sheet_table
from .paths import SAMPLE_DATA
from .problems import Problems
from .schema import SCHEMAS, parse_kind
from .sheets import EXCEL_ERROR, FORMULA, cell_text, read_workbook, serial_dates, sheet_names
from .vocab import FILE_STEMS, TABLES

__all__ = ["RawTable", "read_tables", "canonical_header", "data_lines", "EXCEL_ERROR",
           "FORMULA", "SERIAL", "Distinct", "by_column"]

#: the name a column of row numbers (序号, No.) takes while read: left out by
#: :func:`sgnet.parse.drop_total_rows` once a 合计 row it may mark is found
SERIAL = "序号"

log = logging.getLogger(__name__)

_OPTIONAL_TABLES = ("targets", "milestones")
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
    distinct: dict[str, Distinct] = field(default_factory=dict, repr=False)
    #: the row holding the header (below a title, when the sheet has one)
    header_row: int = 1


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

    Examples
    --------
    A folder holding one table, written by Excel in GB18030 with Chinese headers:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "机构.csv").write_bytes(
    ...         "机构编号,名称,类型,地区\\nA1, 甲机构 ,社工机构,440305\\n,,,\\n".encode("gb18030"))
    ...     raws, problems = read_tables(folder)
    >>> raws["organizations"].frame.to_dict("index")  # doctest: +NORMALIZE_WHITESPACE
    {2: {'org_id': 'A1', 'name': '甲机构', 'kind': '社工机构', 'region': '440305'}}
    >>> problems[["table", "check"]].to_numpy().tolist()
    [['people', 'table'], ['pairings', 'table'], ['activities', 'table']]
    """
    path = Path(path) if path is not None else SAMPLE_DATA
    problems = Problems()
    raw: dict[str, RawTable] = {}
    if not path.exists():
        raise DataFileError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix.lower() in _EXCEL:
        for table, (sheet, frame) in read_workbook(path, problems).items():
            file = f"{path.name}[{sheet}]"
            frame, header_row = _locate_header(frame, table, file, problems)
            frame = serial_dates(table, frame)
            text = frame.map(cell_text).astype(str)
            # a blank header is named by its position, as pandas names it in a CSV
            text.columns = [cell_text(c) or f"unnamed: {i}" for i, c in enumerate(frame.columns)]
            tidy = _tidy(text, table=table)[0]
            raw[table] = RawTable(table, file, tidy, workbook=True, header_row=header_row)
            _merged_problems(raw[table], frame.attrs.get("merged", []), header_row,
                             [canonical_header(c, table) for c in text.columns], problems)
        missing_where = f"{path.name}"
    elif path.is_dir():
        for table, found in _table_files(path, problems).items():
            try:
                frame, bom = _read_csv(found)
                frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
                _stray_quotes(found, frame, table, problems)
                frame, header_row = _locate_header(frame, table, found.name, problems)
                tidy, distinct = _tidy(frame, bom=bom, table=table)
                raw[table] = RawTable(table, found.name, tidy, distinct=distinct,
                                      header_row=header_row)
            except DataFileError as err:
                reason = str(err).split(": ", 1)[1]
                problems.add(found.name, table, None, None, None, "file", reason)
            except OSError as err:  # unreadable, a dangling link, a folder named x.csv
                problems.add(found.name, table, None, None, None, "file", _os_reason(err))
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
            found = (f" (the workbook has sheets: {', '.join(sheet_names(path))})"
                     if path.is_file() else "")
            problems.add(missing_where, table, None, None, None, "table",
                         f"the {kind} for table {table} ({FILE_STEMS[table][1]}) is missing"
                         f"{found}")
    return raw, problems.frame()


# --------------------------------------------------------------------------- CSV files

def _os_reason(err: OSError) -> str:
    """Why a file could not be read, in words and with the way out."""
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file; rename it or move the CSV file out of it"
    if isinstance(err, PermissionError):
        return "cannot be read (permission denied); give yourself read access to the file"
    if isinstance(err, FileNotFoundError):
        return "cannot be read: it is a link to a file that does not exist"
    return f"cannot be read ({err.strerror or err})"


def _table_files(folder: Path, problems: Problems) -> dict[str, Path]:
    """The CSV file of each table in a folder; two files for one table are a problem naming
    both (the first in :data:`sgnet.vocab.FILE_STEMS` order is read)."""
    by_table: dict[str, list[Path]] = {}
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() == ".csv" and (table := sheet_table(p.stem)
                                           or noted_table(p.stem)) is not None:
            by_table.setdefault(table, []).append(p)
    out = {}
    for table, found in by_table.items():
        rank = {stem: i for i, stem in enumerate(FILE_STEMS[table])}
        found.sort(key=lambda p: (rank.get(p.stem.strip().lower(), len(rank)), p.name))
        out[table] = found[0]
        for other in found[1:]:
            problems.add(folder.name + "/", table, None, None, None, "two_sources",
                         f"files {found[0].name} and {other.name} are both table {table}; "
                         f"keep one (only {found[0].name} is read)")
    return out


def _stray_quotes(path: Path, frame: pd.DataFrame, table: str, problems: Problems) -> None:
    """A stray ``"`` opens a cell that swallows the lines after it: report each such cell
    with the lines it swallowed. A cell spanning lines is only taken for one when one of
    its lines holds as many commas as a row of the file."""
    width = len(frame.columns)
    if width < 2 or not _holds_quote(path):
        return
    suspects = []
    for name in frame.columns:
        text = frame[name]
        if not (isinstance(text.dtype, pd.StringDtype) or text.dtype == object):
            continue
        spans = text.str.contains("\n", regex=False).fillna(False)
        if not spans.any():
            continue
        for row, cell in text[spans.to_numpy(dtype=bool)].items():
            if any(line.count(",") >= width - 1 for line in str(cell).splitlines()[1:]):
                suspects.append((row, name, cell))
    if not suspects:
        return
    starts = _record_lines(path)
    for row, name, cell in suspects:
        first = starts.get(row, row)
        last = first + str(cell).rstrip("\r\n").count("\n")
        problems.add(path.name, table, int(row), canonical_header(name), str(cell)[:40] + "…",
                     "stray_quote",
                     f"a stray '\"' at line {first} opens a cell that runs to line {last}: "
                     f"lines {first + 1}–{last} were swallowed into it; remove the quote "
                     "or close it")


def _holds_quote(path: Path) -> bool:
    """Whether a file holds a ``"`` at all: a cell spans lines only then."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(b'"') >= 0


def _record_lines(path: Path) -> dict[int, int]:
    """The physical line where each record starts (record 2 is the first after the header)."""
    csv.field_size_limit(2**31 - 1)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with path.open(encoding=encoding, newline="") as fh:
                reader = csv.reader(fh)
                out, start = {}, 1
                for number, _ in enumerate(reader, start=1):
                    out[number] = start
                    start = reader.line_num + 1
                return out
        except UnicodeDecodeError:
            continue
    return {}


def data_lines(path: Path) -> int:
    """Physical lines of a CSV file after its header, blank lines at the end not counted.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     f = Path(folder) / "t.csv"
    ...     _ = f.write_text('a,b\\n1,"x\\ny"\\n2,z\\n\\n', encoding="utf-8")
    ...     data_lines(f)
    3
    """
    data = path.read_bytes().rstrip(b"\r\n \t")
    return data.count(b"\n")

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
    csv.field_size_limit(2**31 - 1)  # a stray quote makes one huge cell: reported, not fatal
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
            with pyarrow.memory_map(os.fsencode(path)) as source:  # bytes: any path
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


# --------------------------------------------------------------------------- workbooks

def _merged_problems(raw: RawTable, ranges: list[tuple[str, int, int, int]],
                     header_row: int, names: list[str], problems: Problems) -> None:
    """Merged cells leave every cell but the top-left one empty: report them, never guess.

    Ranges above the header row are a title, not data; ``names``: the sheet's headers."""
    for coord, first, last, col in ranges:
        header = names[col - 1] if col - 1 < len(names) else None
        if last < header_row or (last == header_row and first < last and header
                                 and ":" in coord and _one_column(coord)):
            continue  # a title, or a header merged down over a two-level header's rows
        if first <= header_row:
            problems.add(raw.file, raw.table, header_row, header or None, None, "merged",
                         f"header cells {coord} are merged; give each column its own header "
                         f"in row {header_row} (unmerge the cells)")
            continue
        top = raw.frame.at[first, header] if (first in raw.frame.index
                                              and header in raw.frame.columns) else None
        for row in range(first + 1, last + 1):
            problems.add(raw.file, raw.table, row, header or None, None, "merged",
                         f"is empty because cells {coord} are merged and only row {first} "
                         f"holds the value{f' ({top!r})' if top else ''}; unmerge the cells "
                         "and fill in every row")


def _one_column(coord: str) -> bool:
    """Whether a merged range (``A1:A2``) spans one column."""
    first, last = coord.split(":")
    return first.rstrip("0123456789") == last.rstrip("0123456789")


# --------------------------------------------------------------------------- tidying

#: how many rows above the header a title or blank rows may take
_TITLE_ROWS = 10


def _locate_header(frame: pd.DataFrame, table: str, file: str, problems: Problems
                   ) -> tuple[pd.DataFrame, int]:
    """The header row found: row 1 when it names columns of ``table``, else the first of the
    next rows that names two or more (a title and blank rows above it are skipped and said).

    Returns the frame under its header (index: the sheet's row numbers) and the header row.
    """
    known = set(SCHEMAS[table].columns)

    def named(cells) -> int:
        return len({canonical_header(cell_text(c), table) for c in cells} & known)

    if frame.empty:
        return frame, 1
    if named(frame.columns) >= min(2, len(known)):
        position, cells = -1, list(frame.columns)
    else:
        position = next((p for p in range(min(_TITLE_ROWS, len(frame)))
                         if named(frame.iloc[p]) >= 2), None)
        if position is None:
            return frame, 1
        cells = list(frame.iloc[position])
        top = int(frame.index[position])
        problems.add(file, table, None, None, None, "title_rows",
                     f"rows 1–{top - 1} above the header (row {top}) are a "
                     "title or blank and were skipped")
    if position + 1 < len(frame):  # a two-level header: 活动时间 over 开始日期 · 结束日期
        sub = [cell_text(c) for c in frame.iloc[position + 1]]
        if len({canonical_header(c, table) for c in sub if c} & known
               - {canonical_header(cell_text(c), table) for c in cells}) >= 2:
            position += 1
            cells = [s or t for t, s in zip(cells, sub, strict=True)]
            problems.add(file, table, None, None, None, "header_rows",
                         f"rows {frame.index[position] - 1} and {frame.index[position]} are "
                         f"one header: the names of row {frame.index[position]} are read, and "
                         "those above where it is blank")
    if position < 0:
        return frame, 1
    out = frame.iloc[position + 1:].copy()
    out.columns = [cell_text(c) for c in cells]
    out.attrs = frame.attrs
    return out, int(frame.index[position])


def _tidy(frame: pd.DataFrame, bom: bool = True, table: str | None = None
          ) -> tuple[pd.DataFrame, dict[str, Distinct]]:
    """Strip cells, drop empty rows and unnamed empty columns, name rows as a spreadsheet does.

    ``bom=False`` says no cell can hold a byte-order mark (the file has none past its start),
    which spares a pass over every cell. Columns of ``table`` that are parsed once per
    distinct value are factorized here and stripped per distinct value (most need no
    change, and then no copy); those factorizations are returned for the parser.
    """
    frame = frame.copy()
    if frame.index.name != "row":
        frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    frame.columns = [canonical_header(c, table) for c in frame.columns]
    # a 序号 column is named so here and left out after the 合计 row, which it may mark
    frame.columns = [SERIAL if header_stem(c).lower() in SERIAL_HEADERS else c
                     for c in frame.columns]
    names = list(frame.columns)
    unique_names = len(set(names)) == len(names)

    def clean(position: int) -> tuple[pd.Series, Distinct | None]:
        text = frame.iloc[:, position]
        kind = parse_kind(table, names[position]) if table and unique_names else None
        arrow = isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow"
        if arrow and kind is not None and _by_distinct(kind):
            return _clean_distinct(text, bom)
        return (text.str.replace("\ufeff", "", regex=False) if bom else text).str.strip(), None

    cleaned = by_column(clean, list(range(frame.shape[1])), len(frame))
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


# speed: a column of dates, numbers, id lists or vocabulary holds few distinct values, so it
# is stripped once per distinct value, and the factorization handed on to the parser

def _by_distinct(kind: str) -> bool:
    """Whether a column of this parse kind is parsed once per distinct value (by
    :mod:`sgnet.parse`)."""
    return kind in ("date", "int", "float", "idlist") or kind.startswith("enum:")


def _clean_distinct(text: pd.Series, bom: bool) -> tuple[pd.Series, Distinct]:
    """Strip an Arrow text column per distinct value; copy it only if a value changed."""
    distinct = Distinct.of(text)
    values = pyarrow.array(distinct.uniques, type=pyarrow.large_string())
    cleaned = pyarrow.compute.replace_substring(values, "\ufeff", "") if bom else values
    cleaned = pyarrow.compute.utf8_trim_whitespace(cleaned)
    if cleaned.equals(values):
        return text, distinct
    uniques = pd.Series(cleaned.to_pylist(), dtype=object)
    column = pd.Series(pd.array(uniques, dtype=text.dtype).take(distinct.codes),
                       index=text.index, name=text.name)
    return column, Distinct(column, distinct.codes, uniques)


# --------------------------------------------------------------------------- column by column

#: a table this long has its columns tidied, parsed and checked side by side, in threads: the
#: work is mostly Arrow kernels and hashing, which release the GIL
_THREADED_ROWS = 50_000


def by_column(func: Callable, columns: list, rows: int) -> list:
    """``[func(c) for c in columns]``, in threads when the table is long enough to pay.

    Tidying, parsing and checking (:mod:`sgnet.parse`, :mod:`sgnet.checks`) all work
    column by column through this.

    Examples
    --------
    >>> by_column(str.upper, ["org_id", "name"], rows=3)
    ['ORG_ID', 'NAME']
    """
    workers = min(len(columns), os.cpu_count() or 1, 4)
    if rows < _THREADED_ROWS or workers < 2:
        return [func(c) for c in columns]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sgnet-load") as pool:
        return list(pool.map(func, columns))


@dataclass
class Distinct:
    """A text column factorized once: the code of each row and the distinct values.

    Tidying strips some columns once per distinct value and hands the factorization on to
    the parser (:mod:`sgnet.parse`), which parses once per distinct value too, as an object
    Series (so that ``.str`` methods keep Python's regex semantics, not Arrow's RE2);
    :meth:`spread` gives the results to rows.

    Examples
    --------
    >>> text = pd.Series(["2022", "2023", "2022"], index=[2, 3, 4])
    >>> d = Distinct.of(text)
    >>> d.uniques.tolist(), d.codes.tolist()
    (['2022', '2023'], [0, 1, 0])
    >>> d.spread(pd.Series([2022, 2023])).tolist()
    [2022, 2023, 2022]
    """

    text: pd.Series
    codes: np.ndarray
    uniques: pd.Series

    @classmethod
    def of(cls, text: pd.Series) -> Distinct:
        """Factorize a text column (a missing value is a value of its own)."""
        codes, uniques = pd.factorize(text.array, use_na_sentinel=False)
        return cls(text, codes, pd.Series(np.asarray(uniques, dtype=object), dtype=object))

    def spread(self, part: pd.Series) -> pd.Series:
        """Values per distinct value → values per row."""
        return pd.Series(part.array.take(self.codes), index=self.text.index, name=self.text.name)
