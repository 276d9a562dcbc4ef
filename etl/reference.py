"""The town's reference data (etl/ref/*.csv): units and their aliases over time, 片区, party organisations,
grids and the other senders — and recognising the names clerks write for them, exactly or not at all."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .text import squash
from .values import cn_integer


def read_ref(name: str) -> list[dict[str, str]]:
    text = resources.files("taizhang.etl").joinpath("ref", f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


REF_TABLES = (
    "town",
    "units",
    "unit_aliases",
    "areas",
    "party_orgs",
    "grids",
    "grid_units",
    "senders",
    "facts",
    "expected_submissions",
)

KIND_ZH = {
    "unit": "村（社区）",
    "area": "片区",
    "office": "镇直单位",
    "party_org": "党组织",
    "grid": "网格",
    "town": "镇",
}
# The town's constants, from etl/ref/town.csv (the one place the town's name is written)
TOWN: dict[str, str] = {r["key"]: r["value"] for r in read_ref("town")}
TOWN_NAME = TOWN["name"]
# what clerks put before a unit's name: 福建省莆田市荔城区西天尾镇林山村
TOWN_PREFIXES = tuple(TOWN[k] for k in ("province", "city", "district", "name", "short_name") if TOWN.get(k))


@dataclass(frozen=True)
class Alias:
    alias: str
    target: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Name:
    """One name of a known body: a unit (its id), a 片区 (area id), a town office (sender id), a party
    organisation, a grid, or the town itself."""

    text: str  # squashed
    kind: str
    target: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    short: bool = False  # a two-character short form (林山, 东星): a word of its own only at a boundary

    def valid_on(self, day: dt.date | None) -> bool:
        return Alias(self.text, self.target, self.valid_from, self.valid_to).valid_on(day)


@dataclass(frozen=True)
class Mention:
    """A known name found in a text: what it names, where, and as which words."""

    kind: str
    target: str
    text: str
    start: int


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def strip_town(text: str) -> str:
    """The text squashed, without leading 福建省/莆田市/荔城区/西天尾镇 (a name may carry them)."""
    t = squash(text)
    changed = True
    while changed:
        changed = False
        for prefix in TOWN_PREFIXES:
            if t.startswith(prefix) and len(t) > len(prefix):
                t, changed = t[len(prefix) :], True
    return t


# What may follow a unit's short name (林山, 东星) for it to be the unit: the end, a non-Chinese character,
# or words that begin a title or a file name. Anything else is another word (北大街, 东星片区 …) — a partial
# match never resolves a unit.
SHORT_NAME_FOLLOWERS = (
    "矛盾",
    "纠纷",
    "台账",
    "排查",
    "调解台账",
    "三会",
    "主题党日",
    "党",
    "网格",
    "重点",
    "信访",
    "下沉",
    "组织生活",
    "年",
    "月",
    "报",
    "统计",
    "汇总",
    "情况",
    "工作",
    "事件",
    "填",
)
# Decorations around a name in a 填报单位 cell or a sheet name: （盖章） (公章)
_DECORATION = re.compile(r"[(（]?(?:盖章|公章|章|签章|印章)[)）]?$|^[(（].*?[)）]$")
# a village's or community's own bodies: 龙山村民委员会, 林峰社区居委会, 后卓村两委 are that unit
_UNIT_BODY = re.compile(
    r"(?<=[村区])(?:民委员会|村民委员会|居民委员会|委员会|委会|居委会|村委会|两委|党支部|党总支|党委|调委会)$"
    r"|(?<=[\u4e00-\u9fff]{2})(?:村民委员会|居民委员会)$"
)
# a short name with its body, of the right kind only: 东星居委 (a community), 龙山村委 (a village) — not 林山居委会
_SHORT_BODY = re.compile(r"(?<=[\u4e00-\u9fff]{2})(居委会?|村委会?)$")
_BODY_OF = {"居委": "社区", "居委会": "社区", "村委": "村", "村委会": "村"}
# What may follow a unit's full name in a cell and still name a part of that unit: a 村民小组, a grid, …
_SUBUNIT = re.compile(
    r"^(?:第?[0-9一二三四五六七八九十]+(?:村民小组|小组|组|网格|号网格)|[\u4e00-\u9fff]{1,4}(?:自然村|村民小组|小组))$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Sender:
    """Who sent a file: a unit (村/社区), a 片区, a town office or a party organisation."""

    name: str  # canonical name, e.g. 林山村, 镇项目办, 城东片区
    kind: str  # 'unit' | 'area' | 'office' | 'party_org'
    unit_id: str | None = None
    party_org_id: str | None = None
    zone: str | None = None  # 镇/园区 for project offices
    area_id: str | None = None


class Reference:
    """Name resolution against the reference files."""

    def __init__(self):
        self.units = {r["unit_id"]: r for r in read_ref("units")}
        self.areas = {r["area_id"]: r for r in read_ref("areas")}
        self.unit_aliases: list[Alias] = []
        for r in read_ref("unit_aliases"):
            self.unit_aliases.append(
                Alias(squash(r["alias"]), r["unit_id"], _date(r["valid_from"]), _date(r["valid_to"]))
            )
        self.party_orgs = {r["party_org_id"]: r for r in read_ref("party_orgs")}
        self.grids = {r["grid_id"]: r for r in read_ref("grids")}
        self.senders = {r["sender_id"]: r for r in read_ref("senders")}
        self.names: dict[str, list[Name]] = {}
        for a in self.unit_aliases:
            self._add(Name(a.alias, "unit", a.target, a.valid_from, a.valid_to, short=len(a.alias) <= 2))
        for r in self.areas.values():
            for name in [r["name"], r["mediation_room"], *filter(None, r.get("aliases", "").split("|"))]:
                self._add(Name(squash(name).replace("“", "").replace("”", ""), "area", r["area_id"]))
                self._add(Name(squash(name), "area", r["area_id"]))
        for r in self.party_orgs.values():
            for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
                self._add(Name(squash(name), "party_org", r["party_org_id"]))
        for r in self.grids.values():
            for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
                if len(squash(name)) > 3:  # 第1网格 alone is a grid only inside 东星's own files
                    self._add(Name(squash(name), "grid", r["grid_id"]))
        self.grid_aliases = {
            squash(n): r["grid_id"]
            for r in self.grids.values()
            for n in [r["name"], *filter(None, r["aliases"].split("|"))]
        }
        for r in self.senders.values():
            for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
                self._add(Name(squash(name), "office", r["sender_id"]))
        self._add(Name(TOWN_NAME, "town", TOWN_NAME))
        self._longest_first = sorted(self.names, key=len, reverse=True)
        self._short_names = [n for n in self._longest_first if all(x.short for x in self.names[n])]

    def _add(self, name: Name) -> None:
        known = self.names.setdefault(name.text, [])
        if name not in known:
            known.append(name)

    # --- recognising names ------------------------------------------------------------------------------
    def _targets(self, text: str, on: dt.date | None) -> list[Name]:
        """The bodies a whole name stands for on a date: the names valid then, else (a clerk keeps using an old
        name such as 后黄村) all of them, when they agree."""
        names = self.names.get(text, [])
        valid = [n for n in names if n.valid_on(on)]
        return valid or names

    def mentions_in(self, text: str, on: dt.date | None = None) -> list[Mention]:
        """Every known name in a text, longest first and without overlaps; a short name only where it stands
        as a word of its own. A name that stands for two bodies (never the case today) is left out."""
        t = squash(text)
        taken = bytearray(len(t))
        found: list[Mention] = []
        for name in self._longest_first:
            if len(name) > len(t):
                continue
            start = t.find(name)
            while start != -1:
                end = start + len(name)
                if not any(taken[start:end]):
                    targets = {(n.kind, n.target) for n in self._targets(name, on)}
                    short = all(n.short for n in self.names[name])
                    if len(targets) == 1 and (not short or _stands_alone(t, start, end)):
                        taken[start:end] = b"\x01" * (end - start)
                        kind, target = targets.pop()
                        found.append(Mention(kind, target, name, start))
                start = t.find(name, start + 1)
        return sorted(found, key=lambda m: m.start)

    def name_of(self, text: str, on: dt.date | None = None) -> Mention | None:
        """What a whole cell or line names (林山村, 西天尾镇林山村委会（盖章）, 城东片区), or None when it is not
        exactly one known name."""
        t = _DECORATION.sub("", strip_town(text))
        if not t:
            return None
        if t not in self.names and _UNIT_BODY.search(t):
            bare = _UNIT_BODY.sub("", t)
            if any(n.kind == "unit" for n in self.names.get(bare, ())):
                t = bare
        elif t not in self.names and (body := _SHORT_BODY.search(t)):
            bare, kind = t[: body.start()], _BODY_OF[body.group(1)]
            units = {n.target for n in self.names.get(bare, ()) if n.kind == "unit"}
            if len(units) == 1 and self.units[next(iter(units))]["unit_type"] == kind:
                t = self.units[next(iter(units))]["name"]
        targets = {(n.kind, n.target) for n in self._targets(t, on)}
        if len(targets) == 1:
            kind, target = targets.pop()
            return Mention(kind, target, t, 0)
        if t == TOWN_NAME or squash(text) == TOWN_NAME:
            return Mention("town", TOWN_NAME, TOWN_NAME, 0)
        return None

    def unit_of_cell(self, text: str, on: dt.date | None = None) -> tuple[str | None, str | None]:
        """(unit_id, None) for a cell naming one unit (also a grid of 东星, a village's party branch or a
        村民小组 of it); (None, why) otherwise — two units, a partial or an unknown name."""
        named = self.name_of(text, on)
        if named is not None:
            if named.kind == "unit":
                return named.target, None
            if named.kind == "grid":
                return "dongxing", None
            if named.kind == "party_org" and self.party_orgs[named.target]["unit_id"]:
                return self.party_orgs[named.target]["unit_id"], None
        grid = self.resolve_grid(text)
        if grid:
            return "dongxing", None
        t = strip_town(text)
        units = [m for m in self.mentions_in(t, on) if m.kind == "unit"]
        distinct = {m.target for m in units}
        if len(distinct) > 1:
            names = "、".join(self.unit_name(u) for u in dict.fromkeys(m.target for m in units))
            return (
                None,
                f"“{text}”同时写了{len(distinct)}个村（社区）（{names}），一条记录只能属于一个村（社区）",
            )
        if len(units) == 1:
            m = units[0]
            rest = (t[: m.start] + t[m.start + len(m.text) :]).strip("-—_·/、, ")
            if not rest or _SUBUNIT.fullmatch(rest) or not _CJK.search(rest):
                return m.target, None
            return None, (
                f"“{text}”不是本镇村（社区）的名称（只有“{m.text}”部分相同），"
                f"如指{self.unit_name(m.target)}，请写“{self.unit_name(m.target)}”"
            )
        partial = [n for n in self._short_names if n in t]
        if named is not None and named.kind == "area":
            return None, f"“{text}”是片区，不是村（社区），请填写具体的村（社区）"
        if partial:
            unit = self.unit_name(self.names[partial[0]][0].target)
            return (
                None,
                f"“{text}”不是本镇村（社区）的名称（只有“{partial[0]}”部分相同），如指{unit}，请写“{unit}”",
            )
        return None, f"“{text}”不是本镇的村（社区），请填写本镇17个村（社区）之一的名称"

    # --- units ----------------------------------------------------------------------------------------
    def unit_name(self, unit_id: str | None) -> str | None:
        return self.units[unit_id]["name"] if unit_id in self.units else None

    def resolve_unit(self, text: str, on: dt.date | None = None) -> str | None:
        """A unit name as written (东星居委会, 后黄村, 龙山, 西天尾镇林山村) → unit_id, or None.

        An alias valid on the date wins; an outdated alias (后黄村 after 2013) still resolves when it names
        only one unit, because clerks keep using old names and the meaning is not in doubt."""
        named = self.name_of(text, on)
        return named.target if named is not None and named.kind == "unit" else None

    def area_units(self, area_id: str) -> list[str]:
        return [u for u, r in self.units.items() if r["area_id"] == area_id]

    # --- senders ----------------------------------------------------------------------------------------
    def sender_for(self, mention: Mention) -> Sender | None:
        """The sender a mention stands for (a village's party branch sends for its village)."""
        if mention.kind == "unit":
            return self.unit_sender(mention.target)
        if mention.kind == "office":
            return self.office(mention.target)
        if mention.kind == "area":
            r = self.areas[mention.target]
            return Sender(name=r["name"], kind="area", area_id=mention.target)
        if mention.kind == "party_org":
            r = self.party_orgs[mention.target]
            if r["unit_id"]:
                return self.unit_sender(r["unit_id"])
            return Sender(name=r["name"], kind="party_org", party_org_id=mention.target)
        if mention.kind == "grid":
            return self.unit_sender("dongxing")
        return None

    def office(self, sender_id: str) -> Sender:
        r = self.senders[sender_id]
        return Sender(name=r["name"], kind="office", zone=r["zone"] or None)

    def unit_sender(self, unit_id: str) -> Sender:
        return Sender(
            name=self.units[unit_id]["name"],
            kind="unit",
            unit_id=unit_id,
            party_org_id=self.units[unit_id]["party_org_id"],
            area_id=self.units[unit_id]["area_id"],
        )

    # --- party organisations -----------------------------------------------------------------------------
    def resolve_party_org(self, text: str) -> str | None:
        named = self.name_of(text)
        if named is not None and named.kind == "party_org":
            return named.target
        if named is not None and named.kind == "unit":
            return self.units[named.target]["party_org_id"]
        t = strip_town(text)
        unit = self.resolve_unit(re.sub(r"(党委|党总支|党支部|党组织)$", "", t))
        if unit:
            return self.units[unit]["party_org_id"]
        return None

    # --- grids ---------------------------------------------------------------------------------------------
    def resolve_grid(self, text: str) -> str | None:
        """A grid as written (第7网格, 东星07网格, 七网格, a platform path 西天尾镇/东星社区/东星第7网格) → grid id."""
        parts = [p for p in re.split(r"[/>＞\\|]", squash(text)) if p]
        if (
            len(parts) > 1
        ):  # a platform's path: the grid is its last part, the community before it must be 东星
            if any(self.resolve_unit(p) not in (None, "dongxing") for p in parts[:-1]):
                return None
            text = parts[-1]
        t = strip_town(text)
        if t in self.grid_aliases:
            return self.grid_aliases[t]
        t = re.sub(r"[一二三四五六七八九十]+(?=号?网格)", lambda x: str(cn_integer(x.group(0)) or 0), t)
        m = re.fullmatch(r"(?:东星(?:社区)?)?第?(\d{1,3})(?:号)?网格", t) or re.fullmatch(r"G?(\d{1,3})", t)
        if m:
            gid = f"G{int(m.group(1)):02d}"
            return gid if gid in self.grids else None
        return None


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a short name at text[start:end] is a word of its own: at the end, before a non-Chinese
    character, or before a word that begins a title (林山纠纷台账, 东星2023年…)."""
    rest = text[end:]
    if not rest or not _CJK.match(rest[0]):
        return True
    return rest.startswith(SHORT_NAME_FOLLOWERS)


@lru_cache(maxsize=1)
def reference() -> Reference:
    return Reference()
