"""Render one report: run its notebook on a kernel, then write the ``.ipynb`` and ``.html``.

The one execution path of every runner (:mod:`sgnet.runners`, :mod:`sgnet.dask_runner`):
papermill runs the notebook with the job's parameters on a :class:`~sgnet.kernel.KernelWorker`,
the executed notebook is made repeatable (:func:`normalize`) and rendered to self-contained
HTML (:func:`export_html`).
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import papermill as pm

from .errors import ReportError
from .kernel import EXPORT_LOCK, KernelWorker, shared_exporter
from .pages import provenance_html
from .provenance import generated_on

__all__ = ["render", "export_html", "normalize"]


def export_html(nb: nbformat.NotebookNode, *, exporter=None, footer: str = "") -> str:
    """Render an executed notebook as self-contained HTML: no code, no prompts, no scripts.

    Uses the ``sgnet`` nbconvert template (JupyterLab styling, with the require.js, MathJax
    and mermaid loaders removed) and drops stderr streams (warnings) from the output. Without
    ``exporter``, the process's kept exporter is used (its templates compile once).
    ``footer`` is HTML put at the end of the page (the report's provenance).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    >>> page = export_html(nb)
    >>> "<html" in page and "x = 1" not in page
    True
    """
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [o for o in cell.get("outputs", [])
                               if not (o.get("output_type") == "stream"
                                       and o.get("name") == "stderr")]
    resources = {"metadata": {"name": "sgnet report"}, "sgnet_footer": footer}
    if exporter is not None:
        return exporter.from_notebook_node(nb, resources=resources)[0]
    with EXPORT_LOCK:
        return shared_exporter().from_notebook_node(nb, resources=resources)[0]


def normalize(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Make an executed notebook repeatable: the same inputs give the same bytes.

    Drops the per-cell execution timings (nbclient's ``execution``, papermill's start, end
    and duration), gives the injected-parameters cell a fixed id instead of a random one,
    records the output as its file ``name`` rather than the temporary path it was run in,
    and keeps one timestamp: the run's ``metadata.papermill.start_time``. Returns a copy.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.metadata["papermill"] = {"output_path": "/tmp/x/PR01.ipynb", "duration": 1.5}
    >>> dict(normalize(nb, "PR01.ipynb").metadata["papermill"])
    {'output_path': 'PR01.ipynb'}
    """
    nb = copy.deepcopy(nb)
    if "papermill" in nb.metadata:
        nb.metadata.papermill["output_path"] = name
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            cell.metadata.get("papermill", {}).pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    for key in ("end_time", "duration"):
        nb.metadata.get("papermill", {}).pop(key, None)
    return nb


def render(worker: KernelWorker, parameters: dict, folder: Path, stem: str, *,
           notebook: str | Path, provenance: dict | None = None) -> nbformat.NotebookNode:
    """Run ``notebook`` on ``worker`` into ``folder/<stem>.ipynb`` and ``.html``.

    ``provenance`` (:func:`sgnet.provenance.provenance`) goes into the notebook's
    ``metadata.sgnet`` and, without the per-record fingerprints, into the page's footer.

    Returns
    -------
    nbformat.NotebookNode
        The executed, normalized notebook.

    Raises
    ------
    ReportError
        If a cell raised (``folder/<stem>.ipynb`` then holds the failed notebook, as
        papermill writes it, and the error carries the cell, its error name and value) or
        the kernel died.
    """
    folder = Path(folder)
    try:
        nb = worker.execute(notebook, folder / f"{stem}.ipynb", parameters, cwd=folder)
    except pm.PapermillExecutionError as err:
        raise ReportError(f"failed in cell {err.exec_count}: {err.ename}: {err.evalue}",
                          cell_index=err.cell_index, exec_count=err.exec_count,
                          ename=err.ename, evalue=err.evalue) from err
    nb = normalize(nb, f"{stem}.ipynb")  # repeatable: same inputs, same bytes
    footer = ""
    if provenance:
        nb.metadata["sgnet"] = provenance
        footer = provenance_html(provenance, lang=parameters.get("lang", "zh"),
                                 audience=parameters.get("audience", "funder"),
                                 date=generated_on(nb.metadata))
    nbformat.write(nb, folder / f"{stem}.ipynb")
    (folder / f"{stem}.html").write_text(export_html(nb, footer=footer), encoding="utf-8")
    return nb
