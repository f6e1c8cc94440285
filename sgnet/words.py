"""Every word sgnet shows a reader, in Chinese and English, looked up by key.

Reports, index pages, figures and widgets say nothing that is not here: a module that needs a
label calls :func:`word` (or :func:`kind_label` for activity kinds and target metrics) instead
of writing its own ``if lang == "zh"``. A word may hold ``{placeholders}`` filled from keyword
arguments. An unknown key is shown as it is, so a new column still reads as its name.

What users *type* (sheet names, Chinese headers, value aliases) is input vocabulary and lives
in :mod:`sgnet.vocab`.
"""

from __future__ import annotations

__all__ = ["LANGS", "WORDS", "KIND_WORDS", "word", "kind_label", "check_lang"]

#: languages a report can speak
LANGS: tuple[str, ...] = ("zh", "en")

#: activity kinds: (Chinese, English)
KIND_WORDS: dict[str, tuple[str, str]] = {
    "training": ("培训", "Training"),
    "individual_supervision": ("个别督导", "Individual supervision"),
    "group_supervision": ("团体督导", "Group supervision"),
    "station_visit": ("走访社工站", "Station visits"),
    "household_visit": ("入户走访", "Household visits"),
    "interview": ("社工访谈", "Interviews"),
    "exchange_visit": ("参观交流学习", "Exchange visits"),
    "sharing_session": ("分享会", "Sharing sessions"),
    "mentoring": ("结对传帮带", "Mentoring"),
    "other": ("其他", "Other"),
}

