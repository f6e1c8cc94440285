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
    """Every fact seed 002 states is one row, with its dates, numbers and topic."""
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
    training = one(df, "training")
    assert training["topic"].startswith("个案基础服务,个案面谈技巧")
    assert "approximate" in training["note"]  # 20多名
    supervision = one(df, "individual_supervision")
    assert "sessions not stated" in supervision["note"]
    # the numbers of the 期间 sentence take the range of the sentence before
    assert one(df, "interview")["note"].endswith("date from an earlier sentence")
    assert (df["note"].str.contains("year from publication date 2022-10-30")).all()


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


# ---------------------------------------------------------------- held-out classes (#17)


def test_date_of_an_earlier_sentence_governs():
    text = ("发布时间:2023-05-15\n5月8日至12日,督导团一行来到台江县。督导团首先为当地16名社工"
            "进行了集中培训。")
    row = one(extract_text(text), "training")
    assert (row["start_date"], value(row["participants"])) == ("2023-05-08", 16)
    assert "date from an earlier sentence" in row["note"]


def test_date_of_an_earlier_paragraph_governs():
    text = "11月6日,督导团抵达雷山县。\n督导团为骨干社工开展授课,参加授课的社工共31名。"
    row = one(extract_text(text, year=2023), "training")
    assert (row["start_date"], value(row["participants"])) == ("2023-11-06", 31)
    assert "date from an earlier paragraph" in row["note"]


def test_duration_said_apart():
    text = "4月2日,督导团为社工开展集中培训,共培训社工40人。本次培训为期三天。"
    df = extract_text(text, year=2023)
    row = one(df, "training")
    assert (row["start_date"], row["end_date"]) == ("2023-04-02", "2023-04-04")
    assert "为期三天" in row["note"]


def test_hours_said_apart_complete_the_fact_before():
    df = extract_text("4月15日,督导通过线上直播为社工开展培训,近百名社工在线收看。"
                      "培训持续约3个小时。", year=2022)
    row = one(df, "training")
    assert (value(row["participants"]), value(row["hours"]), row["mode"]) == (100, 3, "online")


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        ("2022年度工作总结\n发布时间:2023-03-01\n7月10日,督导开展团督2次。", "2022-07-10",
         "headline 2022年度工作总结"),
        ("2022年11月,督导团再度来到罗城。\n11月14日,督导开展团督2次。", "2022-11-14",
         "the earlier date 2022年11月"),
        ("龙山县月报(2023年6月)\n6月5日,督导开展团督2次。", "2023-06-05", "headline"),
        ("原创 顺德社工 2022-10-09 发表于广东\n10月6日,督导开展团督2次。", "2022-10-06",
         "publication date 2022-10-09"),
        ("6.14,督导开展团督2次。", "--06-14", "year unknown"),
    ],
)
def test_year_from_the_document(text, expected, source):
    row = one(extract_text(text), "group_supervision")
    assert row["start_date"] == expected
    assert source in row["note"]


def test_inferred_year_lowers_confidence():
    written = one(extract_text("2023年3月15日,开展团督2次。"), "group_supervision")
    inferred = one(extract_text("3月15日,开展团督2次。", year=2023), "group_supervision")
    unknown = one(extract_text("3月15日,开展团督2次。"), "group_supervision")
    assert written["confidence"] > inferred["confidence"] > unknown["confidence"]


@pytest.mark.parametrize(
    ("clause", "kind", "count", "participants"),
    [
        ("参加培训的35名社工来自全县8个乡镇社工站", "training", 1, 35),
        ("督导团为16名社工进行了培训", "training", 1, 16),
        ("开展个督27人次", "individual_supervision", 1, 27),
        ("开展个别督导6次,督导社工18人", "individual_supervision", 6, 18),
        ("开设讲座,三十五名社工参加", "training", 1, 35),
        ("开展参与式工作坊,卅名社工参加", "training", 1, 30),
        ("在县社工总站开展授课,二十多个社工听课", "training", 1, 20),
        ("组织研讨疑难个案,督导社工9人", "group_supervision", 1, 9),
        ("进行个案督导,督导了五个社工", "individual_supervision", 1, 5),
        ("实地走访了台拱、南宫、施洞3个镇级社工站", "station_visit", 3, None),
        ("探访站点4个", "station_visit", 4, None),
        ("督導團深入祥周鎮、林逢鎮社工站", "station_visit", 2, None),
        ("在鎮上的站點搞了一次小組督導,來了七八個社工", "group_supervision", 1, 7),
        ("一起去入户,一共走了3户", "household_visit", 3, None),
    ],
)
def test_numbers_and_kinds_in_many_positions(clause, kind, count, participants):
    row = one(extract_text(f"6月6日,{clause}。", year=2023), kind)
    assert (value(row["count"]), value(row["participants"])) == (count, participants)


