"""Approval of a period's records, kept in a plain-text file beside the data.

``sgnet approve DATA --period 2023Q2 [--pairing PR01] --by 王审核`` appends one JSON line to
``<DATA>.approvals.jsonl`` (beside the folder or workbook): the period (and its dates), the
scope, who, when, an optional note, and a fingerprint of every record in that scope
(:func:`sgnet.identity.row_fingerprints`): keys and hashes only, never a cell value.
``--revoke --reason ...`` appends a line that reopens the scope. The file is append-only, so
it keeps the history; one JSON object per line keeps it readable and diff-friendly in git or
by e-mail, and a plain file (rather than a hidden sheet) works for CSV folders and workbooks
alike and is not lost when a workbook is re-saved by another program.

``sgnet validate`` then reports every record added, removed or changed in an approved scope
as a problem of its own kind (``check == "approval"``), naming the approval (who, when).
Such records are not rejected: the data is still valid, but it no longer is what was
approved.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dataset import Dataset
from .errors import SgnetError
from .identity import row_fingerprints, row_keys, scope_rows
from .periods import Period, parse_period
from .problems import PROBLEM_COLUMNS

__all__ = ["APPROVED_TABLES", "Approval", "approvals_file", "read_approvals", "approve",
           "revoke", "active_approvals", "approval_problems", "approval_state"]

#: the tables whose records an approval covers: what was done in the period, and the targets
APPROVED_TABLES = ("activities", "milestones", "targets")
_FORMAT = 1


@dataclass(frozen=True)
class Approval:
    """One active approval: its scope, who and when, and the records it covers."""

    period: str
    start: str
    end: str
    pairing: str | None
    by: str
    at: str
    note: str
    rows: dict[str, dict[str, str]]

    def describe(self, *, names: bool = True) -> str:
        """``2023Q2 (PR01) approved by 王审核 on 2023-07-05``; without the name if asked.

        Examples
        --------
        >>> a = Approval("2023Q2", "2023-04-01", "2023-06-30", None, "王审核",
        ...              "2023-07-05T10:00:00+08:00", "", {})
        >>> a.describe(), a.describe(names=False)
        ('2023Q2 approved by 王审核 on 2023-07-05', '2023Q2 approved on 2023-07-05')
        """
        scope = f" ({self.pairing})" if self.pairing else ""
        who = f" by {self.by}" if names else ""
        return f"{self.period}{scope} approved{who} on {self.at[:10]}"


def approvals_file(data: str | Path) -> Path:
    """The approvals file of a dataset: ``<folder or workbook>.approvals.jsonl`` beside it.

    Examples
    --------
    >>> approvals_file("records/台账2023.xlsx").name
    '台账2023.xlsx.approvals.jsonl'
    """
    data = Path(data)
    return data.parent / f"{data.name}.approvals.jsonl"


def read_approvals(data: str | Path) -> list[dict]:
    """Every line of the approvals file, oldest first (an empty list when there is none).

    Raises
    ------
    SgnetError
        If a line is not an approval record: not UTF-8 JSON, or an object without the
        fields sgnet writes (the file was edited by hand, cut off or broken).
    """
    path = approvals_file(data)
    if not path.exists():
        return []
    records = []
    for n, line in enumerate(path.read_bytes().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)  # bytes: a line that is not UTF-8 is a ValueError
        except ValueError:
            record = None
        if not _is_record(record):
            raise SgnetError(f"{path} line {n}: not an approval record; restore the file "
                             "from its history (it is append-only)")
        records.append(record)
    return records


def _is_record(record: object) -> bool:
    """Whether a line holds what an approval or a revocation writes (strings, rows a dict)."""
    return (isinstance(record, dict) and record.get("action") in ("approve", "revoke")
            and all(isinstance(record.get(k), str) for k in ("period", "start", "end", "by", "at"))
            and isinstance(rows := record.get("rows", {}), dict)
            and all(isinstance(keys, dict) for keys in rows.values())
            and isinstance(record.get("pairing"), str | None))


def _append(data: str | Path, record: dict) -> dict:
    path = approvals_file(data)
    try:
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    except OSError as err:
        raise SgnetError(f"cannot write {path}: {err.strerror or err}") from None
    return record


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _scope_key(record: dict) -> tuple[str, str | None]:
    return record["start"] + ".." + record["end"], record.get("pairing")


def approve(data: str | Path, ds: Dataset, period: str | Period, *, by: str,
            pairing: str | None = None, note: str = "") -> dict:
    """Record the approval of ``period`` (and ``pairing``): append it to the approvals file.

    Raises
    ------
    SgnetError
        If ``by`` is empty or the scope is approved already (revoke it first).
    """
    if not by.strip():
        raise SgnetError("say who approves: --by NAME")
    p = parse_period(period)
    if pairing is not None and pairing not in set(ds.pairings["pairing_id"]):
        raise SgnetError(f"{pairing!r} is not a pairing_id of {data}")
    record = {"action": "approve", "format": _FORMAT, "period": p.label,
              "start": p.start.isoformat(), "end": p.end.isoformat(), "pairing": pairing,
              "by": by.strip(), "at": _now(), "note": note}
    for active in active_approvals(data):
        if _scope_key(record) == (active.start + ".." + active.end, active.pairing):
            raise SgnetError(f"{active.describe()} already; revoke it first "
                             "(sgnet approve --revoke --reason ...)")
    rows = row_fingerprints(scope_rows(ds, p, pairing=pairing), tables=APPROVED_TABLES)
    return _append(data, record | {"rows": rows})


def revoke(data: str | Path, period: str | Period, *, by: str, reason: str,
           pairing: str | None = None) -> dict:
    """Reopen an approved scope: append a revocation with its reason.

    Raises
    ------
    SgnetError
        If no reason is given, or the scope is not approved.
    """
    if not reason.strip():
        raise SgnetError("say why the approval is revoked: --reason TEXT")
    p = parse_period(period)
    key = (f"{p.start.isoformat()}..{p.end.isoformat()}", pairing)
    if not any((a.start + ".." + a.end, a.pairing) == key for a in active_approvals(data)):
        raise SgnetError(f"{p.label}{f' ({pairing})' if pairing else ''} is not approved")
    return _append(data, {"action": "revoke", "format": _FORMAT, "period": p.label,
                          "start": p.start.isoformat(), "end": p.end.isoformat(),
                          "pairing": pairing, "by": by.strip(), "at": _now(),
                          "reason": reason})


def active_approvals(data: str | Path) -> list[Approval]:
    """The approvals in force: each scope's last approval not revoked after it."""
    state: dict[tuple, dict | None] = {}
    for record in read_approvals(data):
        state[_scope_key(record)] = record if record["action"] == "approve" else None
    return [Approval(r["period"], r["start"], r["end"], r.get("pairing"), r["by"], r["at"],
                     r.get("note", ""), r.get("rows", {}))
            for r in state.values() if r is not None]


