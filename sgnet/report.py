"""The report run, one path for all: plan → runner → atomic placement → index.

``sgnet report`` and ``sgnet batch`` (and their Python forms :func:`run_report` and
:func:`run_batch`) go through :func:`run`:

1. **plan** (:func:`sgnet.plan.make_plan`): load and check the data once, apply the
   rejected-rows policy, list the jobs with their parameters and headline figures;
2. **hand-over** (:func:`sgnet.handover.publish`): the checked dataset is published under
   its handle, which every notebook's ``sgnet.load(data, handle=handle)`` resolves;
3. **runner** (:class:`sgnet.runners.LocalRunner` or :class:`sgnet.dask_runner.DaskRunner`):
   renders every job into a temporary folder beside the output;
4. **placement**: each file of a report that succeeded (``.ipynb``, ``.html`` and the
   ``.docx``/``.pdf`` of ``--format``) replaces its earlier version with ``os.replace``, and an
   earlier ``.docx``/``.pdf`` of a format not asked for this time is removed (it would
   show older figures than the page beside it);
   one that failed leaves its earlier version in place and its failed notebook as
   ``<scope>.failed.ipynb``; internal reports of data with rejected rows get
   ``<scope>.rejected_rows.csv``;
5. **index** (batches): ``index.html`` lists the reports with the figures of step 1.

File names say the audience and language when they are not the default funder and Chinese
(:func:`sgnet.plan.file_stem`): ``all.html``, ``all.internal.html``, ``all.en.html``,
``index.internal.html``, so an internal or English run never replaces a funder's file and a
funder index never links an internal report.

An interrupted or failed run changes nothing that was there before.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .audit import Audit
from .errors import ReportError
from .excel import write_csv
from .handover import publish, running
from .pages import IndexRow, index_html
from .paths import reports_dir
from .periods import Period
from .plan import (
    DEFAULT_FORMATS,
    FORMATS,
    Job,
    Plan,
    Scope,
    check_formats,
    file_stem,
    make_plan,
    period_folder,
)
from .runners import LocalRunner, Rendered, Runner
from .words import word

__all__ = ["Outcome", "BatchResult", "ReportResult", "run", "run_report", "run_batch"]

log = logging.getLogger(__name__)

#: ``on_progress(done, failed, total, outcome)``: once the reports are known (``outcome``
#: None), then after each report
Progress = Callable[[int, int, int, "Outcome | None"], None]


@dataclass
class Outcome:
    """What became of one report of a run."""

    job: Job
    ok: bool
    seconds: float
    error: ReportError | None = None
    kept_earlier: bool = False
    failed_notebook: Path | None = None

    @property
    def scope(self) -> Scope:
        """The scope of the report."""
        return self.job.scope

    @property
    def headline(self) -> dict[str, int]:
        """The report's headline figures, as :func:`sgnet.metrics.headline` gives them."""
        return self.job.figures

    @property
    def reason(self) -> str:
        """Why the report failed (empty when it did not)."""
        return str(self.error) if self.error is not None else ""


@dataclass
class BatchResult:
    """The reports of a run, where they were written, and the index page (batches)."""

    period: Period
    folder: Path
    index: Path | None
    outcomes: list[Outcome]
    seconds: float
    plan: Plan | None = None

    @property
    def failed(self) -> list[Outcome]:
        """The reports that failed."""
        return [o for o in self.outcomes if not o.ok]

    def summary(self) -> str:
        """One line: how many reports, how many failed, time per report."""
        n, bad = len(self.outcomes), len(self.failed)
        per = self.seconds / n if n else 0.0
        failed = f" ({', '.join(o.scope.scope for o in self.failed)})" if bad else ""
        return (f"{n} reports for {self.period.label}: {n - bad} written, {bad} failed{failed}"
                f"; {self.seconds:.1f} s, {per:.2f} s per report")


@dataclass(frozen=True)
class ReportResult:
    """Where one report was written and what it was run with."""

    notebook: Path
    html: Path
    period: Period
    scope: str
    parameters: dict
    audit: Audit | None = None  # what was read, accepted and rejected
    rejected: int = 0  # rows of the data left out of the report
    rejected_csv: Path | None = None  # internal reports: the rejected rows with their cells
    files: tuple[Path, ...] = ()  # every file of the report: .html, .docx, .pdf as asked

    @property
    def docx(self) -> Path | None:
        """The Word file, when ``--format`` asked for it."""
        return next((f for f in self.files if f.suffix == ".docx"), None)

    @property
    def pdf(self) -> Path | None:
        """The PDF, when ``--format`` asked for it."""
        return next((f for f in self.files if f.suffix == ".pdf"), None)


