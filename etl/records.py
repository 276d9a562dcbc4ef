"""Turning the data rows of one ledger sheet into staging records, or quarantine entries that say in plain
Chinese what is wrong with which cell."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from . import privacy
from .layout import Column, Context, Layout
from .reference import Reference
from .schema import Catalog, Field, Vocab
from .text import cell_text, squash
from .values import BadValue, parse_count, parse_datetime, parse_money

EARLIEST = dt.datetime(1990, 1, 1)


@dataclass
class Problem:
    row_number: int
    column: str
    value: str
    reason: str
    fix_hint: str


# map_vocab's answers per (vocab, text): a ledger's categories are written the same few ways on row after row.
# Keyed by the vocab object's id(); the vocab is held in _VOCABS_HELD as long as answers for it are, so no
# other object can take that id meanwhile. Started afresh when full.
_VOCAB_ANSWERS: dict[tuple[int, str], str | None] = {}
_VOCABS_HELD: dict[int, Vocab] = {}
_VOCAB_ANSWERS_MAX = 32_768
_MISSING = object()


def map_vocab(vocab: Vocab, raw: str) -> str | None:
    """A category as written → canonical value; `other` (or None) when nothing matches."""
    key = (id(vocab), raw)
    found = _VOCAB_ANSWERS.get(key, _MISSING)
    if found is _MISSING:
        if len(_VOCAB_ANSWERS) >= _VOCAB_ANSWERS_MAX:
            _VOCAB_ANSWERS.clear()
            _VOCABS_HELD.clear()
        _VOCABS_HELD[id(vocab)] = vocab
        found = _VOCAB_ANSWERS[key] = _map_vocab(vocab, raw)
    return found


def _map_vocab(vocab: Vocab, raw: str) -> str | None:
    t = squash(raw).lower()
    if not t:
        return None
    for canon, words in vocab.values.items():
        if t == canon.lower() or t in words:
            return canon
    order = vocab.contains_order or tuple(vocab.values)
    candidates = []
    for canon in order:
        for w in vocab.values[canon]:
            if len(w) >= 2 and w in t and not _only_negated(t, w):
                candidates.append((len(w), canon))
    if candidates:
        return max(candidates, key=lambda x: x[0])[1] if not vocab.contains_order else candidates[0][1]
    return vocab.other


def _only_negated(text: str, word: str) -> bool:
    """Every occurrence of the word right after 未/没/不/无/非: 未开工 is not 开工."""
    return all(i > 0 and text[i - 1] in "未没不无非" for i in (m.start() for m in re.finditer(re.escape(word), text)))


def period_end(period: str) -> dt.date:
    year = int(period[:4])
    if len(period) == 4:
        return dt.date(year, 12, 31)
    month = int(period[5:7])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_EMPTY_MARKS = frozenset({"", "-", "—", "——", "/"})  # a cell holding only these (after squash) is empty
# A text starting with an ASCII letter or digit keeps that character (or a letter composed from it) through
# squash, so it is never one of the marks above: one-off IDs, dates and numbers skip squash.
_NOT_EMPTY_STARTS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_OPTIONAL_EVEN_IF_REQUIRED = ("unit", "grid", "party_org")  # the sender can stand in for these
_FIELD_MEMO_MAX = 4096  # texts remembered per field and sheet


class RowReader:
    """Reads the data rows of one sheet for one ledger, with the context the sheet gives."""

    def __init__(self, layout: Layout, ctx: Context, ref: Reference, catalog: Catalog, tokeniser: privacy.Tokeniser):
        self.ctx, self.ref, self.catalog, self.tok = ctx, ref, catalog, tokeniser
        self.ledger = layout.ledger
        self.columns = layout.field_columns()
        self.period_end = period_end(ctx.period) if ctx.period else None
        self._too_late = self.period_end + dt.timedelta(days=62) if self.period_end else None
        self.year = ctx.year
        self._occurrences: dict[str, int] = {}
        # per sheet, not per row: where each field's cell is, and the headers the row rules report under
        self._plan = [self._field_plan(f) for f in self.ledger.fields.values()]
        self._headers = {self.ledger.fields[f].label: c.header for f, c in self.columns.items()}
        self._readers = {
            "date": self._read_date, "datetime": self._read_datetime, "int": self._read_int,
            "money": self._read_money, "text": self._read_text, "name": self._read_name,
            "phone": self._read_token, "id_number": self._read_token, "category": self._read_category,
            "bool": self._read_bool, "unit": self._read_unit, "grid": self._read_grid,
            "party_org": self._read_party_org,
        }

    def _field_plan(self, f: Field) -> tuple[Field, Column | None, int, bool, dict | None]:
        """(field, its column, the column's index or -1, whether a section line above the rows stands in,
        the field's memo or None).

        Within one sheet a cell reads the same every time (the sheet's year, period and units are fixed), and
        most texts repeat (categories, units, grids, names, empty or absent cells): what a text (or None)
        gave is kept per field, so a repeat costs one lookup. Only readings that succeeded are kept. Moments
        (datetime) are nearly all different, so they are not kept."""
        col = self.columns.get(f.name)
        takes_section = col is None and f.type == "category" and f.required
        memo = None if f.type == "datetime" else {}
        return f, col, (col.index if col is not None else -1), takes_section, memo

    # -- one row ------------------------------------------------------------------------------------
    def read(self, row: list, row_number: int, section: str | None = None) -> tuple[dict | None, list[Problem]]:
        record: dict = {}
        problems: list[Problem] = []
        width = len(row)
        for f, col, index, takes_section, memo in self._plan:
            value = row[index] if 0 <= index < width else None
            if takes_section and section:
                value = section  # “一、在建项目（15个）” above the rows gives their stage
            try:
                if memo is not None and (value is None or type(value) is str):
                    if value in memo:
                        record |= memo[value]
                    else:
                        record |= self._read_remembered(f, col, value, memo)
                else:
                    self._read_field(f, col, value, record)
            except BadValue as bad:
                problems.append(self._problem(row_number, col, value, bad.reason, _hint(f)))
        if not problems and self.ledger.kind == "disputes" and record.get("status") is None:
            # no 化解情况 written: a 化解日期 says it was resolved; nothing says it is still open
            record["status"] = "resolved" if record.get("resolved_date") else "open"
        if not problems:
            for col_name, value, reason, hint in self._row_rules(record):
                problems.append(Problem(row_number, self._headers.get(col_name, col_name),
                                        privacy.scrub_text(value) or "", reason, hint))
        if problems:
            return None, problems
        record["record_key"] = self._record_key(record)
        return record, []

    def _problem(self, row_number: int, col: Column | None, value, reason: str, hint: str) -> Problem:
        shown = _CONTROL.sub(_visible, privacy.scrub_text(cell_text(value))) if value is not None else ""
        if col is not None and col.field and self.ledger.fields[col.field].type in ("name", "phone", "id_number"):
            shown = "（个人信息，不在此显示）"
        return Problem(row_number, col.header if col else "", shown[:200], reason, hint)

    def _read_remembered(self, f: Field, col: Column | None, value: str | None, memo: dict) -> dict:
        """The record entries a text (or empty) cell gives for field f, remembered in the field's memo."""
        read: dict = {}
        self._read_field(f, col, value, read)
        if len(memo) < _FIELD_MEMO_MAX:
            memo[value] = read
        return read

    def _read_field(self, f: Field, col: Column | None, value, record: dict) -> None:
        text = cell_text(value)  # '' for None
        if _CONTROL.search(text):  # NUL and the like: not text anyone typed, and no report can hold it
            raise BadValue(f"“{f.label}”里有看不见的控制字符（如 NUL），请删掉后重新填写")
        empty = text[:1] not in _NOT_EMPTY_STARTS and squash(text) in _EMPTY_MARKS
        if f.required and empty and f.type not in _OPTIONAL_EVEN_IF_REQUIRED:
            raise BadValue(f"“{f.label}”没有填写，这一项必须填")
        try:
            read = self._readers[f.type]
        except KeyError:  # pragma: no cover - ledgers.yaml names a type this module does not know
            raise ValueError(f"unknown field type {f.type}") from None
        read(f, col, value, text, empty, record)

    # -- one field, by type: (field, column, cell value, its text, whether empty, record to fill) ------
    def _read_date(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        moment = parse_datetime(value, self.year)
        record[f.name] = None if moment is None else moment.date()
        if moment is not None and moment < EARLIEST:
            raise BadValue(f"日期“{text}”早于1990年，请核对")

    def _read_datetime(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        moment = record[f.name] = parse_datetime(value, self.year)
        if moment is not None and moment < EARLIEST:
            raise BadValue(f"时间“{text}”早于1990年，请核对")

    def _read_int(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        _not_a_personal_number(f, value, empty)
        count = record[f.name] = parse_count(value)
        if count is not None and count > INT_MAX:
            raise BadValue(f"“{f.label}”填的数字太大（超过 {INT_MAX}），不像是{f.label}，请核对")

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
        canon = None if empty else map_vocab(vocab, text)
        if not empty and canon is None:
            allowed = "、".join(c if not c.isascii() else words[0] for c, words in vocab.values.items())
            raise BadValue(f"“{f.label}”填的“{text}”无法识别，应为：{allowed}")
        record[f.name], record[f"{f.name}_raw"] = canon, (text or None)

    def _read_bool(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        canon = None if empty else map_vocab(self.catalog.vocabs["yes_no"], text)
        if not empty and canon is None:
            raise BadValue(f"“{f.label}”填的“{text}”无法识别，请填“是”或“否”")
        record[f.name], record[f"{f.name}_raw"] = (None if canon is None else canon == "true"), (text or None)

    def _read_unit(self, f: Field, col, value, text: str, empty: bool, record: dict) -> None:
        record["unit_raw"] = text or None
        unit_id = None
        if not empty:
            on = self.period_end
            unit_id = self.ref.resolve_unit(text, on) or self.ref.find_unit_in(text, on)
            if unit_id is None:
                grid = self.ref.resolve_grid(text)
                unit_id = "dongxing" if grid else None  # grids belong to 东星社区
            if unit_id is None:
                raise BadValue(f"“{text}”不是本镇的村（社区），请填写本镇17个村（社区）之一的名称")
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
    def _row_rules(self, r: dict):
        kind = self.ledger.kind
        if kind == "disputes":
            if r.get("resolved_date") and r.get("received_date") and r["resolved_date"] < r["received_date"]:
                yield ("化解日期", str(r["resolved_date"]), "化解日期早于受理日期", "请核对受理日期和化解日期")
            if r.get("status") == "resolved" and not r.get("resolved_date"):
                yield ("化解日期", "", "标明已化解，但没有填写化解日期", "请补填化解日期（哪一天化解的）")
            if r.get("status") in ("open", None) and r.get("resolved_date") and r.get("status_raw"):
                yield ("化解情况", r.get("status_raw") or "", "填了化解日期，但化解情况不是“已化解”",
                       "已化解的请把化解情况改为“已化解”，未化解的请删去化解日期")
        if kind == "petitions":
            if r.get("status") == "resolved" and not r.get("resolved_date"):
                yield ("化解日期", "", "标明已化解，但没有填写化解日期", "请补填化解日期")
        if kind == "party_activities":
            if r.get("attended") is not None and r.get("expected") is not None and r["attended"] > r["expected"]:
                yield ("实到人数", str(r["attended"]), f"实到人数（{r['attended']}）多于应到人数（{r['expected']}）",
                       "请核对应到、实到人数")
        if kind == "grid_events":
            if r.get("closed_at") and r.get("reported_at") and r["closed_at"] < r["reported_at"]:
                yield ("办结时间", str(r["closed_at"]), "办结时间早于上报时间", "请核对上报时间和办结时间")
        if kind == "key_projects":
            for a, b, la, lb in (("completed_investment", "total_investment", "累计完成投资", "总投资"),):
                if r.get(a) is not None and r.get(b) is not None and r[a] > r[b] * 1.5 and r[b] > 0:
                    yield (la, str(r[a]), f"{la}（{r[a]:g}万元）远超{lb}（{r[b]:g}万元），可能单位填错（万元/亿元）",
                           "请核对金额和表头中的单位")
        # a date that places the record far outside the reporting period
        date_field = self.ledger.date_field
        if date_field and self.period_end and r.get(date_field):
            d = r[date_field]
            d = d.date() if isinstance(d, dt.datetime) else d
            if d > self._too_late:
                label = self.ledger.fields[date_field].label
                yield (label, str(d), f"{label}（{d:%Y年%m月%d日}）晚于报送月份（{self.ctx.period}）两个月以上",
                       "请核对年份和月份")

    def _record_key(self, r: dict) -> str:
        sender = self.ctx.sender
        parts = [sender.name if sender and sender.kind == "office" else ""]
        for k in self.ledger.key:
            if k == "summary_digest":
                parts.append(squash(r.get("summary") or ""))
            elif k == "parties_token":
                parts.append(r.get("parties_token") or "")
            elif k == "person":
                parts.append(r.get("person_token") or "")
            elif k == "unit":  # the row's unit, else the sender's: records of two villages never collide
                parts.append(r.get("unit_id") or (sender.unit_id if sender else "") or "")
            elif k == "org":
                parts.append(r.get("party_org_id") or (sender.party_org_id if sender else "") or "")
            else:
                v = r.get(k)
                parts.append("" if v is None else str(v))
        base = "\x1f".join([self.ledger.kind, *parts])
        n = self._occurrences[base] = self._occurrences.get(base, 0) + 1
        return hashlib.sha1(f"{base}\x1f{n}".encode()).hexdigest()[:20]


INT_MAX = 2**31 - 1  # staging's INTEGER columns
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
