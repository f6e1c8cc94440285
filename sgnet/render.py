"""Render one report: run its notebook on a kernel, then write the ``.ipynb``, ``.html``,
``.docx`` and ``.pdf``.

The one execution path of every runner (:mod:`sgnet.runners`, :mod:`sgnet.dask_runner`):
papermill runs the notebook with the job's parameters on a :class:`~sgnet.kernel.KernelWorker`,
the executed notebook is made repeatable (:func:`normalize`) and rendered to self-contained
HTML (:func:`export_html`: its title, language, figure descriptions and the subset of the CJK
font it uses embedded), to Word from the same notebook's parts
(:func:`sgnet.docx_report.write_docx`) and, if asked, to PDF by headless Chromium
(:func:`sgnet.pdf.print_pdf`).
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import papermill as pm

from .errors import ReportError
from .kernel import EXPORT_LOCK, KernelWorker, shared_exporter
from .pages import provenance_html
from .parts import MIME
from .pdf import print_pdf
from .plan import DEFAULT_FORMATS
from .provenance import generated_on
from .webfont import embed_font
from .words import word

__all__ = ["render", "export_html", "normalize", "write_exports"]

def _describe(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """Give every figure its numbered caption; return the page's title and language."""
    title, lang, n = None, None, 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            part = output.get("data", {}).get(MIME)
            if not part:
                continue
            if part.get("type") == "title" and title is None:
                title = part
                lang = part.get("lang")
            elif part.get("type") == "figure":
                n += 1
                meta = output.setdefault("metadata", {}).setdefault("image/png", {})
                meta["caption"] = word("report.figure", lang or "zh", n=n,
                                       caption=part.get("caption", ""))
    if title is None:
        return "sgnet report", "en"
    return " · ".join(t for t in (title.get("title"), title.get("scope")) if t), title.get(
        "html_lang", "zh-CN")


def export_html(nb: nbformat.NotebookNode, *, footer: str = "") -> str:
    """Render an executed notebook as self-contained HTML: no code, no prompts, no scripts.

    Uses the ``sgnet`` nbconvert template (JupyterLab styling, with the require.js, MathJax
    and mermaid loaders removed, a print stylesheet) and drops stderr streams (warnings) from
    the output. The page's ``<title>`` names the report's title and scope, ``<html lang>`` its
    language, every figure has its alt text and numbered caption, and the glyphs of every
    character it shows are embedded as a font (:func:`sgnet.webfont.embed_font`). The
    process's one exporter is used (its templates compile once). ``footer`` is HTML put at
    the end of the page (the report's provenance).

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
    title, lang = _describe(nb)
    nb.metadata["title"] = title
    resources = {"metadata": {"name": title}, "sgnet_footer": footer}
    with EXPORT_LOCK:  # the process's one exporter: its templates compile once
        page = shared_exporter().from_notebook_node(nb, resources=resources)[0]
    page = page.replace('<html lang="en">', f'<html lang="{lang}">', 1)
    return embed_font(page)


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
           notebook: str | Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
           provenance: dict | None = None) -> nbformat.NotebookNode:
    """Run ``notebook`` on ``worker`` into ``folder/<stem>.ipynb``, ``.html`` and the other
    ``formats`` (``.docx``, ``.pdf``), all from the one executed notebook.

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
    ipynb = folder / f"{stem}.ipynb"
    nbformat.write(nb, ipynb)
    # the exports run in the report's own kernel: a process per worker, so two reports'
    # exports use two cores instead of queueing for this process's one interpreter lock
    wanted = tuple(f for f in formats if f != "pdf")
    worker.call(f"__import__('sgnet.render', fromlist=['_']).write_exports("
                f"{str(ipynb.resolve())!r}, footer={footer!r}, formats={wanted!r})",
                what="the HTML and Word export")
    if "pdf" in formats:
        print_pdf(folder / f"{stem}.html", folder / f"{stem}.pdf")
    return nb


def write_exports(ipynb: str | Path, *, footer: str = "",
                  formats: tuple[str, ...] = DEFAULT_FORMATS) -> list[Path]:
    """Write the ``.html`` (always) and ``.docx`` (if in ``formats``) beside ``ipynb``.

    :func:`render` runs this inside the kernel that executed the report.

    Examples
    --------
    >>> import tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("培训")])
    >>> path = Path(tempfile.mkdtemp()) / "r.ipynb"
    >>> nbformat.write(nb, path)
    >>> [p.name for p in write_exports(path, formats=("html",))]
    ['r.html']
    """
    from .docx_report import write_docx  # python-docx: only where reports are exported

    ipynb = Path(ipynb)
    nb = nbformat.read(ipynb, as_version=4)
    html = ipynb.with_suffix(".html")
    html.write_text(export_html(nb, footer=footer), encoding="utf-8")
    written = [html]
    if "docx" in formats:
        written.append(write_docx(nb, ipynb.with_suffix(".docx")))
    return written
