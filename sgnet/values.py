"""Values as people type them: canonical vocabulary values, target metrics, near misses.

A value is looked up as written, then normalised (NFKC, spaces and case, traditional forms
simplified with OpenCC), among the canonical values and the Chinese aliases of
:data:`sgnet.vocab.VALUE_ALIASES`. A target metric is an activity kind, or a kind followed
by a word for people (``培训人次`` → ``training_participants``). A value that matches
nothing may be near one (``团体都导`` → 团体督导): :func:`suggestion` says which.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Iterable

from .headers import simplified
from .schema import METRICS
from .vocab import METRIC_SUFFIXES, VALUE_ALIASES

__all__ = ["canonical_values", "canonical_metrics", "suggestion"]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return simplified(text).replace(" ", "_").replace("-", "_")


@functools.cache
def _mapping(domain: str, allowed: tuple[str, ...]) -> dict[str, str]:
    out = {v: v for v in allowed} | VALUE_ALIASES[domain]
    return out | {_norm(k): v for k, v in out.items()}


def canonical_values(uniques: Iterable[str], domain: str, allowed: Iterable[str]) -> list:
    """The canonical value of each distinct text (None when it names none).

    Examples
    --------
    >>> canonical_values(["個督", "團體督導", "Training", "农场"], "activity_kind",
    ...                  ["training", "individual_supervision", "group_supervision"])
    ['individual_supervision', 'group_supervision', 'training', None]
    """
    mapping = _mapping(domain, tuple(allowed))
    return [mapping.get(u, mapping.get(_norm(u))) if isinstance(u, str) else None
            for u in uniques]


def canonical_metrics(uniques: Iterable[str]) -> tuple[list, list[str]]:
    """The canonical target metric of each distinct text, and why each unknown one failed.

    Examples
    --------
    >>> found, _ = canonical_metrics(["培训", "培训人次", "走访社工站", "个督人数", "training"])
    >>> found  # doctest: +NORMALIZE_WHITESPACE
    ['training', 'training_participants', 'station_visit',
     'individual_supervision_participants', 'training']
    """
    kinds = tuple(m for m in METRICS if not m.endswith("_participants"))
    found, reasons = [], []
    for u in uniques:
        value = _metric(u, kinds) if isinstance(u, str) and u else None
        found.append(value)
        near = suggestion(u, "activity_kind", kinds) if value is None and u else None
        reasons.append("unknown value" + (f" (did you mean {near}?)" if near else "")
                       + "; use an activity kind (培训, 个别督导, 团体督导, 走访社工站 …), or "
                       "one followed by 人次 for its participants (培训人次)")
    return found, reasons


def _metric(text: str, kinds: tuple[str, ...]) -> str | None:
    low = _norm(text)
    if low in METRICS:
        return low
    kind = canonical_values([text], "activity_kind", kinds)[0]
    if kind is not None:
        return kind
    outcome = canonical_values([text], "milestone_kind", kinds)[0]  # 成果 targets
    if outcome is not None:
        return outcome
    plain = simplified(unicodedata.normalize("NFKC", text)).strip()
    for suffix in METRIC_SUFFIXES:
        if plain.endswith(suffix) and len(plain) > len(suffix):
            kind = canonical_values([plain[: -len(suffix)]], "activity_kind", kinds)[0]
            if kind is not None:
                return f"{kind}_participants"
    return None


def suggestion(text: object, domain: str, allowed: Iterable[str]) -> str | None:
    """The known value nearest a value that matched nothing, if one is close.

    Examples
    --------
    >>> suggestion("团体都导", "activity_kind", ["group_supervision"])
    '团体督导'
    >>> suggestion("农场", "activity_kind", ["group_supervision"]) is None
    True
    """
    if not isinstance(text, str) or not text:
        return None
    names = list(_mapping(domain, tuple(allowed)))
    word = _norm(text)
    if word.isascii():  # a code: only a slip of the keyboard
        names = [n for n in names if n.isascii()]
    else:
        names = [n for n in names if not n.isascii()]
    near = difflib.get_close_matches(word, names, n=1, cutoff=0.85 if word.isascii() else 0.6)
    return near[0] if near else None
