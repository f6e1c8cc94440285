"""sgnet.extract: classes generalized from the blind5 and blind7 sets (round 7), each tested on
text written for the test (other places, numbers and wording than any corpus document), in
simplified and traditional characters."""

from __future__ import annotations

import pytest
from extract_helpers import one, value

from sgnet.extract import extract_text


def kinds(df) -> list[str]:
    return sorted(df["kind"])


def test_a_table_of_sessions_and_people_is_read_row_by_row_without_its_sum_row():
    text = ("“携手计划”工作月报\n第7期\n某县民政局 2026年8月4日\n二、7月服务完成情况\n"
            "项目 | 次数 | 人数\n专题讲座 | 3 | 88\n团体督导 | 5 | 40\n走访社工站 | 9 | —\n"
            "入户探访 | 17 | —\n合计 | 34 | 128\n三、存在问题:站点人员流动大。")
    df = extract_text(text)
    assert kinds(df) == ["group_supervision", "household_visit", "station_visit", "training"]
    train = one(df, "training")
    assert (train["start_date"], train["end_date"], value(train["count"]),
            value(train["participants"])) == ("2026-07-01", "2026-07-31", 3, 88)
    assert value(one(df, "station_visit")["count"]) == 9  # "次数" of stations: stations
    assert value(one(df, "household_visit")["count"]) == 17
    assert one(df, "group_supervision")["evidence"].startswith("团体督导 | 5")  # as written


@pytest.mark.parametrize("done", ["本月完成", "本期完成", "当月实际"])
def test_a_column_of_this_months_work_is_read_and_targets_are_not(done):
    text = ("某协作项目简报\n2026年第5期\n某中心 2026年6月2日\n二、5月工作数据\n"
            "5月,督导团队按计划开展工作,数据如下:\n"
            f"项目            {done}    全年目标    累计完成率\n"
            "业务培训(场)        2          12          40%\n"
            "培训人次           71         500          33%\n"
            "个别督导(人次)     19         150          30%\n")
    df = extract_text(text)
    train = one(df, "training")
    assert (train["start_date"], train["end_date"], value(train["count"]),
            value(train["participants"])) == ("2026-05-01", "2026-05-31", 2, 71)
    sup = one(df, "individual_supervision")
    assert (sup["end_date"], value(sup["participants"])) == ("2026-05-31", 19)


def test_a_traditional_table_of_amounts_with_units_in_the_cells_and_a_report_year():
    text = ("某某社會服務中心\n二〇二五／二六年度年報\n"
            "本年度(二〇二五年四月一日至二〇二六年三月三十一日)計劃持續推行。\n"
            "本年度服務數據\n服務項目          數量\n專業培訓          9場(受訓人次:301)\n"
            "小組督導          22節\n家訪              31戶\n分享會            2場(出席約80人)\n")
    df = extract_text(text)
    train = one(df, "training")
    assert (train["start_date"], train["end_date"], value(train["count"]),
            value(train["participants"])) == ("2025-04-01", "2026-03-31", 9, 301)
    assert value(one(df, "group_supervision")["count"]) == 22
    assert value(one(df, "household_visit")["count"]) == 31
    assert value(one(df, "sharing_session")["participants"]) == 80


@pytest.mark.parametrize(("text", "end"), [
    ("2026年5月,督导团队与站点社工一起共入户走访困境家庭十七户。", "2026-05-31"),
    ("二〇二六年三月份逢週四晚上以視像形式進行小組督導,共三次。", "2026-03-31"),
])
def test_a_sum_over_a_month_spans_the_month(text, end):
    row = extract_text(text).iloc[0]
    assert row["end_date"] == end


def test_a_word_with_gong_in_it_is_not_a_sum():
    df = extract_text("2026年5月,督导与站点社工共同举办培训1场,参训社工20人。")
    assert one(df, "training")["end_date"] == ""


def test_a_share_of_the_annual_target_does_not_make_a_half_year_total_annual():
    text = ("2026年上半年结对帮扶工作总结\n一、主要成效\n"
            "(一)能力建设。共开展培训5期,参训233人次,完成年度计划的47%。")
    row = one(extract_text(text), "training")
    assert (row["start_date"], row["end_date"]) == ("2026-01-01", "2026-06-30")


