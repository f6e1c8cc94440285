"""The ``sgnet`` command line: thin wrappers that parse, call the library, map errors to exit codes.

Data problems are printed as messages, never as tracebacks: every command catches
:class:`sgnet.SgnetError` and exits 1 (2 for usage errors, as click does).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .cli_common import (
    ApprovedOnlyOpt,
    AudienceOpt,
    DataOpt,
    FormatOpt,
    LangOpt,
    OutOpt,
    PeriodOpt,
    err,
    fail,
    out,
    say,
)
from .cli_trust import check_report_command, print_approval_problems
from .cli_trust import register as register_trust_commands
from .errors import RejectedRowsError, SgnetError, TableValidationError

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Track cross-region social-work mentoring programs (牵手计划): validate data, "
    "render period reports. With no --data, every command uses the bundled data/sample.",
)
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
        "--errors-csv", help="Where to write the problems (default: reports/validation/"
        "<data>-<time>.problems.csv under the current folder). Written only when there are "
        "problems.")] = None,
    rejected_csv: Annotated[Path | None, typer.Option(
        "--rejected-csv", help="Where to write the rejected rows with their cells and "
        "reasons (default: beside the problems file, .rejected_rows.csv).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace --errors-csv / --rejected-csv if they exist.")] = False,
    lang: Annotated[str, typer.Option(
        help="Language of the messages: zh (default) or en.")] = "zh",
) -> None:
    """Check a dataset and list every problem with file, row, column, value and reason.

    Rows are numbered as a spreadsheet shows them: the header is row 1. Prints the rows
    read, accepted and rejected per table. When there are problems, they are written to a
    CSV file, and the rejected rows, with their original cells and reasons, to another;
    clean data writes nothing. No existing file is replaced without --force.
    Exit status 0 when the data is clean, 1 when any problem was found.

    Example: [bold]sgnet validate data/sample[/]
    """
    from .audit import audit
    from .excel import write_csv
    from .paths import reports_dir
    from .problems import messages
    from .words import check_lang, word

    try:
        check_lang(lang)
    except ValueError as error:
        raise fail(error, 2) from None
    try:
        result = audit(data)
    except (SgnetError, OSError) as error:
        raise fail(error) from None
    out.print(result.summary(lang), highlight=False, markup=False)
    if len(result.notices):
        out.print(word("validate.notices", lang), highlight=False, markup=False)
        for message in messages(result.notices, lang):
            out.print(f"  {message}", highlight=False, markup=False)
    files = dict(zip(result.counts["table"], result.counts["file"], strict=True))
    edited = print_approval_problems(data, result.dataset, files, lang)  # approved, changed
    problems = result.problems
    if problems.empty and edited == 0:
        out.print("[green]ok[/]: " + escape(word("validate.ok", lang,
                                                 data=data or "data/sample")))
        return
    if problems.empty and edited is None:  # the approvals cannot be checked: said, not ok
        raise typer.Exit(1)
    if problems.empty:
        err.print(f"[bold red]{edited} records[/] were added, removed or changed after their "
                  "period was approved", highlight=False)
        raise typer.Exit(1)
    problems = problems.assign(message=messages(problems, lang))
    cascade = problems["check"] == "cascade"
    for message in problems.loc[~cascade, "message"]:
        out.print(message, highlight=False, markup=False)
    if cascade.any():
        out.print(word("validate.cascade", lang, n=int(cascade.sum())), highlight=False,
                  markup=False)
        for message in problems.loc[cascade, "message"]:
            out.print(message, highlight=False, markup=False)
    if errors_csv is None:
        name = (Path(data).stem if data is not None else "sample") + \
            f"-{dt.datetime.now():%Y%m%d-%H%M%S}"
        errors_csv = reports_dir() / "validation" / f"{name}.problems.csv"
    rejected_csv = rejected_csv or errors_csv.with_name(
        errors_csv.name.removesuffix(".csv").removesuffix(".problems") + ".rejected_rows.csv")
    try:
        write_csv(problems, errors_csv, overwrite=force)
        write_csv(result.rejected_rows, rejected_csv, overwrite=force)
    except SgnetError as error:
        err.print(word("validate.summary", lang, n=int((~cascade).sum()),
                       rejected=result.n_rejected), highlight=False, markup=False)
        raise fail(error) from None
    err.print(word("validate.summary", lang, n=int((~cascade).sum()),
                   rejected=result.n_rejected) + word("problem.colon", lang)
              + word("validate.written", lang, errors=errors_csv, rejected=rejected_csv),
              highlight=False, markup=False)
    raise typer.Exit(1)


def _data_problems(error: TableValidationError, lang: str = "zh") -> typer.Exit:
    """Print the first problems of data a report refused (in ``lang``), and how to go on."""
    from .problems import messages
    from .words import word

    cases = error.failure_cases
    try:
        shown = messages(cases.head(20), lang)
    except (AttributeError, KeyError):  # not a problems table: its English messages
        shown = cases["message"].head(20)
    for message in shown:
        err.print(message, highlight=False, markup=False)
    key = "run.refused_rows" if isinstance(error, RejectedRowsError) else "run.refused"
    return fail(word(key, lang, n=len(cases)))


def _run_with_progress(start: str, call, lang: str = "zh"):
    """Run a report run under one progress display; map its errors to exit codes."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn(),
                        TextColumn("left"), TimeRemainingColumn(), console=err, transient=False)
    task = progress.add_task(start, total=None, failed=0)

    def on_progress(done, failed, total, outcome):
        progress.update(task, description="reports", total=total, completed=done,
                        failed=failed)
        if outcome is not None and not outcome.ok:
            progress.console.print(f"[red]failed[/] {escape(outcome.scope.scope)}: "
                                   f"{escape(outcome.reason)}", highlight=False)

    try:
        with progress:
            return call(on_progress)
    except TableValidationError as error:
        raise _data_problems(error, lang) from None
    except (SgnetError, ValueError, OSError) as error:
        raise fail(error) from None


