"""Batch reports on a Dask distributed cluster: ``sgnet batch --scheduler tcp://host:8786``.

The same batch as :func:`sgnet.batch.run_batch`, with the reports rendered by the workers of
a running Dask cluster instead of local kernels. What the client does is what a local run
does: it loads and validates the data once, lists the reports (:func:`sgnet.batch._plan`),
and writes the results into ``<out>/<period>/`` with the same code (:func:`sgnet.batch._place`:
good reports replace earlier ones with ``os.replace``, a failed one keeps the earlier report
and leaves its failed notebook, the index is written last). Only the rendering moves:

- the client connects to the scheduler (a clear error, within ``connect_timeout`` seconds,
  when it cannot), checks that the workers run the same sgnet, and never closes a cluster it
  did not start (closing the client leaves the scheduler and workers running);
- every worker process keeps one Jupyter kernel (:class:`KernelPlugin`, started when the
  plugin is registered, closed when the worker closes), reset between reports as a local
  kept kernel is (:class:`sgnet.engine.KernelWorker`);
- the validated dataset is pickled once and broadcast to the workers
  (``client.scatter(..., broadcast=True)``); each kernel adopts it once per batch, pinned
  to the path the report parameters name, so the workers need not see the client's disk;
- the notebook travels with the tasks, and each task renders into a temporary folder on its
  worker and returns the bytes of the ``.ipynb`` and ``.html`` (or of the failed notebook,
  with the reason); a task that raised, or whose worker died (``KilledWorker``), becomes
  one failed report and the others go on.

Workers should run one thread each (``dask worker ADDRESS --nworkers N --nthreads 1``): a
worker process has one kernel, so the reports it is given run one after another.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import pickle
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .batch import BatchResult, Outcome, Scope, _place, _plan, headline_of
from .errors import ReportError, SgnetError
from .paths import REPORTS, SAMPLE_DATA
from .periods import Period
from .report import REPORT_NOTEBOOK, period_folder, render

try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # the [dask] extra is not installed: run_batch_dask says so
    _WorkerPlugin = object

__all__ = ["CONNECT_TIMEOUT", "PLUGIN_NAME", "KernelPlugin", "connect", "run_batch_dask"]

log = logging.getLogger(__name__)

#: Seconds to wait for the scheduler to answer, and for it to have at least one worker.
CONNECT_TIMEOUT = 10.0
#: The name of the worker plugin that keeps one kernel per worker process.
PLUGIN_NAME = "sgnet-kernel"

_INSTALL = "pip install 'sgnet[dask]' (in a clone: pip install -e '.[dask]')"


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
    error: str = ""
    headline: dict | None = None
    ipynb: bytes | None = None
    html: bytes | None = None
    worker: str = ""


class _KernelHost:
    """The kept kernel of one Dask worker process, driven by a thread of its own.

    A :class:`~sgnet.engine.KernelWorker` must be used from one thread (its kernel client
    lives on that thread's event loop), while Dask may run successive tasks on different
    threads; every call on the kernel goes through this host's single thread. The kernel
    starts at once, in that thread, so it boots while the client loads the data.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sgnet-kernel")
        self.kernel = None
        self.start_error = ""
        self.dataset_key: str | None = None
        self._pinned_in = None
        self._pool.submit(self._start)

    def _start(self) -> None:
        from .engine import KernelWorker, _register_engine, prepare_export

        began = time.perf_counter()
        kernel = KernelWorker()
        try:
            kernel.start()
            prepare_export()
            _register_engine()
        except Exception as err:
            kernel.close()
            self.start_error = f"the kernel did not start on this Dask worker: {err}"
            log.warning(self.start_error)
            return
        self.kernel, self.start_error, self.dataset_key = kernel, "", None
        self._pinned_in = None  # the kernel process (its manager) that holds dataset_key
        log.info("sgnet kernel ready in %.2f s", time.perf_counter() - began)

    def call(self, fn, *args):
        """Run ``fn(*args)`` on the kernel's thread and return its result."""
        return self._pool.submit(fn, *args).result()

    def render(self, scope: Scope, parameters: dict, payload: bytes, dataset_key: str,
               notebook: bytes, notebook_label: str, timeout: float | None) -> _Rendered:
        """Render one report in a temporary folder and return its files (kernel thread)."""
        began = time.perf_counter()
        if self.kernel is None:
            self._start()  # a kernel that failed to start gets one more chance per report
            if self.kernel is None:
                return _Rendered(False, 0.0, error=self.start_error)
        self.kernel.timeout = timeout
        folder = Path(tempfile.mkdtemp(prefix="sgnet-dask-"))
        try:
            source = folder / ".input" / Path(notebook_label).name
            source.parent.mkdir()
            source.write_bytes(notebook)
            try:
                # again after a kernel died and was replaced: the new one has no data
                if self.dataset_key != dataset_key or self._pinned_in is not self.kernel.km:
                    pickled = folder / ".input" / "dataset.pickle"
                    pickled.write_bytes(payload)
                    self.dataset_key = None
                    self.kernel.adopt(pickled, pin=True)
                    self.dataset_key, self._pinned_in = dataset_key, self.kernel.km
                nb = render(self.kernel, parameters, folder, scope.scope, notebook=source)
            except Exception as err:  # one bad report must not stop the others
                error = str(err) if isinstance(err, SgnetError) else f"{type(err).__name__}: {err}"
                failed = folder / f"{scope.scope}.ipynb"
                return _Rendered(False, time.perf_counter() - began, error=error,
                                 ipynb=_relabel(failed, notebook_label) if failed.exists()
                                 else None)
            return _Rendered(True, time.perf_counter() - began, headline=headline_of(nb),
                             ipynb=_relabel(folder / f"{scope.scope}.ipynb", notebook_label),
                             html=(folder / f"{scope.scope}.html").read_bytes())
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Stop the kernel and the thread."""
        def stop():
            if self.kernel is not None:
                self.kernel.close()
                self.kernel = None

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


def _render_task(scope: Scope, parameters: dict, payload: bytes, dataset_key: str,
                 notebook: bytes, notebook_label: str, timeout: float | None) -> _Rendered:
    """A Dask task: one report, rendered by the kept kernel of the worker that runs it."""
    from distributed import get_worker

    worker = get_worker()
    host = _host(worker)
    rendered = host.call(host.render, scope, parameters, payload, dataset_key, notebook,
                         notebook_label, timeout)
    rendered.worker = worker.address
    return rendered


def _worker_facts() -> dict:
    """What the client checks on every worker before a batch."""
    import sgnet

    return {"sgnet": sgnet.__version__, "pid": os.getpid()}


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
    import sgnet

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
    other = {w: f["sgnet"] for w, f in facts.items() if f["sgnet"] != sgnet.__version__}
    if other:
        listed = ", ".join(f"{w} has {v}" for w, v in sorted(other.items()))
        raise ReportError(f"the Dask workers must run sgnet {sgnet.__version__}, as this "
                          f"machine does: {listed}")
    return facts


def _failure(err: BaseException) -> str:
    distributed = _distributed()
    if isinstance(err, distributed.KilledWorker):
        return ("the Dask worker running this report died (KilledWorker); "
                "see the worker's log")
    text = (str(err).splitlines() or [""])[0]
    return f"{type(err).__name__}: {text}".rstrip(": ")


def run_batch_dask(
    data: str | Path | None = None,
    *,
    scheduler,
    period: str | Period | None = None,
    each: str = "pairing",
    level: str = "province",
    audience: str = "funder",
    lang: str = "zh",
    out: str | Path | None = None,
    notebook: str | Path | None = None,
    timeout: float | None = 600,
    today: dt.date | None = None,
    on_progress: Callable[[int, int, int, Outcome | None], None] | None = None,
    only: list[str] | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> BatchResult:
    """:func:`sgnet.batch.run_batch` with the reports rendered on a Dask cluster.

    Call it through ``run_batch(..., scheduler=ADDRESS)`` or ``sgnet batch --scheduler
    ADDRESS``. The parameters are those of :func:`sgnet.batch.run_batch`, plus
    ``scheduler`` (an address or a connected ``distributed.Client``) and ``connect_timeout``
    (seconds to wait for the scheduler, and for a worker).

    Returns
    -------
    BatchResult
        As a local run's: the same files, index and failures.

    Raises
    ------
    ReportError
        If the scheduler cannot be reached, has no workers, or its workers do not run the
        same sgnet; or as :func:`sgnet.batch.run_batch`.
    TableValidationError
        If the data does not validate (no report is run).
    """
    distributed = _distributed()
    began = time.perf_counter()
    data_path = (Path(data) if data is not None else SAMPLE_DATA).resolve()
    source = Path(notebook) if notebook is not None else REPORT_NOTEBOOK
    try:
        notebook_bytes = source.read_bytes()
    except OSError as err:
        raise ReportError(f"cannot read the report notebook {source}: {err.strerror}") from None
    root = Path(out) if out is not None else REPORTS
    client, ours = connect(scheduler, timeout=connect_timeout)
    address = client.scheduler.address
    tmp: Path | None = None
    futures: dict = {}
    try:
        facts = _check_workers(client, address, connect_timeout)
        client.register_plugin(KernelPlugin(), name=PLUGIN_NAME)  # kernels boot meanwhile
        log.info("%d Dask workers at %s", len(facts), address)
        signature, ds, p, planned = _plan(data_path, period, each=each, level=level,
                                          only=only, today=today, audience=audience,
                                          lang=lang)
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".sgnet-batch-", dir=root))
        payload = pickle.dumps((signature, "raise", ds), protocol=pickle.HIGHEST_PROTOCOL)
        token = uuid.uuid4().hex[:12]
        [shared] = client.scatter([payload], broadcast=True, hash=False)
        log.info("%.2f s: data loaded and sent (%.1f MB), %d reports",
                 time.perf_counter() - began, len(payload) / 1e6, len(planned))
        for scope, parameters in planned:
            future = client.submit(_render_task, scope, parameters, shared, token,
                                   notebook_bytes, str(source), timeout,
                                   key=f"sgnet-{p.label}-{scope.scope}-{token}", pure=False,
                                   retries=0)
            futures[future] = scope
        total, done, failed = len(planned), 0, 0
        if on_progress:
            on_progress(0, 0, total, None)
        outcomes: list[Outcome] = []
        for future in distributed.as_completed(futures, loop=client.loop):
            outcome = _collect(future, futures[future], tmp)
            outcomes.append(outcome)
            done += 1
            failed += not outcome.ok
            if on_progress:
                on_progress(done, failed, total, outcome)
        return _place(outcomes, p, tmp, period_folder(root, p), each=each, lang=lang,
                      audience=audience, today=today, seconds=time.perf_counter() - began)
    finally:
        pending = [f for f in futures if not f.done()]
        if pending:  # an interrupted run: the cluster need not finish its reports
            try:
                client.cancel(pending)
            except Exception:
                pass
        futures.clear()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        if ours:
            client.close()  # closes our connection only; the cluster keeps running


def _collect(future, scope: Scope, tmp: Path) -> Outcome:
    """The outcome of one task; its files go into ``tmp`` as a local run leaves them."""
    try:
        rendered: _Rendered = future.result()
    except Exception as err:  # the task could not run: a lost worker, a cancelled task
        log.warning("report %s failed on the cluster: %s", scope.scope, err)
        return Outcome(scope, False, 0.0, error=_failure(err))
    if rendered.ipynb is not None:
        (tmp / f"{scope.scope}.ipynb").write_bytes(rendered.ipynb)
    if not rendered.ok:
        return Outcome(scope, False, rendered.seconds, error=rendered.error)
    (tmp / f"{scope.scope}.html").write_bytes(rendered.html)
    return Outcome(scope, True, rendered.seconds, headline=rendered.headline or {})
