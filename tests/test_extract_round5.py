"""sgnet.extract: classes generalized from the blind4 set (round 5), each tested on sentences
written for the test (other places, numbers and wording than any corpus document), in
simplified and traditional characters."""

from __future__ import annotations

import pytest
from extract_helpers import one, value

from sgnet.extract import extract_text


def kinds(df) -> list[str]:
    return sorted(df["kind"])


@pytest.mark.parametrize(
    ("header", "entry", "want"),
    [
        ("2026年9月7日至9月13日  记录人:周敏", "周二 阴", "2026-09-08"),
        ("2026年9月7日至9月13日  記錄人:周敏", "星期四", "2026-09-10"),
    ],
)
def test_a_weekday_heading_falls_in_the_week_a_diary_header_names(header, entry, want):
    text = f"督导周记(第37周)\n{header}\n\n{entry}\n到清河镇社工站,与4名社工座谈,访谈4人。"
    assert one(extract_text(text), "interview")["start_date"] == want


def test_a_diary_sentence_opening_at_a_station_is_a_visit_unless_it_hosts_a_supervision():
    text = "9.2 周三\n到石桥镇社工站,和站长聊台账。\n9.3 周四\n下午到柳溪镇社工站,为5名社工做个别督导。"
    df = extract_text(text, year=2026)
    assert one(df, "station_visit")["start_date"] == "2026-09-02"
    assert value(one(df, "individual_supervision")["participants"]) == 5


def test_a_talk_that_is_the_supervision_named_after_it_is_not_an_interview():
    df = extract_text("2026年4月9日,督导与4名站点社工逐一面谈,做个别督导。")
    assert kinds(df) == ["individual_supervision"]
    assert value(one(df, "individual_supervision")["participants"]) == 4


@pytest.mark.parametrize("said", ["上線18人", "上线18人", "连线18人"])
def test_people_online_are_the_participants(said):
    df = extract_text(f"2026年6月3日,线上开了一次团督,{said}。")
    assert value(one(df, "group_supervision")["participants"]) == 18


def test_friends_of_the_writer_are_people():
    df = extract_text("2026年5月6日,督导给站里的6个小伙伴上了一堂小课。")
    assert value(one(df, "training")["participants"]) == 6


@pytest.mark.parametrize(
    "text",
    [
        "2026年5月8日,督导来到我们青山镇社工站,给大家上课,8名社工参加。",
        "2026年5月8日,督導來到我們青山鎮社工站,給大家上課,8名社工參加。",
    ],
)
def test_the_writers_own_station_hosts_a_lesson_it_is_not_visited(text):
    assert kinds(extract_text(text)) == ["training"]


def test_a_day_spent_is_not_a_station_reached():
    df = extract_text("2026年3月4日,跟着督导跑了一天,上午在竹林社工站,她给我们3个人上课。")
    assert kinds(df) == ["training"]


def test_a_statement_with_a_question_about_it_after_is_still_a_fact():
    text = "发表于 2026-4-15 09:10\n4月13日督导带我们去了三户困难家庭入户,这个要单独记吗?"
    assert value(one(extract_text(text), "household_visit")["count"]) == 3
    assert extract_text("4月13日督导带我们入户了吗?", year=2026).empty


@pytest.mark.parametrize("doers", ["志愿者们", "志願者們", "大学生志愿者"])
def test_visits_by_volunteers_are_not_the_mentors(doers):
    assert extract_text(f"2026年6月2日,{doers}还走访慰问了7户困难家庭。").empty


def test_a_quoted_slogan_listing_kinds_is_not_a_training():
    text = "2026年,中心派驻督导3名,围绕“培训—督导—陪伴”三条主线开展帮扶。"
    assert extract_text(text).empty


@pytest.mark.parametrize(
    "text",
    [
        "2026年7月2日,督导为40名社工开展培训。据悉,这是双方结对以来举办的第四次集中培训。",
        "2026年7月2日,督導為40名社工開展培訓。據悉,這是雙方結對以來舉辦的第四次集中培訓。",
    ],
)
def test_the_ordinal_of_an_event_just_told_is_not_another_event(text):
    row = one(extract_text(text), "training")
    assert value(row["participants"]) == 40


def test_a_past_year_in_quoted_speech_is_a_memory():
    text = "2026年8月3日,督导访谈了5名社工。在访谈中,一位社工说:“去年我们只参加过一次培训。”"
    assert kinds(extract_text(text)) == ["interview"]


@pytest.mark.parametrize("told", ["分享了各自第一次家访的经历", "讲了入户服务的故事"])
def test_a_told_experience_is_not_a_visit(told):
    df = extract_text(f"2026年9月9日,督导主持沙龙,15名社工{told}。")
    assert kinds(df) == ["sharing_session"]


