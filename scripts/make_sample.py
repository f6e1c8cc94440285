#!/usr/bin/env python
"""Generate the bundled sample dataset in ``data/sample/``.

The sample models the 2021 "牵手计划" (and two related pairings): experienced
social-work agencies in eastern cities mentor agencies, county civil-affairs
bureaus and township social-work stations (社工站) in less developed counties.

* Organizations carry real place names (counties, townships, districts); the
  agencies and communities named in the seed reports are real, the other
  eastern agencies and all pairings except the seed one are illustrative.
* Every person is fictional: names are drawn from common surname and
  given-name characters (and, for Tibetan, Uyghur and Yi areas, from common
  name elements), never taken from the seed reports.
* The events told by the seed reports (``shared/seeds/000_*`` and ``002_*``)
  are included as recorded.

The output is deterministic: a fixed numpy seed, no clock, no network, fixed
row order, UTF-8 without BOM and ``\\n`` line endings.  Run::

    python scripts/make_sample.py [--out data/sample] [--seed 2021]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
from pathlib import Path

import numpy as np

SEED = 2031
FIRST_MONTH = (2021, 11)
LAST_MONTH = (2023, 12)

SEED_002 = "002_bf2ee07ba5deb974.txt"
SEED_000 = "000_763592cd99928a32.txt"

# --------------------------------------------------------------------------
# Organizations
# --------------------------------------------------------------------------
# Eastern mentor agencies: key -> (name, region code).  东莞 has no districts
# (441900 is the city itself); the others use their district code.
MENTORS = {
    "pengxing": ("东莞市鹏星社会工作服务社", "441900"),
    "ruixin": ("深圳市南山区睿心社会工作服务中心", "440305"),
    "qiming": ("广州市越秀区启明社会工作服务中心", "440104"),
    "tongxin": ("广州市天河区同心社会工作服务中心", "440106"),
    "mingxin": ("东莞市明心社会工作服务中心", "441900"),
    "yangguang": ("上海市浦东新区阳光社会工作服务社", "310115"),
    "hezhong": ("杭州市上城区和众社会工作服务中心", "330102"),
    "yongshan": ("宁波市海曙区甬善社会工作服务中心", "330203"),
    "zhiyuan": ("南京市鼓楼区致远社会工作服务中心", "320106"),
    "derun": ("济南市历下区德润社会工作服务中心", "370102"),
    "haizhixin": ("青岛市崂山区海之心社会工作服务中心", "370212"),
    "tongxing": ("厦门市湖里区同行社会工作服务中心", "350206"),
    "huimin": ("北京市朝阳区惠民社会工作事务所", "110105"),
}

# Mentee counties: key -> dict(code, county name, optional local agency,
# optional county general station 社工总站, townships with a 社工站, naming
# style for local people).  Township names are real townships of the county.
COUNTIES = {
    "luocheng": dict(
        code="451225", county="罗城仫佬族自治县", agency="罗城向阳社会工作服务中心",
        general=None, names="han",
        towns=["东门镇", "龙岸镇", "黄金镇", "小长安镇", "四把镇", "天河镇",
               "怀群镇", "宝坛乡", "乔善乡", "纳翁乡", "兼爱乡"]),
    "duan": dict(
        code="451228", county="都安瑶族自治县", agency=None, general=None, names="han",
        towns=["安阳镇", "高岭镇", "地苏镇", "下坳镇", "拉烈镇", "百旺镇"]),
    "shufu": dict(
        code="653121", county="疏附县", agency=None, general="疏附县社工总站",
        names="uyghur", towns=["托克扎克镇", "兰干镇", "吾库萨克镇", "乌帕尔镇"]),
    "weining": dict(
        code="520526", county="威宁彝族回族苗族自治县", agency="威宁县彝乡社会工作服务中心",
        general=None, names="han",
        towns=["草海镇", "金钟镇", "炉山镇", "龙场镇", "哲觉镇", "迤那镇"]),
    "ruyuan": dict(
        code="440232", county="乳源瑶族自治县", agency=None, general=None, names="han",
        towns=["乳城镇", "一六镇", "桂头镇", "大桥镇", "必背镇"]),
    "zhenxiong": dict(
        code="530627", county="镇雄县", agency=None, general=None, names="han",
        towns=["泼机镇", "黑树镇", "母享镇", "以勒镇", "芒部镇"]),
    "lancang": dict(
        code="530828", county="澜沧拉祜族自治县", agency=None, general="澜沧拉祜族自治县社工总站",
        names="han", towns=["勐朗镇", "上允镇", "糯扎渡镇", "谦六彝族乡", "东河乡"]),
    "congjiang": dict(
        code="522633", county="从江县", agency=None, general=None, names="han",
        towns=["丙妹镇", "贯洞镇", "洛香镇", "下江镇", "宰便镇"]),
    "zhaojue": dict(
        code="513431", county="昭觉县", agency="昭觉县彝心社会工作服务中心", general=None,
        names="yi", towns=["新城镇", "谷曲镇", "竹核镇", "四开镇"]),
    "hualong": dict(
        code="630224", county="化隆回族自治县", agency=None, general=None, names="han",
        towns=["巴燕镇", "群科镇", "甘都镇", "扎巴镇"]),
    "dongxiang": dict(
        code="622926", county="东乡族自治县", agency=None, general=None, names="han",
        towns=["锁南镇", "达板镇", "河滩镇", "那勒寺镇", "唐汪镇"]),
    "minxian": dict(
        code="621126", county="岷县", agency=None, general="岷县社工总站", names="han",
        towns=["岷阳镇", "蒲麻镇", "西寨镇", "梅川镇", "闾井镇"]),
    "xiji": dict(
        code="640422", county="西吉县", agency=None, general=None, names="han",
        towns=["吉强镇", "兴隆镇", "平峰镇", "将台堡镇", "什字镇", "新营乡"]),
    "mozhugongka": dict(
        code="540127", county="墨竹工卡县", agency=None, general=None, names="tibetan",
        towns=["工卡镇", "甲玛乡", "扎西岗乡"]),
}

# Pairings: mentor, mentee county, which org of the county is the mentee
# ("agency", "bureau" or "general"), program, start, end, and how the pairing
# performs against its plan (intensity; < 1 behind target, > 1 ahead), plus
# per-kind tweaks.
PAIRINGS = [
    dict(mentor="ruixin", county="duan", mentee="bureau", program="牵手计划",
         start="2021-10-28", end="", intensity=1.05),
    dict(mentor="qiming", county="shufu", mentee="general", program="牵手计划",
         start="2021-11-10", end="", intensity=0.85, tweak={"station_visit": 0.5}),
    dict(mentor="tongxing", county="xiji", mentee="bureau", program="东西部协作",
         start="2021-11-22", end="", intensity=1.3),
    dict(mentor="tongxin", county="weining", mentee="agency", program="牵手计划",
         start="2021-12-06", end="", intensity=0.95),
    dict(mentor="yangguang", county="lancang", mentee="general", program="牵手计划",
         start="2021-12-15", end="", intensity=1.2, tweak={"training": 1.3}),
    dict(mentor="hezhong", county="congjiang", mentee="bureau", program="牵手计划",
         start="2022-01-10", end="", intensity=0.6),
    dict(mentor="yongshan", county="zhaojue", mentee="agency", program="牵手计划",
         start="2022-02-21", end="", intensity=1.0, tweak={"household_visit": 1.6}),
    dict(mentor="tongxin", county="ruyuan", mentee="bureau", program="省内结对",
         start="2022-03-01", end="", intensity=1.1),
    dict(mentor="zhiyuan", county="hualong", mentee="bureau", program="牵手计划",
         start="2022-03-18", end="", intensity=0.55, tweak={"station_visit": 0.6}),
    dict(mentor="mingxin", county="zhenxiong", mentee="bureau", program="牵手计划",
         start="2022-04-08", end="", intensity=1.15),
    dict(mentor="derun", county="dongxiang", mentee="bureau", program="牵手计划",
         start="2022-04-25", end="", intensity=0.9),
    dict(mentor="haizhixin", county="minxian", mentee="general", program="牵手计划",
         start="2022-05-16", end="2023-06-30", intensity=0.7),
    dict(mentor="huimin", county="mozhugongka", mentee="bureau", program="牵手计划",
         start="2022-06-06", end="", intensity=0.8,
         tweak={"station_visit": 0.35, "household_visit": 0.4, "online": 2.0}),
    # the seed pairing (shared/seeds/002)
    dict(mentor="pengxing", county="luocheng", mentee="agency", program="牵手计划",
         start="2022-10-23", end="", intensity=1.0, seed002=True),
]

# --------------------------------------------------------------------------
# Activity model
# --------------------------------------------------------------------------
KINDS = ["training", "individual_supervision", "group_supervision", "station_visit",
         "household_visit", "interview", "exchange_visit", "sharing_session",
         "mentoring", "other"]

# expected events per pairing-month at intensity 1 and season 1
RATE = {
    "training": 0.50, "individual_supervision": 0.85, "group_supervision": 0.50,
    "station_visit": 0.60, "household_visit": 0.45, "interview": 0.04,
    "exchange_visit": 0.03, "sharing_session": 0.10, "mentoring": 0.14, "other": 0.03,
}
TARGET_METRICS = ["training", "training_participants", "individual_supervision",
                  "individual_supervision_participants", "group_supervision",
                  "group_supervision_participants", "station_visit", "household_visit"]

# month-of-year seasonality: 春节 in late Jan / Feb, summer lull, spring and Q4 peaks
SEASON = {1: 0.75, 2: 0.40, 3: 1.15, 4: 1.25, 5: 1.30, 6: 1.15,
          7: 0.60, 8: 0.55, 9: 1.00, 10: 1.05, 11: 1.30, 12: 1.15}


def period_factor(y: int, m: int) -> float:
    """What actually happened by period (COVID in 2022, the 2023 push)."""
    if y == 2021:
        return 0.85
    if y == 2022:
        if m <= 6:
            return 0.80
        if m <= 9:
            return 0.85
        return {10: 1.0, 11: 0.9, 12: 0.55}[m]
    # 2023: back onsite; Q2 is the mid-term evaluation push
    if m <= 3:
        return 1.0
    if m <= 6:
        return 1.45
    if m <= 9:
        return 0.95
    return 1.1


def plan_factor(y: int) -> float:
    """What the yearly plans (targets) assumed."""
    return {2021: 0.6, 2022: 0.95, 2023: 1.15}[y]  # 2021: start-up months


def online_share(y: int, m: int) -> float:
    if y == 2022 and m == 12:
        return 0.7
    if y == 2022 and m <= 6:
        return 0.45
    if y <= 2022:
        return 0.3
    return 0.12


SPRING_FESTIVAL = [(dt.date(2022, 1, 28), dt.date(2022, 2, 8)),
                   (dt.date(2023, 1, 18), dt.date(2023, 1, 29))]

TOPICS = {
    "training": ["个案管理实务", "小组工作方法与技巧", "社区工作方法", "社会救助政策解读",
                 "困境儿童关爱服务", "农村留守老人服务", "需求评估方法", "服务项目设计与申报",
                 "社会工作伦理与价值", "心理急救与危机干预", "社工站服务台账规范",
                 "社工站服务标准化建设", "乡村振兴与社会工作", "服务记录与文书写作",
                 "志愿者队伍培育", "党建引领社工站建设", "个案面谈技巧", "社区资源链接"],
    "individual_supervision": ["个案评估与服务计划", "个案记录规范", "专业关系建立",
                               "职业压力疏导", "服务计划修订", "个案结案评估",
                               "社工站年度计划制定", "困难群众需求评估"],
    "group_supervision": ["疑难个案研讨", "小组活动设计复盘", "社工站服务经验复盘",
                          "社区活动策划研讨", "服务成效评估研讨", "台账资料梳理"],
    "station_visit": ["社工站运营现场指导", "台账资料检查与指导", "服务阵地建设指导",
                      "社工站服务框架梳理", "社工站年度工作检查"],
    "household_visit": ["特困供养人员探访", "困境儿童家访示范", "独居老人入户走访",
                        "低保家庭需求评估", "残疾人家庭探访", "个案服务现场教学"],
    "interview": ["社工能力需求访谈", "社工站人员现状调研", "本土社工成长需求访谈"],
    "exchange_visit": ["赴东部机构跟岗学习", "社区党群服务中心参观交流", "优秀社工站参访学习"],
    "sharing_session": ["优秀个案分享", "社工站服务经验分享", "项目成果分享"],
    "mentoring": ["骨干社工一对一带教", "新入职社工传帮带", "站长结对带教"],
    "other": ["结对工作推进会", "项目中期评估会", "年度总结座谈会"],
}

# --------------------------------------------------------------------------
# Fictional names
# --------------------------------------------------------------------------
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
                "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江"
                "尹薛段雷侯龙史陶黎贺顾郝龚邵万钱严覃武戴莫孔向")
GIVEN = list("伟芳娜静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红鹏丹雪琳晨婷宇浩凯"
             "佳欣怡思雨梦晓文建国春海燕志永德彬倩颖莉悦瑶琴云峰林波宁新斌荣娇月凤"
             "嘉诗子俊文博琪安")
TIBETAN = ["扎西", "次仁", "顿珠", "卓玛", "央金", "达瓦", "尼玛", "普布", "拉姆", "旦增",
           "格桑", "曲珍", "罗布", "索朗", "白玛", "德吉", "巴桑", "边巴"]
UYGHUR_GIVEN = ["阿依古丽", "买买提", "艾力", "热依拉", "古丽娜", "阿不都", "努尔", "帕提古丽",
                "吐尔逊", "麦尔丹", "迪丽拜尔", "依明"]
UYGHUR_FATHER = ["吐尔洪", "阿布拉", "艾山", "卡德尔", "买买提", "司马义", "肉孜", "托合提"]
YI_SURNAMES = ["阿苦", "吉克", "沙马", "俄木", "吉伍", "阿说", "马海", "勒格"]
YI_GIVEN = ["日哈", "拉且", "子布", "阿呷", "伍各", "木果", "尔古", "约呷"]

# real people named in the seed reports: never generated
FORBIDDEN_NAMES = {"李素娟", "汤银辉", "毛富强", "伍妙玲", "张由慧", "高敏", "袁怡文", "郑林",
                   "杨翠叶", "段星明", "王伟健", "郭孝红", "郝慧玲", "刘海清", "郄仁", "徐正"}


class NameMaker:
    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.used: set[str] = set(FORBIDDEN_NAMES)

    def _pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def make(self, style: str = "han") -> str:
        while True:
            if style == "tibetan":
                a, b = self._pick(TIBETAN), self._pick(TIBETAN)
                name = a + b if a != b else a
            elif style == "uyghur":
                name = self._pick(UYGHUR_GIVEN) + "·" + self._pick(UYGHUR_FATHER)
            elif style == "yi":
                name = self._pick(YI_SURNAMES) + self._pick(YI_GIVEN)
            else:
                n = 1 if self.rng.random() < 0.3 else 2
                name = self._pick(SURNAMES) + "".join(self._pick(GIVEN) for _ in range(n))
                if n == 2 and name[1] == name[2]:
                    continue
            if name not in self.used:
                self.used.add(name)
                return name


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def month_iter(first, last):
    y, m = first
    while (y, m) <= last:
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def days_in_month(y, m):
    nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
    return (nxt - dt.date(y, m, 1)).days


def blocked(d: dt.date) -> bool:
    if any(a <= d <= b for a, b in SPRING_FESTIVAL):
        return True
    if d.month == 10 and d.day <= 7:  # National Day holiday
        return True
    return False


def fmt_hours(h):
    return "" if h is None else f"{h:.1f}"


def write_csv(path: Path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


# --------------------------------------------------------------------------
# builder
# --------------------------------------------------------------------------
class Builder:
    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.names = NameMaker(np.random.default_rng(seed + 1))
        self.orgs = []  # dicts
        self.people = []
        self.pairings = []
        self.targets = []
        self.activities = []  # dicts without id
        self.org_by_key = {}
        self.supervisors = {}  # org_id -> [person_id]

    # ---- organizations ----
    def add_org(self, key, name, kind, region, parent_key=None):
        org_id = f"O{len(self.orgs) + 1:03d}"
        parent_id = self.org_by_key[parent_key] if parent_key else ""
        self.orgs.append(dict(org_id=org_id, name=name, kind=kind, region=region,
                              parent_id=parent_id))
        self.org_by_key[key] = org_id
        return org_id

    def build_orgs(self):
        for key, (name, region) in MENTORS.items():
            self.add_org(("mentor", key), name, "agency", region)
        for ck, c in COUNTIES.items():
            self.add_org(("bureau", ck), c["county"] + "民政局", "government", c["code"])
            if c["agency"]:
                self.add_org(("agency", ck), c["agency"], "agency", c["code"])
            parent = ("bureau", ck)
            if c["general"]:
                self.add_org(("general", ck), c["general"], "station", c["code"], ("bureau", ck))
                parent = ("general", ck)
            for t in c["towns"]:
                self.add_org(("station", ck, t), f"{c['county']}{t}社工站", "station",
                             c["code"], parent)
        # seed 000: Shenzhen communities
        self.add_org(("sz", "guiyuan"), "深圳市罗湖区桂园街道办事处", "government", "440303")
        self.add_org(("sz", "laowei"), "罗湖区桂园街道老围社区党群服务中心", "community",
                     "440303", ("sz", "guiyuan"))
        self.add_org(("sz", "datanglong"), "罗湖区桂园街道大塘龙社区党群服务中心", "community",
                     "440303", ("sz", "guiyuan"))
        self.add_org(("sz", "meiting"), "福田区梅亭社区党群服务中心", "community", "440304")

    # ---- people ----
    def add_person(self, org_key, role, style="han", party_p=0.3, since_range=(2018, 2022)):
        org_id = self.org_by_key[org_key]
        pid = f"P{len(self.people) + 1:04d}"
        rng = self.rng
        y0, y1 = since_range
        start = dt.date(y0, 1, 1).toordinal()
        end = dt.date(y1, 12, 31).toordinal()
        since = dt.date.fromordinal(int(rng.integers(start, end + 1)))
        party = bool(rng.random() < party_p)
        self.people.append(dict(person_id=pid, name=self.names.make(style), org_id=org_id,
                                role=role, party_member="true" if party else "false",
                                since=since.isoformat()))
        if role == "supervisor":
            self.supervisors.setdefault(org_id, []).append(pid)
        return pid

    def build_people(self):
        rng = self.rng
        for key in MENTORS:
            k = ("mentor", key)
            n_sup = 4 if key == "pengxing" else int(rng.integers(3, 6))
            for i in range(n_sup):
                # the first 鹏星 supervisor is the party-branch secretary (fictional person)
                p = 1.0 if (key == "pengxing" and i == 0) else 0.5
                self.add_person(k, "supervisor", party_p=p, since_range=(2010, 2019))
            self.add_person(k, "manager", party_p=0.6, since_range=(2009, 2016))
            if rng.random() < 0.6:
                self.add_person(k, "mentor", party_p=0.5, since_range=(2012, 2018))
            for _ in range(int(rng.integers(1, 3))):
                self.add_person(k, "social_worker", party_p=0.3, since_range=(2016, 2021))
        for ck, c in COUNTIES.items():
            style = c["names"]
            for _ in range(int(rng.integers(1, 3))):
                self.add_person(("bureau", ck), "official", style, party_p=0.85,
                                since_range=(2012, 2021))
            if c["agency"]:
                self.add_person(("agency", ck), "manager", style, party_p=0.6,
                                since_range=(2015, 2020))
                n = 6 if ck == "luocheng" else int(rng.integers(3, 6))
                for _ in range(n):
                    self.add_person(("agency", ck), "social_worker", style, party_p=0.25,
                                    since_range=(2018, 2022))
            if c["general"]:
                self.add_person(("general", ck), "manager", style, party_p=0.7,
                                since_range=(2020, 2021))
                for _ in range(2):
                    self.add_person(("general", ck), "social_worker", style, party_p=0.3,
                                    since_range=(2020, 2022))
            for t in c["towns"]:
                sk = ("station", ck, t)
                if rng.random() < 0.5:
                    self.add_person(sk, "manager", style, party_p=0.6,
                                    since_range=(2021, 2021))
                for _ in range(int(rng.integers(1, 4))):
                    self.add_person(sk, "social_worker", style, party_p=0.25,
                                    since_range=(2021, 2022))
                if rng.random() < 0.15:
                    self.add_person(sk, "volunteer", style, party_p=0.2,
                                    since_range=(2021, 2023))
        # seed 000 communities (fictional people in the roles the report names)
        self.add_person(("sz", "guiyuan"), "official", party_p=1.0, since_range=(2015, 2019))
        self.add_person(("sz", "laowei"), "supervisor", party_p=0.5, since_range=(2013, 2017))
        self.add_person(("sz", "laowei"), "manager", party_p=0.5, since_range=(2014, 2018))
        for _ in range(3):
            self.add_person(("sz", "laowei"), "social_worker", since_range=(2014, 2021))
        self.add_person(("sz", "datanglong"), "manager", party_p=0.5, since_range=(2014, 2018))
        for _ in range(3):
            self.add_person(("sz", "datanglong"), "social_worker", since_range=(2015, 2021))
        self.add_person(("sz", "meiting"), "supervisor", party_p=1.0, since_range=(2011, 2015))
        for _ in range(2):
            self.add_person(("sz", "meiting"), "social_worker", since_range=(2015, 2021))

    # ---- pairings, activities, targets ----
    def build_pairings(self):
        for i, p in enumerate(PAIRINGS):
            pid = f"PR{i + 1:02d}"
            mentee_key = (p["mentee"], p["county"])
            self.pairings.append(dict(
                pairing_id=pid, mentor_org_id=self.org_by_key[("mentor", p["mentor"])],
                mentee_org_id=self.org_by_key[mentee_key], program=p["program"],
                start_date=p["start"], end_date=p["end"]))
            p["id"] = pid

    def station_weights(self, ck):
        """Stations of a county and how often they get visited; remote ones never."""
        towns = COUNTIES[ck]["towns"]
        ids = [self.org_by_key[("station", ck, t)] for t in towns]
        w = self.rng.gamma(4.0, 1.0, size=len(ids))
        w[0] *= 2.0  # the county-seat town is visited most
        n_never = int(self.rng.random() < 0.6) if len(ids) <= 5 else 1
        if ck == "luocheng":
            n_never = 2  # 11 townships spread over a wide county
        never = self.rng.choice(np.arange(1, len(ids)), size=n_never, replace=False)
        w[never] = 0.0
        return ids, w / w.sum()

    def pick_date(self, y, m):
        rng = self.rng
        n = days_in_month(y, m)
        for _ in range(50):
            day = int(rng.integers(1, n + 1))
            if m == 1 and day > 18 and rng.random() < 0.75:
                continue  # late January: 春节 preparations
            d = dt.date(y, m, day)
            if blocked(d):
                continue
            if d.weekday() >= 5 and rng.random() < 0.85:
                continue
            return d
        return dt.date(y, m, 10)

    def build_activities(self):
        rng = self.rng
        for p in PAIRINGS:
            if p.get("seed002"):
                self.seed_002(p)
            ck = p["county"]
            mentor_id = self.org_by_key[("mentor", p["mentor"])]
            mentee_id = self.org_by_key[(p["mentee"], ck)]
            parent_id = self.org_by_key[("general", ck) if COUNTIES[ck]["general"]
                                        else ("bureau", ck)]
            sids, sw = self.station_weights(ck)
            sups = self.supervisors[mentor_id]
            tweak = p.get("tweak", {})
            start = dt.date.fromisoformat(p["start"])
            end = dt.date.fromisoformat(p["end"]) if p["end"] else dt.date(2023, 12, 31)
            first = max(FIRST_MONTH, (start.year, start.month))
            last = min(LAST_MONTH, (end.year, end.month))
            months = list(month_iter(first, last))
            for mi, (y, m) in enumerate(months):
                f = p["intensity"] * SEASON[m] * period_factor(y, m)
                for kind in KINDS:
                    lam = RATE[kind] * f * tweak.get(kind, 1.0)
                    if kind == "interview" and mi == 0 and not p.get("seed002"):
                        lam += 1.0  # needs assessment when a pairing starts
                    if kind == "training" and mi == 0 and not p.get("seed002"):
                        lam += 0.8  # kick-off training
                    for _ in range(int(rng.poisson(lam))):
                        d = self.pick_date(y, m)
                        if d < start or d > end:
                            continue
                        self.activities.append(self.make_activity(
                            kind, d, p, mentor_id, mentee_id, parent_id, sids, sw, sups,
                            tweak.get("online", 1.0)))

    def make_activity(self, kind, d, p, mentor_id, mentee_id, parent_id, sids, sw, sups,
                      online_boost):
        rng = self.rng
        y, m = d.year, d.month
        onsite_only = kind in ("station_visit", "household_visit", "exchange_visit")
        online = (not onsite_only) and rng.random() < min(0.9, online_share(y, m) * online_boost)
        days = 1
        count, participants, hours = 1, None, None
        host, target = mentor_id, mentee_id
        if kind == "training":
            count = 1 if rng.random() < 0.8 else int(rng.integers(2, 4))
            participants = int(rng.integers(15, 61))
            if online:
                hours = count * float(rng.choice([2.0, 2.5, 3.0]))
            else:
                days = int(rng.choice([1, 1, 1, 2, 2, 3]))
                hours = days * float(rng.choice([6.0, 6.5, 7.0])) if days > 1 else \
                    float(rng.choice([3.0, 3.5, 6.0]))
                count = max(count, 1)
        elif kind == "individual_supervision":
            count = int(rng.integers(1, 7))
            participants = count if rng.random() < 0.7 else max(1, count - int(rng.integers(0, 3)))
            hours = count * float(rng.choice([1.0, 1.5, 2.0]))
            if rng.random() < 0.4:
                target = sids[int(rng.choice(len(sids), p=sw))]
            if not online and count > 3:
                days = int(rng.integers(1, 3))
        elif kind == "group_supervision":
            count = int(rng.choice([1, 1, 1, 2, 3]))
            participants = count * int(rng.integers(5, 16))
            hours = count * float(rng.choice([2.0, 2.5, 3.0]))
            if rng.random() < 0.3:
                target = parent_id
        elif kind == "station_visit":
            if rng.random() < 0.65:
                count = 1
                target = sids[int(rng.choice(len(sids), p=sw))]
            else:
                count = int(rng.integers(2, 7))
                target = parent_id  # a round of several stations of the county
                days = int(math.ceil(count / 2))
        elif kind == "household_visit":
            count = int(rng.integers(1, 11))
            target = sids[int(rng.choice(len(sids), p=sw))]
            days = 1 if count <= 6 else 2
        elif kind == "interview":
            count = int(rng.integers(3, 16))
            days = 1 if count <= 6 else 2
        elif kind == "exchange_visit":
            count = 1
            participants = int(rng.integers(4, 13))
            days = int(rng.integers(3, 6))
            hours = days * 6.0
        elif kind == "sharing_session":
            participants = int(rng.integers(10, 41))
            hours = float(rng.choice([2.0, 2.5, 3.0]))
        elif kind == "mentoring":
            count = int(rng.integers(2, 9))
            participants = count
            hours = count * float(rng.choice([1.0, 1.5, 2.0]))
        else:
            participants = int(rng.integers(8, 31))
            hours = float(rng.choice([2.0, 3.0]))
        end = d + dt.timedelta(days=days - 1)
        k = int(rng.integers(1, min(3, len(sups)) + 1))
        if kind in ("station_visit", "training") and not online:
            k = int(rng.integers(1, min(4, len(sups)) + 1))
        leads = sorted(rng.choice(sups, size=k, replace=False).tolist())
        if rng.random() < 0.05:
            leads = []
        topics = TOPICS[kind]
        return dict(kind=kind, start_date=d, end_date=end if end > d else None,
                    pairing_id=p["id"], host_org_id=host, target_org_id=target,
                    lead_person_ids=";".join(leads), count=count, participants=participants,
                    hours=hours, mode="online" if online else "onsite",
                    topic=topics[int(rng.integers(len(topics)))],
                    source=f"月报 {y}-{m:02d}")

    def seed_002(self, p):
        """东莞鹏星 × 罗城向阳, 2022-10-23 .. 2022-10-28 (shared/seeds/002)."""
        mentor_id = self.org_by_key[("mentor", p["mentor"])]
        mentee_id = self.org_by_key[("agency", "luocheng")]
        bureau_id = self.org_by_key[("bureau", "luocheng")]
        station_id = self.org_by_key[("station", "luocheng", "东门镇")]
        leads = ";".join(self.supervisors[mentor_id][:3])
        D = dt.date.fromisoformat
        rows = [
            ("training", "2022-10-24", "2022-10-25", mentee_id, 1, 22, 16.0,
             "个案基础服务、个案面谈技巧、服务活动策划及个案管理"),
            ("station_visit", "2022-10-26", "2022-10-28", bureau_id, 5, None, None,
             "走访社工站点,梳理服务框架与管理逻辑"),
            ("individual_supervision", "2022-10-26", "2022-10-28", mentee_id, 13, 13, None,
             "一对一手把手督导"),
            ("group_supervision", "2022-10-26", "2022-10-28", mentee_id, 5, 25, None,
             "团体督导"),
            ("interview", "2022-10-26", "2022-10-28", mentee_id, 14, None, None,
             "本土社工访谈"),
            ("household_visit", "2022-10-28", None, station_id, 5, None, None,
             "特困家庭入户走访,个案服务现场教学"),
        ]
        for kind, s, e, target, count, part, hours, topic in rows:
            self.activities.append(dict(
                kind=kind, start_date=D(s), end_date=D(e) if e else None, pairing_id=p["id"],
                host_org_id=mentor_id, target_org_id=target, lead_person_ids=leads,
                count=count, participants=part, hours=hours, mode="onsite", topic=topic,
                source=SEED_002))

    def seed_000(self):
        """老围 + 大塘龙 social workers visit 梅亭, 2021-11-16 (shared/seeds/000)."""
        host = self.org_by_key[("sz", "meiting")]
        self.activities.append(dict(
            kind="exchange_visit", start_date=dt.date(2021, 11, 16), end_date=None,
            pairing_id="", host_org_id=host, target_org_id=self.org_by_key[("sz", "guiyuan")],
            lead_person_ids=";".join(self.supervisors[host]), count=1, participants=8,
            hours=None, mode="onsite", topic="党建引领社区服务参观交流学习(义剪项目)",
            source=SEED_000))

    def build_targets(self):
        rng = self.rng
        # expected count / participants per event, at the distributions used above
        e_count = {"training": 0.8 * 1 + 0.2 * 2.5, "individual_supervision": 3.5,
                   "group_supervision": 1.6, "station_visit": 0.65 + 0.35 * 4.0,
                   "household_visit": 5.5}
        e_part = {"training": 37.5, "individual_supervision": 3.5 * 0.9,
                  "group_supervision": 1.6 * 10.0}
        for p in PAIRINGS:
            start = dt.date.fromisoformat(p["start"])
            end = dt.date.fromisoformat(p["end"]) if p["end"] else dt.date(2023, 12, 31)
            for y in (2021, 2022, 2023):
                if start.year > y:
                    continue
                months = [(yy, mm) for yy, mm in month_iter(FIRST_MONTH, LAST_MONTH)
                          if yy == y and dt.date(yy, mm, 1) <= end
                          and (yy, mm) >= (start.year, start.month)]
                if not months:
                    months = [(y, 12)]
                base = sum(SEASON[mm] for _, mm in months) * plan_factor(y)
                ambition = float(rng.uniform(0.95, 1.12))
                for metric in TARGET_METRICS:
                    kind = metric.removesuffix("_participants")
                    per = e_part[kind] if metric.endswith("_participants") else e_count[kind]
                    v = nice(RATE[kind] * base * per * ambition, metric)
                    if p.get("seed002") and y == 2022:
                        # agreed for the first ten weeks (2022-10-23 .. 12-31)
                        v = {"training": 2, "training_participants": 40,
                             "individual_supervision": 12,
                             "individual_supervision_participants": 12,
                             "group_supervision": 4, "group_supervision_participants": 30,
                             "station_visit": 6, "household_visit": 8}[metric]
                    self.targets.append(dict(pairing_id=p["id"], metric=metric, year=y,
                                             value=int(v)))

    # ---- output ----
    def finish_activities(self):
        self.seed_000()
        acts = sorted(self.activities, key=lambda a: (a["start_date"], a["pairing_id"],
                                                      KINDS.index(a["kind"]), a["target_org_id"],
                                                      a["count"]))
        for i, a in enumerate(acts):
            a["activity_id"] = f"A{i + 1:05d}"
        self.activities = acts

    def write(self, out: Path):
        out.mkdir(parents=True, exist_ok=True)
        write_csv(out / "organizations.csv", ["org_id", "name", "kind", "region", "parent_id"],
                  [[o["org_id"], o["name"], o["kind"], o["region"], o["parent_id"]]
                   for o in self.orgs])
        write_csv(out / "people.csv",
                  ["person_id", "name", "org_id", "role", "party_member", "since"],
                  [[q["person_id"], q["name"], q["org_id"], q["role"], q["party_member"],
                    q["since"]] for q in self.people])
        write_csv(out / "pairings.csv",
                  ["pairing_id", "mentor_org_id", "mentee_org_id", "program", "start_date",
                   "end_date"],
                  [[r["pairing_id"], r["mentor_org_id"], r["mentee_org_id"], r["program"],
                    r["start_date"], r["end_date"]] for r in self.pairings])
        write_csv(out / "targets.csv", ["pairing_id", "metric", "year", "value"],
                  [[t["pairing_id"], t["metric"], t["year"], t["value"]] for t in self.targets])
        cols = ["activity_id", "kind", "start_date", "end_date", "pairing_id", "host_org_id",
                "target_org_id", "lead_person_ids", "count", "participants", "hours", "mode",
                "topic", "source"]
        rows = []
        for a in self.activities:
            rows.append([a["activity_id"], a["kind"], a["start_date"].isoformat(),
                         a["end_date"].isoformat() if a["end_date"] else "", a["pairing_id"],
                         a["host_org_id"], a["target_org_id"], a["lead_person_ids"],
                         a["count"], "" if a["participants"] is None else a["participants"],
                         fmt_hours(a["hours"]), a["mode"], a["topic"], a["source"]])
        write_csv(out / "activities.csv", cols, rows)


# --------------------------------------------------------------------------
# Stays (驻点) and outcomes (成果), issue #15. Drawn from their own generator after everything
# above, so that the rows above stay exactly as they were; stays get ids S0001.., milestones
# M0001.. .
# --------------------------------------------------------------------------
#: pairings whose people reach 40 working days on site a year (the others miss the rule)
STAY_RULE_MET = {2022: {"PR03", "PR05"},
                 2023: {"PR01", "PR03", "PR04", "PR05", "PR06", "PR07", "PR08", "PR10", "PR14"}}
#: months of the rounds of stays: pairings that meet the rule, and the others
STAY_MONTHS = {True: (3, 5, 9, 11), False: (4, 10)}
MILESTONE_NAMES = {
    "station_built": ("示范社工站", "建成{town}示范社工站"),
    "agency_cultivated": ("培育本土机构", "培育{county}本土社会工作服务机构 1 家"),
    "talent": ("培养人才", "{county}本土社工骨干{n}名完成督导培养"),
    "project": ("服务项目", "{county}困境儿童关爱服务项目立项"),
    "policy": ("制度", "{county}乡镇社工站服务管理制度(试行)"),
    "brand": ("品牌", "“{county}社工”服务品牌发布"),
}
EVIDENCE = {"station_built": "县民政局验收通知", "agency_cultivated": "民政局登记证书",
            "talent": "培养名单及考核记录", "project": "项目立项批复", "policy": "县民政局印发文件",
            "brand": "品牌发布会简报"}
#: the pairing added for silence: active from July 2022, then no record for seven months
SILENT_PAIRING = dict(mentor="yongshan", county="xiji", town="新营乡", program="牵手计划",
                      start="2022-07-01")


def first_monday(y: int, m: int, after: int) -> dt.date:
    d = dt.date(y, m, after)
    while d.weekday() != 0 or blocked(d) or blocked(d + dt.timedelta(days=11)):
        d += dt.timedelta(days=1)
    return d


class Extras:
    """Stays, milestones, their targets and the silent pairing PR15, after the Builder ran."""

    def __init__(self, b: Builder, seed: int):
        self.b = b
        self.rng = np.random.default_rng(seed + 15)
        self.stays: list[dict] = []
        self.milestones: list[dict] = []

    def stay(self, pid, mentor_id, mentee_id, people, start, days, source, topic="驻点服务"):
        end = start + dt.timedelta(days=days - 1)
        self.stays.append(dict(
            kind="stay", start_date=start, end_date=end, pairing_id=pid, host_org_id=mentor_id,
            target_org_id=mentee_id, lead_person_ids=";".join(people), count=1,
            participants=None, hours=None, mode="onsite", topic=topic, source=source))

    def build(self):
        b, rng = self.b, self.rng
        self.silent_pairing()
        for p, row in zip(PAIRINGS, b.pairings, strict=False):
            pid, mentor_id, mentee_id = p["id"], row["mentor_org_id"], row["mentee_org_id"]
            people = b.supervisors[mentor_id][:3 if pid == "PR02" else 2]
            start = dt.date.fromisoformat(p["start"])
            end = dt.date.fromisoformat(p["end"]) if p["end"] else dt.date(2023, 12, 31)
            if p.get("seed002"):  # shared/seeds/002: the supervisors in 罗城, 23 to 28 October
                self.stay(pid, mentor_id, mentee_id, b.supervisors[mentor_id][:3],
                          dt.date(2022, 10, 23), 6, SEED_002, "东莞鹏星督导团赴罗城驻点督导")
            for y in (2022, 2023):
                met = pid in STAY_RULE_MET[y]
                for i, m in enumerate(STAY_MONTHS[met]):
                    d = first_monday(y, m, int(rng.integers(1, 12)))
                    if d < start or d > end:
                        continue
                    short = not met and i == 1 and rng.random() < 0.7
                    days = 5 if short else 12  # Monday to Friday, or two working weeks
                    self.stay(pid, mentor_id, mentee_id, people, d, days, f"月报 {y}-{m:02d}")
            self.pairing_milestones(p, row, start, end)

    def silent_pairing(self):
        b, sp = self.b, SILENT_PAIRING
        mentor_id = b.org_by_key[("mentor", sp["mentor"])]
        mentee_id = b.org_by_key[("station", sp["county"], sp["town"])]
        pid = f"PR{len(b.pairings) + 1:02d}"
        b.pairings.append(dict(pairing_id=pid, mentor_org_id=mentor_id, mentee_org_id=mentee_id,
                               program=sp["program"], start_date=sp["start"], end_date=""))
        people = b.supervisors[mentor_id][2:4] or b.supervisors[mentor_id][:2]
        self.stay(pid, mentor_id, mentee_id, people, dt.date(2022, 7, 11), 12, "月报 2022-07")
        self.stay(pid, mentor_id, mentee_id, people, dt.date(2023, 3, 13), 12, "月报 2023-03")
        self.stay(pid, mentor_id, mentee_id, people, dt.date(2023, 9, 11), 5, "月报 2023-09")
        self.milestone(pid, "talent", dt.date(2023, 9, 15), 4, "新营乡", "西吉县", "approved")
        for metric, value in (("station_built", 1), ("talent", 10)):
            b.targets.append(dict(pairing_id=pid, metric=metric, year=2023, value=value))

    def milestone(self, pid, kind, date, count, town, county, status):
        name = MILESTONE_NAMES[kind][1].format(town=town, county=county, n=count)
        self.milestones.append(dict(pairing_id=pid, kind=kind, date=date, count=count,
                                    name=name, evidence=EVIDENCE[kind], status=status))

    def pairing_milestones(self, p, row, start, end):
        b, rng = self.b, self.rng
        ck = p["county"]
        county = COUNTIES[ck]["county"]
        town = COUNTIES[ck]["towns"][0]
        plan = [("talent", dt.date(2022, 12, 20)), ("talent", dt.date(2023, 12, 15))]
        if p["intensity"] >= 0.9:
            plan += [("station_built", dt.date(2023, 6, 20)), ("policy", dt.date(2023, 4, 18))]
        if p["intensity"] >= 1.1:
            plan += [("project", dt.date(2023, 9, 12)), ("brand", dt.date(2023, 11, 28))]
        if p["mentee"] != "agency" and p["intensity"] >= 1.0:
            plan += [("agency_cultivated", dt.date(2023, 10, 25))]
        for kind, date in plan:
            date = date - dt.timedelta(days=int(rng.integers(0, 20)))
            if not start <= date <= end:
                continue
            count = int(rng.integers(4, 16)) if kind == "talent" else 1
            status = "approved" if date.year == 2022 or date.month < 10 else (
                "submitted" if date.month < 12 else "draft")
            self.milestone(row["pairing_id"], kind, date, count, town, county, status)
        for metric, value in (("station_built", 1), ("agency_cultivated", 1),
                              ("talent", 10)):
            if metric == "agency_cultivated" and p["mentee"] == "agency":
                continue
            if start <= dt.date(2023, 12, 31) <= end or metric == "talent":
                b.targets.append(dict(pairing_id=row["pairing_id"], metric=metric, year=2023,
                                      value=value))

    def finish(self):
        self.stays.sort(key=lambda a: (a["start_date"], a["pairing_id"]))
        for i, a in enumerate(self.stays):
            a["activity_id"] = f"S{i + 1:04d}"
        self.b.activities.extend(self.stays)
        self.milestones.sort(key=lambda r: (r["date"], r["pairing_id"], r["kind"]))
        for i, r in enumerate(self.milestones):
            r["milestone_id"] = f"M{i + 1:04d}"

    def write(self, out: Path):
        write_csv(out / "milestones.csv",
                  ["milestone_id", "pairing_id", "kind", "date", "count", "name", "evidence",
                   "status"],
                  [[r["milestone_id"], r["pairing_id"], r["kind"], r["date"].isoformat(),
                    r["count"], r["name"], r["evidence"], r["status"]] for r in self.milestones])


def nice(v: float, metric: str) -> int:
    if metric.endswith("_participants"):
        step = 10 if v >= 60 else 5
        return max(step, int(round(v / step)) * step)
    return max(1, int(round(v)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parent.parent / "data" / "sample")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    b = Builder(args.seed)
    b.build_orgs()
    b.build_people()
    b.build_pairings()
    b.build_activities()
    b.build_targets()
    b.finish_activities()
    extras = Extras(b, args.seed)
    extras.build()
    extras.finish()
    b.write(args.out)
    extras.write(args.out)
    print(f"wrote {args.out}: {len(b.orgs)} organizations, {len(b.people)} people, "
          f"{len(b.pairings)} pairings, {len(b.targets)} targets, "
          f"{len(b.activities)} activities, {len(extras.milestones)} milestones")


if __name__ == "__main__":
    main()
