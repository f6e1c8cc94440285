"""What kind of document a report is, from its title and section headings, for
:mod:`sgnet.extract`.

Precision by structure: a recruitment notice, a plan, a policy explainer, an official notice or
an award notice describes activities that are duties, targets or methods, not events; only a
fact dated to a day in its own sentence is drafted from it. In a report of officials surveying
a station (调研, 视察) the station visits are theirs, not the mentors'. A summary of a year,
half year, quarter or month ("2023年度工作总结", "2024年上半年工作总结") reports totals: its
numbers without a date of their own are dated to that period.

The *title* is read from the first lines of the story: short lines before the body (a line
without a full stop, up to :data:`TITLE_LINES` of them), navigation and bylines included, which
do no harm because the cues below are compounds that they do not use.
"""

from __future__ import annotations

import re

from . import extract_vocab as _v
from .extract_dates import Day, When, YearSource
from .extract_read import is_heading
from .extract_spans import month_span

__all__ = ["TITLE_LINES", "title_of", "document_genre", "summary_period", "brief_month",
           "foot_stamp", "head_stamp", "post_stamp", "stamps_below"]

#: how many story lines at the top may hold the title
TITLE_LINES = 6
_TITLE_MAX = 48
_HEAD_LINES = 4  # a post's time stamp above its story: in its first lines
_STAMP = re.compile(r"\W{0,2}(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*\d{1,2}:\d{2}"
                    r"|\W{0,2}(?:编辑|发布|发表)于\s*(?:(?P<y2>\d{4})-)?(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
                    r"(?!\d)"
                    r"|\W{0,2}(?:(?P<y3>\d{4})-)?(?P<m3>\d{1,2})-(?P<d3>\d{1,2})\s+\d{1,2}:\d{2}")


def title_of(lines: list[str]) -> str:
    """The title block: the short lines at the top of the story before the first sentence.

    Parameters
    ----------
    lines : list of str
        Normalized story lines, in order.

    Returns
    -------
    str
        The title lines joined by " || ".

    Examples
    --------
    >>> title_of(["首页 > 动态", "招聘|项目助理2名,等你来!", "为做好项目,现招聘助理。"])
    '首页 > 动态 || 招聘|项目助理2名,等你来!'
    """
    out = []
    for line in lines[:TITLE_LINES]:
        if len(line) > _TITLE_MAX or "。" in line:
            break
        out.append(line)
    return " || ".join(out)


def document_genre(lines: list[str]) -> str:
    """``"notice"`` (recruitment, plan, policy, official or award notice: no events),
    ``"inspection"`` (officials survey a station: their visits are not the mentors'),
    ``"summary"`` (totals of the period its title names) or ``"report"``.

    Parameters
    ----------
    lines : list of str
        Normalized story lines, in order.

    Returns
    -------
    str
        The genre.

    Examples
    --------
    >>> document_genre(["某机构2026年度帮扶工作计划", "一、目标", "全年计划培训8场。"])
    'notice'
    >>> document_genre(["诚聘社工督导1名", "岗位职责:协助开展培训。"])
    'notice'
    >>> document_genre(["某县2021年度社工站工作总结", "全年开展培训3场。"])
    'summary'
    >>> document_genre(["省民政厅处长一行到我县社工站调研", "6月3日,处长察看了社工站。"])
    'inspection'
    >>> document_genre(["督导团来到某镇", "5月3日,督导开展培训。"])
    'report'
    >>> document_genre(["某会2022/23年报", "某县社工督导计划", "本年度培训9节。"])
    'report'
    """
    title = title_of(lines)
    # a summary first: "2024年工作总结及2025年计划" reports a year, its plan section aside
    if re.search(_v.SUMMARY_TITLES, title) and re.search(r"\d{4}年|[〇零一二三四五六七八九]{4}年",
                                                          title):
        return "summary"
    if re.search(_v.REPORT_TITLES, title):
        return "report"  # "2022/23年报" naming its "督导计划" (a programme, not a plan)
    if re.search(_v.NOTICE_TITLES, title):
        return "notice"
    if re.search(_v.INSPECTION_TITLES, title):
        return "inspection"
    sections = {m[0] for line in lines for m in re.finditer(_v.NOTICE_SECTIONS, line[:12])}
    if len(sections) >= 2:
        return "notice"
    return "report"