def test_the_date_a_speech_was_given_is_not_the_year_of_the_totals_it_reviews():
    text = ("在某县社工协会2025年度总结大会上的讲话\n(2026年1月9日)\n\n各位同仁:\n"
            "全年,协会在两个结对县开展培训11场,培训社工三百余人次。")
    row = one(extract_text(text), "training")
    assert (row["start_date"], row["end_date"]) == ("2025-01-01", "2025-12-31")


def test_a_running_total_counted_to_a_day_runs_from_the_projects_start():
    text = ("某县牵手项目中期评估报告\n项目执行期为2025年9月至2026年8月。截至2026年2月28日,"
            "帮扶机构已开展团体督导6场,实地走访社工站11个。")
    df = extract_text(text)
    row = one(df, "group_supervision")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2025-09-01", "2026-02-28", 6)


def test_an_evaluation_team_visiting_stations_is_not_the_mentors_work():
    text = "评估组于2026年3月3日至5日赴4个社工站开展实地核查,访谈站点社工17名。"
    assert extract_text(text).empty


@pytest.mark.parametrize(("text", "n"), [
    ("6月3日 晴\n應兩位站長的要求,下午給4名社工做了個別督導。", 1),
    ("6月3日 晴\n按县里的要求,个督按人头记,次数记1次。", 0),
])
def test_done_at_someones_request_is_an_event_and_a_rule_is_not(text, n):
    assert len(extract_text(text)) == n


def test_a_next_day_heading_dates_its_diary_entry():
    text = ("驻点日记\n4月9日 多云\n今天整理台账。\n\n翌日(周五)\n"
            "上午在镇社工站给5名社工做了个别督导。")
    row = one(extract_text(text, year=2026), "individual_supervision")
    assert (row["start_date"], value(row["participants"])) == ("2026-04-10", 5)


def test_people_who_came_are_the_participants_of_the_lesson_told_before():
    text = ("4月9日 多云\n全镇社工站社工业务培训,县民政局牵头,我讲“小组工作入门”,一上午。"
            "来了二十六名社工,好几位是骑摩托赶来的。")
    row = one(extract_text(text, year=2026), "training")
    assert value(row["participants"]) == 26


def test_a_diary_sentence_riding_to_a_station_is_a_station_visit():
    text = "4月9日 多云\n下午搭了半小时的车去安乐乡社工站,站里三个社工正在整理台账。"
    row = one(extract_text(text, year=2026), "station_visit")
    assert row["start_date"] == "2026-04-09"


@pytest.mark.parametrize("box", [True, False])
def test_a_supervision_record_form_is_one_fact(box):
    fields = [("时  间", "2026年4月21日 9:30—11:30"), ("地  点", "某镇社工站"),
              ("参加人员", "王芳、李强、赵敏(共3人)"), ("督导形式", "团体督导(线下)"),
              ("主  题", "个案记录怎么写")]
    lines = [f"│{k}│{v}│" if box else f"{k}:{v}" for k, v in fields]
    text = "社工站督导记录表\n编号:DD-2026-011\n" + "\n".join(lines) + "\n内容摘要:讨论记录写法。"
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], value(row["participants"]), row["mode"]) == (
        "2026-04-21", 3, "onsite")


def test_people_named_one_by_one_in_a_form_are_counted():
    text = ("督导记录\n时 间:2026年4月22日\n参加人员:陈雪梅(某镇社工站)\n"
            "督导形式:个别督导(线上)\n")
    row = one(extract_text(text), "individual_supervision")
    assert (row["start_date"], value(row["participants"])) == ("2026-04-22", 1)


@pytest.mark.parametrize(("post", "kind", "day"), [
    ("阿梅社工日記\n4月8日 22:41 · 🌏\n\n昨日(週二)我哋喺縣社工中心辦咗一場工作坊,約二十位同工參加。",
     "training", "--04-07"),
    ("小周在路上\n4月8日 21:03 来自 手机\n\n今天在县里给十八名站点社工上了一整天的课,嗓子哑了。",
     "training", "--04-08"),
])
def test_a_time_stamp_above_a_post_without_a_year_is_its_today(post, kind, day):
    assert one(extract_text(post), kind)["start_date"] == day


def test_a_question_the_supervision_discussed_does_not_unmake_it():
    text = ("2026年5月20日 某社工站\n前天下午,督导在站里组织了一场团体督导,两个站的9名社工一起"
            "讨论了难题:村民不信任社工怎么办?")
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], value(row["participants"])) == ("2026-05-18", 9)