def test_annual_total_is_one_row_for_the_year():
    text = ("顺德区2022年度工作总结\n发布日期:2023年1月10日\n"
            "全年共开展培训64场、980人次;开展个别督导210人次;团体督导37次。")
    df = extract_text(text)
    got = {r.kind: (r.start_date, r.end_date, value(r.count), value(r.participants))
           for r in df.itertuples()}
    assert got == {
        "training": ("2022-01-01", "2022-12-31", 64, 980),
        "individual_supervision": ("2022-01-01", "2022-12-31", 1, 210),
        "group_supervision": ("2022-01-01", "2022-12-31", 37, None),
    }
    assert df["note"].str.contains("annual total").all()


def test_annual_total_without_a_year_has_no_date():
    row = one(extract_text("全年共开展培训64场、980人次。"), "training")
    assert (row["start_date"], value(row["count"])) == ("", 64)
    assert "aggregate" in row["note"]


def test_topic_hours_and_mode():
    text = ("9月12日,督导团为社工开展专题培训,培训主题:“社区营造与居民参与”,参训社工38人,"
            "培训时长6小时。\n9月15日晚,督导通过腾讯会议开展线上团体督导1次,参与社工12人。")
    df = extract_text(text, year=2023)
    training = one(df, "training")
    assert (training["topic"], value(training["hours"])) == ("社区营造与居民参与", 6)
    assert one(df, "group_supervision")["mode"] == "online"


def test_approximate_numbers_lower_confidence():
    exact = one(extract_text("6月6日,开展培训,20名社工参加。", year=2023), "training")
    approx = one(extract_text("6月6日,开展培训,20多名社工参加。", year=2023), "training")
    assert value(approx["participants"]) == 20
    assert approx["confidence"] < exact["confidence"]
    assert "approximate" in approx["note"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("5.16-5.18,督导来阜平开展帮扶。16日开展团督1次。", "2023-05-16", ""),
        ("3.21当天,督导团开展团督1次。", "2023-03-21", ""),
        ("11/22,督导团开展团督1次。", "2023-11-22", ""),
        ("2023/11/21,督导团开展团督1次。", "2023-11-21", ""),
        ("八月二十二日至二十三日,督导团开展团督四次。", "2023-08-22", "2023-08-23"),
        ("9月3号到关岭,9月4号上午开展团督1次。", "2023-09-04", ""),
    ],
)
def test_date_forms(text, start, end):
    row = one(extract_text(text, year=2023), "group_supervision")
    assert (row["start_date"], row["end_date"]) == (start, end)


def test_decimals_are_not_dates():
    row = one(extract_text("6月6日,开展培训2场,时长3.5小时。", year=2023), "training")
    assert (row["start_date"], value(row["count"])) == ("2023-06-06", 2)


@pytest.mark.parametrize(
    "text",
    [
        "会议要求,各结对机构每季度至少开展一次实地督导,全年培训不少于10场。",
        "聘用后须参加岗前培训,培训合格后上岗。",
        "根据协议,双方将在督导培训等方面开展合作,嘉兴市将选派督导定期赴黔西南开展培训和督导。",
        "有没有前辈说说你们那边一个月要走访多少户?",
        "我们一个月要求走访30户,其实根本走不完。",
        "6月7日,社工站走进镇中心小学,为300余名学生开展防溺水安全讲座。",
        "参访团先后到横沥镇社会工作服务站、常平镇社会工作服务站实地观摩。",
    ],
)
def test_rules_plans_questions_and_outreach_give_no_rows(text):
    assert extract_text(text, year=2023).empty


def test_lecture_and_workshop_of_one_day_are_two_rows():
    text = ("7月17日上午,督导团开设专题讲座,三十五名社工参加。\n"
            "当天下午移至县社工总站开展参与式工作坊。")
    df = extract_text(text, year=2023)
    assert df["kind"].tolist() == ["training", "training"]
    assert df["start_date"].tolist() == ["2023-07-17", "2023-07-17"]


def test_traditional_script_forum_post():
    text = ("發表於 2021-11-26 21:05\n11月23日一早出發,下午督導在縣民政局給二十多個社工做了培訓。"
            "\n24日我們分頭走訪了兩個鄉鎮社工站,還做了個案督導,督導了五個社工。\n（圖）培訓現場")
    df = extract_text(text)
    got = {r.kind: (r.start_date, value(r.count), value(r.participants))
           for r in df.itertuples()}
    assert got == {
        "training": ("2021-11-23", 1, 20),
        "station_visit": ("2021-11-24", 2, None),
        "individual_supervision": ("2021-11-24", 1, 5),
    }


# ---------------------------------------------------------------- what the test half taught


