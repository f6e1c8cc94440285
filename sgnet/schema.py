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

from collections.abc import Callable
from typing import NamedTuple

import pandas as pd
import pandera.pandas as pa

from .vocab import ACTIVITY_KINDS, MILESTONE_KINDS, MODES, ORG_KINDS, ROLES, STATUSES

__all__ = ["SCHEMAS", "METRICS", "REFERENCES", "ROW_RULES", "Reference", "RowRule",
           "required_columns", "parse_kind", "references", "column_dtype"]

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
