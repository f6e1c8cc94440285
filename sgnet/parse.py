"""Parsing: the text of a raw table into typed columns; every cell that does not parse is a problem.

Each column is parsed as its schema's ``parse`` kind says (:func:`sgnet.schema.parse_kind`):
ids and text stay text; dates, numbers, yes/no values, regions, id lists and vocabulary
values (Chinese and traditional forms too) become typed values. Before parsing, cells a
workbook shows as an Excel error and rows that repeat the header are reported and left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute

from .excel import DEFUSED
from .headers import looks_like, zh_header
from .problems import Problems
from .read import EXCEL_ERROR, FORMULA, SERIAL, Distinct, RawTable, by_column, canonical_header
from .regions import divisions, region_name, replaced_codes, resolve_regions
from .schema import (
    DATE_WINDOWS,
    LIMITS,
    OPEN_END,
    OPEN_ENDS,
    SCHEMAS,
    column_dtype,
    parse_kind,
    required_columns,
)
from .values import canonical_metrics, canonical_values, suggestion
from .vocab import COLUMN_ALIASES, FALSE_VALUES, TRUE_VALUES, VALUE_ALIASES

__all__ = ["parse_table", "blank_excel_errors", "drop_repeated_headers", "drop_total_rows"]


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
    >>> found.frame()["message"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['pairings.csv: optional columns absent (left empty): end_date',
     "pairings.csv row 4, start_date: '2022-13-01' is not a real calendar date"]
    """
    schema = SCHEMAS[raw.table]
    frame = raw.frame
    missing = [c for c in required_columns(raw.table) if c not in frame.columns]
    for col in missing:
        problems.add(raw.file, raw.table, raw.header_row, col, None, "column",
                     f"required column {col} is missing (header row {raw.header_row} has: "
                     f"{', '.join(map(str, frame.columns))})")
    for position, col in enumerate(frame.columns):
        if col.startswith("unnamed:") or col == "":
            _headerless_column(raw, col, position, problems)
    dupes = list(frame.columns[frame.columns.duplicated()].unique()) + _mangled(frame.columns)
    for col in dupes:
        problems.add(raw.file, raw.table, raw.header_row, col, None, "column",
                     "the header appears twice")
    header_row = raw.header_row
    for col in frame.columns:
        if col in schema.columns or col.startswith("unnamed:") or col == "":
            continue
        like = looks_like(raw.table, col, frame.columns)
        if like is not None:
            problems.add(raw.file, raw.table, header_row, col, None, "header",
                         f"is not a column of {raw.table} but looks like {like} "
                         f"({zh_header(like)}), which is absent; rename the header to "
                         f"{zh_header(like)} or {like} (a unit in brackets may follow), "
                         "else its values are not read as such")
        else:
            problems.add(raw.file, raw.table, None, col, None, "extra_column",
                         "is not a column sgnet knows; kept as text")
    absent = [c for c in schema.columns if c not in frame.columns and c not in missing]
    if absent:
        problems.add(raw.file, raw.table, None, None, None, "absent_column",
                     "optional columns absent (left empty): " + ", ".join(absent))
    if missing or len(dupes):
        return None
    out = pd.DataFrame(index=frame.index)
    parsed = by_column(
        lambda name: _parse_column(raw.table, name, frame[name], raw.distinct.get(name)),
        list(frame.columns), len(frame))
    for name, (value, failed) in zip(frame.columns, parsed, strict=True):
        if failed is not None:
            mask, check, reason = failed
            if check == "region" and not isinstance(reason, str):
                renamed = reason.str.contains("; read as ", regex=False)
                problems.add_rows(raw.file, raw.table, renamed, name, frame[name],
                                  "region_replaced", reason[renamed])
                mask = mask & ~renamed.reindex(frame.index, fill_value=False).to_numpy()
                reason = reason[~renamed]
            if check == "date" and not isinstance(reason, str) and (reason == OPEN_END).any():
                open_end = reason == OPEN_END  # 9999-12-31: no end date, said once per row
                problems.add_rows(raw.file, raw.table, open_end, name, frame[name],
                                  "open_end", OPEN_END)
                mask = mask & ~open_end.reindex(frame.index, fill_value=False).to_numpy()
                reason = reason[~open_end]
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


