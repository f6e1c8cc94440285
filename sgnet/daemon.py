"""A kept kernel between ``sgnet report`` runs, as Quarto's ``--execute-daemon`` keeps one.

The first ``sgnet report`` starts a small background process, the daemon, that keeps one
Jupyter kernel with sgnet imported and its fonts and HTML templates warm
(:class:`~sgnet.kernel.KernelWorker`). Later reports of the same user hand it their options
(:func:`request_report`) and it runs the report as :func:`sgnet.report.run_report` does,
with its kept kernel as the runner (:class:`KeptRunner`), so the data is checked and the
report placed by the same code; the kernel is reset to a fresh
state before each report, as in a batch, so a report through the daemon is the same file as
one without it (the run date aside). After :data:`IDLE_SECONDS` without a report (or
``$SGNET_DAEMON_IDLE``), the daemon stops its kernel and exits by itself.

What is the user's alone: the daemon's folder (``$XDG_RUNTIME_DIR/sgnet`` or
``<tmp>/sgnet-daemon-<uid>``, mode 0700) holds its Unix socket and its address file (mode
0600, with a random key every client must prove it knows); the kernel listens on loopback
only, and its connection file is jupyter's, mode 0600. A daemon that crashed, hangs, runs
another sgnet or cannot be reached is replaced without a word to the user, and when no daemon
can be had the report runs on a fresh kernel, in the command's own process.
``sgnet report --no-daemon`` (or ``SGNET_DAEMON=0``) skips it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Client, Listener
from pathlib import Path

from .errors import ReportError, SgnetError
from .handover import Handover
from .paths import reports_dir
from .plan import REPORT_NOTEBOOK, Plan
from .report import ReportResult, run_report
from .runners import Rendered, failure_text
from .version import __version__

__all__ = ["IDLE_SECONDS", "daemon_dir", "request_report", "KeptRunner", "stop_daemon",
           "serve"]

log = logging.getLogger(__name__)

#: seconds a daemon waits for the next report before it stops (Quarto's default)
IDLE_SECONDS = 300.0
_START_SECONDS = 60.0  # a new daemon's kernel must be ready within this


def daemon_dir() -> Path:
    """The user's own folder for the daemon's socket and address (created mode 0700)."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = (Path(base) / "sgnet" if base and Path(base).is_dir()
              else Path(tempfile.gettempdir()) / f"sgnet-daemon-{os.getuid()}")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = folder.stat()
    if st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise ReportError(f"{folder} must belong to you alone (mode 0700)")
    return folder


def _address_file() -> Path:
    return daemon_dir() / "daemon.json"


