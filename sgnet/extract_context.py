"""What a report has said so far, and the headings and field lines that change it, for
:mod:`sgnet.extract`: the latest date, an open total, the section's tense; "时间:..." and
"参与人员:...36人" lines, a heading naming a month (本月), a heading that is a date (a diary
entry's day, "Day 2" of a trip).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import extract_vocab as _v
from .extract_dates import When, YearSource, parse_dates
from .extract_kinds import find_triggers, rejected
from .extract_numbers import find_quantities, to_int
from .extract_spans import month_span

__all__ = ["Context", "read_field", "note_report_month", "read_dated_heading"]

#: "Day 2", "第三天" opening a heading: the nth day of a trip
_NTH_DAY = r"^\W{0,2}(?:day\s*(\d{1,2})|第([一二三四五六七八九十\d]{1,2})天)(?![\u4e00-\u9fff])"

#: the number of a section heading ("一、", "(二)", "3.")
_SECTION_NUMBER = r"\W*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]{1,2}\)|\d{1,2}[.、])"
#: a diary heading that is the next day alone ("次日(周六)", "翌日")
_NEXT_DAY = r"\W{0,2}(?:次日|翌日|第二天|隔天|隔日)\s*(?:\((?:周|星期)[一二三四五六日天]\))?\W{0,2}"


@dataclass
class Context:
    """What a report has said so far: its latest date, an open total, the section's tense."""

    years: YearSource
    state: dict = field(default_factory=dict)
    last: When | None = None
    total: str = ""  # the cue of a total still running over the next sentences
    future: bool = False
    field_people: int | None = None  # "参与人员:社工36人" above the story
    summary: When | None = None  # the period of a summary document
    section_dated: bool = False  # a day-precise date seen since the last heading
    question: str = ""  # the last question of an interview (问:...)
    heading_kinds: list[str] = field(default_factory=list)  # named by a diary heading


def read_field(line: str, ctx: Context) -> None:
    """A "时间:..." line dates the story below it; a "参与人员:...36人" line gives its people.

    Parameters
    ----------
    line : str
        A normalized line.
    ctx : Context
        Updated in place (``last``, ``field_people``).
    """
    field_ = re.match(_v.FIELD_LINE, line)
    if field_ is None:
        return
    if field_["label"] in ("时间", "日期"):
        known = [d.when for d in parse_dates(line, ctx.state, ctx.years) if d.when is not None]
        ctx.last = known[0] if known else ctx.last
        return
    value = line[field_.end():]
    people = [q for q in find_quantities(value) if q.unit in _v.PEOPLE_UNITS]
    # "参加人员:张润梅(永康镇社工站)", "杨丽华、李春燕": people named one by one, not counted
    name = r"[\u4e00-\u9fff][\u4e00-\u9fff×*x某]{1,3}(?:\([^()]*\))?"  # "鲁××(某站 社工)"
    names = re.fullmatch(rf"\s*(?:{name}(?:[、,]\s*|\s*$))+", value)
    listed = len(re.findall(rf"{name}(?=[、,]|\s*$)", value))
    ctx.field_people = people[-1].value if people else listed if names else None


def note_report_month(line: str, ctx: Context) -> None:
    """A section heading naming a month ("一、5月工作情况") is the month 本月 means below it.

    Parameters
    ----------
    line : str
        A normalized heading line.
    ctx : Context
        Its ``years.report_month`` is updated in place.
    """
    if len(line) > 20:
        return
    months = [d.when.start for d in parse_dates(line, dict(ctx.state), replace(ctx.years))
              if d.when is not None and d.when.month_only and d.when.end is None]
    if months and months[0].year is not None:
        ctx.years.report_month = (months[0].year, months[0].month)
    numbered = re.match(_SECTION_NUMBER, line)
    if months and numbered and re.search(r"工作|情况|进展|动态", line) and not ctx.future:
        # "一、4月份工作开展情况": the undated totals of the section are that month's
        ctx.summary = month_span(When(months[0], months[0], month_only=True, notes=(
            f"a total under the heading {line}",))) or ctx.summary


def read_dated_heading(line: str, ctx: Context, title: bool) -> None:
    """A heading that is a date ("9月11日 周一 晴", "3.18 周二") dates the entry below it; so
    does a headline that names a day ("督导团3月15日走进某镇"), not a byline; "Day 3" or
    "第三天" alone is the third day of the trip whose first day a heading gave; "次日" alone is
    the day after the entry before.

    Parameters
    ----------
    line : str
        A normalized heading line.
    ctx : Context
        Updated in place (``last``, ``heading_kinds``, ``state["day1"]``).
    title : bool
        Whether the line is in the title block (no story read yet).
    """
    nth = re.match(_NTH_DAY, line, re.IGNORECASE)
    if nth is not None and len(line) <= 24:
        n = to_int(nth[1] or nth[2]) or 1
        stated = [d.when for d in parse_dates(line, dict(ctx.state), replace(ctx.years))
                  if d.when is not None and d.day_precise and d.rel is None]
        if stated:
            ctx.state["day1"] = stated[0].start.shift(1 - n)
        elif ctx.state.get("day1") is not None:
            day = ctx.state["day1"].shift(n - 1)
            ctx.last = When(day, notes=(f"day {n} of the trip",), inferred=True)
            return
    if re.fullmatch(_NEXT_DAY, line) and ctx.last is not None and not ctx.last.month_only:
        day = (ctx.last.end or ctx.last.start).shift(1)  # "次日(周六)": the entry after
        ctx.last = When(day, notes=("the day after the entry before",),
                        inferred=ctx.last.inferred)
        return
    diary = len(line) <= 24 and re.match(_v.DATED_HEADING, line, re.IGNORECASE)
    headline = title and re.search(r"\d{1,2}月\d{1,2}日", line) and not re.search(
        _v.PUBLICATION_LABELS + r"|来源|作者|编辑|\d{4}", line)  # a byline has its year
    if not (diary or headline) or re.search(r"\d:\d\d", line):
        return
    known = [d.when for d in parse_dates(line, ctx.state, ctx.years)
             if d.when is not None and d.day_precise]
    ctx.last = known[0] if known else ctx.last
    if diary and known and known[0].end is None:
        ctx.years.post = known[0].start  # "10/16(一)" over an entry: its 今天 and 昨天
    if diary and known:  # "📍19日 经验分享会": the activity the entry below is about
        ctx.heading_kinds = [t.kind for t in find_triggers(line) if not rejected(line, t)]
