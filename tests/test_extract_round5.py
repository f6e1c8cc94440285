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
