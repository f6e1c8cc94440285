"""Parsing: the text of a raw table into typed columns; every cell that does not parse is a problem.

Each column is parsed as its schema's ``parse`` kind says (:func:`sgnet.schema.parse_kind`):
ids and text stay text; dates, numbers, yes/no values, regions, id lists and vocabulary
values (Chinese and traditional forms too) become typed values. Before parsing, cells a
workbook shows as an Excel error and rows that repeat the header are reported and left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .problems import Problems
from .read import EXCEL_ERROR, Distinct, RawTable, by_column, canonical_header
from .regions import resolve_regions
from .schema import SCHEMAS, column_dtype, parse_kind, required_columns
from .vocab import COLUMN_ALIASES, FALSE_VALUES, TRUE_VALUES, VALUE_ALIASES

__all__ = ["parse_table", "blank_excel_errors", "drop_repeated_headers"]


def parse_table(raw: RawTable, problems: Problems) -> pd.DataFrame | None:
    """Typed table from raw text; every cell that does not parse is a problem.

    Parameters
    ----------
    raw : RawTable
        The table as read (:func:`sgnet.read.read_tables`).
    problems : Problems
        Where the problems found are added.

    Returns
    -------
    pandas.DataFrame or None
        The schema's columns in its order, typed, then any extra column as text; the index
        is kept (row numbers). ``None`` when the header is unusable (a required column
        missing, a header given twice): the table is then not checked any further.

    Examples
    --------
    >>> raw = RawTable("pairings", "pairings.csv", pd.DataFrame(
    ...     {"pairing_id": ["K1", "K2", "K3"], "mentor_org_id": ["A1", "A1", "A2"],
    ...      "mentee_org_id": ["B1", "B2", "B3"], "program": ["牵手计划"] * 3,
    ...      "start_date": ["2022-10-01", "2022年11月1日", "2022-13-01"]},
    ...     index=pd.RangeIndex(2, 5, name="row")))
    >>> found = Problems()
    >>> typed = parse_table(raw, found)
    >>> typed["start_date"].tolist()
    [Timestamp('2022-10-01 00:00:00'), Timestamp('2022-11-01 00:00:00'), NaT]
    >>> typed.columns.tolist()[-1]  # an optional column absent from the file, all missing
    'end_date'
    >>> found.frame()["message"].tolist()
    ["pairings.csv row 4, start_date: '2022-13-01' is not a real calendar date"]
    """
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
    parsed = by_column(
        lambda name: _parse_column(raw.table, name, frame[name], raw.distinct.get(name)),
        list(frame.columns), len(frame))
    for name, (value, failed) in zip(frame.columns, parsed, strict=True):
        if failed is not None:
            mask, check, reason = failed
            problems.add_rows(raw.file, raw.table, pd.Series(mask, index=frame.index), name,
                              frame[name], check, reason)
        out[name] = value
    for name in schema.columns:
        if name not in out.columns:
            out[name] = pd.Series(pd.NA, index=out.index, dtype=column_dtype(raw.table, name))
    ordered = list(schema.columns) + [c for c in out.columns if c not in schema.columns]
    return out[ordered]


_DATE_FORMS = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _mangled(columns: pd.Index) -> list[str]:
    """Headers that appeared twice in the file: pandas renames the second ``count.1``."""
    out = []
    for col in columns:
        if (m := re.fullmatch(r"(.+)\.(\d+)", col)) and canonical_header(m[1]) in columns:
            out.append(canonical_header(m[1]))
    return list(dict.fromkeys(out))


def _headerless_column(raw: RawTable, col: str, position: int, problems: Problems) -> None:
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
#: text defused for spreadsheets (sgnet.excel.defuse): an apostrophe before = + - @ tab CR
_DEFUSED = r"'[=+\-@\t\r]"
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


def _parse_column(table: str, name: str, text: pd.Series, distinct: Distinct | None = None
                  ) -> tuple[pd.Series, tuple[np.ndarray, str, pd.Series | str] | None]:
    """Typed values of one column from its text, and the cells that failed to parse
    (``(row mask, check, reason)``, or None when the kind of column cannot fail).
    ``distinct``: the column already factorized (while tidying)."""
    kind = parse_kind(table, name)
    present = text != ""
    if kind in (None, "id", "text"):  # text sgnet wrote formula-safe loads back as it was
        defused = text.str.match(_DEFUSED)
        if defused.any():
            text = text.where(~defused, text.str.slice(1))
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
    distinct = distinct if distinct is not None else Distinct.of(text)
    uniques = distinct.uniques
    if kind == "idlist":
        fixed = [u if _PLAIN_IDLIST.fullmatch(u) else _IDLIST_SEPARATORS.sub(";", u)
                 for u in uniques]
        return _text_or_same(distinct, fixed, present), None
    if kind.startswith("enum:"):
        allowed = _allowed(table, name)
        found = _enum_values(uniques, kind[5:], allowed)
        value = _text_or_same(distinct, found, present)
        mask, reason = _failed(distinct, pd.Series(found, dtype=object),
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
    mask, reason = _failed(distinct, parsed, reasons)
    return distinct.spread(parsed), (mask, check, reason)


# --------------------------------------------------------------------------- raw rows and cells

def _excel_letters(position: int) -> str:
    """Spreadsheet column letters of a 0-based position: 0 → A, 27 → AB."""
    letters = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def blank_excel_errors(raw: RawTable, problems: Problems) -> RawTable:
    """Report workbook cells holding an Excel error (#N/A, #DIV/0! ...) and blank them.

    Returns
    -------
    RawTable
        ``raw`` itself when no cell holds an error, else a copy with those cells empty.

    Examples
    --------
    >>> raw = RawTable("targets", "book.xlsx[targets]", pd.DataFrame(
    ...     {"pairing_id": ["K1", "K2"], "value": ["12", EXCEL_ERROR]}, index=[2, 3]),
    ...     workbook=True)
    >>> found = Problems()
    >>> blank_excel_errors(raw, found).frame["value"].tolist()
    ['12', '']
    >>> found.frame()[["row", "column", "check"]].to_numpy().tolist()
    [[3, 'value', 'excel_error']]
    """
    frame = raw.frame
    bad = frame == EXCEL_ERROR
    if not bad.to_numpy().any():
        return raw
    for column in frame.columns[bad.any()]:
        problems.add_rows(raw.file, raw.table, bad[column], column,
                          pd.Series("", index=frame.index), "excel_error",
                          "holds an Excel error value (#N/A, #DIV/0!, #REF! …); "
                          "fix the formula or type the value")
    return RawTable(raw.table, raw.file, frame.mask(bad, ""), raw.workbook)


def drop_repeated_headers(raw: RawTable, problems: Problems) -> RawTable:
    """Report and leave out rows that repeat the header: two files joined into one.

    Joining two exported files also leaves the second one's byte-order mark (BOM) in the
    middle of the text, on this row.

    Returns
    -------
    RawTable
        ``raw`` itself when no row repeats the header, else a copy without those rows.

    Examples
    --------
    >>> raw = RawTable("people", "people.csv", pd.DataFrame(
    ...     {"person_id": ["P1", "人员编号", "P2"], "name": ["甄", "姓名", "贾"]},
    ...     index=[2, 3, 4]))
    >>> found = Problems()
    >>> drop_repeated_headers(raw, found).frame.index.tolist()
    [2, 4]
    >>> found.frame()["check"].tolist()
    ['header_repeated']
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
        same = sum(canonical_header(v) == c for c, v in filled.items())
        if same >= max(2, len(filled) / 2):
            repeated.append(row)
            problems.add(raw.file, raw.table, int(row), first, cells[first], "header_repeated",
                         "this row repeats the header row (were two files joined here?); "
                         "remove it")
    if not repeated:
        return raw
    return RawTable(raw.table, raw.file, frame.drop(index=repeated), raw.workbook)


# --------------------------------------------------------------------------- per distinct value
# a column of dates, numbers, ids lists or vocabulary holds few distinct values: each is parsed
# once (see :class:`sgnet.read.Distinct`) and the result spread to the rows

def _text_or_same(distinct: Distinct, part: list | pd.Series, present: pd.Series) -> pd.Series:
    """Per-row text from new distinct values ("" and None missing); no copy when every
    non-empty value is unchanged, which is the usual case."""
    same = all(new == old for new, old in zip(part, distinct.uniques, strict=True) if old != "")
    if same:
        return distinct.text.where(present).astype("string")
    value = distinct.spread(pd.Series(list(part), dtype="string"))
    return value.where(present & value.ne("").fillna(False))


def _failed(distinct: Distinct, parsed: pd.Series, reasons: pd.Series | str
            ) -> tuple[np.ndarray, pd.Series | str]:
    """Rows whose non-empty value did not parse, and the reason for each of them."""
    bad = (parsed.isna() & (distinct.uniques != "")).to_numpy(dtype=bool)
    mask = bad[distinct.codes]
    if isinstance(reasons, str):
        return mask, reasons
    where = distinct.codes[mask]
    return mask, pd.Series(reasons.to_numpy(dtype=object)[where],
                           index=distinct.text.index[mask])