def summary_period(title: str) -> tuple[int, int, int] | None:
    """(year, first month, last month) of the period a summary's title names: a half year,
    a quarter, a month, else the whole year; None without a year.

    Examples
    --------
    >>> summary_period("2024年上半年工作总结"), summary_period("二〇二三年度工作总结")
    ((2024, 1, 6), (2023, 1, 12))
    >>> summary_period("2025年第三季度工作总结"), summary_period("2025年4月工作总结")
    ((2025, 7, 9), (2025, 4, 4))
    """
    found = re.search(r"(\d{4}|[〇零一二三四五六七八九]{4})年(.{0,6})", title)
    if found is None:
        return None
    digits = found[1].replace("零", "〇")
    year = int(digits) if digits.isdigit() else int(
        "".join(str("〇一二三四五六七八九".index(c)) for c in digits))
    rest = found[2]
    quarter = re.match(r"(?:第)?([一二三四1-4])季度", rest)
    month = re.match(r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月", rest)
    if rest.startswith(("上半年", "下半年")):
        return (year, 1, 6) if rest.startswith("上") else (year, 7, 12)
    if quarter:
        n = "一二三四1234".index(quarter[1]) % 4 + 1
        return year, 3 * n - 2, 3 * n
    if month:
        m = month[1]
        n = int(m) if m.isdigit() else ("十" in m) * 10 + (
            "一二三四五六七八九".index(m[-1]) + 1 if m[-1] != "十" else 0)
        return (year, n, n) if 1 <= n <= 12 else None
    return year, 1, 12


def brief_month(lines: list[str], years: YearSource) -> When | None:
    """The month a brief reports on when a section heading says so ("一、本月工作概况"): the
    month its title names, else the month that opens its first paragraph ("6月,项目组...");
    None for other documents.

    Examples
    --------
    >>> brief_month(["工作简报", "一、本月工作概况", "6月,各项工作有序推进。"],
    ...             YearSource(None, 2023)).start.iso()
    '2023-06-01'
    """
    if not any(is_heading(line) and len(line) <= 20 and re.search(_v.THIS_MONTH_HEADING, line)
               for line in lines):
        return None
    if years.report_month is not None:
        year, month = years.report_month
    else:
        opening = next((m for line in lines if not is_heading(line)
                        for m in [re.match(r"(\d{1,2})月份?,", line)] if m), None)
        if opening is None or not 1 <= int(opening[1]) <= 12:
            return None
        month = int(opening[1])
        year = years.resolve(month, 1, None, None)[0]
        if year is None:
            return None
    return month_span(When(Day(year, month, 1), Day(year, month, 1), notes=(
        f"a total in a brief on {year}-{month:02d} (its 本月 heading), dated to that month",)))


def _stamp_parts(found: re.Match) -> tuple[int, int, int | None]:
    """(month, day, year or None) of a time stamp ("10月22日 21:47", "编辑于 06-12",
    "11-03 20:15")."""
    k = next(k for k in ("", "2", "3") if found[f"m{k}"])
    year = found[f"y{k}"]
    return int(found[f"m{k}"]), int(found[f"d{k}"]), int(year) if year else None


#: a chat message's header: the sender's name, then the time stamp
_CHAT_STAMP = re.compile(r"[^\d,;。:]{1,16}?\s+(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
                         r"\s*\d{1,2}:\d{2}\s*$")


def post_stamp(line: str, years: YearSource) -> Day | None:
    """The day of a post's time stamp line ("11-03 20:15 来自 iPhone"), None if it is not one.

    Examples
    --------
    >>> post_stamp("11-03 20:15 来自 iPhone客户端", YearSource(None, None))
    Day(year=None, month=11, day=3)
    """
    found = _STAMP.match(line) or _CHAT_STAMP.match(line)  # "佛山督导-周敏 6月3日 21:14"
    if found is None or not is_heading(line):
        return None
    month, day, given = _stamp_parts(found)
    start = Day(given or years.resolve(month, day, None, None)[0], month, day)
    return start if start.valid() else None


def head_stamp(lines: list[str], years: YearSource) -> Day | None:
    """The day of a post's time stamp above its story ("3月5日 21:14 来自 iPhone"): the
    post's "today" when the page has no publication date; its year may be unknown.

    Examples
    --------
    >>> head_stamp(["小社工在路上", "3月5日 21:14 来自 iPhone", "今天上了课。"],
    ...            YearSource(None, None))
    Day(year=None, month=3, day=5)
    """
    for line in lines[:_HEAD_LINES]:
        found = _STAMP.match(line) or _CHAT_STAMP.match(line)
        if found and is_heading(line):
            month, day, given = _stamp_parts(found)
            year = given or years.resolve(month, day, None, None)[0]
            start = Day(year, month, day)
            return start if start.valid() else None
        if not is_heading(line):
            return None
    return None


#: a floor's stamp at the end of its last line, below its text ("1楼   11-08 21:14")
_FLOOR_STAMP = re.compile(r"(?:\d+\s*[楼层#]|楼主)\s*(?:(?P<y>\d{4})-)?(?P<m>\d{1,2})-"
                          r"(?P<d>\d{1,2})\s+\d{1,2}:\d{2}\s*(?:回复|\|)?\s*$")


#: a line that is only a time stamp ("5月15日 21:47", "11-08 21:14")
_LONE_STAMP = re.compile(r"\s*(?:(?P<y>\d{4})[年-])?(?P<m>\d{1,2})[月-](?P<d>\d{1,2})日?\s+"
                         r"\d{1,2}:\d{2}\s*")


def stamps_below(lines: list[str], years: YearSource) -> list[Day | None]:
    """For each line, the day of the post it belongs to when each post's stamp stands below
    its text: a forum floor's ("...走了4户" / "来自Android客户端 1楼 11-08 21:14"), or a lone
    stamp under a 朋友圈 post when the first stamp follows the first story line; all None
    otherwise.

    Examples
    --------
    >>> stamps_below(["前天来了督导。", "1楼 11-08 21:14", "好羡慕", "2楼 11-09 08:00"],
    ...              YearSource(None, None))[0]
    Day(year=None, month=11, day=8)
    >>> stamps_below(["今天做了团督。", "5月15日 21:47"], YearSource(None, None))[0]
    Day(year=None, month=5, day=15)
    """
    lone = [i for i, line in enumerate(lines) if _LONE_STAMP.fullmatch(line)]
    story = next((i for i, line in enumerate(lines) if not is_heading(line)), len(lines))
    below_posts = bool(lone) and lone[0] > story
    out: list[Day | None] = [None] * len(lines)
    below: Day | None = None
    for i in range(len(lines) - 1, -1, -1):
        found = _FLOOR_STAMP.search(lines[i]) or (
            _LONE_STAMP.fullmatch(lines[i]) if below_posts else None)
        if found:
            month, day = int(found["m"]), int(found["d"])
            year = int(found["y"]) if found["y"] else years.resolve(month, day, None, None)[0]
            below = Day(year, month, day) if Day(year, month, day).valid() else None
        out[i] = below
    return out


def foot_stamp(lines: list[str], years: YearSource) -> When | None:
    """The day a short post was sent, from a time stamp below its story ("10月22日 21:47 ·
    共3张图", a 朋友圈 post): what the post tells with no date of its own happened that day.

    Parameters
    ----------
    lines : list of str
        Normalized story lines, in order.
    years : YearSource
        Where the stamp's year comes from when it has none.

    Returns
    -------
    When or None
        The stamp's day; None when no stamp follows a story line.

    Examples
    --------
    >>> foot_stamp(["跑了一天,走了3户。", "9月3日 20:15 · 共2张图"], YearSource(None, None)).start
    Day(year=None, month=9, day=3)
    """
    body = False
    for line in lines:
        found = _STAMP.match(line)
        if body and found and is_heading(line):
            month, day, given = _stamp_parts(found)
            year, note = years.resolve(month, day, given, None)
            start = Day(year, month, day)
            return When(start, notes=(note, "the day of the post's time stamp below it"),
                        inferred=given is None) if start.valid() else None
        body = body or not is_heading(line)
    return None
