"""Exploring in JupyterLab: the main figures of a selection, and a picker that redraws them.

``notebooks/explore.ipynb`` calls these. :func:`overview` draws from plain arguments, so the
notebook runs under papermill from its parameters alone; :func:`picker` adds period and region
drop-downs (ipywidgets, the ``[lab]`` extra) that redraw the overview in JupyterLab.
"""

from __future__ import annotations

import logging

from matplotlib.figure import Figure

from . import metrics, plots
from .dataset import Dataset
from .periods import Period, parse_period
from .plan import default_period
from .regions import region_name
from .words import word

__all__ = ["period_choices", "region_choices", "overview", "picker"]

log = logging.getLogger(__name__)


def period_choices(ds: Dataset) -> list[str]:
    """The years and quarters that have activity, newest first.

    Examples
    --------
    >>> import sgnet
    >>> period_choices(sgnet.load())[:3]
    ['2023', '2023Q4', '2023Q3']
    """
    dates = ds.activities["start_date"].dropna()
    quarters = sorted(dates.dt.to_period("Q").astype(str).unique(), reverse=True)
    years = sorted({q[:4] for q in quarters}, reverse=True)
    return [p for y in years for p in [y, *[q for q in quarters if q.startswith(y)]]]


def region_choices(ds: Dataset, *, lang: str = "zh") -> list[tuple[str, str | None]]:
    """(label, code) of every province with activity, after an "all" choice with code None.

    Examples
    --------
    >>> import sgnet
    >>> region_choices(sgnet.load())[:2]
    [('全部', None), ('广东省 440000', '440000')]
    """
    codes = sorted({str(c)[:2] + "0000" for c in ds.activities["region"].dropna()})
    everything = word("all", lang)
    return [(everything, None)] + [(f"{region_name(c, full=True)} {c}", c) for c in codes]


def overview(ds: Dataset, *, period: str | Period | None = None, region: str | None = None,
             lang: str = "zh") -> Figure:
    """The main figures of a selection: activity per month, and progress against targets.

    Parameters
    ----------
    ds : Dataset
        The whole dataset (targets are yearly, so progress needs the year to date).
    period : str or Period, optional
        Default: the latest full quarter with activity.
    region : str, optional
        A region code at any level or a place name; default all.
    lang : {"zh", "en"}

    Returns
    -------
    matplotlib.figure.Figure
        Three panels, not registered with pyplot: a notebook shows it once, as the value
        of its cell.

    Examples
    --------
    >>> import sgnet
    >>> fig = overview(sgnet.load(), period="2022Q4", region="450000")
    >>> len(fig.axes), fig._suptitle.get_text()
    (3, '2022Q4 · 广西壮族自治区')
    """
    p = parse_period(period) if period is not None else default_period(ds)
    scope = ds.select(region=region)
    progress = metrics.progress(scope, p)
    fig = Figure(figsize=(15, max(3.5, 0.3 * len(scope.pairings) + 1.5)), layout="constrained")
    axes = fig.subplots(1, 3, width_ratios=[1.3, 1, 1])
    plots.monthly_activity(scope.select(period=p), lang=lang, ax=axes[0])
    plots.target_progress(progress, metric="training", lang=lang, ax=axes[1])
    plots.target_progress(progress, metric="station_visit", lang=lang, ax=axes[2])
    where = region_name(scope.region, full=True) if scope.region else word("all", lang)
    fig.suptitle(f"{p.label} · {where}")
    return fig


def picker(ds: Dataset, *, period: str | None = None, region: str | None = None,
           lang: str = "zh"):
    """Period and region drop-downs that redraw :func:`overview` (in JupyterLab).

    Parameters
    ----------
    ds : Dataset
    period, region : str, optional
        The initial choice (e.g. the notebook's parameters).
    lang : {"zh", "en"}

    Returns
    -------
    ipywidgets.HBox or None
        The two drop-downs, already displayed above the figure; ``.result`` is the figure
        last drawn. None, with a note, when ipywidgets is not installed
        (``pip install "sgnet[lab]"``).

    Examples
    --------
    In a notebook cell (needs ipywidgets)::

        choice = explore.picker(sgnet.load(), period="2022Q4", region="450000")
    """
    try:
        import ipywidgets as widgets
        from IPython.display import DisplayHandle, display
    except ImportError:
        print("The period/region picker needs ipywidgets: pip install \"sgnet[lab]\"")
        return None
    # as text, as the drop-downs hold them: papermill passes `-p period 2023` as a number
    period = period.label if isinstance(period, Period) else period
    period, region = (None if v is None else str(v) for v in (period, region))
    periods = period_choices(ds)
    if period is not None and str(period) not in periods:
        periods.insert(0, str(period))
    regions = region_choices(ds, lang=lang)
    if region is not None and region not in [code for _, code in regions]:
        regions.insert(1, (region, region))

    words = (word("explore.period", lang), word("explore.region", lang))
    period_box = widgets.Dropdown(options=periods, value=period or periods[0],
                                  description=words[0])
    region_box = widgets.Dropdown(options=regions, value=region, description=words[1])
    box = widgets.HBox([period_box, region_box])
    # The figure is a plain display output updated in place (display_id), not an Output
    # widget: capturing output into widgets while a cell runs hangs nbclient at times, and
    # under papermill the picker must run from its parameters alone.
    box.result = overview(ds, period=period_box.value, region=region_box.value, lang=lang)
    display(box)
    handle = DisplayHandle()
    handle.display(box.result)

    def redraw(_change: object = None) -> None:
        box.result = overview(ds, period=period_box.value, region=region_box.value, lang=lang)
        handle.update(box.result)

    period_box.observe(redraw, names="value")
    region_box.observe(redraw, names="value")
    return box
