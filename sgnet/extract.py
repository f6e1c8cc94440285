"""Draft activity records from narrative Chinese reports (``sgnet extract``).

News items about mentoring programs ("三天走访社工站点5个,进行个督13人,团体督导5次") are
turned into draft rows of the activities table for a person to review, complete (ids) and load.
The extractor is rule based, offline and deterministic; its vocabulary lives as data in
:mod:`sgnet.extract_vocab`.

How a report is read
--------------------
1. Decode (UTF-8 with or without BOM, else GB18030), fold full-width characters, convert
   traditional to simplified characters (OpenCC ``t2s``).
2. Find the publication date ("发表时间: 2022-10-30", "发布日期:2022年11月08日", or the first
   date followed by a clock time), which supplies the year of month-day dates.
3. Drop web debris: navigation and title lines (no comma or full stop), bulleted or dated
   headline lists, repeated lines, and everything after a footer marker (相关阅读, 上一篇,
   版权所有, 以上内容为 ...).
4. In each sentence find activity triggers (培训, 个督, 团体督导, 走访...社工站, 入户走访, 访谈,
   参观学习, 分享会, 师徒结对 ...), numbers with units (13人, 5次, 5个, 5户, 二十余名) and
   dates; bind each number to the nearest compatible trigger (a total such as "一共做了六次"
   wins over "做一次"; a breakdown after 其中 and per-session numbers after 每 are ignored).
5. Reject triggers that are plans, purposes, rules or topics ("计划开展培训10期",
   "每月至少开展一次个别督导", "入户走访方式", "培训主题").
6. One fact, one row: triggers of one kind in one sentence make one row; an exact repeat
   (headline and body) is dropped; a row without numbers is dropped when another row of its kind
   has numbers and its date lies inside that row's dates (the "10月28日入户走访" of a lead
   paragraph is one of the "10月26日至28日...走访慰问特困家庭5户").

Judgement calls
---------------
- ``count`` defaults to 1 as in the design, also for "个督13人" (participants 13, count 1).
- A date inside a span ("期间", "当天", "次日", "首日", "三天里" at a paragraph start) takes the
  date of the paragraph before; a clause in a dated paragraph takes the latest earlier date.
- Totals over a period (以来, 全年, 截至, "1月至6月") get no date and say so in ``note``; a
  month without a day ("11月,举办分享会") is dated the 1st and noted "day unknown".
- Undated, unnumbered mentions are kept only inside an event frame ("在定期的社工分享会上",
  "通过一对一拜师的方式"), with confidence 0.5, so seed 001 gives a sharing_session and a
  mentoring row; incidental mentions ("在前期入户走访过程中") give none.
- Public-facing events are not activities of the design: festivals, party days, cleanups,
  performances, 国际社工日 forums and 宣传讲座 for residents give no rows (seed 003 gives none).
- Evidence is the clause run, from the trigger to its farthest number, in the original script.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from os import PathLike
from pathlib import Path

import cn2an
import pandas as pd

from . import extract_vocab as _v

__all__ = ["extract_text", "extract_files", "read_report_text", "DRAFT_COLUMNS"]

#: column order of the draft table
DRAFT_COLUMNS: list[str] = [
    "activity_id", "kind", "start_date", "end_date", "pairing_id", "host_org_id",
    "target_org_id", "lead_person_ids", "count", "participants", "hours", "mode", "topic",
    "source", "evidence", "confidence", "note",
]

_MIN_CONFIDENCE = 0.5
_CN_DIGITS = "零〇一二两三四五六七八九十"
_MD = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_RANGE_SEP = r"至|到|-|—|–|~|－"
_DATE_RE = re.compile(
    rf"(?P<rel>{_v.NEXT_DAY_WORDS}|{_v.SAME_DAY_WORDS}|{_v.FIRST_DAY_WORDS})"
    r"|(?P<iso>(?<!\d)\d{4})[-/.](?P<isom>\d{1,2})[-/.](?P<isod>\d{1,2})(?!\d)"
    rf"|(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年|(?P<ry>今年|去年|前年))?"
    rf"(?<![\d{_CN_DIGITS}])(?P<m>{_MD})月(?:份)?(?:(?P<d>{_MD})[日号])?"
    rf"(?:(?:{_RANGE_SEP})(?:(?P<m2>{_MD})月)?(?:(?P<d2>{_MD})[日号]?)?)?"
    r"|(?<!\d)(?P<glued>(?:1[0-2]|0?[1-9])(?:[0-2]\d|3[01]))日"
    rf"|(?<![月\d{_CN_DIGITS}期第每个几数周今昨明])(?P<bd>{_MD})[日号]"
    rf"(?:(?:{_RANGE_SEP})(?P<bd2>{_MD})[日号])?"
)
_QTY_RE = re.compile(
    rf"(?<!第)(?P<pre>{_v.APPROX_PREFIX})?(?P<num>{_v.NUMBER_PATTERN})"
    rf"(?P<approx>{_v.APPROX_SUFFIX})?(?P<unit>{_v.UNIT_PATTERN})"
)
_PUB_RE = re.compile(
    rf"(?:{_v.PUBLICATION_LABELS})\s*[:|]?\s*"
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})",
    re.IGNORECASE,
)
_STAMP_RE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?\s+\d{1,2}:\d{2}"
)
_LIST_DATE_TAIL = re.compile(r"(?:\d{4}-)?\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_SENTENCE_END = re.compile(r"(?<=[。!?;])")
_CLAUSE_BREAK = re.compile(r"[,;:。!?]")
_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》]{2,30})[”\"」』》]")


# ---------------------------------------------------------------- reading and normalizing


def read_report_text(path: str | PathLike) -> str:
    """Read a report file as text, whatever its encoding.

    Parameters
    ----------
    path : str or PathLike
        A text file in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    Returns
    -------
    str
        The text, BOM removed. Traditional characters are kept; :func:`extract_text` converts.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = p.write_bytes("团体督导5次".encode("gb18030"))
    >>> read_report_text(p)
    '团体督导5次'
    """
    data = Path(path).read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _fold_width(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif code in (0x3000, 0xA0):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _normalize(text: str) -> str:
    return _converter().convert(_fold_width(text))


def _to_int(num: str) -> int | None:
    if num.isdigit():
        return int(num)
    try:
        value = cn2an.cn2an(num, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class _Day:
    """A calendar day whose year may be unknown (``year`` None)."""

    year: int | None
    month: int
    day: int

    def shift(self, days: int) -> _Day:
        base = dt.date(self.year or 2000, self.month, self.day) + dt.timedelta(days=days)
        return _Day(self.year and base.year, base.month, base.day)

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def valid(self) -> bool:
        try:
            dt.date(self.year or 2000, self.month, self.day)
        except ValueError:
            return False
        return True


@dataclass(frozen=True)
class _When:
    """The resolved date of a mention: a day range, or a month when the day is unknown."""

    start: _Day
    end: _Day | None = None
    month_only: bool = False
    notes: tuple[str, ...] = ()


@dataclass
class _YearSource:
    publication: dt.date | None
    year: int | None

    def resolve(self, month: int, day: int, explicit: int | None, rel: str | None) -> tuple:
        if explicit is not None:
            return explicit, "year given in text"
        if rel and self.publication is not None:
            offset = {"今年": 0, "去年": -1, "前年": -2}[rel]
            return self.publication.year + offset, f"year from {rel} and publication date"
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


def _find_publication_date(lines: list[str]) -> dt.date | None:
    for pattern in (_PUB_RE, _STAMP_RE):
        for line in lines:
            match = pattern.search(line)
            if match:
                try:
                    return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    continue
    return None


@dataclass
class _DateMention:
    pos: int
    when: _When | None  # None for a relative word resolved later
    rel: str | None = None
    day_precise: bool = True


def _parse_dates(para: str, state: dict, years: _YearSource) -> list[_DateMention]:
    """Date mentions of a paragraph, resolved in reading order (bare days use the last month)."""
    out: list[_DateMention] = []
    for m in _DATE_RE.finditer(para):
        mention = _mention_from_match(m, state, years)
        if mention is None:
            continue
        if mention.when is not None:
            state["month"] = mention.when.start.month
            state["year"] = mention.when.start.year
        out.append(mention)
    return out


def _mention_from_match(m: re.Match, state: dict, years: _YearSource) -> _DateMention | None:
    if m["rel"]:
        return _DateMention(m.start(), None, rel=m["rel"])
    if m["iso"]:
        day = _Day(int(m["iso"]), int(m["isom"]), int(m["isod"]))
        return _DateMention(m.start(), _When(day, notes=("year given in text",)))
    if m["m"]:
        return _month_day_mention(m, years)
    if m["glued"]:
        digits = m["glued"]
        month, day = int(digits[:-2]), int(digits[-2:])
        year, note = years.resolve(month, day, None, None)
        start = _Day(year, month, day)
        if not start.valid():
            return None
        return _DateMention(m.start(), _When(start, notes=(note, f"{digits}日 read as "
                                                       f"{month}月{day}日")))
    month = state.get("month")
    day = _to_int(m["bd"])
    if month is None or day is None:
        return None
    year, note = years.resolve(month, day, None, None)
    start = _Day(year, month, day)
    end_day = _to_int(m["bd2"]) if m["bd2"] else None
    end = _Day(year, month, end_day) if end_day else None
    if not start.valid() or (end is not None and not end.valid()):
        return None
    return _DateMention(m.start(), _When(start, end, notes=(note,)))


def _month_day_mention(m: re.Match, years: _YearSource) -> _DateMention | None:
    month = _to_int(m["m"])
    day = _to_int(m["d"]) if m["d"] else None
    explicit = _to_int(m["y"]) if m["y"] else None
    if month is None or not 1 <= month <= 12:
        return None
    year, note = years.resolve(month, day or 1, explicit, m["ry"])
    start = _Day(year, month, day or 1)
    if not start.valid():
        return None
    end = _range_end(m, start)
    if day is None:
        return _DateMention(m.start(), _When(start, end, month_only=True,
                                             notes=(note, "day unknown: month only")),
                            day_precise=False)
    return _DateMention(m.start(), _When(start, end, notes=(note,)))


def _range_end(m: re.Match, start: _Day) -> _Day | None:
    end_month = _to_int(m["m2"]) if m["m2"] else start.month
    end_day = _to_int(m["d2"]) if m["d2"] else None
    if end_day is None and m["d"] is None and m["m2"] and end_month and 1 <= end_month <= 12:
        end_day = 1  # a month range, "1月至6月"
    if end_day is None or end_month is None:
        return None
    year = start.year
    if year is not None and end_month < start.month:
        year += 1
    end = _Day(year, end_month, end_day)
    return end if end.valid() and end != start else None


def _resolve_relative(mentions: list[_DateMention], previous: _When | None) -> None:
    last = previous
    for mention in mentions:
        if mention.when is None:
            if last is None or last.month_only:
                mention.day_precise = False
                continue
            if re.fullmatch(_v.NEXT_DAY_WORDS, mention.rel):
                mention.when = _When(last.start.shift(1), notes=last.notes)
            else:
                mention.when = _When(last.start, notes=last.notes)
        last = mention.when


# ---------------------------------------------------------------- debris


def _story_lines(text: str) -> list[tuple[str, str]]:
    """(original, normalized) lines of the story, web debris removed."""
    kept: list[tuple[str, str]] = []
    seen: set[str] = set()
    body_seen = False
    for raw in text.splitlines():
        line = _normalize(raw).strip()
        stripped = line.lstrip(" ·•-*#>【[")
        if body_seen and re.match(_v.STOP_MARKERS, stripped, re.IGNORECASE):
            break
        if not line or line in seen or _is_debris(line):
            continue
        seen.add(line)
        kept.append((raw.strip(), line))
        body_seen = body_seen or not _is_heading(line)
    return kept


def _is_debris(line: str) -> bool:
    if line[0] in "·•" or re.match(r"\d+#", line):
        return True
    if len(line) < 80 and _LIST_DATE_TAIL.search(line):
        return True
    return False


def _is_heading(line: str) -> bool:
    return not re.search(r"[,;。!?]", line)


# ---------------------------------------------------------------- triggers and numbers


@dataclass
class _Trigger:
    kind: str
    start: int
    end: int
    soft_count: int | None = None


@dataclass
class _Quantity:
    value: int
    unit: str
    start: int
    end: int
    total: bool = False
    participation: bool = False
    staff: bool = False


@lru_cache(maxsize=1)
def _trigger_patterns() -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(p)) for kind, pats in _v.KIND_TRIGGERS.items() for p in pats]


def _find_triggers(sent: str) -> list[_Trigger]:
    found: list[_Trigger] = []
    for kind, pattern in _trigger_patterns():
        for m in pattern.finditer(sent):
            if re.match(_v.TRIGGER_NOT_FOLLOWED_BY, sent[m.end():]):
                continue
            trig = _Trigger(kind, m.start(), m.end())
            if kind == "station_visit":
                trig = _extend_stations(sent, trig)
            found.append(trig)
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[_Trigger] = []
    for trig in found:
        if not any(k.start < trig.end and trig.start < k.end for k in kept):
            kept.append(trig)  # overlapping matches: the earliest, longest one wins
    return kept


def _extend_stations(sent: str, trig: _Trigger) -> _Trigger:
    """Count the stations named in "走访了A镇社工站和B镇社工站" / "深入A镇、B镇社工站"."""
    span = sent[trig.start:trig.end]
    joiner = re.compile(_v.STATION_JOINERS)
    count = 1 + len(joiner.findall(span))
    more = re.compile(rf"(?:{_v.STATION_JOINERS})[^,;。、]{{0,12}}?{_v.STATION_NOUN}")
    end = trig.end
    while (m := more.match(sent, end)) is not None:
        count += 1
        end = m.end()
    if "等" in sent[trig.start:end]:
        count = None
    return _Trigger(trig.kind, trig.start, end, soft_count=count)


def _mask(sent: str) -> str:
    """Hide number-like idioms that are not quantities ("一对一", "手把手", "一行")."""
    return re.sub(r"一对一|一对多|一线|一同|一起|一行(?=[^\d一二两三四五六七八九十])",
                  lambda m: "□" * len(m[0]), sent)


def _find_quantities(sent: str) -> list[_Quantity]:
    masked = _mask(sent)
    cut = re.search(_v.BREAKDOWN_CUES, masked)
    limit = cut.start() if cut else len(masked)
    out = []
    for m in _QTY_RE.finditer(masked[:limit]):
        value = _to_int(m["num"])
        if value is None or value <= 0:
            continue
        before = masked[max(0, m.start() - 4):m.start()]
        if re.search(_v.PER_CUES, before):
            continue
        num_start = m.start("num")
        lead = masked[max(0, num_start - 6):num_start]
        out.append(_Quantity(
            value, m["unit"], num_start, m.end(),
            total=bool(re.search(rf"(?:{_v.TOTAL_CUES})[^,;。]*$", lead)),
            participation=_near(masked, m, _v.PARTICIPATION_CUES),
            staff=_is_staff(masked, m),
        ))
    return out


def _near(text: str, m: re.Match, cues: str) -> bool:
    before = text[max(0, m.start() - 6):m.start()]
    after = text[m.end():m.end() + 6]
    return bool(re.search(rf"(?:{cues})[^,;。]*$", before) or
                re.match(rf"[^,;。]{{0,4}}(?:{cues})", after))


def _is_staff(text: str, m: re.Match) -> bool:
    if m["unit"] not in _v.PEOPLE_UNITS:
        return False
    before = text[max(0, m.start() - 10):m.start()]
    return bool(re.match(_v.STAFF_AFTER, text[m.end():]) or
                re.search(rf"{_v.STAFF_BEFORE}$", before))


def _slot(kind: str, q: _Quantity) -> str | None:
    for column, units in _v.SLOT_UNITS[kind].items():
        if q.unit in units:
            if column == "participants" and q.staff:
                return None
            return column
    return None


def _cost(sent: str, q: _Quantity, t: _Trigger, column: str) -> float | None:
    if q.start >= t.start and q.end <= t.end + 2:
        return 0.0
    after = q.start >= t.start
    between = sent[t.end:q.start] if after else sent[q.end:t.start]
    commas = len(re.findall(r"[,;:]", between))
    if ";" in between or "。" in between:
        return None
    people = column == "participants" or q.unit in _v.PEOPLE_UNITS
    if q.participation:
        cost, limit = len(between) + 3 * commas, 45
    elif after:
        cost, limit = len(between) + 12 * commas, 30
    elif people:
        cost, limit = len(between) + 4 * commas + 2, 45
    else:
        cost, limit = len(between) + 8 * commas + 2, 12
    return cost if cost <= limit else None


def _bind(sent: str, triggers: list[_Trigger], quantities: list[_Quantity]) -> dict:
    """Give each quantity to its cheapest compatible trigger; returns {trigger index: {col: q}}."""
    bound: dict[int, dict[str, tuple]] = {}
    for q in quantities:
        best = None
        for i, t in enumerate(triggers):
            column = _slot(t.kind, q)
            if column is None or _blocked(triggers, i, q):
                continue
            cost = _cost(sent, q, t, column)
            if cost is not None and (best is None or cost < best[0]):
                best = (cost, i, column)
        if best is None:
            continue
        cost, i, column = best
        rank = (not q.total, cost)
        current = bound.setdefault(i, {}).get(column)
        if current is None or rank < current[0]:
            bound[i][column] = (rank, q)
    return {i: {c: q for c, (_, q) in cols.items()} for i, cols in bound.items()}


def _blocked(triggers: list[_Trigger], i: int, q: _Quantity) -> bool:
    t = triggers[i]
    lo, hi = sorted((t.end, q.start)) if q.start >= t.end else (q.end, t.start)
    return any(o.kind != t.kind and lo <= o.start and o.end <= hi
               for j, o in enumerate(triggers) if j != i)


# ---------------------------------------------------------------- facts


@dataclass
class _Fact:
    kind: str
    evidence: str
    count: int | None = None
    participants: int | None = None
    hours: int | None = None
    soft_count: int | None = None
    when: _When | None = None
    aggregate: bool = False
    dated_here: bool = False
    framed: bool = False
    public: bool = False
    span: tuple[int, int] = (0, 0)
    mode: str = ""
    topic: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def hard(self) -> bool:
        return self.count is not None or self.participants is not None

    def confidence(self) -> float:
        score = 0.6 if self.hard else 0.45 if self.soft_count else 0.3
        if self.when is not None and not self.when.month_only:
            score += 0.2 if self.dated_here else 0.1
        elif self.aggregate and self.hard:
            score += 0.1
        if self.framed:
            score += 0.2
        return round(min(score, 0.95), 2)


def _clause_of(sent: str, t: _Trigger) -> str:
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sent, 0, t.start)]
    stop = _CLAUSE_BREAK.search(sent, t.end)
    return sent[(starts[-1] if starts else 0):(stop.start() if stop else len(sent))]


def _rejected(sent: str, t: _Trigger) -> bool:
    clause = _QUOTED.sub("“”", _clause_of(sent, t))
    return bool(re.search(_v.NEGATIVE_CLAUSE_CUES, clause.strip()))


def _framed(sent: str, t: _Trigger) -> bool:
    head = sent[:t.start]
    return any(re.search(p, head) for p in _v.EVENT_FRAMES)


def _sentence_facts(sent: str, base: int, dates: list[_DateMention], context: _When | None,
                    notes: list[str]) -> list[_Fact]:
    triggers = _find_triggers(sent)
    if not triggers:
        return []
    live = [i for i, t in enumerate(triggers) if not _rejected(sent, t)]
    bound = _bind(sent, triggers, _find_quantities(sent))
    precise = [d for d in dates if d.when is not None and d.day_precise and
               base <= d.pos < base + len(sent)]
    aggregate = bool(re.search(_v.AGGREGATE_CUES, sent)) and not precise
    facts: dict[str, _Fact] = {}
    for i in live:
        t = triggers[i]
        fact = facts.setdefault(t.kind, _Fact(t.kind, sent.strip(), aggregate=aggregate,
                                              span=(t.start, t.end)))
        fact.span = (min(fact.span[0], t.start), max(fact.span[1], t.end))
        for column, q in bound.get(i, {}).items():
            fact.span = (min(fact.span[0], q.start), max(fact.span[1], q.end))
            if getattr(fact, column) is None:
                setattr(fact, column, q.value)
            if column == "participants" and _public(sent, q):
                fact.public = True
        if not fact.topic:
            quoted = _QUOTED.search(_clause_of(sent, t))
            fact.topic = quoted[1] if quoted else ""
        if t.soft_count and fact.soft_count is None:
            fact.soft_count = t.soft_count
        fact.framed = fact.framed or _framed(sent, t)
        if fact.when is None and not aggregate:
            fact.when, fact.dated_here = _date_for(base + t.start, base, sent, dates, context)
            if fact.when is not None and fact.when.month_only and fact.when.end is not None:
                fact.when, fact.aggregate = None, True  # "2022年1月至6月 ... 共开展"
    for fact in facts.values():
        _finish(fact, sent, notes)
    return [f for f in facts.values() if not f.public]


def _public(sent: str, q: _Quantity) -> bool:
    """People who are the public ("60余名居民参加"): the event is outreach, not training."""
    return bool(re.match(rf"[^,;。]{{0,2}}(?:{_v.PUBLIC_AUDIENCE})", sent[q.end:]))


def _date_for(pos: int, base: int, sent: str, dates: list[_DateMention],
              context: _When | None) -> tuple[_When | None, bool]:
    known = [d for d in dates if d.when is not None]
    before = [d for d in known if d.pos < pos]
    if before:
        return before[-1].when, before[-1].pos >= base
    after = [d for d in known if base <= d.pos < base + len(sent)]
    if after:
        return after[0].when, True
    return context, False


def _finish(fact: _Fact, sent: str, notes: list[str]) -> None:
    if fact.aggregate:
        fact.notes.append("aggregate over a period: no single date")
    duration = re.search(_v.DURATION, sent)
    when = fact.when
    if when is not None and when.end is None and duration and not when.month_only:
        days = _to_int(duration[1] or duration[2])
        if days and days > 1:
            fact.when = replace(when, end=when.start.shift(days - 1))
            fact.notes.append(f"end date from duration ({duration[0]})")
    if re.search(_v.ONLINE_CUES, sent) and not re.search(r"线上线下|线下", sent):
        fact.mode = "online"
    elif re.search(_v.ONSITE_CUES, sent) or fact.kind in _v.ONSITE_KINDS:
        fact.mode = "onsite"
    fact.notes.extend(notes)


# ---------------------------------------------------------------- document


def _split_sentences(para: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for piece in _SENTENCE_END.split(para):
        if piece.strip():
            out.append((pos, piece))
        pos += len(piece)
    return out


def _document_facts(text: str, years: _YearSource) -> list[_Fact]:
    facts: list[_Fact] = []
    state: dict = {}
    last: _When | None = None
    future = False
    for raw, line in _story_lines(text):
        if _is_heading(line):
            future = len(line) <= 20 and bool(re.search(_v.FUTURE_HEADINGS, line))
            continue
        context = last if re.search(_v.CONTINUATION_START, line) else None
        dates = _parse_dates(line, state, years)
        _resolve_relative(dates, context or last)
        for base, sent in _split_sentences(line):
            if future:
                continue
            for fact in _sentence_facts(sent, base, dates, context, []):
                fact.evidence = _evidence(raw, line, base, sent, fact.span)
                if fact.when is not None and not fact.dated_here and context is not None:
                    fact.notes.append("date from the paragraph before")
                facts.append(fact)
        known = [d.when for d in dates if d.when is not None and not d.when.month_only]
        last = known[-1] if known else last
    return _merge(facts)


def _evidence(raw: str, line: str, base: int, sent: str, span: tuple[int, int]) -> str:
    """The clauses of the sentence from the trigger to its farthest number, as written."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sent, 0, span[0])]
    stop = _CLAUSE_BREAK.search(sent, span[1])
    lo, hi = (starts[-1] if starts else 0), (stop.end() if stop else len(sent))
    text = raw[base + lo:base + hi] if len(raw.strip()) == len(line) else sent[lo:hi]
    return text.strip(" \t”\"」,;:、")


