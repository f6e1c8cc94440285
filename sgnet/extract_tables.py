"""Indicator tables of self-evaluations and annual reports, for :mod:`sgnet.extract`.

A table whose header names a column of what was done ("指标  年度目标  实际完成  完成率") is
read down that column: "专业培训(场)  10  12  120%" becomes "专业培训12场", "培训人次  300  386"
becomes "培训386人次"; targets and rates are left out. The rows become one line of sentences,
opened by the period the table's caption names ("表1 2023年度主要指标完成情况" -> "2023年度,"),
so that they are read as totals over it.
"""

from __future__ import annotations

import re

from . import extract_vocab as _v

__all__ = ["indicator_tables"]

_CELLS = re.compile(r"\s{2,}|\t")
_LABEL_UNIT = re.compile(r"(?P<name>.+?)\s*\((?P<unit>[^()]{1,3})\)")
#: a label that ends in what it counts ("培训人次", "入户户数"): the unit of its number
_COUNTED = {"人次": "人次", "人数": "人", "场次": "场", "次数": "次", "户数": "户", "个数": "个"}
_PERIOD = re.compile(r"\d{4}年(?:度)?(?:上半年|下半年|第[一二三四]季度)?")


def indicator_tables(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Story lines with each indicator table read down its column of what was done.

    Parameters
    ----------
    lines : list of (str, str)
        (as written, normalized) story lines, as :func:`sgnet.extract_read.story_lines`.

    Returns
    -------
    list of (str, str)
        The lines, each table replaced by one line of its rows.

    Examples
    --------
    >>> rows = ["表2 2025年度指标完成情况", "指标      目标   实际完成   完成率",
    ...         "团体督导(次)   8     9     112%", "入户走访(户)   30    31    103%"]
    >>> indicator_tables([(r, r) for r in rows])[-1][1]
    '2025年度,团体督导9次;入户走访31户。'
    """
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        header = _CELLS.split(lines[i][1].strip())
        actual = next((k for k, cell in enumerate(header) if k and re.fullmatch(
            rf"(?:{_v.INDICATOR_ACTUAL})(?:数|值|情况)?(?:\([^()]*\))?", cell)), None)
        items, j = [], i + 1
        while actual is not None and len(header) >= 3 and j < len(lines):
            row = _CELLS.split(lines[j][1].strip())
            if len(row) != len(header) or not re.match(r"\d", row[actual]):
                break
            items.append(_item(row[0], row[actual]))
            j += 1
        items = [item for item in items if item]
        if not items:
            out.append(lines[i])
            i += 1
            continue
        caption = _PERIOD.search(out[-1][1]) if out and "," not in out[-1][1] else None
        text = (f"{caption[0]}," if caption else "") + ";".join(items) + "。"
        out.append((text, text))
        i = j
    return out


def _item(label: str, number: str) -> str:
    """"专业培训(场)" and "12" -> "专业培训12场"; "" when the label gives no unit."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", number):
        return f"{label}{number}" if re.search(r"\D$", number) else ""
    named = _LABEL_UNIT.fullmatch(label)
    if named:
        return f"{named['name']}{number}{named['unit']}"
    for word, unit in _COUNTED.items():
        if label.endswith(word):
            return f"{label[:-len(word)]}{number}{unit}"
    return ""
