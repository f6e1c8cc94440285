"""Metrics on the tiny dataset of conftest.py; every expected number is worked out by hand."""

import pytest

import sgnet
from sgnet import metrics


@pytest.fixture
def tiny(tiny_dir):
    return sgnet.load(tiny_dir)


def test_headline_q2(tiny):
    q2 = tiny.select(period="2022Q2")  # A2, A3, A4, A6
    values = dict(zip(*metrics.headline(q2)[["metric", "value"]].T.values, strict=True))
    assert values == {
        "trainings": 2, "people_trained": 50, "individual_supervision": 4,
        "people_supervised": 4, "group_supervision": 0, "station_visits": 3,
        "household_visits": 1,  # A6 has no count: it defaults to 1
        # program measures: A4's 4 hours; no stay; P1 on 5, 6 May and 30 June, P2 on 5, 6 and
        # 20 May (all working days: 7 May was the Saturday worked in lieu of Labour Day);
        # M1 on 15 June: one outcome recorded
        "supervision_hours": 4, "stays": 0, "onsite_working_days": 6, "milestones": 1,
    }
    assert all(type(v) is int for v in values.values())


def test_activity_totals_by_month(tiny):
    t = metrics.activity_totals(tiny.select(period="2022"), by=("month", "kind"))
    may_training = t[(t["month"] == "2022-05") & (t["kind"] == "training")].iloc[0]
    assert (may_training["activities"], may_training["count"],
            may_training["participants"], may_training["hours"]) == (1, 2, 50, 12.0)
    assert t["activities"].sum() == 6  # A7 is in 2021


def test_by_pairing_and_region(tiny):
    year = tiny.select(period="2022")
    p = metrics.by_pairing(year)
    pr2 = p[p["pairing_id"] == "PR2"].iloc[0]
    assert (pr2["mentor"], pr2["mentee"], pr2["kind"], pr2["participants"]) == (
        "东部社工中心", "威宁某机构", "training", 30)
    r = metrics.by_region(year)
    assert dict(zip(r["province"] + r["kind"], r["count"], strict=True)) == {
        "450000training": 3, "450000station_visit": 3, "450000individual_supervision": 4,
        "450000household_visit": 1, "520000training": 1,
    }
    assert set(r["region_name"]) == {"广西壮族自治区", "贵州省"}


def test_progress_year_to_date_against_prorated_target(tiny):
    p = metrics.progress(tiny, "2022Q2").set_index(["pairing_id", "metric"])
    share = 181 / 365  # 2022-01-01 .. 2022-06-30
    row = p.loc[("PR1", "training")]  # A1 (1) + A2 (2); A7 is in 2021
    assert (row["actual"], row["target"], row["status"]) == (3, 4.0, "on_track")
    assert row["expected"] == pytest.approx(round(4 * share, 1))
    assert row["share"] == pytest.approx(0.75)
    assert p.loc[("PR1", "training_participants"), "actual"] == 70
    assert p.loc[("PR1", "station_visit"), "status"] == "behind"  # 3 < 10 × 0.496
    assert p.loc[("PR2", "training"), "actual"] == 0  # A5 is on 2022-07-01, after Q2
    assert metrics.progress(tiny, "2022").loc[3, "status"] == "behind"  # PR2: 1 of 2
    assert metrics.progress(tiny, "2022-07").set_index(["pairing_id", "metric"]).loc[
        ("PR2", "training"), "actual"] == 1


def test_progress_done_and_behind_at_year_end(tmp_path):
    from conftest import tiny_frames, write_csv_dataset

    frames = tiny_frames()
    frames["targets"].loc[2, "value"] = "3"  # PR1 station_visit: exactly the 3 visited
    ds = sgnet.load(write_csv_dataset(tmp_path / "d", frames))
    p = metrics.progress(ds, "2022").set_index(["pairing_id", "metric"])
    assert p.loc[("PR1", "station_visit"), "status"] == "done"
    assert p.loc[("PR1", "training"), "status"] == "behind"  # 3 of 4; expected = 4 at year end
    assert p.loc[("PR1", "training"), "expected"] == 4.0


def test_by_leader_counts_each_lead(tiny):
    t = metrics.by_leader(tiny.select(period="2022")).set_index("person_id")
    assert t.loc["P1", "activities"] == 3  # A1, A2, A4
    assert t.loc["P2", "count"] == 2 + 3 + 1  # A2, A3, A5
    assert t.loc["P1", "name"] == "甄督导"
