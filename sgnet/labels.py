"""Labels that do not collide: each text beside its point, where no other label or point is.

Used by the maps (:mod:`sgnet.maps`, :mod:`sgnet.county_map`): a greedy placement in screen
space that tries the right, left, above and below of each point, then further out with a thin
leader line, and keeps clear of every point drawn.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

__all__ = ["place_labels"]

_SIDES = ((1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
          (0, -1, "center", "top"), (1, 1, "left", "bottom"), (-1, 1, "right", "bottom"),
          (1, -1, "left", "top"), (-1, -1, "right", "top"))


def _overlaps(box, boxes) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes)


def place_labels(ax: Axes, points: np.ndarray, texts: list[str], *, fontsize: float = 8,
                 gap: float = 5, longest: int = 20, **style) -> list:
    """Write each text beside its point where it overlaps no label and no point.

    Parameters
    ----------
    ax : matplotlib Axes
        Its limits must be set already (placement is done in screen space).
    points : array of shape (n, 2)
        Data coordinates.
    texts : list of str
        Names from data: one longer than ``longest`` characters is cut short with "…", so
        that it cannot stretch the map.
    fontsize, gap : float
        Points; ``gap`` is the distance of a label from its point.
    **style
        Passed to ``ax.text`` (color, zorder ...).

    Returns
    -------
    list of matplotlib.text.Text

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> texts = place_labels(ax, np.array([[0.5, 0.5], [0.5, 0.5]]), ["甲镇", "乙镇"])
    >>> texts[0].get_position() != texts[1].get_position()
    True
    """
    fig = ax.figure
    ax.apply_aspect()  # an equal-aspect map is shrunk at draw time: place on the final axes
    to_data = ax.transData.inverted()
    scale_px = fig.dpi / 72
    screen = [ax.transData.transform((x, y)) for x, y in points]
    r = 4 * scale_px  # the marker of each point is an obstacle too
    boxes = [(px - r, py - r, px + r, py + r) for px, py in screen]
    out = []
    texts = [t if len(t) <= longest else t[:longest - 1] + "…" for t in texts]
    for (px, py), (x, y), text in zip(screen, points, texts, strict=True):
        w = sum(1.0 if not c.isascii() else 0.6 for c in text) * fontsize * scale_px
        h = fontsize * scale_px * 1.25
        placed = None
        for reach in (1, 2.5, 4, 6):
            for dx, dy, ha, va in _SIDES:
                ox, oy = px + dx * gap * scale_px * reach, py + dy * gap * scale_px * reach
                left = ox if ha == "left" else ox - w if ha == "right" else ox - w / 2
                bottom = oy - h / 2 if va == "center" else oy if va == "bottom" else oy - h
                box = (left, bottom, left + w, bottom + h)
                if not _overlaps(box, boxes):
                    placed = (ox, oy, ha, va, box, reach)
                    break
            if placed:
                break
        if placed is None:  # crowded everywhere: the first place, as a last resort
            ox, oy = px + gap * scale_px, py
            placed = (ox, oy, "left", "center", (ox, oy - h / 2, ox + w, oy + h / 2), 1)
        ox, oy, ha, va, box, reach = placed
        boxes.append(box)
        tx, ty = to_data.transform((ox, oy))
        if reach > 1:
            ax.plot([x, tx], [y, ty], color="#999", linewidth=0.5,
                    zorder=style.get("zorder", 6) - 0.5)
        out.append(ax.text(tx, ty, text, ha=ha, va=va, fontsize=fontsize, **style))
    return out
