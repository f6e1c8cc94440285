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
    # provenance footer of every report
    "prov.line": ("数据指纹 {fingerprint} · sgnet {version} · 生成日期 {date} · 审核状态:{state}",
                  "Data fingerprint {fingerprint} · sgnet {version} · generated {date} · "
                  "review: {state}"),
    "prov.approved": ("已审核({on})", "approved ({on})"),
    "prov.approved_by": ("已审核({by},{on})", "approved ({by}, {on})"),
    "prov.not_approved": ("未审核", "not approved"),
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
