"""Vocabulary tables for :mod:`sgnet.extract`, kept as data.

Every pattern here is a regular-expression fragment matched against *normalized* text:
simplified characters (OpenCC ``t2s``), full-width ASCII folded to half-width (so ``，`` is
``,`` and ``：`` is ``:``), ``。`` and ``、`` unchanged. Editing a table changes what the
extractor recognizes; no code needs to change.
"""

from __future__ import annotations

__all__ = [
    "KIND_TRIGGERS",
    "TRIGGER_NOT_FOLLOWED_BY",
    "STATION_NOUN",
    "EXCHANGE_CONTEXT",
    "OFFICIAL_VISITORS",
    "FIELD_LINE",
    "STATION_JOINERS",
    "SLOT_UNITS",
    "PEOPLE_UNITS",
    "HOUR_UNITS",
    "UNIT_PATTERN",
    "NUMBER_PATTERN",
    "APPROX_PREFIX",
    "APPROX_SUFFIX",
    "TOTAL_CUES",
    "SUM_CUES",
    "WHOLE_TRIP",
    "TABLE_ROW",
    "TITLE_QUOTE",
    "ADMIN_CHECKS",
    "POST_HEADER",
    "KIND_FIELD",
    "UNTIL",
    "PROJECT_START",
    "TARGET_SHARE",
    "PER_CUES",
    "PARTICIPATION_CUES",
    "STAFF_AFTER",
    "STAFF_BEFORE",
    "BREAKDOWN_CUES",
    "NEGATIVE_CLAUSE_CUES",
    "FUTURE_HEADINGS",
    "PUBLIC_AUDIENCE",
    "AGGREGATE_CUES",
    "EVENT_FRAMES",
    "CONTINUATION_START",
    "DURATION",
    "NEXT_DAY_WORDS",
    "SAME_DAY_WORDS",
    "FIRST_DAY_WORDS",
    "ONLINE_CUES",
    "ONSITE_CUES",
    "ONSITE_KINDS",
    "SESSION_KINDS",
    "STOP_MARKERS",
    "PUBLICATION_LABELS",
    "CAPTION_LINE",
    "NOT_QUANTITY",
    "PERSON_NOUNS",
    "APPROX_WORDS",
    "NOT_AFTER_DOTTED_DATE",
    "NEGATIVE_SENTENCE_CUES",
    "TOPIC_PATTERN",
    "RUNNING_TOTAL_CUES",
    "ANNUAL_CUES",
    "NOTICE_TITLES",
    "REPORT_TITLES",
    "WEEK_WORDS",
    "AFTER_END",
    "DATED_HEADING",
    "QUOTED_PAST",
    "PEOPLE_LIST_JOINER",
    "ACTIVITY_AFTER_BREAKDOWN",
    "PEOPLE_VISITED",
    "SUPERVISE_VERB",
    "INSPECTION_TITLES",
    "NOTICE_SECTIONS",
    "SUMMARY_TITLES",
    "GATHERED",
    "THIS_MONTH_HEADING",
    "DUTY_LIST_OPENER",
    "LAST_DAY_WORDS",
    "RECAP_LINE",
    "LOOK_BACK",
    "KEY_VALUE_LINE",
    "NOT_MENTORS",
    "RUN_IN_HEADING",
    "FUTURE_RUN_IN",
    "SLOGAN_QUOTE",
    "OWN_STATION",
    "INDICATOR_ACTUAL",
]

_NOT_PUNCT = r"[^,;:。!?、()]"
_NOT_STOP = r"[^,;:。!?]"

