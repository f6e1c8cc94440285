"""Tests for sgnet.extract: draft activity rows from narrative Chinese reports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sgnet.extract import DRAFT_COLUMNS, extract_files, extract_text, read_report_text

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "extract_data"
SEED_002 = DATA / "seed_002_bf2ee07ba5deb974.txt"


def one(df: pd.DataFrame, kind: str) -> pd.Series:
    rows = df[df["kind"] == kind]
    assert len(rows) == 1, df[["kind", "start_date", "count", "participants", "evidence"]]
    return rows.iloc[0]


def value(x):
    return None if pd.isna(x) else int(x)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10月5日,督导为十三人开展培训。", 13),
        ("10月5日,督导为二十余名社工开展培训。", 20),
        ("10月5日,督导为20多名社工开展培训。", 20),
        ("10月5日,督導為三十餘名社工開展培訓。", 30),
        ("10月5日,督导开展培训,一百零八人参加。", 108),
        ("10月5日,督导开展培训,近50名社工参加。", 50),
    ],
)
def test_numeral_forms(text, expected):
    row = one(extract_text(text, year=2022), "training")
    assert value(row["participants"]) == expected
    assert value(row["count"]) == 1


@pytest.mark.parametrize(
    ("clause", "kind", "count", "participants"),
    [
        ("进行个督13人", "individual_supervision", 1, 13),
        ("团体督导5次", "group_supervision", 5, None),
        ("走访社工站点5个", "station_visit", 5, None),
        ("社工访谈14人", "interview", 14, None),
        ("走访慰问特困家庭5户", "household_visit", 5, None),
        ("开展团督2次,覆盖社工17人", "group_supervision", 2, 17),
        ("举办经验分享会,三十二名社工参加", "sharing_session", 1, 32),
        ("五对督导与社工举行师徒结对仪式", "mentoring", 5, None),
    ],
)
def test_counts_versus_people(clause, kind, count, participants):
    row = one(extract_text(f"6月6日,督导团{clause}。", year=2023), kind)
    assert value(row["count"]) == count
    assert value(row["participants"]) == participants
    assert row["start_date"] == "2023-06-06"


def test_total_wins_and_breakdown_ignored():
    text = ("10月19日到21日,督导来到望谟县。三天里我们一共家访了十四户,其中留守儿童家庭八户、"
            "独居老人六户。我们都在车上做一次小组督导,三天下来一共做了六次,每次四五个社工参加。")
    df = extract_text(text, year=2021)
    assert value(one(df, "household_visit")["count"]) == 14
    assert value(one(df, "group_supervision")["count"]) == 6


def test_stations_named_are_counted():
    df = extract_text("3月15日,督导一行深入三江镇、寨岗镇社工站,开展团督2次。", year=2023)
    assert value(one(df, "station_visit")["count"]) == 2


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


# ---------------------------------------------------------------- aggregates


def test_aggregates_have_no_date():
    df = extract_text("自2022年9月结对以来,已累计开展培训4期,培训156人次。", year=2023)
    row = one(df, "training")
    assert (value(row["count"]), value(row["participants"]), row["start_date"]) == (4, 156, "")
    assert "aggregate" in row["note"]
    df = extract_files([DATA / "seed_004_fb969b08d7965303.txt"])
    assert df["kind"].tolist() == ["training"]
    assert value(df["count"].iloc[0]) == 8


# ---------------------------------------------------------------- precision


@pytest.mark.parametrize(
    "text",
    [
        "10月23日,社区党委联合社工站举办重阳节敬老文艺演出,二十余名志愿者为老人表演节目。",
        "9月29日晚,民政局党支部与社工党支部开展联合主题党日活动。",
        "当天下午,社工带领志愿者开展清洁家园环境整治行动,清理卫生死角十二处。",
        "3月26日,国际社工日主题宣传周活动暨发展论坛在包头市举行。",
        "园东社区实行轮值主席制度,每月由一名社工担任轮值主席。",
        "7月21日,社工联合志愿者开展垃圾分类宣传活动。",
        "6月19日,社工站开展防诈骗宣传讲座,60余名居民参加。",
        "展望2024年,启新社工将继续深化结对帮扶,计划开展培训10期以上。",
        "每名督导将带教两名社工,每月至少开展一次个别督导。",
        "主要针对社工的工作性质、入户走访方式等内容进行讲解。",
    ],
)
def test_distractors_produce_no_rows(text):
    assert extract_text(text, year=2023).empty


def test_debris_headlines_are_ignored():
    text = ("热点推荐\n· 我县举办社工培训班 培训120人 2022-11-28\n正文\n"
            "发布时间:2022-12-05\n12月1日,督导团队开展团体督导,22名社工参加。\n"
            "相关新闻\n泸溪县开展困难群众走访慰问,走访200户,共培训30人。\n")
    df = extract_text(text)
    assert df["kind"].tolist() == ["group_supervision"]


def test_seed_003_publicity_gives_no_rows():
    assert extract_files([DATA / "seed_003_da286e44311f8105.txt"]).empty


# ---------------------------------------------------------------- seed 002, end to end


def test_seed_002_numbers():
    df = extract_files([SEED_002])
    got = {
        r.kind: (r.start_date, r.end_date, value(r.count), value(r.participants))
        for r in df.itertuples()
    }
    assert got == {
        "training": ("2022-10-24", "2022-10-25", 1, 20),
        "station_visit": ("2022-10-26", "2022-10-28", 5, None),
        "individual_supervision": ("2022-10-26", "2022-10-28", 1, 13),
        "group_supervision": ("2022-10-26", "2022-10-28", 5, None),
        "interview": ("2022-10-26", "2022-10-28", 14, None),
        "household_visit": ("2022-10-26", "2022-10-28", 5, None),
    }
    # the lead paragraph's 10月28日 入户走访 is one of the five households: no second row
    assert (df["kind"] == "household_visit").sum() == 1
    assert all(df["evidence"].map(lambda e: e in SEED_002.read_text(encoding="utf-8")))


def test_output_shape_and_ids(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("3月15日,开展团督2次,覆盖社工17人。", encoding="utf-8")
    b.write_text("3月16日,走访社工站3个。", encoding="utf-8")
    df = extract_files([a, b], year=2023)
    assert list(df.columns) == DRAFT_COLUMNS
    assert df["activity_id"].tolist() == ["D0001", "D0002"]
    assert df["source"].tolist() == ["a.txt", "b.txt"]
    assert df["confidence"].between(0, 1).all()
    assert (df[["pairing_id", "host_org_id", "target_org_id", "lead_person_ids"]] == "").all().all()


def test_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        extract_files([tmp_path / "nope.txt"])


# ---------------------------------------------------------------- encodings and script


def test_traditional_script():
    row = one(extract_text("發佈時間:2022-08-20\n8月17日下午,雙方在縣民政局舉辦經驗分享會,"
                           "三十餘名社工參加。"), "sharing_session")
    assert (row["start_date"], value(row["participants"])) == ("2022-08-17", 30)
    assert "經驗分享會" in row["evidence"]  # evidence quotes the original script


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / "r.txt"
    path.write_bytes("发布时间:2022-05-27\n5月24日,督导为社工开展培训,共计培训社工一百零八人。"
                     .encode(encoding))
    assert read_report_text(path).startswith("发布时间")
    row = one(extract_files([path]), "training")
    assert (row["start_date"], value(row["participants"])) == ("2022-05-24", 108)


def test_gb18030_benchmark_file():
    df = extract_files([DATA / "t01_wujiang_yanchi_gb.txt"])
    assert value(one(df, "training")["participants"]) == 126
    assert value(one(df, "household_visit")["count"]) == 17


def test_draft_rows_load_once_ids_are_filled(tmp_path):
    """The review workflow: a draft is validated, the user fills the ids, it loads."""
    from conftest import tiny_frames, write_csv_dataset

    import sgnet

    draft = extract_files([SEED_002])
    frames = tiny_frames()
    rows = draft.astype("string").fillna("")
    frames["activities"] = pd.concat([frames["activities"], rows], ignore_index=True).fillna("")
    folder = write_csv_dataset(tmp_path / "review", frames)
    problems = sgnet.validate(folder)
    assert problems.empty, problems["message"].tolist()  # ids optional, dates known
    filled = frames["activities"].copy()
    is_draft = filled["activity_id"].str.startswith("D")
    filled.loc[is_draft, ["pairing_id", "host_org_id", "target_org_id"]] = ["PR1", "O1", "O2"]
    frames["activities"] = filled
    ds = sgnet.load(write_csv_dataset(tmp_path / "filled", frames))
    seed = ds.activities[ds.activities["activity_id"].str.startswith("D")]
    assert dict(zip(seed["kind"], seed["count"], strict=True))["station_visit"] == 5
    assert {"evidence", "confidence"} <= set(ds.activities.columns)


def test_draft_without_year_is_flagged_by_validate(tmp_path):
    from conftest import tiny_frames, write_csv_dataset

    import sgnet

    draft = extract_text("10月24日,督导团队为当地社工开展专题培训,共培训30人。")
    assert draft.loc[0, "start_date"] == "--10-24"
    frames = tiny_frames()
    frames["activities"] = pd.concat(
        [frames["activities"], draft.astype("string").fillna("")], ignore_index=True).fillna("")
    problems = sgnet.validate(write_csv_dataset(tmp_path / "d", frames))
    assert problems["message"].str.contains("row 9, start_date: '--10-24' not a date").any()
