"""sgnet.extract: classes generalized from the blind2 and blind3 sets, each tested on sentences
written for the test (other places, numbers and wording than any corpus document)."""

from __future__ import annotations

import pytest
from extract_helpers import one, value

from sgnet.extract import extract_text


def span(row) -> tuple[str, str]:
    return row["start_date"], row["end_date"]


@pytest.mark.parametrize(
    ("title", "start", "end"),
    [
        ("某街道2026年上半年牵手工作小结", "2026-01-01", "2026-06-30"),
        ("某鎮社工站2026年3月工作月報", "2026-03-01", "2026-03-31"),
        ("某项目2025年第四季度季报", "2025-10-01", "2025-12-31"),
    ],
)
def test_a_小结_月报_or_季报_title_dates_its_undated_totals(title, start, end):
    df = extract_text(f"{title}\n\n一是督导方面。开展团体督导9场次,督导覆盖率100%。")
    assert span(one(df, "group_supervision")) == (start, end)


def test_bare_days_take_the_month_a_monthly_report_names():
    text = "某村社工站2026年10月工作月报\n一、督导情况\n9日,督导为站内社工授课,参加社工6名。"
    row = one(extract_text(text), "training")
    assert (row["start_date"], value(row["participants"])) == ("2026-10-09", 6)


@pytest.mark.parametrize("opening", ["11月,中心按计划推进各项工作。", "11月份,各项工作有序开展。"])
def test_a_brief_with_a_this_month_heading_dates_its_totals_to_the_month(opening):
    text = (
        "项目工作简报\n2026年第9期\n编印:2026年12月4日\n一、本月工作概况\n"
        f"{opening}\n二、主要数据\n督导走访社工站5个,入户走访9户。"
    )
    df = extract_text(text)
    assert span(one(df, "station_visit")) == ("2026-11-01", "2026-11-30")
    assert value(one(df, "household_visit")["count"]) == 9


def test_a_year_opening_a_later_sentence_dates_the_years_total():
    text = (
        "在年度座谈会上的交流发言\n(2027年1月9日)\n"
        "我先说说去年的情况。2026年,我们共派出督导5名。全年共开展团体督导30场。"
    )
    assert span(one(extract_text(text), "group_supervision")) == ("2026-01-01", "2026-12-31")


def test_a_table_aligned_with_spaces_is_read_row_by_row():
    text = (
        "某县2026年第三季度工作报告\n二、活动一览\n"
        "序号  活动            时间            次数    人数\n"
        "1     专题讲座        7月9日          1场     36人\n"
        "2     入户走访        8月14日—15日    —      11户\n"
        "      合计                            2次     36人\n"
    )
    df = extract_text(text)
    assert value(one(df, "training")["participants"]) == 36
    row = one(df, "household_visit")
    assert (span(row), value(row["count"])) == (("2026-08-14", "2026-08-15"), 11)


@pytest.mark.parametrize(
    "words",
    [
        "截至9月底,全年走访社工站目标(30个)完成60%。",
        "年度團督目標12場,目前完成率為75%。",
        "入户走访完成45%,培训目标8场。",
    ],
)
def test_targets_and_completion_rates_are_not_events(words):
    assert extract_text(f"发布时间:2026-10-08\n{words}").empty


def test_the_items_of_a_list_of_duties_are_not_events():
    text = (
        "发布时间:2026-02-20\n2月18日,某县召开工作会议。\n"
        "会议对全年工作作出安排:一是开展培训不少于4场;二是督导团队走访全部9个社工站;"
        "三是组织入户走访。"
    )
    assert extract_text(text).empty


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("上周二到周四", "2026-05-05", "2026-05-07"),
        ("上星期一至星期三", "2026-05-04", "2026-05-06"),
        ("本周一到周二", "2026-05-11", "2026-05-12"),
    ],
)
def test_a_range_of_weekdays_counted_from_the_post(words, start, end):
    # posted on Wednesday 2026-05-13
    df = extract_text(f"发表于 2026-05-13 21:40\n{words}跟督导下乡,一共走访了3个社工站。")
    assert span(one(df, "station_visit")) == (start, end)


def test_the_second_day_of_a_weekday_range_counts_from_its_first():
    df = extract_text("发表于 2026-05-13 21:40\n上周二到周四跟督导下乡。第二天晚上给6个社工做了团督。")
    assert one(df, "group_supervision")["start_date"] == "2026-05-06"


@pytest.mark.parametrize("first", ["9月2日至4日", "2026年9月2日—9月4日"])
def test_the_last_day_of_a_trip(first):
    text = f"发布时间:2026-09-10\n{first},督导团在某县开展帮扶。\n最后一天,督导为社工开展团督,12人参加。"
    assert one(extract_text(text), "group_supervision")["start_date"] == "2026-09-04"


