"""Network measures on the tiny dataset (conftest), answers worked out by hand.

The tiny program: agency O1 (Shenzhen) mentors O2 (PR1, 罗城 451225) and O4 (PR2, 威宁
520526). 罗城 has the bureau O3 and one station S1 (part of O3). O1's supervisors are P1 and
P2; P3 is a social worker of O2. Activities (count): A1 training 1, A2 training 2 (P1+P2),
A4 individual supervision 4 (4 people), A7 group supervision 1 (8 people), all O1 → O2 and led
by P1 (A2 also P2); A3 station visit 3 (P2) and A6 household visit 1 to S1; A5 training to O4.
"""

import math

import pandas as pd
import pytest

import sgnet
from sgnet import network as nw
from sgnet.graph import build


@pytest.fixture
def tiny(tiny_dir):
    return sgnet.load(tiny_dir)


@pytest.fixture
def G(tiny):
    return build(tiny)


def test_mentor_load(G):
    t = nw.mentor_load(G)
    assert t.drop(columns="mentor").to_dict("records") == [{
        "mentor_org_id": "O1", "pairings": 2, "mentees": 2, "stations": 1,
        "stations_visited": 1, "supervisors": 2, "stations_per_supervisor": 0.5}]


def test_supervisor_load(G):
    t = nw.supervisor_load(G).set_index("person_id")
    # P1: A4 (4 sessions, 4 people) + A7 (1 session, 8 people); P2 led no supervision
    assert t.loc["P1", ["sessions", "supervisees", "activities", "orgs"]].tolist() == [5, 12, 4, 1]
    assert t.loc["P2", ["sessions", "supervisees", "activities", "orgs"]].tolist() == [0, 0, 3, 3]
    assert "P3" not in t.index and "name" not in t.columns
    assert nw.supervisor_load(G, names=True).set_index("person_id").loc["P1", "name"] == "甄督导"


def test_coverage_and_never_visited(tiny, G):
    c = nw.coverage(G).set_index("pairing_id")
    assert c.loc["PR1", ["stations", "visited", "share"]].tolist() == [1, 1, 1.0]
    assert c.loc["PR2", "stations"] == 0 and math.isnan(c.loc["PR2", "share"])
    assert nw.never_visited(G).empty
    h2 = build(tiny.select(period="2022H2"))  # only A5, to O4
    assert nw.coverage(h2).set_index("pairing_id").loc["PR1", "share"] == 0.0
    assert nw.never_visited(h2).to_dict("records") == [
        {"org_id": "S1", "name": "某镇社工站", "region": "451225", "pairing_id": "PR1"}]
    # kinds: S1 got a station visit and a household visit; trainings never reached it
    assert nw.coverage(G, kinds=("training",)).set_index("pairing_id").loc["PR1", "visited"] == 0


def test_reach_counts_hops(tiny, G):
    r = nw.reach(G, k=1).set_index("mentor_org_id")
    # 1 hop from O1: O2, O4 (pairing), S1 (visited); P1, P2 are people
    assert r.loc["O1", ["stations", "organizations"]].tolist() == [1, 3]
    assert nw.reach(G, k=0).loc[0, "organizations"] == 0
    h2 = build(tiny.select(period="2022H2"))
    assert nw.reach(h2, k=3).set_index("mentor_org_id").loc["O1", "stations"] == 0
    s = nw.stations_reached(G, "O1", k=2)
    assert s[["org_id", "hops"]].to_dict("records") == [{"org_id": "S1", "hops": 1}]
    with pytest.raises(ValueError, match="k must be"):
        nw.reach(G, k=-1)
    with pytest.raises(KeyError, match="O9"):
        nw.stations_reached(G, "O9")


def test_concentration(G):
    c = nw.concentration(G).loc[0]
    # sessions: P1 5, P2 0 → top 20 % of 2 = 1 person carries all; Gini (−1·0 + 1·5)/(2·5)
    assert (c["supervisors"], c["active"], c["sessions"], c["top_n"]) == (2, 1, 5, 1)
    assert c["top_share"] == 1.0 and c["gini"] == 0.5 and c["hhi"] == 1.0


