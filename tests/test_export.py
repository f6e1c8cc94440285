"""sgnet export: the panel opens in pandas, the graphs in networkx, nothing is overwritten."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

import sgnet
from sgnet import metrics
from sgnet.cli import app
from sgnet.export import CODEBOOK, panel

runner = CliRunner()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "x"
    result = runner.invoke(app, ["export", "--period-type", "quarter", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_panel_opens_in_pandas_with_a_codebook(exported):
    p = pd.read_parquet(exported / "panel.parquet")
    c = pd.read_csv(exported / "panel.csv", encoding="utf-8-sig", dtype={"pairing_id": str})
    book = pd.read_csv(exported / "codebook.csv", encoding="utf-8-sig")
    assert p.columns.tolist() == c.columns.tolist() == book["column"].tolist()
    assert book.columns.tolist() == ["column", "meaning", "unit", "zh", "en"]
    assert not p.duplicated(["pairing_id", "period"]).any()
    assert len(p) == len(c) and set(p["period"]) >= {"2022Q4", "2023Q2"}


def test_panel_figures_are_the_report_figures(exported):
    p = pd.read_parquet(exported / "panel.parquet").set_index(["pairing_id", "period"])
    ds = sgnet.load()
    for pid in ("PR01", "PR14"):
        h = metrics.headline(ds.select(period="2022Q4", pairing=pid)).set_index("metric")
        for metric in h.index:
            assert p.loc[(pid, "2022Q4"), metric] == h.loc[metric, "value"], (pid, metric)
    quiet = p.loc[("PR15", "2022Q4")]
    assert (quiet["reported_months"], quiet["longest_silence"]) == (0, 5)


def test_graphs_open_in_networkx(exported):
    files = sorted((exported / "graphs").glob("*.graphml"))
    assert [f.stem for f in files][:2] == ["2021Q4", "2022Q1"] and len(files) == 9
    g = nx.read_graphml(exported / "graphs" / "2022Q4.graphml", force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    built = sgnet.graph.build(sgnet.load().select(period="2022Q4"))
    assert (g.number_of_nodes(), g.number_of_edges()) == (built.number_of_nodes(),
                                                          built.number_of_edges())
    pairing = [d for _, _, d in g.edges(data=True) if d["relation"] == "pairing"]
    assert {d["pairing_id"] for d in pairing} >= {"PR14", "PR15"}


def test_export_never_overwrites_without_force(exported):
    before = (exported / "panel.csv").stat().st_mtime_ns
    again = runner.invoke(app, ["export", "-o", str(exported)])
    assert again.exit_code == 1 and "--force" in again.output
    assert (exported / "panel.csv").stat().st_mtime_ns == before
    forced = runner.invoke(app, ["export", "-o", str(exported), "--force"])
    assert forced.exit_code == 0, forced.output


def test_bad_period_type_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["export", "--period-type", "week", "-o", str(tmp_path / "y")])
    assert result.exit_code == 2 and "month, quarter, year" in result.output


def test_year_panel_sums_the_quarters():
    ds = sgnet.load().select(pairing="PR03")
    years = panel(ds, period_type="year").set_index("period")
    quarters = panel(ds, period_type="quarter")
    quarters["year"] = quarters["period"].str[:4]
    summed = quarters.groupby("year")[["trainings", "stays", "milestones"]].sum()
    assert years.loc["2023", ["trainings", "stays", "milestones"]].tolist() == \
        summed.loc["2023"].tolist()
    assert len(CODEBOOK) == len(years.columns) + 1  # pairing_id moved to the index


def test_graphs_leave_people_s_names_out_unless_asked(tmp_path):
    """Names and party membership are personal data: an export keeps people as ids with
    their organization and role, and names them only with ``names=True`` (``--names``)."""
    from sgnet.export import write_export

    ds = sgnet.load().select(pairing="PR14")
    names = set(ds.people["name"])
    plain_files = write_export(ds, tmp_path / "plain", period_type="year")
    named_files = write_export(ds, tmp_path / "named", period_type="year", names=True)
    for plain_graph, named_graph in zip(plain_files[3:], named_files[3:], strict=True):
        text = plain_graph.read_text(encoding="utf-8")
        assert not [n for n in names if n in text]
        assert "party_member" not in text and str(sgnet.paths.SAMPLE_DATA) not in text
        g, h = nx.read_graphml(plain_graph), nx.read_graphml(named_graph)
        people = [n for n, d in h.nodes(data=True) if d.get("kind") == "person"]
        assert people and all("name" in h.nodes[n] for n in people)
        assert all("name" not in g.nodes[n] and g.nodes[n]["role"] for n in people)
        assert set(g.edges) == set(h.edges)
