"""For researchers: a pairing × period panel of every measure, its codebook, and the graphs.

:func:`panel` gives one row per pairing and period (the periods of the data, of one type) with
every measure as a column; :data:`CODEBOOK` says what each column means, in which unit, in
Chinese and English. :func:`graphml_ready` turns the pairing graph of a period
(:func:`sgnet.graph.build`) into one GraphML can store. :func:`write_export` writes them all
(``sgnet export``): ``panel.parquet``, ``panel.csv``, ``codebook.csv`` and
``graphs/<period>.graphml``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd

from .dataset import Dataset
from .errors import SgnetError
from .excel import write_csv
from .graph import build
from .measures import silence, supervision_frequency, supervision_hours
from .metrics import headline
from .onsite import DAYS_PER_STAY, onsite_summary, person_days
from .paths import last_name
from .periods import Period, parse_period
from .vocab import MILESTONE_KINDS

__all__ = ["PERIOD_TYPES", "CODEBOOK", "periods_of", "panel", "graphml_ready", "write_export"]

PERIOD_TYPES: tuple[str, ...] = ("month", "quarter", "year")

_C = tuple[str, str, str, str, str]  # column, meaning, unit, zh, en

#: the panel's columns: (column, meaning, unit, Chinese label, English label)
CODEBOOK: tuple[_C, ...] = (
    ("pairing_id", "pairing (pairings.csv)", "id", "结对编号", "Pairing"),
    ("period", "period label (2022-10, 2022Q4 or 2022)", "period", "期间", "Period"),
    ("period_start", "first day of the period", "date", "期间开始", "Period start"),
    ("period_end", "last day of the period", "date", "期间结束", "Period end"),
    ("trainings", "Σ count of training rows starting in the period", "sessions",
     "培训场次", "Trainings"),
    ("people_trained", "Σ participants of training rows", "people (人次)", "培训人次",
     "People trained"),
    ("individual_supervision", "Σ count of individual supervision rows", "sessions",
     "个别督导次数", "Individual supervision sessions"),
    ("people_supervised", "Σ participants of individual supervision rows", "people (人次)",
     "个别督导人数", "People supervised individually"),
    ("group_supervision", "Σ count of group supervision rows", "sessions", "团体督导次数",
     "Group supervision sessions"),
    ("station_visits", "Σ count of station visit rows", "stations", "走访社工站(个)",
     "Station visits"),
    ("household_visits", "Σ count of household visit rows", "households", "入户走访(户)",
     "Household visits"),
    ("supervision_hours", "Σ hours of individual and group supervision", "hours",
     "督导时数", "Supervision hours"),
    ("stays", "stay rows (驻点) starting in the period", "stays", "驻点(次)", "Stays on site"),
    ("onsite_working_days", "Σ over people of the official working days on site in the "
     "period, from records starting in it (a person's day counts once)", "person-days",
     "驻点工作日(人·日)", "Working days on site"),
    ("milestones", "outcome records (milestones) dated in the period", "records",
     "成果(项)", "Outcomes recorded"),
    ("training_hours", "Σ hours of training rows", "hours", "培训时数", "Training hours"),
    ("total_hours", "training_hours + supervision_hours", "hours", "合计时数", "Total hours"),
    ("supervised", "Σ participants of individual and group supervision", "people (人次)",
     "督导人次", "People supervised (all supervision)"),
    ("social_workers", "social workers of organizations in the mentee's county (mentor's "
     "own left out)", "people", "本地社工人数", "Local social workers"),
    ("per_worker", "supervised / social_workers (empty when there is none)",
     "times per worker", "人均督导次数", "Supervision per social worker"),
    ("onsite_people", "people with at least one day on site in the period", "people",
     "在岗人数", "People on site"),
    ("short_stays", f"stays starting in the period with fewer than {DAYS_PER_STAY} working "
     "days", "stays", "不足 10 个工作日的驻点", "Short stays"),
    *((f"milestone_{k}", f"Σ count of milestones of kind {k} dated in the period",
       "as the kind counts", f"成果:{zh}", f"Outcomes: {k}")
      for k, zh in zip(MILESTONE_KINDS, ("建成社工站", "培育本土机构", "培养人才", "服务项目",
                                          "制度", "品牌", "其他"), strict=True)),
    ("active_months", "months of the period within the pairing's active span", "months",
     "在册月数", "Active months"),
    ("reported_months", "of those, months with at least one activity or milestone", "months",
     "有记录月数", "Months with records"),
    ("longest_silence", "longest run of months without any record (counting months before "
     "the period since the last record)", "months", "最长连续无记录(月)", "Longest silence"),
)


def periods_of(ds: Dataset, period_type: str = "quarter") -> list[Period]:
    """The periods of ``period_type`` from the first to the last record of ``ds``.

    Examples
    --------
    >>> acts = pd.DataFrame({"start_date": pd.to_datetime(["2022-11-05", "2023-02-01"])})
    >>> ds = Dataset(organizations=None, people=None, pairings=None, targets=None,
    ...              activities=acts)
    >>> [p.label for p in periods_of(ds, "quarter")]
    ['2022Q4', '2023Q1']
    """
    if period_type not in PERIOD_TYPES:
        raise SgnetError(f"period type must be one of {', '.join(PERIOD_TYPES)}, "
                         f"not {period_type!r}")
    dates = pd.concat([ds.activities["start_date"], ds.milestones["date"]]).dropna()
    if dates.empty:
        return []
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[period_type]
    labels = pd.period_range(dates.min(), dates.max(), freq=freq)
    if period_type == "month":
        return [parse_period(p.strftime("%Y-%m")) for p in labels]
    return [parse_period(str(p)) for p in labels]


def _active(ds: Dataset, p: Period) -> list[str]:
    pairs = ds.pairings
    keep = (pairs["start_date"] <= pd.Timestamp(p.end)) & (
        pairs["end_date"].isna() | (pairs["end_date"] >= pd.Timestamp(p.start)))
    return pairs.loc[keep, "pairing_id"].tolist()


def _period_rows(ds: Dataset, p: Period) -> pd.DataFrame:
    """Every measure of one period, one row per pairing active in it."""
    ids = _active(ds, p)
    sel = ds.select(period=p)
    out = pd.DataFrame(index=pd.Index(ids, name="pairing_id"))
    for pid in ids:  # headline per pairing: the same function the reports use
        h = headline(sel.select(pairing=pid))
        for metric, value in zip(h["metric"], h["value"], strict=True):
            out.loc[pid, metric] = value
    hours = supervision_hours(sel).groupby("pairing_id")[["training_hours", "total_hours"]].sum()
    out = out.join(hours)
    freq = supervision_frequency(sel).set_index("pairing_id")
    out = out.join(freq[["supervised", "social_workers", "per_worker"]])
    days = person_days(sel, p.start, p.end)
    out["onsite_people"] = days.groupby("pairing_id")["person_id"].nunique()
    stays = sel.activities[sel.activities["kind"] == "stay"]
    out["short_stays"] = _short_stays(sel, stays)
    miles = sel.milestones.assign(count=sel.milestones["count"].fillna(1))
    per_kind = miles.pivot_table(index="pairing_id", columns="kind", values="count",
                                 aggfunc="sum", observed=True)
    for kind in MILESTONE_KINDS:
        out[f"milestone_{kind}"] = per_kind[kind] if kind in per_kind else 0
    quiet = silence(ds, p).set_index("pairing_id")
    out["active_months"] = quiet["months"]
    out["reported_months"] = quiet["reported"]
    out["longest_silence"] = quiet["longest_silence"]
    out = out.reset_index()
    out.insert(1, "period", p.label)
    out.insert(2, "period_start", pd.Timestamp(p.start))
    out.insert(3, "period_end", pd.Timestamp(p.end))
    return out


def _short_stays(sel: Dataset, stays: pd.DataFrame) -> pd.Series:
    """Per pairing: stay records of ``sel`` with fewer than 10 working days."""
    if stays.empty:
        return pd.Series(dtype="int64")
    years = sorted(stays["start_date"].dt.year.unique())
    per = pd.concat([onsite_summary(sel, year=int(y)) for y in years])
    return per.groupby("pairing_id")["short_stays"].sum()


def panel(ds: Dataset, *, period_type: str = "quarter") -> pd.DataFrame:
    """A pairing × period panel with every measure as a column.

    Parameters
    ----------
    ds : Dataset
        Not selected by period; it may be selected by region or pairing.
    period_type : {"month", "quarter", "year"}

    Returns
    -------
    pandas.DataFrame
        One row per pairing and period in which the pairing was active (started by the
        period's end, not ended before its start), for every period from the first to the
        last record; columns as :data:`CODEBOOK` lists them, in that order. Counts are
        integers, hours and ratios floats (``per_worker`` NaN when a county has no social
        worker).

    Raises
    ------
    SgnetError
        If ``period_type`` is not one of :data:`PERIOD_TYPES`.

    Examples
    --------
    >>> import sgnet
    >>> p = panel(sgnet.load().select(pairing="PR14"), period_type="year")
    >>> p[["pairing_id", "period", "trainings", "stays"]]
      pairing_id period  trainings  stays
    0       PR14   2022          3      1
    1       PR14   2023         11      4
    """
    frames = [_period_rows(ds, p) for p in periods_of(ds, period_type)]
    columns = [c[0] for c in CODEBOOK]
    if not frames:  # an empty selection: the same columns and types, no rows
        out = pd.DataFrame(columns=columns).astype(
            {"pairing_id": "str", "period": "str", "period_start": "datetime64[s]",
             "period_end": "datetime64[s]"})
    else:
        out = pd.concat(frames, ignore_index=True).reindex(columns=columns)
    floats = {"supervision_hours", "training_hours", "total_hours", "per_worker"}
    for col in columns[4:]:
        if col in floats:
            out[col] = out[col].astype("float64")
        else:
            out[col] = out[col].fillna(0).astype("int64")
    out["supervision_hours"] = out["supervision_hours"].fillna(0.0)
    for col in ("training_hours", "total_hours"):
        out[col] = out[col].fillna(0.0).round(1)
    return out


def _simple(value: object) -> object:
    if isinstance(value, str):  # a path not in UTF-8 (a GBK folder name): XML cannot hold it
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if isinstance(value, bool | int | float):
        return value
    if hasattr(value, "item"):
        return value.item()
    return str(value)


#: what a person node says about the person: left out of an export unless asked for
PERSONAL = ("name", "party_member")


def graphml_ready(graph: nx.MultiDiGraph, *, names: bool = True) -> nx.MultiDiGraph:
    """A copy of a pairing graph that GraphML can store: simple attribute values only.

    ``None`` values are left out; dict attributes (``kinds``, ``kind_participants``) become
    one attribute per key (``kinds_training``); other values become ``str``, ``int``,
    ``float`` or ``bool``. With ``names=False`` a person is a node with an id, an
    organization and a role, without :data:`PERSONAL` (name, party membership), and the
    data's ``source`` is its file or folder name, not a path that may name its owner.

    Examples
    --------
    >>> g = nx.MultiDiGraph(period=None, source="x")
    >>> g.add_edge("a", "b", key="led", kinds={"training": 2}, first="2022-10-24", note=None)
    'led'
    >>> h = graphml_ready(g)
    >>> sorted(h.edges["a", "b", "led"].items()), h.graph
    ([('first', '2022-10-24'), ('kinds_training', 2)], {'source': 'x'})
    """
    def flat(attrs: dict) -> dict:
        out = {}
        for key, value in attrs.items():
            if isinstance(value, dict):
                out.update({f"{key}_{k}": _simple(v) for k, v in value.items()
                            if v is not None})
            elif value is not None and not (isinstance(value, float) and pd.isna(value)):
                out[key] = _simple(value)
        return out

    def shown(attrs: dict) -> dict:
        if names or attrs.get("kind") != "person":
            return attrs
        return {k: v for k, v in attrs.items() if k not in PERSONAL}

    about = dict(graph.graph)
    if not names and about.get("source"):
        about["source"] = last_name(about["source"])
    h = nx.MultiDiGraph(**flat(about))
    h.add_nodes_from((n, flat(shown(d))) for n, d in graph.nodes(data=True))
    h.add_edges_from((u, v, k, flat(d)) for u, v, k, d in graph.edges(keys=True, data=True))
    return h


def write_export(ds: Dataset, out: str | Path, *, period_type: str = "quarter",
                 overwrite: bool = False, names: bool = False) -> list[Path]:
    """Write the panel (Parquet and CSV), its codebook and one GraphML graph per period.

    Parameters
    ----------
    ds : Dataset
    out : str or Path
        Folder to write into (created if needed).
    period_type : {"month", "quarter", "year"}
    overwrite : bool
        Replace files already there; without it, any file already there is an error and
        nothing is written.
    names : bool
        Keep people's names and party membership in the graphs (personal data: only when
        asked for); without it people are ids with their organization and role.

    Returns
    -------
    list of Path
        The files written: ``panel.parquet``, ``panel.csv``, ``codebook.csv`` and
        ``graphs/<period>.graphml``.

    Raises
    ------
    SgnetError
        If a file to write exists and ``overwrite`` is false, or ``out`` is a file.

    Examples
    --------
    >>> import sgnet, tempfile
    >>> files = write_export(sgnet.load().select(pairing="PR14"), tempfile.mkdtemp(),
    ...                      period_type="year")
    >>> [f.name for f in files]
    ['panel.parquet', 'panel.csv', 'codebook.csv', '2022.graphml', '2023.graphml']
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise SgnetError(f"{out} is a file; name a folder for the export")
    periods = periods_of(ds, period_type)
    targets = [out / "panel.parquet", out / "panel.csv", out / "codebook.csv"]
    targets += [out / "graphs" / f"{p.label}.graphml" for p in periods]
    there = [str(t) for t in targets if t.exists()]
    if there and not overwrite:
        raise SgnetError(f"{there[0]} exists ({len(there)} files of the export are there); "
                         "pass --force to replace them, or choose another folder")
    (out / "graphs").mkdir(parents=True, exist_ok=True)
    # every file is written into a temporary folder first and moved into place only when
    # all are written: an export that fails half-way leaves the earlier one as it was
    with tempfile.TemporaryDirectory(prefix=".sgnet-export-", dir=out) as work:
        staged = [Path(work) / t.relative_to(out) for t in targets]
        (Path(work) / "graphs").mkdir()
        table = panel(ds, period_type=period_type)
        table.to_parquet(staged[0], index=False)
        write_csv(table.assign(period_start=table["period_start"].dt.strftime("%Y-%m-%d"),
                               period_end=table["period_end"].dt.strftime("%Y-%m-%d")),
                  staged[1])
        codebook = pd.DataFrame(list(CODEBOOK),
                                columns=["column", "meaning", "unit", "zh", "en"])
        write_csv(codebook, staged[2])
        for p, path in zip(periods, staged[3:], strict=True):
            nx.write_graphml(graphml_ready(build(ds.select(period=p)), names=names), path)
        for path, target in zip(staged, targets, strict=True):
            os.replace(path, target)
    return targets
