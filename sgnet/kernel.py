"""Run report notebooks with papermill on a kept kernel: start once, reset between reports.

A report run with the ``papermill`` command pays, every time, for a new Python process, a
new kernel, the imports of pandas and matplotlib, font loading and data validation: about
3 s before the first cell of real work. :class:`KernelWorker` pays for them once and then
runs report after report in the same kernel through papermill's own machinery (a papermill
engine, ``"sgnet-kept-kernel"``, that hands papermill's notebook client the kept kernel),
so each ``.ipynb`` is exactly what papermill writes: the ``parameters`` cell, the
``injected-parameters`` cell, ``metadata.papermill`` and the outputs.

Between two reports the kernel is reset to the state of a fresh kernel (see
:mod:`sgnet._kernel` for the list of what is restored). A kernel that dies or times out is
replaced by a new one; the report it was running is reported as failed.

Papermill's maintainers point to nbclient with a kept kernel manager for kernel reuse
(papermill issues 326 and 616); this module does that without leaving papermill.
"""

from __future__ import annotations

import logging
import os
import subprocess
import tempfile
import threading
from pathlib import Path

import nbformat
import papermill as pm
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

from .errors import ReportError
from .paths import TEMPLATES

__all__ = ["ENGINE_NAME", "EXPORT_LOCK", "KernelWorker", "html_exporter", "prepare_export",
           "register_engine", "shared_exporter"]

log = logging.getLogger(__name__)

ENGINE_NAME = "sgnet-kept-kernel"
_HIST = "--HistoryManager.hist_file=:memory:"
#: one exporter per process, its templates compiled once; hold this lock while using it
EXPORT_LOCK = threading.Lock()
_EXPORTER = None


