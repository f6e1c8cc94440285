"""Batch reports, end to end: real papermill on kept kernels, real nbconvert, the real CLI."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest
from conftest import tiny_frames, write_csv_dataset
from typer.testing import CliRunner

import sgnet
from sgnet import metrics
from sgnet import report as report_module
from sgnet.cli import app
from sgnet.handover import fingerprint, publish
from sgnet.kernel import KernelWorker
from sgnet.pages import IndexRow, index_html
from sgnet.paths import SAMPLE_DATA
from sgnet.plan import REPORT_NOTEBOOK, batch_scopes, make_plan
from sgnet.report import run_batch, run_report

runner = CliRunner()


def busiest_quarter() -> str:
    acts = pd.read_csv(SAMPLE_DATA / "activities.csv", dtype=str)
    return pd.to_datetime(acts["start_date"]).dt.to_period("Q").astype(str).value_counts().idxmax()


class _Page(HTMLParser):
    """Every URL a page would load or link to, its scripts, and the index's table rows."""

    def __init__(self):
        super().__init__()
        self.loads, self.links, self.scripts, self.rows = [], [], [], []
        self._script, self._row = False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._script = True
            self.scripts.append(attrs.get("src") or "")
        if tag == "tr" and attrs.get("class") in ("sg-ok", "sg-failed"):
            self._row = {"class": attrs["class"], "cells": []}
            self.rows.append(self._row)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for key in ("src", "data") + (("href",) if tag == "link" else ()):
            if attrs.get(key) and not attrs[key].startswith(("data:", "#")):
                self.loads.append(attrs[key])

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._row is not None and data.strip():
            self._row["cells"].append(data.strip())


def card(page: str, metric: str) -> int | None:
    """The number shown on the headline card of ``metric``."""
    shown = re.search(rf"data-metric=[\"']{metric}[\"']><div class=[\"']sg-value[\"']>([\d,]+)<",
                      page)
    return None if shown is None else int(shown.group(1).replace(",", ""))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


# --------------------------------------------------------------------------- the sample

@pytest.fixture(scope="module")
def sample_batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch")
    quarter = busiest_quarter()
    result = runner.invoke(app, ["batch", "--period", quarter, "--each", "pairing",
                                 "--jobs", "2", "--out", str(out)])
    return result, out / quarter, quarter


def test_batch_writes_one_report_per_pairing_and_an_index(sample_batch):
    result, folder, _ = sample_batch
    assert result.exit_code == 0, result.output
    pairings = sorted(sgnet.load().pairings["pairing_id"])
    assert sorted(p.stem for p in folder.glob("PR*.html")) == pairings
    assert sorted(p.stem for p in folder.glob("PR*.ipynb")) == pairings
    assert (folder / "index.html").exists()
    assert "15 reports" in result.output and "0 failed" in result.output
    leftovers = [p.name for p in folder.parent.iterdir() if p.name.startswith(".sgnet-")]
    assert leftovers == []


def test_no_html_file_loads_anything(sample_batch):
    _, folder, _ = sample_batch
    for path in folder.glob("*.html"):
        page = parse(path)
        assert page.loads == [], path.name
        assert all(src == "" for src in page.scripts), path.name  # inline only, if any
        if path.name != "index.html":
            assert page.scripts == [], path.name
            assert "default-src 'none'" in path.read_text(encoding="utf-8")


def test_index_rows_link_to_the_reports_and_show_their_headline(sample_batch):
    _, folder, _ = sample_batch
    page = parse(folder / "index.html")
    assert len(page.rows) == 15 and all(r["class"] == "sg-ok" for r in page.rows)
    # each report's page, and its Word file beside it
    assert sorted(page.links) == sorted(p.name for p in folder.glob("PR*")
                                        if p.suffix in (".html", ".docx"))
    text = (folder / "index.html").read_text(encoding="utf-8")
    assert "script-src 'unsafe-inline'" in text and "default-src 'none'" in text
    for row in page.rows[:3]:
        pid = row["cells"][0]
        shown = card((folder / f"{pid}.html").read_text(encoding="utf-8"), "trainings")
        assert f"{shown:,}" in row["cells"], (pid, shown, row["cells"])


def test_each_notebook_is_what_papermill_writes(sample_batch):
    _, folder, quarter = sample_batch
    nb = nbformat.read(folder / "PR07.ipynb", as_version=4)
    nbformat.validate(nb)
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags.index(["parameters"]) + 1 == tags.index(["injected-parameters"])
    assert nb.metadata.papermill.parameters["pairing"] == "PR07"
    assert nb.metadata.papermill.parameters["period"] == quarter
    assert nb.metadata.papermill.input_path.endswith("period_report.ipynb")
    assert all(c.metadata.papermill.status == "completed" for c in nb.cells)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert any(o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
               for c in nb.cells for o in c.get("outputs", []))


