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

import html
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .dataset import Dataset

__all__ = ["RELATIONS", "build", "relation_subgraph", "org_graph", "summary", "GraphSummary"]

#: the edge relations, in the order DESIGN.md lists them
RELATIONS = ("pairing", "member_of", "part_of", "led", "visited")


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


def _attrs(row: dict, skip: tuple[str, ...]) -> dict:
    out = {}
    for key, value in row.items():
        if key in skip:
            continue
        value = _clean(value)
        if value is not None:
            out[key] = value
    return out


def _active_pairings(ds: Dataset) -> pd.DataFrame:
    pairs = ds.pairings
    if ds.period is None:
        return pairs
    start, end = pd.Timestamp(ds.period.start), pd.Timestamp(ds.period.end)
    ends = pairs["end_date"] if "end_date" in pairs else pd.Series(pd.NaT, index=pairs.index)
    active = (pairs["start_date"] <= end) & (ends.isna() | (ends >= start))
    return pairs[active]


def _activity_edges(acts: pd.DataFrame, source: str, target: str) -> list[tuple[str, str, dict]]:
    """Sum activities per (source, target): count, participants, rows, per-kind counts."""
    frame = acts.dropna(subset=[source, target])
    if frame.empty:
        return []
    frame = frame.assign(participants=frame["participants"].fillna(0),
                         count=frame["count"].fillna(1))
    edges = []
    for (u, v), group in frame.groupby([source, target], sort=True):
        by_kind = group.groupby("kind", observed=True)[["count", "participants"]].sum()
        edges.append((str(u), str(v), {
            "count": int(group["count"].sum()),
            "participants": int(group["participants"].sum()),
            "activities": len(group),
            "kinds": {str(k): int(c) for k, c in by_kind["count"].items()},
            "kind_participants": {str(k): int(c) for k, c in by_kind["participants"].items()},
            "first": group["start_date"].min().date().isoformat(),
            "last": group["start_date"].max().date().isoformat(),
        }))
    return edges


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
    led = acts.assign(person=acts["lead_person_ids"].str.split(";")).explode("person")
    led["person"] = led["person"].str.strip().replace("", pd.NA)
    skipped = 0
    for relation, frame, source in (("led", led, "person"), ("visited", acts, "host_org_id")):
        for u, v, attrs in _activity_edges(frame, source, "target_org_id"):
            if u not in G or v not in G:
                skipped += 1
                continue
            G.add_edge(u, v, key=relation, relation=relation, **attrs)
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
    14
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
                f"<tr><td>{html.escape(str(a))}</td><td style='text-align:right'>{b}</td></tr>"
                for a, b in df.itertuples(index=False)
            )
            head = "".join(f"<th>{html.escape(c)}</th>" for c in df.columns)
            style = "display:inline-table;margin-right:2em"
            return f"<table style='{style}'><tr>{head}</tr>{rows}</table>"

        scope = f"<br><small>{html.escape(self.scope)}</small>" if self.scope else ""
        return (f"<div><b>sgnet pairing network</b>{scope}<br>"
                f"{table(self.nodes)}{table(self.edges)}</div>")


def summary(G: nx.MultiDiGraph) -> GraphSummary:
    """Nodes by kind and edges by relation, for a quick look (HTML in JupyterLab).

    Examples
    --------
    >>> import sgnet
    >>> s = summary(build(sgnet.load()))
    >>> int(s.edges.set_index("relation").loc["pairing", "edges"])
    14
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
