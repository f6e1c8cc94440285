"""The Dataset: validated tables of one program, and selection by period, region and pairing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .errors import SelectionError
from .markup import escape
from .periods import Period, parse_period
from .regions import region_name, resolve_region, within
from .schema import SCHEMAS, column_dtype
from .values import canonical_values
from .vocab import STATUSES

__all__ = ["Dataset"]


def _map_ids(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    """``keys.map(mapping)`` for text ids, through one Arrow hash lookup.

    Examples
    --------
    >>> _map_ids(pd.Series(["b", None, "a", "c"]), pd.Series([1, 2], index=["a", "b"])).tolist()
    [2.0, nan, 1.0, nan]
    """
    if not mapping.index.is_unique:
        raise ValueError("the ids to map from repeat")
    strings = [pa.array(v, type=pa.large_string(), from_pandas=True) for v in (keys, mapping.index)]
    found = pc.index_in(strings[0], value_set=strings[1])
    positions = found.fill_null(-1).to_numpy(zero_copy_only=False)
    return pd.Series(mapping.array.take(positions, allow_fill=True), index=keys.index)


def _no_milestones() -> pd.DataFrame:
    """An empty milestones table (a dataset without 成果): the columns of the design, typed."""
    return pd.DataFrame({c: pd.Series(dtype=column_dtype("milestones", c))
                         for c in SCHEMAS["milestones"].columns}).rename_axis("row")


@dataclass(frozen=True)
class Dataset:
    """Validated tables of a mentoring program, as pandas DataFrames.

    Build one with :func:`sgnet.load`. Every table's index is ``row``: the row number of the
    record in its source file (header = row 1), so any result can be traced back.

    Attributes
    ----------
    organizations, people, pairings, targets, activities : pandas.DataFrame
        The canonical tables (see DESIGN.md). ``activities`` gains a derived column
        ``region``: the region of the target organization, else of the host, else of the
        pairing's mentee.
    milestones : pandas.DataFrame
        Outcomes (成果) of the pairings; empty when the dataset has no such table. ``count``
        defaults to 1.
    source : str
        Where the data came from.
    problems : pandas.DataFrame
        Problems found at load time (empty unless loaded with ``errors="drop"``).
    notices : pandas.DataFrame
        What loading said without rejecting anything: a title row skipped, a 合计 row left
        out, extra columns kept ... (:data:`sgnet.problems.NOTICES`).
    period : Period or None
        The period selected, if any; ``region`` and ``pairing`` likewise.
    """

    organizations: pd.DataFrame
    people: pd.DataFrame
    pairings: pd.DataFrame
    targets: pd.DataFrame
    activities: pd.DataFrame
    source: str = ""
    problems: pd.DataFrame = field(default_factory=pd.DataFrame)
    period: Period | None = None
    region: str | None = None
    pairing: str | None = None
    milestones: pd.DataFrame = field(default_factory=_no_milestones)
    #: what loading said but rejected nothing for (:data:`sgnet.problems.NOTICES`)
    notices: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __setstate__(self, state: dict) -> None:
        # a Dataset pickled by an sgnet without a later field (a hand-over file another
        # process wrote, sgnet.handover) unpickles with that field's default
        defaults = {"notices": pd.DataFrame(), "milestones": _no_milestones()}
        self.__dict__.update(defaults | state)

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame], *, source: str = "",
                    problems: pd.DataFrame | None = None,
                    notices: pd.DataFrame | None = None) -> Dataset:
        """Build a Dataset from typed tables (as :func:`sgnet.load` does) and derive columns."""
        acts = tables["activities"].copy(deep=False)  # copy-on-write: columns added below only
        orgs = tables["organizations"]
        org_region = pd.Series(orgs["region"].to_numpy(), index=orgs["org_id"].to_numpy())
        pairs = tables["pairings"]
        mentee_region = pd.Series(
            pairs["mentee_org_id"].map(org_region).to_numpy(), index=pairs["pairing_id"].to_numpy()
        )
        region = _map_ids(acts["target_org_id"], org_region)
        for key, mapping in (("host_org_id", org_region), ("pairing_id", mentee_region)):
            missing = region.isna()
            if missing.any():
                region[missing] = _map_ids(acts.loc[missing, key], mapping)
        acts["region"] = region.astype("string")
        acts["count"] = acts["count"].fillna(1)
        milestones = tables.get("milestones")
        if milestones is None:
            milestones = _no_milestones()
        else:
            milestones = milestones.copy(deep=False)
            milestones["count"] = milestones["count"].fillna(1)
        return cls(
            organizations=tables["organizations"], people=tables["people"],
            pairings=tables["pairings"], targets=tables["targets"], activities=acts,
            source=source, problems=problems if problems is not None else pd.DataFrame(),
            milestones=milestones,
            notices=notices if notices is not None else pd.DataFrame(),
        )

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The six tables by name."""
        return {
            "organizations": self.organizations, "people": self.people,
            "pairings": self.pairings, "targets": self.targets, "activities": self.activities,
            "milestones": self.milestones,
        }

    @property
    def rejected(self) -> pd.DataFrame:
        """Problems of the rows left out at load time (``errors="drop"``)."""
        if self.problems.empty:
            return self.problems
        return self.problems.dropna(subset=["row"])

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """First and last activity start date, or None when there is no activity."""
        dates = self.activities["start_date"].dropna()
        if dates.empty:
            return None
        return dates.min().date(), dates.max().date()

    def select(self, period: str | Period | None = None, region: str | None = None,
               pairing: str | None = None, status: str | None = None) -> Dataset:
        """A Dataset restricted to a period, a region and/or a pairing.

        Parameters
        ----------
        period : str or Period, optional
            Keep activities whose ``start_date`` lies in the period (any form of
            :func:`sgnet.parse_period`). Pairings, targets and organizations are kept.
        region : str, optional
            A region code at any level (450000 province, 451200 city, 451225 county) or a
            place name: keep activities whose region lies inside it, pairings whose mentee
            organization lies inside it, and their targets.
        pairing : str, optional
            Keep this pairing, its targets and its activities.

        status : str, optional
            Keep only activities and milestones of this review status (``approved`` for
            ``--approved-only``, or its Chinese form 已审核); a record without a status is kept
            by no status.

        Milestones follow their pairing (pairing, region) and their ``date`` (period).

        Returns
        -------
        Dataset
            A new Dataset; this one is not changed. Organizations and people are kept whole,
            so that every reference still resolves.

        Raises
        ------
        PeriodError
            If ``period`` is not understood.
        SelectionError
            If ``region`` resolves to no place or several, ``pairing`` is unknown or
            ``status`` is not a review status (a ``ValueError`` too).

        Examples
        --------
        >>> import sgnet
        >>> ds = sgnet.load()
        >>> q4 = ds.select(period="2022Q4")
        >>> bool(q4.activities["start_date"].dt.quarter.eq(4).all())
        True
        """
        acts, pairs, targets = self.activities, self.pairings, self.targets
        miles = self.milestones
        new_period, new_region, new_pairing = self.period, self.region, self.pairing
        if pairing is not None:
            if pairing not in set(pairs["pairing_id"]):
                known = ", ".join(sorted(map(str, pairs["pairing_id"]))[:8])
                raise SelectionError(f"pairing {pairing!r} is not a pairing_id of this dataset"
                                     f" (it has: {known or 'no pairings'})")
            acts = acts[acts["pairing_id"] == pairing]
            pairs = pairs[pairs["pairing_id"] == pairing]
            targets = targets[targets["pairing_id"] == pairing]
            miles = miles[miles["pairing_id"] == pairing]
            new_pairing = pairing
        if region is not None:
            try:
                code = resolve_region(region)
            except ValueError as err:
                raise SelectionError(f"region: {err}") from None
            acts = acts[within(acts["region"], code)]
            mentee_region = pairs["mentee_org_id"].map(
                self.organizations.set_index("org_id")["region"])
            pairs = pairs[within(mentee_region, code).to_numpy()]
            targets = targets[targets["pairing_id"].isin(pairs["pairing_id"])]
            miles = miles[miles["pairing_id"].isin(pairs["pairing_id"])]
            new_region = code
        if period is not None:
            p = parse_period(period)
            start, end = pd.Timestamp(p.start), pd.Timestamp(p.end)
            acts = acts[(acts["start_date"] >= start) & (acts["start_date"] <= end)]
            miles = miles[(miles["date"] >= start) & (miles["date"] <= end)]
            new_period = p
        if status is not None:
            typed, status = status, canonical_values([str(status)], "status", STATUSES)[0]
            if status is None:
                raise SelectionError(f"status {typed!r} is not a review status; use one "
                                     f"of {', '.join(STATUSES)} (草稿, 已提交, 已审核, 退回)")
            acts = acts[(acts["status"] == status).fillna(False).to_numpy(dtype=bool)] \
                if "status" in acts else acts.iloc[0:0]
            miles = miles[(miles["status"] == status).fillna(False).to_numpy(dtype=bool)] \
                if "status" in miles else miles.iloc[0:0]
        return replace(self, activities=acts, pairings=pairs, targets=targets, milestones=miles,
                       period=new_period, region=new_region, pairing=new_pairing)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        scope = self._scope_text()
        return f"<Dataset {sizes}{'; ' + scope if scope else ''}>"

    def _scope_text(self) -> str:
        parts = []
        if self.period is not None:
            parts.append(f"period {self.period.describe()}")
        if self.region is not None:
            parts.append(f"region {self.region} {region_name(self.region, full=True)}")
        if self.pairing is not None:
            parts.append(f"pairing {self.pairing}")
        return ", ".join(parts)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape(k)}</td><td style='text-align:right'>{len(v)}</td></tr>"
            for k, v in self.tables.items()
        )
        span = self.date_range()
        extra = f"<br>activities {span[0]} … {span[1]}" if span else ""
        scope = self._scope_text()
        return (
            "<div><b>sgnet Dataset</b> "
            f"<small>{escape(self.source)}</small>"
            f"{'<br>' + escape(scope) if scope else ''}{extra}"
            f"<table><tr><th>table</th><th>rows</th></tr>{rows}</table></div>"
        )
