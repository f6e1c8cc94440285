"""A report's figures as PNG: drawn once and cut to their ink (sgnet.figpng), or by savefig."""

import io

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

import sgnet
from sgnet import county_map, metrics, plots
from sgnet.figpng import figure_png
from sgnet.parts import figure_output

matplotlib.use("Agg")


def tight_savefig(fig, dpi=110) -> Image.Image:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return Image.open(buf)


def drawn(fig, dpi=110) -> Image.Image:
    return Image.open(io.BytesIO(figure_png(fig, dpi=dpi)))


@pytest.fixture(scope="module")
def scope():
    ds = sgnet.load()
    return ds.select(pairing="PR03"), sgnet.parse_period("2023Q2")


def report_figures(scope):
    """The three figures of a pairing's report, as the notebook draws them."""
    ds, p = scope
    fig, ax = plt.subplots(figsize=(9, 4), layout="tight")
    plots.monthly_activity(ds.select(period=f"{p.end.year}-01-01..{p.end}"), ax=ax)
    return [fig, plots.target_progress_figure(metrics.progress(ds, p),
                                              metrics=("training", "station_visit")),
            county_map.report_map(ds.select(period=p))[0]]


def test_report_figures_are_drawn_once_and_show_what_savefig_shows(scope):
    """The one-draw PNG is the tight box of the same picture: within a pad of savefig's
    size, opaque, its ink inside (a pad of white on every side), its dpi recorded."""
    for fig in report_figures(scope):
        assert fig.get_layout_engine() is not None
        once, tight = drawn(fig), tight_savefig(fig)
        plt.close(fig)
        assert once.mode == "RGB" and tight.mode == "RGBA"  # RGB: it took the one-draw way
        assert all(abs(a - b) <= 11 for a, b in zip(once.size, tight.size, strict=True))
        assert round(once.info["dpi"][0]) == 110
        pixels = np.asarray(once)
        ink = (pixels != 255).any(axis=2)
        assert ink.sum() > 1000
        for edge in (ink[:8], ink[-8:], ink[:, :8], ink[:, -8:]):
            assert not edge.any()


def test_the_same_figure_gives_the_same_bytes(scope):
    first = [figure_png(fig) for fig in report_figures(scope)]
    plt.close("all")
    second = [figure_png(fig) for fig in report_figures(scope)]
    plt.close("all")
    assert first == second


def test_a_figure_without_a_layout_engine_goes_the_savefig_way():
    """Its label sticks out of the canvas: savefig's tight box widens the picture to show it
    whole, as before; so does a figure with a layout whose ink reaches the edge."""
    for layout in (None, "tight"):
        fig, ax = plt.subplots(figsize=(3, 2), layout=layout)
        ax.plot([0, 1], [0, 1])
        fig.text(0.9, 0.5, "伸出画布之外的一段很长的说明文字")
        once, tight = drawn(fig), tight_savefig(fig)
        plt.close(fig)
        assert once.size == tight.size and once.size[0] > 3 * 110 + 50


def test_figure_output_gives_the_width_in_css_pixels():
    fig, ax = plt.subplots(figsize=(3, 2), layout="tight")
    ax.bar(["培训", "督导"], [1, 2])
    data, meta = figure_output(fig, alt="a", caption="c")
    plt.close(fig)
    png = Image.open(io.BytesIO(__import__("base64").b64decode(data["image/png"])))
    assert meta["image/png"]["width"] == int(png.size[0] * 96 / 110)


def place_point_by_point(rings, n, grid=40):
    """:func:`sgnet.county_map.place_evenly` as it was written first: one point at a time."""
    from matplotlib.path import Path as MplPath

    allxy = np.vstack(rings)
    (x0, y0), (x1, y1) = allxy.min(axis=0), allxy.max(axis=0)
    gx, gy = np.meshgrid(np.linspace(x0, x1, grid), np.linspace(y0, y1, grid))
    cand = np.column_stack([gx.ravel(), gy.ravel()])
    inside = np.zeros(len(cand), dtype=bool)
    for ring in rings:
        inside |= MplPath(ring).contains_points(cand)
    cand = cand[inside] if inside.any() else allxy
    chosen = [int(np.argmin(((cand - cand.mean(axis=0)) ** 2).sum(axis=1)))]
    dist = ((cand - cand[chosen[0]]) ** 2).sum(axis=1)
    border = np.vstack(rings)
    edge = np.array([((border - c) ** 2).sum(axis=1).min() for c in cand])
    while len(chosen) < min(n, len(cand)):
        i = int(np.argmax(np.minimum(dist, 4 * edge)))
        chosen.append(i)
        dist = np.minimum(dist, ((cand - cand[i]) ** 2).sum(axis=1))
    points = cand[chosen]
    return points[np.lexsort((points[:, 0], -points[:, 1]))]


@pytest.mark.parametrize("code", ["451225", "640422", "522301", "130102"])
def test_stations_are_placed_where_the_point_by_point_loop_places_them(code):
    rings = county_map.county_outline(code)
    assert rings
    for n in (1, 4, 11):
        assert np.array_equal(county_map.place_evenly(rings, n), place_point_by_point(rings, n))
