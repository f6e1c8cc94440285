"""Figures of the pairing network: a drawing of the graph and a timeline of the program.

Same conventions as :mod:`sgnet.plots`: each function takes ``ax=None`` and returns the Axes.
Drawings are deterministic: the layout uses a fixed seed and sorted nodes, so the same data
gives the same picture (and, saved with ``metadata={"Software": None}``, the same bytes).
People are never labelled by name: person nodes, when drawn, carry no label at all.
"""

from __future__ import annotations

import math
import re

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .dataset import Dataset
from .graph import org_graph
from .plots import use_cjk_font
from .regions import short_name
from .words import word

__all__ = ["KIND_STYLE", "network_layout", "org_label", "network", "timeline"]

#: node color of each organization kind (and ``person``); their names are words ``org.<kind>``
KIND_STYLE: dict[str, str] = {
    "agency": "#1f77b4",
    "government": "#2ca02c",
    "station": "#ff7f0e",
    "community": "#9467bd",
    "school": "#8c564b",
    "other": "#7f7f7f",
    "person": "#c7c7c7",
}
_RELATION_STYLE = {  # color, width, style, z-order
    "pairing": ("#c0392b", 2.2, "solid", 3),
    "visited": ("#5d6d7e", 0.8, "solid", 2),
    "part_of": ("#aab7b8", 0.7, "dashed", 1),
    "member_of": ("#d5d8dc", 0.4, "solid", 0),
    "led": ("#d5d8dc", 0.4, "solid", 0),
}
_ORG_SUFFIX = re.compile(
    r"(社会工作服务中心|社会工作服务社|社会工作服务站|社会工作事务所|社会工作协会|社工服务中心|社工机构)$")
_PLACE_PREFIX = re.compile(r"^(.{1,8}?(?:自治州|自治县|地区|新区|市|区|县|旗|盟))")


def org_label(name: str, region: str | None = None) -> str:
    """A short label for an organization: its brand for agencies, its place for bureaus.

    Examples
    --------
    >>> org_label("广州市天河区同心社会工作服务中心")
    '同心'
    >>> org_label("罗城仫佬族自治县民政局")
    '罗城民政局'
    >>> org_label("罗城仫佬族自治县四把镇社工站")
    '四把镇社工站'
    """
    text = name
    for _ in range(3):
        m = _PLACE_PREFIX.match(text)
        if not m or len(text) - len(m.group(1)) < 2:
            break
        text = text[len(m.group(1)):]
    brand = _ORG_SUFFIX.sub("", text)
    if brand and brand != text:
        return brand
    if text in ("民政局", "社工总站", "街道办事处"):
        m = _PLACE_PREFIX.match(name)
        place = short_name(m.group(1)) if m else (region or "")
        return f"{place}{text}"
    return text


def network_layout(H: nx.Graph, *, seed: int = 7) -> dict[str, np.ndarray]:
    """Positions for a network drawing: each connected part laid out on its own, parts on a grid.

    A spring layout of the whole graph crowds a hundred organizations into a hairball;
    laying out each part (usually one pairing: mentor, mentee, bureau, stations) separately
    and placing the parts in rows, largest first, keeps every part readable.

    Parameters
    ----------
    H : networkx.Graph
        Undirected graph (e.g. :func:`sgnet.graph.org_graph`).
    seed : int
        Seed of the spring layout within each part: same graph and seed, same positions.

    Returns
    -------
    dict
        Node → array ``[x, y]``.

    Examples
    --------
    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = network_layout(H)
    >>> sorted(pos) == ["a", "b", "c", "x", "y"]
    True
    """
    parts = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0]))
    big = [p for p in parts if len(p) > 1]
    single = [p[0] for p in parts if len(p) == 1]
    pos: dict[str, np.ndarray] = {}
    ncols = max(1, math.ceil(math.sqrt(len(big) + (1 if single else 0))))
    cell = 2.6
    for i, members in enumerate(big):
        sub = H.subgraph(members)
        # sorted node order: the seeded layout then depends on the data only
        ordered = nx.Graph()
        ordered.add_nodes_from(sorted(sub.nodes))
        ordered.add_edges_from(sorted(tuple(sorted(e)) for e in sub.edges))
        local = nx.spring_layout(ordered, seed=seed, k=2.2 / math.sqrt(len(members)),
                                 iterations=200)
        scale = 0.55 + 0.45 * min(1.0, len(members) / 15)
        row, col = divmod(i, ncols)
        for node, xy in local.items():
            pos[node] = np.array([col * cell, -row * cell]) + xy * scale
    if single:
        i = len(big)
        row, col = divmod(i, ncols)
        side = math.ceil(math.sqrt(len(single)))
        for j, node in enumerate(single):
            r, c = divmod(j, side)
            pos[node] = np.array([col * cell - 1 + 2 * c / max(side - 1, 1),
                                  -row * cell + 1 - 2 * r / max(side - 1, 1)])
    return pos


