"""Exceptions raised by sgnet.

One base class, :class:`SgnetError`, and a few subclasses that carry structured fields as
well as text, so that a CLI or a notebook can show a data problem without a traceback.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["SgnetError", "DataFileError", "TableValidationError", "PeriodError", "ReportError",
           "RejectedRowsError"]


class SgnetError(Exception):
    """Base class for all sgnet errors."""


class DataFileError(SgnetError):
    """A data file or folder cannot be read at all (missing, empty, not text, no sheets)."""


class PeriodError(SgnetError, ValueError):
    """A period string does not match any of the accepted forms."""


class ReportError(SgnetError):
    """A report run failed; the earlier output, if any, is left untouched."""


class TableValidationError(SgnetError):
    """Raised once, after every check on every table has run.

    Attributes
    ----------
    failure_cases : pandas.DataFrame
        One row per problem, columns ``file, table, row, column, value, check, message``.
        ``row`` is the row number a spreadsheet shows (the header is row 1).
    """

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