def _parse_dates(text: pd.Series, window: tuple[str, str] = ("2000-01-01", "2100-12-31"),
                 open_end: bool = False) -> tuple[pd.Series, pd.Series]:
    """Dates of distinct texts, and the reason each failed one failed.

    A date outside ``window`` is a problem (never a crash); with ``open_end``, 9999-12-31
    (and any date in 9999) means "no end date" and parses as missing."""
    def iso(values: pd.Series) -> pd.Series:
        return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")

    text = text.astype(object)
    parsed = iso(text)
    other = parsed.isna() & (text != "")
    if other.any():  # other ways of writing a date: 2022/10/24, 2022年10月24日, ...T00:00
        # full-width digits (an input method's); a time of day after the date is not kept
        forms = text[other].map(lambda v: unicodedata.normalize("NFKC", v).strip())
        forms = forms.str.replace(r"^(\S+?)\s*T?\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", r"\1",
                                  regex=True)
        forms = forms.str.replace(_DATE_FORMS, r"\1-\2-\3", regex=True)
        parsed[other] = iso(forms)
    low, high = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    outside = parsed.notna() & ((parsed < low) | (parsed > high))
    reason = pd.Series("not a date; use YYYY-MM-DD (e.g. 2022-10-24)", index=text.index)
    if outside.any():
        reason[outside] = (f"is outside the dates sgnet accepts ({window[0][:4]}–"
                           f"{window[1][:4]}); a typo in the year, or a number in a date cell?")
        if open_end:
            reason[outside & (parsed.dt.year == 9999)] = OPEN_END
        parsed = parsed.where(~outside)
    parsed = parsed.astype("datetime64[ns]")
    bad = parsed.isna() & (text != "")
    if not bad.any():
        return parsed, reason
    serial = bad & text.str.fullmatch(r"\d{5}(\.0+)?").fillna(False).astype(bool)
    if serial.any():
        days = pd.to_numeric(text[serial]).astype(int)
        as_date = (pd.Timestamp("1899-12-30") + pd.to_timedelta(days, unit="D")).dt.date
        reason[serial] = ("looks like an Excel serial date (" + as_date.astype(str)
                          + "?); format the cell as a date or write YYYY-MM-DD")
    wrong = bad & ~outside & text.str.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}").fillna(False)
    reason[wrong.astype(bool)] = "is not a real calendar date"
    return parsed, reason


#: numbers: digits, thousands separated only in groups of three, a decimal point, an exponent
_NUMBER = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+")


def _parse_numbers(text: pd.Series, integer: bool, limit: float | None = None
                   ) -> tuple[pd.Series, pd.Series]:
    """Numbers of distinct texts by one grammar, and the reason each failed one failed.

    Full-width digits and commas are read as ASCII ones; a comma only separates thousands
    (``1,234``: ``2,5`` and ``10,30`` are problems, not 25 and 1030); ``inf`` and ``NaN``
    are not numbers; a value above ``limit`` is a problem naming the limit.

    Examples
    --------
    >>> num, why = _parse_numbers(pd.Series(["1,234", "2,5", "inf", "12", "9e9"]), True, 1e5)
    >>> num.tolist()
    [1234, <NA>, <NA>, 12, <NA>]
    >>> why[1][:38], why[4][:24]
    ('a comma only separates thousands (1,23', 'is more than 100,000, th')
    """
    cleaned = text.astype(object).map(
        lambda v: unicodedata.normalize("NFKC", v).replace(" ", "") if isinstance(v, str) else v)
    good = cleaned.map(lambda v: isinstance(v, str) and _NUMBER.fullmatch(v) is not None)
    num = pd.to_numeric(cleaned.where(good).str.replace(",", "", regex=False),
                        errors="coerce").astype(float)
    reason = pd.Series("not a number; write digits, e.g. 12", index=text.index)
    comma = ~good & cleaned.str.contains(",", regex=False).fillna(False).astype(bool)
    reason[comma] = ("a comma only separates thousands (1,234); write a decimal with a point "
                     "(2.5) and one number per cell")
    if limit is not None:
        high = num.abs() > limit
        reason[high] = f"is more than {limit:,.0f}, the most sgnet accepts here; check the value"
        num = num.where(~high)
    if integer:
        frac = num.notna() & (num % 1 != 0)
        reason[frac] = "not a whole number"
        num = num.where(~frac)
        return num.astype("Int64"), reason
    return num.astype("Float64"), reason