def html_exporter():
    """A new nbconvert HTML exporter with the self-contained ``sgnet`` template.

    Building one loads and compiles the Jinja templates (a few tenths of a second): use
    :func:`shared_exporter`, which keeps one per process.
    """
    from nbconvert import HTMLExporter  # only where reports are exported: the kernels

    exporter = HTMLExporter(
        template_name="sgnet",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    # nbconvert warns, for every report, that figures have no alt text (it adds a
    # placeholder); keep that out of the terminal unless sgnet runs with --verbose
    exporter.log = logging.getLogger("sgnet.nbconvert")
    exporter.log.setLevel(logging.ERROR)
    return exporter


def shared_exporter():
    """The process's kept HTML exporter, its templates compiled (call under ``EXPORT_LOCK``).

    The first call renders an empty notebook, so that the Jinja templates and the
    JupyterLab stylesheets are loaded before the first report needs them.
    """
    global _EXPORTER
    if _EXPORTER is None:
        exporter = html_exporter()
        exporter.from_notebook_node(nbformat.v4.new_notebook(),
                                    resources={"metadata": {"name": "warm-up"}})
        _EXPORTER = exporter
    return _EXPORTER


def prepare_export() -> None:
    """Compile the HTML templates now (e.g. while kernels start), not at the first report."""
    with EXPORT_LOCK:
        shared_exporter()


def register_engine() -> None:
    """Register the papermill engine ``sgnet-kept-kernel`` (once per process)."""
    class KeptKernelEngine(NBClientEngine):
        """Papermill's nbclient engine, on the kernel of a :class:`KernelWorker`."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, worker=None, **kwargs):
            if worker is None:
                return super().execute_managed_notebook(
                    nb_man, kernel_name, log_output=log_output, stdout_file=stdout_file,
                    stderr_file=stderr_file, start_timeout=start_timeout,
                    execution_timeout=execution_timeout, **kwargs)
            client = PapermillNotebookClient(
                nb_man, km=worker.km, timeout=execution_timeout, startup_timeout=start_timeout,
                kernel_name=kernel_name, log=logging.getLogger("papermill"),
                log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file,
            )
            client.kc = worker.kc  # kept: nbclient neither starts nor stops it
            return client.execute()

    if ENGINE_NAME not in papermill_engines._engines:
        papermill_engines.register(ENGINE_NAME, KeptKernelEngine)


class KernelWorker:
    """A Jupyter kernel kept for many papermill runs, reset to a fresh state between them.

    Use it from one thread only (its kernel client lives on that thread's event loop);
    run several workers in several threads for parallel reports.

    Parameters
    ----------
    kernel_name : str
        The kernel to start.
    warm : bool
        Import pandas, matplotlib and sgnet and draw one figure at start, so that the first
        report runs as fast as the next ones.
    timeout : float, optional
        Seconds a cell may run before the report fails and the kernel is replaced.
    startup_timeout : float
        Seconds to wait for the kernel to start.
    single_use : bool
        Run one notebook on the kernel as it starts, with no setup and no reset (a fresh
        kernel needs none), and save the notebook as cells run, as papermill does: a run
        of one report (:func:`sgnet.report.run_report`).

    Examples
    --------
    >>> with KernelWorker() as worker:                                  # doctest: +SKIP
    ...     nb = worker.execute("notebooks/period_report.ipynb", "out/PR01.ipynb",
    ...                         {"pairing": "PR01", "period": "2023Q2"}, cwd="out")
    """

    def __init__(self, *, kernel_name: str = "python3", warm: bool = True,
                 timeout: float | None = 600, startup_timeout: float = 60,
                 single_use: bool = False):
        self.kernel_name = kernel_name
        self.warm = warm
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.single_use = single_use
        self._used = False
        self.km = None
        self.kc = None
        self._ready = False
        self._stderr = None

    # ------------------------------------------------------------------ lifecycle

    def start(self, *, wait: bool = True) -> KernelWorker:
        """Launch the kernel; with ``wait``, also wait for it and run the setup code."""
        self._stderr = tempfile.TemporaryFile(prefix="sgnet-kernel-")
        self.km = AsyncKernelManager(kernel_name=self.kernel_name)
        run_sync(self.km.start_kernel)(extra_arguments=[_HIST], stdout=subprocess.DEVNULL,
                                       stderr=self._stderr)
        self._ready = False
        if wait:
            self.wait()
        return self

    def wait(self) -> None:
        """Wait until the kernel answers, then import, snapshot and warm up in it."""
        if self._ready:
            return
        if self.km is None:
            self.start(wait=False)
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            run_sync(self.kc.wait_for_ready)(timeout=self.startup_timeout)
        except RuntimeError as err:
            raise ReportError(f"the {self.kernel_name} kernel did not start: {err}; "
                              f"{self._stderr_tail()}") from err
        self.kc.allow_stdin = False
        if not self.single_use:
            self.run_code(f"__import__('sgnet._kernel', fromlist=['_']).setup(warm={self.warm!r})",
                      what="kernel setup")
        self._ready = True

    def close(self) -> None:
        """Stop the kernel (quietly if it is already gone)."""
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:
                pass
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:
                pass
        if self._stderr is not None:
            self._stderr.close()
        self.km = self.kc = self._stderr = None
        self._ready = False

    def restart(self) -> None:
        """Replace the kernel by a new one (after it died or hung)."""
        self.close()
        self.start()

    def __enter__(self) -> KernelWorker:
        if self.km is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ running

    def _stderr_tail(self, n: int = 600) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace")
        lines = [ln for ln in text.splitlines() if "without encryption" not in ln]
        tail = "\n".join(lines)[-n:].strip()
        return f"kernel said: {tail}" if tail else ""

    def run_code(self, code: str, *, what: str, timeout: float | None = None) -> None:
        """Run code in the kernel outside any notebook (no history, no counter).

        ``timeout`` defaults to the kernel's ``startup_timeout``.
        """
        outputs: list[str] = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                outputs.append(msg["content"]["text"])

        reply = run_sync(self.kc.execute_interactive)(
            code, store_history=False, allow_stdin=False,
            timeout=self.startup_timeout if timeout is None else timeout, output_hook=hook)
        content = reply["content"]
        if content["status"] != "ok":
            raise ReportError(f"{what} failed in the kernel: {content.get('ename')}: "
                              f"{content.get('evalue')} {''.join(outputs)[-300:]}")

    def call(self, code: str, *, what: str) -> None:
        """Run code in the kernel between reports; replace the kernel if it died doing so.

        Raises
        ------
        ReportError
            If the code raised (the kernel is kept) or the kernel died or hung (it is
            replaced).
        """
        try:
            self.run_code(code, what=what, timeout=self.timeout)
        except ReportError:
            raise
        except Exception as err:  # the kernel died, hung or stopped answering
            raise self._replaced(err, f"{what}: ") from err

    def _replaced(self, err: Exception, prefix: str = "") -> ReportError:
        """Replace a kernel that died, hung or stopped answering; the error to raise."""
        tail = self._stderr_tail()
        try:
            self.restart()
        except Exception as again:
            log.warning("could not restart the kernel: %s", again)
        return ReportError(f"{prefix}the kernel failed ({type(err).__name__}: {err}); "
                           f"{tail}".strip("; "))

    def execute(self, notebook: str | Path, output: str | Path, parameters: dict, *,
                cwd: str | Path | None = None) -> nbformat.NotebookNode:
        """Reset the kernel, then run ``notebook`` with papermill and write ``output``.

        Returns
        -------
        nbformat.NotebookNode
            The executed notebook, as papermill wrote it to ``output``.

        Raises
        ------
        papermill.PapermillExecutionError
            If a cell raised; papermill has written ``output`` with the error banner.
        ReportError
            If the kernel died or a cell timed out; the kernel has been replaced.
        """
        register_engine()
        self.wait()
        cwd = str(Path(cwd).resolve()) if cwd is not None else os.getcwd()
        if self.single_use:
            if self._used:
                raise RuntimeError("a single-use KernelWorker runs one notebook")
            self._used = True
        try:
            if self.single_use:  # as papermill's cwd= does, binding no name
                self.run_code(f"__import__('os').chdir({cwd!r})", what="chdir")
            else:
                self.run_code(f"__import__('sgnet._kernel', fromlist=['_']).reset({cwd!r})",
                          what="kernel reset")
            return pm.execute_notebook(
                str(notebook), str(output), parameters=parameters, engine_name=ENGINE_NAME,
                kernel_name=self.kernel_name, progress_bar=False, log_output=False,
                request_save_on_cell_execute=self.single_use, execution_timeout=self.timeout,
                start_timeout=self.startup_timeout, worker=self,
            )
        except pm.PapermillExecutionError:
            raise
        except Exception as err:  # the kernel died, hung or stopped answering
            raise self._replaced(err) from err