#: activity kind -> trigger patterns. The station-visit patterns need a visiting verb, so that
#: "为8个社工站的社工开展培训" (a place, not a visit) is not a station visit.
KIND_TRIGGERS: dict[str, tuple[str, ...]] = {
    "training": (
        r"(?<!参加了)(?<!参加)培训(?:班|会)?",
        r"参加培训(?=的[^,;。]{0,3}[\d一二两三四五六七八九十卅廿])",
        r"工作坊",
        r"(?:能力)?提升班|进修班|训练营|集训|实训(?!基地|室)",
        r"研修(?:班)?",
        r"研习(?:班|营|会)?",
        r"参训",
        r"轮训",
        r"授课",
        r"讲课",
        r"(?<!宣传)(?<!普法)(?<!科普)(?<!健康)讲座",
        r"(?:微|云)课堂",
        r"专题辅导",
        r"讲授",
        r"[给为]" + _NOT_PUNCT + r"{0,12}?上了?课(?!程)",
        r"(?:上|讲)了?(?:[一两二三四五六七八九十\d]+[堂节次]|半天|一天|一?整天|一?(?:上午|下午|晚上))"
        + _NOT_PUNCT
        + r"{0,20}?课(?!程)",
        # "带来一堂题为“...”的专题课": a lesson counted by its measure word
        r"[一两二三四五六七八九十\d]+[堂节]" + _NOT_PUNCT + r"{0,25}?课(?!程|题|件|时|表)",
        r"专题课|示范课",
        # "督导线上带领我们举办了读书会": a reading club the mentor leads is a lesson
        r"(?:督导|老师|导师|专家|师父|师傅)" + _NOT_STOP + r"{0,12}?(?:带领|主持|领着|带着)"
        + _NOT_STOP + r"{0,16}?读书会",
        # "给全县社工讲“需求评估”", "在县中心讲"服务计划"": a lecture named by its title
        r"(?:[给为向在]" + _NOT_PUNCT + r"{0,12}?)讲(?:了|授)?(?=[“\"「《])",
    ),
    "individual_supervision": (
        r"个别督导",
        r"(?<![一二两三四五六七八九十几\d每这那各整])个督(?!导|促)",
        r"一对一督导",
        r"个案督导",
        r"案例督导",
        r"个案辅导",
    ),
    "group_supervision": (
        r"团体督导",
        r"(?<!导)团督(?!导|促)",
        r"小组督导",
        r"集体督导",
        r"以(?:小组|团体)(?:的)?(?:形式|方式)(?:进行|开展)(?:了)?督导",
        r"研讨疑难个案",
        r"(?<!团体)督导会",
        r"(?:个案|案例)会诊",
        r"疑难个案研讨",
        r"个案研讨会?(?!记录|报告)",
        r"(?:个案|案例)督导会",
        r"案例研讨会?",
        # "进行了一次线上督导,共有15名社工参加": supervision online with several people
        r"(?<!个别)(?<!一对一)(?:线上|视频|远程|云端|网络)督导(?!员|组|会|老师|团队)"
        r"(?=[^。]{0,16}?(?:[2-9]|\d{2}|[两三四五六七八九十])[^。,;]{0,4}?(?:名|人|位))",
    ),
    "station_visit": (
        r"(?:走访|实地督导|巡回督导|巡查|巡站|深入(?!浅出)|来到|到访|前往|实地查看|察看|探访|考察(?![组团])|调研(?![组团])|巡访|进驻|下沉到?|分赴|(?<!前)赴"
        r"|去了|走了|跑了|跑到|(?<![观查收])看了|下到|走进|(?:先后|分别|分头)到|到了|转往|转赴)"
        # "跑了一天,上午在某站...": a time spent, not a station reached
        + r"(?:了)?(?![一两二三四五六\d半整]+天|一上午|一下午)" + _NOT_STOP
        + r"{0,60}?(?:社会工作服务站|社工服务站|社工站|站点|服务站|个站(?!长)|[仨俩]站(?!长))",
        # "3.18 周一 / 到某镇社工站,与站长座谈...": a diary sentence opening at a station
        r"^(?:上午|下午|先|再|又)?(?:(?:坐|乘|搭|开|骑)[^,;。]{0,12}?[车船]|步行|驱车"
        r"|(?:早上|上午|下午|一早)?[^,;。]{0,6}?(?:出发|动身|启程))?"
        r"(?:到|去)(?!我们|咱们)[^,;。]{0,20}?"
        r"(?:社会工作服务站|社工服务站|社工站)(?=[,;。])"
        r"(?![^。]*(?:个别督导|个督|团体督导|团督|培训|授课|讲座|上课))",
        # "...,一共三个站": a total of the stations gone to
        r"(?:一共|总共|共计)(?:去了|走了|跑了|走访了?)?(?=[\d一二两三四五六七八九十]{1,3}个(?:社工)?站)",
        # "完成了对6个社工站的实地走访": the visit named after the stations
        r"(?:社会工作服务站|社工服务站|社工站|站点)的?(?:实地)?(?:走访|探访|巡访|巡查)",
        r"(?:社会工作服务站|社工服务站|社工站)接受了?" + _NOT_STOP
        + r"{0,6}?实地(?:督导|指导|走访)",
        # "对石门镇社工站进行了实地督导": the stations supervised on the spot
        r"对" + _NOT_STOP + r"{0,20}?(?:社会工作服务站|社工服务站|社工站|站点)(?:进行|开展)了?"
        r"(?:[一二两三四五\d]次)?(?:实地|现场)?(?:督导|走访|巡查|指导)(?!员|组|会)",
        r"(?:督导|走访|服务)范围覆盖" + _NOT_STOP + r"{0,20}?(?:社会工作服务站|社工服务站|社工站)",
        r"(?<![在对为])到" + _NOT_STOP + r"{0,20}?(?:社会工作服务站|社工服务站|社工站)"
        # "到某站开展个别督导": the station is only where another activity took place
        + r"(?=调研|实地|督导|走访|指导"
        r"|开展(?!了?(?:个别|团体|小组|集体|一对一|个案|案例|团督|个督|培训|讲座|授课)))",
    ),
    "household_visit": (
        r"入户(?:走访|探访|家访|慰问|访视|探视)?",
        r"家访",
        r"探访" + _NOT_PUNCT + r"{0,12}?(?:家庭|户|老人|儿童|个案|群众|对象)",
        r"走访慰问",
        r"慰问" + _NOT_PUNCT + r"{0,8}?(?:家庭|户)",
        r"上门(?:走访|探访|慰问|探视)",
        r"(?:去|走|跑|到)了?(?=[\d一二两三四五六七八九十]{1,3}户)",
        # "走访站点5个、农户12户": the visiting verb shared by a list of objects
        r"(?<=、)(?:农户|住户|困难户|困难家庭|家庭)(?=[\d一二两三四五六七八九十]{1,3}户)",
        r"走访(?:了)?" + _NOT_PUNCT + r"{0,12}?(?:家庭|\d+户|[一二两三四五六七八九十]+户|个案"
        + r"|困难群体|困难群众|困境|老人)",
    ),
    "interview": (
        r"(?<!座)访谈",
        # "逐一面谈,做个别督导": the talk is the supervision
        r"面谈(?![^。]{0,12}(?:个别督导|个督))",
    ),
    "exchange_visit": (
        # "参观学习了红军长征的历史": a memorial or a museum, not another agency's work
        r"参观学习(?!了?[^,;。]{0,12}(?:历史|纪念馆|旧址|遗址|博物馆|展览馆|革命|红色))",
        r"参观交流",
        r"交流学习",
        r"学习交流",
        r"考察学习",
        r"学习考察",
        r"观摩学习",
        # "观摩了某社区的服务项目": observing something named, not watching an event ("到场观摩")
        r"(?<!到场)(?<!现场)(?<!在场)观摩了?(?!学习|课|会|活动|[^,;。]{0,6}社工站)(?=[^,;。!?、\s])",
        r"跟岗(?:学习|实践|锻炼)?",
        r"参访",
        r"取经",
        r"游学",
    ),
    "sharing_session": (
        r"分享(?:交流)?会",
        r"交流分享会",
        r"经验交流会",
        r"读书会",
        r"分享(?:交流)?活动",
        r"沙龙",
    ),
    "mentoring": (
        r"师徒(?:结对|配对)",
        r"结对仪式",
        r"结成师徒",
        r"师徒对子",
        r"拜师",
        r"传帮带",
        r"师带徒",
        r"(?<!驻点)带教(?!协议)",  # "为期一周的驻点带教": a stay
    ),
}

