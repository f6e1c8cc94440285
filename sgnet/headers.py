"""Headers and names as people write them: aliases, units in brackets, traditional forms.

A header maps to its canonical column when it is an alias (:data:`sgnet.vocab.COLUMN_ALIASES`)
or a canonical name, before or after its notes are removed (NFKC, brackets and what they
hold, a unit after ``/``, traditional characters simplified with OpenCC). A sheet or file
stem names a table likewise (:data:`sgnet.vocab.SHEET_ALIASES`).
"""

from __future__ import annotations

import re
import unicodedata

from .schema import SCHEMAS
from .vocab import COLUMN_ALIASES, SHEET_ALIASES

__all__ = ["canonical_header", "header_stem", "simplified", "sheet_table", "SERIAL_HEADERS"]


def canonical_header(name: object) -> str:
    """The canonical name of a header: a Chinese alias mapped, ASCII lower-cased, BOM gone.

    A unit or note in brackets (full- or half-width) is left out when what remains is an
    alias or a canonical name: ``参与人数（人次）`` is ``participants``.

    Examples
    --------
    >>> canonical_header("\\ufeff机构编号"), canonical_header(" Org_ID "), canonical_header("备注")
    ('org_id', 'org_id', '备注')
    >>> canonical_header("次数（场）"), canonical_header("时长(h)"), canonical_header("Hours [h]")
    ('count', 'hours', 'hours')
    """
    text = str(name).replace("\ufeff", "").strip()
    if text in COLUMN_ALIASES:
        return COLUMN_ALIASES[text]
    for form in (text, header_stem(text)):
        if form in COLUMN_ALIASES:
            return COLUMN_ALIASES[form]
        if form.isascii() and form.lower() in _CANONICAL:
            return form.lower()
    return text.lower() if text.isascii() else text


_BRACKETS = re.compile(r"\s*[(\[【<《][^)\]】>》]*[)\]】>》]\s*")
_CANONICAL = frozenset(name for schema in SCHEMAS.values() for name in schema.columns)


def header_stem(text: str) -> str:
    """A header without its notes: NFKC, brackets and what they hold, spaces, a unit after
    ``/``, the traditional forms of its characters.

    Examples
    --------
    >>> header_stem("参训人数（人）"), header_stem("時長 / 小時"), header_stem("Hours [h]")
    ('参训人数', '时长', 'Hours')
    """
    text = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "")
    text = _BRACKETS.sub("", text).strip()
    text = re.sub(r"\s*/\s*[^/]{1,3}$", "", text) if "/" in text else text
    text = text if text.isascii() else re.sub(r"\s+", "", simplified(text))
    return text


def simplified(text: str) -> str:
    """Traditional Chinese characters as simplified ones (OpenCC ``t2s``).

    Examples
    --------
    >>> simplified("團督"), simplified("個別督導")
    ('团督', '个别督导')
    """
    if text.isascii():
        return text
    return _opencc().convert(text)


_OPENCC = []


def _opencc():
    if not _OPENCC:
        import opencc

        _OPENCC.append(opencc.OpenCC("t2s"))
    return _OPENCC[0]


#: headers that number the rows (序号): recognised, and left out
SERIAL_HEADERS = frozenset({"序号", "序", "编号序号", "no", "no.", "#", "行号"})


def sheet_table(name: object) -> str | None:
    """The table a sheet or file stem names (canonical or Chinese, any case), or None.

    Examples
    --------
    >>> sheet_table("活动"), sheet_table(" Activities "), sheet_table("说明")
    ('activities', 'activities', None)
    """
    text = unicodedata.normalize("NFKC", str(name)).strip()
    return SHEET_ALIASES.get(text, SHEET_ALIASES.get(text.lower()))
