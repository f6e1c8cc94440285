"""The problems found while loading a dataset, one record each, collected by every stage.

Reading (:mod:`sgnet.read`), parsing (:mod:`sgnet.parse`) and checking (:mod:`sgnet.checks`)
add to one :class:`Problems`; :func:`sgnet.validate` returns its :meth:`Problems.frame`. A
problem names its file, table, row (the row number a spreadsheet shows: the header is row 1,
the first record row 2), column, the value found, the check that failed and a message.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["PROBLEM_COLUMNS", "NOTICES", "Problems", "split_notices"]

#: the columns of a problems frame (:func:`sgnet.validate`, ``TableValidationError``)
PROBLEM_COLUMNS = ["file", "table", "row", "column", "value", "check", "message"]

#: checks that are notices, not problems: what loading did to the layout of a real 台账
#: (a title skipped, a 序号 column or a 合计 row left out, an open end date), extra columns
#: kept and optional columns absent, and warnings about odd but allowed values. They are
#: said (``sgnet validate`` prints them, :class:`sgnet.audit.Audit` lists them) but reject
#: nothing.
NOTICES = frozenset({
    "title_rows", "serial_column", "total_row", "open_end", "extra_column", "absent_column",
    "lines", "outside_pairing", "unrelated_org",
})


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
        where = f"{file}" + (f" row {row}" if row is not None and row is not pd.NA else "")
        if column is not None:
            where += f", {column}"
        shown = "" if value is None or value is pd.NA or value == "" else f"{value!r} "
        self.records.append({
            "file": file, "table": table, "row": row, "column": column,
            "value": None if value is pd.NA else value, "check": check,
            "message": f"{where}: {shown}{reason}",
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
