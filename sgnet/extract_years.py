"""Days, and where the year of a month-day date comes from, for :mod:`sgnet.extract_dates`.

:class:`Day` is a calendar day whose year may be unknown; :class:`When` a resolved date (a day
range, or a month); :class:`YearSource` what the report has said so far about the year: the
year written with a date, 今年/去年 against the publication date, a headline or earlier date, the
publication date, ``--year``; and the periods a report defines (a project's start, a report
year stated as a span) and the day of writing (the publication date or a post's time stamp).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import extract_vocab as _v
from .extract_numbers import to_int

__all__ = ["Day", "When", "YearSource", "cn_year", "FULL_DATE", "BYLINE_RE"]

FULL_DATE = r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
#: a full date in a byline ("某县民政局 2023年8月25日")
BYLINE_RE = re.compile(FULL_DATE + r"(?!\d)")
_YEAR_WORD = re.compile(r"(?<!\d)(\d{4}|[〇零一二三四五六七八九]{4})(?=年)")


@dataclass(frozen=True)
class Day:
    """A calendar day whose year may be unknown (``year`` None).

    Examples
    --------
    >>> Day(2023, 2, 27).shift(2).iso(), Day(None, 5, 8).iso()
    ('2023-03-01', '--05-08')
    """

    year: int | None
    month: int
    day: int

    def shift(self, days: int) -> Day:
        """The day ``days`` later (2000 stands in for an unknown year)."""
        base = dt.date(self.year or 2000, self.month, self.day) + dt.timedelta(days=days)
        return Day(self.year and base.year, base.month, base.day)

    def iso(self) -> str:
        """``YYYY-MM-DD``, or ``--MM-DD`` when the year is unknown."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def valid(self) -> bool:
        """Whether the day exists (29 February of an unknown year does)."""
        try:
            dt.date(self.year or 2000, self.month, self.day)
        except ValueError:
            return False
        return True


@dataclass(frozen=True)
class When:
    """The resolved date of a mention: a day range, or a month when the day is unknown.

    ``inferred`` is true when the year was not written with the date.
    """

    start: Day
    end: Day | None = None
    month_only: bool = False
    notes: tuple[str, ...] = ()
    inferred: bool = False


