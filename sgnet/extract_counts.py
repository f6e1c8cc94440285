"""Counts that depend on how an activity is told, for :mod:`sgnet.extract`.

Mentoring is one-to-one: "8对师徒" are 8 pairs and 8 mentees. Sessions held in each of several
places ("分东、西两个片区各一场") are multiplied.
"""

from __future__ import annotations

import re

from . import extract_vocab as _v
from .extract_facts import Fact
from .extract_kinds import find_triggers
from .extract_numbers import find_quantities, to_int
from .extract_read import CLAUSE_BREAK, clause_bounds

__all__ = ["count_pairs", "count_each"]

_N = r"[\d一二两三四五六七八九十]{1,3}"
_EACH = rf"({_N})个[^,;。]{{0,8}}?各(?:开展|做了?|进行了?|举办了?)?({_N})(?:场|次|期)"
#: "分别带领东、西两个片区的社工开展了小组督导": one session in each of the places
_EACH_PLACE = rf"分别[^,;。]{{0,12}}?({_N})个(?:片区|小组|组|站点|社工站|站|乡镇|村|社区)"
#: "与10名骨干社工签订师徒结对协议": as many pairs as the people paired with
_WITH_N_PAIRED = (rf"(?:与|和|同)[^,;。\d]{{0,6}}?{_N}(?:名|位|个)[^,;。]{{0,12}}?"
                  r"(?:结对|结成|配对|师徒|帮带|对子)")


def count_pairs(fact: Fact, sent: str) -> None:
    """Mentoring is one-to-one: "8对师徒" are 8 pairs and 8 mentees, so are "6位督导与6名社工
    结对"; sessions told after the trigger ("带教32次") are the count instead of the pairs.

    Examples
    --------
    >>> fact = Fact("mentoring", "", span=(4, 8))
    >>> count_pairs(fact, "8对师徒共开展一对一带教32次。")
    >>> fact.count, fact.participants
    (32, 8)
    """
    found = find_quantities(sent)
    pairs = next((q.value for q in found if q.unit == "对"), None)
    people = {q.value for q in found if q.unit in _v.PEOPLE_UNITS}
    if pairs is None and len(people) == 1 and sum(q.unit in _v.PEOPLE_UNITS for q in found) > 1:
        pairs = people.pop()  # as many mentors as mentees
    if pairs is None and len(people) == 1 and re.search(_WITH_N_PAIRED, sent):
        pairs = people.pop()  # "督导与10名骨干社工签订师徒结对协议": 10 pairs
    if pairs is None and "一对一" in sent:
        if len(people) == 1 and sum(q.unit in _v.PEOPLE_UNITS for q in found) == 1:
            pairs = people.pop()  # "与3名新社工建立“一对一”带教关系": 3 pairs
        elif not people and not re.search(r"们|各|分别|\d|[两三四五六七八九十]名",
                                          sent[clause_bounds(sent, *fact.span)[0]:fact.span[0]]):
            pairs = 1  # "和社工小李一对一带教": one pair
    sessions = next((q.value for q in found if q.unit == "次" and q.start > fact.span[0]
                     and not re.search(_v.NEGATIVE_CLAUSE_CUES,
                                       sent[slice(*clause_bounds(sent, q.start, q.end))])), None)
    if pairs is not None:
        fact.participants = pairs
        fact.notes.append(f"{pairs} one-to-one pairs: {pairs} mentees")
    if sessions is not None:
        fact.count = sessions
    elif pairs is not None:
        fact.count = pairs


def count_each(fact: Fact, sent: str) -> None:
    """"分两个片区各一场", "分别带领两个片区...开展": two sessions; the "各" must be in the
    activity's clause, or in the next one when that names no activity of its own ("分别" in
    its clause); not for individual supervision, counted by people.

    Examples
    --------
    >>> fact = Fact("group_supervision", "", span=(2, 4), count=1)
    >>> count_each(fact, "线上团督,分东、西两个片区各一场。")
    >>> fact.count
    2
    """
    if "count" not in _v.SLOT_UNITS[fact.kind] or fact.kind == "station_visit":
        return
    lo, hi = clause_bounds(sent, *fact.span)
    after = CLAUSE_BREAK.search(sent, hi + 1)
    following = sent[hi:after.start() if after else len(sent)]
    each = re.search(_EACH, sent[lo:hi] if find_triggers(following) else sent[lo:hi] + following)
    if each is None:
        each = re.search(_EACH_PLACE, sent[lo:hi])
        n = to_int(each[1]) if each else None
        if n and n > 1 and fact.count in (None, 1) and fact.kind != "individual_supervision":
            fact.count = n
            fact.notes.append(f"{each[0]}: one session in each, {n}")
        return
    n, m = to_int(each[1]), to_int(each[2])
    if n and m and fact.count in (None, 1, m):
        fact.count = n * m
        fact.notes.append(f"{each[0]}: {n} × {m}")