@pytest.mark.parametrize(
    ("text", "kind", "count", "participants"),
    [
        # 其中 with no number before it in the sentence is not a breakdown
        ("会后,督导还为其中3位社工做了一对一督导。", "individual_supervision", 1, 3),
        # "三个社工站" are stations, not people; "二十几个社工" are people
        ("分别去了三个社工站,每个站都做了团督,三次团督加起来二十几个社工。",
         "group_supervision", 3, 20),
        ("分别去了三个社工站,每个站都做了团督。", "station_visit", 3, None),
        # "个人" after a number counts people
        ("给站里的社工做个别督导,一共督导了10个人。", "individual_supervision", 1, 10),
        ("给县里的社工讲了一次课,大概有二十来个人听。", "training", 1, 20),
        # a participation number follows its own event, not the next one
        ("开展团体督导3场、参与社工41人次,个别督导18人。", "group_supervision", 3, 41),
    ],
)
def test_held_out_lessons(text, kind, count, participants):
    row = one(extract_text(f"6月6日,{text}", year=2023), kind)
    assert (value(row["count"]), value(row["participants"])) == (count, participants)


def test_a_look_back_at_earlier_trainings_is_not_a_row():
    text = ("11月28日,督导团举办第一期培训,参训社工40名。11月30日,举办第二期培训,共30名社工参训。"
            "两期培训结束后,督导团还开展团督1次。")
    df = extract_text(text, year=2022)
    assert df.loc[df["kind"] == "training", "participants"].tolist() == [40, 30]


# ---------------------------------------------------------------- what the late set taught


def test_this_month_and_listed_days():
    df = extract_text("发布时间:2024-04-18\n本月15日至16日,督导团举办研修班,一百二十余名社工参加。")
    row = one(df, "training")
    assert (row["start_date"], row["end_date"], value(row["participants"])) == (
        "2024-04-15", "2024-04-16", 120)
    text = "7月4-6日,督导团来到凤阳县。\n5、6日两天,督导团走访府城镇、临淮关镇社工站。"
    row = one(extract_text(text, year=2023), "station_visit")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2023-07-05", "2023-07-06", 2)


def test_key_value_lines_make_one_row():
    text = "季度简报(2023年第三季度)\n培训场次:7场;培训人数:415人次;\n个别督导:52人次;团体督导:11场;"
    got = {r.kind: (value(r.count), value(r.participants)) for r in extract_text(text).itertuples()}
    assert got == {"training": (7, 415), "individual_supervision": (1, 52),
                   "group_supervision": (11, None)}


def test_a_list_of_annual_totals_after_a_colon():
    text = ("2023年度工作总结\n一年来,我们主要做了以下工作:\n1. 开展专题培训18期,培训社工860余人次;\n"
            "2. 开展团体督导31场;")
    df = extract_text(text)
    assert df["kind"].tolist() == ["training", "group_supervision"]
    assert (df["start_date"] == "2023-01-01").all() and (df["end_date"] == "2023-12-31").all()


def test_salon_is_a_sharing_session_and_tomorrow_is_not_a_fact():
    row = one(extract_text("11月17日晚,督导团组织了一场社工成长沙龙,20余位社工参加。", year=2023),
              "sharing_session")
    assert value(row["participants"]) == 20
    assert extract_text("明天还要参加县里的培训,听说有外地督导来讲课。", year=2023).empty


# ---------------------------------------------------------------- what the late2 set taught


def test_weekdays_of_a_stated_week():
    text = ("3月6日(周一)至3月10日(周五),督导团在三江镇社工站蹲点一周。\n"
            "周二上午,督导团为4名社工开展个别督导。\n周三,督导团入户家访,走访困境儿童家庭6户。")
    df = extract_text(text)
    assert one(df, "individual_supervision")["start_date"] == "--03-07"
    assert one(df, "household_visit")["start_date"] == "--03-08"


def test_a_year_opening_with_totals_is_an_annual_total():
    text = ("南海区2022年度工作报告\n2022年,督导团共8次赴广南县开展帮扶,累计为当地社工开展培训21场,"
            "受训社工达1024人次,实地走访社工站35个次。")
    got = {r.kind: (r.start_date, r.end_date, value(r.count), value(r.participants))
           for r in extract_text(text).itertuples()}
    assert got == {"training": ("2022-01-01", "2022-12-31", 21, 1024),
                   "station_visit": ("2022-01-01", "2022-12-31", 35, None)}


@pytest.mark.parametrize(
    ("clause", "kind", "count", "participants"),
    [
        ("在每个站点召开督导会,累计有46名社工接受了督导", "group_supervision", 1, 46),
        ("为6名骨干开展了个案会诊", "group_supervision", 1, 6),
        ("开展专题辅导(2场),参加社工共计70人次", "training", 2, 70),
        ("在临潭给8个新社工做带教", "mentoring", 1, 8),
        ("开展系列讲座,共6讲", "training", 6, None),
        ("云课堂第三讲通过腾讯会议开讲,讲座时长1.5小时,社工共58人在线参加", "training", 1, 58),
    ],
)
def test_late2_kinds_and_numbers(clause, kind, count, participants):
    row = one(extract_text(f"6月6日,{clause}。", year=2023), kind)
    assert (value(row["count"]), value(row["participants"])) == (count, participants)


def test_headline_with_the_numbers_of_the_story_is_no_second_row():
    text = "【牵手康乐】3天走访8个社工站!\n9月4日至6日,督导团走访了8个乡镇社工站。"
    row = one(extract_text(text, year=2023), "station_visit")
    assert (row["start_date"], value(row["count"])) == ("2023-09-04", 8)


