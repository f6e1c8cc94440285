"""Notebooks diff well: each is paired with a .py file, has a parameters cell, stores no output.

And the exploration notebook runs under papermill from its parameters alone.
"""

import nbformat
import papermill as pm
import pytest

from sgnet.paths import NOTEBOOKS

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_notebooks_are_found():
    assert {"period_report.ipynb", "explore.ipynb"} <= {p.name for p in NOTEBOOK_FILES}


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_notebook_has_one_parameters_cell_and_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    code = [c for c in nb.cells if c.cell_type == "code"]
    with_output = [i for i, c in enumerate(code) if c.outputs or c.execution_count is not None]
    assert with_output == [], f"{path.name}: run `nbstripout {path.name}` (see README)"
    assert "widgets" not in nb.metadata and "papermill" not in nb.metadata


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_notebook_is_paired_with_a_py_file_of_the_same_cells(path):
    nb = nbformat.read(path, as_version=4)
    paired = path.with_suffix(".py")
    assert paired.exists(), f"{paired.name} is missing: jupytext --set-formats ipynb,py:percent"
    assert nb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"
    jupytext = pytest.importorskip("jupytext", reason="comparing the cells needs jupytext")
    text = jupytext.read(paired)
    assert [(c.cell_type, c.source) for c in text.cells] == \
        [(c.cell_type, c.source) for c in nb.cells], \
        f"{path.name} and {paired.name} differ: run jupytext --sync {path.name}"


def test_explore_runs_under_papermill_from_its_parameters(tmp_path):
    out = tmp_path / "explore.ipynb"
    pm.execute_notebook(str(NOTEBOOKS / "explore.ipynb"), str(out), cwd=str(tmp_path),
                        parameters={"period": "2023Q2", "region": "450000", "lang": "en"},
                        kernel_name="python3", progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    assert nb.metadata.papermill.parameters == {"period": "2023Q2", "region": "450000",
                                                "lang": "en"}
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    # the overview cell, and the picker's first drawing (a plain output, updated in place)
    assert len(images) == 2
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "period 2023Q2" in html and "region 450000" in html  # the Dataset's summary
    widgets = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in
               o.get("data", {})]
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        assert any("sgnet[lab]" in o.get("text", "") for o in outputs)
    else:
        assert len(widgets) == 1