def test_a_case_discussion_without_hui_is_a_group_supervision():
    df = extract_text("2026年10月8日,督导主持了一场个案研讨,参与社工11人。")
    assert value(one(df, "group_supervision")["participants"]) == 11


@pytest.mark.parametrize(
    "text",
    [
        "2026年3月5日晚,杭州督导王老师线上带领大家举办读书会,共读一本书,全县22名社工参加。",
        "2026年3月5日晚,杭州督導王老師線上帶領大家舉辦讀書會,共讀一本書,全縣22名社工參加。",
    ],
)
def test_a_reading_club_the_mentor_leads_is_a_training(text):
    assert value(one(extract_text(text), "training")["participants"]) == 22


def test_a_reading_club_run_locally_stays_a_sharing_session():
    df = extract_text("2026年3月5日,县中心开展读书会,督导线上参与,25名社工参加。")
    assert kinds(df) == ["sharing_session"]


@pytest.mark.parametrize(
    ("opening", "told"),
    [
        ("今年3月以来,督导每月到县里住一周。", "上个月,督导陪社工入户走访了十来户困境家庭。"),
        ("今年3月以來,督導每月到縣裡住一週。", "上個月,督導陪社工入戶走訪了十來戶困境家庭。"),
    ],
)
def test_a_sentence_with_its_own_time_ends_a_running_total(opening, told):
    row = one(extract_text(f"《某日报》2026年9月20日\n{opening}{told}"), "household_visit")
    assert (row["start_date"], value(row["count"])) == ("2026-08-01", 10)


def test_a_numbered_run_in_title_is_not_a_fact_of_its_own():
    text = ("工作简报\n2026年第3期\n一、4月工作\n(一)开展小组督导。4月8日,督导开展小组督导1次,"
            "参加人员12名。\n(二)入户走访。4月9日,督导入户走访6户。")
    df = extract_text(text, year=2026)
    assert kinds(df) == ["group_supervision", "household_visit"]


@pytest.mark.parametrize("item", ["三、下半年计划:继续开展团体督导。", "3.下步安排:继續開展團體督導。"])
def test_a_numbered_plan_item_is_the_future(item):
    text = f"某中心2026年上半年工作小结\n一、1-6月开展团体督导5次。\n{item}"
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], value(row["count"])) == ("2026-01-01", 5)


def test_people_said_to_take_part_win_over_the_cases_discussed():
    text = "2026年5月6日,督导组织案例会诊,对三名困境儿童个案进行讨论,参会社工14人。"
    assert value(one(extract_text(text), "group_supervision")["participants"]) == 14


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2026年6月1日,督导与4名新社工建立“一对一”带教关系,每周带教一次。", (4, 4)),
        ("2026年6月1日,督导和社工小李一对一带教,陪她完成个案评估。", (1, 1)),
        ("2026年6月1日,督導和社工小李一對一帶教。", (1, 1)),
    ],
)
def test_one_to_one_mentoring_counts_its_pairs(text, want):
    row = one(extract_text(text), "mentoring")
    assert (value(row["count"]), value(row["participants"])) == want


def test_pairs_told_before_the_dated_mentoring_are_one_row():
    text = ("(2026年3月20日)\n某机构与某县日前举行师徒结对仪式,5名督导分别与5名社工结成师徒对子。\n"
            "3月16日至17日,师傅们开展了为期两天的一对一带教。")
    row = one(extract_text(text), "mentoring")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2026-03-16", "2026-03-17", 5)


@pytest.mark.parametrize(
    ("post", "want"),
    [
        ("陪督导下村一天,下午入户,走了4户。\n9月3日 20:15 · 共2张图", "--09-03"),
        ("陪督導下村一天,下午入戶,走了4戶。\n2026年9月3日 20:15", "2026-09-03"),
    ],
)
def test_a_post_with_a_time_stamp_below_it_tells_of_that_day(post, want):
    assert one(extract_text(post), "household_visit")["start_date"] == want


def test_a_time_stamp_above_the_story_does_not_date_it():
    text = "原创 某社工 2026年9月3日 20:15\n督导陪我们入户,走了4户。"
    assert one(extract_text(text), "household_visit")["start_date"] == ""


@pytest.mark.parametrize(
    ("caption", "header", "start", "end"),
    [
        ("表3  2025年度重点指标完成情况", "指标          年度目标   实际完成   完成率",
         "2025-01-01", "2025-12-31"),
        ("附表 2025年上半年指標完成情況", "項目          計劃       實際完成   完成率",
         "2025-01-01", "2025-06-30"),
    ],
)
def test_an_indicator_table_is_read_down_its_column_of_what_was_done(caption, header, start,
                                                                     end):
    text = (f"某机构帮扶项目自评报告\n{caption}\n{header}\n"
            "集中培训(场)     6          7          117%\n"
            "参训人次         200        243        122%\n"
            "团体督导(次)     10         9          90%\n"
            "入户走访(户)     40         44         110%\n\n此外,机构还做了宣传。")
    df = extract_text(text)
    train = one(df, "training")
    assert (train["start_date"], train["end_date"], value(train["count"]),
            value(train["participants"])) == (start, end, 7, 243)
    assert value(one(df, "group_supervision")["count"]) == 9
    assert value(one(df, "household_visit")["count"]) == 44


