"""A figure as the PNG a report shows: drawn once, on white, cut to what it draws.

``fig.savefig(..., bbox_inches="tight")`` draws a figure twice: once (without rendering) to
find where its ink is, then again, on a canvas resized to that box, to render it; a layout
engine (``layout="tight"``) costs one more pass of its own. :func:`figure_png` draws a figure
whose layout engine already keeps everything inside the canvas once, cuts the rendered
pixels to the box of everything not white (with ``savefig.pad_inches`` around it) and encodes
that: the same picture as ``bbox_inches="tight"`` gives, in about two thirds of the time.

Figures it cannot vouch for go the ``savefig`` way, unchanged: a figure without a layout
engine (its labels may stick out of the canvas, which ``bbox_inches="tight"`` widens to show
them), one drawn by another backend than Agg, and one whose ink touches the canvas's edge
(something may be cut off there).
"""

from __future__ import annotations

import io

import numpy as np

__all__ = ["figure_png"]


def _drawn_once(fig, dpi: float) -> np.ndarray | None:
    """The figure's pixels (RGBA) drawn once at ``dpi`` on white, or None (see the module)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine

    canvas = fig.canvas
    if (type(canvas) is not FigureCanvasAgg or canvas.device_pixel_ratio != 1
            or not isinstance(fig.get_layout_engine(),
                              (TightLayoutEngine, ConstrainedLayoutEngine))):
        return None
    dpi_was, face_was = fig.dpi, fig.get_facecolor()
    try:
        fig.dpi = dpi
        fig.set_facecolor("white")
        canvas.draw()  # the layout engine runs inside this one draw
        return np.array(canvas.buffer_rgba())
    finally:
        fig.dpi = dpi_was
        fig.set_facecolor(face_was)


def _cut(pixels: np.ndarray, pad: int) -> np.ndarray | None:
    """The box of everything not white, with ``pad`` pixels of white on every side (added
    where the canvas has fewer); None if there is no ink or it touches the canvas's edge."""
    ink = (pixels != 255).any(axis=2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not len(rows) or ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any():
        return None
    (y0, y1), (x0, x1) = (rows[0] - pad, rows[-1] + 1 + pad), (cols[0] - pad, cols[-1] + 1 + pad)
    height, width = ink.shape
    cut = pixels[max(y0, 0):min(y1, height), max(x0, 0):min(x1, width)]
    more = ((max(-y0, 0), max(y1 - height, 0)), (max(-x0, 0), max(x1 - width, 0)), (0, 0))
    return np.pad(cut, more, constant_values=255) if any(map(any, more)) else cut


def figure_png(fig, *, dpi: float = 110) -> bytes:
    """The PNG of a figure at ``dpi``, on white, cut to its content as ``bbox_inches="tight"``.

    A figure with a layout engine (``layout="tight"`` or ``"constrained"``) on the Agg
    canvas is drawn once and its pixels cut to their ink; any other goes through
    ``fig.savefig(bbox_inches="tight")``. Either way the PNG has no ``Software`` text and
    records ``dpi``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2), layout="tight")
    >>> png = figure_png(fig)
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    import matplotlib as mpl

    pixels = _drawn_once(fig, dpi)
    cut = None if pixels is None else _cut(
        pixels, round(float(mpl.rcParams["savefig.pad_inches"]) * dpi))
    if cut is None:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white",
                    metadata={"Software": None})
        return buffer.getvalue()
    from PIL import Image

    if (cut[..., 3] == 255).all():  # opaque, as on white it is: three channels are enough
        cut = cut[..., :3]
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(cut)).save(buffer, format="png", dpi=(dpi, dpi))
    return buffer.getvalue()