def _span(when: _When | None) -> tuple[str, str] | None:
    if when is None:
        return None
    return when.start.iso(), (when.end or when.start).iso()


def _merge(facts: list[_Fact]) -> list[_Fact]:
    """One fact, one row: drop repeats and unnumbered mentions of a numbered fact."""
    kept: list[_Fact] = []
    keys: set = set()
    for fact in facts:
        if not fact.hard and fact.confidence() < _MIN_CONFIDENCE:
            continue
        key = (fact.kind, _span(fact.when), fact.count, fact.participants, fact.soft_count)
        if key in keys:
            continue
        keys.add(key)
        kept.append(fact)
    return [f for f in kept if f.hard or not any(_covers(h, f) for h in kept if h.hard)]


def _covers(hard: _Fact, soft: _Fact) -> bool:
    if hard.kind != soft.kind:
        return False
    inner, outer = _span(soft.when), _span(hard.when)
    if inner is None:
        return True
    if outer is None:
        return False
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _rows(facts: list[_Fact], source: str) -> list[dict]:
    rows = []
    for fact in facts:
        count = fact.count if fact.count is not None else fact.soft_count or 1
        when = fact.when
        notes = list(when.notes) if when is not None else []
        notes += [n for n in fact.notes if n not in notes]
        if fact.count is None and fact.soft_count:
            notes.append(f"count {fact.soft_count} from the names listed")
        rows.append({
            "kind": fact.kind,
            "start_date": when.start.iso() if when else "",
            "end_date": when.end.iso() if when and when.end else "",
            "count": count,
            "participants": fact.participants,
            "hours": fact.hours,
            "mode": fact.mode,
            "topic": fact.topic,
            "source": source,
            "evidence": fact.evidence,
            "confidence": fact.confidence(),
            "note": "; ".join(notes),
        })
    return rows


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[c for c in DRAFT_COLUMNS if c != "activity_id"])
    frame.insert(0, "activity_id", [f"D{i:04d}" for i in range(1, len(frame) + 1)])
    for column in ("pairing_id", "host_org_id", "target_org_id", "lead_person_ids"):
        frame[column] = ""
    for column in ("count", "participants", "hours"):
        frame[column] = frame[column].astype("Int64")
    frame["confidence"] = frame["confidence"].astype(float)
    for column in ("start_date", "end_date", "mode", "topic", "source", "evidence", "note"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame[DRAFT_COLUMNS]


def extract_text(text: str, *, source: str = "", year: int | None = None) -> pd.DataFrame:
    """Draft activity rows from the text of one narrative report.

    Parameters
    ----------
    text : str
        The report, in simplified or traditional characters, web debris and all.
    source : str, optional
        Written to the ``source`` column (usually the file name).
    year : int, optional
        Year of month-day dates when the page shows no publication date.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DRAFT_COLUMNS`, one row per activity fact, draft ids ``D0001``...
        The id columns are empty for the user to fill. ``count``, ``participants`` and ``hours``
        are nullable integers; ``count`` defaults to 1. Dates are ISO strings, ``--MM-DD`` when
        no year is known, empty for totals over a period (see ``note``).

    Notes
    -----
    ``count`` and ``participants`` follow the activities table: stations visited
    (走访社工站点5个 -> count 5), households (特困家庭5户 -> count 5), people interviewed
    (社工访谈14人 -> count 14), people supervised (个督13人 -> participants 13), sessions
    (团体督导5次 -> count 5). Year of a month-day date: the year written with it, else
    今年/去年 against the publication date, else the publication year (minus one when that
    would put the day more than a week after publication), else ``year``, else unknown.

    Examples
    --------
    >>> df = extract_text("发布时间:2022-10-30\\n10月26日至28日,督导团走访社工站点5个,"
    ...                   "进行个督13人,团体督导5次。")
    >>> df[["kind", "start_date", "end_date", "count", "participants"]]
                         kind  start_date    end_date  count  participants
    0           station_visit  2022-10-26  2022-10-28      5          <NA>
    1  individual_supervision  2022-10-26  2022-10-28      1            13
    2       group_supervision  2022-10-26  2022-10-28      5          <NA>
    """
    years = _YearSource(_find_publication_date(_normalize(text).splitlines()), year)
    return _frame(_rows(_document_facts(text, years), source))


def extract_files(paths: Iterable[str | PathLike], *,
                  year: int | None = None) -> pd.DataFrame:
    """Draft activity rows from several report files, concatenated.

    Parameters
    ----------
    paths : iterable of str or PathLike
        Text files in UTF-8 (with or without BOM) or GB18030.
    year : int, optional
        Year for month-day dates of files without a publication date.

    Returns
    -------
    pandas.DataFrame
        As :func:`extract_text`, ``source`` the file name, ids ``D0001``... unique over all files.

    Raises
    ------
    FileNotFoundError
        If a path does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("3月15日,督导一行开展团督2次,覆盖社工17人。", encoding="utf-8")
    >>> extract_files([p], year=2023)[["activity_id", "start_date", "count", "participants"]]
      activity_id  start_date  count  participants
    0       D0001  2023-03-15      2            17
    """
    rows: list[dict] = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"report file {str(path)!r} not found; check the path")
        text = read_report_text(path)
        years = _YearSource(_find_publication_date(_normalize(text).splitlines()), year)
        rows.extend(_rows(_document_facts(text, years), path.name))
    return _frame(rows)
