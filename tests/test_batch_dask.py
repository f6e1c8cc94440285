"""sgnet batch --scheduler: the same batch on a real Dask cluster (scheduler and worker
processes on loopback), compared with the local run, file by file."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import dask
import nbformat
import pandas as pd
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from sgnet import report as report_module
from sgnet.cli import app
from sgnet.errors import ReportError
from sgnet.paths import SAMPLE_DATA
from sgnet.plan import REPORT_NOTEBOOK
from sgnet.report import run_batch

runner = CliRunner()


def busiest_quarter() -> str:
    acts = pd.read_csv(SAMPLE_DATA / "activities.csv", dtype=str)
    return pd.to_datetime(acts["start_date"]).dt.to_period("Q").astype(str).value_counts().idxmax()


class _Rows(HTMLParser):
    """The rows of an index page: class and cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self.links, self._row = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and attrs.get("class") in ("sg-ok", "sg-failed"):
            self._row = {"class": attrs["class"], "cells": []}
            self.rows.append(self._row)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._row is not None and data.strip():
            self._row["cells"].append(data.strip())


def rows(path: Path) -> _Rows:
    page = _Rows()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _notebook(path: Path) -> dict:
    """The notebook as JSON, without the one timestamp a repeatable run keeps."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["papermill"].pop("start_time")
    return nb


def _broken_notebook(path: Path, cell: str) -> Path:
    """The real report notebook with one more cell right after the data is loaded."""
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    load_cell = next(i for i, c in enumerate(nb.cells) if "sgnet.load(data" in c.source)
    nb.cells.insert(load_cell + 1, nbformat.v4.new_code_cell(cell))
    nbformat.write(nb, path)
    return path


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def cluster():
    # a task whose worker dies fails at once (the default retries it on another worker 3 times)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
    yield cluster
    cluster.close()


#: the reports compared (a third of the sample: each renders the same code, and a whole
#: batch of the sample is rendered by tests/test_batch.py)
COMPARED = ["PR02", "PR03", "PR04", "PR09", "PR14"]


@pytest.fixture(scope="module")
def runs(cluster, tmp_path_factory):
    """The same batch of the sample, run locally and through the CLI on the cluster."""
    quarter = busiest_quarter()
    local_out, dask_out = tmp_path_factory.mktemp("local"), tmp_path_factory.mktemp("dask")
    days = {dt.date.today()}
    local = run_batch(period=quarter, out=local_out, jobs=2, only=COMPARED)
    result = runner.invoke(app, ["batch", "--period", quarter, "--out", str(dask_out),
                                 "--scheduler", cluster.scheduler_address,
                                 *[a for pid in COMPARED for a in ("--only", pid)]])
    days.add(dt.date.today())
    return local, result, dask_out / quarter, days


# --------------------------------------------------------------------------- same outputs

def test_the_cluster_writes_the_same_files(runs, cluster):
    local, result, folder, _ = runs
    assert result.exit_code == 0, result.output
    n = len(COMPARED)
    assert f"{n} reports" in result.output and f"{n} written, 0 failed" in result.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(p.name for p in local.folder.iterdir())
    assert len([m for m in names if m.endswith(".html")]) == n + 1  # the reports, the index
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith(".sgnet-")] == []
    # the cluster is not ours: it still runs, with its two workers
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        assert len(client.scheduler_info()["workers"]) == 2


def test_the_index_rows_are_the_same(runs):
    local, _, folder, _ = runs
    ours, theirs = rows(folder / "index.html"), rows(local.index)
    assert len(ours.rows) == len(COMPARED) and all(r["class"] == "sg-ok" for r in ours.rows)
    assert ours.rows == theirs.rows  # scope, name, every headline figure, status
    assert ours.links == theirs.links


def test_each_notebook_and_page_is_the_same(runs):
    local, _, folder, days = runs
    for path in sorted(local.folder.glob("PR*.ipynb")):
        ours, theirs = _notebook(folder / path.name), _notebook(path)
        # every cell's outputs, text and figures alike, and the papermill metadata
        assert [c.get("outputs") for c in ours["cells"]] == \
               [c.get("outputs") for c in theirs["cells"]], path.name
        assert ours == theirs, path.name
        assert ours["metadata"]["papermill"]["input_path"] == str(REPORT_NOTEBOOK)
    dates = re.compile("|".join(re.escape(d.isoformat()) for d in days))
    for path in sorted(local.folder.glob("PR*.html")):
        ours = dates.sub("<run date>", (folder / path.name).read_text(encoding="utf-8"))
        theirs = dates.sub("<run date>", path.read_text(encoding="utf-8"))
        assert ours == theirs, path.name


# --------------------------------------------------------------------------- failures

def test_a_failing_report_is_marked_and_keeps_the_earlier_one(runs, cluster, tmp_path,
                                                               monkeypatch):
    _, _, good, _ = runs
    quarter = good.name
    out = tmp_path / "reports"
    shutil.copytree(good, out / quarter)  # an earlier, good run
    before = (out / quarter / "PR03.html").read_bytes()
    broken = _broken_notebook(tmp_path / "broken.ipynb",
                              "if pairing == 'PR03':\n    raise ValueError('目标表有误 <b>' + pairing)")
    real_run_batch = report_module.run_batch
    monkeypatch.setattr(report_module, "run_batch",
                        lambda *a, **kw: real_run_batch(*a, notebook=broken, **kw))
    result = runner.invoke(app, ["batch", "--period", quarter, "--out", str(out),
                                 "--scheduler", cluster.scheduler_address,
                                 "--only", "PR02", "--only", "PR03", "--only", "PR04"])
    assert result.exit_code == 1, result.output
    assert f"3 reports for {quarter}: 2 written, 1 failed (PR03)" in result.output
    assert "failed PR03: failed in cell" in result.output  # the progress callback said so
    assert "Traceback" not in result.output

    folder = out / quarter
    page = rows(folder / "index.html")
    assert {r["cells"][0]: r["class"] for r in page.rows} == \
           {"PR02": "sg-ok", "PR03": "sg-failed", "PR04": "sg-ok"}
    text = (folder / "index.html").read_text(encoding="utf-8")
    assert "ValueError: 目标表有误 &lt;b&gt;PR03" in text and "目标表有误 <b>" not in text
    assert (folder / "PR03.html").read_bytes() == before  # the failed run kept it
    failed = nbformat.read(folder / "PR03.failed.ipynb", as_version=4)
    assert any(o.get("ename") == "ValueError" for c in failed.cells
               for o in c.get("outputs", []))
    assert failed.metadata.papermill.input_path == str(broken)
    # the others were rendered again, from the broken notebook that only PR03 trips on
    pr02 = json.loads((folder / "PR02.ipynb").read_text(encoding="utf-8"))
    assert pr02["metadata"]["papermill"]["input_path"] == str(broken)
    assert not (folder / "PR02.failed.ipynb").exists()


def test_a_worker_that_dies_fails_its_report_only(cluster, tmp_path):
    # the kernel's parent is the Dask worker process: kill it, as an out-of-memory kill would
    killer = _broken_notebook(
        tmp_path / "killer.ipynb",
        f"import os\nif pairing == 'PR06':\n    os.kill(os.getppid(), {int(signal.SIGKILL)})")
    seen = []
    quarter = busiest_quarter()
    result = run_batch(period=quarter, out=tmp_path / "out", notebook=killer,
                       scheduler=cluster.scheduler_address, only=["PR05", "PR06", "PR07"],
                       on_progress=lambda *args: seen.append(args[:3]))
    assert [(o.scope.scope, o.ok) for o in result.outcomes] == \
           [("PR05", True), ("PR06", False), ("PR07", True)]
    assert "KilledWorker" in result.outcomes[1].reason
    assert seen[0] == (0, 0, 3) and seen[-1] == (3, 1, 3)
    assert (result.folder / "PR05.html").exists() and (result.folder / "PR07.html").exists()
    assert not (result.folder / "PR06.html").exists()
    assert "KilledWorker" in result.index.read_text(encoding="utf-8")
    # the nanny restarted the worker; the next batch runs on both, kernels and all
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)
    again = run_batch(period=quarter, out=tmp_path / "out", scheduler=cluster.scheduler_address,
                      only=["PR06"])
    assert again.failed == [] and (again.folder / "PR06.html").exists()


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")  # the module's cluster
def test_workers_need_no_copy_of_the_data_even_after_a_kernel_dies(tmp_path):
    """The data is deleted once the reports are submitted: the kernels use what was sent,
    also the kernel that replaces one that died."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    killer = _broken_notebook(tmp_path / "killer.ipynb",
                              "import os\nif pairing == 'PR05':\n    os._exit(3)")

    def delete_the_data(done, failed, total, outcome):
        if outcome is None:
            shutil.rmtree(data)

    # one worker, so the reports after PR05 run on the replacement kernel
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as one:
        result = run_batch(data, period=busiest_quarter(), out=tmp_path / "out",
                           notebook=killer, scheduler=one.scheduler_address,
                           only=["PR05", "PR06", "PR07"], on_progress=delete_the_data)
    assert not data.exists()
    assert [(o.scope.scope, o.ok) for o in result.outcomes] == \
           [("PR05", False), ("PR06", True), ("PR07", True)]
    assert "kernel failed" in result.outcomes[0].reason


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_1(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    done = subprocess.run(
        [sys.executable, "-c", "from sgnet.cli import main; main()", "batch", "--scheduler",
         address, "--connect-timeout", "2", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120)  # bounded: a hang fails here
    assert done.returncode == 1
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
    assert lines == [lines[0]] and f"cannot reach the Dask scheduler at {address}" in lines[0]
    assert "Traceback" not in done.stderr + done.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")  # the module's cluster
def test_a_scheduler_without_workers_says_how_to_start_them(tmp_path):
    with LocalCluster(n_workers=0, processes=True, host="127.0.0.1",
                      dashboard_address=None) as empty:
        with pytest.raises(ReportError, match=r"has no workers; start some with `dask worker "
                                              r"tcp://127\.0\.0\.1:\d+ --nworkers N"):
            run_batch(period="2023Q2", out=tmp_path, scheduler=empty.scheduler_address,
                      connect_timeout=1)
    assert list(tmp_path.iterdir()) == []