def _outputs(nb):
    return [(c.cell_type, c.source, c.get("execution_count"),
             [{k: v for k, v in o.items() if k != "metadata"} for o in c.get("outputs", [])])
            for c in nb.cells]


def test_a_report_alone_equals_the_same_report_in_the_batch(sample_batch, tmp_path):
    _, folder, quarter = sample_batch
    alone = run_report(period=quarter, pairing="PR09", out=tmp_path)
    a = nbformat.read(alone.notebook, as_version=4)
    b = nbformat.read(folder / "PR09.ipynb", as_version=4)
    assert _outputs(a) == _outputs(b)  # every output, figures byte for byte
    assert a.metadata.papermill.parameters == b.metadata.papermill.parameters


# --------------------------------------------------------------------------- isolation

PROBE_CELLS = [
    ("data = None\nhandle = None\ndirty = False", ["parameters"]),
    ("import json, logging, os, sys, warnings\n"
     "import matplotlib as mpl\nimport matplotlib.pyplot as plt\nimport pandas as pd\n"
     "from matplotlib.font_manager import fontManager\n"
     "from matplotlib_inline.config import InlineBackend\nimport sgnet, sgnet.plots\n"
     "state = {\n"
     "    'names': sorted(k for k in globals() if not k.startswith('_')\n"
     "                    and k not in ('In', 'Out', 'get_ipython', 'exit', 'quit', 'open')),\n"
     "    'rc': {k: str(mpl.rcParams[k]) for k in ('lines.linewidth', 'font.family',\n"
     "                                              'font.sans-serif', 'axes.unicode_minus')},\n"
     "    'figures': plt.get_fignums(),\n"
     "    'max_rows': pd.get_option('display.max_rows'),\n"
     "    'warning_filters': [str(f[0]) for f in warnings.filters][:3],\n"
     "    'cwd_name': os.path.basename(os.getcwd()),\n"
     "    'sys_path_tail': sys.path[-1],\n"
     "    'env': os.environ.get('SGNET_PROBE'),\n"
     "    'cjk_registered': any(f.name == 'Noto Sans CJK SC' for f in fontManager.ttflist),\n"
     "    'figure_formats': sorted(InlineBackend.instance().figure_formats),\n"
     "    'root_log_level': logging.root.level,\n"
     "    'count_total': int(sgnet.load(data, handle=handle).activities['count'].sum()),\n"
     "    'execution_count': get_ipython().execution_count,\n"
     "}\n"
     "print(json.dumps(state, sort_keys=True))", []),
    ("if dirty:\n"
     "    secret = 42\n"
     "    mpl.rcParams['lines.linewidth'] = 7\n"
     "    plt.figure()\n"
     "    pd.set_option('display.max_rows', 3)\n"
     "    warnings.simplefilter('error')\n"
     "    os.chdir('/')\n"
     "    sys.path.append('/nowhere-sgnet')\n"
     "    os.environ['SGNET_PROBE'] = 'leaked'\n"
     "    sgnet.plots.use_cjk_font()\n"
     "    %config InlineBackend.figure_formats = ['svg']\n"
     "    logging.basicConfig(level=logging.DEBUG)\n"
     "    ds = sgnet.load(data, handle=handle)\n"
     "    ds.activities.loc[:, 'count'] = 999", []),
]


def _probe_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src, metadata={"tags": tags} if tags else {})
                for src, tags in PROBE_CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nbformat.write(nb, path)
    return path


def _state(nb) -> dict:
    text = "".join(o["text"] for o in nb.cells[2].outputs if o.get("name") == "stdout")
    return json.loads(text)


def test_kept_kernel_does_not_leak_state_between_reports(tmp_path):
    probe = _probe_notebook(tmp_path / "probe.ipynb")
    handle = fingerprint(SAMPLE_DATA)
    params = {"data": str(SAMPLE_DATA), "handle": handle}
    fresh = pm.execute_notebook(str(probe), str(tmp_path / "fresh.ipynb"),
                                parameters={"data": str(SAMPLE_DATA)}, progress_bar=False,
                                cwd=str(tmp_path))
    # the dirty report changes the handed-over dataset; the next one must get it intact
    with publish(sgnet.load(), handle), KernelWorker() as worker:
        worker.execute(probe, tmp_path / "dirty.ipynb", params | {"dirty": True}, cwd=tmp_path)
        dirty = _state(nbformat.read(tmp_path / "dirty.ipynb", as_version=4))
        after = _state(worker.execute(probe, tmp_path / "after.ipynb", params, cwd=tmp_path))
    expected = _state(fresh)
    assert after == expected
    assert dirty == expected  # the first report on a kept kernel also sees a fresh one
    assert "secret" not in after["names"] and after["env"] is None