#: "共督导社工45人次": supervising counted by the people supervised, an individual supervision
#: when the sentence names no other supervision (then they are its people)
SUPERVISE_VERB = (
    r"(?<![团小集体别案例])督导(?:了)?(?:本土|一线|站点|乡镇|骨干)?社工(?=[共计]{0,2}"
    r"[\d一二两三四五六七八九十]+(?:人|名|位))"
)

#: words that put what follows over the whole trip told before ("三天里", "两天下来", "期间")
WHOLE_TRIP = (r"(?:这|那)?[两三四五六七八九十\d]+(?:天|日)(?:里|中|来|下来|之间|之内|间|行程中)"
              r"|(?:驻点|活动|行程)?(?:期间|其间)|行程中")
#: what opens a table row read as a sentence of a total ("统计表:9月,共团体督导4次。")
TABLE_ROW = "统计表:"
#: a quoted title after 主题是/题目是/题为 ("主题是“我最难忘的一次入户”"): triggers in it are words
_QUOTED_TITLE = r"[“\"「『][^”\"」』]{1,40}[”\"」』]"
TITLE_QUOTE = rf"(?:(?:主题|题目|课题|话题)(?:是|为)?:?\s*|题为){_QUOTED_TITLE}"
#: "入户核查38户", "走访排查困难群众90户": an administrative check, not a mentor's visit
ADMIN_CHECKS = r"核查|排查|摸排|核实|摸底"
#: a trigger immediately followed by one of these is a topic or a thing, not an event
#: ("入户走访方式", "培训主题", "督导模式", "访谈提纲", "实习基地").
TRIGGER_NOT_FOLLOWED_BY = (
    r"方式|方法|技巧|能力|流程|记录|知识|内容|主题|制度|体系|模式|平台|协议|基地|实习|需求|计划"
    r"|方案|课程|师资|老师|讲师|机构|中心|经费|费用|证书|提纲|过程|教材|资料|手册"
    r"|成果|效果|质量|成效"
    # a reference to an activity told before ("培训结束的次日", "前一天家访的记录")
    r"|的?(?:结束|记录|笔记|照片|资料|材料|档案|台账)|结束"
    # "分享各自第一次入户的经历", "讲入户服务的故事": what was told, not what was done
    r"|(?:服务)?的?(?:经历|故事|体会|心得|感受|感悟)"
    # "在访谈中,...": the activity told before, as a frame
    r"|中[,:]"
    # "培训采用线上线下相结合的方式": how the activity told before was held
    r"|采用|采取|"
    + ADMIN_CHECKS
)