# -- classes of blind9 (round 7, second part) --------------------------------------------


def test_a_ledger_table_is_read_row_by_row_with_its_columns():
    text = ("某县社会工作督导服务台账(2026年3月)\n填报单位:某社工服务社\n\n"
            "序号  日期          活动类型    地点/对象        次数   参与人数(人次)   备注\n"
            "----  ------------  ----------  ---------------  -----  ---------------  ------\n"
            " 1    3月4日        团体督导    东城镇社工站       1        9            主题:台账\n"
            " 2    3月5日        个别督导    东城镇社工站       3        3\n"
            " 3    3月11日-12日  集中培训    县民政局会议室     2       47\n"
            " 4    3月18日       走访社工站  西乡、南乡         2        —\n"
            " 5    3月19日       入户走访    西乡甲村           5        —\n"
            "      合计                                         13       59\n")
    df = extract_text(text)
    assert kinds(df) == ["group_supervision", "household_visit", "individual_supervision",
                         "station_visit", "training"]
    train = one(df, "training")
    assert (train["start_date"], train["end_date"], value(train["count"]),
            value(train["participants"])) == ("2026-03-11", "2026-03-12", 2, 47)
    sup = one(df, "individual_supervision")
    assert (value(sup["count"]), value(sup["participants"])) == (3, 3)
    assert value(one(df, "household_visit")["count"]) == 5
    assert "东城镇社工站" in one(df, "group_supervision")["evidence"]  # the row as written


def test_a_ledger_row_dated_by_a_month_alone_is_that_months_total():
    text = ("2026年第一季度活动一览\n序号  活动内容    时间     次数    人数/数量\n"
            "1     入户走访    2月      —      14户\n2     团体督导    3月6日   2场     19人次\n")
    df = extract_text(text)
    row = one(df, "household_visit")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2026-02-01", "2026-02-28", 14)
    assert value(one(df, "group_supervision")["count"]) == 2


def test_a_brief_whose_contents_list_ends_with_plans_still_reads_its_sections():
    text = ("某县工作简报\n第2期\n某县民政局编 2026年4月20日\n【本期导读】\n"
            "一、能力提升培训班举办\n二、下阶段工作安排\n\n一、能力提升培训班举办\n"
            "4月8日,培训班在县民政局举办,全县社工共41人参训。\n\n二、下阶段工作安排\n"
            "(一)5月举办第二期培训。")
    row = one(extract_text(text), "training")
    assert (row["start_date"], value(row["participants"])) == ("2026-04-08", 41)


def test_within_three_days_is_not_the_third_of_the_month():
    text = ("2026年簡訊\n三月九日至十一日,督導團隊赴某縣。三日之間,團隊走訪了甲、乙兩個鄉鎮社工站。")
    row = one(extract_text(text), "station_visit")
    assert row["start_date"] == "2026-03-09"


@pytest.mark.parametrize("text", [
    "2025年工作总结\n全年有6名社工离岗,培训成果难以巩固。",
    "某县新闻 2026年4月2日\n4月1日,县调研组先后来到甲镇、乙镇2个社工站,并入户看望了3户困难群众。",
])
def test_training_outcomes_and_a_survey_team_are_not_mentoring_work(text):
    assert extract_text(text).empty


def test_an_edited_stamp_below_a_post_is_its_today():
    text = "县里的第三天\n今天跟着督导老师跑了4个社工站,腿都酸了。\n#社工日常\n编辑于 05-21"
    row = one(extract_text(text), "station_visit")
    assert (row["start_date"], value(row["count"])) == ("--05-21", 4)


def test_a_forum_reply_counts_its_days_from_its_own_time():
    text = ("社工吧 > 督导来了\n楼主 某社工 2026-04-10 09:12\n上周督导来我们站了。\n\n"
            "3楼 另一位社工 2026-04-13 20:40\n我们站前天也做了团督,7个人参加。")
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], value(row["participants"])) == ("2026-04-11", 7)


def test_last_month_counts_from_the_date_the_story_gives():
    text = ("【本报讯】(2026年5月6日)督导团队上月二十日至二十二日在县里驻点。"
            "团队二十日举办培训一场,四十多名社工参加;当晚为六名社工进行个别督导。")
    df = extract_text(text)
    assert one(df, "training")["start_date"] == "2026-04-20"
    assert one(df, "individual_supervision")["start_date"] == "2026-04-20"