# ---------------------------------------------------------------- what the late3 set taught


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023.6.12—6.14,督导团开展团督3次。", "2023-06-12", "2023-06-14"),
        ("发布时间:2022-08-26\n八月廿三日,督导团开展团督两次。", "2022-08-23", ""),
        ("发表于 2022-11-30 22:15\n29号跟着督导去了两个站,做了团督2次。", "2022-11-29", ""),
        ("发表于 2022-12-02 22:15\n29号跟着督导去了两个站,做了团督2次。", "2022-11-29", ""),
    ],
)
def test_late3_date_forms(text, start, end):
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], row["end_date"]) == (start, end)


def test_a_notice_of_a_training_to_come_is_not_a_fact():
    text = "经研究,定于2023年6月20日至22日在县委党校举办全县社会工作者能力提升培训班。"
    assert extract_text(text).empty


@pytest.mark.parametrize(
    ("clause", "kind", "count", "participants"),
    [
        ("给每个站的社工都做了个案辅导,一共辅导了11个人", "individual_supervision", 1, 11),
        ("跑了4个乡镇的社工站", "station_visit", 4, None),
        ("督导给我们上课,县里各站的社工差不多都来了,三十来个人", "training", 1, 30),
    ],
)
def test_late3_kinds_and_numbers(clause, kind, count, participants):
    row = one(extract_text(f"6月6日,{clause}。", year=2023), kind)
    assert (value(row["count"]), value(row["participants"])) == (count, participants)


# ---------------------------------------------------------------- what the late4 set taught


def test_field_lines_of_a_post_date_and_count_the_story():
    text = ("原创 五华社工 2023-05-10 21:00\n📅时间:2023年5月8日\n📍地点:凤庆县社工总站\n"
            "👥参与人员:全县社工站社工36人\n本次培训由五华督导团主讲,围绕个案评估展开。")
    row = one(extract_text(text), "training")
    assert (row["start_date"], value(row["participants"])) == ("2023-05-08", 36)
    assert "field line" in row["note"]


def test_table_rows_are_read():
    text = "2023年第二季度帮扶活动一览\n序号\t日期\t活动\t人数\n1\t4月12日\t线上培训\t65人次\n"
    row = one(extract_text(text), "training")
    assert (row["start_date"], value(row["participants"]), row["mode"]) == (
        "2023-04-12", 65, "online")


def test_today_in_a_post_is_its_publication_date():
    text = "發表於 2023-04-14 22:48\n今天跟督導跑了三江鎮和寨崗鎮兩個社工站,兩個站加起來做了五個個督。"
    df = extract_text(text)
    assert one(df, "station_visit")["start_date"] == "2023-04-14"
    assert value(one(df, "individual_supervision")["count"]) == 5


@pytest.mark.parametrize(
    ("clause", "kind", "count"),
    [
        ("全县共有7个乡镇社工站接受了实地督导", "station_visit", 7),
        ("督导范围覆盖5个镇(街道)社工站", "station_visit", 5),
        ("慰问困境家庭20户", "household_visit", 20),
        ("为社工讲授“危机干预”课程,听课社工40位", "training", 1),
    ],
)
def test_late4_kinds(clause, kind, count):
    assert value(one(extract_text(f"6月6日,{clause}。", year=2023), kind)["count"]) == count


def test_officials_inspecting_a_station_is_not_a_station_visit():
    assert extract_text("6月8日,省民政厅副厅长一行到我县茶园镇社工站调研。", year=2023).empty


def test_topic_is_quoted_as_written():
    text = ("發佈時間:2022-10-09\n10月6日至7日,督導團開展為期兩天的「優勢視角」工作坊,"
            "參加工作坊的二十八名社工來自全縣。")
    row = one(extract_text(text), "training")
    assert (row["topic"], value(row["participants"])) == ("優勢視角", 28)
    assert (row["start_date"], row["end_date"]) == ("2022-10-06", "2022-10-07")


# ------------------------------------------------- generalization (blind set classes)
# Each test uses sentences written for it, not taken from any corpus document.


@pytest.mark.parametrize(
    "text",
    [
        "诚聘|乡镇社工站督导助理3名\n一、岗位职责\n1. 协助督导开展培训、入户走访;\n"
        "二、任职要求\n1. 本科以上学历。",
        "某县2027年度“携手”帮扶工作计划\n一、主要任务\n全年计划开展集中培训6场,走访社工站20个次。",
        "政策解读|乡镇社工站建设实施方案\n通过集中培训、团体督导等方式提升能力。",
    ],
)
def test_notices_plans_and_policies_give_nothing(text):
    assert extract_text(text).empty


