"""The first stage of every report run: load and check once, decide, list the reports.

:func:`make_plan` loads and checks the data once (:func:`sgnet.audit.audit`), applies the one
rejected-rows policy of sgnet, resolves the period and turns the scopes asked for into
:class:`Job` s: a file stem, the papermill parameters of the notebook, and the headline
figures of the scope (from :mod:`sgnet.metrics`, for the index page). ``sgnet report`` plans
one job, ``sgnet batch`` one per pairing or region; both then go through the same runner,
placement and index (:mod:`sgnet.report`).

The rejected-rows policy
    A missing or unreadable file, or a table lost whole, stops the run
    (:class:`~sgnet.errors.TableValidationError`). Rows rejected by validation stop a funder
    run (:class:`~sgnet.errors.RejectedRowsError`) unless ``allow_rejected``; an internal run,
    or a funder run with ``allow_rejected``, reports on the accepted rows and says how many
    were left out (internal reports list them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .audit import Audit, audit
from .dataset import Dataset
from .errors import RejectedRowsError, ReportError, TableValidationError
from .handover import fingerprint, handle_for
from .identity import row_fingerprints
from .metrics import headline
from .paths import NOTEBOOKS, SAMPLE_DATA
from .pdf import require_browser
from .periods import Period, latest_full_quarter, parse_period
from .provenance import SCOPE_TABLES, provenance, whole_hashes
from .regions import LEVELS, region_name, rollup
from .words import AUDIENCES, check_options

__all__ = [
    "AUDIENCES",
    "FORMATS",
    "DEFAULT_FORMATS",
    "check_formats",
    "EACH",
    "REPORT_NOTEBOOK",
    "Scope",
    "Job",
    "Plan",
    "check_options",
    "default_period",
    "scope_name",
    "file_stem",
    "period_folder",
    "batch_scopes",
    "report_parameters",
    "make_plan",
]

#: the files a report can be written as (the executed ``.ipynb`` is always written)
FORMATS = ("html", "docx", "pdf")
DEFAULT_FORMATS = ("html", "docx")


def check_formats(formats: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The formats asked for, in :data:`FORMATS` order; ``html`` is always among them.

    The PDF is printed from the HTML page, and every report has its page.

    Examples
    --------
    >>> check_formats("docx"), check_formats(["html"])
    (('html', 'docx'), ('html',))
    >>> check_formats("html,odt")
    Traceback (most recent call last):
    ...
    sgnet.errors.ReportError: --format must be among html, docx, pdf, not 'odt'
    """
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    for f in formats:
        if f not in FORMATS:
            raise ReportError(f"--format must be among {', '.join(FORMATS)}, not {f!r}")
    return tuple(f for f in FORMATS if f in {"html", *formats})


EACH = ("pairing", "region")
REPORT_NOTEBOOK = NOTEBOOKS / "period_report.ipynb"


@dataclass(frozen=True)
class Scope:
    """One report: its file name, what it selects and a readable name."""

    scope: str
    name: str
    region: str | None = None
    pairing: str | None = None


@dataclass(frozen=True)
class Job:
    """One report to render: where it goes, what the notebook is run with, its figures."""

    scope: Scope
    parameters: dict
    figures: dict[str, int] = field(default_factory=dict)
    provenance: dict = field(default_factory=dict)  # sgnet.provenance.provenance

    @property
    def stem(self) -> str:
        """The file name of the report without its suffix (see :func:`file_stem`)."""
        return file_stem(self.scope.scope, self.parameters.get("audience", "funder"),
                         self.parameters.get("lang", "zh"))


@dataclass(frozen=True)
class Plan:
    """What a run reports on: the checked data, the period, the jobs and the policy applied."""

    data: Path
    period: Period
    dataset: Dataset
    audit: Audit
    handle: str
    errors: str
    jobs: list[Job]
    audience: str
    lang: str
    each: str = "pairing"
    formats: tuple[str, ...] = DEFAULT_FORMATS  # the files of each report besides .ipynb

    @property
    def rejected(self) -> int:
        """Rows of the data left out of the reports."""
        return self.audit.n_rejected


def default_period(ds: Dataset, *, today: dt.date | None = None) -> Period:
    """The latest full calendar quarter that has activity: the default report period.

    The quarter of the last activity, if it has ended by ``today``; else the one before.

    Examples
    --------
    >>> import sgnet
    >>> default_period(sgnet.load(), today=dt.date(2026, 11, 23)).label
    '2023Q4'
    """
    today = today or dt.date.today()
    span = ds.date_range()
    last = min(span[1], today) if span else today
    q = latest_full_quarter(today)
    cand = parse_period(f"{last.year}Q{(last.month - 1) // 3 + 1}")
    return cand if cand.end <= q.end else q


#: file stems sgnet's own files use: the whole program's report and a batch's index
_OWN_NAMES = ("all", "index")