def _enum_values(uniques: pd.Series, domain: str, allowed: Iterable[str]) -> list:
    """The canonical value of each distinct text of an enum column (None when unknown)."""
    return canonical_values(uniques, domain, allowed)


def _enum_reason(domain: str, allowed: list[str], uniques: pd.Series, found: list
                 ) -> pd.Series:
    """Why each distinct value failed: the allowed values, and the nearest one if close."""
    zh = sorted({k for k, v in VALUE_ALIASES[domain].items() if v in allowed})[:12]
    plain = f"; use one of {', '.join(allowed)} (or {'、'.join(zh)} …)"

    def why(u: str, f: object) -> str:
        near = suggestion(u, domain, allowed) if f is None and u else None
        return "unknown value" + (f" (did you mean {near}?)" if near else "") + plain

    return pd.Series([why(u, f) for u, f in zip(uniques, found, strict=True)],
                     index=uniques.index,
                     dtype=object)


#: id lists that need no normalizing: plain ids joined by ";" (most of them)
_PLAIN_IDLIST = re.compile(r"[A-Za-z0-9_.\-;]*")
#: between ids: ; , 、 (half or full width), a slash, a line break (Alt+Enter) or a space
_IDLIST_SEPARATORS = re.compile(r"\s*[;；,，、/／]\s*|\s+")


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
        defused = text.str.match(DEFUSED.pattern)
        if defused.any():
            text = text.where(~defused, text.str.slice(1))
    if kind is None:  # an extra column: kept as text
        return text.where(present).astype("string"), None
    if kind in ("id", "text"):
        return text.where(present).astype("string"), None
    if kind == "bool":
        value = _parse_bool(text)
        return value, ((value.isna() & present).to_numpy(), "bool",
                       "not a yes/no value; use true/false (是/否)")
    if kind == "region":
        value, reasons = resolve_regions(text.where(present))
        old = _replaced(text)
        if old.any():  # an old code read as the code that replaced it: said, as a notice
            reasons = pd.concat([reasons, old[old]]).astype(object)
            reasons[old[old].index] = [
                f"is the old code of {replaced_codes()[t.split('.')[0][:6]][0]}, replaced by "
                f"{v} {region_name(v, full=True)}; read as {v}"
                for t, v in zip(text[old], value[old], strict=True)]
            return value, ((value.isna() & present).to_numpy() | old.to_numpy(), "region",
                           reasons)
        return value, ((value.isna() & present).to_numpy(), "region", reasons)
    distinct = distinct if distinct is not None else Distinct.of(text)
    uniques = distinct.uniques
    if kind == "metric":
        found, reasons = canonical_metrics(uniques)
        value = _text_or_same(distinct, found, present)
        mask, reason = _failed(distinct, pd.Series(found, dtype=object),
                               pd.Series(reasons, index=uniques.index, dtype=object))
        return value, (mask, "value", reason)
    if kind == "idlist":
        fixed = [u if _PLAIN_IDLIST.fullmatch(u) else _IDLIST_SEPARATORS.sub(";", u.strip())
                 for u in uniques]
        return _text_or_same(distinct, fixed, present), None
    if kind.startswith("enum:"):
        allowed = _allowed(table, name)
        found = _enum_values(uniques, kind[5:], allowed)
        value = _text_or_same(distinct, found, present)
        mask, reason = _failed(distinct, pd.Series(found, dtype=object),
                               _enum_reason(kind[5:], allowed, uniques, found))
        return value, (mask, "value", reason)
    if kind == "date":
        parsed, reasons = _parse_dates(uniques, DATE_WINDOWS.get((table, name), DATE_WINDOWS[None]),
                                       open_end=(table, name) in OPEN_ENDS)
        check = "date"
    elif kind in ("int", "float"):
        parsed, reasons = _parse_numbers(uniques, integer=kind == "int",
                                         limit=LIMITS.get((table, name)))
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
    error, formula = frame == EXCEL_ERROR, frame == FORMULA
    bad = error | formula
    if not bad.to_numpy().any():
        return raw
    for column in frame.columns[error.any()]:
        problems.add_rows(raw.file, raw.table, error[column], column,
                          pd.Series("", index=frame.index), "excel_error",
                          "holds an Excel error value (#N/A, #DIV/0!, #REF! …); "
                          "fix the formula or type the value")
    for column in frame.columns[formula.any()]:
        problems.add_rows(raw.file, raw.table, formula[column], column,
                          pd.Series("", index=frame.index), "formula",
                          "holds a formula with no value saved (the file was written by a "
                          "program and never calculated); open and save it in Excel, or type "
                          "the value")
    return RawTable(raw.table, raw.file, frame.mask(bad, ""), raw.workbook,
                    header_row=raw.header_row)


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
    return RawTable(raw.table, raw.file, frame.drop(index=repeated), raw.workbook,
                    header_row=raw.header_row)


