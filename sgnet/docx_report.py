"""The Word file of a report, written from the executed notebook's parts (python-docx).

Chinese funders and civil-affairs bureaus file reports as Word documents, then print and seal
them. :func:`write_docx` reads the parts a report notebook showed (:func:`sgnet.parts.read_parts`):
the title block, the written summary, the headline figures, the tables (real Word tables
whose header rows repeat on every page) and the figures (the notebook's own PNGs, with their
captions), so the Word file says exactly what the HTML page says. A4, page numbers in the
footer, the audience marking in the header. Every run names its East Asian font in
``w:eastAsia`` (宋体 SimSun for text, 黑体 SimHei for headings), so Word and WPS show Chinese
in the fonts a 公文 expects.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import json
import re
import zipfile
from html import escape
from pathlib import Path
from xml.etree import ElementTree

import nbformat
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.run import Run

from .pages import provenance_text, shared_parameters
from .parts import read_parts
from .words import word

__all__ = [
    "PROVENANCE_PROPERTY",
    "with_custom_property",
    "custom_property",
    "BODY_FONT",
    "HEADING_FONT",
    "LATIN_FONT",
    "write_docx",
    "set_run_font",
]

#: East Asian fonts (name as Word and WPS know it on Chinese systems)
BODY_FONT = "宋体"
HEADING_FONT = "黑体"
#: the font of Latin letters and digits
LATIN_FONT = "Times New Roman"
_STATUS_COLORS = {"sg-behind": RGBColor(0xB0, 0x00, 0x20),
                  "sg-on_track": RGBColor(0x1A, 0x7F, 0x37),
                  "sg-done": RGBColor(0x1A, 0x7F, 0x37)}
_WIDE = 9  # a table with more columns than this goes on a landscape page


def set_run_font(run, *, east_asia: str = BODY_FONT, size: float | None = None,
                 bold: bool | None = None, color: RGBColor | None = None) -> None:
    """Set a run's fonts: Latin and East Asian (``w:eastAsia``), size, weight, color.

    A run without properties yet (a new one) gets a copy of the properties made once for
    these arguments: the same XML, without building it again for each of a report's runs.

    Examples
    --------
    >>> doc = Document()
    >>> run = doc.add_paragraph().add_run("培训")
    >>> set_run_font(run, east_asia="黑体")
    >>> run._element.rPr.rFonts.get(qn("w:eastAsia"))
    '黑体'
    """
    if run._element.rPr is None:
        run._element.insert(0, copy.deepcopy(_run_properties(east_asia, size, bold, color)))
        return
    _set_run_properties(run, east_asia=east_asia, size=size, bold=bold, color=color)


@functools.lru_cache(maxsize=256)
def _run_properties(east_asia: str, size: float | None, bold: bool | None,
                    color: RGBColor | None):
    """The ``w:rPr`` that :func:`set_run_font` gives a new run (copy it before use)."""
    run = Run(OxmlElement("w:r"), None)
    _set_run_properties(run, east_asia=east_asia, size=size, bold=bold, color=color)
    return run._element.rPr


def _set_run_properties(run, *, east_asia: str, size: float | None, bold: bool | None,
                        color: RGBColor | None) -> None:
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color


def _style_fonts(doc) -> None:
    """Give the styles East Asian fonts too, for text typed later in Word."""
    for name, font, size in (("Normal", BODY_FONT, 10.5), ("Heading 1", HEADING_FONT, 16),
                             ("Heading 2", HEADING_FONT, 14), ("Caption", BODY_FONT, 9),
                             ("Title", HEADING_FONT, 18)):
        style = doc.styles[name]
        style.font.name = LATIN_FONT
        style.font.size = Pt(size)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), font)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        if name.startswith(("Heading", "Title")):
            style.font.color.rgb = RGBColor(0, 0, 0)
        if name == "Normal":  # proofing and line breaking of Chinese text in Word and WPS
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:eastAsia"), "zh-CN")


def _a4(section, *, landscape: bool = False) -> None:
    short, long = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.2)


def _field(paragraph, code: str) -> None:
    """Insert a field (``PAGE``) that Word, WPS and LibreOffice fill in."""
    run = paragraph.add_run()
    set_run_font(run, size=9)
    for tag, text in (("begin", None), (None, code), ("separate", None), (None, "1"),
                      ("end", None)):
        if tag is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        elif text == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)


def _header_footer(section, title: dict, lang: str) -> None:
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    head = section.header.paragraphs[0]
    head.text = ""
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    set_run_font(head.add_run(f"{title.get('title', '')}  ·  {title.get('marking', '')}"),
                 size=8, color=RGBColor(0x55, 0x55, 0x55))
    foot = section.footer.paragraphs[0]
    foot.text = ""
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = word("report.page", lang, page="\0").partition("\0")
    if before:
        set_run_font(foot.add_run(before), size=9)
    _field(foot, "PAGE")
    if after:
        set_run_font(foot.add_run(after), size=9)


def _style_ids(doc) -> dict[str, str]:
    """The ids of the styles a report uses, looked up once (python-docx looks a style's name
    up among all the document's styles each time it is given one)."""
    kinds = {"Title": WD_STYLE_TYPE.PARAGRAPH, "Caption": WD_STYLE_TYPE.PARAGRAPH,
             "Heading 1": WD_STYLE_TYPE.PARAGRAPH, "Table Grid": WD_STYLE_TYPE.TABLE}
    return {name: doc.part.get_style_id(name, kind) for name, kind in kinds.items()}


def _paragraph(doc, text: str, *, style: str | None = None, font: str = BODY_FONT,
               size: float | None = None, bold: bool | None = None,
               color: RGBColor | None = None, align=None, indent: bool = False):
    p = doc.add_paragraph()
    if style is not None:  # a style's id (_style_ids)
        p._p.style = style
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(21)
    set_run_font(p.add_run(text), east_asia=font, size=size, bold=bold, color=color)
    return p


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    trpr.append(cant)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _cell_text(cell, text: str, *, right: bool = False, bold: bool = False,
               font: str = BODY_FONT, color: RGBColor | None = None, size: float = 9) -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(0)
    set_run_font(p.add_run(text), east_asia=font, size=size, bold=bold, color=color)


def _widths(columns: list[str], rows: list[list[str]], total: int) -> list[int]:
    """Column widths in EMU: by the longest text of each column (a CJK character counts
    twice), a long text column wraps at 12 characters, and together they fill ``total``."""
    def size(text: str) -> int:
        return sum(1 if c.isascii() else 2 for c in text)

    need = []
    for j, head in enumerate(columns):
        longest = max([size(r[j]) for r in rows] + [min(size(head), 8)])
        need.append(max(5, min(longest + 2, 16 if j < 3 else 12)))
    scale = total / sum(need)
    return [int(n * scale) for n in need]


def _table(doc, part: dict, grid: str) -> None:
    columns, rows = part["columns"], part["rows"]
    groups = part.get("groups") or [None] * len(columns)
    align = part.get("align") or ["left"] * len(columns)
    classes = part.get("classes") or [[""] * len(r) for r in rows]
    two = any(groups)
    head_rows = 2 if two else 1
    size = 9 if len(columns) <= _WIDE else 7.5
    table = doc.add_table(rows=head_rows + len(rows), cols=len(columns))
    table._tbl.tblStyle_val = grid  # the id of "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _widths(columns, rows, _content_width(doc))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # w:gridCol, which LibreOffice follows
    # fill every cell through its own row (Table.cell() walks the whole grid on each call),
    # the body first, then the header, whose cells are merged last
    last = len(rows) - 1
    for i, (row, tr) in enumerate(zip(rows, table.rows[head_rows:], strict=True)):
        total = bool(part.get("total")) and i == last
        for j, (text, cell) in enumerate(zip(row, tr.cells, strict=True)):
            cell.width = widths[j]
            _cell_text(cell, text, right=align[j] == "right", bold=total,
                       color=_STATUS_COLORS.get(classes[i][j]), size=size)
            if total:
                _shade(cell, "F6F8FA")
    heads = [list(table.rows[r].cells) for r in range(head_rows)]
    for r in range(head_rows):
        _repeat_header(table.rows[r])
        for cell, width in zip(heads[r], widths, strict=True):
            cell.width = width
            _shade(cell, "EEF1F4")
    if not two:
        for j, text in enumerate(columns):
            _cell_text(heads[0][j], text, right=align[j] == "right", bold=True,
                       font=HEADING_FONT, size=size)
        return
    i = 0
    while i < len(columns):
        g = groups[i]
        if g is None:
            cell = heads[0][i].merge(heads[1][i])
            _cell_text(cell, columns[i], bold=True, font=HEADING_FONT, size=size)
            i += 1
            continue
        span = 1
        while i + span < len(columns) and groups[i + span] == g:
            span += 1
        for j in range(i, i + span):
            _cell_text(heads[1][j], columns[j], right=True, bold=True, font=HEADING_FONT,
                       size=size)
        top = heads[0][i].merge(heads[0][i + span - 1]) if span > 1 else heads[0][i]
        _cell_text(top, g, bold=True, font=HEADING_FONT, size=size)
        i += span


def _headline(doc, part: dict, grid: str) -> None:
    items = part["items"]
    per_row = 4
    table = doc.add_table(rows=2 * ((len(items) + per_row - 1) // per_row), cols=per_row)
    table._tbl.tblStyle_val = grid  # the id of "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for k, item in enumerate(items):
        r, c = 2 * (k // per_row), k % per_row
        value = table.cell(r, c)
        label = table.cell(r + 1, c)
        value.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(value.paragraphs[0].add_run(f"{int(item['value']):,}"), size=16,
                     bold=True, color=RGBColor(0x0B, 0x3D, 0x91))
        label.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(label.paragraphs[0].add_run(item["label"]), size=9)
        _shade(value, "F6F8FA")
        _shade(label, "F6F8FA")


def _wide_sections(parts: list[dict]) -> list[bool]:
    """For each part: does the section it is in (heading to heading) hold a wide table?"""
    out, start = [False] * len(parts), 0
    bounds = [i for i, p in enumerate(parts) if p["type"] == "heading"] + [len(parts)]
    for end in bounds:
        wide = any(p["type"] == "table" and len(p["columns"]) > _WIDE
                   for p in parts[start:end])
        out[start:end] = [wide] * (end - start)
        start = end
    # a heading opens the section after it
    for i, p in enumerate(parts):
        if p["type"] == "heading":
            nxt = next((j for j in range(i + 1, len(parts)) if parts[j]["type"] == "heading"),
                       len(parts))
            out[i] = any(q["type"] == "table" and len(q["columns"]) > _WIDE
                         for q in parts[i + 1:nxt])
    return out


def _new_section(doc, *, landscape: bool, title: dict, lang: str) -> None:
    section = doc.add_section()
    _a4(section, landscape=landscape)
    _header_footer(section, title, lang)


def _content_width(doc) -> int:
    s = doc.sections[-1]
    return s.page_width - s.left_margin - s.right_margin


#: characters XML 1.0, and so a Word file, cannot hold (U+000B is Word's pasted line break)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_safe(value):
    """``value`` (a report part: dicts, lists, text, numbers) with each control character of
    its text a space: a name from data is written as the page shows it, never refused."""
    if isinstance(value, str):
        return _NOT_XML.sub(" ", value)
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    return value


def write_docx(nb: nbformat.NotebookNode, path: str | Path) -> Path:
    """Write the Word file of an executed report notebook to ``path``.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook whose cells showed report parts (:mod:`sgnet.parts`).
    path : str or Path

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
    ...     "application/vnd.sgnet.report+json": {"type": "note", "text": "本期共开展培训 3 场。"},
    ...     "text/html": ""})]
    >>> out = write_docx(nb, Path(tempfile.mkdtemp()) / "r.docx")
    >>> Document(out).paragraphs[0].text
    '本期共开展培训 3 场。'
    """
    parts = [_xml_safe(p) for p in read_parts(nb)]
    title = next((p for p in parts if p["type"] == "title"), {})
    lang = title.get("lang", (nb.metadata.get("papermill", {}).get("parameters") or {}).get(
        "lang", "zh"))
    doc = Document()
    _style_fonts(doc)
    ids = _style_ids(doc)
    _a4(doc.sections[0])
    _header_footer(doc.sections[0], title, lang)
    props = doc.core_properties
    text = f"{title.get('title', '')} {title.get('scope', '')}".strip()
    props.title = text if len(text) <= 255 else text[:254] + "…"  # Word's limit: 255
    props.language = title.get("html_lang", "")
    props.author = props.last_modified_by = "sgnet"
    start = (nb.metadata.get("papermill") or {}).get("start_time")
    when = dt.datetime.fromisoformat(start[:19]) if start else dt.datetime(2000, 1, 1)
    props.created = props.modified = when
    props.revision = 1
    figures = tables = 0
    landscape = False
    wide_sections = _wide_sections(parts)
    for i, part in enumerate(parts):
        kind = part["type"]
        if kind == "title":
            if part.get("marking"):
                _paragraph(doc, part["marking"], size=9, bold=True,
                           color=RGBColor(0xB0, 0x00, 0x20), align=WD_ALIGN_PARAGRAPH.RIGHT)
            _paragraph(doc, part["title"], style=ids["Title"], font=HEADING_FONT, size=18,
                       bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            _paragraph(doc, part.get("scope", ""), font=HEADING_FONT, size=12,
                       align=WD_ALIGN_PARAGRAPH.CENTER)
            _paragraph(doc, part.get("meta", ""), size=9, color=RGBColor(0x55, 0x55, 0x55),
                       align=WD_ALIGN_PARAGRAPH.CENTER)
        elif kind == "heading":
            if wide_sections[i] != landscape:  # a wide table ahead, or back to portrait
                landscape = wide_sections[i]
                _new_section(doc, landscape=landscape, title=title, lang=lang)
            p = doc.add_paragraph()
            p._p.style = ids["Heading 1"]
            set_run_font(p.add_run(part["text"]), east_asia=HEADING_FONT, size=14, bold=True,
                         color=RGBColor(0, 0, 0))
        elif kind == "headline":
            _headline(doc, part, ids["Table Grid"])
        elif kind == "summary":
            for text in part["paragraphs"]:
                _paragraph(doc, text, indent=True)
        elif kind == "note":
            _paragraph(doc, part["text"], size=9, color=RGBColor(0x44, 0x44, 0x44))
        elif kind == "table":
            _table(doc, part, ids["Table Grid"])
            tables += 1
        elif kind == "figure":
            doc.add_picture(io.BytesIO(part["png"]), width=min(_content_width(doc), Cm(16.5)))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            doc.paragraphs[-1].paragraph_format.keep_with_next = True
            inline = doc.inline_shapes[-1]._inline
            inline.docPr.set("descr", part.get("alt", ""))
            figures += 1
            _paragraph(doc, word("report.figure", lang, n=figures, caption=part["caption"]),
                       style=ids["Caption"], size=9, align=WD_ALIGN_PARAGRAPH.CENTER)
    prov = nb.metadata.get("sgnet")
    if prov:  # what the report was made from, as the page's footer says it
        params = prov.get("parameters", {})
        _paragraph(doc, provenance_text(prov, lang=lang, audience=params.get("audience", "funder"),
                                        date=when.date().isoformat()),
                   size=8, color=RGBColor(0x55, 0x55, 0x55))
        props.identifier = prov["fingerprint"]
    path = Path(path)
    buffer = io.BytesIO()
    doc.save(buffer)
    custom = None
    if prov:
        params = prov.get("parameters", {})
        shared = {k: v for k, v in prov.items() if k != "rows"} | {
            "parameters": shared_parameters(params, params.get("audience", "funder"))}
        custom = (PROVENANCE_PROPERTY, json.dumps(shared, ensure_ascii=False, sort_keys=True))
    path.write_bytes(_repack(buffer.getvalue(), custom=custom, when=when))
    return path


#: the custom document property (File → Properties → Custom) that holds the provenance
PROVENANCE_PROPERTY = "sgnet provenance"
_CUSTOM = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
               "custom-properties")


def with_custom_property(docx: bytes, name: str, value: str) -> bytes:
    """The package with one custom text property (``docProps/custom.xml``) added.

    python-docx writes core properties only, whose text fields hold 255 characters.

    Examples
    --------
    >>> import docx, io
    >>> buffer = io.BytesIO(); docx.Document().save(buffer)
    >>> out = with_custom_property(buffer.getvalue(), "x", '{"a": 1}')
    >>> custom_property(out, "x")
    '{"a": 1}'
    """
    return _repack(docx, custom=(name, value))


def _repack(docx: bytes, *, custom: tuple[str, str] | None = None,
            when: dt.datetime | None = None) -> bytes:
    """The package zipped again in one pass: with the custom text property ``custom`` (name,
    value) added, and every member dated ``when`` (the run's start) instead of the time it
    was zipped, so that the same report gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        def write(info: zipfile.ZipInfo | str, data: bytes) -> None:
            if when is not None:
                name = info if isinstance(info, str) else info.filename
                info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)

        for info in src.infolist():
            data = src.read(info.filename)
            if custom is not None:
                if info.filename == _CUSTOM:
                    continue
                if info.filename == "[Content_Types].xml":
                    data = data.replace(b"</Types>", (
                        f'<Override PartName="/{_CUSTOM}" ContentType="{_CUSTOM_TYPE}"/>'
                        "</Types>").encode())
                elif info.filename == "_rels/.rels":
                    data = data.replace(b"</Relationships>", (
                        f'<Relationship Id="rIdSgnet1" Type="{_CUSTOM_REL}" '
                        f'Target="{_CUSTOM}"/></Relationships>').encode())
            write(info, data)
        if custom is not None:
            name, value = custom
            xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
                   'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/docPropsVTypes"><property '
                   'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
                   f'name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
                   '</Properties>')
            write(_CUSTOM, xml.encode("utf-8"))
    return out.getvalue()


def custom_property(docx: bytes | str | Path, name: str) -> str | None:
    """The value of a custom text property of a Word package, or None."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    with zipfile.ZipFile(source) as z:
        if _CUSTOM not in z.namelist():
            return None
        root = ElementTree.fromstring(z.read(_CUSTOM))
    for prop in root:
        if prop.get("name") == name:
            return "".join(prop.itertext())
    return None
