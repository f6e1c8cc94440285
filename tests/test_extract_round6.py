"""sgnet.extract: classes generalized from the blind6 set (round 6), each tested on sentences
written for the test (other places, numbers and wording than any corpus document), in
simplified and traditional characters."""

from __future__ import annotations

import pytest
from extract_helpers import one, value

from sgnet.extract import extract_text


def kinds(df) -> list[str]:
    return sorted(df["kind"])


@pytest.mark.parametrize("mark", ["1．", "2.", "3． "])
def test_a_list_number_before_a_dotted_date_is_not_part_of_the_date(mark):
    text = f"督导周报\n一、本周工作\n{mark}7.09 走访石门镇、龙潭镇社工站2个,查看台账。"
    row = one(extract_text(text, year=2026), "station_visit")
    assert (row["start_date"], value(row["count"])) == ("2026-07-09", 2)


def test_a_numbered_dotted_range_keeps_both_days():
    text = "周報\n一、本週工作\n2．8.03-8.05 在縣社工中心舉辦培訓,共3天,參訓社工23人。"
    row = one(extract_text(text), "training")
    assert (row["start_date"], row["end_date"]) == ("--08-03", "--08-05")
    assert value(row["participants"]) == 23


def test_short_items_of_a_list_opened_by_a_colon_are_read():
    text = ("#督导在路上#\n"
            "6.11-6.12,杭州市的督导在景东县连跑两天:\n"
            "走访社工站4个🚗\n入户探访9户\n给社工们开了3场团督\n#社会工作#")
    df = extract_text(text, year=2026)
    assert kinds(df) == ["group_supervision", "household_visit", "station_visit"]
    assert set(df["start_date"]) == {"2026-06-11"} and set(df["end_date"]) == {"2026-06-12"}
    assert [value(one(df, k)["count"]) for k in kinds(df)] == [3, 9, 4]


def test_a_short_heading_after_a_story_line_without_a_colon_stays_a_heading():
    text = "2026年3月2日,督導開展培訓,參訓30人。\n第二部分 2026年展望\n走訪社工站8個"
    assert kinds(extract_text(text)) == ["training"]


@pytest.mark.parametrize(
    ("title", "first"),
    [
        ("2025年第二季度工作报告", "1.集中培训:完成3期,培训97人次(年度目标12期,截至6月底累计完成7期);"),
        ("2025年第二季度工作報告", "1.集中培訓:完成3期,培訓97人次(全年目標12期);"),
    ],
)
def test_an_aside_about_another_period_does_not_date_a_quarter_to_the_year(title, first):
    text = (f"某县社工帮扶项目\n{title}\n\n一、季度指标完成情况\n\n{first}\n"
            "2.团体督导:完成4次,参与41人次;\n3.入户走访:15户;")
    df = extract_text(text)
    assert set(df["start_date"]) == {"2025-04-01"} and set(df["end_date"]) == {"2025-06-30"}
    row = one(df, "training")
    assert (value(row["count"]), value(row["participants"])) == (3, 97)
    assert value(one(df, "household_visit")["count"]) == 15


def test_a_breakdown_in_brackets_still_belongs_to_its_sentence():
    df = extract_text("2025年8月,督导开展培训5场(其中线上2场),参训社工130人次。")
    row = one(df, "training")
    assert (value(row["count"]), value(row["participants"])) == (5, 130)


@pytest.mark.parametrize(
    "said",
    ["督导走访了全州十二个乡镇社工站中的九个", "督導走訪全州十二個鄉鎮社工站當中的九個",
     "督导走访了全县12个社工站中的9个"],
)
def test_a_part_taken_from_a_whole_is_the_count(said):
    row = one(extract_text(f"2025年7月,{said},查看服务记录。"), "station_visit")
    assert value(row["count"]) == 9


@pytest.mark.parametrize(
    "said",
    ["督导何静、罗兰分别带领南、北两个片区的社工开展了团体督导",
     "兩位督導分別帶領三個小組的社工開展了團體督導"],
)
def test_a_supervision_led_in_each_of_several_places_counts_each(said):
    want = 3 if "三個" in said else 2
    df = extract_text(f"2025年10月9日,{said}。")
    assert value(one(df, "group_supervision")["count"]) == want


def test_individual_supervision_in_several_places_is_not_counted_by_places():
    df = extract_text("2025年10月9日,督导分别和两个站的社工做了个督,一共7个人。")
    assert value(one(df, "individual_supervision")["participants"]) == 7
    assert value(one(df, "individual_supervision")["count"]) == 1


