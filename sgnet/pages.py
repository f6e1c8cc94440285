"""HTML pieces of the report notebooks and the batch index page, escaped by one function.

A report notebook displays these pieces (``display(HTML(pages.headline_html(...)))``); the
batch index page is built here from the figures :mod:`sgnet.metrics` computed for each
report. Every text that comes from data passes through :func:`escape`, and every word a
reader sees comes from :mod:`sgnet.words`.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Iterable, Mapping

import pandas as pd

from .dataset import Dataset
from .markup import escape
from .metrics import HEADLINE, status_counts
from .paths import TEMPLATES, last_name
from .periods import Period
from .regions import region_name
from .webfont import embed_font
from .words import check_options, kind_label, word

__all__ = [
    "IndexRow",
    "escape",
    "title_fields",
    "title_html",
    "fields_title_html",
    "summary_html",
    "PAGE_BREAK_SECTIONS",
    "heading_html",
    "headline_html",
    "table_html",
    "note_html",
    "progress_rule",
    "data_note",
    "rejected_intro",
    "rejected_rows",
    "index_html",
    "provenance_html",
    "provenance_text",
]


def title_fields(ds: Dataset, period: Period, *, lang: str = "zh", audience: str = "funder",
                 today: dt.date | None = None) -> dict[str, str]:
    """The words of a report's title block: title, scope, period and its dates, audience.

    Examples
    --------
    >>> import sgnet
    >>> f = title_fields(sgnet.load().select(region="450000"), sgnet.parse_period("2022Q4"),
    ...                  lang="en", today=dt.date(2023, 1, 5))
    >>> f["title"], f["scope"], f["marking"]
    ('Mentoring program report · 2022Q4', '广西壮族自治区', 'Funder version · no names of people')
    """
    check_options(audience, lang)  # the first cell of a report: a typo stops it here
    if ds.pairing:
        pair = ds.pairings.set_index("pairing_id").loc[ds.pairing]
        names = ds.organizations.set_index("org_id")["name"]
        scope = f"{names.get(pair['mentor_org_id'], '')} → {names.get(pair['mentee_org_id'], '')}"
    elif ds.region:
        scope = region_name(ds.region, full=True)
    else:
        scope = word("report.all_pairings", lang)
    relative = word("report.relative", lang, relative=period.relative) if period.relative else ""
    today = today or dt.date.today()
    meta = word("report.meta", lang, scope=scope, start=period.start, end=period.end,
                relative=relative, audience=word(audience, lang), today=today)
    title = word("report.title", lang, period=period.label)
    if audience == "internal":  # never to be mistaken for the funder's report
        title = f"{word('report.internal_banner', lang)} · {title}"
    return {"title": title, "scope": scope,
            "period": period.label, "start": period.start.isoformat(),
            "end": period.end.isoformat(), "audience": audience, "today": today.isoformat(),
            "lang": lang, "meta": meta, "marking": word(f"report.marking.{audience}", lang),
            "html_lang": word("html.lang", lang)}


def title_html(ds: Dataset, period: Period, *, lang: str = "zh", audience: str = "funder",
               today: dt.date | None = None) -> str:
    """The report's title block: program scope, period with its dates, audience, run date.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load().select(region="450000")
    >>> print(title_html(ds, sgnet.parse_period("2022Q4"), lang="en",
    ...                  today=dt.date(2023, 1, 5)))  # doctest: +NORMALIZE_WHITESPACE
    <p class='sg-marking sg-funder'>Funder version · no names of people</p><h1>Mentoring
    program report · 2022Q4</h1><p class='sg-meta'>Scope: 广西壮族自治区 | Period: 2022-10-01
    to 2022-12-31 | Audience: funder | Generated: 2023-01-05</p>
    """
    return fields_title_html(title_fields(ds, period, lang=lang, audience=audience,
                                          today=today))


def fields_title_html(fields: dict[str, str]) -> str:
    """The title block of :func:`title_fields` as HTML.

    Examples
    --------
    >>> fields_title_html({"title": "T", "meta": "M"})
    "<h1>T</h1><p class='sg-meta'>M</p>"
    """
    marking = (f"<p class='sg-marking sg-{escape(fields['audience'])}'>"
               f"{escape(fields['marking'])}</p>" if fields.get("marking") else "")
    return (f"{marking}<h1>{escape(fields['title'])}</h1>"
            f"<p class='sg-meta'>{escape(fields['meta'])}</p>")


def summary_html(paragraphs: list[str], *, lang: str = "zh") -> str:
    """The written summary (工作小结), one paragraph each.

    Examples
    --------
    >>> summary_html(["本期共开展培训 3 场。"])
    "<div class='sg-summary' lang='zh-CN'><p>本期共开展培训 3 场。</p></div>"
    """
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"<div class='sg-summary' lang='{word('html.lang', lang)}'>{body}</div>"


#: sections that start on a new page when printed
PAGE_BREAK_SECTIONS = frozenset({"progress", "figures", "pairings", "leaders", "rejected"})


def heading_html(key: str, *, lang: str = "zh") -> str:
    """A section heading of the report (``key`` names a ``section.<key>`` word).

    Sections of :data:`PAGE_BREAK_SECTIONS` start a new page when printed.

    Examples
    --------
    >>> heading_html("headline"), heading_html("figures", lang="en")
    ('<h2>本期主要数据</h2>', "<h2 class='sg-break'>Figures</h2>")
    """
    cls = " class='sg-break'" if key in PAGE_BREAK_SECTIONS else ""
    return f"<h2{cls}>{escape(word(f'section.{key}', lang))}</h2>"


def headline_html(headline: pd.DataFrame, *, lang: str = "zh") -> str:
    """Cards with the headline figures (the result of :func:`sgnet.metrics.headline`).

    Examples
    --------
    >>> h = pd.DataFrame({"metric": ["trainings"], "value": [1234]})
    >>> headline_html(h, lang="en")  # doctest: +ELLIPSIS
    "<div class='sg-headline'><div class='sg-card' data-metric='trainings'>...1,234</div>..."
    """
    cards = "".join(
        f"<div class='sg-card' data-metric='{escape(m)}'><div class='sg-value'>{int(v):,}</div>"
        f"<div class='sg-label'>{escape(word(m, lang))}</div></div>"
        for m, v in zip(headline["metric"], headline["value"], strict=True)
        if m in HEADLINE
    )
    return f"<div class='sg-headline'>{cards}</div>"


def _number(value: float) -> str:
    if pd.isna(value):
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def table_html(df: pd.DataFrame, *, lang: str = "zh", kinds: tuple[str, ...] = ("kind", "metric"),
               status: str | None = "status", percent: tuple[str, ...] = ("share",)) -> str:
    """A DataFrame as an escaped HTML table with translated headers and values.

    Columns named in ``kinds`` show activity-kind labels, ``status`` is translated and
    colored, ``percent`` columns show as percentages.

    Examples
    --------
    >>> df = pd.DataFrame({"kind": ["training"], "count": [1200], "share": [0.5]})
    >>> table_html(df, lang="en")  # doctest: +ELLIPSIS
    "...<th>Activity kind</th><th>Count</th>...<td>Training</td><td class='sg-num'>1,200</td>..."
    """
    head = "".join(f"<th>{escape(word(c, lang))}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for col, value in zip(df.columns, row, strict=True):
            if col in kinds and isinstance(value, str):
                cells.append(f"<td>{escape(kind_label(value, lang))}</td>")
            elif col == status and isinstance(value, str):
                cells.append(f"<td class='sg-{escape(value)}'>{escape(word(value, lang))}</td>")
            elif col in percent and pd.notna(value):
                cells.append(f"<td class='sg-num'>{float(value) * 100:.0f}%</td>")
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f"<td class='sg-num'>{_number(value)}</td>")
            else:
                cells.append(f"<td>{escape(value)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f"<table class='sg-table'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def note_html(text: str) -> str:
    """A short explanatory paragraph (escaped).

    Examples
    --------
    >>> note_html("a < b")
    "<p class='sg-meta'>a &lt; b</p>"
    """
    return f"<p class='sg-meta'>{escape(text)}</p>"


def progress_rule(period: Period, *, lang: str = "zh") -> str:
    """The sentence that states how progress against the yearly targets is computed.

    Examples
    --------
    >>> import sgnet
    >>> progress_rule(sgnet.parse_period("2022Q2"), lang="en")  # doctest: +ELLIPSIS
    "Targets are annual. 'Year to date' counts activities from 2022-01-01 to 2022-06-30; ..."
    """
    return word("report.progress_rule", lang, year=period.end.year, end=period.end,
                share=f"{period.year_share():.0%}")


def _n_rejected(ds: Dataset) -> int:
    return len(ds.rejected[["table", "row"]].drop_duplicates()) if len(ds.rejected) else 0


def data_note(ds: Dataset, current: Dataset, *, lang: str = "zh",
              approved_only: bool = False) -> str:
    """What the report was computed from: the number of records in the period and in total.

    Examples
    --------
    >>> import sgnet
    >>> ds = sgnet.load()
    >>> note = data_note(ds, ds.select(period="2022Q4"), lang="en")
    >>> note.split(". ")[0]  # doctest: +ELLIPSIS
    '... activity records in the period (... in the dataset, 15 pairings)'
    >>> "Records counted, by review status: approved" in note
    True
    """
    text = word("report.data_note", lang, current=len(current.activities),
                total=len(ds.activities), pairings=len(ds.pairings))
    if n := _n_rejected(ds):
        text += word("report.rejected_note", lang, n=n)
    counts = status_counts(current)
    if set(counts["status"]) - {"none"}:  # the data says how far its records were reviewed
        items = [word("report.status_item", lang, status=word(f"status.{s}", lang), n=n)
                 for s, n in zip(counts["status"], counts["records"], strict=True)]
        text += word("report.status_note", lang, items=word("summary.sep", lang).join(items))
    if approved_only:
        text += word("report.approved_only", lang)
    return text


def rejected_intro(ds: Dataset, *, lang: str = "zh") -> str:
    """The sentence above the rejected rows: how many were left out.

    Examples
    --------
    >>> import sgnet
    >>> rejected_intro(sgnet.load(), lang="en")
    'These 0 rows failed validation and are not counted in this report:'
    """
    return word("report.rejected_intro", lang, n=_n_rejected(ds))


def rejected_rows(ds: Dataset) -> pd.DataFrame:
    """The rows left out at load time: file, row, column, value, message (as text).

    Examples
    --------
    >>> import sgnet
    >>> rejected_rows(sgnet.load()).columns.tolist()
    ['file', 'row', 'column', 'value', 'message']
    """
    columns = ["file", "row", "column", "value", "message"]
    if ds.rejected.empty:
        return pd.DataFrame(columns=columns)
    rows = ds.rejected[columns].astype(object)
    return rows.where(rows.notna(), "").astype(str).reset_index(drop=True)


def provenance_text(prov: Mapping, *, lang: str = "zh", audience: str = "funder",
                    date: str = "") -> str:
    """One line: the data's fingerprint, the sgnet version, the day, the review state.

    Examples
    --------
    >>> provenance_text({"fingerprint": "0123456789abcdef", "sgnet": "0.1.0",
    ...                  "approval": {"state": "not approved"}}, lang="en", date="2023-07-06")
    'Data fingerprint 0123456789ab · sgnet 0.1.0 · generated 2023-07-06 · review: not approved'
    """
    approval = prov.get("approval", {})
    if approval.get("state") == "approved":
        state = (word("prov.approved_by", lang, by=approval.get("by", ""), on=approval["on"])
                 if audience == "internal" else word("prov.approved", lang, on=approval["on"]))
    else:
        state = word("prov.not_approved", lang)
    return word("prov.line", lang, fingerprint=str(prov["fingerprint"])[:12],
                version=prov.get("sgnet", ""), date=date, state=state)


def shared_parameters(parameters: Mapping, audience: str = "funder") -> dict:
    """A report's parameters as a file given to others records them.

    A funder file names its data by the file or folder name alone: a full path can carry a
    person's name (``C:\\Users\\王小明\\台账.xlsx``). The ``.ipynb`` kept beside the report, and
    internal files, keep the whole path (``sgnet report --check`` reads it there).

    Examples
    --------
    >>> shared_parameters({"data": "/home/wang/台账.xlsx", "period": "2023Q2"})
    {'data': '台账.xlsx', 'period': '2023Q2'}
    >>> shared_parameters({"data": "/home/wang/台账.xlsx"}, "internal")["data"]
    '/home/wang/台账.xlsx'
    """
    shown = dict(parameters)
    if audience != "internal" and shown.get("data"):
        shown["data"] = last_name(shown["data"])
    return shown


def provenance_html(prov: Mapping, *, lang: str = "zh", audience: str = "funder",
                    date: str = "") -> str:
    """The footer of a report: what data it came from, the sgnet version, its review state.

    The same facts are kept as ``data-`` attributes for ``sgnet report --check``. The
    approver's name shows in internal reports only.

    Examples
    --------
    >>> prov = {"fingerprint": "0123456789abcdef" * 2, "sgnet": "0.1.0", "scope_hash": "ab",
    ...         "parameters": {"period": "2023Q2"},
    ...         "approval": {"state": "approved", "by": "王审核", "on": "2023-07-05"}}
    >>> page = provenance_html(prov, date="2023-07-06")
    >>> "已审核(2023-07-05)" in page and "王审核" not in page
    True
    """
    approval = prov.get("approval", {})
    text = provenance_text(prov, lang=lang, audience=audience, date=date)
    data = {"fingerprint": prov["fingerprint"], "scope-hash": prov.get("scope_hash", ""),
            "sgnet": prov.get("sgnet", ""), "approval": approval.get("state", ""),
            "parameters": json.dumps(shared_parameters(prov.get("parameters", {}), audience),
                                     ensure_ascii=False, sort_keys=True)}
    attrs = " ".join(f'data-{k}="{escape(v)}"' for k, v in data.items())
    return f'<footer class="sg-provenance" {attrs}><p class="sg-meta">{escape(text)}</p></footer>'


# --------------------------------------------------------------------------- index page

class IndexRow:
    """One line of the index: a report's file stem, scope, readable name, figures and fate."""

    __slots__ = ("stem", "name", "ok", "figures", "error", "kept_earlier", "formats", "label")

    def __init__(self, stem: str, name: str, *, ok: bool, figures: Mapping[str, int],
                 error: str = "", kept_earlier: bool = False,
                 formats: tuple[str, ...] = ("html",), label: str | None = None):
        self.stem, self.name, self.ok = stem, name, ok
        self.figures, self.error, self.kept_earlier = dict(figures), error, kept_earlier
        self.formats = tuple(formats)  # the files written beside the .ipynb
        self.label = label or stem  # what the row shows: the scope (the stem without suffixes)


