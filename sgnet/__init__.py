"""sgnet: track cross-region social-work mentoring programs (牵手计划).

Load a dataset, select a period, region or pairing, compute metrics, build the pairing
graph and render periodic reports::

    import sgnet
    ds = sgnet.load()                      # the bundled sample
    q4 = ds.select(period="2022Q4", region="450000")
    sgnet.metrics.headline(q4)
    G = sgnet.graph.build(ds)

``import sgnet`` is quick: the public modules (``sgnet.graph``, ``sgnet.metrics``,
``sgnet.plots`` ...) and names (``sgnet.load``, ``sgnet.Dataset`` ...) are imported on
first use (PEP 562), so pandas and matplotlib load only when something needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import (
    DataFileError,
    PeriodError,
    RejectedRowsError,
    ReportError,
    SelectionError,
    SgnetError,
    TableValidationError,
)
from .version import __version__

#: public modules, reachable as ``sgnet.<name>`` after a bare ``import sgnet``
MODULES = (
    "audit", "cache", "dask_runner", "dataset", "errors", "explore", "extract", "graph",
    "handover", "io", "kernel", "maps", "markup", "metrics", "netplots", "network", "pages",
    "paths", "periods", "plan", "plots", "regions", "render", "report", "runners", "schema",
    "structure", "template", "vocab", "words", "reasons", "headers", "sheets", "values",
    "onsite", "measures", "sections", "export", "identity", "provenance", "approvals", "diff",
    "daemon", "parts", "tables", "summary", "docx_report", "webfont", "pdf", "county_map",
    "labels", "version",
)

#: public names of other modules, reachable as ``sgnet.<name>``: name -> module
_NAMES = {
    "Dataset": "dataset",
    "Period": "periods",
    "parse_period": "periods",
    "load": "io",
    "validate": "io",
    "run_report": "report",
    "run_batch": "report",
}

__all__ = [
    "__version__",
    "Dataset",
    "DataFileError",
    "Period",
    "PeriodError",
    "RejectedRowsError",
    "ReportError",
    "SelectionError",
    "SgnetError",
    "TableValidationError",
    "load",
    "parse_period",
    "run_batch",
    "run_report",
    "validate",
    *MODULES,
]

if TYPE_CHECKING:  # what the lazy attributes resolve to, for type checkers and editors
    from . import graph, metrics, network, plots  # noqa: F401
    from .dataset import Dataset
    from .io import load, validate
    from .periods import Period, parse_period
    from .report import run_batch, run_report


def __getattr__(name: str):
    """Import a public module or name on first use (``sgnet.graph``, ``sgnet.load``)."""
    if name in MODULES:
        module = importlib.import_module(f".{name}", __name__)
    elif name in _NAMES:
        module = getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'sgnet' has no attribute {name!r}")
    globals()[name] = module  # later lookups skip this function
    return module


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
