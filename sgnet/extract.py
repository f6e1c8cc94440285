"""Draft activity records from narrative Chinese reports (``sgnet extract``).

News items, 公众号 posts, 工作简报, annual summaries and forum posts about mentoring programs
("三天走访社工站点5个,进行个督13人,团体督导5次") are turned into draft rows of the activities
table for a person to review, complete (ids) and load. The extractor is rule based, offline and
deterministic; its vocabulary lives as data in :mod:`sgnet.extract_vocab`.

How a report is read
--------------------
0. Tell the document's genre from its title (:mod:`sgnet.extract_doc`): from a recruitment
   notice, a plan, a policy explainer or an official notice only facts dated to a day in their
   own sentence are drafted; in a report of officials surveying a station their visits are not
   station visits; in a summary of a year, half year, quarter or month (总结, 小结, 月报, 季报),
   or a brief whose section heading says 本月, numbers dated by nothing are totals of that period.
1. Decode, fold full-width characters, convert traditional to simplified characters, drop web
   debris (:mod:`sgnet.extract_read`).
2. Find the publication date; follow the year the document speaks of, line by line
   (:mod:`sgnet.extract_dates`).
3. In each sentence find activity triggers and numbers with units, and bind each number to
   the nearest compatible trigger (:mod:`sgnet.extract_kinds`, :mod:`sgnet.extract_numbers`);
   reject plans, rules, purposes, questions, targets and completion rates (目标, 完成50%), the
   items of a list of duties (部署:一是...;二是...), memories (那时候, N年前, 去年...当时) and
   what a recap line (小结:...) tells again.
4. Date each fact from its sentence, else from the latest date before it in the paragraph,
   else from the latest date of the document before it (a date stated once governs the
   sentences after it; ``note`` says so). A duration or hours said apart ("本次培训为期三天")
   complete the fact before it. 今天, 昨天, 上周三 (上周三到周五: a range) count from the
   publication date (else the latest full date); 本月 is the month a title or section heading
   names (else the month of publication); 第三天 counts from the trip's first day, 最后一天 is
   its last, 结束的次日 follows it; a heading that is a date ("9月11日 周一", "18日上午",
   "7.16-7.17") dates its diary entry; 周二 is read in a week whose weekday was stated;
   "时间:..." and "参与人员:...36人" lines of a post date and count the story below them;
   table rows (tab-separated, or numbered and aligned with spaces) are read as sentences; in
   an interview the period a question names (问:2023年您一共...) makes the answer's numbers
   totals over it.
5. Totals over a period: an annual total ("全年共开展培训64场、980人次") is one row dated to
   its year (``YYYY-01-01`` to ``YYYY-12-31``), a half-year total to its half, both flagged in
   ``note``; a total in a sentence naming a month range (今年1月至6月) to those months; a
   running total ("自...以来", "截至") gets no date. The sentences that follow a total in its
   paragraph or list are totals too; a year opening a sentence (2023年,...) is the year of
   the 全年 after it.
6. One fact, one row (:mod:`sgnet.extract_facts`): an exact repeat is dropped, so is an
   undated repeat of a dated row's numbers (a headline), a row without numbers that a numbered
   row of its kind covers, and a trip's sum told again day by day;
   "培训场次:7场;培训人数:415人次" folds into one row.

Count and participants
----------------------
As in the activities table of the design: ``count`` is sessions (场次/期/次) for training and
supervision, stations for station visits, households for household visits, people for
interviews; ``participants`` is the people trained, supervised or attending. "个督13人" is
13 people supervised: participants 13; the sessions are not stated, so count is 1, the
design's default, and ``note`` says so. "个别督导6次,督导社工18人" is count 6, participants 18.
Mentoring is one-to-one: "8对师徒" is 8 pairs and 8 mentees (count 8, unless sessions such as
"带教32次" are told); "两个片区各一场" is two sessions (:mod:`sgnet.extract_counts`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from os import PathLike
from pathlib import Path

import pandas as pd

from . import extract_vocab as _v
from .extract_context import Context, note_report_month, read_dated_heading, read_field
from .extract_counts import count_each, count_pairs
from .extract_dates import (
    DateMention,
    Day,
    When,
    YearSource,
    find_publication_date,
    note_week,
    parse_dates,
)
from .extract_doc import (
    brief_month,
    document_genre,
    foot_stamp,
    head_stamp,
    post_stamp,
    stamps_below,
    summary_period,
    title_of,
)
from .extract_facts import Fact, merge_facts, span_of
from .extract_kinds import (
    bind,
    find_triggers,
    framed,
    is_public,
    people_visited,
    rejected,
    topic_of,
)
from .extract_numbers import find_quantities
from .extract_read import (
    is_heading,
    normalize,
    read_report_text,
    split_sentences,
    story_lines,
)
from .extract_rows import DRAFT_COLUMNS, as_written, draft_frame, draft_rows, evidence_of
from .extract_spans import aside_spans, asides, duration_days, month_span, resolve_relative
from .extract_tables import indicator_tables

__all__ = ["extract_text", "extract_files", "read_report_text", "DRAFT_COLUMNS"]

#: a fact dated more than this after the publication date was announced, not done (a
#: diary's week heading may pass for its publication date)
_GRACE = dt.timedelta(days=7)

def _sentence_facts(sent: str, base: int, dates: list[DateMention], ctx: Context,
                    context: When | None) -> list[Fact]:
    # "截至2024年12月31日,...已开展...": the day a running total was counted to, not an event's
    until = [d for d in dates if d.when is not None and base <= d.pos < base + len(sent)
             and re.search(_v.UNTIL + r"\W?$", sent[:d.pos - base])]
    precise = [d for d in dates if d.when is not None and d.day_precise and
               base <= d.pos < base + len(sent) and d not in until]
    # "完成年度计划的58%" is a share of a target, not the period of the total
    cue = re.search(_v.AGGREGATE_CUES, re.sub(_v.TARGET_SHARE, lambda m: " " * len(m[0]), sent))
    # in a summary of a period, a sentence dated by nothing in its paragraph is a total
    summed = (ctx.summary is not None and not cue and not ctx.total and not ctx.section_dated
              and not re.match(_v.CONTINUATION_START, sent)
              and not any(d.pos < base + len(sent) for d in dates))
    # "今年5月以来,...。上个月,...": a sentence with a time of its own ends a running total
    own = any(base <= d.pos < base + len(sent) and d.when is not None for d in dates)
    aggregate = bool(cue or (ctx.total and not own) or summed) and not precise
    if aggregate and cue:
        ctx.total = cue[0]  # "一年来,我们主要做了以下工作:" opens a list of totals
    triggers = find_triggers(sent)
    if not triggers:
        return []
    live = [i for i, t in enumerate(triggers) if not rejected(sent, t)
            and (aggregate or precise or not re.search(_v.LOOK_BACK, sent[:t.start]))]
    quantities = find_quantities(sent)
    among = re.search(r"其中", sent)  # "督导共计68人次,其中个督44人次": the whole is not a part's
    if among and any(t.start > among.start() for t in triggers):
        bound = {}
        for side in (lambda at: at < among.start(), lambda at: at >= among.end()):
            picked = [i for i, t in enumerate(triggers) if side(t.start)]
            part = bind(sent, [triggers[i] for i in picked], [q for q in quantities
                                                               if side(q.start)])
            bound.update({picked[k]: cols for k, cols in part.items()})
    else:
        bound = bind(sent, triggers, quantities)
    facts: dict[str, Fact] = {}
    for i in live:
        t = triggers[i]
        fact = facts.setdefault(t.kind, Fact(t.kind, sent.strip(), aggregate=aggregate,
                                             span=(t.start, t.end)))
        fact.span = (min(fact.span[0], t.start), max(fact.span[1], t.end))
        fact.words.add(sent[t.start:t.end])
        for column, q in bound.get(i, {}).items():
            fact.span = (min(fact.span[0], q.start), max(fact.span[1], q.end))
            if getattr(fact, column) is None or (q.total and column not in fact.totals):
                setattr(fact, column, q.value)  # "...,一共三个站": a total wins
                fact.approx = fact.approx or (q.approx and column != "hours")
                if q.total:
                    fact.totals.add(column)
            if column == "participants" and is_public(sent, q):
                fact.public = True
        fact.topic = fact.topic or topic_of(sent, t)
        if t.soft_count and fact.soft_count is None:
            fact.soft_count = t.soft_count
        fact.framed = fact.framed or framed(sent, t)
        if fact.when is None and not aggregate:
            fact.when, fact.dated_here = _date_for(base + t.start, base, sent, dates, context)
            if fact.when is not None and fact.when.month_only and fact.when.end is not None:
                fact.when, fact.aggregate = month_span(fact.when), True  # "1月至6月 ..."
        whole = re.search(_v.WHOLE_TRIP, sent[:t.start])
        trip = (ctx.state.get("trip"), ctx.state.get("trip_end"))
        if (whole and not own and not precise and ctx.summary is None and fact.when is not None
                and trip[1] is not None and not fact.aggregate
                and (fact.when.start, fact.when.end) != trip):
            fact.when = When(*trip, notes=(  # "三天里...共开展个督15人次": over the whole trip
                f"over the days told before ({whole[0]})",))
    months = [d.when for d in dates if d.when is not None and d.when.month_only
              and d.when.end is not None and base <= d.pos < base + len(sent)]
    for fact in facts.values():
        when = fact.when  # "本月举办培训2场" in a summary of that month: the month's total
        if (ctx.summary is not None and when is not None and when.month_only
                and when.end is None and when.start == ctx.summary.start):
            fact.when, fact.aggregate = ctx.summary, True
        if (when is not None and when.month_only and when.end is None
                and re.search(_v.SUM_CUES, sent)):  # "8月,...共入户走访二十三户": the month's total
            fact.when, fact.aggregate = month_span(replace(when, end=when.start)), True
        if fact.aggregate and fact.when is None and months:
            fact.when = month_span(months[0])  # "今年1月至6月,...共8对": those months
        if fact.aggregate and fact.when is None:
            if summed:
                fact.when = ctx.summary
            else:
                _date_total(fact, ctx.total or sent, ctx.years)
            if fact.when is None and until and ctx.years.project_start is not None:
                fact.when = When(ctx.years.project_start, until[0].when.start, notes=(
                    "a running total from the project's start to the day it was counted",))
            if (fact.when is None and ctx.summary is not None
                    and not re.search(_v.RUNNING_TOTAL_CUES, ctx.total or sent)):
                fact.when = ctx.summary  # "共开展培训7期" in a half-year summary: that half year
        _finish(fact, sent)
    return [f for f in facts.values() if not f.public]


def _date_for(pos: int, base: int, sent: str, dates: list[DateMention],
              context: When | None) -> tuple[When | None, bool]:
    known = [d for d in dates if d.when is not None]
    before = [d for d in known if d.pos < pos]
    if before:
        # "第二天就办了一期培训,4月23号、24号两天": the day restated with its span
        restated = next((d for d in known if pos < d.pos < base + len(sent) and d.rel is None
                         and before[-1].rel is not None and before[-1].pos >= base
                         and d.when.start == before[-1].when.start and d.when.end), None)
        return (restated or before[-1]).when, before[-1].pos >= base
    after = [d for d in known if base <= d.pos < base + len(sent)]
    if after:
        return after[0].when, True
    return context, False


def _date_total(fact: Fact, cue: str, years: YearSource) -> None:
    """Date a total over a year, half year or quarter to its period when it can be told."""
    cue = re.sub(_v.TARGET_SHARE, "", cue)  # "完成年度计划的58%" names no period of the total
    period = None if re.search(_v.RUNNING_TOTAL_CUES, cue) else years.total_period(cue)
    if period is None:
        fact.notes.append("aggregate over a period: no single date")
        return
    start, end, words, source = period
    fact.notes.append(f"{words} total ({cue}), dated to {start.iso()}..{end.iso()}")
    fact.when = When(start, end, notes=(f"year from {source}",))


def _finish(fact: Fact, sent: str) -> None:
    stated = duration_days(sent)
    when = fact.when
    if when is not None and when.end is None and stated and not when.month_only:
        _extend(fact, *stated)
    if re.search(_v.ONLINE_CUES, sent) and not re.search(r"线上线下|线下", sent):
        fact.mode = "online"
    elif re.search(_v.ONSITE_CUES, sent) or fact.kind in _v.ONSITE_KINDS:
        fact.mode = "onsite"
    if fact.kind == "mentoring":
        count_pairs(fact, sent)
    count_each(fact, sent)
    if fact.kind == "household_visit" and fact.count is None and not fact.soft_count:
        fact.count = people_visited(sent[fact.span[0]:])  # "探访留守儿童12名": 12 homes
        if fact.count is not None:
            fact.notes.append("households counted by the people visited")
    if (fact.count is None and fact.participants is not None and not fact.soft_count
            and (fact.aggregate or fact.kind in _v.SESSION_KINDS)):
        fact.notes.append(f"sessions not stated: count 1 by default; {fact.participants} "
                          "people are participants")


def _extend(fact: Fact, days: int, words: str) -> None:
    if fact.when is not None and days > 1:
        fact.when = replace(fact.when, end=fact.when.start.shift(days - 1))
        fact.notes.append(f"end date from duration ({words})")


def _follow_up(sent: str, new: list[Fact], facts: list[Fact]) -> list[Fact]:
    """A sentence that only adds a duration or hours to the fact before it
    ("本次培训为期三天", "培训持续约3个小时") completes that fact instead of making a row."""
    # "3月16日至17日,...开展为期两天的带教": a dated span of its own is an event, not a follow-up
    if not facts or any(f.hard or (f.dated_here and f.when is not None and f.when.end)
                        for f in new):
        return new
    stated = duration_days(sent)
    hours = next((f.hours for f in new if f.hours), None)
    if stated is None and hours is None:
        return new
    kinds = {f.kind for f in new}
    target = next((f for f in reversed(facts) if not kinds or f.kind in kinds), None)
    if target is None:
        return new
    if stated and target.when is not None and target.when.end is None:
        _extend(target, *stated)
    if hours and target.hours is None:
        target.hours = hours
    return []


def _told_again(sent: str, fact: Fact, facts: list[Fact]) -> bool:
    """"分享会上,6位社工轮流上台": a sentence opening inside an activity of the kind just told
    tells more of it (its speakers, its content), not another one."""
    head = sent.lstrip(" \t“\"")
    return any(f.kind == fact.kind for f in facts) and any(
        head.startswith(w) and re.match(r"(?:上|中|期间|现场)[,:]", head[len(w):])
        for w in fact.words)


def _people_after(sent: str, fact: Fact) -> None:
    """"...组织了一场团体督导。三个站的12名社工围坐一圈,...": the people gathered in the
    sentence after an activity told without them are its participants."""
    people = [q for q in find_quantities(sent) if q.unit in _v.PEOPLE_UNITS and not q.staff]
    if (fact.participants is None and "participants" in _v.SLOT_UNITS[fact.kind]
            and len(people) == 1 and not is_public(sent, people[0])
            and (re.match(_v.GATHERED, sent[people[0].end:])
                 or re.search(r"(?:来了|到了|来的有)$", sent[:people[0].start]))):
        fact.participants, fact.approx = people[0].value, fact.approx or people[0].approx
        fact.notes.append("participants from the sentence after it")


def _same_numbers(fact: Fact, told: Fact) -> bool:
    """Whether ``told`` is ``fact`` told before: the same kind with the same number of
    sessions or of people."""
    return fact.kind == told.kind and (
        (fact.count is not None and fact.count == (told.count or told.soft_count or 1))
        or (fact.participants is not None and fact.participants == told.participants))


def _form_people(facts: list[Fact], ctx: Context) -> None:
    """A record form's people or date field below its kind field ("督导方式:■个别督导" then
    "被督导者:某某", "督导日期:..."): the people and day of the form's fact."""
    form = facts[-1] if facts and facts[-1].form else None
    if form is not None and form.participants is None and ctx.field_people:
        form.participants, ctx.field_people = ctx.field_people, None
        form.notes.append("participants from the form's field below it")
    if form is not None and form.when is None and ctx.last is not None:
        form.when, form.dated_here = ctx.last, True  # "督导日期:..." below a titled form
        form.notes.append("date from the form's field below it")


