"""graph.build gives exactly the graph of the plain row-by-row builder it replaced.

``_reference_build`` below is the builder as it was before it was vectorized (issue 8):
obvious, one ``add_node``/``add_edge`` per row, slow on a national dataset. The fast
:func:`sgnet.graph.build` must give the same nodes (in the same order, with the same
attributes, values of the same Python types), the same edges (keys and attributes) and the
same graph attributes, on the sample, on the tiny dataset, on selections of both, on odd
input (spaces and empty items in ``lead_person_ids``, extra columns, ids dropped by
``errors="drop"``, no activities at all) and on a small synthetic national dataset.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from conftest import tiny_frames, write_csv_dataset

import sgnet
from sgnet import graph
from sgnet.dataset import Dataset

# --- the reference: the builder before issue 8, kept verbatim ---------------------------------


def _clean(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if isinstance(value, str) and value == "":
        return None
    return value


def _attrs(row, skip):
    out = {}
    for key, value in row.items():
        if key in skip:
            continue
        value = _clean(value)
        if value is not None:
            out[key] = value
    return out


def _active_pairings(ds):
    pairs = ds.pairings
    if ds.period is None:
        return pairs
    start, end = pd.Timestamp(ds.period.start), pd.Timestamp(ds.period.end)
    ends = pairs["end_date"] if "end_date" in pairs else pd.Series(pd.NaT, index=pairs.index)
    active = (pairs["start_date"] <= end) & (ends.isna() | (ends >= start))
    return pairs[active]


def _activity_edges(acts, source, target):
    frame = acts.dropna(subset=[source, target])
    if frame.empty:
        return []
    frame = pd.DataFrame({
        "u": frame[source].astype(str), "v": frame[target].astype(str),
        "kind": frame["kind"].astype(str),
        "count": frame["count"].fillna(1).astype("int64"),
        "participants": frame["participants"].fillna(0).astype("int64"),
        "start_date": frame["start_date"],
    })
    totals = frame.groupby(["u", "v"], sort=True).agg(
        count=("count", "sum"), participants=("participants", "sum"),
        activities=("kind", "size"), first=("start_date", "min"), last=("start_date", "max"))
    per_kind = frame.groupby(["u", "v", "kind"], sort=True)[["count", "participants"]].sum()
    kinds, kind_participants = {}, {}
    levels = [per_kind.index.get_level_values(i).tolist() for i in range(3)]
    for u, v, k, c, p in zip(*levels, per_kind["count"].tolist(),
                             per_kind["participants"].tolist(), strict=True):
        kinds.setdefault((u, v), {})[k] = c
        kind_participants.setdefault((u, v), {})[k] = p
    us = totals.index.get_level_values(0).tolist()
    vs = totals.index.get_level_values(1).tolist()
    first = totals["first"].dt.strftime("%Y-%m-%d").tolist()
    last = totals["last"].dt.strftime("%Y-%m-%d").tolist()
    return [
        (u, v, {"count": c, "participants": p, "activities": n,
                "kinds": kinds[(u, v)], "kind_participants": kind_participants[(u, v)],
                "first": f, "last": la})
        for u, v, c, p, n, f, la in zip(
            us, vs, totals["count"].tolist(), totals["participants"].tolist(),
            totals["activities"].tolist(), first, last, strict=True)
    ]


def _explode_leads(acts):
    cols = ["target_org_id", "kind", "count", "participants", "start_date"]
    has = acts["lead_person_ids"].notna().to_numpy()
    lists = pc.split_pattern(pa.array(acts["lead_person_ids"][has].astype(str).tolist(),
                                      type=pa.string()), ";")
    people = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    lengths = pc.list_value_length(lists).to_numpy(zero_copy_only=False)
    rows = acts.loc[has, cols].reset_index(drop=True)
    led = rows.iloc[np.repeat(np.arange(len(rows)), lengths)].reset_index(drop=True)
    led["person"] = pd.Series(people.to_pylist(), dtype=object).replace("", None).to_numpy()
    return led


def _reference_build(ds: Dataset) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(
        source=ds.source, period=ds.period.label if ds.period is not None else None,
        region=ds.region, pairing=ds.pairing, skipped=0,
    )
    for row in ds.organizations.to_dict("records"):
        G.add_node(str(row["org_id"]), **_attrs(row, ("org_id",)))
    for row in ds.people.to_dict("records"):
        attrs = _attrs(row, ("person_id",))
        G.add_node(str(row["person_id"]), **{**attrs, "kind": "person"})
    for row in _active_pairings(ds).to_dict("records"):
        attrs = _attrs(row, ("pairing_id", "mentor_org_id", "mentee_org_id"))
        G.add_edge(str(row["mentor_org_id"]), str(row["mentee_org_id"]), key=str(row["pairing_id"]),
                   relation="pairing", pairing_id=str(row["pairing_id"]), **attrs)
    for pid, oid in zip(ds.people["person_id"], ds.people["org_id"], strict=True):
        if isinstance(oid, str) and oid in G:
            G.add_edge(str(pid), oid, key="member_of", relation="member_of")
    orgs = ds.organizations
    parents = orgs["parent_id"] if "parent_id" in orgs else pd.Series(dtype="string")
    for oid, parent in zip(orgs["org_id"], parents, strict=False):
        if isinstance(parent, str) and parent and parent in G:
            G.add_edge(str(oid), parent, key="part_of", relation="part_of")
    acts = ds.activities
    led = _explode_leads(acts)
    skipped = 0
    for relation, frame, source in (("led", led, "person"), ("visited", acts, "host_org_id")):
        edges = []
        for u, v, attrs in _activity_edges(frame, source, "target_org_id"):
            if u not in G or v not in G:
                skipped += 1
                continue
            attrs["relation"] = relation
            edges.append((u, v, relation, attrs))
        G.add_edges_from(edges)
    G.graph["skipped"] = skipped
    return G


# --- comparison ---------------------------------------------------------------------------------


def _typed(value):
    """A value with the type of every part spelled out, so 1 != 1.0 != True and '1' != 1."""
    if isinstance(value, dict):
        return ("dict", tuple((_typed(k), _typed(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_typed(v) for v in value))
    if isinstance(value, float) and value != value:
        return ("float", "NaN")  # equal to any other NaN
    return (type(value).__name__, value)


def assert_same_graph(got: nx.MultiDiGraph, want: nx.MultiDiGraph) -> None:
    assert type(got) is type(want)
    assert _typed(got.graph) == _typed(want.graph)
    # nodes in the same order (layouts and tables follow it), attributes in any order
    assert list(got.nodes) == list(want.nodes)
    got_nodes = sorted((n, _typed(dict(sorted(d.items())))) for n, d in got.nodes(data=True))
    want_nodes = sorted((n, _typed(dict(sorted(d.items())))) for n, d in want.nodes(data=True))
    assert got_nodes == want_nodes
    got_edges = sorted((u, v, k, _typed(dict(sorted(d.items()))))
                       for u, v, k, d in got.edges(keys=True, data=True))
    want_edges = sorted((u, v, k, _typed(dict(sorted(d.items()))))
                        for u, v, k, d in want.edges(keys=True, data=True))
    assert len(got_edges) == len(want_edges)
    for g, w in zip(got_edges, want_edges, strict=True):
        assert g == w
    # the same edge order too, so anything iterating the graph sees what it saw before
    assert list(got.edges(keys=True)) == list(want.edges(keys=True))


def _check(ds: Dataset) -> nx.MultiDiGraph:
    got = graph.build(ds)
    assert_same_graph(got, _reference_build(ds))
    return got


# --- the datasets -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return sgnet.load()


@pytest.mark.parametrize("selection", [
    {}, {"period": "2022Q4"}, {"period": "2023"}, {"period": "2021-11"},
    {"region": "520000"}, {"region": "451228"}, {"pairing": "PR01"}, {"pairing": "PR12"},
    {"period": "2023H2", "region": "450000"},
])
def test_sample(sample, selection):
    G = _check(sample.select(**selection) if selection else sample)
    assert G.number_of_nodes() == len(sample.organizations) + len(sample.people)


@pytest.mark.parametrize("selection", [
    {}, {"period": "2022-01"}, {"period": "2022Q2"}, {"period": "2022H2"}, {"period": "2030"},
    {"region": "520000"}, {"pairing": "PR1"},
])
def test_tiny(tiny_dir, selection):
    ds = sgnet.load(tiny_dir)
    G = _check(ds.select(**selection) if selection else ds)
    assert G.number_of_nodes() == 8


def test_odd_input(tmp_path):
    frames = tiny_frames()
    acts = frames["activities"]
    acts.loc[0, "lead_person_ids"] = " P1 ; P2 "     # spaces around ids
    acts.loc[1, "lead_person_ids"] = "P1;;P3;"       # empty items
    acts.loc[4, "host_org_id"] = ""                  # no host: a led edge, no visited edge
    acts.loc[5, "target_org_id"] = ""                # no target: neither
    acts.loc[6, "kind"] = "other"
    orgs = frames["organizations"]
    orgs["phone"] = ["0755-1", "", "0778-3", "", "0857-5"]   # an extra text column
    orgs["staff"] = ["12", "", "3", "1", "7"]               # an extra number-like column
    people = frames["people"]
    people.loc[0, "org_id"] = "O2"
    _check(sgnet.load(write_csv_dataset(tmp_path / "odd", frames)))


def test_hand_made_columns_of_every_dtype(tiny_dir):
    """A Dataset built by hand: empty strings, NA, NaT and NaN, numpy scalars, odd dtypes."""
    ds = sgnet.load(tiny_dir)
    orgs = ds.organizations.copy()
    orgs["parent_id"] = pd.array(["", None, "", "O3", ""], dtype="string")
    orgs["name"] = orgs["name"].astype("string[python]")
    orgs.loc[orgs.index[1], "name"] = ""
    orgs["staff"] = pd.array([3, None, 5, 0, 1], dtype="Int64")
    orgs["share"] = pd.array([0.5, None, float("nan"), 1.0, 2.0], dtype="Float64")
    orgs["ratio"] = np.array([0.5, np.nan, 1.0, 2.0, 3.0])
    orgs["n"] = np.array([1, 2, 3, 4, 5], dtype="int32")
    orgs["mixed"] = pd.Series([np.int64(7), np.float64("nan"), "", "x", None], dtype=object,
                              index=orgs.index)
    orgs["opened"] = pd.to_datetime(["2020-01-02 13:45", None, "1969-12-31 23:00",
                                     "2021-05-06 00:00", "2022-07-08 00:00"]).to_numpy()
    orgs["opened_tz"] = pd.to_datetime(["2020-01-02 23:45", None, "2020-03-04 00:00", "2021-05-06 00:00",
                                        "2022-07-08 00:00"]).tz_localize("Asia/Shanghai")
    orgs["flag"] = pd.array([True, False, None, True, False], dtype="boolean")
    orgs["np_flag"] = np.array([True, False, True, True, False])
    people = ds.people.copy()
    people["kind"] = "staff"  # a column named like the node attribute the builder sets
    acts = ds.activities.set_index("activity_id", drop=False)
    acts.loc["A1", "kind"] = None        # O1→O2 and P1→O2 have other kinds too
    acts.loc["A5", "start_date"] = pd.NaT  # the only activity O1→O4 and P2→O4
    acts.loc["A3", "start_date"] = pd.NaT  # O1→S1 has A6 too
    hand = Dataset(organizations=orgs, people=people, pairings=ds.pairings,
                   targets=ds.targets, activities=acts.reset_index(drop=True), source="by hand")
    G = _check(hand)
    assert G.nodes["O1"]["opened"] == "2020-01-02" and "parent_id" not in G.nodes["O1"]
    assert "name" not in G.nodes["O2"] and G.nodes["P1"]["kind"] == "person"
    visited = G.edges["O1", "O2", "visited"]
    assert visited["count"] == 8 and sum(visited["kinds"].values()) == 7
    assert G.edges["O1", "S1", "visited"]["first"] == "2022-05-21"
    assert pd.isna(G.edges["O1", "O4", "visited"]["first"])


def test_rows_dropped_by_errors_drop(tmp_path):
    frames = tiny_frames()
    frames["organizations"].loc[4, "kind"] = "spaceship"   # O4 rejected, A5 and PR2 refer to it
    frames["people"].loc[1, "role"] = "wizard"             # P2 rejected, A2/A3/A5 name P2
    _check(sgnet.load(write_csv_dataset(tmp_path / "drop", frames), errors="drop"))


def test_links_to_missing_nodes_are_skipped(tiny_dir):
    ds = sgnet.load(tiny_dir)
    # a hand-made Dataset whose activities name a person and an org that are not nodes
    holed = Dataset(organizations=ds.organizations[ds.organizations["org_id"] != "O4"],
                    people=ds.people[ds.people["person_id"] != "P2"], pairings=ds.pairings,
                    targets=ds.targets, activities=ds.activities, source=ds.source)
    G = _check(holed)
    # the three led edges of P2 (→O2, →S1, →O4); O4 is still a node, without attributes,
    # because the pairing PR2 names it (as before), so visited O1→O4 stays
    assert G.graph["skipped"] == 3 and G.nodes["O4"] == {}


def test_no_activities(tiny_dir):
    ds = sgnet.load(tiny_dir)
    empty = Dataset(organizations=ds.organizations, people=ds.people, pairings=ds.pairings,
                    targets=ds.targets, activities=ds.activities.iloc[:0], source=ds.source)
    G = _check(empty)
    assert {d["relation"] for *_, d in G.edges(data=True)} == {"pairing", "member_of", "part_of"}


def test_no_leads_and_no_hosts(tiny_dir):
    ds = sgnet.load(tiny_dir)
    acts = ds.activities.copy()
    acts["lead_person_ids"] = pd.array([None] * len(acts), dtype=acts["lead_person_ids"].dtype)
    acts["host_org_id"] = pd.array([";"] * len(acts), dtype="string")  # not an org
    G = _check(Dataset(organizations=ds.organizations, people=ds.people, pairings=ds.pairings,
                       targets=ds.targets, activities=acts, source=ds.source))
    assert G.graph["skipped"] == 3  # ";" to O2, S1 and O4
    acts["lead_person_ids"] = pd.array([" ; ;"] * len(acts), dtype="string")  # only blanks
    _check(Dataset(organizations=ds.organizations, people=ds.people, pairings=ds.pairings,
                   targets=ds.targets, activities=acts, source=ds.source))


def _arrow_chunked(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its text columns as Arrow arrays in several chunks, as a big CSV loads."""
    out = frame.copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.StringDtype):
            values = pa.array(out[name].to_numpy(dtype=object, na_value=None), type=pa.large_string())
            half = len(values) // 2
            chunked = pa.chunked_array([values[:half], values[half:]], type=pa.large_string())
            out[name] = pd.Series(pd.arrays.ArrowStringArray(chunked), index=out.index)
    return out