@pytest.mark.parametrize(
    "said",
    ["督导与十二名本土社工签订“师徒”结对协议,开展传帮带",
     "督導與十二名本土社工簽訂「師徒」結對協議,開展傳幫帶",
     "督导和12位骨干社工结成师徒对子"],
)
def test_pairing_with_n_people_is_n_pairs(said):
    row = one(extract_text(f"2025年度工作总结\n{said}。"), "mentoring")
    assert (value(row["count"]), value(row["participants"])) == (12, 12)


@pytest.mark.parametrize(
    "said",
    ["督导周岚来到白沙镇社工站,为附近四个村的9名社工开展了一次团体督导",
     "督導周嵐來到白沙鎮社工站,給9名社工開展了一次團體督導"],
)
def test_a_station_reached_to_hold_a_supervision_there_is_its_venue(said):
    df = extract_text(f"2025年11月6日,{said}。")
    assert kinds(df) == ["group_supervision"]
    assert value(one(df, "group_supervision")["participants"]) == 9


def test_stations_reached_with_a_number_are_still_visited():
    df = extract_text("2025年11月6日,督导先后来到3个社工站,为社工开展了团体督导。")
    assert value(one(df, "station_visit")["count"]) == 3


@pytest.mark.parametrize(
    ("said", "want"),
    [("给九个村的村主任做培训,来了七个,两个请假", 7),
     ("給九個村的村主任做培訓,到了六個", 6)],
)
def test_the_people_who_came_win_over_the_people_invited(said, want):
    df = extract_text(f"2025年4月2日,督导在乡里{said}。")
    assert value(one(df, "training")["participants"]) == want


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_this_month_in_a_brief_is_the_month_its_first_paragraph_opens(script):
    text = ("某县“牵手计划”\n工作简报\n2026年第4期\n县民政局编  2026年5月6日\n一、本月概况\n"
            "4月,督导团在我县驻点。\n二、主要工作\n本月举办专题培训3场,共培训社工57人次。")
    if script == "traditional":
        text = text.replace("简报", "簡報").replace("举办", "舉辦").replace("专题培训", "專題培訓")
    row = one(extract_text(text), "training")
    assert (row["start_date"], row["end_date"]) == ("2026-04-01", "2026-04-30")
    assert (value(row["count"]), value(row["participants"])) == (3, 57)


def test_a_list_of_topics_is_not_a_breakdown_of_the_number_before():
    df = extract_text("2026年3月9日,督导开展培训2场,内容分别为“个案记录”和“危机干预”,"
                      "共培训社工44人次。")
    row = one(df, "training")
    assert (value(row["count"]), value(row["participants"])) == (2, 44)


@pytest.mark.parametrize(
    "said",
    ["2026年6月8日,督导抵达。第二天就在镇上办了一期培训,6月9日、10日两天,26名社工参加。",
     "2026年6月8日,督導抵達。第二天就在鎮上辦了一期培訓,6月9號、10號兩天,26名社工參加。"],
)
def test_a_relative_day_restated_with_its_span_takes_the_span(said):
    row = one(extract_text(said), "training")
    assert (row["start_date"], row["end_date"]) == ("2026-06-09", "2026-06-10")


@pytest.mark.parametrize(
    "said",
    ["2024年7月3日,已有五批次、八十余名社工赴深圳交流学习。",
     "2024年7月3日,已有五批、八十餘名社工赴深圳交流學習。"],
)
def test_a_count_listed_with_its_people_before_the_trigger_is_bound(said):
    assert value(one(extract_text(said), "exchange_visit")["count"]) == 5


@pytest.mark.parametrize(
    ("said", "want"),
    [("上周三,督导在柳河镇社工站组织了一场团体督导。柳河、石门两个镇的15名社工围坐一圈,谈个案。", 15),
     ("上週三,督導在柳河鎮社工站組織了一場團體督導。兩個鎮的15名社工參加。", 15)],
)
def test_people_gathered_in_the_next_sentence_are_the_participants(said, want):
    row = one(extract_text("发布时间:2026-03-16\n" + said), "group_supervision")
    assert (row["start_date"], value(row["participants"])) == ("2026-03-11", want)


def test_people_of_the_next_sentence_who_did_not_gather_are_not_taken():
    df = extract_text("2026年3月11日,督导组织了一场团体督导。全镇有15名社工,人手不足。")
    assert value(one(df, "group_supervision")["participants"]) is None