#: a station "visit" in a sentence with these is a stop of visitors on an exchange visit
#: ("参访团先后到A镇、B镇社工站实地观摩"), not the mentor's station visit
EXCHANGE_CONTEXT = r"参访|观摩|跟岗|参观|学员|考察团"
#: a station "visit" by officials is an inspection, not the mentor's station visit
OFFICIAL_VISITORS = (
    r"(?:领导|厅长|局长|书记|县长|市长|区长|州长|镇长|乡长|部长|处长|科长|常委|主席)"
    r"[\u4e00-\u9fff]{0,3}?(?:一行|等|率队|带队|带领|率领|莅临|到|来到|深入)|主任(?:一行|等)"
    # teams that survey, inspect or evaluate: they check the work, they do not mentor
    r"|评估组|评估团队|评估专家|第三方评估|督查组|核查组|调研组|检查组|考核组"
)

#: what a station visit visits, and how several visited stations are joined
STATION_NOUN = r"(?:社会工作服务站|社工服务站|社工站|站点|服务站)"
STATION_JOINERS = r"以及|、|和|及|与"

#: number and units. Units listed longest first.
NUMBER_PATTERN = r"\d+(?:\.\d+)?[万千]|\d+|[零〇一二两三四五六七八九十百千万廿卅]+|仨|俩"
APPROX_PREFIX = (
    r"近|约有?|逾|超过|大约|大概|将近|共计|共有|共|累计|合计|总计|总共|一共|达到?"
)
APPROX_SUFFIX = r"余|多|来|几"
#: prefixes (of APPROX_PREFIX) that make a number approximate
APPROX_WORDS = r"近|约有?|逾|超过|大约|大概|将近"
#: number-like idioms that are not quantities, hidden before numbers are read
NOT_QUANTITY = r"一对一|一对多|一线|一同|一起|一行(?=[^\d一二两三四五六七八九十])|手把手"
#: "N个" followed by these counts people ("四个社工", "七八个社工")
PERSON_NOUNS = (
    r"(?:站点|乡镇|村级|基层|镇村|各站)?[新老青年轻本土地当骨干一线专职]{0,3}"
    r"(?:社工(?!站|服务站|机构|中心)|人|同工|站长|学员|督导|老师|工作人员|骨干|小?伙伴|同事)"
)
UNIT_PATTERN = (
    r"人次|场次|课时|学时|个小时|小时|个人(?!员|成长|能力|信息)|名(?!单|义)|位(?!置)|人(?!员)"
    r"|站次|户次|批次|场|期(?!间)|次(?!性)|堂|节(?!日)|讲(?![座课授解话述师究])"
    r"|轮|批|户|对|个(?!月|人)|家(?!长|属)|所|处|天"
)
PEOPLE_UNITS = ("人次", "名", "位", "人", "个人")
HOUR_UNITS = ("课时", "学时", "小时", "个小时")
_SESSIONS = ("场次", "场", "期", "次", "堂", "节", "轮", "讲")

#: activity kind -> column -> units that fill it
SLOT_UNITS: dict[str, dict[str, tuple[str, ...]]] = {
    "training": {"count": _SESSIONS, "participants": PEOPLE_UNITS, "hours": HOUR_UNITS},
    "individual_supervision": {
        "count": ("场次", "场", "次", "节"), "participants": PEOPLE_UNITS, "hours": HOUR_UNITS,
    },
    "group_supervision": {
        "count": _SESSIONS, "participants": PEOPLE_UNITS, "hours": HOUR_UNITS,
    },
    "station_visit": {"count": ("个", "家", "所", "处", "站次")},
    "household_visit": {"count": ("户", "家", "户次")},
    "interview": {"count": PEOPLE_UNITS},
    "exchange_visit": {"count": ("批次", "次", "批", "场"), "participants": PEOPLE_UNITS},
    "sharing_session": {"count": ("场次", "场", "期", "次"), "participants": PEOPLE_UNITS},
    "mentoring": {"count": ("对",), "participants": PEOPLE_UNITS},
}

#: a number right after these (within a few characters) is a total and wins over others
TOTAL_CUES = r"共|累计|合计|总计|总共|一共|全年"
#: a share of a target ("完成年度计划的58%"): it names no period of the total before it
TARGET_SHARE = r"(?:完成|占|达到?)?(?:全?年度?|全年)(?:计划|目标|任务)数?的?(?:\d+(?:\.\d+)?%)?"
#: the words before the day a running total was counted to ("截至2024年12月31日")
UNTIL = r"(?:截至|截止|截止到|截至到)"
#: the start of a project, of which running totals count ("项目执行期为2024年7月至...")
PROJECT_START = (r"项目(?:执行期|实施期|周期|服务期|期限)?(?:为|是|:|自|从|于)?\s*"
                 r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?"
                 r"(?:起|开始|启动|实施|至|到|—|-|~)")
