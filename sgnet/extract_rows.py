"""The draft table of :mod:`sgnet.extract`: one row per fact, its evidence as the report
writes it (a table row or form field that was rewritten to be read is quoted whole).
"""

from __future__ import annotations

import re

import pandas as pd

from .extract_facts import Fact
from .extract_read import CLAUSE_BREAK

__all__ = ["DRAFT_COLUMNS", "as_written", "draft_frame", "draft_rows", "evidence_of"]

#: column order of the draft table
DRAFT_COLUMNS: list[str] = [
    "activity_id", "kind", "start_date", "end_date", "pairing_id", "host_org_id",
    "target_org_id", "lead_person_ids", "count", "participants", "hours", "mode", "topic",
    "source", "evidence", "confidence", "note",
]

def evidence_of(raw: str, line: str, base: int, sent: str, span: tuple[int, int]) -> str:
    """The clauses of the sentence from the trigger to its farthest number, as written."""
    starts = [m.end() for m in CLAUSE_BREAK.finditer(sent, 0, span[0])]
    stop = CLAUSE_BREAK.search(sent, span[1])
    lo, hi = (starts[-1] if starts else 0), (stop.end() if stop else len(sent))
    if len(raw.strip()) != len(line):  # a line rewritten to be read (a table row, a form)
        return re.sub(r"\s{2,}|\t", "  ", raw.strip())[:160]
    text = raw[base + lo:base + hi]
    return text.strip(" \t”\"」,;:、")


def as_written(raw: str, line: str, base: int, sent: str, text: str) -> str:
    """``text`` (found in the normalized sentence) as the report writes it."""
    at = sent.find(text) if text else -1
    if at < 0 or len(raw.strip()) != len(line):
        return text
    return raw.strip()[base + at:base + at + len(text)]


def draft_rows(facts: list[Fact], source: str) -> list[dict]:
    """One draft row (a dict of the draft columns but ``activity_id``) per fact."""
    rows = []
    for fact in facts:
        count = fact.count if fact.count is not None else fact.soft_count or 1
        when = fact.when
        notes = list(when.notes) if when is not None else []
        notes += [n for n in fact.notes if n not in notes]
        if fact.count is None and fact.soft_count:
            notes.append(f"count {fact.soft_count} from the names listed")
        if fact.approx:
            notes.append("approximate number")
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


def draft_frame(rows: list[dict]) -> pd.DataFrame:
    """The draft table of ``rows``: numbered ``D0001``..., typed, in :data:`DRAFT_COLUMNS`."""
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
