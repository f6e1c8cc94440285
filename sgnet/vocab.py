"""Vocabulary: table and column names, their Chinese aliases, canonical values and labels.

Everything a user may type in Chinese (sheet names, headers, kinds, roles, modes) maps here to
one canonical form, and the words a report shows come from :mod:`sgnet.words`.
"""

from __future__ import annotations

__all__ = [
    "TABLES",
    "FILE_STEMS",
    "SHEET_ALIASES",
    "COLUMN_ALIASES",
    "ORG_KINDS",
    "ROLES",
    "ACTIVITY_KINDS",
    "MODES",
    "VALUE_ALIASES",
    "TRUE_VALUES",
    "FALSE_VALUES",
    "MILESTONE_KINDS",
    "STATUSES",
    "HEADER_HINTS",
    "HEADERS",
    "TABLE_ALIASES",
    "METRIC_SUFFIXES",
]

TABLES: tuple[str, ...] = (
    "organizations", "people", "pairings", "targets", "activities", "milestones",
)

#: file stems accepted for each table in a folder (canonical, then Chinese)
FILE_STEMS: dict[str, tuple[str, ...]] = {
    "organizations": ("organizations", "机构"),
    "people": ("people", "人员"),
    "pairings": ("pairings", "结对"),
    "targets": ("targets", "目标"),
    "activities": ("activities", "活动"),
    "milestones": ("milestones", "成果"),
}

SHEET_ALIASES: dict[str, str] = {
    alias: table for table, stems in FILE_STEMS.items() for alias in stems
}

#: Chinese (and a few English) headers accepted for each canonical column
COLUMN_ALIASES: dict[str, str] = {
    "机构编号": "org_id",
    "机构名称": "name",
    "名称": "name",
    "类型": "kind",
    "行政区划": "region",
    "地区": "region",
    "行政区划代码": "region",
    "上级机构": "parent_id",
    "人员编号": "person_id",
    "姓名": "name",
    "所属机构": "org_id",
    "角色": "role",
    "党员": "party_member",
    "是否党员": "party_member",
    "入职日期": "since",
    "结对编号": "pairing_id",
    "帮扶机构": "mentor_org_id",
    "受援机构": "mentee_org_id",
    "项目": "program",
    "指标": "metric",
    "年度": "year",
    "目标值": "value",
    "活动编号": "activity_id",
    "活动类型": "kind",
    "开始日期": "start_date",
    "结束日期": "end_date",
    "主办机构": "host_org_id",
    "服务对象机构": "target_org_id",
    "带领督导": "lead_person_ids",
    "次数": "count",
    "数量": "count",
    "参与人数": "participants",
    "人次": "participants",
    "时长": "hours",
    "小时数": "hours",
    "方式": "mode",
    "主题": "topic",
    "来源": "source",
}

ORG_KINDS: tuple[str, ...] = ("agency", "station", "community", "government", "school", "other")
ROLES: tuple[str, ...] = (
    "supervisor", "social_worker", "manager", "volunteer", "official", "mentor",
)
ACTIVITY_KINDS: tuple[str, ...] = (
    "training",
    "individual_supervision",
    "group_supervision",
    "station_visit",
    "household_visit",
    "interview",
    "exchange_visit",
    "sharing_session",
    "mentoring",
    "stay",
    "other",
)
MODES: tuple[str, ...] = ("onsite", "online")

#: Chinese names accepted as aliases of canonical values, per value domain
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "org_kind": {
        "社工机构": "agency", "社会工作服务机构": "agency", "机构": "agency",
        "社工站": "station", "社会工作服务站": "station", "乡镇社工站": "station",
        "社工总站": "station", "站点": "station",
        "社区": "community", "村": "community", "社区/村": "community", "村居": "community",
        "民政部门": "government", "民政局": "government", "街道": "government",
        "政府": "government", "民政部门/街道": "government",
        "高校": "school", "学校": "school", "其他": "other",
    },
    "role": {
        "督导": "supervisor", "社工": "social_worker", "社会工作者": "social_worker",
        "主管": "manager", "站长": "manager", "主管/站长": "manager",
        "志愿者": "volunteer", "义工": "volunteer", "官员": "official", "干部": "official",
        "导师": "mentor",
    },
    "activity_kind": {
        "培训": "training", "集中培训": "training",
        "个别督导": "individual_supervision", "个督": "individual_supervision",
        "团体督导": "group_supervision", "团督": "group_supervision",
        "小组督导": "group_supervision",
        "走访社工站": "station_visit", "走访站点": "station_visit",
        "入户走访": "household_visit", "探访": "household_visit", "家访": "household_visit",
        "社工访谈": "interview", "访谈": "interview",
        "参观交流学习": "exchange_visit", "交流学习": "exchange_visit",
        "参观学习": "exchange_visit", "参观交流": "exchange_visit",
        "分享会": "sharing_session",
        "结对": "mentoring", "传帮带": "mentoring", "结对/传帮带": "mentoring",
        "其他": "other",
    },
    "mode": {"线下": "onsite", "现场": "onsite", "线上": "online", "网络": "online"},
}

TRUE_VALUES = frozenset({"true", "1", "yes", "y", "是", "t"})
FALSE_VALUES = frozenset({"false", "0", "no", "n", "否", "f"})


# --------------------------------------------------------------------------- program measures
# Stays (驻点), outcomes (成果, the milestones table) and the review status of records
# (issue #15). Kept in one block so that it merges beside other edits of this module.

