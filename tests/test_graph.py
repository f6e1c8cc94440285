"""sgnet.graph.build on the tiny dataset (conftest) and on the sample."""

import networkx as nx
import pytest

import sgnet
from sgnet import graph


@pytest.fixture
def tiny(tiny_dir):
    return sgnet.load(tiny_dir)


def edges(G, relation):
    return {(u, v): d for u, v, d in G.edges(data=True) if d["relation"] == relation}


def test_sample_has_every_node_and_one_pairing_edge_per_row():
    ds = sgnet.load()
    G = graph.build(ds)
    assert isinstance(G, nx.MultiDiGraph)
    assert set(G.nodes) == set(ds.organizations["org_id"]) | set(ds.people["person_id"])
    pairing_keys = [k for _, _, k, d in G.edges(keys=True, data=True) if d["relation"] == "pairing"]
    assert sorted(pairing_keys) == sorted(ds.pairings["pairing_id"])
    for row in ds.pairings.itertuples():
        assert G.edges[row.mentor_org_id, row.mentee_org_id, row.pairing_id]["relation"] == "pairing"


def test_node_attributes(tiny):
    G = graph.build(tiny)
    assert G.nodes["O1"]["kind"] == "agency" and G.nodes["O1"]["name"] == "东部社工中心"
    assert G.nodes["S1"] == {"name": "某镇社工站", "kind": "station", "region": "451225",
                             "parent_id": "O3"}
    assert G.nodes["P1"]["kind"] == "person" and G.nodes["P1"]["role"] == "supervisor"
    assert G.nodes["P1"]["since"] == "2015-03-01"


def test_edges_worked_out_by_hand(tiny):
    G = graph.build(tiny)
    assert set(edges(G, "member_of")) == {("P1", "O1"), ("P2", "O1"), ("P3", "O2")}
    assert set(edges(G, "part_of")) == {("S1", "O3")}
    visited = edges(G, "visited")
    # A1 + A2 + A4 + A7 (counts 1, 2, 4, 1); A3 + A6 (3, and 1 by default); A5
    assert {k: (d["count"], d["activities"]) for k, d in visited.items()} == {
        ("O1", "O2"): (8, 4), ("O1", "S1"): (4, 2), ("O1", "O4"): (1, 1)}
    assert visited[("O1", "S1")]["kinds"] == {"household_visit": 1, "station_visit": 3}
    led = edges(G, "led")
    # A2 is led by P1 and P2: it counts for each
    assert {k: d["count"] for k, d in led.items()} == {
        ("P1", "O2"): 8, ("P2", "O2"): 2, ("P2", "S1"): 3, ("P2", "O4"): 1}
    assert led[("P1", "O2")]["first"] == "2021-12-15" and led[("P1", "O2")]["last"] == "2022-06-30"


def test_period_selection_keeps_nodes_and_active_pairings(tiny):
    january = graph.build(tiny.select(period="2022-01"))
    assert january.number_of_nodes() == 8
    assert [k for *_, k in january.edges(keys=True) if k.startswith("PR")] == ["PR1"]
    assert edges(january, "visited") == {} and january.graph["period"] == "2022-01"
    h2 = graph.build(tiny.select(period="2022H2"))
    assert set(edges(h2, "visited")) == {("O1", "O4")}


def test_region_selection(tiny):
    G = graph.build(tiny.select(region="520000"))
    assert [k for _, _, k, d in G.edges(keys=True, data=True) if d["relation"] == "pairing"] == ["PR2"]
    assert G.graph["region"] == "520000"


def test_summary_and_html(tiny):
    s = graph.summary(graph.build(tiny.select(period="2022Q2")))
    assert dict(zip(s.edges["relation"], s.edges["edges"], strict=True)) == {
        "pairing": 2, "member_of": 3, "part_of": 1, "led": 3, "visited": 2}
    assert dict(zip(s.nodes["kind"], s.nodes["nodes"], strict=True))["person"] == 3
    page = s._repr_html_()
    assert "<table" in page and "2022Q2" in page and "pairing" in repr(s)


def test_html_escapes_scope(tiny):
    G = graph.build(tiny)
    G.graph["pairing"] = "<script>x</script>"
    assert "<script>" not in graph.summary(G)._repr_html_()


def test_relation_subgraph_rejects_unknown(tiny):
    with pytest.raises(ValueError, match="unknown relation"):
        graph.relation_subgraph(graph.build(tiny), ["friends"])
