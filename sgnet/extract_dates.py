"""Dates in narrative reports, for :mod:`sgnet.extract`.

Date forms read: ``2023年5月8日``, ``5月8日``, ``八月二十一日``, ``5月8日至12日``, ``8日``,
``16号`` (the month of the date before), ``1116日`` (month and day glued), ``2023-05-08``,
``2022/11/21``, ``5.8``, ``11/22``, ``5.16-5.18``, ``8月3-5日``, ``15日、16日``, ``1-6月``,
``9月份`` (month only); ``今天``, ``昨天``, ``上周三``, ``本月`` against the publication date (or
the month a title names); ``周二`` in a known week; and the relative ``当天``, ``次日``, ``首日``,
``第三天``, left for :func:`sgnet.extract_spans.resolve_relative`.

Where the year of a month-day date comes from (:class:`YearSource`), first that applies:
the year written with it; 今年/去年 against the publication date; the year of the document read
so far (an earlier date with a year, a headline "2022年度工作总结", a sentence opening
"2023年,"); the publication date (a year earlier when the day would fall more than a week after
it); ``--year``; else none, and the date is written ``--MM-DD``. The source goes in ``note``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from . import extract_vocab as _v
from .extract_numbers import to_int
from .extract_years import BYLINE_RE, FULL_DATE, Day, When, YearSource, cn_year

__all__ = [
    "Day",
    "When",
    "YearSource",
    "DateMention",
    "find_publication_date",
    "parse_dates",
    "note_week",
]

_CN_DIGITS = "零〇一二两三四五六七八九十"
_MD = r"\d{1,2}|[一二三四五六七八九十廿卅]{1,3}"
_RANGE_SEP = r"至|到|-|—|–|~|－"
_DM = r"1[0-2]|0?[1-9]"
_DD = r"3[01]|[12]\d|0?[1-9]"
_DATE_RE = re.compile(
    r"(?P<today>今天|今日|今朝)|(?P<ago>昨天|昨日|琴日|寻日|大前天|前天|前日)"
    rf"|(?P<wk>{_v.WEEK_WORDS})(?P<wkd>[一二三四五六日天])"
    r"(?:(?:至|到|-|—|~)(?:周|星期|礼拜)?(?P<wkd2>[一二三四五六日天]))?"
    rf"|(?P<rel>{_v.NEXT_DAY_WORDS}|{_v.SAME_DAY_WORDS}|{_v.FIRST_DAY_WORDS}|{_v.LAST_DAY_WORDS}"
    r"|第(?:[三四五六七八九]|十[一二三四]?|\d{1,2})天)"
    r"|(?P<iso>(?<!\d)\d{4})[-/.](?P<isom>\d{1,2})[-/.](?P<isod>\d{1,2})(?!\d)"
    r"(?:\s*(?:至|到|—|–|~|-(?=(?:\d{4}[./])?\d{1,2}[./月]\d))\s*(?:\d{4}[-/.])?(?:(?P<isom2>\d{1,2})[-/.月])?"
    r"(?P<isod2>\d{1,2})(?![\d.])[日号]?)?"
    rf"|(?:(?P<ry2>\d{{4}})年)?(?<![\d./])(?P<mr1>{_DM})(?:{_RANGE_SEP})(?P<mr2>{_DM})月"
    rf"(?!\d|[一二三四五六七八九十]{{1,3}}[日号])"
    rf"|(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年|(?P<ry>今年|去年|前年))?"
    rf"(?<![\d{_CN_DIGITS}])(?P<m>{_MD})月(?:份)?"
    rf"(?:(?P<d>{_MD})(?:[日号]|(?=\s*(?:{_RANGE_SEP})\s*(?:{_MD})[日号])))?"
    rf"(?:\s*(?:{_RANGE_SEP})\s*(?:\d{{4}}年)?(?:(?P<m2>{_MD})月)?(?:(?P<d2>{_MD})[日号]?)?)?"
    r"|(?<!\d)(?P<glued>(?:1[0-2]|0?[1-9])(?:[0-2]\d|3[01]))日"
    rf"|(?<![\d./])(?P<dm>{_DM})[./](?P<dd>{_DD})"
    rf"(?:(?:{_RANGE_SEP})(?:(?P<dm2>{_DM})[./])?(?P<dd2>{_DD})(?![\d./]))?"
    rf"(?![\d./%]|\s*(?:{_v.NOT_AFTER_DOTTED_DATE}))"
    r"|(?<![每上下本这])(?P<wd>(?:周|星期)[一二三四五六日天])"
    r"(?:(?:至|到|-|—|~)(?:周|星期)?(?P<wde>[一二三四五六日天]))?"
    rf"|(?P<rm>本月|上月|当月|这个月|上个月)(?:(?P<rmd>{_MD})[日号]"
    rf"(?:(?:{_RANGE_SEP})(?P<rmd2>{_MD})[日号]?)?)?"
    r"|(?<![\d、])(?P<ed1>\d{1,2})、(?P<ed2>\d{1,2})[日号]"
    rf"|(?<![月\d{_CN_DIGITS}期第每个几数周今昨明百千])(?P<bd>{_MD})[日号](?!人|之?[间內内]|里|以来|来)"
    rf"(?:(?:{_RANGE_SEP})(?P<bd2>{_MD})[日号])?"
)
_PUB_RE = re.compile(rf"(?:{_v.PUBLICATION_LABELS})\s*[:|]?\s*{FULL_DATE}", re.IGNORECASE)
_STAMP_RE = re.compile(FULL_DATE + r"日?\s+\d{1,2}:\d{2}")
#: the date in a page's address ("本文链接:http://.../202304/t20230420_4011735.html")
_URL_DATE_RE = re.compile(r"(?:https?://|www\.)\S*?[/_t](?P<y>20\d{2})[-/]?(?P<m>[01]\d)[-/]?"
                          r"(?P<d>[0-3]\d)(?!\d)")
#: a date followed by its label ("2022年8月29日 发布")
_PUB_AFTER_RE = re.compile(FULL_DATE + r"日?\s*(?:发布|发表|印发)")
_BYLINE_LINES = 8
_FOOTER_RE = re.compile(r"[(]?[^\d·•|>()]{0,30}?\s*" + FULL_DATE + r"日?\s*[)]?")
_WEEKDAY_NOTE = re.compile(r"\((?:周|星期)([一二三四五六日天])\)")
_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\.(?=\s*(?:1[0-2]|0?[1-9])\.\d{1,2}(?!\d))")
_WEEKDAYS = "一二三四五六日"


def find_publication_date(lines: list[str]) -> dt.date | None:
    """The publication date of a page: a labelled date, a date with a clock time, or a full
    date in a byline near the top.

    Examples
    --------
    >>> find_publication_date(["标题", "来源:民政局 2023年8月25日", "8月21日,督导抵达。"])
    datetime.date(2023, 8, 25)
    """
    bylines = [line for line in lines[:_BYLINE_LINES] if not re.search(r"[,;。!?]", line)]
    # a signature block at the foot ("某县民政局" / "2024年7月8日") dates the page too
    bylines += [line for line in lines[-3:] if _FOOTER_RE.fullmatch(line)
                or re.match(FULL_DATE + r"日?\s+\S{2,12}(?:报|网|台|版)", line)]
    for pattern, pool in ((_PUB_RE, lines), (_PUB_AFTER_RE, lines), (_STAMP_RE, lines),
                          (BYLINE_RE, bylines), (_URL_DATE_RE, lines)):
        for line in pool:
            match = pattern.search(line)
            if match:
                try:
                    return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    continue
    return None


@dataclass
class DateMention:
    """A date found at ``pos`` of a paragraph; ``when`` None for a relative word unresolved."""

    pos: int
    when: When | None
    rel: str | None = None
    day_precise: bool = True
    end: int = 0
    after_end: bool = False  # "培训结束的次日": counted from the end of the date before


def parse_dates(para: str, state: dict, years: YearSource) -> list[DateMention]:
    """Date mentions of a normalized paragraph, in reading order.

    ``state`` carries the month of the last date, for bare days ("28日"), across paragraphs;
    an explicit year is passed on to ``years`` for the dates after it.

    Examples
    --------
    >>> ms = parse_dates("2022年11月,督导来到罗城。14日开展培训,5.16-5.18走访。", {},
    ...                  YearSource(None, None))
    >>> [(m.when.start.iso(), m.when.end and m.when.end.iso()) for m in ms]
    [('2022-11-01', None), ('2022-11-14', None), ('2022-05-16', '2022-05-18')]
    """
    out: list[DateMention] = []
    # "3月6日(周一)至3月10日(周五)": the weekdays are read as anchors, then blanked
    masked = _WEEKDAY_NOTE.sub(lambda w: " " * len(w[0]), para)
    # "1.5.14 走访...": a list item's number before a dotted date is not part of the date
    masked = _ITEM_NUMBER.sub(lambda w: " " * len(w[0]), masked)
    for m in _DATE_RE.finditer(masked):
        mention = _mention_from_match(m, state, years)
        if mention is None:
            continue
        mention.end = m.end()
        mention.after_end = bool(mention.rel and re.search(_v.AFTER_END, masked[:m.start()]))
        mention.when = _with_duration(masked, m.end(), mention.when)
        noted = _WEEKDAY_NOTE.match(para, m.end("d") + 1 if m["d"] else m.end())
        if noted and mention.when is not None:
            state["anchor"] = (mention.when.start, _WEEKDAYS.index(noted[1].replace("天", "日")))
        if mention.when is not None:
            state["month"] = mention.when.start.month
            if mention.day_precise and mention.when.start.year is not None:
                state["reference"] = mention.when.end or mention.when.start
                state["week"] = _week(mention.when)
            if mention.when.start.year is not None and not mention.when.inferred:
                years.note_text_year(mention.when.start.year, f"the earlier date {m[0]}")
        out.append(mention)
    return _joined_days(para, out)


def _joined_days(para: str, found: list[DateMention]) -> list[DateMention]:
    """"15日、16日" / "5月8日和9日": days listed together are one span, first to last."""
    out: list[DateMention] = []
    for mention in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.when is not None and mention.when is not None
                and prev.when.end is None and mention.when.end is None
                and prev.day_precise and mention.day_precise
                and re.fullmatch(r"\s*(?:、|和|及)\s*", para[prev.end:mention.pos])
                and 0 < (dt.date(2000, mention.when.start.month, mention.when.start.day)
                         - dt.date(2000, prev.when.start.month, prev.when.start.day)).days <= 3):
            prev.when = When(prev.when.start, mention.when.start, notes=prev.when.notes,
                             inferred=prev.when.inferred)
            prev.end = mention.end
            continue
        out.append(mention)
    return out


def _mention_from_match(m: re.Match, state: dict, years: YearSource) -> DateMention | None:
    if m["today"]:
        day = years.today()
        if day is None:
            return None
        return DateMention(m.start(), When(day, notes=(f"{m['today']} = the day of writing",),
                                           inferred=True))
    if m["rel"]:
        return DateMention(m.start(), None, rel=m["rel"])
    if m["ago"] or m["wk"]:
        return _before_reference(m, years, state)
    if m["iso"]:
        day = Day(int(m["iso"]), int(m["isom"]), int(m["isod"]))
        end = None
        if m["isod2"]:
            end = Day(day.year, int(m["isom2"] or day.month), int(m["isod2"]))
        if not day.valid() or (end is not None and not end.valid()):
            return None
        return DateMention(m.start(), When(day, end, notes=("year given in text",)))
    if m["mr1"]:
        return _month_range(m, years)
    if m["m"]:
        return _month_day_mention(m, years)
    if m["glued"]:
        digits = m["glued"]
        month, day = int(digits[:-2]), int(digits[-2:])
        return _simple(m.start(), years, month, day, None, None,
                       (f"{digits}日 read as {month}月{day}日",))
    if m["dm"]:
        month2 = int(m["dm2"]) if m["dm2"] else None
        end_day = int(m["dd2"]) if m["dd2"] else None
        return _simple(m.start(), years, int(m["dm"]), int(m["dd"]), month2, end_day,
                       (f"{m[0]} read as month.day",))
    if m["rm"]:
        return _this_month(m, years, state)
    if m["wd"]:
        return _weekday(m, state, years)
    if m["ed1"]:
        month = state.get("month")
        if month is None:
            return None
        return _simple(m.start(), years, month, int(m["ed1"]), None, int(m["ed2"]))
    month = state.get("month")
    day = to_int(m["bd"])
    extra: tuple[str, ...] = ()
    if month is None and years.publication is not None and day is not None:
        # "28号上午..." in a post with no month written: the month of publication, or the
        # month before when the day is later than the publication day
        pub = years.publication
        month = pub.month if day <= pub.day else (pub.month - 2) % 12 + 1
        extra = (f"month from the publication date {pub.isoformat()}",)
    if month is None or day is None:
        return None
    return _simple(m.start(), years, month, day, None,
                   to_int(m["bd2"]) if m["bd2"] else None, extra)


def _weekday(m: re.Match, state: dict, years: YearSource) -> DateMention | None:
    """"周二": the day of that weekday in the week of a date whose weekday was stated, else
    of the latest date written with its year (whose weekday the calendar gives); with none,
    the week of the day of writing, up to that day ("周二...周五..." in a post of Sunday)."""
    anchor = state.get("anchor")
    ref = state.get("reference")
    today = years.today()
    if anchor is None and ref is None and state.get("week") is None and today is not None \
            and today.year is not None:
        weekday = dt.date(today.year, today.month, today.day).weekday()
        wanted = _WEEKDAYS.index(m["wd"][-1].replace("天", "日"))
        if wanted > weekday:
            return None
        start = today.shift(wanted - weekday)
        return DateMention(m.start(), When(start, _weekday_end(m, start, wanted), notes=(
            f"{m['wd']} of the week of the day of writing {today.iso()}",), inferred=True))
    wanted = _WEEKDAYS.index(m["wd"][-1].replace("天", "日"))
    week = state.get("week")
    if anchor is None and week is not None:  # "2025年5月12日—5月18日" over a week's diary
        first = dt.date(week[0].year, week[0].month, week[0].day)
        start = week[0].shift((wanted - first.weekday()) % 7)
        if start.iso() <= week[1].iso():
            return DateMention(m.start(), When(start, _weekday_end(m, start, wanted), notes=(
                f"{m['wd']} of the days {week[0].iso()}..{week[1].iso()}",), inferred=True))
    if anchor is None and ref is not None and ref.year is not None:
        anchor = (ref, dt.date(ref.year, ref.month, ref.day).weekday())
    if anchor is None:
        return None
    day, weekday = anchor
    if wanted < weekday:
        return None
    start = day.shift(wanted - weekday)
    return DateMention(m.start(), When(start, _weekday_end(m, start, wanted), notes=(
        f"{m['wd']} of the week of {day.iso()}",), inferred=True))


def _weekday_end(m: re.Match, start: Day, wanted: int) -> Day | None:
    """"周一至周三": the last day of a range of weekdays."""
    last = _WEEKDAYS.index(m["wde"].replace("天", "日")) if m["wde"] else wanted
    return start.shift(last - wanted) if last > wanted else None


def note_week(line: str, state: dict, years: YearSource) -> None:
    """A heading naming at most a week ("2025年5月12日—5月18日 记录人:..."): the days in
    which the weekday headings below it ("周二 晴") fall.

    Examples
    --------
    >>> state = {}
    >>> note_week("2026年3月2日至3月8日 工作周志", state, YearSource(None, None))
    >>> [d.iso() for d in state["week"]]
    ['2026-03-02', '2026-03-08']
    """
    for mention in parse_dates(line, dict(state), replace(years)):
        if mention.when is not None and _week(mention.when):
            state["week"] = _week(mention.when)


def _week(when: When) -> tuple[Day, Day] | None:
    """The days of a range of at most a week, in which a weekday ("周三") falls."""
    if when.end is None or when.start.year is None or when.end.year is None:
        return None
    days = (dt.date(when.end.year, when.end.month, when.end.day)
            - dt.date(when.start.year, when.start.month, when.start.day)).days
    return (when.start, when.end) if 0 < days <= 6 else None


def _this_month(m: re.Match, years: YearSource, state: dict) -> DateMention | None:
    """"本月15日" / "上月3日" / "本月": the month of the report (the month its title names,
    else the month of the day of writing, else of the latest full date), or the one before;
    "本月" alone is its 1st."""
    if not m["rmd"] and m.string[m.end():m.end() + 1] == "的":
        return None  # "这个月的服务计划": whose plan, not when something was done
    today = years.today() or state.get("reference")
    if today is None and state.get("month") and m["rm"] == "本月" and re.match(
            r"[^,;。]{0,12}(?:共|累计|开展|完成)", m.string[m.end():]):
        today = Day(None, state["month"], 1)  # "6月28日 会议纪要 / 本月共开展...": that month
    if years.report_month is not None:
        (year, month), ref = years.report_month, "the month of the title"
    elif today is not None:
        year, month, ref = today.year, today.month, f"the day {today.iso()}"
    else:
        return None
    if m["rm"] in ("上月", "上个月"):
        month, year = (12, year and year - 1) if month == 1 else (month - 1, year)
    note = f"{m['rm']} read against {ref}"
    if not m["rmd"]:
        return DateMention(m.start(), When(Day(year, month, 1), month_only=True, inferred=True,
                                           notes=(note, "day unknown: month only")),
                           day_precise=False)
    start = Day(year, month, to_int(m["rmd"]) or 0)
    end = Day(year, month, to_int(m["rmd2"]) or 0) if m["rmd2"] else None
    if not start.valid() or (end is not None and not end.valid()):
        return None
    return DateMention(m.start(), When(start, end, notes=(note,), inferred=True))


def _before_reference(m: re.Match, years: YearSource, state: dict) -> DateMention | None:
    """"昨天", "前天", "上周三", "本周二": counted back from the reference date (the publication
    date, else the latest date written in full)."""
    ref = years.today() or state.get("reference")
    if ref is None:
        return None
    if m["ago"]:
        day = ref.shift({"前天": -2, "前日": -2, "大前天": -3}.get(m["ago"], -1))
    else:
        weekday = dt.date(ref.year or 2000, ref.month, ref.day).weekday()
        wanted = _WEEKDAYS.index(m["wkd"].replace("天", "日"))
        back = 7 if re.match(r"上", m["wk"]) else 0
        day = ref.shift(wanted - weekday - back)
        if back == 0 and wanted > weekday:
            return None  # later this week: not yet happened
    end = None
    if m["wkd2"]:  # "上周三到周五": the days between
        last = _WEEKDAYS.index(m["wkd2"].replace("天", "日"))
        end = day.shift(last - wanted) if last > wanted else None
    note = f"{m[0]} counted from {ref.iso()}"
    return DateMention(m.start(), When(day, end, notes=(note,), inferred=True))


def _with_duration(para: str, end: int, when: When | None) -> When | None:
    """"6月5日起...开展为期三天的培训": a one-day date followed in its sentence by a duration
    (and no other date) spans it."""
    if when is None or when.end is not None or when.month_only:
        return when
    rest = re.split(r"[。;!?]", para[end:], maxsplit=1)[0]
    found = re.search(_v.DURATION, rest)
    if found is None or _DATE_RE.search(rest[:found.start()]) or found[3]:
        return when  # "26日、27日连续两天": days told one by one span themselves
    days = to_int(next(g for g in found.groups() if g))
    if not days or days < 2:
        return when
    return When(when.start, when.start.shift(days - 1), notes=(
        *when.notes, f"end date from duration ({found[0]})"), inferred=when.inferred)


def _simple(pos, years, month, day, end_month, end_day, extra=()) -> DateMention | None:
    year, note = years.resolve(month, day, None, None)
    start = Day(year, month, day)
    end = Day(year, end_month or month, end_day) if end_day else None
    if not start.valid() or (end is not None and not end.valid()):
        return None
    return DateMention(pos, When(start, end, notes=(note, *extra), inferred=True))


def _month_day_mention(m: re.Match, years: YearSource) -> DateMention | None:
    month = to_int(m["m"])
    day = to_int(m["d"]) if m["d"] else None
    explicit = (to_int(m["y"]) or cn_year(m["y"])) if m["y"] else None
    if month is None or not 1 <= month <= 12:
        return None
    year, note = years.resolve(month, day or 1, explicit, m["ry"])
    start = Day(year, month, day or 1)
    if not start.valid():
        return None
    end = _range_end(m, start)
    inferred = explicit is None
    if day is None:
        return DateMention(m.start(), When(start, end, month_only=True, inferred=inferred,
                                           notes=(note, "day unknown: month only")),
                           day_precise=False)
    return DateMention(m.start(), When(start, end, notes=(note,), inferred=inferred))


def _month_range(m: re.Match, years: YearSource) -> DateMention | None:
    """"1-6月", "2024年7—9月": a range of months (the 1st of each), read as month-only."""
    first, last = int(m["mr1"]), int(m["mr2"])
    if not 1 <= first < last <= 12:
        return None
    explicit = int(m["ry2"]) if m["ry2"] else None
    year, note = years.resolve(first, 1, explicit, None)
    when = When(Day(year, first, 1), Day(year, last, 1), month_only=True,
                inferred=explicit is None, notes=(note, "day unknown: month only"))
    return DateMention(m.start(), when, day_precise=False)


def _range_end(m: re.Match, start: Day) -> Day | None:
    end_month = to_int(m["m2"]) if m["m2"] else start.month
    end_day = to_int(m["d2"]) if m["d2"] else None
    if end_day is None and m["d"] is None and m["m2"] and end_month and 1 <= end_month <= 12:
        end_day = 1  # a month range, "1月至6月"
    if end_day is None or end_month is None:
        return None
    year = start.year
    if year is not None and end_month < start.month:
        year += 1
    end = Day(year, end_month, end_day)
    return end if end.valid() and end != start else None