def test_a_sentence_opening_inside_the_activity_just_told_is_not_another():
    text = ("2026年5月9日,督导团队策划的经验分享会在县社工中心举行。全县28名社工参加。"
            "分享会上,5位社工轮流上台,讲了自己的个案。")
    row = one(extract_text(text), "sharing_session")
    assert value(row["participants"]) == 28


@pytest.mark.parametrize(
    "text",
    ["二、全力做好下半年各项任务\n下半年,我们要实现社工站走访全覆盖。",
     "三、扎实推进明年的各项任务\n明年實現社工站走訪全覆蓋。"],
)
def test_a_heading_of_the_tasks_of_a_coming_period_is_the_future(text):
    assert extract_text("2026年上半年工作总结\n一、工作回顾\n全年开展培训3场。\n" + text)[
        "kind"].tolist() == ["training"]


@pytest.mark.parametrize(
    "said",
    ["站里3名社工都参加过去年秋季的州级培训", "站裡3名社工均接受過縣級督導培訓"],
)
def test_having_taken_part_before_is_not_an_event(said):
    assert extract_text(f"2026年7月20日,暑期活动开始。{said}。").empty


def test_a_stay_of_mentors_is_not_a_mentoring_and_watching_activities_is_not_an_exchange():
    text = ("10月中旬,督導團到福貢縣,開展為期兩週的駐點帶教。\n"
            "10月18日,督導團走訪了上帕鎮社工站,查閱檔案、觀摩活動,並為6名社工進行了個別督導。")
    df = extract_text(text, year=2026)
    assert kinds(df) == ["individual_supervision", "station_visit"]


def test_home_visits_in_a_report_of_officials_surveying_are_theirs():
    text = ("市民政局领导到某县调研社工站建设\n2026-04-10 来源:某县民政局\n"
            "4月8日,市民政局局长李某一行到某县调研。调研组走访了2个社工站,并入户看望了4户困难群众。")
    assert extract_text(text).empty


def test_the_head_day_of_a_trip_is_its_first_day():
    text = ("发表于 2026-05-16 20:11\n这周三到周五(5/13-5/15)两位督导来我们乡。\n"
            "头一天在乡里开了个小培训,讲个案记录,18名社工参加。")
    row = one(extract_text(text), "training")
    assert (row["start_date"], value(row["participants"])) == ("2026-05-13", 18)


@pytest.mark.parametrize(
    "said",
    ["县义工协会组织义工三十余人,来到河口村,走访慰问了二十户独居老人",
     "縣志願者協會組織志願者三十餘人,來到河口村,走訪慰問了二十戶獨居老人"],
)
def test_volunteers_stay_the_subject_of_the_clauses_after_them(said):
    assert extract_text(f"2026年9月20日,{said}。").empty


def test_visits_of_social_workers_joined_by_volunteers_are_kept():
    df = extract_text("2026年9月20日,督导和志愿者带领居民包粽子,并走访慰问了6户独居老人。")
    assert value(one(df, "household_visit")["count"]) == 6


@pytest.mark.parametrize(
    "said",
    ["督导给我做了个督,另外还有两个同事也做了,三个人轮流", "督導給我做了個督,另外還有倆同事也做了,三個人輪流"],
)
def test_people_taking_turns_are_the_people_supervised(said):
    df = extract_text(f"2026年4月14日晚上,{said}。")
    assert value(one(df, "individual_supervision")["participants"]) == 3


@pytest.mark.parametrize(
    "entry",
    ["上午到石门乡社工站。跟站长聊了台账。下午去了龙潭镇社工站,看了活动室。",
     "上午到石門鄉社工站。跟站長聊了台賬。下午去了龍潭鎮社工站,看了活動室。"],
)
def test_stations_named_one_by_one_on_a_day_are_one_visit_counting_them(entry):
    df = extract_text(f"驻点日志\n\n8月6号 晴\n\n{entry}", year=2026)
    row = one(df, "station_visit")
    assert (row["start_date"], value(row["count"])) == ("2026-08-06", 2)


def test_the_same_station_named_twice_on_a_day_is_one_station():
    df = extract_text("驻点日志\n\n8月6号 晴\n\n上午到石门乡社工站。下午又去了石门乡社工站,看了台账。",
                      year=2026)
    assert value(one(df, "station_visit")["count"]) == 1
