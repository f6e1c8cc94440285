"""Nothing lost: what was read, what was accepted, and every row left out with its reason.

:func:`audit` loads a dataset the way ``load(path, errors="drop")`` does and accounts for
every row of every file: ``read = accepted + rejected`` per table, and each rejected row keeps
its original cells and the reasons it was left out, so that the user can fix and re-enter it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dataset import Dataset
from .io import PROBLEM_COLUMNS, load_with_files, read_tables
from .vocab import TABLES

__all__ = ["Audit", "audit", "COUNT_COLUMNS"]

COUNT_COLUMNS = ["table", "file", "read", "accepted", "rejected"]


@dataclass(frozen=True)
class Audit:
    """The outcome of loading a dataset with every rejected row accounted for.

    Attributes
    ----------
    dataset : Dataset
        The accepted rows (``load(path, errors="drop")``).
    problems : pandas.DataFrame
        Every problem (columns of :data:`sgnet.io.PROBLEM_COLUMNS`), including the rows left
        out because they refer to a rejected row (``check == "cascade"``).
    counts : pandas.DataFrame
        Per table: ``table, file, read, accepted, rejected`` (rows, header not counted).
    rejected_rows : pandas.DataFrame
        One row per rejected record: ``file, table, row, reason`` and its original cells.
    """

    dataset: Dataset
    problems: pd.DataFrame
    counts: pd.DataFrame
    rejected_rows: pd.DataFrame

    @property
    def complete(self) -> bool:
        """Whether every table was read: no missing or unreadable file, no table lost whole."""
        file_level = self.problems["row"].isna().any()
        lost = ((self.counts["read"] > 0) & (self.counts["accepted"] == 0)).any()
        return not (file_level or lost)

    @property
    def n_rejected(self) -> int:
        """Number of rows left out, over all tables."""
        return int(self.counts["rejected"].sum())

    def summary(self) -> str:
        """The counts as a small aligned text table.

        Examples
        --------
        >>> print(audit().summary())  # doctest: +ELLIPSIS
        table          file                 read  accepted  rejected
        organizations  organizations.csv     111       111         0
        ...
        """
        width = max([4] + [len(f) for f in self.counts["file"]]) + 2
        lines = [f"{'table':<15}{'file':<{width}}{'read':>6}{'accepted':>10}{'rejected':>10}"]
        for r in self.counts.itertuples(index=False):
            lines.append(f"{r.table:<15}{r.file:<{width}}{r.read:>6}{r.accepted:>10}"
                         f"{r.rejected:>10}")
        return "\n".join(lines)


def _unique(columns: pd.Index) -> list[str]:
    """Column names made unique, never clashing with file, table, row, reason."""
    seen = {"file", "table", "row", "reason"}
    out = []
    for c in map(str, columns):
        name, n = c, 2
        while name in seen:
            name, n = f"{c} ({n})", n + 1
        seen.add(name)
        out.append(name)
    return out


def audit(path: str | Path | None = None) -> Audit:
    """Load a dataset, keeping every good row, and account for every row left out.

    Parameters
    ----------
    path : str or Path, optional
        A folder of CSV files or a .xlsx workbook; default the bundled sample.

    Returns
    -------
    Audit

    Raises
    ------
    DataFileError
        If ``path`` does not exist or holds no sgnet table at all.

    Examples
    --------
    >>> a = audit()
    >>> a.n_rejected, a.complete, a.counts["read"].equals(a.counts["accepted"])
    (0, True, True)
    """
    ds, files = load_with_files(path, errors="drop")
    problems = ds.problems if len(ds.problems.columns) else pd.DataFrame(columns=PROBLEM_COLUMNS)
    # the original cells are needed only for rows left out: read the files again only then
    raws = read_tables(path)[0] if len(problems) else files
    counts, rejected = [], []
    for name in TABLES:
        if name not in raws:
            continue
        raw = raws[name]
        if not len(problems):
            n = len(ds.tables[name])
            counts.append({"table": name, "file": raw.file, "read": n, "accepted": n,
                           "rejected": 0})
            continue
        left_out = raw.frame.index[~raw.frame.index.isin(ds.tables[name].index)].tolist()
        counts.append({"table": name, "file": raw.file, "read": len(raw.frame),
                       "accepted": len(raw.frame) - len(left_out), "rejected": len(left_out)})
        if not left_out:
            continue
        mine = problems[problems["table"] == name]
        by_row = mine.dropna(subset=["row"]).groupby("row")["message"].agg(" | ".join)
        whole = " | ".join(mine.loc[mine["row"].isna() | (mine["row"] == 1), "message"])
        cells = raw.frame.loc[left_out]
        cells.columns = _unique(cells.columns)
        reasons = [by_row.get(r, whole or "left out") for r in left_out]
        rejected.append(pd.concat([
            pd.DataFrame({"file": raw.file, "table": name, "row": left_out, "reason": reasons},
                         index=cells.index),
            cells,
        ], axis=1))
    counts_df = pd.DataFrame(counts, columns=COUNT_COLUMNS)
    rows_df = (pd.concat(rejected, ignore_index=True) if rejected
               else pd.DataFrame(columns=["file", "table", "row", "reason"]))
    return Audit(ds, problems.reset_index(drop=True), counts_df, rows_df)
