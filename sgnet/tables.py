"""Report tables as *table parts*: the cells already written, for the page and the Word file.

A table part is a plain dict (JSON, see :mod:`sgnet.parts`)::

    {"type": "table", "name": "pairings",
     "columns": ["结对编号", ...],          # one header label per column
     "groups": [None, "培训", "培训", ...], # an upper header spanning columns, or None
     "align": ["left", "right", ...],
     "rows": [["PR01", "3", ...], ...],     # every cell as it is shown
     "classes": [["", "sg-behind", ...], ...] (optional), "total": True (last row: totals)}

The same strings appear in the HTML (:func:`table_html`) and in the Word file
(:mod:`sgnet.docx_report`). Numbers are written with thousands separators; ``—`` marks a
cell where the measure does not apply (people for a station visit, no base for a change)
and an empty cell means that nothing was recorded.
"""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .markup import escape
from .metrics import by_pairing, by_region
from .vocab import ACTIVITY_KINDS
from .words import kind_label, word

__all__ = ["NOT_APPLICABLE", "NO_PARTICIPANTS", "number", "pivot_part", "pairing_table",
           "region_table", "progress_part", "comparison_part", "percent_change", "frame_part",
           "table_html"]

#: the cell of a measure that does not apply
NOT_APPLICABLE = "—"
#: activity kinds whose ``participants`` mean nothing (DESIGN.md): their cell shows ``—``
NO_PARTICIPANTS = frozenset({"station_visit", "household_visit", "interview", "stay"})


def number(value: float) -> str:
    """A number as a report writes it: thousands separators, one decimal only if needed.

    Examples
    --------
    >>> number(1234), number(2.5), number(float("nan"))
    ('1,234', '2.5', '')
    """
    if pd.isna(value):
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _kind_order(kind: str) -> int:
    return ACTIVITY_KINDS.index(kind) if kind in ACTIVITY_KINDS else len(ACTIVITY_KINDS)


