"""A cache of parsed, validated tables, keyed by the content of the source files.

Loading a national dataset (a million activities) parses and checks every cell; loading it
again with the same files need not. :func:`sgnet.load` and :func:`sgnet.validate` look here
first for datasets of at least :data:`MIN_BYTES`: the typed tables are stored as Parquet files
(and the problems found as JSON) under a key that hashes the bytes of every source file, the
sgnet code that parses them and the versions of pandas and pyarrow, so an edited file, a new
sgnet or a new pandas gives a new key and never a stale answer.

The cache lives in ``$SGNET_CACHE_DIR``, else ``$XDG_CACHE_HOME/sgnet``, else
``~/.cache/sgnet``; never inside the data folder. ``SGNET_CACHE=0`` turns it off. Entries are
written to a temporary folder and renamed into place, so a failed write leaves no entry.
:func:`sgnet.load` writes an entry in a background thread, while the caller goes on with the
tables (Python waits for the thread before it exits); :func:`wait` waits for it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.parquet

__all__ = ["cache_dir", "cache_key", "enabled", "lookup", "store", "wait", "MIN_BYTES"]

log = logging.getLogger(__name__)

#: datasets smaller than this (total bytes of their files) are not cached: parsing is cheap
MIN_BYTES = 8 * 1024 * 1024
_FORMAT = "1"
#: the sgnet code that reads, parses and checks a dataset: a change to it gives a new key
_CODE = ("io.py", "read.py", "parse.py", "checks.py", "problems.py", "schema.py", "vocab.py",
         "regions.py", "cache.py", "__init__.py", "headers.py", "sheets.py", "values.py")
#: entries being written in the background, by key
_writing: dict[str, threading.Thread] = {}
_writing_lock = threading.Lock()


def cache_dir() -> Path:
    """Where cached tables live (see the module docstring).

    Examples
    --------
    >>> import os
    >>> before = os.environ.get("SGNET_CACHE_DIR")
    >>> os.environ["SGNET_CACHE_DIR"] = "/srv/sgnet-cache"
    >>> str(cache_dir())
    '/srv/sgnet-cache'
    >>> _ = os.environ.pop("SGNET_CACHE_DIR") if before is None else os.environ.update(
    ...     SGNET_CACHE_DIR=before)
    """
    if env := os.environ.get("SGNET_CACHE_DIR"):
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sgnet"


def enabled() -> bool:
    """Whether the cache is on (``SGNET_CACHE`` is not ``0``, ``false``, ``no`` or ``off``)."""
    return os.environ.get("SGNET_CACHE", "1").strip().lower() not in ("0", "false", "no", "off")


def _sources(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())


def cache_key(path: str | Path) -> str | None:
    """The content key of a dataset, or ``None`` when it is too small to be worth caching.

    The key hashes the name and bytes of every source file (every .csv of a folder, or the
    workbook), sgnet's parsing code and the versions of pandas and pyarrow.
    """
    path = Path(path)
    if not path.exists():
        return None
    files = _sources(path)
    if sum(f.stat().st_size for f in files) < MIN_BYTES:
        return None
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{_FORMAT}|{pd.__version__}|{pyarrow.__version__}".encode())
    here = Path(__file__).parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    for f in files:
        h.update(f.name.encode() + b"\0")
        with f.open("rb") as fh:
            h.update(hashlib.file_digest(fh, "blake2b").digest())
    return h.hexdigest()


def lookup(path: str | Path, key: str | None = None
           ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, dict[str, str]] | None:
    """Cached ``(tables, problems, files)`` of a dataset, or ``None`` (disabled, small, miss).

    ``key`` is the dataset's :func:`cache_key`, when the caller has it already.
    """
    if not enabled():
        return None
    key = key or cache_key(path)
    if key is None:
        return None
    with _writing_lock:
        pending = _writing.get(key)
    if pending is not None:  # this very entry is being written: wait for it
        pending.join()
    entry = cache_dir() / key
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        tables = {name: pd.read_parquet(entry / f"{name}.parquet") for name in meta["tables"]}
        problems = pd.DataFrame(meta["problems"], columns=meta["problem_columns"])
        problems["row"] = problems["row"].astype("Int64")
    except (OSError, ValueError, KeyError) as err:
        if (entry / "meta.json").exists():
            log.warning("ignoring a damaged sgnet cache entry %s (%s)", entry, err)
        return None
    log.info("loaded %s from the cache %s", path, entry)
    return tables, problems, meta["files"]


def store(path: str | Path, tables: dict[str, pd.DataFrame], problems: pd.DataFrame,
          files: dict[str, str], *, key: str | None = None,
          background: bool = False) -> Path | None:
    """Store parsed tables of a dataset; returns the entry (``None`` when not cached).

    ``key`` is the dataset's :func:`cache_key`, when the caller has it already. With
    ``background=True`` the entry is written by a thread and this returns at once (see
    :func:`wait`). Failing to write (a full disk, a read-only home) only logs a warning.
    """
    if not enabled():
        return None
    key = key or cache_key(path)
    if key is None:
        return None
    entry = cache_dir() / key
    if entry.exists():
        return entry
    if not background:
        return _write(path, entry, tables, problems, files)
    with _writing_lock:
        if key in _writing:
            return entry
        thread = threading.Thread(target=_write_then_forget, name="sgnet-cache-write",
                                  args=(key, path, entry, tables, problems, files))
        _writing[key] = thread
        thread.start()
    return entry


def wait() -> None:
    """Wait for the cache entries being written in the background.

    Examples
    --------
    >>> wait()  # nothing pending: returns at once
    """
    with _writing_lock:
        threads = list(_writing.values())
    for thread in threads:
        thread.join()


def _remove_stale(root: Path, age: float = 86400.0) -> None:
    """Remove half-written entries a day old (left by a process that was killed)."""
    now = time.time()
    for tmp in root.glob(".tmp-*"):
        try:
            if now - tmp.stat().st_mtime > age:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            continue


def _write_then_forget(key: str, *args) -> None:
    try:
        _write(*args)
    finally:
        with _writing_lock:
            _writing.pop(key, None)


def _write(path: str | Path, entry: Path, tables: dict[str, pd.DataFrame],
           problems: pd.DataFrame, files: dict[str, str]) -> Path | None:
    root = entry.parent
    try:
        root.mkdir(parents=True, exist_ok=True)
        _remove_stale(root)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        for name, table in tables.items():
            # what DataFrame.to_parquet does, but converting on this thread: pandas' way
            # uses a Python thread pool, which refuses work once the interpreter is exiting,
            # and a background write may still be running then (Python waits for it)
            arrow = pyarrow.Table.from_pandas(table, nthreads=1)
            pyarrow.parquet.write_table(arrow, tmp / f"{name}.parquet")
        records = problems.astype(object).where(problems.notna(), None).to_dict("split")
        meta = {"source": str(path), "tables": list(tables), "files": files,
                "problem_columns": list(problems.columns), "problems": records["data"]}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, default=str),
                                       encoding="utf-8")
        os.replace(tmp, entry)
    except OSError as err:
        if "tmp" in locals():
            shutil.rmtree(tmp, ignore_errors=True)
        if entry.exists():  # another process stored the same entry first
            return entry
        log.warning("could not write the sgnet cache %s (%s)", entry, err)
        return None
    return entry
