#!/usr/bin/env python
"""National-scale benchmarks: every figure is printed with its baseline, measured in the same run.

* load + validate of the synthetic national dataset (``benchmarks/synth.py``) against plain
  ``pandas.read_csv`` of the same files: cold (no cache) in a new process, cold after a small
  first load (the libraries' first-use costs paid: pandera's checks, the regions table),
  warm (read from the cache of parsed tables, :mod:`sgnet.cache`), and cold writing that
  cache (behind the caller); peak memory of each;
* ``select`` of one quarter and one province plus the metrics of a report (``headline``,
  ``by_pairing``, ``by_region``, ``progress``);
* ``sgnet.graph.build`` against a bare networkx ``add_edges_from`` of the same edges, when
  ``sgnet.graph`` exists;
* ``sgnet batch`` per-report cost, when that command exists; with ``--scheduler``, also on a
  Dask cluster (``local``: a LocalCluster on loopback), as a ratio to the local run.

Each load arm runs in its own Python process, so its time and peak memory (``ru_maxrss``) are
its own. The machine may be shared: read ratios, not absolute seconds. Run::

    python benchmarks/bench_scale.py [--scale 1.0] [--data FOLDER] [--repeat 3]
    python benchmarks/bench_scale.py --only batch --scheduler local
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GIB = 1024**3

_ARM = r"""
import json, resource, sys, time, glob
t0 = time.perf_counter()
arm, data = sys.argv[1], sys.argv[2]
if arm == "read_csv":
    import pandas as pd
    t = time.perf_counter()
    c = time.process_time()
    frames = [pd.read_csv(f) for f in sorted(glob.glob(data + "/*.csv"))]
    rows = sum(len(f) for f in frames)
else:
    import sgnet
    if arm == "load_warmed":  # libraries warmed up by a first, small load (the sample)
        sgnet.load()
    t = time.perf_counter()
    c = time.process_time()
    ds = sgnet.load(data)
    rows = sum(len(v) for v in ds.tables.values())
    if arm == "pipeline":  # what a national report needs: load, select, the pairing graph
        acts = ds.activities
        year = int(acts["start_date"].dt.year.max())
        ds.select(period=f"{year}Q2").activities.shape
        sgnet.graph.build(ds)
seconds = time.perf_counter() - t
cpu = time.process_time() - c
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak": peak, "rows": rows}))
"""


def _run_arm(arm: str, data: Path, env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _ARM, arm, str(data)], env=env, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_load(data: Path, repeat: int) -> None:
    """Each round runs every arm once, in turn, so that a busy spell of a shared machine
    weighs on the baseline and the arms alike; ratios are the median of the rounds'."""
    print(f"\n== load + validate: {data}")
    with tempfile.TemporaryDirectory(prefix="sgnet-bench-cache-") as cache:
        base_env = dict(os.environ, SGNET_CACHE_DIR=cache)
        baseline = ("pandas.read_csv (baseline)", "read_csv", {})
        arms = [
            baseline,
            ("sgnet.load cold, no cache", "load", {"SGNET_CACHE": "0"}),
            ("  same, after a small first load", "load_warmed", {"SGNET_CACHE": "0"}),
            ("sgnet.load warm, from cache", "load", {"SGNET_CACHE": "1"}),
        ]
        writing = _run_arm("load", data, base_env | {"SGNET_CACHE": "1"})  # fills the cache
        results: dict[str, list[dict]] = {label: [] for label, _, _ in arms}
        for _ in range(repeat):
            for label, arm, extra in arms:
                results[label].append(_run_arm(arm, data, base_env | extra))
        base = results[baseline[0]]
        print(f"{'arm':30} {'median s':>8} {'ratio':>6} {'cpu ratio':>9} {'peak RSS':>9}  runs (s)")
        for label, runs in [*results.items(), ("sgnet.load cold, cache written behind", [writing])]:
            med = statistics.median(r["seconds"] for r in runs)
            pairs = list(zip(runs, base, strict=False))
            ratio = statistics.median(r["seconds"] / b["seconds"] for r, b in pairs)
            cpu = statistics.median(r["cpu"] / b["cpu"] for r, b in pairs)
            peak = max(r["peak"] for r in runs)
            goal = "" if label == baseline[0] else ("  <=3x ok" if ratio <= 3 else "  >3x MISSES")
            mem = "" if peak < 2 * GIB else "  >=2GiB MISSES"
            times = ", ".join(f"{r['seconds']:.2f}" for r in runs)
            print(f"{label:30} {med:8.2f} {ratio:5.1f}x {cpu:8.1f}x {peak / GIB:5.2f} GiB"
                  f"  [{times}]{goal}{mem}")
        print(f"rows: {results[arms[1][0]][0]['rows']:,} (all tables); ratio: median over "
              f"{repeat} rounds of arm / baseline in the same round; cpu: the same of CPU "
              "seconds (all threads)")