def pivot_part(totals: pd.DataFrame, keys: list[str], *, name: str, lang: str = "zh",
               rows: pd.DataFrame | None = None, headers: dict[str, str] | None = None,
               sort: bool = True) -> dict:
    """A key × activity-kind table: count and participants per kind, with a totals row.

    Parameters
    ----------
    totals : pandas.DataFrame
        Long totals, as :func:`sgnet.metrics.by_pairing` or :func:`~sgnet.metrics.by_region`
        give them: ``*keys, kind, activities, count, participants``.
    keys : list of str
        The columns that name a row (``["pairing_id", "mentor", "mentee"]``); their headers
        are the words of the same keys.
    name : str
        The table's name (``pairings``, ``regions``).
    rows : pandas.DataFrame, optional
        Every row to show (columns ``keys``), also those with no record (their cells stay
        empty). Default: the rows of ``totals``.
    headers : dict, optional
        Header labels of key columns, instead of their words.
    sort : bool
        Sort the rows by their keys (else keep the order of ``rows``).

    Returns
    -------
    dict
        A table part. Each kind present gets two columns, 次数/数量 and 人次 (``—`` where
        participants do not apply); a last column counts the records, a last row sums.

    Examples
    --------
    >>> t = pd.DataFrame({"pairing_id": ["P1", "P1", "P2"],
    ...                   "kind": ["training", "station_visit", "training"],
    ...                   "activities": [2, 1, 1], "count": [2, 5, 1],
    ...                   "participants": [40, 0, 1200]})
    >>> all_rows = pd.DataFrame({"pairing_id": ["P1", "P2", "P3"]})
    >>> part = pivot_part(t, ["pairing_id"], name="pairings", lang="en", rows=all_rows)
    >>> part["groups"][1:5]
    ['Training', 'Training', 'Station visits', 'Station visits']
    >>> for row in part["rows"]:
    ...     print(row)
    ['P1', '2', '40', '5', '—', '3']
    ['P2', '1', '1,200', '', '', '1']
    ['P3', '', '', '', '', '']
    ['Total', '3', '1,240', '5', '—', '4']
    """
    kinds = sorted(dict.fromkeys(totals["kind"].dropna()), key=_kind_order)
    rows = (rows if rows is not None else totals[keys]).drop_duplicates(keys)
    if sort:
        rows = rows.sort_values(keys, kind="stable", na_position="last")
    columns = [(headers or {}).get(k) or word(k, lang) for k in keys]
    groups: list[str | None] = [None] * len(keys)
    measures: list[tuple[str, str]] = []
    for kind in kinds:
        for measure in ("count", "participants"):
            columns.append(word(f"unit.{measure}", lang))
            groups.append(kind_label(kind, lang))
            measures.append((kind, measure))
    columns.append(word("activities", lang))
    groups.append(None)

    def cells(select: pd.DataFrame, present: set[str]) -> list[str]:
        out = []
        for kind, measure in measures:
            if kind not in present:
                out.append("")
            elif measure == "participants" and kind in NO_PARTICIPANTS:
                out.append(NOT_APPLICABLE)
            else:
                out.append(number(select.loc[select["kind"] == kind, measure].sum()))
        return out

    body = []
    for row in rows[keys].itertuples(index=False):
        key = tuple(row)
        mask = pd.Series(True, index=totals.index)
        for k, v in zip(keys, key, strict=True):
            mask &= (totals[k] == v) if pd.notna(v) else totals[k].isna()
        mine = totals[mask]
        records = int(mine["activities"].sum())
        label = [("" if pd.isna(v) else str(v)) or word("no_pairing", lang) for v in key]
        body.append(label + cells(mine, set(mine["kind"])) + [number(records) if records
                                                                else ""])
    total = [word("total", lang)] + [""] * (len(keys) - 1)
    body.append(total + cells(totals, set(totals["kind"]))
                + [number(int(totals["activities"].sum()))])
    return {"type": "table", "name": name, "columns": columns, "groups": groups,
            "align": ["left"] * len(keys) + ["right"] * (len(columns) - len(keys)),
            "rows": body, "total": True}


def pairing_table(current: Dataset, *, lang: str = "zh") -> dict:
    """Pairing × kind: every pairing active in the period (those with no record stay blank).

    ``current`` is selected to the period (and scope).

    Examples
    --------
    >>> import sgnet
    >>> part = pairing_table(sgnet.load().select(period="2022Q4", pairing="PR14"), lang="en")
    >>> part["columns"][:4], part["rows"][0][0], part["rows"][-1][0]
    (['Pairing', 'Mentor organization', 'Mentee organization', 'Count'], 'PR14', 'Total')
    """
    totals = by_pairing(current)
    pairs = current.pairings
    if current.period is not None:
        start, end = pd.Timestamp(current.period.start), pd.Timestamp(current.period.end)
        pairs = pairs[(pairs["start_date"] <= end)
                      & (pairs["end_date"].isna() | (pairs["end_date"] >= start))]
    names = pd.Series(current.organizations["name"].to_numpy(),
                      index=current.organizations["org_id"])
    keys = ["pairing_id", "mentor", "mentee"]
    rows = pd.DataFrame({"pairing_id": pairs["pairing_id"].to_numpy(),
                         "mentor": pairs["mentor_org_id"].map(names).to_numpy(),
                         "mentee": pairs["mentee_org_id"].map(names).to_numpy()})
    rows = pd.concat([rows, totals[keys]], ignore_index=True)
    return pivot_part(totals, keys, name="pairings", lang=lang, rows=rows)


def region_table(current: Dataset, *, level: str = "province", lang: str = "zh") -> dict:
    """Region × kind at ``level`` (province, city or county), with totals.

    Examples
    --------
    >>> import sgnet
    >>> part = region_table(sgnet.load().select(period="2022Q4"), lang="en")
    >>> part["columns"][0], part["rows"][0][0]
    ('Province', '广东省')
    """
    totals = by_region(current, level=level)
    rows = totals.sort_values(level, kind="stable")[["region_name"]]
    return pivot_part(totals, ["region_name"], name="regions", lang=lang, rows=rows,
                      headers={"region_name": word(level, lang)}, sort=False)


