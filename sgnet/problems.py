"""The problems found while loading a dataset, one record each, collected by every stage.

Reading (:mod:`sgnet.read`), parsing (:mod:`sgnet.parse`) and checking (:mod:`sgnet.checks`)
add to one :class:`Problems`; :func:`sgnet.validate` returns its :meth:`Problems.frame`. A
problem names its file, table, row (the row number a spreadsheet shows: the header is row 1,
the first record row 2), column, the value found, the check that failed and a message.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from .reasons import REASONS
from .schema import ACROSS
from .vocab import COLUMN_ALIASES, HEADERS
from .words import word

__all__ = ["PROBLEM_COLUMNS", "NOTICES", "Problems", "split_notices", "messages"]

#: the columns of a problems frame (:func:`sgnet.validate`, ``TableValidationError``)
PROBLEM_COLUMNS = ["file", "table", "row", "column", "value", "check", "message"]

#: checks that are notices, not problems: what loading did to the layout of a real 台账
#: (a title skipped, a 序号 column or a 合计 row left out, an open end date), extra columns
#: kept and optional columns absent, and warnings about odd but allowed values. They are
#: said (``sgnet validate`` prints them, :class:`sgnet.audit.Audit` lists them) but reject
#: nothing.
NOTICES = frozenset({
    "title_rows", "header_rows", "serial_column", "total_row", "open_end", "extra_column",
    "absent_column", "region_replaced",
} | {rule.check for rule in ACROSS if rule.notice})


def split_notices(found: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(problems, notices)`` of a frame of both (see :data:`NOTICES`).

    Examples
    --------
    >>> found = Problems()
    >>> found.add("活动.csv", "activities", None, "序号", None, "serial_column", "left out")
    >>> problems, notices = split_notices(found.frame())
    >>> len(problems), notices["check"].tolist()
    (0, ['serial_column'])
    """
    notice = found["check"].isin(NOTICES).to_numpy(dtype=bool)
    if not notice.any():
        return found, found.iloc[:0]
    return found[~notice].reset_index(drop=True), found[notice].reset_index(drop=True)


class Problems:
    """Collects problems; knows which cells already have one.

    Examples
    --------
    >>> found = Problems()
    >>> found.add("pairings.csv", "pairings", 9, "mentor_org_id", "A017", "reference",
    ...           "is not an org_id in organizations.csv")
    >>> found.add("pairings.csv", "pairings", None, None, None, "file", "the file is empty")
    >>> found.frame()["message"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ["pairings.csv row 9, mentor_org_id: 'A017' is not an org_id in organizations.csv",
     'pairings.csv: the file is empty']
    >>> ("pairings", 9, "mentor_org_id") in found.cells
    True
    """

    def __init__(self) -> None:
        self.records: list[dict] = []
        #: ``(table, row, column)`` of every problem added
        self.cells: set[tuple[str, object, str]] = set()

    def add(self, file: str, table: str, row: object, column: object, value: object,
            check: str, reason: str) -> None:
        """Add one problem; ``row`` and ``column`` are ``None`` for a whole file or table."""
        self.cells.add((table, row, column))
        self.records.append({
            "file": file, "table": table, "row": row, "column": column,
            "value": None if value is pd.NA else value, "check": check,
            "message": _prefix(file, table, row, column, value, "en") + reason,
        })

    def add_rows(self, file: str, table: str, mask: pd.Series, column: str,
                 values: pd.Series, check: str, reason: str | pd.Series) -> None:
        """Add a problem for each row of ``mask`` that is true (missing counts as false).

        ``values`` and ``mask`` share the table's index of row numbers; ``reason`` is one text
        for all, or a text per row.
        """
        rows = mask.index[mask.to_numpy(dtype=bool, na_value=False)]
        if not len(rows):
            return
        found = values.loc[rows].astype(object).tolist()
        whys = [reason] * len(rows) if isinstance(reason, str) else reason.loc[rows].tolist()
        for row, value, why in zip(rows.tolist(), found, whys, strict=True):
            self.add(file, table, int(row), column, value, check, why)

    def frame(self) -> pd.DataFrame:
        """The problems as a frame of :data:`PROBLEM_COLUMNS`, ``row`` as ``Int64``."""
        df = pd.DataFrame(self.records, columns=PROBLEM_COLUMNS)
        df["row"] = df["row"].astype("Int64")
        return df


