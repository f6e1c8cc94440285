"""Workbooks: the sgnet sheets of an .xlsx file as cells, with what Excel alone can hide.

Hidden sheets and two sheets for one table are problems naming both; an error cell reads
as :data:`EXCEL_ERROR` and a formula with no value saved as :data:`FORMULA` (both reported
by :func:`sgnet.parse.blank_excel_errors`); a number in a date column that is an Excel serial
day becomes that date (:func:`serial_dates`); merged cells are kept with the frame
(``frame.attrs["merged"]``) for :mod:`sgnet.read` to report.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataFileError
from .headers import canonical_header, noted_table, sheet_table
from .problems import Problems
from .schema import parse_kind

__all__ = ["read_workbook", "serial_dates", "cell_text", "sheet_names", "EXCEL_ERROR",
           "FORMULA"]

log = logging.getLogger(__name__)


def cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(path: Path, problems: Problems) -> dict[str, tuple[str, pd.DataFrame]]:
    """Each sgnet sheet of a workbook: ``{table: (sheet name as written, cells)}``.

    Cells keep their Python values (numbers, dates, text); an error cell reads as
    :data:`EXCEL_ERROR`, and so does a formula with no value cached (the file was written
    by a program and never calculated in Excel), which is reported. Hidden sheets, and two
    sheets for one table, are problems naming both; the visible, first one is read.
    The frame's columns are the cells of row 1, its index the sheet's row numbers.
    """
    import openpyxl

    if path.stat().st_size == 0:
        raise DataFileError(f"{path.name}: the file is empty")
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise DataFileError(f"{path.name}: not a readable .xlsx workbook ({err})") from err
    chosen: dict[str, openpyxl.worksheet.worksheet.Worksheet] = {}
    # visible sheets first, those named exactly (活动) before those with a note (活动 (2))
    for ws in sorted(book.worksheets, key=lambda w: (w.sheet_state != "visible",
                                                     sheet_table(w.title) is None)):
        table = sheet_table(ws.title) or noted_table(ws.title)
        if table is None:
            log.info("%s: sheet %r is not a table of sgnet; ignored", path.name, ws.title)
            continue
        if ws.sheet_state != "visible":
            problems.add(path.name, table, None, None, None, "hidden_sheet",
                         f"sheet {ws.title!r} is hidden; unhide it and keep the one sheet "
                         f"for table {table}, or delete it" + (
                             f" (sheet {chosen[table].title!r} is read)" if table in chosen
                             else " (it is not read)"))
            continue
        if table in chosen:
            problems.add(path.name, table, None, None, None, "two_sources",
                         f"sheets {chosen[table].title!r} and {ws.title!r} are both table "
                         f"{table}; keep one (only {chosen[table].title!r} is read)")
            continue
        chosen[table] = ws
    formulas = _uncalculated(path, {ws.title for ws in chosen.values()})
    out = {}
    for table, ws in chosen.items():
        rows = [[EXCEL_ERROR if c.data_type == "e" else c.value for c in row]
                for row in ws.iter_rows()]
        for (r, c) in formulas.get(ws.title, ()):
            if r <= len(rows) and c <= len(rows[r - 1]) and rows[r - 1][c - 1] is None:
                rows[r - 1][c - 1] = FORMULA
        width = max((len(r) for r in rows), default=0)
        rows = [r + [None] * (width - len(r)) for r in rows]
        header = [cell_text(c) for c in rows[0]] if rows else []
        frame = pd.DataFrame(rows[1:], columns=header, dtype=object,
                             index=pd.RangeIndex(2, len(rows) + 1, name="row"))
        frame.attrs["merged"] = sorted((r.coord, r.min_row, r.max_row, r.min_col)
                                       for r in ws.merged_cells.ranges)
        out[table] = (ws.title, frame)
    return out


def _uncalculated(path: Path, sheets: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Cells of ``sheets`` holding a formula (``=...``), by sheet: ``[(row, column), ...]``."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    out: dict[str, list[tuple[int, int]]] = {}
    for name in sheets:
        for row in book[name].iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str)
                                             and cell.value.startswith("=")):
                    out.setdefault(name, []).append((cell.row, cell.column))
    book.close()
    return out


#: what an Excel error cell (#N/A, #DIV/0!, #REF! ...) reads as
EXCEL_ERROR = "#ERROR!"
#: what a formula cell with no value cached reads as (reported, then blank)
FORMULA = "#FORMULA!"
# Excel serial day numbers accepted in a workbook's date cells: 1950-01-01 .. 2100-12-31
_SERIAL_RANGE = (18264, 73415)


def serial_dates(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers in a workbook's date columns as dates: Excel stores a date as its serial day.

    Only a numeric cell (not text) in a date column, within 1950..2100, is taken as a date:
    that is a date cell whose date format was lost, which is unambiguous. A CSV or a text
    cell holding ``44858`` stays text and is rejected with a hint.
    """
    out = frame
    for col in frame.columns:
        if parse_kind(table, canonical_header(cell_text(col), table)) != "date":
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


def sheet_names(path: Path) -> list[str]:
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True).sheetnames
    except Exception:
        return []