@pytest.mark.parametrize(
    ("title", "start", "end"),
    [
        ("某区社工协会2021年度帮扶工作总结", "2021-01-01", "2021-12-31"),
        ("某项目2022年下半年工作总结", "2022-07-01", "2022-12-31"),
    ],
)
def test_numbers_of_a_period_summary_are_totals_of_its_period(title, start, end):
    df = extract_text(f"{title}\n一、工作成效\n督导团队走访社工站17个次;\n入户探访困难家庭45户。")
    assert list(df["start_date"]) == [start, start]
    assert list(df["end_date"]) == [end, end]
    assert list(df["count"]) == [17, 45]


def test_a_year_named_with_a_total_dates_it_to_that_year():
    df = extract_text("发布时间:2025-02-03\n2月1日,年会举行。会上介绍,2024年项目累计培训社工860人次。")
    row = one(df, "training")
    assert (row["start_date"], row["end_date"], value(row["participants"])) == (
        "2024-01-01", "2024-12-31", 860)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("发表于 2025-03-13 20:05\n上周二跟督导下乡,给站里的社工开展培训,18人参加。", "2025-03-04"),
        ("发表于 2025-03-13 20:05\n本周一督导开展团体督导2次。", "2025-03-10"),
        ("发表于 2025-03-13 20:05\n昨天督导入户走访困难家庭3户。", "2025-03-12"),
        ("发表于 2025-03-13 20:05\n上个星期四去了3个站点。那天下午还走访了低保家庭2户。",
         "2025-03-06"),
    ],
)
def test_relative_days_count_from_the_publication_date(text, start):
    df = extract_text(text)
    assert not df.empty and set(df["start_date"]) == {start}


def test_this_month_is_the_first_of_the_month_the_title_names():
    df = extract_text("某项目2025年4月工作月报\n一、完成情况\n4月22日举办分享会,30人参加。"
                      "\n本月另对12名社工开展访谈。")
    assert one(df, "interview")["start_date"] == "2025-04-01"


def test_the_day_after_a_multi_day_event_ended():
    df = extract_text("发布时间:2025-05-20\n5月12日起,督导为社工开展为期四天的培训,30名社工参加。"
                      "\n培训结束的第二天,督导走访了4个社工站。")
    assert one(df, "training")["end_date"] == "2025-05-15"
    assert one(df, "station_visit")["start_date"] == "2025-05-16"


def test_a_dated_diary_heading_dates_the_entry_below():
    df = extract_text("驻站随笔(2025年6月)\n6月3日 周二 多云\n上午入户,走了3户,都是独居老人家庭。"
                      "\n6.4 周三\n下午组织团督,来了9个人。")
    assert one(df, "household_visit")["start_date"] == "2025-06-03"
    row = one(df, "group_supervision")
    assert (row["start_date"], value(row["participants"])) == ("2025-06-04", 9)


def test_a_plan_section_of_a_half_year_is_not_events():
    df = extract_text("发布时间:2025-07-02\n6月10日,督导开展团体督导2次。\n三、下季度计划\n"
                      "继续开展线上培训,并组织骨干社工赴外地参访学习。")
    assert list(df["kind"]) == ["group_supervision"]


@pytest.mark.parametrize(
    "text",
    [
        "发布时间:2025-07-02\n社工阿梅说:“过去家访只是送米送油,如今学会了评估。”",
        "发布时间:2025-07-02\n她原先以为团体督导就是开会。",
    ],
)
def test_how_things_used_to_be_is_not_an_event(text):
    assert extract_text(text).empty


def test_a_reference_to_an_earlier_activity_is_not_a_new_one():
    df = extract_text("发布时间:2025-07-02\n7月1日,督导随社工入户走访4户。次日上午,督导带大家"
                      "复盘入户走访的笔记,开展团体督导1次。")
    assert list(df["kind"]) == ["household_visit", "group_supervision"]


def test_officials_surveying_a_station_are_not_the_mentors_station_visit():
    df = extract_text("州民政局局长王某一行到我县社工站调研\n发布时间:2025-07-02\n7月1日,王某一行察看"
                      "了社工站活动室。当天,结对督导正在站内为9名社工开展个别督导。")
    assert list(df["kind"]) == ["individual_supervision"]


@pytest.mark.parametrize(
    ("text", "kind", "count", "participants"),
    [
        ("发布时间:2025-07-02\n7月1日,督导走访本县社工站26站次,覆盖8个站点。", "station_visit", 26,
         None),
        ("发表于 2025-07-02\n7月1日晚上,站里搞了个读书沙龙,来了十几个人。", "sharing_session", 1, 10),
        ("发表于 2025-07-02\n7月1日下午给镇里社工上课,讲需求评估,来了22个人。", "training", 1, 22),
    ],
)
def test_colloquial_counts_and_units(text, kind, count, participants):
    row = one(extract_text(text), kind)
    assert (value(row["count"]), value(row["participants"])) == (count, participants)


def test_a_month_range_dates_a_total_to_those_months():
    df = extract_text("某县2026年牵手工作小结\n7-9月,督导团队累计走访社工站11个,入户家访25户。")
    assert set(zip(df["start_date"], df["end_date"], strict=True)) == {("2026-07-01", "2026-09-30")}


