"""The demo data set: a seeded, deterministic generator of 西天尾镇's 2023 month-by-month ledger files.

    generate(inbox, manifest_path, seed=2023) -> list[Path]

First a *truth* is drawn (every dispute, visit, case, project, activity and grid event of 2023, with the
exact totals the seed document reports as of 2023-11-03); then each sender's monthly files are written from
it with that sender's habits (titles, merged headers, date forms, aliases, 合计 and footer rows, .xls, GBK
CSV, …); finally the manifest of expected figures is computed from the truth lists alone — never by reading
the files back — for the as-of dates 2023-10-31, 2023-11-03 and 2023-11-30.

Plain Python: no dagster, no pipeline code. Same seed → byte-identical files (fixed document timestamps)
and the same mtimes (each file's submission moment, Beijing time; a corrected resubmission is later).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from taizhang.etl.privacy import id_check_char
from taizhang.etl.reference import read_ref

from .files import CsvTable, Sheet, excel_serial, set_mtime, write_csv, write_xls, write_xlsx

Y = 2023
D = dt.date
DT = dt.datetime
JAN1 = D(Y, 1, 1)
CUT = D(Y, 11, 3)  # the seed document's 截至 date
AS_OFS = (D(Y, 10, 31), CUT, D(Y, 11, 30))
MONTHS = tuple(range(1, 12))
TOWN = "西天尾镇"

# The seed document's figures as of 2023-11-03 (SPEC "The demo data set").
DISPUTES_RECEIVED = 471
DISPUTES_RESOLVED = 399
LEGAL_VISITS = 973
LEGAL_DISPUTES = 206
LEGAL_CONSULTATIONS = 764
GRID_EVENTS = 16213
TOWN_STAGES = {"在建": 15, "预备": 12, "前期": 33}
PARK_STAGES = {"在建": 17, "预备": 4, "前期": 11}
PETITION_CASES = 9
PETITIONS_RESOLVED = 6


def _ref(name: str) -> list[dict]:
    return read_ref(name.removesuffix(".csv"))


UNITS = _ref("units.csv")
UNIT = {u["unit_id"]: u for u in UNITS}
UNIT_IDS = [u["unit_id"] for u in UNITS]
AREAS = {a["area_id"]: a for a in _ref("areas.csv")}
GRIDS = _ref("grids.csv")
PARTY_ORGS = _ref("party_orgs.csv")
ORG = {p["party_org_id"]: p for p in PARTY_ORGS}


def _aliases_2023() -> dict[str, list[str]]:
    """Names of each unit that are valid in 2023 (old names such as 后黄村 are not used inside rows)."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in _ref("unit_aliases.csv"):
        if row["valid_to"] and row["valid_to"] < "2023-01-01":
            continue
        out[row["unit_id"]].append(row["alias"])
    return out


UNIT_ALIASES = _aliases_2023()


def month_end(m: int) -> D:
    return (D(Y, m + 1, 1) if m < 12 else D(Y + 1, 1, 1)) - dt.timedelta(days=1)


