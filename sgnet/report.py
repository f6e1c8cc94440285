"""Period reports: run the parameterized notebook with papermill, render self-contained HTML.

A report is written to ``<out>/<period>/<scope>.ipynb`` and ``.html`` (scope: ``all``, a
region code or a pairing id). The run happens in a temporary folder beside the output and is
moved into place only when it succeeded, so a failed run never overwrites a good report.

The ``*_html`` helpers build the pieces a report notebook displays; every text that comes
from data is escaped.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from .dataset import Dataset
from .errors import RejectedRowsError, ReportError, TableValidationError
from .metrics import HEADLINE
from .paths import NOTEBOOKS, REPORTS, SAMPLE_DATA
from .periods import Period, latest_full_quarter, parse_period
from .regions import region_name
from .vocab import ACTIVITY_KINDS, kind_label, label

__all__ = [
    "AUDIENCES",
    "ReportResult",
    "default_period",
    "scope_name",
    "run_report",
    "render",
    "report_parameters",
    "period_folder",
    "check_options",
    "export_html",
    "title_html",
    "headline_html",
    "table_html",
    "note_html",
    "heading_html",
    "progress_rule",
    "progress_table_html",
    "data_note",
    "rejected_html",
]

log = logging.getLogger(__name__)

AUDIENCES = ("funder", "internal")
LANGS = ("zh", "en")
REPORT_NOTEBOOK = NOTEBOOKS / "period_report.ipynb"


@dataclass(frozen=True)
class ReportResult:
    """Where a report was written and what it was run with."""

    notebook: Path
    html: Path
    period: Period
    scope: str
    parameters: dict
    audit: object = None  # sgnet.audit.Audit of the data the report was run on
    rejected: int = 0  # rows of the data left out of the report
    rejected_csv: Path | None = None  # internal reports: the rejected rows with their cells


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


def scope_name(region: str | None = None, pairing: str | None = None) -> str:
    """The file name of a report's scope: ``all``, the region code, the pairing id, or both.

    Examples
    --------
    >>> scope_name(), scope_name(region="450000"), scope_name(pairing="PR01")
    ('all', '450000', 'PR01')
    """
    parts = [p for p in (region, pairing) if p]
    name = "-".join(parts) if parts else "all"
    if not name.replace("-", "").replace("_", "").isalnum() or name.startswith("."):
        raise ReportError(f"scope {name!r} cannot be a file name")
    return name


# --------------------------------------------------------------------------- HTML pieces

def _e(value: object) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value))


def title_html(ds: Dataset, period: Period, *, lang: str = "zh", audience: str = "funder",
               today: dt.date | None = None) -> str:
    """The report's title block: program scope, period with its dates, audience, run date."""
    if ds.pairing:
        pair = ds.pairings.set_index("pairing_id").loc[ds.pairing]
        names = ds.organizations.set_index("org_id")["name"]
        scope = f"{names.get(pair['mentor_org_id'], '')} → {names.get(pair['mentee_org_id'], '')}"
    elif ds.region:
        scope = region_name(ds.region, full=True)
    else:
        scope = "全部结对" if lang == "zh" else "All pairings"
    if lang == "zh":
        title = f"牵手帮扶工作报告 · {period.label}"
        meta = (f"范围:{_e(scope)} | 期间:{period.start} 至 {period.end}"
                f"{f'({_e(period.relative)})' if period.relative else ''}"
                f" | 读者:{'资助方' if audience == 'funder' else '内部'}"
                f" | 生成日期:{today or dt.date.today()}")
    else:
        title = f"Mentoring program report · {period.label}"
        meta = (f"Scope: {_e(scope)} | Period: {period.start} to {period.end}"
                f"{f' ({_e(period.relative)})' if period.relative else ''}"
                f" | Audience: {audience} | Generated: {today or dt.date.today()}")
    return f"<h1>{_e(title)}</h1><p class='sg-meta'>{meta}</p>"


