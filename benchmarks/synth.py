#!/usr/bin/env python
"""Generate a synthetic national dataset for the benchmarks: seeded, reproducible, vectorized.

At ``--scale 1`` (the default) it has the shape of a national 牵手计划 office:

* 2,000 agencies (500 eastern mentor agencies, 1,500 mentee agencies), one county
  civil-affairs bureau (民政局) per mentee county, ~30,000 township stations (社工站);
* 6,000 supervisors (督导) in the mentor agencies and one manager per mentee agency;
* 1,500 pairings, each with its own mentee county; the counties are real 6-digit codes from
  :func:`sgnet.regions.divisions`, drawn from every province of the mainland (weighted to the
  centre and west), the mentor agencies sit in real districts of the eastern provinces;
* yearly targets for 8 metrics per pairing and year;
* 1,000,000 activities from 2021-01-01 to 2023-12-31 (seasonal, kinds in the sample's
  proportions, supervisors of the mentor agency leading them).

Every name is fictional. ``--scale 0.01`` gives 1 % of every count (tests use it). The output
is a folder of UTF-8 CSV files (``<out>/csv``) and a workbook-sized subset: the first pairings
(by id) whose activities fit in ``--workbook-rows``, with everything they refer to, as one
.xlsx with Chinese sheet names (``<out>/workbook.xlsx``). Nothing is written into the
repository unless you ask for it. Run::

    python benchmarks/synth.py [--out /tmp/sgnet-national] [--scale 1.0] [--seed 8]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from sgnet.regions import divisions
from sgnet.vocab import FILE_STEMS

_ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("_make_sample", _ROOT / "scripts" / "make_sample.py")
_sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sample)  # vocabulary shared with the bundled sample's generator

KINDS: list[str] = _sample.KINDS
RATE: dict[str, float] = _sample.RATE
SEASON: dict[int, float] = _sample.SEASON
TOPICS: dict[str, list[str]] = _sample.TOPICS
TARGET_METRICS: list[str] = _sample.TARGET_METRICS
SURNAMES, GIVEN = _sample.SURNAMES, _sample.GIVEN
FORBIDDEN = _sample.FORBIDDEN_NAMES

SEED = 8
FULL = {"mentor_agencies": 500, "pairings": 1500, "stations": 30_000, "supervisors": 6_000,
        "activities": 1_000_000}
EAST = ("110000", "120000", "310000", "320000", "330000", "350000", "370000", "440000")
# mentee counties: mostly centre and west, some in the poorer parts of eastern provinces
WEIGHT = {"45": 3.0, "52": 3.0, "53": 3.0, "54": 2.0, "62": 3.0, "63": 2.5, "64": 2.5,
          "65": 2.5, "51": 2.5, "50": 2.0, "61": 2.0, "15": 1.5, "14": 1.5, "36": 1.5,
          "43": 1.5, "42": 1.5, "41": 1.5, "34": 1.5, "22": 1.2, "23": 1.2, "46": 1.5}
FIRST, LAST = pd.Timestamp("2021-01-01"), pd.Timestamp("2023-12-31")
TOWN_HEADS = list("东西南北中上下新老大小龙凤金银石水山河江湖林桥田坪坝岭塘溪沟")
TOWN_TAILS = list("门岸安源兴和平阳宁丰华林山坪场口湾集寨堡洞头沙桥村庄铺")
COLUMNS = {
    "organizations": ["org_id", "name", "kind", "region", "parent_id"],
    "people": ["person_id", "name", "org_id", "role", "party_member", "since"],
    "pairings": ["pairing_id", "mentor_org_id", "mentee_org_id", "program", "start_date",
                 "end_date"],
    "targets": ["pairing_id", "metric", "year", "value"],
    "activities": ["activity_id", "kind", "start_date", "end_date", "pairing_id", "host_org_id",
                   "target_org_id", "lead_person_ids", "count", "participants", "hours", "mode",
                   "topic", "source"],
}


def _n(full: int, scale: float, least: int = 1) -> int:
    return max(least, round(full * scale))


def _ids(prefix: str, start: int, n: int, width: int) -> np.ndarray:
    return np.char.add(prefix, np.char.zfill(np.arange(start, start + n).astype(str), width))


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
    sur = np.asarray(SURNAMES)[rng.integers(len(SURNAMES), size=n)]
    g1 = np.asarray(GIVEN)[rng.integers(len(GIVEN), size=n)]
    g2 = np.where(rng.random(n) < 0.6, np.asarray(GIVEN)[rng.integers(len(GIVEN), size=n)], "")
    out = np.char.add(np.char.add(sur, g1), g2)
    bad = np.isin(out, list(FORBIDDEN))
    out[bad] = np.char.add(out[bad], "华")
    return out


def generate(scale: float = 1.0, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The synthetic national dataset as all-text DataFrames, one per table (canonical columns).

    The same ``scale`` and ``seed`` give the same tables, byte for byte once written.
    """
    rng = np.random.default_rng(seed)
    n_mentor = _n(FULL["mentor_agencies"], scale)
    n_pair = _n(FULL["pairings"], scale)
    n_station = _n(FULL["stations"], scale, n_pair)
    n_sup = _n(FULL["supervisors"], scale, n_mentor)
    n_act = _n(FULL["activities"], scale)

    d = divisions()
    counties = d[d["level"] == "county"]
    counties = counties[counties["province"].str[:2].astype(int) < 70]  # the mainland
    east = counties[counties["province"].isin(EAST) & ~counties["name"].str.endswith("县")]
    # mentee counties: every province once, then weighted without replacement
    weight = counties["province"].str[:2].map(WEIGHT).fillna(0.6).to_numpy()
    first = counties.groupby("province").sample(1, random_state=seed).index
    rest = counties.index.difference(first)
    p = weight[counties.index.get_indexer(rest)]
    extra = rng.choice(rest, size=max(0, n_pair - len(first)), replace=False, p=p / p.sum())
    chosen = counties.loc[np.concatenate([first[:n_pair], extra])].sort_values("code")
    mentee_county = chosen["code"].to_numpy()
    county_name = chosen["name"].to_numpy()

    # ---- organizations: mentors, mentee agencies, bureaus, stations
    mentor_region = east["code"].to_numpy()[rng.integers(len(east), size=n_mentor)]
    mentor_city = d.set_index("code").loc[mentor_region, "full_name"].to_numpy()
    word = np.asarray(list("睿心启明同心阳光和众致远德润同行惠民恒善博爱仁和正阳"))
    mentor_word = np.char.add(word[rng.integers(len(word), size=n_mentor)],
                              word[rng.integers(len(word), size=n_mentor)])
    mentor_ids = _ids("O", 1, n_mentor, 6)
    mentor_names = np.char.add(np.char.add(mentor_city, mentor_word),
                               np.char.add("社会工作服务中心", np.char.zfill(
                                   np.arange(1, n_mentor + 1).astype(str), 3)))
    mentee_ids = _ids("O", 1 + n_mentor, n_pair, 6)
    mentee_names = np.char.add(county_name, np.char.add(
        word[rng.integers(len(word), size=n_pair)], "社会工作服务中心"))
    bureau_ids = _ids("O", 1 + n_mentor + n_pair, n_pair, 6)
    bureau_names = np.char.add(county_name, "民政局")
    # stations: 10..30 per county, scaled to the total
    share = rng.uniform(10, 30, size=n_pair)
    per_county = np.maximum(1, np.floor(share / share.sum() * n_station).astype(int))
    per_county[: n_station - per_county.sum()] += 1
    station_start = np.concatenate([[0], np.cumsum(per_county)[:-1]])
    station_county = np.repeat(np.arange(n_pair), per_county)
    n_station = len(station_county)
    station_ids = _ids("S", 1, n_station, 6)
    town = np.char.add(np.asarray(TOWN_HEADS)[rng.integers(len(TOWN_HEADS), size=n_station)],
                       np.asarray(TOWN_TAILS)[rng.integers(len(TOWN_TAILS), size=n_station)])
    town = np.char.add(town, np.where(rng.random(n_station) < 0.8, "镇", "乡"))
    station_names = np.char.add(np.char.add(county_name[station_county], town), "社工站")
    orgs = pd.DataFrame({
        "org_id": np.concatenate([mentor_ids, mentee_ids, bureau_ids, station_ids]),
        "name": np.concatenate([mentor_names, mentee_names, bureau_names, station_names]),
        "kind": ["agency"] * (n_mentor + n_pair) + ["government"] * n_pair
        + ["station"] * n_station,
        "region": np.concatenate([mentor_region, mentee_county, mentee_county,
                                  mentee_county[station_county]]),
        "parent_id": np.concatenate([np.full(n_mentor + 2 * n_pair, ""),
                                     bureau_ids[station_county]]),
    })

    # ---- people: supervisors of the mentor agencies, a manager per mentee agency
    sup_share = rng.uniform(0.5, 1.5, size=n_mentor)
    sup_per = np.maximum(1, np.floor(sup_share / sup_share.sum() * n_sup).astype(int))
    sup_per[: n_sup - sup_per.sum()] += 1
    sup_start = np.concatenate([[0], np.cumsum(sup_per)[:-1]])
    sup_org = np.repeat(np.arange(n_mentor), sup_per)
    n_sup = len(sup_org)
    person_ids = _ids("P", 1, n_sup + n_pair, 6)
    since = FIRST - pd.to_timedelta(rng.integers(200, 6000, size=n_sup + n_pair), unit="D")
    people = pd.DataFrame({
        "person_id": person_ids,
        "name": _names(rng, n_sup + n_pair),
        "org_id": np.concatenate([mentor_ids[sup_org], mentee_ids]),
        "role": ["supervisor"] * n_sup + ["manager"] * n_pair,
        "party_member": np.where(rng.random(n_sup + n_pair) < 0.35, "true", "false"),
        "since": since.strftime("%Y-%m-%d"),
    })

    # ---- pairings
    pair_mentor = rng.integers(n_mentor, size=n_pair)
    pair_start = FIRST + pd.to_timedelta(rng.integers(0, 700, size=n_pair), unit="D")
    ended = rng.random(n_pair) < 0.05
    pair_end = pair_start + pd.to_timedelta(rng.integers(365, 900, size=n_pair), unit="D")
    pair_end = pair_end.where(ended & (pair_end < LAST))
    pair_ids = _ids("PR", 1, n_pair, 4)
    program = np.where(rng.random(n_pair) < 0.85, "牵手计划",
                       np.where(rng.random(n_pair) < 0.5, "东西部协作", "省内结对"))
    pairings = pd.DataFrame({
        "pairing_id": pair_ids, "mentor_org_id": mentor_ids[pair_mentor],
        "mentee_org_id": mentee_ids, "program": program,
        "start_date": pair_start.strftime("%Y-%m-%d"),
        "end_date": pd.Series(pair_end.strftime("%Y-%m-%d")).fillna("").to_numpy(),
    })

    # ---- activities: pairing by intensity × active days, seasonal dates
    last = pair_end.fillna(LAST)
    active_days = (last - pair_start).days.to_numpy() + 1
    intensity = rng.gamma(4.0, 0.25, size=n_pair)
    w = intensity * active_days
    season_max = max(SEASON.values())
    chunks: list[np.ndarray] = []
    dates: list[np.ndarray] = []
    need = n_act
    while need > 0:
        k = int(need * 1.5) + 16
        pi = rng.choice(n_pair, size=k, p=w / w.sum())
        day = pair_start.to_numpy()[pi] + (rng.random(k) * active_days[pi]).astype(
            "timedelta64[D]")
        month = pd.DatetimeIndex(day).month.to_numpy()
        keep = rng.random(k) < np.vectorize(SEASON.get)(month) / season_max
        chunks.append(pi[keep][:need])
        dates.append(day[keep][:need])
        need -= len(chunks[-1])
    pi = np.concatenate(chunks)
    start = pd.DatetimeIndex(np.concatenate(dates))
    order = np.lexsort((pi, start.to_numpy()))
    pi, start = pi[order], start[order]
    n = len(pi)
    probs = np.asarray([RATE[k] for k in KINDS])
    kind_i = rng.choice(len(KINDS), size=n, p=probs / probs.sum())
    kind = np.asarray(KINDS)[kind_i]
    county = pi  # each pairing has its own mentee county
    station = station_start[county] + (rng.random(n) * per_county[county]).astype(int)
    target = mentee_ids[pi].astype(object)
    to_station = ((kind == "station_visit") & (rng.random(n) < 0.65)) | (
        kind == "household_visit") | ((kind == "individual_supervision") & (rng.random(n) < 0.4))
    target[to_station] = station_ids[station[to_station]]
    to_bureau = ((kind == "group_supervision") & (rng.random(n) < 0.3)) | (
        (kind == "station_visit") & ~to_station)
    target[to_bureau] = bureau_ids[pi[to_bureau]]
    online_share = np.select([start.year == 2021, start.year == 2022], [0.3, 0.4], 0.12)
    onsite_only = np.isin(kind, ["station_visit", "household_visit", "exchange_visit"])
    online = ~onsite_only & (rng.random(n) < online_share)
    count = np.ones(n, dtype=int)
    count = np.where(kind == "training", np.where(rng.random(n) < 0.8, 1,
                                                  rng.integers(2, 4, n)), count)
    count = np.where(kind == "individual_supervision", rng.integers(1, 7, n), count)
    count = np.where(kind == "group_supervision", rng.choice([1, 1, 1, 2, 3], n), count)
    count = np.where((kind == "station_visit") & ~to_station, rng.integers(2, 7, n), count)
    count = np.where(kind == "household_visit", rng.integers(1, 11, n), count)
    count = np.where(kind == "interview", rng.integers(3, 16, n), count)
    count = np.where(kind == "mentoring", rng.integers(2, 9, n), count)
    part = np.full(n, -1)
    part = np.where(kind == "training", rng.integers(15, 61, n), part)
    part = np.where(np.isin(kind, ["individual_supervision", "mentoring"]), count, part)
    part = np.where(kind == "group_supervision", count * rng.integers(5, 16, n), part)
    part = np.where(kind == "exchange_visit", rng.integers(4, 13, n), part)
    part = np.where(np.isin(kind, ["sharing_session", "other"]), rng.integers(8, 41, n), part)
    per_hour = rng.choice([1.0, 1.5, 2.0, 2.5, 3.0], n)
    hours = np.where(np.isin(kind, ["training", "individual_supervision", "group_supervision",
                                    "mentoring", "sharing_session", "other"]),
                     count * per_hour, np.nan)
    days = np.where((kind == "training") & ~online, rng.choice([1, 1, 1, 2, 3], n), 1)
    days = np.where(np.isin(kind, ["exchange_visit"]), rng.integers(3, 6, n), days)
    days = np.where((kind == "household_visit") & (count > 6), 2, days)
    hours = np.where((kind == "training") & (days > 1), days * 6.5, hours)
    end = start + pd.to_timedelta(days - 1, unit="D")
    # leaders: 1-3 consecutive supervisors of the mentor agency (5 % record none)
    m = pair_mentor[pi]
    k = rng.integers(1, 4, n)
    first_sup = sup_start[m] + (rng.random(n) * sup_per[m]).astype(int)
    lead = pd.Series(person_ids[first_sup], dtype=object)
    for j in (1, 2):
        nxt = sup_start[m] + (first_sup - sup_start[m] + j) % sup_per[m]
        more = (k > j) & (sup_per[m] > j)
        lead[more] = lead[more] + ";" + pd.Series(person_ids[nxt[more]], index=lead.index[more])
    lead[rng.random(n) < 0.05] = ""
    topic = np.empty(n, dtype=object)
    for i, kname in enumerate(KINDS):
        sel = kind_i == i
        topic[sel] = np.asarray(TOPICS[kname], dtype=object)[
            rng.integers(len(TOPICS[kname]), size=int(sel.sum()))]
    acts = pd.DataFrame({
        "activity_id": _ids("A", 1, n, 7),
        "kind": kind,
        "start_date": start.strftime("%Y-%m-%d"),
        "end_date": np.where(days > 1, end.strftime("%Y-%m-%d"), ""),
        "pairing_id": pair_ids[pi],
        "host_org_id": mentor_ids[m],
        "target_org_id": target,
        "lead_person_ids": lead.to_numpy(),
        "count": count.astype(str),
        "participants": np.where(part < 0, "", part.astype(str)),
        "hours": pd.Series(hours).map(lambda h: "" if np.isnan(h) else f"{h:g}").to_numpy(),
        "mode": np.where(online, "online", "onsite"),
        "topic": topic,
        "source": np.char.add("月报 ", start.strftime("%Y-%m").to_numpy().astype(str)),
    })

    # ---- targets: this year's actual × an ambition between 0.85 and 1.25
    year = start.year.to_numpy()
    frame = pd.DataFrame({"p": pi, "year": year, "kind": kind, "count": count,
                          "participants": np.maximum(part, 0)})
    sums = frame.groupby(["p", "year", "kind"])[["count", "participants"]].sum()
    rows = []
    for (p_i, y, kname), (c, q) in sums.iterrows():
        for metric in (kname, f"{kname}_participants"):
            if metric in TARGET_METRICS:
                rows.append((p_i, y, metric, q if metric.endswith("_participants") else c))
    tg = pd.DataFrame(rows, columns=["p", "year", "metric", "actual"])
    ambition = rng.uniform(0.85, 1.25, size=len(tg))
    tg["value"] = np.maximum(1, np.round(tg["actual"] * ambition)).astype(int)
    tg = tg.sort_values(["p", "year", "metric"])
    targets = pd.DataFrame({
        "pairing_id": pair_ids[tg["p"].to_numpy()], "metric": tg["metric"].to_numpy(),
        "year": tg["year"].astype(str).to_numpy(), "value": tg["value"].astype(str).to_numpy(),
    })
    tables = {"organizations": orgs, "people": people, "pairings": pairings,
              "targets": targets, "activities": acts}
    return {name: t[COLUMNS[name]].astype(str).reset_index(drop=True)
            for name, t in tables.items()}


