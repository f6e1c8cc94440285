"""A runner on a Dask distributed cluster: ``sgnet batch --scheduler tcp://host:8786``.

The same reports as :class:`sgnet.runners.LocalRunner`, rendered by the workers of a running
Dask cluster instead of local kernels. Planning, placement and the index stay with the
orchestrator (:mod:`sgnet.report`); only the rendering moves:

- :meth:`DaskRunner.start` connects to the scheduler (a clear error, within
  ``connect_timeout`` seconds, when it cannot), checks that the workers run the same sgnet,
  and never closes a cluster it did not start (closing the client leaves the scheduler and
  workers running);
- every worker process keeps one Jupyter kernel (:class:`KernelPlugin`, started when the
  plugin is registered, closed when the worker closes), reset between reports as a local
  kept kernel is (:class:`sgnet.kernel.KernelWorker`);
- the hand-over file of the checked dataset (:mod:`sgnet.handover`) is sent once to every
  worker (``client.scatter(..., broadcast=True)``), which publishes it under the same
  handle in its own hand-over folder, so the workers need not see the client's disk and the
  reports' parameters are those of a local run;
- the notebook travels with the tasks, and each task renders into a temporary folder on its
  worker and returns the bytes of the ``.ipynb``, ``.html`` and the plan's other formats
  (``.docx``, ``.pdf``), or of the failed notebook,
  with the reason); a task that raised, or whose worker died (``KilledWorker``), becomes
  one failed report and the others go on.

Workers should run one thread each (``dask worker ADDRESS --nworkers N --nthreads 1``): a
worker process has one kernel, so the reports it is given run one after another.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .errors import ReportError
from .handover import Handover, publish
from .kernel import KernelWorker, register_engine
from .plan import DEFAULT_FORMATS, REPORT_NOTEBOOK, Job, Plan
from .render import render
from .runners import Rendered, failure_text
from .version import __version__

try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # the [dask] extra is not installed: run_batch_dask says so
    _WorkerPlugin = object

__all__ = ["CONNECT_TIMEOUT", "PLUGIN_NAME", "DaskRunner", "KernelPlugin", "connect"]

log = logging.getLogger(__name__)

#: Seconds to wait for the scheduler to answer, and for it to have at least one worker.
CONNECT_TIMEOUT = 10.0
#: The name of the worker plugin that keeps one kernel per worker process.
PLUGIN_NAME = "sgnet-kernel"

_INSTALL = "pip install 'sgnet[dask]' (in a clone: pip install -e '.[dask]')"
_TASK = "sgnet-report"


def _distributed():
    try:
        import distributed
    except ImportError as err:
        raise ReportError(f"--scheduler needs Dask distributed: {_INSTALL}") from err
    return distributed


# --------------------------------------------------------------------------- worker side

@dataclass
class _Rendered:
    """What a task sends back: the files of one report, or its failed notebook and reason."""

    ok: bool
    seconds: float
    error: ReportError | None = None
    ipynb: bytes | None = None
    files: dict[str, bytes] | None = None  # suffix ("html", "docx", "pdf") -> bytes
    worker: str = ""


class _KernelHost:
    """The kept kernel of one Dask worker process, driven by a thread of its own.

    A :class:`~sgnet.kernel.KernelWorker` must be used from one thread (its kernel client
    lives on that thread's event loop), while Dask may run successive tasks on different
    threads; every call on the kernel goes through this host's single thread. The kernel
    starts at once, in that thread, so it boots while the client loads the data.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sgnet-kernel")
        self.kernel = None
        self.start_error = ""
        self.token: str | None = None
        self.handover: Handover | None = None
        self._pool.submit(self._start)

    def _start(self) -> None:
        began = time.perf_counter()
        kernel = KernelWorker()
        try:
            kernel.start()
            register_engine()
        except Exception as err:
            kernel.close()
            self.start_error = f"the kernel did not start on this Dask worker: {err}"
            log.warning(self.start_error)
            return
        self.kernel, self.start_error = kernel, ""
        log.info("sgnet kernel ready in %.2f s", time.perf_counter() - began)

    def call(self, fn, *args):
        """Run ``fn(*args)`` on the kernel's thread and return its result."""
        return self._pool.submit(fn, *args).result()

    def _publish(self, payload: bytes, handle: str, token: str) -> None:
        """Publish the batch's dataset on this machine, once per batch (see sgnet.handover)."""
        if self.token == token and self.handover is not None and self.handover.file.exists():
            return
        if self.handover is not None:
            self.handover.close()
        self.handover = publish(payload, handle)
        self.token = token

    def render(self, job: Job, payload: bytes, token: str, notebook: bytes,
               notebook_label: str, timeout: float | None,
               formats: tuple[str, ...] = DEFAULT_FORMATS) -> _Rendered:
        """Render one report in a temporary folder and return its files (kernel thread)."""
        began = time.perf_counter()
        if self.kernel is None:
            self._start()  # a kernel that failed to start gets one more chance per report
            if self.kernel is None:
                return _Rendered(False, 0.0, error=ReportError(self.start_error))
        self.kernel.timeout = timeout
        folder = Path(tempfile.mkdtemp(prefix="sgnet-dask-"))
        try:
            source = folder / ".input" / Path(notebook_label).name
            source.parent.mkdir()
            source.write_bytes(notebook)
            stem = job.stem
            try:
                self._publish(payload, job.parameters["handle"], token)
                render(self.kernel, job.parameters, folder, stem, notebook=source,
                       provenance=job.provenance, formats=formats)
            except Exception as err:  # one bad report must not stop the others
                error = err if isinstance(err, ReportError) else ReportError(failure_text(err))
                failed = folder / f"{stem}.ipynb"
                return _Rendered(False, time.perf_counter() - began, error=error,
                                 ipynb=_relabel(failed, notebook_label) if failed.exists()
                                 else None)
            return _Rendered(True, time.perf_counter() - began,
                             ipynb=_relabel(folder / f"{stem}.ipynb", notebook_label),
                             files={f: (folder / f"{stem}.{f}").read_bytes() for f in formats})
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Stop the kernel and the thread."""
        def stop():
            if self.kernel is not None:
                self.kernel.close()
                self.kernel = None
            if self.handover is not None:
                self.handover.close()
                self.handover = None

        try:
            self._pool.submit(stop).result(timeout=60)
        except Exception as err:  # pragma: no cover - the worker is going away anyway
            log.warning("could not stop the sgnet kernel: %s", err)
        self._pool.shutdown(wait=False)


def _relabel(path: Path, notebook_label: str) -> bytes:
    """The notebook at ``path``, recording ``notebook_label`` as papermill's input path.

    The worker ran a copy of the client's notebook; the report records the client's path,
    as a local run does, so that both runs write the same notebook.
    """
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # a notebook papermill could not finish writing: send it as it is
        return path.read_bytes()
    if "papermill" in nb.metadata:
        nb.metadata.papermill["input_path"] = notebook_label
    nbformat.write(nb, path)
    return path.read_bytes()


_HOST_LOCK = threading.Lock()


def _host(worker) -> _KernelHost:
    with _HOST_LOCK:
        host = getattr(worker, "_sgnet_kernel", None)
        if host is None:  # the plugin was not set up on this worker (yet)
            host = worker._sgnet_kernel = _KernelHost()
        return host


class KernelPlugin(_WorkerPlugin):
    """Keep one Jupyter kernel in each Dask worker process, for sgnet reports.

    Registered by :func:`run_batch_dask` under :data:`PLUGIN_NAME`; registering it again
    (the next batch) keeps the kernels that run. The kernel starts when the plugin is set
    up, in the background, and stops when the worker closes or the plugin is removed.
    """

    idempotent = True
    name = PLUGIN_NAME

    def setup(self, worker) -> None:
        _host(worker)

    def teardown(self, worker) -> None:
        host = getattr(worker, "_sgnet_kernel", None)
        worker._sgnet_kernel = None
        if host is not None:
            host.close()


def _render_task(job: Job, payload: bytes, token: str, notebook: bytes,
                 notebook_label: str, timeout: float | None,
                 formats: tuple[str, ...] = DEFAULT_FORMATS) -> _Rendered:
    """A Dask task: one report, rendered by the kept kernel of the worker that runs it."""
    from distributed import get_worker

    worker = get_worker()
    host = _host(worker)
    rendered = host.call(host.render, job, payload, token, notebook, notebook_label, timeout,
                         formats)
    rendered.worker = worker.address
    return rendered


def _worker_facts() -> dict:
    """What the client checks on every worker before a batch."""
    return {"sgnet": __version__, "pid": os.getpid()}


# --------------------------------------------------------------------------- client side

def connect(scheduler, *, timeout: float = CONNECT_TIMEOUT):
    """A client of the Dask scheduler at ``scheduler``, and whether we opened it.

    Parameters
    ----------
    scheduler : str or distributed.Client
        ``tcp://host:8786`` (or ``host:8786``), or a client already connected (returned as
        it is, and then not ours to close).
    timeout : float
        Seconds to wait for the scheduler to answer.

    Returns
    -------
    (distributed.Client, bool)

    Raises
    ------
    ReportError
        If distributed is not installed or the scheduler does not answer in time.

    Examples
    --------
    >>> connect("tcp://127.0.0.1:9", timeout=1)
    Traceback (most recent call last):
    ...
    sgnet.errors.ReportError: cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 1 s...
    """
    distributed = _distributed()
    if isinstance(scheduler, distributed.Client):
        return scheduler, False
    address = str(scheduler).strip()
    try:
        # a bare handshake first: a Client that fails half-way leaves a finalizer that
        # blocks the exit for 20 s and prints a traceback
        asyncio.run(_probe(address, timeout))
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except Exception as err:  # refused, timed out, not a Dask scheduler, a bad address
        reason = (str(err).strip().splitlines() or [""])[0][:200] or type(err).__name__
        if not isinstance(err, OSError | TimeoutError | ValueError):
            reason = f"something answered, but not as a Dask scheduler does: {reason}"
        raise ReportError(f"cannot reach the Dask scheduler at {address} within {timeout:g} s "
                          f"({reason}); start one with `dask scheduler` and pass the address "
                          "it prints, e.g. --scheduler tcp://HOST:8786") from None
    return client, True


async def _probe(address: str, timeout: float) -> None:
    """Connect to ``address`` and exchange Dask's handshake, then hang up."""
    from distributed.comm import connect as comm_connect

    comm = await asyncio.wait_for(comm_connect(address, timeout=timeout), timeout + 1)
    await comm.close()


