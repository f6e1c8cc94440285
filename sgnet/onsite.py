"""Days on site (驻点): who of the mentor agency was in the mentee region, on which days.

The scheme's rules (民发〔2021〕105号 and the provincial rules after it): each person a mentor
agency sends spends at least :data:`DAYS_PER_YEAR` working days a year on site, at least
:data:`DAYS_PER_STAY` working days per stay. A person is on site on a day covered by a ``stay``
they were sent on (``lead_person_ids``) or by any other activity they led whose ``mode`` is not
``online``. Days of overlapping records count once.

Working days are China's official ones, from the maintained ``chinese-calendar`` package:
weekends and public holidays off, the weekends worked in lieu (调休) on. For a year the package
does not cover yet (it is updated when the State Council publishes the next year's holidays),
Monday to Friday count as working days and a :class:`UserWarning` says so.
"""

from __future__ import annotations

import datetime as dt
import warnings
from functools import cache, lru_cache

import chinese_calendar
import numpy as np
import pandas as pd

from .dataset import Dataset

__all__ = [
    "DAYS_PER_YEAR",
    "DAYS_PER_STAY",
    "PEOPLE_PER_PAIRING",
    "is_working_day",
    "person_days",
    "onsite_days",
    "onsite_summary",
]

#: working days on site a year, per person sent
DAYS_PER_YEAR = 40
#: working days on site per stay
DAYS_PER_STAY = 10
#: people a mentor agency sends, at least
PEOPLE_PER_PAIRING = 2


@cache
def _covered(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=4096)
def _working(day: dt.date) -> bool:
    if _covered(day.year):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def is_working_day(days: pd.Series | pd.DatetimeIndex) -> pd.Series:
    """Whether each date is an official working day in China.

    Parameters
    ----------
    days : pandas.Series or DatetimeIndex of datetime64
        Dates (missing dates are not working days).

    Returns
    -------
    pandas.Series of bool
        Aligned with ``days``.

    Warns
    -----
    UserWarning
        For dates in a year ``chinese-calendar`` does not cover: Monday to Friday are taken
        as the working days there.

    Examples
    --------
    National Day 2022 (Monday 3 October) is a holiday; Saturday 8 October was worked in lieu
    of it; Saturday 15 October is a plain weekend day:

    >>> d = pd.Series(pd.to_datetime(["2022-10-03", "2022-10-08", "2022-10-15", "2022-10-17"]))
    >>> is_working_day(d).tolist()
    [False, True, False, True]
    """
    days = pd.Series(days)
    years = sorted({int(y) for y in days.dt.year.dropna().unique()})
    missing = [y for y in years if not _covered(y)]
    if missing:
        warnings.warn(
            f"chinese-calendar has no holidays for {', '.join(map(str, missing))}: Monday to "
            "Friday are counted as working days there; update chinese-calendar "
            "(pip install -U chinese-calendar)", UserWarning, stacklevel=2)
    unique = days.dropna().unique()  # a calendar lookup per distinct date, not per row
    flags = pd.Series([_working(pd.Timestamp(d).date()) for d in unique], index=unique,
                      dtype=bool)
    return days.map(flags).fillna(False).astype(bool)


def _on_site_rows(acts: pd.DataFrame) -> pd.DataFrame:
    """Activity rows that put their leaders on site: stays, and what was not online."""
    keep = (acts["kind"] == "stay") | (acts["mode"].fillna("") != "online")
    keep &= acts["pairing_id"].notna() & acts["lead_person_ids"].fillna("").ne("")
    rows = acts.loc[keep, ["activity_id", "kind", "pairing_id", "start_date", "end_date",
                           "lead_person_ids"]]
    # one row per person led: DataFrame.explode, on plain lists (a third of the time)
    people = [ids.split(";") for ids in rows["lead_person_ids"].tolist()]
    rows = rows.iloc[np.repeat(np.arange(len(rows)), [len(p) for p in people])]
    rows = rows.assign(person_id=pd.Series([p for ps in people for p in ps], index=rows.index))
    rows = rows[rows["person_id"].fillna("").str.strip() != ""]
    rows["person_id"] = rows["person_id"].str.strip()
    rows["end_date"] = rows["end_date"].fillna(rows["start_date"])
    return rows.drop(columns="lead_person_ids").reset_index(drop=True)


