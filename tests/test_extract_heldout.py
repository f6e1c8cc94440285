"""sgnet.extract: classes learned from the held-out docs/ and late* sets."""

from __future__ import annotations

import pytest
from extract_helpers import one, value

from sgnet.extract import extract_text

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