# --------------------------------------------------------------------------- robustness

def _three_pairings(folder: Path) -> Path:
    frames = tiny_frames()
    frames["pairings"] = pd.concat([frames["pairings"], pd.DataFrame([{
        "pairing_id": "PR3", "mentor_org_id": "O1", "mentee_org_id": "O3",
        "program": "牵手计划", "start_date": "2022-01-01", "end_date": ""}])], ignore_index=True)
    frames["activities"] = pd.concat([frames["activities"], pd.DataFrame([{
        "activity_id": "A8", "kind": "training", "start_date": "2022-04-12", "end_date": "",
        "pairing_id": "PR3", "host_org_id": "O1", "target_org_id": "O3",
        "lead_person_ids": "P1", "count": "2", "participants": "17", "hours": "4"}])],
        ignore_index=True).fillna("")
    return write_csv_dataset(folder, frames)


def _broken_notebook(path: Path, pairing: str) -> Path:
    """The real report notebook, with one cell that fails for one pairing."""
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    load_cell = next(i for i, c in enumerate(nb.cells) if "sgnet.load(data" in c.source)
    nb.cells.insert(load_cell + 1, nbformat.v4.new_code_cell(
        f"if pairing == {pairing!r}:\n    raise ValueError('目标表有误 <b>for ' + pairing)"))
    nbformat.write(nb, path)
    return path


