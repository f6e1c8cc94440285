"""The pairing network: organizations and people as nodes, who helps whom as edges.

:func:`build` turns a :class:`~sgnet.Dataset` into a ``networkx.MultiDiGraph`` as DESIGN.md
fixes it. Nodes are keyed by ``org_id`` and ``person_id``; every node has ``kind`` (the
organization kind, or ``person``) and the other columns of its table as attributes (missing
values are left out, dates become ISO strings). Every edge has ``relation``:

==========  =====================  ============================================================
relation    direction              from / attributes
==========  =====================  ============================================================
pairing     mentor org → mentee    ``pairings``; key = ``pairing_id``; ``program``,
                                   ``start_date``, ``end_date``
member_of   person → org           ``people.org_id``
part_of     org → parent org       ``organizations.parent_id``
led         person → target org    activities' ``lead_person_ids``; ``count`` (summed),
                                   ``participants``, ``activities`` (rows), ``kinds``
                                   and ``kind_participants`` (kind → summed count,
                                   participants), ``first``/``last`` start dates
visited     host org → target org  activities with both orgs; same attributes as ``led``
==========  =====================  ============================================================

Edges other than ``pairing`` are keyed by their relation, so there is at most one edge of
each relation between two nodes, and ``G.edges[u, v, "visited"]`` reads naturally.

:func:`summary` gives a small table of the graph (nodes by kind, edges by relation) that
displays as HTML in JupyterLab.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .dataset import Dataset
from .markup import escape

__all__ = ["RELATIONS", "build", "relation_subgraph", "org_graph", "summary", "GraphSummary"]

#: the edge relations, in the order DESIGN.md lists them
RELATIONS = ("pairing", "member_of", "part_of", "led", "visited")

_CHUNK = 20_000  # edges made into Python objects at a time


def _clean(value: object) -> object:
    """A node/edge attribute value: None for missing, ISO strings for dates, Python scalars."""
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


def _values(col: pd.Series) -> list:
    """A column as attribute values (what :func:`_clean` makes of each), vectorized.

    Text and dates, the columns of every table, take a whole-column path; other dtypes
    (booleans, numbers, objects) go value by value through :func:`_clean`.
    """
    if isinstance(col.dtype, pd.StringDtype):
        out = col.to_numpy(dtype=object, na_value=None)
        out[(col == "").to_numpy(dtype=bool, na_value=False)] = None
        return out.tolist()
    if col.dtype.kind == "M" and getattr(col.dtype, "tz", None) is None:
        days = col.to_numpy().astype("datetime64[D]")
        out = np.datetime_as_string(days).astype(object)
        out[np.isnat(days)] = None
        return out.tolist()
    return [_clean(v) for v in col.tolist()]


def _records(frame: pd.DataFrame, skip: tuple[str, ...]) -> list[dict]:
    """One attribute dict per row: the columns not in ``skip``, missing values left out."""
    names = [c for c in frame.columns if c not in skip]
    if not names:
        return [{} for _ in range(len(frame))]
    cols = [_values(frame[c]) for c in names]
    return [{k: v for k, v in zip(names, row, strict=True) if v is not None}
            for row in zip(*cols, strict=True)]


def _ids(col: pd.Series) -> list:
    return [str(x) for x in col.tolist()]


def _active_pairings(ds: Dataset) -> pd.DataFrame:
    pairs = ds.pairings
    if ds.period is None:
        return pairs
    start, end = pd.Timestamp(ds.period.start), pd.Timestamp(ds.period.end)
    ends = pairs["end_date"] if "end_date" in pairs else pd.Series(pd.NaT, index=pairs.index)
    active = (pairs["start_date"] <= end) & (ends.isna() | (ends >= start))
    return pairs[active]


def _codes(values: pd.Series | pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ids (-1 for missing) and their labels as text, in sorted order.

    Codes follow the labels' order, so sorting by code sorts by id as Python sorts strings.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        encoded = pc.dictionary_encode(values)
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        uniques = encoded.dictionary.to_pylist()
    else:
        codes, uniques = pd.factorize(values)
    if len(uniques) == 0:
        return np.full(len(codes), -1, dtype=np.int64), np.array([], dtype=object)
    labels, inverse = np.unique(np.array([str(x) for x in uniques], dtype=object),
                                return_inverse=True)
    codes = np.asarray(codes, dtype=np.int64)
    return np.where(codes >= 0, inverse.reshape(-1)[codes], -1), labels


def _lead_people(acts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split ``lead_person_ids``: one (activity position, person code) per lead person.

    Returns the positions in ``acts``, the person codes and their labels; ids are trimmed
    and empty ones left out (code -1). Each distinct text is split once: a national dataset
    has a million activities but some ten thousand teams of leads.
    """
    col = acts["lead_person_ids"]
    if isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow":
        text = pa.array(col)  # no copy
    else:
        text = pa.array(col.astype("string").to_numpy(dtype=object, na_value=None),
                        type=pa.string())
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    teams = pc.dictionary_encode(text)  # a team per row (null: none) and the distinct teams
    team = teams.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    lists = pc.split_pattern(teams.dictionary, ";")
    sizes = pc.list_value_length(lists).to_numpy(zero_copy_only=False).astype(np.int64)
    codes, labels = _codes(pc.utf8_trim_whitespace(pc.list_flatten(lists)))
    if len(labels) and labels[0] == "":  # "" sorts first
        codes = np.where(codes > 0, codes - 1, -1)
        labels = labels[1:]
    # the people of row r are codes[offset[team[r]] : offset[team[r]] + sizes[team[r]]]
    offset = np.cumsum(sizes) - sizes
    row_sizes = np.where(team >= 0, sizes[np.maximum(team, 0)] if len(sizes) else 0, 0)
    rows = np.repeat(np.arange(len(col)), row_sizes)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(row_sizes) - row_sizes, row_sizes)
    return rows, codes[offset[team[rows]] + within], labels