def scope_name(region: str | None = None, pairing: str | None = None) -> str:
    """The file name of a report's scope: ``all``, the region code, the pairing id, or both.

    Examples
    --------
    >>> scope_name(), scope_name(region="450000"), scope_name(pairing="PR01")
    ('all', '450000', 'PR01')

    A pairing or region whose id is a name sgnet's own files use (``all``, the whole
    program's report; ``index``, a batch's index) is prefixed, so neither replaces the other:

    >>> scope_name(pairing="index"), scope_name(pairing="ALL")
    ('pairing-index', 'pairing-ALL')
    """
    parts = [p for p in (region, pairing) if p]
    name = "-".join(parts) if parts else "all"
    if not name.replace("-", "").replace("_", "").isalnum() or name.startswith("."):
        raise ReportError(f"scope {name!r} cannot be a file name")
    if parts and name.lower() in _OWN_NAMES:
        name = ("pairing-" if pairing else "region-") + name
    return name


def file_stem(name: str, audience: str = "funder", lang: str = "zh") -> str:
    """The file name of a report (or index) without its suffix: it says audience and language.

    The funder report in Chinese is plain ``<name>``; an internal report adds ``.internal``
    and an English one ``.en``, so that no run ever replaces the funder's file with another
    audience's or language's.

    Examples
    --------
    >>> file_stem("all"), file_stem("all", "internal"), file_stem("PR01", "internal", "en")
    ('all', 'all.internal', 'PR01.internal.en')
    >>> file_stem("index", lang="en")
    'index.en'
    """
    return name + (".internal" if audience == "internal" else "") + (
        ".en" if lang == "en" else "")


def period_folder(root: Path, period: Period) -> Path:
    """Where the reports of ``period`` go under ``root`` (a range ``a..b`` becomes ``a_b``).

    Examples
    --------
    >>> import sgnet
    >>> period_folder(Path("reports"), sgnet.parse_period("2022-10-01..2022-12-31")).name
    '2022-10-01_2022-12-31'
    """
    return Path(root) / period.label.replace("..", "_")


def batch_scopes(ds: Dataset, period: Period, *, each: str = "pairing",
                 level: str = "province") -> list[Scope]:
    """The reports a batch writes: one per pairing active in ``period``, or per region.

    Parameters
    ----------
    ds : Dataset
    period : Period
    each : {"pairing", "region"}
        ``pairing``: every pairing whose dates overlap the period (one that had no activity
        still gets its report, with zeros). ``region``: every region at ``level`` that holds
        the mentee of an active pairing or an activity of the period.
    level : {"province", "city", "county"}

    Returns
    -------
    list of Scope
        Sorted by pairing id or region code.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load()
    >>> [s.scope for s in batch_scopes(ds, sgnet.parse_period("2022Q1"))]
    ['PR01', 'PR02', 'PR03', 'PR04', 'PR05', 'PR06', 'PR07', 'PR08', 'PR09']
    >>> batch_scopes(ds, sgnet.parse_period("2023Q2"), each="region")[0]
    Scope(scope='440000', name='广东省', region='440000', pairing=None)
    """
    if each not in EACH:
        raise ReportError(f"--each must be one of {', '.join(EACH)}, not {each!r}")
    if level not in LEVELS:
        raise ReportError(f"--level must be one of {', '.join(LEVELS)}, not {level!r}")
    pairs = ds.pairings
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    active = pairs[(pairs["start_date"] <= end)
                   & (pairs["end_date"].isna() | (pairs["end_date"] >= start))]
    if each == "pairing":
        return [Scope(scope_name(pairing=pid), _pairing_name(ds, pid), pairing=pid)
                for pid in sorted(active["pairing_id"])]
    org_region = ds.organizations.set_index("org_id")["region"]
    mentee_regions = active["mentee_org_id"].map(org_region)
    in_period = ds.select(period=period).activities["region"]
    codes = pd.concat([rollup(mentee_regions.astype("string"), level),
                       rollup(in_period.astype("string"), level)]).dropna().unique()
    return [Scope(scope_name(region=code), region_name(code, full=True), region=code)
            for code in sorted(codes)]


def _pairing_name(ds: Dataset, pairing: str) -> str:
    pair = ds.pairings.set_index("pairing_id").loc[pairing]
    names = ds.organizations.set_index("org_id")["name"]
    mentor, mentee = pair["mentor_org_id"], pair["mentee_org_id"]
    return f"{names.get(mentor, mentor)} → {names.get(mentee, mentee)}"


def report_parameters(data: Path, period: Period, ds: Dataset, *, audience: str = "funder",
                      lang: str = "zh", errors: str = "raise", handle: str | None = None,
                      approved_only: bool = False) -> dict:
    """The papermill parameters of a report on ``ds`` (already selected to its scope).

    ``handle`` names the dataset the run hands over (:mod:`sgnet.handover`); a notebook
    run by hand without it loads ``data`` itself.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load().select(pairing="PR01")
    >>> params = report_parameters(Path("/data"), sgnet.parse_period("2023Q2"), ds)
    >>> params["period"], params["pairing"], params["audience"], params["handle"]
    ('2023Q2', 'PR01', 'funder', None)
    """
    parameters = {
        "data": str(Path(data).resolve()),
        "period": (f"{period.start.isoformat()}..{period.end.isoformat()}"
                   if period.kind == "range" else period.label),
        "region": ds.region,
        "pairing": ds.pairing,
        "audience": audience,
        "lang": lang,
        "errors": errors,
        "handle": handle,
    }
    if approved_only:  # only when asked, so other notebooks never see the name
        parameters["approved_only"] = True
    return parameters


