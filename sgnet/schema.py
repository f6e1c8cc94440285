"""The contract of a dataset, declared once: table schemas, references between tables, row rules.

- :data:`SCHEMAS`: one pandera DataFrameSchema per table (columns, dtypes, required columns,
  allowed values, ranges, unique ids and keys). Each column carries, in its
  ``metadata["parse"]``, how sgnet parses the raw text of a cell before pandera checks the
  typed table: ``id``, ``text``, ``date``, ``int``, ``float``, ``bool``, ``region``,
  ``idlist`` or ``enum:<domain>`` (a domain of :data:`sgnet.vocab.VALUE_ALIASES`). Required
  columns are the non-nullable ones.
- :data:`REFERENCES`: every column holding ids of another table.
- :data:`ROW_RULES`: checks across the columns of one row (dates in order, no self-pairing).

:mod:`sgnet.checks` runs all three; nothing of the contract is written anywhere else.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .vocab import ACTIVITY_KINDS, MILESTONE_KINDS, MODES, ORG_KINDS, ROLES, STATUSES

__all__ = ["SCHEMAS", "METRICS", "REFERENCES", "ROW_RULES", "Reference", "RowRule",
           "required_columns", "parse_kind", "references", "column_dtype", "LIMITS",
           "DATE_WINDOWS", "OPEN_END", "OPEN_ENDS", "ACROSS", "Across"]

#: metrics a target may name: an activity kind, ``<kind>_participants``, or a milestone kind
METRICS: tuple[str, ...] = (ACTIVITY_KINDS + tuple(f"{k}_participants" for k in ACTIVITY_KINDS)
                            + tuple(k for k in MILESTONE_KINDS if k not in ACTIVITY_KINDS))


def _col(dtype: str, parse: str, *checks: pa.Check, required: bool = False,
         unique: bool = False) -> pa.Column:
    return pa.Column(
        dtype, list(checks), nullable=not required, unique=unique, required=required,
        metadata={"parse": parse},
    )


def _id(required: bool = True, unique: bool = False) -> pa.Column:
    return _col("string", "id", required=required, unique=unique)


_DATE = "datetime64[ns]"

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "organizations": pa.DataFrameSchema(
        {
            "org_id": _id(unique=True),
            "name": _col("string", "text", required=True),
            "kind": _col("string", "enum:org_kind", pa.Check.isin(ORG_KINDS), required=True),
            "region": _col("string", "region", required=True),
            "parent_id": _id(required=False),
        },
        name="organizations",
    ),
    "people": pa.DataFrameSchema(
        {
            "person_id": _id(unique=True),
            "name": _col("string", "text", required=True),
            "org_id": _id(),
            "role": _col("string", "enum:role", pa.Check.isin(ROLES), required=True),
            "party_member": _col("boolean", "bool"),
            "since": _col(_DATE, "date"),
        },
        name="people",
    ),
    "pairings": pa.DataFrameSchema(
        {
            "pairing_id": _id(unique=True),
            "mentor_org_id": _id(),
            "mentee_org_id": _id(),
            "program": _col("string", "text", required=True),
            "start_date": _col(_DATE, "date", required=True),
            "end_date": _col(_DATE, "date"),
        },
        name="pairings",
    ),
    "targets": pa.DataFrameSchema(
        {
            "pairing_id": _id(),
            "metric": _col("string", "metric", pa.Check.isin(METRICS), required=True),
            "year": _col("Int64", "int", pa.Check.in_range(2000, 2100), required=True),
            "value": _col("Float64", "float", pa.Check.ge(0), required=True),
        },
        name="targets",
        unique=["pairing_id", "metric", "year"],
    ),
    "activities": pa.DataFrameSchema(
        {
            "activity_id": _id(unique=True),
            "kind": _col("string", "enum:activity_kind", pa.Check.isin(ACTIVITY_KINDS),
                         required=True),
            "start_date": _col(_DATE, "date", required=True),
            "end_date": _col(_DATE, "date"),
            "pairing_id": _id(required=False),
            "host_org_id": _id(required=False),
            "target_org_id": _id(required=False),
            "lead_person_ids": _col("string", "idlist"),
            "count": _col("Int64", "int", pa.Check.ge(1)),
            "participants": _col("Int64", "int", pa.Check.ge(0)),
            "hours": _col("Float64", "float", pa.Check.ge(0)),
            "mode": _col("string", "enum:mode", pa.Check.isin(MODES)),
            "topic": _col("string", "text"),
            "source": _col("string", "text"),
            "status": _col("string", "enum:status", pa.Check.isin(STATUSES)),
        },
        name="activities",
    ),
    # outcomes of a pairing (成果, optional table; issue #15)
    "milestones": pa.DataFrameSchema(
        {
            "milestone_id": _id(unique=True),
            "pairing_id": _id(),
            "kind": _col("string", "enum:milestone_kind", pa.Check.isin(MILESTONE_KINDS),
                         required=True),
            "date": _col(_DATE, "date", required=True),
            "count": _col("Int64", "int", pa.Check.ge(1)),
            "name": _col("string", "text"),
            "evidence": _col("string", "text"),
            "status": _col("string", "enum:status", pa.Check.isin(STATUSES)),
        },
        name="milestones",
    ),
}




class Reference(NamedTuple):
    """A column of ``table`` holding ids of ``target`` (its column ``key``)."""

    table: str
    column: str
    target: str
    key: str


#: every column that refers to ids of another table, in the order problems are reported; an
#: ``idlist`` column refers with each of its ``;``-separated ids. A reference to a table
#: that is not there (a missing file) is not checked.
REFERENCES: tuple[Reference, ...] = (
    Reference("organizations", "parent_id", "organizations", "org_id"),
    Reference("people", "org_id", "organizations", "org_id"),
    Reference("pairings", "mentor_org_id", "organizations", "org_id"),
    Reference("pairings", "mentee_org_id", "organizations", "org_id"),
    Reference("targets", "pairing_id", "pairings", "pairing_id"),
    Reference("activities", "pairing_id", "pairings", "pairing_id"),
    Reference("activities", "host_org_id", "organizations", "org_id"),
    Reference("activities", "target_org_id", "organizations", "org_id"),
    Reference("activities", "lead_person_ids", "people", "person_id"),
    Reference("milestones", "pairing_id", "pairings", "pairing_id"),
)


class RowRule(NamedTuple):
    """A check across the columns of one row of ``table``.

    ``fails`` takes the typed table and gives, per row, whether the row breaks the rule
    (missing: it does not); such a row is reported in ``column`` under ``check``, with
    ``message`` after the cell's value as written.

    Examples
    --------
    >>> t = pd.DataFrame({"start_date": pd.to_datetime(["2022-10-01", "2022-10-01", None]),
    ...                   "end_date": pd.to_datetime(["2022-09-30", None, "2022-09-30"])})
    >>> rule = ROW_RULES[0]
    >>> rule.check, rule.fails(t).tolist()
    ('date_order', [True, False, False])
    """

    table: str
    column: str
    check: str
    message: str
    fails: Callable[[pd.DataFrame], pd.Series]


def _ends_before_start(t: pd.DataFrame) -> pd.Series:
    return t["end_date"].notna() & t["start_date"].notna() & (t["end_date"] < t["start_date"])


def _pairs_with_itself(t: pd.DataFrame) -> pd.Series:
    return t["mentor_org_id"].notna() & (t["mentor_org_id"] == t["mentee_org_id"])


#: checks across the columns of a row, in the order problems are reported
ROW_RULES: tuple[RowRule, ...] = (
    RowRule("pairings", "end_date", "date_order", "is before start_date", _ends_before_start),
    RowRule("activities", "end_date", "date_order", "is before start_date", _ends_before_start),
    RowRule("pairings", "mentee_org_id", "self_pairing",
            "is the same organization as mentor_org_id", _pairs_with_itself),
)


# --------------------------------------------------------------------------- the grammar of cells

#: the largest value a cell may hold, per ``(table, column)``: above it the cell is a problem
#: that names the limit (a typo, or a figure of a whole year typed into one row)
LIMITS: dict[tuple[str, str], float] = {
    ("activities", "count"): 10_000,
    ("activities", "participants"): 100_000,
    ("activities", "hours"): 10_000,
    ("targets", "value"): 1_000_000,
}

#: the dates a column accepts (``None``: every date column not listed); outside them a date
#: is a problem, never a crash
DATE_WINDOWS: dict[tuple[str, str] | None, tuple[str, str]] = {
    None: ("2000-01-01", "2100-12-31"),
    ("people", "since"): ("1950-01-01", "2100-12-31"),
}

#: columns where a date in 9999 (9999-12-31, the usual "open-ended") means "no end date"
OPEN_ENDS: frozenset[tuple[str, str]] = frozenset({("pairings", "end_date")})
#: what such a date is said to be (a notice, not a problem)
OPEN_END = "means no end date (9999); read as empty"


# --------------------------------------------------------------------------- across tables

class Across(NamedTuple):
    """A check across tables: ``fails(tables)`` gives, per row of ``table``, whether the row
    breaks it; the row is reported in ``column`` under ``check`` with ``message``, as a
    problem (the row is rejected) or, when ``notice``, a warning that rejects nothing
    (:data:`sgnet.problems.NOTICES` lists its check). It runs when every table of ``reads``
    is there.
    """

    table: str
    column: str
    check: str
    message: str
    notice: bool
    reads: tuple[str, ...]
    fails: Callable[[dict[str, pd.DataFrame]], pd.Series]


def _parent_cycles(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Organizations that are their own parent, or an ancestor of their parent."""
    orgs = tables["organizations"]
    parent = dict(zip(_list(orgs["org_id"]), _list(orgs["parent_id"]), strict=True))
    bad = set()
    for start in parent:
        seen, node = [], start
        while isinstance(node, str) and node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
            if node == start:
                bad.add(start)
                break
    return orgs["org_id"].isin(bad) & orgs["parent_id"].notna()