def test_chunked_arrow_columns(tiny_dir):
    ds = sgnet.load(tiny_dir)
    chunked = Dataset(**{t: _arrow_chunked(getattr(ds, t)) for t in
                         ("organizations", "people", "pairings", "targets", "activities")},
                      source=ds.source)
    assert pa.array(chunked.activities["lead_person_ids"]).num_chunks == 2
    _check(chunked)


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Dataset:
    spec = importlib.util.spec_from_file_location(
        "synth", Path(__file__).resolve().parent.parent / "benchmarks" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    out = tmp_path_factory.mktemp("national")
    synth.write(synth.generate(scale=0.003, seed=11), out, workbook_rows=500)
    return sgnet.load(out / "csv")


def test_synthetic_national(national):
    _check(national)
    _check(national.select(period="2022Q3"))


@pytest.mark.parametrize("chunk", [1, 7, 500])
def test_edges_made_in_chunks(national, sample, monkeypatch, chunk):
    monkeypatch.setattr(graph, "_CHUNK", chunk)
    G = _check(national)  # 798 led edges: every chunk size here splits them
    assert sum(d["relation"] == "led" for *_, d in G.edges(data=True)) > chunk
    _check(sample.select(period="2023"))


def test_cycle_collector_restored(sample, monkeypatch):
    import gc

    assert gc.isenabled()
    graph.build(sample)
    assert gc.isenabled()
    gc.disable()
    try:
        graph.build(sample)
        assert not gc.isenabled()
    finally:
        gc.enable()
    monkeypatch.setattr(graph, "_records", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        graph.build(sample)
    assert gc.isenabled()
