"""Network measures of the pairing graph: plain functions that take a graph, return DataFrames.

Each takes the ``networkx.MultiDiGraph`` of :func:`sgnet.graph.build` (built from a whole or a
selected Dataset: build one per period to compare periods) and returns a tidy DataFrame with
a reset index. None of them returns names of people: people appear by ``person_id`` only, so
the tables can go into funder reports; join ``Dataset.people`` for internal use.

What the measures mean for a program, in one line each:

- :func:`mentor_load` — how much each mentor agency carries: pairings, mentee organizations,
  stations in the mentees' regions, stations it visited, its supervisors.
- :func:`supervisor_load` — how much each supervisor carries: supervision sessions led,
  people supervised (人次), activities led, organizations served.
- :func:`coverage` — per pairing, the share of the stations in the mentee's region that
  some activity reached; :func:`never_visited` lists the stations no activity reached.
- :func:`reach` — per mentor agency, the stations reached within ``k`` hops along the lines of
  help (pairing, visits, its supervisors' activities); :func:`stations_reached` lists them.
- :func:`concentration` — how much of the supervision rests on a few supervisors: share of
  the top 20 %, Gini coefficient, Herfindahl–Hirschman index.
- :func:`centrality` — degree and betweenness of each organization: who brokers the network.
- :func:`components` — the connected parts of the network; a part without a mentor agency is
  a group of organizations no help has reached.
- :func:`change` — pairings and stations reached that were added or lost between two periods.
- :func:`pairing_members` — the organizations of one pairing and how often each was reached.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from .structure import centrality, components, node_label, relation_edges

__all__ = [
    "SUPERVISION",
    "mentor_load",
    "supervisor_load",
    "coverage",
    "never_visited",
    "reach",
    "stations_reached",
    "concentration",
    "centrality",
    "components",
    "change",
    "pairing_members",
]

#: activity kinds counted as supervision sessions
SUPERVISION = ("individual_supervision", "group_supervision")



# --------------------------------------------------------------------------- helpers

def _kind_count(d: dict, kinds: tuple[str, ...] | None) -> int:
    if kinds is None:
        return int(d.get("count", 0))
    return int(sum(c for k, c in d.get("kinds", {}).items() if k in kinds))


def _stations(G: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "station")


def _in_region(code: object, region: object) -> bool:
    """Is 6-digit ``code`` inside ``region`` (a province, city or county code)?"""
    if not isinstance(code, str) or not isinstance(region, str) or len(region) != 6:
        return False
    if region.endswith("0000"):
        return code[:2] == region[:2]
    if region.endswith("00"):
        return code[:4] == region[:4]
    return code == region


def _visited_stations(G: nx.MultiDiGraph, kinds: tuple[str, ...] | None,
                      hosts: set[str] | None = None) -> set[str]:
    return {v for u, v, _, d in relation_edges(G, "visited")
            if G.nodes[v].get("kind") == "station" and _kind_count(d, kinds) > 0
            and (hosts is None or u in hosts)}


def _pairings(G: nx.MultiDiGraph) -> pd.DataFrame:
    rows = [{"pairing_id": k, "mentor_org_id": u, "mentee_org_id": v,
             "region": G.nodes[v].get("region")}
            for u, v, k, _ in relation_edges(G, "pairing")]
    return pd.DataFrame(rows, columns=["pairing_id", "mentor_org_id", "mentee_org_id", "region"])


# --------------------------------------------------------------------------- load

def mentor_load(G: nx.MultiDiGraph) -> pd.DataFrame:
    """How much each mentor agency carries.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        From :func:`sgnet.graph.build`.

    Returns
    -------
    pandas.DataFrame
        One row per organization with an outgoing ``pairing`` edge, columns
        ``mentor_org_id, mentor, pairings, mentees, stations, stations_visited, supervisors,
        stations_per_supervisor``; heaviest first.

    Notes
    -----
    ``mentees`` counts distinct mentee organizations; ``stations`` the stations located in
    the mentees' regions (a mentee's ``region``: usually its county); ``stations_visited``
    the distinct stations that are the target of an activity the mentor hosted;
    ``supervisors`` the people of the mentor with role ``supervisor``;
    ``stations_per_supervisor`` = stations / supervisors (NaN with no supervisor).

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> t = mentor_load(build(sgnet.load()))
    >>> t.columns.tolist()[:4]
    ['mentor_org_id', 'mentor', 'pairings', 'mentees']
    """
    pairs = _pairings(G)
    stations = [(s, G.nodes[s].get("region")) for s in _stations(G)]
    rows = []
    for mentor, group in pairs.groupby("mentor_org_id", sort=True):
        regions = set(group["region"].dropna())
        in_scope = {s for s, r in stations if any(_in_region(r, reg) for reg in regions)}
        supervisors = [p for p, _, _, _ in G.in_edges(mentor, keys=True, data=True)
                       if G.nodes[p].get("kind") == "person"
                       and G.nodes[p].get("role") == "supervisor"]
        n_sup = len(set(supervisors))
        rows.append({
            "mentor_org_id": mentor,
            "mentor": node_label(G, mentor),
            "pairings": len(group),
            "mentees": group["mentee_org_id"].nunique(),
            "stations": len(in_scope),
            "stations_visited": len(_visited_stations(G, None, {mentor})),
            "supervisors": n_sup,
            "stations_per_supervisor": round(len(in_scope) / n_sup, 2) if n_sup else math.nan,
        })
    cols = ["mentor_org_id", "mentor", "pairings", "mentees", "stations", "stations_visited",
            "supervisors", "stations_per_supervisor"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["pairings", "stations", "mentor_org_id"],
                           ascending=[False, False, True], ignore_index=True)


def supervisor_load(G: nx.MultiDiGraph, *, kinds: tuple[str, ...] = SUPERVISION,
                    names: bool = False) -> pd.DataFrame:
    """How much each supervisor carries: sessions led, people supervised, organizations served.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    kinds : tuple of str
        Activity kinds that count as supervision sessions (default individual and group
        supervision).
    names : bool
        Add a ``name`` column after ``person_id``: personal data, for internal use only.

    Returns
    -------
    pandas.DataFrame
        One row per person who led an activity or has role ``supervisor``, columns
        ``person_id, org_id, role, sessions, supervisees, activities, orgs``; busiest first.
        No names unless ``names=True``.

    Notes
    -----
    From the ``led`` edges: ``sessions`` sums ``count`` of the ``kinds`` activities,
    ``supervisees`` their ``participants`` (人次, a person supervised twice counts twice),
    ``activities`` the records of any kind the person led, ``orgs`` the distinct target
    organizations. An activity led by two people counts for each of them.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> supervisor_load(build(sgnet.load())).columns.tolist()
    ['person_id', 'org_id', 'role', 'sessions', 'supervisees', 'activities', 'orgs']
    """
    def fresh() -> dict:
        return {"sessions": 0, "supervisees": 0, "activities": 0, "orgs": set()}

    rows: dict[str, dict] = {n: fresh() for n, d in G.nodes(data=True)
                             if d.get("kind") == "person" and d.get("role") == "supervisor"}
    for u, v, _, d in relation_edges(G, "led"):
        r = rows.setdefault(u, fresh())
        r["sessions"] += _kind_count(d, kinds)
        r["supervisees"] += sum(c for k, c in d.get("kind_participants", {}).items()
                                if k in kinds)
        r["activities"] += int(d["activities"])
        r["orgs"].add(v)
    cols = ["person_id", "org_id", "role", "sessions", "supervisees", "activities", "orgs"]
    out = pd.DataFrame([
        {"person_id": p, "org_id": G.nodes[p].get("org_id"), "role": G.nodes[p].get("role"),
         "sessions": r["sessions"], "supervisees": int(r["supervisees"]),
         "activities": r["activities"], "orgs": len(r["orgs"])}
        for p, r in rows.items()
    ], columns=cols)
    if names:
        out.insert(1, "name", [G.nodes[p].get("name") for p in out["person_id"]])
    return out.sort_values(["sessions", "activities", "person_id"],
                           ascending=[False, False, True], ignore_index=True)


# --------------------------------------------------------------------------- coverage, reach

def coverage(G: nx.MultiDiGraph, *, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Per pairing: the share of the stations in the mentee's region that activities reached.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Build it from a Dataset selected to the period of interest.
    kinds : tuple of str, optional
        Count only activities of these kinds (e.g. ``("station_visit",)``); default any.

    Returns
    -------
    pandas.DataFrame
        Columns ``pairing_id, mentee_org_id, mentee, region, stations, visited, share``.

    Notes
    -----
    A station is *visited* when it is the target organization of at least one activity
    (hosted by anyone) in the graph's period. Aggregate rows recorded against the county
    bureau ("走访社工站点5个") do not say which stations were visited and do not count here.
    ``share`` = visited / stations, NaN for a region without stations.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> c = coverage(build(sgnet.load().select(period="2022")))
    >>> bool(((c["share"] >= 0) & (c["share"] <= 1)).all())
    True
    """
    visited = _visited_stations(G, kinds)
    stations = [(s, G.nodes[s].get("region")) for s in _stations(G)]
    rows = []
    for row in _pairings(G).itertuples(index=False):
        in_region = {s for s, r in stations if _in_region(r, row.region)}
        n_visited = len(in_region & visited)
        rows.append({
            "pairing_id": row.pairing_id, "mentee_org_id": row.mentee_org_id,
            "mentee": node_label(G, row.mentee_org_id), "region": row.region,
            "stations": len(in_region), "visited": n_visited,
            "share": round(n_visited / len(in_region), 3) if in_region else math.nan,
        })
    cols = ["pairing_id", "mentee_org_id", "mentee", "region", "stations", "visited", "share"]
    return pd.DataFrame(rows, columns=cols).sort_values("pairing_id", ignore_index=True)