#: a sum over the period a sentence names ("8月,...共入户走访二十三户"), not a word with 共 in it
SUM_CUES = r"(?<!公)共(?![同青建享商识产事处])|累计|合计|总计"
#: a number right after these is per session or per person, never a total ("每次约十人参加")
PER_CUES = r"每"
#: people numbers near these are participants even several clauses away ("二十三名社工参加")
PARTICIPATION_CUES = (
    r"参加|参与|参训|受训|接受了?|出席|覆盖|受益|到场|收看|观看|听课|听讲|参会|听(?=[.。,;]|$)"
    r"|来了|到了|上线|连线|轮流"
)
#: people followed by these gathered for the activity told just before them
GATHERED = r"[^,;。]{0,6}?(?:围坐|围成|齐聚|聚在|到场|参加|参与|出席|参训|全部到齐|都来了|来了)"
#: people followed by these are the supervisors themselves, not the people served
STAFF_AFTER = r"[^,;。、]{0,4}?(?<!团体)(?<!个别)(?<!小组)(?<!集体)(?:督导|老师|专家|讲师|导师)"
STAFF_BEFORE = (r"(?:督导|老师|专家)[^,;。]{0,6}一行"
                # "派驻督导2名", "派出督导4人次": the mentors sent, not the people served
                r"|(?:派驻|派出|选派|外派|派遣|委派)[^,;。]{0,4}(?:督导|专家|老师|讲师|社工)(?:人员)?")
#: numbers after these are a breakdown of the number before ("其中留守儿童家庭八户")
BREAKDOWN_CUES = r"其中|包括|分别为"

#: "应几个站长的要求": why something was done, not a rule (fixed-width look-behinds)
_AT_REQUEST = "".join(f"(?<!应{'.' * n}的)" for n in range(1, 9))
#: a trigger whose clause matches one of these is a plan, a rule, a purpose or a recurring
#: arrangement, not something that happened
NEGATIVE_CLAUSE_CUES = (
    r"(?<![按照据依])(?<!照年度)(?<!据年度)(?<!按年度)计划(?![”\"#」』》]|项目)|拟于?|将于|将要|将继续|将会|即将|下一步|下步|下月|下季度|下阶段|下一阶段|今后|定于|明年|明天|明日|听日|后天|下周|下个月|预计|打算|争取|力争"
    r"|不少于|至少|将(?=[^,;。]{0,6}(?:开展|举办|组织|召开|进行|带教|走访|培训|督导))"
    r"|^(?:为了|为加强|为提升|为提高|为推动|为促进|为落实|为贯彻|为进一步|为更好|旨在)"
    r"|每月|每季度|每周|每年|每次|每天|每名|每位|如何|是否|能否|能不能|可不可以|须|需要|应当|"
    + _AT_REQUEST + r"要求|结束后|完成后"
    r"|以为|等(?:方式|形式|手段|途径|措施|举措|方法)|(?:参加|接受|参与)过|等各项(?:工作|任务)"
    # "双方就下半年开展个别督导等工作进行了沟通": the topic of a talk, not what was done
    r"|就[^,;。]{2,40}?(?:进行了?|作了?|开展了?)?(?:沟通|商讨|探讨|磋商|研讨|交换意见)"
    r"|如果|假如|要是|建议|倡议"
    r"|未能|未(?:开展|举办|进行|成行)|没(?:有)?(?:开展|举办|进行)|取消|暂停|推迟|延期|原定"
    # a target and how far it is met ("年度培训目标(4场)完成50%"), not an event
    r"|目标\s*[(:为是]?\s*[\d一二两三四五六七八九十]|目标[^,;。]{0,6}完成|完成率|覆盖率"
    r"|完成(?:了)?\d+(?:\.\d+)?%"
    # a deadline ("请于9月5日前将参训人员回执报...")
    r"|于[^,;。]{1,12}日前|回执"
)
#: a paragraph's text before a sentence ending in one of these opens a list of duties or targets
#: ("对2025年工作进行了部署:一是...;二是..."): its items, up to the full stop, are not events
DUTY_LIST_OPENER = r"(?:部署|要求|任务|目标|规定|(?:作出|做出|进行了?)安排)(?:如下|是|为)?:[^。]*$"
#: a sentence whose head (before the trigger) matches one of these states a rule, a plan or
#: hearsay: none of its triggers happened ("会议要求,...", "根据协议,双方将...")
NEGATIVE_SENTENCE_CUES = (
    _AT_REQUEST + r"要求[,:]"
    r"|提出[,:]|规定[,:]|根据协议|要求各|打算|听说|有没有|希望|将(?:在|于|继续)"
    r"|拟(?!定|稿)"
    # "计划开展培训10场,走访社工站20个": the plan verb governs the list after it
    r"|(?:(?<![按照据依原的])(?<!照年度)(?<!据年度)(?<!按年度)计划|将|准备)(?:再|于|在)?"
    r"(?=开展|举办|组织|走访|进行|召开|完成)"
    # "这是牵手以来举办的第六次集中培训": the ordinal of the event just told, not another one
    r"|(?:^|,)(?:这|此|这已|这也|这已经)是[^,;。]{0,24}第[\d一二三四五六七八九十]+[次期场届轮]"
    r"[^,;。]{0,6}$"
)
#: people of these kinds are the public, not social workers: a "training" for them is outreach
PUBLIC_AUDIENCE = (
    r"居民|群众|村民|市民|学生|儿童|老人|老年人|长者|妇女|青少年|残疾人|家长|游客|党员|志愿者"
)

