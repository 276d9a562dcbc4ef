"""What an analyst may write as a scope (`explain --scope`, `export --scope`): the town, a 片区, a village or
community, a grid, a party organisation, a sending office (园区 = the park's key projects). A name is taken
only when it names one of them exactly (aliases included: 东星, 东星居委会, 后黄村); anything else is an error
that lists the candidates — never a believable zero."""

from __future__ import annotations

from dataclasses import dataclass

from .reference import KIND_ZH, TOWN_NAME, reference
from .text import squash

ZONE_ZH = "重点项目类别"  # 镇 / 园区 (key projects)
ZONES = ("镇", "园区")


class ScopeError(ValueError):
    """An unknown or ambiguous scope, or one a table or indicator cannot be cut by (plain Chinese)."""


@dataclass(frozen=True)
class Scope:
    kind: str  # town | area | unit | grid | party_org | office | zone
    name: str  # the canonical name, as the marts store it
    zone: str | None = None  # an office that reports key projects (镇项目办 → 镇, 园区管委会 → 园区)
    party_org: str | None = None  # a unit's party organisation

    @property
    def is_town(self) -> bool:
        return self.kind == "town"

    def kind_zh(self) -> str:
        return (
            "全镇" if self.is_town else ZONE_ZH if self.kind == "zone" else KIND_ZH.get(self.kind, self.kind)
        )


def _scope_of(kind: str, target: str) -> Scope | None:
    ref = reference()
    if kind == "town":
        return Scope("town", TOWN_NAME)
    if kind == "unit":
        org = ref.units[target]["party_org_id"]
        return Scope("unit", ref.unit_name(target), party_org=ref.party_orgs[org]["name"] if org else None)
    if kind == "area":
        return Scope("area", ref.areas[target]["name"])
    if kind == "grid":
        return Scope("grid", ref.grids[target]["name"])
    if kind == "party_org":
        return Scope("party_org", ref.party_orgs[target]["name"])
    if kind == "office":
        r = ref.senders[target]
        return Scope("office", r["name"], zone=r["zone"] or None)
    return None


def resolve(text: str) -> Scope:
    """The scope a name stands for; ScopeError (listing the candidates) when it is not exactly one."""
    ref = reference()
    t = squash(text or "")
    if t in (TOWN_NAME, "全镇", "镇全镇"):
        return Scope("town", TOWN_NAME)
    if t == "镇":
        return Scope("zone", "镇", zone="镇")
    named = ref.name_of(t)
    if named is not None:
        scope = _scope_of(named.kind, named.target)
        if scope is not None:
            return scope
    grid = ref.resolve_grid(t)
    if grid:
        return Scope("grid", ref.grids[grid]["name"])
    near = [n for n in valid_names() if t and (t in n or n in t)]
    if near:
        raise ScopeError(
            f"范围“{text}”不是一个完整的名称，可能是：{'、'.join(near)}。请写出全称（{TOWN_NAME} 表示全镇）。"
        )
    raise ScopeError(f"没有名为“{text}”的范围。可用的范围：\n" + listing())


def valid_names() -> list[str]:
    """Every canonical scope name: the town, 片区, villages and communities, grids, party organisations,
    offices."""
    ref = reference()
    return [
        TOWN_NAME,
        *(r["name"] for r in ref.areas.values()),
        *(r["name"] for r in ref.units.values()),
        *(r["name"] for r in ref.grids.values()),
        *(r["name"] for r in ref.party_orgs.values()),
        *(r["name"] for r in ref.senders.values()),
    ]


def listing(kinds: tuple[str, ...] | None = None) -> str:
    """The valid scopes, one line per kind (only `kinds` when given)."""
    ref = reference()
    groups = {
        "town": [f"{TOWN_NAME}（全镇）"],
        "area": [r["name"] for r in ref.areas.values()],
        "unit": [r["name"] for r in ref.units.values()],
        "grid": [f"东星第1网格 … 东星第{len(ref.grids)}网格（共{len(ref.grids)}个）"],
        "party_org": [r["name"] for r in ref.party_orgs.values()],
        "office": [r["name"] for r in ref.senders.values()],
        "zone": [f"{z}（{ZONE_ZH}）" for z in ZONES],
    }
    zh = {**KIND_ZH, "town": "全镇", "zone": ZONE_ZH, "office": "报送单位（镇直）"}
    return "\n".join(
        f"  {zh[k]}：{'、'.join(names)}" for k, names in groups.items() if kinds is None or k in kinds
    )


def filter_for(scope: Scope, columns: dict[str, str], what: str) -> tuple[str, str] | None:
    """(column, value) to keep the rows of `scope` in a table or view whose scope columns are `columns`
    (kind → column); None for the whole town. ScopeError when the table cannot be cut by this scope."""
    if scope.is_town:
        return None
    candidates = [(scope.kind, scope.name)]
    if scope.kind == "unit" and scope.party_org:
        candidates.append(("party_org", scope.party_org))
    if scope.zone:
        candidates.append(("zone", scope.zone))
    for kind, value in candidates:
        if kind in columns:
            return columns[kind], value
    kinds = tuple(dict.fromkeys(["town", *columns]))
    raise ScopeError(f"{what}不能按{scope.kind_zh()}（{scope.name}）查看。可用的范围：\n" + listing(kinds))