def headline_html(headline: pd.DataFrame, *, lang: str = "zh") -> str:
    """Cards with the headline figures (the result of :func:`sgnet.metrics.headline`)."""
    cards = "".join(
        f"<div class='sg-card' data-metric='{_e(m)}'><div class='sg-value'>{int(v):,}</div>"
        f"<div class='sg-label'>{_e(label(m, lang))}</div></div>"
        for m, v in zip(headline["metric"], headline["value"], strict=True)
        if m in HEADLINE
    )
    return f"<div class='sg-headline'>{cards}</div>"


def table_html(df: pd.DataFrame, *, lang: str = "zh", kinds: tuple[str, ...] = ("kind", "metric"),
               status: str | None = "status", percent: tuple[str, ...] = ("share",)) -> str:
    """A DataFrame as an escaped HTML table with translated headers and values.

    Columns named in ``kinds`` show activity-kind labels, ``status`` is translated and
    colored, ``percent`` columns show as percentages.
    """
    head = "".join(f"<th>{_e(label(c, lang))}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for col, value in zip(df.columns, row, strict=True):
            if col in kinds and isinstance(value, str):
                cells.append(f"<td>{_e(kind_label(value, lang))}</td>")
            elif col == status and isinstance(value, str):
                cells.append(f"<td class='sg-{_e(value)}'>{_e(label(value, lang))}</td>")
            elif col in percent and pd.notna(value):
                cells.append(f"<td class='sg-num'>{float(value) * 100:.0f}%</td>")
            elif isinstance(value, int | float) and not isinstance(value, bool):
                text = "" if pd.isna(value) else f"{value:,.0f}" if float(value).is_integer() \
                    else f"{value:,.1f}"
                cells.append(f"<td class='sg-num'>{text}</td>")
            else:
                cells.append(f"<td>{_e(value)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f"<table class='sg-table'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


_SECTIONS: dict[str, tuple[str, str]] = {
    "headline": ("本期主要数据", "Headline figures for the period"),
    "progress": ("各结对年度目标进度", "Progress of each pairing against annual targets"),
    "figures": ("图表", "Figures"),
    "pairings": ("各结对本期活动", "Activities of each pairing in the period"),
    "regions": ("各省份本期活动", "Activities per province in the period"),
    "leaders": ("督导带领的活动(内部)", "Activities led per supervisor (internal)"),
    "data": ("数据说明", "About the data"),
    "rejected": ("未通过校验的数据行(内部)", "Rows rejected by validation (internal)"),
}


def heading_html(key: str, *, lang: str = "zh") -> str:
    """A section heading of the report, in ``lang``."""
    zh, en = _SECTIONS.get(key, (key, key))
    return f"<h2>{_e(zh if lang == 'zh' else en)}</h2>"


def progress_table_html(progress: pd.DataFrame, *, lang: str = "zh") -> str:
    """One row per pairing, one column per target metric: ``actual / target (share)``.

    Each cell is colored by its status (behind, on track, met); metrics with no target for a
    pairing show an empty cell. ``progress`` is the result of :func:`sgnet.metrics.progress`.
    """
    def order(metric: str) -> tuple[int, bool]:
        base = metric.removesuffix("_participants")
        rank = ACTIVITY_KINDS.index(base) if base in ACTIVITY_KINDS else len(ACTIVITY_KINDS)
        return rank, metric.endswith("_participants")

    metrics = sorted(dict.fromkeys(progress["metric"]), key=order)
    head = "".join(f"<th>{_e(label(c, lang))}</th>" for c in ("pairing_id", "mentor", "mentee"))
    head += "".join(f"<th>{_e(kind_label(m, lang))}</th>" for m in metrics)
    body = []
    for pid, rows in progress.groupby("pairing_id", sort=True):
        first = rows.iloc[0]
        cells = [f"<td>{_e(pid)}</td><td>{_e(first['mentor'])}</td><td>{_e(first['mentee'])}</td>"]
        by_metric = rows.set_index("metric")
        for m in metrics:
            if m not in by_metric.index:
                cells.append("<td></td>")
                continue
            r = by_metric.loc[m]
            title = f"{label('expected', lang)} {r['expected']:g}"
            cells.append(
                f"<td class='sg-num sg-{_e(r['status'])}' title='{_e(title)}'>"
                f"{int(r['actual']):,} / {r['target']:,.0f} ({r['share'] * 100:.0f}%)</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    legend = " · ".join(f"<span class='sg-{s}'>{_e(label(s, lang))}</span>"
                        for s in ("behind", "on_track", "done"))
    return (f"<table class='sg-table'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table><p class='sg-meta'>{legend}</p>")


def note_html(text: str) -> str:
    """A short explanatory paragraph (escaped)."""
    return f"<p class='sg-meta'>{_e(text)}</p>"


# --------------------------------------------------------------------------- running

def export_html(nb: nbformat.NotebookNode, *, exporter=None) -> str:
    """Render an executed notebook as self-contained HTML: no code, no prompts, no scripts.

    Uses the ``sgnet`` nbconvert template (JupyterLab styling, with the require.js, MathJax
    and mermaid loaders removed) and drops stderr streams (warnings) from the output.
    Pass an ``exporter`` from :func:`sgnet.engine.html_exporter` to reuse its compiled
    templates across reports.
    """
    from .engine import html_exporter

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [o for o in cell.get("outputs", [])
                               if not (o.get("output_type") == "stream"
                                       and o.get("name") == "stderr")]
    exporter = exporter if exporter is not None else html_exporter()
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "sgnet report"}})
    return body


