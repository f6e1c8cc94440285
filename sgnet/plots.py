"""Figures: plain functions that take a Dataset or a metrics table and draw on an Axes.

Each function takes ``ax=None`` (falls back to ``plt.gca()``) and returns the Axes it drew
on; the caller saves or shows the figure. Chinese labels render through Noto Sans CJK SC,
shipped by the ``mplfonts`` package and registered by :func:`use_cjk_font`.
"""

from __future__ import annotations

import functools
import importlib.resources

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.font_manager import fontManager

from .dataset import Dataset
from .metrics import monthly
from .vocab import ACTIVITY_KINDS
from .words import kind_label
from .words import word as label

__all__ = ["use_cjk_font", "CJK_FONT", "monthly_activity", "target_progress", "KIND_COLORS"]

CJK_FONT = "Noto Sans CJK SC"

#: one stable color per activity kind, so figures of different reports agree
KIND_COLORS: dict[str, str] = dict(zip(ACTIVITY_KINDS, [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#aec7e8", "#17becf",  # stay: #aec7e8
], strict=True))


@functools.cache
def use_cjk_font() -> str:
    """Register the CJK font shipped by ``mplfonts`` and make it matplotlib's sans-serif.

    Returns
    -------
    str
        The family name now first in ``font.sans-serif``.

    Examples
    --------
    >>> use_cjk_font()
    'Noto Sans CJK SC'
    """
    path = str(importlib.resources.files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf")
    fontManager.addfont(path)
    # a system font of the same family (Debian's fonts-noto-cjk) would otherwise win the
    # tie in findfont: the shipped file goes first, so figures are the same on every machine
    fontManager.ttflist.sort(key=lambda f: f.fname != path)
    fontManager._findfont_cached.cache_clear()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [CJK_FONT, "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False
    mpl.rcParams["svg.hashsalt"] = "sgnet"
    return CJK_FONT


def _axes(ax: Axes | None) -> Axes:
    use_cjk_font()
    return ax if ax is not None else plt.gca()


def monthly_activity(ds: Dataset, *, column: str = "count", lang: str = "zh",
                     ax: Axes | None = None) -> Axes:
    """Stacked bars of activity per month, one color per activity kind.

    Parameters
    ----------
    ds : Dataset
        Selected to the months to show (every month of ``ds.period`` gets a bar).
    column : {"count", "participants"}
        What to sum.
    lang : {"zh", "en"}
        Language of the labels.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import sgnet
    >>> ax = monthly_activity(sgnet.load().select(period="2022"))
    >>> len(ax.get_xticklabels())
    12
    """
    ax = _axes(ax)
    table = monthly(ds, column=column)
    bottom = pd.Series(0, index=table.index)
    for kind in [k for k in ACTIVITY_KINDS if k in table.columns]:
        ax.bar(table.index, table[kind], bottom=bottom, label=kind_label(kind, lang),
               color=KIND_COLORS[kind], width=0.8)
        bottom = bottom + table[kind]
    ax.set_xticks(range(len(table.index)), list(table.index), rotation=45, ha="right")
    ax.set_xlabel(label("month", lang))
    ax.set_ylabel(label(column, lang))
    ax.set_title(label("plot.monthly_title", lang))
    if len(table.columns):
        ax.legend(fontsize=8, ncols=2, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def target_progress(progress: pd.DataFrame, *, metric: str = "training", lang: str = "zh",
                    ax: Axes | None = None) -> Axes:
    """Horizontal bars: year-to-date share of the annual target per pairing, for one metric.

    Parameters
    ----------
    progress : pandas.DataFrame
        The result of :func:`sgnet.metrics.progress`.
    metric : str
        Which target to show (an activity kind or ``<kind>_participants``).
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Bars are green when on track or done, red when behind; a dashed line marks the
        pro-rated expectation (share of the year elapsed).
    """
    ax = _axes(ax)
    rows = progress[progress["metric"] == metric].sort_values("pairing_id", ascending=False)
    labels = [f"{p} {m}→{e}" for p, m, e in zip(rows["pairing_id"], rows["mentor"].str[:6],
                                                 rows["mentee"].str[:6], strict=True)]
    colors = ["#d62728" if s == "behind" else "#2ca02c" for s in rows["status"]]
    ax.barh(labels, (rows["share"] * 100).clip(upper=150), color=colors)
    if len(rows):
        expected = float((rows["expected"] / rows["target"].where(rows["target"] > 0)).max())
        ax.axvline(expected * 100, color="#555", linestyle="--", linewidth=1,
                   label=label("expected", lang))
        ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.axvline(100, color="#222", linewidth=1)
    ax.set_xlabel(f"{label('share', lang)} (%)")
    what = kind_label(metric, lang)
    ax.set_title(label("plot.progress_title", lang, what=what))
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
