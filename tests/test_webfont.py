"""The page's font: cut from the smaller base when it can, the same font either way."""

import io

import pytest
from fontTools.ttLib import TTFont

from sgnet import webfont

#: what a report page shows: Chinese of GB 2312, a county name outside it (埇桥区), digits,
#: Latin, full-width and CJK punctuation, an arrow, a dash
PAGE = "".join(sorted(set(
    "结对帮扶季度报告 PR03 厦门市湖里区同行社会工作服务中心→西吉县民政局 埇桥区 2023年第2季度 "
    "培训 12 场,同比 +33.3%;个别督导 4 次 — 达到进度 / 已完成 «Trainings» 罗城仫佬族自治县 ①")))


def cmap_of(woff2: bytes) -> set[str]:
    return {chr(c) for c in TTFont(io.BytesIO(woff2)).getBestCmap()}


def test_a_page_of_common_characters_is_cut_from_the_smaller_base():
    assert set(PAGE) <= webfont._common()
    assert webfont._common_base() is not None  # the cache folder is on in the tests


def test_the_smaller_base_gives_the_same_font_as_the_whole_one(monkeypatch):
    common = webfont.subset_woff2(PAGE)
    monkeypatch.setattr(webfont, "_common_base", lambda: None)
    whole = webfont.subset_woff2(PAGE)
    assert common == whole
    assert common[:4] == b"wOF2" and cmap_of(common) == set(PAGE)


def test_a_rare_character_is_cut_from_the_whole_font():
    text = "培训 䶮"  # U+4DAE: CJK Extension A, outside the smaller base
    assert not set(text) <= webfont._common()
    assert cmap_of(webfont.subset_woff2(text)) == set(text)


def test_without_the_cache_folder_the_whole_font_is_used(monkeypatch):
    monkeypatch.setenv("SGNET_CACHE", "0")
    webfont._common_base.cache_clear()
    try:
        assert webfont._common_base() is None
        assert cmap_of(webfont.subset_woff2("培训")) == set("培训")
    finally:
        webfont._common_base.cache_clear()


@pytest.mark.parametrize("kwargs", [{}, {"quality": 5}])
def test_woff2_is_compressed_at_the_quality_asked(kwargs):
    import brotli

    shim = webfont._Brotli(brotli)
    data = b"sgnet " * 1000
    assert shim.compress(data, mode=brotli.MODE_FONT, **kwargs) == brotli.compress(
        data, mode=brotli.MODE_FONT, quality=kwargs.get("quality", webfont._BROTLI_QUALITY))
    assert shim.MODE_FONT == brotli.MODE_FONT


def test_a_cache_folder_that_cannot_be_written_keeps_the_whole_font(monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    (folder / "fonts").mkdir(parents=True)
    monkeypatch.setenv("SGNET_CACHE_DIR", str(folder))
    monkeypatch.setattr(webfont.os, "access", lambda path, mode: False)
    webfont._common_base.cache_clear()
    try:
        assert webfont._common_base() is None
        assert not list((folder / "fonts").iterdir())
    finally:
        webfont._common_base.cache_clear()