def _iso_dates(days: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 as ISO date strings (an object array; equal dates share one str).

    Where ``missing``, NaN (what pandas' ``strftime`` gives for NaT).
    """
    out = np.full(len(days), np.nan, dtype=object)
    known = days[~missing]
    if len(known) == 0:
        return out
    lo, hi = int(known.min()), int(known.max())
    if hi - lo > 4 * len(known) + 1000:  # a wide range: no table of every day
        out[~missing] = np.datetime_as_string(known.astype("datetime64[D]")).astype(object)
        return out
    table = np.datetime_as_string(np.arange(lo, hi + 1).astype("datetime64[D]")).astype(object)
    out[~missing] = table[known - lo]
    return out


def _group_starts(sorted_keys: np.ndarray) -> np.ndarray:
    new = np.empty(len(sorted_keys), dtype=bool)
    new[:1] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new[1:])
    return np.flatnonzero(new)


def _edge_tuples(relation: str, us: np.ndarray, vs: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                 count: np.ndarray, participants: np.ndarray, rows: np.ndarray, first: np.ndarray,
                 last: np.ndarray, kind_names: np.ndarray, kind_count: np.ndarray,
                 kind_part: np.ndarray) -> Iterator[tuple[str, str, str, dict]]:
    """``(u, v, relation, attrs)`` for ``add_edges_from``, made a chunk of edges at a time.

    Edge ``i`` has the per-kind sums ``kind_names/kind_count/kind_part[lo[i]:hi[i]]``. Arrays
    become Python lists one chunk at a time and each attribute dict is dropped as soon as
    networkx has copied it, so few Python objects are alive besides the graph itself (less
    memory, cheaper garbage-collector passes).
    """
    chunk = _CHUNK
    for i in range(0, len(us), chunk):
        part = slice(i, i + chunk)
        g0 = int(lo[i])
        g1 = int(hi[min(i + chunk, len(us)) - 1])
        names = kind_names[g0:g1].tolist()
        # consumed in order: edge i takes the next hi[i] - lo[i] (kind, sum) pairs
        counts = iter(zip(names, kind_count[g0:g1].tolist(), strict=True))
        parts = iter(zip(names, kind_part[g0:g1].tolist(), strict=True))
        yield from (
            (u, v, relation, {"count": c, "participants": p, "activities": n,
                              "kinds": dict(islice(counts, k)),
                              "kind_participants": dict(islice(parts, k)),
                              "first": f, "last": la, "relation": relation})
            for u, v, k, c, p, n, f, la in zip(
                us[part].tolist(), vs[part].tolist(), (hi[part] - lo[part]).tolist(),
                count[part].tolist(), participants[part].tolist(), rows[part].tolist(),
                first[part].tolist(), last[part].tolist(), strict=True)
        )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while the graph is built, then restore it (not run it).

    A national build allocates a few million dicts and tuples, none in a reference cycle.
    With the collector on, CPython walks the whole growing heap every time it has grown by a
    quarter (eight full passes for the national dataset: about half of the build's time).
    Reference counting still frees every temporary at once, so memory is unchanged; the heap
    is walked later, once, when the collector next runs on its own.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _activity_edges(G: nx.MultiDiGraph, relation: str, u: np.ndarray, ulabels: np.ndarray,
                    v: np.ndarray, vlabels: np.ndarray, kind: np.ndarray, klabels: np.ndarray,
                    count: np.ndarray, participants: np.ndarray,
                    start: np.ndarray) -> tuple[Iterator[tuple[str, str, str, dict]], int]:
    """Sum activities per (u, v): count, participants, rows, first/last date, per-kind sums.

    ``u``, ``v`` and ``kind`` are codes into their (sorted) labels, one per activity row, -1
    where missing (the row is left out); ``count`` and ``participants`` are int64 with the
    defaults filled in; ``start`` is the start date in days since 1970-01-01 (int64, NaT as
    its minimum). One sort by (u, v, kind) and sums over the runs of equal keys: no Python
    per row. Returns the edges, ordered by (u, v) as text, ready for ``add_edges_from``, and
    how many (u, v) were dropped because u or v is not a node of ``G``.

    A row without kind or start date (not in loaded data: both are required) counts in the
    totals but in no kind, and gives no first/last date, as pandas' grouped sums would.
    """
    keep = (u >= 0) & (v >= 0)
    if not keep.any():
        return iter(()), 0
    if not keep.all():
        u, v, kind, count, participants, start = (
            a[keep] for a in (u, v, kind, count, participants, start))
    nv, nk = len(vlabels), len(klabels) + 1  # kind code nk - 1: kind missing
    key = (u * nv + v) * nk + np.where(kind >= 0, kind, nk - 1)
    order = np.argsort(key)  # the order within a run does not matter
    key = key[order]
    groups = _group_starts(key)  # runs of one (u, v, kind), in row positions
    kind_count = np.add.reduceat(count[order], groups)
    kind_part = np.add.reduceat(participants[order], groups)
    pair_of_group, kind_of_group = np.divmod(key[groups], nk)
    pairs = _group_starts(pair_of_group)  # runs of one (u, v), in group positions
    pair_rows = groups[pairs]  # the same runs in row positions
    pu, pv = np.divmod(pair_of_group[pairs], nv)
    dates = start[order]
    nat = np.iinfo(np.int64).min
    first = np.minimum.reduceat(np.where(dates == nat, np.iinfo(np.int64).max, dates), pair_rows)
    last = np.maximum.reduceat(dates, pair_rows)
    undated = last == nat
    rows = np.diff(np.append(pair_rows, len(key)))

    is_node = [np.fromiter((x in G for x in labels), dtype=bool, count=len(labels))
               for labels in (ulabels, vlabels)]
    ok = is_node[0][pu] & is_node[1][pv]
    skipped = int(len(ok) - ok.sum())
    ends = np.append(pairs[1:], len(groups))
    totals = np.add.reduceat(kind_count, pairs)[ok], np.add.reduceat(kind_part, pairs)[ok]
    named = kind_of_group < nk - 1
    if not named.all():  # leave the runs without kind out of the per-kind sums
        before = np.concatenate([[0], np.cumsum(named)])
        pairs, ends = before[pairs], before[ends]
        kind_of_group, kind_count, kind_part = (
            a[named] for a in (kind_of_group, kind_count, kind_part))
    edges = _edge_tuples(
        relation, ulabels[pu[ok]], vlabels[pv[ok]], pairs[ok], ends[ok], *totals, rows[ok],
        _iso_dates(first[ok], undated[ok]), _iso_dates(last[ok], undated[ok]),
        klabels[kind_of_group], kind_count, kind_part)
    return edges, skipped


def build(ds: Dataset) -> nx.MultiDiGraph:
    """Build the pairing network of a Dataset.

    Parameters
    ----------
    ds : Dataset
        A loaded dataset, whole or selected (:meth:`Dataset.select`). Nodes are always every
        organization and person (a selection keeps them whole, so graphs of two periods share
        their nodes and can be compared); edges come from the selected tables. When a period
        is selected, only pairings active in it (started by its end, not ended before its
        start) give ``pairing`` edges, and ``led``/``visited`` sum the period's activities.

    Returns
    -------
    networkx.MultiDiGraph
        See the module docstring for nodes and edges. ``G.graph`` holds ``source``,
        ``period`` (label or None), ``region``, ``pairing`` and ``skipped``: the number of
        activity links dropped because a referenced id is not a node (possible only for data
        loaded with ``errors="drop"``).

    Notes
    -----
    Built column by column (attribute values, per-edge sums in numpy) and handed to
    networkx in one ``add_nodes_from``/``add_edges_from`` per kind of node and relation,
    with CPython's cycle collector paused meanwhile (it is restored, not run, afterwards;
    the build makes no reference cycles). A national dataset of a million activities builds
    in less than twice the time networkx alone needs to store the same graph
    (``python benchmarks/bench_scale.py --only graph``).

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load()
    >>> G = build(ds)
    >>> G.number_of_nodes() == len(ds.organizations) + len(ds.people)
    True
    >>> G.nodes["O002"]["kind"], G.nodes["P0001"]["kind"]
    ('agency', 'person')
    >>> G.edges["O002", "O027", "PR01"]["relation"]
    'pairing'
    """
    with _gc_paused():
        return _build(ds)


def _build(ds: Dataset) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(
        source=ds.source, period=ds.period.label if ds.period is not None else None,
        region=ds.region, pairing=ds.pairing, skipped=0,
    )
    orgs, people = ds.organizations, ds.people
    G.add_nodes_from(zip(_ids(orgs["org_id"]), _records(orgs, ("org_id",)), strict=True))
    person_attrs = _records(people, ("person_id",))
    for attrs in person_attrs:
        attrs["kind"] = "person"
    G.add_nodes_from(zip(_ids(people["person_id"]), person_attrs, strict=True))

    pairs = _active_pairings(ds)
    pids = _ids(pairs["pairing_id"])
    G.add_edges_from(
        (u, v, pid, {"relation": "pairing", "pairing_id": pid, **attrs})
        for u, v, pid, attrs in zip(
            _ids(pairs["mentor_org_id"]), _ids(pairs["mentee_org_id"]), pids,
            _records(pairs, ("pairing_id", "mentor_org_id", "mentee_org_id")), strict=True))
    member = {"relation": "member_of"}  # add_edges_from copies it into each edge
    G.add_edges_from(
        (str(pid), oid, "member_of", member)
        for pid, oid in zip(people["person_id"].tolist(), people["org_id"].tolist(), strict=True)
        if isinstance(oid, str) and oid in G)
    part = {"relation": "part_of"}
    parents = orgs["parent_id"].tolist() if "parent_id" in orgs else []
    G.add_edges_from(
        (str(oid), parent, "part_of", part)
        for oid, parent in zip(orgs["org_id"].tolist(), parents, strict=False)
        if isinstance(parent, str) and parent and parent in G)

    acts = ds.activities
    target, targets = _codes(acts["target_org_id"])
    kind, kinds = _codes(acts["kind"])
    count = acts["count"].fillna(1).astype("int64").to_numpy()
    participants = acts["participants"].fillna(0).astype("int64").to_numpy()
    days = acts["start_date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    start = days.view("int64")
    rows, person, persons = _lead_people(acts)
    host, hosts = _codes(acts["host_org_id"])
    skipped = 0
    for relation, u, ulabels, at in (("led", person, persons, rows),
                                     ("visited", host, hosts, slice(None))):
        edges, dropped = _activity_edges(G, relation, u, ulabels, target[at], targets,
                                         kind[at], kinds, count[at], participants[at], start[at])
        G.add_edges_from(edges)
        skipped += dropped
    G.graph["skipped"] = skipped
    return G


def relation_subgraph(G: nx.MultiDiGraph,
                      relations: tuple[str, ...] | list[str]) -> nx.MultiDiGraph:
    """A view of ``G`` with every node and only the edges of the given relations.

    Examples
    --------
    >>> import sgnet
    >>> H = relation_subgraph(build(sgnet.load()), ["pairing"])
    >>> H.number_of_edges()
    15
    """
    unknown = set(relations) - set(RELATIONS)
    if unknown:
        raise ValueError(f"unknown relation(s) {sorted(unknown)}; use some of {RELATIONS}")
    keep = set(relations)
    return nx.subgraph_view(G, filter_edge=lambda u, v, k: G.edges[u, v, k]["relation"] in keep)


def org_graph(G: nx.MultiDiGraph, *,
              relations: tuple[str, ...] = ("pairing", "part_of", "visited")) -> nx.Graph:
    """The undirected simple graph of organizations: an edge wherever two orgs are related.

    Edge attribute ``relations`` lists the relations joining the two (sorted). People are
    left out; a supervisor's ``led`` edges are already reflected in their agency's
    ``visited`` edges when the activity names a host.

    Examples
    --------
    >>> import sgnet
    >>> H = org_graph(build(sgnet.load()))
    >>> H.number_of_nodes() == len(sgnet.load().organizations)
    True
    """
    H = nx.Graph()
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d.get("kind") != "person")
    for u, v, d in G.edges(data=True):
        if d["relation"] in relations and u in H and v in H and u != v:
            rel = set(H.edges[u, v]["relations"]) if H.has_edge(u, v) else set()
            H.add_edge(u, v, relations=tuple(sorted(rel | {d["relation"]})))
    return H


@dataclass(frozen=True)
class GraphSummary:
    """Counts of a graph's nodes by kind and edges by relation; shows as HTML in JupyterLab.

    Attributes
    ----------
    nodes, edges : pandas.DataFrame
        Columns ``kind, nodes`` and ``relation, edges``.
    scope : str
        The selection the graph was built from (period, region, pairing), if any.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    scope: str = ""

    def __repr__(self) -> str:
        n = ", ".join(f"{k}={v}" for k, v in zip(self.nodes["kind"], self.nodes["nodes"],
                                                 strict=True))
        e = ", ".join(f"{k}={v}" for k, v in zip(self.edges["relation"], self.edges["edges"],
                                                 strict=True))
        return f"<pairing network: nodes {n}; edges {e}{'; ' + self.scope if self.scope else ''}>"

    def _repr_html_(self) -> str:
        def table(df: pd.DataFrame) -> str:
            rows = "".join(
                f"<tr><td>{escape(str(a))}</td><td style='text-align:right'>{b}</td></tr>"
                for a, b in df.itertuples(index=False)
            )
            head = "".join(f"<th>{escape(c)}</th>" for c in df.columns)
            style = "display:inline-table;margin-right:2em"
            return f"<table style='{style}'><tr>{head}</tr>{rows}</table>"

        scope = f"<br><small>{escape(self.scope)}</small>" if self.scope else ""
        return (f"<div><b>sgnet pairing network</b>{scope}<br>"
                f"{table(self.nodes)}{table(self.edges)}</div>")


def summary(G: nx.MultiDiGraph) -> GraphSummary:
    """Nodes by kind and edges by relation, for a quick look (HTML in JupyterLab).

    Examples
    --------
    >>> import sgnet
    >>> s = summary(build(sgnet.load()))
    >>> int(s.edges.set_index("relation").loc["pairing", "edges"])
    15
    >>> "<table" in s._repr_html_()
    True
    """
    kinds = pd.Series([d.get("kind", "?") for _, d in G.nodes(data=True)], dtype="object")
    nodes = kinds.value_counts().rename_axis("kind").reset_index(name="nodes")
    nodes = nodes.sort_values(["nodes", "kind"], ascending=[False, True], ignore_index=True)
    rels = pd.Series([d["relation"] for _, _, d in G.edges(data=True)], dtype="object")
    counts = rels.value_counts()
    edges = pd.DataFrame({"relation": list(RELATIONS),
                          "edges": [int(counts.get(r, 0)) for r in RELATIONS]})
    nodes["nodes"] = nodes["nodes"].astype(int)
    scope = ", ".join(f"{k} {G.graph[k]}" for k in ("period", "region", "pairing")
                      if G.graph.get(k))
    return GraphSummary(nodes=nodes, edges=edges, scope=scope)