def _inside(root: Path, path: Path) -> Path:
    """``path`` if it lies inside ``root`` (after resolving ``..`` and links), else an error."""
    resolved, base = path.resolve(), root.resolve()
    if resolved != base and base not in resolved.parents:
        raise ReportError(f"refusing to write {path}: it is outside the output folder {root}")
    return path


def run(runner: Runner, *, data: str | Path | None = None, out: str | Path | None = None,
        index: bool = True, on_progress: Progress | None = None,
        today: dt.date | None = None, **plan_options) -> BatchResult:
    """Plan, render with ``runner``, place, and write the index: every report run.

    Parameters
    ----------
    runner : Runner
        Started here (before the plan, so kernels boot while the data is checked) and
        closed at the end.
    data : str or Path, optional
        Dataset folder or workbook (default: the bundled sample).
    out : str or Path, optional
        Output root (default ``reports/`` in the current folder); files go to ``<out>/<period>/``.
    index : bool
        Write ``index.html`` (a batch does, a single report does not).
    on_progress : callable, optional
        ``on_progress(done, failed, total, outcome)``, once with ``outcome=None`` when the
        reports are known and after each report.
    **plan_options
        Passed to :func:`sgnet.plan.make_plan` (period, each, level, only, region, pairing,
        audience, lang, allow_rejected, formats).

    Returns
    -------
    BatchResult
    """
    began = time.perf_counter()
    runner.start()
    try:
        root = Path(out) if out is not None else reports_dir()
        for path in (data, root):
            _check_utf8(path, plan_options.get("lang", "zh"))
        plan = make_plan(data, today=today, **plan_options)
        final_dir = _inside(root, period_folder(root, plan.period))
        for job in plan.jobs:
            _inside(root, final_dir / f"{job.stem}.html")
        final_dir.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(final_dir)
        log.info("%.2f s: data checked, %d reports", time.perf_counter() - began,
                 len(plan.jobs))
        with tempfile.TemporaryDirectory(prefix=f".sgnet-{os.getpid()}-", dir=final_dir) as tmp, \
                publish(plan.dataset, plan.handle, errors=plan.errors) as handover:
            total, outcomes = len(plan.jobs), []
            if on_progress:
                on_progress(0, 0, total, None)
            for rendered in runner.run(plan, Path(tmp), handover):
                outcomes.append(_outcome(rendered))
                if on_progress:
                    on_progress(len(outcomes), sum(not o.ok for o in outcomes), total,
                                outcomes[-1])
            page = _place(plan, outcomes, Path(tmp), final_dir, index=index, today=today)
    finally:
        runner.close()
    ordered = sorted(outcomes, key=lambda o: o.scope.scope)
    return BatchResult(plan.period, final_dir, page, ordered, time.perf_counter() - began,
                       plan)