def never_visited(G: nx.MultiDiGraph, *, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Stations that no activity reached in the graph's period.

    Returns
    -------
    pandas.DataFrame
        Columns ``org_id, name, region, pairing_id`` (the pairings whose mentee region holds
        the station, ``;``-joined; empty if none), sorted by ``org_id``.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> never_visited(build(sgnet.load())).columns.tolist()
    ['org_id', 'name', 'region', 'pairing_id']
    """
    visited = _visited_stations(G, kinds)
    pairs = _pairings(G)
    rows = []
    for s in _stations(G):
        if s in visited:
            continue
        region = G.nodes[s].get("region")
        ids = sorted(p for p, r in zip(pairs["pairing_id"], pairs["region"], strict=True)
                     if _in_region(region, r))
        rows.append({"org_id": s, "name": node_label(G, s), "region": region,
                     "pairing_id": ";".join(ids)})
    return pd.DataFrame(rows, columns=["org_id", "name", "region", "pairing_id"])


def _help_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Directed lines along which help flows: pairing, visited, led, and org → its members."""
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    for u, v, d in G.edges(data=True):
        rel = d["relation"]
        if rel in ("pairing", "visited", "led"):
            H.add_edge(u, v)
        elif rel == "member_of":
            H.add_edge(v, u)
    return H


def stations_reached(G: nx.MultiDiGraph, org_id: str, *, k: int = 2) -> pd.DataFrame:
    """The stations reached from one organization within ``k`` hops, with their distance.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    org_id : str
        Usually a mentor agency.
    k : int
        Hops allowed along the lines of help (see :func:`reach`).

    Returns
    -------
    pandas.DataFrame
        Columns ``org_id, name, region, hops``, nearest first.

    Raises
    ------
    KeyError
        If ``org_id`` is not a node of ``G``.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> stations_reached(build(sgnet.load()), "O002").columns.tolist()
    ['org_id', 'name', 'region', 'hops']
    """
    if org_id not in G:
        raise KeyError(f"{org_id!r} is not a node of the graph")
    dist = nx.single_source_shortest_path_length(_help_graph(G), org_id, cutoff=k)
    rows = [{"org_id": n, "name": node_label(G, n), "region": G.nodes[n].get("region"),
             "hops": h}
            for n, h in dist.items() if G.nodes[n].get("kind") == "station"]
    out = pd.DataFrame(rows, columns=["org_id", "name", "region", "hops"])
    return out.sort_values(["hops", "org_id"], ignore_index=True)


def reach(G: nx.MultiDiGraph, *, k: int = 2) -> pd.DataFrame:
    """Per mentor agency: the stations and organizations reached within ``k`` hops.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    k : int
        Hops allowed. Help flows along ``pairing`` (mentor → mentee), ``visited`` (host →
        target), ``led`` (supervisor → target) and from an organization to its members. So
        a station the mentor visited is 1 hop away; one visited by the mentee, or by one of
        the mentor's supervisors, 2 hops.

    Returns
    -------
    pandas.DataFrame
        Columns ``mentor_org_id, mentor, k, stations, organizations`` (organizations of any
        kind reached, stations included; the mentor itself not).

    Raises
    ------
    ValueError
        If ``k`` is negative.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> r = reach(build(sgnet.load()), k=2)
    >>> bool((r["stations"] <= r["organizations"]).all())
    True
    """
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    H = _help_graph(G)
    mentors = sorted({u for u, _, _, _ in relation_edges(G, "pairing")})
    rows = []
    for m in mentors:
        dist = nx.single_source_shortest_path_length(H, m, cutoff=k)
        kinds = [G.nodes[n].get("kind") for n in dist if n != m]
        rows.append({"mentor_org_id": m, "mentor": node_label(G, m), "k": k,
                     "stations": sum(x == "station" for x in kinds),
                     "organizations": sum(x != "person" for x in kinds)})
    return pd.DataFrame(rows, columns=["mentor_org_id", "mentor", "k", "stations",
                                       "organizations"])


# --------------------------------------------------------------------------- concentration

def concentration(G: nx.MultiDiGraph, *, top: float = 0.2,
                  kinds: tuple[str, ...] = SUPERVISION) -> pd.DataFrame:
    """How much of the supervision rests on a few supervisors.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    top : float
        The top share of supervisors (default 0.2: the top 20 %, rounded up to whole people).
    kinds : tuple of str
        Activity kinds counted (default individual and group supervision sessions).

    Returns
    -------
    pandas.DataFrame
        One row: ``supervisors`` (people counted), ``active`` (who led at least one
        session), ``sessions``, ``top_n``, ``top_share`` (share of sessions led by the
        ``top_n`` busiest), ``gini`` and ``hhi``.

    Notes
    -----
    The people counted are those of :func:`supervisor_load`: role ``supervisor`` or having
    led any activity, so idle supervisors weigh in. With sessions :math:`x_1 \\le \\dots
    \\le x_n` and total :math:`S`: Gini :math:`= \\sum_i (2i-n-1)x_i / (nS)` (0 when all
    carry the same, towards 1 when one carries all); HHI :math:`= \\sum_i (x_i/S)^2`
    (1/n when equal, 1 when one carries all). With no session all three are NaN.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> c = concentration(build(sgnet.load()))
    >>> bool(0 <= c.loc[0, "gini"] <= 1)
    True
    """
    if not 0 < top <= 1:
        raise ValueError(f"top must be a share in (0, 1], not {top}")
    sessions = sorted(supervisor_load(G, kinds=kinds)["sessions"].astype(int).tolist())
    n, total = len(sessions), sum(sessions)
    top_n = math.ceil(top * n) if n else 0
    if total:
        top_share = sum(sessions[-top_n:]) / total
        gini = sum((2 * i - n - 1) * x for i, x in enumerate(sessions, start=1)) / (n * total)
        hhi = sum((x / total) ** 2 for x in sessions)
    else:
        top_share = gini = hhi = math.nan
    return pd.DataFrame([{
        "supervisors": n, "active": sum(x > 0 for x in sessions), "sessions": total,
        "top_n": top_n, "top_share": round(top_share, 4), "gini": round(gini, 4),
        "hhi": round(hhi, 4),
    }])


# --------------------------------------------------------------------------- structure

def change(before: nx.MultiDiGraph, after: nx.MultiDiGraph, *,
           kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Pairings and stations reached that were added or lost between two graphs.

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        Graphs of two periods (``build(ds.select(period=...))``).
    kinds : tuple of str, optional
        Activity kinds that count as reaching a station (default any).

    Returns
    -------
    pandas.DataFrame
        Columns ``item`` (``pairing`` or ``station``), ``id``, ``name``, ``change``
        (``added`` or ``lost``); sorted by item, change, id. Unchanged items do not appear.

    Notes
    -----
    A pairing is present in a period's graph when it was active in the period; a station
    when some activity of the period targeted it (as in :func:`coverage`).

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> ds = sgnet.load()
    >>> c = change(build(ds.select(period="2021")), build(ds.select(period="2022")))
    >>> sorted(c.loc[c["item"] == "pairing", "change"].unique())
    ['added']
    """
    def pairings(G: nx.MultiDiGraph) -> dict[str, str]:
        return {k: f"{node_label(G, u)} → {node_label(G, v)}"
                for u, v, k, _ in relation_edges(G, "pairing")}

    rows = []
    p0, p1 = pairings(before), pairings(after)
    s0, s1 = _visited_stations(before, kinds), _visited_stations(after, kinds)
    for item, old, new, names in (
        ("pairing", set(p0), set(p1), {**p0, **p1}),
        ("station", s0, s1,
         {s: node_label(after if s in after else before, s) for s in s0 | s1}),
    ):
        rows += [{"item": item, "id": i, "name": names[i], "change": "added"} for i in new - old]
        rows += [{"item": item, "id": i, "name": names[i], "change": "lost"} for i in old - new]
    out = pd.DataFrame(rows, columns=["item", "id", "name", "change"])
    return out.sort_values(["item", "change", "id"], ignore_index=True)


def pairing_members(G: nx.MultiDiGraph, pairing_id: str) -> pd.DataFrame:
    """The organizations of one pairing: its mentor, its mentee and the mentee region's others.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    pairing_id : str

    Returns
    -------
    pandas.DataFrame
        Columns ``role`` (``mentor``, ``mentee`` or ``local``: another organization in the
        mentee's region, such as the county bureau and its stations), ``org_id``, ``name``,
        ``kind``, ``region``, ``visited`` (activities of the graph that targeted it).

    Raises
    ------
    KeyError
        If the graph has no pairing edge with this id.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> m = pairing_members(build(sgnet.load()), "PR14")
    >>> m["role"].iloc[:2].tolist()
    ['mentor', 'mentee']
    """
    found = [(u, v) for u, v, k, _ in relation_edges(G, "pairing") if k == pairing_id]
    if not found:
        raise KeyError(f"{pairing_id!r} is not a pairing of the graph")
    mentor, mentee = found[0]
    region = G.nodes[mentee].get("region")
    local = sorted(n for n, d in G.nodes(data=True)
                   if d.get("kind") != "person" and n not in (mentor, mentee)
                   and _in_region(d.get("region"), region))
    visits: dict[str, int] = {}
    for _, v, _, d in relation_edges(G, "visited"):
        visits[v] = visits.get(v, 0) + int(d["activities"])
    rows = [{"role": role, "org_id": n, "name": node_label(G, n),
             "kind": G.nodes[n].get("kind"),
             "region": G.nodes[n].get("region"), "visited": visits.get(n, 0)}
            for role, nodes in (("mentor", [mentor]), ("mentee", [mentee]), ("local", local))
            for n in nodes]
    return pd.DataFrame(rows, columns=["role", "org_id", "name", "kind", "region", "visited"])
