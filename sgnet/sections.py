"""Sections of the period report for the program measures, as report parts.

Stays and working days on site against the 40-day rule, supervision hours and frequency,
outcomes against targets, and silent pairings (change over time is the comparison table of
:func:`sgnet.tables.comparison_part`). Each function takes the dataset scope (not selected
by period) and the period, computes with :mod:`sgnet.metrics` and returns the parts
(:mod:`sgnet.parts`) the notebook shows, so the HTML page and the Word file carry the same
text (headings excluded). Funder output counts per pairing; per-person tables only for
``audience="internal"``.
"""

from __future__ import annotations

import pandas as pd

from . import metrics, parts
from .dataset import Dataset
from .periods import Period, parse_period
from .tables import frame_part
from .words import word

__all__ = ["onsite_parts", "supervision_parts", "outcomes_parts", "silence_parts",
           "silent_frame"]


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


def onsite_parts(ds: Dataset, period: str | Period, *, audience: str = "funder",
                 lang: str = "zh") -> list[dict]:
    """Stays and working days on site in the period's year, per pairing (and per person when
    internal), against the 40-working-day rule; short stays flagged.

    Examples
    --------
    >>> import sgnet
    >>> [p["type"] for p in onsite_parts(sgnet.load(), "2022Q4")][:2]
    ['note', 'table']
    """
    p = parse_period(period)
    year = p.end.year
    summary = metrics.onsite_summary(ds, year=year).rename(columns={"reached": "reached_people"})
    found = [parts.note(word("report.onsite_rule", lang, year=year))]
    if summary.empty or not summary["days"].any():
        return found + [parts.note(word("report.onsite_none", lang))]
    summary = _yes_no(_with_mentee(ds, summary), ("rule_met",), lang)
    found.append(frame_part(summary, name="onsite", lang=lang))
    short = int(summary["short_stays"].sum())
    if short:
        found.append(parts.note(word("report.onsite_short", lang, n=short)))
    if audience == "internal":
        people = metrics.onsite_days(ds, year=year)
        names = ds.people.set_index("person_id")["name"]
        people.insert(2, "name", people["person_id"].map(names))
        found.append(parts.heading("onsite_people", lang=lang))
        found.append(frame_part(_yes_no(people, ("reached",), lang), name="onsite_people",
                                lang=lang))
    return found


def supervision_parts(ds: Dataset, period: str | Period, *, lang: str = "zh") -> list[dict]:
    """Supervision hours per pairing and organization served, and the supervision frequency
    per local social worker, in the period.

    Examples
    --------
    >>> import sgnet
    >>> [p["type"] for p in supervision_parts(sgnet.load(), "2022Q4")]
    ['note', 'table', 'table']
    """
    current = ds.select(period=parse_period(period))
    freq = _with_mentee(ds, metrics.supervision_frequency(current))
    hours = metrics.supervision_hours(current)
    hours.insert(2, "org_name", hours["org_id"].map(_names(ds)))
    hours = hours.drop(columns="org_id")
    return [parts.note(word("report.supervision_rule", lang)),
            frame_part(freq, name="supervision_frequency", lang=lang),
            frame_part(hours, name="supervision_hours", lang=lang)]


def outcomes_parts(ds: Dataset, period: str | Period, *, lang: str = "zh") -> list[dict]:
    """Outcomes (成果) per pairing and kind: in the period, year to date, since the start,
    and the year's target.

    Examples
    --------
    >>> import sgnet
    >>> outcomes_parts(sgnet.load(), "2022Q4")[0]["type"]
    'table'
    """
    out = metrics.outcomes(ds, period)
    if out.empty:
        return [parts.note(word("report.outcomes_none", lang))]
    out = _with_mentee(ds, out)
    out["kind"] = out["kind"].map(lambda k: word(k, lang))  # station_built → 建成社工站
    return [frame_part(out.rename(columns={"kind": "outcome"}), name="outcomes", lang=lang)]


def silence_parts(ds: Dataset, period: str | Period, *, lang: str = "zh") -> list[dict]:
    """The pairings without any record for :data:`sgnet.metrics.SILENT_MONTHS` months or more
    in a row, with their reporting rate and last record.

    Examples
    --------
    >>> import sgnet
    >>> silence_parts(sgnet.load(), "2022Q4")[0]["type"]
    'note'
    """
    months = metrics.SILENT_MONTHS
    silent = silent_frame(ds, period)
    if silent.empty:
        return [parts.note(word("report.silence_none", lang, months=months))]
    silent = _with_mentee(ds, silent)
    silent["last_record"] = silent["last_record"].dt.strftime("%Y-%m-%d").fillna("—")
    silent["rate"] = silent["rate"].map(lambda r: f"{r:.0%}")
    return [parts.note(word("report.silence_rule", lang, months=months)),
            frame_part(silent, name="silence", lang=lang)]


def silent_frame(ds: Dataset, period: str | Period) -> pd.DataFrame:
    """The silent pairings of :func:`sgnet.metrics.silence` (no record for
    :data:`sgnet.metrics.SILENT_MONTHS` months or more in a row), one row each.

    Examples
    --------
    >>> import sgnet
    >>> list(silent_frame(sgnet.load(), "2022Q4")["pairing_id"])
    ['PR15']
    """
    found = metrics.silence(ds, period)
    return found[found["silent"]].drop(columns="silent").reset_index(drop=True)
