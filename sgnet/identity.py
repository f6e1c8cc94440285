"""Which record a row is, and a fingerprint of what it says.

Every table has a key (:data:`KEYS`): the id column, or for targets the pairing, metric and
year. :func:`row_fingerprints` hashes each row's *typed* values (a date typed ``2022/10/24``
and one typed ``2022-10-24`` give the same hash; so does a row moved elsewhere in its file),
so that two versions of a dataset, or a dataset and an approval, can be compared row by row
without storing any cell value. Columns sgnet derives itself (an activity's ``region``) are
left out.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pandas as pd

from .dataset import Dataset
from .periods import Period

__all__ = ["KEYS", "DERIVED", "row_keys", "comparable", "row_fingerprints", "scope_rows"]

#: the columns that name a record of each table
KEYS: dict[str, tuple[str, ...]] = {
    "organizations": ("org_id",),
    "people": ("person_id",),
    "pairings": ("pairing_id",),
    "targets": ("pairing_id", "metric", "year"),
    "activities": ("activity_id",),
    "milestones": ("milestone_id",),
}

#: columns sgnet adds to a table (not typed by anyone, so not compared)
DERIVED: dict[str, tuple[str, ...]] = {"activities": ("region",)}


def row_keys(frame: pd.DataFrame, table: str) -> pd.Series:
    """The key of each row as one string (``PR01|training|2023`` for a target).

    Examples
    --------
    >>> t = pd.DataFrame({"pairing_id": ["PR01"], "metric": ["training"], "year": [2023]})
    >>> row_keys(t, "targets").tolist()
    ['PR01|training|2023']
    """
    cols = KEYS[table]
    keys = frame[cols[0]].astype("string")
    for c in cols[1:]:
        keys = keys + "|" + frame[c].astype("string")
    return keys.rename("key")


def _as_text(column: pd.Series) -> pd.Series:
    """A column as comparable text, vectorized: dates ISO, whole numbers without ``.0``,
    missing values empty (so a cell typed ``3`` and one typed ``3.0`` agree)."""
    missing = column.isna()
    if pd.api.types.is_datetime64_any_dtype(column):
        text = column.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_bool_dtype(column):
        text = column.astype(object).astype(str)
    elif pd.api.types.is_numeric_dtype(column):
        numbers = column.astype("Float64")
        whole = (numbers % 1 == 0).fillna(False)
        text = numbers.astype(object).astype(str)
        text[whole] = numbers[whole].astype("Int64").astype(str)
    else:
        text = column.astype(object).astype(str)
    return text.where(~missing, "").astype(object)


def comparable(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The rows as text, indexed by key, derived columns left out, columns sorted.

    Examples
    --------
    >>> a = pd.DataFrame({"activity_id": ["A1"], "start_date": [pd.Timestamp("2022-10-24")],
    ...                   "count": [3.0], "region": ["451225"]})
    >>> comparable(a, "activities").to_dict("index")
    {'A1': {'activity_id': 'A1', 'count': '3', 'start_date': '2022-10-24'}}
    """
    keep = sorted(c for c in frame.columns if c not in DERIVED.get(table, ()))
    text = pd.DataFrame({c: _as_text(frame[c]) for c in keep}, columns=keep)
    text.index = row_keys(frame, table).to_numpy()
    text.index.name = "key"
    return text


def row_fingerprints(ds: Dataset, tables: tuple[str, ...] | None = None) -> dict[str, dict]:
    """A short hash of every row, by table and key: what an approval or a report stores.

    Examples
    --------
    >>> import sgnet
    >>> fp = row_fingerprints(sgnet.load().select(pairing="PR01", period="2022Q4"),
    ...                       tables=("activities",))
    >>> len(next(iter(fp["activities"].values())))
    16
    """
    out: dict[str, dict] = {}
    for name, frame in ds.tables.items():
        if tables is not None and name not in tables:
            continue
        text = comparable(frame, name)
        if text.empty:
            out[name] = {}
            continue
        # one string per row, built column by column (vectorized), then hashed
        joined = pd.Series("", index=text.index, dtype=object)
        for c in text.columns:
            joined = joined + f"\x1f{c}=" + text[c]
        out[name] = {key: hashlib.blake2b(row.encode(), digest_size=8).hexdigest()
                     for key, row in zip(text.index, joined, strict=True)}
    return out


def scope_rows(ds: Dataset, period: Period, *, pairing: str | None = None,
               region: str | None = None) -> Dataset:
    """The records a report of ``period`` (and a pairing or region) stands on.

    Activities and milestones dated in the period, the pairings of the scope and their
    targets of the period's year(s); organizations and people whole (their names and regions
    appear in reports).

    Examples
    --------
    >>> import sgnet
    >>> rows = scope_rows(sgnet.load(), sgnet.parse_period("2022Q4"), pairing="PR14")
    >>> sorted(set(rows.targets["year"].tolist())), set(rows.pairings["pairing_id"])
    ([2022], {'PR14'})
    """
    scoped = ds.select(period=period, pairing=pairing, region=region)
    years = set(range(period.start.year, period.end.year + 1))
    targets = scoped.targets[scoped.targets["year"].isin(years)]
    return replace(scoped, targets=targets)
