"""Understanding one file without touching the warehouse: safety checks, sheets, layouts, records, problems."""

from __future__ import annotations

import re
from pathlib import Path

from . import privacy
from .discover import sha256_of
from .faults import checkpoint
from .files import read_regular, sha256_if_regular
from .layout import (
    ZERO_REPORT,
    Context,
    apply_unit_line,
    classify_row,
    fill_merged_data_cells,
    find_layout,
    read_context,
)
from .outcome import FileOutcome, SheetOutcome
from .read import SUPPORTED_SUFFIXES, UnreadableFile, read_grids
from .records import Problem, RowReader
from .reference import Reference, reference
from .safety import RejectedFile, inspect_before_parsing
from .schema import catalog
from .text import squash

INSTRUCTION_SHEET_WORDS = ("说明", "填表", "填报要求", "instruction", "readme", "目录", "封面")


class FileReader:
    """Understands files without touching the warehouse: safety checks, sheets, records and problems. Pure, so
    that it can run in worker processes while the run's single writer stores what they read."""

    def __init__(self, key: bytes):
        self.key = key  # handed to worker readers, which tokenise with the same key
        self.ref: Reference = reference()
        self.catalog = catalog()
        self.tokeniser = privacy.Tokeniser(key)

    def read_file(self, path: Path) -> FileOutcome:
        """What the file holds, scrubbed of ID and phone numbers, ready to store (or to record as rejected)."""
        checkpoint(f"reader.file:{path.name}")
        outcome = self._read(path)
        self._scrub(outcome)
        return outcome

    def _read(self, path: Path) -> FileOutcome:
        outcome = FileOutcome(path=path).named(self.tokeniser)
        try:
            data = _read_bytes_checked(path)
        except UnreadableFile as bad:
            outcome.status, outcome.reason = "rejected", bad.reason
            outcome.sha256 = sha256_if_regular(path)  # streamed: it may be a bomb
            return outcome
        outcome.sha256, outcome.size = sha256_of(data), len(data)
        try:
            if path.suffix.lower() not in SUPPORTED_SUFFIXES and not data[:4] == b"PK\x03\x04" and \
                    not data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                raise UnreadableFile(f"不支持的文件类型“{path.suffix or '无扩展名'}”，请报送 .xlsx、.xls 或 .csv 文件")
            grids = read_grids(path, data)
            outcome.sheets = [self.read_sheet(g, path.name) for g in grids]
        except UnreadableFile as bad:
            outcome.status, outcome.reason = "rejected", bad.reason
        if outcome.status != "rejected" and not outcome.used:
            outcome.status = "rejected"
            rejected = [s for s in outcome.sheets if s.status == "rejected"]
            outcome.reason = rejected[0].reason if rejected else (
                "没有找到可识别的台账（表头应包含如“受理日期、纠纷类型、化解情况”等列），请使用规定的台账模板")
        if outcome.status != "rejected" and all(s.status == "zero_report" for s in outcome.used):
            outcome.status = "zero_report"
        return outcome

    def _scrub(self, outcome: FileOutcome) -> None:
        """Take ID and phone numbers out of everything of this file that is about to be stored or shown.

        Personal-data fields are scrubbed when read (etl/records.py). What is not: descriptive text (项目名称,
        存在问题, 责任单位, 活动内容, 地点 …, which reach the marts and the reports), the raw form of categories,
        units, grids and organisations, and what the problems say — a reason quotes the cell (“13812345678”不是
        日期), and quarantine rows go to exports, feedback workbooks and the run's metadata. Identifiers
        (案件编号, 事件编号) stay as written — they are record keys, and long platform numbers are not personal —
        unless one is an ID or phone number (then the reader tokenised it); sheet names carry keyed tokens."""
        outcome.reason = _scrubbed(outcome.reason)
        for sheet in outcome.sheets:
            sheet.sheet = self.tokeniser.scrub_name(sheet.sheet)  # a sheet named after a person's number
            sheet.reason = _scrubbed(sheet.reason)
            sheet.unmapped = [_scrubbed(h) for h in sheet.unmapped]
            for problem in sheet.problems:
                problem.column, problem.value = _scrubbed(problem.column), _scrubbed(problem.value)
                problem.reason, problem.fix_hint = _scrubbed(problem.reason), _scrubbed(problem.fix_hint)
            if sheet.ledger and sheet.records:
                for column in _raw_text_columns(self.catalog.ledgers[sheet.ledger]):
                    for rec in sheet.records:
                        rec[column] = _scrubbed(rec.get(column))

    # -- one sheet ------------------------------------------------------------------------------------------
    def read_sheet(self, grid, file_name: str) -> SheetOutcome:
        out = SheetOutcome(sheet=grid.name)
        if grid.hidden:
            out.reason = "隐藏的工作表，已跳过"
            return out
        if not any(any(str(c).strip() for c in row if c is not None) for row in grid.rows):
            out.reason = "空白工作表"
            return out
        title_hint = " ".join(str(c) for row in grid.rows[:4] for c in row if c) + grid.name + file_name
        layout = find_layout(grid, self.catalog, title_hint)
        if layout is None:
            kinds = [lg for lg in self.catalog.ledgers.values() if any(w in squash(title_hint) for w in lg.title_words)]
            said = any(ZERO_REPORT.search(squash(" ".join(str(c) for c in row if c))) for row in grid.rows[:10])
            if said and len(kinds) == 1:  # “本月无新增矛盾纠纷” under the title, no table at all
                ctx = read_context(grid, None, file_name, self.ref)
                if ctx.period and (ctx.sender or kinds[0].kind != "disputes"):
                    out.ledger, out.status = kinds[0].kind, "zero_report"
                    out.sender = ctx.sender.name if ctx.sender else None
                    out.unit_id = ctx.sender.unit_id if ctx.sender else None
                    out.period, out.sender_source, out.period_source = ctx.period, ctx.sender_source, ctx.period_source
                    out.dropped["zero_report"] += 1
                    return out
            instruction = any(w in grid.name.lower() for w in INSTRUCTION_SHEET_WORDS)
            out.reason = "填表说明页，已跳过" if instruction else "未找到台账表头，已跳过"
            return out
        fill_merged_data_cells(grid, layout.first_data_row)
        apply_unit_line(grid, layout)
        ctx = read_context(grid, layout, file_name, self.ref)
        kind = layout.ledger.kind
        out.ledger, out.header_row = kind, layout.header_rows[0] + 1
        out.unmapped = [c.header for c in layout.columns if not c.field]
        self._default_sender(ctx, layout)
        reader = RowReader(layout, ctx, self.ref, self.catalog, self.tokeniser)
        fields = layout.field_columns()
        problem = self._sheet_problem(kind, ctx, fields)
        if problem:
            out.status, out.reason = "rejected", problem
            return out
        zero_marker = False
        section = None
        for r in range(layout.first_data_row, len(grid.rows)):
            row = grid.rows[r]
            why = classify_row(row, layout)
            if why == "template":
                section = " ".join(str(c) for c in row if c not in (None, "")) or section
            if why:
                if why != "blank":
                    out.rows_read += 1
                out.dropped[why] += 1
                zero_marker |= why == "zero_report"
                if why in ("footer", "note"):  # everything below the footer is footer or notes
                    for rest in grid.rows[r + 1:]:
                        if any(str(c).strip() for c in rest if c is not None):
                            out.dropped[why] += 1
                            out.rows_read += 1
                    break
                continue
            out.rows_read += 1
            record, problems = reader.read(row, r + 1, section)
            if record is None:
                out.problems.extend(problems)
                out.rows_quarantined += 1
            else:
                record["_row"] = r + 1
                out.records.append(record)
        if ctx.period is None:
            ctx.period, ctx.period_source = _period_from_data(out.records, layout.ledger.date_field), "数据日期"
        if ctx.period is None:
            out.status = "rejected"
            out.reason = "无法确定报送月份：请在标题或文件名中写明“2023年10月”这样的月份"
            return out
        self._finish_records(out, ctx, kind)
        out.status = "loaded" if (out.records or out.rows_quarantined) else "zero_report"
        if zero_marker and not out.records:
            out.status = "zero_report"
        return out

    def _default_sender(self, ctx: Context, layout) -> None:
        if ctx.sender is None and layout.ledger.kind == "grid_events":
            ctx.sender, ctx.sender_source = self.ref.unit_sender("dongxing"), "网格（东星社区网格平台）"

    def _sheet_problem(self, kind: str, ctx: Context, fields: dict) -> str | None:
        if kind in ("disputes",) and ctx.sender is None and "unit" not in fields:
            return "无法确定是哪个村（社区）报送的：请在表头上方写“填报单位：××村”，或在文件名中写明村（社区）名称"
        if kind == "key_projects" and "zone" not in fields and (ctx.sender is None or not ctx.sender.zone):
            return "无法确定是镇重点项目还是园区重点项目：请在文件名或标题中写明“镇项目办”或“园区”，或增加“所属”列"
        if kind == "party_activities" and "org" not in fields and ctx.sender is None:
            return "无法确定是哪个党组织的活动：请写明“填报单位：××党支部”，或增加“党组织”列"
        return None

    def _finish_records(self, out: SheetOutcome, ctx: Context, kind: str) -> None:
        sender = ctx.sender
        out.sender = sender.name if sender else None
        out.unit_id = sender.unit_id if sender else None
        out.period = ctx.period
        out.sender_source, out.period_source = ctx.sender_source, ctx.period_source
        for rec in out.records:
            rec["sender"] = out.sender
            rec["period"] = ctx.period
            if kind == "party_activities":
                if not rec.get("party_org_id") and sender:
                    rec["party_org_id"] = sender.party_org_id
                org = self.ref.party_orgs.get(rec.get("party_org_id") or "")
                rec["unit_id"] = (org or {}).get("unit_id") or None
            elif kind == "key_projects":
                if not rec.get("zone") and sender and sender.zone:
                    rec["zone"], rec["zone_raw"] = sender.zone, None
                rec["unit_id"] = None
            elif kind == "grid_events":
                rec["unit_id"] = "dongxing"
            elif not rec.get("unit_id"):
                rec["unit_id"] = sender.unit_id if sender else None
        keep = []
        for rec in out.records:  # rows that still lack what the ledger needs go to quarantine
            if kind == "party_activities" and not rec.get("party_org_id"):
                out.problems.append(Problem(rec["_row"], "党组织", "", "无法确定是哪个党组织的活动",
                                            "请填写党组织名称"))
                out.rows_quarantined += 1
            else:
                keep.append(rec)
        out.records = keep


