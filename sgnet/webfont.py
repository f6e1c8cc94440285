"""The page's own font: the glyphs a report uses, cut from the CJK font sgnet ships.

A funder may open a report on a machine with no Chinese font, where every character of the
page would be a box. The font of the figures (Noto Sans CJK SC, shipped by ``mplfonts``) is
subset to exactly the characters of the page (fontTools' subsetter) and embedded as a WOFF2
``@font-face`` in a ``data:`` URL: a few tens of kilobytes for a report, read from nothing
but the page itself.

What a report pays for its font is kept small: the tables horizontal Chinese text does not use
(OpenType layout, vertical metrics) are cut from the 16 MB font once and kept in sgnet's cache
folder (:func:`_base`), so each page's subset reads neither.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.resources
import io
import os
import re
import tempfile
from html import unescape
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

__all__ = ["FAMILY", "font_path", "page_text", "subset_woff2", "font_face_css", "embed_font"]

#: the family name the page's CSS uses for the embedded subset
FAMILY = "sgnet CJK"


def font_path() -> Path:
    """The Noto Sans CJK SC file that ``mplfonts`` installs (also the figures' font).

    Examples
    --------
    >>> font_path().name
    'NotoSansCJKsc-Regular.otf'
    """
    return Path(str(importlib.resources.files("mplfonts") / "fonts"
                    / "NotoSansCJKsc-Regular.otf"))


_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def page_text(html: str) -> str:
    """The text a page shows: tags, styles and scripts removed, entities decoded.

    Attribute values (``alt``, ``title``) count too: a browser may show them.

    Examples
    --------
    >>> page_text("<style>p{}</style><p title='提示'>培训 &amp; 督导</p>")
    '提示 培训 & 督导'
    """
    attrs = " ".join(unescape(v) for v in re.findall(r"\b(?:alt|title)=['\"]([^'\"]*)['\"]",
                                                     html))
    body = unescape(_TAGS.sub(" ", re.sub(r"<title>.*?</title>", " ", html, flags=re.S)))
    title = " ".join(unescape(t) for t in re.findall(r"<title>(.*?)</title>", html, re.S))
    return " ".join((attrs + " " + title + " " + body).split())


#: tables a page's horizontal text never uses: OpenType layout (the page asks for no
#: feature) and the vertical metrics
_UNUSED = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG")


@functools.cache
def _base() -> bytes:
    """The shipped font without :data:`_UNUSED`, kept in sgnet's cache folder.

    Cutting the tables costs about half a second; every process that writes pages needs the
    result (the batch and each of its kernels), so it is written once to
    :func:`sgnet.cache.cache_dir` (renamed into place) and read from there after.
    """
    from . import cache  # the cache folder's rules (SGNET_CACHE_DIR, SGNET_CACHE=0)

    source = font_path()
    stat = source.stat()
    key = hashlib.sha256(repr((str(source), stat.st_size, stat.st_mtime_ns, _UNUSED,
                               fontTools.version)).encode()).hexdigest()[:16]
    cached = cache.cache_dir() / "fonts" / f"base-{key}.otf"
    if cache.enabled():
        try:
            return cached.read_bytes()
        except OSError:
            pass
    font = TTFont(str(source), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    for tag in _UNUSED:
        if tag in font:
            del font[tag]
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    if cache.enabled():
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=cached.parent, prefix=".tmp-",
                                             delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, cached)
        except OSError:  # a read-only cache folder: cut it again next time
            pass
    return data


def subset_woff2(text: str) -> bytes:
    """A WOFF2 font holding the glyphs of every character of ``text`` (and nothing else).

    Examples
    --------
    >>> data = subset_woff2("培训 abc")
    >>> data[:4]
    b'wOF2'
    """
    # the font's own timestamp, not the time of the run: the same page gives the same bytes;
    # and its own bounding box: recomputing it from every outline costs a second a report
    font = TTFont(io.BytesIO(_base()), recalcTimestamp=False, recalcBBoxes=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    sub = subset.Subsetter(options)
    sub.populate(text=text)
    sub.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def font_face_css(text: str) -> str:
    """The ``@font-face`` rule of :data:`FAMILY`, the subset of ``text`` inline.

    Examples
    --------
    >>> font_face_css("培训").startswith("@font-face{font-family:'sgnet CJK';")
    True
    """
    data = base64.b64encode(subset_woff2(text)).decode("ascii")
    return (f"@font-face{{font-family:'{FAMILY}';font-style:normal;font-weight:400;"
            f"font-display:block;src:url(data:font/woff2;base64,{data}) format('woff2');}}")


def embed_font(html: str) -> str:
    """``html`` with the subset of its own characters embedded before ``</head>``.

    The rule is in a ``<style>`` of its own, with ``data-sgnet-font``; the page's CSS must
    name :data:`FAMILY` first and its Content-Security-Policy allow ``font-src data:``.

    Examples
    --------
    >>> page = embed_font("<html><head></head><body>培训</body></html>")
    >>> "data:font/woff2;base64," in page
    True
    """
    # the space too: a line of Chinese and figures is one run of text in one font
    chars = "".join(sorted({c for c in page_text(html) if not c.isspace()} | {" ", "\u00a0"}))
    style = f"<style data-sgnet-font>{font_face_css(chars)}</style>"
    head = html.find("</head>")
    return html[:head] + style + html[head:] if head >= 0 else style + html
