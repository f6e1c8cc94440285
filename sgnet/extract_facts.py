"""Facts found in a report and how they are merged into one row each, for :mod:`sgnet.extract`.

A :class:`Fact` is an activity found in a sentence, with its numbers, date and the evidence
for it. :func:`merge_facts` keeps one row per fact: an exact repeat is dropped, so is an
undated repeat of a dated fact's numbers (a headline), a row without numbers that a numbered row
of its kind covers, and a trip's sum that is told again day by day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract_dates import When

__all__ = ["Fact", "span_of", "merge_facts"]

_MIN_SUPPORT = 0.5


@dataclass
class Fact:
    """An activity fact of a report, before it becomes a draft row."""

    kind: str
    evidence: str
    count: int | None = None
    participants: int | None = None
    hours: int | None = None
    soft_count: int | None = None
    when: When | None = None
    aggregate: bool = False
    dated_here: bool = False
    form: bool = False  # named by a record form's field ("督导形式:团体督导")
    framed: bool = False
    public: bool = False
    approx: bool = False
    span: tuple[int, int] = (0, 0)
    mode: str = ""
    topic: str = ""
    notes: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    totals: set[str] = field(default_factory=set)  # columns filled from a total ("一共")

    @property
    def hard(self) -> bool:
        return self.count is not None or self.participants is not None

    def support(self) -> float:
        """How well the text supports the fact, before doubts about its numbers or year."""
        score = 0.6 if self.hard else 0.5 if self.soft_count else 0.3
        if self.when is not None and not self.when.month_only and not self.aggregate:
            score += 0.2 if self.dated_here else 0.1
        elif self.aggregate and self.hard:
            score += 0.1
        if self.framed:
            score += 0.2
        return score

    def confidence(self) -> float:
        score = min(self.support(), 0.95)
        if self.approx:
            score -= 0.1
        if self.when is not None and self.when.inferred:
            score -= 0.05 if self.when.start.year is not None else 0.1
        return round(max(score, 0.05), 2)


def span_of(when: When | None) -> tuple[str, str] | None:
    """(start, end) ISO dates of a date, the end the start for one day; None when undated.

    Examples
    --------
    >>> from sgnet.extract_dates import Day
    >>> span_of(When(Day(2024, 5, 8))), span_of(None)
    (('2024-05-08', '2024-05-08'), None)
    """
    if when is None:
        return None
    return when.start.iso(), (when.end or when.start).iso()


def merge_facts(facts: list[Fact]) -> list[Fact]:
    """One fact, one row: drop repeats and unnumbered mentions of a numbered fact."""
    kept: list[Fact] = []
    keys: set = set()
    for fact in _one_day_stations(_one_pairing(facts)):
        if not fact.hard and fact.support() < _MIN_SUPPORT:
            continue
        key = (fact.kind, span_of(fact.when), fact.count, fact.participants, fact.soft_count)
        if key in keys:
            continue
        keys.add(key)
        kept.append(fact)
    kept = [f for f in kept if not _repeats(f, kept) and not _itemised(f, kept)]
    return [f for i, f in enumerate(kept)
            if f.hard or not any(_covers(h, f, j > i) for j, h in enumerate(kept) if h.hard)]


def _one_pairing(facts: list[Fact]) -> list[Fact]:
    """Pairs told first without a day of their own ("日前举行结对仪式,6名督导与6名社工结成
    师徒") and then the mentoring dated without numbers ("1月8日至10日,师傅们开展一对一带教"):
    one row, the pairs on the days."""
    out: list[Fact] = []
    waiting: list[Fact] = []  # the pairs told without days, in order (a scan of out was O(n²))
    for fact in facts:
        if (fact.kind == "mentoring" and waiting and not fact.hard
                and fact.dated_here and fact.when is not None and not fact.aggregate):
            first = waiting.pop(0)
            first.when, first.dated_here = fact.when, True
            first.evidence = f"{first.evidence} {fact.evidence}"
            first.notes.append("the days of the mentoring told after the pairing")
            continue
        out.append(fact)
        if fact.kind == "mentoring" and fact.hard and not fact.dated_here and not fact.aggregate:
            waiting.append(fact)
    return out


_STATION_NAME = re.compile(r"([\u4e00-\u9fff]{2,6}?[镇乡鎮鄉村])"
                           r"(?:社会工作服务站|社工服务站|社工站|社會工作服務站|社工服務站)")


def _station_names(text: str) -> set[str]:
    """The places of the stations a text names, by their last three characters ("石门乡")."""
    return {name[-3:] for name in _STATION_NAME.findall(text)}


def _one_day_stations(facts: list[Fact]) -> list[Fact]:
    """Stations named one by one on the same day ("上午到甲乡社工站。...下午去了乙乡社工站"),
    with no number told: one visit row, counting the stations named."""
    out: list[Fact] = []
    firsts: dict = {}  # day -> the first unnumbered one-day visit on it (not a scan of out)
    for fact in facts:
        names = _station_names(fact.evidence)
        first = firsts.get(span_of(fact.when)) if fact.when is not None else None
        seen = _station_names(first.evidence) if first is not None else set()
        if (fact.kind == "station_visit" and first is not None and not fact.hard
                and not fact.aggregate and len(names) == 1 and seen and not names & seen):
            first.evidence = f"{first.evidence} {fact.evidence}"
            first.soft_count = len(seen) + 1
            continue
        out.append(fact)
        if (fact.kind == "station_visit" and not fact.hard and not fact.aggregate
                and fact.when is not None and fact.when.end is None):
            firsts.setdefault(span_of(fact.when), fact)
    return out


def _repeats(fact: Fact, facts: list[Fact]) -> bool:
    """An undated fact with the numbers of a dated one is its headline ("3天走访8个社工站!")."""
    return (fact.when is None and fact.hard and not fact.aggregate
            and any(o.when is not None and (o.kind, o.count, o.participants)
                    == (fact.kind, fact.count, fact.participants) for o in facts))


def _itemised(fact: Fact, facts: list[Fact]) -> bool:
    """A trip's sum told first and then day by day ("三天共走访社工站5个。9日走访2个...10日至11日
    走访3个"): the sum is dropped when the days inside its dates add up to its count."""
    outer = span_of(fact.when)
    if outer is None or outer[0] == outer[1] or fact.count is None or fact.aggregate:
        return False
    inner = [o for o in facts if o is not fact and o.kind == fact.kind and o.count is not None
             and (span := span_of(o.when)) is not None and span != outer
             and outer[0] <= span[0] and span[1] <= outer[1]]
    return len(inner) >= 2 and sum(o.count for o in inner) == fact.count


def _covers(hard: Fact, soft: Fact, hard_later: bool) -> bool:
    """Whether an unnumbered fact is a mention of a numbered one: its date lies inside the
    numbered fact's dates, unless it is a differently named event dated in its own sentence
    after a one-day fact ("上午...讲座,35名社工参加。当天下午...开展工作坊")."""
    if hard.kind != soft.kind:
        return False
    if (not hard_later and soft.dated_here and hard.when is not None
            and hard.when.end is None and not soft.words & hard.words):
        return False
    inner, outer = span_of(soft.when), span_of(hard.when)
    if inner is None:
        return True
    if outer is None:
        return False
    return outer[0] <= inner[0] and inner[1] <= outer[1]