def _pairing_dates(tables: dict[str, pd.DataFrame]) -> pd.Series:
    acts, pairs = tables["activities"], tables["pairings"].drop_duplicates("pairing_id")
    codes, uniques = _factorized(acts, "pairing_id")  # missing: -1, the NaT appended last
    dates = pairs.set_index("pairing_id")[["start_date", "end_date"]].reindex(uniques)
    start = np.append(dates["start_date"].to_numpy(), np.datetime64("NaT"))[codes]
    end = np.append(dates["end_date"].to_numpy(), np.datetime64("NaT"))[codes]
    when = acts["start_date"].to_numpy()
    return pd.Series((when < start) | (when > end), index=acts.index)


def _pairing_orgs(tables: dict[str, pd.DataFrame]) -> frozenset[tuple[str, str]]:
    """``(pairing_id, org_id)`` of every organization related to a pairing: its two, their
    parents and their children."""
    orgs, pairs = tables["organizations"], tables["pairings"]
    return _memo(("near", id(orgs)), pairs, lambda: _related(orgs, pairs))


def _related(orgs: pd.DataFrame, pairs: pd.DataFrame) -> frozenset[tuple[str, str]]:
    parent = {k: v for k, v in zip(_list(orgs["org_id"]), _list(orgs["parent_id"]), strict=True)
              if isinstance(v, str)}
    children: dict[str, list[str]] = {}
    for child, up in parent.items():
        children.setdefault(up, []).append(child)
    out = set()
    for pid, a, b in zip(_list(pairs["pairing_id"]), _list(pairs["mentor_org_id"]),
                         _list(pairs["mentee_org_id"]), strict=True):
        for org in (a, b):
            if isinstance(org, str):
                out.update((pid, x) for x in [org, parent.get(org), *children.get(org, [])]
                           if isinstance(x, str))
    return frozenset(out)