def test_the_last_day_without_a_trip_range_is_not_guessed():
    text = "发布时间:2026-09-10\n9月2日,督导团来到某县。\n最后一天,督导开展团督1次。"
    assert one(extract_text(text), "group_supervision")["start_date"] != "2026-09-03"


@pytest.mark.parametrize("label", ["本周小结", "此行汇总", "合计"])
def test_a_recap_line_does_not_count_the_days_again(label):
    text = (
        "蹲点周记 2026年4月\n4月13日\n下午团督,来了7个人。\n4月14日\n跟社工入户,走了4户。\n"
        f"{label}:团督1场、入户4户、访谈社工2人。"
    )
    df = extract_text(text)
    assert sorted(df["kind"]) == ["group_supervision", "household_visit", "interview"]
    assert one(df, "household_visit")["start_date"] == "2026-04-14"


@pytest.mark.parametrize(
    "words",
    [
        "刚结对的时候站里没人,那时候督导一次培训就来了四十多个社工。",
        "我们机构去年也来过这个乡,当时做了三次团督。",
        "五年前我第一次跟督导入户,走了6户。",
        "那會兒督導給我們做過個督,一共8個人。",
    ],
)
def test_a_memory_is_not_an_event_of_the_report(words):
    assert extract_text(f"发表于 2026-06-18 20:00\n{words}").empty


def test_last_years_total_is_still_a_total():
    row = one(extract_text("发布时间:2026-01-20\n去年,督导团共开展团督24场。"), "group_supervision")
    assert span(row) == ("2025-01-01", "2025-12-31")


@pytest.mark.parametrize("words", ["百十号人", "千十号人"])
def test_a_number_of_people_written_with_号_is_not_a_day(words):
    df = extract_text(f"发表于 2026-06-18 20:00\n6月2日,督导开展培训,来了{words}。")
    assert one(df, "training")["start_date"] == "2026-06-02"


@pytest.mark.parametrize(
    ("words", "count", "mentees"),
    [
        ("5月6日,机构4名督导与当地4名骨干社工结成师徒。", 4, 4),
        ("5月6日,举行拜师仪式,师徒结对7对,约定每周开展一次带教。", 7, 7),
        ("5月6日总结:5对师徒累计开展带教20次。", 20, 5),
        ("5月6日,啟動線上師徒配對,共3對。", 3, 3),
    ],
)
def test_mentoring_is_counted_in_one_to_one_pairs(words, count, mentees):
    row = one(extract_text(f"发布时间:2026-05-08\n{words}"), "mentoring")
    assert (value(row["count"]), value(row["participants"])) == (count, mentees)


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("今年3月至5月,督导共走访社工站12个。", "2026-03-01", "2026-05-31"),
        ("2025年9-11月,督导累计入户走访40户。", "2025-09-01", "2025-11-30"),
    ],
)
def test_a_total_over_the_months_its_sentence_names(words, start, end):
    df = extract_text(f"发布时间:2026-07-16\n{words}")
    assert span(df.iloc[0]) == (start, end)


def test_key_value_lines_on_two_lines_make_one_fact():
    text = (
        "某项目2026年5月工作月报\n一、数据\n团督场次:3场(均为线下)\n团督人数:41人次\n"
        "走访站点:6个"
    )
    df = extract_text(text)
    row = one(df, "group_supervision")
    assert (value(row["count"]), value(row["participants"])) == (3, 41)
    assert span(row) == ("2026-05-01", "2026-05-31")


@pytest.mark.parametrize(
    "words",
    ["督导到河口镇社工站开展个别督导,共4人。", "督導到北山鄉社工站開展團體督導,10人參加。"],
)
def test_a_station_that_is_only_the_venue_is_not_a_station_visit(words):
    df = extract_text(f"发布时间:2026-03-02\n3月1日,{words}")
    assert "station_visit" not in set(df["kind"]) and len(df) == 1


def test_going_to_a_station_for_field_supervision_is_a_station_visit():
    df = extract_text("发布时间:2026-03-02\n3月1日,督导到河口镇社工站开展实地督导。")
    assert one(df, "station_visit")["start_date"] == "2026-03-01"


@pytest.mark.parametrize(
    ("words", "count", "people"),
    [
        ("共开展培训5场(其中线上2场),培训社工230人次。", 5, 230),
        ("開展團體督導6次(其中線上3次),參與社工70人次。", 6, 70),
    ],
)
def test_a_breakdown_in_brackets_ends_at_its_bracket(words, count, people):
    df = extract_text(f"发布时间:2026-07-02\n6月,{words}")
    assert (value(df.iloc[0]["count"]), value(df.iloc[0]["participants"])) == (count, people)


