"""How a validated dataset reaches a report notebook: a handle that :func:`sgnet.load` resolves.

The process that plans reports (:mod:`sgnet.plan`) loads and checks the data once. It then
*publishes* the :class:`~sgnet.dataset.Dataset`: the dataset is pickled into a file of the
user's own hand-over folder, and the report's papermill parameters carry, beside ``data`` (the
path, as always), a ``handle``: the content fingerprint of the data files and of sgnet's code
(:func:`handle_for`). The notebook calls::

    ds = sgnet.load(data, errors=errors, handle=handle)

and :func:`sgnet.load` returns the published dataset when a file for that handle exists (read
once per process: a kept kernel reads it for its first report and hands each later report a
copy), or loads ``data`` from disk as usual when none does. So the same notebook run by hand in
JupyterLab, with the same parameters, gives the same outputs; nothing in the kernel is
rebound.

The hand-over folder is ``$SGNET_HANDOVER_DIR``, else ``<tmp>/sgnet-handover-<uid>``; it is
the user's alone (mode 0700) and so is every file in it (0600), since a dataset holds names of
people. A file is removed when its run ends; files of a process that no longer runs (killed)
are removed by the next run.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
import secrets
import tempfile
from pathlib import Path

from .dataset import Dataset
from .errors import SgnetError

__all__ = ["Handover", "fingerprint", "handle_for", "handover_dir", "publish", "resolve",
           "running"]

#: datasets resolved in this process: handle -> (errors, dataset); a kept kernel's reports
#: reuse the first read (at most two datasets are kept)
_RESOLVED: dict[str, tuple[str, Dataset]] = {}
_KEEP = 2


def fingerprint(path: str | Path) -> str:
    """The content fingerprint of a dataset: a hash of its files' names and bytes.

    A folder's fingerprint covers its ``.csv`` files; a workbook's, the file. Moving or
    renaming the folder keeps it; editing any byte of any table changes it.

    Examples
    --------
    >>> import sgnet.paths
    >>> len(fingerprint(sgnet.paths.SAMPLE_DATA))
    32
    """
    path = Path(path)
    files = ([path] if path.is_file() else
             sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file()))
    h = hashlib.blake2b(digest_size=16)
    for f in files:
        h.update(f.name.encode() + b"\0")
        with f.open("rb") as fh:
            h.update(hashlib.file_digest(fh, "blake2b").digest())
    return h.hexdigest()


@functools.cache
def _code() -> str:
    """A hash of sgnet's own code: a dataset pickled by other code is never handed over."""
    h = hashlib.blake2b(digest_size=8)
    for f in sorted(Path(__file__).parent.glob("*.py")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def handle_for(data_fingerprint: str) -> str:
    """The hand-over handle of a dataset: its content :func:`fingerprint` and this sgnet's
    code, so that two versions of sgnet (two checkouts, an upgrade) never read each other's
    pickles.

    Examples
    --------
    >>> h = handle_for("0" * 32)
    >>> h.startswith("0" * 32 + "-"), len(h)
    (True, 49)
    """
    return f"{data_fingerprint}-{_code()}"


def handover_dir() -> Path:
    """The user's own hand-over folder, created with mode 0700 (see the module docstring).

    Raises
    ------
    SgnetError
        If the folder exists but belongs to another user or others may read it.
    """
    env = os.environ.get("SGNET_HANDOVER_DIR")
    folder = (Path(env) if env else
              Path(tempfile.gettempdir()) / f"sgnet-handover-{os.getuid()}")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = folder.stat()
    if st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise SgnetError(f"the hand-over folder {folder} must belong to you alone "
                         "(mode 0700); remove it or set SGNET_HANDOVER_DIR")
    return folder


def running(pid: int) -> bool:
    """Whether a process ``pid`` runs: a file named for it is no orphan.

    Examples
    --------
    >>> import os
    >>> running(os.getpid())
    True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - not ours, but running
        return True
    return True


def _remove_orphans(folder: Path) -> None:
    """Remove the files of processes that ended without removing them (killed)."""
    for f in folder.glob("*.pickle"):
        try:
            pid = int(f.name.split(".")[1].split("-")[0])
        except (IndexError, ValueError):
            continue
        if not running(pid):
            f.unlink(missing_ok=True)


@dataclasses.dataclass
class Handover:
    """A published dataset: its ``handle`` for the notebook, and the file that holds it.

    Use it as a context manager, or call :meth:`close`, to remove the file.
    """

    handle: str
    file: Path

    def close(self) -> None:
        """Remove the file (the handle then resolves to nothing)."""
        self.file.unlink(missing_ok=True)

    def __enter__(self) -> Handover:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def publish(ds: Dataset | bytes, handle: str, *, errors: str = "raise") -> Handover:
    """Write ``ds`` (or its pickle, as :func:`payload` makes it) for the handle ``handle``.

    Parameters
    ----------
    ds : Dataset or bytes
        The dataset, or the bytes of ``pickle.dumps((errors, ds))`` (what a Dask worker
        receives).
    handle : str
        The dataset's :func:`fingerprint`.
    errors : {"raise", "drop"}
        How the dataset was loaded; a notebook asking for the other gets nothing from it.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load()
    >>> with publish(ds, "0123abcd") as h:
    ...     resolve("0123abcd") is not None, resolve("0123abcd", errors="drop")
    (True, None)
    """
    folder = handover_dir()
    _remove_orphans(folder)
    data = ds if isinstance(ds, bytes) else payload(ds, errors=errors)
    target = folder / f"{handle}.{os.getpid()}-{secrets.token_hex(4)}.pickle"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return Handover(handle, target)


def payload(ds: Dataset, *, errors: str = "raise") -> bytes:
    """The bytes :func:`publish` writes: ``pickle.dumps((errors, ds))``."""
    return pickle.dumps((errors, ds), protocol=pickle.HIGHEST_PROTOCOL)


def _copy(ds: Dataset) -> Dataset:
    tables = {name: frame.copy(deep=True) for name, frame in ds.tables.items()}
    return dataclasses.replace(ds, problems=ds.problems.copy(deep=True), **tables)


def resolve(handle: str, *, errors: str = "raise") -> Dataset | None:
    """The dataset published under ``handle`` (a copy of it), or ``None`` when there is none.

    The first call in a process reads the file; later calls copy what it read.
    """
    found = _RESOLVED.get(handle)
    if found is None:
        try:
            files = sorted(handover_dir().glob(f"{handle}.*.pickle"))
        except (OSError, SgnetError):
            return None
        for f in files:
            try:
                with f.open("rb") as fh:
                    found = pickle.load(fh)
                break
            except (OSError, EOFError, pickle.UnpicklingError):  # removed meanwhile, cut
                continue
        if found is None:
            return None
        while len(_RESOLVED) >= _KEEP:
            _RESOLVED.pop(next(iter(_RESOLVED)))
        _RESOLVED[handle] = found
    mode, ds = found
    return _copy(ds) if mode == errors else None