def workbook_subset(tables: dict[str, pd.DataFrame], rows: int = 20_000) -> dict[str, pd.DataFrame]:
    """The first pairings (by id) whose activities fit in ``rows``, and all they refer to."""
    acts = tables["activities"]
    per = acts["pairing_id"].value_counts().sort_index()
    keep = per.index[(per.cumsum() <= rows).to_numpy()]
    if len(keep) == 0:
        keep = per.index[:1]
    pairs = tables["pairings"][tables["pairings"]["pairing_id"].isin(keep)]
    acts = acts[acts["pairing_id"].isin(keep)]
    orgs = tables["organizations"]
    direct = set(pairs["mentor_org_id"]) | set(pairs["mentee_org_id"]) | set(
        acts["target_org_id"]) | set(acts["host_org_id"])
    parents = set(orgs.loc[orgs["org_id"].isin(direct), "parent_id"]) - {""}
    org_keep = orgs["org_id"].isin(direct | parents) | orgs["parent_id"].isin(parents)
    orgs = orgs[org_keep]
    people = tables["people"][tables["people"]["org_id"].isin(set(orgs["org_id"]))]
    targets = tables["targets"][tables["targets"]["pairing_id"].isin(keep)]
    return {"organizations": orgs, "people": people, "pairings": pairs, "targets": targets,
            "activities": acts}


