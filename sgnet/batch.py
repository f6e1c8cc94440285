"""Batch reports: one report per pairing or per region of a period, and an index page.

``run_batch`` loads and validates the data once, starts ``jobs`` kernels that each import
pandas, matplotlib and sgnet once (:class:`sgnet.engine.KernelWorker`), and runs the period
report notebook with papermill for every scope on those kernels, which are reset to a fresh
state between reports. Each report is a real executed notebook (``<scope>.ipynb``, as
papermill writes it) and its HTML rendering (``<scope>.html``); ``index.html`` lists them
with their headline figures.

Everything is written to a temporary folder first. When the run completes, the reports that
succeeded replace their earlier versions in ``<out>/<period>/``, a report that failed leaves
its earlier version in place (its failed notebook is kept as ``<scope>.failed.ipynb``), and
the index is replaced last. An interrupted run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import pickle
import queue
import re
import shutil
import string
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .dataset import Dataset
from .errors import ReportError, SgnetError
from .metrics import HEADLINE
from .paths import REPORTS, SAMPLE_DATA, TEMPLATES
from .periods import Period, parse_period
from .regions import LEVELS, region_name, rollup
from .report import (
    check_options,
    default_period,
    period_folder,
    render,
    report_parameters,
    scope_name,
)
from .vocab import label

__all__ = ["EACH", "Scope", "Outcome", "BatchResult", "batch_scopes", "run_batch",
           "index_html", "headline_of"]

log = logging.getLogger(__name__)

EACH = ("pairing", "region")


@dataclass(frozen=True)
class Scope:
    """One report of a batch: its file name, what it selects and a readable name."""

    scope: str
    name: str
    region: str | None = None
    pairing: str | None = None


@dataclass
class Outcome:
    """What became of one report of a batch."""

    scope: Scope
    ok: bool
    seconds: float
    error: str = ""
    headline: dict[str, int] = field(default_factory=dict)
    kept_earlier: bool = False


@dataclass
class BatchResult:
    """The reports of a batch, where they were written, and the index page."""

    period: Period
    folder: Path
    index: Path
    outcomes: list[Outcome]
    seconds: float

    @property
    def failed(self) -> list[Outcome]:
        """The reports that failed."""
        return [o for o in self.outcomes if not o.ok]

    def summary(self) -> str:
        """One line: how many reports, how many failed, time per report."""
        n, bad = len(self.outcomes), len(self.failed)
        per = self.seconds / n if n else 0.0
        text = (f"{n} reports for {self.period.label}: {n - bad} written, {bad} failed"
                f"{' (' + ', '.join(o.scope.scope for o in self.failed) + ')' if bad else ''}"
                f"; {self.seconds:.1f} s, {per:.2f} s per report")
        return text


# --------------------------------------------------------------------------- scopes

def batch_scopes(ds: Dataset, period: Period, *, each: str = "pairing",
                 level: str = "province") -> list[Scope]:
    """The reports a batch writes: one per pairing active in ``period``, or per region.

    Parameters
    ----------
    ds : Dataset
    period : Period
    each : {"pairing", "region"}
        ``pairing``: every pairing whose dates overlap the period (one that had no activity
        still gets its report, with zeros). ``region``: every region at ``level`` that holds
        the mentee of an active pairing or an activity of the period.
    level : {"province", "city", "county"}

    Returns
    -------
    list of Scope
        Sorted by pairing id or region code.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load()
    >>> [s.scope for s in batch_scopes(ds, sgnet.parse_period("2022Q1"))]
    ['PR01', 'PR02', 'PR03', 'PR04', 'PR05', 'PR06', 'PR07', 'PR08', 'PR09']
    >>> batch_scopes(ds, sgnet.parse_period("2023Q2"), each="region")[0]
    Scope(scope='440000', name='广东省', region='440000', pairing=None)
    """
    if each not in EACH:
        raise ReportError(f"--each must be one of {', '.join(EACH)}, not {each!r}")
    if level not in LEVELS:
        raise ReportError(f"--level must be one of {', '.join(LEVELS)}, not {level!r}")
    pairs = ds.pairings
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    active = pairs[(pairs["start_date"] <= end)
                   & (pairs["end_date"].isna() | (pairs["end_date"] >= start))]
    names = ds.organizations.set_index("org_id")["name"]
    if each == "pairing":
        return [
            Scope(scope_name(pairing=pid),
                  f"{names.get(mentor, mentor)} → {names.get(mentee, mentee)}", pairing=pid)
            for pid, mentor, mentee in sorted(zip(active["pairing_id"], active["mentor_org_id"],
                                                  active["mentee_org_id"], strict=True))
        ]
    org_region = ds.organizations.set_index("org_id")["region"]
    mentee_regions = active["mentee_org_id"].map(org_region)
    in_period = ds.select(period=period).activities["region"]
    codes = pd.concat([rollup(mentee_regions.astype("string"), level),
                       rollup(in_period.astype("string"), level)]).dropna().unique()
    return [Scope(scope_name(region=code), region_name(code, full=True), region=code)
            for code in sorted(codes)]


# --------------------------------------------------------------------------- index page

_CARD = re.compile(r"data-metric=[\"'](\w+)[\"']><div class=[\"']sg-value[\"']>([\d,]+)<")


def headline_of(nb) -> dict[str, int]:
    """The headline figures a report shows, read from its executed notebook's outputs.

    The index shows exactly the numbers of the report's own headline cards.
    """
    found: dict[str, int] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            text = "".join(text) if isinstance(text, list) else text
            for metric, value in _CARD.findall(text):
                found.setdefault(metric, int(value.replace(",", "")))
    return found


_INDEX_TEXT = {
    "zh": {"title": "牵手帮扶工作报告索引 · {period}", "report": "报告", "scope": "范围",
           "status": "状态", "ok": "已生成", "failed": "失败", "kept": "保留了上次的报告",
           "pairing": "结对", "region": "地区",
           "meta": "期间:{start} 至 {end} | 读者:{audience} | 生成日期:{today} | "
                   "共 {n} 份报告,{bad} 份失败",
           "failures": "以下报告生成失败:",
           "hint": "点击表头可排序。每行链接到该报告的 HTML 文件。",
           "funder": "资助方", "internal": "内部", "notebook": "失败的笔记本"},
    "en": {"title": "Mentoring program reports · {period}", "report": "Report",
           "scope": "Scope", "status": "Status", "ok": "written", "failed": "failed",
           "kept": "the earlier report is kept", "pairing": "Pairing", "region": "Region",
           "meta": "Period: {start} to {end} | Audience: {audience} | Generated: {today} | "
                   "{n} reports, {bad} failed",
           "failures": "These reports failed:",
           "hint": "Click a column header to sort. Each row links to its report's HTML file.",
           "funder": "funder", "internal": "internal", "notebook": "failed notebook"},
}


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def index_html(outcomes: list[Outcome], period: Period, *, each: str = "pairing",
               lang: str = "zh", audience: str = "funder", today: dt.date | None = None) -> str:
    """The index page of a batch: one row per report, sortable, self-contained.

    Every text that comes from data is escaped; the page loads nothing (its only script is
    inline, and its Content-Security-Policy forbids any fetch). Without script the rows
    stay in scope order.

    Examples
    --------
    >>> import sgnet
    >>> page = index_html([Outcome(Scope("PR01", "甲 → 乙", pairing="PR01"), True, 0.5,
    ...                            headline={"trainings": 3})], sgnet.parse_period("2023Q2"))
    >>> 'href="PR01.html"' in page and ">3<" in page
    True
    """
    t = _INDEX_TEXT["zh" if lang == "zh" else "en"]
    metrics = list(HEADLINE)
    heads = [(t["report"], "text"), (t["pairing"] if each == "pairing" else t["region"], "text")]
    heads += [(label(m, lang), "num") for m in metrics] + [(t["status"], "text")]
    head = "".join(f'<th data-col="{i}" data-type="{kind}" scope="col">{_e(text)}</th>'
                   for i, (text, kind) in enumerate(heads))
    rows, failures = [], []
    for o in sorted(outcomes, key=lambda o: o.scope.scope):
        s = o.scope.scope
        if o.ok:
            link = f'<a href="{_e(s)}.html">{_e(s)}</a>'
            status = f'<span class="sg-status-ok">{_e(t["ok"])}</span>'
            cells = [f'<td class="sg-num" data-sort="{o.headline[m]}">{o.headline[m]:,}</td>'
                     if m in o.headline else '<td class="sg-num" data-sort="">—</td>'
                     for m in metrics]
        else:
            link = (f'<a href="{_e(s)}.html">{_e(s)}</a>' if o.kept_earlier else _e(s))
            kept = f" ({_e(t['kept'])})" if o.kept_earlier else ""
            status = (f'<span class="sg-status-failed">{_e(t["failed"])}{kept}'
                      f'<span class="sg-reason">{_e(o.error)}</span>'
                      f'<a href="{_e(s)}.failed.ipynb">{_e(t["notebook"])}</a></span>')
            cells = ['<td class="sg-num" data-sort="">—</td>' for _ in metrics]
            failures.append(f'<li><b>{_e(s)}</b> {_e(o.scope.name)}: {_e(o.error)}</li>')
        rows.append(f'<tr class="{"sg-ok" if o.ok else "sg-failed"}">'
                    f'<td data-sort="{_e(s)}">{link}</td><td>{_e(o.scope.name)}</td>'
                    f'{"".join(cells)}<td data-sort="{1 if o.ok else 0}">{status}</td></tr>')
    n, bad = len(outcomes), len(failures)
    meta = t["meta"].format(start=period.start, end=period.end, today=today or dt.date.today(),
                            audience=t.get(audience, audience), n=n, bad=bad)
    failure_block = (f'<div class="sg-failures"><p>{_e(t["failures"])}</p>'
                     f'<ul>{"".join(failures)}</ul></div>' if failures else "")
    page = string.Template((TEMPLATES / "batch_index.html").read_text(encoding="utf-8"))
    return page.substitute(
        lang="zh-CN" if lang == "zh" else "en", title=_e(t["title"].format(period=period.label)),
        meta=_e(meta), failures=failure_block, head=head, rows="\n".join(rows),
        hint=_e(t["hint"]),
    )


# --------------------------------------------------------------------------- running

def _signature(path: Path):
    from ._kernel import _signature as sig

    return sig(path)


def _worker_loop(tasks: queue.Queue, results: queue.Queue, *, ready: threading.Event,
                 dataset_file: list, notebook: Path | None, folder: Path,
                 timeout: float | None) -> None:
    """One thread: a kept kernel that runs reports from ``tasks`` until it gets None."""
    from .engine import KernelWorker

    worker = KernelWorker(timeout=timeout)
    start_error = None
    began = time.perf_counter()
    try:
        try:
            worker.start()
            log.info("kernel ready in %.2f s", time.perf_counter() - began)
            ready.wait()
            if dataset_file:
                worker.adopt(dataset_file[0])
        except Exception as err:  # every report then fails with this reason
            start_error = f"the kernel did not start: {err}"
        while True:
            task = tasks.get()
            if task is None:
                return
            scope, parameters = task
            began = time.perf_counter()
            if start_error:
                results.put(Outcome(scope, False, 0.0, error=start_error))
                continue
            try:
                nb = render(worker, parameters, folder, scope.scope, notebook=notebook)
                results.put(Outcome(scope, True, time.perf_counter() - began,
                                    headline=headline_of(nb)))
            except Exception as err:  # one bad report must not stop the others
                message = (str(err) if isinstance(err, SgnetError)
                           else f"{type(err).__name__}: {err}")
                results.put(Outcome(scope, False, time.perf_counter() - began, error=message))
    finally:
        worker.close()


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
    on_progress: Callable[[int, int, int, Outcome | None], None] | None = None,
    only: list[str] | None = None,
    scheduler: str | None = None,
    connect_timeout: float = 10.0,
) -> BatchResult:
    """Write one report per pairing or region of a period, and ``index.html``.

    Parameters
    ----------
    data : str or Path, optional
        Dataset folder or workbook (default: the bundled sample). Loaded and validated once.
    period : str or Period, optional
        Default: :func:`sgnet.report.default_period` of the data.
    each : {"pairing", "region"}
    level : {"province", "city", "county"}
        The level of the regions, with ``each="region"``.
    jobs : int, optional
        Kernels run in parallel (default: the number of CPUs, at most one per report).
    audience, lang : str
        As for :func:`sgnet.report.run_report`.
    out : str or Path, optional
        Output root (default ``reports/``); files go to ``<out>/<period>/``.
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
        The address of a Dask scheduler (``tcp://host:8786``), or a connected client: the
        reports are rendered on its workers (``jobs`` is then ignored) and written here as
        by a local run (see :mod:`sgnet.dask_batch`). Needs the ``[dask]`` extra.
    connect_timeout : float
        With ``scheduler``: seconds to wait for it to answer and to have a worker.

    Returns
    -------
    BatchResult
        ``.failed`` lists the reports that failed; the others are written.

    Raises
    ------
    TableValidationError
        If the data does not validate (no report is run).
    ReportError
        If the options are wrong or no pairing or region has anything to report.
    """
    from .engine import _register_engine, prepare_export

    began = time.perf_counter()
    check_options(audience, lang)
    if each not in EACH:
        raise ReportError(f"--each must be one of {', '.join(EACH)}, not {each!r}")
    if level not in LEVELS:
        raise ReportError(f"--level must be one of {', '.join(LEVELS)}, not {level!r}")
    if scheduler is not None:  # the same batch, its reports rendered on a Dask cluster
        from .dask_batch import run_batch_dask

        return run_batch_dask(data, scheduler=scheduler, period=period, each=each,
                              level=level, audience=audience, lang=lang, out=out,
                              notebook=notebook, timeout=timeout, today=today,
                              on_progress=on_progress, only=only,
                              connect_timeout=connect_timeout)
    data_path = (Path(data) if data is not None else SAMPLE_DATA).resolve()
    n_jobs = max(1, jobs or os.cpu_count() or 1)
    root = Path(out) if out is not None else REPORTS
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".sgnet-batch-", dir=root))
    tasks: queue.Queue = queue.Queue()
    results: queue.Queue = queue.Queue()
    ready = threading.Event()
    dataset_file: list[str] = []
    threads: list[threading.Thread] = []
    try:
        # the kernels boot while this process loads and validates the data
        for i in range(n_jobs):
            thread = threading.Thread(
                target=_worker_loop, name=f"sgnet-worker-{i}", daemon=True,
                args=(tasks, results), kwargs={
                    "ready": ready, "dataset_file": dataset_file, "notebook": notebook,
                    "folder": tmp, "timeout": timeout})
            thread.start()
            threads.append(thread)
        try:
            signature, ds, p, planned = _plan(data_path, period, each=each, level=level,
                                              only=only, today=today, audience=audience,
                                              lang=lang)
            pickled = tmp / "dataset.pickle"
            with open(pickled, "wb") as f:
                pickle.dump((signature, "raise", ds), f, protocol=pickle.HIGHEST_PROTOCOL)
            dataset_file.append(str(pickled))
        finally:
            ready.set()
        log.info("%.2f s: data loaded, %d reports", time.perf_counter() - began, len(planned))
        prepare_export()  # compile the HTML templates while the kernels boot
        _register_engine()
        log.info("%.2f s: HTML templates compiled", time.perf_counter() - began)
        for task in planned:
            tasks.put(task)
        for _ in threads:
            tasks.put(None)
        total, done, failed = len(planned), 0, 0
        if on_progress:
            on_progress(0, 0, total, None)
        outcomes: list[Outcome] = []
        while done < total:
            outcome = results.get()
            outcomes.append(outcome)
            done += 1
            failed += not outcome.ok
            if on_progress:
                on_progress(done, failed, total, outcome)
        for thread in threads:
            thread.join()
        return _place(outcomes, p, tmp, period_folder(root, p), each=each, lang=lang,
                      audience=audience, today=today, seconds=time.perf_counter() - began)
    finally:
        ready.set()
        while True:  # an interrupted run: let the workers stop after their current report
            try:
                tasks.get_nowait()
            except queue.Empty:
                break
        for _ in threads:
            tasks.put(None)
        for thread in threads:
            thread.join(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


def _plan(data_path: Path, period: str | Period | None, *, each: str, level: str,
          only: list[str] | None, today: dt.date | None, audience: str, lang: str):
    """Load and validate once; return the data's signature, the dataset, the period and the
    ``(scope, papermill parameters)`` of every report (the same for a local or a Dask run)."""
    from .io import load

    signature = _signature(data_path)
    ds = load(data_path)
    p = (parse_period(period, today=today) if period is not None
         else default_period(ds, today=today))
    scopes = _only(batch_scopes(ds, p, each=each, level=level), only)
    if not scopes:
        raise ReportError(f"no {each} has anything to report in {p.describe()}")
    planned = [(scope, report_parameters(data_path, p,
                                         ds.select(region=scope.region, pairing=scope.pairing),
                                         audience=audience, lang=lang))
               for scope in scopes]
    return signature, ds, p, planned


def _only(scopes: list[Scope], only: list[str] | None) -> list[Scope]:
    """The scopes named in ``only`` (all when None); an unknown name is an error."""
    if only is None:
        return scopes
    known = {s.scope for s in scopes}
    unknown = sorted(set(only) - known)
    if unknown:
        raise ReportError(f"nothing to report for {', '.join(unknown)} in this batch; "
                          f"choose among {', '.join(sorted(known)[:20])}")
    return [s for s in scopes if s.scope in set(only)]


def _place(outcomes: list[Outcome], period: Period, tmp: Path, final_dir: Path, *, each: str,
           lang: str, audience: str, today: dt.date | None, seconds: float) -> BatchResult:
    """Move the finished run into ``final_dir``: good reports replace earlier ones."""
    final_dir.mkdir(parents=True, exist_ok=True)
    for o in outcomes:
        s = o.scope.scope
        if o.ok:
            os.replace(tmp / f"{s}.ipynb", final_dir / f"{s}.ipynb")
            os.replace(tmp / f"{s}.html", final_dir / f"{s}.html")
            (final_dir / f"{s}.failed.ipynb").unlink(missing_ok=True)
        else:
            o.kept_earlier = (final_dir / f"{s}.html").exists()
            failed_nb = tmp / f"{s}.ipynb"
            if failed_nb.exists():
                os.replace(failed_nb, final_dir / f"{s}.failed.ipynb")
    page = index_html(outcomes, period, each=each, lang=lang, audience=audience, today=today)
    tmp_index = tmp / "index.html"
    tmp_index.write_text(page, encoding="utf-8")
    os.replace(tmp_index, final_dir / "index.html")
    ordered = sorted(outcomes, key=lambda o: o.scope.scope)
    return BatchResult(period, final_dir, final_dir / "index.html", ordered, seconds)
