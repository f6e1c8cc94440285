"""A researcher's workflow on data the project did not write, and parameters people get wrong.

Each test is a case found by probing: a wrong parameter gives one clear sgnet error, an empty
selection gives an empty result, never a deep pandas or matplotlib traceback.
"""

from __future__ import annotations

import warnings

import pytest

import sgnet
from sgnet import export, graph, maps


@pytest.fixture(scope="module")
def sample():
    return sgnet.load()


@pytest.mark.parametrize("kwargs", [{"pairing": "PR999"}, {"region": "火星"},
                                    {"region": "朝阳区"}, {"status": "ok"}])
def test_a_selection_the_data_does_not_have_is_an_sgnet_error(sample, kwargs):
    with pytest.raises(sgnet.SgnetError) as caught:
        sample.select(**kwargs)
    assert isinstance(caught.value, ValueError)  # as documented before, for old callers
    assert str(next(iter(kwargs.values()))) in str(caught.value)


def test_a_status_in_chinese_selects_as_its_canonical_form(sample):
    approved = sample.select(status="approved")
    assert len(approved.milestones) > 0
    for typed in ("已审核", "Approved", " approved "):
        same = sample.select(status=typed)
        assert len(same.milestones) == len(approved.milestones), typed


def test_export_of_an_empty_selection_writes_an_empty_panel(sample, tmp_path):
    empty = sample.select(period="2030")
    files = export.write_export(empty, tmp_path)
    assert [f.name for f in files] == ["panel.parquet", "panel.csv", "codebook.csv"]
    header = (tmp_path / "panel.csv").read_text(encoding="utf-8-sig").splitlines()
    assert header[0].startswith("pairing_id,period,period_start")
    assert len(header) == 1
    panel = export.panel(empty)
    assert panel.empty and str(panel["period_start"].dtype).startswith("datetime64")


def test_the_map_of_a_graph_without_pairings_draws_without_warnings(sample):
    import matplotlib.pyplot as plt

    G = graph.build(sample.select(region="110000"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # matplotlib's; not a GC-time ResourceWarning
        fig, ax = plt.subplots()
        maps.pairing_map(G, ax=ax)
    plt.close(fig)


def test_a_pairing_that_ended_before_the_period_is_not_in_its_supervision_table(sample):
    import dataclasses

    import pandas as pd

    from sgnet import metrics, sections

    pairs = sample.pairings.copy()
    pairs.loc[pairs["pairing_id"] == "PR15", "end_date"] = pd.Timestamp("2022-03-31")
    ended = dataclasses.replace(sample, pairings=pairs)
    q2 = ended.select(period="2023Q2")
    assert "PR15" not in set(metrics.supervision_frequency(q2)["pairing_id"])
    assert "PR14" in set(metrics.supervision_frequency(q2)["pairing_id"])
    assert "PR15" in set(metrics.supervision_frequency(ended)["pairing_id"])  # no period: all
    table = sections.supervision_parts(ended, "2023Q2")[1]
    assert "PR15" not in str(table)


@pytest.mark.parametrize("options", [{"lang": "cn"}, {"audience": "public"}])
def test_a_report_title_in_an_unknown_language_or_for_an_unknown_audience_is_an_error(
        sample, options):
    from sgnet import pages

    # was: lang="cn" gave a funder report in English, audience="public" printed the raw
    # key report.marking.public in its title
    with pytest.raises(sgnet.SgnetError, match=next(iter(options.values()))):
        pages.title_fields(sample, sgnet.parse_period("2022Q4"), **options)


def test_the_picker_takes_a_year_and_a_region_code_given_as_numbers(sample):
    # papermill -p period 2023 -p region 451225 passes ints (was: TraitError in ipywidgets)
    pytest.importorskip("ipywidgets", reason="the picker needs ipywidgets (sgnet[lab])")
    from sgnet import explore

    w = explore.picker(sample, period=2023, region=451225)
    period, region = w.children[:2]
    assert (period.value, region.value) == ("2023", "451225")
    assert w.result._suptitle.get_text().startswith("2023 · ")


def test_progress_and_compare_of_a_dataset_already_cut_to_the_period_say_so(sample):
    # was: year-to-date actuals of the quarter alone and 环比/同比 all "incomplete", silently
    from sgnet import metrics

    current = sample.select(period="2022Q4")
    for measure in (metrics.progress, metrics.compare):
        with pytest.raises(sgnet.SelectionError, match="select"):
            measure(current, "2022Q4")
    year = sample.select(period="2022", region="450000")
    assert len(metrics.progress(year, "2022Q4")) == len(
        metrics.progress(sample.select(region="450000"), "2022Q4"))
