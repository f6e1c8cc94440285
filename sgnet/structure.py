"""Structure of the pairing network: who brokers it, and which parts no help has reached.

Re-exported by :mod:`sgnet.network`, where the other measures live: :func:`centrality` (degree
and betweenness of each organization) and :func:`components` (the connected parts of the
network; a part without a mentor agency is a group of organizations no help has reached).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from .graph import org_graph

__all__ = ["ORG_RELATIONS", "centrality", "components", "node_label", "relation_edges"]

#: the relations between organizations that make up the organization network
ORG_RELATIONS = ("pairing", "part_of", "visited")


def relation_edges(G: nx.MultiDiGraph, relation: str) -> list[tuple]:
    """The edges ``(u, v, key, data)`` of ``G`` whose ``relation`` is ``relation``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("O1", "O2", key="PR1", relation="pairing")
    >>> _ = G.add_edge("P1", "O1", relation="member_of")
    >>> relation_edges(G, "pairing")
    [('O1', 'O2', 'PR1', {'relation': 'pairing'})]
    """
    return [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
            if d["relation"] == relation]


def node_label(G: nx.MultiDiGraph, n: str) -> str:
    """An organization's name; a person's id (never a person's name).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("O1", kind="agency", name="同心社工中心")
    >>> G.add_node("P1", kind="person", name="甄督导")
    >>> node_label(G, "O1"), node_label(G, "P1")
    ('同心社工中心', 'P1')
    """
    d = G.nodes[n]
    return n if d.get("kind") == "person" else str(d.get("name", n))


def _structure_graph(G: nx.MultiDiGraph, relations: tuple[str, ...] | None,
                     people: bool) -> nx.Graph:
    if not people:
        return org_graph(G, relations=relations or ORG_RELATIONS)
    keep = set(relations) if relations else None
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v) for u, v, d in G.edges(data=True)
                     if u != v and (keep is None or d["relation"] in keep))
    return H


def centrality(G: nx.MultiDiGraph, *, relations: tuple[str, ...] | None = None,
               people: bool = False) -> pd.DataFrame:
    """Degree and betweenness centrality of each node, on the undirected network.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    relations : tuple of str, optional
        Relations that join nodes (default: pairing, part_of and visited between
        organizations; all relations when ``people=True``).
    people : bool
        Include people (labelled by ``person_id``, never by name).

    Returns
    -------
    pandas.DataFrame
        Columns ``node, kind, label, degree, degree_centrality, betweenness``, sorted by
        betweenness, then degree (highest first).

    Notes
    -----
    ``degree`` counts distinct neighbours (several relations between two organizations make
    one tie); ``degree_centrality`` = degree / (n - 1). ``betweenness`` is the normalized
    share of shortest paths between other pairs that pass through the node: high for
    brokers, such as a mentor agency linking two regions or a county bureau linking its
    stations to the mentor.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> c = centrality(build(sgnet.load()))
    >>> c.columns.tolist()
    ['node', 'kind', 'label', 'degree', 'degree_centrality', 'betweenness']
    """
    H = _structure_graph(G, relations, people)
    n = H.number_of_nodes()
    between = nx.betweenness_centrality(H, normalized=True) if n > 2 else dict.fromkeys(H, 0.0)
    rows = [{"node": v, "kind": G.nodes[v].get("kind"), "label": node_label(G, v),
             "degree": H.degree(v),
             "degree_centrality": round(H.degree(v) / (n - 1), 4) if n > 1 else 0.0,
             "betweenness": round(between[v], 4)} for v in sorted(H.nodes)]
    out = pd.DataFrame(rows, columns=["node", "kind", "label", "degree", "degree_centrality",
                                      "betweenness"])
    return out.sort_values(["betweenness", "degree", "node"], ascending=[False, False, True],
                           ignore_index=True)


def components(G: nx.MultiDiGraph, *, relations: tuple[str, ...] | None = None,
               people: bool = False) -> pd.DataFrame:
    """The connected components of the network, largest first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    relations, people
        As in :func:`centrality`.

    Returns
    -------
    pandas.DataFrame
        Columns ``component`` (1 = largest), ``nodes``, ``organizations``, ``stations``,
        ``mentors`` (organizations with a pairing out of them), ``members`` (the node ids,
        ``;``-joined, sorted).

    Notes
    -----
    Direction is ignored. In a healthy program each pairing's mentor, mentee, county bureau
    and stations form one component; a component with ``mentors == 0`` holds organizations
    that no pairing or recorded activity connects to a mentor.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> c = components(build(sgnet.load()))
    >>> int(c["nodes"].sum()) == len(sgnet.load().organizations)
    True
    """
    H = _structure_graph(G, relations, people)
    mentors = {u for u, _, _, _ in relation_edges(G, "pairing")}
    parts = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0]))
    rows = []
    for i, members in enumerate(parts, start=1):
        kinds = [G.nodes[m].get("kind") for m in members]
        rows.append({"component": i, "nodes": len(members),
                     "organizations": sum(k != "person" for k in kinds),
                     "stations": sum(k == "station" for k in kinds),
                     "mentors": sum(m in mentors for m in members),
                     "members": ";".join(members)})
    return pd.DataFrame(rows, columns=["component", "nodes", "organizations", "stations",
                                       "mentors", "members"])
