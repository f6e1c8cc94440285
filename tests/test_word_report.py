"""The report a funder files: the Word file, the written summary, the embedded font, the
tables and the map of one county. One funder report of the sample's busiest quarter and one
of a single pairing are rendered once for the module (real papermill, nbconvert and
python-docx), then read back."""

import base64
import io
import re
import shutil

import nbformat
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from fontTools.ttLib import TTFont
from test_report import busiest_quarter, card, plain_pandas_headline

import sgnet
from sgnet import metrics, tables
from sgnet.county_map import scope_county
from sgnet.errors import ReportError
from sgnet.parts import MIME, read_parts
from sgnet.pdf import require_browser
from sgnet.report import run_report
from sgnet.webfont import page_text


@pytest.fixture(scope="module")
def funder(tmp_path_factory):
    quarter = busiest_quarter()
    return run_report(period=quarter, out=tmp_path_factory.mktemp("word")), quarter


@pytest.fixture(scope="module")
def one_pairing(tmp_path_factory):
    return run_report(period="2022Q4", pairing="PR14", out=tmp_path_factory.mktemp("pair"))


def parts_of(result):
    return list(read_parts(nbformat.read(result.notebook, as_version=4)))


def all_text(doc):
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


NUMBER = re.compile(r"(?<![A-Za-z0-9])\d[\d,]*(?:\.\d+)?")


def numbers(text):
    return {float(n.replace(",", "")) for n in NUMBER.findall(text)}


# ---------------------------------------------------------------------------- Word

def test_docx_beside_html_with_the_same_headline_figures(funder):
    result, quarter = funder
    assert result.docx == result.html.with_suffix(".docx") and result.docx.exists()
    doc = Document(result.docx)
    page = result.html.read_text(encoding="utf-8")
    cards = doc.tables[0]  # value row above label row
    shown = {}
    for r in range(0, len(cards.rows), 2):
        for value, label in zip(cards.rows[r].cells, cards.rows[r + 1].cells, strict=True):
            if label.text:
                shown[label.text] = int(value.text.replace(",", ""))
    for metric, value in plain_pandas_headline(quarter).items():
        assert shown[sgnet.words.word(metric)] == value == card(page, metric), metric


def test_docx_tables_figures_fonts_and_page(funder):
    result, _ = funder
    doc = Document(result.docx)
    parts = parts_of(result)
    n_tables = sum(p["type"] == "table" for p in parts)
    assert len(doc.tables) == n_tables + 1  # and the headline cards
    for table in doc.tables[1:]:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
    pivot = next(t for t in doc.tables if t.cell(0, 0).text == "结对编号"
                 and "合计" in t.rows[-1].cells[0].text)
    assert "—" in [c.text for c in pivot.rows[-1].cells]
    figures = [p for p in parts if p["type"] == "figure"]
    assert len(doc.inline_shapes) == len(figures) >= 3
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions == [f"图 {i}  {f['caption']}" for i, f in enumerate(figures, 1)]
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for r in p.runs if r.text.strip()]
    fonts = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}
    assert fonts == {"宋体", "黑体"}
    headings = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings and all(r._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
                            for p in headings for r in p.runs)
    for section in doc.sections:
        assert {round(section.page_width / Cm(1), 1), round(section.page_height / Cm(1), 1)} \
            == {21.0, 29.7}
        footer = section.footer._element.xml
        assert "PAGE" in footer and 'fldCharType="begin"' in footer
    assert "资助方版本" in doc.sections[0].header.paragraphs[0].text


def test_docx_says_what_the_page_says_and_names_no_people(funder):
    result, _ = funder
    text = all_text(Document(result.docx))
    summary = next(p for p in parts_of(result) if p["type"] == "summary")
    assert all(paragraph in text for paragraph in summary["paragraphs"])
    leaked = [n for n in sgnet.load().people["name"] if n in text]
    assert leaked == []


def test_html_only_writes_no_docx_and_removes_a_stale_one(one_pairing, tmp_path):
    earlier = tmp_path / "2022Q4"
    shutil.copytree(one_pairing.html.parent, earlier)
    assert (earlier / "PR14.docx").exists()
    again = run_report(period="2022Q4", pairing="PR14", out=tmp_path, formats="html")
    assert again.files == (again.html,) and not (earlier / "PR14.docx").exists()


# ---------------------------------------------------------------------------- summary

