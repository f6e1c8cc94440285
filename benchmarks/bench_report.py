"""Benchmark: one `sgnet report`, first and warm, against the hand-written papermill + nbconvert.

    python benchmarks/bench_report.py [--period 2022Q4] [--pairing PR14] [--repeat 5]

Times whole commands, as a user runs them, in the same run (the machine may be shared: read
the ratios, which both sides of the run share):

- the hand loop for one report: the ``papermill`` command, then ``jupyter nbconvert --to html
  --no-input`` (median of ``--repeat`` runs);
- ``sgnet report --no-daemon``: a fresh kernel every time (median);
- ``sgnet report`` with no daemon running: the first report, which starts the kept kernel;
- ``sgnet report`` again: warm, on the kept kernel (median of ``--repeat`` runs).

The daemon of this benchmark lives in a temporary runtime folder and is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "period_report.ipynb"
SAMPLE = ROOT / "data" / "sample"


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name) or name


def timed(cmd: list[str], env: dict) -> float:
    began = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2022Q4")
    parser.add_argument("--pairing", default="PR14")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sgnet-bench-report-") as tmp:
        tmp = Path(tmp)
        runtime = tmp / "run"
        runtime.mkdir(mode=0o700)
        env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "SGNET_DAEMON": "1"}
        report = [_tool("sgnet"), "report", "--period", args.period, "--pairing",
                  args.pairing, "--out", str(tmp / "out")]

        def hand() -> float:
            nb = tmp / "hand.ipynb"
            return (timed([_tool("papermill"), "--no-progress-bar", str(NOTEBOOK), str(nb),
                           "-p", "data", str(SAMPLE), "-p", "period", args.period,
                           "-p", "pairing", args.pairing], env)
                    + timed([_tool("jupyter"), "nbconvert", "--to", "html", "--no-input",
                             str(nb)], env))

        loop = [hand() for _ in range(args.repeat)]
        fresh = [timed(report + ["--no-daemon"], env) for _ in range(args.repeat)]
        first = timed(report, env)
        warm = [timed(report, env) for _ in range(args.repeat)]
        address = runtime / "sgnet" / "daemon.json"
        if address.exists():
            os.kill(json.loads(address.read_text())["pid"], signal.SIGTERM)
    base = statistics.median(loop)
    rows = [("hand loop: papermill + nbconvert (median)", base),
            ("sgnet report --no-daemon (median)", statistics.median(fresh)),
            ("sgnet report, first (starts the kept kernel)", first),
            ("sgnet report, warm (median)", statistics.median(warm))]
    print(f"one report ({args.period}, {args.pairing}); {os.cpu_count()} CPUs; "
          f"{args.repeat} runs each")
    print(f"{'':48}{'seconds':>9}{'vs hand':>9}")
    for name, seconds in rows:
        print(f"{name:48}{seconds:9.2f}{base / seconds:8.1f}x")
    print(f"warm runs: {', '.join(f'{t:.2f}' for t in warm)} s")


if __name__ == "__main__":
    main()
