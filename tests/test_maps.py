"""The pairing map and the network figures: real matplotlib, Chinese glyphs, byte-identical."""

import io

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.font_manager import findfont

import sgnet
from sgnet import maps, netplots
from sgnet.graph import build

matplotlib.use("Agg")


def png(draw) -> bytes:
    fig, ax = plt.subplots(figsize=(8, 6))
    draw(ax)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def test_outlines_are_the_provinces_from_the_package():
    outlines = maps.province_outlines()
    assert len(outlines) == 34
    xs = [x for rings in outlines.values() for r in rings for x in r[:, 0]]
    ys = [y for rings in outlines.values() for r in rings for y in r[:, 1]]
    assert 73 < min(xs) < 74 and 134 < max(xs) < 135.2 and 53 < max(ys) < 54
    # 广西's outline contains 罗城's point (a ray-casting check on the largest ring)
    ring = max(outlines["450000"], key=len)
    x, y, _ = maps.place_coordinates("451225")
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, list(ring[1:]) + [ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    assert inside


def test_map_draws_every_pairing_east_to_west_with_chinese_names():
    ds = sgnet.load()
    fig, ax = plt.subplots()
    maps.pairing_map(ds, ax=ax)
    assert sorted(a.get_gid() for a in ax.sgnet_arcs) == sorted(ds.pairings["pairing_id"])
    assert ax.sgnet_missing == []
    for arc in ax.sgnet_arcs:
        (x0, _), (x1, _) = arc._posA_posB
        if arc.get_gid() != "PR08":  # 省内结对: 广州 → 乳源, both in 广东
            assert x0 > x1, arc.get_gid()
    texts = {t.get_text() for t in ax.texts}
    assert {"罗城", "疏附", "墨竹工卡", "东莞", "北京", "广西", "新疆"} <= texts
    assert "结对帮扶关系图" in ax.get_title()
    assert findfont(ax.texts[0].get_fontproperties()).endswith("NotoSansCJKsc-Regular.otf")
    plt.close(fig)


def test_map_of_a_period_shows_its_active_pairings():
    fig, ax = plt.subplots()
    maps.pairing_map(sgnet.load().select(period="2021"), ax=ax, inset=False, lang="en")
    assert sorted(a.get_gid() for a in ax.sgnet_arcs) == ["PR01", "PR02", "PR03", "PR04", "PR05"]
    assert ax.get_title() == "Pairings: mentor → mentee"
    plt.close(fig)


def test_figures_are_byte_identical_across_renders():
    ds = sgnet.load()
    G = build(ds)
    for draw in (lambda ax: maps.pairing_map(ds, ax=ax),
                 lambda ax: netplots.network(G, ax=ax, people=True),
                 lambda ax: netplots.timeline(ds, ax=ax)):
        first, second = png(draw), png(draw)
        assert first == second and first[:4] == b"\x89PNG"
        assert b"Software" not in first


def test_network_never_labels_people():
    ds = sgnet.load()
    fig, ax = plt.subplots()
    netplots.network(build(ds), ax=ax, people=True)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert texts and not [n for n in ds.people["name"] if n in texts]
    assert len(ax.sgnet_positions) == len(ds.organizations) + len(ds.people)
    plt.close(fig)


def test_network_focus(tiny_dir):
    G = build(sgnet.load(tiny_dir).select(period="2022H2"))
    fig, ax = plt.subplots()
    netplots.network(G, ax=ax, focus="O1")
    assert sorted(ax.sgnet_positions) == ["O1", "O2", "O4"]
    with pytest.raises(KeyError, match="P1"):
        netplots.network(G, ax=ax, focus="P1")
    plt.close(fig)


def test_timeline_counts_active_pairings(tiny_dir):
    ds = sgnet.load(tiny_dir).select(period="2022-01-01..2022-04-30")
    fig, ax = plt.subplots()
    netplots.timeline(ds, ax=ax)
    # PR1 from January, PR2 from March; activity records: A1 in Feb only
    assert [int(v) for v in ax.lines[0].get_ydata()] == [1, 1, 2, 2]
    assert [int(p.get_height()) for p in ax.sgnet_twin.patches] == [0, 1, 0, 0]
    plt.close(fig)
