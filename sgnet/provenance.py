"""What a report was made from, recorded in the report, and whether it still matches its data.

Every report records its provenance (:func:`provenance`): the content fingerprint of the data
files (:func:`sgnet.handover.fingerprint`), the sgnet version, the parameters, the approval
state of its period (:mod:`sgnet.approvals`) and, in the executed notebook's metadata
(``metadata.sgnet``), a fingerprint of every record the report stands on
(:func:`sgnet.identity.scope_rows`). The HTML page carries the same facts in its footer, and
the run's time is papermill's ``start_time``.

:func:`check_report` (``sgnet report --check FILE``) reads a report back (``.html``,
``.ipynb``, or ``.docx``), fingerprints the data on disk again and says whether the report
still matches and, if not, which records of its scope were added, removed or changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .approvals import APPROVED_TABLES, approval_state
from .dataset import Dataset
from .docx_report import PROVENANCE_PROPERTY, custom_property
from .errors import SgnetError
from .handover import fingerprint
from .identity import row_fingerprints, row_keys, scope_rows
from .io import load
from .periods import Period, parse_period
from .version import __version__

__all__ = ["SCOPE_TABLES", "WHOLE_TABLES", "provenance", "scope_hash", "whole_hashes",
           "read_provenance", "check_report", "ReportCheck", "generated_on"]

#: tables fingerprinted record by record in a report's scope
SCOPE_TABLES = ("pairings",) + APPROVED_TABLES
#: tables fingerprinted whole (every report names organizations; they are shared by all)
WHOLE_TABLES = ("organizations", "people")


def whole_hashes(ds: Dataset) -> dict[str, str]:
    """One hash per shared table (:data:`WHOLE_TABLES`); compute once per run."""
    return {t: scope_hash(row_fingerprints(ds, tables=(t,))) for t in WHOLE_TABLES}


def scope_hash(rows: dict[str, dict[str, str]]) -> str:
    """One hash of all the records a report stands on.

    Examples
    --------
    >>> scope_hash({"activities": {"A1": "aa", "A2": "bb"}}) == scope_hash(
    ...     {"activities": {"A2": "bb", "A1": "aa"}})
    True
    """
    text = json.dumps(rows, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def provenance(data: Path, ds: Dataset, period: Period, *, parameters: dict,
               pairing: str | None = None, region: str | None = None,
               data_fingerprint: str | None = None, whole: dict[str, str] | None = None,
               hashes: dict[str, dict] | None = None, names: bool = True) -> dict:
    """The provenance of one report (what ``metadata.sgnet`` of its notebook holds).

    Examples
    --------
    >>> import sgnet
    >>> from sgnet.paths import SAMPLE_DATA
    >>> p = provenance(SAMPLE_DATA, sgnet.load(), sgnet.parse_period("2022Q4"),
    ...                parameters={"pairing": "PR14"}, pairing="PR14")
    >>> p["sgnet"] == sgnet.__version__, p["approval"]["state"], len(p["fingerprint"])
    (True, 'not approved', 32)

    ``data_fingerprint`` (:func:`sgnet.handover.fingerprint` of ``data``) and ``whole``
    (:func:`whole_hashes` of ``ds``) are taken as given when the caller has them (a batch
    computes them once), and so are ``hashes``: :func:`sgnet.identity.row_fingerprints` of
    the whole ``ds`` over :data:`SCOPE_TABLES` (a row's hash depends on that row alone, so
    each report's rows are looked up, not hashed again). ``names=False`` leaves the
    approver's name out (funder reports).
    """
    scoped = scope_rows(ds, period, pairing=pairing, region=region)
    rows = (row_fingerprints(scoped, tables=SCOPE_TABLES) if hashes is None
            else _looked_up(scoped, hashes))
    approval = approval_state(data, period, pairing=pairing)
    whole = whole if whole is not None else whole_hashes(ds)
    return {
        "fingerprint": data_fingerprint or fingerprint(data),
        "sgnet": __version__,
        "parameters": {k: v for k, v in parameters.items() if k != "handle"},
        "period": {"label": period.label, "start": period.start.isoformat(),
                   "end": period.end.isoformat()},
        "scope": {"pairing": pairing, "region": region},
        "approval": (({"state": "approved", "on": approval.at[:10]}
                      | ({"by": approval.by} if names else {}))
                     if approval else {"state": "not approved"}),
        "scope_hash": scope_hash({"rows": rows, "whole": whole}),
        "whole": whole,
        "rows": rows,
    }


def _looked_up(scoped: Dataset, hashes: dict[str, dict]) -> dict[str, dict]:
    """``row_fingerprints(scoped, tables=SCOPE_TABLES)``, read from the whole data's."""
    out: dict[str, dict] = {}
    for name, frame in scoped.tables.items():
        if name not in SCOPE_TABLES:
            continue
        keys = row_keys(frame, name)
        if keys.duplicated().any():  # a key twice: which row wins depends on the scope
            out |= row_fingerprints(scoped, tables=(name,))
            continue
        out[name] = {key: hashes[name][key] for key in keys}
    return out


class _Footer(HTMLParser):
    """The ``data-`` attributes of a page's ``<footer class="sg-provenance">``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "footer" and attrs.get("class") == "sg-provenance":
            self.found = {k[5:].replace("-", "_"): v or "" for k, v in attrs.items()
                          if k.startswith("data-")}


def read_provenance(report: str | Path) -> dict:
    """The provenance a report recorded: from an ``.ipynb`` (whole), or the ``.html`` footer
    or ``.docx`` properties (the notebook beside them, when there, adds the rows).

    Raises
    ------
    SgnetError
        If the file is not a report sgnet wrote.
    """
    report = Path(report)
    try:
        if report.suffix == ".ipynb":
            meta = json.loads(report.read_text(encoding="utf-8"))["metadata"].get("sgnet")
        elif report.suffix in (".html", ".htm"):
            page = _Footer()
            page.feed(report.read_text(encoding="utf-8"))
            meta = page.found
            if meta is not None:
                meta["parameters"] = json.loads(meta.get("parameters", "{}"))
        elif report.suffix == ".docx":  # a custom document property sgnet writes
            found = custom_property(report, PROVENANCE_PROPERTY)
            meta = json.loads(found) if found else None
        else:
            meta = None
    except (OSError, ValueError, KeyError, TypeError, AttributeError,
            zipfile.BadZipFile) as err:  # TypeError, AttributeError: JSON of another shape
        raise SgnetError(f"{report}: cannot read it as a report ({err})") from None
    if not isinstance(meta, dict) or "fingerprint" not in meta \
            or not isinstance(meta.get("parameters", {}), dict):
        raise SgnetError(f"{report}: not a report sgnet wrote (it records no provenance)")
    if "rows" not in meta:
        sibling = report.with_suffix(".ipynb")
        if sibling.exists() and sibling != report:  # a notebook is its own sibling
            # the notebook's parameters name the data by its whole path; a funder file
            # names it by its file name alone (pages.shared_parameters)
            meta = read_provenance(sibling) | {k: v for k, v in meta.items()
                                               if k not in ("rows", "parameters")}
    return meta


@dataclass
class ReportCheck:
    """The outcome of :func:`check_report`."""

    report: Path
    data: Path
    matches: bool
    same_files: bool
    changed: list[tuple[str, str, str]] = field(default_factory=list)  # table, key, what

    def summary(self) -> str:
        """One line a person can act on."""
        if self.same_files:
            return f"matches: {self.data} gives the fingerprint the report recorded"
        if self.matches:
            return (f"matches: the files of {self.data} changed, but not the records this "
                    "report counts")
        if not self.changed:
            return (f"changed: the records of this report's scope differ in {self.data} "
                    "(keep the .ipynb beside the report to list them)")
        listed = ", ".join(f"{t} {k} {w}" for t, k, w in self.changed[:10])
        more = f" and {len(self.changed) - 10} more" if len(self.changed) > 10 else ""
        n = len(self.changed)
        return f"changed: {n} row{'s' if n != 1 else ''} ({listed}{more})"


def check_report(report: str | Path, data: str | Path | None = None) -> ReportCheck:
    """Does ``report`` still match its data? ``data`` defaults to what the report names.

    Raises
    ------
    SgnetError
        If the report records no provenance, or the data cannot be read.
    """
    meta = read_provenance(report)
    data_path = Path(data or meta.get("parameters", {}).get("data") or "")
    if not data_path.exists():
        raise SgnetError(f"{data_path}: the data of {report} is not there; pass --data")
    if fingerprint(data_path) == meta["fingerprint"]:
        return ReportCheck(Path(report), data_path, True, True)
    try:
        period = parse_period(meta["period"]["label"] if isinstance(meta.get("period"), dict)
                              else meta["parameters"]["period"])
    except (KeyError, TypeError) as err:
        raise SgnetError(f"{report}: its provenance names no period ({err}); render the "
                         "report again") from None
    scope = meta.get("scope") if isinstance(meta.get("scope"), dict) else {}
    ds = load(data_path, errors="drop")
    now = row_fingerprints(scope_rows(ds, period, pairing=scope.get("pairing"),
                                      region=scope.get("region")), tables=SCOPE_TABLES)
    whole = whole_hashes(ds)
    if scope_hash({"rows": now, "whole": whole}) == meta.get("scope_hash"):
        return ReportCheck(Path(report), data_path, True, False)
    before = meta.get("rows") or {}
    changed = [(t, "*", "changed") for t in WHOLE_TABLES
               if "whole" in meta and meta["whole"].get(t) != whole[t]]
    for table in SCOPE_TABLES:
        old, new = before.get(table, {}), now.get(table, {})
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                changed.append((table, key, "added" if key not in old else
                                "removed" if key not in new else "changed"))
    return ReportCheck(Path(report), data_path, False, False, changed)


def generated_on(nb_metadata: dict) -> str:
    """The day a report was run (papermill's start time), ISO; today when not recorded."""
    start = nb_metadata.get("papermill", {}).get("start_time")
    return str(start)[:10] if start else dt.date.today().isoformat()
