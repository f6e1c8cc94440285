"""What the 牵手计划 is judged on besides counts: supervision hours, outcomes, change, silence.

- :func:`supervision_hours`: 督导时数, hours of individual and group supervision and of
  training, per pairing, organization served and period.
- :func:`supervision_frequency`: 督导频率, supervision received per local social worker.
- :func:`outcomes`: 成果 (the milestones table) per pairing and kind, in the period, year to
  date and since the pairing began, against the year's target.
- :func:`change`: each measure in a period, the previous period (环比), the same period a
  year before (同比) and since each pairing began (累计).
- :func:`silence`: reporting completeness, the months of a pairing's active span with no
  record, as DHIS2's reporting-rate summary shows.

:mod:`sgnet.metrics` re-exports them (``metrics.compare`` is :func:`change` over the headline).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .dataset import Dataset
from .periods import Period, parse_period, previous_period, year_before
from .regions import rollup
from .vocab import MILESTONE_KINDS

__all__ = [
    "SUPERVISION_KINDS",
    "supervision_hours",
    "supervision_frequency",
    "outcomes",
    "change",
    "silence",
    "SILENT_MONTHS",
]

#: activity kinds whose hours are supervision and training hours (督导时数)
SUPERVISION_KINDS: tuple[str, ...] = ("training", "individual_supervision", "group_supervision")
#: a pairing with this many months in a row without a record is listed as silent
SILENT_MONTHS = 2

_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}


def _period_labels(dates: pd.Series, period_type: str) -> pd.Series:
    if period_type not in _FREQ:
        raise ValueError(f"period_type must be one of {', '.join(_FREQ)}, not {period_type!r}")
    labels = dates.dt.to_period(_FREQ[period_type]).astype(str)
    return labels.str.replace(r"^(\d{4})-(\d{2})$", r"\1-\2", regex=True)


def supervision_hours(ds: Dataset, *, period_type: str | None = None) -> pd.DataFrame:
    """Hours of supervision and training per pairing and organization served (督导时数).

    Parameters
    ----------
    ds : Dataset
        Usually selected to a period.
    period_type : {"month", "quarter", "year"}, optional
        Also split by the period of each activity's ``start_date`` (column ``period``).

    Returns
    -------
    pandas.DataFrame
        One row per ``pairing_id``, ``org_id`` (the activity's target organization, else the
        pairing's mentee) and ``period`` if asked, with ``training_hours``,
        ``individual_hours``, ``group_hours``, ``supervision_hours`` (individual + group),
        ``total_hours`` (all three) and ``sessions`` (supervision sessions: Σ count of
        individual and group supervision). Rows of other kinds, and without a pairing, are
        left out. A row without ``hours`` adds 0 hours.

    Examples
    --------
    >>> import sgnet
    >>> acts = pd.DataFrame({
    ...     "activity_id": ["A1", "A2", "A3", "A4"], "pairing_id": ["PR1"] * 4,
    ...     "kind": ["individual_supervision", "group_supervision", "training", "station_visit"],
    ...     "start_date": pd.to_datetime(["2022-10-03", "2022-10-20", "2022-11-02",
    ...                                   "2022-11-03"]),
    ...     "target_org_id": ["S1", None, None, "S1"], "count": [3, 1, 1, 5],
    ...     "hours": [4.5, 2.0, 6.0, None]})
    >>> pairs = pd.DataFrame({"pairing_id": ["PR1"], "mentee_org_id": ["O2"]})
    >>> ds = sgnet.Dataset(organizations=None, people=None, pairings=pairs, targets=None,
    ...                    activities=acts)
    >>> supervision_hours(ds)[["pairing_id", "org_id", "supervision_hours", "total_hours",
    ...                        "sessions"]]
      pairing_id org_id  supervision_hours  total_hours  sessions
    0        PR1     O2                2.0          8.0         1
    1        PR1     S1                4.5          4.5         3
    """
    acts = ds.activities
    acts = acts[acts["kind"].isin(SUPERVISION_KINDS) & acts["pairing_id"].notna()].copy()
    columns = ["training_hours", "individual_hours", "group_hours", "supervision_hours",
               "total_hours", "sessions"]
    if acts.empty:
        keys = ["pairing_id", "org_id"] + (["period"] if period_type is not None else [])
        return pd.DataFrame(columns=keys + columns).astype(
            {c: "float64" for c in columns[:-1]} | {"sessions": "int64"})
    mentee = pd.Series(ds.pairings["mentee_org_id"].to_numpy(),
                       index=ds.pairings["pairing_id"].to_numpy())
    acts["org_id"] = acts["target_org_id"].fillna(acts["pairing_id"].map(mentee))
    keys = ["pairing_id", "org_id"]
    if period_type is not None:
        acts["period"] = _period_labels(acts["start_date"], period_type)
        keys.append("period")
    acts["hours"] = acts["hours"].astype("float64").fillna(0.0)
    acts["count"] = acts["count"].astype("float64").fillna(1.0)
    table = acts.pivot_table(index=keys, columns="kind", values="hours", aggfunc="sum",
                             fill_value=0.0, observed=True)
    table = table.reindex(columns=list(SUPERVISION_KINDS), fill_value=0.0)
    out = pd.DataFrame({
        "training_hours": table["training"],
        "individual_hours": table["individual_supervision"],
        "group_hours": table["group_supervision"],
    }, index=table.index)
    out["supervision_hours"] = out["individual_hours"] + out["group_hours"]
    out["total_hours"] = out["supervision_hours"] + out["training_hours"]
    sup = acts[acts["kind"] != "training"]
    sessions = sup.groupby(keys)["count"].sum() if len(sup) else pd.Series(dtype="float64")
    out["sessions"] = sessions.reindex(out.index, fill_value=0).fillna(0).astype("int64")
    out = out.round(1).reset_index()
    out.columns.name = None
    return out.sort_values(keys, ignore_index=True)


def _local_social_workers(ds: Dataset) -> pd.Series:
    """Per pairing: social workers of organizations in the mentee's county (not the mentor)."""
    orgs = ds.organizations.set_index("org_id")
    county = pd.Series(rollup(orgs["region"], "county").to_numpy(), index=orgs.index)
    workers = ds.people[ds.people["role"] == "social_worker"]
    per_county = workers["org_id"].map(county).value_counts()
    pairs = ds.pairings.set_index("pairing_id")
    mentee_county = pairs["mentee_org_id"].map(county)
    mentor_workers = workers["org_id"].value_counts()
    n = mentee_county.map(per_county).fillna(0)
    same = pairs["mentor_org_id"].map(county) == mentee_county  # 省内: leave the mentor out
    own = pairs["mentor_org_id"].map(mentor_workers).astype("float64").fillna(0.0)
    n = n.astype("float64") - own.where(same.fillna(False).astype(bool), 0.0)
    return n.astype("int64")


def _pairings_in_period(ds: Dataset) -> list:
    """Pairings of ``ds`` active in its period (or with activities in it); all without one."""
    pairs = ds.pairings
    if ds.period is None or "end_date" not in pairs:
        return pairs["pairing_id"].tolist()
    start, end = pd.Timestamp(ds.period.start), pd.Timestamp(ds.period.end)
    ends = pairs["end_date"]
    keep = ((pairs["start_date"] <= end) & (ends.isna() | (ends >= start))).fillna(True)
    keep |= pairs["pairing_id"].isin(ds.activities["pairing_id"].dropna())
    return pairs.loc[keep.to_numpy(dtype=bool), "pairing_id"].tolist()


def supervision_frequency(ds: Dataset) -> pd.DataFrame:
    """Supervision received per local social worker of each pairing (督导频率).

    Parameters
    ----------
    ds : Dataset
        Usually selected to a period.

    Returns
    -------
    pandas.DataFrame
        One row per pairing of ``ds`` (when ``ds`` is selected to a period, per pairing
        active in it or with activities in it): ``pairing_id``, ``sessions`` (Σ count of
        individual and group supervision), ``supervised`` (Σ participants: 人次
        supervised), ``hours`` (supervision hours), ``social_workers`` (people with role
        ``social_worker`` in organizations of the mentee's county, the mentor's own left
        out), ``per_worker``
        (``supervised`` / ``social_workers``: times each local social worker was supervised;
        NaN when there is none) and ``hours_per_worker``.

    Examples
    --------
    >>> import sgnet
    >>> orgs = pd.DataFrame({"org_id": ["O1", "O2", "S1"],
    ...                      "region": ["441900", "451225", "451225"]})
    >>> people = pd.DataFrame({"person_id": ["P1", "P2", "P3", "P4"],
    ...                        "org_id": ["O1", "O2", "S1", "S1"],
    ...                        "role": ["supervisor", "social_worker", "social_worker",
    ...                                 "social_worker"]})
    >>> pairs = pd.DataFrame({"pairing_id": ["PR1"], "mentor_org_id": ["O1"],
    ...                       "mentee_org_id": ["O2"]})
    >>> acts = pd.DataFrame({"pairing_id": ["PR1", "PR1"],
    ...                      "kind": ["individual_supervision", "group_supervision"],
    ...                      "count": [3, 1], "participants": [3, 6], "hours": [3.0, 2.0]})
    >>> ds = sgnet.Dataset(organizations=orgs, people=people, pairings=pairs, targets=None,
    ...                    activities=acts)
    >>> supervision_frequency(ds).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'pairing_id': 'PR1', 'sessions': 4, 'supervised': 9, 'hours': 5.0, 'social_workers': 3,
     'per_worker': 3.0, 'hours_per_worker': 1.67}
    """
    acts = ds.activities
    sup = acts[acts["kind"].isin(["individual_supervision", "group_supervision"])]
    grouped = sup.groupby("pairing_id")
    ids = _pairings_in_period(ds)
    out = pd.DataFrame(index=pd.Index(ids, name="pairing_id"))
    out["sessions"] = grouped["count"].sum().reindex(ids, fill_value=0).fillna(0).astype("int64")
    out["supervised"] = (grouped["participants"].sum().reindex(ids, fill_value=0)
                         .fillna(0).astype("int64"))
    out["hours"] = (grouped["hours"].sum().reindex(ids, fill_value=0).astype("float64")
                    .fillna(0.0).round(1))
    workers = _local_social_workers(ds).reindex(ids, fill_value=0)
    out["social_workers"] = workers.astype("int64")
    base = workers.where(workers > 0).astype("float64")
    out["per_worker"] = (out["supervised"] / base).round(2)
    out["hours_per_worker"] = (out["hours"] / base).round(2)
    return out.reset_index()


def outcomes(ds: Dataset, period: str | Period) -> pd.DataFrame:
    """Outcomes (成果) per pairing and kind: in the period, year to date, since the start.

    Parameters
    ----------
    ds : Dataset
        Not selected by period; it may be selected by region or pairing.
    period : str or Period

    Returns
    -------
    pandas.DataFrame
        One row per pairing and milestone kind with a milestone or a target:
        ``pairing_id, kind, in_period, year_to_date, cumulative`` (Σ count of milestones
        dated in the period; from 1 January of the period's end year to its end; from the
        start of the data to the period's end) and ``target`` (that year's target for the
        kind, NaN when none).

    Examples
    --------
    >>> import sgnet
    >>> miles = pd.DataFrame({"pairing_id": ["PR1", "PR1", "PR1"],
    ...                       "kind": ["station_built", "talent", "talent"],
    ...                       "date": pd.to_datetime(["2021-12-01", "2022-05-01", "2022-11-03"]),
    ...                       "count": [1, 5, 3]})
    >>> targets = pd.DataFrame({"pairing_id": ["PR1"], "metric": ["talent"], "year": [2022],
    ...                         "value": [10.0]})
    >>> ds = sgnet.Dataset(organizations=None, people=None, pairings=None, targets=targets,
    ...                    activities=None, milestones=miles)
    >>> outcomes(ds, "2022Q4")
      pairing_id           kind  in_period  year_to_date  cumulative  target
    0        PR1  station_built          0             0           1     NaN
    1        PR1         talent          3             8           8    10.0
    """
    p = parse_period(period)
    miles = ds.milestones
    miles = miles[miles["date"] <= pd.Timestamp(p.end)]
    count = miles["count"].astype("float64").fillna(1.0)
    frames = {
        "in_period": miles["date"] >= pd.Timestamp(p.start),
        "year_to_date": miles["date"] >= pd.Timestamp(p.end.year, 1, 1),
        "cumulative": pd.Series(True, index=miles.index),
    }
    keys = ["pairing_id", "kind"]
    out = pd.DataFrame({name: count[mask].groupby([miles.loc[mask, k] for k in keys]).sum()
                        for name, mask in frames.items()})
    targets = ds.targets[(ds.targets["year"] == p.end.year)
                         & ds.targets["metric"].isin(MILESTONE_KINDS)
                         & ~ds.targets["metric"].isin(["other"])]
    target = targets.set_index(["pairing_id", "metric"])["value"].astype("float64")
    target.index.names = keys
    index = out.index.union(target.index) if len(out) else target.index
    out = out.reindex(index).fillna(0).astype("int64")
    out["target"] = target.reindex(index)
    out = out.reset_index()
    out["_order"] = out["kind"].map({k: i for i, k in enumerate(MILESTONE_KINDS)})
    out = out.sort_values(["pairing_id", "_order"], ignore_index=True)
    return out.drop(columns="_order")


def _pct(value: pd.Series, base: pd.Series) -> pd.Series:
    base = base.astype("float64")
    out = (value.astype("float64") - base) / base.where(base > 0) * 100
    return out.round(1)


def change(ds: Dataset, period: str | Period,
           measure: Callable[[Dataset], pd.DataFrame]) -> pd.DataFrame:
    """A measure in a period beside the previous period, the year before and the cumulative.

    Parameters
    ----------
    ds : Dataset
        Not selected by period; it may be selected by region or pairing.
    period : str or Period
    measure : callable
        Dataset → DataFrame with columns ``metric`` and ``value`` (as
        :func:`sgnet.metrics.headline`), applied to ``ds`` selected to each period.

    Returns
    -------
    pandas.DataFrame
        One row per metric: ``metric, value, previous, previous_period, year_before,
        year_before_period, cumulative, change_previous, pct_previous, change_year,
        pct_year``. ``cumulative`` (累计) is the measure from the start of the data (each
        pairing's first record) to the period's end. ``pct_*`` is the change in percent of
        the base, NaN when the base is 0 (no percentage of nothing, never inf). A base the
        records do not cover whole (they start after its first day) is missing (NaN), and so
        are its changes.

    Examples
    --------
    >>> import sgnet
    >>> acts = pd.DataFrame({"start_date": pd.to_datetime(
    ...     ["2021-10-01", "2022-08-01", "2022-10-03", "2022-11-20"]), "count": [2, 5, 3, 1]})
    >>> ds = sgnet.Dataset(organizations=None, people=None, pairings=None, targets=None,
    ...                    activities=acts)
    >>> def total(d):
    ...     return pd.DataFrame({"metric": ["count"], "value": [int(d.activities["count"].sum())]})
    >>> change(ds, "2022Q4", total)[["value", "previous", "year_before", "cumulative",
    ...                             "pct_previous", "pct_year"]]
       value  previous  year_before  cumulative  pct_previous  pct_year
    0      4       5.0          2.0          11         -20.0     100.0
    """
    p = parse_period(period)
    prev, before = previous_period(p), year_before(p)
    first = ds.activities["start_date"].min()
    first = first.date() if pd.notna(first) else p.start
    since = parse_period(f"{min(first, p.start).isoformat()}..{p.end.isoformat()}")

    def values(q: Period) -> pd.Series:
        m = measure(ds.select(period=q))
        return pd.Series(m["value"].to_numpy(), index=m["metric"].to_numpy())

    def base(q: Period) -> pd.Series:  # a base the records do not cover whole is missing
        if pd.isna(start) or start.date() > q.start:
            return pd.Series(float("nan"), index=now.index)
        return values(q).reindex(now.index).astype("float64")

    start = ds.activities["start_date"].min()
    now = values(p)
    out = pd.DataFrame({"metric": now.index, "value": now.to_numpy()})
    out["previous"] = base(prev).to_numpy()
    out["previous_period"] = prev.label
    out["year_before"] = base(before).to_numpy()
    out["year_before_period"] = before.label
    out["cumulative"] = values(since).reindex(now.index).to_numpy()
    out["change_previous"] = out["value"] - out["previous"]
    out["pct_previous"] = _pct(out["value"], out["previous"])
    out["change_year"] = out["value"] - out["year_before"]
    out["pct_year"] = _pct(out["value"], out["year_before"])
    return out


def silence(ds: Dataset, period: str | Period) -> pd.DataFrame:
    """Reporting completeness per pairing: months without any record, the last record.

    Parameters
    ----------
    ds : Dataset
        Not selected by period (the last record may lie before it).
    period : str or Period

    Returns
    -------
    pandas.DataFrame
        One row per pairing active in the period: ``pairing_id``, ``months`` (months of the
        period in the pairing's active span, from its start to its end or the period's end),
        ``reported`` (of those, months with at least one activity or milestone),
        ``rate`` (reported / months), ``silent_months`` (their labels, ``;``-separated),
        ``longest_silence`` (the longest run of such months in a row, counting the months
        since the last record before the period), ``last_record`` (date of the latest
        record up to the period's end, NaT when none) and ``silent`` (``longest_silence`` ≥
        :data:`SILENT_MONTHS`).

    Examples
    --------
    PR1 reported in October only, PR2 (started in November) in December only:

    >>> import sgnet
    >>> pairs = pd.DataFrame({"pairing_id": ["PR1", "PR2"],
    ...                       "start_date": pd.to_datetime(["2022-01-01", "2022-11-15"]),
    ...                       "end_date": pd.NaT})
    >>> acts = pd.DataFrame({"pairing_id": ["PR1", "PR2"],
    ...                      "start_date": pd.to_datetime(["2022-10-09", "2022-12-01"])})
    >>> ds = sgnet.Dataset(organizations=None, people=None, pairings=pairs, targets=None,
    ...                    activities=acts)
    >>> silence(ds, "2022Q4")[["pairing_id", "months", "reported", "silent_months",
    ...                        "longest_silence", "silent"]]
      pairing_id  months  reported    silent_months  longest_silence  silent
    0        PR1       3         1  2022-11;2022-12                2    True
    1        PR2       2         1          2022-11                1   False
    """
    p = parse_period(period)
    end = pd.Timestamp(p.end)
    dates = pd.concat([
        ds.activities[["pairing_id", "start_date"]].rename(columns={"start_date": "date"}),
        ds.milestones[["pairing_id", "date"]],
    ], ignore_index=True)
    dates = dates[dates["pairing_id"].notna() & (dates["date"] <= end)]
    months_with = set(zip(dates["pairing_id"], dates["date"].dt.strftime("%Y-%m"),
                          strict=True))
    last = dates.groupby("pairing_id")["date"].max()
    rows = []
    for pair in ds.pairings.itertuples(index=False):
        first = max(pd.Timestamp(p.start), pair.start_date)
        stop = min(end, pair.end_date) if pd.notna(pair.end_date) else end
        if first > stop:
            continue
        span = pd.period_range(first, stop, freq="M").strftime("%Y-%m").tolist()
        quiet = [m for m in span if (pair.pairing_id, m) not in months_with]
        before = dates[(dates["pairing_id"] == pair.pairing_id)
                       & (dates["date"] < pd.Timestamp(p.start))]["date"].max()
        run = longest = 0
        if pd.notna(before):  # quiet months between the last record and the period
            run = max(0, (first.year - before.year) * 12 + first.month - before.month - 1)
        elif pair.start_date < pd.Timestamp(p.start):
            start = pair.start_date
            run = max(0, (first.year - start.year) * 12 + first.month - start.month)
        for m in span:
            run = run + 1 if m in quiet else 0
            longest = max(longest, run)
        rows.append({"pairing_id": pair.pairing_id, "months": len(span),
                     "reported": len(span) - len(quiet),
                     "rate": round((len(span) - len(quiet)) / len(span), 3),
                     "silent_months": ";".join(quiet), "longest_silence": longest,
                     "last_record": last.get(pair.pairing_id, pd.NaT)})
    out = pd.DataFrame(rows, columns=["pairing_id", "months", "reported", "rate",
                                      "silent_months", "longest_silence", "last_record"])
    out["last_record"] = pd.to_datetime(out["last_record"])
    out["silent"] = out["longest_silence"] >= SILENT_MONTHS
    for col in ("months", "reported", "longest_silence"):
        out[col] = out[col].astype("int64")
    return out.sort_values("pairing_id", ignore_index=True)

