"""What changed between two versions of a dataset: rows added, removed and changed, by id.

Both versions are read by the same loader, so a row moved elsewhere in its file, or a date
typed ``2022/10/24`` instead of ``2022-10-24``, is not a change; only what the records say
is compared (:mod:`sgnet.identity`). Rows rejected by validation are not compared: the
summary says how many each side had.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .audit import audit
from .dataset import Dataset
from .identity import comparable

__all__ = ["CHANGE_COLUMNS", "DatasetDiff", "diff_datasets", "diff_paths"]

#: the columns of a diff: one row per added or removed record, or per changed cell
CHANGE_COLUMNS = ["table", "key", "change", "column", "old", "new"]


@dataclass(frozen=True)
class DatasetDiff:
    """The changes between two datasets, and how many rows each side could not read.

    Attributes
    ----------
    changes : pandas.DataFrame
        Columns :data:`CHANGE_COLUMNS`; ``change`` is ``added``, ``removed`` or ``changed``
        (one row per changed cell, with its old and new value).
    rejected : tuple of int
        Rows left out by validation in the old and the new version.
    """

    changes: pd.DataFrame
    rejected: tuple[int, int] = (0, 0)

    @property
    def identical(self) -> bool:
        """Whether no record was added, removed or changed."""
        return self.changes.empty

    def counts(self) -> pd.DataFrame:
        """Per table: records added, removed and changed (a changed record counts once)."""
        c = self.changes.drop_duplicates(["table", "key", "change"])
        table = c.groupby(["table", "change"]).size().unstack(fill_value=0)
        return table.reindex(columns=["added", "removed", "changed"], fill_value=0)

    def summary(self) -> str:
        """One line: what changed per table, or that nothing did.

        Examples
        --------
        >>> d = DatasetDiff(pd.DataFrame([["activities", "A1", "changed", "count", "1", "2"]],
        ...                              columns=CHANGE_COLUMNS))
        >>> d.summary()
        'activities: 0 added, 0 removed, 1 changed'
        """
        if self.identical:
            text = "no record was added, removed or changed"
        else:
            text = "; ".join(f"{t}: {r.added} added, {r.removed} removed, {r.changed} changed"
                             for t, r in self.counts().iterrows())
        if any(self.rejected):
            text += (f" ({self.rejected[0]} rows of the old and {self.rejected[1]} of the new "
                     "version could not be read; `sgnet validate` lists them)")
        return text


def diff_datasets(old: Dataset, new: Dataset) -> DatasetDiff:
    """Compare two datasets record by record.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load()
    >>> acts = ds.activities.copy()
    >>> acts.loc[acts.index[0], "count"] = 99
    >>> d = diff_datasets(ds, ds.__class__.from_tables({**ds.tables, "activities": acts}))
    >>> d.changes[["table", "change", "column", "new"]].to_dict("records")
    [{'table': 'activities', 'change': 'changed', 'column': 'count', 'new': '99'}]
    """
    rows = []
    for table in new.tables:
        a = comparable(old.tables.get(table, new.tables[table].iloc[0:0]), table)
        b = comparable(new.tables[table], table)
        for key in b.index.difference(a.index):
            rows.append((table, key, "added", None, None, None))
        for key in a.index.difference(b.index):
            rows.append((table, key, "removed", None, None, None))
        both = a.index.intersection(b.index)
        columns = sorted(set(a.columns) | set(b.columns))
        a2 = a.reindex(index=both, columns=columns, fill_value="")
        b2 = b.reindex(index=both, columns=columns, fill_value="")
        differ = (a2 != b2)
        for key, column in zip(*differ.to_numpy().nonzero(), strict=True):
            k, c = both[key], columns[column]
            rows.append((table, k, "changed", c, a2.iat[key, column], b2.iat[key, column]))
    changes = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    order = {t: i for i, t in enumerate(new.tables)}
    changes = changes.sort_values(["table", "key", "change", "column"],
                                  key=lambda s: s.map(order) if s.name == "table" else s,
                                  ignore_index=True)
    return DatasetDiff(changes)


def diff_paths(old: str | Path, new: str | Path) -> DatasetDiff:
    """Load two versions of a dataset (folders or workbooks) and compare them.

    Rows that fail validation on either side are left out of the comparison and counted.
    """
    a, b = audit(old), audit(new)
    found = diff_datasets(a.dataset, b.dataset)
    return DatasetDiff(found.changes, (a.n_rejected, b.n_rejected))