#: a heading line with these starts a section about the future; its triggers are skipped
FUTURE_HEADINGS = (
    r"下一步|下步|下阶段|下一阶段|工作计划|未来计划|明年计划|展望|打算|工作思路"
    r"|议定事项|会议决定|会议议定|会议部署"  # minutes: what the meeting decided to do
    r"|后续(?:工作)?(?:计划|安排|打算)"
    r"|(?:下半年|下季度|下月|下个月|下周|下星期|下期|明年|来年|\d{4}年)(?:度)?(?:的)?(?:各项)?"
    r"(?:工作)?(?:计划|安排|重点|预告|任务)(?![^,;。]{0,4}(?:完成|执行|落实)情况)"
)

#: a sentence with one of these and no day-precise date reports a total over a period
#: "2023年项目共培训...": a year named with a total, the total of that year
_YEAR_TOTAL = (r"(?<!\d)\d{4}年(?:度)?(?![\d一二三四五六七八九十]{1,2}月)[^,;。\d]{0,8}?"
               r"(?:共|累计|合计|总计)")
AGGREGATE_CUES = (
    _YEAR_TOTAL
    + r"|(?:去|今)年(?:全年|一年)?,|(?:去|今)年[^,;。\d]{0,8}?(?:共|累计|合计)"
    r"|^\d{4}年(?:度)?,|全年|一年来|这一年|截至|截止|本季度|今年来"
    # "年度第二轮", "下半年首次", "结对以来第五次": an ordinal, not a total
    r"|以来(?![^,;。]{0,6}(?:第|首))"
    r"|年度(?![^,;。]{0,3}(?:第|首))|(?:上|下)半年(?![^,;。]{0,3}(?:第|首))"
    r"|本年(?!度?[^,;。]{0,3}(?:第|首))"
    r"|年内|至今|迄今|历年|目前已|已(?:累计|先后)|(?:第[一二三四1-4]|[一二三四])季度"
    r"|(?:[两三四五六七八九十多近]|\d+)年(?:多)?来"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?(?:至|到|-|—|~)"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?!\d|[一二三四五六七八九十])"
)

#: a total with one of these runs to the day of writing: no dates
RUNNING_TOTAL_CUES = (
    r"以来|截至|截止|至今|迄今|历年|今年来|目前已|已(?:累计|先后)|(?:[两三四五六七八九十多近]|\d+)年(?:多)?来"
)
#: a total with one of these covers a whole year
ANNUAL_CUES = _YEAR_TOTAL + r"|去年|前年|今年|全年|年度|一年来|这一年|年内|本年|^\d{4}年(?:度)?,"

#: an event verb or frame before a trigger makes an undated, unnumbered mention credible
EVENT_FRAMES = (
    r"^(?:上午|下午|晚上|晚间|当晚|中午|傍晚)",
    r"(?:开展|举办|举行|召开|组织|进行|实施|开设|开办|参加|提供|完成|共同|张罗|搞|办)了?"
    + _NOT_PUNCT + r"{0,10}$",
    r"(?:^|[,;。”\"」])\s*在" + _NOT_PUNCT + r"{0,15}$",
    r"通过" + _NOT_PUNCT + r"{0,12}$",
)

#: a paragraph that starts with these continues the dates of the paragraph before
CONTINUATION_START = (
    r"^.{0,6}?(?:期间|其间|首日|当天|当日|同日|同天|次日|第二天|翌日|随后|之后|结束后|会后"
    r"|上午|下午|晚上|[一两二三四五六七八九十\d]+天(?:里|来|下来|中|内))"
)
#: "为期两天" / "2天的": the end date of a one-day start
DURATION = (r"为期([\d一两二三四五六七八九十]+)天|([\d一两二三四五六七八九十]+)天的"
            # "翌日起一连两天...探访了十一户", "四天跑了7个社工站"
            r"|(?:一连|连续|接连)([\d一两二三四五六七八九十]+)天"
            r"|(?<![\d一两二三四五六七八九十第])([\d一两二三四五六七八九十]+)天(?:里|内|之内)?"
            r"(?=跑了|走了|走访了|跑遍)")
#: units after "5.8" that make it a decimal, not a date
NOT_AFTER_DOTTED_DATE = r"个?小时|天|万|元|倍|分|米|亿|公里|岁|人|名|个|次|%"
#: a topic stated in the sentence of a trigger
TOPIC_PATTERN = (
    r"(?:主题|题目)(?:为|是|:)\s*(?P<topic>[“\"《「][^”\"》」]{2,40}[”\"》」]|[^,;。]{2,40})"
    r"|以(?P<topic2>[“\"《「][^”\"》」]{2,40}[”\"》」])为主题"
    r"|(?:主题|内容)(?:包括|涵盖)(?P<topic3>[^。;]{2,80}?)(?=等|。|;|$)"
    r"|讲(?:的是|授)(?P<topic4>[“\"《「][^”\"》」]{2,40}[”\"》」]|[^,;。]{2,20})"
)
#: a "label: value" line of a post ("📅时间:2023年5月8日", "👥参与人员:社工36人"): its date
#: and people count carry to the story below it
FIELD_LINE = (
    r"^\W{0,3}(?:活动|督导|服务)?(?P<label>时间|日期|参与人员|参与人数|参加人数|参训人数|参加人员"
    r"|被督导者|被督导人|督导对象)\s*:"
)
#: the header of a forum floor with its time ("3楼 某网友 2023-04-19 21:03")
POST_HEADER = (r"(?:\d+\s*[楼层#]|楼主|沙发|板凳|回复|发表于)[^,;。]*?"
               r"(?:(?P<y>\d{4})[-/.年])?(?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?\s+\d{1,2}:\d{2}")