def bench_pipeline(data: Path) -> None:
    """Peak memory of load + validate + select + graph.build in one new process."""
    print("\n== load + validate + select + graph.build in one process (goal: peak < 2 GiB)")
    env = dict(os.environ, SGNET_CACHE="0")
    r = _run_arm("pipeline", data, env)
    flag = "ok" if r["peak"] < 2 * GIB else "MISSES"
    print(f"{r['rows']:,} rows; {r['seconds']:.1f} s; peak RSS {r['peak'] / GIB:.2f} GiB  {flag}")


def bench_select(data: Path, repeat: int) -> None:
    import sgnet
    from sgnet import metrics
    from sgnet.regions import rollup

    ds = sgnet.load(data)
    acts = ds.activities
    year = int(acts["start_date"].dt.year.max())
    province = rollup(acts["region"], "province").value_counts().index[0]
    period = f"{year}Q2"
    print(f"\n== select {period} × province {province} + metrics "
          f"({len(acts):,} activities, goal < 1 s)")
    timings: dict[str, list[float]] = {}
    for _ in range(repeat):
        t = time.perf_counter()
        scoped = ds.select(region=province)
        sel = scoped.select(period=period)
        t1 = time.perf_counter()
        metrics.headline(sel)
        metrics.by_pairing(sel)
        metrics.by_region(sel, level="county")
        metrics.progress(scoped, period)
        t2 = time.perf_counter()
        for key, value in (("select", t1 - t), ("metrics", t2 - t1), ("total", t2 - t)):
            timings.setdefault(key, []).append(value)
    print(f"selected {len(sel.activities):,} activities, {len(scoped.pairings):,} pairings")
    for key, values in timings.items():
        best, first = min(values), values[0]
        flag = "" if key != "total" else ("  < 1 s ok" if first < 1 else "  >= 1 s MISSES")
        print(f"{key:8} first {first:6.3f} s   best of {len(values)} {best:6.3f} s{flag}")


def bench_graph(data: Path, repeat: int) -> None:
    print("\n== graph.build vs bare networkx add_edges_from (goal <= 2x)")
    try:
        from sgnet import graph
    except ImportError:
        print("skipped: sgnet.graph not available")
        return
    import gc

    import networkx as nx

    import sgnet

    ds = sgnet.load(data)
    runs = []
    for _ in range(repeat):
        # each arm starts from a collected heap, so neither pays for the other's garbage;
        # graph.build pauses the cycle collector, so it is charged with the full collection
        # it puts off (the baseline keeps the collector on and pays as it goes)
        gc.collect()
        t = time.perf_counter()
        g = graph.build(ds)
        built = time.perf_counter() - t
        t = time.perf_counter()
        gc.collect()
        deferred = time.perf_counter() - t
        edges = list(g.edges(keys=True, data=True))
        nodes = list(g.nodes(data=True))
        gc.collect()
        t = time.perf_counter()
        bare = nx.MultiDiGraph()
        bare.add_nodes_from(nodes)
        bare.add_edges_from(edges)
        baseline = time.perf_counter() - t
        runs.append((built + deferred, built, deferred, baseline))
        size = f"{g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges"
        print(f"  graph.build {built:.2f} s + {deferred:.2f} s collection, bare {baseline:.2f} s: "
              f"{(built + deferred) / baseline:.2f}x")
        del g, bare, edges, nodes
    ratio = statistics.median(r[0] / r[3] for r in runs)
    total, built, deferred, baseline = (statistics.median(r[i] for r in runs) for i in range(4))
    print(f"medians of {repeat}: graph.build {total:.2f} s (build {built:.2f} s + collection "
          f"{deferred:.2f} s), bare add_nodes_from + add_edges_from {baseline:.2f} s; "
          f"ratio {ratio:.2f}x ({size})" + ("  ok" if ratio <= 2 else "  MISSES"))