AllowRejectedOpt = Annotated[bool, typer.Option(
    "--allow-rejected", help="Render funder reports even when rows of the data were "
    "rejected; each report says how many were left out. Internal reports always render, "
    "list the rejected rows and write them to <scope>.rejected_rows.csv.")]


def _daemon_wanted(no_daemon: bool) -> bool:
    off = os.environ.get("SGNET_DAEMON", "1").strip().lower() in ("0", "false", "no", "off")
    return not (no_daemon or off)


@app.command()
def report(
    data: DataOpt = None,
    period: PeriodOpt = None,
    region: Annotated[str | None, typer.Option(
        help="Region code at any level (450000, 451200, 451225) or a place name.")] = None,
    pairing: Annotated[str | None, typer.Option(help="A pairing_id.")] = None,
    audience: AudienceOpt = "funder",
    lang: LangOpt = "zh",
    out_dir: OutOpt = None,
    allow_rejected: AllowRejectedOpt = False,
    check: Annotated[Path | None, typer.Option(
        "--check", help="Do not render: say whether this report (.html, .ipynb or .docx) "
        "still matches its data (--data, default: the data it names), and which records of "
        "its scope changed. Exit 1 when it does not.")] = None,
    no_daemon: Annotated[bool, typer.Option(
        "--no-daemon", help="Render on a fresh kernel instead of the kept one that the "
        "first report starts and the next ones reuse (it stops after 5 idle minutes; "
        "SGNET_DAEMON=0 also turns it off).")] = False,
    formats: FormatOpt = "html,docx",
    approved_only: ApprovedOnlyOpt = False,
) -> None:
    """Render a period report: an executed notebook (.ipynb), a self-contained .html and a
    Word .docx (and a .pdf with --format html,docx,pdf).

    Files go to OUT/<period>/<scope>.ipynb, .html and .docx (scope: all, the region or the
    pairing). Every report records the fingerprint of its data, the sgnet version, its
    parameters and the review state of its period.

    Example: [bold]sgnet report --period 2022Q4 --region 450000[/]
    Check later: [bold]sgnet report --check reports/2022Q4/450000.html[/]
    """
    from .report import run_report

    if check is not None:
        check_report_command(check, data)
        return

    def render(on_progress):
        asked = {"period": period, "region": region, "pairing": pairing,
                 "audience": audience, "lang": lang, "out": out_dir,
                 "allow_rejected": allow_rejected, "formats": formats}
        if approved_only:
            asked["approved_only"] = True
        if _daemon_wanted(no_daemon):
            from .daemon import request_report

            found = request_report(data=data, **asked)
            if found is not None:
                return found
        return run_report(data, **asked, on_progress=on_progress)

    result = _run_with_progress("checking the data, starting a kernel", render, lang)
    if result.audit is not None:
        out.print(result.audit.summary(), highlight=False, markup=False)
    if result.rejected:
        where = (f"; listed in the report and in {result.rejected_csv}" if result.rejected_csv
                 else "; `sgnet validate` lists them")
        err.print(f"[yellow]{result.rejected} rows were rejected and left out of the "
                  f"report[/]{where}", highlight=False)
    out.print(f"period {result.period.describe()}")
    for path in (*result.files, result.notebook):
        out.print(f"wrote {path}")