def test_a_supervision_total_split_by_its_kinds_gives_each_kind_its_part():
    text = "2026年上半年工作小结\n督导合计91人次,其中个督57人次、团督34人次(5场)。"
    df = extract_text(text)
    ind, grp = one(df, "individual_supervision"), one(df, "group_supervision")
    assert (value(ind["participants"]), value(grp["count"]), value(grp["participants"])) == (
        57, 5, 34)
    assert (ind["start_date"], ind["end_date"]) == ("2026-01-01", "2026-06-30")


def test_supervision_held_in_groups_and_moving_on_to_stations():
    text = ("2026年8月新聞\n8月3日至5日工作坊期間,督導另以小組形式進行督導,共兩場、十九人次參與。"
            "6日,督導轉往甲鎮、乙鎮兩個社工站實地訪視。")
    df = extract_text(text)
    grp = one(df, "group_supervision")
    assert (value(grp["count"]), value(grp["participants"])) == (2, 19)
    visit = one(df, "station_visit")
    assert (visit["start_date"], value(visit["count"])) == ("2026-08-06", 2)


def test_a_ticked_box_names_the_forms_kind_and_the_person_below_is_its_people():
    text = ("个案督导记录表\n督导日期:2026年2月27日          时间:9:00—10:30\n"
            "督导方式:■个别督导  □团体督导  □线上督导\n督导者:王××\n被督导者:周××(某镇社工站)\n")
    row = one(extract_text(text), "individual_supervision")
    assert (row["start_date"], value(row["participants"])) == ("2026-02-27", 1)


def test_a_day_well_after_publication_is_announced_not_done():
    text = ("关于举办社工能力提升培训班的通知\n发布时间:2026-03-02\n"
            "定于3月25日至26日在县民政局举办培训班,请各站选派2名社工参加。")
    assert extract_text(text).empty


def test_local_buddies_are_people_and_batches_count_exchange_visits():
    df = extract_text("2026年6月9日\n晚上回到县里,督导老师又给7个本地小伙伴做团督。")
    assert value(one(df, "group_supervision")["participants"]) == 7
    df = extract_text("2025年工作总结\n全年组织3批次共40名本土社工赴杭州交流学习。")
    row = one(df, "exchange_visit")
    assert (value(row["count"]), value(row["participants"])) == (3, 40)


def test_a_list_of_all_kinds_of_work_is_not_an_event():
    text = "2025年表彰名单\n该机构扎实开展培训、督导、入户走访等各项工作,成效明显。"
    assert extract_text(text).empty


# -- classes of blind8 (round 7, fourth part) --------------------------------------------


def test_an_annual_report_naming_its_programme_is_not_a_plan():
    text = ("某某青年發展會\n2024/25年報(節錄)\n\n某縣社工督導計劃\n\n"
            "本年度(2024年4月1日至2025年3月31日)督導團隊恢復實地工作。\n\n本年度服務數字\n\n"
            "項目                    目標        實際\n專題培訓(節數)          6           7\n"
            "受訓人次                300         352\n")
    row = one(extract_text(text), "training")
    assert (row["start_date"], row["end_date"], value(row["count"]),
            value(row["participants"])) == ("2024-04-01", "2025-03-31", 7, 352)


def test_each_post_of_a_feed_counts_its_days_from_its_own_stamp():
    text = ("某社工\n11-08 21:10 来自 手机\n\n今天上午给6个本地社工做团督。\n\n————\n\n"
            "某社工\n11-10 19:40 来自 手机\n\n昨天又跟着站里社工走了三户。")
    df = extract_text(text)
    assert one(df, "group_supervision")["start_date"] == "--11-08"
    row = one(df, "household_visit")
    assert (row["start_date"], value(row["count"])) == ("--11-09", 3)


def test_cantonese_days_and_verbs_are_read():
    text = ("社工討論區\n樓主:阿明    發表於 2026-3-12 22:05\n\n"
            "琴日喺縣民政局禮堂做咗一場培訓,二十幾位本地社工嚟聽。今朝去咗甲鎮同乙鎮兩個社工站。"
            "聽日會去丙鎮。")
    df = extract_text(text)
    assert one(df, "training")["start_date"] == "2026-03-11"
    row = one(df, "station_visit")
    assert (row["start_date"], value(row["count"])) == ("2026-03-12", 2)