def _per_pair(acts: pd.DataFrame, column: str, known: pd.Series,
              fails: Callable[[str, str], bool]) -> pd.Series:
    """``fails(pairing_id, value)`` for each row of ``acts`` with both given and a known
    pairing, run once per distinct pair (a national table repeats them)."""
    p_codes, p_uniques = _factorized(acts, "pairing_id")  # missing: -1
    v_codes, v_uniques = pd.factorize(acts[column])
    p_known = np.asarray(pd.Series(p_uniques).isin(known), dtype=bool)
    given = (p_codes >= 0) & (v_codes >= 0)
    given[given] = p_known[p_codes[given]]
    out = np.zeros(len(acts), dtype=bool)
    if not given.any():
        return pd.Series(out, index=acts.index)
    width = len(v_uniques) + 1
    pair = p_codes[given].astype(np.int64) * width + v_codes[given]
    where, distinct = pd.factorize(pair)
    p_list, v_list = list(p_uniques), list(v_uniques)
    bad = np.array([fails(p_list[d // width], v_list[d % width]) for d in distinct.tolist()],
                   dtype=bool)
    out[given] = bad[where]
    return pd.Series(out, index=acts.index)


# speed: the checks across tables read the same columns of a national table; what they derive
# (the factorized pairing_id of activities, the organizations of each pairing) is computed
# once per frame and forgotten with it (bench: benchmarks/bench_scale.py --only load)
_MEMO: dict[tuple, object] = {}


def _memo(key: tuple, owner: pd.DataFrame | pd.Series, make: Callable[[], object]) -> object:
    """``make()``, computed once while ``owner`` lives (keyed by ``key`` and ``owner``)."""
    key = (*key, id(owner))
    if key not in _MEMO:
        _MEMO[key] = make()
        weakref.finalize(owner, _MEMO.pop, key, None)
    return _MEMO[key]


def _factorized(frame: pd.DataFrame, column: str) -> tuple[np.ndarray, object]:
    return _memo(("factorize", column), frame, lambda: pd.factorize(frame[column]))


def _list(values: pd.Series) -> list:
    """A column as a Python list, missing values as None (Arrow converts it in C)."""
    return values.astype(object).where(values.notna(), None).tolist()


def _unrelated_host(tables: dict[str, pd.DataFrame]) -> pd.Series:
    near = _pairing_orgs(tables)
    return _per_pair(tables["activities"], "host_org_id", tables["pairings"]["pairing_id"],
                     lambda pid, org: (pid, org) not in near)


def _unrelated_leader(tables: dict[str, pd.DataFrame]) -> pd.Series:
    near = _pairing_orgs(tables)
    people = tables["people"]
    org_of = dict(zip(_list(people["person_id"]), _list(people["org_id"]), strict=True))
    return _per_pair(tables["activities"], "lead_person_ids", tables["pairings"]["pairing_id"],
                     lambda pid, ids: any(i in org_of and (pid, org_of[i]) not in near
                                          for i in ids.split(";")))


#: checks across tables, in the order problems are reported
ACROSS: tuple[Across, ...] = (
    Across("organizations", "parent_id", "parent_cycle",
           "makes the organization its own parent or ancestor; correct parent_id", False,
           ("organizations",), _parent_cycles),
    Across("activities", "start_date", "outside_pairing",
           "is outside the dates of its pairing (start_date..end_date in pairings)", True,
           ("activities", "pairings"), _pairing_dates),
    Across("activities", "host_org_id", "unrelated_org",
           "is neither organization of the pairing nor a parent or branch of one", True,
           ("activities", "pairings", "organizations"), _unrelated_host),
    Across("activities", "lead_person_ids", "unrelated_org",
           "names a person of an organization outside the pairing", True,
           ("activities", "pairings", "organizations", "people"), _unrelated_leader),
)


def required_columns(table: str) -> list[str]:
    """The columns a table must have.

    Examples
    --------
    >>> required_columns("targets")
    ['pairing_id', 'metric', 'year', 'value']
    """
    return [name for name, col in SCHEMAS[table].columns.items() if col.required]


def parse_kind(table: str, column: str) -> str | None:
    """How the raw text of ``table.column`` is parsed (``None`` for an unknown extra column)."""
    col = SCHEMAS[table].columns.get(column)
    return None if col is None else col.metadata["parse"]


def references(table: str) -> dict[str, str]:
    """The columns of ``table`` that refer to ids of another table, and that table.

    Examples
    --------
    >>> references("pairings")
    {'mentor_org_id': 'organizations', 'mentee_org_id': 'organizations'}
    """
    return {ref.column: ref.target for ref in REFERENCES if ref.table == table}


def column_dtype(table: str, column: str) -> str | object:
    """The pandas dtype of an empty or absent ``table.column``: that of a parsed column.

    Text columns are ``"string"`` (missing values ``<NA>``), as parsed text is; pandera's own
    string dtype would hold NaN, and a table read with the column would differ from one read
    without it.

    Examples
    --------
    >>> column_dtype("milestones", "kind"), str(column_dtype("milestones", "count"))
    ('string', 'Int64')
    """
    col = SCHEMAS[table].columns[column]
    return "string" if isinstance(col.dtype.type, pd.StringDtype) else col.dtype.type
