"""The exploration helpers: figures of a selection, and the picker that redraws them."""

import pytest

import sgnet
from sgnet import explore


@pytest.fixture(scope="module")
def ds():
    return sgnet.load()


def test_period_choices_are_years_then_their_quarters(ds):
    choices = explore.period_choices(ds)
    assert choices[:5] == ["2023", "2023Q4", "2023Q3", "2023Q2", "2023Q1"]
    assert choices[-1] == "2021Q4" and "2021" in choices


def test_region_choices_are_the_mentee_provinces(ds):
    codes = [code for _, code in explore.region_choices(ds)]
    assert codes[0] is None
    # 10 mentee provinces (data/sample/README.md); mentors' own provinces host some visits too
    assert {"450000", "650000", "640000", "520000", "530000", "510000", "440000", "630000",
            "620000", "540000"} <= set(codes)


def test_overview_draws_the_selected_scope(ds):
    fig = explore.overview(ds, period="2023Q2", region="罗城", lang="en")
    monthly, training, visits = fig.axes
    assert [t.get_text() for t in monthly.get_xticklabels()] == ["2023-04", "2023-05", "2023-06"]
    # only PR14 has its mentee in 罗城: one bar per panel
    assert len(training.patches) == 1 and training.get_yticklabels()[0].get_text().startswith("PR14")
    assert "2023Q2" in fig._suptitle.get_text()


def test_picker_redraws_when_a_choice_changes(ds):
    pytest.importorskip("ipywidgets", reason="the picker needs ipywidgets (sgnet[lab])")
    w = explore.picker(ds, period="2022Q4", region="450000")
    period, region = w.children[:2]
    assert (period.value, region.value) == ("2022Q4", "450000")
    period.value = "2023Q1"
    assert w.result._suptitle.get_text() == "2023Q1 · 广西壮族自治区"
    region.value = None
    assert w.result._suptitle.get_text() == "2023Q1 · 全部"