@app.command()
def batch(
    data: DataOpt = None,
    period: PeriodOpt = None,
    each: Annotated[str, typer.Option(
        help="pairing: one report per pairing active in the period; region: one per "
        "region at --level.")] = "pairing",
    level: Annotated[str, typer.Option(
        help="Level of the regions with --each region: province, city or county.")
    ] = "province",
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Reports run in parallel, one kernel each "
        "(default: the number of CPUs).")] = None,
    audience: AudienceOpt = "funder",
    lang: LangOpt = "zh",
    out_dir: OutOpt = None,
    only: Annotated[list[str] | None, typer.Option(
        "--only", help="Write only this report (a pairing id or region code); repeat it "
        "for several, e.g. to redo the ones that failed.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Render the reports on the workers of a running Dask cluster, "
        "e.g. tcp://HOST:8786 (needs the [dask] extra here and on every worker; --jobs is "
        "then ignored). The files and the index are written here, as by a local run.")
    ] = None,
    connect_timeout: Annotated[float, typer.Option(
        "--connect-timeout", min=0.1, help="Seconds to wait for the --scheduler to answer "
        "and to have a worker.")] = 10.0,
    allow_rejected: AllowRejectedOpt = False,
    formats: FormatOpt = "html,docx",
    approved_only: ApprovedOnlyOpt = False,
) -> None:
    """Render one report per pairing or region, and an index page.

    Files go to OUT/<period>/<pairing or region>.ipynb, .html and .docx, plus
    OUT/<period>/index.html
    with each report's headline figures. A report that fails is marked in the index with its
    reason and the others are still written; the exit status is then 1.

    Example: [bold]sgnet batch --period 2023Q2 --each pairing --jobs 2[/]

    On a Dask cluster: [bold]sgnet batch --period 2023Q2 --scheduler tcp://HOST:8786[/]
    """
    from .report import run_batch

    start = "connecting to the Dask scheduler" if scheduler else "starting kernels, loading data"
    extra = {"approved_only": True} if approved_only else {}
    result = _run_with_progress(start, lambda on_progress: run_batch(
        data, period=period, each=each, level=level, jobs=jobs, audience=audience, lang=lang,
        out=out_dir, on_progress=on_progress, only=only, scheduler=scheduler,
        connect_timeout=connect_timeout, allow_rejected=allow_rejected, formats=formats,
        **extra), lang)
    if result.plan is not None and result.plan.rejected:
        err.print(f"[yellow]{result.plan.rejected} rows were rejected and left out of the "
                  "reports[/]; `sgnet validate` lists them", highlight=False)
    out.print(f"wrote {result.index}")
    if result.failed:
        err.print(f"[bold red]{result.summary()}[/]", highlight=False)
        raise typer.Exit(1)
    out.print(result.summary(), highlight=False)