def report_parameters(data: Path, period: Period, ds: Dataset, *, audience: str = "funder",
                      lang: str = "zh", errors: str = "raise") -> dict:
    """The papermill parameters of a report on ``ds`` (already selected to its scope).

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load().select(pairing="PR01")
    >>> report_parameters(Path("/data"), sgnet.parse_period("2023Q2"), ds)["pairing"]
    'PR01'
    """
    return {
        "data": str(Path(data).resolve()),
        "period": (f"{period.start.isoformat()}..{period.end.isoformat()}"
                   if period.kind == "range" else period.label),
        "region": ds.region,
        "pairing": ds.pairing,
        "audience": audience,
        "lang": lang,
        "errors": errors,
    }


def period_folder(root: Path, period: Period) -> Path:
    """Where the reports of ``period`` go under ``root`` (a range ``a..b`` becomes ``a_b``)."""
    return Path(root) / period.label.replace("..", "_")


def check_options(audience: str, lang: str) -> None:
    """Raise :class:`ReportError` unless ``audience`` and ``lang`` are known."""
    if audience not in AUDIENCES:
        raise ReportError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    if lang not in LANGS:
        raise ReportError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def render(worker, parameters: dict, folder: Path, scope: str, *,
           notebook: str | Path | None = None) -> nbformat.NotebookNode:
    """Run the report notebook on a kept kernel into ``folder/<scope>.ipynb`` and ``.html``.

    The one execution path of :func:`run_report` and :func:`sgnet.batch.run_batch`.

    Raises
    ------
    ReportError
        If a cell raised (``folder/<scope>.ipynb`` then holds the failed notebook, as
        papermill writes it) or the kernel died.
    """
    import papermill as pm

    try:
        nb = worker.execute(notebook or REPORT_NOTEBOOK, folder / f"{scope}.ipynb", parameters,
                            cwd=folder)
    except pm.PapermillExecutionError as err:
        raise ReportError(f"failed in cell {err.exec_count}: {err.ename}: {err.evalue}"
                          ) from err
    nb = _normalize(nb, f"{scope}.ipynb")  # repeatable: same inputs, same bytes
    nbformat.write(nb, folder / f"{scope}.ipynb")
    (folder / f"{scope}.html").write_text(worker.export_html(nb), encoding="utf-8")
    return nb