def test_a_table_repeating_the_months_work_told_above_adds_nothing():
    text = ("某项目工作简报(2026年4月)\n4月,督导团队开展团体督导3次(参与29人次),入户走访11户。\n\n"
            "五、本月数据统计\n指标             本月完成    年度目标\n团体督导(次)     3           30\n"
            "入户走访(户)     11          100\n")
    df = extract_text(text)
    assert len(df) == 2
    assert value(one(df, "group_supervision")["participants"]) == 29


def test_a_ledger_column_of_who_took_part_gives_the_people():
    text = ("2026年5月工作简报\n序号  日期     内容                  地点          参与情况\n"
            "1     5.7      团体督导(个案会商)    某镇会议室    社工9人\n"
            "2     5.20     入户走访              某乡          4户\n")
    df = extract_text(text)
    assert value(one(df, "group_supervision")["participants"]) == 9
    assert value(one(df, "household_visit")["count"]) == 4


def test_a_check_of_households_by_the_civil_affairs_office_is_not_a_visit():
    text = "2026年6月10日\n镇社工站配合镇民政办完成低保对象入户核查41户,走访排查困难群众90户。"
    assert extract_text(text).empty


def test_a_hashtag_naming_the_programme_is_not_a_plan():
    text = "阿梅\n6-02 20:15 来自 手机\n#牵手计划# 今天上午给锁南镇社工站的5个小伙伴做团督。"
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], value(row["participants"])) == ("--06-02", 5)


def test_people_named_by_nickname_are_counted_and_setting_off_to_a_station_is_a_visit():
    text = "6月12日 晴\n早上八点出发去某镇社工站。看完台账给小王和小李做个督,聊了一上午。"
    df = extract_text(text, year=2026)
    assert one(df, "station_visit")["start_date"] == "2026-06-12"
    assert value(one(df, "individual_supervision")["participants"]) == 2


@pytest.mark.parametrize("text", [
    "发布时间:2026-05-14\n5月13日,副县长王某带领县民政局负责同志,先后走访了4个乡镇社工站。",
    "2026年7月1日\n双方还就下半年开展个别督导、站长培训等工作进行了沟通。",
    "2026年7月1日\n党员们参观学习了红军长征翻越六盘山的历史。",
])
def test_a_leader_leading_a_tour_a_talk_about_work_and_a_memorial_are_not_facts(text):
    assert extract_text(text).empty


@pytest.mark.parametrize(("text", "end"), [
    ("2026年9月4日\n翌日起一连两天与当地社工一同探访了九户困难家庭。", "2026-09-06"),
    ("2026年4月28日\n28号开始跑站,三天跑了5个乡镇社工站。", "2026-04-30"),
])
def test_a_run_of_days_after_a_day_spans_it(text, end):
    row = extract_text(text).iloc[0]
    assert row["end_date"] == end


def test_days_told_one_by_one_are_not_stretched_by_their_count():
    text = "2026年简讯\n刘督导于3月9日、10日连续两天在线上为6名站长开展一对一督导。"
    row = one(extract_text(text), "individual_supervision")
    assert (row["start_date"], row["end_date"]) == ("2026-03-09", "2026-03-10")


@pytest.mark.parametrize(("text", "people"), [
    ("2026年5月6日\n督导在镇里给全镇村级社工做培训,来了十七八个人。", 17),
    ("2026年5月6日\n今天在县里给三十几个站点社工上了一整天的课。", 30),
])
def test_spoken_ranges_and_station_workers_are_people(text, people):
    assert value(one(extract_text(text), "training")["participants"]) == people


def test_what_a_meeting_decided_is_not_yet_done():
    text = ("某县牵手计划联席会议纪要\n会议时间:2026年4月9日\n一、一季度工作回顾\n"
            "一季度共开展培训2场,参训社工61人次。\n三、会议议定事项\n"
            "(一)4月中旬开展二季度第一场集中培训;\n(二)5月组织站长赴宁波交流学习。")
    df = extract_text(text)
    assert len(df) == 1 and value(one(df, "training")["participants"]) == 61


# -- classes of blind10 and blind11 (round 7, fifth part) --------------------------------


