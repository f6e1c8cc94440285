"""Headers and names as people write them: aliases, units in brackets, traditional forms.

A header maps to its canonical column when it is an alias (:data:`sgnet.vocab.COLUMN_ALIASES`)
or a canonical name, before or after its notes are removed (NFKC, brackets and what they
hold, a unit after ``/``, traditional characters simplified with OpenCC). A sheet or file
stem names a table likewise (:data:`sgnet.vocab.SHEET_ALIASES`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .schema import SCHEMAS
from .vocab import COLUMN_ALIASES, HEADER_HINTS, SHEET_ALIASES, TABLE_ALIASES

__all__ = ["canonical_header", "header_stem", "simplified", "sheet_table", "noted_table",
           "looks_like", "zh_header", "SERIAL_HEADERS"]


def canonical_header(name: object, table: str | None = None) -> str:
    """The canonical name of a header: a Chinese alias mapped, ASCII lower-cased, BOM gone.

    A unit or note in brackets (full- or half-width) is left out when what remains is an
    alias or a canonical name: ``参与人数（人次）`` is ``participants``. A header that means
    different columns in different tables (``日期``) is mapped for ``table``
    (:data:`sgnet.vocab.TABLE_ALIASES`).

    Examples
    --------
    >>> canonical_header("\\ufeff机构编号"), canonical_header(" Org_ID "), canonical_header("备注")
    ('org_id', 'org_id', '备注')
    >>> canonical_header("次数（场）"), canonical_header("时长(h)"), canonical_header("Hours [h]")
    ('count', 'hours', 'hours')
    >>> canonical_header("日期", "activities"), canonical_header("日期（年月日）", "milestones")
    ('start_date', 'date')
    """
    text = str(name).replace("\ufeff", "").strip()
    mine = TABLE_ALIASES.get(table, {})
    for form in (text, header_stem(text)):
        if form in mine:
            return mine[form]
    if text in COLUMN_ALIASES:
        return COLUMN_ALIASES[text]
    for form in (text, header_stem(text)):
        if form in COLUMN_ALIASES:
            return COLUMN_ALIASES[form]
        words = re.sub(r"[\s-]+", "_", form.lower())  # Start Date, target-org-id
        if form.isascii() and words in _CANONICAL:
            return words
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
    text = _BRACKETS.sub("", text).strip().strip("*※").strip()  # * marks a required column
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


def noted_table(name: object) -> str | None:
    """The table a sheet or file stem names with a note in brackets, as Excel names a copied
    sheet (``活动 (2)``) and a browser a downloaded copy (``activities (1)``), or None.

    Examples
    --------
    >>> noted_table("活动 (2)"), noted_table("活动（下半年）"), noted_table("活动")
    ('activities', 'activities', None)
    """
    if sheet_table(name) is not None:
        return None
    return sheet_table(header_stem(str(name)))


def looks_like(table: str, header: str, present: Iterable[str] = ()) -> str | None:
    """The canonical column of ``table`` an unknown header looks like, when that column is
    not among ``present`` (None when it looks like none).

    A header looks like a column when, notes and units in brackets removed (NFKC,
    traditional forms simplified), it holds one of the column's names or hints
    (:data:`sgnet.vocab.HEADER_HINTS`), or is one edit away from one of them.

    Examples
    --------
    >>> looks_like("activities", "参训人数（人）"), looks_like("activities", "结对项目")
    ('participants', 'pairing_id')
    >>> looks_like("activities", "备注"), looks_like("activities", "count", ["count"])
    (None, None)
    """
    stem = header_stem(header).lower()
    if len(stem) < 2:
        return None
    # a column of another table (帮扶机构 is pairings' mentor_org_id) by its Chinese names too
    stems = [stem] + [k for k, v in COLUMN_ALIASES.items() if v == stem]
    columns = [c for c in SCHEMAS[table].columns if c not in set(present)]
    best = None
    for col in columns:
        names = [col] + [k for k, v in COLUMN_ALIASES.items() if v == col] + \
            list(HEADER_HINTS.get(col, ()))
        for name in names:
            name = name.lower()
            if len(name) >= 2 and any(name in s or s in name for s in stems):
                return col
            if best is None and len(name) >= 3 and _one_edit(stem, name):
                best = col
    return best


def _one_edit(a: str, b: str) -> bool:
    """Whether two words are at most one insertion, deletion or substitution apart."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    a, b = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def zh_header(col: str) -> str:
    """The first Chinese header of a column (``participants`` → 参与人数)."""
    return next((k for k, v in COLUMN_ALIASES.items() if v == col), col)
