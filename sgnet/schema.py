"""Table schemas, declared once as pandera DataFrameSchemas.

Each column carries, in its ``metadata["parse"]``, how sgnet parses the raw text of a cell
before pandera checks the typed table: ``id``, ``text``, ``date``, ``int``, ``float``,
``bool``, ``region``, ``idlist`` or ``enum:<domain>`` (a domain of
:data:`sgnet.vocab.VALUE_ALIASES`). ``metadata["refs"]`` names the table whose id a column
refers to. Required columns are the non-nullable ones.
"""

from __future__ import annotations

import pandera.pandas as pa

from .vocab import ACTIVITY_KINDS, MODES, ORG_KINDS, ROLES

__all__ = ["SCHEMAS", "METRICS", "required_columns", "parse_kind", "references"]

#: metrics a target may name: an activity kind, or ``<kind>_participants``
METRICS: tuple[str, ...] = ACTIVITY_KINDS + tuple(f"{k}_participants" for k in ACTIVITY_KINDS)


def _col(dtype: str, parse: str, *checks: pa.Check, required: bool = False,
         unique: bool = False, refs: str | None = None) -> pa.Column:
    return pa.Column(
        dtype, list(checks), nullable=not required, unique=unique, required=required,
        metadata={"parse": parse, "refs": refs},
    )


def _id(required: bool = True, unique: bool = False, refs: str | None = None) -> pa.Column:
    return _col("string", "id", required=required, unique=unique, refs=refs)


_DATE = "datetime64[ns]"

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "organizations": pa.DataFrameSchema(
        {
            "org_id": _id(unique=True),
            "name": _col("string", "text", required=True),
            "kind": _col("string", "enum:org_kind", pa.Check.isin(ORG_KINDS), required=True),
            "region": _col("string", "region", required=True),
            "parent_id": _id(required=False, refs="organizations"),
        },
        name="organizations",
    ),
    "people": pa.DataFrameSchema(
        {
            "person_id": _id(unique=True),
            "name": _col("string", "text", required=True),
            "org_id": _id(refs="organizations"),
            "role": _col("string", "enum:role", pa.Check.isin(ROLES), required=True),
            "party_member": _col("boolean", "bool"),
            "since": _col(_DATE, "date"),
        },
        name="people",
    ),
    "pairings": pa.DataFrameSchema(
        {
            "pairing_id": _id(unique=True),
            "mentor_org_id": _id(refs="organizations"),
            "mentee_org_id": _id(refs="organizations"),
            "program": _col("string", "text", required=True),
            "start_date": _col(_DATE, "date", required=True),
            "end_date": _col(_DATE, "date"),
        },
        name="pairings",
    ),
    "targets": pa.DataFrameSchema(
        {
            "pairing_id": _id(refs="pairings"),
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
            "pairing_id": _id(required=False, refs="pairings"),
            "host_org_id": _id(required=False, refs="organizations"),
            "target_org_id": _id(required=False, refs="organizations"),
            "lead_person_ids": _col("string", "idlist", refs="people"),
            "count": _col("Int64", "int", pa.Check.ge(1)),
            "participants": _col("Int64", "int", pa.Check.ge(0)),
            "hours": _col("Float64", "float", pa.Check.ge(0)),
            "mode": _col("string", "enum:mode", pa.Check.isin(MODES)),
            "topic": _col("string", "text"),
            "source": _col("string", "text"),
        },
        name="activities",
    ),
}


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
    return {
        name: col.metadata["refs"]
        for name, col in SCHEMAS[table].columns.items()
        if col.metadata.get("refs")
    }