#: every other word: key -> (Chinese, English)
WORDS: dict[str, tuple[str, str]] = {
    # headline metrics
    "trainings": ("培训场次", "Trainings"),
    "people_trained": ("培训人次", "People trained"),
    "individual_supervision": ("个别督导次数", "Individual supervision sessions"),
    "people_supervised": ("个别督导人数", "People supervised individually"),
    "group_supervision": ("团体督导次数", "Group supervision sessions"),
    "station_visits": ("走访社工站(个)", "Station visits"),
    "household_visits": ("入户走访(户)", "Household visits"),
    # table columns
    "pairing_id": ("结对编号", "Pairing"),
    "mentor": ("帮扶机构", "Mentor organization"),
    "mentee": ("受援机构", "Mentee organization"),
    "metric": ("指标", "Metric"),
    "kind": ("活动类型", "Activity kind"),
    "count": ("次数/数量", "Count"),
    "participants": ("参与人次", "Participants"),
    "hours": ("时长(小时)", "Hours"),
    "activities": ("活动记录数", "Records"),
    "actual": ("年内累计", "Year to date"),
    "target": ("年度目标", "Annual target"),
    "expected": ("按进度应完成", "Expected by now"),
    "share": ("完成率", "Share of target"),
    "status": ("进度", "Status"),
    "region": ("地区", "Region"),
    "region_name": ("地区名称", "Region name"),
    "province": ("省份", "Province"),
    "month": ("月份", "Month"),
    "value": ("数值", "Value"),
    "person_id": ("人员编号", "Person"),
    "name": ("姓名", "Name"),
    "org_id": ("机构编号", "Organization"),
    "file": ("文件", "File"),
    "row": ("行", "Row"),
    "column": ("列", "Column"),
    "message": ("原因", "Reason"),
    # progress states
    "on_track": ("达到进度", "on track"),
    "behind": ("落后进度", "behind"),
    "done": ("已完成", "met"),
    "no_target": ("无目标", "no target"),
    "all": ("全部", "All"),
    # audiences
    "funder": ("资助方", "funder"),
    "internal": ("内部", "internal"),
    # report sections
    "section.headline": ("本期主要数据", "Headline figures for the period"),
    "section.progress": ("各结对年度目标进度", "Progress of each pairing against annual targets"),
    "section.figures": ("图表", "Figures"),
    "section.pairings": ("各结对本期活动", "Activities of each pairing in the period"),
    "section.regions": ("各省份本期活动", "Activities per province in the period"),
    "section.leaders": ("督导带领的活动(内部)", "Activities led per supervisor (internal)"),
    "section.data": ("数据说明", "About the data"),
    "section.rejected": ("未通过校验的数据行(内部)", "Rows rejected by validation (internal)"),
    # report title block
    "report.title": ("牵手帮扶工作报告 · {period}", "Mentoring program report · {period}"),
    "report.internal_banner": ("内部资料·请勿外发", "INTERNAL · DO NOT FORWARD"),
    "report.all_pairings": ("全部结对", "All pairings"),
    "report.meta": ("范围:{scope} | 期间:{start} 至 {end}{relative} | 读者:{audience}"
                    " | 生成日期:{today}",
                    "Scope: {scope} | Period: {start} to {end}{relative} | Audience: {audience}"
                    " | Generated: {today}"),
    "report.relative": ("({relative})", " ({relative})"),
    "report.progress_rule": (
        "目标为年度目标。“年内累计”为 {year} 年 1 月 1 日至 {end} 的实际完成数;"
        "“按进度应完成”= 年度目标 × 当年已过时间比例({share});"
        "年内累计达到该值为“达到进度”,达到年度目标为“已完成”,否则为“落后进度”。",
        "Targets are annual. 'Year to date' counts activities from {year}-01-01 to {end}; "
        "'expected by now' = annual target × share of the year elapsed ({share}); a pairing "
        "is on track when its year-to-date actual reaches that, met when it reaches the "
        "annual target, and behind otherwise."),
    "report.data_note": ("本期活动记录 {current} 条(数据集共 {total} 条,结对 {pairings} 个)。",
                         "{current} activity records in the period ({total} in the dataset, "
                         "{pairings} pairings)."),
    "report.rejected_note": ("注意:加载时有 {n} 行数据未通过校验,未计入本报告。",
                             " Note: {n} rows failed validation and are not counted."),
    "report.rejected_intro": ("以下 {n} 行数据未通过校验,未计入本报告:",
                              "These {n} rows failed validation and are not counted in this "
                              "report:"),
    # batch index page
    "html.lang": ("zh-CN", "en"),
    "index.title": ("牵手帮扶工作报告索引 · {period}", "Mentoring program reports · {period}"),
    "index.report": ("报告", "Report"),
    "index.status": ("状态", "Status"),
    "index.ok": ("已生成", "written"),
    "index.failed": ("失败", "failed"),
    "index.kept": ("保留了上次的报告", "the earlier report is kept"),
    "index.pairing": ("结对", "Pairing"),
    "index.region": ("地区", "Region"),
    "index.meta": ("期间:{start} 至 {end} | 读者:{audience} | 生成日期:{today} | "
                   "共 {n} 份报告,{bad} 份失败",
                   "Period: {start} to {end} | Audience: {audience} | Generated: {today} | "
                   "{n} reports, {bad} failed"),
    "index.failures": ("以下报告生成失败:", "These reports failed:"),
    "index.hint": ("点击表头可排序。每行链接到该报告的 HTML 文件。",
                   "Click a column header to sort. Each row links to its report's HTML file."),
    "index.notebook": ("失败的笔记本", "failed notebook"),
    # figures
    "plot.monthly_title": ("各月活动(按类型)", "Activity per month, by kind"),
    "plot.progress_title": ("{what}:年度目标完成情况", "{what}: progress against annual target"),
    "plot.participants_suffix": ("(人次)", " (participants)"),
    "map.mentor": ("帮扶机构(东部)", "mentor agency"),
    "map.mentee": ("受援地(县)", "mentee county"),
    "map.title": ("结对帮扶关系图(帮扶方 → 受援方)", "Pairings: mentor → mentee"),
    "net.person": ("人员", "people"),
    "net.title": ("结对网络(粗框为帮扶机构)", "Pairing network (mentor agencies outlined)"),
    "net.records": ("活动记录", "activity records"),
    "net.active": ("在册结对", "active pairings"),
    "net.active_axis": ("在册结对数", "active pairings"),
    "net.records_axis": ("活动记录数", "activity records"),
    "net.timeline_title": ("各月在册结对与活动", "Active pairings and activity per month"),
    "org.agency": ("社工机构", "agency"),
    "org.government": ("民政部门", "government"),
    "org.station": ("社工站", "station"),
    "org.community": ("社区/村", "community"),
    "org.school": ("高校", "school"),
    "org.other": ("其他", "other"),
    "org.person": ("人员", "person"),
    "rel.pairing": ("结对", "pairing"),
    "rel.visited": ("活动/走访", "activity"),
    "rel.part_of": ("隶属", "part of"),
    # exploration widgets
    "explore.period": ("期间", "Period"),
    "explore.region": ("地区", "Region"),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if sgnet speaks it, else raise ``ValueError`` naming the choices.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def word(key: str, lang: str = "zh", **fields: object) -> str:
    """The word for ``key`` in ``lang``, with ``{placeholders}`` filled from ``fields``.

    Activity kinds and ``<kind>_participants`` metrics are looked up with :func:`kind_label`;
    an unknown key is returned as it is.

    Examples
    --------
    >>> word("people_trained"), word("people_trained", "en")
    ('培训人次', 'People trained')
    >>> word("index.title", "en", period="2023Q2")
    'Mentoring program reports · 2023Q2'
    >>> word("training"), word("no_such_column")
    ('培训', 'no_such_column')
    """
    pair = WORDS.get(key)
    if pair is None:
        return kind_label(key, lang)
    text = pair[0 if lang == "zh" else 1]
    return text.format(**fields) if fields else text


def kind_label(kind: str, lang: str = "zh") -> str:
    """The label of an activity kind or a ``<kind>_participants`` target metric.

    Examples
    --------
    >>> kind_label("group_supervision"), kind_label("training_participants", "en")
    ('团体督导', 'Training (participants)')
    """
    base = kind.removesuffix("_participants")
    if base not in KIND_WORDS:
        return kind
    text = KIND_WORDS[base][0 if lang == "zh" else 1]
    if kind != base:
        text += WORDS["plot.participants_suffix"][0 if lang == "zh" else 1]
    return text


# --------------------------------------------------------------------------- program measures
# Stays, supervision hours, outcomes, change over time and silent pairings (issue #15); one
# block, so that it merges beside other additions to the tables above.
KIND_WORDS.update({
    "stay": ("驻点", "Stays on site"),
    "station_built": ("建成社工站", "Stations built"),
    "agency_cultivated": ("培育本土机构", "Local agencies cultivated"),
    "talent": ("培养人才", "Local talent trained"),
    "project": ("服务项目", "Service projects"),
    "policy": ("制度", "Policies and rules"),
    "brand": ("品牌", "Brands"),
})
WORDS.update({
    # headline metrics
    "supervision_hours": ("督导时数(小时)", "Supervision hours"),
    "stays": ("驻点(次)", "Stays on site"),
    "onsite_working_days": ("驻点工作日(人·日)", "Working days on site (person-days)"),
    "milestones": ("成果(项)", "Outcomes recorded"),
    # table columns
    "people": ("派驻人数", "People sent"),
    "days": ("在岗天数", "Days on site"),
    "working_days": ("在岗工作日", "Working days on site"),
    "reached": ("达到 40 个工作日", "Reached 40 working days"),
    "reached_people": ("达到 40 个工作日人数", "People with 40 working days"),
    "short_stays": ("不足 10 个工作日的驻点", "Stays under 10 working days"),
    "rule_met": ("达到派驻要求", "Meets the rule"),
    "org_name": ("服务对象机构", "Organization served"),
    "outcome": ("成果类型", "Outcome"),
    "training_hours": ("培训时数", "Training hours"),
    "individual_hours": ("个别督导时数", "Individual supervision hours"),
    "group_hours": ("团体督导时数", "Group supervision hours"),
    "total_hours": ("合计时数", "Total hours"),
    "sessions": ("督导次数", "Supervision sessions"),
    "supervised": ("督导人次", "People supervised (人次)"),
    "social_workers": ("本地社工人数", "Local social workers"),
    "per_worker": ("人均督导次数", "Supervision per social worker"),
    "hours_per_worker": ("人均督导时数", "Supervision hours per social worker"),
    "in_period": ("本期", "In the period"),
    "year_to_date": ("年内累计", "Year to date"),
    "cumulative": ("结对以来累计", "Since the pairing began"),
    "previous": ("上期", "Previous period"),
    "year_before": ("去年同期", "Same period last year"),
    "change_previous": ("环比增减", "Change on previous period"),
    "pct_previous": ("环比(%)", "Change on previous (%)"),
    "change_year": ("同比增减", "Change on last year"),
    "pct_year": ("同比(%)", "Change on last year (%)"),
    "months": ("在册月数", "Active months"),
    "reported": ("有记录月数", "Months with records"),
    "rate": ("报送率", "Reporting rate"),
    "silent_months": ("无记录月份", "Months without records"),
    "longest_silence": ("最长连续无记录(月)", "Longest silence (months)"),
    "last_record": ("最近一次记录", "Last record"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # report sections
    "section.onsite": ("驻点与在岗工作日", "Stays and working days on site"),
    "section.supervision": ("督导时数与督导频率", "Supervision hours and frequency"),
    "section.outcomes": ("成果与目标", "Outcomes against targets"),
    "section.change": ("同比、环比与累计", "Change over time"),
    "section.silence": ("报送完整性:无记录的结对", "Reporting completeness: silent pairings"),
    "section.onsite_people": ("派驻人员在岗天数(内部)", "Days on site per person (internal)"),
    "report.onsite_rule": (
        "按牵手计划要求,帮扶机构每年派驻至少 2 名社工,每人每年在受援地驻点服务不少于 "
        "40 个工作日,每次不少于 10 个工作日。统计 {year} 年:驻点及线下活动覆盖的日期"
        "(同一人同一天只计一次),工作日按国家法定节假日和调休安排计算。",
        "The scheme asks each mentor agency to send at least 2 social workers, each on site "
        "at least 40 working days a year and at least 10 working days per stay. Counted for "
        "{year}: days covered by stays and onsite activities (a person's day counts once); "
        "working days follow China's official holidays and make-up working days."),
    "report.onsite_short": ("本年有 {n} 次驻点不足 10 个工作日。",
                            "{n} stays this year were shorter than 10 working days."),
    "report.onsite_none": ("本期没有驻点或线下活动记录。",
                           "No stay or onsite activity was recorded."),
    "report.supervision_rule": (
        "督导时数为本期个别督导、团体督导(及培训)记录的时长合计;人均督导次数 = 督导人次 ÷ "
        "受援县本地社工人数。",
        "Hours are the recorded hours of individual and group supervision (and training) "
        "in the period; supervision per social worker = people supervised (人次) ÷ local "
        "social workers of the mentee county."),
    "report.outcomes_none": ("尚无成果记录(成果表为空)。",
                             "No outcome recorded yet (the milestones table is empty)."),
    "report.change_rule": (
        "本期 {period};上期(环比)为 {previous};去年同期(同比)为 {year_before};累计自结对"
        "开始至 {end}。基数为 0 时不计算百分比(显示为空)。",
        "This period {period}; previous period {previous}; same period last year "
        "{year_before}; cumulative from the start of each pairing to {end}. No percentage is "
        "shown where the base is 0."),
    "report.silence_rule": (
        "连续 {months} 个月及以上没有任何活动或成果记录的结对:",
        "Pairings with no activity or outcome recorded for {months} months or more in a row:"),
    "report.silence_none": ("本期没有连续 {months} 个月无记录的结对。",
                            "No pairing was silent for {months} months or more."),
})