def _document_facts(text: str, years: YearSource) -> list[Fact]:
    facts: list[Fact] = []
    ctx = Context(years)
    lines = indicator_tables(story_lines(text))
    genre = document_genre([line for _, line in lines])
    period = summary_period(title_of([line for _, line in lines]))
    if genre == "summary" and period is not None:
        year, first, last = period
        ctx.summary = month_span(When(Day(year, first, 1), Day(year, last, 1), notes=(
            f"a total in a summary of {first}-{last}/{year} (its title), dated to that period",)))
    elif genre == "report":
        ctx.summary = brief_month([line for _, line in lines], years)
        if ctx.summary is not None and years.report_month is None:  # 本月 is the brief's month
            years.report_month = (ctx.summary.start.year, ctx.summary.start.month)
    if years.report_month is not None:
        ctx.state.setdefault("month", years.report_month[1])  # "6日" in a 9月 月报
    floors = stamps_below([line for _, line in lines], years)
    for (raw, line), floor in zip(lines, floors, strict=True):
        years.post = floor or years.post  # a forum floor's stamp below its text
        years.note_project_start(line)
        if (not facts and years.publication is not None and re.fullmatch(r"\(.{8,16}\)", line)
                and find_publication_date([line]) == years.publication):
            continue  # "(2025年1月18日)" under a speech's title: when it was given, not a story
        posted = re.search(_v.POST_HEADER, line) if is_heading(line) else None
        if posted:  # "3楼 某网友 2023-04-19 21:03": the day this floor was written
            month, day = int(posted["m"]), int(posted["d"])
            year = int(posted["y"]) if posted["y"] else years.resolve(month, day, None, None)[0]
            years.post = Day(year, month, day) if Day(year, month, day).valid() else years.post
        elif years.stamp is not None and (stamp := post_stamp(line, years)):
            years.post = stamp  # the next post of a feed whose stamps stand above the story
        if is_heading(line) and not (re.match(_v.KIND_FIELD, line) and find_triggers(line)):
            ctx.section_dated = False
            ctx.future = len(line) <= 20 and bool(re.search(_v.FUTURE_HEADINGS, line))
            years.note_heading(line)
            note_report_month(line, ctx)
            note_week(line, ctx.state, ctx.years)
            read_field(line, ctx)
            _form_people(facts, ctx)
            read_dated_heading(line, ctx, title=not facts and ctx.last is None)
            continue
        field_ = re.match(_v.FIELD_LINE, line)
        if field_ and field_["label"] not in ("时间", "日期") and not find_triggers(line):
            read_field(line, ctx)  # "参加人员:各站站长及社工,近百人": the people of the story
            _form_people(facts, ctx)
            continue
        _note_year_opening(line, years)
        if re.match(r"问\s*:", line):  # an interview: the period a question names ...
            ctx.question = line
        elif re.match(r"答\s*:", line) and ctx.question:
            asked = re.search(_v.AGGREGATE_CUES, ctx.question)
            ctx.total = asked[0] if asked else ctx.total  # ... its answer's numbers total
        line_facts: list[Fact] = []
        context = ctx.last
        dates = parse_dates(line, ctx.state, years)
        resolve_relative(dates, context, ctx.state)
        for base, sent in split_sentences(line):
            if (ctx.future or re.search(_v.DUTY_LIST_OPENER, line[:base])
                    or re.match(_v.FUTURE_RUN_IN, line)
                    or (base == 0 and re.fullmatch(_v.RUN_IN_HEADING, sent.strip())
                        and line[len(sent):].strip())):
                continue  # a plan item ("三、下半年计划:..."); a run-in title ("(二)开展团督。")
            new = []
            for at, piece, aside in asides(base, sent):
                total, kept = ctx.total, [d for d in dates if aside or not any(
                    lo <= d.pos < hi for lo, hi in aside_spans(base, sent))]
                new += _sentence_facts(piece, at, kept, ctx, context)
                ctx.total = total if aside else ctx.total  # an aside opens no running total
            for fact in new:
                fact.evidence = evidence_of(raw, line, base, sent, fact.span)
                fact.topic = as_written(raw, line, base, sent, fact.topic)
                if fact.when is not None and not fact.dated_here and not fact.aggregate:
                    earlier = any(d.when is fact.when for d in dates)
                    fact.notes.append("date from an earlier sentence" if earlier else
                                      "date from an earlier paragraph")
            for fact in new:
                if re.match(_v.KIND_FIELD, line):  # "督导方式:■个别督导": a form's own kind
                    fact.form = fact.framed = True
                if (ctx.field_people and fact.participants is None
                        and "participants" in _v.SLOT_UNITS[fact.kind]):
                    fact.participants, ctx.field_people = ctx.field_people, None
                    fact.notes.append("participants from the field line above the story")
            if re.match(_v.RECAP_LINE, line):  # a recap of the kinds told above
                told = {f.kind for f in facts if f.hard}  # told above with numbers
                new = [f for f in new if f.kind not in told]
            elif line.startswith(_v.TABLE_ROW):  # a table of the totals told above
                new = [f for f in new if not any(_same_numbers(f, g) for g in facts)]
            new = [f for f in new if not _told_again(sent, f, facts)]
            if not new and line_facts and not find_triggers(sent):
                _people_after(sent, line_facts[-1])
            for fact in _follow_up(sent, new, facts):
                prev = line_facts[-1] if line_facts else (
                    facts[-1] if facts and re.fullmatch(_v.KEY_VALUE_LINE, line) else None)
                if not (prev is not None and _complete(prev, fact)):
                    facts.append(fact)
                    line_facts.append(fact)
        for fact in line_facts:  # a post told with no date: the day of its own stamp below
            if floor is not None and fact.when is None and not fact.aggregate:
                fact.when = When(floor, notes=("the day of the post's stamp below it",),
                                 inferred=True)
        known = [d.when for d in dates if d.when is not None and not d.when.month_only]
        ctx.last = known[-1] if known else ctx.last
        facts.extend(_heading_facts(raw, line, line_facts, ctx))
        ctx.section_dated = ctx.section_dated or bool(known)
        if not re.search(r"[;:]$", line):
            ctx.total = ""
    stamp = foot_stamp([line for _, line in lines], years)
    for fact in facts:  # a post's story told with no date: the day of its stamp below
        if stamp is not None and fact.when is None and not fact.aggregate:
            fact.when = stamp
    pub = years.publication  # a day after the page was published: announced, not done
    if pub is not None:
        facts = [f for f in facts if f.when is None or f.when.start.year is None
                 or not f.when.start.valid() or dt.date(f.when.start.year, f.when.start.month,
                                                        f.when.start.day) <= pub + _GRACE]
    if genre == "inspection":  # officials' survey: the station and home visits are theirs
        facts = [f for f in facts if f.kind not in ("station_visit", "household_visit")]
    if genre == "notice":  # recruitment, plan, policy: duties and targets; only a dated event
        facts = [f for f in facts if f.dated_here and f.when is not None and not f.aggregate
                 and not f.when.month_only]
    return merge_facts(facts)