def _read_address() -> dict | None:
    try:
        info = json.loads(_address_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def _ours(pid: object) -> bool:
    """Whether ``pid`` is a running sgnet daemon of this user (never any other process)."""
    try:
        pid = int(pid)
        if pid <= 1:
            return False
        proc = Path(f"/proc/{pid}")
        if proc.exists():  # Linux: check what it is before anything is sent to it
            if proc.stat().st_uid != os.getuid():
                return False
            return b"sgnet.daemon" in (proc / "cmdline").read_bytes()
        os.kill(pid, 0)  # elsewhere: at least alive, and signalable by us
    except (ValueError, TypeError, OSError):
        return False
    return True


def stop_daemon() -> bool:
    """Stop this user's daemon, if one runs; whether one did."""
    info = _read_address()
    _address_file().unlink(missing_ok=True)
    if info and _ours(info.get("pid")):
        os.kill(int(info["pid"]), signal.SIGTERM)
        return True
    return False


def _connect(timeout: float):
    """A connection to a live daemon of this sgnet, or None."""
    info = _read_address()
    if not info or info.get("sgnet") != __version__ or info.get("python") != sys.executable \
            or not _ours(info.get("pid")):
        return None
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = Client(info["socket"], family="AF_UNIX",
                          authkey=bytes.fromhex(info["key"]))
            conn.send(("ping", None))
            if conn.poll(timeout) and conn.recv() == ("pong", __version__):
                return conn
            conn.close()
            return None
        except (OSError, EOFError, ValueError):
            if time.monotonic() > deadline:
                return None
            time.sleep(0.1)


def _spawn() -> None:
    """Start a new daemon in its own session (it outlives this command)."""
    stale = _read_address()
    if stale and _ours(stale.get("pid")):
        try:
            os.kill(int(stale["pid"]), signal.SIGTERM)  # a hung or other-version daemon
        except OSError:
            pass
    _address_file().unlink(missing_ok=True)
    subprocess.Popen([sys.executable, "-m", "sgnet.daemon"], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, cwd=daemon_dir())


def request_report(**kwargs) -> ReportResult | None:
    """Have the user's daemon run :func:`sgnet.report.run_report` with ``kwargs``.

    Paths are made absolute and the output folder fixed here (the daemon runs elsewhere).
    Starts a daemon when none answers. Returns the :class:`~sgnet.report.ReportResult`, or
    raises what the report raised (a data problem, a failed cell); returns ``None`` when no
    daemon could be had, and the caller renders on a fresh kernel.
    """
    for key in ("data", "notebook"):
        if kwargs.get(key) is not None:
            kwargs[key] = Path(kwargs[key]).resolve()
    kwargs["out"] = Path(kwargs.get("out") or reports_dir()).resolve()
    kwargs["today"] = kwargs.get("today") or dt.date.today()
    kwargs.pop("on_progress", None)
    try:
        conn = _connect(timeout=2.0)
        if conn is None:
            _spawn()
            deadline = time.monotonic() + _START_SECONDS
            while conn is None and time.monotonic() < deadline:
                conn = _connect(timeout=2.0)  # the new daemon's kernel is booting
                if conn is None:
                    time.sleep(0.1)
        if conn is None:
            return None
        with conn:
            conn.send(("report", kwargs))
            ok, value = conn.recv()
    except (OSError, EOFError, ReportError) as err:  # gone, hung up, not ours: no daemon
        log.info("no sgnet daemon (%s): a fresh kernel renders the report", err)
        return None
    if not ok:
        raise value
    return value


class KeptRunner:
    """The daemon's runner: its one kept kernel, reset before each report."""

    def __init__(self, worker, *, notebook: str | Path | None = None,
                 timeout: float | None = 600):
        self.worker = worker
        self.notebook = Path(notebook) if notebook is not None else REPORT_NOTEBOOK
        self.timeout = timeout

    def start(self) -> None:
        """Nothing to start: the kernel is kept."""

    def run(self, plan: Plan, folder: Path, handover: Handover) -> Iterator[Rendered]:
        """Render the jobs one after another on the kept kernel."""
        from .render import render

        self.worker.timeout = self.timeout
        for job in plan.jobs:
            began = time.perf_counter()
            try:
                render(self.worker, job.parameters, folder, job.stem, notebook=self.notebook,
                       provenance=job.provenance, formats=plan.formats)
                yield Rendered(job, True, time.perf_counter() - began)
            except Exception as err:  # one bad report must not stop the daemon
                error = err if isinstance(err, ReportError) else ReportError(failure_text(err))
                yield Rendered(job, False, time.perf_counter() - began, error=error)

    def close(self) -> None:
        """Nothing to close: the kernel is kept for the next report."""


# --------------------------------------------------------------------------- the daemon

def serve(idle: float | None = None) -> None:
    """Run the daemon: keep a kernel, render the jobs clients send, stop when idle."""
    from .kernel import KernelWorker, register_engine

    idle = float(os.environ.get("SGNET_DAEMON_IDLE", idle or IDLE_SECONDS))
    folder = daemon_dir()
    socket_path = folder / f"daemon-{os.getpid()}.sock"
    key = secrets.token_bytes(32)
    worker = KernelWorker(warm=True)
    worker.start()
    register_engine()
    old_umask = os.umask(0o177)  # the socket file: mode 0600
    try:
        listener = Listener(str(socket_path), family="AF_UNIX", authkey=key)
    finally:
        os.umask(old_umask)
    info = {"pid": os.getpid(), "socket": str(socket_path), "key": key.hex(),
            "sgnet": __version__, "python": sys.executable,
            "kernel": worker.km.connection_file}  # jupyter's: mode 0600, loopback ports
    tmp = folder / f".daemon-{os.getpid()}.json"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(info, f)
    os.replace(tmp, _address_file())
    last = [time.monotonic()]
    done = threading.Event()

    def stop(*_):
        if done.is_set():
            return
        done.set()
        try:  # wake the accept() below: closing the listener alone may not
            Client(str(socket_path), family="AF_UNIX", authkey=key).close()
        except (OSError, EOFError):
            pass

    def watchdog():
        while not done.wait(1.0):
            if time.monotonic() - last[0] > idle:
                stop()

    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=stop).start())
    threading.Thread(target=watchdog, daemon=True).start()
    try:
        while not done.is_set():
            try:
                conn = listener.accept()
            except (OSError, EOFError):  # closed by stop(), or a client that failed the key
                continue
            with conn:
                _serve_one(conn, worker, last)
    finally:
        try:
            listener.close()
        except OSError:
            pass
        worker.close()
        socket_path.unlink(missing_ok=True)
        info_now = _read_address()
        if info_now and info_now.get("pid") == os.getpid():
            _address_file().unlink(missing_ok=True)


def _serve_one(conn, worker, last: list) -> None:
    while True:
        try:
            what, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        last[0] = time.monotonic()
        if what == "ping":
            conn.send(("pong", __version__))
            continue
        runner = KeptRunner(worker, notebook=kwargs.pop("notebook", None))
        try:
            conn.send((True, run_report(**kwargs, runner=runner)))
        except Exception as err:  # the report's error goes back to the command that asked
            conn.send((False, err if isinstance(err, SgnetError | ValueError | OSError)
                       else ReportError(failure_text(err))))
        last[0] = time.monotonic()


if __name__ == "__main__":  # python -m sgnet.daemon: started by DaemonRunner
    serve()