def approval_problems(data: str | Path, ds: Dataset,
                      files: dict[str, str] | None = None) -> pd.DataFrame:
    """Every record added, removed or changed in an approved scope since its approval.

    ``files`` names each table's file or sheet as the user wrote it (for the messages).

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`sgnet.problems.PROBLEM_COLUMNS`, ``check == "approval"``; ``row``
        is the record's row in its file now (empty for a removed record, whose key is the
        value).
    """
    found = []
    for a in active_approvals(data):
        p = parse_period(f"{a.start}..{a.end}")
        now = row_fingerprints(scope_rows(ds, p, pairing=a.pairing), tables=APPROVED_TABLES)
        for table in APPROVED_TABLES:
            before, after = a.rows.get(table, {}), now.get(table, {})
            if table not in a.rows and table not in now:
                continue
            frame = ds.tables.get(table)
            where = (dict(zip(row_keys(frame, table), frame.index, strict=True))
                     if frame is not None else {})
            for key in sorted(set(before) | set(after)):
                if before.get(key) == after.get(key):
                    continue
                what = ("added" if key not in before else "removed" if key not in after
                        else "changed")
                file = (files or {}).get(table, table)
                found.append({
                    "file": file, "table": table,
                    "row": where.get(key) if what != "removed" else None, "column": None,
                    "value": key, "check": "approval",
                    "message": f"{file} {key}: {what} after {a.describe()}; revoke the "
                               "approval (sgnet approve --revoke) or undo the edit"})
    return pd.DataFrame(found, columns=PROBLEM_COLUMNS)


def approval_state(data: str | Path, period: Period, *, pairing: str | None = None
                   ) -> Approval | None:
    """The approval in force that covers ``period`` (and ``pairing``), if any.

    An approval of the whole period covers every pairing's report; one of a pairing covers
    that pairing's report.
    """
    for a in active_approvals(data):
        if a.start == period.start.isoformat() and a.end == period.end.isoformat() \
                and a.pairing in (None, pairing):
            return a
    return None