def _check_utf8(path: str | Path | None, lang: str) -> None:
    """A path whose name is not UTF-8 (GBK bytes) cannot go into a notebook: say so now."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path).decode("utf-8", "replace")
        raise ReportError(word("run.path_not_utf8", lang, path=shown)) from None


def _remove_leftovers(folder: Path) -> None:
    """Remove the temporary folders of runs that were killed (their process is gone).

    A run's folder is ``.sgnet-<pid>-*``, readable by its user alone (``mkdtemp``); it may
    hold reports with names in them, so it does not outlive a killed run for long.
    """
    for tmp in folder.glob(".sgnet-*"):
        try:
            pid = int(tmp.name.split("-")[1])
        except (ValueError, IndexError):
            continue
        if not running(pid):
            shutil.rmtree(tmp, ignore_errors=True)


def _outcome(rendered: Rendered) -> Outcome:
    return Outcome(rendered.job, rendered.ok, rendered.seconds, error=rendered.error)


class _NotPlaced(Exception):
    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(str(path))
        self.path, self.reason = path, error.strerror or str(error)


def _swap_in(plan: Plan, s: str, tmp: Path, final_dir: Path) -> None:
    """Put the new files of report ``s`` in place: all of them, or none.

    The earlier files (and stale ones: a format not asked for, an earlier failed notebook or
    rejected-rows list) are first moved aside into ``tmp``, then the new ones are moved in;
    if any move fails, what was moved in is removed and the earlier files are put back, so
    the folder holds one whole report, the earlier or the new.
    """
    rejected = f"{s}.rejected_rows.csv"
    new = [f"{s}.ipynb"] + [f"{s}.{fmt}" for fmt in FORMATS if fmt in plan.formats]
    if plan.audience == "internal" and plan.rejected:
        write_csv(plan.audit.rejected_rows, tmp / rejected)
        new.append(rejected)
    stale = [f"{s}.{fmt}" for fmt in FORMATS if fmt not in plan.formats]
    stale += [f"{s}.failed.ipynb"] + ([] if rejected in new else [rejected])
    aside = Path(tempfile.mkdtemp(prefix="earlier-", dir=tmp))
    moved: list[str] = []
    placed: list[str] = []
    final = final_dir
    try:
        for name in new + stale:
            final = final_dir / name
            if final.is_dir():  # never moved aside: it is not a report's file
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(final))
            if os.path.lexists(final):
                os.replace(final, aside / name)
                moved.append(name)
        for name in new:
            final = final_dir / name
            os.replace(tmp / name, final)
            placed.append(name)
    except OSError as error:
        for name in placed:
            (final_dir / name).unlink(missing_ok=True)
        for name in moved:
            os.replace(aside / name, final_dir / name)
        raise _NotPlaced(final, error) from error


def _place(plan: Plan, outcomes: list[Outcome], tmp: Path, final_dir: Path, *, index: bool,
           today: dt.date | None) -> Path | None:
    """Move the finished run into ``final_dir``: good reports replace earlier ones."""
    for o in outcomes:
        s = o.job.stem
        if o.ok:
            try:
                _swap_in(plan, s, tmp, final_dir)
            except _NotPlaced as error:  # e.g. the .docx is open in Word on Windows
                o.ok, o.error = False, ReportError(word(
                    "run.not_placed", plan.lang, path=error.path.name, reason=error.reason))
                o.kept_earlier = (final_dir / f"{s}.html").exists()
        else:
            o.kept_earlier = (final_dir / f"{s}.html").exists()
            failed = tmp / f"{s}.ipynb"
            if failed.exists() and failed.stat().st_size > 0:  # not a write cut short
                o.failed_notebook = final_dir / f"{s}.failed.ipynb"
                os.replace(failed, o.failed_notebook)
    if not index:
        return None
    rows = [IndexRow(o.job.stem, o.scope.name, ok=o.ok, figures=o.headline, error=o.reason,
                     kept_earlier=o.kept_earlier, formats=plan.formats, label=o.scope.scope)
                for o in outcomes]
    page = index_html(rows, plan.period, each=plan.each, lang=plan.lang,
                      audience=plan.audience, today=today)
    name = f"{file_stem('index', plan.audience, plan.lang)}.html"
    (tmp / name).write_text(page, encoding="utf-8")
    os.replace(tmp / name, final_dir / name)
    return final_dir / name


def run_report(
    data: str | Path | None = None,
    *,
    period: str | Period | None = None,
    region: str | None = None,
    pairing: str | None = None,
    audience: str = "funder",
    lang: str = "zh",
    out: str | Path | None = None,
    notebook: str | Path | None = None,
    today: dt.date | None = None,
    allow_rejected: bool = False,
    on_progress: Progress | None = None,
    formats: str | tuple[str, ...] = DEFAULT_FORMATS,
    runner: Runner | None = None,
    approved_only: bool = False,
) -> ReportResult:
    """Render one report: a batch of one scope, on a fresh kernel.

    Parameters
    ----------
    data : str or Path, optional
        Dataset folder or workbook (default: the bundled sample).
    period : str or Period, optional
        Default: :func:`sgnet.plan.default_period` of the data. Relative forms are resolved
        here, so the notebook records the concrete period it reported.
    region, pairing : str, optional
        Scope of the report.
    audience : {"funder", "internal"}
        Funder reports show no names of people.
    lang : {"zh", "en"}
    out : str or Path, optional
        Output root (default ``reports/`` in the current folder); files go to
        ``<out>/<period>/<scope>.*`` (see :func:`sgnet.plan.file_stem`).
    notebook : str or Path, optional
        The notebook to run (default ``notebooks/period_report.ipynb``).
    allow_rejected : bool
        Data with rejected rows gives an internal report that lists them (and writes them to
        ``<scope>.rejected_rows.csv``), but no funder report unless this is true; the funder
        report then says how many rows were left out.
    approved_only : bool
        Count only activities and milestones whose review status is approved (已审核).
    runner : Runner, optional
        Where to render (default: a fresh kernel); the daemon (:mod:`sgnet.daemon`, which
        ``sgnet report`` uses) passes its kept kernel.

    Returns
    -------
    ReportResult

    Raises
    ------
    ReportError
        If the notebook fails; the executed notebook is kept as ``<scope>.failed.ipynb``
        beside the output (``.notebook`` of the error) and any earlier good report is left
        untouched. Also when the output would land outside ``out``.
    TableValidationError
        If a file or a whole table of the data is missing or unreadable.
    RejectedRowsError
        For a funder report of data with rejected rows, unless ``allow_rejected``.
    """
    formats = check_formats(formats)  # a wrong format fails before a kernel starts
    runner = runner or LocalRunner(jobs=1, notebook=notebook, single_use=True)
    result = run(runner, data=data, out=out,
                 index=False, on_progress=on_progress, today=today, period=period,
                 region=region, pairing=pairing, audience=audience, lang=lang,
                 allow_rejected=allow_rejected, formats=formats, approved_only=approved_only)
    [o] = result.outcomes
    p, stem = result.period, o.job.stem
    if not o.ok:
        err = o.error or ReportError("failed")
        kept = f" (executed notebook kept in {o.failed_notebook})" if o.failed_notebook else ""
        raise ReportError(f"report {p.label}/{stem} {err}{kept}", cell_index=err.cell_index,
                          exec_count=err.exec_count, ename=err.ename, evalue=err.evalue,
                          notebook=o.failed_notebook) from err
    plan = result.plan
    csv = result.folder / f"{stem}.rejected_rows.csv"
    return ReportResult(result.folder / f"{stem}.ipynb", result.folder / f"{stem}.html", p,
                        o.scope.scope, o.job.parameters, audit=plan.audit,
                        rejected=plan.rejected, rejected_csv=csv if csv.exists() else None,
                        files=tuple(result.folder / f"{stem}.{f}" for f in plan.formats))


def run_batch(
    data: str | Path | None = None,
    *,
    period: str | Period | None = None,
    each: str = "pairing",
    level: str = "province",
    jobs: int | None = None,
    audience: str = "funder",
    lang: str = "zh",
    out: str | Path | None = None,
    notebook: str | Path | None = None,
    timeout: float | None = 600,
    today: dt.date | None = None,
    on_progress: Progress | None = None,
    only: list[str] | None = None,
    scheduler=None,
    connect_timeout: float = 10.0,
    allow_rejected: bool = False,
    formats: str | tuple[str, ...] = DEFAULT_FORMATS,
    approved_only: bool = False,
) -> BatchResult:
    """Write one report per pairing or region of a period, and ``index.html``.

    Parameters
    ----------
    data : str or Path, optional
        Dataset folder or workbook (default: the bundled sample). Loaded and checked once.
    period : str or Period, optional
        Default: :func:`sgnet.plan.default_period` of the data.
    each : {"pairing", "region"}
    level : {"province", "city", "county"}
        The level of the regions, with ``each="region"``.
    jobs : int, optional
        Kernels run in parallel (default: the number of CPUs).
    audience, lang, allow_rejected, approved_only
        As for :func:`run_report`.
    out : str or Path, optional
        Output root (default ``reports/`` in the current folder); files go to ``<out>/<period>/``.
    notebook : str or Path, optional
        The notebook to run (default ``notebooks/period_report.ipynb``).
    timeout : float, optional
        Seconds a cell may run before its report fails (its kernel is then replaced).
    on_progress : callable, optional
        Called as ``on_progress(done, failed, total, outcome)`` once the reports are known
        (with ``outcome=None``) and after each report.
    only : list of str, optional
        Write only these reports (pairing ids or region codes), e.g. to redo the ones that
        failed; the index lists just them.
    scheduler : str or distributed.Client, optional
        A Dask scheduler's address (``tcp://host:8786``) or a connected client: the reports
        are rendered on its workers (``jobs`` is then ignored) and written here as by a local
        run (:mod:`sgnet.dask_runner`). Needs the ``[dask]`` extra.
    connect_timeout : float
        With ``scheduler``: seconds to wait for it to answer and to have a worker.
    formats : str or tuple of str
        As for :func:`run_report`; the index links the ``.docx`` and ``.pdf`` of each report.

    Returns
    -------
    BatchResult
        ``.failed`` lists the reports that failed; the others are written.

    Raises
    ------
    TableValidationError, RejectedRowsError
        If the data does not pass the rejected-rows policy (no report is run).
    ReportError
        If the options are wrong, no pairing or region has anything to report, or the
        Dask scheduler cannot be used.
    """
    formats = check_formats(formats)  # a wrong format fails before a kernel starts
    if scheduler is not None:
        from .dask_runner import DaskRunner  # distributed is an optional extra

        runner: Runner = DaskRunner(scheduler, timeout=timeout, notebook=notebook,
                                    connect_timeout=connect_timeout)
    else:
        runner = LocalRunner(jobs=jobs, timeout=timeout, notebook=notebook)
    return run(runner, data=data, out=out, index=True, on_progress=on_progress, today=today,
               period=period, each=each, level=level, only=only, audience=audience,
               lang=lang, allow_rejected=allow_rejected, formats=formats,
               approved_only=approved_only)