@pytest.mark.parametrize("span_words", ["一上午", "一晚上", "整天"])
def test_a_lesson_counted_by_how_long_it_ran(span_words):
    df = extract_text(f"发表于 2026-04-20 21:00\n4月18日,督导给我们十几个社工上了{span_words}课。")
    assert one(df, "training")["start_date"] == "2026-04-18"


def test_a_time_per_person_is_not_the_people():
    text = "发表于 2026-04-20 21:00\n4月18日下午挨个做个督,一个人四十分钟,站里6个人都参加了。"
    assert value(one(extract_text(text), "individual_supervision")["participants"]) == 6


def test_a_heading_with_a_bare_day_and_a_time_of_day_dates_the_entry():
    text = (
        "原创 某社工 2026-09-12 20:00\n9月上旬,督导团来到某县。\n"
        "📌 8日下午 团体督导\n督导为11名社工开展团体督导。\n"
        "📌 9日 入户\n督导跟社工一起走访了4户困难家庭。"
    )
    df = extract_text(text)
    assert one(df, "group_supervision")["start_date"] == "2026-09-08"
    assert one(df, "household_visit")["start_date"] == "2026-09-09"


def test_a_heading_that_is_a_dotted_day_range_dates_the_entry():
    text = "实习周记(2026年)\n8.3(周一)\n跟督导走访了1个社工站。\n8.4-8.5\n参加督导主讲的工作坊,两天,来了15个社工。"
    row = one(extract_text(text), "training")
    assert span(row) == ("2026-08-04", "2026-08-05")


def test_a_people_field_written_as_a_sentence_gives_the_storys_people():
    text = (
        "活动记录\n活动时间:2026-03-09\n参与人员:全县社工站站长、社工,共52人\n"
        "活动内容:\n上午,督导以“个案管理”为题开展专题培训。"
    )
    row = one(extract_text(text), "training")
    assert (row["start_date"], value(row["participants"])) == ("2026-03-09", 52)


def test_an_answer_totals_over_the_period_its_question_names():
    text = (
        "访谈|扎根乡镇的督导\n2026年2月3日  某报 记者 李某\n"
        "问:2025年您一共来了几次?\n答:来了五次。给社工做团督三十来场,个督100多人次。\n"
        "问:最难忘的是什么?\n答:去年冬天跟社工入户,走了4户。"
    )
    df = extract_text(text)
    row = one(df, "group_supervision")
    assert (span(row), value(row["count"])) == (("2025-01-01", "2025-12-31"), 30)
    assert span(one(df, "individual_supervision")) == ("2025-01-01", "2025-12-31")


@pytest.mark.parametrize(
    "words",
    ["计划开展培训6场,走访社工站12个。", "下月将组织团督3次,入户走访20户。", "準備再舉辦分享會2場,參訪1次。"],
)
def test_a_plan_verb_governs_the_list_after_it(words):
    assert extract_text(f"发布时间:2026-05-01\n{words}").empty


def test_work_done_according_to_plan_is_an_event():
    df = extract_text("发布时间:2026-05-01\n4月28日,督导按照年度计划开展培训,30人参加。")
    assert value(one(df, "training")["participants"]) == 30


def test_a_years_plan_in_a_report_is_still_a_plan():
    assert extract_text("发布时间:2026-05-01\n2027年度计划开展培训10场,走访社工站20个。").empty


@pytest.mark.parametrize(
    "words",
    [
        "晚上在线上给各站社工讲“个案记录”,来了26人。",
        "上午在鎮社工站講「危機介入」,站長和社工共26人參加。",
    ],
)
def test_a_lecture_named_by_its_title(words):
    row = one(extract_text(f"发表于 2026-05-20 21:00\n5月19日\n{words}"), "training")
    assert (row["start_date"], value(row["participants"])) == ("2026-05-19", 26)


def test_quoted_speech_is_not_a_lecture():
    df = extract_text("发表于 2026-05-20 21:00\n5月19日,站长跟我们讲“以前没人管这些事”。")
    assert "training" not in set(df["kind"])


@pytest.mark.parametrize(
    ("words", "count"),
    [("督导分南、北两个片区各开展一场团督。", 2), ("督導在三個站各做了兩次團督。", 6)],
)
def test_sessions_held_in_each_of_several_places_are_multiplied(words, count):
    df = extract_text(f"发布时间:2026-06-10\n6月8日,{words}")
    assert value(one(df, "group_supervision")["count"]) == count


