"""HTML sections of the period report for the program measures (issue #15).

Stays and working days on site against the 40-day rule, supervision hours and frequency,
outcomes against targets, change over time (同比, 环比, 累计) and silent pairings. Each function
takes the dataset scope (not selected by period) and the period, computes with
:mod:`sgnet.metrics` and returns escaped HTML (headings excluded; the notebook shows them with
:func:`sgnet.pages.heading_html`). Funder output counts per pairing; per-person tables only
for ``audience="internal"``.
"""

from __future__ import annotations

import pandas as pd

from . import metrics
from .dataset import Dataset
from .markup import escape
from .pages import note_html, table_html
from .periods import Period, parse_period
from .words import word

__all__ = ["onsite_html", "supervision_html", "outcomes_html", "change_html", "silence_html"]


def _names(ds: Dataset) -> pd.Series:
    return pd.Series(ds.organizations["name"].to_numpy(), index=ds.organizations["org_id"])


def _with_mentee(ds: Dataset, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the mentee organization's name after ``pairing_id``."""
    mentee = ds.pairings.set_index("pairing_id")["mentee_org_id"].map(_names(ds))
    df = df.copy()
    df.insert(1, "mentee", df["pairing_id"].map(mentee))
    return df


def _yes_no(df: pd.DataFrame, columns: tuple[str, ...], lang: str) -> pd.DataFrame:
    df = df.copy()
    for col in columns:
        df[col] = df[col].map(lambda v: word("yes" if v else "no", lang))
    return df


def onsite_html(ds: Dataset, period: str | Period, *, audience: str = "funder",
                lang: str = "zh") -> str:
    """Stays and working days on site in the period's year, per pairing (and per person when
    internal), against the 40-working-day rule; short stays flagged.

    Examples
    --------
    >>> import sgnet
    >>> "达到派驻要求" in onsite_html(sgnet.load(), "2022Q4")
    True
    """
    p = parse_period(period)
    year = p.end.year
    summary = metrics.onsite_summary(ds, year=year).rename(columns={"reached": "reached_people"})
    parts = [note_html(word("report.onsite_rule", lang, year=year))]
    if summary.empty or not summary["days"].any():
        return "".join(parts + [note_html(word("report.onsite_none", lang))])
    summary = _yes_no(_with_mentee(ds, summary), ("rule_met",), lang)
    parts.append(table_html(summary, lang=lang))
    short = int(summary["short_stays"].sum())
    if short:
        parts.append(note_html(word("report.onsite_short", lang, n=short)))
    if audience == "internal":
        people = metrics.onsite_days(ds, year=year)
        names = ds.people.set_index("person_id")["name"]
        people.insert(2, "name", people["person_id"].map(names))
        parts.append(f"<h3>{escape(word('section.onsite_people', lang))}</h3>")
        parts.append(table_html(_yes_no(people, ("reached",), lang), lang=lang))
    return "".join(parts)


def supervision_html(ds: Dataset, period: str | Period, *, lang: str = "zh") -> str:
    """Supervision hours per pairing and organization served, and the supervision frequency
    per local social worker, in the period.

    Examples
    --------
    >>> import sgnet
    >>> "人均督导次数" in supervision_html(sgnet.load(), "2022Q4")
    True
    """
    current = ds.select(period=parse_period(period))
    freq = _with_mentee(ds, metrics.supervision_frequency(current))
    hours = metrics.supervision_hours(current)
    hours.insert(2, "org_name", hours["org_id"].map(_names(ds)))
    hours = hours.drop(columns="org_id")
    return "".join([note_html(word("report.supervision_rule", lang)),
                    table_html(freq, lang=lang), table_html(hours, lang=lang)])


def outcomes_html(ds: Dataset, period: str | Period, *, lang: str = "zh") -> str:
    """Outcomes (成果) per pairing and kind: in the period, year to date, since the start,
    and the year's target.

    Examples
    --------
    >>> import sgnet
    >>> "结对以来累计" in outcomes_html(sgnet.load(), "2022Q4")
    True
    """
    out = metrics.outcomes(ds, period)
    if out.empty:
        return note_html(word("report.outcomes_none", lang))
    out = _with_mentee(ds, out).rename(columns={"kind": "outcome"})
    return table_html(out, lang=lang, kinds=("outcome",))


def change_html(ds: Dataset, period: str | Period, *, lang: str = "zh") -> str:
    """The headline measures in the period against the previous period (环比), the same
    period a year before (同比) and cumulative since the pairings began (累计).

    Examples
    --------
    >>> import sgnet
    >>> "2021Q4" in change_html(sgnet.load(), "2022Q4")
    True
    """
    p = parse_period(period)
    table = metrics.compare(ds, p)
    note = word("report.change_rule", lang, period=p.label,
                previous=table["previous_period"].iloc[0],
                year_before=table["year_before_period"].iloc[0], end=p.end.isoformat())
    shown = table.drop(columns=["previous_period", "year_before_period"])
    shown["metric"] = shown["metric"].map(lambda m: word(m, lang))
    return note_html(note) + table_html(shown, lang=lang, kinds=())


def silence_html(ds: Dataset, period: str | Period, *, lang: str = "zh") -> str:
    """The pairings without any record for :data:`sgnet.metrics.SILENT_MONTHS` months or more
    in a row, with their reporting rate and last record.

    Examples
    --------
    >>> import sgnet
    >>> silence_html(sgnet.load(), "2022Q4").startswith("<p")
    True
    """
    months = metrics.SILENT_MONTHS
    found = metrics.silence(ds, period)
    silent = found[found["silent"]].drop(columns="silent")
    if silent.empty:
        return note_html(word("report.silence_none", lang, months=months))
    silent = _with_mentee(ds, silent)
    silent["last_record"] = silent["last_record"].dt.strftime("%Y-%m-%d").fillna("—")
    return (note_html(word("report.silence_rule", lang, months=months))
            + table_html(silent, lang=lang, percent=("rate",)))
