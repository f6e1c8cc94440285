"""Program measures (issue #15): days on site, supervision hours, outcomes, change, silence.

Each measure is checked on hand-worked values and against an independent computation written
here in plain Python (a day-by-day loop with ``chinese_calendar.is_workday`` for days on site,
plain pandas on the CSV files for the rest).
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections import defaultdict

import chinese_calendar
import pandas as pd
import pytest

import sgnet
from sgnet import metrics
from sgnet.onsite import is_working_day
from sgnet.paths import SAMPLE_DATA


@pytest.fixture(scope="module")
def sample():
    return sgnet.load()


@pytest.fixture
def tiny(tiny_dir):
    return sgnet.load(tiny_dir)


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DATA / f"{name}.csv", dtype=str, keep_default_na=False)


# ----------------------------------------------------------------------------- days on site

def _by_hand(year: int):
    """Days on site, a day at a time: (pairing, person) → set of dates; and stays."""
    days: dict[tuple[str, str], set[dt.date]] = defaultdict(set)
    stays: dict[tuple[str, str], list[int]] = defaultdict(list)  # working days per stay
    for r in _csv("activities").itertuples():
        if not r.pairing_id or not r.lead_person_ids:
            continue
        if r.kind != "stay" and r.mode == "online":
            continue
        start = dt.date.fromisoformat(r.start_date)
        end = dt.date.fromisoformat(r.end_date) if r.end_date else start
        covered = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        for person in r.lead_person_ids.split(";"):
            days[(r.pairing_id, person)].update(d for d in covered if d.year == year)
            if r.kind == "stay" and start.year == year:
                stays[(r.pairing_id, person)].append(
                    sum(chinese_calendar.is_workday(d) for d in covered))
    return days, stays


@pytest.mark.parametrize("year", [2022, 2023])
def test_onsite_days_match_a_day_by_day_loop(sample, year):
    days, stays = _by_hand(year)
    expected = {}
    for key in set(days) | set(stays):
        work = sum(chinese_calendar.is_workday(d) for d in days[key])
        expected[key] = (len(days[key]), work, len(stays[key]),
                         sum(w < 10 for w in stays[key]), work >= 40)
    expected = {k: v for k, v in expected.items() if v[0] or v[2]}
    got = metrics.onsite_days(sample, year=year)
    assert got.columns.tolist() == ["pairing_id", "person_id", "days", "working_days", "stays",
                                    "short_stays", "reached"]
    found = {(r.pairing_id, r.person_id): (r.days, r.working_days, r.stays, r.short_stays,
                                           r.reached) for r in got.itertuples()}
    assert found == expected


@pytest.mark.parametrize("year", [2022, 2023])
def test_onsite_summary_matches_the_loop(sample, year):
    days, _ = _by_hand(year)
    acts = _csv("activities")
    trips = acts[(acts["kind"] == "stay") & acts["start_date"].str.startswith(str(year))]
    got = metrics.onsite_summary(sample, year=year).set_index("pairing_id")
    for pid, row in got.iterrows():
        people = {p for (q, p), ds in days.items() if q == pid and ds}
        work = {p: sum(chinese_calendar.is_workday(d) for d in days[(pid, p)]) for p in people}
        mine = trips[trips["pairing_id"] == pid]
        short = 0
        for t in mine.itertuples():
            s, e = dt.date.fromisoformat(t.start_date), dt.date.fromisoformat(t.end_date)
            n = sum(chinese_calendar.is_workday(s + dt.timedelta(days=i))
                    for i in range((e - s).days + 1))
            short += n < 10
        reached = sum(w >= 40 for w in work.values())
        assert (row["people"], row["working_days"], row["reached"], row["stays"],
                row["short_stays"], row["rule_met"]) == (
            len(people), sum(work.values()), reached, len(mine), short, reached >= 2), pid


def test_seed_stay_in_luocheng_is_short(sample):
    # 鹏星's supervisors in 罗城, Sunday 23 to Friday 28 October 2022: 6 days, 5 working days
    stay = sample.activities[(sample.activities["kind"] == "stay")
                             & (sample.activities["pairing_id"] == "PR14")].iloc[0]
    assert (stay["start_date"], stay["end_date"]) == (pd.Timestamp("2022-10-23"),
                                                      pd.Timestamp("2022-10-28"))
    s = metrics.onsite_summary(sample.select(pairing="PR14"), year=2022).iloc[0]
    assert (s["stays"], s["short_stays"], s["rule_met"]) == (1, 1, False)
    per = metrics.onsite_days(sample.select(pairing="PR14"), year=2022)
    assert set(per["person_id"]) == {"P0001", "P0002", "P0003"}


def test_sample_has_pairings_that_miss_and_meet_the_rule(sample):
    s = metrics.onsite_summary(sample, year=2023).set_index("pairing_id")["rule_met"]
    assert s[["PR01", "PR03", "PR14"]].all() and not s[["PR09", "PR13", "PR15"]].any()


def test_overlapping_records_count_once(tiny_dir):
    acts = pd.read_csv(tiny_dir / "activities.csv", dtype=str, keep_default_na=False)
    extra = pd.DataFrame([
        {"activity_id": "S1", "kind": "驻点", "start_date": "2022-05-04",
         "end_date": "2022-05-09", "pairing_id": "PR1", "host_org_id": "O1",
         "target_org_id": "O2", "lead_person_ids": "P1", "count": "", "participants": "",
         "hours": ""},
        {"activity_id": "S2", "kind": "stay", "start_date": "2022-05-08",
         "end_date": "2022-05-10", "pairing_id": "PR1", "host_org_id": "O1",
         "target_org_id": "O2", "lead_person_ids": "P1", "count": "", "participants": "",
         "hours": ""},
    ])
    pd.concat([acts, extra]).to_csv(tiny_dir / "activities.csv", index=False)
    ds = sgnet.load(tiny_dir)
    p1 = metrics.onsite_days(ds, year=2022).set_index("person_id").loc["P1"]
    # P1: 10 Feb (A1), 4..10 May (S1, S2 and A2 on 5-6 May overlap), 30 June (A4);
    # 2022: 4 May is a Labour Day holiday, 7 May the Saturday worked in lieu, 8 May a Sunday.
    # Working: 10 Feb, 5, 6, 7, 9, 10 May, 30 June = 7. S1 (4..9 May) has 4 working days
    # (5, 6, 7, 9 May), S2 (8..10 May) 2 (9, 10 May): both short.
    assert (p1["days"], p1["working_days"], p1["stays"], p1["short_stays"]) == (9, 7, 2, 2)


def test_leader_lists_with_blanks_and_stray_separators(sample):
    """Each person of ``lead_person_ids`` is on site once, stripped; ``;`` alone, blanks and
    empty entries put nobody there, and no record leaves a frame of the wrong shape."""
    acts = pd.DataFrame({
        "activity_id": ["S1", "A1", "A2", "A3"], "kind": ["stay", "training", "training",
                                                         "training"],
        "pairing_id": ["PR1"] * 4, "lead_person_ids": ["P1", "P1; P2", ";", " ; P3 ;"],
        "start_date": pd.to_datetime(["2022-10-07", "2022-10-09", "2022-10-10", "2022-10-11"]),
        "end_date": pd.to_datetime(["2022-10-09", None, None, None]), "mode": ["onsite"] * 4})
    rows = [("P1", 7), ("P1", 8), ("P1", 9), ("P2", 9), ("P3", 11)]  # person, day of October
    ds = sgnet.Dataset.from_tables({**sample.tables, "activities": acts.assign(
        host_org_id=None, target_org_id=None, count=1)})
    days = metrics.person_days(ds, "2022-10-01", "2022-10-31")
    assert list(zip(days["person_id"], days["date"].dt.day, strict=True)) == rows
    for none in (acts.iloc[2:3], acts.iloc[0:0]):
        ds = sgnet.Dataset.from_tables({**sample.tables, "activities": none.assign(
            host_org_id=None, target_org_id=None, count=1)})
        days = metrics.person_days(ds, "2022-10-01", "2022-10-31")
        assert days.empty and list(days.columns) == ["pairing_id", "person_id", "date",
                                                      "working"]


def test_a_year_the_calendar_does_not_cover_falls_back_to_weekdays():
    days = pd.Series(pd.to_datetime(["2031-01-01", "2031-01-04"]))  # a Wednesday, a Saturday
    with pytest.warns(UserWarning, match="no holidays for 2031: Monday to Friday"):
        assert is_working_day(days).tolist() == [True, False]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert is_working_day(pd.Series(pd.to_datetime(["2023-01-02"]))).tolist() == [False]


# ----------------------------------------------------------------------------- supervision

def test_supervision_hours_on_the_tiny_dataset(tiny):
    got = metrics.supervision_hours(tiny.select(period="2022"))
    rows = {(r.pairing_id, r.org_id): (r.training_hours, r.individual_hours, r.group_hours,
                                       r.supervision_hours, r.total_hours, r.sessions)
            for r in got.itertuples()}
    # PR1 → O2: trainings A1 3 h + A2 12 h, individual A4 4 h (4 sessions); A7 is 2021.
    # PR2 → O4: training A5 6 h.
    assert rows == {("PR1", "O2"): (15.0, 4.0, 0.0, 4.0, 19.0, 4),
                    ("PR2", "O4"): (6.0, 0.0, 0.0, 0.0, 6.0, 0)}


def test_supervision_hours_by_period_match_plain_pandas(sample):
    acts = _csv("activities")
    acts = acts[acts["kind"].isin(["individual_supervision", "group_supervision"])
                & (acts["pairing_id"] != "")]
    hours = pd.to_numeric(acts["hours"]).fillna(0)
    month = acts["start_date"].str[:7]
    expected = hours.groupby([acts["pairing_id"], month]).sum().round(1)
    got = metrics.supervision_hours(sample, period_type="month")
    got = got.groupby(["pairing_id", "period"])["supervision_hours"].sum().round(1)
    got = got[got > 0]
    assert got.to_dict() == pytest.approx(expected[expected > 0].to_dict())


def test_supervision_frequency_per_local_social_worker(tiny):
    f = metrics.supervision_frequency(tiny).set_index("pairing_id")
    # PR1: A4 (4 supervised) and A7 (8): 12 人次; 罗城 has one social worker (P3)
    assert (f.loc["PR1", "supervised"], f.loc["PR1", "social_workers"],
            f.loc["PR1", "per_worker"]) == (12, 1, 12.0)
    assert math.isnan(f.loc["PR2", "per_worker"])  # 威宁: no social worker recorded


# ----------------------------------------------------------------------------- outcomes

def test_milestones_load_and_a_dataset_without_them_loads_as_before(tiny_dir):
    ds = sgnet.load(tiny_dir)
    assert ds.milestones["count"].tolist() == [1, 5]  # the empty count is 1
    assert ds.milestones["status"].tolist()[0] == "approved"
    (tiny_dir / "milestones.csv").unlink()
    ds = sgnet.load(tiny_dir)
    assert ds.milestones.empty and "kind" in ds.milestones.columns


def test_chinese_milestone_file_headers_and_values(tiny_dir):
    (tiny_dir / "milestones.csv").unlink()
    pd.DataFrame({"成果编号": ["M9"], "结对编号": ["PR1"], "成果类型": ["示范社工站"],
                  "日期": ["2022年6月1日"], "数量": ["2"], "状态": ["已审核"]}).to_csv(
        tiny_dir / "成果.csv", index=False)
    m = sgnet.load(tiny_dir).milestones
    assert m[["kind", "count", "status"]].values.tolist() == [["station_built", 2, "approved"]]


def test_progress_counts_milestone_targets(tiny_dir):
    targets = pd.read_csv(tiny_dir / "targets.csv", dtype=str)
    targets.loc[len(targets)] = ["PR1", "talent", "2022", "8"]
    targets.to_csv(tiny_dir / "targets.csv", index=False)
    p = metrics.progress(sgnet.load(tiny_dir), "2022Q3").set_index("metric")
    # M2: talent, 5 people on 1 September 2022
    assert (p.loc["talent", "actual"], p.loc["talent", "status"]) == (5, "behind")
    assert metrics.progress(sgnet.load(tiny_dir), "2022Q2").set_index(
        "metric").loc["talent", "actual"] == 0


def test_milestone_progress_matches_plain_pandas(sample):
    miles, targets = _csv("milestones"), _csv("targets")
    kinds = {"station_built", "agency_cultivated", "talent"}
    targets = targets[targets["metric"].isin(kinds) & (targets["year"] == "2023")]
    ytd = miles[(miles["date"] >= "2023-01-01") & (miles["date"] <= "2023-06-30")]
    sums = ytd.assign(count=ytd["count"].astype(int)).groupby(["pairing_id", "kind"])["count"]
    sums = sums.sum().to_dict()
    got = metrics.progress(sample, "2023Q2")
    got = got[got["metric"].isin(kinds)]
    assert len(got) == len(targets) == 39
    for r in got.itertuples():
        assert r.actual == sums.get((r.pairing_id, r.metric), 0), (r.pairing_id, r.metric)


def test_outcomes_in_period_year_and_since_the_start(sample):
    o = metrics.outcomes(sample, "2023Q4").set_index(["pairing_id", "kind"])
    miles = _csv("milestones")
    miles["count"] = miles["count"].astype(int)
    pr01 = miles[(miles["pairing_id"] == "PR01") & (miles["kind"] == "talent")]
    assert o.loc[("PR01", "talent"), "cumulative"] == pr01["count"].sum()
    assert o.loc[("PR01", "talent"), "in_period"] == pr01.loc[
        pr01["date"] >= "2023-10-01", "count"].sum()
    assert o.loc[("PR01", "talent"), "target"] == 10.0


# ----------------------------------------------------------------------------- change

def _plain(acts: pd.DataFrame, start: str, end: str) -> dict[str, int]:
    q = acts[(acts["start_date"] >= start) & (acts["start_date"] <= end)]
    n = pd.to_numeric(q["count"]).fillna(1)
    return {"trainings": int(n[q["kind"] == "training"].sum()),
            "station_visits": int(n[q["kind"] == "station_visit"].sum()),
            "stays": int((q["kind"] == "stay").sum())}


def test_compare_matches_plain_pandas(sample):
    acts = _csv("activities").replace("", None)
    c = metrics.compare(sample, "2023Q1").set_index("metric")
    now = _plain(acts, "2023-01-01", "2023-03-31")
    prev = _plain(acts, "2022-10-01", "2022-12-31")
    before = _plain(acts, "2022-01-01", "2022-03-31")
    total = _plain(acts, "2000-01-01", "2023-03-31")
    for m in now:
        row = c.loc[m]
        assert (row["value"], row["previous"], row["year_before"], row["cumulative"]) == (
            now[m], prev[m], before[m], total[m]), m
        if prev[m]:
            assert row["pct_previous"] == pytest.approx(
                round((now[m] - prev[m]) / prev[m] * 100, 1))
    assert (c["previous_period"].iloc[0], c["year_before_period"].iloc[0]) == ("2022Q4",
                                                                                "2022Q1")


def test_compare_gives_no_percentage_of_nothing(sample):
    c = metrics.compare(sample.select(pairing="PR14"), "2022Q4").set_index("metric")
    # PR14 began on 23 October 2022: its records do not cover 2022Q3 or 2021Q4, so there
    # is no base at all (missing, not 0), and no percentage
    assert math.isnan(c.loc["trainings", "previous"])
    assert math.isnan(c.loc["trainings", "year_before"])
    assert math.isnan(c.loc["trainings", "pct_previous"])
    assert math.isnan(c.loc["trainings", "pct_year"])
    assert not c[["pct_previous", "pct_year"]].isin([float("inf"), float("-inf")]).any().any()


def test_previous_and_year_before_periods():
    assert metrics.previous_period("2023-01").label == "2022-12"
    assert metrics.previous_period("2023H1").label == "2022H2"
    assert metrics.previous_period("2023").label == "2022"
    assert metrics.year_before("2024-02").label == "2023-02"


# ----------------------------------------------------------------------------- silence

def test_silent_pairing_of_the_sample(sample):
    s = metrics.silence(sample, "2022Q4").set_index("pairing_id")
    assert s.index[s["silent"]].tolist() == ["PR15"]
    pr15 = s.loc["PR15"]
    assert pr15["silent_months"] == "2022-10;2022-11;2022-12"
    assert pr15["longest_silence"] == 5  # August 2022 to December 2022
    assert pr15["last_record"] == pd.Timestamp("2022-07-11")
    assert (pr15["months"], pr15["reported"], pr15["rate"]) == (3, 0, 0.0)


def test_silence_matches_plain_months(sample):
    acts, miles = _csv("activities"), _csv("milestones")
    months = defaultdict(set)
    for pid, date in zip(list(acts["pairing_id"]) + list(miles["pairing_id"]),
                         list(acts["start_date"]) + list(miles["date"]), strict=True):
        months[pid].add(date[:7])
    s = metrics.silence(sample, "2023").set_index("pairing_id")
    for pid, row in s.iterrows():
        start = _csv("pairings").set_index("pairing_id").loc[pid, "start_date"][:7]
        end = _csv("pairings").set_index("pairing_id").loc[pid, "end_date"][:7] or "2023-12"
        span = [m for m in pd.period_range("2023-01", "2023-12", freq="M").strftime("%Y-%m")
                if max(start, "2023-01") <= m <= min(end, "2023-12")]
        quiet = [m for m in span if m not in months[pid]]
        assert (row["months"], row["reported"], row["silent_months"]) == (
            len(span), len(span) - len(quiet), ";".join(quiet)), pid