def test_each_applies_only_to_its_own_activity():
    df = extract_text("发布时间:2026-06-10\n6月8日,督导开展培训1场,并在三个站各做了两次团督。")
    assert value(one(df, "training")["count"]) == 1


@pytest.mark.parametrize(
    "words", ["全体学员观摩了河西社区的助老服务项目。", "學員們觀摩了某街道的兒童服務活動。"]
)
def test_observing_a_named_project_is_an_exchange_visit(words):
    row = one(extract_text(f"发布时间:2026-08-20\n8月18日,{words}"), "exchange_visit")
    assert row["start_date"] == "2026-08-18"


def test_watching_an_event_on_site_is_not_an_exchange_visit():
    df = extract_text("发布时间:2026-08-20\n8月18日,举行经验分享会,20余名社工到场观摩。")
    assert list(df["kind"]) == ["sharing_session"]


@pytest.mark.parametrize(
    ("words", "people"),
    [("为5个站的站长开展团体督导。", 5), ("為7個村的負責人開展培訓。", 7)],
)
def test_the_heads_of_n_places_are_n_people(words, people):
    df = extract_text(f"发布时间:2026-03-30\n3月28日,督导{words}")
    assert value(df.iloc[0]["participants"]) == people


@pytest.mark.parametrize(
    ("heading", "kind", "day"),
    [("📌 12日 读书会", "sharing_session", "2026-06-12"), ("▶ 13日上午 專題講座", "training", "2026-06-13")],
)
def test_an_activity_named_by_a_diary_heading(heading, kind, day):
    text = (
        "原创 某社工 2026-06-15 20:00\n6月中旬,督导团来到某县。\n"
        f"{heading}\n督导带着二十多名社工一起讨论了《社会工作实务》里的两章。"
    )
    row = one(extract_text(text), kind)
    assert (row["start_date"], value(row["participants"])) == (day, 20)


def test_a_heading_kind_told_by_the_entry_is_not_doubled():
    text = "原创 某社工 2026-06-15 20:00\n6月中旬,督导团来到某县。\n📌 12日 团督\n督导为9名社工开展团督。"
    assert len(extract_text(text)) == 1


@pytest.mark.parametrize("heading", ["三、下周计划", "下星期安排", "下期预告"])
def test_a_next_week_or_next_issue_section_is_not_events(heading):
    text = f"周报(2026年第20周)\n一、本周工作\n5月12日,督导开展团督1次。\n{heading}\n1. 5.19 走访社工站2个;"
    assert list(extract_text(text)["kind"]) == ["group_supervision"]


@pytest.mark.parametrize("words", ["共走访社工站3个、农户9户。", "共走訪站點3個、困難家庭9戶。"])
def test_a_visiting_verb_shared_by_a_list_of_objects(words):
    df = extract_text(f"发布时间:2026-11-20\n11月18日,督导团{words}")
    assert value(one(df, "household_visit")["count"]) == 9
    assert value(one(df, "station_visit")["count"]) == 3


@pytest.mark.parametrize(
    "words", ["请各站于3月12日前将参训名单报县民政局。", "請各單位於3月12日前報送團督需求回執。"]
)
def test_a_deadline_is_not_an_event(words):
    assert extract_text(f"关于举办培训班的通知\n发布时间:2026-03-02\n{words}").empty


@pytest.mark.parametrize("field_line", ["参与人数:36人", "参加人员:站长及社工,共36人"])
def test_a_people_field_above_the_story_in_either_form(field_line):
    text = f"活动简讯\n活动日期:2026-04-09\n{field_line}\n督导为社工开展专题培训,围绕个案评估展开。"
    assert value(one(extract_text(text), "training")["participants"]) == 36


def test_a_days_programme_told_after_a_colon_is_kept():
    text = "发布时间:2026-02-20\n2月18日,督导团的行程安排如下:上午开展培训,32人参加;下午入户走访5户。"
    assert sorted(extract_text(text)["kind"]) == ["household_visit", "training"]


def test_an_aim_named_with_an_event_is_not_a_target():
    text = "发布时间:2026-10-08\n10月6日,围绕提升服务能力的目标开展专题培训,30人参加。"
    assert value(one(extract_text(text), "training")["participants"]) == 30


def test_a_summing_line_after_an_unnumbered_mention_keeps_its_numbers():
    text = "发布时间:2026-05-10\n5月8日,督导为社工开展培训。\n据统计:本次培训共有120人参加。"
    assert value(one(extract_text(text), "training")["participants"]) == 120