def days_between(a: D, b: D) -> list[D]:
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def pct(num: int | float, den: int | float) -> float | None:
    if not den:
        return None
    value = Decimal(str(num)) * 100 / Decimal(str(den))
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def distribute(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to weights that sum exactly to total (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [math.floor(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


# --- people ------------------------------------------------------------------------------------------

SURNAMES = "陈林黄郑李吴王张刘方蔡许朱周徐翁余卓宋彭柯杨游魏关肖谢邱"
GIVEN = "建华秀英国强志明美玲金水文荣丽清德福春梅俊伟海燕桂兰宝珍永青惠芳玉凤坤辉锦霞亚素琴忠庆雄鸿晓丹松"
MOBILE_PREFIXES = (
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "158",
    "159",
    "180",
    "183",
    "187",
    "188",
    "189",
    "133",
    "153",
    "177",
)
ID_AREAS = ("350304", "350304", "350304", "350302", "350303", "350322")


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def id_number(rng: random.Random) -> str:
    born = D(1950, 1, 1) + dt.timedelta(days=rng.randrange(18262))
    first17 = f"{rng.choice(ID_AREAS)}{born:%Y%m%d}{rng.randrange(1, 1000):03d}"
    return first17 + id_check_char(first17)


def fmt_date(day: D, style: str):
    """A date the way one clerk writes it."""
    if style == "date":
        return day
    if style == "serial":
        return excel_serial(day)
    if style == "cn":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "dot":
        return f"{day.year}.{day.month}.{day.day}"
    if style == "slash":
        return f"{day.year}/{day.month}/{day.day}"
    if style == "compact":
        return int(f"{day:%Y%m%d}")
    if style == "md":
        return f"{day.month}月{day.day}日"
    raise ValueError(style)


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# --- habits ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Habits:
    """How one village/community writes its files (the same every month, for disputes and party activities)."""

    unit_id: str
    name_form: str  # its own name as written in titles and file names
    file_name: str  # disputes file name; {name} {y} {m} {mm}
    party_file_name: str
    fmt: str = "xlsx"
    title: str | None = "A"  # A: 西天尾镇{name}{y}年{m}月…台账 · B: {name}…台账（{y}年{m}月） · None
    fill_line: bool = False  # 填报单位：…  填报日期：…
    double_header: bool = False
    hset: str = "A"
    header_deco: str = ""  # "" · spaces · breaks
    unit_col: bool = False  # a 所属村居 column
    id_col: bool = False
    phone_numeric: bool = False
    date_style: str = "date"
    total_row: bool = False
    footer: bool = False
    blank_rows: bool = False
    note: bool = False
    instructions: bool = False  # a 填表说明 sheet before the data sheet
    hidden_sheet: bool = False
    sheet_name: str = "Sheet1"
    resolved_word: str = "已化解"
    open_word: str = "化解中"
    not_resolved_word: str = "未化解"
    type_style: str = "plain"  # plain · suffix · detail
    village_level: str = "村"
    area_level: str = "片区调解室"
    town_level: str = "镇"
    up_level: str = "上级"
    zero_report_months: tuple[int, ...] = ()
    party_hset: str = "A"
    party_org_col: str | None = None  # the org name written in a 党组织 column
    party_org_form: str = ""  # the org as named in titles


HABITS: dict[str, Habits] = {
    h.unit_id: h
    for h in [
        Habits(
            "dongxing",
            "东星居委会",
            "东星社区矛盾纠纷排查化解台账（{y}年{m}月）",
            "东星社区党委三会一课台账（{y}年{m}月）",
            title="A",
            fill_line=True,
            unit_col=True,
            footer=True,
            village_level="社区",
            party_org_col="东星社区党委",
            party_org_form="东星社区党委",
        ),
        Habits(
            "houhuang",
            "后黄村",
            "后黄村纠纷台账{y}{mm}",
            "后黄村党支部组织生活台账{y}{mm}",
            title="B",
            double_header=True,
            hset="C",
            date_style="cn",
            total_row=True,
            sheet_name="纠纷台账",
            resolved_word="调解成功",
            open_word="正在调解",
            not_resolved_word="调解不成",
            type_style="suffix",
            village_level="村居",
            area_level="片区品牌调解室",
            party_hset="C",
            party_org_col="后黄社区党支部",
            party_org_form="后黄村党支部",
        ),
        Habits(
            "xibai",
            "溪白村",
            "溪白村-矛盾纠纷排查化解台账-{y}年{m}月",
            "溪白村党支部-三会一课-{y}年{m}月",
            fill_line=True,
            id_col=True,
            date_style="dot",
            instructions=True,
            sheet_name="{m}月台账",
            village_level="社区调委会",
            town_level="司法所",
            up_level="移交",
            party_org_col="溪白村党支部",
            party_org_form="溪白村党支部",
        ),
        Habits(
            "chengzhu",
            "澄渚社区",
            "澄渚社区-矛盾纠纷台账-{y}年{m}月",
            "澄渚社区党支部三会一课台账-{y}年{m}月",
            title=None,
            hset="D",
            date_style="serial",
            sheet_name="{y}年{m}月",
            village_level="本社区",
            type_style="detail",
            party_org_form="澄渚社区党支部",
        ),
        Habits(
            "linfeng",
            "林峰社区",
            "林峰社区{y}年{m}月纠纷排查台账",
            "林峰社区党支部{y}年{m}月主题党日及三会一课",
            title="B",
            fill_line=True,
            date_style="slash",
            hidden_sheet=True,
            note=True,
            village_level="社区",
            open_word="正在调解",
            party_hset="B",
            party_org_form="林峰社区党支部",
        ),
        Habits(
            "weiyang",
            "渭阳",
            "{y}年{m}月矛盾纠纷排查化解台账-渭阳社区",
            "{y}年{m}月三会一课台账-渭阳社区党支部",
            date_style="compact",
            footer=True,
            village_level="村/社区",
            town_level="镇调委会",
            party_org_form="渭阳社区党支部",
        ),
        Habits(
            "longshan",
            "龙山",
            "{y}.{m} 龙山 纠纷",
            "{y}.{m} 龙山 三会一课",
            fmt="xls",
            title="B",
            hset="B",
            village_level="村调委会",
            resolved_word="调解成功",
            open_word="正在调解",
            party_hset="B",
            party_org_form="龙山村党支部",
        ),
        Habits(
            "wujiang",
            "吴江村",
            "吴江村纠纷排查台账（{m}月）",
            "吴江村党支部三会一课台账（{m}月）",
            fill_line=True,
            header_deco="spaces",
            date_style="md",
            sheet_name="{m}月",
            village_level="村级",
            party_org_form="吴江村党支部",
        ),
        Habits(
            "beida",
            "北大村",
            "北大村矛盾纠纷排查化解台账{y}.{mm}",
            "北大村党支部三会一课{y}.{mm}",
            double_header=True,
            id_col=True,
            phone_numeric=True,
            village_level="本村",
            type_style="detail",
            party_org_col="北大村党支部",
            party_org_form="北大村党支部",
        ),
        Habits(
            "donghu",
            "洞湖村",
            "洞湖村-纠纷台账-{y}年{m}月",
            "洞湖村-党组织活动台账-{y}年{m}月",
            fill_line=True,
            header_deco="breaks",
            date_style="cn",
            note=True,
            town_level="镇综治中心",
            up_level="区级",
            party_hset="C",
            party_org_form="洞湖村党支部",
        ),
        Habits(
            "houzhuo",
            "后卓村",
            "后卓村{y}年{m}月纠纷排查化解台账",
            "后卓村党支部{y}年{m}月三会一课台账",
            fmt="xls",
            title="B",
            fill_line=True,
            hset="C",
            date_style="dot",
            not_resolved_word="调解不成",
            village_level="村调委会",
            party_hset="C",
            party_org_form="后卓村党支部",
        ),
        Habits(
            "wanyang",
            "碗洋村",
            "碗洋村矛盾纠纷台账_{y}{mm}",
            "碗洋村党支部三会一课_{y}{mm}",
            hset="B",
            blank_rows=True,
            type_style="suffix",
            party_hset="B",
            party_org_form="碗洋村党支部",
        ),
        Habits(
            "sanshan",
            "三山村",
            "三山村-矛盾纠纷排查化解-{y}年{m}月",
            "三山村-三会一课-{y}年{m}月",
            title="B",
            fill_line=True,
            hset="D",
            date_style="slash",
            instructions=True,
            total_row=True,
            area_level="品牌调解室",
            party_org_form="三山村党支部",
        ),
        Habits(
            "houpu",
            "后埔村",
            "后埔村纠纷台账{y}年{m}月",
            "后埔村党支部三会一课台账{y}年{m}月",
            fill_line=True,
            footer=True,
            zero_report_months=(1,),
            type_style="detail",
            party_org_form="后埔村党支部",
        ),
        Habits(
            "xiangfeng",
            "象峰村",
            "象峰村-矛盾纠纷台账-{y}年{m}月",
            "象峰村-主题党日台账-{y}年{m}月",
            double_header=True,
            hset="C",
            id_col=True,
            date_style="serial",
            zero_report_months=(1,),
            resolved_word="调解成功",
            village_level="村居",
            up_level="法院",
            party_hset="C",
            party_org_form="象峰村党支部",
        ),
        Habits(
            "xiacha",
            "下垞村",
            "下垞村矛盾纠纷排查化解台账（{y}.{m}）",
            "下垞村党支部三会一课台账（{y}.{m}）",
            fill_line=True,
            hset="B",
            date_style="compact",
            not_resolved_word="调解不成",
            party_hset="B",
            party_org_form="下垞村党支部",
        ),
        Habits(
            "linshan",
            "林山村",
            "林山村-矛盾纠纷台账-{y}年{m}月",
            "林山村党支部-三会一课台账-{y}年{m}月",
            fill_line=True,
            note=True,
            sheet_name="矛盾纠纷台账",
            party_org_form="林山村党支部",
        ),
    ]
}
assert list(HABITS) == UNIT_IDS

# Dispute header sets: field → header text.
DISPUTE_HEADERS = {
    "A": dict(
        seq="序号",
        unit="所属村居",
        received="受理日期",
        type="纠纷类型",
        parties="当事人",
        phone="联系电话",
        id="身份证号",
        summary="简要案情",
        mediator="化解责任人",
        level="化解层级",
        status="化解情况",
        resolved="化解日期",
        remarks="备注",
        group="化解情况",
    ),
    "B": dict(
        seq="编号",
        unit="村（社区）",
        received="登记日期",
        type="矛盾类型",
        parties="双方当事人",
        phone="联系方式",
        id="身份证号码",
        summary="纠纷简要情况",
        mediator="调解人",
        level="调处层级",
        status="调处结果",
        resolved="办结日期",
        remarks="说明",
        group="调处情况",
    ),
    "C": dict(
        seq="序号",
        unit="所属村（居）",
        received="排查日期",
        type="纠纷类别",
        parties="当事人姓名",
        phone="电话",
        id="公民身份号码",
        summary="基本情况",
        mediator="责任人",
        level="化解层级",
        status="化解结果",
        resolved="化解时间",
        remarks="备注",
        group="化解情况",
    ),
    "D": dict(
        seq="序号",
        unit="村居",
        received="受理时间",
        type="案件类型",
        parties="涉及当事人",
        phone="手机号码",
        id="身份证",
        summary="案情简介",
        mediator="包案人",
        level="层级",
        status="办理情况",
        resolved="调结日期",
        remarks="备注",
        group="化解情况",
    ),
}
DOUBLE_HEADER_FIELDS = ("level", "status", "resolved")

PARTY_HEADERS = {
    "A": dict(
        seq="序号",
        org="党组织",
        date="日期",
        type="活动类型",
        topic="主题",
        location="地点",
        expected="应到人数",
        attended="实到人数",
        host="主持人",
        group="参会人数",
    ),
    "B": dict(
        seq="序号",
        org="支部名称",
        date="召开时间",
        type="会议类型",
        topic="会议主题",
        location="会议地点",
        expected="应到会人数",
        attended="实到会人数",
        host="主持（主讲）人",
        group="参会情况",
    ),
    "C": dict(
        seq="序号",
        org="党支部",
        date="活动时间",
        type="活动形式",
        topic="学习内容",
        location="活动地点",
        expected="应参加人数",
        attended="实际参加人数",
        host="主讲人",
        group="参加人数",
    ),
}


def decorate(text: str, deco: str) -> str:
    """Header text as a clerk types it: spaces to align short words, or a line break in long ones."""
    if deco == "spaces" and 2 <= len(text) <= 4:
        return " ".join(text)
    if deco == "breaks" and len(text) >= 4 and "（" not in text:
        half = len(text) // 2
        return text[:half] + "\n" + text[half:]
    return text


# --- truth: disputes ---------------------------------------------------------------------------------


@dataclass
class Dispute:
    uid: int
    unit_id: str
    received: D
    canon: str
    raw_type: str
    parties: str
    phone: str
    idno: str
    summary: str
    mediator: str
    level: str  # canonical: 村/社区 · 片区调解室 · 镇 · 上级/移交
    fate: str  # R resolved by 11-03 · L resolved later · O open · N not resolved
    resolved: D | None = None
    transition: D | None = None  # for N: when it turned 未化解/已移交
    remarks: str = ""
    bad: str | None = None  # an extra row a clerk got wrong (never a true record)

    def status_at(self, day: D) -> str:
        if self.resolved and self.resolved <= day:
            return "resolved"
        if self.fate == "N" and self.transition and self.transition <= day:
            return "not_resolved"
        return "open"

    def resolved_by(self, day: D) -> bool:
        return (
            self.bad is None and self.received <= day and self.resolved is not None and self.resolved <= day
        )


DISPUTE_TYPES = [
    ("邻里纠纷", 30),
    ("婚姻家庭", 18),
    ("土地承包", 12),
    ("山林权属", 10),
    ("征地拆迁", 8),
    ("涉法涉诉信访", 4),
    ("其他", 18),
]
OTHER_SUBTYPES = ["劳资纠纷", "合同纠纷", "医患纠纷", "交通事故纠纷", "债务纠纷", "物业纠纷"]
TYPE_WORDS = {
    "plain": {
        "邻里纠纷": ["邻里纠纷"],
        "婚姻家庭": ["婚姻家庭"],
        "土地承包": ["土地承包"],
        "山林权属": ["山林权属"],
        "征地拆迁": ["征地拆迁"],
        "涉法涉诉信访": ["涉法涉诉信访"],
    },
    "suffix": {
        "邻里纠纷": ["邻里纠纷"],
        "婚姻家庭": ["婚姻家庭纠纷"],
        "土地承包": ["土地承包纠纷"],
        "山林权属": ["山林纠纷"],
        "征地拆迁": ["征地拆迁纠纷"],
        "涉法涉诉信访": ["涉法涉诉信访"],
    },
    "detail": {
        "邻里纠纷": ["邻里纠纷", "宅基地纠纷", "相邻通行纠纷"],
        "婚姻家庭": ["婚姻家庭", "赡养纠纷", "离婚纠纷", "继承纠纷"],
        "土地承包": ["土地承包纠纷", "土地流转纠纷"],
        "山林权属": ["林地纠纷", "山林权属"],
        "征地拆迁": ["征迁补偿纠纷", "征地拆迁"],
        "涉法涉诉信访": ["涉法涉诉信访"],
    },
}
PLACES = [
    "后山",
    "牛头岭",
    "石壁坑",
    "下洋",
    "溪头",
    "田中央",
    "大路口",
    "祠堂边",
    "新村",
    "旧厝",
    "水尾",
    "埔头",
    "塘边",
    "宫前",
    "顶厝",
    "后垅",
    "岭脚",
    "上坑",
    "洋中",
    "桥头",
]
SUMMARY_TEMPLATES = {
    "邻里纠纷": [
        "双方因{place}自建房屋排水问题发生争执",
        "双方因{place}巷道通行问题多次发生口角",
        "双方因{place}宅基地界址（约{n}平方米）发生争议",
        "双方因{place}房屋滴水及围墙修建发生纠纷",
        "双方因{place}养狗扰民问题发生矛盾",
        "双方因{place}共用水井使用问题发生争执",
    ],
    "婚姻家庭": [
        "兄弟{k}人因老人赡养费用分担问题发生矛盾",
        "夫妻因感情不和要求离婚，对财产分割有争议",
        "双方因{place}祖厝继承份额发生争议",
        "子女因父母{place}老屋分配问题发生矛盾",
        "双方因子女抚养费支付问题发生纠纷",
    ],
    "土地承包": [
        "双方因{place}承包地（约{n}亩）流转费用发生纠纷",
        "双方因{place}责任田边界不清发生争议",
        "双方对{place}{n}亩承包地经营权归属存在争议",
    ],
    "山林权属": [
        "双方因{place}山场林地界址不清发生争执，涉及林地约{n}亩",
        "双方因{place}林木采伐收益分配发生争议",
        "双方对{place}自留山（约{n}亩）权属存在分歧",
    ],
    "征地拆迁": [
        "当事人对{place}道路拓宽工程征迁补偿标准有异议",
        "当事人对{place}地块青苗补偿款（约{n}千元）有异议",
        "当事人对{place}安置房分配方案不满",
    ],
    "涉法涉诉信访": [
        "当事人对{yr}年民事判决执行情况不满，多次到镇反映",
        "当事人对交通事故赔偿判决不服，要求再审",
        "当事人对{place}土地纠纷裁定不服，反复上访",
    ],
    "劳资纠纷": [
        "{n}名工人反映{place}工地拖欠工资",
        "工人反映鞋厂拖欠{k}个月工资",
        "工人在{place}工地受伤，就赔偿发生争议",
    ],
    "合同纠纷": [
        "双方因房屋装修合同款项（约{n}万元）结算发生争议",
        "双方因{place}店面租赁合同到期退租发生纠纷",
    ],
    "医患纠纷": ["当事人对在镇卫生院就诊结果有异议，要求赔偿", "当事人对{place}诊所用药后出现过敏要求赔偿"],
    "交通事故纠纷": ["双方因{place}路段电动车碰撞事故赔偿发生争议", "双方因{place}路口车辆剐蹭赔偿发生纠纷"],
    "债务纠纷": ["双方因民间借贷（约{n}万元）还款问题发生纠纷", "双方因{place}合伙经营欠款发生争议"],
    "物业纠纷": [
        "业主与物业因{place}小区停车收费发生争议",
        "业主反映{place}小区电梯长期故障，与物业发生矛盾",
    ],
}
REMARKS = ["", "", "", "", "已录入矛盾纠纷多元化解平台", "已回访", "涉及多户", "当事人外出务工，电话联系"]


def _dispute_parties(rng: random.Random, summary: str) -> str:
    if summary.startswith(("双方", "兄弟", "夫妻", "子女", "业主与")):
        return f"{person_name(rng)}、{person_name(rng)}"
    return person_name(rng)


DETAIL_WORDS = [
    ("赡养", "赡养纠纷"),
    ("离婚", "离婚纠纷"),
    ("继承", "继承纠纷"),
    ("分配", "继承纠纷"),
    ("宅基地", "宅基地纠纷"),
    ("通行", "相邻通行纠纷"),
    ("流转", "土地流转纠纷"),
    ("补偿", "征迁补偿纠纷"),
    ("安置", "征迁补偿纠纷"),
    ("林地", "林地纠纷"),
    ("林木", "林地纠纷"),
]


def _type_text(style: str, canon: str, summary: str) -> str:
    words = TYPE_WORDS[style][canon]
    if style == "detail":
        for key, word in DETAIL_WORDS:
            if key in summary and word in words:
                return word
    return words[0]


def build_disputes(seed: int) -> list[Dispute]:
    rng = random.Random(f"{seed}-disputes")
    weights = [(1.8 if u == "dongxing" else 1.0) * rng.uniform(0.7, 1.3) for u in UNIT_IDS]
    in_window = distribute(DISPUTES_RECEIVED, weights)
    after = distribute(29, weights)
    window_days = days_between(JAN1, CUT)
    late_days = days_between(CUT + dt.timedelta(days=1), D(Y, 11, 30))

    def day_weight(day: D) -> float:
        w = 0.6 if day.weekday() >= 5 else 1.0
        return w * (0.35 if D(Y, 1, 20) <= day <= D(Y, 1, 28) else 1.0)  # 春节

    town_staff = [person_name(rng) for _ in range(4)]
    disputes: list[Dispute] = []
    seen: set[tuple] = set()
    for idx, unit_id in enumerate(UNIT_IDS):
        habits = HABITS[unit_id]
        village_mediators = [person_name(rng) for _ in range(3)]
        days = [d for d in window_days if d.month not in habits.zero_report_months]
        picks = sorted(rng.choices(days, weights=[day_weight(d) for d in days], k=in_window[idx]))
        if 1 not in habits.zero_report_months and picks[0].month > 1:
            picks[0] = D(Y, 1, rng.randint(3, 18))  # only the 零报告 units have an empty January
        picks += sorted(rng.choices(late_days, k=after[idx]))
        for received in picks:
            while True:
                canon = rng.choices([t for t, _ in DISPUTE_TYPES], weights=[w for _, w in DISPUTE_TYPES])[0]
                template_key = rng.choice(OTHER_SUBTYPES) if canon == "其他" else canon
                summary = rng.choice(SUMMARY_TEMPLATES[template_key]).format(
                    place=rng.choice(PLACES),
                    n=rng.randint(2, 30),
                    k=rng.randint(2, 5),
                    yr=rng.randint(2015, 2021),
                )
                if canon == "其他":
                    raw_type = template_key if rng.random() < 0.85 else "其他"
                else:
                    raw_type = _type_text(habits.type_style, canon, summary)
                parties = _dispute_parties(rng, summary)
                key = (unit_id, received, raw_type, parties, summary)
                if key not in seen:
                    seen.add(key)
                    break
            phone = mobile(rng)
            if rng.random() < 0.06:
                summary += f"（当事人电话{mobile(rng)}）"
            disputes.append(
                Dispute(
                    uid=len(disputes) + 1,
                    unit_id=unit_id,
                    received=received,
                    canon="其他" if canon == "其他" else canon,
                    raw_type=raw_type,
                    parties=parties,
                    phone=phone,
                    idno=id_number(rng),
                    summary=summary,
                    mediator=rng.choice(village_mediators),
                    level="村/社区",
                    fate="R",
                    remarks=rng.choice(REMARKS),
                )
            )

    # Fates: exactly 399 of the 471 resolved on or before 11-03.
    window = [d for d in disputes if d.received <= CUT]
    later = [d for d in disputes if d.received > CUT]
    assert len(window) == DISPUTES_RECEIVED
    pool = [d for d in window if d.received <= D(Y, 9, 30)]
    for d in rng.sample(pool, 16):
        d.fate = "N"
    pool = [d for d in window if d.fate == "R" and d.received >= D(Y, 8, 1)]
    for d in rng.sample(pool, 12):
        d.fate = "L"
    rest = [d for d in window if d.fate == "R"]
    # open cases are mostly recent ones
    chosen: set[int] = set()
    weights_open = [math.exp(((d.received - JAN1).days - 300) / 45) for d in rest]
    while len(chosen) < DISPUTES_RECEIVED - DISPUTES_RESOLVED - 16 - 12:
        chosen.add(rng.choices(range(len(rest)), weights=weights_open)[0])
    for i in sorted(chosen):
        rest[i].fate = "O"
    for d in sorted(rng.sample(later, 12), key=lambda x: x.uid):
        d.fate = "O"
    for d in later:
        if d.fate == "R":
            d.fate = "R2"  # received after 11-03, resolved by 11-30

    level_choices = [("村/社区", 72), ("片区调解室", 15), ("镇", 10), ("上级/移交", 3)]
    for d in disputes:
        d.level = rng.choices([lv for lv, _ in level_choices], weights=[w for _, w in level_choices])[0]
        if d.fate == "R":
            lag = min(int(rng.expovariate(1 / 9)), 75)
            if d.received + dt.timedelta(days=lag) > CUT:
                lag = rng.randint(0, (CUT - d.received).days)
            d.resolved = d.received + dt.timedelta(days=lag)
        elif d.fate == "L":
            first = max(d.received, CUT + dt.timedelta(days=1))
            d.resolved = rng.choice(days_between(first, D(Y, 11, 30)))
        elif d.fate == "R2":
            d.resolved = rng.choice(days_between(d.received, D(Y, 11, 30)))
        elif d.fate == "N":
            d.transition = d.received + dt.timedelta(days=rng.randint(15, 60))
            d.level = rng.choice(["上级/移交", "上级/移交", "镇", "村/社区"])
        if d.level == "片区调解室":  # the area's full-time mediator
            d.mediator = AREA_MEDIATORS[UNIT[d.unit_id]["area_id"]]
        elif d.level in ("镇", "上级/移交"):
            d.mediator = town_staff[d.uid % len(town_staff)]
    # one row a clerk got wrong, copied unchanged into every later cumulative file: 化解日期 before 受理日期
    disputes.append(
        Dispute(
            uid=len(disputes) + 1,
            unit_id="xiacha",
            received=D(Y, 6, 12),
            canon="邻里纠纷",
            raw_type="邻里纠纷",
            parties="郑文华、郑金水",
            phone=mobile(rng),
            idno=id_number(rng),
            summary="双方因塘边自建房屋排水问题发生争执（重复登记）",
            mediator="郑国强",
            level="村/社区",
            fate="R",
            resolved=D(Y, 5, 28),
            bad="化解日期早于受理日期",
        )
    )
    return disputes


AREA_MEDIATORS = {"A1": "林素琴", "A2": "陈德福", "A3": "黄志明", "A4": "郑秀英"}


# --- truth: legal visits -----------------------------------------------------------------------------


@dataclass
class Visit:
    day: D
    person: str
    role: str  # canonical
    role_raw: str
    agency: str
    unit_id: str
    unit_raw: str
    activity: str
    disputes: int = 0
    consultations: int = 0
    bad: str | None = None
    bad_column: str | None = None


LEGAL_PEOPLE = [  # (role canonical, role as written, agency, how many)
    ("法官", "法官", "荔城区人民法院西天尾人民法庭", 4),
    ("检察官", "检察官", "荔城区人民检察院", 3),
    ("警官", "警官", "莆田市公安局荔城分局西天尾派出所", 3),
    ("警官", "民警", "莆田市公安局荔城分局西天尾派出所", 3),
    ("律师", "律师", "福建莆阳律师事务所", 3),
    ("律师", "律师", "福建壶兰律师事务所", 3),
]
ACTIVITIES = {
    "法官": ["带案下访", "参与调解", "法律咨询", "普法宣传"],
    "检察官": ["带案下访", "法律咨询", "普法宣传"],
    "警官": ["参与调解", "法律咨询", "普法宣传", "带案下访"],
    "律师": ["法律咨询", "参与调解", "普法宣传", "法治讲座"],
}


def build_visits(seed: int) -> list[Visit]:
    rng = random.Random(f"{seed}-legal")
    people = []
    for role, raw, agency, count in LEGAL_PEOPLE:
        for _ in range(count):
            units = rng.sample(UNIT_IDS, rng.randint(2, 3))
            people.append((person_name(rng), role, raw, agency, units))

    def schedule(days: list[D], count: int) -> list[Visit]:
        slots = [(d, p) for d in days for p in range(len(people)) if d.weekday() < 5 or rng.random() < 0.15]
        chosen = sorted(rng.sample(slots, count), key=lambda s: (s[0], s[1]))
        out = []
        for day, p in chosen:
            name, role, raw, agency, units = people[p]
            unit_id = rng.choice(units)
            out.append(
                Visit(
                    day,
                    name,
                    role,
                    raw,
                    agency,
                    unit_id,
                    rng.choice(UNIT_ALIASES[unit_id]),
                    rng.choice(ACTIVITIES[role]),
                )
            )
        return out

    window = schedule(days_between(JAN1, CUT), LEGAL_VISITS)
    later = schedule(days_between(CUT + dt.timedelta(days=1), D(Y, 11, 30)), 84)

    def spread(visits: list[Visit], total: int, attr: str, weight, cap: int) -> None:
        weights = [weight(v) for v in visits]
        left = total
        while left:
            i = rng.choices(range(len(visits)), weights=weights)[0]
            if getattr(visits[i], attr) < cap:
                setattr(visits[i], attr, getattr(visits[i], attr) + 1)
                left -= 1

    def dispute_weight(v: Visit) -> float:
        return {"带案下访": 3.0, "参与调解": 3.0}.get(v.activity, 0.15)

    def consult_weight(v: Visit) -> float:
        return {"法律咨询": 3.0, "普法宣传": 1.5, "法治讲座": 1.5}.get(v.activity, 0.5)

    spread(window, LEGAL_DISPUTES, "disputes", dispute_weight, 3)
    spread(window, LEGAL_CONSULTATIONS, "consultations", consult_weight, 6)
    spread(later, 17, "disputes", dispute_weight, 3)
    spread(later, 66, "consultations", consult_weight, 6)
    return window + later


# --- truth: petitions --------------------------------------------------------------------------------


@dataclass
class Petition:
    case_id: str
    petitioner: str
    phone: str
    unit_id: str
    issue: str
    first_visit: D
    leader: str
    responsible: str
    measures: str
    resolved: D | None
    pledge: bool


def build_petitions(seed: int) -> list[Petition]:
    rng = random.Random(f"{seed}-petitions")
    issues = [
        "反映宅基地审批问题，要求补办用地手续",
        "对1998年土地调整结果不服，要求恢复承包地",
        "反映企业改制时职工安置补偿不到位",
        "对征地补偿款分配方案有异议",
        "反映山林权属确权结果不公",
        "要求解决历史遗留的房屋拆迁安置问题",
        "对交通事故赔偿执行不到位不满",
        "反映村集体财务不公开",
        "要求落实老民办教师待遇",
    ]
    years = [2016, 2017, 2018, 2018, 2019, 2020, 2020, 2021, 2021]
    # 6 resolved on or before 11-03 (one of them on 11-02, so the 10-31 cut sees 5), one more on 11-20
    resolved = [
        D(Y, 3, 17),
        D(Y, 5, 9),
        D(Y, 6, 28),
        D(Y, 8, 15),
        D(Y, 9, 26),
        D(Y, 11, 2),
        D(Y, 11, 20),
        None,
        None,
    ]
    leaders = [person_name(rng) for _ in range(5)]
    units = rng.sample(UNIT_IDS, PETITION_CASES)
    cases = []
    for i in range(PETITION_CASES):
        first = D(years[i], rng.randint(1, 12), rng.randint(1, 28))
        done = resolved[i]
        cases.append(
            Petition(
                case_id=f"XTW-JA-{years[i]}-{i + 1:02d}",
                petitioner=person_name(rng),
                phone=mobile(rng),
                unit_id=units[i],
                issue=issues[i],
                first_visit=first,
                leader=rng.choice(leaders),
                responsible=rng.choice(
                    ["镇综治中心", "镇自然资源所", "镇农业服务中心", "镇司法所", "镇信访办"]
                ),
                measures="包案领导多次约谈，结合仲裁、行政复议结果分段式处理，引导信访人回归理性",
                resolved=done,
                pledge=bool(done and done <= CUT),
            )
        )
    return cases


# --- truth: key projects -----------------------------------------------------------------------------


@dataclass
class Project:
    zone: str  # 镇 · 园区
    name: str
    content: str
    total: int  # 万元
    annual: int  # 万元
    stages: dict[int, str]  # month → canonical stage
    started: int  # month it became 在建 (0: before 2023, 99: never)
    completed: dict[int, int] = field(default_factory=dict)  # month → cumulative 万元 this year
    leader: str = ""
    responsible: str = ""
    issue: str = ""


TOWN_PROJECT_KINDS = [
    ("道路提升改造工程", "道路拓宽及路面“白改黑”约{n}公里"),
    ("污水管网建设工程", "铺设污水管网约{n}公里"),
    ("乡村振兴示范点建设项目", "建设游客服务中心、停车场及景观节点{n}处"),
    ("安置房建设项目", "建设安置房{n}栋"),
    ("农贸市场改造项目", "改造提升市场摊位{n}0个"),
    ("水环境综合治理工程", "河道清淤及护岸建设{n}公里"),
    ("党群服务中心建设项目", "新建党群服务中心{n}00平方米"),
    ("农田水利设施项目", "修复灌溉渠道{n}公里"),
    ("文化广场建设项目", "建设文化广场{n}000平方米"),
    ("人居环境整治项目", "整治裸房及沿街立面{n}0栋"),
]
PARK_COMPANIES = [
    "双洋鞋业",
    "荣兴鞋材",
    "华丰工艺",
    "恒达机械",
    "鑫源食品",
    "嘉益电子",
    "闽中包装",
    "瑞峰新材料",
    "德信纺织",
    "永辉五金",
    "博远科技",
    "天成木业",
    "凯盛医疗器械",
    "中联物流",
    "宏泰塑胶",
    "金鹏模具",
    "华夏新能源",
    "安达汽配",
    "祥和家具",
    "海创智能",
    "鸿运纸业",
    "莆鑫铝业",
    "汇通制衣",
    "明辉照明",
    "国泰建材",
    "联发电子",
    "正源生物",
    "泉丰农业科技",
    "佳美日化",
    "伟业钢构",
    "立信精工",
    "信达光电",
]
PARK_KINDS = [
    ("扩建项目", "新建厂房{n}栋"),
    ("新建厂房项目", "新建标准厂房{n}万平方米"),
    ("智能化技改项目", "购置智能化生产线{n}条"),
    ("生产基地项目", "建设生产车间及配套用房{n}栋"),
]
TOWN_PREFIXES = [u["short_name"] for u in UNITS] + ["镇区", "西天尾", "九华山", "知秋湖", "南洋广场"]


def _stage_plan(rng: random.Random, n_total: int, final: dict[str, int], *, nov_starts: int) -> list[tuple]:
    """Per project: (stages by month, start month). Final (November) counts are exact."""
    plans = []
    n_build = final["在建"]
    # in construction in November: some since before 2023 (续建), some started during the year (新开工),
    # `nov_starts` of them only in November (前期 → 在建), so the 10-31 report counts fewer.
    for i in range(n_build):
        if i < n_build - 6:
            plans.append(({m: "在建" for m in MONTHS}, 0))
        elif i < n_build - nov_starts:
            start = rng.randint(3, 10)
            plans.append(({m: ("在建" if m >= start else "预备") for m in MONTHS}, start))
        else:
            plans.append(({m: ("在建" if m >= 11 else "前期") for m in MONTHS}, 11))
    for i in range(final["预备"]):
        moved = rng.randint(2, 10) if i % 3 == 0 else 1  # some were 前期 early in the year
        plans.append(({m: ("预备" if m >= moved else "前期") for m in MONTHS}, 99))
    for _ in range(final["前期"]):
        plans.append(({m: "前期" for m in MONTHS}, 99))
    assert len(plans) == n_total
    rng.shuffle(plans)
    return plans


def build_projects(seed: int) -> list[Project]:
    rng = random.Random(f"{seed}-projects")
    leaders = [person_name(rng) for _ in range(8)]
    projects: list[Project] = []
    names: set[str] = set()
    for zone, final, count in (("镇", TOWN_STAGES, 60), ("园区", PARK_STAGES, 32)):
        plans = _stage_plan(rng, count, final, nov_starts=1)
        for i, (stages, started) in enumerate(plans):
            while True:
                if zone == "镇":
                    kind, content = rng.choice(TOWN_PROJECT_KINDS)
                    name = rng.choice(TOWN_PREFIXES) + kind
                    if i == 0:
                        name = "后黄—林山—下垞乡村振兴精品示范线建设项目"
                else:
                    kind, content = rng.choice(PARK_KINDS)
                    name = PARK_COMPANIES[i] + kind
                if name not in names:
                    names.add(name)
                    break
            unit = 100 if zone == "园区" else 10
            total = rng.randint(50, 3000) * unit if zone == "镇" else rng.randint(30, 1500) * unit
            final_stage = stages[11]
            share = {
                "在建": rng.uniform(0.2, 0.6),
                "预备": rng.uniform(0.03, 0.12),
                "前期": rng.uniform(0.0, 0.03),
            }
            annual = int(round(total * share[final_stage] / 10)) * 10
            p = Project(
                zone=zone,
                name=name,
                content=content.format(n=rng.randint(2, 12)),
                total=total,
                annual=annual,
                stages=stages,
                started=started,
                leader=rng.choice(leaders),
                responsible=(
                    "园区管委会"
                    if zone == "园区"
                    else rng.choice(["镇项目办", "镇村建所", "镇农业服务中心", "镇乡村振兴办"])
                ),
                issue=rng.choice(
                    ["", "", "征迁进度滞后", "用地指标待落实", "资金拨付较慢", "施工许可待办理"]
                ),
            )
            pace = rng.uniform(0.7, 1.25)
            done = 0
            for m in MONTHS:
                if stages[m] == "在建":  # 累计完成投资 grows month by month from the start of construction
                    share = m / 12 if started == 0 else (m - started + 1) / (13 - started)
                    done = max(done, int(min(annual * pace * share, annual * 1.3)))
                elif stages[m] == "预备" and annual:
                    done = max(done, int(annual * 0.02 * m / 12))
                p.completed[m] = done
            projects.append(p)
    return projects


def stage_text(p: Project, m: int) -> str:
    """镇项目办 writes 续建/新开工 for projects in construction; 园区管委会 writes 在建/预备/前期."""
    stage = p.stages[m]
    if p.zone == "园区":
        return stage
    if stage == "在建":
        return "续建" if p.started == 0 else "新开工"
    return stage


def progress_text(p: Project, m: int) -> str:
    stage = p.stages[m]
    if stage == "在建":
        share = p.completed[m] / p.annual if p.annual else 0
        return "基础施工" if share < 0.3 else "主体施工" if share < 0.8 else "装修及配套施工"
    if stage == "预备":
        return "已完成立项，正在办理施工许可"
    return "正在开展可研及用地报批"


# --- truth: party activities -------------------------------------------------------------------------


@dataclass
class Activity:
    org_id: str
    day: D
    type_raw: str
    type: str
    topic: str
    location: str
    expected: int
    attended: int
    host: str
    bad: str | None = None


TOPICS = {
    "支委会": "研究部署{m}月份党建及中心工作",
    "党员大会": "{m}月份党员大会暨党费收缴",
    "党小组会": "第{g}党小组{m}月份学习",
    "主题党日": "{m}月份主题党日：{theme}",
    "党课": "专题党课：{lesson}",
    "专题培训": "主题教育专题培训（{m}月）",
    "现场教学": "赴{place}现场教学",
}
THEMES = [
    "学习党的二十大精神",
    "志愿服务进网格",
    "重温入党誓词",
    "人居环境整治",
    "森林防火宣传",
    "关爱老人走访",
    "学习贯彻习近平新时代中国特色社会主义思想",
    "“四下基层”走访群众",
    "安全生产大排查",
    "文明实践进村居",
]
LESSONS = ["以学铸魂 以学增智", "弘扬“四下基层”优良传统", "推动绿色高质量发展", "党员的初心与使命"]
SITES = ["东星社区“党建引领、夯基惠民”工程平台", "后黄社区党员政治生活馆", "西天尾法庭"]


def build_activities(seed: int) -> list[Activity]:
    rng = random.Random(f"{seed}-party")
    acts: list[Activity] = []
    for org in PARTY_ORGS:
        oid = org["party_org_id"]
        members = 180 if oid == "P01" else rng.randint(20, 110)
        committee = rng.randint(5, 7)
        hosts = [person_name(rng) for _ in range(3)]
        location = (UNIT[org["unit_id"]]["name"] + "党群服务中心") if org["unit_id"] else "镇机关会议室"
        groups = max(2, members // 25)
        for m in MONTHS:
            plan = ["支委会", "党小组会", "主题党日"]
            if m in (1, 4, 7, 10):
                plan.append("党员大会")
            if m in (3, 6, 9, 11):
                plan.append("党课")
            if m in (9, 10, 11) and rng.random() < 0.5:
                plan.append("专题培训")
            if m == 10 and rng.random() < 0.35:
                plan.append("现场教学")
            used: set[D] = set()
            for kind in plan:
                days = [
                    d for d in days_between(D(Y, m, 1), month_end(m)) if d not in used and d.weekday() < 6
                ]
                day = rng.choice(days)
                used.add(day)
                raw = {
                    "支委会": rng.choice(["支委会", "支部委员会"]),
                    "党员大会": rng.choice(["党员大会", "支部党员大会"]),
                    "主题党日": rng.choice(["主题党日", "主题党日活动", "固定党日"]),
                    "党课": rng.choice(["党课", "专题党课"]),
                    "现场教学": rng.choice(["现场教学", "参观学习"]),
                }.get(kind, kind)
                if kind == "支委会":
                    expected = committee
                elif kind == "党小组会":
                    expected = members // groups
                else:
                    expected = members
                attended = expected - min(expected - 1, int(expected * rng.uniform(0, 0.15)))
                topic = TOPICS[kind].format(
                    m=m,
                    g=rng.randint(1, groups),
                    theme=rng.choice(THEMES),
                    lesson=rng.choice(LESSONS),
                    place=rng.choice(SITES),
                )
                acts.append(
                    Activity(
                        oid,
                        day,
                        raw,
                        kind,
                        topic,
                        location if kind != "现场教学" else topic[1:].replace("现场教学", ""),
                        expected,
                        attended,
                        rng.choice(hosts),
                    )
                )
    acts.sort(key=lambda a: (a.org_id, a.day))
    # a row a clerk got wrong: more attended than expected (洞湖村, April)
    acts.append(
        Activity(
            "P10",
            D(Y, 4, 26),
            "党小组会",
            "党小组会",
            "第2党小组4月份补充学习",
            "洞湖村党群服务中心",
            12,
            15,
            "黄志强",
            bad="实到人数大于应到人数",
        )
    )
    return acts


# --- truth: grid events ------------------------------------------------------------------------------


@dataclass
class GridEvent:
    eid: str
    grid_id: str
    etype: str
    reported: DT
    deadline: DT
    closed: DT | None
    suspended: bool
    description: str
    reporter: str


EVENT_TYPES = [
    ("服务群众", 35, 72),
    ("生态环境", 25, 48),
    ("公共安全", 18, 24),
    ("治安防控", 12, 24),
    ("维护稳定", 10, 24),
]
EVENT_TEXTS = {
    "服务群众": [
        "居民反映{p}路灯不亮",
        "{p}独居老人需要上门帮办医保",
        "居民咨询{p}新生儿落户手续",
        "{p}楼道扶手松动需维修",
        "居民反映{p}自来水水压不足",
    ],
    "生态环境": [
        "{p}路段垃圾堆放未及时清运",
        "{p}排水沟堵塞有异味",
        "{p}空地焚烧垃圾",
        "{p}河道漂浮物需清理",
        "{p}餐饮店油烟扰民",
    ],
    "公共安全": [
        "{p}消防通道被占用",
        "{p}电动车楼道充电",
        "{p}井盖破损存在安全隐患",
        "{p}广告牌松动",
        "{p}燃气管道老化",
    ],
    "治安防控": ["{p}夜间有可疑人员徘徊", "{p}监控探头损坏", "{p}电动车被盗", "{p}出租房未登记流动人口"],
    "维护稳定": [
        "{p}邻里因停车发生口角",
        "{p}工人聚集讨薪",
        "{p}商户与租户租金纠纷",
        "{p}居民反映物业收费问题",
    ],
}
STREETS = [
    "东星路",
    "学园路",
    "天尾街",
    "东星花园",
    "锦绣小区",
    "南门巷",
    "新华南路",
    "东星菜市场",
    "溪口里",
    "文化广场",
    "东园小区",
    "星光大道",
    "后街",
    "沿河路",
    "东星幼儿园旁",
]


def build_grid_events(seed: int) -> list[GridEvent]:
    rng = random.Random(f"{seed}-grid")
    grid_ids = [g["grid_id"] for g in GRIDS]
    grid_weights = [int(g["unit_count"]) * rng.uniform(0.8, 1.2) for g in GRIDS]
    reporters = {g: person_name(rng) for g in grid_ids}

    def day_weight(day: D) -> float:
        w = 0.7 if day.weekday() >= 5 else 1.0
        return w * (0.4 if D(Y, 1, 20) <= day <= D(Y, 1, 28) else 1.0) * rng.uniform(0.85, 1.15)

    window_days = days_between(JAN1, CUT)
    late_days = days_between(CUT + dt.timedelta(days=1), D(Y, 11, 30))
    counts = distribute(GRID_EVENTS, [day_weight(d) for d in window_days])
    counts += [int(53 * day_weight(d)) for d in late_days]
    events = []
    type_names = [t for t, _, _ in EVENT_TYPES]
    type_weights = [w for _, w, _ in EVENT_TYPES]
    limits = {t: h for t, _, h in EVENT_TYPES}
    for day, n in zip(window_days + late_days, counts, strict=True):
        minutes = sorted(rng.randrange(7 * 60 + 30, 19 * 60) for _ in range(n))
        grids = rng.choices(grid_ids, weights=grid_weights, k=n)
        types = rng.choices(type_names, weights=type_weights, k=n)
        for seq, (minute, grid_id, etype) in enumerate(zip(minutes, grids, types, strict=True), 1):
            reported = DT(day.year, day.month, day.day, minute // 60, minute % 60)
            deadline = reported + dt.timedelta(hours=limits[etype])
            roll = rng.random()
            suspended = False
            if roll < 0.03:
                closed, suspended = None, True
            elif roll < 0.09:
                closed = reported + dt.timedelta(hours=rng.randint(limits[etype] + 1, 24 * 20))
            else:
                closed = reported + dt.timedelta(minutes=rng.randint(20, limits[etype] * 60))
            text = rng.choice(EVENT_TEXTS[etype]).format(p=rng.choice(STREETS))
            if rng.random() < 0.02:
                text += f"，联系人电话{mobile(rng)}"
            events.append(
                GridEvent(
                    f"DX{day:%Y%m%d}{seq:04d}",
                    grid_id,
                    etype,
                    reported,
                    deadline,
                    closed,
                    suspended,
                    text,
                    reporters[grid_id],
                )
            )
    return events


def export_moment(m: int) -> DT:
    """The platform export of month m is taken on the 3rd of the next month, 09:30."""
    return DT(Y, m + 1, 3, 9, 30) if m < 12 else DT(Y + 1, 1, 3, 9, 30)


def event_status(e: GridEvent, at: DT) -> str:
    if e.closed and e.closed <= at:
        return "已办结"
    if e.suspended and at - e.reported > dt.timedelta(days=2):
        return "挂起"
    age = at - e.reported
    if age < dt.timedelta(hours=2):
        return "受理"
    return "已分流" if (int(e.eid[-2:]) % 3 == 0 and age < dt.timedelta(days=2)) else "办理中"


# --- files -------------------------------------------------------------------------------------------


@dataclass
class OutFile:
    name: str
    ledger: str
    sender: str  # canonical sender name (a unit, a party organisation or a town office)
    unit_id: str | None
    period: str  # YYYY-MM
    submitted: DT
    sheets: list[Sheet] | None = None
    table: CsvTable | None = None
    active: int | None = None
    records: int = 0  # true records (rows that must load)
    bad_rows: list[dict] = field(default_factory=list)
    zero_report: bool = False
    supersedes: str | None = None
    superseded: bool = False


def layout(
    sheet_name: str,
    columns: list[tuple[str, str | None]],
    records: list[list],
    *,
    title: str | None = None,
    fill: str | None = None,
    total: list | None = None,
    footer: list | None = None,
    note: str | None = None,
    blank_after: int | None = None,
    zero_line: str | None = None,
    widths: list[int] | None = None,
) -> tuple[Sheet, list[int]]:
    """A ledger sheet: title, 填报单位 line, one- or two-row header, rows, 合计, notes, footer.

    Returns the sheet and the Excel row number (1-based) of each record row.
    """
    s = Sheet(sheet_name, widths=widths)
    n = len(columns)
    titles, heads = [], []
    if title:
        r = s.add([title] + [None] * (n - 1))
        s.merges.append((r, 0, r, n - 1))
        titles.append(r)
    if fill:
        r = s.add([fill] + [None] * (n - 1))
        s.merges.append((r, 0, r, n - 1))
    if any(parent for _, parent in columns):
        top, bottom = [None] * n, [None] * n
        r1 = s.add(top)
        r2 = s.add(bottom)
        c = 0
        while c < n:
            header, parent = columns[c]
            if parent is None:
                s.rows[r1][c] = header
                s.merges.append((r1, c, r2, c))
                c += 1
                continue
            end = c
            while end + 1 < n and columns[end + 1][1] == parent:
                end += 1
            s.rows[r1][c] = parent
            if end > c:
                s.merges.append((r1, c, r1, end))
            for k in range(c, end + 1):
                s.rows[r2][k] = columns[k][0]
            c = end + 1
        heads += [r1, r2]
    else:
        heads.append(s.add([h for h, _ in columns]))
    rownums = []
    for i, rec in enumerate(records):
        if blank_after and i == blank_after:
            s.add([])
        rownums.append(s.add(rec) + 1)
    if zero_line:
        r = s.add([zero_line] + [None] * (n - 1))
        s.merges.append((r, 0, r, n - 1))
    if total:
        if blank_after:
            s.add([])
        s.add(total)
    if note:
        r = s.add([note] + [None] * (n - 1))
        s.merges.append((r, 0, r, n - 1))
    if footer:
        s.add([])
        s.add(footer)
    s.title_rows = tuple(titles)
    s.header_rows = tuple(heads)
    return s, rownums


def fill_name(pattern: str, m: int, **extra) -> str:
    return pattern.format(y=Y, m=m, mm=f"{m:02d}", **extra)


def instruction_sheet(lines: list[str]) -> Sheet:
    s = Sheet("填表说明", widths=[90])
    s.add(["填表说明"])
    for i, line in enumerate(lines, 1):
        s.add([f"{i}. {line}"])
    s.title_rows = (0,)
    return s


def options_sheet() -> Sheet:
    """A hidden sheet behind the drop-down lists (not a ledger)."""
    s = Sheet("下拉选项", hidden=True)
    s.add(["下拉列表"])
    for a, b, c in zip(
        ["山林权属", "征地拆迁", "土地承包", "婚姻家庭", "邻里纠纷", "涉法涉诉信访", "其他"],
        ["村", "片区调解室", "镇", "上级", "", "", ""],
        ["已化解", "化解中", "未化解", "", "", "", ""],
        strict=True,
    ):
        s.add([a, b or None, c or None])
    return s


def submission(m: int, offset_days: int, hour: int, minute: int = 0) -> DT:
    day = month_end(m) + dt.timedelta(days=offset_days)
    return DT(day.year, day.month, day.day, hour, minute)


def _footer(rng: random.Random, spread: bool, n: int) -> list:
    who, check = person_name(rng), person_name(rng)
    tel = f"0594-{rng.randint(2600000, 2699999)}"
    if spread and n >= 6:
        row = [None] * n
        row[0], row[2], row[5] = f"填报人：{who}", f"审核人：{check}", f"联系电话：{tel}"
        return row
    return [f"填报人：{who}    审核人：{check}    联系电话：{tel}"]


def _dispute_label(h: Habits, hdr: dict[str, str], f: str) -> str:
    if h.double_header and f == "status" and hdr[f] == hdr["group"]:
        return "化解结果"  # "化解情况" over "化解层级 | 化解结果 | 化解日期"
    return hdr[f]


def dispute_files(disputes: list[Dispute], seed: int) -> list[OutFile]:
    files = []
    by_unit: dict[str, list[Dispute]] = defaultdict(list)
    for d in disputes:
        by_unit[d.unit_id].append(d)
    for idx, unit_id in enumerate(UNIT_IDS):
        h = HABITS[unit_id]
        rng = random.Random(f"{seed}-dispute-files-{unit_id}")
        footer_people = _footer(rng, idx % 2 == 0, 12)
        hdr = DISPUTE_HEADERS[h.hset]
        fields = ["seq"] + (["unit"] if h.unit_col else []) + ["received", "type", "parties", "phone"]
        fields += (["id"] if h.id_col else []) + [
            "summary",
            "mediator",
            "level",
            "status",
            "resolved",
            "remarks",
        ]
        columns = [
            (
                decorate(_dispute_label(h, hdr, f), h.header_deco),
                hdr["group"] if h.double_header and f in DOUBLE_HEADER_FIELDS else None,
            )
            for f in fields
        ]
        level_word = {
            "村/社区": h.village_level,
            "片区调解室": h.area_level,
            "镇": h.town_level,
            "上级/移交": h.up_level,
        }
        unit_name = UNIT[unit_id]["name"]
        for m in MONTHS:
            me = month_end(m)
            rows = sorted(
                (d for d in by_unit[unit_id] if d.received <= me), key=lambda d: (d.received, d.uid)
            )
            records, bad_index = [], []
            for i, d in enumerate(rows, 1):
                status = d.status_at(me) if not d.bad else "resolved"
                word = {
                    "resolved": h.resolved_word,
                    "open": h.open_word,
                    "not_resolved": "已移交" if d.level == "上级/移交" else h.not_resolved_word,
                }[status]
                resolved = d.resolved if status == "resolved" else None
                values = {
                    "seq": i,
                    "unit": unit_name,
                    "received": fmt_date(d.received, h.date_style),
                    "type": d.raw_type,
                    "parties": d.parties,
                    "phone": int(d.phone) if h.phone_numeric else d.phone,
                    "id": d.idno,
                    "summary": d.summary,
                    "mediator": d.mediator,
                    "level": level_word[d.level],
                    "status": word,
                    "resolved": fmt_date(resolved, h.date_style) if resolved else None,
                    "remarks": d.remarks or None,
                }
                records.append([values[f] for f in fields])
                if d.bad:
                    bad_index.append((len(records) - 1, d))
            zero = not rows
            title = None
            if h.title == "A":
                title = f"{TOWN}{h.name_form}{Y}年{m}月矛盾纠纷排查化解台账"
            elif h.title == "B":
                title = f"{h.name_form}矛盾纠纷排查化解台账（{Y}年{m}月）"
            fill = (
                f"填报单位：{h.name_form}（盖章）        填报日期：{me.year}年{me.month}月{me.day}日"
                if h.fill_line
                else None
            )
            total = None
            if h.total_row and rows:
                total = ["合计"] + [None] * (len(fields) - 2) + [f"共{len(rows)}件"]
            note = None
            if h.note:
                note = "注：1.化解层级填村（社区）、片区调解室、镇、上级；2.化解情况填已化解、化解中、未化解；3.本表为年度累计台账。"
            sheet_name = fill_name(h.sheet_name, m)
            sheet, rownums = layout(
                sheet_name,
                columns,
                records,
                title=title,
                fill=fill,
                total=total,
                footer=footer_people if h.footer else None,
                note=note,
                blank_after=(len(records) // 2 or None) if h.blank_rows and len(records) > 4 else None,
                zero_line="本月无矛盾纠纷" if zero else None,
                widths=[6, 12, 12, 10, 16, 14] + [30] + [10] * 6,
            )
            if h.date_style == "date":
                sheet.datetime_format = "yyyy年m月d日" if unit_id in ("beida", "houpu") else "yyyy-mm-dd"
            sheets, active = [sheet], 0
            if h.instructions:
                sheets.insert(
                    0,
                    instruction_sheet(
                        [
                            "本表为年度累计台账，每月报送时保留本年度已登记的全部纠纷，并更新化解情况。",
                            "受理日期、化解日期请填写完整的年月日。",
                            "化解层级：村（社区）、片区调解室、镇、上级。",
                            "当事人、联系电话、身份证号等个人信息仅用于工作，不得外传。",
                        ]
                    ),
                )
                active = 1
            if h.hidden_sheet:
                sheets.append(options_sheet())
            out = OutFile(
                name=fill_name(h.file_name, m) + "." + h.fmt,
                ledger="disputes",
                sender=unit_name,
                unit_id=unit_id,
                period=f"{Y}-{m:02d}",
                submitted=submission(m, 1 + idx % 4, 9 + idx % 8, (idx * 7) % 60),
                sheets=sheets,
                active=active,
                records=len(rows) - len(bad_index),
                zero_report=zero,
            )
            for i, d in bad_index:
                out.bad_rows.append(
                    {
                        "sheet": sheet_name,
                        "row": rownums[i],
                        "column": columns[fields.index("resolved")][0],
                        "reason": d.bad,
                    }
                )
            files.append(out)
    return files


def legal_visit_files(visits: list[Visit], seed: int) -> list[OutFile]:
    rng = random.Random(f"{seed}-legal-files")
    files = []
    columns = [
        ("序号", None),
        ("日期", None),
        ("姓名", None),
        ("身份", None),
        ("派出单位", None),
        ("挂点村（社区）", None),
        ("活动内容", None),
        ("化解纠纷数（件）", None),
        ("法律咨询数（次）", None),
    ]
    footer = _footer(rng, True, len(columns))

    def count_cell(n: int, m: int):
        if n == 0:
            return {4: "—", 5: "—", 7: "无", 8: "无"}.get(m, 0)
        if m in (2, 6, 9):
            return str(n).translate(FULL_WIDTH)
        return n

    def build(m: int, month_visits: list[Visit], name: str, submitted: DT, corrected: bool) -> OutFile:
        records = []
        for i, v in enumerate(month_visits, 1):
            records.append(
                [
                    i,
                    v.day,
                    v.person,
                    v.role_raw,
                    v.agency,
                    v.unit_raw,
                    v.activity,
                    v.disputes if isinstance(v.disputes, str) else count_cell(v.disputes, m),
                    count_cell(v.consultations, m),
                ]
            )
        good = [v for v in month_visits if not v.bad]
        total = [
            "合计",
            None,
            None,
            None,
            None,
            None,
            f"{len(good)}人次",
            sum(v.disputes for v in good),
            sum(v.consultations for v in good),
        ]
        title = f"{TOWN}“三官一律”下沉工作台账（{Y}年{m}月）" + ("（更正）" if corrected else "")
        fill = f"填报单位：{TOWN}综治中心        填报日期：{Y}年{m}月{month_end(m).day}日"
        sheet_name = f"{m}月"
        sheet, rownums = layout(
            sheet_name,
            columns,
            records,
            title=title,
            fill=fill,
            total=total,
            footer=footer,
            widths=[6, 12, 10, 8, 30, 14, 12, 12, 12],
        )
        out = OutFile(
            name=name,
            ledger="legal_visits",
            sender="镇综治中心",
            unit_id=None,
            period=f"{Y}-{m:02d}",
            submitted=submitted,
            sheets=[sheet],
            active=0,
            records=len(good),
        )
        for i, v in enumerate(month_visits):
            if v.bad:
                out.bad_rows.append(
                    {"sheet": sheet_name, "row": rownums[i], "column": v.bad_column, "reason": v.bad}
                )
        return out

    for m in MONTHS:
        month_visits = [v for v in visits if v.day.month == m]
        if m == 3:  # a count a clerk wrote as words
            v = Visit(
                D(Y, 3, 22),
                "陈志明",
                "律师",
                "律师",
                "福建莆阳律师事务所",
                "sanshan",
                "三山村",
                "法律咨询",
                0,
                4,
            )
            v.disputes = "十几"  # type: ignore[assignment]
            v.bad, v.bad_column = "化解纠纷数不是数字", "化解纠纷数（件）"
            month_visits = _insert_by_day(month_visits, v)
        if m == 6:  # a place that is not in the town
            v = Visit(
                D(Y, 6, 14),
                "林国强",
                "警官",
                "民警",
                "莆田市公安局荔城分局西天尾派出所",
                "",
                "常太镇岭下村",
                "普法宣传",
                0,
                2,
                bad="挂点村居不是本镇村（社区）",
                bad_column="挂点村（社区）",
            )
            month_visits = _insert_by_day(month_visits, v)
        name = f"西天尾镇“三官一律”下沉工作台账（{Y}年{m}月）.xlsx"
        submitted = submission(m, 2, 10, 15)
        if m == 10:
            # first sent with mistakes (3 visits missing, 2 counts wrong, 1 row entered twice) …
            first = [Visit(**{k: getattr(v, k) for k in v.__dataclass_fields__}) for v in month_visits]
            for i in sorted(rng.sample(range(len(first)), 3), reverse=True):
                del first[i]
            for v in rng.sample(first, 2):
                v.consultations += 2
            dup = rng.randrange(len(first))
            again = Visit(**{k: getattr(first[dup], k) for k in first[dup].__dataclass_fields__})
            again.bad, again.bad_column = (
                "与上一行重复（除序号外完全相同）",
                "",
            )  # loaded once, the repeat quarantined
            first.insert(dup + 1, again)
            original = build(m, first, name, submitted, False)
            original.superseded = True
            files.append(original)
            # … then re-sent corrected a week later under another name
            fixed = build(
                m,
                month_visits,
                f"西天尾镇“三官一律”下沉工作台账（{Y}年{m}月）（更正）.xlsx",
                DT(Y, 11, 10, 15, 30),
                True,
            )
            fixed.supersedes = original.name
            files.append(fixed)
        else:
            files.append(build(m, month_visits, name, submitted, False))
    return files


def _insert_by_day(visits: list, extra) -> list:
    out = list(visits)
    pos = next((i for i, v in enumerate(out) if v.day > extra.day), len(out))
    out.insert(pos, extra)
    return out


def petition_files(cases: list[Petition], seed: int) -> list[OutFile]:
    rng = random.Random(f"{seed}-petition-files")
    columns = [
        ("序号", None),
        ("案件编号", None),
        ("信访人", None),
        ("联系电话", None),
        ("所属村居", None),
        ("反映问题", None),
        ("初访时间", None),
        ("包案领导", None),
        ("责任单位", None),
        ("化解措施", None),
        ("状态", None),
        ("化解日期", None),
        ("是否签订息访息诉\n承诺书", None),
    ]
    footer = _footer(rng, False, len(columns))
    files = []
    for m in MONTHS:
        me = month_end(m)
        records = []
        for i, c in enumerate(cases, 1):
            done = c.resolved is not None and c.resolved <= me
            status = ("已销号" if i % 2 else "已化解") if done else ("攻坚中" if i == 9 else "化解中")
            pledge = "是" if (done and c.pledge) else "否"
            records.append(
                [
                    i,
                    c.case_id,
                    c.petitioner,
                    c.phone,
                    UNIT[c.unit_id]["name"],
                    c.issue,
                    fmt_date(c.first_visit, "cn"),
                    c.leader,
                    c.responsible,
                    c.measures,
                    status,
                    fmt_date(c.resolved, "cn") if done else None,
                    pledge,
                ]
            )
        title = f"{TOWN}信访积案化解攻坚台账（{Y}年{m}月）"
        fill = f"填报单位：镇综治中心        统计截至：{me.year}年{me.month}月{me.day}日"
        sheet, _ = layout(
            "信访积案",
            columns,
            records,
            title=title,
            fill=fill,
            footer=footer,
            note="注：状态为已化解或已销号的案件须附息访息诉承诺书。",
            widths=[6, 16, 10, 14, 10, 36, 14, 10, 14, 40, 10, 14, 12],
        )
        files.append(
            OutFile(
                name=f"镇综治中心信访积案台账{Y}年{m}月.xlsx",
                ledger="petitions",
                sender="镇综治中心",
                unit_id=None,
                period=f"{Y}-{m:02d}",
                submitted=submission(m, 1, 16, 40),
                sheets=[sheet],
                active=0,
                records=len(cases),
            )
        )
    return files


def project_files(projects: list[Project], seed: int) -> list[OutFile]:
    files = []
    town = [p for p in projects if p.zone == "镇"]
    park = [p for p in projects if p.zone == "园区"]
    town_cols = [
        ("序号", None),
        ("项目名称", None),
        ("建设性质", None),
        ("建设内容", None),
        ("总投资", "投资情况（万元）"),
        ("2023年计划投资", "投资情况（万元）"),
        ("累计完成投资", "投资情况（万元）"),
        ("形象进度", None),
        ("存在问题", None),
        ("挂钩镇领导", None),
        ("责任单位", None),
    ]
    park_cols = [
        ("序号", None),
        ("项目名称", None),
        ("所属", None),
        ("项目类别", None),
        ("建设内容", None),
        ("总投资（亿元）", None),
        ("年度计划投资（万元）", None),
        ("1-本月完成投资（万元）", None),
        ("形象进度", None),
        ("存在问题", None),
        ("责任领导", None),
        ("责任单位", None),
    ]

    def thousands(n: int):
        return f"{n:,}" if n >= 1000 else n

    order = {"在建": 0, "预备": 1, "前期": 2}
    for m in MONTHS:
        rows = sorted(town, key=lambda p: (order[p.stages[m]], p.name))
        records = [
            [
                i,
                p.name,
                stage_text(p, m),
                p.content,
                thousands(p.total),
                p.annual or "—",
                p.completed[m] or "—",
                progress_text(p, m),
                p.issue or None,
                p.leader,
                p.responsible,
            ]
            for i, p in enumerate(rows, 1)
        ]
        total = [
            "合计",
            f"{len(rows)}个",
            None,
            None,
            thousands(sum(p.total for p in rows)),
            sum(p.annual for p in rows),
            sum(p.completed[m] for p in rows),
            None,
            None,
            None,
            None,
        ]
        sheet, _ = layout(
            f"{m}月",
            town_cols,
            records,
            title=f"{TOWN}{Y}年重点项目推进情况表（{Y}年{m}月）",
            fill=f"填报单位：镇项目办        填报日期：{Y}年{m}月{month_end(m).day}日",
            total=total,
            note="注：建设性质中续建、新开工项目均为在建项目。",
            widths=[6, 36, 10, 36, 12, 12, 12, 16, 16, 10, 14],
        )
        files.append(
            OutFile(
                name=f"镇项目办-重点项目台账-{Y}年{m}月.xlsx",
                ledger="key_projects",
                sender="镇项目办",
                unit_id=None,
                period=f"{Y}-{m:02d}",
                submitted=submission(m, 2, 16),
                sheets=[sheet],
                active=0,
                records=len(rows),
            )
        )

        rows = sorted(park, key=lambda p: (order[p.stages[m]], p.name))
        records = [
            [
                i,
                p.name,
                "园区",
                stage_text(p, m),
                p.content,
                p.total / 10000,
                p.annual or "无",
                p.completed[m] or "无",
                progress_text(p, m),
                p.issue or "无",
                p.leader,
                p.responsible,
            ]
            for i, p in enumerate(rows, 1)
        ]
        sheet, _ = layout(
            "园区重点项目",
            park_cols,
            records,
            title=f"西天尾工业园区{Y}年重点项目台账（{Y}年{m}月）",
            fill="填报单位：园区管委会",
            widths=[6, 30, 8, 10, 30, 12, 14, 14, 16, 16, 10, 14],
        )
        files.append(
            OutFile(
                name=f"园区重点项目进展{Y}{m:02d}.xlsx",
                ledger="key_projects",
                sender="园区管委会",
                unit_id=None,
                period=f"{Y}-{m:02d}",
                submitted=submission(m, 3, 11, 20),
                sheets=[sheet],
                active=0,
                records=len(rows),
            )
        )
    return files


def party_files(acts: list[Activity], seed: int) -> list[OutFile]:
    files = []
    by_org: dict[str, list[Activity]] = defaultdict(list)
    for a in acts:
        by_org[a.org_id].append(a)
    unit_org = {u["unit_id"]: u["party_org_id"] for u in UNITS}
    for idx, unit_id in enumerate(UNIT_IDS):
        h = HABITS[unit_id]
        rng = random.Random(f"{seed}-party-files-{unit_id}")
        footer = _footer(rng, idx % 2 == 1, 9)
        org_id = unit_org[unit_id]
        hdr = PARTY_HEADERS[h.party_hset]
        fields = (
            ["seq"]
            + (["org"] if h.party_org_col else [])
            + ["date", "type", "topic", "location", "expected", "attended", "host"]
        )
        columns = [
            (
                decorate(hdr[f], h.header_deco),
                hdr["group"] if h.double_header and f in ("expected", "attended") else None,
            )
            for f in fields
        ]
        for m in MONTHS:
            month_acts = sorted(
                (a for a in by_org[org_id] if a.day.month == m), key=lambda a: (a.day, a.type)
            )
            records = []
            for i, a in enumerate(month_acts, 1):
                values = dict(
                    seq=i,
                    org=h.party_org_col,
                    date=fmt_date(a.day, h.date_style),
                    type=a.type_raw,
                    topic=a.topic,
                    location=a.location,
                    expected=a.expected,
                    attended=a.attended,
                    host=a.host,
                )
                records.append([values[f] for f in fields])
            title = None
            if h.title == "A":
                title = f"{TOWN}{h.party_org_form}{Y}年{m}月“三会一课”及主题党日活动台账"
            elif h.title == "B":
                title = f"{h.party_org_form}“三会一课”及主题党日活动台账（{Y}年{m}月）"
            fill = (
                f"填报单位：{h.party_org_form}        填报日期：{Y}年{m}月{month_end(m).day}日"
                if h.fill_line
                else None
            )
            sheet_name = fill_name(PARTY_SHEET.get(h.sheet_name, h.sheet_name), m)
            sheet, rownums = layout(
                sheet_name,
                columns,
                records,
                title=title,
                fill=fill,
                footer=footer if h.footer else None,
                note="注：“三会一课”指支部党员大会、支部委员会、党小组会和党课。" if h.note else None,
                widths=[6, 14, 12, 12, 40, 24, 10, 10, 10],
            )
            if h.date_style == "date":
                sheet.datetime_format = "yyyy/m/d"
            sheets, active = [sheet], 0
            if h.instructions:
                sheets.insert(
                    0,
                    instruction_sheet(
                        [
                            "每月5日前报送上月“三会一课”及主题党日开展情况。",
                            "应到人数为本支部（党小组）党员数，实到人数不得大于应到人数。",
                        ]
                    ),
                )
                active = 1
            out = OutFile(
                name=fill_name(h.party_file_name, m) + "." + h.fmt,
                ledger="party_activities",
                sender=ORG[org_id]["name"],
                unit_id=unit_id,
                period=f"{Y}-{m:02d}",
                submitted=submission(m, 2 + idx % 3, 14 + idx % 4, (idx * 11) % 60),
                sheets=sheets,
                active=active,
                records=sum(1 for a in month_acts if not a.bad),
            )
            for i, a in enumerate(month_acts):
                if a.bad:
                    out.bad_rows.append(
                        {
                            "sheet": sheet_name,
                            "row": rownums[i],
                            "column": columns[fields.index("attended")][0],
                            "reason": a.bad,
                        }
                    )
            files.append(out)
    # 镇党政办: the five organisations that are not a village/community, with a 党组织 column
    others = ["P18", "P19", "P20", "P21", "P22"]
    rng = random.Random(f"{seed}-party-files-office")
    org_forms = {oid: [ORG[oid]["name"]] + [a for a in ORG[oid]["aliases"].split("|") if a] for oid in others}
    columns = [
        ("序号", None),
        ("党组织名称", None),
        ("活动日期", None),
        ("活动类型", None),
        ("活动主题", None),
        ("活动地点", None),
        ("应到人数", None),
        ("实到人数", None),
        ("主持人", None),
    ]
    footer = _footer(rng, False, len(columns))
    for m in MONTHS:
        month_acts = sorted(
            (a for oid in others for a in by_org[oid] if a.day.month == m), key=lambda a: (a.org_id, a.day)
        )
        records = [
            [
                i,
                rng.choice(org_forms[a.org_id]),
                a.day,
                a.type_raw,
                a.topic,
                a.location,
                a.expected,
                a.attended,
                a.host,
            ]
            for i, a in enumerate(month_acts, 1)
        ]
        sheet, _ = layout(
            f"{Y}.{m:02d}",
            columns,
            records,
            title=f"{TOWN}机关及两新党组织“三会一课”开展情况登记表（{Y}年{m}月）",
            fill="填报单位：镇党政办",
            footer=footer,
            widths=[6, 20, 12, 12, 40, 20, 10, 10, 10],
        )
        files.append(
            OutFile(
                name=f"党政办-机关及两新党组织三会一课台账-{Y}年{m}月.xlsx",
                ledger="party_activities",
                sender="镇党政办",
                unit_id=None,
                period=f"{Y}-{m:02d}",
                submitted=submission(m, 5, 17, 5),
                sheets=[sheet],
                active=0,
                records=len(month_acts),
            )
        )
    return files


PARTY_SHEET = {"纠纷台账": "三会一课", "矛盾纠纷台账": "三会一课台账", "{m}月台账": "{m}月三会一课"}

GRID_COLUMNS = [
    "事件编号",
    "所属网格",
    "事件类型",
    "上报时间",
    "处理时限",
    "办结时间",
    "状态",
    "事件描述",
    "上报人",
]
GRID_FORMS = {
    1: "{name}",
    2: "{name}",
    3: "{a0}",
    4: "{a1}",
    5: "{a1}",
    6: "{a0}",
    7: "{a3}",
    8: "{name}",
    9: "{a1}",
    10: "{a2}",
    11: "{a1}",
}


def grid_files(events: list[GridEvent], seed: int) -> list[OutFile]:
    files = []
    grid_forms = {
        g["grid_id"]: dict(name=g["name"], **{f"a{i}": a for i, a in enumerate(g["aliases"].split("|"))})
        for g in GRIDS
    }
    by_month: dict[int, list[GridEvent]] = defaultdict(list)
    for e in events:
        by_month[e.reported.month].append(e)
    for m in MONTHS:
        at = export_moment(m)
        as_xlsx = m == 8
        encoding = "utf-8-sig" if m == 3 else "gbk"

        def when(moment: DT | None, as_xlsx: bool = as_xlsx, m: int = m):
            if moment is None:
                return None
            if as_xlsx:
                return moment
            if m == 2:  # this month's export was re-saved in Excel: no seconds, no leading zeros
                return f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment.minute:02d}"
            return moment.strftime("%Y-%m-%d %H:%M:%S")

        rows = []
        for e in by_month[m]:
            status = event_status(e, at)
            rows.append(
                [
                    e.eid,
                    GRID_FORMS[m].format(**grid_forms[e.grid_id]),
                    e.etype,
                    when(e.reported),
                    when(e.deadline),
                    when(e.closed) if status == "已办结" else None,
                    status,
                    e.description,
                    e.reporter,
                ]
            )
        bad = []
        if m == 5:  # an unreadable report time
            pos = len(rows) // 2
            rows.insert(
                pos,
                [
                    "DX202305130999",
                    GRID_FORMS[m].format(**grid_forms["G07"]),
                    "生态环境",
                    "2023-13-05 10:21:00",
                    "2023-05-15 10:21:00",
                    None,
                    "办理中",
                    "东星路路段垃圾堆放未及时清运",
                    "王秀英",
                ],
            )
            bad.append(
                {"sheet": None, "row": pos + 2, "column": "上报时间", "reason": "上报时间不是有效日期"}
            )
        base = f"东星社区全市一张图事件列表{Y}年{m:02d}月"
        if as_xlsx:
            sheet = Sheet("事件列表", widths=[18, 16, 10, 20, 20, 20, 8, 40, 10])
            sheet.add(GRID_COLUMNS)
            sheet.header_rows = (0,)
            for r in rows:
                sheet.add(r)
            sheet.datetime_format = "yyyy-mm-dd hh:mm:ss"
            for b in bad:
                b["sheet"] = "事件列表"
            out = OutFile(
                name=base + ".xlsx",
                ledger="grid_events",
                sender="东星社区",
                unit_id="dongxing",
                period=f"{Y}-{m:02d}",
                submitted=at,
                sheets=[sheet],
                active=0,
            )
        else:
            out = OutFile(
                name=base + ".csv",
                ledger="grid_events",
                sender="东星社区",
                unit_id="dongxing",
                period=f"{Y}-{m:02d}",
                submitted=at,
                table=CsvTable([GRID_COLUMNS] + rows, encoding),
            )
        out.records = len(by_month[m])
        out.bad_rows = bad
        files.append(out)
    return files


# --- manifest ----------------------------------------------------------------------------------------


@dataclass
class Truth:
    disputes: list[Dispute]
    visits: list[Visit]
    petitions: list[Petition]
    projects: list[Project]
    activities: list[Activity]
    events: list[GridEvent]


def build_truth(seed: int = 2023, scale: float = 1.0) -> Truth:
    truth = Truth(
        build_disputes(seed),
        build_visits(seed),
        build_petitions(seed),
        build_projects(seed),
        build_activities(seed),
        build_grid_events(seed),
    )
    return thin(truth, seed, scale) if scale != 1.0 else truth


def thin(truth: Truth, seed: int, scale: float) -> Truth:
    """A smaller town: keep about `scale` of the disputes, visits, activities and grid events, each drawn on its
    own from the seed (the rows a clerk got wrong are always kept). The kept shares differ by record kind and
    outcome, so towns of other seeds and sizes differ in every rate, not only in counts; the manifest's figures
    are computed from what is kept. Projects and petition cases (a few dozen) are kept whole."""
    if not 0.0 < scale <= 1.0:
        raise ValueError(f"scale must be in (0, 1], got {scale}")
    rng = random.Random(f"{seed}-thin-{scale}")

    def keep(items: list, share: float) -> list:
        return [x for x in items if getattr(x, "bad", None) or rng.random() < share]

    def share() -> float:  # each kind and outcome its own share around `scale`
        return min(1.0, scale * rng.uniform(0.8, 1.2))

    resolved, other = share(), share()
    disputes = [d for d in truth.disputes if d.bad or rng.random() < (resolved if d.fate == "R" else other)]
    for uid, d in enumerate(disputes, 1):
        d.uid = uid
    closed, open_ = share(), share()
    events = [e for e in truth.events if rng.random() < (closed if e.closed else open_)]
    return Truth(
        disputes,
        keep(truth.visits, share()),
        truth.petitions,
        truth.projects,
        keep(truth.activities, share()),
        events,
    )


def figures(truth: Truth, as_of: D) -> dict:
    """The expected figures as of a date, from the truth lists alone (as-of semantics of docs/warehouse.md)."""
    good = [d for d in truth.disputes if d.bad is None]
    received = [d for d in good if JAN1 <= d.received <= as_of]
    resolved = [d for d in received if d.resolved_by(as_of)]
    visits = [v for v in truth.visits if v.bad is None and JAN1 <= v.day <= as_of]
    report_month = min(as_of.month, 11) if as_of.year == Y else 11
    town = {
        "disputes_received": len(received),
        "disputes_resolved": len(resolved),
        "dispute_resolution_rate": pct(len(resolved), len(received)),
        "legal_visits": len(visits),
        "legal_visit_disputes_resolved": sum(v.disputes for v in visits),
        "legal_consultations": sum(v.consultations for v in visits),
        "petition_backlog_cases": len(truth.petitions),
        "petition_backlog_resolved": sum(
            1 for c in truth.petitions if c.resolved and JAN1 <= c.resolved <= as_of
        ),
        "petition_pledges_signed": sum(
            1 for c in truth.petitions if c.pledge and c.resolved and JAN1 <= c.resolved <= as_of
        ),
    }
    for zone, prefix in (("镇", "key_projects"), ("园区", "park_projects")):
        stages = Counter(p.stages[report_month] for p in truth.projects if p.zone == zone)
        town[f"{prefix}_total"] = sum(stages.values())
        town[f"{prefix}_in_construction"] = stages["在建"]
        town[f"{prefix}_preparatory"] = stages["预备"]
        town[f"{prefix}_preliminary"] = stages["前期"]
    town["grid_events_collected"] = sum(1 for e in truth.events if JAN1 <= e.reported.date() <= as_of)
    acts = [a for a in truth.activities if a.bad is None and JAN1 <= a.day <= as_of]
    town["party_orgs"] = len({a.org_id for a in acts})
    town["party_activities"] = len(acts)

    # further figures, all defined in docs/warehouse.md
    levels = Counter(d.level for d in resolved)
    closed = [
        e
        for e in truth.events
        if JAN1 <= e.reported.date() <= as_of
        and e.closed
        and e.closed <= export_moment(e.reported.month)
        and e.closed.date() <= as_of
    ]
    collected = town["grid_events_collected"]
    on_time = sum(1 for e in closed if e.closed <= e.deadline)
    extra = {
        "disputes_within_village_rate": pct(levels["村/社区"], len(resolved)),
        "disputes_within_town_rate": pct(
            levels["村/社区"] + levels["片区调解室"] + levels["镇"], len(resolved)
        ),
        "disputes_escalated_rate": pct(levels["上级/移交"], len(resolved)),
        "grid_events_closed": len(closed),
        "grid_events_closure_rate": pct(len(closed), collected),
        "grid_events_on_time_rate": pct(on_time, len(closed)),
        "party_attendance_rate": pct(sum(a.attended for a in acts), sum(a.expected for a in acts)),
    }
    units = {}
    for unit_id in UNIT_IDS:
        mine = [d for d in received if d.unit_id == unit_id]
        units[UNIT[unit_id]["name"]] = {
            "disputes_received": len(mine),
            "disputes_resolved": sum(1 for d in mine if d.resolved_by(as_of)),
        }
    return {"town": town, "town_extra": extra, "unit": units}


def build_files(truth: Truth, seed: int) -> list[OutFile]:
    files = (
        dispute_files(truth.disputes, seed)
        + legal_visit_files(truth.visits, seed)
        + petition_files(truth.petitions, seed)
        + project_files(truth.projects, seed)
        + party_files(truth.activities, seed)
        + grid_files(truth.events, seed)
    )
    names = [f.name for f in files]
    dupes = [n for n, c in Counter(names).items() if c > 1]
    assert not dupes, dupes
    return files


def generate(inbox: Path, manifest_path: Path, seed: int = 2023, scale: float = 1.0) -> list[Path]:
    """Write the 2023 demo ledger files into `inbox` and the manifest of expected figures to `manifest_path`.
    `scale` < 1 writes a smaller town (`thin`); the default is the seed document's town."""
    inbox = Path(inbox)
    manifest_path = Path(manifest_path)
    truth = build_truth(seed, scale)
    files = build_files(truth, seed)
    inbox.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in files:
        path = inbox / f.name
        if f.table is not None:
            write_csv(path, f.table)
        elif f.name.endswith(".xls"):
            write_xls(path, f.sheets or [])
        else:
            write_xlsx(path, f.sheets or [], f.active)
        set_mtime(path, f.submitted)
        paths.append(path)
    manifest = {
        "seed": seed,
        **({"scale": scale} if scale != 1.0 else {}),
        "as_of": {day.isoformat(): figures(truth, day) for day in AS_OFS},
        "files": {
            "written": len(files),
            "quarantined_rows": sum(len(f.bad_rows) for f in files if not f.superseded),
            "rejected_files": 0,
            "zero_reports": sum(1 for f in files if f.zero_report),
            "resubmissions": sum(1 for f in files if f.supersedes),
        },
        "file_list": [
            {
                "name": f.name,
                "ledger": f.ledger,
                "sender": f.sender,
                "unit_id": f.unit_id,
                "period": f.period,
                "submitted": f.submitted.isoformat(),
                "records": f.records,
                "zero_report": f.zero_report,
                "superseded": f.superseded,
                "supersedes": f.supersedes,
                "encoding": f.table.encoding if f.table else None,
                "bad_rows": f.bad_rows,
            }
            for f in sorted(files, key=lambda f: (f.submitted, f.name))
        ],
    }
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description="Write the 西天尾镇 2023 demo ledger files and their manifest."
    )
    parser.add_argument("inbox", type=Path)
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--scale", type=float, default=1.0, help="(0, 1]: a smaller town, e.g. 0.4")
    args = parser.parse_args(argv)
    paths = generate(args.inbox, args.manifest, args.seed, args.scale)
    print(f"{len(paths)} files → {args.inbox}; manifest → {args.manifest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