def _heading_facts(raw: str, line: str, told: list[Fact], ctx: Context) -> list[Fact]:
    """The activity a diary heading names ("19日 经验分享会") when the entry below it tells of
    it in other words ("为三十五名社工分享了...经验"): a fact with the entry's people."""
    kinds, ctx.heading_kinds = ctx.heading_kinds, []
    people = [q for q in find_quantities(line) if q.unit in _v.PEOPLE_UNITS and not q.staff]
    out = []
    for kind in dict.fromkeys(kinds):
        if (kind in {f.kind for f in told} or not people or ctx.last is None
                or "participants" not in _v.SLOT_UNITS[kind] or ctx.future):
            continue
        fact = Fact(kind, raw.strip(), participants=people[0].value, when=ctx.last,
                    approx=people[0].approx)
        fact.notes.append("the activity named by the diary heading above")
        _finish(fact, line)
        out.append(fact)
    return out


def _complete(prev: Fact, fact: Fact) -> bool:
    """Fold a fact into the one of the sentence before when it only adds the other number
    ("培训场次:7场;培训人数:415人次"): same kind and dates, no column filled twice."""
    columns = ("count", "participants", "hours")
    if (prev.kind != fact.kind or span_of(prev.when) != span_of(fact.when)
            or not (prev.hard and fact.hard)
            or any(getattr(prev, c) is not None and getattr(fact, c) is not None
                   for c in columns)):
        return False
    for column in columns:
        if getattr(prev, column) is None:
            setattr(prev, column, getattr(fact, column))
    prev.evidence = f"{prev.evidence} {fact.evidence}"
    prev.approx = prev.approx or fact.approx
    return True


