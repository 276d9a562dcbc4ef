"""Turning the data rows of one ledger sheet into staging records, or quarantine entries that say in plain
Chinese what is wrong with which cell."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass

from . import privacy
from .identity import Identity
from .layout import COMPOUND_SEPARATORS, NOT_TICKED, Column, CompoundPart, Layout, TickGroup
from .periods import EARLIEST_MOMENT as EARLIEST
from .periods import period_end
from .reference import Reference
from .schema import Catalog, Field
from .text import cell_text, squash
from .values import (
    AmbiguousCategory,
    BadValue,
    PartialDate,
    cell_excerpt,
    map_vocab,
    parse_count,
    parse_date,
    parse_datetime,
    parse_money,
)


@dataclass
class Problem:
    """A cell (or a row) that could not be used: where it is, what it holds, why, and how to fix it."""

    row_number: int
    column: str
    value: str
    reason: str
    fix_hint: str


_EMPTY_MARKS = frozenset({"", "-", "—", "——", "/"})  # a cell holding only these (after squash) is empty
# A text starting with an ASCII letter or digit keeps that character (or a letter composed from it) through
# squash, so it is never one of the marks above: one-off IDs, dates and numbers skip squash.
_NOT_EMPTY_STARTS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# a 序号 that points at a record of an earlier ledger (原10月第3号, 更正9月5号): a correction, not a new record
_EARLIER_RECORD = re.compile(r"更正|原\s*(\d{1,2})\s*月|(\d{1,2})\s*月\s*第?\s*\d+\s*号")


def earlier_record(text: str, period: str | None) -> bool:
    """A 序号 that points at a record of another month's ledger (原10月第3号 in November's file)."""
    m = _EARLIER_RECORD.search(text)
    if m is None:
        return False
    month = m.group(1) or m.group(2)
    return month is None or not period or len(period) != 7 or int(month) != int(period[5:])


_ALL_EXPECTED = object()  # 全到 under 实到: the row's 应到, known once the row is read
FULL_ATTENDANCE = {"全到", "全部到会", "全员到会", "全体到会", "全部参加", "满勤", "全勤"}
_PARTS = re.compile(r"(\d{1,5})[+＋](\d{1,5})")  # a count given as its parts, under a header that names them
_OPTIONAL_EVEN_IF_REQUIRED = ("unit", "grid", "party_org")  # the sender or a section line can stand in
_FIELD_MEMO_MAX = 32_768  # values remembered per field and sheet
# an identifier that Excel shows in scientific notation (3.50304E+17): its digits are lost
_SCIENTIFIC = re.compile(r"^[+-]?\d(?:\.\d+)?[eE][+-]?\d+$")
EXACT_DIGITS = 15  # a number cell keeps 15 significant digits; a longer identifier typed as a number is cut
# a remark (or 序号) saying the clerk struck the row off: it must not be counted, and is quarantined so it is seen
# Strong marks count anywhere in the cell; 删除 / 不计入 only as the whole remark or after 此条 / 本行 (已删除联系方式
# and 不计入考核 are ordinary remarks); a mark right after 非 / 不是 / 无 / 未 is denied (经核实非重复登记).
_VOID_MARK = re.compile(
    r"(?<!非)(?<!不是)(?<!无)(?<!未)(?:作废|重复登记|重复录入|重复填报|登记重复|重复上报|重复报送|不予统计"
    r"|与第\d+[行条]重复|^(?:此条|本条|此行|本行|该条)?(?:已)?(?:删除|删去|不计入|不统计)$|^(?:此条|本条|此行|本行|该条)(?:已)?(?:删除|删去|不计入|不统计))"
)
_VALIDITY_HEADER = re.compile(r"(是否)?有效(事件|记录|案件)?|是否为?有效(事件|记录|案件)")
_INVALID = frozenset({"否", "无效", "×", "✗", "✘", "n", "no", "0", "不是"})
_NOTE_HEADERS = frozenset({"备注", "说明", "备注说明", "备考", "序号", "编号"})  # the whole header, squashed
SCIENTIFIC_REASON = (
    "被Excel改成了科学计数法（后几位数字已丢失），请从平台重新导出，或把该列设为“文本”后重新填写"
)


class RowReader:
    """Reads the data rows of one sheet for one ledger, with what the sheet says about itself."""

    def __init__(
        self, layout: Layout, ident: Identity, ref: Reference, catalog: Catalog, tokeniser: privacy.Tokeniser
    ):
        self.ident, self.ref, self.catalog, self.tok = ident, ref, catalog, tokeniser
        self.ledger = layout.ledger
        self.columns = layout.field_columns()
        self.period_end = period_end(ident.period) if ident.period else None
        self._too_late = self.period_end + dt.timedelta(days=62) if self.period_end else None
        self.late_dates: list[dt.date] = []  # dates of rows quarantined for lying well after the period
        self.year = ident.year
        # per sheet, not per row: where each field's cell is, and the headers the row rules report under
        self._plan = [self._field_plan(f) for f in self.ledger.fields.values()]
        self._headers = {self.ledger.fields[f].label: c.header for f, c in self.columns.items()}
        self._note_columns = [
            c for c in layout.columns if re.sub(r"[(（].*?[)）]", "", squash(c.header)) in _NOTE_HEADERS
        ]
        self._validity_columns = [  # 是否有效事件: a row the platform or the clerk marked invalid
            c for c in layout.columns if c.field is None and _VALIDITY_HEADER.fullmatch(squash(c.header))
        ]
        self.notes: list[Problem] = []  # cells left empty in records that were loaded (month-only dates …)
        # a required category with no column of its own, tagged before a name instead: 【在建】人才公寓二期
        self._tagged = [
            f
            for f in self.ledger.fields.values()
            if f.type == "category" and f.required and f.name not in self.columns
        ]
        self._taggable = [
            (n, c.index)
            for n, c in self.columns.items()
            if self.ledger.fields[n].type == "text" and isinstance(c, Column)
        ]
        self._readers = {
            "date": self._read_date,
            "datetime": self._read_datetime,
            "int": self._read_int,
            "money": self._read_money,
            "text": self._read_text,
            "name": self._read_name,
            "phone": self._read_token,
            "id_number": self._read_token,
            "category": self._read_category,
            "bool": self._read_bool,
            "unit": self._read_unit,
            "grid": self._read_grid,
            "party_org": self._read_party_org,
        }

    def _field_plan(self, f: Field) -> tuple[Field, Column | TickGroup | None, int, dict | None]:
        """(field, its column or tick group, the column's index or -1, the field's memo or None).

        Within one sheet a cell reads the same every time (the sheet's year, period and units are fixed), and
        most values repeat (categories, units, grids, names, dates, empty or absent cells): what a value gave
        is kept per field, so a repeat costs one lookup. Only readings that succeeded are kept, and only in a
        column whose values recur (read_rows)."""
        col = self.columns.get(f.name)
        memo = None if isinstance(col, (TickGroup, CompoundPart)) else {}
        return f, col, (col.index if isinstance(col, (Column, CompoundPart)) else -1), memo

    # -- the data rows of the sheet, column by column ------------------------------------------------------
    def read_rows(
        self, items: list[tuple[list, int, dict | None, list[list]]]
    ) -> list[tuple[dict | None, list]]:
        """For each (row, row number, section, extra rows): the record of a data row (and of the rows below it
        that belong to the same record, e.g. a second party), or the problems that keep it out. `section`
        holds what a section line above says (unit, category values) for fields the row does not give.

        Read a field at a time over all rows: the branches per field are taken once, and a value that recurs
        in the column is read once (the field's memo)."""
        n = len(items)
        rows = [item[0] for item in items]
        voided = self._voided(items)
        records: list[dict] = [{} for _ in range(n)]
        problems: list[list[Problem]] = [[] for _ in range(n)]
        notes: dict[int, list[Problem]] = {}  # the notes of a row, said only if the row loads
        sectioned = [i for i, item in enumerate(items) if item[2]]
        joined = [i for i, item in enumerate(items) if item[3]]
        for f, col, index, memo in self._plan:
            if isinstance(col, TickGroup):
                values = [self._ticked(col, row) for row in rows]
            elif isinstance(col, CompoundPart):
                values = [_part(row[index] if index < len(row) else None, col) for row in rows]
            elif index >= 0:
                values = [row[index] if index < len(row) else None for row in rows]
                if joined and f.type in ("name", "phone", "id_number", "text"):
                    for i in joined:
                        values[i] = _joined(
                            [values[i], *(r[index] if index < len(r) else None for r in items[i][3])]
                        )
            elif f in self._tagged:
                values = self._tags(rows)
            else:
                values = [None] * n
            for i in sectioned:
                section = items[i][2]
                if f.name in section and _is_empty(values[i]):
                    values[i] = section[f.name]
            moments = f.type in ("date", "datetime") and not f.identifier and type(col) is Column
            keyed = memo is not None and _worth_remembering(
                [v for v in values if type(v) is not dt.datetime] if moments else values
            )
            for i, value in enumerate(values):
                if voided[i] is not None:
                    continue
                kind = type(value)
                if moments and kind is dt.datetime and value.tzinfo is None:
                    # what _read_field gives for a date cell, without its text (only a reason quotes it)
                    if value < EARLIEST:
                        what = "日期" if f.type == "date" else "时间"
                        reason = f"{what}“{cell_text(value)}”早于1990年，请核对"
                        problems[i].append(self._problem(items[i][1], col, value, reason, _hint(f)))
                    else:
                        records[i][f.name] = value.date() if f.type == "date" else value
                    continue
                key = _NO_KEY if not keyed else value if kind is str else _memo_key(value, kind)
                if key is not _NO_KEY:
                    read = memo.get(key)
                    if read is not None:
                        records[i] |= read
                        continue
                read = {}
                noted = len(self.notes)
                try:
                    self._read_field(f, col, value, read, items[i][1])
                except BadValue as bad:
                    del self.notes[noted:]
                    problems[i].append(self._problem(items[i][1], col, value, bad.reason, _hint(f)))
                    continue
                if len(self.notes) != noted:  # a cell that gave a note is read again (the note names its row)
                    notes.setdefault(i, []).extend(self.notes[noted:])
                    del self.notes[noted:]
                elif key is not _NO_KEY and len(memo) < _FIELD_MEMO_MAX:
                    memo[key] = read
                records[i] |= read
        return [
            (None, [voided[i]])
            if voided[i] is not None
            else self._finish(records[i], problems[i], notes.get(i), *items[i][1:3])
            for i in range(n)
        ]

    def _voided(self, items: list) -> list[Problem | None]:
        """Per row, the problem of a remark (or 序号) saying the clerk struck it off, or None."""
        out: list[Problem | None] = [None] * len(items)
        for col in self._validity_columns:
            for i, item in enumerate(items):
                row = item[0]
                value = row[col.index] if col.index < len(row) else None
                text = squash(cell_text(value)).lower()
                if text in _INVALID:
                    reason = f"“{col.header}”填的是“{cell_text(value)}”：这一行标为无效，没有计入"
                    hint = "如这条记录有效，请改为“是”后重新报送；确属无效可不处理"
                    out[i] = Problem(item[1], col.header, cell_text(value), reason, hint)
        for col in self._note_columns:
            said: dict = {}  # cell value → its text when that holds a void mark, else ''
            for i, item in enumerate(items):
                if out[i] is not None:
                    continue
                row = item[0]
                value = row[col.index] if col.index < len(row) else None
                text = said.get(value) if type(value) is str or value is None else None
                if text is None:
                    text = cell_text(value)
                    text = text if text and _VOID_MARK.search(squash(text)) else ""
                    if type(value) is str or value is None:
                        said[value] = text
                if text:
                    reason = f"“{col.header}”写着“{cell_excerpt(text, 40)}”：这一行已被标注作废（或重复），没有计入"
                    hint = "如这条记录有效，请删去该标注后重新报送；确属作废可不处理"
                    out[i] = Problem(item[1], col.header, privacy.scrub_text(text)[:200], reason, hint)
        return out

    def _finish(
        self, record: dict, problems: list[Problem], notes: list[Problem] | None, row_number: int, section
    ) -> tuple[dict | None, list[Problem]]:
        """The row's record after the rules that judge it whole, or its problems."""
        if section and section.get("unit_id") and not record.get("unit_id"):
            record["unit_id"] = section["unit_id"]
        if self._tagged:
            self._untag(record)
        for name in [k for k, v in record.items() if v is _SAME_DAY_AS_RECORD]:
            day = record.get(self.ledger.date_field or "")
            record[name] = day.date() if isinstance(day, dt.datetime) else day
            if day is None and not problems:
                label = self.ledger.fields[name].label
                problems.append(
                    Problem(
                        row_number,
                        self._headers.get(label, label),
                        "当天",
                        f"“{label}”写“当天”，但这一行没有日期可依",
                        "请写出具体日期",
                    )
                )
        if record.get("attended") is _ALL_EXPECTED:
            record["attended"] = record.get("expected")
            if record["attended"] is None and not problems:
                label = self.ledger.fields["attended"].label
                problems.append(
                    Problem(
                        row_number,
                        self._headers.get(label, label),
                        "全到",
                        f"“{label}”写“全到”，但这一行没有应到人数可依",
                        "请填写实到人数",
                    )
                )
        if not problems and self.ledger.kind == "disputes" and record.get("status") is None:
            # no 化解情况 written: a 化解日期 says it was resolved; nothing says it is still open
            record["status"] = "resolved" if record.get("resolved_date") else "open"
        if not problems:
            for col_name, value, reason, hint in self._row_rules(record, section):
                problems.append(
                    Problem(
                        row_number,
                        self._headers.get(col_name, col_name),
                        privacy.scrub_text(value) or "",
                        reason,
                        hint,
                    )
                )
        if problems:
            return None, problems  # the row goes to quarantine: its notes are said there
        if notes:
            self.notes.extend(notes)
        record["record_key"] = self.record_key(record)
        return record, []

    def _tags(self, rows: list[list]) -> list[str | None]:
        """Per row, the tag before a name (【在建】人才公寓二期 → 在建), read as the value of a field that has no
        column of its own."""
        out = []
        for row in rows:
            tags = [_TAG.match(cell_text(row[j])) for _, j in self._taggable if j < len(row)]
            out.append(next((m.group(1) for m in tags if m), None))
        return out

    def _untag(self, record: dict) -> None:
        """The name without the tag its field was read from, so that it is the same name next month."""
        raws = {record.get(f"{f.name}_raw") for f in self._tagged} - {None}
        for name, _ in self._taggable:
            m = _TAG.match(record.get(name) or "")
            if m and m.group(1) in raws:
                record[name] = m.group(2)

    # -- a 合计 / 小计 row: the clerk's own sums, a second reading of the rows ------------------------------------
    def totals_of(self, row: list) -> dict[str, float | None]:
        """The summable figures of a row (counts and amounts in a column of their own; not the 序号), read as
        their column's cells are read: for a 合计 row its sums, for a quarantined row what it would add. A cell
        that is not a number (a formula without its value, 十几) is None: it cannot be judged; empty cells are
        left out."""
        out: dict[str, float | None] = {}
        for f, col, index, _memo in self._plan:
            if f.type not in ("int", "money") or f.name == "seq" or type(col) is not Column:
                continue
            value = row[index] if 0 <= index < len(row) else None
            if _is_empty(value) or (isinstance(value, str) and squash(value) in _EMPTY_MARKS):
                continue
            try:
                read = parse_count(value) if f.type == "int" else parse_money(value, col.unit)
            except BadValue:
                read = None
            out[f.name] = None if read is None else float(read)
        return out

    def total_disagrees(
        self, row_number: int, totals: dict[str, float | None], readings: list[dict[str, float | None]]
    ) -> str | None:
        """Why a total row disagrees with every reading of the rows it can close, or None when one agrees.
        `readings`: field → sum for each way the clerk may have summed (the records since the total row before,
        or all above it, each with or without the rows sent to quarantine); None where a row's cell could not
        be read, so that field cannot be judged. Counts must match exactly; amounts to 0.05% (rounding)."""
        for name, total in totals.items():
            if total is None:
                continue
            sums = [r.get(name, 0.0) for r in readings]
            if any(s is None for s in sums):
                continue
            slack = 0.01 if self.ledger.fields[name].type == "int" else 0.01 + 0.0005 * abs(total)
            if any(abs(total - s) <= slack for s in sums):
                continue
            f = self.ledger.fields[name]
            header = self._headers.get(f.label, f.label)
            return (
                f"第{row_number}行合计（{header}）写的是{_number(total)}，逐行相加却是{_number(sums[0])}："
                "可能有行没有读到、读错了列或单位，也可能是合计本身算错了。请核对原表；明细无误请回答“按明细导入”，"
                "否则请村（社区）改正后重新报送"
            )
        return None

    def _ticked(self, group: TickGroup, row: list):
        """The value of a tick-box group: the option with a mark; None when none is marked."""
        marked = []
        for col, canon in group.options:
            text = cell_text(row[col.index]) if col.index < len(row) else ""
            if text and squash(text) not in NOT_TICKED:
                marked.append((col, canon))
        if len(marked) > 1:
            return _TickError(
                f"“{'”和“'.join(c.header.split('/')[-1] for c, _ in marked)}”都打了勾，只能勾一项"
            )
        return _TickValue(marked[0][1], marked[0][0].header.split("/")[-1]) if marked else None

    def _problem(self, row_number: int, col, value, reason: str, hint: str) -> Problem:
        shown = (
            _CONTROL.sub(_visible, privacy.scrub_text(cell_excerpt(cell_text(value), 200)))
            if value is not None
            else ""
        )
        field_name = getattr(col, "field", None)
        if field_name and self.ledger.fields[field_name].type in ("name", "phone", "id_number"):
            shown = "（个人信息，不在此显示）"
        return Problem(row_number, col.header if col is not None else "", shown[:200], reason, hint)

    def _read_field(self, f: Field, col, value, record: dict, row_number: int) -> None:
        if isinstance(value, _TickValue):
            record[f.name] = value.canon if f.type == "category" else value.canon == "true"
            record[f"{f.name}_raw"] = value.header
            return
        if isinstance(value, _TickError):
            raise value
        if isinstance(value, _PartError):
            raise BadValue(
                f"“{value.text}”应写成{len(col.column.compound)}个数，用“/”隔开（{col.header}），如“38/35”"
            )
        text = cell_text(value)  # '' for None
        if _CONTROL.search(text):  # NUL and the like: not text anyone typed, and no report can hold it
            raise BadValue(f"“{f.label}”里有看不见的控制字符（如 NUL），请删掉后重新填写")
        empty = text[:1] not in _NOT_EMPTY_STARTS and squash(text) in _EMPTY_MARKS
        if f.required and empty and f.type not in _OPTIONAL_EVEN_IF_REQUIRED:
            raise BadValue(f"“{f.label}”没有填写，这一项必须填")
        if not empty and f.identifier:
            _check_identifier(value, text)
        try:
            self._readers[f.type](f, col, value, text, empty, record)
            if f.required and record.get(f.name) is None and f.type in ("int", "money"):
                # 无 under 实到人数: nothing to count, and the row must not count as held with nobody there
                raise BadValue(f"“{f.label}”填的是“{text}”，不是数字；这一项必须填写数字")
        except PartialDate as partial:
            if f.required:
                raise
            record[f.name] = None  # the record loads; the cell is reported
            self.notes.append(
                self._problem(row_number, col, value, f"{partial.reason}（已导入，此项暂为空）", _hint(f))
            )

    # -- one field, by type: (field, column, cell value, its text, whether empty, record to fill) ------
    def _read_date(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        if f.name != self.ledger.date_field and squash(text) in _SAME_DAY:
            record[f.name] = _SAME_DAY_AS_RECORD  # 当天 under 化解日期: the record's own date, set in _finish
            return
        day = record[f.name] = parse_date(value, self.year)
        if day is not None and day < EARLIEST.date():
            raise BadValue(f"日期“{text}”早于1990年，请核对")

    def _read_datetime(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        moment = record[f.name] = parse_datetime(value, self.year)
        if moment is not None and moment < EARLIEST:
            raise BadValue(f"时间“{text}”早于1990年，请核对")

    def _read_int(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        _not_a_personal_number(f, value, empty)
        if f.name == "seq" and not empty and earlier_record(text, self.ident.period):
            raise BadValue(
                f"序号写的是“{text}”：这一行是对以前月份台账里那条记录的更正，不是本月的新记录，没有计入。"
                "请在那个月的台账里改好，文件名写明“更正”后重新报送那个月的台账"
            )
        if f.name == "attended" and squash(text) in FULL_ATTENDANCE:  # 全到: everyone expected was there
            record[f.name] = _ALL_EXPECTED
            return
        if col is not None and re.search(r"[+＋]", col.header) and (parts := _PARTS.fullmatch(squash(text))):
            record[f.name] = int(parts.group(1)) + int(parts.group(2))  # 实到人数（现场+线上）: 27+4
            return
        record[f.name] = parse_count(value)  # over staging's INTEGER range: refused there (values.MAX_COUNT)

    def _read_money(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        _not_a_personal_number(f, value, empty)
        record[f.name] = parse_money(value, col.unit if col else None)

    def _read_text(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        if not empty and f.name.endswith("_id") and (kind := privacy.personal_number_kind(text)):
            record[f.name] = self.tok.token(kind, text)  # an 事件编号 that is someone's phone: a keyed token
            return
        record[f.name] = None if empty else (privacy.scrub_text(text) if f.pii else text)

    def _read_name(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        record[f"{f.name}_masked"] = None if empty else privacy.mask_name(text)
        record[f"{f.name}_token"] = None if empty else self.tok.token("name", squash(text))

    def _read_token(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        record[f"{f.name}_token"] = None if empty else self.tok.token(f.type, text)

    def _read_category(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        vocab = self.catalog.vocabs[f.vocab]
        if not empty and col is not None and col.question:  # 是否化解: 是 / 否
            canon = self._answer_to_question(col.question, vocab, text)
            if canon is not None:
                record[f.name], record[f"{f.name}_raw"] = canon, text
                return
        try:
            canon = None if empty else map_vocab(vocab, text)
        except AmbiguousCategory as ambiguous:
            raise BadValue(f"“{f.label}”{ambiguous.reason}，请只写一种结果") from None
        if not empty and canon is None:
            allowed = "、".join(c if not c.isascii() else words[0] for c, words in vocab.values.items())
            raise BadValue(f"“{f.label}”填的“{text}”无法识别，应为：{allowed}")
        record[f.name], record[f"{f.name}_raw"] = canon, (text or None)

    def _answer_to_question(self, question: str, vocab, text: str) -> str | None:
        """是/否 under a 是否… header: 是 is what the header asks about (是否化解 → resolved), 否 its negation."""
        try:
            said = map_vocab(self.catalog.vocabs["yes_no"], text)
            asked = map_vocab(vocab, question)
        except AmbiguousCategory:
            return None
        if said is None or asked is None or asked == vocab.other:
            return None
        return asked if said == "true" else vocab.negation.get(asked)

    def _read_bool(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        # 2023-10-12 or 10月12日签 under 是否签订承诺书: signed that day
        if f.dated_yes and not empty and _a_day(value, text, self.year):
            record[f.name], record[f"{f.name}_raw"] = True, text
            return
        try:
            canon = None if empty else map_vocab(self.catalog.vocabs["yes_no"], text)
        except AmbiguousCategory as ambiguous:
            raise BadValue(f"“{f.label}”{ambiguous.reason}") from None
        if not empty and canon is None:
            raise BadValue(f"“{f.label}”填的“{text}”无法识别，请填“是”或“否”")
        record[f.name], record[f"{f.name}_raw"] = (None if canon is None else canon == "true"), (text or None)

    def _read_unit(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        record["unit_raw"] = text or None
        unit_id = None
        if not empty:
            unit_id, why = self.ref.unit_of_cell(text, self.period_end)
            if unit_id is None:
                raise BadValue(why)
        record["unit_id"] = unit_id

    def _read_grid(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        record["grid_raw"] = text or None
        record["grid_id"] = None
        if not empty:
            record["grid_id"] = self.ref.resolve_grid(text)
            if record["grid_id"] is None:
                raise BadValue(f"“{text}”不是东星社区的网格，请填写“第N网格”（共33个网格）")

    def _read_party_org(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        record["org_raw"] = text or None
        record["party_org_id"] = None
        if not empty:
            record["party_org_id"] = self.ref.resolve_party_org(text)
            if record["party_org_id"] is None:
                raise BadValue(f"“{text}”不是本镇的党组织，请填写党组织全称，如“林山村党支部”")

    # -- rules that make a whole record unusable ------------------------------------------------------
    def _row_rules(self, r: dict, section: dict | None):
        kind = self.ledger.kind
        sheet_unit = self.ident.unit_id
        if r.get("unit_id") and sheet_unit and r["unit_id"] != sheet_unit and "unit" in self.ledger.fields:
            said = "分节行" if section and section.get("unit_id") == r["unit_id"] else "这一行"
            yield (
                self.ledger.fields["unit"].label,
                r.get("unit_raw") or self.ref.unit_name(r["unit_id"]),
                f"{said}写的是{self.ref.unit_name(r['unit_id'])}，但这份台账是{self.ref.unit_name(sheet_unit)}的"
                f"（{self.ident.unit_source}）",
                "请核对所属村（社区）；其他村（社区）的记录请由该村（社区）报送",
            )
        if kind == "disputes":
            if r.get("resolved_date") and r.get("received_date") and r["resolved_date"] < r["received_date"]:
                yield (
                    "化解日期",
                    f"{r['resolved_date']}（受理日期{r['received_date']}）",
                    "化解日期早于受理日期",
                    "请核对受理日期和化解日期",
                )
            if r.get("status") == "resolved" and not r.get("resolved_date"):
                yield ("化解日期", "", "标明已化解，但没有填写化解日期", "请补填化解日期（哪一天化解的）")
            if r.get("status") in ("open", None) and r.get("resolved_date") and r.get("status_raw"):
                yield (
                    "化解情况",
                    r.get("status_raw") or "",
                    "填了化解日期，但化解情况不是“已化解”",
                    "已化解的请把化解情况改为“已化解”，未化解的请删去化解日期",
                )
        if kind == "petitions":
            if r.get("status") == "resolved" and not r.get("resolved_date"):
                yield ("化解日期", "", "标明已化解，但没有填写化解日期", "请补填化解日期")
            first, done = r.get("first_visit_date"), r.get("resolved_date")
            if first and done and done < first:
                yield (
                    "化解日期",
                    f"{done}（初访时间{first}）",
                    "化解日期早于初访时间",
                    "请核对初访时间和化解日期（年份是否写错）",
                )
        if kind == "party_activities":
            if (
                r.get("attended") is not None
                and r.get("expected") is not None
                and r["attended"] > r["expected"]
            ):
                yield (
                    "实到人数",
                    str(r["attended"]),
                    f"实到人数（{r['attended']}）多于应到人数（{r['expected']}）",
                    "请核对应到、实到人数",
                )
        if kind == "grid_events":
            if r.get("closed_at") and r.get("reported_at") and r["closed_at"] < r["reported_at"]:
                yield (
                    "办结时间",
                    f"{r['closed_at']}（上报时间{r['reported_at']}）",
                    "办结时间早于上报时间",
                    "请核对上报时间和办结时间",
                )
        if kind == "key_projects":
            for a, b, la, lb in (("completed_investment", "total_investment", "累计完成投资", "总投资"),):
                if r.get(a) is not None and r.get(b) is not None and r[a] > r[b] * 1.5 and r[b] > 0:
                    yield (
                        la,
                        str(r[a]),
                        f"{la}（{r[a]:g}万元）远超{lb}（{r[b]:g}万元），可能单位填错（万元/亿元）",
                        "请核对金额和表头中的单位",
                    )
        # a date that places the record far outside the reporting period
        date_field = self.ledger.date_field
        if date_field and self.period_end and r.get(date_field):
            d = r[date_field]
            d = d.date() if isinstance(d, dt.datetime) else d
            if d > self._too_late:
                self.late_dates.append(d)
                label = self.ledger.fields[date_field].label
                yield (
                    label,
                    str(d),
                    f"{label}（{d:%Y年%m月%d日}）晚于报送月份（{self.ident.period}）两个月以上",
                    "请核对年份和月份",
                )

    def record_key(self, r: dict) -> str:
        """What identifies the record across files: the ledger's key fields and its unit (or, for a record of
        no unit, its sender); when the key fields are all empty (a case never given a number), the ledger's
        fallback key. No row counter: the same record twice has the same key."""
        sender = self.ident.sender
        unit = r.get("unit_id") or self.ident.unit_id
        parts = [] if unit or "unit" not in self.ledger.key else [sender.name if sender else ""]
        names = self.ledger.key
        if self.ledger.key_fallback and not any(self._key_part(k, r, unit) for k in names):
            names = ("fallback", *self.ledger.key_fallback)
        parts += [self._key_part(k, r, unit) for k in names]
        base = "\x1f".join([self.ledger.kind, *parts])
        return hashlib.sha1(base.encode()).hexdigest()[:20]

    def _key_part(self, name: str, r: dict, unit: str | None) -> str:
        if name == "summary_digest":
            return squash(r.get("summary") or "")
        if name == "unit":
            return unit or ""
        if name == "org":
            sender = self.ident.sender
            return r.get("party_org_id") or (sender.party_org_id if sender else "") or ""
        f = self.ledger.fields.get(name.removesuffix("_token"))
        if f is not None and f.type in ("name", "phone", "id_number"):
            return r.get(f"{f.name}_token") or ""
        if name == "person":
            return r.get("person_token") or ""
        v = r.get(name)
        return "" if v is None else str(v)


class _TickValue:
    """The option ticked in a tick-box group, passed to the field reader as the cell's value."""

    def __init__(self, canon: str, header: str):
        self.canon, self.header = canon, header

    def __str__(self) -> str:
        return self.header


class _TickError(BadValue):
    """More than one option of a tick-box group ticked."""


class _PartError:
    """A compound cell that does not split into its fields (38 under 应到/实到)."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text


def _part(value, part: CompoundPart):
    """The piece of a compound cell (“38/35”) that holds the part's field; None for an empty cell."""
    text = cell_text(value)
    if not text:
        return None
    pieces = COMPOUND_SEPARATORS.split(text)
    if len(pieces) != len(part.column.compound):
        return _PartError(text)
    return pieces[part.position].strip()


def _number(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and squash(value) in _EMPTY_MARKS)


_NO_KEY = object()
# cell types whose equal values read the same (a float's -0.0 and a datetime with a zone are not remembered)
_KEYED_TYPES = frozenset({int, float, bool, dt.date, dt.timedelta})


def _worth_remembering(values: list) -> bool:
    """Whether a column's values recur: not when most are one-offs (IDs, summaries), where a memo costs and
    never pays."""
    try:
        distinct = len(set(values))
    except TypeError:  # a value that is not hashable: _memo_key decides per value
        return True
    return distinct * 2 <= len(values) or distinct <= 64


def _memo_key(value, kind: type):
    """The key a cell value is remembered under in a field's memo: a text (or None) itself, another value
    with its type (1, 1.0 and True are equal in Python but read differently); _NO_KEY: not remembered."""
    if kind is str or value is None:
        return value
    if kind in _KEYED_TYPES and not (kind is float and value == 0 and math.copysign(1, value) < 0):
        return kind, value
    if kind is dt.datetime and value.tzinfo is None:
        return kind, value
    return _NO_KEY


def _joined(values: list) -> str | None:
    """Several rows' cells of one record (two parties on two rows) as one text."""
    texts = list(dict.fromkeys(t for t in (cell_text(v) for v in values) if t))
    return "、".join(texts) if texts else None


def _check_identifier(value, text: str) -> None:
    """An ID, phone or case number that Excel turned into a number of more than 15 digits, or into
    scientific notation, has lost digits: refused, never stored under a wrong number."""
    if isinstance(value, float) and (abs(value) >= 10**EXACT_DIGITS or not value.is_integer()):
        raise BadValue(f"“{text}”{SCIENTIFIC_REASON}")
    if _SCIENTIFIC.match(squash(text)):
        raise BadValue(f"“{text}”{SCIENTIFIC_REASON}")


# C0 controls but tab and line breaks, DEL, and the non-characters XML cannot hold (the Word draft, xlsx)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _visible(match: re.Match) -> str:
    """A control character as a visible sign (␀ for NUL) where a quarantined value is shown."""
    code = ord(match.group(0))
    return chr(0x2400 + code) if code < 32 else "␡" if code == 127 else "�"


def _not_a_personal_number(f: Field, value, empty: bool) -> None:
    if not empty and privacy.personal_number_kind(value, loose=True):
        what = "金额" if f.type == "money" else "数量"
        raise BadValue(f"“{f.label}”填的是疑似电话号码或身份证号，不是{what}，请核对后重新填写")


def _hint(f: Field) -> str:
    if f.type in ("date", "datetime"):
        return "请写成 2023-11-03、2023年11月3日 或 2023/11/3 这样的完整日期"
    if f.type in ("int", "money"):
        return "请只填阿拉伯数字，没有就填0"
    if f.type == "category":
        return "请从规定的选项中选择填写"
    if f.type == "unit":
        return "请填写村（社区）的正式名称"
    return "请核对后重新填写"


_SAME_DAY = frozenset({"当天", "当日", "同日", "同一天", "即日", "当场", "当天化解", "当日化解"})
_SAME_DAY_AS_RECORD = object()
_TAG = re.compile(r"^\s*[【\[［]([^】\]］]{1,6})[】\]］]\s*(.+)$")
_SIGNED_ON = re.compile(r"(?:已|于)?(.+?)(?:已?签(?:订|署|字)?)?$")


def _a_day(value, text: str, year: int | None) -> bool:
    """Whether a cell holds one day (a date cell, 2023-10-12, 10月12日签): the day something was done."""
    if isinstance(value, dt.date):
        return True
    if not any(ch.isdigit() for ch in text) or any(w in text for w in ("未", "拒", "待", "不")):
        return False
    try:
        return parse_date(_SIGNED_ON.fullmatch(text.strip()).group(1), year) is not None
    except BadValue:
        return False