#: the field of a record form naming what was done ("督导形式:团体督导(线下)"): a story line
KIND_FIELD = r"^\W{0,3}(?:督导|活动|服务)(?:形式|类型|类别|方式)\s*:"
#: image captions and picture markers of web pages ("图片|讲座现场", "[图片]", "(图)培训现场")
CAPTION_LINE = r"\[?图片?\]|\(图\)|图\d+[:|]|图片\s*\|"
NEXT_DAY_WORDS = r"次日|第二天|翌日|隔天|隔日"
SAME_DAY_WORDS = r"当天|当日|同日|同天|那天|那一天|这一天|当晚|当天晚上"
#: "上周三", "本周二": a weekday counted from the reference date
WEEK_WORDS = r"上个?星期|上个?礼拜|上周|本周|这周|这个星期"
#: "培训结束的次日": the next day counted from the end of the date before
AFTER_END = r"结束(?:的|后的?|之后的?)?$"
#: a heading that is a date ("9月11日 周一 晴", "3.18 周一"): a diary entry's day
DATED_HEADING = (
    r"^\W{0,2}(?:周|星期)[一二三四五六日天](?:(?:至|到|-|—|~)(?:周|星期)?[一二三四五六日天])?"
    r"(?:上午|下午|晚上|全天)?(?=\s|$|[()|])|"
    r"^(?:第[一二三四五六七八九十\d]{1,2}天|day\s*\d{1,2})?\W{0,3}"
    r"(?:(?:\d{4}[年.\-/])?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[月.\-/]"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]?"
    # "18日上午 ...": a day of the month the text is in
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])"
    # "7.16-7.17", "18日上午"
    r"(?:[-—~至](?:\d{1,2}[月.\-/])?\d{1,2}[日号]?)?(?:上午|下午|晚上|全天)?"
    r"(?=\s|$|[()|]|周|星期)"
)
FIRST_DAY_WORDS = r"首日|第一天|头一天"
#: a line that sums up what was told above ("本次驻点小结:培训1场、个督3人..."): its kinds told
#: before are not told again
RECAP_LINE = r"[^,。:]{0,16}(?:小结|汇总|合计|总计|统计)[:]"
#: a sentence head that looks back to an earlier time ("那时候", "十年前", "去年也去过,当时..."):
#: an event of it with no day of its own is a memory, not a fact of this report (a total of
#: last year, "去年共开展...", is still a total)
LOOK_BACK = (
    r"那时候|那时(?![起,])|那会儿|当年(?!度)|(?<![晚早])上次|(?:\d+|[一二两三四五六七八九十几]+)年前"
    r"|去年(?![\d一二三四五六七八九十]{1,3}月|底|末|年底|全年|共|累计|,)"
)
#: a line that is a key and its number ("参训人数:128人次"): a story line, not a heading, and
#: the other half of the fact on the line above ("培训场次:7场")
KEY_VALUE_LINE = (r"[^:,。]{2,10}:\s*\d+(?:\.\d+)?\s*(?:人次|人|名|场次|场|次|个|户|期)"
                  r"(?:\([^()]*\))?[;。]?")
#: "最后一天": the last day of the trip (the latest date range written)
LAST_DAY_WORDS = r"最后一天|最末一天|最后1天"

#: delivery mode cues, looked for in the sentence of the trigger
ONLINE_CUES = r"线上|网络|视频会议|腾讯会议|钉钉|云端|远程|直播|在线"
ONSITE_CUES = r"线下|实地|现场|驻点"
ONSITE_KINDS = ("station_visit", "household_visit", "exchange_visit")
#: kinds whose count is sessions although people are what reports give ("个督13人"): a
#: defaulted count of these is noted
SESSION_KINDS = ("individual_supervision", "group_supervision")

#: a line starting with one of these ends the story (footers, related headlines, replies)
STOP_MARKERS = (
    r"相关文章|相关阅读|相关新闻|相关链接|相关推荐|更多关于|更多新闻|推荐阅读|猜你喜欢|热门文章"
    r"|上一篇|下一篇|上一条|下一条|以上内容为|快照生成时间|版权所有|copyright|©|责任编辑|编辑[:|]"
    r"|友情链接|喜欢此内容的人还喜欢|使用道具|回复 |打印本页|关闭窗口|—+ ?end|分享到|扫一扫|长按"
    r"|\d+#"
)

#: labels that introduce the publication date of the page
PUBLICATION_LABELS = (
    r"发表时间|发布时间|发布日期|发表日期|发表于|发布于|发稿时间|时间|日期|posted|published"
)

