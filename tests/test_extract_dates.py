"""sgnet.extract: dates, ranges and years."""

from __future__ import annotations

import pytest
from extract_helpers import DATA, one, value

from sgnet.extract import extract_files, extract_text

# ---------------------------------------------------------------- dates


def test_range_with_month_and_without():
    df = extract_text("10月24日至25日,督导团队为20多名社工提供2天的专业培训。", year=2022)
    row = one(df, "training")
    assert (row["start_date"], row["end_date"]) == ("2022-10-24", "2022-10-25")
    df = extract_text("10月24日-25日,督导团队为社工开展培训,20人参加。", year=2022)
    assert one(df, "training")["end_date"] == "2022-10-25"


def test_range_across_months_and_chinese_numerals():
    row = one(extract_text("十月三十一日至十一月四日,督导举办培训三场。", year=2022), "training")
    assert (row["start_date"], row["end_date"]) == ("2022-10-31", "2022-11-04")


def test_duration_sets_end_date():
    row = one(extract_text("5月24日,督导为社工开展为期两天的培训,共培训108人。", year=2022),
              "training")
    assert (row["start_date"], row["end_date"]) == ("2022-05-24", "2022-05-25")
    assert "为期两天" in row["note"]


def test_clause_inherits_range_of_paragraph():
    text = "在10月26日至28日,督导团走访了社工站。期间,督导团三天走访社工站点5个。"
    row = one(extract_text(text, year=2022), "station_visit")
    assert (row["start_date"], row["end_date"]) == ("2022-10-26", "2022-10-28")
    assert value(row["count"]) == 5


def test_next_day_and_continuation_paragraph():
    text = ("十一月八日,督导一行抵达百色。\n当天下午,督导为四十三名社工开展了专题培训。\n"
            "次日,督导随社工入户家访,共探访困境儿童家庭九户。")
    df = extract_text(text, year=2023)
    assert one(df, "training")["start_date"] == "2023-11-08"
    assert one(df, "household_visit")["start_date"] == "2023-11-09"


@pytest.mark.parametrize(
    ("header", "expected", "note"),
    [
        ("发表时间: 2022-10-30 14:18:22", "2022-10-24", "publication date 2022-10-30"),
        ("发表于 2021-11-17 11:53", "2021-10-24", "publication date 2021-11-17"),
        ("发布时间:2023-12-15 11:09:00", "2023-10-24", "publication date 2023-12-15"),
        ("发布日期:2022年11月08日", "2022-10-24", "publication date 2022-11-08"),
        ("2021年12月03日 10:20  来源:民政局", "2021-10-24", "publication date 2021-12-03"),
    ],
)
def test_year_from_publication_date(header, expected, note):
    row = one(extract_text(f"{header}\n10月24日,督导开展团督1次。", year=1999),
              "group_supervision")
    assert row["start_date"] == expected
    assert note in row["note"]


def test_year_before_publication_when_day_would_be_later():
    text = "发表于 2024-01-08\n年内,社工骨干12人于7月10日赴南海开展跟岗交流学习。"
    assert one(extract_text(text), "exchange_visit")["start_date"] == "2023-07-10"


def test_year_argument_then_unknown_year():
    text = "4月22日,督导对社工开展线下个督,共个督二十二人。"
    assert one(extract_text(text, year=2023), "individual_supervision")["start_date"] == \
        "2023-04-22"
    row = one(extract_text(text), "individual_supervision")
    assert row["start_date"] == "--04-22"
    assert "year unknown" in row["note"]


def test_glued_month_day_of_seed_000():
    df = extract_files([DATA / "seed_000_763592cd99928a32.txt"])
    row = one(df, "exchange_visit")
    assert (row["start_date"], value(row["participants"])) == ("2021-11-16", 8)
    assert "1116日" in row["note"]
