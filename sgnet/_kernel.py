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
that depend only on their arguments are kept. Nothing of sgnet is rebound here: the dataset
reaches each report through the hand-over handle in its parameters (:mod:`sgnet.handover`).
"""

from __future__ import annotations

import copy
import gc
import logging
import os
import sys
import warnings

__all__: list[str] = []

_BASE: dict | None = None


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


def setup(warm: bool = True) -> None:
    """Import what reports use, remember the fresh state, warm the caches, reset.

    Parameters
    ----------
    warm : bool
        Also draw one figure with Chinese labels, so the first report does not pay for
        matplotlib's first draw and font loading.
    """
    global _BASE
    import matplotlib.pyplot as plt  # activates the inline backend, as a report's import would
    import pandas  # noqa: F401
    from IPython.display import HTML, display  # noqa: F401

    import sgnet
    import sgnet.county_map
    import sgnet.figpng
    import sgnet.metrics
    import sgnet.pages
    import sgnet.parts
    import sgnet.plots
    import sgnet.render  # the exports run in this kernel too (docx, nbconvert)
    import sgnet.sections
    import sgnet.summary
    import sgnet.tables

    try:  # the report notebook also draws a map
        import sgnet.maps
    except ImportError:  # pragma: no cover
        pass
    if _BASE is None:
        _BASE = _snapshot()
    if warm:
        sgnet.plots.use_cjk_font()
        fig, ax = plt.subplots(figsize=(3, 2), layout="tight")
        ax.bar(["培训", "督导"], [1, 2])
        ax.set_title("各月活动")
        sgnet.figpng.figure_png(fig)  # as a report's figures are: drawn once
        plt.close(fig)
        # the exports run here too (sgnet.render.write_exports): compile the HTML
        # templates and cut the font's base before the first report needs them
        import sgnet.kernel
        import sgnet.webfont

        sgnet.kernel.prepare_export()
        sgnet.webfont.subset_woff2("培训")
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