def test_a_day_range_written_with_a_hyphen_inside_the_month():
    row = one(extract_text("发布时间:2026-08-30\n8月3-5日,督导团先后走访了东镇、西镇等5个社工站。"),
              "station_visit")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2026-08-03", "2026-08-05", 5)


def test_a_training_class_named_by_its_purpose():
    row = one(extract_text("发布时间:2026-08-30\n8月3日,督导团为全县五十余名社工举办能力提升班。"),
              "training")
    assert (row["start_date"], value(row["participants"])) == ("2026-08-03", 50)


@pytest.mark.parametrize(
    "text",
    [
        "发布时间:2026-02-01\n1月28日,市委常委张某一行走访慰问困难家庭8户。",
        "发布时间:2026-02-01\n1月28日,某社区社工站为40名社区志愿者开展防汛知识培训。",
        "2025年全市社会工作统计公报\n发布时间:2026-02-01\n全年开展社工培训40场,培训2100人次。",
    ],
)
def test_officials_volunteers_and_statistics_are_not_mentoring(text):
    assert extract_text(text).empty


def test_a_lesson_counted_by_its_measure_word_is_a_training():
    row = one(extract_text("发布时间:2026-08-30\n8月3日,督导为镇上二十多名社工带来一节关于"
                           "危机干预的示范课。"), "training")
    assert (row["start_date"], value(row["count"]), value(row["participants"])) == (
        "2026-08-03", 1, 20)


def test_people_listed_together_are_one_number():
    row = one(extract_text("发布时间:2026-08-30\n8月3日,督导为6名站长和14名社工开展培训。"), "training")
    assert value(row["participants"]) == 20


def test_a_dotted_date_range_with_a_hyphen():
    row = one(extract_text("发布时间:2026-08-30\n2026.8.3-8.4,督导开展团体督导3次。"),
              "group_supervision")
    assert (row["start_date"], row["end_date"]) == ("2026-08-03", "2026-08-04")


@pytest.mark.parametrize(
    ("title", "start", "end"),
    [
        ("某项目2026年第二季度工作总结", "2026-04-01", "2026-06-30"),
        ("某站2026年9月工作总结", "2026-09-01", "2026-09-30"),
    ],
)
def test_a_summary_of_a_quarter_or_a_month(title, start, end):
    row = one(extract_text(f"{title}\n二、成效\n督导团队入户探访困境家庭19户。"), "household_visit")
    assert (row["start_date"], row["end_date"]) == (start, end)


def test_a_summing_up_meeting_is_not_a_summary_document():
    df = extract_text("某县召开2026年牵手计划总结会\n发布时间:2026-12-20\n12月18日,会议在县城召开。"
                      "会上,督导团队为社工开展了案例督导,12名社工参加。")
    assert one(df, "individual_supervision")["start_date"] == "2026-12-18"


def test_the_third_day_of_a_trip_counts_from_its_first():
    df = extract_text("发布时间:2026-10-30\n10月20日,督导团抵达某县。\n第二天,督导为社工开展团体督导2次。"
                      "\n第三天,督导随社工入户走访5户。")
    assert one(df, "group_supervision")["start_date"] == "2026-10-21"
    assert one(df, "household_visit")["start_date"] == "2026-10-22"


@pytest.mark.parametrize(
    ("body", "kind", "count", "participants"),
    [
        ("督导为26名社工举办了实务研习营。", "training", 1, 26),
        ("督导主持召开案例督导会,11名社工参加。", "group_supervision", 1, 11),
        ("督导团巡回督导了全县7个社工站。", "station_visit", 7, None),
        ("督导与9名社工逐一面谈。", "interview", 9, None),
        ("项目组织社工开展案例分享活动,24人参与。", "sharing_session", 1, 24),
    ],
)
def test_more_activity_words(body, kind, count, participants):
    row = one(extract_text("发布时间:2026-10-30\n10月20日," + body), kind)
    assert (value(row["count"]), value(row["participants"])) == (count, participants)


def test_this_month_under_a_heading_that_names_the_month():
    df = extract_text("工作简报 第7期\n编印日期:2026年8月2日\n一、7月工作情况\n本月共访谈社工11人。"
                      "\n二、8月工作计划\n继续访谈社工。")
    row = one(df, "interview")
    assert (row["start_date"], value(row["count"])) == ("2026-07-01", 11)


def test_went_to_n_households():
    row = one(extract_text("发表于 2026-08-30 21:00\n昨天下午跟督导去了三户低保老人家里。"),
              "household_visit")
    assert (row["start_date"], value(row["count"])) == ("2026-08-29", 3)


@pytest.mark.parametrize(("words", "people"), [("二三十名", 20), ("1.5万人次", 15000),
                                               ("两三个", 2)])
def test_spoken_ranges_and_ten_thousands(words, people):
    row = one(extract_text(f"发布时间:2026-08-30\n8月3日,督导为{words}社工开展培训。"), "training")
    assert value(row["participants"]) == people