def bench_batch(data: Path, scheduler: str | None = None) -> None:
    print("\n== sgnet batch --each region --level county: seconds per report "
          "(goal: flat from 50 to all counties)")
    import tempfile

    import sgnet
    from sgnet.plan import batch_scopes
    from sgnet.report import run_batch

    period = sgnet.parse_period("2023Q2")
    ds = sgnet.load(data)
    counties = [s.scope for s in batch_scopes(ds, period, each="region", level="county")]
    sizes = sorted({n for n in (50, 200, len(counties)) if n <= len(counties)})
    print(f"{len(counties)} counties with something to report in {period.label}; "
          f"{len(ds.activities):,} activities; 2 kernels")
    arms: list[tuple[str, str | None]] = [("local", None)]
    cluster = None
    if scheduler == "local":  # a Dask cluster on loopback: 2 worker processes, 1 thread each
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        scheduler = cluster.scheduler_address
    if scheduler:
        arms.append((f"dask {scheduler}", scheduler))
    per_report: dict[str, dict[int, float]] = {}
    try:
        for arm, address in arms:
            print(f"-- {arm}")
            previous = (0, 0.0)
            for n in sizes:
                with tempfile.TemporaryDirectory() as out:
                    t = time.perf_counter()
                    result = run_batch(data, period=period, each="region", level="county",
                                       jobs=2, out=out, only=counties[:n], scheduler=address)
                    total = time.perf_counter() - t
                failed = sum(not o.ok for o in result.outcomes)
                marginal = (total - previous[1]) / (n - previous[0])
                print(f"{n:>5} reports  {total:7.1f} s  {total / n:5.2f} s/report  "
                      f"marginal {marginal:5.2f} s/report  ({failed} failed)")
                previous = (n, total)
                per_report.setdefault(arm, {})[n] = total / n
    finally:
        if cluster is not None:
            cluster.close()
    if len(arms) == 2:
        local, dask = (per_report[a] for a, _ in arms)
        print("dask / local, seconds per report: "
              + ", ".join(f"{n} reports {dask[n] / local[n]:.2f}x" for n in sizes))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0,
                    help="size of the synthetic dataset (generated when missing)")
    ap.add_argument("--data", type=Path, default=None,
                    help="a dataset folder to use instead of the synthetic one")
    ap.add_argument("--repeat", type=int, default=3, help="runs per arm (median shown)")
    ap.add_argument("--only", choices=["load", "pipeline", "select", "graph", "batch"],
                    action="append",
                    help="run only these parts (repeatable)")
    ap.add_argument("--scheduler", default=None, metavar="ADDRESS|local",
                    help="batch: also run it on a Dask cluster (an address, or 'local' for "
                    "a LocalCluster of 2 worker processes) and compare with the local run")
    args = ap.parse_args(argv)
    data = args.data
    if data is None:
        out = Path("/tmp/sgnet-national" + ("" if args.scale == 1 else f"-{args.scale:g}"))
        data = out / "csv"
        if not (data / "activities.csv").exists():
            subprocess.run([sys.executable, str(HERE / "synth.py"), "--scale", str(args.scale),
                            "--out", str(out)], check=True)
    parts = args.only or ["load", "pipeline", "select", "graph", "batch"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus; data {data}")
    if "load" in parts:
        bench_load(data, args.repeat)
    if "pipeline" in parts:
        bench_pipeline(data)
    if "select" in parts:
        bench_select(data, args.repeat)
    if "graph" in parts:
        bench_graph(data, args.repeat)
    if "batch" in parts:
        bench_batch(data, args.scheduler)
    return 0


if __name__ == "__main__":
    sys.exit(main())