def _expand(rows: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """One row per record and calendar day it covers within ``start`` … ``end``."""
    first = rows["start_date"].clip(lower=start)
    last = rows["end_date"].clip(upper=end)
    n = ((last - first).dt.days + 1).clip(lower=0).fillna(0).astype("int64").to_numpy()
    idx = np.repeat(np.arange(len(rows)), n)
    offsets = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    out = rows.iloc[idx].reset_index(drop=True)
    out["date"] = first.to_numpy()[idx] + pd.to_timedelta(offsets, unit="D")
    return out


def person_days(ds: Dataset, start: dt.date | str, end: dt.date | str) -> pd.DataFrame:
    """The distinct days each person of a pairing was on site between two dates.

    Parameters
    ----------
    ds : Dataset
        Not selected by period: a stay that began before ``start`` still covers days in it.
    start, end : date or ISO date string
        First and last day counted.

    Returns
    -------
    pandas.DataFrame
        Columns ``pairing_id, person_id, date, working`` (``working``: an official working
        day); one row per pairing, person and day, sorted.

    Examples
    --------
    >>> import sgnet
    >>> acts = pd.DataFrame({
    ...     "activity_id": ["S1", "A1", "A2"], "kind": ["stay", "training", "training"],
    ...     "pairing_id": ["PR1"] * 3, "lead_person_ids": ["P1", "P1", "P1"],
    ...     "start_date": pd.to_datetime(["2022-10-07", "2022-10-09", "2022-10-10"]),
    ...     "end_date": pd.to_datetime(["2022-10-09", None, None]),
    ...     "mode": ["onsite", "onsite", "online"]})
    >>> ds = sgnet.Dataset.from_tables({**sgnet.load().tables, "activities": acts.assign(
    ...     host_org_id=None, target_org_id=None, count=1)})
    >>> person_days(ds, "2022-10-01", "2022-10-31")[["date", "working"]]
            date  working
    0 2022-10-07    False
    1 2022-10-08     True
    2 2022-10-09     True
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    days = _expand(_on_site_rows(ds.activities), start, end)
    days = days.drop_duplicates(["pairing_id", "person_id", "date"])
    days = days.sort_values(["pairing_id", "person_id", "date"], ignore_index=True)
    out = days[["pairing_id", "person_id", "date"]].copy()
    out["working"] = is_working_day(out["date"]).to_numpy()
    return out


def onsite_days(ds: Dataset, *, year: int) -> pd.DataFrame:
    """Days on site in ``year`` per pairing and person sent, against the scheme's rules.

    Parameters
    ----------
    ds : Dataset
        Not selected by period (stays crossing New Year count in both years); it may be
        selected by region or pairing.
    year : int
        The calendar year counted.

    Returns
    -------
    pandas.DataFrame
        One row per ``pairing_id`` and ``person_id`` with a day on site or a stay in the year:
        ``days`` (distinct calendar days of ``year`` on site: covered by a ``stay`` or by an
        activity the person led whose mode is not ``online``), ``working_days`` (those of
        ``days`` that are official working days), ``stays`` (stays starting in ``year``),
        ``short_stays`` (those of ``stays`` with fewer than :data:`DAYS_PER_STAY` working
        days, counted over the whole stay) and ``reached`` (``working_days`` ≥
        :data:`DAYS_PER_YEAR`). Integers are Python ints.

    Notes
    -----
    Days of overlapping records count once per pairing and person. A record without
    ``end_date`` covers its ``start_date`` only. Activities without a pairing or a leader put
    nobody on site. Working days come from ``chinese-calendar``; see :func:`is_working_day`
    for a year it does not cover.

    Examples
    --------
    P1 stays Friday 7 to Sunday 16 October 2022: the 7th is the last day of the National Day
    holiday, the weekend of 8-9 October was worked in lieu of it, 15-16 October is a weekend;
    so 10 days, 7 working days, one short stay. P2 led one onsite training (Monday 10) and
    one online (not on site):

    >>> import sgnet
    >>> acts = pd.DataFrame({
    ...     "activity_id": ["S1", "A1", "A2"], "kind": ["stay", "training", "training"],
    ...     "pairing_id": ["PR1"] * 3, "lead_person_ids": ["P1", "P1;P2", "P2"],
    ...     "start_date": pd.to_datetime(["2022-10-07", "2022-10-10", "2022-10-11"]),
    ...     "end_date": pd.to_datetime(["2022-10-16", None, None]),
    ...     "mode": ["onsite", "onsite", "online"]})
    >>> ds = sgnet.Dataset.from_tables({**sgnet.load().tables, "activities": acts.assign(
    ...     host_org_id=None, target_org_id=None, count=1)})
    >>> onsite_days(ds, year=2022)
      pairing_id person_id  days  working_days  stays  short_stays  reached
    0        PR1        P1    10             7      1            1    False
    1        PR1        P2     1             1      0            0    False
    """
    return _onsite_days(ds, year, _stays(ds))


def _onsite_days(ds: Dataset, year: int, stays: pd.DataFrame) -> pd.DataFrame:
    """:func:`onsite_days`, given the dataset's :func:`_stays`."""
    start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    days = person_days(ds, start, end)
    keys = ["pairing_id", "person_id"]
    grouped = days.groupby(keys)
    out = pd.DataFrame({"days": grouped.size(), "working_days": grouped["working"].sum()})
    stays = stays[stays["start_date"].dt.year == year]
    per = stays.groupby(keys).agg(stays=("activity_id", "size"),
                                  short_stays=("short", "sum"))
    out = out.join(per, how="outer").fillna(0).astype("int64").reset_index()
    out["reached"] = out["working_days"] >= DAYS_PER_YEAR
    return out.sort_values(keys, ignore_index=True)


def _stays(ds: Dataset) -> pd.DataFrame:
    """Each stay per person sent, with its working days and whether it is short."""
    rows = _on_site_rows(ds.activities)
    rows = rows[rows["kind"] == "stay"].reset_index(drop=True)
    if rows.empty:
        return rows.assign(working_days=pd.Series(dtype="int64"),
                           short=pd.Series(dtype=bool))
    lo, hi = rows["start_date"].min(), rows["end_date"].max()
    days = _expand(rows.assign(_i=np.arange(len(rows))), lo, hi)
    days["working"] = is_working_day(days["date"]).to_numpy()
    working = days.groupby("_i")["working"].sum().reindex(range(len(rows)), fill_value=0)
    rows["working_days"] = working.to_numpy().astype("int64")
    rows["short"] = rows["working_days"] < DAYS_PER_STAY
    return rows


def onsite_summary(ds: Dataset, *, year: int) -> pd.DataFrame:
    """Per pairing: people sent, working days on site, who reached the yearly rule, short stays.

    Parameters
    ----------
    ds : Dataset
        As for :func:`onsite_days`.
    year : int

    Returns
    -------
    pandas.DataFrame
        One row per pairing of ``ds`` active in ``year`` (started by 31 December, not ended
        before 1 January): ``pairing_id``, ``people`` (people on site at least one day, or
        sent on a stay, in the year), ``days`` and ``working_days`` (summed over people),
        ``reached`` (people with at least :data:`DAYS_PER_YEAR` working days), ``stays``
        (stay records starting in the year: one trip, whoever went), ``short_stays`` (those
        with fewer than :data:`DAYS_PER_STAY` working days) and ``rule_met`` (at least
        :data:`PEOPLE_PER_PAIRING` people reached the yearly rule). Per-pairing counts only:
        no person appears.

    Examples
    --------
    The records of :func:`onsite_days`, and a pairing PR2 with nobody on site:

    >>> import sgnet
    >>> acts = pd.DataFrame({
    ...     "activity_id": ["S1", "A1", "A2"], "kind": ["stay", "training", "training"],
    ...     "pairing_id": ["PR1"] * 3, "lead_person_ids": ["P1", "P1;P2", "P2"],
    ...     "start_date": pd.to_datetime(["2022-10-07", "2022-10-10", "2022-10-11"]),
    ...     "end_date": pd.to_datetime(["2022-10-16", None, None]),
    ...     "mode": ["onsite", "onsite", "online"]})
    >>> pairs = pd.DataFrame({"pairing_id": ["PR1", "PR2"], "mentee_org_id": ["O002", "O003"],
    ...                       "start_date": pd.to_datetime(["2022-01-01", "2022-06-01"]),
    ...                       "end_date": pd.NaT})
    >>> ds = sgnet.Dataset.from_tables({**sgnet.load().tables, "pairings": pairs,
    ...     "activities": acts.assign(host_org_id=None, target_org_id=None, count=1)})
    >>> onsite_summary(ds, year=2022)
      pairing_id  people  days  working_days  reached  stays  short_stays  rule_met
    0        PR1       2    11             8        0      1            1     False
    1        PR2       0     0             0        0      0            0     False
    """
    trips = _stays(ds)  # once, for both counts
    per = _onsite_days(ds, year, trips)
    trips = trips[trips["start_date"].dt.year == year].drop_duplicates("activity_id")
    trips = trips.groupby("pairing_id").agg(stays=("activity_id", "size"),
                                            short_stays=("short", "sum"))
    pairs = ds.pairings
    active = (pairs["start_date"] <= pd.Timestamp(year, 12, 31)) & (
        pairs["end_date"].isna() | (pairs["end_date"] >= pd.Timestamp(year, 1, 1)))
    ids = pairs.loc[active, "pairing_id"].tolist()
    grouped = per.groupby("pairing_id")
    out = pd.DataFrame({
        "people": grouped.size(),
        "days": grouped["days"].sum(),
        "working_days": grouped["working_days"].sum(),
        "reached": grouped["reached"].sum(),
        "stays": trips["stays"],
        "short_stays": trips["short_stays"],
    }).reindex(sorted(set(ids) | set(per["pairing_id"]))).fillna(0).astype("int64")
    out.index.name = "pairing_id"
    out = out.reset_index()
    out["rule_met"] = out["reached"] >= PEOPLE_PER_PAIRING
    return out