def progress_part(progress: pd.DataFrame, *, lang: str = "zh") -> dict:
    """One row per pairing, one column per target metric: ``actual / target (share)``.

    ``progress`` is the result of :func:`sgnet.metrics.progress`; a metric with no target
    for a pairing is ``—``. Each cell's class names its status (behind, on track, met).

    Examples
    --------
    >>> p = pd.DataFrame({"pairing_id": ["PR01"], "mentor": ["甲"], "mentee": ["乙"],
    ...                   "metric": ["training"], "actual": [3], "target": [12.0],
    ...                   "expected": [6.0], "share": [0.25], "status": ["behind"]})
    >>> part = progress_part(p)
    >>> part["columns"], part["rows"]
    (['结对编号', '帮扶机构', '受援机构', '培训'], [['PR01', '甲', '乙', '3 / 12 (25%)']])
    >>> part["classes"][0][3]
    'sg-behind'
    """
    def order(metric: str) -> tuple[int, bool]:
        return _kind_order(metric.removesuffix("_participants")), metric.endswith(
            "_participants")

    metrics = sorted(dict.fromkeys(progress["metric"]), key=order)
    columns = [word(c, lang) for c in ("pairing_id", "mentor", "mentee")]
    columns += [kind_label(m, lang) for m in metrics]
    body, classes = [], []
    for pid, rows in progress.groupby("pairing_id", sort=True):
        first = rows.iloc[0]
        cells = [str(pid), str(first["mentor"]), str(first["mentee"])]
        cls = ["", "", ""]
        by_metric = rows.set_index("metric")
        for m in metrics:
            if m not in by_metric.index:
                cells.append(NOT_APPLICABLE)
                cls.append("")
                continue
            r = by_metric.loc[m]
            cells.append(f"{int(r['actual']):,} / {r['target']:,.0f} ({r['share'] * 100:.0f}%)")
            cls.append(f"sg-{r['status']}")
        body.append(cells)
        classes.append(cls)
    return {"type": "table", "name": "progress", "columns": columns,
            "groups": [None] * len(columns), "align": ["left"] * 3 + ["right"] * len(metrics),
            "rows": body, "classes": classes, "total": False}


def comparison_part(compare: pd.DataFrame, *, lang: str = "zh") -> dict:
    """The headline figures against the previous period (环比), the same period a year
    before (同比) and since the pairings began (累计).

    ``compare`` is :func:`sgnet.metrics.compare`; a base that the data does not cover, or a
    base of 0, shows ``—`` instead of a change.

    Examples
    --------
    >>> c = pd.DataFrame({"metric": ["trainings"], "value": [12], "previous": [10.0],
    ...                   "previous_period": ["2022Q3"], "pct_previous": [20.0],
    ...                   "year_before": [float("nan")], "year_before_period": ["2021Q4"],
    ...                   "pct_year": [float("nan")], "cumulative": [40]})
    >>> comparison_part(c, lang="en")["rows"]
    [['Trainings', '12', '10', '+20%', '—', '—', '40']]
    """
    prev = compare["previous_period"].iloc[0] if len(compare) else ""
    ago = compare["year_before_period"].iloc[0] if len(compare) else ""
    columns = [word("metric", lang), word("compare.current", lang),
               word("compare.previous", lang, label=prev), word("compare.change", lang),
               word("compare.year_ago", lang, label=ago), word("compare.year_change", lang),
               word("compare.cumulative", lang)]
    body = []
    for r in compare.itertuples(index=False):
        body.append([word(r.metric, lang), number(r.value),
                     NOT_APPLICABLE if pd.isna(r.previous) else number(r.previous),
                     percent_change(r.pct_previous),
                     NOT_APPLICABLE if pd.isna(r.year_before) else number(r.year_before),
                     percent_change(r.pct_year), number(r.cumulative)])
    return {"type": "table", "name": "compare", "columns": columns,
            "groups": [None] * len(columns), "align": ["left"] + ["right"] * 6,
            "rows": body, "total": False}


