"""What every ``sgnet`` command shares: the consoles, the common options, one-line errors.

Kept apart from :mod:`sgnet.cli` so that command groups in other modules
(:mod:`sgnet.cli_trust`) use the same words and the same error line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .errors import SgnetError

__all__ = ["err", "out", "DataOpt", "PeriodOpt", "AudienceOpt", "LangOpt", "OutOpt",
           "FormatOpt", "ApprovedOnlyOpt", "fail", "say"]

err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", "-d", help="Dataset folder of CSV files or an .xlsx workbook "
                 "(default: the bundled data/sample)."),
]

PeriodOpt = Annotated[
    str | None,
    typer.Option("--period", "-p", help="2022Q4, 2022-10, 2022H2, 2022, 2022-10-01..2022-12-31, "
                 "last-quarter ... (default: the latest full quarter in the data)."),
]
AudienceOpt = Annotated[str, typer.Option(help="funder (no names of people) or internal.")]
LangOpt = Annotated[str, typer.Option(help="zh (default) or en.")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", "-o", help="Output folder (default: reports/).")]
FormatOpt = Annotated[str, typer.Option(
    "--format", "-f", help="Files of each report, comma-separated: html, docx (Word), pdf "
    "(printed by headless Chromium). The HTML is always written.")]


ApprovedOnlyOpt = Annotated[bool, typer.Option(
    "--approved-only", help="Count only activities and milestones whose review status is "
    "已审核 (approved); the report says so.")]


def fail(error: Exception | str, code: int = 1) -> typer.Exit:
    """Print one ``error:`` line (data escaped, never read as markup); return the exit."""
    err.print(f"[bold red]error:[/] {escape(say(error))}", highlight=False)
    return typer.Exit(code)


def say(error: Exception | str) -> str:
    """One line for an error: a file problem names the file and what went wrong."""
    if isinstance(error, OSError) and not isinstance(error, SgnetError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    return str(error)