def write(tables: dict[str, pd.DataFrame], out: Path, *, workbook_rows: int = 20_000) -> None:
    """Write ``<out>/csv/<table>.csv`` and ``<out>/workbook.xlsx`` (Chinese sheet names)."""
    folder = out / "csv"
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
    book = out / "workbook.xlsx"
    tmp = out / ".workbook.tmp.xlsx"
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, frame in workbook_subset(tables, workbook_rows).items():
            frame.to_excel(writer, sheet_name=FILE_STEMS[name][1], index=False)
    tmp.replace(book)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None,
                    help="output folder (default /tmp/sgnet-national, or -<scale> when scaled)")
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the national size")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--workbook-rows", type=int, default=20_000,
                    help="activities in the workbook subset, at most")
    args = ap.parse_args(argv)
    out = args.out or Path("/tmp/sgnet-national" + ("" if args.scale == 1 else f"-{args.scale:g}"))
    t0 = time.perf_counter()
    tables = generate(args.scale, args.seed)
    t1 = time.perf_counter()
    write(tables, out, workbook_rows=args.workbook_rows)
    sizes = ", ".join(f"{len(t):,} {name}" for name, t in tables.items())
    print(f"wrote {out}/csv ({sizes}) and {out}/workbook.xlsx "
          f"in {t1 - t0:.1f} s + {time.perf_counter() - t1:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
