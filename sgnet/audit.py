"""Nothing lost: what was read, what was accepted, and every row left out with its reason.

:func:`audit` loads a dataset the way ``load(path, errors="drop")`` does and accounts for
every row of every file: ``read = accepted + rejected`` per table, and each rejected row keeps
its original cells and the reasons it was left out, so that the user can fix and re-enter it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dataset import Dataset
from .io import PROBLEM_COLUMNS, load_with_files, read_tables
from .read import data_lines
from .vocab import TABLES
from .words import word

__all__ = ["Audit", "audit", "COUNT_COLUMNS"]

COUNT_COLUMNS = ["table", "file", "lines", "read", "accepted", "rejected"]


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
        Per table: ``table, file, lines, read, accepted, rejected``: the physical lines of
        data in the file (for a CSV: a record may span lines, and a stray quote swallows
        them), then records (header not counted).
    rejected_rows : pandas.DataFrame
        One row per rejected record: ``file, table, row, reason`` and its original cells.
    notices : pandas.DataFrame
        What loading said without rejecting anything (columns of ``problems``): title rows
        skipped, a 序号 column or a 合计 row left out, extra columns kept, optional columns
        absent, open end dates, warnings across tables (:data:`sgnet.problems.NOTICES`).
    """

    dataset: Dataset
    problems: pd.DataFrame
    counts: pd.DataFrame
    rejected_rows: pd.DataFrame
    notices: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)

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

    def summary(self, lang: str = "en") -> str:
        """The counts as a small aligned text table.

        Examples
        --------
        >>> print(audit().summary())  # doctest: +ELLIPSIS
        table          file                lines  read  accepted  rejected
        organizations  organizations.csv     111   111       111         0
        ...
        """
        heads = [word(f"audit.{k}", lang) for k in COUNT_COLUMNS]
        width = max([4] + [_width(f) for f in self.counts["file"]]) + 2
        lines = [_pad(heads[0], 15) + _pad(heads[1], width) + _pad(heads[2], 6, True)
                 + _pad(heads[3], 6, True) + _pad(heads[4], 10, True) + _pad(heads[5], 10, True)]
        for r in self.counts.itertuples(index=False):
            name = r.table if lang == "en" else word(f"table.{r.table}", lang)
            lines.append(_pad(name, 15) + _pad(r.file, width) + f"{r.lines:>6}{r.read:>6}"
                         f"{r.accepted:>10}{r.rejected:>10}")
        return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in str(text))


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - _width(text))
    return space + str(text) if right else str(text) + space


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
            counts.append({"table": name, "file": raw.file, "lines": _lines(path, raw.file, n),
                           "read": n, "accepted": n, "rejected": 0})
            continue
        left_out = raw.frame.index[~raw.frame.index.isin(ds.tables[name].index)].tolist()
        counts.append({"table": name, "file": raw.file,
                       "lines": _lines(path, raw.file, len(raw.frame)), "read": len(raw.frame),
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
    notices = ds.notices if len(ds.notices.columns) else pd.DataFrame(columns=PROBLEM_COLUMNS)
    return Audit(ds, problems.reset_index(drop=True), counts_df, rows_df,
                 notices.reset_index(drop=True))


def _lines(path: str | Path | None, file: str, records: int) -> int:
    """Physical lines of data of a table's file: a CSV's own lines (a record may span
    several); a sheet's rows are its records."""
    folder = Path(path) if path is not None else None
    if folder is None:
        from .paths import SAMPLE_DATA

        folder = SAMPLE_DATA
    target = folder / file
    if not folder.is_dir() or not target.is_file():
        return records
    try:
        return data_lines(target)
    except OSError:
        return records
