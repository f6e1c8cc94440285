"""End to end: real papermill, a real kernel, real nbconvert, on the bundled sample."""

import re
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest

import sgnet
from sgnet.errors import ReportError
from sgnet.paths import SAMPLE_DATA
from sgnet.report import run_report


def busiest_quarter() -> str:
    acts = pd.read_csv(SAMPLE_DATA / "activities.csv", dtype=str)
    quarters = pd.to_datetime(acts["start_date"]).dt.to_period("Q").astype(str)
    return quarters.value_counts().idxmax()


def plain_pandas_headline(quarter: str) -> dict[str, int]:
    acts = pd.read_csv(SAMPLE_DATA / "activities.csv")
    acts = acts[pd.to_datetime(acts["start_date"]).dt.to_period("Q").astype(str) == quarter]
    acts["count"] = acts["count"].fillna(1)
    training = acts[acts["kind"] == "training"]
    return {
        "trainings": int(training["count"].sum()),
        "people_trained": int(training["participants"].sum()),
        "station_visits": int(acts.loc[acts["kind"] == "station_visit", "count"].sum()),
    }


def card(page: str, metric: str) -> int | None:
    """The number shown on the headline card of ``metric``."""
    shown = re.search(rf"data-metric=[\"']{metric}[\"']><div class=[\"']sg-value[\"']>([\d,]+)<",
                      page)
    return None if shown is None else int(shown.group(1).replace(",", ""))


class _Loads(HTMLParser):
    """Collects every URL the page would load, and the scripts it holds."""

    def __init__(self):
        super().__init__()
        self.urls, self.scripts, self.images = [], 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.scripts += tag == "script"
        if tag == "img":
            self.images += 1
        for key in ("src", "href", "data"):
            if attrs.get(key) and not attrs[key].startswith(("data:", "#")):
                self.urls.append(attrs[key])


@pytest.fixture(scope="module")
def funder_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    quarter = busiest_quarter()
    return run_report(period=quarter, out=out), quarter


def test_report_files_and_parameters(funder_report):
    result, quarter = funder_report
    assert result.html.name == "all.html" and result.html.parent.name == quarter
    nb = nbformat.read(result.notebook, as_version=4)
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert ["parameters"] in tags and ["injected-parameters"] in tags
    assert nb.metadata.papermill.parameters["period"] == quarter


def test_headline_numbers_match_plain_pandas(funder_report):
    result, quarter = funder_report
    page = result.html.read_text(encoding="utf-8")
    for metric, value in plain_pandas_headline(quarter).items():
        assert card(page, metric) == value, metric


def test_html_is_self_contained_with_figures_and_no_code(funder_report):
    page = funder_report[0].html.read_text(encoding="utf-8")
    loads = _Loads()
    loads.feed(page)
    assert loads.urls == [] and loads.scripts == 0
    assert page.count('src="data:image/png;base64,') >= 2
    assert "import sgnet" not in page and "Traceback" not in page
    assert "培训人次" in page and "各结对年度目标进度" in page


def test_funder_report_has_no_names_of_people(funder_report):
    result, _ = funder_report
    names = sgnet.load().people["name"]
    text = result.html.read_text(encoding="utf-8") + result.notebook.read_text(encoding="utf-8")
    leaked = [n for n in names if n in text]
    assert leaked == []


def test_english_internal_report(tmp_path):
    result = run_report(period="2022-10-24..2022-10-28", pairing="PR14", audience="internal",
                        lang="en", out=tmp_path)
    page = result.html.read_text(encoding="utf-8")
    assert result.html.name == "PR14.internal.en.html"  # never the funder's PR14.html
    assert result.notebook.name == "PR14.internal.en.ipynb" and result.scope == "PR14"
    assert "INTERNAL · DO NOT FORWARD" in page
    assert "People trained" in page and "Activities led per supervisor" in page
    # the week of seed 002: a training of 22 people, 5 stations visited, 13 supervised
    assert result.html.parent.name == "2022-10-24_2022-10-28"
    assert card(page, "people_trained") == 22
    assert card(page, "station_visits") == 5
    assert card(page, "people_supervised") == 13


def test_failed_run_keeps_the_earlier_report(tmp_path):
    good = run_report(period="2022Q4", pairing="PR14", out=tmp_path)
    before = good.html.read_bytes()
    broken = tmp_path / "broken.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("data = period = region = pairing = None\n"
                                  "audience = 'funder'\nlang = 'zh'",
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("raise RuntimeError('boom')"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nbformat.write(nb, broken)
    with pytest.raises(ReportError, match="boom"):
        run_report(period="2022Q4", pairing="PR14", out=tmp_path, notebook=broken)
    assert good.html.read_bytes() == before
    assert (good.html.parent / "PR14.failed.ipynb").exists()
    leftovers = [p.name for p in good.html.parent.iterdir() if p.name.startswith(".sgnet-")]
    assert leftovers == []
