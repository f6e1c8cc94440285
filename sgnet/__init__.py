"""sgnet: track cross-region social-work mentoring programs (牵手计划).

Load a dataset, select a period, region or pairing, compute metrics, build the pairing
graph and render periodic reports::

    import sgnet
    ds = sgnet.load()                      # the bundled sample
    q4 = ds.select(period="2022Q4", region="450000")
    sgnet.metrics.headline(q4)
"""

from . import metrics
from .dataset import Dataset
from .errors import (
    DataFileError,
    PeriodError,
    ReportError,
    SgnetError,
    TableValidationError,
)
from .io import load, validate
from .periods import Period, parse_period

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Dataset",
    "DataFileError",
    "Period",
    "PeriodError",
    "ReportError",
    "SgnetError",
    "TableValidationError",
    "load",
    "metrics",
    "parse_period",
    "validate",
]
