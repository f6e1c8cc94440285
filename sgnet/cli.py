"""The ``sgnet`` command line: thin wrappers that parse, call the library, map errors to exit codes.

Data problems are printed as messages, never as tracebacks: every command catches
:class:`sgnet.SgnetError` and exits 1 (2 for usage errors, as click does).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .errors import SgnetError, TableValidationError

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Track cross-region social-work mentoring programs (牵手计划): validate data, "
    "render period reports. With no --data, every command uses the bundled data/sample.",
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", "-d", help="Dataset folder of CSV files or an .xlsx workbook "
                 "(default: the bundled data/sample)."),
]


def _fail(error: Exception, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {error}", highlight=False)
    return typer.Exit(code)


@app.callback()
def _setup(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details.")] = False
           ) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@app.command()
def validate(
    data: Annotated[Path | None, typer.Argument(
        help="Dataset folder or .xlsx workbook (default: the bundled data/sample).")] = None,
    errors_csv: Annotated[Path | None, typer.Option(
        "--errors-csv", help="Where to write the problems (default: validation_errors.csv "
        "in the current folder).")] = None,
) -> None:
    """Check a dataset and list every problem with file, row, column, value and reason.

    Rows are numbered as a spreadsheet shows them: the header is row 1.
    Exit status 0 when the data is clean, 1 when any problem was found.

    Example: [bold]sgnet validate data/sample[/]
    """
    from .io import validate as run_validate

    try:
        problems = run_validate(data)
    except SgnetError as error:
        raise _fail(error) from None
    target = errors_csv or Path("validation_errors.csv")
    problems.to_csv(target, index=False, encoding="utf-8-sig")
    if problems.empty:
        out.print(f"[green]ok[/]: {data or 'data/sample'} has no problems")
        return
    for message in problems["message"]:
        out.print(message, highlight=False, markup=False)
    err.print(f"[bold red]{len(problems)} problems[/]; written to {target}", highlight=False)
    raise typer.Exit(1)


@app.command()
def report(
    data: DataOpt = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help="2022Q4, 2022-10, 2022H2, 2022, 2022-10-01..2022-12-31, "
        "last-quarter ... (default: the latest full quarter in the data).")] = None,
    region: Annotated[str | None, typer.Option(
        help="Region code at any level (450000, 451200, 451225) or a place name.")] = None,
    pairing: Annotated[str | None, typer.Option(help="A pairing_id.")] = None,
    audience: Annotated[str, typer.Option(
        help="funder (no names of people) or internal.")] = "funder",
    lang: Annotated[str, typer.Option(help="zh (default) or en.")] = "zh",
    out_dir: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Output folder (default: reports/).")] = None,
) -> None:
    """Render a period report: an executed notebook (.ipynb) and a self-contained .html.

    Files go to OUT/<period>/<scope>.ipynb and .html (scope: all, the region or the pairing).

    Example: [bold]sgnet report --period 2022Q4 --region 450000[/]
    """
    from .report import run_report

    try:
        with err.status("running the report notebook ..."):
            result = run_report(data, period=period, region=region, pairing=pairing,
                                audience=audience, lang=lang, out=out_dir)
    except TableValidationError as error:
        cases = error.failure_cases
        for message in cases["message"].head(20):
            err.print(message, highlight=False, markup=False)
        more = f" (and {len(cases) - 20} more)" if len(cases) > 20 else ""
        raise _fail(f"the data has {len(cases)} problems{more}; run `sgnet validate` "
                    "for the full list") from None
    except (SgnetError, ValueError) as error:
        raise _fail(error) from None
    out.print(f"period {result.period.describe()}")
    out.print(f"wrote {result.html}")
    out.print(f"wrote {result.notebook}")


@app.command()
def batch(
    data: DataOpt = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help="2023Q2, 2023-05, 2023H1, 2023, a range or last-quarter "
        "(default: the latest full quarter in the data).")] = None,
    each: Annotated[str, typer.Option(
        help="pairing: one report per pairing active in the period; region: one per "
        "region at --level.")] = "pairing",
    level: Annotated[str, typer.Option(
        help="Level of the regions with --each region: province, city or county.")
    ] = "province",
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Reports run in parallel, one kernel each "
        "(default: the number of CPUs).")] = None,
    audience: Annotated[str, typer.Option(
        help="funder (no names of people) or internal.")] = "funder",
    lang: Annotated[str, typer.Option(help="zh (default) or en.")] = "zh",
    out_dir: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Output folder (default: reports/).")] = None,
) -> None:
    """Render one report per pairing or region, and an index page.

    Files go to OUT/<period>/<pairing or region>.ipynb and .html, plus OUT/<period>/index.html
    with each report's headline figures. A report that fails is marked in the index with its
    reason and the others are still written; the exit status is then 1.

    Example: [bold]sgnet batch --period 2023Q2 --each pairing --jobs 2[/]
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .batch import run_batch

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn(),
                        TextColumn("left"), TimeRemainingColumn(), console=err, transient=False)
    task = progress.add_task("starting kernels, loading data", total=None, failed=0)

    def on_progress(done, failed, total, outcome):
        progress.update(task, description="reports", total=total, completed=done,
                        failed=failed)
        if outcome is not None and not outcome.ok:
            progress.console.print(f"[red]failed[/] {outcome.scope.scope}: {outcome.error}",
                                   highlight=False, markup=False)

    try:
        with progress:
            result = run_batch(data, period=period, each=each, level=level, jobs=jobs,
                               audience=audience, lang=lang, out=out_dir,
                               on_progress=on_progress)
    except TableValidationError as error:
        cases = error.failure_cases
        for message in cases["message"].head(20):
            err.print(message, highlight=False, markup=False)
        raise _fail(f"the data has {len(cases)} problems; run `sgnet validate` for the "
                    "full list") from None
    except (SgnetError, ValueError) as error:
        raise _fail(error) from None
    out.print(f"wrote {result.index}")
    if result.failed:
        err.print(f"[bold red]{result.summary()}[/]", highlight=False)
        raise typer.Exit(1)
    out.print(result.summary(), highlight=False)


def main() -> None:
    """Entry point of the ``sgnet`` console script."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        err.print("interrupted")
        sys.exit(130)
