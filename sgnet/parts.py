"""The parts of a report, shown once and read twice: as HTML and as a machine-readable bundle.

A report notebook shows each piece of the report with :func:`show` (text, tables, headline
cards) or :func:`show_figure` (a matplotlib figure). Each output carries two forms of the
same piece: ``text/html`` (what the HTML page shows) and :data:`MIME`, a small JSON object
(a *part*) that says what the piece is: its words and numbers already formatted, so every
format shows the same text. The Word writer (:mod:`sgnet.docx_report`) reads the parts back
from the executed notebook with :func:`read_parts`; nothing is computed a second time.

Kinds of parts (``part["type"]``):

``title``     title, scope, period, start, end, audience, today, lang
``heading``   text
``headline``  items: list of {metric, label, value}
``summary``   paragraphs: list of str
``note``      text
``table``     see :mod:`sgnet.tables`
``figure``    alt, caption (the PNG is the output's ``image/png``)
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import nbformat

from .figpng import figure_png
from .pages import fields_title_html, heading_html, headline_html, note_html, summary_html
from .tables import table_html
from .words import word

__all__ = ["MIME", "title", "heading", "headline", "note", "part_html", "show", "show_figure",
           "figure_output", "read_parts", "summary"]

#: the mimetype of a report part in a notebook's outputs
MIME = "application/vnd.sgnet.report+json"


def title(fields: dict) -> dict:
    """The title part, from :func:`sgnet.pages.title_fields`.

    Examples
    --------
    >>> title({"title": "T", "meta": "M"})["type"]
    'title'
    """
    return {"type": "title", **fields}


def heading(key: str, *, lang: str = "zh") -> dict:
    """A section heading (``key`` names a ``section.<key>`` word).

    Examples
    --------
    >>> heading("summary")
    {'type': 'heading', 'key': 'summary', 'lang': 'zh', 'text': '工作小结'}
    """
    return {"type": "heading", "key": key, "lang": lang, "text": word(f"section.{key}", lang)}


def headline(frame, *, lang: str = "zh") -> dict:
    """The headline cards, from :func:`sgnet.metrics.headline`.

    Examples
    --------
    >>> import pandas as pd
    >>> headline(pd.DataFrame({"metric": ["trainings"], "value": [3]}), lang="en")["items"]
    [{'metric': 'trainings', 'label': 'Trainings', 'value': 3}]
    """
    return {"type": "headline", "lang": lang,
            "items": [{"metric": m, "label": word(m, lang), "value": int(v)}
                      for m, v in zip(frame["metric"], frame["value"], strict=True)]}


def note(text: str) -> dict:
    """A short explanatory paragraph.

    Examples
    --------
    >>> note("x")
    {'type': 'note', 'text': 'x'}
    """
    return {"type": "note", "text": text}


def summary(paragraphs: list[str], *, lang: str = "zh") -> dict:
    """The written summary (工作小结), from :func:`sgnet.summary.summary_paragraphs`.

    Examples
    --------
    >>> summary(["本期共开展培训 3 场。"])["paragraphs"]
    ['本期共开展培训 3 场。']
    """
    return {"type": "summary", "lang": lang, "paragraphs": list(paragraphs)}


def part_html(part: dict) -> str:
    """The HTML a part shows in the report page.

    Examples
    --------
    >>> part_html({"type": "note", "text": "a < b"})
    "<p class='sg-meta'>a &lt; b</p>"
    """
    kind = part["type"]
    if kind == "title":
        return fields_title_html(part)
    if kind == "heading":
        return heading_html(part["key"], lang=part["lang"])
    if kind == "headline":
        import pandas as pd

        frame = pd.DataFrame({"metric": [i["metric"] for i in part["items"]],
                              "value": [i["value"] for i in part["items"]]})
        return headline_html(frame, lang=part["lang"])
    if kind == "summary":
        return summary_html(part["paragraphs"], lang=part["lang"])
    if kind == "note":
        return note_html(part["text"])
    if kind == "table":
        return table_html(part)
    raise ValueError(f"unknown report part type {kind!r}")


def show(part: dict) -> None:
    """Display a part in the running notebook: its HTML, and the part itself as :data:`MIME`.

    Examples
    --------
    >>> show({"type": "note", "text": "x"})  # doctest: +SKIP
    """
    from IPython.display import display

    display({"text/html": part_html(part), MIME: part}, raw=True)


def figure_output(fig, *, alt: str, caption: str, dpi: int = 110) -> tuple[dict, dict]:
    """The display data and metadata of a figure: PNG with its alt text, and its part.

    Returns
    -------
    (data, metadata)
        ``data`` holds ``image/png`` (base64) and :data:`MIME` (``{"type": "figure",
        "alt": alt, "caption": caption}``); ``metadata`` gives the PNG its ``alt`` text and
        its width in CSS pixels (the figure is drawn at ``dpi``, shown at 96 per inch
        scaled down to fit the page).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> data, meta = figure_output(fig, alt="nothing", caption="Figure 1")
    >>> data["application/vnd.sgnet.report+json"]["alt"], meta["image/png"]["alt"]
    ('nothing', 'nothing')
    """
    png = figure_png(fig, dpi=dpi)
    width = int.from_bytes(png[16:20], "big")  # IHDR width
    data = {"image/png": base64.b64encode(png).decode("ascii"),
            MIME: {"type": "figure", "alt": alt, "caption": caption}}
    return data, {"image/png": {"alt": alt, "width": int(width * 96 / dpi)}}


def show_figure(fig, *, alt: str, caption: str) -> None:
    """Display a matplotlib figure with its alt text and caption, then close it.

    The figure shows as a PNG in the page (its ``alt`` is ``alt``) and in the Word file
    (with ``caption`` below it).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> show_figure(fig, alt="Bar chart of trainings per month", caption="Trainings")
    ... # doctest: +ELLIPSIS
    {'image/png': 'iVBOR...', 'application/vnd.sgnet.report+json': {'type': 'figure', ...}}
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    data, metadata = figure_output(fig, alt=alt, caption=caption)
    display(data, metadata=metadata, raw=True)
    plt.close(fig)


def read_parts(nb: nbformat.NotebookNode) -> Iterator[dict]:
    """The parts an executed notebook showed, in order; a figure's part gets its ``png``.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    >>> nb.cells[0].outputs = [nbformat.v4.new_output(
    ...     "display_data", data={MIME: {"type": "note", "text": "hi"}, "text/html": "hi"})]
    >>> list(read_parts(nb))
    [{'type': 'note', 'text': 'hi'}]
    """
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME not in data:
                continue
            part = dict(data[MIME])
            if part.get("type") == "figure":
                part["png"] = base64.b64decode(data.get("image/png", ""))
            yield part