def test_one_broken_pairing_is_marked_and_the_others_are_written(tmp_path, monkeypatch):
    data = _three_pairings(tmp_path / "data")
    out = tmp_path / "reports"
    good = run_batch(data, period="2022Q2", out=out, jobs=2)
    assert good.failed == []
    # PR2 has no activity in 2022Q2: its report still renders, with zeros
    pr2 = (good.folder / "PR2.html").read_text(encoding="utf-8")
    assert card(pr2, "trainings") == 0 and card(pr2, "station_visits") == 0
    before = (good.folder / "PR1.html").read_bytes()

    broken = _broken_notebook(tmp_path / "broken.ipynb", "PR1")
    real_run_batch = report_module.run_batch
    monkeypatch.setattr(report_module, "run_batch",
                        lambda *a, **kw: real_run_batch(*a, notebook=broken, **kw))
    result = runner.invoke(app, ["batch", "--data", str(data), "--period", "2022Q2",
                                 "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    assert "3 reports for 2022Q2: 2 written, 1 failed (PR1)" in result.output
    assert "Traceback" not in result.output

    page = parse(good.index)
    status = {r["cells"][0]: r["class"] for r in page.rows}
    assert status == {"PR1": "sg-failed", "PR2": "sg-ok", "PR3": "sg-ok"}
    text = good.index.read_text(encoding="utf-8")
    assert "ValueError: 目标表有误 &lt;b&gt;for PR1" in text and "<b>for" not in text
    # the failed run kept the earlier good report and the failed notebook as evidence
    assert (good.folder / "PR1.html").read_bytes() == before
    assert "PR1.failed.ipynb" in page.links and (good.folder / "PR1.failed.ipynb").exists()
    assert "PR1.html" in page.links  # links to the earlier report, marked as kept
    assert (good.folder / "PR3.html").exists() and (good.folder / "PR2.html").exists()


def test_a_dead_kernel_fails_one_report_and_is_replaced(tmp_path):
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    load_cell = next(i for i, c in enumerate(nb.cells) if "sgnet.load(data" in c.source)
    nb.cells.insert(load_cell + 1, nbformat.v4.new_code_cell(
        "import os\nif pairing == 'PR1':\n    os._exit(3)"))
    nbformat.write(nb, tmp_path / "killer.ipynb")
    data = write_csv_dataset(tmp_path / "tiny")
    result = run_batch(data, period="2022Q2", out=tmp_path / "out", jobs=1,
                       notebook=tmp_path / "killer.ipynb")
    assert [(o.scope.scope, o.ok) for o in result.outcomes] == [("PR1", False), ("PR2", True)]
    assert "kernel failed" in result.outcomes[0].reason
    assert (result.folder / "PR2.html").exists()  # run on the replacement kernel


def test_region_batch_at_city_level(tmp_path):
    data = write_csv_dataset(tmp_path / "tiny")
    result = run_batch(data, period="2022", each="region", level="city", out=tmp_path / "r",
                       jobs=1, lang="en")
    # the mentees' cities (every activity of the tiny data targets an organization there)
    assert [o.scope.scope for o in result.outcomes] == ["451200", "520500"]
    assert result.failed == []
    assert sorted(p.name for p in result.folder.glob("*.html")) == [
        "451200.en.html", "520500.en.html", "index.en.html"]
    page = (result.folder / "451200.en.html").read_text(encoding="utf-8")
    assert "People trained" in page  # lang=en reached the notebook
    # Hechi city: trainings A1 (20 people) and A2 (50 people) of PR1 in 2022
    assert card(page, "people_trained") == 70


# --------------------------------------------------------------------------- pieces

def test_batch_scopes_pairings_active_in_the_period(tiny_dir):
    ds = sgnet.load(tiny_dir)
    assert [s.scope for s in batch_scopes(ds, sgnet.parse_period("2022-01"))] == ["PR1"]
    scopes = batch_scopes(ds, sgnet.parse_period("2022Q2"))
    assert [(s.scope, s.name) for s in scopes] == [
        ("PR1", "东部社工中心 → 罗城某社工中心"), ("PR2", "东部社工中心 → 威宁某机构")]
    with pytest.raises(sgnet.ReportError, match="--each must be one of"):
        batch_scopes(ds, sgnet.parse_period("2022"), each="county")


def test_index_escapes_data_and_marks_failures():
    page = index_html([IndexRow("PR1", "<script>alert(1)</script>", ok=True,
                                figures={"trainings": 1234}),
                       IndexRow("PR2", "乙 → 丙", ok=False, figures={},
                                error="KeyError: 'x' <img>")],
                      sgnet.parse_period("2023Q2"))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    assert "1,234" in page and "KeyError: &#x27;x&#x27; &lt;img&gt;" in page
    assert page.count("<script>") == 1  # only the sorting script
    assert "以下报告生成失败" in page


def test_index_figures_come_from_metrics_not_from_html(tiny_dir):
    plan = make_plan(tiny_dir, period="2022Q2", each="pairing")
    ds = sgnet.load(tiny_dir)
    for job in plan.jobs:
        expected = metrics.headline(ds.select(pairing=job.scope.pairing, period="2022Q2"))
        assert job.figures == dict(zip(expected["metric"], expected["value"], strict=True))
    # worked by hand from conftest.TINY: in 2022Q2, PR1 has A2 (2 trainings, 50 people),
    # A3 (3 stations), A4 (4 individual sessions, 4 people) and A6 (1 household, count blank)
    pr1 = plan.jobs[0].figures
    assert (pr1["trainings"], pr1["people_trained"], pr1["station_visits"],
            pr1["individual_supervision"], pr1["household_visits"]) == (2, 50, 3, 4, 1)


def test_batch_translates_arguments(monkeypatch, tmp_path):
    seen = {}

    def fake_run_batch(data, **kwargs):
        seen.update(kwargs, data=data)
        raise sgnet.ReportError("stop here")

    monkeypatch.setattr(report_module, "run_batch", fake_run_batch)
    result = runner.invoke(app, ["batch", "--data", "x", "--period", "2022Q4", "--each",
                                 "region", "--level", "city", "--jobs", "3", "--audience",
                                 "internal", "--lang", "en", "--out", str(tmp_path),
                                 "--only", "450000", "--only", "520000"])
    assert result.exit_code == 1 and "stop here" in result.output
    seen.pop("on_progress")
    assert seen == {"data": Path("x"), "period": "2022Q4", "each": "region", "level": "city",
                    "jobs": 3, "audience": "internal", "lang": "en", "out": tmp_path,
                    "only": ["450000", "520000"], "scheduler": None,
                    "connect_timeout": 10.0, "allow_rejected": False, "formats": "html,docx"}


def test_only_writes_the_named_reports(tmp_path):
    result = run_batch(period="2022Q4", out=tmp_path, jobs=1, only=["PR14"])
    assert [o.scope.scope for o in result.outcomes] == ["PR14"]
    assert sorted(p.name for p in result.index.parent.glob("*.html")) == ["PR14.html",
                                                                          "index.html"]
    with pytest.raises(sgnet.ReportError, match="nothing to report for PR99"):
        run_batch(period="2022Q4", out=tmp_path, jobs=1, only=["PR99"])
