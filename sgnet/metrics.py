"""Metrics: plain functions that take a Dataset and return tidy DataFrames.

Counting rules (DESIGN.md): ``count`` is sessions, stations, households or people as the
activity kind says, and defaults to 1; ``participants`` is people (人次). A row may be a single
event or an aggregate; sums run over rows.
"""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .periods import Period, parse_period, previous_period, year_before
from .regions import region_name, rollup

__all__ = [
    "HEADLINE",
    "headline",
    "activity_totals",
    "by_pairing",
    "by_region",
    "monthly",
    "progress",
    "by_leader",
    "compare",
    "silent_pairings",
]

#: headline metrics: name → (activity kind, column summed)
HEADLINE: dict[str, tuple[str, str]] = {
    "trainings": ("training", "count"),
    "people_trained": ("training", "participants"),
    "individual_supervision": ("individual_supervision", "count"),
    "people_supervised": ("individual_supervision", "participants"),
    "group_supervision": ("group_supervision", "count"),
    "station_visits": ("station_visit", "count"),
    "household_visits": ("household_visit", "count"),
}

_SUMS = ("count", "participants", "hours")


def _with_derived(acts: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    acts = acts.copy()
    if "month" in by:
        acts["month"] = acts["start_date"].dt.strftime("%Y-%m")
    for level in ("province", "city", "county"):
        if level in by:
            acts[level] = rollup(acts["region"], level)
    return acts


def activity_totals(ds: Dataset, *, by: tuple[str, ...] | list[str] = ("kind",)) -> pd.DataFrame:
    """Sum count, participants and hours of the activities per group.

    Parameters
    ----------
    ds : Dataset
        Usually already selected to a period (``ds.select(period=...)``).
    by : sequence of str
        Activity columns to group by; also ``month`` (YYYY-MM of start_date) and
        ``province``, ``city``, ``county`` (the activity's region rolled up).

    Returns
    -------
    pandas.DataFrame
        One row per group with columns ``*by, activities, count, participants, hours``
        (``activities`` is the number of records). Groups with no activity do not appear.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load().select(period="2022-10-01..2022-10-31", pairing="PR01")
    >>> activity_totals(ds).columns.tolist()
    ['kind', 'activities', 'count', 'participants', 'hours']
    """
    by = list(by)
    acts = _with_derived(ds.activities, by)
    grouped = acts.groupby(by, dropna=False, observed=True)
    out = grouped[list(_SUMS)].sum(min_count=0)
    out.insert(0, "activities", grouped.size())
    out = out.reset_index()
    for col in ("activities", "count", "participants"):
        out[col] = out[col].astype("int64")
    out["hours"] = out["hours"].astype("float64").round(1)
    return out


def headline(ds: Dataset) -> pd.DataFrame:
    """The headline figures of a report: trainings, people trained, supervision, visits.

    Parameters
    ----------
    ds : Dataset
        Selected to the period (and scope) the figures are for.

    Returns
    -------
    pandas.DataFrame
        Columns ``metric, kind, column, value``, one row per entry of :data:`HEADLINE`,
        in that order; ``value`` is a Python int (0 when nothing was recorded).

    Notes
    -----
    ``trainings`` is the sum of ``count`` over training rows (sessions), ``people_trained``
    the sum of their ``participants``; ``station_visits`` and ``household_visits`` sum
    ``count`` (stations, households), so an aggregate row "走访社工站点5个" counts 5.

    Examples
    --------
    >>> import sgnet
    >>> h = headline(sgnet.load().select(period="2022Q4"))
    >>> h["metric"].tolist()[:3]
    ['trainings', 'people_trained', 'individual_supervision']
    """
    acts = ds.activities
    rows = []
    for metric, (kind, column) in HEADLINE.items():
        value = acts.loc[acts["kind"] == kind, column].sum()
        rows.append({"metric": metric, "kind": kind, "column": column, "value": int(value)})
    return pd.DataFrame(rows)


def _org_names(ds: Dataset) -> pd.Series:
    return pd.Series(ds.organizations["name"].to_numpy(), index=ds.organizations["org_id"])


def by_pairing(ds: Dataset) -> pd.DataFrame:
    """Totals per pairing and activity kind, with mentor and mentee names.

    Returns
    -------
    pandas.DataFrame
        Columns ``pairing_id, mentor, mentee, kind, activities, count, participants, hours``.
        Activities recorded without a pairing appear with an empty ``pairing_id``.

    Examples
    --------
    >>> import sgnet
    >>> t = by_pairing(sgnet.load().select(period="2022Q4"))
    >>> t.columns.tolist()[:4]
    ['pairing_id', 'mentor', 'mentee', 'kind']
    """
    out = activity_totals(ds, by=("pairing_id", "kind"))
    names = _org_names(ds)
    pairs = ds.pairings.set_index("pairing_id")
    out.insert(1, "mentor", out["pairing_id"].map(pairs["mentor_org_id"]).map(names))
    out.insert(2, "mentee", out["pairing_id"].map(pairs["mentee_org_id"]).map(names))
    return out


def by_region(ds: Dataset, *, level: str = "province") -> pd.DataFrame:
    """Totals per region (at ``level``: province, city or county) and activity kind.

    Returns
    -------
    pandas.DataFrame
        Columns ``<level>, region_name, kind, activities, count, participants, hours``.

    Examples
    --------
    >>> import sgnet
    >>> t = by_region(sgnet.load().select(period="2022Q4"))
    >>> t.columns.tolist()[:3]
    ['province', 'region_name', 'kind']
    """
    out = activity_totals(ds, by=(level, "kind"))
    out.insert(1, "region_name", out[level].map(
        lambda c: region_name(c) if isinstance(c, str) else ""))
    return out


def monthly(ds: Dataset, *, column: str = "count") -> pd.DataFrame:
    """A month × kind table of ``column`` sums (rows: every month of the selected period).

    Returns
    -------
    pandas.DataFrame
        Index ``month`` (YYYY-MM), one column per activity kind present, zeros filled.
    """
    acts = _with_derived(ds.activities, ["month"])
    table = acts.pivot_table(index="month", columns="kind", values=column, aggfunc="sum",
                             fill_value=0, observed=True)
    if ds.period is not None:
        months = pd.period_range(ds.period.start, ds.period.end, freq="M").strftime("%Y-%m")
        table = table.reindex(months, fill_value=0)
    table.index.name = "month"
    table.columns.name = "kind"
    return table.astype("int64")


def progress(ds: Dataset, period: str | Period) -> pd.DataFrame:
    """Actuals against the yearly targets, per pairing and metric.

    Parameters
    ----------
    ds : Dataset
        Not selected by period (it needs the activities since 1 January); it may be selected
        by region or pairing.
    period : str or Period
        The reporting period.

    Returns
    -------
    pandas.DataFrame
        Columns ``pairing_id, mentor, mentee, metric, year, target, actual, expected, share,
        status``; one row per target of the year.

    Notes
    -----
    Targets are yearly. For the year ``Y`` in which the period ends, ``actual`` is the
    year-to-date total: activities starting from 1 January ``Y`` to the last day of the period
    (metric ``<kind>`` sums ``count``, ``<kind>_participants`` sums ``participants``).
    ``expected`` is the pro-rated target: target × the share of year ``Y`` elapsed at the end
    of the period (1.0 for a period ending on 31 December). ``share`` = actual / target.
    ``status`` is ``done`` when actual ≥ target, ``on_track`` when actual ≥ expected, else
    ``behind``. A target of 0 counts as done.

    Examples
    --------
    >>> import sgnet
    >>> p = progress(sgnet.load(), "2022Q4")
    >>> sorted(set(p["status"])) <= ["behind", "done", "on_track"]
    True
    """
    p = parse_period(period)
    year = p.end.year
    acts = ds.activities
    ytd = acts[(acts["start_date"] >= pd.Timestamp(year, 1, 1))
               & (acts["start_date"] <= pd.Timestamp(p.end))]
    counts = ytd.groupby(["pairing_id", "kind"])[["count", "participants"]].sum()
    targets = ds.targets[ds.targets["year"] == year].copy()
    base = targets["metric"].str.removesuffix("_participants")
    column = targets["metric"].str.endswith("_participants").map(
        {True: "participants", False: "count"})
    actual = [
        int(counts[col].get((pid, kind), 0))
        for pid, kind, col in zip(targets["pairing_id"], base, column, strict=True)
    ]
    names = _org_names(ds)
    pairs = ds.pairings.set_index("pairing_id")
    out = pd.DataFrame({
        "pairing_id": targets["pairing_id"].to_numpy(),
        "mentor": targets["pairing_id"].map(pairs["mentor_org_id"]).map(names).to_numpy(),
        "mentee": targets["pairing_id"].map(pairs["mentee_org_id"]).map(names).to_numpy(),
        "metric": targets["metric"].to_numpy(),
        "year": year,
        "target": targets["value"].astype("float64").to_numpy(),
        "actual": actual,
    })
    out["expected"] = (out["target"] * p.year_share()).round(1)
    out["share"] = (out["actual"] / out["target"].where(out["target"] > 0)).fillna(1.0).round(3)
    out["status"] = "behind"
    out.loc[out["actual"] >= out["expected"], "status"] = "on_track"
    out.loc[out["actual"] >= out["target"], "status"] = "done"
    return out.sort_values(["pairing_id", "metric"], ignore_index=True)


def by_leader(ds: Dataset) -> pd.DataFrame:
    """Activities led per person (from ``lead_person_ids``), with the person's name and role.

    Contains names of people: for internal reports only.

    Returns
    -------
    pandas.DataFrame
        Columns ``person_id, name, org, activities, count, participants``, most active first.
        A row led by two people counts for each of them.

    Examples
    --------
    >>> import sgnet
    >>> by_leader(sgnet.load().select(period="2022Q4")).columns.tolist()
    ['person_id', 'name', 'org', 'activities', 'count', 'participants']
    """
    acts = ds.activities.assign(person_id=ds.activities["lead_person_ids"].str.split(";"))
    acts = acts.explode("person_id").dropna(subset=["person_id"])
    grouped = acts.groupby("person_id")
    out = grouped[["count", "participants"]].sum()
    out.insert(0, "activities", grouped.size())
    out = out.reset_index()
    people = ds.people.set_index("person_id")
    out.insert(1, "name", out["person_id"].map(people["name"]))
    out.insert(2, "org", out["person_id"].map(people["org_id"]).map(_org_names(ds)))
    for col in ("activities", "count", "participants"):
        out[col] = out[col].astype("int64")
    return out.sort_values(["activities", "person_id"], ascending=[False, True],
                           ignore_index=True)


def compare(ds: Dataset, period: str | Period) -> pd.DataFrame:
    """The headline figures of ``period`` against the previous period and a year before.

    Parameters
    ----------
    ds : Dataset
        Not selected by period (it needs the base periods); it may be selected by region
        or pairing.
    period : str or Period

    Returns
    -------
    pandas.DataFrame
        One row per headline metric: ``metric, value, previous, previous_label, change,
        year_ago, year_ago_label, year_change``. ``change`` (环比) and ``year_change``
        (同比) are relative changes (0.25 is +25%), rounded to whole percents.

    Notes
    -----
    The previous period has the same length (:func:`sgnet.periods.previous_period`); the
    year-ago period is the same dates a year before (:func:`sgnet.periods.year_before`). A
    base exists only when the records of ``ds`` cover it whole, i.e. its first activity
    starts on or before the base's first day; otherwise the base value and the change are
    missing. A base of 0 gives a value but no change.

    Examples
    --------
    >>> import sgnet
    >>> c = compare(sgnet.load(), "2022Q4").set_index("metric")
    >>> c.loc["trainings", ["previous_label", "year_ago_label"]].tolist()
    ['2022Q3', '2021Q4']
    >>> bool(pd.isna(c.loc["trainings", "year_ago"]))  # the records start in 2021-11
    True
    """
    p = parse_period(period)
    span = ds.date_range()
    first = span[0] if span else None
    now = headline(ds.select(period=p)).set_index("metric")["value"]
    out = pd.DataFrame({"metric": list(now.index), "value": [int(v) for v in now]})
    for name, base in (("previous", previous_period(p)), ("year_ago", year_before(p))):
        label = "previous_label" if name == "previous" else "year_ago_label"
        change = "change" if name == "previous" else "year_change"
        out[label] = base.label
        if first is None or first > base.start:
            out[name] = pd.NA
            out[change] = float("nan")
            continue
        values = headline(ds.select(period=base)).set_index("metric")["value"]
        out[name] = [int(values[m]) for m in out["metric"]]
        rel = [(v - b) / b if b else float("nan") for v, b in zip(out["value"], out[name],
                                                                  strict=True)]
        out[change] = pd.Series(rel, dtype="float64").round(2)
    order = ["metric", "value", "previous", "previous_label", "change", "year_ago",
             "year_ago_label", "year_change"]
    return out[order]


def silent_pairings(ds: Dataset, period: str | Period) -> list[str]:
    """The pairings active in ``period`` (their dates overlap it) that recorded nothing.

    Examples
    --------
    >>> import sgnet
    >>> silent_pairings(sgnet.load(), "2022Q4")
    []
    """
    p = parse_period(period)
    start, end = pd.Timestamp(p.start), pd.Timestamp(p.end)
    pairs = ds.pairings
    active = pairs[(pairs["start_date"] <= end)
                   & (pairs["end_date"].isna() | (pairs["end_date"] >= start))]
    acts = ds.activities
    busy = set(acts.loc[(acts["start_date"] >= start) & (acts["start_date"] <= end),
                        "pairing_id"].dropna())
    return sorted(str(pid) for pid in active["pairing_id"] if pid not in busy)