def _prefix(file: str, table: str, row: object, column: object, value: object,
            lang: str) -> str:
    """Where a problem is and the value found: ``活动.csv row 3, count: '2,5' ``."""
    has_row = row is not None and row is not pd.NA and not (isinstance(row, float)
                                                              and pd.isna(row))
    where = word("problem.where_row" if has_row else "problem.where", lang, file=file,
                 row=int(row) if has_row else "")
    if column is not None and column is not pd.NA and not (isinstance(column, float)
                                                           and pd.isna(column)):
        shown = _ZH_HEADERS.get((table, column), _ZH_HEADERS.get(column, column)) \
            if lang == "zh" else column
        if lang == "zh" and (m := re.fullmatch(r"column ([A-Z]+) \(no header\)", str(column))):
            shown = word("problem.no_header", lang, letter=m[1])
        where += word("problem.column", lang, column=shown)
    missing = value is None or value is pd.NA or value == "" or (isinstance(value, float)
                                                                 and pd.isna(value))
    return where + word("problem.colon", lang) + (
        "" if missing else word("problem.value", lang, value=value, quoted=repr(value)))


#: the Chinese header of each canonical column shown in a Chinese message
_ZH_HEADERS: dict[object, str] = {
    col: next(k for k, v in COLUMN_ALIASES.items() if v == col)
    for col in dict.fromkeys(COLUMN_ALIASES.values())} | {
    ("activities", "kind"): "活动类型", ("people", "org_id"): "所属机构",
    ("people", "name"): "姓名", ("organizations", "name"): "机构名称",
    ("activities", "pairing_id"): "结对编号", ("targets", "pairing_id"): "结对编号"} | {
    (table, col): head for table, heads in HEADERS.items() for col, head in heads.items()}
_REJECTED = " (that row was rejected)"


@functools.cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    out = []
    for en, zh in REASONS:
        parts = re.split(r"\{(\w+)\}", en)
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)"
                        for i, p in enumerate(parts))
        out.append((re.compile(regex + "$", re.DOTALL), zh))
    return out


def _reason(reason: str, lang: str) -> str:
    """A reason the loader wrote (in English) in ``lang``; as written when unknown."""
    if lang == "en":
        return reason
    tail = ""
    if reason.endswith(_REJECTED):
        reason, tail = reason.removesuffix(_REJECTED), word("problem.rejected", lang)
    for pattern, zh in _patterns():
        if (m := pattern.match(reason)) is not None:
            return zh.format(**m.groupdict()) + tail
    return reason + tail


def messages(found: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """Each problem said in ``lang``: where (file or sheet as written, the row as Excel shows
    it, the column), the value found, the reason and the way out.

    The ``message`` column of ``found`` is the English form; the other columns are kept as
    they are (canonical, for machines).

    Examples
    --------
    >>> found = Problems()
    >>> found.add("台账.xlsx[活动]", "activities", 5, "kind", "团体都导", "value",
    ...           "unknown value (did you mean 团体督导?); use one of training (or 培训 …)")
    >>> messages(found.frame()).tolist()
    ['台账.xlsx[活动] 第 5 行,活动类型:「团体都导」无法识别的值(是不是“团体督导”?);可填:培训 …']
    >>> messages(found.frame(), "en").tolist()  # doctest: +ELLIPSIS
    ["台账.xlsx[活动] row 5, kind: '团体都导' unknown value (did you mean 团体督导?); ..."]
    """
    out = []
    for r in found.itertuples(index=False):
        prefix = _prefix(r.file, r.table, r.row, r.column, r.value, "en")
        reason = r.message[len(prefix):] if r.message.startswith(prefix) else r.message
        out.append(_prefix(r.file, r.table, r.row, r.column, r.value, lang)
                   + _reason(reason, lang))
    return pd.Series(out, index=found.index, dtype=object)
