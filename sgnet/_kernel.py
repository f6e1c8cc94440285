"""Code that runs *inside* a kept Jupyter kernel (see :mod:`sgnet.engine`); not a public API.

A kernel that runs one report after another must look to each report like a fresh kernel.
:func:`setup` records the state a fresh kernel has once the heavy modules are imported,
warms the caches that are pure (the modules themselves, matplotlib's font cache, the
validated dataset), and :func:`reset` puts every piece of state a notebook can change back
to that record before the next report:

- the IPython user namespace (``%reset -f``) and the execution counter (cells count from 1);
- matplotlib: open figures, ``rcParams``, the backend, the fonts registered with the font
  manager, and the inline backend's settings (``%config InlineBackend...``);
- sgnet's caches with side effects (:func:`sgnet.plots.use_cjk_font` sets ``rcParams``);
- pandas options, warning filters (and the "shown once" registries), logging's root logger,
  ``sys.path``, ``sys.stdout``/``stderr``, environment variables, the working directory and
  IPython event callbacks.

Modules a report imported stay imported: that is what makes the next report fast. Caches
that depend only on their arguments are kept; :func:`sgnet.load` is wrapped by a cache keyed
on the files' paths, sizes and modification times that hands each report its own deep copy.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import gc
import logging
import os
import sys
import warnings
from pathlib import Path

__all__: list[str] = []

_BASE: dict | None = None
_LOADS: dict = {}
_MAX_LOADS = 4
_PINNED: dict = {}  # (path as the parameters name it, errors) -> dataset handed over by a client


# --------------------------------------------------------------------------- load cache

def _signature(path: str | Path | None) -> tuple | None:
    """What identifies the content of a dataset on disk, or None when it cannot be read."""
    from .paths import SAMPLE_DATA

    p = Path(path) if path is not None else SAMPLE_DATA
    try:
        p = p.resolve()
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file())
            return (str(p), tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size)
                                  for f in files))
        st = p.stat()
        return (str(p), st.st_mtime_ns, st.st_size)
    except OSError:
        return None


def _copy_dataset(ds):
    tables = {name: frame.copy(deep=True) for name, frame in ds.tables.items()}
    return dataclasses.replace(ds, problems=ds.problems.copy(deep=True), **tables)


def _cached_load(original):
    @functools.wraps(original)
    def load(path=None, *, errors="raise"):
        pinned = _PINNED.get((str(path), errors)) if path is not None else None
        if pinned is not None:
            return _copy_dataset(pinned)
        key = _signature(path)
        if key is None:
            return original(path, errors=errors)
        key = (key, errors)
        if key not in _LOADS:
            if len(_LOADS) >= _MAX_LOADS:
                _LOADS.pop(next(iter(_LOADS)))
            _LOADS[key] = original(path, errors=errors)
        return _copy_dataset(_LOADS[key])

    load.__wrapped_by_sgnet__ = True
    return load


def _install_load_cache() -> None:
    import sgnet
    import sgnet.io

    if getattr(sgnet.io.load, "__wrapped_by_sgnet__", False):
        return
    cached = _cached_load(sgnet.io.load)
    sgnet.io.load = cached
    sgnet.load = cached


# --------------------------------------------------------------------------- snapshot

def _pandas_options() -> dict:
    import pandas as pd

    try:
        keys = list(pd._config.config._registered_options)
    except AttributeError:  # pragma: no cover - pandas moved its registry
        return {}
    values = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key in keys:
            try:
                values[key] = copy.copy(pd.get_option(key))
            except Exception:
                pass
    return values


def _inline_config() -> dict:
    try:
        from matplotlib_inline.config import InlineBackend
    except ImportError:  # pragma: no cover
        return {}
    cfg = InlineBackend.instance()
    return {name: copy.deepcopy(getattr(cfg, name))
            for name in ("figure_formats", "print_figure_kwargs", "close_figures", "rc")}


def _snapshot() -> dict:
    import matplotlib as mpl
    from IPython import get_ipython
    from matplotlib.font_manager import fontManager

    ip = get_ipython()
    return {
        "rc": mpl.rcParams.copy(),
        "backend": mpl.get_backend(),
        "ttflist": list(fontManager.ttflist),
        "afmlist": list(fontManager.afmlist),
        "inline": _inline_config(),
        "pandas": _pandas_options(),
        "warnings": list(warnings.filters),
        "showwarning": warnings.showwarning,
        "sys_path": list(sys.path),
        "stdout": sys.stdout,
        "stderr": sys.stderr,
        "environ": dict(os.environ),
        "log_handlers": list(logging.root.handlers),
        "log_level": logging.root.level,
        "events": {name: list(cbs) for name, cbs in ip.events.callbacks.items()} if ip else {},
    }


def setup(preload: list[str] | tuple[str, ...] = (), warm: bool = True) -> None:
    """Import what reports use, remember the fresh state, warm the caches, reset.

    Parameters
    ----------
    preload : list of str
        Dataset paths to load and validate now (once per kernel), for the reports to reuse.
    warm : bool
        Also draw one figure with Chinese labels, so the first report does not pay for
        matplotlib's first draw and font loading.
    """
    global _BASE
    import matplotlib.pyplot as plt  # activates the inline backend, as a report's import would
    import pandas  # noqa: F401
    from IPython.display import HTML, display  # noqa: F401

    import sgnet
    import sgnet.metrics
    import sgnet.plots
    import sgnet.report

    try:  # the report notebook also draws a map
        import sgnet.maps
    except ImportError:  # pragma: no cover
        pass
    if _BASE is None:
        _BASE = _snapshot()
    _install_load_cache()
    for path in preload:
        try:
            sgnet.load(path)
        except Exception:
            pass
    if warm:
        import io

        sgnet.plots.use_cjk_font()
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.bar(["培训", "督导"], [1, 2])
        ax.set_title("各月活动")
        fig.savefig(io.BytesIO(), format="png", dpi=110, bbox_inches="tight")
        plt.close(fig)
    reset(os.getcwd())
    # IPython's reset runs a full garbage collection; freezing what setup built (modules,
    # caches) keeps later collections to the objects of the report that just ran.
    gc.collect()
    gc.freeze()


# --------------------------------------------------------------------------- reset

def _restore_pandas(base: dict) -> None:
    import pandas as pd

    if not base:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, value in base.items():
            try:
                if pd.get_option(key) != value:
                    pd.set_option(key, value)
            except Exception:
                pass


def _restore_inline(base: dict) -> None:
    if not base:
        return
    from matplotlib_inline.config import InlineBackend

    cfg = InlineBackend.instance()
    for name, value in base.items():
        if getattr(cfg, name) != value:
            setattr(cfg, name, copy.deepcopy(value))


def reset(cwd: str) -> None:
    """Give the next report the state of a fresh kernel (see the module docstring)."""
    import matplotlib as mpl
    import matplotlib.pyplot as plt
    from IPython import get_ipython
    from matplotlib.font_manager import fontManager

    import sgnet.plots

    base = _BASE
    if base is None:
        raise RuntimeError("sgnet._kernel.setup() was not run in this kernel")
    ip = get_ipython()
    plt.close("all")
    if mpl.get_backend() != base["backend"]:
        plt.switch_backend(base["backend"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mpl.rcParams.update(base["rc"])
    if fontManager.ttflist != base["ttflist"] or fontManager.afmlist != base["afmlist"]:
        fontManager.ttflist[:] = base["ttflist"]
        fontManager.afmlist[:] = base["afmlist"]
        fontManager._findfont_cached.cache_clear()
    sgnet.plots.use_cjk_font.cache_clear()
    _restore_inline(base["inline"])
    _restore_pandas(base["pandas"])
    warnings.resetwarnings()  # also forgets which warnings were already shown once
    warnings.filters[:] = base["warnings"]
    warnings.showwarning = base["showwarning"]
    sys.path[:] = base["sys_path"]
    sys.stdout, sys.stderr = base["stdout"], base["stderr"]
    for key in set(os.environ) - set(base["environ"]):
        del os.environ[key]
    for key, value in base["environ"].items():
        if os.environ.get(key) != value:
            os.environ[key] = value
    logging.root.handlers[:] = base["log_handlers"]
    logging.root.setLevel(base["log_level"])
    os.chdir(cwd)
    if ip is not None:
        for name, callbacks in base["events"].items():
            ip.events.callbacks[name][:] = callbacks
        ip.reset(new_session=False)
        ip.execution_count = 1


def adopt(pickle_path: str, pin: bool = False) -> None:
    """Put a dataset loaded and validated by the parent process into the load cache.

    The file holds ``(signature, errors, dataset)``; a report calling :func:`sgnet.load` on
    the same, unchanged files then gets a copy of it instead of reading and validating again.
    With ``pin`` (a kernel on a Dask worker, which may not see the client's disk at all),
    :func:`sgnet.load` of the path the signature names returns this dataset whatever that
    path holds on this machine, until another dataset is pinned to the same path.
    """
    import pickle

    _install_load_cache()
    with open(pickle_path, "rb") as f:
        signature, errors, ds = pickle.load(f)
    if signature is not None:
        if pin:
            _PINNED.pop((signature[0], errors), None)
            while len(_PINNED) >= _MAX_LOADS:
                _PINNED.pop(next(iter(_PINNED)))
            _PINNED[(signature[0], errors)] = ds
        else:
            _LOADS[(signature, errors)] = ds
        gc.freeze()