@app.command()
def template(
    out_file: Annotated[Path, typer.Argument(
        help="The workbook to write (default: sgnet-template.xlsx in the current folder).")
    ] = Path("sgnet-template.xlsx"),
    fill: Annotated[Path | None, typer.Option(
        "--fill", help="Fill the sheets with the records of a dataset (a CSV folder or a "
        "workbook), e.g. to move CSV files into one workbook.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace OUT_FILE if it exists.")] = False,
) -> None:
    """Write a data-entry workbook: sheets 机构 人员 结对 目标 活动 成果 with Chinese headers.

    Drop-down lists offer kinds, roles, modes, metrics and program names; date cells are
    dates; number cells refuse text; the 说明 sheet has an example row per activity kind.
    A filled-in workbook loads with `sgnet validate FILE` and `sgnet report --data FILE`.

    Example: [bold]sgnet template 台账2023.xlsx[/]
    """
    from .io import load
    from .template import write_template

    try:
        ds = load(fill) if fill is not None else None
        path = write_template(out_file, ds, overwrite=force)
    except TableValidationError as error:
        raise fail(f"{fill} has {len(error.failure_cases)} problems; run "
                    f"`sgnet validate {fill}` for the list") from None
    except (SgnetError, OSError) as error:
        raise fail(error) from None
    out.print(f"wrote {path}" + (f" with the records of {fill}" if fill else ""))
    out.print(f"next: fill it in, then run `sgnet validate {path}`", highlight=False)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(
        help="Narrative reports as plain text (UTF-8 or GB18030; simplified or traditional).",
        exists=True, dir_okay=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the draft rows to this CSV (default: print a table).")
    ] = None,
    year: Annotated[int | None, typer.Option(
        min=2000, max=2100,
        help="Year for dates written without one, when the page shows no publication date."
    )] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace --output if it exists.")] = False,
) -> None:
    """Draft activity records from narrative Chinese reports, for review before loading.

    Each row keeps the sentence it came from (evidence) and a confidence. Fill in the ids
    (activity_id, pairing_id, host_org_id, target_org_id) and run `sgnet validate`.

    Example: [bold]sgnet extract news/*.txt -o draft_activities.csv[/]
    """
    import pandas as pd
    from rich.table import Table

    from .extract import extract_files

    try:
        rows = extract_files(files, year=year)
    except (SgnetError, OSError, UnicodeError) as error:
        raise fail(error) from None
    if output is not None:
        from .excel import write_csv

        try:
            write_csv(rows, output, overwrite=force)
        except SgnetError as error:
            raise fail(error) from None
        out.print(f"wrote {len(rows)} draft rows to {output}")
        return
    table = Table("source", "kind", "start", "end", "count", "participants", "evidence")
    for r in rows.itertuples(index=False):
        cells = [r.source, r.kind, r.start_date, r.end_date, r.count, r.participants,
                 str(r.evidence)[:80]]
        table.add_row(*("" if pd.isna(c) else str(c) for c in cells))
    Console(width=max(out.width, 200), soft_wrap=True).print(table)
    out.print(f"{len(rows)} draft rows from {len(files)} files")


@app.command()
def export(
    data: DataOpt = None,
    period_type: Annotated[str, typer.Option(
        "--period-type", help="month, quarter (default) or year: the panel's periods.")
    ] = "quarter",
    output: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write into (default: export/ in the current "
        "folder).")] = Path("export"),
    force: Annotated[bool, typer.Option(
        "--force", help="Replace the files of an earlier export in that folder.")] = False,
    names: Annotated[bool, typer.Option(
        "--names", help="Keep people's names and party membership in the graphs (personal "
        "data; without it people are ids with their organization and role).")] = False,
) -> None:
    """Write a pairing × period panel of every measure for researchers, with its codebook,
    and the pairing graph of each period as GraphML.

    Files: panel.parquet and panel.csv (one row per pairing and period, one column per
    measure), codebook.csv (column, meaning, unit, zh, en), graphs/<period>.graphml.
    Nothing is replaced without --force.

    Example: [bold]sgnet export --period-type month -o panel2023[/]
    """
    from .export import PERIOD_TYPES, write_export
    from .io import load

    if period_type not in PERIOD_TYPES:
        raise fail(f"--period-type must be one of {', '.join(PERIOD_TYPES)}, not "
                    f"{period_type!r}", code=2)
    try:
        ds = load(data)
        files = write_export(ds, output, period_type=period_type, overwrite=force,
                             names=names)
    except TableValidationError as error:
        raise _data_problems(error) from None
    except (SgnetError, OSError) as error:
        raise fail(error) from None
    out.print(f"wrote {len(files)} files to {output}: panel.parquet, panel.csv, codebook.csv "
              f"and {len(files) - 3} graphs (GraphML)", highlight=False)


register_trust_commands(app)


def main() -> None:
    """Entry point of the ``sgnet`` console script."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        err.print("interrupted")
        sys.exit(130)
    except (SgnetError, OSError) as error:  # a data or file problem: one line, no traceback
        err.print(f"[bold red]error:[/] {escape(say(error))}", highlight=False)
        sys.exit(1)
