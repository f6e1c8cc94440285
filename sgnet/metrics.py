"""Metrics: plain functions that take a Dataset and return tidy DataFrames.

Counting rules (DESIGN.md): ``count`` is sessions, stations, households or people as the
activity kind says, and defaults to 1; ``participants`` is people (人次). A row may be a single
event or an aggregate; sums run over rows.
"""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .errors import SelectionError
from .measures import (
    SILENT_MONTHS,
    SUPERVISION_KINDS,
    change,
    outcomes,
    silence,
    supervision_frequency,
    supervision_hours,
)
from .onsite import DAYS_PER_STAY, DAYS_PER_YEAR, onsite_days, onsite_summary, person_days
from .periods import Period, parse_period, previous_period, year_before
from .regions import region_name, rollup
from .vocab import MILESTONE_KINDS, STATUSES

__all__ = [
    "HEADLINE",
    "headline",
    "activity_totals",
    "by_pairing",
    "by_region",
    "monthly",
    "progress",
    "by_leader",
    "status_counts",
    # program measures (issue #15), from sgnet.onsite and sgnet.measures
    "onsite_days",
    "onsite_summary",
    "DAYS_PER_YEAR",
    "DAYS_PER_STAY",
    "supervision_hours",
    "supervision_frequency",
    "SUPERVISION_KINDS",
    "outcomes",
    "compare",
    "previous_period",
    "year_before",
    "silence",
    "SILENT_MONTHS",
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
    # program measures (issue #15): several kinds are joined by ";"; ``working_days`` of
    # ``stay`` is the person-working-days on site, ``milestones`` the number of outcomes
    # recorded (records, not Σ count: a count is stations for one kind, people for another)
    "supervision_hours": ("individual_supervision;group_supervision", "hours"),
    "stays": ("stay", "count"),
    "onsite_working_days": ("stay", "working_days"),
    "milestones": ("milestones", "records"),
}

_SUMS = ("count", "participants", "hours")
#: activity kinds (a target naming one counts activities, even when a milestone kind is alike)
_ACTIVITY_ONLY = ("other",)


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
        if kind == "milestones":
            value = len(ds.milestones)
        elif column == "working_days":
            value = _onsite_working_days(ds)
        else:
            value = acts.loc[acts["kind"].isin(kind.split(";")), column].astype(
                "float64").sum()
        rows.append({"metric": metric, "kind": kind, "column": column,
                     "value": int(round(float(value)))})
    return pd.DataFrame(rows)


def _onsite_working_days(ds: Dataset) -> int:
    """Person-working-days on site within the selected period (or the data's span)."""
    if ds.period is not None:
        start, end = ds.period.start, ds.period.end
    else:
        span = ds.date_range()
        if span is None:
            return 0
        start, end = span[0], ds.activities["end_date"].max()
        end = max(span[1], end.date()) if pd.notna(end) else span[1]
    days = person_days(ds, start, end)
    return int(days["working"].sum())


def compare(ds: Dataset, period: str | Period) -> pd.DataFrame:
    """Each headline measure in a period, the previous period (环比), the year before (同比)
    and since each pairing began (累计), with the changes.

    Parameters
    ----------
    ds : Dataset
        Not selected by period; it may be selected by region or pairing.
    period : str or Period

    Returns
    -------
    pandas.DataFrame
        One row per :data:`HEADLINE` metric: ``metric, value, previous, previous_period,
        year_before, year_before_period, cumulative, change_previous, pct_previous,
        change_year, pct_year``; ``pct_*`` is NaN when the base is 0. See
        :func:`sgnet.measures.change`.

    Examples
    --------
    >>> import sgnet
    >>> c = compare(sgnet.load().select(pairing="PR14"), "2022Q4")  # PR14 began 2022-10
    >>> c.loc[c["metric"] == "trainings", ["value", "previous", "pct_previous"]]
       value  previous  pct_previous
    0      3       NaN           NaN
    """
    p = parse_period(period)
    _needs(ds, year_before(p).start, p.end, "compare")
    return change(ds, p, headline)


