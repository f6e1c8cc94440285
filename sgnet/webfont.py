"""The page's own font: the glyphs a report uses, cut from the CJK font sgnet ships.

A funder may open a report on a machine with no Chinese font, where every character of the
page would be a box. The font of the figures (Noto Sans CJK SC, shipped by ``mplfonts``) is
subset to exactly the characters of the page (fontTools' subsetter) and embedded as a WOFF2
``@font-face`` in a ``data:`` URL: a few tens of kilobytes for a report, read from nothing
but the page itself.

What a report pays for its font is kept small: the tables horizontal Chinese text does not use
(OpenType layout, vertical metrics) are cut from the 16 MB font once and kept in sgnet's cache
folder (:func:`_base`), so each page's subset reads neither; the glyphs of the characters
nearly every page is made of (GB 2312, Latin, punctuation, the region names) are cut once more
into a base a tenth of the size (:func:`_common_base`), from which a page of those characters
gets the very same subset in a third of the time; and the WOFF2 is compressed at brotli's
quality 10 rather than 11 (a few dozen bytes more, a third of the time).
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
import threading
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

    key = hashlib.sha256(repr(_key()).encode()).hexdigest()[:16]
    cached = cache.cache_dir() / "fonts" / f"base-{key}.otf"
    if cache.enabled():
        try:
            return cached.read_bytes()
        except OSError:
            pass
    font = TTFont(str(font_path()), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    for tag in _UNUSED:
        if tag in font:
            del font[tag]
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    if cache.enabled():
        _keep(cached, data)
    return data


def _key() -> tuple:
    """What a cut of the font depends on: the font file, the tables cut, fontTools."""
    source = font_path()
    stat = source.stat()
    return str(source), stat.st_size, stat.st_mtime_ns, _UNUSED, fontTools.version


def _keep(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in the cache folder (renamed into place); a read-only
    folder keeps nothing (the cut is made again next time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
    except OSError:
        pass


#: blocks whose characters the smaller base holds (:func:`_common_base`), beside GB 2312's
#: characters and those of every region name: Latin, general punctuation, letterlike forms,
#: number forms and arrows, enclosed numbers, box drawing and shapes, CJK punctuation, and
#: the full-width forms
_BLOCKS = ((0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x206F), (0x2100, 0x21FF), (0x2460, 0x24FF),
           (0x2500, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF))


@functools.cache
def _common() -> frozenset[str]:
    """The characters of the smaller base: GB 2312's, :data:`_BLOCKS` and the region names."""
    from .regions import divisions

    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for first, last in _BLOCKS:
        chars.update(map(chr, range(first, last + 1)))
    chars.update("".join(divisions()["name"].astype(str)))
    return frozenset(chars)


#: the subsetter's options sgnet sets (:func:`_options`)
_HOW = ("layout_features", "notdef_outline", "hinting", "desubroutinize")


def _options(flavor: str | None) -> subset.Options:
    """How a page's font is cut: no layout features, the .notdef outline, no hinting, no
    subroutines."""
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = []
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    return options


@functools.cache
def _common_base() -> bytes | None:
    """:func:`_base` cut to the glyphs of :func:`_common`, as a page's subset is cut (so a
    page's subset cut from it is the same, byte for byte, as one cut from the whole font),
    kept in the cache folder beside it; None when the cache is off or its folder cannot be
    written.

    Cutting it costs about five seconds, once per machine (per font and fontTools); each
    page's subset is then cut from 1.6 MB of glyphs instead of 16 MB: a third of the time.
    """
    from . import cache

    if not cache.enabled():
        return None
    chars = "".join(sorted(_common()))
    how = {k: getattr(_options(None), k) for k in _HOW}
    key = hashlib.sha256(repr((_key(), chars, sorted(how.items()))).encode()).hexdigest()[:16]
    cached = cache.cache_dir() / "fonts" / f"common-{key}.otf"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    try:  # a folder it could not be kept in: the whole font, rather than cut it every time
        cached.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(cached.parent, os.W_OK):
        return None
    font = TTFont(io.BytesIO(_base()), recalcTimestamp=False, recalcBBoxes=False)
    cutter = subset.Subsetter(_options(None))
    cutter.populate(text=chars)
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    _keep(cached, data)
    return data


#: brotli's quality for a page's WOFF2: fontTools compresses at 11, the slowest; 10 makes
#: a font a few dozen bytes larger in a third of the time
_BROTLI_QUALITY = 10
_WOFF2_LOCK = threading.Lock()


class _Brotli:
    """The brotli module, compressing at :data:`_BROTLI_QUALITY` unless told otherwise."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        return getattr(self._module, name)

    def compress(self, data, **kwargs):
        return self._module.compress(data, **{"quality": _BROTLI_QUALITY, **kwargs})


def _save_woff2(font: TTFont) -> bytes:
    """``font`` as WOFF2, its brotli stream at :data:`_BROTLI_QUALITY`."""
    from fontTools.ttLib import woff2

    out = io.BytesIO()
    font.flavor = "woff2"
    with _WOFF2_LOCK:  # fontTools' writer reads the module's name ``brotli``
        module = woff2.brotli
        woff2.brotli = _Brotli(module) if module is not None else module
        try:
            font.save(out)
        finally:
            woff2.brotli = module
    return out.getvalue()


def subset_woff2(text: str) -> bytes:
    """A WOFF2 font holding the glyphs of every character of ``text`` (and nothing else).

    A text of common characters (:func:`_common`: those of GB 2312, Latin, punctuation and
    the region names) is cut from the smaller base those characters make; any other from the
    whole font. Both give the same font.

    Examples
    --------
    >>> data = subset_woff2("培训 abc")
    >>> data[:4]
    b'wOF2'
    """
    # the font's own timestamp, not the time of the run: the same page gives the same bytes;
    # and its own bounding box: recomputing it from every outline costs a second a report
    base = _common_base() if set(text) <= _common() else None
    font = TTFont(io.BytesIO(base or _base()), recalcTimestamp=False, recalcBBoxes=False)
    cutter = subset.Subsetter(_options("woff2"))
    cutter.populate(text=text)
    cutter.subset(font)
    return _save_woff2(font)


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
