"""sgnet.extract: numbers, units and totals."""

from __future__ import annotations

import pytest
from extract_helpers import DATA, one, value

from sgnet.extract import extract_files, extract_text

# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10月5日,督导为十三人开展培训。", 13),
        ("10月5日,督导为二十余名社工开展培训。", 20),
        ("10月5日,督导为20多名社工开展培训。", 20),
        ("10月5日,督導為三十餘名社工開展培訓。", 30),
        ("10月5日,督导开展培训,一百零八人参加。", 108),
        ("10月5日,督导开展培训,近50名社工参加。", 50),
    ],
)
def test_numeral_forms(text, expected):
    row = one(extract_text(text, year=2022), "training")
    assert value(row["participants"]) == expected
    assert value(row["count"]) == 1


@pytest.mark.parametrize(
    ("clause", "kind", "count", "participants"),
    [
        ("进行个督13人", "individual_supervision", 1, 13),
        ("团体督导5次", "group_supervision", 5, None),
        ("走访社工站点5个", "station_visit", 5, None),
        ("社工访谈14人", "interview", 14, None),
        ("走访慰问特困家庭5户", "household_visit", 5, None),
        ("开展团督2次,覆盖社工17人", "group_supervision", 2, 17),
        ("举办经验分享会,三十二名社工参加", "sharing_session", 1, 32),
        # one-to-one: five pairs are five mentees (blind3 judgement 12, DESIGN: participants = mentees)
        ("五对督导与社工举行师徒结对仪式", "mentoring", 5, 5),
    ],
)
def test_counts_versus_people(clause, kind, count, participants):
    row = one(extract_text(f"6月6日,督导团{clause}。", year=2023), kind)
    assert value(row["count"]) == count
    assert value(row["participants"]) == participants
    assert row["start_date"] == "2023-06-06"


def test_total_wins_and_breakdown_ignored():
    text = ("10月19日到21日,督导来到望谟县。三天里我们一共家访了十四户,其中留守儿童家庭八户、"
            "独居老人六户。我们都在车上做一次小组督导,三天下来一共做了六次,每次四五个社工参加。")
    df = extract_text(text, year=2021)
    assert value(one(df, "household_visit")["count"]) == 14
    assert value(one(df, "group_supervision")["count"]) == 6


def test_stations_named_are_counted():
    df = extract_text("3月15日,督导一行深入三江镇、寨岗镇社工站,开展团督2次。", year=2023)
    assert value(one(df, "station_visit")["count"]) == 2


# ---------------------------------------------------------------- aggregates


def test_aggregates_have_no_date():
    df = extract_text("自2022年9月结对以来,已累计开展培训4期,培训156人次。", year=2023)
    row = one(df, "training")
    assert (value(row["count"]), value(row["participants"]), row["start_date"]) == (4, 156, "")
    assert "aggregate" in row["note"]
    df = extract_files([DATA / "seed_004_fb969b08d7965303.txt"])
    assert df["kind"].tolist() == ["training"]
    assert value(df["count"].iloc[0]) == 8
