"""Runners: where the reports of a plan are rendered. One small interface, two runners.

A runner is started before the plan is made (so kernels boot while the data is checked),
renders every job of the plan into a folder, yields each job's :class:`Rendered` as it
finishes, and is closed at the end::

    runner.start()
    for rendered in runner.run(plan, folder, handover):   # files land in folder
        ...
    runner.close()

:class:`LocalRunner` keeps Jupyter kernels on this machine, one thread each
(:class:`~sgnet.kernel.KernelWorker`, reset between reports); :class:`sgnet.dask_runner.DaskRunner`
keeps one per worker of a Dask cluster. Both render with :func:`sgnet.render.render`, so a
report is the same file whichever ran it. Placement, the index page and progress belong to
the orchestrator (:mod:`sgnet.report`).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .errors import ReportError, SgnetError
from .handover import Handover
from .kernel import KernelWorker, register_engine
from .plan import REPORT_NOTEBOOK, Job, Plan
from .render import render

__all__ = ["Rendered", "Runner", "LocalRunner", "failure_text"]

log = logging.getLogger(__name__)


@dataclass
class Rendered:
    """What became of one job: ``folder/<stem>.ipynb`` (and ``.html``, ``.docx`` ... of the
    plan's formats when ``ok``)."""

    job: Job
    ok: bool
    seconds: float
    error: ReportError | None = None
    where: str = ""  # the worker that rendered it, on a cluster


class Runner(Protocol):
    """The interface of a runner (see the module docstring)."""

    def start(self) -> None:
        """Begin booting kernels or connecting; returns at once or after connecting."""

    def run(self, plan: Plan, folder: Path, handover: Handover) -> Iterator[Rendered]:
        """Render every job of ``plan`` into ``folder``, yielding each as it finishes."""

    def close(self) -> None:
        """Stop what :meth:`start` started (a kept cluster keeps running)."""


def failure_text(err: BaseException) -> str:
    """The reason a report failed, in one line.

    Examples
    --------
    >>> failure_text(ReportError("failed in cell 3: KeyError: 'x'"))
    "failed in cell 3: KeyError: 'x'"
    >>> failure_text(RuntimeError("boom"))
    'RuntimeError: boom'
    """
    return str(err) if isinstance(err, SgnetError) else f"{type(err).__name__}: {err}"


class LocalRunner:
    """Render on this machine, on ``jobs`` kept kernels in as many threads.

    Parameters
    ----------
    jobs : int, optional
        Kernels run in parallel (default: the number of CPUs).
    timeout : float, optional
        Seconds a cell may run before its report fails (its kernel is then replaced).
    notebook : str or Path, optional
        The notebook to run (default ``notebooks/period_report.ipynb``).
    single_use : bool
        Give every report a fresh kernel that runs it as it starts, without the setup and
        reset a kept kernel needs: the fastest way to render one report.
    """

    def __init__(self, *, jobs: int | None = None, timeout: float | None = 600,
                 notebook: str | Path | None = None, single_use: bool = False):
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.timeout = timeout
        self.notebook = Path(notebook) if notebook is not None else REPORT_NOTEBOOK
        self.single_use = single_use
        self._tasks: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start the kernels, each in its own thread; they boot while the plan is made."""
        for i in range(self.jobs):
            thread = threading.Thread(target=self._loop, name=f"sgnet-kernel-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def _new_worker(self) -> tuple[KernelWorker | None, str]:
        worker = KernelWorker(timeout=self.timeout, single_use=self.single_use,
                              warm=not self.single_use)
        began = time.perf_counter()
        try:
            worker.start(wait=not self.single_use)
        except Exception as err:  # every report of this thread then fails with the reason
            worker.close()
            return None, f"the kernel did not start: {err}"
        log.info("kernel ready in %.2f s", time.perf_counter() - began)
        return worker, ""

    def _loop(self) -> None:
        worker, start_error = self._new_worker()
        try:
            while (task := self._tasks.get()) is not None:
                job, folder, formats = task
                began = time.perf_counter()
                if worker is None:
                    error = ReportError(start_error)
                    self._results.put(Rendered(job, False, 0.0, error=error))
                    continue
                try:
                    render(worker, job.parameters, folder, job.stem, notebook=self.notebook,
                           provenance=job.provenance, formats=formats)
                    self._results.put(Rendered(job, True, time.perf_counter() - began))
                except Exception as err:  # one bad report must not stop the others
                    error = err if isinstance(err, ReportError) else ReportError(
                        failure_text(err))
                    self._results.put(Rendered(job, False, time.perf_counter() - began,
                                               error=error))
                if self.single_use:  # the next report gets a fresh kernel
                    worker.close()
                    worker, start_error = self._new_worker()
        finally:
            if worker is not None:
                worker.close()

    def run(self, plan: Plan, folder: Path, handover: Handover) -> Iterator[Rendered]:
        """Render the jobs of ``plan`` into ``folder`` (the hand-over file is local)."""
        register_engine()
        for job in plan.jobs:
            self._tasks.put((job, Path(folder), plan.formats))
        for _ in range(len(plan.jobs)):
            yield self._results.get()

    def close(self) -> None:
        """Let each kernel finish its current report, then stop them all."""
        while True:
            try:
                self._tasks.get_nowait()
            except queue.Empty:
                break
        for _ in self._threads:
            self._tasks.put(None)
        for thread in self._threads:
            thread.join(timeout=30)
        self._threads.clear()
