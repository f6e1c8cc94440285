"""Figures: plain functions that take a Dataset or a metrics table and draw on an Axes.

Each function takes ``ax=None`` (falls back to ``plt.gca()``) and returns the Axes it drew
on; the caller saves or shows the figure. Chinese labels render through Noto Sans CJK SC,
shipped by the ``mplfonts`` package and registered by :func:`use_cjk_font`.
"""

from __future__ import annotations

import functools
import importlib.resources
import textwrap

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from .dataset import Dataset
from .metrics import monthly
from .vocab import ACTIVITY_KINDS
from .words import kind_label
from .words import word as label

__all__ = ["use_cjk_font", "CJK_FONT", "monthly_activity", "target_progress",
           "target_progress_figure", "wrap_label", "PROGRESS_CAP", "KIND_COLORS"]

CJK_FONT = "Noto Sans CJK SC"

#: one stable color per activity kind, so figures of different reports agree
KIND_COLORS: dict[str, str] = dict(zip(ACTIVITY_KINDS, [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#aec7e8", "#17becf",  # stay: #aec7e8
], strict=True))


@functools.cache
def use_cjk_font() -> str:
    """Register the CJK font shipped by ``mplfonts`` and make it matplotlib's sans-serif.

    It also turns matplotlib's TeX off (``text.parse_math``): labels are names from data
    files, and a name with dollar signs (``罗城$x^2$``) is text, not math that fails to parse
    or renders as a formula.

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
    mpl.rcParams["text.parse_math"] = False  # names from data are text, never TeX
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
    >>> fig, ax = plt.subplots()
    >>> ax = monthly_activity(sgnet.load().select(period="2022"), ax=ax)
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


def wrap_label(text: str, width: int = 14, lines: int = 5) -> str:
    r"""Break a label into lines of at most ``width`` characters, and at most ``lines`` lines.

    Chinese text breaks anywhere; English text breaks at spaces. A name longer than the
    lines can hold (a 300-character name typed in the wrong column) is cut short with "…",
    so one name cannot stretch a figure to thousands of pixels; the report's tables keep it
    whole.

    Examples
    --------
    >>> print(wrap_label("PR01 深圳市南山区睿心社会工作服务中心→都安瑶族自治县", 12))
    PR01 深圳市南山区睿
    心社会工作服务中心→都安
    瑶族自治县
    >>> wrap_label("Individual supervision", 12).split()
    ['Individual', 'supervision']
    >>> wrap_label("长" * 100, 10, lines=2)
    '长长长长长长长长长长\n长长长长长长长长长…'
    """
    if text.isascii():
        rows = textwrap.wrap(text, width) or [text]
    else:
        rows, line = [], ""
        for ch in text:
            if len(line) >= width:
                rows.append(line)
                line = ""
            line += ch
        rows.append(line)
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][:width - 1] + "…"
    return "\n".join(rows)


#: bars longer than this share of the target (%) are cut, with their value written
PROGRESS_CAP = 150


def target_progress(progress: pd.DataFrame, *, metric: str = "training", lang: str = "zh",
                    ax: Axes | None = None, cap: float = PROGRESS_CAP) -> Axes:
    """Horizontal bars: year-to-date share of the annual target per pairing, for one metric.

    Parameters
    ----------
    progress : pandas.DataFrame
        The result of :func:`sgnet.metrics.progress`.
    metric : str
        Which target to show (an activity kind or ``<kind>_participants``).
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional
    cap : float
        Bars beyond ``cap`` percent are drawn to ``cap`` with a break mark.

    Returns
    -------
    matplotlib.axes.Axes
        Bars are green when on track or done, red when behind; a dashed line marks the
        pro-rated expectation (share of the year elapsed). Every bar has its value written
        at its end; labels are the pairing with its mentor and mentee, wrapped, not cut.

    Examples
    --------
    >>> p = pd.DataFrame({"pairing_id": ["P1"], "mentor": ["甲"], "mentee": ["乙"],
    ...                   "metric": ["training"], "target": [4.0], "expected": [2.0],
    ...                   "share": [2.12], "status": ["done"]})
    >>> fig, ax = plt.subplots()
    >>> ax = target_progress(p, ax=ax)
    >>> [t.get_text() for t in ax.texts]
    ['212%']
    """
    ax = _axes(ax)
    rows = progress[progress["metric"] == metric].sort_values("pairing_id", ascending=False)
    labels = [wrap_label(f"{p} {m}→{e}") for p, m, e in zip(rows["pairing_id"], rows["mentor"],
                                                            rows["mentee"], strict=True)]
    colors = ["#d62728" if s == "behind" else "#2ca02c" for s in rows["status"]]
    shares = (rows["share"] * 100).to_numpy()
    y = list(range(len(rows)))
    ax.barh(y, [min(v, cap) for v in shares], color=colors, height=0.6)
    ax.set_yticks(y, labels)
    for yi, v in zip(y, shares, strict=True):
        shown = min(v, cap)
        if v > cap:  # a white break mark near the end of a cut bar
            ax.plot([cap - 9, cap - 5], [yi - 0.32, yi + 0.32], color="white", linewidth=2.5)
        ax.text(shown + 2, yi, f"{v:.0f}%", va="center", fontsize=8,
                fontweight="bold" if v > cap else "normal")
    if len(rows):
        expected = float((rows["expected"] / rows["target"].where(rows["target"] > 0)).max())
        ax.axvline(expected * 100, color="#555", linestyle="--", linewidth=1,
                   label=label("expected", lang))
    ax.axvline(100, color="#222", linewidth=1)
    ax.set_xlim(0, cap + 25)
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
    ax.set_xlabel(f"{label('share', lang)} (%)")
    ax.set_title(wrap_label(label("plot.progress_title", lang, what=kind_label(metric, lang)),
                            24 if lang == "zh" else 48), fontsize=10)
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def target_progress_figure(progress: pd.DataFrame, *, metrics: tuple[str, ...] = ("training",),
                           lang: str = "zh", cap: float = PROGRESS_CAP) -> Figure:
    """One :func:`target_progress` panel per metric, sized for the number of pairings.

    One pairing gives a short figure with a single slim bar; many give a tall one. The
    legend sits below the panels, never over a bar.

    Examples
    --------
    >>> p = pd.DataFrame({"pairing_id": ["P1"], "mentor": ["甲"], "mentee": ["乙"],
    ...                   "metric": ["training"], "target": [4.0], "expected": [2.0],
    ...                   "share": [0.5], "status": ["on_track"]})
    >>> fig = target_progress_figure(p, metrics=("training", "station_visit"))
    >>> len(fig.axes), round(float(fig.get_figheight()), 1)
    (2, 2.1)
    """
    use_cjk_font()
    n = max([int((progress["metric"] == m).sum()) for m in metrics] + [1])
    lines = max([wrap_label(f"{p} {a}→{b}").count("\n") + 1 for p, a, b in
                 zip(progress["pairing_id"], progress["mentor"], progress["mentee"],
                     strict=True)] + [1])
    height = 1.6 + n * max(0.5, 0.3 * lines)
    fig, axes = plt.subplots(1, len(metrics), figsize=(12, height), squeeze=False)
    for metric, ax in zip(metrics, axes[0], strict=True):
        target_progress(progress, metric=metric, lang=lang, ax=ax, cap=cap)
    handles = [Patch(color="#2ca02c", label=label("on_track", lang) + " / " + label("done", lang)),
               Patch(color="#d62728", label=label("behind", lang)),
               Line2D([], [], color="#555", linestyle="--", label=label("expected", lang))]
    fig.legend(handles=handles, loc="lower center", ncols=3, frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 0.0))
    # the note sits 2 points above the figure's lower edge, so that no glyph touches it
    fig.text(0.99, 0.0, label("plot.capped", lang, cap=f"{cap:.0f}"), ha="right", va="bottom",
             fontsize=7, color="#666",
             transform=fig.transFigure + ScaledTranslation(0, 2 / 72, fig.dpi_scale_trans))
    # laid out when drawn, in the one draw that renders it (sgnet.figpng)
    fig.set_layout_engine("tight", rect=(0, 0.12 if height < 3 else 0.06, 1, 1))
    return fig
