"""Exceptions raised by sgnet.

One base class, :class:`SgnetError`, and a few subclasses that carry structured fields as
well as text, so that a CLI or a notebook can show a data problem without a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is not imported by `import sgnet`
    import pandas as pd

__all__ = ["SgnetError", "DataFileError", "TableValidationError", "PeriodError", "ReportError",
           "RejectedRowsError", "SelectionError"]


class SgnetError(Exception):
    """Base class for all sgnet errors."""


class DataFileError(SgnetError):
    """A data file or folder cannot be read at all (missing, empty, not text, no sheets)."""


class PeriodError(SgnetError, ValueError):
    """A period string does not match any of the accepted forms."""


class SelectionError(SgnetError, ValueError):
    """A selection names a region, pairing or review status that the data cannot match."""


class ReportError(SgnetError):
    """A report run failed; the earlier output, if any, is left untouched.

    When a cell of the notebook raised, the error says where, as papermill's
    ``PapermillExecutionError`` does.

    Attributes
    ----------
    cell_index : int or None
        Index of the failed cell in the notebook (0-based), if a cell failed.
    exec_count : int or None
        Its execution count (the ``[n]`` Jupyter shows).
    ename, evalue : str or None
        Name and value of the exception the cell raised.
    notebook : Path or None
        Where the failed, executed notebook was kept.

    Examples
    --------
    >>> err = ReportError("report 2023Q2/PR01 failed", cell_index=3, exec_count=3,
    ...                   ename="KeyError", evalue="'x'", notebook=Path("PR01.failed.ipynb"))
    >>> err.ename, err.cell_index, str(err)
    ('KeyError', 3, 'report 2023Q2/PR01 failed')
    """

    def __init__(self, message: str, *, cell_index: int | None = None,
                 exec_count: int | None = None, ename: str | None = None,
                 evalue: str | None = None, notebook: Path | None = None):
        super().__init__(message)
        self.cell_index = cell_index
        self.exec_count = exec_count
        self.ename = ename
        self.evalue = evalue
        self.notebook = notebook

    def __reduce__(self):  # keeps the fields across processes (the report daemon)
        return (_rebuild, (type(self), self.args, self.__dict__))


class TableValidationError(SgnetError):
    """Raised once, after every check on every table has run.

    Attributes
    ----------
    failure_cases : pandas.DataFrame
        One row per problem, columns ``file, table, row, column, value, check, message``.
        ``row`` is the row number a spreadsheet shows (the header is row 1).
    """

    def __reduce__(self):  # keeps the failure cases across processes (the report daemon)
        return (type(self), (self.failure_cases,))

    def __init__(self, failure_cases: pd.DataFrame):
        self.failure_cases = failure_cases
        tables = ", ".join(sorted(failure_cases["table"].astype(str).unique()))
        first = failure_cases["message"].iloc[0] if len(failure_cases) else ""
        super().__init__(
            f"{len(failure_cases)} problems in {tables}; first: {first} (see .failure_cases)"
        )


class RejectedRowsError(TableValidationError):
    """A funder report was refused because rows of the data were rejected.

    Fix the rows (``sgnet validate`` lists them) or allow the report to leave them out
    (``allow_rejected=True``, ``--allow-rejected``); the report then says how many.
    """


def _rebuild(cls: type, args: tuple, fields: dict) -> Exception:
    error = cls(*args)
    error.__dict__.update(fields)
    return error