def test_a_table_of_targets_alone_is_not_read():
    text = ("某机构2026年度工作计划表\n指标          年度目标   备注\n"
            "集中培训(场)     6          线下\n入户走访(户)     40         每季度")
    assert extract_text(text).empty


def test_da_qiantian_is_three_days_before_publication():
    text = "发布时间:2026-10-12\n大前天,督导给十来个社工讲了一堂课。"
    row = one(extract_text(text), "training")
    assert (row["start_date"], value(row["participants"])) == ("2026-10-09", 10)


@pytest.mark.parametrize(("said", "want"), [("跑了仨站", 3), ("跑了俩站", 2), ("跑了倆站", 2)])
def test_sa_and_lia_count_with_their_measure_word(said, want):
    row = one(extract_text(f"发表于 2026-10-12 21:03\n昨天督导带我们{said},累坏了。"),
              "station_visit")
    assert (row["start_date"], value(row["count"])) == ("2026-10-11", want)


@pytest.mark.parametrize("how", ["培训采用线上线下相结合的方式,线上另有30余人同步收看。",
                                 "培訓採取線上線下結合的形式,線上另有30餘人同步收看。"])
def test_how_a_told_activity_was_held_is_not_another_one(how):
    df = extract_text(f"2026年10月8日,督导为25名社工开展培训。{how}")
    assert value(one(df, "training")["participants"]) == 25


def test_last_time_with_no_day_of_its_own_is_a_memory():
    text = "2026年4月2日,督导为12名社工开展团督。上次来的时候,督导做了个督,三个人。"
    assert kinds(extract_text(text)) == ["group_supervision"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2026年7月9日,督导对柳林镇社工站进行了实地督导。", 1),
        ("2026年7月9日,督导對柳林、桃源兩個社工站開展了督導。", 2),
    ],
)
def test_stations_supervised_on_the_spot_are_visited(text, want):
    assert value(one(extract_text(text), "station_visit")["count"]) == want


def test_supervising_a_stations_people_or_online_is_not_a_visit():
    df = extract_text("2026年7月9日,督导对柳林镇社工站的5名社工开展个别督导。")
    assert kinds(df) == ["individual_supervision"]
    assert extract_text("2026年7月9日,督导线上对各社工站开展督导。").empty


@pytest.mark.parametrize("said", ["進行了一次線上督導,共有13名社工參加",
                                  "开展视频督导,参加社工13人"])
def test_supervision_online_with_several_people_is_a_group_supervision(said):
    df = extract_text(f"2026年7月9日,督导为社工{said}。")
    assert value(one(df, "group_supervision")["participants"]) == 13


@pytest.mark.parametrize(
    ("entry", "start", "end"),
    [
        ("周二至周三\n在桥头镇驻点,为站内5名社工做个别督导。", "2026-03-03", "2026-03-04"),
        ("週四下午\n在橋頭鎮為站內5名社工做個別督導。", "2026-03-05", ""),
    ],
)
def test_weekday_ranges_and_times_of_day_in_diary_headings(entry, start, end):
    text = f"驻点日志(2026年3月2日—3月8日)\n\n周一\n整理资料。\n{entry}"
    row = one(extract_text(text), "individual_supervision")
    assert (row["start_date"], row["end_date"]) == (start, end)


@pytest.mark.parametrize("day3", ["Day 3", "第三天", "DAY3"])
def test_a_bare_nth_day_heading_counts_from_the_first_days_date(day3):
    text = (f"跟岗随笔\nDay 1(2026年6月8日)\n抵达,听了督导的培训,共50人。\n{day3}\n"
            "入户探访了5户独居老人。")
    assert one(extract_text(text), "household_visit")["start_date"] == "2026-06-10"


@pytest.mark.parametrize(
    "text",
    [
        "2026年,机构派驻督导3名,累计驻点150天,推进培训和督导工作。",
        "2026年,機構派出督導5人次赴某縣,累計駐點150天,推進培訓和督導工作。",
    ],
)
def test_mentors_sent_and_days_stayed_are_not_a_training(text):
    assert extract_text(text).empty


def test_mentors_sent_do_not_become_a_trainings_people():
    row = one(extract_text("2026年5月,选派督导4人赴某县开展培训2场。"), "training")
    assert (value(row["count"]), value(row["participants"])) == (2, None)