def test_concentration_equal_load_and_empty(tiny):
    frames = {k: v for k, v in tiny.tables.items()}
    acts = frames["activities"].copy()
    acts.loc[acts["activity_id"] == "A7", "lead_person_ids"] = "P2"
    acts.loc[acts["activity_id"] == "A7", "count"] = 4
    acts.loc[acts["activity_id"] == "A4", "lead_person_ids"] = "P1"
    G = build(tiny.__class__.from_tables({**frames, "activities": acts}))
    c = nw.concentration(G).loc[0]  # 4 and 4 sessions
    assert c["gini"] == 0.0 and c["hhi"] == 0.5 and c["top_share"] == 0.5
    empty = nw.concentration(build(tiny.select(period="2021-01"))).loc[0]
    assert empty["sessions"] == 0 and math.isnan(empty["gini"])
    with pytest.raises(ValueError, match="top"):
        nw.concentration(G, top=0)


def test_centrality_on_the_org_tree(G):
    # orgs: O1–O2, O1–O4, O1–S1, S1–O3: a tree with O1 in the middle
    c = nw.centrality(G).set_index("node")
    assert c.loc["O1", "degree"] == 3 and c.loc["O1", "degree_centrality"] == 0.75
    # pairs among the other 4 through O1: 5 of 6; through S1: O3 with O1, O2, O4 = 3 of 6
    assert c.loc["O1", "betweenness"] == pytest.approx(5 / 6, abs=1e-4)
    assert c.loc["S1", "betweenness"] == pytest.approx(0.5)
    assert c.loc["O3", "betweenness"] == 0
    people = nw.centrality(G, people=True)
    assert "P1" in set(people["node"]) and "甄督导" not in set(people["label"])


def test_components(tiny, G):
    assert nw.components(G)[["nodes", "mentors"]].values.tolist() == [[5, 1]]
    h2 = nw.components(build(tiny.select(period="2022H2")))
    assert h2[["nodes", "stations", "mentors", "members"]].values.tolist() == [
        [3, 0, 1, "O1;O2;O4"], [2, 1, 0, "O3;S1"]]


def test_change(tiny):
    january, q2, h2 = (build(tiny.select(period=p)) for p in ("2022-01", "2022Q2", "2022H2"))
    assert nw.change(january, q2)[["item", "id", "change"]].values.tolist() == [
        ["pairing", "PR2", "added"], ["station", "S1", "added"]]
    assert nw.change(q2, h2)[["item", "id", "change"]].values.tolist() == [
        ["station", "S1", "lost"]]
    assert nw.change(h2, h2).empty


def test_pairing_members(G):
    m = nw.pairing_members(G, "PR1")
    assert m[["role", "org_id", "visited"]].values.tolist() == [
        ["mentor", "O1", 0], ["mentee", "O2", 4], ["local", "O3", 0], ["local", "S1", 2]]
    with pytest.raises(KeyError, match="PR9"):
        nw.pairing_members(G, "PR9")


def test_measures_on_sample_are_consistent():
    ds = sgnet.load()
    G = build(ds)
    cov = nw.coverage(G)
    stations = ds.organizations[ds.organizations["kind"] == "station"]
    # two pairings may share a mentee county (PR03 and PR15 in 西吉): count each region once
    assert cov.drop_duplicates("region")["stations"].sum() <= len(stations)
    assert len(nw.never_visited(G)) + len(set(
        v for u, v, d in G.edges(data=True) if d["relation"] == "visited"
        and G.nodes[v]["kind"] == "station")) == len(stations)
    load = nw.supervisor_load(G)
    sup = ds.activities[ds.activities["kind"].isin(nw.SUPERVISION)]
    led = sup.assign(p=sup["lead_person_ids"].str.split(";")).explode("p").dropna(subset=["p"])
    assert load["sessions"].sum() == int(led["count"].sum())
    assert isinstance(nw.components(G), pd.DataFrame)
