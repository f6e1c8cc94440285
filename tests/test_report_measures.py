"""The period report's sections on the program measures (issue #15), on the bundled sample."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from sgnet.paths import SAMPLE_DATA
from sgnet.report import run_report
from sgnet.words import word


def _text(html: str) -> str:
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def funder(tmp_path_factory):
    result = run_report(period="2022Q4", out=tmp_path_factory.mktemp("r"))
    return _text(result.html.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def internal_en(tmp_path_factory):
    result = run_report(period="2022Q4", audience="internal", lang="en",
                        out=tmp_path_factory.mktemp("r"))
    return _text(result.html.read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", ["onsite", "supervision", "outcomes", "compare", "silence"])
def test_each_section_is_in_both_languages(funder, internal_en, key):
    assert word(f"section.{key}", "zh") in funder
    assert word(f"section.{key}", "en") in internal_en


def test_funder_report_shows_counts_per_pairing_and_no_person(funder):
    people = pd.read_csv(SAMPLE_DATA / "people.csv", dtype=str)
    assert not [n for n in people["name"] if n in funder]
    assert not re.search(r"\bP\d{4}\b", funder)  # not even person ids
    assert word("section.onsite_people", "zh") not in funder
    assert "40 个工作日" in funder and "不足 10 个工作日" in funder


def test_internal_report_lists_days_per_person(internal_en):
    assert word("section.onsite_people", "en") in internal_en
    assert "P0001" in internal_en


def test_change_shows_its_bases_and_silence_lists_pr15(funder, internal_en):
    assert word("compare.previous", "zh", label="2022Q3") in funder
    assert word("compare.year_ago", "zh", label="2021Q4") in funder
    assert word("compare.cumulative", "zh") in funder
    assert word("compare.previous", "en", label="2022Q3") in internal_en
    silent = funder.split(word("section.silence", "zh"))[1]
    assert "PR15" in silent and "2022-07-11" in silent