def _check_workers(client, address: str, timeout: float) -> dict:
    """Wait for a worker, then check that every worker imports the same sgnet."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except Exception:
        raise ReportError(f"the Dask scheduler at {address} has no workers; start some with "
                          f"`dask worker {address} --nworkers N --nthreads 1`") from None
    try:
        facts = client.run(_worker_facts)
    except Exception as err:
        raise ReportError(f"the Dask workers cannot run sgnet ({type(err).__name__}: {err}); "
                          f"every worker needs the same sgnet as this machine: {_INSTALL}"
                          ) from None
    other = {w: f["sgnet"] for w, f in facts.items() if f["sgnet"] != __version__}
    if other:
        listed = ", ".join(f"{w} has {v}" for w, v in sorted(other.items()))
        raise ReportError(f"the Dask workers must run sgnet {__version__}, as this "
                          f"machine does: {listed}")
    return facts


def _failure(err: BaseException) -> str:
    distributed = _distributed()
    if isinstance(err, distributed.KilledWorker):
        return ("the Dask worker running this report died (KilledWorker); "
                "see the worker's log")
    text = (str(err).splitlines() or [""])[0]
    return f"{type(err).__name__}: {text}".rstrip(": ")


class DaskRunner:
    """Render on the workers of a Dask cluster (see the module docstring).

    Parameters
    ----------
    scheduler : str or distributed.Client
        The address of a Dask scheduler (``tcp://host:8786``), or a connected client.
    timeout : float, optional
        Seconds a cell may run before its report fails.
    notebook : str or Path, optional
        The notebook to run (default ``notebooks/period_report.ipynb``).
    connect_timeout : float
        Seconds to wait for the scheduler to answer, and for it to have a worker.

    Raises
    ------
    ReportError
        From :meth:`start`, if distributed is not installed, the scheduler cannot be reached,
        has no workers, or its workers do not run the same sgnet; or if the notebook cannot
        be read.
    """

    def __init__(self, scheduler, *, timeout: float | None = 600,
                 notebook: str | Path | None = None,
                 connect_timeout: float = CONNECT_TIMEOUT):
        self.scheduler = scheduler
        self.timeout = timeout
        self.notebook = Path(notebook) if notebook is not None else REPORT_NOTEBOOK
        self.connect_timeout = connect_timeout
        self.client = None
        self._ours = False
        self._futures: dict = {}

    def start(self) -> None:
        """Connect, check the workers, and have each start its kernel."""
        try:
            self._notebook_bytes = self.notebook.read_bytes()
        except OSError as err:
            raise ReportError(f"cannot read the report notebook {self.notebook}: "
                              f"{err.strerror}") from None
        self.client, self._ours = connect(self.scheduler, timeout=self.connect_timeout)
        address = self.client.scheduler.address
        facts = _check_workers(self.client, address, self.connect_timeout)
        self.client.register_plugin(KernelPlugin(), name=PLUGIN_NAME)  # kernels boot meanwhile
        log.info("%d Dask workers at %s", len(facts), address)

    def run(self, plan: Plan, folder: Path, handover: Handover) -> Iterator[Rendered]:
        """Send the jobs to the cluster; write each report's files into ``folder``."""
        distributed = _distributed()
        payload = handover.file.read_bytes()
        token = uuid.uuid4().hex[:12]
        [shared] = self.client.scatter([payload], broadcast=True, hash=False)
        log.info("data sent (%.1f MB), %d reports", len(payload) / 1e6, len(plan.jobs))
        for job in plan.jobs:
            future = self.client.submit(
                _render_task, job, shared, token, self._notebook_bytes, str(self.notebook),
                self.timeout, plan.formats,
                key=f"{_TASK}-{plan.period.label}-{job.stem}-{token}",
                pure=False, retries=0)
            self._futures[future] = job
        for future in distributed.as_completed(list(self._futures), loop=self.client.loop):
            yield _collect(future, self._futures.pop(future), Path(folder))

    def close(self) -> None:
        """Cancel what is still pending, and close the client if this runner opened it."""
        if self.client is None:
            return
        if self._futures:  # an interrupted run: the cluster need not finish its reports
            try:
                self.client.cancel(list(self._futures))
            except Exception:
                pass
            self._futures.clear()
        if self._ours:
            self.client.close()  # closes our connection only; the cluster keeps running
        self.client = None


def _collect(future, job: Job, folder: Path) -> Rendered:
    """The outcome of one task; its files go into ``folder`` as a local run leaves them."""
    try:
        rendered: _Rendered = future.result()
    except Exception as err:  # the task could not run: a lost worker, a cancelled task
        log.warning("report %s failed on the cluster: %s", job.stem, err)
        return Rendered(job, False, 0.0, error=ReportError(_failure(err)))
    if rendered.ipynb is not None:
        (folder / f"{job.stem}.ipynb").write_bytes(rendered.ipynb)
    if not rendered.ok:
        return Rendered(job, False, rendered.seconds, error=rendered.error,
                        where=rendered.worker)
    for suffix, data in (rendered.files or {}).items():
        (folder / f"{job.stem}.{suffix}").write_bytes(data)
    return Rendered(job, True, rendered.seconds, where=rendered.worker)
