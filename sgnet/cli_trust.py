"""Commands that build trust over time: ``sgnet diff``, ``sgnet approve`` and the report check.

Registered on the ``sgnet`` app by :mod:`sgnet.cli`; they share its consoles and error line
(:mod:`sgnet.cli_common`). The logic lives in :mod:`sgnet.diff`, :mod:`sgnet.approvals` and
:mod:`sgnet.provenance`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_common import err, fail, out
from .errors import SgnetError, TableValidationError

__all__ = ["register", "diff", "approve", "check_report_command", "print_approval_problems"]


def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version: a folder or workbook.")],
    new: Annotated[Path, typer.Argument(help="The later version: a folder or workbook.")],
    csv: Annotated[Path | None, typer.Option(
        "--csv", help="Also write every change (table, key, change, column, old, new) here."
    )] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --csv if it exists.")] = False,
) -> None:
    """List the records added, removed and changed between two versions of a dataset.

    Both are read by the same loader, so a row moved or a date retyped (2022/10/24 for
    2022-10-24) is not a change. Exit status 0 when they hold the same records, 1 when not.

    Example: [bold]sgnet diff 台账_7月.xlsx 台账_9月.xlsx --csv changes.csv[/]
    """
    from .diff import diff_paths
    from .excel import write_csv

    try:
        found = diff_paths(old, new)
        if csv is not None:
            write_csv(found.changes, csv, overwrite=force)
    except (SgnetError, OSError) as error:
        raise fail(error) from None
    for r in found.changes.itertuples(index=False):
        if r.change == "changed":
            out.print(f"{r.table} {r.key}: {r.column}: {r.old!r} → {r.new!r}",
                      highlight=False, markup=False)
        else:
            out.print(f"{r.table} {r.key}: {r.change}", highlight=False, markup=False)
    out.print(found.summary(), highlight=False, markup=False)
    if csv is not None:
        out.print(f"wrote {csv}", highlight=False, markup=False)
    if not found.identical:
        raise typer.Exit(1)


def approve(
    data: Annotated[Path, typer.Argument(help="The dataset: a folder or workbook.")],
    period: Annotated[str, typer.Option("--period", "-p", help="The period approved, e.g. "
                                        "2023Q2.")],
    by: Annotated[str, typer.Option("--by", help="Who approves (kept in the approvals "
                                    "file; funder reports show only the date).")],
    pairing: Annotated[str | None, typer.Option(
        help="Approve one pairing's records (default: every pairing's).")] = None,
    note: Annotated[str, typer.Option(help="A note kept with the approval.")] = "",
    revoke_it: Annotated[bool, typer.Option(
        "--revoke", help="Reopen an approved period (needs --reason).")] = False,
    reason: Annotated[str, typer.Option(help="Why the approval is revoked.")] = "",
) -> None:
    """Approve (lock) a period's records; later edits to them are problems for validate.

    Appends one line to DATA.approvals.jsonl beside the data: the period, the scope, who,
    when, and a fingerprint of every record in the scope (no cell values). --revoke with a
    --reason reopens it; the file keeps the whole history.

    Example: [bold]sgnet approve 台账.xlsx --period 2023Q2 --by 王审核[/]
    """
    from .approvals import approvals_file, revoke
    from .approvals import approve as do_approve
    from .io import load

    try:
        if revoke_it:
            revoke(data, period, by=by, reason=reason, pairing=pairing)
            out.print(f"revoked: {period}{f' ({pairing})' if pairing else ''}; "
                      f"recorded in {approvals_file(data)}", highlight=False)
            return
        record = do_approve(data, load(data), period, by=by, pairing=pairing, note=note)
    except TableValidationError as error:  # its message ends "(see .failure_cases)"
        raise fail(f"{data} has {len(error.failure_cases)} problems; run `sgnet validate "
                   f"{data}` for the list, fix them, then approve") from None
    except (SgnetError, ValueError, OSError) as error:
        raise fail(error) from None
    n = sum(len(rows) for rows in record["rows"].values())
    out.print(f"approved: {record['period']} ({record['start']}..{record['end']})"
              f"{f', pairing {pairing}' if pairing else ''}, {n} records; recorded in "
              f"{approvals_file(data)}", highlight=False)


def check_report_command(report: Path, data: Path | None) -> None:
    """``sgnet report --check FILE``: say whether the report still matches its data."""
    from .provenance import check_report

    try:
        result = check_report(report, data)
    except (SgnetError, OSError) as error:
        raise fail(error) from None
    out.print(result.summary(), highlight=False, markup=False)
    if not result.matches:
        raise typer.Exit(1)


def print_approval_problems(data: Path | None, ds, files: dict[str, str],
                            lang: str = "zh") -> int | None:
    """Print the records changed in approved scopes (for ``sgnet validate``); how many, or
    None (and why, in ``lang``) when the approvals file cannot be read."""
    from .approvals import approval_problems
    from .paths import SAMPLE_DATA
    from .words import word

    try:
        found = approval_problems(data if data is not None else SAMPLE_DATA, ds, files)
    except SgnetError as error:
        err.print(word("validate.approvals_unreadable", lang, error=error), highlight=False,
                  markup=False)
        return None
    for message in found["message"]:
        out.print(message, highlight=False, markup=False)
    return len(found)


def register(app: typer.Typer) -> None:
    """Add ``diff`` and ``approve`` to the ``sgnet`` app."""
    app.command()(diff)
    app.command()(approve)