def test_a_signature_date_at_the_foot_gives_the_year():
    filler = [f"第{i}段叙述,没有日期。" for i in range(9)]
    text = "\n".join(["督导团第二次来到某乡", "9月2日,督导为社工开展团督1次。", *filler,
                      "某乡社工站", "2026年9月6日"])
    assert one(extract_text(text), "group_supervision")["start_date"] == "2026-09-02"


def test_a_list_of_methods_is_not_an_event():
    df = extract_text("问答|社工站怎么建?\n发布时间:2026-03-01\n各地可采取专题讲座、案例督导、入户走访等"
                      "形式,提升社工能力。")
    assert df.empty


def test_a_summary_with_next_years_plan_reports_its_year():
    df = extract_text("某中心2026年工作总结及2027年工作计划\n一、工作成效\n全年开展团体督导14次。"
                      "\n二、2027年工作计划\n计划开展团体督导20次。")
    row = one(df, "group_supervision")
    assert (row["start_date"], value(row["count"])) == ("2026-01-01", 14)


def test_next_steps_written_as_下步_or_后续安排():
    df = extract_text("发布时间:2026-05-30\n5月28日,督导开展团督2次。\n三、存在问题及下步计划\n"
                      "组织社工赴外地跟岗学习。\n四、后续安排\n走访社工站6个。")
    assert list(df["kind"]) == ["group_supervision"]


@pytest.mark.parametrize(
    "text",
    [
        "发布时间:2026-06-01\n5月30日,某镇社工站为45名老年人开展反诈知识讲座。",
        "喜报|我县3名社工获评优秀学员\n发布时间:2026-06-01\n两人一年中参加培训10场、接受个别督导15次。",
    ],
)
def test_the_public_and_award_notices_are_not_mentoring(text):
    assert extract_text(text).empty


def test_people_after_其中_who_do_another_activity_are_its_participants():
    df = extract_text("发布时间:2026-06-01\n5月30日,督导开展团督1次,10名社工参加,并为其中4人开展个别督导。")
    assert value(one(df, "individual_supervision")["participants"]) == 4
    assert value(one(df, "group_supervision")["participants"]) == 10


@pytest.mark.parametrize(
    ("pub", "words", "start", "end"),
    [
        ("2027-01-08", "去年,督导团累计入户走访52户。", "2026-01-01", "2026-12-31"),
        ("2027-01-08", "一年来,督导团累计入户走访52户。", "2026-01-01", "2026-12-31"),
        ("2026-07-15", "上半年,督导团累计入户走访52户。", "2026-01-01", "2026-06-30"),
    ],
)
def test_a_total_without_a_year_takes_the_last_period_before_publication(pub, words, start,
                                                                            end):
    row = one(extract_text(f"发布时间:{pub}\n{words}"), "household_visit")
    assert (row["start_date"], row["end_date"]) == (start, end)


@pytest.mark.parametrize("dates", ["2026-04-07至2026-04-09", "2026年4月7日至2026年4月9日",
                                   "2026.4.7-2026.4.9"])
def test_date_ranges_whose_end_repeats_the_year(dates):
    row = one(extract_text(f"发布时间:2026-04-20\n{dates},督导开展团督3次。"), "group_supervision")
    assert (row["start_date"], row["end_date"]) == ("2026-04-07", "2026-04-09")


def test_a_station_visit_named_after_the_stations():
    row = one(extract_text("发布时间:2026-04-20\n4月9日,督导团完成了对5个乡镇社工站的实地走访。"),
              "station_visit")
    assert value(row["count"]) == 5


@pytest.mark.parametrize("words", ["结对三年来,督导团累计开展团督45次。", "目前已累计开展团督45次。",
                                   "该机构已先后开展团督45次。"])
def test_running_totals_over_years_have_no_date(words):
    df = extract_text(f"发布时间:2026-04-20\n4月9日,督导团再次来到某县。\n{words}")
    row = one(df, "group_supervision")
    assert (row["start_date"], value(row["count"])) == ("", 45)


def test_a_dated_trip_inside_a_summary_keeps_its_dates():
    df = extract_text("某中心2026年度工作总结\n一、帮扶行程\n5月6日至8日,督导团开展第二轮帮扶。\n"
                      "其间,督导团入户走访困境家庭7户。\n二、全年成效\n督导团累计入户走访40户。")
    got = sorted(zip(df["start_date"], df["end_date"], df["count"], strict=True))
    assert got == [("2026-01-01", "2026-12-31", 40), ("2026-05-06", "2026-05-08", 7)]


def test_observing_in_a_later_clause_does_not_make_a_station_visit_an_exchange():
    row = one(extract_text("发布时间:2026-04-20\n4月9日,督导团深入4个社工站,通过现场观摩、查阅台账"
                           "等方式开展实地督导。"), "station_visit")
    assert value(row["count"]) == 4


def test_a_total_of_the_stations_gone_to_wins():
    row = one(extract_text("发表于 2026-04-20 22:00\n昨天先去了我们乡的社工站,下午又去了邻近两个镇的站,"
                           "一共三个站。"), "station_visit")
    assert value(row["count"]) == 3