def _note_year_opening(line: str, years: YearSource) -> None:
    """"2023年,本会..." / "2022年是...": the year the paragraph speaks of, at the opening of
    the paragraph or of one of its sentences ("汇报一下去年的工作。2023年,我们...")."""
    for found in re.finditer(r"(?:^|(?<=[。!?]))(\d{4})年(?:度)?(?:,|是|以来|里|中|内)", line):
        if "以来" not in found[0]:
            years.note_text_year(int(found[1]), f"the paragraph opening {found[0]}")


def _years(text: str, year: int | None) -> YearSource:
    lines = [line.strip() for raw in text.splitlines() if (line := normalize(raw)).strip()]
    years = YearSource(find_publication_date(lines), year)
    foot = foot_stamp(lines, years)
    years.stamp = head_stamp(lines, years) or (foot.start if foot is not None else None)
    title = title_of(lines)
    # "某项目2022年10月工作月报": the month that 本月 means
    named = [d.when.start for d in parse_dates(title, {}, YearSource(None, None))
             if d.when is not None and d.when.month_only and not d.when.inferred]
    if named:
        years.report_month = (named[0].year, named[0].month)
    period = summary_period(title)
    if period is not None and re.search(_v.SUMMARY_TITLES, title):
        years.title_period = period  # "2022年上半年工作总结": its days are of 2022
    years.title_source = next((t for t in title.split(" || ") if period and
                               re.search(str(period[0]), t)), "")[:20]
    if period is not None and period[2] - period[1] == 2:
        years.report_quarter = (period[0], period[2] // 3)  # "2024年第三季度简报": 本季度
    return years


def extract_text(text: str, *, source: str = "", year: int | None = None) -> pd.DataFrame:
    """Draft activity rows from the text of one narrative report.

    Parameters
    ----------
    text : str
        The report, in simplified or traditional characters, web debris and all.
    source : str, optional
        Written to the ``source`` column (usually the file name).
    year : int, optional
        Year of month-day dates when the report gives none (no publication date, headline
        year or earlier date with a year).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DRAFT_COLUMNS`, one row per activity fact, draft ids ``D0001``...
        The id columns are empty for the user to fill. ``count``, ``participants`` and ``hours``
        are nullable integers; ``count`` defaults to 1. Dates are ISO strings, ``--MM-DD`` when
        no year is known, empty for running totals (see ``note``). ``confidence`` is lower
        for approximate numbers (二十余名, 近百人) and years not written with the date.

    Notes
    -----
    ``count`` and ``participants`` follow the activities table: stations visited
    (走访社工站点5个 -> count 5), households (特困家庭5户 -> count 5), people interviewed
    (社工访谈14人 -> count 14), people supervised (个督13人 -> participants 13, count 1 by
    default), sessions (团体督导5次 -> count 5).

    Examples
    --------
    >>> df = extract_text("发布时间:2022-10-30\\n10月26日至28日,督导团来到罗城。"
    ...                   "督导团走访社工站点5个,进行个督13人,团体督导5次。")
    >>> df[["kind", "start_date", "end_date", "count", "participants"]]
                         kind  start_date    end_date  count  participants
    0           station_visit  2022-10-26  2022-10-28      5          <NA>
    1  individual_supervision  2022-10-26  2022-10-28      1            13
    2       group_supervision  2022-10-26  2022-10-28      5          <NA>
    >>> extract_text("2022年度工作总结\\n全年共开展培训64场、980人次。")[
    ...     ["start_date", "end_date", "count", "participants"]]
       start_date    end_date  count  participants
    0  2022-01-01  2022-12-31     64           980
    """
    return draft_frame(draft_rows(_document_facts(text, _years(text, year)), source))


def extract_files(paths: Iterable[str | PathLike], *,
                  year: int | None = None) -> pd.DataFrame:
    """Draft activity rows from several report files, concatenated.

    Parameters
    ----------
    paths : iterable of str or PathLike
        Text files in UTF-8 (with or without BOM) or GB18030.
    year : int, optional
        Year for month-day dates of files that give none.

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
        rows.extend(draft_rows(_document_facts(text, _years(text, year)), path.name))
    return draft_frame(rows)