def percent_change(change: float | None) -> str:
    """A change in percent as the report writes it: ``+20%``, ``-5%``, ``—`` without a base.

    Examples
    --------
    >>> percent_change(20.0), percent_change(-5.4), percent_change(None)
    ('+20%', '-5%', '—')
    """
    if change is None or pd.isna(change):
        return NOT_APPLICABLE
    return f"{change:+.0f}%"


def frame_part(frame: pd.DataFrame, *, name: str, lang: str = "zh") -> dict:
    """Any DataFrame as a table part: headers and kinds translated, numbers formatted.

    Examples
    --------
    >>> frame_part(pd.DataFrame({"kind": ["training"], "count": [1200]}), name="t",
    ...            lang="en")["rows"]
    [['Training', '1,200']]
    """
    rows = []
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(
        frame[c]) for c in frame.columns]
    for values in frame.itertuples(index=False):
        row = []
        for col, value, num in zip(frame.columns, values, numeric, strict=True):
            if num:
                row.append(number(value))
            elif col in ("kind", "metric") and isinstance(value, str):
                row.append(kind_label(value, lang))
            else:
                row.append("" if value is None or pd.isna(value) else str(value))
        rows.append(row)
    return {"type": "table", "name": name, "columns": [word(str(c), lang) for c in frame.columns],
            "groups": [None] * len(frame.columns),
            "align": ["right" if n else "left" for n in numeric], "rows": rows, "total": False}


def _head_html(part: dict) -> str:
    columns, groups = part["columns"], part.get("groups") or [None] * len(part["columns"])
    if not any(groups):
        return "<tr>" + "".join(f"<th scope='col'>{escape(c)}</th>" for c in columns) + "</tr>"
    top, bottom, i = [], [], 0
    while i < len(columns):
        g = groups[i]
        if g is None:
            top.append(f"<th scope='col' rowspan='2'>{escape(columns[i])}</th>")
            i += 1
            continue
        span = 1
        while i + span < len(columns) and groups[i + span] == g:
            span += 1
        top.append(f"<th scope='colgroup' colspan='{span}' class='sg-group'>{escape(g)}</th>")
        bottom += [f"<th scope='col' class='sg-num'>{escape(c)}</th>"
                   for c in columns[i:i + span]]
        i += span
    return f"<tr>{''.join(top)}</tr><tr>{''.join(bottom)}</tr>"


def table_html(part: dict) -> str:
    """A table part as an escaped HTML table (numbers right-aligned, totals row marked).

    Examples
    --------
    >>> part = {"type": "table", "name": "t", "columns": ["地区", "次数"],
    ...         "align": ["left", "right"], "rows": [["广西", "1,200"]]}
    >>> table_html(part)  # doctest: +ELLIPSIS
    "<div class='sg-scroll'><table class='sg-table' data-table='t'>...<td class='sg-num'>1,200<..."
    """
    align = part.get("align") or ["left"] * len(part["columns"])
    classes = part.get("classes") or [[""] * len(r) for r in part["rows"]]
    body = []
    last = len(part["rows"]) - 1
    for i, (row, cls) in enumerate(zip(part["rows"], classes, strict=True)):
        cells = []
        for value, a, c in zip(row, align, cls, strict=True):
            names = " ".join(n for n in ("sg-num" if a == "right" else "", c) if n)
            attr = f" class='{escape(names)}'" if names else ""
            cells.append(f"<td{attr}>{escape(value)}</td>")
        total = " class='sg-total'" if part.get("total") and i == last else ""
        body.append(f"<tr{total}>{''.join(cells)}</tr>")
    return (f"<div class='sg-scroll'><table class='sg-table' data-table='{escape(part['name'])}'>"
            f"<thead>{_head_html(part)}</thead><tbody>{''.join(body)}</tbody></table></div>")