def index_html(rows: Iterable[IndexRow], period: Period, *, each: str = "pairing",
               lang: str = "zh", audience: str = "funder", today: dt.date | None = None) -> str:
    """The index page of a batch: one row per report, sortable, self-contained.

    ``figures`` of each row are the headline figures :func:`sgnet.metrics.headline` gives
    for the report's scope and period. Every text that comes from data is escaped; the page
    loads nothing (its only script is inline, and its Content-Security-Policy forbids any
    fetch). Without script the rows stay in scope order. The glyphs of the page's characters
    are embedded (:func:`sgnet.webfont.embed_font`), so it reads without a CJK font.

    Examples
    --------
    >>> import sgnet
    >>> page = index_html([IndexRow("PR01", "甲 → 乙", ok=True, figures={"trainings": 3})],
    ...                   sgnet.parse_period("2023Q2"))
    >>> 'href="PR01.html"' in page and ">3<" in page
    True
    """
    metrics = list(HEADLINE)
    heads = [(word("index.report", lang), "text"),
             (word("index.pairing" if each == "pairing" else "index.region", lang), "text")]
    heads += [(word(m, lang), "num") for m in metrics] + [(word("index.status", lang), "text")]
    head = "".join(f'<th data-col="{i}" data-type="{kind}" scope="col">{escape(text)}</th>'
                   for i, (text, kind) in enumerate(heads))
    lines, failures = [], []
    rows = sorted(rows, key=lambda r: r.stem)
    for r in rows:
        s, shown = escape(r.stem), escape(r.label)
        cells = [f'<td class="sg-num" data-sort="{r.figures[m]}">{r.figures[m]:,}</td>'
                 if m in r.figures else '<td class="sg-num" data-sort="">—</td>'
                 for m in metrics]
        if r.ok:
            link = f'<a href="{s}.html">{shown}</a>' + "".join(
                f' · <a href="{s}.{fmt}">{escape(word(f"index.{fmt}", lang))}</a>'
                for fmt in ("docx", "pdf") if fmt in r.formats)
            status = f'<span class="sg-status-ok">{escape(word("index.ok", lang))}</span>'
        else:
            link = f'<a href="{s}.html">{shown}</a>' if r.kept_earlier else shown
            kept = f" ({escape(word('index.kept', lang))})" if r.kept_earlier else ""
            status = (f'<span class="sg-status-failed">{escape(word("index.failed", lang))}'
                      f'{kept}<span class="sg-reason">{escape(r.error)}</span>'
                      f'<a href="{s}.failed.ipynb">{escape(word("index.notebook", lang))}</a>'
                      "</span>")
            cells = ['<td class="sg-num" data-sort="">—</td>' for _ in metrics]
            failures.append(f"<li><b>{shown}</b> {escape(r.name)}: {escape(r.error)}</li>")
        lines.append(f'<tr class="{"sg-ok" if r.ok else "sg-failed"}">'
                     f'<td data-sort="{shown}">{link}</td><td>{escape(r.name)}</td>'
                     f'{"".join(cells)}<td data-sort="{1 if r.ok else 0}">{status}</td></tr>')
    meta = word("index.meta", lang, start=period.start, end=period.end,
                today=today or dt.date.today(), audience=word(audience, lang), n=len(rows),
                bad=len(failures))
    failure_block = (f'<div class="sg-failures"><p>{escape(word("index.failures", lang))}</p>'
                     f'<ul>{"".join(failures)}</ul></div>' if failures else "")
    page = string.Template((TEMPLATES / "batch_index.html").read_text(encoding="utf-8"))
    return embed_font(page.substitute(
        lang=word("html.lang", lang),
        title=escape(word("index.title", lang, period=period.label)),
        meta=escape(meta), failures=failure_block, head=head, rows="\n".join(lines),
        hint=escape(word("index.hint", lang)),
    ))
