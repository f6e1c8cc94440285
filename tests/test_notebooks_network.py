"""The network notebooks run with their defaults through papermill (real kernel), and two
report runs give byte-identical figures, the map among them."""

import base64

import nbformat
import papermill as pm
import pytest

import sgnet
from sgnet.paths import NOTEBOOKS
from sgnet.report import run_report


def execute(name, tmp_path, **parameters):
    out = tmp_path / f"{name}.out.ipynb"
    pm.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(out), parameters=parameters,
                        cwd=str(tmp_path), kernel_name="python3", progress_bar=False)
    return nbformat.read(out, as_version=4)


def outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def images(nb):
    return [base64.b64decode(o["data"]["image/png"]) for o in outputs(nb)
            if "data" in o and "image/png" in o["data"]]


def text_of(nb):
    return nbformat.writes(nb)


@pytest.mark.parametrize("name", ["network_overview", "pairing_profile"])
def test_notebook_is_thin_and_parameterized(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    assert [c.metadata.get("tags") for c in nb.cells if c.metadata.get("tags")] == [["parameters"]]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "def " not in code and "class " not in code
    assert (NOTEBOOKS / f"{name}.py").exists()


def test_network_overview_runs_with_defaults(tmp_path):
    nb = execute("network_overview", tmp_path)
    assert not [o for o in outputs(nb) if o.get("output_type") == "error"]
    assert len(images(nb)) == 3  # map, network, timeline
    page = text_of(nb)
    assert "sgnet pairing network" in page and "stations_per_supervisor" in page
    assert "top_share" in page and "added" in page  # concentration, change 2022 → 2023
    names = sgnet.load().people["name"]
    assert [n for n in names if n in page] == []


def test_pairing_profile_runs_with_defaults_and_internal_names(tmp_path):
    nb = execute("pairing_profile", tmp_path)
    page = text_of(nb)
    assert len(images(nb)) == 2 and "PR14" in page
    people = sgnet.load().people
    assert [n for n in people["name"] if n in page] == []
    internal = text_of(execute("pairing_profile", tmp_path, pairing="PR01", audience="internal",
                               period="2022Q4"))
    supervisors_of_pr01 = people.loc[people["org_id"] == "O002", "name"]
    assert any(n in internal for n in supervisors_of_pr01)


def test_two_report_runs_give_byte_identical_figures(tmp_path):
    first = run_report(period="2022Q4", out=tmp_path / "a")
    second = run_report(period="2022Q4", out=tmp_path / "b")
    a = images(nbformat.read(first.notebook, as_version=4))
    b = images(nbformat.read(second.notebook, as_version=4))
    assert len(a) == 3 and a == b  # monthly activity, target progress, the pairing map