@dataclass
class YearSource:
    """Where the year of a month-day date comes from, updated while a report is read.

    Examples
    --------
    >>> years = YearSource(dt.date(2023, 1, 10), None)
    >>> years.resolve(7, 10, None, None)
    (2022, 'year from publication date 2023-01-10')
    >>> years.note_text_year(2022, "headline 2022年度工作总结")
    >>> years.resolve(7, 10, None, None)
    (2022, 'year from headline 2022年度工作总结')
    >>> YearSource(None, None).resolve(7, 10, None, None)
    (None, 'year unknown: month-day only')
    """

    publication: dt.date | None
    year: int | None
    text_year: int | None = None
    text_source: str = ""
    report_month: tuple[int, int] | None = None  # the month a 月报's title names
    report_quarter: tuple[int, int] | None = None  # the quarter a 季报's title names
    project_start: Day | None = None  # "项目执行期为2024年7月至2025年6月"
    stamp: Day | None = None  # a post's time stamp above its story, maybe without a year
    fiscal: tuple[Day, Day] | None = None  # "本年度(2022年4月1日至2023年3月31日)"
    post: Day | None = None  # the time stamp of the forum post being read ("3楼 ... 21:03")
    title_period: tuple[int, int, int] | None = None  # (year, first, last month) of the title
    title_source: str = ""

    def today(self) -> Day | None:
        """The day of writing: the time stamp of the forum post being read, else the
        publication date, else the day of a post's time stamp ("3月5日 21:14 来自 iPhone",
        "编辑于 06-12"), whose year may be unknown."""
        if self.post is not None:
            return self.post
        pub = self.publication
        return Day(pub.year, pub.month, pub.day) if pub is not None else self.stamp

    def note_project_start(self, line: str) -> None:
        """Remember the month a project started ("项目执行期为2024年7月至...", "项目自2023年3月
        启动"), the start of its running totals ("截至12月31日,已开展...").

        Examples
        --------
        >>> years = YearSource(None, None)
        >>> years.note_project_start("项目执行期为2024年7月至2025年6月。")
        >>> years.project_start.iso()
        '2024-07-01'
        """
        found = re.search(_v.PROJECT_START, line)
        if found and self.project_start is None:
            self.project_start = Day(int(found["y"]), int(found["m"]), int(found["d"] or 1))
        fiscal = re.search(_FISCAL_YEAR, line)
        if fiscal and self.fiscal is None:
            first, last = _written_day(fiscal["a"]), _written_day(fiscal["b"])
            if first is not None and last is not None and first.year and last.year:
                self.fiscal = (first, last)

    def note_text_year(self, year: int, source: str) -> None:
        """Remember the year the document speaks of (an earlier date, a headline)."""
        if 1990 <= year <= 2100:
            self.text_year, self.text_source = year, source

    def resolve(self, month: int, day: int, explicit: int | None, rel: str | None) -> tuple:
        """(year or None, note) for a month-day date."""
        if explicit is not None:
            return explicit, "year given in text"
        today = self.today()
        if rel and today is not None and today.year is not None:
            offset = {"今年": 0, "去年": -1, "前年": -2}[rel]
            return today.year + offset, f"year from {rel} and the day of writing {today.iso()}"
        if self.title_period is not None and self.title_period[1] <= month <= self.title_period[2]:
            return self.title_period[0], f"year from headline {self.title_source}"
        if self.text_year is not None:
            return self.text_year, f"year from {self.text_source}"
        if self.publication is not None:
            year = self.publication.year
            try:
                if dt.date(year, month, day) > self.publication + dt.timedelta(days=7):
                    year -= 1
            except ValueError:
                pass
            return year, f"year from publication date {self.publication.isoformat()}"
        if self.year is not None:
            return self.year, f"year from --year {self.year}"
        return None, "year unknown: month-day only"

    def total_year(self, cue: str, last_month: int) -> tuple[int | None, str]:
        """(year, source) of a total over a period that ends in ``last_month``: the year the
        cue names ("2023年共...", "去年"), else the year of the document, else the year of
        the last such period to have ended by the publication date.

        Examples
        --------
        >>> years = YearSource(dt.date(2024, 1, 10), None)
        >>> years.total_year("去年,", 12)[0], years.total_year("一年来", 12)[0]
        (2023, 2023)
        >>> YearSource(dt.date(2024, 7, 10), None).total_year("上半年", 6)[0]
        2024
        """
        named = re.match(r"(\d{4})年", cue)
        if named:
            return int(named[1]), f"the total's own {named[0]}"
        pub = self.publication
        rel = re.search(r"去年|前年|今年|本年|年内", cue)
        if rel and pub is not None:
            return pub.year - {"去年": 1, "前年": 2}.get(rel[0], 0), f"{rel[0]} and {pub}"
        if self.title_period is not None:  # "2022年度工作总结" after "2021年11月,项目启动"
            return self.title_period[0], f"headline {self.title_source}"
        if self.text_year is not None:
            return self.text_year, self.text_source
        if pub is not None:
            year = pub.year if pub.month >= last_month - 2 else pub.year - 1
            return year, f"the last such period before the publication date {pub}"
        return None, ""

    def total_period(self, cue: str) -> tuple[Day, Day, str, str] | None:
        """(start, end, period words, year source) of a total whose cue names a year, a half
        year or a quarter (本季度: the quarter of the title); None when it names none or its
        year cannot be told.

        Examples
        --------
        >>> years = YearSource(dt.date(2024, 10, 9), None)
        >>> [d.iso() for d in years.total_period("第三季度")[:2]]
        ['2024-07-01', '2024-09-30']
        >>> [d.iso() for d in years.total_period("全年")[:2]]
        ['2024-01-01', '2024-12-31']
        """
        if self.fiscal is not None and re.search(r"本年|年度", cue):
            return (*self.fiscal, "the report's year", "the year the report defines")
        quarter = re.search(r"第?([一二三四1-4])季度", cue)
        half = re.search(r"上半年|下半年", cue)
        if quarter:
            n = "一二三四1234".index(quarter[1]) % 4 + 1
            first, last, words = 3 * n - 2, 3 * n, f"Q{n}"
        elif "本季度" in cue and self.report_quarter is not None:
            n = self.report_quarter[1]
            first, last, words = 3 * n - 2, 3 * n, f"Q{n} (the title's)"
        elif half:
            first, last = (1, 6) if half[0] == "上半年" else (7, 12)
            words = half[0]
        elif re.search(_v.ANNUAL_CUES, cue):
            first, last, words = 1, 12, "annual"
        else:
            return None
        if "本季度" in cue and self.report_quarter is not None:
            year, source = self.report_quarter[0], "the title"
        else:
            year, source = self.total_year(cue, last)
        if year is None:
            return None
        end = Day(year + last // 12, last % 12 + 1, 1).shift(-1)
        return Day(year, first, 1), end, words, source

    def note_heading(self, line: str) -> None:
        """Take the year of a headline or byline ("2022年度工作总结", "（2023年6月）").

        Examples
        --------
        >>> years = YearSource(None, None)
        >>> years.note_heading("二〇二三年八月,督导团赴纳雍")
        >>> years.text_year, years.text_source
        (2023, 'headline 二〇二三年八月,督导团赴纳雍')
        """
        issue = re.search(r"[〔\[【(]\s*(\d{4})\s*[〕\]】)]\s*第?\s*\d+\s*[期号]", line)
        if issue:  # "〔2024〕第6期": the year of a brief's issue number
            self.note_text_year(int(issue[1]), f"issue number {issue[0]}")
            return
        if BYLINE_RE.search(line):
            return  # a publication line or byline: the publication date speaks for it
        found = _YEAR_WORD.search(line)
        if found:
            self.note_text_year(to_int(found[1]) or cn_year(found[1]), f"headline {line[:20]}")


#: a report year stated as a span ("本年度(二〇二二年四月一日至二〇二三年三月三十一日)")
_FISCAL_YEAR = re.compile(r"本?年度[^()\d]{0,6}\(\s*(?P<a>[^()至到]{6,14}?日)\s*(?:至|到|—|-|~)\s*"
                          r"(?P<b>[^()至到]{6,14}?日)\s*\)")


def _written_day(text: str) -> Day | None:
    """"2022年4月1日" or "二〇二二年四月一日" as a day; None when it is not one."""
    found = re.fullmatch(r"(\d{4}|[〇零一二三四五六七八九]{4})年(\S{1,3})月(\S{1,3})日", text)
    if found is None:
        return None
    year = int(found[1]) if found[1].isdigit() else cn_year(found[1])
    day = Day(year, to_int(found[2]) or 0, to_int(found[3]) or 0)
    return day if 1 <= day.month <= 12 and day.valid() else None


def cn_year(digits: str) -> int:
    """"二〇二三" as 2023."""
    return int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in digits))