def _normalize(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Make an executed notebook repeatable: the same inputs give the same bytes.

    Drops the per-cell execution timings (nbclient's ``execution``, papermill's start, end
    and duration), gives the injected-parameters cell a fixed id instead of a random one,
    records the output as its file ``name`` rather than the temporary path it was run in,
    and keeps one timestamp: the run's ``metadata.papermill.start_time``.
    """
    nb = copy.deepcopy(nb)
    if "papermill" in nb.metadata:
        nb.metadata.papermill["output_path"] = name
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            cell.metadata.get("papermill", {}).pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    for key in ("end_time", "duration"):
        nb.metadata.get("papermill", {}).pop(key, None)
    return nb


def _inside(root: Path, path: Path) -> Path:
    """``path`` if it lies inside ``root`` (after resolving ``..`` and links), else an error."""
    resolved, base = path.resolve(), root.resolve()
    if resolved != base and base not in resolved.parents:
        raise ReportError(f"refusing to write {path}: it is outside the output folder {root}")
    return path


def _check_data(data_path: Path, audience: str, allow_rejected: bool):
    """Load with every rejected row accounted for; refuse what a report must not hide."""
    from .audit import audit

    result = audit(data_path)
    if result.problems.empty:
        return result
    if not result.complete:  # a missing file or a table lost whole: nothing to report on
        raise TableValidationError(result.problems)
    if audience == "funder" and not allow_rejected:
        raise RejectedRowsError(result.problems)
    return result


def _place(tmp: Path, final: Path) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, final)


def run_report(
    data: str | Path | None = None,
    *,
    period: str | Period | None = None,
    region: str | None = None,
    pairing: str | None = None,
    audience: str = "funder",
    lang: str = "zh",
    out: str | Path | None = None,
    notebook: str | Path | None = None,
    today: dt.date | None = None,
    progress_bar: bool = False,
    allow_rejected: bool = False,
) -> ReportResult:
    """Run the period report notebook with papermill and write the .ipynb and .html.

    Parameters
    ----------
    data : str or Path, optional
        Dataset folder or workbook (default: the bundled sample).
    period : str or Period, optional
        Default: :func:`default_period` of the data. Relative forms are resolved here, so
        the notebook records the concrete period it reported.
    region, pairing : str, optional
        Scope of the report.
    audience : {"funder", "internal"}
        Funder reports show no names of people.
    lang : {"zh", "en"}
    out : str or Path, optional
        Output root (default ``reports/``); files go to ``<out>/<period>/<scope>.*``.
    notebook : str or Path, optional
        The notebook to run (default ``notebooks/period_report.ipynb``).
    allow_rejected : bool
        Data with rejected rows gives an internal report that lists them (and writes them to
        ``<scope>.rejected_rows.csv``), but no funder report unless this is true; the funder
        report then says how many rows were left out.

    Returns
    -------
    ReportResult

    Raises
    ------
    ReportError
        If the notebook fails; the executed notebook is kept as ``<scope>.failed.ipynb``
        beside the output and any earlier good report is left untouched. Also when the
        output would land outside ``out``.
    TableValidationError
        If a file or a whole table of the data is missing or unreadable.
    RejectedRowsError
        For a funder report of data with rejected rows, unless ``allow_rejected``.
    """
    from .engine import KernelWorker

    check_options(audience, lang)
    data_path = Path(data) if data is not None else SAMPLE_DATA
    # a fresh kernel for one report; it boots while the data is checked
    worker = KernelWorker(single_use=True).start(wait=False)
    try:
        checked = _check_data(data_path, audience, allow_rejected)
        ds = checked.dataset
        p = (parse_period(period, today=today) if period is not None
             else default_period(ds, today=today))
        scoped = ds.select(region=region, pairing=pairing)
        scope = scope_name(scoped.region, scoped.pairing)
        root = Path(out) if out is not None else REPORTS
        final_dir = _inside(root, period_folder(root, p))
        _inside(root, final_dir / f"{scope}.html")
        parameters = report_parameters(data_path, p, scoped, audience=audience, lang=lang,
                                       errors="drop" if len(checked.problems) else "raise")
        final_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".sgnet-", dir=final_dir) as tmp:
            try:
                render(worker, parameters, Path(tmp), scope, notebook=notebook)
            except ReportError as err:
                failed = final_dir / f"{scope}.failed.ipynb"
                if (Path(tmp) / f"{scope}.ipynb").exists():
                    shutil.copyfile(Path(tmp) / f"{scope}.ipynb", failed)
                raise ReportError(f"report {p.label}/{scope} {err} "
                                  f"(executed notebook kept in {failed})") from err.__cause__
            final_nb, final_html = final_dir / f"{scope}.ipynb", final_dir / f"{scope}.html"
            final_csv = final_dir / f"{scope}.rejected_rows.csv"
            if audience == "internal" and checked.n_rejected:
                tmp_csv = Path(tmp) / final_csv.name
                checked.rejected_rows.to_csv(tmp_csv, index=False, encoding="utf-8-sig")
                _place(tmp_csv, final_csv)
            else:
                final_csv.unlink(missing_ok=True)  # an earlier run's list would be stale
            _place(Path(tmp) / f"{scope}.ipynb", final_nb)
            _place(Path(tmp) / f"{scope}.html", final_html)
    finally:
        worker.close()
    (final_dir / f"{scope}.failed.ipynb").unlink(missing_ok=True)
    return ReportResult(final_nb, final_html, p, scope, parameters, audit=checked,
                        rejected=checked.n_rejected,
                        rejected_csv=final_csv if final_csv.exists() else None)



def progress_rule(period: Period, *, lang: str = "zh") -> str:
    """The sentence that states how progress against the yearly targets is computed."""
    share = period.year_share()
    if lang == "zh":
        return (f"目标为年度目标。“年内累计”为 {period.end.year} 年 1 月 1 日至 {period.end} "
                "的实际完成数;"
                f"“按进度应完成”= 年度目标 × 当年已过时间比例({share:.0%});"
                "年内累计达到该值为“达到进度”,达到年度目标为“已完成”,否则为“落后进度”。")
    return (f"Targets are annual. 'Year to date' counts activities from {period.end.year}-01-01 "
            f"to {period.end}; 'expected by now' = annual target × share of the year elapsed "
            f"({share:.0%}); a pairing is on track when its year-to-date actual reaches that, "
            "met when it reaches the annual target, and behind otherwise.")


def data_note(ds: Dataset, current: Dataset, *, lang: str = "zh") -> str:
    """What the report was computed from: the number of records in the period and in total."""
    n_all, n_cur = len(ds.activities), len(current.activities)
    rejected = len(ds.rejected[["table", "row"]].drop_duplicates()) if len(ds.rejected) else 0
    if lang == "zh":
        text = f"本期活动记录 {n_cur} 条(数据集共 {n_all} 条,结对 {len(ds.pairings)} 个)。"
        if rejected:
            text += f"注意:加载时有 {rejected} 行数据未通过校验,未计入本报告。"
        return text
    text = (f"{n_cur} activity records in the period ({n_all} in the dataset, "
            f"{len(ds.pairings)} pairings).")
    if rejected:
        text += f" Note: {rejected} rows failed validation and are not counted."
    return text


def rejected_html(ds: Dataset, *, lang: str = "zh") -> str:
    """The rows left out at load time, with where they are and why (internal reports only).

    Values are shown as found in the data (they may contain names of people), escaped.
    """
    rejected = ds.rejected
    if rejected.empty:
        return ""
    rows = rejected[["file", "row", "column", "value", "message"]].astype(object)
    rows = rows.where(rows.notna(), "")
    head = (["文件", "行", "列", "值", "原因"] if lang == "zh"
            else ["File", "Row", "Column", "Value", "Reason"])
    n = len(rejected[["table", "row"]].drop_duplicates())
    intro = (f"以下 {n} 行数据未通过校验,未计入本报告:" if lang == "zh"
             else f"These {n} rows failed validation and are not counted in this report:")
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in r) + "</tr>"
                   for r in rows.itertuples(index=False))
    return (f"<p class='sg-meta'>{_e(intro)}</p><table class='sg-table'><thead><tr>"
            + "".join(f"<th>{_e(h)}</th>" for h in head)
            + f"</tr></thead><tbody>{body}</tbody></table>")
