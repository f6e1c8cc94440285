import pandas as pd
import pytest

import sgnet


@pytest.fixture
def tiny(tiny_dir):
    return sgnet.load(tiny_dir)


@pytest.mark.parametrize(
    ("region", "activities"),
    [
        ("450000", {"A1", "A2", "A3", "A4", "A6", "A7"}),  # province
        ("451200", {"A1", "A2", "A3", "A4", "A6", "A7"}),  # city
        ("451225", {"A1", "A2", "A3", "A4", "A6", "A7"}),  # county
        ("罗城", {"A1", "A2", "A3", "A4", "A6", "A7"}),  # a place name
        ("520000", {"A5"}),
        ("440000", set()),  # the mentor's province: help goes elsewhere
    ],
)
def test_select_region_at_any_level(tiny, region, activities):
    assert set(tiny.select(region=region).activities["activity_id"]) == activities


def test_select_period_pairing_and_chaining(tiny):
    sel = tiny.select(period="2022Q2").select(pairing="PR1")
    assert set(sel.activities["activity_id"]) == {"A2", "A3", "A4", "A6"}
    assert sel.period.label == "2022Q2" and sel.pairing == "PR1"
    assert set(sel.targets["pairing_id"]) == {"PR1"}
    assert len(tiny.activities) == 7  # the original is unchanged


def test_region_of_activity_is_where_help_goes(tiny):
    region = tiny.activities.set_index("activity_id")["region"]
    assert region["A3"] == "451225" and region["A5"] == "520526"


def test_select_errors(tiny):
    with pytest.raises(ValueError, match="not a pairing_id"):
        tiny.select(pairing="PR404")
    with pytest.raises(sgnet.PeriodError):
        tiny.select(period="2022Q9")


def test_rows_trace_back_to_the_file(tiny):
    assert tiny.activities.index.name == "row"
    assert tiny.activities.loc[2, "activity_id"] == "A1"  # first record = spreadsheet row 2


def test_repr_html_is_short_and_escaped(tiny):
    html = tiny.select(period="2022Q2")._repr_html_()
    assert "<table>" in html and "2022Q2" in html and len(html) < 2000
    assert isinstance(repr(tiny), str)


def test_sample_select_matches_plain_pandas():
    ds = sgnet.load()
    raw = pd.read_csv(sgnet.paths.SAMPLE_DATA / "activities.csv", dtype=str)
    start = pd.to_datetime(raw["start_date"])
    expected = set(raw.loc[(start >= "2022-10-01") & (start <= "2022-12-31"), "activity_id"])
    assert set(ds.select(period="2022Q4").activities["activity_id"]) == expected