def test_every_number_of_the_summary_is_a_figure_of_the_report(funder, one_pairing):
    for result in (funder[0], one_pairing):
        parts = parts_of(result)
        summary = next(p for p in parts if p["type"] == "summary")
        figures = set()
        for p in parts:
            if p["type"] == "headline":
                figures |= {float(i["value"]) for i in p["items"]}
            elif p["type"] == "table":
                figures |= numbers(" ".join(p["columns"] + [c for r in p["rows"] for c in r]))
            elif p["type"] == "title":
                figures |= numbers(p["title"] + " " + p["meta"])
        said = numbers(" ".join(summary["paragraphs"]))
        assert said and said <= figures, said - figures


def test_summary_says_what_was_done_and_which_bases_are_missing(funder):
    result, quarter = funder
    text = " ".join(next(p for p in parts_of(result) if p["type"] == "summary")["paragraphs"])
    headline = plain_pandas_headline(quarter)
    assert f"培训 {headline['trainings']:,} 场" in text
    assert f"培训 {headline['people_trained']:,} 人次" in text
    # the sample starts in 2021-11: a quarter of 2023 has both bases, a 2022Q4 report no 同比
    assert ("与上期" in text) and ("与上年同期" in text or "不作同比" in text)


def test_summary_without_a_base_gives_no_percentage(one_pairing):
    text = " ".join(next(p for p in parts_of(one_pairing) if p["type"] == "summary")[
        "paragraphs"])
    assert "不作环比" in text and "不作同比" in text and "%" not in text


# ---------------------------------------------------------------------------- HTML

def test_html_names_its_language_title_and_figures(funder):
    result, quarter = funder
    page = result.html.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert quarter in title and "全部结对" in title
    alts = re.findall(r"<img [^>]*alt=\"([^\"]*)\"", page)
    assert len(alts) == page.count("<img ") >= 3
    assert all(a and "No description" not in a for a in alts)
    assert "font-src data:" in page and "@media print" in page


def test_embedded_font_covers_every_character_of_the_page(funder):
    page = funder[0].html.read_text(encoding="utf-8")
    data = re.search(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", page).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    cmap = font.getBestCmap()
    text = page_text(page)
    cjk = {c for c in text if ord(c) > 0x2E80}
    assert len(cjk) > 100
    assert sorted(c for c in set(text) if not c.isspace() and ord(c) not in cmap) == []
    assert len(cmap) < 1500  # a subset, not the whole font


def test_pdf_needs_a_browser_and_says_how_to_get_one(monkeypatch):
    monkeypatch.delenv("SGNET_CHROMIUM", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(ReportError, match="apt-get install chromium"):
        require_browser()


# ---------------------------------------------------------------------------- tables

def test_pairing_table_pivots_kinds_with_totals_dash_and_blank(tiny_dir):
    q2 = sgnet.load(tiny_dir).select(period="2022Q2")
    part = tables.pairing_table(q2, lang="en")
    rows = {r[0]: r for r in part["rows"]}
    col = {(g, c): i for i, (g, c) in enumerate(zip(part["groups"], part["columns"],
                                                        strict=True))}
    pr1, total = rows["PR1"], rows["Total"]
    assert pr1[col[("Training", "Count")]] == "2" and pr1[col[("Training", "People")]] == "50"
    assert pr1[col[("Station visits", "People")]] == "—"  # participants do not apply
    assert set(rows["PR2"][3:]) == {""}  # active, nothing recorded: blank, not 0
    assert total[col[("Training", "Count")]] == "2" and total[-1] == "4"
    assert "region_name" not in tables.region_table(q2, lang="en")["columns"]


def test_numbers_are_right_aligned_with_thousands_separators():
    part = tables.frame_part(metrics.headline(sgnet.load().select(period="2023")),
                             name="h", lang="en")
    i = part["columns"].index("Value")
    assert part["align"][i] == "right" and any("," in r[i] for r in part["rows"])


# ---------------------------------------------------------------------------- map

def test_one_pairing_report_maps_its_county_and_stations(one_pairing):
    ds = sgnet.load().select(pairing="PR14")
    assert scope_county(ds) == "451225"
    figure = [p for p in parts_of(one_pairing) if p["type"] == "figure"][-1]
    assert "罗城仫佬族自治县" in figure["caption"] and "社工站" in figure["alt"]
    nb = nbformat.read(one_pairing.notebook, as_version=4)
    assert sum(MIME in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])) > 10


def test_index_links_the_word_file_and_embeds_its_font():
    from sgnet.pages import IndexRow, index_html

    page = index_html([IndexRow("PR01", "甲 → 乙", ok=True, figures={"trainings": 3},
                                formats=("html", "docx")),
                       IndexRow("PR02", "丙 → 丁", ok=True, figures={"trainings": 1},
                                formats=("html",))], sgnet.parse_period("2023Q2"))
    assert 'href="PR01.docx"' in page and 'href="PR02.docx"' not in page
    assert "data:font/woff2;base64," in page and "font-src data:" in page