_DIGIT = re.compile("[0-9０-９]")


def _scrubbed(value):
    """Text without ID and phone numbers (text without a digit is returned as it is, cheaply)."""
    if isinstance(value, str) and _DIGIT.search(value):
        return privacy.scrub_text(value)
    return value


_RAW_TEXT_COLUMNS: dict[str, tuple[str, ...]] = {}


def _raw_text_columns(ledger) -> tuple[str, ...]:
    """Staging text columns holding what the clerk wrote that the reader has not scrubbed: descriptive text
    fields (not identifiers *_id, not personal-data fields, which are scrubbed or tokenised already) and the
    raw form (*_raw) of categories, units, grids and organisations."""
    if ledger.kind in _RAW_TEXT_COLUMNS:
        return _RAW_TEXT_COLUMNS[ledger.kind]
    out = []
    for column, sql_type in ledger.columns():
        if sql_type != "VARCHAR" or column.endswith(("_id", "_token", "_masked")):
            continue
        f = ledger.fields.get(column)
        if (f is not None and f.type == "text" and not f.pii) or (f is None and column.endswith("_raw")):
            out.append(column)
    _RAW_TEXT_COLUMNS[ledger.kind] = tuple(out)
    return _RAW_TEXT_COLUMNS[ledger.kind]


def _period_from_data(records: list[dict], date_field: str | None) -> str | None:
    if not date_field:
        return None
    dates = [r[date_field] for r in records if r.get(date_field)]
    if not dates:
        return None
    latest = max(dates)
    return f"{latest.year:04d}-{latest.month:02d}"


def _read_bytes_checked(path: Path) -> bytes:
    """The file's bytes, after the pre-parse safety checks (size, zip bombs, XML entities)."""
    try:
        inspect_before_parsing(path)
        return read_regular(path)
    except RejectedFile as bad:
        raise UnreadableFile(bad.reason_zh) from None
    except OSError as err:  # gone, or swapped for something that is not a regular file since the check
        raise UnreadableFile(f"文件打不开（{err.strerror or '不是普通文件'}），请确认文件还在后重新报送") from None