#: a title with one of these is a recruitment notice, a plan, a policy explainer or an official
#: notice: its activities are duties, targets or methods, and nothing is drafted from it
#: titles of a report of work done that a programme's name ("某县督导计划") does not make a plan
REPORT_TITLES = r"年报|年度报告|简报|会刊|季刊|月刊"
NOTICE_TITLES = (
    r"招聘|诚聘|招募|(?:工作|帮扶|年度|行动|培训|督导)计划(?![^|]{0,8}(?:总结|进展|完成|回顾))"
    r"|实施方案|工作方案|工作要点|工作打算|下一步工作|政策解读|一图读懂|实施意见|印发"
    r"|的通知|公告|公报|公示|招标|喜报|表彰|获评|荣获"
)
#: section headings of a recruitment notice or a notice of a coming event; two of them make
#: the document a notice
NOTICE_SECTIONS = (
    r"岗位职责|任职要求|任职条件|薪酬待遇|福利待遇|报名方式|报名时间|应聘条件|招聘条件"
    r"|报到时间|参训对象|培训对象|报名条件"
)
#: a title with one of these and a year is a summary of a year or a half year: numbers without
#: a date of their own are totals over that period
SUMMARY_TITLES = (r"总结(?!会|大会|表彰)|小结(?!会)|年报|月报|季报|半年报|年度报告|工作报告"
                  r"|(?:执行|完成|进展|开展)情况的?(?:报告|汇报)"
                  r"|年终回顾|工作进展|这一年")

#: a section heading of a monthly brief ("一、本月工作概况"): its undated numbers are the month's
THIS_MONTH_HEADING = r"本月(?:工作|情况|概况|小结|总结|动态|数据|进展)"

#: a trigger in quoted speech after one of these is how things used to be ("“以前入户就是填表,
#: 现在...”"), not an event
QUOTED_PAST = r"以前|过去|曾经|以往|从前|原来|本来|以为|前年|去年|那会儿|那时候?|刚入行"
#: a title where officials inspect or survey (调研, 视察): its station "visits" are theirs
INSPECTION_TITLES = OFFICIAL_VISITORS + r"[^|]{0,20}?(?:调研|视察|检查|督查|考察|慰问)"

#: what may stand between two people numbers that are one list ("8名站长、12名一线社工"): a
#: noun without an activity in it, and a list mark
PEOPLE_LIST_JOINER = r"[^\d,;:。!?督培训访讲课会]{0,8}?(?:、|和|及|以及|与)"

#: "其中3人进行个别督导": the people after 其中 belong to another activity, not a breakdown
ACTIVITY_AFTER_BREAKDOWN = (
    r"[^,;。]{0,10}?(?:进行|开展|接受|做了?|实施)"
    # "督导共计68人次,其中个督44人次、团督24人次": supervision split by its kinds
    r"|(?:个督|团督|个别督导|团体督导|小组督导)\d"
)

#: people a household visit went to, counted instead of households: the public or those served,
#: before or after the number ("留守儿童12名", "15位独居老人")
_VISITED = r"(?:儿童|老人|老年人|长者|对象|群众|残疾人|低保户|特困户|困难户|家庭|个案|妇女)"
_NUM = r"\d+|[一二两三四五六七八九十百]+"
PEOPLE_VISITED = (
    rf"^[^,;。]{{0,14}}?{_VISITED}(?P<n1>{_NUM})(?:名|位|人|个)(?![次站])"
    rf"|^[^,;。]{{0,10}}?(?P<n2>{_NUM})(?:名|位|个)[^,;。\d]{{0,6}}?{_VISITED}"
)

#: the doers of a visit who are not the mentors ("志愿者们还走访慰问了5户"): their visits are
#: not the mentors' activities
NOT_MENTORS = r"志愿者|义工|爱心人士|大学生|学生们|网格员|村干部|党员们"
#: a numbered run-in heading of a brief ("(二)开展团体督导。5月21日,..."): a title for the
#: sentences after it on its line, not a fact of its own
RUN_IN_HEADING = r"[(]?[一二三四五六七八九十\d]{1,2}[)、.]\s*[^\d,;:。]{2,14}[。:]"
#: a numbered item that opens with a plan label ("三、下半年计划:继续开展..."): the future
FUTURE_RUN_IN = (r"^\W{0,2}(?:[一二三四五六七八九十\d]{1,2}[、.)]\s*)?[^,;:。]{0,6}?(?:"
                 + FUTURE_HEADINGS + r")[^,;:。]{0,4}:")
#: a quoted slogan listing kinds ("围绕“培训—督导—走访”三条主线"): words, not events
SLOGAN_QUOTE = r"[“\"「][^”\"」\d]{0,12}[—\-/+·][^”\"」\d]{0,12}[”\"」]"
#: the writer's own station ("督导来到我们高村镇社工站"): the station hosts, it is not visited
OWN_STATION = r"我们|咱们|我站|本站"
#: the column of an indicator table that holds what was done ("年度目标  实际完成  完成率")
INDICATOR_ACTUAL = r"实际完成|实际|完成数|完成(?!率)|实绩"
