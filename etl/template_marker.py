"""The hidden, signed marker in every 报送模板: which template a returned file is, and whether it can be trusted.

A template carries a very hidden sheet whose first row is [MARKER_TAG, payload JSON, signature]. The payload
names the template (id, ledger, sender, period, template version) and its layout (data sheet, header row,
columns and their header texts, the title lines). The signature is an HMAC-SHA256 of the payload text under a
key derived from the home's key (etl/privacy.py), so nobody without the key can make or alter a marker.

`read_marker(grids, key)` is pure and works on the reader's sheet grids:

* None — no marker: an ordinary file, read as any other;
* status "valid" — the marker is intact and agrees with the sheet: the reader may take ledger, sender,
  period and columns from it;
* status "tampered" — the marker was altered, made under another key, or appears twice;
* status "mismatch" — the marker is intact but the file says something else: the title, 填报单位 or 报送月份
  were changed (another unit's or another month's template relabelled), the header was changed, or the
  dates of the rows belong to another month (last month's template used again).

For the last two `problem` says why in Chinese; such a file is held, never loaded under the marker's identity.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .read import Grid
from .schema import catalog
from .template_spec import TEMPLATE_VERSION, TemplateSpec, month_bounds, window, window_kind
from .text import cell_text, squash
from .values import BadValue, parse_datetime

MARKER_TAG = "TAIZHANG-TEMPLATE-MARKER"
MARKER_SHEET = "模板标记"
_KEY_PURPOSE = b"taizhang template marker"  # keeps marker signatures apart from the personal-data tokens
MIN_ROWS_FOR_WRONG_MONTH = 2  # one stray date is a typo for the reader to report, not a wrong template
HEADER_SEARCH_ROWS = 10  # the protected sheet still lets rows be inserted: the header may have moved down


@dataclass(frozen=True)
class Marker:
    status: str  # valid | tampered | mismatch
    problem: str | None = None  # Chinese, for tampered and mismatch
    template_id: str | None = None
    ledger: str | None = None
    sender: str | None = None
    unit_id: str | None = None
    period: str | None = None
    version: int | None = None
    sheet: str | None = None
    header_row: int | None = None  # 1-based, as Excel shows it (where the header is in this file)
    columns: tuple[str, ...] = ()  # field names, left to right from column A
    headers: tuple[str, ...] = field(default=(), repr=False)
    issued: str | None = None

    @property
    def valid(self) -> bool:
        return self.status == "valid"

    def describe(self) -> str:
        month = f"{self.period[:4]}年{int(self.period[5:7])}月" if self.period else "?"
        ledger = catalog().ledgers.get(self.ledger or "")
        return f"{self.sender or '?'} {month} {ledger.name_zh if ledger else '?'}"


def _signing_key(key: bytes) -> bytes:
    return hmac.new(key, _KEY_PURPOSE, hashlib.sha256).digest()


def _sign(text: str, key: bytes) -> str:
    return hmac.new(_signing_key(key), text.encode("utf-8"), hashlib.sha256).hexdigest()


def identity(title: str, lines: Sequence[str]) -> str:
    """The title and the 填报单位/报送月份 line as compared: spaces and full-width forms do not count."""
    return squash(title) + "|" + squash(" ".join(lines))


def marker_cells(spec: TemplateSpec, key: bytes, header_row: int, issued: dt.date) -> list[str]:
    """The first row of the marker sheet: tag, payload text, signature."""
    payload = {
        "template_id": spec.template_id,
        "ledger": spec.ledger.kind,
        "sender": spec.sender.name,
        "unit_id": spec.sender.unit_id,
        "period": spec.period,
        "version": TEMPLATE_VERSION,
        "sheet": spec.sheet_name,
        "header_row": header_row,
        "columns": [c.field.name for c in spec.columns],
        "headers": [c.text for c in spec.columns],
        "identity": identity(spec.title, [spec.filler, spec.period_line]),
        "issued": issued.isoformat(),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return [MARKER_TAG, text, _sign(text, key)]


def read_marker(grids: Sequence[Grid], key: bytes) -> Marker | None:
    """The template marker of a file's sheets: None when there is none, else a Marker whose status says
    whether it is valid, tampered with, or disagrees with what the file says."""
    found = [g for g in grids if g.rows and g.rows[0] and cell_text(g.rows[0][0]) == MARKER_TAG]
    if not found:
        return None
    row = [cell_text(c) for c in found[0].rows[0]] + ["", ""]
    text, signature = row[1], row[2]
    try:
        payload = json.loads(text)
        if not isinstance(payload, dict):
            raise ValueError("not an object")
    except ValueError:
        return Marker(
            status="tampered", problem="模板标记已损坏（内容无法识别），请使用镇里下发的原模板重新填报"
        )
    marker = _from_payload(payload)
    if len(found) > 1:
        return _with(
            marker,
            "tampered",
            "工作簿里有不止一个模板标记（可能从别的模板复制了工作表），"
            "请使用镇里下发的本单位本月模板重新填报",
        )
    if not hmac.compare_digest(_sign(text, key), signature):
        return _with(
            marker,
            "tampered",
            "模板标记校验不通过：标记被改动过，或模板不是本镇台账系统生成的，请使用镇里下发的原模板重新填报",
        )
    sheet = next((g for g in grids if g.name == marker.sheet), None) or next(
        (g for g in grids if not g.hidden and g is not found[0]), None
    )
    if sheet is None:
        return _with(marker, "mismatch", f"找不到模板的填报工作表“{marker.sheet}”，请使用原模板重新填报")
    problem, header_index = _disagreement(marker, payload.get("identity", ""), sheet)
    if problem:
        return _with(marker, "mismatch", problem)
    return replace(marker, header_row=header_index + 1)  # where it is now: rows may be inserted above it


def _from_payload(p: dict) -> Marker:
    def text(name):
        v = p.get(name)
        return v if isinstance(v, str) else None

    row = p.get("header_row")
    version = p.get("version")
    return Marker(
        status="valid",
        template_id=text("template_id"),
        ledger=text("ledger"),
        sender=text("sender"),
        unit_id=text("unit_id"),
        period=text("period"),
        version=version if isinstance(version, int) else None,
        sheet=text("sheet"),
        header_row=row if isinstance(row, int) else None,
        columns=tuple(str(c) for c in p.get("columns") or ()),
        headers=tuple(str(h) for h in p.get("headers") or ()),
        issued=text("issued"),
    )


def _with(marker: Marker, status: str, problem: str) -> Marker:
    return replace(marker, status=status, problem=problem)


def _disagreement(marker: Marker, expected_identity: str, sheet: Grid) -> tuple[str | None, int | None]:
    """(why the sheet does not say what its marker says, or None; the 0-based row its header is in now)."""
    wanted = [squash(h) for h in marker.headers]
    start = (marker.header_row or 1) - 1
    header_index = next(
        (
            r
            for r in range(min(len(sheet.rows), start + HEADER_SEARCH_ROWS))
            if [squash(cell_text(c)) for c in sheet.rows[r]][: len(wanted)] == wanted
        ),
        None,
    )
    above = [
        [t for t in (cell_text(c) for c in row) if t]
        for row in sheet.rows[: start if header_index is None else header_index]
    ]
    above = [texts for texts in above if texts]
    title = above[0][0] if above else ""
    lines = above[1] if len(above) > 1 else []
    if identity(title, lines) != expected_identity:
        shown = " ".join([title, *lines]).strip() or "（空白）"
        return (
            f"这是“{marker.describe()}”的模板，但表里的标题或填报单位、报送月份被改成了“{shown[:80]}”。"
            "请使用镇里下发给本单位本月的模板重新填报，不要改用别的单位或别的月份的模板"
        ), None
    if header_index is None:
        return (
            "模板的表头被改动过（栏目名称或顺序与下发的模板不同），请使用原模板重新填报，不要增删或移动栏目",
            None,
        )
    return _wrong_month(marker, sheet, header_index), header_index


def _wrong_month(marker: Marker, sheet: Grid, header_index: int) -> str | None:
    """Rows dated in another month than the template's: the template of an earlier (or later) month used
    again. A monthly ledger counts dates outside the month on both sides; a ledger that keeps earlier records
    (年度累计台账, 积案) only dates after the month."""
    ledger = catalog().ledgers.get(marker.ledger or "")
    if (
        ledger is None
        or not ledger.date_field
        or ledger.date_field not in marker.columns
        or not marker.period
    ):
        return None
    column = marker.columns.index(ledger.date_field)
    kind = window_kind(ledger.kind, ledger.date_field)
    first, last = window(kind, marker.period)
    month_first, _ = month_bounds(marker.period)
    year = int(marker.period[:4])
    inside = before = after = 0
    for row in sheet.rows[header_index + 1 :]:
        if column >= len(row):
            continue
        try:
            moment = parse_datetime(row[column], year)
        except BadValue:  # the reader reports it on its row
            continue
        if moment is None:
            continue
        if moment > last:
            after += 1
        elif moment < first:
            before += 1
        elif moment.date() >= month_first:
            inside += 1
    stray = after + (before if kind == "month" else 0)
    if stray >= MIN_ROWS_FOR_WRONG_MONTH and stray >= inside:
        month = f"{marker.period[:4]}年{int(marker.period[5:7])}月"
        where = "之后" if after >= before or kind != "month" else "之前"
        return (
            f"这是{month}的模板，但表中有 {stray} 行的{ledger.fields[ledger.date_field].label}在{month}{where}"
            f"（本月内的只有 {inside} 行），可能用错了月份的模板。请使用对应月份的模板重新填报"
        )
    return None