def test_quarter_totals_are_dated_to_their_quarter():
    df = extract_text("帮扶季报(2026年第二季度)\n一、数据\n本季度共开展团督6次。\n第一季度共入户走访30户。")
    assert (one(df, "group_supervision")["start_date"], one(df, "group_supervision")["end_date"]) \
        == ("2026-04-01", "2026-06-30")
    assert one(df, "household_visit")["end_date"] == "2026-03-31"


def test_a_day_heading_with_its_ordinal_first():
    df = extract_text("蹲点手记\n第一天(2026年5月8日)\n上午入户,走了3户。\nDay 2 | 5月9日 周六\n下午团督,来了6个人。")
    assert one(df, "household_visit")["start_date"] == "2026-05-08"
    assert one(df, "group_supervision")["start_date"] == "2026-05-09"


def test_a_trip_sum_told_again_day_by_day_is_one_set_of_rows():
    df = extract_text("发布时间:2026-04-15\n4月7日至8日,督导团共入户走访9户。\n7日,入户走访4户。\n"
                      "8日,入户走访5户。")
    assert sorted(df["count"]) == [4, 5]


def test_a_dated_event_under_a_notice_like_title_is_kept():
    df = extract_text("督导团开展培训 推动实施方案落地见效\n发布时间:2026-04-15\n4月13日,督导团为32名社工开展"
                      "专题培训。\n各站要每月开展入户走访,全年培训不少于6场。")
    row = one(df, "training")
    assert (row["start_date"], value(row["participants"])) == ("2026-04-13", 32)


@pytest.mark.parametrize("words", ["受天气影响,原定的入户走访未能开展。", "因故取消了原计划的团体督导。",
                                   "社工们建议每月开展一次团体督导。", "要是能多来几次个督就好了。"])
def test_what_did_not_happen_is_not_an_event(words):
    assert extract_text(f"发布时间:2026-04-15\n4月13日,{words}").empty


def test_that_evening_and_the_day_after():
    df = extract_text("发布时间:2026-06-30\n6月2日,督导为社工开展培训,25人参加。当晚,站里组织了一场沙龙,"
                      "11人参加。隔天,督导入户走访3户。")
    assert one(df, "sharing_session")["start_date"] == "2026-06-02"
    assert one(df, "household_visit")["start_date"] == "2026-06-03"


def test_weekday_headings_in_the_week_of_the_latest_full_date():
    df = extract_text("蹲点周记\n(2026年6月1日,到达某乡社工站)\n周一 晴\n跟社工入户,走了2户。\n周四 雨\n"
                      "下午团督,来了5个人。")
    assert one(df, "household_visit")["start_date"] == "2026-06-01"
    assert one(df, "group_supervision")["start_date"] == "2026-06-04"


def test_days_listed_together_are_one_span():
    row = one(extract_text("发布时间:2026-06-30\n6月8日和9日,督导分别走进3个社工站开展督导。"),
              "station_visit")
    assert (row["start_date"], row["end_date"]) == ("2026-06-08", "2026-06-09")


@pytest.mark.parametrize(("words", "count"), [("入户探访独居老人9名。", 9),
                                              ("入户走访了11位留守儿童。", 11),
                                              ("与4名社工一起入户走访。", 1)])
def test_households_counted_by_the_people_visited(words, count):
    row = one(extract_text(f"发布时间:2026-06-30\n6月12日,督导{words}"), "household_visit")
    assert value(row["count"]) == count


def test_supervising_counted_by_people_is_individual_unless_another_supervision_is_named():
    df = extract_text("发布时间:2026-06-30\n6月12日,督导团现场督导站点社工17名。")
    assert value(one(df, "individual_supervision")["participants"]) == 17
    df = extract_text("发布时间:2026-06-30\n6月12日,督导团组织案例会诊,督导社工8人。")
    assert list(df["kind"]) == ["group_supervision"]


def test_a_headline_that_names_the_day_dates_an_undated_story():
    df = extract_text("督导团4月21日走进某乡社工站\n发布时间:2026-04-23\n督导团为社工开展团督,9人参加。")
    assert one(df, "group_supervision")["start_date"] == "2026-04-21"


@pytest.mark.parametrize("words", ["此次是2026年度第三轮帮扶", "这是本年度第二次来县",
                                   "这是结对以来督导团第五次来县", "这是下半年首次来县"])
def test_an_ordinal_of_the_year_is_not_a_total(words):
    df = extract_text(f"发布时间:2026-05-20\n5月16日,督导团来到某县。\n{words},督导团为社工开展培训,"
                      "40人参加。")
    assert one(df, "training")["start_date"] == "2026-05-16"


def test_this_years_total_in_a_year_end_story():
    df = extract_text("发布时间:2026-12-26\n12月20日,督导团来到某县。\n今年,督导团共开展团督18次。")
    row = one(df, "group_supervision")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2026-01-01", "2026-12-31", 18)