def test_the_year_of_a_briefs_issue_number_dates_its_days():
    text = ("社会工作专项工作简报\n\n〔2026〕第3期\n\n某县民政局办公室编印        4月2日\n\n"
            "3月24日—26日,督导团举办培训班,全县社工共57人参训。")
    row = one(extract_text(text), "training")
    assert (row["start_date"], row["end_date"]) == ("2026-03-24", "2026-03-26")


def test_a_date_followed_by_published_is_the_publication_date():
    text = ("某县人民政府网\n8月23日,督导团队实地走访了甲、乙、丙三个乡镇社工站。\n"
            "【打印】【关闭】\n主办:某县民政局\n2026年8月29日 发布  网站标识码:123")
    assert one(extract_text(text), "station_visit")["start_date"] == "2026-08-23"


def test_each_post_with_its_own_stamp_dates_its_today_even_after_a_post_with_no_fact():
    text = ("某督导\n3月11日 22:17 来自 手机\n又回到县里啦!明天开工。\n——\n"
            "某督导\n3月12日 21:05 来自 手机\n今天在某镇社工站做了一场团督,8个小伙伴。")
    assert one(extract_text(text), "group_supervision")["start_date"] == "--03-12"


def test_weekdays_in_a_post_fall_in_the_week_it_was_posted():
    text = ("社工论坛 › 实务交流\n某社工  楼主\n发表于 2026-05-17 21:40 | 只看该作者\n\n"
            "周二上午看了甲镇社工站。周四督导给全县社工上了一天课,来了三十多个社工。")
    df = extract_text(text)
    assert one(df, "station_visit")["start_date"] == "2026-05-12"
    assert one(df, "training")["start_date"] == "2026-05-14"


def test_a_boxed_form_with_a_blank_year_a_ticked_box_and_people_under_the_label():
    text = ("督 导 记 录 表\n┌────┬────┐\n│督导日期  │     年  9 月 3 日  14:30—17:00   │\n"
            "├────┼────┤\n│督导方式  │☑团体督导  □个别督导  □线上督导  │\n"
            "│参加人员  │甲站:王某、李某                  │\n│(4人)   │乙站:赵某、钱某   │\n"
            "└────┴────┘\n")
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], value(row["participants"])) == ("--09-03", 4)


def test_an_activity_named_in_a_quoted_title_is_a_topic():
    text = "10月11日 晴\n下午给全县社工讲课,题目是“入户评估怎么做”,来了二十几个人。"
    df = extract_text(text, year=2026)
    assert kinds(df) == ["training"]


def test_tables_ruled_with_bars_and_a_unit_column():
    text = ("表1  2025年度主要指标完成情况\n"
            "│    指  标          │  单 位     │ 年度目标   │ 实际完成   │  完成率    │\n"
            "│集中培训场次        │   场       │    12      │    14      │  117%      │\n"
            "│培训人次            │  人次      │    600     │    655     │  109%      │\n"
            "│个别督导            │  人次      │    100     │    121     │  121%      │\n")
    df = extract_text(text)
    train = one(df, "training")
    assert (value(train["count"]), value(train["participants"])) == (14, 655)
    assert value(one(df, "individual_supervision")["participants"]) == 121


def test_a_markdown_ledger_with_a_rule_and_columns_named_two_ways():
    text = ("某县2026年5月工作月报\n| 序号 | 活动内容 | 日期 | 地点/对象 | 场次 | 人次/个数 |\n"
            "|------|----------|------|-----------|------|-----------|\n"
            "| 1 | 社工站实地督导走访 | 5.10-5.12 | 甲、乙、丙 | — | 3个站 |\n"
            "| 2 | 个别督导 | 5.11 | 甲镇社工站 | 1 | 7 |\n| 合计 |  |  |  | 1 | 7 |\n")
    df = extract_text(text)
    visit = one(df, "station_visit")
    assert (visit["start_date"], visit["end_date"], value(visit["count"])) == (
        "2026-05-10", "2026-05-12", 3)
    assert value(one(df, "individual_supervision")["participants"]) == 7


def test_a_quarter_table_keeps_a_total_that_an_event_above_is_only_part_of():
    text = ("2026年第三季度工作报告\n本季度两期培训中,第二期于9月上旬为40名社工进行了培训。\n"
            "活动类别        场次/个数     人次\n----------------------------------\n"
            "集中培训            2          95\n")
    df = extract_text(text)
    assert sorted(value(x) for x in df[df["kind"] == "training"]["participants"]) == [40, 95]


