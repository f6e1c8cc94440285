"""sgnet.extract: classes generalized from the blind set (sentences written for the tests)."""

from __future__ import annotations

import pytest
from extract_helpers import one, value

from sgnet.extract import extract_text

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
