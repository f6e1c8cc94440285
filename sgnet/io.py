"""Loading datasets: read CSV folders or workbooks, parse, validate, report every problem.

A dataset is a folder of CSV files (``organizations.csv`` … or ``机构.csv`` …) or one .xlsx
workbook with a sheet per table (canonical or Chinese sheet names). Validation is lazy: every
check runs, and every problem is reported with its file, row (the row number a spreadsheet
shows: the header is row 1, the first record row 2), column, value and reason.

Loading runs in stages, each in its own module: :mod:`sgnet.read` (files → raw tables of
text), :mod:`sgnet.parse` (text → typed columns), :mod:`sgnet.checks` (the contract of
:mod:`sgnet.schema`: schemas, references, row rules, and the cascade of rows left out);
:mod:`sgnet.problems` collects what they find. This module composes them, with the cache of
parsed tables (:mod:`sgnet.cache`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import cache
from .checks import (
    check_across,
    check_references,
    check_row_rules,
    check_schema,
    drop_rejected,
)
from .dataset import Dataset
from .errors import TableValidationError
from .handover import resolve
from .parse import blank_excel_errors, drop_repeated_headers, drop_total_rows, parse_table
from .paths import SAMPLE_DATA
from .problems import PROBLEM_COLUMNS, Problems, split_notices
from .read import RawTable, read_tables
from .schema import SCHEMAS, column_dtype
from .vocab import TABLES

__all__ = ["load", "validate", "load_with_files", "read_tables", "RawTable", "PROBLEM_COLUMNS"]


def _check(path: str | Path | None
           ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, str, dict[str, RawTable]]:
    """Read, parse and check a dataset (or take it from the cache).

    Returns the typed tables, every problem (sorted by table, row, column), the source
    and, per table, its file (as a RawTable without rows).
    """
    source = str(Path(path) if path is not None else SAMPLE_DATA)
    key = cache.cache_key(source) if cache.enabled() else None  # hash the files once
    cached = cache.lookup(source, key=key) if key else None
    if cached is not None:
        tables, found, names = cached
        files = {name: RawTable(name, file, pd.DataFrame()) for name, file in names.items()}
        return tables, found, source, files
    raws, file_problems = read_tables(path)
    problems = Problems()
    problems.records.extend(file_problems.to_dict("records"))
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        if name in raws:
            if raws[name].workbook:
                raws[name] = blank_excel_errors(raws[name], problems)
            raws[name] = drop_repeated_headers(raws[name], problems)
            raws[name] = drop_total_rows(raws[name], problems)
            typed = parse_table(raws[name], problems)
            if typed is not None:
                tables[name] = typed
                check_schema(raws[name], typed, problems)
    check_references(tables, raws, problems)
    check_row_rules(tables, raws, problems)
    check_across(tables, raws, problems)
    found = problems.frame()
    order = {t: i for i, t in enumerate(TABLES)}
    found = found.assign(_t=found["table"].map(order)).sort_values(
        ["_t", "row", "column"], na_position="first", kind="stable").drop(columns="_t")
    found = found.reset_index(drop=True)
    files = {name: RawTable(name, raw.file, raw.frame.iloc[:0]) for name, raw in raws.items()}
    if key:  # written while the caller goes on; a copy of the dict, which callers change
        cache.store(source, dict(tables), found, {name: raw.file for name, raw in files.items()},
                    key=key, background=True)
    return tables, found, source, files


def validate(path: str | Path | None = None) -> pd.DataFrame:
    """Check a dataset and return every problem found (an empty frame when it is clean).

    Parameters
    ----------
    path : str or Path, optional
        A folder of CSV files or a .xlsx workbook; default the bundled sample.

    Returns
    -------
    pandas.DataFrame
        Columns ``file, table, row, column, value, check, message``; ``row`` is the row
        number a spreadsheet shows (header = row 1), empty for file-level problems.

    Raises
    ------
    DataFileError
        If ``path`` does not exist or holds no sgnet table at all.

    Examples
    --------
    >>> validate().empty
    True

    A dataset of a few rows, one of them referring to an organization that is not there:

    >>> import tempfile
    >>> files = {
    ...     "organizations.csv": "org_id,name,kind,region\\nA1,甲社工机构,agency,440305\\n"
    ...                          "B1,乙社工站,社工站,450102\\n",
    ...     "people.csv": "person_id,name,org_id,role\\nP1,甄督导,A1,督导\\n",
    ...     "pairings.csv": "pairing_id,mentor_org_id,mentee_org_id,program,start_date\\n"
    ...                     "K1,A1,B9,牵手计划,2022-10-01\\n",
    ...     "activities.csv": "activity_id,kind,start_date,pairing_id\\nX1,个督,2022/10/24,K1\\n",
    ... }
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name, text in files.items():
    ...         _ = (Path(folder) / name).write_text(text, encoding="utf-8")
    ...     problems = validate(folder)
    ...     kept = load(folder, errors="drop")
    >>> problems["message"].tolist()
    ["pairings.csv row 2, mentee_org_id: 'B9' is not an org_id in organizations.csv"]
    >>> len(kept.tables["pairings"]), kept.problems["check"].tolist()  # X1 was for K1
    (0, ['reference', 'cascade'])
    """
    return split_notices(_check(path)[1])[0]


def load(path: str | Path | None = None, *, errors: str = "raise",
         handle: str | None = None) -> Dataset:
    """Load and validate a dataset.

    Parameters
    ----------
    path : str or Path, optional
        A folder of CSV files or a .xlsx workbook; default the bundled sample.
    errors : {"raise", "drop"}
        ``"raise"``: any problem raises :class:`TableValidationError` listing all of them.
        ``"drop"``: rows with problems are left out (and kept, with their reasons, in
        ``Dataset.rejected``); rows that referred to them are left out too.
    handle : str, optional
        The hand-over handle a report run passes its notebook (see :mod:`sgnet.handover`):
        the dataset that run already loaded and checked, when it is still published;
        otherwise ``path`` is loaded as usual.

    Returns
    -------
    Dataset

    Raises
    ------
    TableValidationError
        With ``errors="raise"``, when any check fails; ``.failure_cases`` lists them all.
    DataFileError
        If ``path`` does not exist or holds no sgnet table at all.

    Examples
    --------
    >>> ds = load()
    >>> sorted(ds.tables) == sorted(TABLES)
    True
    """
    if handle is not None and (handed := resolve(handle, errors=errors)) is not None:
        return handed
    return load_with_files(path, errors=errors)[0]


def load_with_files(path: str | Path | None = None, *, errors: str = "raise"
                    ) -> tuple[Dataset, dict[str, RawTable]]:
    """:func:`load`, also returning the tables' files (their frames may be empty).

    Returns
    -------
    dataset : Dataset
    files : dict of str to RawTable
        Per table read, its file (``RawTable.file``); the frames hold no rows, or none at
        all when the tables came from the cache (:mod:`sgnet.cache`).

    Examples
    --------
    >>> ds, files = load_with_files()
    >>> files["pairings"].file, len(files["pairings"].frame)
    ('pairings.csv', 0)
    """
    if errors not in ("raise", "drop"):
        raise ValueError(f"errors must be 'raise' or 'drop', not {errors!r}")
    tables, found, source, files = _check(path)
    problems, notices = split_notices(found)
    if len(problems) and errors == "raise":
        raise TableValidationError(problems)
    if len(problems):
        tables, problems = drop_rejected(tables, problems, files)
    for name in TABLES:
        if name not in tables:
            schema = SCHEMAS[name]
            tables[name] = pd.DataFrame(
                {c: pd.Series(dtype=column_dtype(name, c)) for c in schema.columns}
            ).rename_axis("row")
    return Dataset.from_tables(tables, source=source, problems=problems, notices=notices), files
