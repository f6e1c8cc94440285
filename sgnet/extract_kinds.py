"""Activity kinds in a sentence and the numbers that belong to them, for :mod:`sgnet.extract`.

A :class:`Trigger` is a phrase that names an activity kind (培训, 授课, 工作坊, 个督, 研讨疑难个案,
走访...社工站, 入户走访, 访谈 ...; :data:`sgnet.extract_vocab.KIND_TRIGGERS`). :func:`bind`
gives each number of the sentence to the cheapest trigger whose columns take its unit
(``count``, ``participants`` or ``hours``), cost growing with the distance and the commas between
them. :func:`rejected` tells plans, rules and purposes from things that happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import extract_vocab as _v
from .extract_numbers import Quantity, to_int
from .extract_read import clause_bounds

__all__ = [
    "Trigger", "find_triggers", "bind", "rejected", "framed", "is_public", "clause_of",
    "topic_of",
    "people_visited",
]

_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》]{2,30})[”\"」』》]")


@dataclass
class Trigger:
    """A phrase naming an activity ``kind`` at ``start:end``; ``soft_count`` is the number of
    stations it names ("走访A镇、B镇社工站" -> 2), when it names them."""

    kind: str
    start: int
    end: int
    soft_count: int | None = None


@lru_cache(maxsize=1)
def _trigger_patterns() -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(p)) for kind, pats in _v.KIND_TRIGGERS.items() for p in pats]


def find_triggers(sent: str) -> list[Trigger]:
    """Triggers of a normalized sentence; of overlapping ones the earliest, longest wins.

    Examples
    --------
    >>> [(t.kind, t.soft_count) for t in find_triggers("深入三江镇、寨岗镇社工站,开展团督2次")]
    [('station_visit', 2), ('group_supervision', None)]
    """
    found: list[Trigger] = []
    for kind, pattern in _trigger_patterns():
        for m in pattern.finditer(sent):
            if re.match(_v.TRIGGER_NOT_FOLLOWED_BY, sent[m.end():]):
                continue
            trig = Trigger(kind, m.start(), m.end())
            if kind == "station_visit":
                trig = _extend_stations(sent, trig)
            found.append(trig)
    if not any(t.kind in _v.SESSION_KINDS for t in found):
        found += [Trigger("individual_supervision", m.start(), m.end())
                  for m in re.finditer(_v.SUPERVISE_VERB, sent)]
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Trigger] = []
    for trig in found:
        if not any(k.start < trig.end and trig.start < k.end for k in kept):
            kept.append(trig)
    return kept


def _extend_stations(sent: str, trig: Trigger) -> Trigger:
    """Count the stations named in "走访了A镇社工站和B镇社工站" / "深入A镇、B镇社工站"."""
    span = sent[trig.start:trig.end]
    joiner = re.compile(_v.STATION_JOINERS)
    count = 1 + len(joiner.findall(span))
    more = re.compile(rf"(?:{_v.STATION_JOINERS})[^,;。、]{{0,12}}?{_v.STATION_NOUN}")
    end = trig.end
    while (m := more.match(sent, end)) is not None:
        count += 1
        end = m.end()
    if re.search(r"等|各|多个|几个", sent[trig.start:end]):
        count = None
    return Trigger(trig.kind, trig.start, end, soft_count=count)


def _slot(kind: str, q: Quantity) -> str | None:
    for column, units in _v.SLOT_UNITS[kind].items():
        if q.unit in units:
            if column == "participants" and q.staff:
                return None
            return column
    return None


def _cost(sent: str, q: Quantity, t: Trigger, column: str) -> float | None:
    if q.start >= t.start and q.end <= t.end + 2:
        return 0.0
    after = q.start >= t.start
    between = sent[t.end:q.start] if after else sent[q.end:t.start]
    commas = len(re.findall(r"[,;:]", between))
    if ";" in between or "。" in between:
        return None
    people = column == "participants" or q.unit in _v.PEOPLE_UNITS
    if q.participation:
        # "参与社工41人次" follows its event: a comma to the trigger after it costs more
        cost, limit = len(between) + 3 * commas + (0 if after or not commas else 6), 45
    elif after:
        cost, limit = len(between) + 12 * commas, 30
    elif people:
        cost, limit = len(between) + 4 * commas + 2, 45
    else:  # "六批次、近百名社工赴...", "3批次共40名社工赴": the people with the count
        listed = re.match(r"次?(?:、|共计?)[^,;。、]{0,5}?(?:人次|名|人|位)", between)
        cost, limit = len(between) - (listed.end() if listed else 0) + 8 * commas + 2, 12
    return cost if cost <= limit else None


def bind(sent: str, triggers: list[Trigger], quantities: list[Quantity]) -> dict:
    """Give each quantity to its cheapest compatible trigger.

    Returns ``{trigger index: {column: Quantity}}``; a total ("共...") wins over another
    number for the same column.

    Examples
    --------
    >>> from sgnet.extract_numbers import find_quantities
    >>> s = "走访社工站点5个,进行个督13人,团体督导5次"
    >>> got = bind(s, find_triggers(s), find_quantities(s))
    >>> {i: {c: q.value for c, q in cols.items()} for i, cols in got.items()}
    {0: {'count': 5}, 1: {'participants': 13}, 2: {'count': 5}}
    """
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
        # "对两名老人个案进行讨论,参会社工9人": people said to take part win for participants
        rank = (not q.total, column == "participants" and not q.participation, cost)
        current = bound.setdefault(i, {}).get(column)
        if current is None or rank < current[0]:
            bound[i][column] = (rank, q)
    return {i: {c: q for c, (_, q) in cols.items()} for i, cols in bound.items()}


def _blocked(triggers: list[Trigger], i: int, q: Quantity) -> bool:
    t = triggers[i]
    lo, hi = sorted((t.end, q.start)) if q.start >= t.end else (q.end, t.start)
    return any(o.kind != t.kind and lo <= o.start and o.end <= hi
               for j, o in enumerate(triggers) if j != i)


def clause_of(sent: str, t: Trigger) -> str:
    """The clause (between commas) that holds a trigger."""
    lo, hi = clause_bounds(sent, t.start, t.end)
    return sent[lo:hi]


def rejected(sent: str, t: Trigger) -> bool:
    """A plan, rule, purpose, question or recurring arrangement, not something that happened.

    Examples
    --------
    >>> s = "会议要求,各机构每季度开展培训。"
    >>> rejected(s, find_triggers(s)[0])
    True
    >>> s = "当天,督导开展培训。"
    >>> rejected(s, find_triggers(s)[0])
    False
    """
    if t.kind == "station_visit" and re.search(_v.EXCHANGE_CONTEXT,
                                               sent[:t.start] + clause_of(sent, t)):
        return True  # visitors on an exchange stopping at stations, not the mentors' visit
    if t.kind in _v.ONSITE_KINDS and re.search(_v.ADMIN_CHECKS, sent[t.start:t.end + 2]):
        return True  # "走访排查困难群众90户": an administrative check, not a mentor's visit
    if t.kind in (*_v.ONSITE_KINDS, "interview") and re.search(_v.OFFICIAL_VISITORS,
                                                               sent[:t.start]):
        return True  # officials inspecting a station or bringing gifts to households
    if t.kind == "station_visit" and (re.search(_v.OWN_STATION, sent[t.start:t.end])
                                      or re.search(r"线上|视频|远程|云端", clause_of(sent, t))):
        return True  # the writer's own station hosts a visitor; an online "visit"
    if t.kind == "station_visit" and _venue_of_next(sent, t):
        return True  # "来到某站,为14名社工开展了一次团督": the place of the supervision
    if any(q.start() < t.start < q.end() for q in re.finditer(_v.TITLE_QUOTE, sent)):
        return True  # "主题是“我最难忘的一次入户”": a title, not an activity
    if _in_quoted_past(sent[:t.start]) or any(
            q.start() < t.start < q.end() for q in re.finditer(_v.SLOGAN_QUOTE, sent)):
        return True
    lo = clause_bounds(sent, t.start, t.end)[0]
    if re.search(_v.NOT_MENTORS, sent[lo:t.start]):
        return True  # volunteers visiting, not the mentors
    others = list(re.finditer(_v.NOT_MENTORS, sent[:lo]))
    joined = others and re.search(r"(?:督导|社工|老师|专家)(?:们)?(?:和|与|及|、|携|带领)$",
                                  sent[:others[-1].start()])  # "社工和志愿者...走访": joint
    if others and not joined and t.kind in _v.ONSITE_KINDS and not re.search(
            r"督导|社工(?!站|服务站)|老师|专家|导师|[他她]们|我们", sent[others[-1].end():t.start]):
        return True  # "...组织志愿者二十余人,来到某村,走访慰问了32户": still the volunteers
    clause = _QUOTED.sub("“”", clause_of(sent, t))
    if re.search(_v.NEGATIVE_CLAUSE_CUES, clause.strip()):
        return True
    head = _QUOTED.sub("“”", sent[:t.start])
    return bool(re.search(_v.NEGATIVE_SENTENCE_CUES, head) or _asks(sent, t))


#: the clause after a station reached that holds another activity there for its people
_HELD_THERE = (r",\s*(?:为|给|向|和|与)[^,;。]{0,40}?(?:开展|做|举办|进行|组织|上)了?[^,;。]{0,6}?"
               r"(?:团体督导|团督|个别督导|个督|小组督导|培训|讲座|授课|课|分享会)")


def _venue_of_next(sent: str, t: Trigger) -> bool:
    """A single station reached ("来到某镇社工站") whose next clause holds another activity
    there for its people ("为...14名社工开展了一次团体督导"): the station is the venue."""
    lo, hi = clause_bounds(sent, t.start, t.end)
    return (not re.search(r"[\d一二两三四五六七八九十仨俩]|各|分别|先后", sent[lo:hi])
            and bool(re.match(_HELD_THERE, sent[hi:])))


def _asks(sent: str, t: Trigger) -> bool:
    """A question, unless only a last clause asks about what the clauses before it told
    ("...去了两户家庭入户,这个要不要单独记?"), or the question is what a done activity
    discussed ("组织了一场团督,...摆出来:老人不开门怎么办?")."""
    if not sent.rstrip().endswith("?"):
        return False
    lo, hi = clause_bounds(sent, t.start, t.end)
    if ":" in sent[hi:] or (sent[hi:].strip(" ?") and "了" in sent[lo:hi]):
        return False  # "组织了一场团督,...摆出来:老人不开门怎么办?": what was discussed
    last = re.split(r"[,;:]", sent.rstrip(" ?"))[-1]
    return not (sent[hi:].strip(" ?") and re.match(r"\s*(?:这|那|它)", last))


def _in_quoted_past(head: str) -> bool:
    """Whether the text before a trigger opens a quotation, still open, that speaks of the past
    ("“以前入户就是填表"): speech about how things were, not an event."""
    opened = max(head.rfind("“"), head.rfind("「"), head.rfind("\""))
    if opened < 0 or re.search(r"[”」]", head[opened:]):
        return False
    return bool(re.search(_v.QUOTED_PAST, head[opened:]))


def framed(sent: str, t: Trigger) -> bool:
    """An event verb or frame before the trigger ("开展了...", "在...上", "通过...")."""
    head = sent[:t.start]
    return any(re.search(p, head) for p in _v.EVENT_FRAMES)


def is_public(sent: str, q: Quantity) -> bool:
    """People who are the public ("60余名居民参加"): the event is outreach, not training."""
    return bool(re.match(rf"[^,;。]{{0,2}}(?:{_v.PUBLIC_AUDIENCE})", sent[q.end:]))


def topic_of(sent: str, t: Trigger) -> str:
    """A topic stated with the trigger: 主题为"...", 内容涵盖..., or a quoted title."""
    found = re.search(_v.TOPIC_PATTERN, sent)
    if found:
        topic = next(g for g in found.groups() if g)
        return topic.strip(" “”\"《》「」")
    quoted = _QUOTED.search(clause_of(sent, t))
    return quoted[1] if quoted else ""


def people_visited(text: str) -> int | None:
    """The people a household visit went to, when the text counts them instead of households
    ("探访留守儿童12名", "走访了15位独居老人"): one household each.

    Examples
    --------
    >>> people_visited("入户探访留守儿童12名。"), people_visited("走访了十五位独居老人")
    (12, 15)
    >>> people_visited("与3名社工一起入户") is None
    True
    """
    found = re.search(_v.PEOPLE_VISITED, text)
    if found is None:
        return None
    return to_int(found["n1"] or found["n2"])
