"""Numbers with units in a sentence, for :mod:`sgnet.extract`.

"13人", "5次", "5个", "二十余名", "卅名", "近百人", "七八个社工", "一千一百餘人次": each is a
:class:`Quantity` with its value, unit and the cues around it (a total, a participation verb,
the supervisors themselves rather than the people served, an approximate number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from . import extract_vocab as _v

__all__ = ["to_int", "Quantity", "find_quantities"]

_QTY_RE = re.compile(
    rf"(?<!第)(?P<pre>{_v.APPROX_PREFIX})?(?P<num>{_v.NUMBER_PATTERN})"
    rf"(?P<approx>{_v.APPROX_SUFFIX})?(?P<unit>{_v.UNIT_PATTERN})"
)
_OLD_TENS = {"廿": "二十", "卅": "三十", "卌": "四十", "仨": "三", "俩": "两"}
_SPOKEN_RANGE = re.compile(r"([一二两三四五六七八])([二三四五六七八九])")
_DIGIT = {c: i for i, c in enumerate("一二三四五六七八九", 1)} | {"两": 2}
_SPOKEN_TEENS = re.compile(r"([一二两三四五六七八九]?十)([一二三四五六七八])([二三四五六七八九])")
_SPOKEN_TENS = re.compile(r"([一二两三四五六七八])([二三四五六七八九])([十百千].*)")


def to_int(num: str) -> int | None:
    """Value of an Arabic or Chinese numeral, ``None`` when it is not one.

    A spoken range ("七八", "三四", "十七八") is its lower end; 廿 and 卅 are twenty and
    thirty.

    Examples
    --------
    >>> [to_int(s) for s in ["35", "三十五", "卅", "一千一百", "七八", "百", "第"]]
    [35, 35, 30, 1100, 7, 100, None]
    >>> [to_int(s) for s in ["二三十", "1.2万", "十七八", "二十三四"]]
    [20, 12000, 17, 23]
    """
    if num.isdigit():
        return int(num)
    tens = _SPOKEN_TENS.fullmatch(num)  # "二三十", "三四百": the lower end
    if tens and _DIGIT[tens[2]] == _DIGIT[tens[1]] + 1:
        num = tens[1] + tens[3]
    for old, new in _OLD_TENS.items():
        num = num.replace(old, new)
    if num in ("百", "千"):
        return 100 if num == "百" else 1000
    spoken = _SPOKEN_RANGE.fullmatch(num)
    if spoken and _DIGIT[spoken[2]] == _DIGIT[spoken[1]] + 1:
        num = spoken[1]
    teens = _SPOKEN_TEENS.fullmatch(num)
    if teens and _DIGIT[teens[3]] == _DIGIT[teens[2]] + 1:
        num = teens[1] + teens[2]  # "十七八", "二十三四": the lower end
    try:
        value = cn2an.cn2an(num, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


@dataclass
class Quantity:
    """A number with its unit at ``start:end`` of a sentence, and the cues around it."""

    value: int
    unit: str
    start: int
    end: int
    total: bool = False
    participation: bool = False
    staff: bool = False
    approx: bool = False


def _mask(sent: str) -> str:
    """Hide number-like idioms that are not quantities ("一对一", "手把手", "一行")."""
    return re.sub(_v.NOT_QUANTITY, lambda m: "□" * len(m[0]), sent)


_HEADS_OF_PLACES = r"(?:社工)?(?:站点|站|村|社区)的?(?:站长|负责人|书记|主任)"
_PER_PERSON_TIME = r"\s*(?:半个?小时|[\d一二两三半]+个?(?:小时|钟头)|[\d一二三四五六七八九十]+分钟)"


def find_quantities(sent: str) -> list[Quantity]:
    """Numbers with units in a normalized sentence, a breakdown after 其中 and per-session
    numbers after 每 left out.

    "N个" followed by a person noun ("四个社工") counts people, unit ``名``; people named by
    nickname before what was done for them ("给小马和小杨做个督") are counted too.

    Examples
    --------
    >>> [(q.value, q.unit, q.approx) for q in find_quantities("走访社工站5个,个督二十余人")]
    [(5, '个', False), (20, '人', True)]
    >>> [(q.value, q.unit) for q in find_quantities("来了七八个社工,其中站长3人")]
    [(7, '名')]
    >>> [(q.value, q.unit) for q in find_quantities("为8个站的站长开展团督")]
    [(8, '名')]
    >>> [(q.value, q.unit) for q in find_quantities("培训7场(其中线上4场),培训社工81人次")]
    [(7, '场'), (81, '人次')]
    """
    masked = _mask(sent)
    # a breakdown in brackets ("培训7场(其中线上4场),培训812人次") ends at its bracket
    masked = re.sub(rf"\((?:{_v.BREAKDOWN_CUES})[^()]*\)", lambda b: " " * len(b[0]), masked)
    # "主题分别为“...”和“...”": a list of topics, not a breakdown of the number before
    cut = next((c for c in re.finditer(_v.BREAKDOWN_CUES, masked)
                if not re.search(r"(?:主题|内容|题目|议题|课程|名称)$", masked[:c.start()])), None)
    limit = len(masked)
    # a breakdown of the number before; "其中3位" alone is not one, nor "对其中3人进行个督"
    # (the people of another activity)
    if (cut and _QTY_RE.search(masked, 0, cut.start())
            and not re.match(_v.ACTIVITY_AFTER_BREAKDOWN, masked[cut.end():])):
        limit = cut.start()
    out = []
    for m in _QTY_RE.finditer(masked[:limit]):
        value = to_int(m["num"])
        if value is None or value <= 0:
            continue
        before = masked[max(0, m.start() - 4):m.start()]
        if re.search(_v.PER_CUES, before):
            continue
        if value == 1 and re.match(_PER_PERSON_TIME, masked[m.end():]):
            continue  # "一个人半小时": a time per person, not the people
        unit = m["unit"]
        if unit == "个" and (re.match(_v.PERSON_NOUNS, masked[m.end():])
                             or re.match(_HEADS_OF_PLACES, masked[m.end():])):
            unit = "名"  # "四个社工"; "8个站的站长": one head each
        elif unit == "个" and re.search(r"(?:来了|到了|到场了?|参加了?)$", masked[:m.start()]) \
                and not re.match(r"[\u4e00-\u9fff]", masked[m.end():m.end() + 1]):
            unit = "名"  # "给十四个站的站长做团督,来了十一个": the people who came
        elif unit == "个" and re.search(r"(?:他|她|我|咱|你)们$", masked[:m.start()]):
            unit = "名"  # "和他们三个做了一次小组督导": the people named by a pronoun
        elif unit == "个" and re.match(r"个督|个别督导|团督", masked[m.end():]):
            unit = "次"  # "五个个督": five supervision sessions
        num_start = m.start("num")
        lead = masked[max(0, num_start - 6):num_start]
        approx = bool(m["approx"] or (m["pre"] and re.fullmatch(_v.APPROX_WORDS, m["pre"]))
                      or _SPOKEN_RANGE.fullmatch(m["num"]) or _SPOKEN_TENS.fullmatch(m["num"])
                      or re.search(r"十几|几十", m[0]))
        out.append(Quantity(
            value, unit, num_start, m.end(),
            total=bool(re.search(rf"(?:{_v.TOTAL_CUES})[^,;。]*$", lead)),
            participation=_near(masked, m, _v.PARTICIPATION_CUES),
            staff=_is_staff(masked, m, unit),
            approx=approx,
        ))
    # "跑了仨站", "俩社工": three and two with the measure word in them
    for m in re.finditer(r"(?<![第每])([仨俩])(?:(?=站(?!长))|(?=" + _v.PERSON_NOUNS + "))",
                         masked[:limit]):
        unit = "个" if masked[m.end():m.end() + 1] == "站" else "名"
        out.append(Quantity(to_int(m[1]) or 0, unit, m.start(), m.end() + (unit == "个"),
                            participation=_near(masked, m, _v.PARTICIPATION_CUES)))
    # "给小马和小杨做个督": people named by nickname, counted, before what was done for them
    for m in re.finditer(_NAMED_PEOPLE, masked[:limit]):
        out.append(Quantity(len(re.findall(r"[小老][\u4e00-\u9fff]", m[1])), "名",
                            m.start(1), m.end(1)))
    out.sort(key=lambda q: q.start)
    return _joined(masked, _partitive(masked, out))


#: two or more people named by nickname ("小马和小杨", "小王、小李、老周") after 给/为/帮 and
#: before what was done for them
_NAMED_PEOPLE = (r"(?:给|为|帮|替)((?:[小老][\u4e00-\u9fff])"
                 r"(?:(?:、|和|与|跟)[小老][\u4e00-\u9fff])+)"
                 r"(?=都?(?:分别|逐一|一起)?(?:做|进行|开展|上|讲))")


def _partitive(text: str, found: list[Quantity]) -> list[Quantity]:
    """"十个社工站中的八个": the part is the number, not the whole it is taken from."""
    return [q for q, nxt in zip(found, [*found[1:], None][:len(found)], strict=True)
            if not (nxt is not None and nxt.unit == q.unit and nxt.value <= q.value
                    and re.fullmatch(r"[^,;。]{0,20}?(?:当中|之中|中)(?:的|有)?",
                                     text[q.end:nxt.start]))]


def _joined(text: str, found: list[Quantity]) -> list[Quantity]:
    """People listed together are one number: "8名站长、12名社工" is 20 people, when nothing
    between them names another activity."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and q.unit in _v.PEOPLE_UNITS and prev.unit in _v.PEOPLE_UNITS
                and not q.total and re.fullmatch(_v.PEOPLE_LIST_JOINER, text[prev.end:q.start])):
            out[-1] = Quantity(prev.value + q.value, prev.unit, prev.start, q.end,
                               total=prev.total, participation=prev.participation or
                               q.participation, staff=prev.staff and q.staff,
                               approx=prev.approx or q.approx)
            continue
        out.append(q)
    return out


def _near(text: str, m: re.Match, cues: str) -> bool:
    before = text[max(0, m.start() - 6):m.start()]
    after = text[m.end():m.end() + 6]
    # "社工都来了,三十来个人": a clause of just the number after a participation clause
    lone = re.search(rf"(?:{cues}|来了),(?:{_v.APPROX_WORDS}|差不多)?$",
                     text[max(0, m.start() - 10):m.start()])
    return bool(re.search(rf"(?:{cues})[^,;。]*$", before) or lone or
                re.match(rf"[^,;。]{{0,4}}(?:{cues})", after))


def _is_staff(text: str, m: re.Match, unit: str) -> bool:
    if unit not in _v.PEOPLE_UNITS:
        return False
    before = text[max(0, m.start() - 10):m.start()]
    return bool(re.match(_v.STAFF_AFTER, text[m.end():]) or
                re.search(rf"{_v.STAFF_BEFORE}$", before))