def network(G: nx.MultiDiGraph, *, ax: Axes | None = None, lang: str = "zh",
            people: bool = False, focus: str | None = None, labels: bool = True,
            seed: int = 7) -> Axes:
    """Draw the pairing network: organizations colored by kind, pairings in red.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        From :func:`sgnet.graph.build`.
    ax : matplotlib Axes, optional
    lang : {"zh", "en"}
    people : bool
        Also draw people as small grey dots beside their organization (never labelled).
    focus : str, optional
        An org_id: draw only the connected part holding it (e.g. a pairing's mentor).
    labels : bool
        Label agencies and government bodies with short names (stations stay unlabelled,
        as there are many); mentors in a larger font.
    seed : int
        Layout seed (see :func:`network_layout`).

    Returns
    -------
    matplotlib.axes.Axes
        With attribute ``sgnet_positions`` (node → x, y) for callers and tests.

    Raises
    ------
    KeyError
        If ``focus`` is not an organization of ``G``.

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.graph import build
    >>> ax = network(build(sgnet.load()))
    >>> len(ax.sgnet_positions) == len(sgnet.load().organizations)
    True
    """
    use_cjk_font()
    ax = ax if ax is not None else plt.gca()
    H = org_graph(G)
    if focus is not None:
        if focus not in H:
            raise KeyError(f"{focus!r} is not an organization of the graph")
        H = H.subgraph(nx.node_connected_component(H, focus)).copy()
    pos = network_layout(H, seed=seed)
    mentors = {u for u, _, d in G.edges(data=True) if d["relation"] == "pairing"}
    mentees = {v for _, v, d in G.edges(data=True) if d["relation"] == "pairing"}

    if people:
        members = sorted((u, v) for u, v, d in G.edges(data=True)
                         if d["relation"] == "member_of" and v in pos)
        by_org: dict[str, list[str]] = {}
        for p, org in members:
            by_org.setdefault(org, []).append(p)
        for org, persons in by_org.items():
            for j, p in enumerate(persons):
                angle = 2 * math.pi * j / len(persons)
                pos[p] = pos[org] + 0.16 * np.array([math.cos(angle), math.sin(angle)])
        xy = np.array([pos[p] for p, _ in members]) if members else np.empty((0, 2))
        for (_p, org), (x, y) in zip(members, xy, strict=True):
            ax.plot([pos[org][0], x], [pos[org][1], y], color="#e5e7e9", linewidth=0.3,
                    zorder=0)
        if len(xy):
            ax.scatter(xy[:, 0], xy[:, 1], s=3, color=KIND_STYLE["person"], zorder=1,
                       label=word("org.person", lang))

    seen_relations = set()
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        rel = d["relation"]
        if rel not in ("pairing", "visited", "part_of") or u not in pos or v not in pos:
            continue
        color, width, style, z = _RELATION_STYLE[rel]
        ax.plot([pos[u][0], pos[v][0]], [pos[u][1], pos[v][1]], color=color, linewidth=width,
                linestyle=style, zorder=z)
        seen_relations.add(rel)

    degree = dict(H.degree())
    for kind, color in KIND_STYLE.items():
        nodes = sorted(n for n in H if G.nodes[n].get("kind") == kind)
        if kind == "person" or not nodes:
            continue
        xy = np.array([pos[n] for n in nodes])
        sizes = [18 + 14 * math.sqrt(degree.get(n, 0)) for n in nodes]
        edge = ["#000" if n in mentors else "white" for n in nodes]
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, color=color, edgecolors=edge, linewidths=0.8,
                   zorder=5, label=word(f"org.{kind}", lang))
    if labels:
        for n in sorted(H):
            d = G.nodes[n]
            if d.get("kind") not in ("agency", "government") and n not in mentees:
                continue
            text = org_label(str(d.get("name", n)), d.get("region"))
            ax.annotate(text, pos[n], xytext=(4, 3), textcoords="offset points",
                        fontsize=7.5 if n in mentors else 6.2,
                        color="#000" if n in mentors else "#333", zorder=6)
    for rel in ("pairing", "visited", "part_of"):
        if rel in seen_relations:
            color, width, style, _ = _RELATION_STYLE[rel]
            ax.plot([], [], color=color, linewidth=width, linestyle=style,
                    label=word(f"rel.{rel}", lang))
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_title(word("net.title", lang), fontsize=11)
    ax.sgnet_positions = pos
    return ax