# -- classes of blind12 and blind13 (round 7, sixth part) --------------------------------


def test_a_visit_to_stations_named_one_by_one_in_a_long_list():
    text = ("2026年8月\n8月12日—16日,督导团队赴某县驻点。期间,走访甲镇、乙镇、丙镇、丁乡、戊乡、"
            "己镇、庚回族镇、辛回族镇8个镇社工站。")
    row = one(extract_text(text), "station_visit")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2026-08-12", "2026-08-16", 8)


def test_a_report_on_how_a_half_years_work_went_is_a_summary():
    text = ("关于2026年上半年某县“牵手计划”项目执行情况的报告\n一、主要工作开展情况\n"
            "二是深化督导陪伴,开展团体督导15场、个别督导60人次。")
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2026-01-01", "2026-06-30", 15)


def test_a_section_on_a_months_work_dates_its_totals_to_the_month():
    text = ("某县工作简报\n2026年第4期\n一、4月份工作开展情况\n督导组深入站点,开展个督38人次,"
            "团督6次71人次。\n二、5月工作计划\n开展培训1场。")
    df = extract_text(text)
    row = one(df, "group_supervision")
    assert (row["start_date"], row["end_date"], value(row["count"]),
            value(row["participants"])) == ("2026-04-01", "2026-04-30", 6, 71)
    assert "training" not in set(df["kind"])


def test_a_sum_over_a_month_of_an_unknown_year_spans_the_month():
    row = extract_text("6月28日 会议纪要\n本月督导组共开展团督5次。").iloc[0]
    assert (row["start_date"], row["end_date"]) == ("--06-01", "--06-30")


def test_a_table_of_paired_units_and_values_after_a_row_number():
    text = ("表1 5月份主要工作完成情况\n| 序号 | 工作内容 | 单位 | 本月完成 | 年度目标 |\n"
            "|---|---|---|---|---|\n| 1 | 专题培训 | 场/人次 | 3/96 | 8/300 |\n"
            "| 2 | 走访乡镇社工站 | 个 | 7 | 40 |\n")
    df = extract_text(text, year=2026)
    train = one(df, "training")
    assert (value(train["count"]), value(train["participants"])) == (3, 96)
    assert value(one(df, "station_visit")["count"]) == 7


def test_people_named_by_a_pronoun_and_a_number_take_part():
    text = "10月15日 晴\n当晚在站里和她们三个做了一次小组督导。"
    assert value(one(extract_text(text, year=2026), "group_supervision")["participants"]) == 3


def test_a_table_row_without_its_last_remark_is_still_a_row():
    text = ("2026年第三季度工作报告\n表2 第三季度主要指标完成情况\n序号 指标       单位    本季度完成  备注\n"
            "1\t集中培训\t期/人次\t2/77\t含线上1期\n2\t团体督导\t次/人次\t6/58\n")
    df = extract_text(text)
    grp = one(df, "group_supervision")
    assert (grp["start_date"], grp["end_date"], value(grp["count"]),
            value(grp["participants"])) == ("2026-07-01", "2026-09-30", 6, 58)


# -- classes of blind14 and blind15 (round 7, seventh part) ------------------------------


def test_the_date_in_a_pages_address_is_its_publication_date():
    text = ("某县人民政府\n当前位置:首页 > 新闻中心\n督导团队来我县开展培训\n"
            "昨天下午,督导团队先后来到甲镇、乙镇社工站。\n"
            "本文链接:http://www.example.gov.cn/xwzx/202604/t20260420_4011735.html")
    assert one(extract_text(text), "station_visit")["start_date"] == "2026-04-19"


def test_a_newspapers_footer_date_and_three_days_between():
    text = ("澳社服團隊赴某縣支援社工站\n【本報消息】督導團隊本月九日至十一日赴某縣。三日間,"
            "團隊舉辦兩場培訓,合共逾一百二十人次參加。\n2026-07-25　澳門日報　A07版　澳聞")
    row = one(extract_text(text), "training")
    assert (row["start_date"], row["end_date"]) == ("2026-07-09", "2026-07-11")


def test_the_day_before_yesterday_in_classical_words():
    text = "明報　2026年8月22日　星期六　港聞\n本港社工督導前日起到某縣,隨即走訪甲鎮及乙鎮兩個社工站。"
    assert one(extract_text(text), "station_visit")["start_date"] == "2026-08-20"


