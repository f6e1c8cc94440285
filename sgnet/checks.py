"""Checking: typed tables against the contract of :mod:`sgnet.schema`; each failure a problem.

- :func:`check_schema`: each table's pandera schema (required values, allowed values, ranges,
  unique ids and keys);
- :func:`check_references`: every id of :data:`sgnet.schema.REFERENCES` names a row of the
  table it refers to;
- :func:`check_row_rules`: the checks across a row's columns, :data:`sgnet.schema.ROW_RULES`;
- :func:`drop_rejected`: the cascade of ``load(errors="drop")``: rows with problems are left
  out, then the rows that referred to them, until nothing changes.

Each problem names the cell as it was written (its row number and text in the raw table).
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute

from .problems import Problems
from .read import RawTable, by_column
from .schema import ACROSS, REFERENCES, ROW_RULES, SCHEMAS, Reference, parse_kind

__all__ = ["check_schema", "check_references", "check_row_rules", "check_across",
           "drop_rejected"]


# --------------------------------------------------------------------------- schemas

def check_schema(raw: RawTable, table: pd.DataFrame, problems: Problems) -> None:
    """Run the table's pandera schema; report each failing cell not reported already.

    The result is the one ``SCHEMAS[raw.table].validate(table, lazy=True)`` finds, without
    the cells already reported (a cell that did not parse is missing, not empty).

    Parameters
    ----------
    raw : RawTable
        The table as read: where the values shown come from.
    table : pandas.DataFrame
        The typed table (:func:`sgnet.parse.parse_table`).
    problems : Problems
        Where the problems found are added.

    Examples
    --------
    >>> typed = pd.DataFrame({"pairing_id": pd.array(["K1", "K1", "K2"], dtype="string"),
    ...                       "metric": pd.array(["training"] * 3, dtype="string"),
    ...                       "year": pd.array([2022, 2022, 1999], dtype="Int64"),
    ...                       "value": pd.array([4.0, 5.0, 1.0], dtype="Float64")},
    ...                      index=[2, 3, 4])
    >>> found = Problems()
    >>> check_schema(RawTable("targets", "targets.csv", typed.astype(str)), typed, found)
    >>> found.frame()["message"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ["targets.csv row 4, year: '1999' must lie between 2000 and 2100",
     "targets.csv row 2, pairing_id, metric, year: 'K1' repeats the same pairing, metric and
      year as another row",
     "targets.csv row 3, pairing_id, metric, year: 'K1' repeats the same pairing, metric and
      year as another row"]
    """
    names = [name for name in SCHEMAS[raw.table].columns if name in table]
    found_by_column = by_column(lambda name: _column_cases(raw.table, name, table[name]),
                                names, len(table))
    cases = [(row, name, check) for name, found in zip(names, found_by_column, strict=True)
             for row, check in found]
    schema = _row_schema(raw.table)
    found = None if schema is None else _failure_cases(schema, table)
    if found is not None:
        cases += [(None if pd.isna(c.index) else c.index, c.column, c.check)
                  for c in found.itertuples(index=False)]
    for row, column, check in cases:
        row = None if row is None else int(row)
        shown = "pairing_id, metric, year" if check == "multiple_fields_uniqueness" else column
        if (raw.table, row, shown) in problems.cells:
            continue  # already reported as a parse error
        if check == "not_nullable" or row is None:
            value = None
        else:
            value = raw.frame.at[row, column] if column in raw.frame else None
        problems.add(raw.file, raw.table, row, shown, value, check, _reason(check))


_CHECK_REASONS = {
    "not_nullable": "is empty; this column is required",
    "field_uniqueness": "appears more than once; ids must be unique",
    "multiple_fields_uniqueness": "repeats the same pairing, metric and year as another row",
}


def _reason(check: str) -> str:
    if check in _CHECK_REASONS:
        return _CHECK_REASONS[check]
    if m := re.fullmatch(r"greater_than_or_equal_to\((.*)\)", check):
        return f"must be at least {m[1]}"
    if m := re.fullmatch(r"in_range\((.*), (.*)\)", check):
        return f"must lie between {m[1]} and {m[2]}"
    if m := re.fullmatch(r"isin\((.*)\)", check):
        return f"unknown value; use one of {m[1]}"
    return f"fails check {check}"


# speed: pandera checks every row, and a national table has millions; the checks that look at
# one value alone run once per distinct value instead, and their failures are spread to rows

@functools.cache
def _value_schema(table: str, column: str) -> pa.DataFrameSchema | None:
    """The checks of one column that look at each value alone (dtype, isin, ranges).

    They give the same answer for every row holding the same value, so they run once per
    distinct value; whether values may be missing or must be unique is checked on the column.
    """
    col = SCHEMAS[table].columns[column]
    if not col.checks:
        return None
    return pa.DataFrameSchema({column: pa.Column(col.dtype, col.checks, nullable=True)})


@functools.cache
def _row_schema(table: str) -> pa.DataFrameSchema | None:
    """The checks of a table across columns (a unique combination), on every row."""
    unique = SCHEMAS[table].unique
    return pa.DataFrameSchema(unique=unique) if unique else None


def _failure_cases(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame | None:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        return err.failure_cases
    return None


def _all_distinct(values: pd.Series) -> bool:
    """``values.is_unique``; ids that rise row by row (the usual case) need no hashing."""
    if isinstance(values.dtype, pd.StringDtype) and len(values) > 1 and not values.hasnans:
        text = _strings(values)
        if pyarrow.compute.all(pyarrow.compute.greater(text[1:], text[:-1])).as_py():
            return True
    return values.is_unique


def _column_cases(table: str, name: str, values: pd.Series) -> list[tuple[object, str]]:
    """``(row, check)`` of every failing cell of one column, in the order pandera reports."""
    col = SCHEMAS[table].columns[name]
    cases: list[tuple[object, str]] = []
    missing = values.isna().to_numpy()
    if not col.nullable and missing.any():
        cases += [(row, "not_nullable") for row in values.index[missing]]
    if col.unique and not _all_distinct(values):
        repeated = values.duplicated(keep=False).to_numpy() & ~missing
        cases += [(row, "field_uniqueness") for row in values.index[repeated]]
    schema = _value_schema(table, name)
    if schema is None:
        return cases
    codes, uniques = pd.factorize(values.array)
    found = _failure_cases(schema, pd.DataFrame({name: uniques}))
    if found is None:
        return cases
    for check, group in found.groupby("check", sort=False):
        where = group["index"].dropna().astype(int).to_numpy()
        if len(where) < len(group):  # a failure of the whole column (its dtype)
            cases.append((None, str(check)))
        rows = values.index[np.isin(codes, where)]
        cases += [(row, str(check)) for row in rows]
    return cases


# --------------------------------------------------------------------------- references

def check_references(tables: dict[str, pd.DataFrame], raws: dict[str, RawTable],
                     problems: Problems) -> None:
    """Report every id of :data:`sgnet.schema.REFERENCES` that is not in its target table.

    A reference into a table that is not in ``tables`` is not checked. ``raws`` need only
    name the files (their frames may be empty).

    Examples
    --------
    >>> tables = {
    ...     "organizations": pd.DataFrame({"org_id": ["A1", "B1"], "parent_id": [None, "A1"]},
    ...                                   index=[2, 3]),
    ...     "pairings": pd.DataFrame({"mentor_org_id": ["A1", "A017"],
    ...                               "mentee_org_id": ["B1", "B1"]}, index=[2, 3]),
    ... }
    >>> raws = {name: RawTable(name, f"{name}.csv", pd.DataFrame()) for name in tables}
    >>> found = Problems()
    >>> check_references(tables, raws, found)
    >>> found.frame()["message"].tolist()
    ["pairings.csv row 3, mentor_org_id: 'A017' is not an org_id in organizations.csv"]
    """
    checks = [ref for name in tables for ref in REFERENCES
              if ref.table == name and ref.target in tables]

    def unknown(ref: Reference) -> pd.Series:
        """The ids of one column that are not in the table they refer to, by row."""
        values, known = tables[ref.table][ref.column], tables[ref.target][ref.key].dropna()
        if parse_kind(ref.table, ref.column) == "idlist":
            values = values[_lists_with_unknown(values, known)]
            exploded = values.str.split(";").explode().dropna()
            exploded = exploded[exploded != ""]
            return exploded[~exploded.isin(known)]
        return values[values.notna().to_numpy() & ~_isin(values, known)]

    longest = max((len(tables[ref.table]) for ref in checks), default=0)
    for ref, bad in zip(checks, by_column(unknown, checks, longest), strict=True):
        file = raws[ref.table].file
        target_file = raws[ref.target].file if ref.target in raws else ref.target
        reason = f"is not {_an(ref.key)} in {target_file}"
        for row, value in bad.items():
            problems.add(file, ref.table, int(row), ref.column, value, "reference", reason)


# ids are looked up through Arrow hash kernels: a national table holds millions of them

def _strings(values: pd.Series) -> pyarrow.Array:
    """A text Series as an Arrow string array (no copy for Arrow-backed strings)."""
    return pyarrow.array(values, type=pyarrow.large_string(), from_pandas=True)


def _isin(values: pd.Series, known: pd.Series) -> np.ndarray:
    """``values.isin(known)`` through one Arrow hash lookup (missing values: False)."""
    hit = pyarrow.compute.is_in(_strings(values), value_set=_strings(known))
    return hit.fill_null(False).to_numpy(zero_copy_only=False)


def _lists_with_unknown(values: pd.Series, known: pd.Series) -> np.ndarray:
    """Mask of the id lists that hold an id not in ``known``, checked once per distinct list."""
    pc = pyarrow.compute
    lists = pc.unique(_strings(values)).drop_null()
    ids = pc.split_pattern(lists, ";")
    flat = pc.list_flatten(ids)
    unknown = pc.and_(pc.invert(pc.is_in(flat, value_set=_strings(known))),
                      pc.not_equal(flat, ""))
    parents = pc.list_parent_indices(ids).filter(unknown)
    bad = lists.take(pc.unique(parents))
    return _isin(values, pd.Series(bad.to_pylist(), dtype=object))


def _an(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


# --------------------------------------------------------------------------- row rules

def check_row_rules(tables: dict[str, pd.DataFrame], raws: dict[str, RawTable],
                    problems: Problems) -> None:
    """Report every row that breaks a rule of :data:`sgnet.schema.ROW_RULES`.

    The value shown is the cell as written in the raw table.

    Examples
    --------
    >>> typed = pd.DataFrame({"mentor_org_id": ["A1", "A2"], "mentee_org_id": ["B1", "A2"],
    ...                       "start_date": pd.to_datetime(["2022-10-01", "2022-10-01"]),
    ...                       "end_date": pd.to_datetime(["2022-09-30", None])}, index=[2, 3])
    >>> raw = RawTable("pairings", "pairings.csv", pd.DataFrame(
    ...     {"end_date": ["2022/9/30", ""], "mentee_org_id": ["B1", "A2"]}, index=[2, 3]))
    >>> found = Problems()
    >>> check_row_rules({"pairings": typed}, {"pairings": raw}, found)
    >>> found.frame()["message"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ["pairings.csv row 2, end_date: '2022/9/30' is before start_date",
     "pairings.csv row 3, mentee_org_id: 'A2' is the same organization as mentor_org_id"]
    """
    for rule in ROW_RULES:
        if rule.table not in tables:
            continue
        t, raw = tables[rule.table], raws[rule.table]
        problems.add_rows(raw.file, raw.table, rule.fails(t), rule.column,
                          raw.frame.get(rule.column, t[rule.column]), rule.check, rule.message)


def check_across(tables: dict[str, pd.DataFrame], raws: dict[str, RawTable],
                 problems: Problems) -> None:
    """Report every row that breaks a check of :data:`sgnet.schema.ACROSS` (a parent cycle,
    an activity outside its pairing's dates, a host or leader unrelated to the pairing).

    A check is run only when every table it reads is there.

    Examples
    --------
    >>> orgs = pd.DataFrame({"org_id": ["A1", "B1", "C1"], "parent_id": ["A1", "C1", "B1"]},
    ...                     index=[2, 3, 4])
    >>> raws = {"organizations": RawTable("organizations", "机构.csv", orgs)}
    >>> found = Problems()
    >>> check_across({"organizations": orgs}, raws, found)
    >>> found.frame()[["row", "check"]].to_numpy().tolist()
    [[2, 'parent_cycle'], [3, 'parent_cycle'], [4, 'parent_cycle']]
    """
    rules = [rule for rule in ACROSS if all(t in tables for t in rule.reads)]
    longest = max((len(tables[rule.table]) for rule in rules), default=0)
    for rule, fails in zip(rules, by_column(lambda rule: rule.fails(tables), rules, longest),
                           strict=True):
        t, raw = tables[rule.table], raws[rule.table]
        problems.add_rows(raw.file, raw.table, fails, rule.column,
                          raw.frame.get(rule.column, t[rule.column]), rule.check, rule.message)


# --------------------------------------------------------------------------- cascade

def drop_rejected(tables: dict[str, pd.DataFrame], problems: pd.DataFrame,
                  raws: dict[str, RawTable]) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Leave out rejected rows, then rows that referred to them, until nothing changes.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The typed tables; updated in place (and returned).
    problems : pandas.DataFrame
        The problems found (:data:`sgnet.problems.PROBLEM_COLUMNS`); a problem with a row
        rejects that row.
    raws : dict of str to RawTable
        The tables as read; they need only name the files (their frames may be empty).

    Returns
    -------
    tables : dict of str to pandas.DataFrame
    problems : pandas.DataFrame
        ``problems`` and, after them, a ``cascade`` problem for each row left out because it
        referred to a row left out.

    Examples
    --------
    >>> tables = {"organizations": pd.DataFrame({"org_id": ["A1", "B1"],
    ...                                           "parent_id": [None, None]}, index=[2, 3]),
    ...           "pairings": pd.DataFrame({"mentor_org_id": ["A1"], "mentee_org_id": ["B1"]},
    ...                                    index=[2])}
    >>> raws = {name: RawTable(name, f"{name}.csv", pd.DataFrame()) for name in tables}
    >>> found = Problems()
    >>> found.add("organizations.csv", "organizations", 3, "kind", "farm", "value", "unknown")
    >>> kept, problems = drop_rejected(tables, found.frame(), raws)
    >>> len(kept["pairings"]), problems["check"].tolist()
    (0, ['value', 'cascade'])
    >>> problems["message"].iloc[-1]
    "pairings.csv row 2, mentee_org_id: 'B1' is not an org_id in ... (that row was rejected)"
    """
    all_problems = problems
    while True:
        rejected = all_problems.dropna(subset=["row"])
        changed = False
        for name, t in list(tables.items()):
            rows = set(rejected.loc[rejected["table"] == name, "row"].astype(int))
            keep = ~t.index.isin(list(rows))
            if not keep.all():
                tables[name] = t[keep]
                changed = True
        if not changed:
            break
        follow = Problems()
        check_references(tables, raws, follow)
        new = follow.frame()
        new["check"] = "cascade"
        new["message"] = new["message"] + " (that row was rejected)"
        if new.empty:
            break
        all_problems = pd.concat([all_problems, new], ignore_index=True)
    return tables, all_problems