def _needs(ds: Dataset, start, end, what: str) -> None:
    """Raise unless ``ds`` holds the records from ``start`` to ``end`` (not cut shorter)."""
    if ds.period is not None and (ds.period.start > start or ds.period.end < end):
        raise SelectionError(
            f"{what} needs the records from {start} to {end}, but this Dataset is selected "
            f"to {ds.period.label}; pass it without .select(period=...) (a region or pairing "
            f"selection is fine): metrics.{what}(ds, \"{ds.period.label}\")")


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
        Not selected by period (it needs the activities since 1 January: a
        :class:`~sgnet.errors.SelectionError` says so); it may be selected by region or
        pairing.
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
    ``behind``. A target of 0 counts as done. A target naming a milestone kind
    (``station_built``, ``talent`` ...) is met by the Σ ``count`` of the pairing's milestones
    of that kind dated from 1 January to the end of the period.

    Examples
    --------
    >>> import sgnet
    >>> p = progress(sgnet.load(), "2022Q4")
    >>> sorted(set(p["status"])) <= ["behind", "done", "on_track"]
    True
    """
    p = parse_period(period)
    year = p.end.year
    _needs(ds, p.end.replace(month=1, day=1), p.end, "progress")
    acts = ds.activities
    ytd = acts[(acts["start_date"] >= pd.Timestamp(year, 1, 1))
               & (acts["start_date"] <= pd.Timestamp(p.end))]
    counts = ytd.groupby(["pairing_id", "kind"])[["count", "participants"]].sum()
    miles = ds.milestones  # targets may name a milestone kind: Σ count of its milestones
    miles = miles[(miles["date"] >= pd.Timestamp(year, 1, 1))
                  & (miles["date"] <= pd.Timestamp(p.end))]
    mile_counts = miles.assign(count=miles["count"].fillna(1)).groupby(
        ["pairing_id", "kind"])["count"].sum()
    is_mile = ds.targets["metric"].isin(MILESTONE_KINDS) & ~ds.targets["metric"].isin(
        list(_ACTIVITY_ONLY))
    targets = ds.targets[ds.targets["year"] == year].copy()
    base = targets["metric"].str.removesuffix("_participants")
    column = targets["metric"].str.endswith("_participants").map(
        {True: "participants", False: "count"})
    actual = [
        int(mile_counts.get((pid, kind), 0)) if mile else int(counts[col].get((pid, kind), 0))
        for pid, kind, col, mile in zip(targets["pairing_id"], base, column,
                                        is_mile[targets.index], strict=True)
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


def status_counts(ds: Dataset) -> pd.DataFrame:
    """How many activities and milestones of ``ds`` have each review status.

    Returns
    -------
    pandas.DataFrame
        ``status, records``, in the order draft, submitted, approved, returned, then
        ``none`` (no status given); statuses with no record are left out.

    Examples
    --------
    >>> acts = pd.DataFrame({"status": ["approved", "draft", None, "approved"]})
    >>> ds = Dataset(organizations=None, people=None, pairings=None, targets=None,
    ...              activities=acts)
    >>> status_counts(ds)
         status  records
    0     draft        1
    1  approved        2
    2      none        1
    """
    frames = [t for t in (ds.activities, getattr(ds, "milestones", None))
              if t is not None and len(t)]
    values = pd.concat([t["status"] if "status" in t else pd.Series(pd.NA, index=t.index)
                        for t in frames], ignore_index=True) if frames else pd.Series([])
    counts = values.astype(object).where(values.notna(), "none").value_counts()
    order = [*STATUSES, "none"]
    return pd.DataFrame({"status": [s for s in order if s in counts.index],
                         "records": [int(counts[s]) for s in order if s in counts.index]})
