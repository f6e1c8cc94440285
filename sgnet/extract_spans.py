"""Relative days, durations and month spans, for :mod:`sgnet.extract`.

当天/次日/首日 are dated from the date before them, 第三天 from the first day of the trip,
结束的次日 from the last day of the event before; "为期三天" is a duration; "1月至6月" a span
of whole months. Dates themselves are read by :mod:`sgnet.extract_dates`.
"""

from __future__ import annotations

import re

from . import extract_vocab as _v
from .extract_dates import DateMention, Day, When
from .extract_numbers import to_int

__all__ = ["resolve_relative", "duration_days", "month_span", "asides", "aside_spans"]


def resolve_relative(mentions: list[DateMention], previous: When | None,
                     state: dict | None = None) -> None:
    """Date 当天/次日/首日 from the date before them, 第三天 from the first day of the trip
    (the latest date written as a date), in place; ``state`` keeps that day across paragraphs.

    Examples
    --------
    >>> from sgnet.extract_dates import YearSource, parse_dates
    >>> ms = parse_dates("11月8日抵达。次日走访。第三天返程。", {}, YearSource(None, 2023))
    >>> resolve_relative(ms, None)
    >>> [m.when.start.iso() for m in ms]
    ['2023-11-08', '2023-11-09', '2023-11-10']
    >>> ms = parse_dates("5月6日至8日,来县。首日培训。最后一天走访。", {},
    ...                  YearSource(None, 2023))
    >>> resolve_relative(ms, None)
    >>> [m.when.start.iso() for m in ms]
    ['2023-05-06', '2023-05-06', '2023-05-08']
    """
    state = {} if state is None else state
    last = previous
    for mention in mentions:
        if mention.when is not None and mention.rel is None and mention.day_precise:
            state["trip"] = mention.when.start
            state["trip_end"] = mention.when.end
        if mention.when is None and re.fullmatch(_v.LAST_DAY_WORDS, mention.rel or ""):
            if state.get("trip_end") is not None:  # "最后一天": the last day of the trip
                mention.when = When(state["trip_end"], notes=(last.notes if last else ()),
                                    inferred=bool(last and last.inferred))
            else:
                mention.day_precise = False
                continue
        if mention.when is None:
            # "头一天" is the first day of a trip, a span; after a single day it is the day before
            if last is None or last.month_only or (mention.rel == "头一天" and last.end is None):
                mention.day_precise = False
                continue
            nth = re.fullmatch(r"第(.{1,2})天", mention.rel)
            if (nth and to_int(nth[1]) and not mention.after_end
                    and (nth[1] not in "一二" or "trip" in state)):
                base = state.get("trip", last.start)
                mention.when = When(base.shift(to_int(nth[1]) - 1), notes=last.notes,
                                    inferred=last.inferred)
            elif re.fullmatch(_v.NEXT_DAY_WORDS, mention.rel):
                base = last.end if mention.after_end and last.end else last.start
                mention.when = When(base.shift(1), notes=last.notes, inferred=last.inferred)
            else:
                mention.when = When(last.start, notes=last.notes, inferred=last.inferred)
        last = mention.when


def duration_days(sent: str) -> tuple[int, str] | None:
    """(days, words) of a duration stated in a sentence ("为期三天", "2天的", "一连两天",
    "四天跑了7个站").

    Examples
    --------
    >>> duration_days("本次培训为期三天。")
    (3, '为期三天')
    >>> duration_days("开展培训。") is None
    True
    """
    found = re.search(_v.DURATION, sent)
    if not found:
        return None
    days = to_int(next(g for g in found.groups() if g))
    return (days, found[0]) if days else None


def month_span(when: When) -> When | None:
    """A range of months ("1月至6月", "7-9月", the 1st of each) as days: the 1st of the first
    month to the last day of the last (a year unknown stays unknown).

    Examples
    --------
    >>> w = month_span(When(Day(2024, 1, 1), Day(2024, 6, 1), month_only=True))
    >>> w.start.iso(), w.end.iso(), w.month_only
    ('2024-01-01', '2024-06-30', False)
    """
    end = when.end
    if end is None or (when.start.year is None) != (end.year is None):
        return None
    year = end.year or 2000  # a year unknown: "--06-01".."--06-30" (29 February counted)
    last = Day(year + end.month // 12, end.month % 12 + 1, 1).shift(-1)
    last = Day(end.year and last.year, last.month, last.day)
    return When(when.start, last, notes=(*when.notes, "total over the months named"),
                inferred=when.inferred)


#: a bracketed aside that speaks of another period than the sentence around it
_ASIDE = re.compile(r"\(([^()]*(?:目标|累计|截至|截止|全年|年度)[^()]*)\)")


def aside_spans(base: int, sent: str) -> list[tuple[int, int]]:
    """Paragraph offsets of the bracketed asides of ``sent`` that speak of another period
    ("(年度目标20期,截至6月底累计完成9期)"): a target or a running total, not the sentence's.

    Parameters
    ----------
    base : int
        Offset of ``sent`` in its paragraph.
    sent : str
        A normalized sentence.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` paragraph offsets of each aside, brackets included.

    Examples
    --------
    >>> aside_spans(10, "完成培训3期(年度目标8期);")
    [(16, 24)]
    """
    return [(base + m.start(), base + m.end()) for m in _ASIDE.finditer(sent)]


def asides(base: int, sent: str) -> list[tuple[int, str, bool]]:
    """``(offset, text, is_aside)`` pieces of a sentence: the sentence with its asides about
    another period blanked, then each aside as a sentence of its own.

    Parameters
    ----------
    base : int
        Offset of ``sent`` in its paragraph.
    sent : str
        A normalized sentence.

    Returns
    -------
    list of tuple
        ``(offset, text, is_aside)``: the sentence itself when it has no such aside.

    Examples
    --------
    >>> asides(0, "完成培训3期(年度目标8期);")
    [(0, '完成培训3期         ;', False), (7, '年度目标8期', True)]
    """
    found = list(_ASIDE.finditer(sent))
    if not found:
        return [(base, sent, False)]
    main = _ASIDE.sub(lambda m: " " * len(m[0]), sent)
    return [(base, main, False)] + [(base + m.start(1), m[1], True) for m in found]