def test_a_half_year_summarys_days_are_of_its_year_despite_an_earlier_year():
    text = ("某县项目2026年上半年工作总结\n项目自2025年12月启动。\n"
            "1月11日,在县民政局举办站长能力提升培训,27人参加。")
    assert one(extract_text(text), "training")["start_date"] == "2026-01-11"


def test_forum_floors_whose_stamps_stand_below_their_text():
    text = ("某某吧\n【分享】督导来了\n楼主某\n前天督导来我们乡了,给附近几个站的社工做了个团督,"
            "差不多二十来个人。\n来自Android客户端   1楼   11-08 21:14\n\n某网友\n羡慕\n2楼   11-08 21:30")
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], value(row["participants"])) == ("--11-06", 20)


def test_the_days_of_a_trip_cover_what_a_sentence_sums_over_them():
    text = ("某县新闻 2026年6月9日\n6月5日至7日,督导团来我县驻点。次日上午走访了甲镇社工站。\n"
            "据统计,三天里督导团共开展个别督导15人次、团体督导4场。")
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], row["end_date"], value(row["count"])) == (
        "2026-06-05", "2026-06-07", 4)


def test_last_year_counts_from_an_answers_edit_date():
    text = ("我们机构和某县结了对子。去年10月我第一次去,跑了9个乡镇社工站。\n"
            "编辑于 2026-03-02 · IP 属地广东")
    assert one(extract_text(text), "station_visit")["start_date"] == "2025-10-01"


def test_each_message_of_a_chat_dates_its_today():
    text = ("某项目工作群(23)\n\n佛山督导-周敏　6月3日 21:14\n今天上午在甲乡社工站做了团督,来了8个社工。\n\n"
            "佛山督导-周敏　6月5日 22:15\n今天给城北两个站的小伙伴逐个做了个督,一共6个人。")
    df = extract_text(text)
    assert one(df, "group_supervision")["start_date"] == "--06-03"
    assert one(df, "individual_supervision")["start_date"] == "--06-05"


# -- classes of blind16 and blind17 (round 7, eighth part) -------------------------------


def test_an_annual_summarys_totals_keep_its_year_after_an_earlier_year():
    text = ("某中心\n“牵手计划”某县项目2026年度工作总结\n一、项目概况\n2025年11月,项目启动。\n"
            "二、主要成效\n全年开展团体督导24次,参与310人次。")
    row = one(extract_text(text), "group_supervision")
    assert (row["start_date"], row["end_date"]) == ("2026-01-01", "2026-12-31")


def test_a_form_titled_by_its_kind():
    text = ("“牵手计划”某县项目督导记录表(个别督导)\n督导日期:2026年7月12日        时间:14:30—16:10\n"
            "督导方式:☑线下  □线上\n被督导者:包××(某镇社工站社工)\n")
    row = one(extract_text(text), "individual_supervision")
    assert (row["start_date"], value(row["participants"])) == ("2026-07-12", 1)


def test_a_diary_entrys_today_is_the_day_of_its_heading():
    text = ("驻点手记 发布于2026年10月20日\n10/16(一)\n今天跑了两个站:甲镇社工站、乙镇社工站。\n"
            "10/17(二)\n昨天太累,今天在县里休整。")
    row = one(extract_text(text), "station_visit")
    assert (row["start_date"], value(row["count"])) == ("2026-10-16", 2)


def test_this_months_plan_is_not_a_date():
    text = "4.10 晴\n下午去了镇社工站,探访站点,跟站长核对了这个月的服务计划。"
    df = extract_text(text, year=2026)
    assert set(df["start_date"]) == {"2026-04-10"}


def test_each_moments_post_with_its_stamp_below_dates_its_today():
    text = ("【朋友圈截图整理】\n\n某督导\n落地了,这次待一周。\n5月14日 18:02\n\n某督导\n"
            "上午给全县社工站新人做岗前培训,28个新同事。\n5月15日 12:30\n\n某督导\n"
            "今天跑了甲乡、乙镇两个站。\n5月16日 19:05\n")
    df = extract_text(text)
    assert one(df, "training")["start_date"] == "--05-15"
    assert one(df, "station_visit")["start_date"] == "--05-16"
