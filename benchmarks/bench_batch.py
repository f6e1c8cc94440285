"""Benchmark: `sgnet batch` against the loop a user would write by hand.

    python benchmarks/bench_batch.py [--period 2023Q2] [--jobs 2] [--repeat 2]

For every pairing active in the period (the busiest quarter of the bundled sample by
default) it times, in the same run:

- the hand-written loop: for each pairing the ``papermill`` command, then the
  ``jupyter nbconvert --to html --no-input`` command, one after the other;
- ``sgnet batch --each pairing`` (the whole command, interpreter start included), best of
  ``--repeat`` runs, with its default files (HTML and Word) and with ``--format html`` (the
  files the loop writes);

and prints seconds per report and the ratio. It then breaks the cost of one report down by
phase, before (a fresh ``papermill`` process and kernel per report) and after (a kept kernel).
The machine may be shared: read the ratio, which both sides of the same run share.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sgnet import load, parse_period  # noqa: E402
from sgnet.handover import fingerprint, publish  # noqa: E402
from sgnet.paths import SAMPLE_DATA  # noqa: E402
from sgnet.plan import REPORT_NOTEBOOK, batch_scopes, report_parameters  # noqa: E402

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name) or name


def busiest_quarter() -> str:
    acts = load().activities
    return acts["start_date"].dt.to_period("Q").astype(str).value_counts().idxmax()


def run(cmd: list[str], **kw) -> float:
    began = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - began


def hand_loop(pairings: list[str], period: str, out: Path) -> tuple[float, list[dict]]:
    """papermill then nbconvert, per pairing, as a user would type them."""
    phases = []
    began = time.perf_counter()
    for pid in pairings:
        nb = out / f"{pid}.ipynb"
        t_pm = run([_tool("papermill"), "--no-progress-bar", str(REPORT_NOTEBOOK), str(nb),
                    "-p", "data", str(SAMPLE_DATA), "-p", "period", period,
                    "-p", "pairing", pid])
        t_nbc = run([_tool("jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)])
        meta = json.loads(nb.read_text(encoding="utf-8"))
        cells = [c for c in meta["cells"] if c["cell_type"] == "code"]
        durations = [c["metadata"]["papermill"]["duration"] for c in cells]
        first = next(i for i, c in enumerate(cells) if "import sgnet" in "".join(c["source"]))
        phases.append({
            "papermill command": t_pm,
            "  interpreter + papermill imports": t_pm - meta["metadata"]["papermill"]["duration"],
            "  kernel start": meta["metadata"]["papermill"]["duration"] - sum(durations),
            "  cell: imports + data load": durations[first],
            "  other cells (the report's work)": sum(durations) - durations[first],
            "nbconvert command (HTML export)": t_nbc,
        })
    return time.perf_counter() - began, phases


def batch(period: str, jobs: int, out: Path, formats: str = "html,docx") -> float:
    return run([_tool("sgnet"), "batch", "--period", period, "--each", "pairing",
                "--jobs", str(jobs), "--out", str(out), "--format", formats],
               env=dict(os.environ, SGNET_DAEMON="0"))


def kept_kernel_phases(period: str, pairings: list[str], out: Path) -> dict[str, float]:
    """Time each phase of reports on one kept kernel, in this process."""
    import nbformat

    from sgnet.kernel import KernelWorker

    ds = load()
    handle = fingerprint(SAMPLE_DATA)
    handover = publish(ds, handle)
    p = parse_period(period)
    phases: dict[str, list[float]] = {}
    began = time.perf_counter()
    worker = KernelWorker(warm=True)
    worker.start(wait=False)
    worker.kc = worker.km.client()
    worker.kc.start_channels()
    from jupyter_core.utils import run_sync

    run_sync(worker.kc.wait_for_ready)(timeout=60)
    once = {"kernel start (once per worker)": time.perf_counter() - began}
    t = time.perf_counter()
    worker.run_code("__import__('sgnet._kernel', fromlist=['_']).setup(warm=True)",
                    what="setup")
    worker._ready = True
    once["imports, font and export warm-up (once per worker)"] = time.perf_counter() - t
    try:
        for i, pid in enumerate(pairings[:6]):
            params = report_parameters(SAMPLE_DATA, p, ds.select(pairing=pid), handle=handle)
            t0 = time.perf_counter()
            worker.run_code(f"__import__('sgnet._kernel', fromlist=['_']).reset({str(out)!r})",
                            what="reset")
            t1 = time.perf_counter()
            nb = worker.execute(REPORT_NOTEBOOK, out / f"{pid}.ipynb", params, cwd=out)
            nbformat.write(nb, out / f"{pid}.ipynb")
            t2 = time.perf_counter()
            worker.call("__import__('sgnet.render', fromlist=['_']).write_exports("
                        f"{str(out / f'{pid}.ipynb')!r}, formats=('html', 'docx'))",
                        what="export")
            t3 = time.perf_counter()
            if i == 0:
                once["first report: data hand-over + first export (once)"] = t3 - t0
                continue
            for name, value in (("reset", t1 - t0), ("execute (papermill, kept kernel)", t2 - t1),
                                ("  of which cells", nb.metadata.papermill.duration),
                                ("HTML + Word export (in the kernel)", t3 - t2)):
                phases.setdefault(name, []).append(value)
    finally:
        worker.close()
        handover.close()
    return once | {k: statistics.mean(v) for k, v in phases.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default=None, help="default: the busiest quarter")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=2, help="batch runs (best is kept)")
    args = parser.parse_args()
    period = args.period or busiest_quarter()
    pairings = [s.pairing for s in batch_scopes(load(), parse_period(period))]
    n = len(pairings)
    print(f"period {period}: {n} pairings; {os.cpu_count()} CPUs; jobs {args.jobs}")
    with tempfile.TemporaryDirectory(prefix="sgnet-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "loop").mkdir()
        batch_times = [batch(period, args.jobs, tmp / "batch")]
        written = sorted((tmp / "batch" / period).glob("PR*.html"))
        assert len(written) == n, f"batch wrote {len(written)} reports, not {n}"
        loop_time, before = hand_loop(pairings, period, tmp / "loop")
        for _ in range(args.repeat - 1):
            batch_times.append(batch(period, args.jobs, tmp / "batch"))
        html_times = [batch(period, args.jobs, tmp / "html", "html")
                      for _ in range(args.repeat)]
        (tmp / "phases").mkdir()
        after = kept_kernel_phases(period, pairings, tmp / "phases")
    best = min(batch_times)
    print()
    print(f"{'':42}{'total s':>9}{'s/report':>10}")
    print(f"{'hand-written loop (papermill + nbconvert)':42}{loop_time:9.1f}{loop_time / n:10.2f}")
    for i, t in enumerate(batch_times):
        print(f"{f'sgnet batch --jobs {args.jobs} (run {i + 1})':42}{t:9.1f}{t / n:10.2f}")
    for i, t in enumerate(html_times):
        print(f"{f'  the same, --format html (run {i + 1})':42}{t:9.1f}{t / n:10.2f}")
    print(f"speed-up: {loop_time / best:.1f}x (best batch run), "
          f"{loop_time / max(batch_times):.1f}x (worst); HTML only, as the loop writes: "
          f"{loop_time / min(html_times):.1f}x (best)")
    print()
    print("one report, before (fresh process and kernel each time), mean over the loop:")
    for key in before[0]:
        print(f"  {key:48}{statistics.mean(ph[key] for ph in before):7.2f} s")
    print("one report, after (kept kernel), in one process:")
    for key, value in after.items():
        print(f"  {key:48}{value:7.2f} s")


if __name__ == "__main__":
    main()