#: kinds of outcome a pairing reports in the milestones table
MILESTONE_KINDS: tuple[str, ...] = (
    "station_built", "agency_cultivated", "talent", "project", "policy", "brand", "other",
)
#: review status of an activity or milestone record
STATUSES: tuple[str, ...] = ("draft", "submitted", "approved", "returned")

COLUMN_ALIASES.update({
    "成果编号": "milestone_id",
    "成果类型": "kind",
    "成果日期": "date",
    "成果名称": "name",
    "佐证": "evidence",
    "佐证材料": "evidence",
    "证明材料": "evidence",
    "状态": "status",
    "审核状态": "status",
})
VALUE_ALIASES["activity_kind"].update({
    "驻点": "stay", "派驻": "stay", "驻点服务": "stay", "驻点督导": "stay",
})
VALUE_ALIASES["milestone_kind"] = {
    "建成社工站": "station_built", "示范社工站": "station_built", "建成示范社工站": "station_built",
    "建站": "station_built",
    "培育本土机构": "agency_cultivated", "培育机构": "agency_cultivated",
    "本土机构": "agency_cultivated",
    "培养人才": "talent", "人才培养": "talent", "本土人才": "talent",
    "服务项目": "project", "项目": "project",
    "制度": "policy", "制度建设": "policy",
    "品牌": "brand", "品牌建设": "brand",
    "其他": "other",
}
VALUE_ALIASES["status"] = {
    "草稿": "draft", "已提交": "submitted", "提交": "submitted",
    "已审核": "approved", "审核通过": "approved", "通过": "approved",
    "退回": "returned", "已退回": "returned",
}

# --------------------------------------------------------------------------- real 台账

#: more headers people write for a column, mapped as aliases are
COLUMN_ALIASES.update({
    "参训人数": "participants", "参与人次": "participants", "参加人数": "participants",
    "人数": "participants", "服务人次": "participants",
    "场次": "count", "活动次数": "count", "小时": "hours", "培训时长": "hours",
    "督导时长": "hours", "活动日期": "start_date",
    "服务方式": "mode", "活动主题": "topic", "所属结对": "pairing_id",
})

#: words that make an unknown header *look like* a column (a problem naming both, never an
#: extra column that hides the canonical one): see :func:`sgnet.parse.looks_like`
HEADER_HINTS: dict[str, tuple[str, ...]] = {
    "pairing_id": ("结对", "帮扶项目", "项目编号"),
    "participants": ("人数", "人次", "参训", "参加"),
    "count": ("次数", "场次", "个数", "户数"),
    "hours": ("时长", "小时", "学时", "课时", "时数", "用时"),
    "start_date": ("开始", "日期", "时间"),
    "end_date": ("结束", "截止", "完成", "到期"),
    "lead_person_ids": ("督导老师", "带领", "负责人", "督导"),
    "host_org_id": ("主办", "承办", "帮扶", "实施"),
    "target_org_id": ("服务对象", "受援", "服务机构", "对象"),
    "mode": ("形式", "线上", "线下"),
    "topic": ("内容",),
    "region": ("区划", "地区", "所在地"),
    "parent_id": ("上级", "所属单位", "主管"),
    "party_member": ("政治面貌", "党员"),
    "since": ("入职", "从业", "工作时间"),
}

#: how a target metric written in Chinese names the participants of a kind
#: (``培训人次`` → ``training_participants``); what is left must name the kind
METRIC_SUFFIXES: tuple[str, ...] = ("参与人次", "参与人数", "参训人数", "人次", "人数")

VALUE_ALIASES["activity_kind"].update({
    "培训次数": "training", "培训场次": "training", "个别督导次数": "individual_supervision",
    "团体督导次数": "group_supervision", "团督次数": "group_supervision",
    "个督次数": "individual_supervision", "走访社工站点": "station_visit",
    "走访站": "station_visit", "入户": "household_visit", "入户探访": "household_visit",
    "结对传帮带": "mentoring",
})

#: headers that name different columns in different tables (read for the table at hand)
TABLE_ALIASES: dict[str, dict[str, str]] = {
    "activities": {"日期": "start_date"},
    "milestones": {"日期": "date"},
}

#: the Chinese header of each column, per table (each is an alias in COLUMN_ALIASES)
HEADERS: dict[str, dict[str, str]] = {
    "organizations": {"org_id": "机构编号", "name": "机构名称", "kind": "类型",
                      "region": "行政区划", "parent_id": "上级机构"},
    "people": {"person_id": "人员编号", "name": "姓名", "org_id": "所属机构", "role": "角色",
               "party_member": "党员", "since": "入职日期"},
    "pairings": {"pairing_id": "结对编号", "mentor_org_id": "帮扶机构",
                 "mentee_org_id": "受援机构", "program": "项目", "start_date": "开始日期",
                 "end_date": "结束日期"},
    "targets": {"pairing_id": "结对编号", "metric": "指标", "year": "年度", "value": "目标值"},
    "activities": {"activity_id": "活动编号", "kind": "活动类型", "start_date": "开始日期",
                   "end_date": "结束日期", "pairing_id": "结对编号", "host_org_id": "主办机构",
                   "target_org_id": "服务对象机构", "lead_person_ids": "带领督导",
                   "count": "数量", "participants": "参与人数", "hours": "时长", "mode": "方式",
                   "topic": "主题", "source": "来源", "status": "状态"},
    "milestones": {"milestone_id": "成果编号", "pairing_id": "结对编号", "kind": "成果类型",
                   "date": "日期", "count": "数量", "name": "成果名称", "evidence": "佐证材料",
                   "status": "状态"},
}
