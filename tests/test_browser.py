"""Reports in a real browser: headless Chromium from the system's packages (installed by .ci/run).

Each page is opened from disk with name resolution switched off; the tests check that every
figure loaded, that the page asked for nothing beyond the machine, that nothing logged an
error, and save a screenshot under the test's temporary output.
"""

import json
import os

import pytest
from chromium import Chromium, find_chromium
from typer.main import get_command
from typer.testing import CliRunner

from sgnet.cli import app
from sgnet.report import run_report

CHROMIUM = find_chromium()
if CHROMIUM is None and os.environ.get("SGNET_REQUIRE_BROWSER"):
    raise RuntimeError("SGNET_REQUIRE_BROWSER is set but no Chromium was found")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on this machine: `apt-get install chromium` (.ci/run installs it), "
    "or point SGNET_CHROMIUM at a Chrome binary")

IMAGES = "Array.from(document.images).map(i => ({complete: i.complete, width: i.naturalWidth}))"


@pytest.fixture(scope="module")
def browser():
    with Chromium(CHROMIUM) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return run_report(period="2022Q4", out=tmp_path_factory.mktemp("reports"))


def is_png(path):
    return path.stat().st_size > 10_000 and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_loads_offline_with_every_figure_and_no_error(browser, report, tmp_path):
    page = browser.open(report.html.as_uri())
    images = browser.evaluate(page, IMAGES)
    assert len(images) >= 2
    assert all(i["complete"] and i["width"] > 0 for i in images), images
    log = browser.log(page)
    assert log.requests[0] == report.html.as_uri()
    assert log.network == []
    assert log.errors == []
    text = browser.evaluate(page, "document.body.innerText")
    assert "培训人次" in text and "2022Q4" in text
    assert browser.evaluate(page, "document.querySelectorAll('script').length") == 0
    code = "document.querySelectorAll('.jp-CodeCell .jp-InputArea, .highlight').length"
    assert browser.evaluate(page, code) == 0 and "import sgnet" not in text
    shot = browser.screenshot(page, tmp_path / "report.png")
    assert is_png(shot)


def test_the_checks_catch_a_page_that_goes_online(browser, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><img src='https://cdn.example.com/fig.png'>"
                   "<script>console.error('broken')</script></body></html>", encoding="utf-8")
    page = browser.open(bad.as_uri())
    images = browser.evaluate(page, IMAGES)
    log = browser.log(page)
    assert images == [{"complete": True, "width": 0}]
    assert log.network == ["https://cdn.example.com/fig.png"]
    assert "broken" in log.errors


SORTED = """(col) => {
  const rows = Array.from(document.querySelectorAll('table tbody tr'));
  return rows.map(r => r.cells[col] ? r.cells[col].innerText.trim() : '');
}"""


def _ordered(values):
    def key(v):
        try:
            return (0, float(v.replace(",", "").rstrip("%")), "")
        except ValueError:
            return (1, 0.0, v)
    keys = [key(v) for v in values]
    return keys == sorted(keys) or keys == sorted(keys, reverse=True)


@pytest.mark.skipif("batch" not in get_command(app).commands,
                    reason="`sgnet batch` and its index page (issue 4) are not merged yet")
def test_index_links_reports_and_sorts_by_click(browser, tmp_path):
    result = CliRunner().invoke(app, ["batch", "--period", "2022Q4", "--each", "region",
                                      "--jobs", "2", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    index = tmp_path / "2022Q4" / "index.html"
    page = browser.open(index.as_uri())
    log = browser.log(page)
    assert log.network == [] and log.errors == []
    links = browser.evaluate(page, "Array.from(document.links).map(a => a.href)")
    assert links and all(link.startswith("file:") for link in links)
    headers = browser.evaluate(page, "document.querySelectorAll('table thead th').length")
    assert headers >= 2
    changed = False
    for col in range(headers):
        before = browser.evaluate(page, f"({SORTED})({col})")
        browser.evaluate(page, f"document.querySelectorAll('table thead th')[{col}].click()")
        after = browser.evaluate(page, f"({SORTED})({col})")
        assert sorted(after) == sorted(before), "a click must reorder, not change, the rows"
        assert _ordered(after), f"column {col} is not sorted after a click: {json.dumps(after)}"
        changed |= after != before
    assert changed
    browser.screenshot(page, tmp_path / "index.png")


# --------------------------------------------------------------------- no CJK font installed

LATIN_ONLY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>
"""


@pytest.fixture(scope="module")
def latin_browser(tmp_path_factory):
    """Chromium that sees one font folder: matplotlib's DejaVu (Latin, no CJK glyph)."""
    import matplotlib

    folder = tmp_path_factory.mktemp("fontconfig")
    fonts = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    (folder / "fonts.conf").write_text(LATIN_ONLY.format(fonts=fonts, cache=folder / "cache"),
                                       encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(folder / "fonts.conf"))
    with Chromium(CHROMIUM, env=env) as chromium:
        yield chromium


def test_page_reads_in_its_own_font_where_no_cjk_font_is_installed(latin_browser, report,
                                                                   tmp_path):
    page = latin_browser.open(report.html.as_uri())
    for selector in ("h1", "h2", ".sg-summary p", ".sg-card .sg-label", "table.sg-table th",
                     "figcaption"):
        fonts = latin_browser.fonts_of(page, selector)
        assert fonts and all(f["isCustomFont"] for f in fonts), (selector, fonts)
    assert latin_browser.log(page).network == []
    latin_browser.screenshot(page, tmp_path / "latin-only.png")


def test_without_the_embedded_font_that_browser_has_no_cjk_glyph(latin_browser, report,
                                                                 tmp_path):
    """The control: the same page without its font falls back to DejaVu, which has no
    Chinese glyph, so the test above proves the embedded font is what renders."""
    import re

    bare = tmp_path / "bare.html"
    bare.write_text(re.sub(r"<style data-sgnet-font>.*?</style>", "",
                           report.html.read_text(encoding="utf-8"), flags=re.S),
                    encoding="utf-8")
    page = latin_browser.open(bare.as_uri())
    fonts = latin_browser.fonts_of(page, "h1")
    assert fonts and not any(f["isCustomFont"] for f in fonts)
    assert all("DejaVu" in f["familyName"] for f in fonts), fonts


def test_pdf_is_printed_by_the_browser(report, tmp_path):
    from sgnet.pdf import print_pdf

    pdf = print_pdf(report.html, tmp_path / "all.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 50_000
