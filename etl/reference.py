"""The town's reference data (etl/ref/*.csv): units and their aliases over time, 片区, party organisations,
grids and the other senders — and resolving the many ways clerks write their names."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .text import squash


def read_ref(name: str) -> list[dict[str, str]]:
    text = resources.files("taizhang.etl").joinpath("ref", f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


REF_TABLES = ("town", "units", "unit_aliases", "areas", "party_orgs", "grids", "grid_units", "senders", "facts",
              "expected_submissions")

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
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _strip_town(text: str) -> str:
    t = squash(text)
    changed = True
    while changed:
        changed = False
        for prefix in TOWN_PREFIXES:
            if t.startswith(prefix) and len(t) > len(prefix):
                t, changed = t[len(prefix):], True
    return t


@dataclass(frozen=True)
class Sender:
    """Who sent a file: a unit (村/社区), a town office or a party organisation."""

    name: str  # canonical name, e.g. 林山村, 镇项目办
    kind: str  # 'unit' | 'office' | 'party_org'
    unit_id: str | None = None
    party_org_id: str | None = None
    zone: str | None = None  # 镇/园区 for project offices


class Reference:
    """Name resolution against the reference files."""

    def __init__(self):
        self.units = {r["unit_id"]: r for r in read_ref("units")}
        self.areas = {r["area_id"]: r for r in read_ref("areas")}
        self.unit_aliases: list[Alias] = []
        for r in read_ref("unit_aliases"):
            self.unit_aliases.append(Alias(squash(r["alias"]), r["unit_id"], _date(r["valid_from"]), _date(r["valid_to"])))
        self.party_orgs = {r["party_org_id"]: r for r in read_ref("party_orgs")}
        self.party_org_aliases: list[Alias] = []
        for r in self.party_orgs.values():
            for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
                self.party_org_aliases.append(Alias(squash(name), r["party_org_id"], None, None))
        self.grids = {r["grid_id"]: r for r in read_ref("grids")}
        self.grid_aliases: dict[str, str] = {}
        for r in self.grids.values():
            for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
                self.grid_aliases[squash(name)] = r["grid_id"]
        self.senders = {r["sender_id"]: r for r in read_ref("senders")}
        self.office_aliases: dict[str, str] = {}
        for r in self.senders.values():
            for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
                self.office_aliases[squash(name)] = r["sender_id"]
        # longest names first so 东星社区居委会 wins over 东星
        self._unit_names = sorted({a.alias for a in self.unit_aliases}, key=len, reverse=True)
        self._office_names = sorted(self.office_aliases, key=len, reverse=True)
        self._org_names = sorted({a.alias for a in self.party_org_aliases}, key=len, reverse=True)

    # --- units ----------------------------------------------------------------------------------------
    def unit_name(self, unit_id: str | None) -> str | None:
        return self.units[unit_id]["name"] if unit_id in self.units else None

    def resolve_unit(self, text: str, on: dt.date | None = None) -> str | None:
        """A unit name as written (东星居委会, 后黄村, 龙山, 西天尾镇林山村) → unit_id, or None.

        An alias valid on the date wins; an outdated alias (后黄村 after 2013) still resolves when it names
        only one unit, because clerks keep using old names and the meaning is not in doubt.
        """
        t = _strip_town(text)
        if not t:
            return None
        candidates = [a for a in self.unit_aliases if a.alias == t]
        if not candidates:
            return None
        valid = [a for a in candidates if a.valid_on(on)]
        targets = {a.target for a in (valid or candidates)}
        return targets.pop() if len(targets) == 1 else None

    def find_unit_in(self, text: str, on: dt.date | None = None) -> str | None:
        """The unit named somewhere inside a longer text (a title, a file name)."""
        t = squash(text)
        for name in self._unit_names:
            if len(name) >= 2 and name in t:
                # a bare two-character name must not be part of a longer word (e.g. 北大 in 北大街)
                if len(name) == 2:
                    idx = t.index(name)
                    nxt = t[idx + 2: idx + 3]
                    if nxt and re.match(r"[\u4e00-\u9fff]", nxt) and nxt not in "片区纠台矛三党网重信":
                        continue
                unit = self.resolve_unit(name, on)
                if unit:
                    return unit
        return None

    # --- other senders ----------------------------------------------------------------------------------
    def find_office_in(self, text: str) -> str | None:
        t = squash(text)
        for name in self._office_names:
            if name in t:
                return self.office_aliases[name]
        return None

    def office(self, sender_id: str) -> Sender:
        r = self.senders[sender_id]
        return Sender(name=r["name"], kind="office", zone=r["zone"] or None)

    def unit_sender(self, unit_id: str) -> Sender:
        return Sender(name=self.units[unit_id]["name"], kind="unit", unit_id=unit_id,
                      party_org_id=self.units[unit_id]["party_org_id"])

    # --- party organisations -----------------------------------------------------------------------------
    def resolve_party_org(self, text: str) -> str | None:
        t = _strip_town(text)
        for a in self.party_org_aliases:
            if a.alias == t:
                return a.target
        unit = self.resolve_unit(re.sub(r"(党委|党总支|党支部|党组织)$", "", t))
        if unit:
            return self.units[unit]["party_org_id"]
        return None

    def find_party_org_in(self, text: str) -> str | None:
        t = squash(text)
        for name in self._org_names:
            if name in t:
                return self.resolve_party_org(name)
        return None

    # --- grids ---------------------------------------------------------------------------------------------
    def resolve_grid(self, text: str) -> str | None:
        t = _strip_town(text)
        if t in self.grid_aliases:
            return self.grid_aliases[t]
        t = re.sub(r"[一二三四五六七八九十]+(?=号?网格)", lambda x: str(_cn_number(x.group(0))), t)
        m = re.search(r"第?(\d{1,3})(?:号)?网格", t) or re.fullmatch(r"G?(\d{1,3})", t)
        if m:
            gid = f"G{int(m.group(1)):02d}"
            return gid if gid in self.grids else None
        return None


def _cn_number(text: str) -> int:
    """一 … 九十九 (grid numbers written in Chinese)."""
    digits = "一二三四五六七八九"
    if "十" not in text:
        return digits.index(text) + 1 if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (digits.index(tens) + 1 if tens else 1) * 10 + (digits.index(ones) + 1 if ones else 0)


@lru_cache(maxsize=1)
def reference() -> Reference:
    return Reference()