def timeline(ds: Dataset, *, ax: Axes | None = None, lang: str = "zh") -> Axes:
    """Active pairings (line) and activity records (bars) per month.

    Parameters
    ----------
    ds : Dataset
        Its pairings and activities; with a period selected, the months of the period,
        otherwise from the first pairing start or activity to the last activity.
    ax : matplotlib Axes, optional
    lang : {"zh", "en"}

    Returns
    -------
    matplotlib.axes.Axes
        The Axes of the pairing line; the activity bars are on its twin (``ax.sgnet_twin``).

    Notes
    -----
    A pairing is active in a month when it started by the month's last day and had not
    ended before its first day.

    Examples
    --------
    >>> import sgnet
    >>> fig, ax = plt.subplots()
    >>> ax = timeline(sgnet.load().select(period="2022"), ax=ax)
    >>> [int(v) for v in ax.lines[0].get_ydata()][:3]
    [6, 7, 9]
    """
    use_cjk_font()
    ax = ax if ax is not None else plt.gca()
    acts, pairs = ds.activities, ds.pairings
    if ds.period is not None:
        first, last = pd.Timestamp(ds.period.start), pd.Timestamp(ds.period.end)
    else:
        starts = pd.concat([pairs["start_date"], acts["start_date"]]).dropna()
        ends = acts["start_date"].dropna()
        if starts.empty:
            first = last = pd.Timestamp.today().normalize()
        else:
            first, last = starts.min(), (ends.max() if not ends.empty else starts.max())
    months = pd.period_range(first, last, freq="M")
    ends = pairs["end_date"] if "end_date" in pairs else pd.Series(pd.NaT, index=pairs.index)
    active = [int(((pairs["start_date"] <= m.end_time)
                   & (ends.isna() | (ends >= m.start_time))).sum()) for m in months]
    records = acts["start_date"].dt.to_period("M").value_counts()
    counts = [int(records.get(m, 0)) for m in months]
    x = np.arange(len(months))
    twin = ax.twinx()
    twin.bar(x, counts, color="#aed6f1", width=0.8, zorder=1, label=word("net.records", lang))
    ax.step(x, active, where="mid", color="#c0392b", linewidth=2, zorder=3,
            label=word("net.active", lang))
    ax.set_zorder(twin.get_zorder() + 1)
    ax.patch.set_visible(False)
    step = max(1, len(months) // 12)
    ax.set_xticks(x[::step], [m.strftime("%Y-%m") for m in months[::step]], rotation=45,
                  ha="right", fontsize=8)
    ax.set_ylim(0, max(active + [1]) * 1.15)
    ax.set_ylabel(word("net.active_axis", lang), color="#c0392b")
    twin.set_ylabel(word("net.records_axis", lang), color="#2e86c1")
    ax.set_title(word("net.timeline_title", lang), fontsize=11)
    handles = ax.get_legend_handles_labels()
    more = twin.get_legend_handles_labels()
    ax.legend(handles[0] + more[0], handles[1] + more[1], fontsize=8, frameon=False,
              loc="upper left")
    for a in (ax, twin):
        a.spines[["top"]].set_visible(False)
    ax.sgnet_twin = twin
    return ax
