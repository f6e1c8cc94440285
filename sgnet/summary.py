"""The written summary (工作小结) of a report: plain sentences made from its figures.

Three short paragraphs a program officer can paste into a 自评报告: what was done in the
period, how it compares with the previous period (环比) and the same period a year before
(同比), and which pairings are behind their targets or recorded nothing. Every number in the
text is one the report shows (a headline card, a cell of the comparison or progress table,
the period's label): nothing is computed here but the choice of words.
"""

from __future__ import annotations

import pandas as pd

from .tables import number, percent_change
from .vocab import ACTIVITY_KINDS
from .words import kind_label, word

__all__ = ["DONE_ITEMS", "summary_paragraphs"]

#: the headline metrics the first paragraph names, in order, with their word keys
DONE_ITEMS: tuple[str, ...] = ("trainings", "people_trained", "individual_supervision",
                               "people_supervised", "group_supervision", "station_visits",
                               "household_visits")


_NAMED = 4  # up to this many pairings behind: each named with its activity kinds


def _metric_order(metric: str) -> tuple[int, bool]:
    """Target metrics in the order of the activity kinds, a kind's sessions before people."""
    base = metric.removesuffix("_participants")
    rank = ACTIVITY_KINDS.index(base) if base in ACTIVITY_KINDS else len(ACTIVITY_KINDS)
    return rank, metric != base


def _join(items: list[str], lang: str) -> str:
    return word("summary.sep", lang).join(items)


def _done(headline: pd.DataFrame, period_label: str, stays: int, lang: str) -> str:
    values = dict(zip(headline["metric"], headline["value"], strict=True))
    items = [word(f"summary.{m}", lang, n=number(values[m]))
             for m in DONE_ITEMS if values.get(m)]
    if stays:
        items.append(word("summary.stays", lang, n=number(stays)))
    if not items:
        return word("summary.nothing", lang, period=period_label)
    return word("summary.done", lang, period=period_label, items=_join(items, lang))


def _changes(compare: pd.DataFrame, lang: str) -> str:
    sentences = []
    for value_col, change_col, label_col, key in (
            ("previous", "pct_previous", "previous_period", "summary.mom"),
            ("year_before", "pct_year", "year_before_period", "summary.yoy")):
        if compare.empty:
            break
        label = compare[label_col].iloc[0]
        if compare[value_col].isna().all():
            sentences.append(word(f"{key}_none", lang, label=label))
            continue
        items = []
        for r in compare.itertuples(index=False):
            change = getattr(r, change_col)
            if pd.isna(change):
                continue
            what = word(r.metric, lang)
            if change == 0:
                items.append(word("summary.flat", lang, what=what))
            else:
                direction = "summary.up" if change > 0 else "summary.down"
                items.append(word(direction, lang, what=what,
                                  pct=percent_change(abs(change)).lstrip("+")))
        if items:
            sentences.append(word(key, lang, label=label, items=_join(items, lang)))
        else:
            sentences.append(word(f"{key}_zero", lang, label=label))
    return "".join(sentences)


def _attention(progress: pd.DataFrame, silent: list[str], lang: str) -> str:
    behind = progress[progress["status"] == "behind"]
    sentences = []
    if behind["pairing_id"].nunique() > _NAMED:  # the progress table has the details
        sentences.append(word("summary.behind_many", lang,
                              items=_join(sorted(set(behind["pairing_id"])), lang)))
    elif len(behind):
        items = []
        for pid, rows in behind.groupby("pairing_id", sort=True):
            metrics = sorted(rows["metric"], key=_metric_order)
            items.append(word("summary.behind_item", lang, pairing=pid,
                              metrics=_join([kind_label(m, lang) for m in metrics], lang)))
        sentences.append(word("summary.behind", lang, items=_join(items, lang)))
    elif len(progress):
        sentences.append(word("summary.all_on_track", lang))
    if silent:
        sentences.append(word("summary.silent", lang, items=_join(silent, lang)))
    return "".join(sentences)


def summary_paragraphs(headline: pd.DataFrame, compare: pd.DataFrame,
                       progress: pd.DataFrame, silent: list[str], *, period_label: str,
                       totals: pd.DataFrame | None = None, lang: str = "zh") -> list[str]:
    """The written summary of a report, one string per paragraph.

    Parameters
    ----------
    headline : pandas.DataFrame
        :func:`sgnet.metrics.headline` of the period.
    compare : pandas.DataFrame
        :func:`sgnet.metrics.compare` of the period: 环比 and 同比 where a base exists.
    progress : pandas.DataFrame
        :func:`sgnet.metrics.progress`: the pairings behind their pro-rated targets.
    silent : list of str
        The pairings :func:`sgnet.metrics.silence` finds silent (no record for two months or
        more in a row).
    period_label : str
    totals : pandas.DataFrame, optional
        :func:`sgnet.metrics.activity_totals` of the period: stays (驻点) are named when
        that kind of activity was recorded (their count is the table's total).
    lang : {"zh", "en"}

    Returns
    -------
    list of str
        What was done; the changes (a base the data does not cover gives a sentence
        saying so, and no percentage); the pairings to watch. Empty paragraphs are left out.

    Examples
    --------
    >>> h = pd.DataFrame({"metric": ["trainings", "people_trained"], "value": [12, 340]})
    >>> c = pd.DataFrame({"metric": ["trainings", "people_trained"], "value": [12, 340],
    ...                   "previous": [10.0, 340.0], "previous_period": ["2022Q3"] * 2,
    ...                   "pct_previous": [20.0, 0.0], "year_before": [float("nan")] * 2,
    ...                   "year_before_period": ["2021Q4"] * 2, "pct_year": [float("nan")] * 2})
    >>> p = pd.DataFrame({"pairing_id": ["PR02"], "metric": ["training"],
    ...                   "status": ["behind"]})
    >>> for text in summary_paragraphs(h, c, p, ["PR05"], period_label="2022Q4"):
    ...     print(text)
    本期(2022Q4)共开展培训 12 场、培训 340 人次。
    与上期(2022Q3)相比,培训场次增长 20%、培训人次持平。上年同期(2021Q4)数据不完整,不作同比。
    以下结对落后于年度目标进度:PR02(培训)。以下结对连续两个月以上没有活动记录:PR05。
    """
    stays = 0
    if totals is not None and "stay" in set(totals["kind"]):
        stays = int(totals.loc[totals["kind"] == "stay", "count"].sum())
    paragraphs = [_done(headline, period_label, stays, lang), _changes(compare, lang),
                  _attention(progress, silent, lang)]
    return [p for p in paragraphs if p]
