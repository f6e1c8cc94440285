"""Every word sgnet shows a reader, in Chinese and English, looked up by key.

Reports, index pages, figures and widgets say nothing that is not here: a module that needs a
label calls :func:`word` (or :func:`kind_label` for activity kinds and target metrics) instead
of writing its own ``if lang == "zh"``. A word may hold ``{placeholders}`` filled from keyword
arguments. An unknown key is shown as it is, so a new column still reads as its name.

What users *type* (sheet names, Chinese headers, value aliases) is input vocabulary and lives
in :mod:`sgnet.vocab`.
"""

from __future__ import annotations

from .errors import ReportError

__all__ = ["LANGS", "AUDIENCES", "WORDS", "KIND_WORDS", "word", "kind_label", "check_lang",
           "check_options"]

#: languages a report can speak
LANGS: tuple[str, ...] = ("zh", "en")
#: readers of a report: funders see no names of people, internal readers may
AUDIENCES: tuple[str, ...] = ("funder", "internal")

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
    "stay": ("驻点", "Stays on site"),
    "other": ("其他", "Other"),
}

#: every other word: key -> (Chinese, English)
WORDS: dict[str, tuple[str, str]] = {
    # sgnet validate: the counts of each table
    "audit.table": ("表", "table"),
    "audit.file": ("文件", "file"),
    "audit.lines": ("行数", "lines"),
    "audit.read": ("记录", "read"),
    "audit.accepted": ("接受", "accepted"),
    "audit.rejected": ("拒收", "rejected"),
    "table.organizations": ("机构", "organizations"),
    "table.people": ("人员", "people"),
    "table.pairings": ("结对", "pairings"),
    "table.targets": ("目标", "targets"),
    "table.activities": ("活动", "activities"),
    "table.milestones": ("成果", "milestones"),
    "validate.ok": ("{data} 没有问题", "{data} has no problems"),
    "validate.notices": ("说明(未拒收任何行):", "Notes (nothing rejected):"),
    "validate.cascade": ("另有 {n} 行因引用了被拒收的行而被略去:",
                         "{n} more rows are left out because they refer to a rejected row:"),
    "validate.summary": ("{n} 个问题,拒收 {rejected} 行", "{n} problems, {rejected} rows rejected"),
    "validate.written": ("问题清单已写入 {errors},被拒收的行(含原单元格与原因)已写入 {rejected}",
                         "problems written to {errors}, rejected rows (with their cells and "
                         "reasons) to {rejected}"),
    # where a problem is (sgnet.problems.messages)
    "problem.where_row": ("{file} 第 {row} 行", "{file} row {row}"),
    "problem.where": ("{file}", "{file}"),
    "problem.column": (",{column}", ", {column}"),
    "problem.no_header": ("{letter} 列(无表头)", "column {letter} (no header)"),
    "problem.colon": (":", ": "),
    "problem.value": ("「{value}」", "{quoted} "),
    "problem.rejected": ("(该行已被拒收)", " (that row was rejected)"),
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
    "org": ("所属机构", "Organization"),
    "file": ("文件", "File"),
    "row": ("行", "Row"),
    "column": ("列", "Column"),
    "message": ("原因", "Reason"),
    "unit.count": ("数量", "Count"),
    "unit.participants": ("人次", "People"),
    "total": ("合计", "Total"),
    "no_pairing": ("(未关联结对)", "(no pairing)"),
    "compare.current": ("本期", "This period"),
    "compare.previous": ("上期({label})", "Previous period ({label})"),
    "compare.change": ("环比", "Change"),
    "compare.year_ago": ("上年同期({label})", "A year before ({label})"),
    "compare.year_change": ("同比", "Change on a year before"),
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
    "section.summary": ("工作小结", "Summary"),
    "section.compare": ("同比、环比与累计",
                        "Change over time: previous period, a year before, since the start"),
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
    # review status of records (草稿 · 已提交 · 已审核 · 退回)
    "status.draft": ("草稿", "draft"),
    "status.submitted": ("已提交", "submitted"),
    "status.approved": ("已审核", "approved"),
    "status.returned": ("退回", "returned"),
    "status.none": ("未标注", "no status"),
    "report.status_note": ("本期计入的记录按审核状态:{items}。",
                           " Records counted, by review status: {items}."),
    "report.status_item": ("{status} {n} 条", "{status} {n}"),
    "report.approved_only": ("(仅计已审核的记录)", " (approved records only)"),
    # provenance footer of every report
    "prov.line": ("数据指纹 {fingerprint} · sgnet {version} · 生成日期 {date} · 审核状态:{state}",
                  "Data fingerprint {fingerprint} · sgnet {version} · generated {date} · "
                  "review: {state}"),
    "prov.approved": ("已审核({on})", "approved ({on})"),
    "prov.approved_by": ("已审核({by},{on})", "approved ({by}, {on})"),
    "prov.not_approved": ("未审核", "not approved"),
    "report.marking.funder": ("资助方版本 · 不含个人姓名", "Funder version · no names of people"),
    "report.marking.internal": ("内部资料·请勿外发 · 含个人信息",
                                "INTERNAL · DO NOT FORWARD · contains personal data"),
    "report.page": ("第 {page} 页", "Page {page}"),
    "report.figure": ("图 {n}  {caption}", "Figure {n}. {caption}"),
    "report.table": ("表 {n}  {caption}", "Table {n}. {caption}"),
    # written summary (工作小结): every number comes from the report's figures
    "compare.cumulative": ("累计", "Since the start"),
    "summary.sep": ("、", ", "),
    "summary.done": ("本期({period})共开展{items}。", "In {period}: {items}."),
    "summary.nothing": ("本期({period})没有活动记录。", "No activity was recorded in {period}."),
    "summary.trainings": ("培训 {n} 场", "{n} trainings"),
    "summary.people_trained": ("培训 {n} 人次", "{n} people trained"),
    "summary.individual_supervision": ("个别督导 {n} 次", "{n} individual supervision sessions"),
    "summary.people_supervised": ("个别督导 {n} 人", "{n} people supervised individually"),
    "summary.group_supervision": ("团体督导 {n} 次", "{n} group supervision sessions"),
    "summary.station_visits": ("走访社工站 {n} 个", "{n} station visits"),
    "summary.household_visits": ("入户走访 {n} 户", "{n} household visits"),
    "summary.stays": ("驻点 {n} 次", "{n} stays on site"),
    "summary.mom": ("与上期({label})相比,{items}。",
                    "Compared with the previous period ({label}): {items}. "),
    "summary.yoy": ("与上年同期({label})相比,{items}。",
                    "Compared with a year before ({label}): {items}."),
    "summary.mom_none": ("上期({label})数据不完整,不作环比。",
                         "The records do not cover the previous period ({label}) whole, "
                         "so no change is given. "),
    "summary.yoy_none": ("上年同期({label})数据不完整,不作同比。",
                         "The records do not cover the same period a year before ({label}) "
                         "whole, so no change is given."),
    "summary.mom_zero": ("上期({label})没有可比的数据,不作环比。",
                         "The previous period ({label}) has nothing to compare with. "),
    "summary.yoy_zero": ("上年同期({label})没有可比的数据,不作同比。",
                         "A year before ({label}) there is nothing to compare with."),
    "summary.up": ("{what}增长 {pct}", "{what} up {pct}"),
    "summary.down": ("{what}下降 {pct}", "{what} down {pct}"),
    "summary.flat": ("{what}持平", "{what} unchanged"),
    "summary.behind": ("以下结对落后于年度目标进度:{items}。",
                       "Behind their pro-rated annual targets: {items}. "),
    "summary.behind_many": ("以下结对有指标落后于年度目标进度(详见目标进度表):{items}。",
                            "Behind some of their pro-rated annual targets (see the progress "
                            "table): {items}. "),
    "summary.behind_item": ("{pairing}({metrics})", "{pairing} ({metrics})"),
    "summary.all_on_track": ("各结对均达到年度目标进度。",
                             "Every pairing is on track for its annual targets. "),
    "summary.silent": ("以下结对连续两个月以上没有活动记录:{items}。",
                       "No activity recorded for two months or more in a row: {items}."),
    # figure descriptions (alt text and captions)
    "fig.monthly": ("{year} 年各月活动次数,按活动类型堆叠", "Activity per month of {year}, "
                    "stacked by kind"),
    "fig.monthly_alt": ("柱状图:{year} 年 1 月至 {end} 每月各类活动的次数/数量,按类型堆叠",
                        "Bar chart: count of each kind of activity per month, from January "
                        "{year} to {end}, stacked by kind"),
    "fig.progress": ("培训、走访社工站的年度目标完成率", "Share of the annual targets of "
                     "trainings and station visits reached"),
    "fig.progress_alt": ("条形图:各结对培训和走访社工站的年内累计占年度目标的比例,"
                         "虚线为按进度应完成的比例",
                         "Bar charts: year-to-date share of the annual target for trainings "
                         "and station visits per pairing; a dashed line marks the share "
                         "expected by now"),
    "fig.map": ("结对帮扶关系图", "Map of the pairings"),
    "fig.map_alt": ("地图:各结对从帮扶机构所在地指向受援地的箭头",
                    "Map of China: an arrow from each mentor agency's place to its mentee's "
                    "county"),
    "fig.county": ("{county}社工站分布与本期走访", "Stations of {county} and the visits of "
                   "the period"),
    "fig.county_alt": ("地图:{county}的边界和社工站,本期走访过的站点为实心,未走访的为空心",
                       "Map of {county}: its outline and its social-work stations, filled "
                       "where visited in the period and hollow where not"),
    "map.reached": ("本期已走访社工站", "station visited in the period"),
    "map.not_reached": ("本期未走访社工站", "station not visited"),
    "map.schematic": ("站点按名称在县域内均匀示意排列,\n并非实际位置。",
                      "Stations are spread evenly inside\nthe county, in the order of their\n"
                      "names: not their real places."),
    "map.county_title": ("{county}:社工站与本期走访", "{county}: stations and visits"),
    "plot.capped": ("超出 {cap}% 的部分截断,数值见条末", "bars beyond {cap}% are cut; the value "
                    "is written at the end"),
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
    "index.docx": ("Word", "Word"),
    "index.pdf": ("PDF", "PDF"),
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
    # sgnet validate: an approvals file that cannot be read
    "validate.approvals_unreadable": ("无法核对已审核期间的记录:{error}",
                                      "the approved records cannot be checked: {error}"),
    # sgnet extract: a file that is not plain text
    "extract.not_text": ("{file} 是{what},不是纯文本;请在 Word/WPS 中“另存为”纯文本(.txt)后再提取",
                         "{file} is {what}, not plain text; save it as plain text (.txt) in "
                         "Word or WPS and extract that"),
    "extract.what.zip": ("Word 或 Excel 文件(.docx/.xlsx)", "a Word or Excel file (.docx/.xlsx)"),
    "extract.what.ole": ("旧版 Word 或 Excel 文件(.doc/.xls)",
                         "an old Word or Excel file (.doc/.xls)"),
    "extract.what.pdf": ("PDF 文件", "a PDF file"),
    "extract.what.binary": ("二进制文件(不是 UTF-8、GB18030 或 UTF-16 文本)",
                            "a binary file (not UTF-8, GB18030 or UTF-16 text)"),
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




def check_options(audience: str, lang: str) -> None:
    """Raise :class:`ReportError` unless ``audience`` and ``lang`` are known.

    Examples
    --------
    >>> check_options("funder", "zh")
    >>> check_options("funders", "zh")
    Traceback (most recent call last):
    ...
    sgnet.errors.ReportError: audience must be one of funder, internal, not 'funders'
    """
    if audience not in AUDIENCES:
        raise ReportError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    if lang not in LANGS:
        raise ReportError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


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
    "report.silence_rule": (
        "连续 {months} 个月及以上没有任何活动或成果记录的结对:",
        "Pairings with no activity or outcome recorded for {months} months or more in a row:"),
    "report.silence_none": ("本期没有连续 {months} 个月无记录的结对。",
                            "No pairing was silent for {months} months or more."),
})
WORDS.update({
    # sgnet report / batch: why a run wrote nothing (messages, not tracebacks)
    "run.path_not_utf8": (
        "路径 {path} 的名称不是 UTF-8 编码(例如 GBK 压缩包或旧共享盘解出的文件夹名),报告无法"
        "记录它;请把该文件夹改名(在本机重新输入中文名)后再运行。",
        "the path {path} is not named in UTF-8 (a folder name in GBK, as an old zip file or a "
        "Windows share gives it), so a report cannot record it; rename that folder (type its "
        "name again on this machine) and run again."),
    "run.not_placed": (
        "无法写入 {path}({reason});此前的报告文件保持不变。请关闭打开该文件的程序(如 Word)"
        "后再运行。",
        "cannot write {path} ({reason}); the earlier report's files are left as they were. "
        "Close the program that holds it open (Word, for one) and run again."),
    "run.refused": (
        "数据有 {n} 个问题,未生成报告;完整清单请运行 `sgnet validate`。",
        "the data has {n} problem(s), so no report was written; run `sgnet validate` for "
        "the full list."),
    "run.refused_rows": (
        "数据有 {n} 个问题,未生成报告;完整清单请运行 `sgnet validate`;或加 --allow-rejected,"
        "不计入这些行生成报告。",
        "the data has {n} problem(s), so no report was written; run `sgnet validate` for "
        "the full list, or pass --allow-rejected to report without those rows."),
})