def _checked(data: Path, audience: str, allow_rejected: bool) -> Audit:
    """Load with every rejected row accounted for; refuse what a report must not hide."""
    result = audit(data)
    if result.problems.empty:
        return result
    if not result.complete:  # a missing file or a table lost whole: nothing to report on
        raise TableValidationError(result.problems)
    if audience == "funder" and not allow_rejected:
        raise RejectedRowsError(result.problems)
    return result


def _only(scopes: list[Scope], only: list[str] | None) -> list[Scope]:
    """The scopes named in ``only`` (all when None); an unknown name is an error."""
    if only is None:
        return scopes
    known = {s.scope for s in scopes}
    unknown = sorted(set(only) - known)
    if unknown:
        raise ReportError(f"nothing to report for {', '.join(unknown)} in this batch; "
                          f"choose among {', '.join(sorted(known)[:20])}")
    return [s for s in scopes if s.scope in set(only)]


def make_plan(data: str | Path | None = None, *, period: str | Period | None = None,
              each: str | None = None, level: str = "province", only: list[str] | None = None,
              region: str | None = None, pairing: str | None = None,
              audience: str = "funder", lang: str = "zh", allow_rejected: bool = False,
              today: dt.date | None = None,
              formats: str | tuple[str, ...] | list[str] = DEFAULT_FORMATS,
              approved_only: bool = False) -> Plan:
    """Load and check the data once, and list the reports of a run.

    Parameters
    ----------
    data : str or Path, optional
        Dataset folder or workbook (default: the bundled sample).
    period : str or Period, optional
        Default: :func:`default_period` of the data. Relative forms are resolved here, so
        each report records the concrete period it reported.
    each : {"pairing", "region"}, optional
        A batch: one report per pairing or region at ``level`` (see :func:`batch_scopes`),
        or only those named in ``only``. Without ``each``: one report, of ``region`` and
        ``pairing`` (both None: everything).
    audience, lang : str
    allow_rejected : bool
        See the rejected-rows policy in the module docstring.
    formats : str or sequence of str
        The files of each report (:func:`check_formats`): ``html``, ``docx``, ``pdf``.

    Returns
    -------
    Plan

    Raises
    ------
    TableValidationError, RejectedRowsError
        As the policy says.
    ReportError
        For unknown options, or a batch with nothing to report.

    Examples
    --------
    >>> plan = make_plan(period="2023Q2", each="pairing", only=["PR01"])
    >>> [(j.stem, j.parameters["pairing"], j.figures["trainings"]) for j in plan.jobs]
    [('PR01', 'PR01', 4)]
    """
    check_options(audience, lang)
    formats = check_formats(formats)
    if "pdf" in formats:
        require_browser()  # say how to get it before any report is run
    data_path = (Path(data) if data is not None else SAMPLE_DATA).resolve()
    checked = _checked(data_path, audience, allow_rejected)
    ds = checked.dataset
    p = parse_period(period, today=today) if period is not None else default_period(ds,
                                                                                     today=today)
    if each is not None:
        scopes = _only(batch_scopes(ds, p, each=each, level=level), only)
        if not scopes:
            raise ReportError(f"no {each} has anything to report in {p.describe()}")
    else:
        scoped = ds.select(region=region, pairing=pairing)
        scopes = [Scope(scope_name(scoped.region, scoped.pairing), "", scoped.region,
                        scoped.pairing)]
    errors = "drop" if len(checked.problems) else "raise"
    data_fingerprint = fingerprint(data_path)
    handle = handle_for(data_fingerprint)
    whole = whole_hashes(ds)
    hashes = row_fingerprints(ds, tables=SCOPE_TABLES)  # once; each job looks its rows up
    jobs = []
    for scope in scopes:
        scoped = ds.select(region=scope.region, pairing=scope.pairing)
        counted = scoped.select(status="approved") if approved_only else scoped
        figures = headline(counted.select(period=p))
        parameters = report_parameters(data_path, p, scoped, audience=audience, lang=lang,
                                       errors=errors, handle=handle,
                                       approved_only=approved_only)
        jobs.append(Job(scope, parameters,
                        dict(zip(figures["metric"], figures["value"], strict=True)),
                        provenance(data_path, counted, p, parameters=parameters,
                                   pairing=scoped.pairing, region=scoped.region,
                                   data_fingerprint=data_fingerprint, whole=whole,
                                   hashes=hashes, names=audience == "internal")))
    return Plan(data_path, p, ds, checked, handle, errors, jobs, audience, lang,
                each or "pairing", formats)