#: what the first cells of a 合计 row say
_TOTAL_WORDS = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|總\s*計|合\s*計|total|sum)\s*[:：]?\s*$",
                          re.IGNORECASE)  # also run by Arrow (RE2): keep to the common syntax


def _total_level(cells: pd.Series) -> int:
    """1 for a 小计 (subtotal), 3 for a 总计, 2 for a 合计 (or total, sum)."""
    word = next((str(v) for v in cells if isinstance(v, str) and _TOTAL_WORDS.match(v)), "")
    word = re.sub(r"\s", "", word)
    return 1 if word.startswith("小") else 3 if word[:1] in ("总", "總") else 2


def drop_total_rows(raw: RawTable, problems: Problems) -> RawTable:
    """A 合计 (总计, 小计, total) row: checked against the sum of the rows above it, then left
    out with a note. A total that differs from that sum is a problem naming both. The rows
    above are those since the last total row; a 合计 or 总计 under 小计 rows may also sum every
    row since the last total of its own level, and a total right under the header sums the
    rows below it, up to the next total. A 序号
    column (:data:`sgnet.read.SERIAL`), where the word 合计 often stands, is left out after,
    with a note.

    Returns
    -------
    RawTable
        ``raw`` itself when there is no total row, else a copy without it.

    Examples
    --------
    >>> raw = RawTable("activities", "活动.csv", pd.DataFrame(
    ...     {"activity_id": ["X1", "X2", "合计"], "count": ["2", "3", "6"]}, index=[2, 3, 4]))
    >>> found = Problems()
    >>> drop_total_rows(raw, found).frame.index.tolist()
    [2, 3]
    >>> found.frame()[["row", "check"]].to_numpy().tolist()
    [[4, 'total'], [4, 'total_row']]
    """
    frame = raw.frame
    if SERIAL in frame.columns:
        problems.add(raw.file, raw.table, None, SERIAL, None, "serial_column",
                     "is a column of row numbers (序号); left out")
    raw = _without_serial(raw)
    if frame.empty:
        return raw
    total = np.zeros(len(frame), dtype=bool)
    # the word stands in the first column (序号, or the id when there is no 序号)
    for position in range(min(2 if frame.columns[0] == SERIAL else 1, frame.shape[1])):
        text = frame.iloc[:, position]
        if isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow":
            # speed: the cells of a national table are scanned by Arrow, not row by row
            cells = pyarrow.array(text, type=pyarrow.large_string(), from_pandas=True)
            hit = pyarrow.compute.match_substring_regex(cells, _TOTAL_WORDS.pattern,
                                                        ignore_case=True)
            total |= hit.fill_null(False).to_numpy(zero_copy_only=False)
        else:
            total |= text.astype(object).map(
                lambda v: isinstance(v, str) and _TOTAL_WORDS.match(v) is not None
            ).to_numpy(dtype=bool)
    if not total.any():
        return raw
    rows = frame.index[total].tolist()
    data = frame.drop(index=rows)
    levels = [_total_level(frame.loc[r].iloc[:2]) for r in rows]
    for i, row in enumerate(rows):
        # the rows since the last total (a 小计's section), and since the last total of at
        # least this level (a 合计 under 小计 rows sums them all); either sum is right
        since = rows[i - 1] if i else -1
        grand = max([-1] + [r for r, lv in zip(rows[:i], levels, strict=False) if lv >= levels[i]])
        section = data[(data.index > since) & (data.index < row)]
        whole = data[(data.index > grand) & (data.index < row)]
        where = "above"
        if not (data.index < row).any():  # a total right under the header: the rows below
            end = rows[i + 1] if i + 1 < len(rows) else frame.index[-1] + 1
            section = whole = data[(data.index > row) & (data.index < end)]
            where = "below"
        for col in frame.columns:
            if parse_kind(raw.table, col) not in ("int", "float"):
                continue
            given, _ = _parse_numbers(pd.Series([frame.at[row, col]]), integer=False)
            if pd.isna(given[0]):
                continue
            sums = [float(_parse_numbers(part[col][part[col] != ""], integer=False)[0].sum())
                    for part in (section, whole)]
            if all(abs(s - float(given[0])) > 1e-6 * max(1.0, abs(s)) for s in sums):
                problems.add(raw.file, raw.table, int(row), col, frame.at[row, col], "total",
                             f"is the 合计 of {col}, but the rows {where} it sum to "
                             f"{sums[1]:g}; correct the total or the rows")
        problems.add(raw.file, raw.table, int(row), None, None, "total_row",
                     "is a 合计 (total) row; checked against the rows above and left out"
                     if where == "above" else
                     "is a 合计 (total) row; checked against the rows below and left out")
    return _without_serial(RawTable(raw.table, raw.file, data, raw.workbook,
                                    header_row=raw.header_row))


def _without_serial(raw: RawTable) -> RawTable:
    if SERIAL not in raw.frame.columns:
        return raw
    return RawTable(raw.table, raw.file, raw.frame.drop(columns=[SERIAL]), raw.workbook,
                    distinct=raw.distinct, header_row=raw.header_row)



# --------------------------------------------------------------------------- per distinct value
# a column of dates, numbers, ids lists or vocabulary holds few distinct values: each is parsed
# once (see :class:`sgnet.read.Distinct`) and the result spread to the rows

def _replaced(text: pd.Series) -> pd.Series:
    """Which cells hold an old region code that a current one replaced."""
    digits = text.str.extract(r"^(\d{6})(?:\d{3}|\d{6})?(?:\.0)?$", expand=False)
    unknown = digits.notna() & ~digits.isin(divisions()["code"])
    if not unknown.any():  # the usual case: no old code, and no table of them built
        return unknown.astype(bool)
    old = {c for c, (_, new) in replaced_codes().items() if new is not None}
    return digits.isin(old).fillna(False).astype(bool)


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
