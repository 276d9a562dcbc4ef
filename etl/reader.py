"""Understanding one file without touching the warehouse: safety checks, sheets, layouts, who sent it for
which month, records and problems — and, where the file does not say for sure, the questions it is held for."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from . import privacy
from .decisions import Answers, Question
from .discover import sha256_of
from .faults import checkpoint
from .files import read_regular, sha256_if_regular
from .identity import (
    FILE,
    SHEET,
    Identity,
    check_data_dates,
    ledger_question,
    lines_above,
    month_question,
    other_town_question,
    period_clues,
    period_from_dates,
    resolve_period,
    resolve_sender,
    sender_clues,
)
from .layout import (
    NO_SUCH_COLUMN,
    TICKS,
    ZERO_REPORT,
    Column,
    Layout,
    TickGroup,
    apply_unit_line,
    choose_columns,
    classify_row,
    columns_of,
    fill_merged_data_cells,
    find_layout,
    missing_figure_questions,
    share_columns,
    split_time_questions,
)
from .outcome import FileOutcome, SheetOutcome
from .periods import month_zh
from .read import SUPPORTED_SUFFIXES, Grid, UnreadableFile, read_grids
from .records import Problem, RowReader, earlier_record
from .reference import Reference, read_ref, reference
from .safety import RejectedFile, inspect_before_parsing
from .schema import catalog
from .template_marker import read_marker
from .text import cell_text, cell_texts, is_blank, normalise_header, squash
from .values import PLAUSIBLE_MAX_WAN, AmbiguousCategory, BadValue, map_vocab, parse_count

TEMPLATE = "报送模板标记"
READ_BY_CONTENT = "按文件内容读取"
BY_RECORDS = "按明细导入"  # the answer that loads a sheet whose 合计 row disagrees with its records
ALL_RECORDS = "是全部记录"  # the answer that loads an export whose query line looks filtered
FIRST_TABLE_ONLY = "只导入上面的台账"  # the answer that leaves out another table below the ledger
READ_AS_EMPTY = "按空白读取"  # the answer that reads formulas without a saved result as empty cells
DRAFT_COUNTS = "以这份为准"  # the answer that loads a file marked 初稿
SKIP_COPY = "不导入这张表"  # the answer on a month's sheet copied from another month's
AS_CORRECTION, NOT_COUNTED = "按更正导入", "不计入"  # the answers on rows correcting an earlier month
TOP_ROW_ONLY, EVERY_ROW = "只记在第一行", "每行都是这个数"  # the answers on an amount merged over records
INSTRUCTION_SHEET_WORDS = ("说明", "填表", "填报要求", "instruction", "readme", "目录", "封面")
# a section line: 一、 (一) 1. 第一部分 before its words, a count after them: 一、东星社区（5件）
_SECTION_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．]"
    r"|第[一二三四五六七八九十\d]+(?:部分|类|项|片)?[、:：.．]?)"
)
_SECTION_COUNT = re.compile(r"[(（][^()（）]*[)）]$|共\d+[件个项起]$")
FOOTER_SCAN_ROWS = 15  # rows at the bottom searched for a 填报单位 line
# the field by which a row of these ledgers says whose record it is (else the sheet must say it)
ROWS_SAY_WHOSE = {"disputes": "unit", "party_activities": "org", "key_projects": "zone"}


class FileReader:
    """Understands files without touching the warehouse: safety checks, sheets, records and problems. Pure, so
    that it can run in worker processes while the run's single writer stores what they read.

    `answers`: the analyst's confirmed answers per file (sha256) and per sender's layout (etl/decisions.py)."""

    def __init__(self, key: bytes, answers: dict[str, Answers] | None = None, layouts: Answers | None = None):
        self.key = key  # handed to worker readers, which tokenise with the same key
        self.answers = answers or {}
        self.layouts = layouts or Answers()
        self.ref: Reference = reference()
        self.catalog = catalog()
        self.tokeniser = privacy.Tokeniser(key)
        self.expected: dict[str, list[str]] = {}
        for row in read_ref("expected_submissions"):
            self.expected.setdefault(row["ledger"], []).append(row["sender"])

    def read_file(self, path: Path, name: str | None = None, answers: Answers | None = None) -> FileOutcome:
        """What the file holds, scrubbed of ID and phone numbers, ready to store (or to record as rejected or
        held). `name`: the file's name as sent, when `path` is its copy in the raw archive; `answers`: the
        analyst's answers for it (else those the reader was made with)."""
        checkpoint(f"reader.file:{name or path.name}")
        outcome = self._read(path, name or path.name, answers)
        self._scrub(outcome)
        for sheet in outcome.sheets:
            sheet.pack()
        return outcome

    def _read(self, path: Path, name: str, given: Answers | None = None) -> FileOutcome:
        outcome = FileOutcome(path=path, sent_name=name).named(self.tokeniser)
        try:
            data = _read_bytes_checked(path, outcome.file_name)
        except UnreadableFile as bad:
            outcome.status, outcome.reason = "rejected", bad.reason
            outcome.sha256 = sha256_if_regular(path)  # streamed: it may be a bomb
            return outcome
        outcome.sha256, outcome.size = sha256_of(data), len(data)
        answers = given or self.answers.get(outcome.sha256) or self.layouts
        as_named = Path(name)
        try:
            if (
                as_named.suffix.lower() not in SUPPORTED_SUFFIXES
                and not data[:4] == b"PK\x03\x04"
                and not data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            ):
                raise UnreadableFile(
                    f"不支持的文件类型“{as_named.suffix or '无扩展名'}”，请报送 .xlsx、.xls 或 .csv 文件"
                )
            grids = read_grids(as_named, data)
            marker = read_marker(grids, self.key)
            if marker is not None:
                answers = self._template_answers(marker, answers, outcome)
            per_sheet = _months_per_sheet(grids)
            outcome.sheets = [self.read_sheet(g, name, answers, per_sheet) for g in grids]
            if marker is not None and marker.valid:
                for s in outcome.sheets:
                    if s.ledger:
                        s.sender_source = s.period_source = s.ledger_source = TEMPLATE
                        s.unit_source = TEMPLATE if s.unit_source else None
        except UnreadableFile as bad:
            outcome.status, outcome.reason = "rejected", bad.reason
        if outcome.status == "rejected":
            return outcome
        if outcome.template_problem:
            asked = Question(
                "template",
                f"{outcome.template_problem}。这份文件不按模板标记导入：请核对后重新报送，"
                f"或确认按文件内容读取",
                [READ_BY_CONTENT],
            )
            first = next(
                (s for s in outcome.sheets if s.ledger), outcome.sheets[0] if outcome.sheets else None
            )
            if first is not None:
                asked.sheet = first.sheet
                first.questions.insert(0, asked)
                first.status = "held"
        _ask_which_sheet(outcome.sheets, answers)
        _copied_month_sheets(outcome.sheets, answers)
        _quarantine_repeats(outcome.sheets, answers)
        held = [s for s in outcome.sheets if s.status == "held"]
        if held:
            outcome.status = "held"
            outcome.reason = "；".join(
                q.line() if len(outcome.sheets) > 1 else q.text for q in outcome.questions
            )
            for s in outcome.sheets:  # nothing of a held file is loaded, not even its clear sheets
                s.records, s.problems, s.notes = [], [], []
            return outcome
        if not outcome.used:
            outcome.status = "rejected"
            seen = [s.seen for s in outcome.sheets if s.seen]
            outcome.reason = (
                "没有找到可识别的台账（表头应包含如“受理日期、纠纷类型、化解情况”等列），请使用规定的台账模板"
                + (f"。{seen[0]}" if seen else "")
            )
        elif all(s.status == "zero_report" for s in outcome.used):
            outcome.status = "zero_report"
        return outcome

    def _scrub(self, outcome: FileOutcome) -> None:
        """Take ID and phone numbers out of everything of this file that is about to be stored or shown.

        Personal-data fields are scrubbed when read (etl/records.py). What is not: descriptive text (项目名称,
        存在问题, 责任单位, 活动内容, 地点 …, which reach the marts and the reports), the raw form of categories,
        units, grids and organisations, and what the problems and questions say — a reason quotes the cell
        (“13812345678”不是日期), and quarantine rows go to exports, feedback workbooks and the run's metadata.
        Identifiers (案件编号, 事件编号) stay as written — they are record keys, and long platform numbers are not
        personal — unless one is an ID or phone number (then the reader tokenised it); sheet names carry keyed
        tokens."""
        outcome.reason = _scrubbed(outcome.reason)
        for sheet in outcome.sheets:
            sheet.sheet = self.tokeniser.scrub_name(sheet.sheet)  # a sheet named after a person's number
            sheet.reason = _scrubbed(sheet.reason)
            sheet.unmapped = [_scrubbed(h) for h in sheet.unmapped]
            sheet.columns = {f: _scrubbed(h) for f, h in sheet.columns.items()}
            for q in sheet.questions:
                q.text, q.options = _scrubbed(q.text), [_scrubbed(o) for o in q.options]
                q.sheet = self.tokeniser.scrub_name(q.sheet)
            for problem in [*sheet.problems, *sheet.notes]:
                problem.column, problem.value = _scrubbed(problem.column), _scrubbed(problem.value)
                problem.reason, problem.fix_hint = _scrubbed(problem.reason), _scrubbed(problem.fix_hint)
            if sheet.ledger and sheet.records:
                for column in _raw_text_columns(self.catalog.ledgers[sheet.ledger]):
                    done: dict[str, str] = {}  # a text recurs down its column: scrubbed once
                    for rec in sheet.records:
                        value = rec.get(column)
                        if type(value) is str:
                            if value not in done:
                                done[value] = _scrubbed(value)
                            value = done[value]
                        rec[column] = value  # every record gets the column, as before

    # -- one sheet ------------------------------------------------------------------------------------------
    def read_sheet(
        self, grid: Grid, file_name: str, answers: Answers | None = None, months_per_sheet: bool = False
    ) -> SheetOutcome:
        """One sheet. `months_per_sheet`: the workbook has a sheet per month (9月, 10月), so a sheet's own month
        wins over the month in the file name, which names the workbook (its latest month)."""
        answers = answers or Answers()
        out = SheetOutcome(sheet=grid.name)
        if grid.hidden:
            out.reason = "隐藏的工作表，已跳过"
            return out
        if not any(any(str(c).strip() for c in row if c is not None) for row in grid.rows):
            out.reason = "空白工作表"
            return out
        file_answers = answers.for_sheet(grid.name)
        title_hint = " ".join(str(c) for row in grid.rows[:4] for c in row if c) + grid.name + file_name
        layout = find_layout(grid, self.catalog, title_hint, only=self._ledger_answer(file_answers))
        if layout is None:
            return self._without_header(grid, file_name, title_hint, out, file_answers)
        unit_questions = apply_unit_line(grid, layout)
        kind = layout.ledger.kind
        out.ledger, out.header_row, out.layout = kind, layout.header_rows[0] + 1, layout.signature
        out.ledger_source = "分析员确认" if file_answers.get("ledger") else "表头"
        rows = _classified_rows(grid, layout)
        sections = {r: self._section(grid, r, layout) for r, why in rows if why == "section"}
        footer_lines = [
            " ".join(cell_texts(grid.rows[r]))
            for r, why in rows[-FOOTER_SCAN_ROWS:]
            if why in ("footer", "note", "section", "zero_report")
        ]
        title_lines = lines_above(grid, layout.header_rows[0])
        out.title = " ".join(title_lines)[:200]
        clues = sender_clues(self.ref, title_lines, footer_lines, grid.name, file_name, None)
        pclues = period_clues(title_lines, grid.name, file_name)
        if months_per_sheet and any(c.source == SHEET and c.period for c in pclues):
            pclues = [c for c in pclues if c.source != FILE]
        period, period_source, questions = resolve_period(pclues, file_answers)
        questions += [q for q in unit_questions if not file_answers.get(q.key)]
        if file_answers.get("unit_of_money"):
            for c in layout.columns:
                if c.field and layout.ledger.fields[c.field].type == "money":
                    c.unit = file_answers["unit_of_money"]
        section_units = any(m and m.get("unit_id") for m in sections.values())
        own = ROWS_SAY_WHOSE.get(kind)  # the field by which each row says whose it is
        rows_identify = (
            own is None
            or own in layout.candidates()
            or (own == "unit" and section_units)
            or any(m and own in m for m in sections.values())
        )
        ident = resolve_sender(
            clues,
            layout.ledger,
            self.ref,
            file_answers,
            rows_identify=rows_identify,
            expected_senders=self.expected.get(kind, []),
        )
        ident.period, ident.period_source = period, period_source
        questions += ident.questions
        questions += other_town_question([*title_lines, file_name], file_answers)
        questions += self._not_kept_by(ident, layout.ledger, file_answers)
        if (
            ident.unit_id
            and section_units
            and any(m and m.get("unit_id") not in (None, ident.unit_id) for m in sections.values())
        ):
            named = sorted(
                {self.ref.unit_name(m["unit_id"]) for m in sections.values() if m and m.get("unit_id")}
            )
            questions.append(
                Question(
                    "unit",
                    f"分节行写了{'、'.join(named)}，但这份台账是{self.ref.unit_name(ident.unit_id)}"
                    f"的（{ident.unit_source}）。每个分节的记录算哪个村（社区）？",
                    [self.ref.unit_name(ident.unit_id), "按分节行"],
                )
            )
        sender_name = ident.sender.name if ident.sender else None
        sheet_answers = answers.for_sheet(grid.name, sender_name, kind, layout.signature)
        questions += choose_columns(layout, self.catalog, period, sheet_answers)
        plain = [r for r, why in rows if why is None]  # rows that are data whatever their sections say
        data = [grid.rows[r] for r in plain]
        questions += split_time_questions(layout, data, sheet_answers)
        questions += missing_figure_questions(
            layout, self.catalog, data, sheet_answers, int(period[:4]) if period else None
        )
        sheet_says = self._sheet_name_says(grid.name, layout)
        asked = ledger_question(
            layout.ledger,
            [(self.catalog.ledgers[k], s) for k, s in layout.alternatives],
            " ".join(title_lines) + grid.name + file_name,
            file_answers,
        )
        questions += [asked] if asked else []
        said = " ".join([*title_lines, grid.name, file_name])
        questions += _plan_question(kind, said, file_answers)
        questions += _filtered_export(title_lines, file_answers)
        questions += _draft_question(said, file_answers)
        questions += _rows_of_several_events(grid, layout, plain)
        questions += _other_table_question(rows, file_answers)
        questions += _unsaved_formulas(grid, layout, plain, sheet_answers)
        questions += _corrections_of_earlier_records(grid, layout, plain, file_answers, period)
        questions += _running_totals_as_counts(layout, sheet_answers)
        out.unmapped = layout.unmapped()
        out.columns = {f: c.header for f, c in layout.chosen.items()}
        data_rows = [r for r, why in rows if why is None or (why == "section" and sections.get(r) is None)]
        blocks = _record_blocks(grid, layout, data_rows)
        top_only, asked = _merged_amounts(grid, layout, data_rows, blocks, sheet_answers)
        questions += asked
        self._read_rows(grid, layout, ident, rows, sections, out, sheet_says, blocks, top_only)
        _set_aside_disagreeing_shares(grid, layout, out)
        _set_aside_dated_after_filling(grid, layout, out)
        questions += _two_row_records(out, layout)
        questions += self._rows_of_another_unit(out, ident, kind)
        if not file_answers.get("unit_of_money"):
            questions += _implausible_amounts(out.records, layout)
        questions += _relapse_question(grid, layout, out.records, sheet_answers)
        if not sheet_answers.get("column:status") and not any(q.key == "column:status" for q in questions):
            questions += _status_unwritten(out.records, layout)
        questions += _period_behind_the_dates(out, ident, file_answers)
        if out.total_disagrees and sheet_answers.get("total") != BY_RECORDS:
            questions.append(Question("total", out.total_disagrees, [BY_RECORDS]))
        latest = (
            _period_from_data(out.records, layout.ledger.date_field)
            if layout.ledger.dates_in_period
            else None
        )
        if ident.period is None and not any(q.kind == "period" for q in questions):
            date_field = layout.ledger.date_field if layout.ledger.dates_in_period else None
            dates = [_day(r[date_field]) for r in out.records if date_field and r.get(date_field)]
            ident.period, ident.period_source = period_from_dates(pclues, dates)
            if ident.period is None:
                label = layout.ledger.fields[date_field].label if date_field else ""
                questions.append(month_question(pclues, dates, label))
        for q in questions:  # a month question: the month of the latest record is the suggestion
            if q.kind == "period" and q.proposal is None and latest in q.options:
                q.proposal = latest
        if ident.period and layout.ledger.date_field and layout.ledger.dates_in_period:
            field = layout.ledger.fields[layout.ledger.date_field]
            dates = [_day(r[field.name]) for r in out.records if r.get(field.name)]
            questions += check_data_dates(
                ident.period, ident.period_source, dates, field.label, sheet_answers, said
            )
        self._identify(out, ident)
        if questions:
            for q in questions:
                q.sheet = grid.name
            out.status, out.questions = "held", questions
            out.reason = "；".join(q.text for q in questions)
            return out
        self._finish_records(out, ident, kind)
        out.status = "loaded" if (out.records or out.rows_quarantined) else "zero_report"
        if out.dropped.get("zero_report") and not out.records:
            out.status = "zero_report"
        return out

    def _template_answers(self, marker, answers: Answers, outcome: FileOutcome) -> Answers:
        """A 报送模板 of ours: its signed marker says ledger, sender and month, so they are not guessed. A marker
        that disagrees with the file (another unit's or last month's template, edited) holds the file unless
        the analyst has said to read it by its content."""
        given = answers.for_sheet("")
        if marker.valid:
            said = {
                "ledger": marker.ledger,
                "period": marker.period,
                "unit" if marker.unit_id else "sender": self.ref.unit_name(marker.unit_id) or marker.sender,
            }
            return Answers(
                file={"": {**said, **given}, **{k: v for k, v in answers.file.items() if k}},
                layouts=answers.layouts,
            )
        if not any(said.get("template") == READ_BY_CONTENT for said in answers.file.values()):
            outcome.template_problem = marker.problem
        return answers

    def _ledger_answer(self, answers: dict[str, str]) -> str | None:
        said = answers.get("ledger")
        if not said:
            return None
        return next((k for k, lg in self.catalog.ledgers.items() if said in (k, lg.name_zh)), None)

    def _without_header(
        self, grid: Grid, file_name: str, title_hint: str, out: SheetOutcome, answers: dict[str, str]
    ) -> SheetOutcome:
        """A sheet without a ledger header: a 零报告 written under a title (“本月无新增矛盾纠纷”), an instruction
        sheet, or something else — then the reason says what the reader saw in its first rows."""
        kinds = [
            lg for lg in self.catalog.ledgers.values() if any(w in squash(title_hint) for w in lg.title_words)
        ]
        said = any(ZERO_REPORT.search(squash(" ".join(str(c) for c in row if c))) for row in grid.rows[:10])
        if said and len(kinds) == 1:  # “本月无新增矛盾纠纷” under the title, no table at all
            lines = lines_above(grid, min(len(grid.rows), 10))
            clues = sender_clues(self.ref, lines, [], grid.name, file_name, None)
            period, period_source, questions = resolve_period(
                period_clues(lines, grid.name, file_name), answers
            )
            ident = resolve_sender(
                clues,
                kinds[0],
                self.ref,
                answers,
                rows_identify=False,
                expected_senders=self.expected.get(kinds[0].kind, []),
            )
            ident.period, ident.period_source = period, period_source
            questions += ident.questions
            if period is None and not questions:
                questions.append(Question("period", "零报告没有写明月份，请确认是哪个月的零报告"))
            out.ledger = kinds[0].kind
            self._identify(out, ident)
            if questions:
                for q in questions:
                    q.sheet = grid.name
                out.status, out.questions, out.reason = (
                    "held",
                    questions,
                    "；".join(q.text for q in questions),
                )
                return out
            out.status = "zero_report"
            out.dropped["zero_report"] += 1
            return out
        instruction = any(w in grid.name.lower() for w in INSTRUCTION_SHEET_WORDS)
        if instruction:
            out.reason = "填表说明页，已跳过"
            return out
        seen = [" | ".join(t for t in cell_texts(row) if t)[:60] for row in grid.rows[:8]]
        seen = [privacy.scrub_text(s) for s in seen if s][:3]
        out.seen = (
            f"工作表“{grid.name}”前几行是：{'；'.join('『' + s + '』' for s in seen)}" if seen else None
        )
        out.reason = "未找到台账表头（应有“受理日期、纠纷类型、化解情况”这样的列名），已跳过" + (
            f"；{out.seen}" if seen else ""
        )
        return out

    def _section(self, grid: Grid, r: int, layout: Layout) -> dict[str, str] | None:
        """What a section line says for the rows under it (一、东星社区 → the unit; 二、在建项目 → the stage), or
        None when the line is not a section but a sparse data row."""
        text = next(t for t in cell_texts(grid.rows[r]) if t)
        body = squash(text)
        prefixed = _SECTION_PREFIX.match(body)
        body = _SECTION_COUNT.sub("", body[prefixed.end() :] if prefixed else body)
        merged_across = any(r0 <= r <= r1 and c1 > c0 for (r0, c0), (r1, c1) in grid.merged)
        meaning: dict[str, str] = {}
        exact = False
        unit_id, _ = self.ref.unit_of_cell(body) if body else (None, None)
        if unit_id and self.ref.name_of(body) is not None:
            meaning["unit_id"], exact = unit_id, True
        grid_field = layout.ledger.fields.get("grid")
        if grid_field is not None and "grid" not in layout.chosen:
            # 第03网格（网格员：陈某华） over the events of that grid, when no column names it
            bare = re.sub(r"[（(][^（()）]*[)）]$", "", squash(text))
            if self.ref.resolve_grid(bare):
                meaning["grid"], exact = bare, True
        for name, f in layout.ledger.fields.items():
            if f.type != "category" or isinstance(layout.chosen.get(name), TickGroup) or not body:
                continue
            vocab = self.catalog.vocabs[f.vocab]
            try:
                canon = map_vocab(vocab, body)
            except AmbiguousCategory:
                continue
            if canon is not None and canon != vocab.other:
                meaning[name] = body
                exact = exact or body.lower() in vocab.exact
        if prefixed or merged_across or exact:
            return meaning
        return None

    def _not_kept_by(self, ident: Identity, ledger, answers: dict[str, str]) -> list[Question]:
        """A ledger that, by the reference data, only certain villages keep (网格事件: 东星社区, the one community
        with grids) sent for another village: asked, not loaded as if it were 东星's."""
        expected = self.expected.get(ledger.kind, [])
        units = [self.ref.resolve_unit(name) for name in expected]
        if not ident.unit_id or not units or None in units or ident.unit_id in units or answers.get("unit"):
            return []
        return [
            Question(
                "unit",
                f"{ledger.name_zh}只由{'、'.join(expected)}报送（报送安排），这份却是"
                f"{self.ref.unit_name(ident.unit_id)}的（{ident.unit_source}）：是否按"
                f"{self.ref.unit_name(ident.unit_id)}的台账导入？",
                [self.ref.unit_name(ident.unit_id)],
            )
        ]

    def _sheet_name_says(self, name: str, layout: Layout) -> dict[str, str]:
        """A sheet named after a category value of a field that has no column (在建项目, 法官, 党课): that value
        for every row of the sheet, as a section line would give it."""
        body = _SECTION_COUNT.sub("", squash(name))
        said = {}
        for field_name, f in layout.ledger.fields.items():
            if f.type != "category" or field_name in layout.chosen or not body:
                continue
            vocab = self.catalog.vocabs[f.vocab]
            try:
                canon = map_vocab(vocab, body)
            except AmbiguousCategory:
                continue
            if canon is not None and canon != vocab.other:
                said[field_name] = body
        return said

    def _rows_of_another_unit(self, out: SheetOutcome, ident: Identity, kind: str) -> list[Question]:
        """A sheet of one village (or one party branch) whose every record names another: a wrong file or a
        copied template — asked, not loaded under either."""
        if not ident.unit_id or kind != "party_activities" or not out.records:
            return []
        units = {self.ref.party_orgs.get(r.get("party_org_id") or "", {}).get("unit_id") for r in out.records}
        if units and ident.unit_id not in units and None not in units:
            named = "、".join(sorted(self.ref.unit_name(u) for u in units))
            return [
                Question(
                    "unit",
                    f"这份台账是{self.ref.unit_name(ident.unit_id)}的（{ident.unit_source}），但表中"
                    f"记录的党组织都属于{named}。是发错了文件还是套用了别人的表？请确认是哪个村（社区）的",
                    [self.ref.unit_name(ident.unit_id), *sorted(self.ref.unit_name(u) for u in units)],
                )
            ]
        if ident.unit_id in units and len(units - {None}) > 1:  # a row copied from a neighbour's sheet
            own = self.ref.unit_name(ident.unit_id)
            keep = []
            for r in out.records:
                org = self.ref.party_orgs.get(r.get("party_org_id") or "", {})
                if org.get("unit_id") in (None, ident.unit_id):
                    keep.append(r)
                    continue
                out.problems.append(
                    Problem(
                        r["_row"],
                        out.columns.get("party_org_id", "党组织"),
                        org.get("name", ""),
                        f"这一行是{org.get('name', '别的党组织')}的活动，不是{own}的：一个村（社区）的台账"
                        "不能替别的党组织报活动，没有计入",
                        f"如确是{own}的活动，请改正党组织名称；别的党组织的活动请由它自己报送",
                    )
                )
                out.rows_quarantined += 1
            out.records = keep
        return []

    def _read_rows(
        self,
        grid: Grid,
        layout: Layout,
        ident: Identity,
        rows: list[tuple[int, str | None]],
        sections: dict[int, dict | None],
        out: SheetOutcome,
        sheet_says: dict[str, str],
        blocks: dict[int, list[int]],
        top_only: frozenset,
    ) -> None:
        reader = RowReader(layout, ident, self.ref, self.catalog, self.tokeniser)
        continuation = {x for extra in blocks.values() for x in extra}
        fill_merged_data_cells(grid, layout.first_data_row, top_only)
        section: dict[str, str] = dict(sheet_says)
        totals: list[tuple[int, dict, int]] = []  # (row, its sums, data rows above it)
        items: list[tuple[list, int, dict, list[list]]] = []  # the data rows, read together below
        for r, why in rows:
            if why == "section" and sections.get(r) is not None:
                section = {**sheet_says, **sections[r]}
                out.rows_read += 1
                out.dropped["section"] += 1
                continue
            if why and why != "section":
                if why != "blank":
                    out.rows_read += 1
                out.dropped[why] += 1
                if why == "total" and (sums := reader.totals_of(grid.rows[r])):
                    totals.append((r + 1, sums, len(items)))
                continue
            out.rows_read += 1
            if r in continuation:
                out.dropped["part_of_record"] += 1
                continue
            if broken := _formula_errors(grid, layout, r):
                out.problems.append(broken)
                out.rows_quarantined += 1
                continue
            if _struck_through(grid, r):
                out.problems.append(
                    Problem(
                        r + 1,
                        "",
                        "",
                        "这一行整行划了删除线（通常表示作废），没有计入",
                        "如这条记录有效，请去掉删除线后重新报送；确属作废可不处理",
                    )
                )
                out.rows_quarantined += 1
                continue
            items.append((grid.rows[r], r + 1, section, [grid.rows[x] for x in blocks.get(r, ())]))
        figures: list[tuple[dict, bool]] = []  # per data row: its summable figures, whether it was loaded
        for (row, row_number, _section, _extra), (record, problems) in zip(
            items, reader.read_rows(items), strict=True
        ):
            if record is None:
                out.problems.extend(problems)
                out.rows_quarantined += 1
                if totals:
                    figures.append((reader.totals_of(row), False))
            else:
                record["_row"] = row_number
                out.records.append(record)
                if totals:
                    figures.append((record, True))
        out.notes.extend(reader.notes)
        out.late_dates = reader.late_dates
        out.total_disagrees = self._totals_disagree(reader, totals, figures)

    @staticmethod
    def _totals_disagree(reader: RowReader, totals: list, figures: list[tuple[dict, bool]]) -> str | None:
        """A 合计/小计 row whose sums are not those of the rows it closes: something was misread or missed (or
        the clerk's sum is wrong) — asked, never loaded silently. The clerk may have summed the rows since the
        total before or all above it (all of the sheet for a total above the data), with or without the rows
        that went to quarantine (a 作废 row, a row with a bad cell)."""
        before = 0
        for row_number, sums, above in totals:
            scopes = [figures[before:above], figures[:above]] if above else [figures]
            readings = [
                _summed(scope, sums, quarantined) for scope in scopes for quarantined in (False, True)
            ]
            why = reader.total_disagrees(row_number, sums, readings)
            if why:
                return why
            before = above
        return None

    def _identify(self, out: SheetOutcome, ident: Identity) -> None:
        sender = ident.sender
        out.sender = sender.name if sender else None
        out.unit_id = ident.unit_id or (sender.unit_id if sender else None)
        out.period = ident.period
        out.sender_source, out.period_source, out.unit_source = (
            ident.sender_source,
            ident.period_source,
            ident.unit_source,
        )

    def _finish_records(self, out: SheetOutcome, ident: Identity, kind: str) -> None:
        sender = ident.sender
        for rec in out.records:
            rec["sender"] = out.sender
            rec["period"] = ident.period
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
                rec["unit_id"] = ident.unit_id
        keep = []
        for rec in out.records:  # rows that still lack what the ledger needs go to quarantine
            missing = _still_missing(kind, rec)
            if missing:
                out.problems.append(Problem(rec["_row"], *missing))
                out.rows_quarantined += 1
            else:
                keep.append(rec)
        out.records = keep


def _running_totals_as_counts(layout: Layout, answers: dict[str, str]) -> list[Question]:
    """A count read from a running total (本年累计化解纠纷 under a visit's row): adding the rows up would count
    every earlier visit again. Asked, unless the field is a running total itself (累计完成投资)."""
    questions = []
    for name, col in layout.chosen.items():
        f = layout.ledger.fields[name]
        if f.type not in ("int", "money") or f.cumulative or not isinstance(col, Column):
            continue
        if "累计" not in col.header or "本月累计" in col.header or answers.get(f"column:{name}"):
            continue
        questions.append(
            Question(
                "column",
                f"“{col.header}”是累计数，每一行都含前面的数，不是这一行的{f.label}：相加会重复计算。"
                f"请改填每一行自己的{f.label}后重新报送；如这一列确是每一行自己的数，请回答“{col.header}”，"
                f"不计{f.label}请回答“{NO_SUCH_COLUMN}”",
                [col.header, NO_SUCH_COLUMN],
                field=name,
            )
        )
    return questions


def _corrections_of_earlier_records(
    grid: Grid, layout: Layout, data_rows: list[int], answers: dict[str, str], period: str | None
) -> list[Question]:
    """Rows whose 序号 points at a record of an earlier month (原10月第3号) under this month's records: corrections
    of that month's ledger sent inside this one. Asked; 按更正导入 reads them as the latest version of that
    record (the 序号 left out), 不计入 sets them aside with the reason."""
    col = layout.chosen.get("seq")
    if not isinstance(col, Column):
        return []
    rows = [r for r in data_rows if earlier_record(cell_text(_cell(grid.rows[r], col.index)), period)]
    if not rows:
        return []
    said = answers.get("correction")
    if said == AS_CORRECTION:
        for r in rows:
            grid.rows[r][col.index] = None
    if said:
        return []
    first = cell_text(grid.rows[rows[0]][col.index])
    return [
        Question(
            "correction",
            f"第{'、'.join(str(r + 1) for r in rows)}行的序号写着“{first}”这样的话：是对以前月份台账里那条记录"
            f"的更正，夹在本月的台账里报来。回答“{AS_CORRECTION}”：按那条记录的最新情况导入（同一条记录不会多算）；"
            f"回答“{NOT_COUNTED}”：这几行放入隔离区，请另报那个月的更正",
            [AS_CORRECTION, NOT_COUNTED],
        )
    ]


def _cell(row: list, index: int):
    return row[index] if index < len(row) else None


_FILLED_ON = re.compile(
    r"填(?:报|表)(?:日期|时间)[:：]?\s*(20\d\d)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})"
)


_FILLING_GRACE = dt.timedelta(days=7)


def _set_aside_dated_after_filling(grid: Grid, layout: Layout, out: SheetOutcome) -> None:
    """A record dated after the day the ledger says it was filled in (填报日期11月10日, 化解日期11月25日): that
    day had not come when the clerk wrote it. Set aside, unless most records are — then the 填报日期 is the
    stale one (a template's). A week's grace: a ledger updated after its 填报日期 was written is common."""
    said = next((m for row in grid.rows if (m := _FILLED_ON.search(" ".join(cell_texts(row))))), None)
    if said is None or not out.records:
        return
    try:
        filled_on = dt.date(int(said.group(1)), int(said.group(2)), int(said.group(3)))
    except ValueError:
        return
    fields = [  # what happened, not what is due (处理时限 lies ahead)
        f
        for f in layout.ledger.fields.values()
        if f.type in ("date", "datetime") and f.name in layout.chosen and f.name != "deadline"
    ]
    late = {}
    for i, rec in enumerate(out.records):
        for f in fields:
            d = rec.get(f.name)
            if d is not None and _day(d) > filled_on + _FILLING_GRACE:
                late[i] = (f, _day(d))
                break
    if not late or len(late) * 2 >= len(out.records):
        return
    for i, (f, d) in late.items():
        out.problems.append(
            Problem(
                out.records[i]["_row"],
                out.columns.get(f.name, f.label),
                f"{d:%Y-%m-%d}",
                f"{f.label}（{d:%Y年%m月%d日}）晚于这份表的填报日期（{filled_on:%Y年%m月%d日}），那天还没到",
                f"请核对{f.label}",
            )
        )
    out.rows_quarantined += len(late)
    out.records = [rec for i, rec in enumerate(out.records) if i not in late]


def _two_row_records(out: SheetOutcome, layout: Layout) -> list[Question]:
    """Each case on two rows (facts above, outcome below, no merged cells): the upper rows load as cases with no
    outcome and the lower ones lack the date — read as rows, every case would count as open. Asked to be sent
    one row per case."""
    date_field = layout.ledger.date_field
    if not date_field or "status" not in layout.ledger.fields:
        return []
    label = layout.ledger.fields[date_field].label
    loaded = {rec["_row"]: rec for rec in out.records}
    lower = [
        p.row_number
        for p in out.problems
        if label in p.reason
        and "没有填写" in p.reason
        and (above := loaded.get(p.row_number - 1)) is not None
        and not above.get("status_raw")
    ]
    if len(lower) < 2 or len(lower) * 2 < len(out.records):
        return []
    return [
        Question(
            "rows",
            f"第{'、'.join(str(r) for r in lower[:6])}行没有{label}，而它们上面一行又没有化解情况："
            "像是每件占两行（上行案情、下行化解情况）。按行读会把每件都算成未化解。请按一件一行重新填报",
        )
    ]


def _set_aside_disagreeing_shares(grid: Grid, layout: Layout, out: SheetOutcome) -> None:
    """A share beside the figures it is taken over (年度计划完成率 85% beside 完成 255 and 计划 3000): when no
    reading of them gives it, one of the figures is wrong and which is not ours to pick — the row goes to
    quarantine with both."""
    checks = share_columns(layout)
    if not checks:
        return
    keep = []
    for rec in out.records:
        row = grid.rows[rec["_row"] - 1]
        wrong = next(
            (w for c, f in checks if (w := _share_disagrees(row, c, f, rec, layout)) is not None), None
        )
        if wrong is None:
            keep.append(rec)
            continue
        out.problems.append(Problem(rec["_row"], *wrong))
        out.rows_quarantined += 1
    out.records = keep


def _share_disagrees(row: list, c, f, rec: dict, layout: Layout) -> tuple[str, str, str, str] | None:
    written = _percent(row[c.index] if c.index < len(row) else None)
    part = rec.get(f.name)
    overs = [(o, rec.get(o)) for o in f.share_over if o in layout.chosen and rec.get(o)]
    if written is None or not isinstance(part, int | float) or not overs:
        return None
    shares = [part / whole * 100 for _, whole in overs if isinstance(whole, int | float) and whole > 0]
    if not shares or any(abs(w - s) <= 1.0 or (99.5 <= w <= 100 < s) for w in written for s in shares):
        return None  # a share written as 100% once the plan is passed is no contradiction
    # a share of two other figures of the row (本年完成 ÷ 年度计划 beside 累计完成) is no contradiction
    figures = [v for j, v in enumerate(row) if j != c.index and isinstance(v, int | float) and v > 0]
    if any(abs(w - a / b * 100) <= 1.0 for w in written for a in figures for b in figures if a is not b):
        return None
    name, whole = overs[0]
    label = layout.ledger.fields[name].label
    return (
        c.header,
        cell_text(row[c.index]),
        f"“{c.header}”写的是{cell_text(row[c.index])}，但{f.label}{part:g}÷{label}{whole:g}="
        f"{part / whole * 100:.2f}%，两者不符：不知道哪一个填错了，这一行没有计入",
        f"请核对{f.label}、{label}和{c.header}后重新报送",
    )


def _percent(cell) -> tuple[float, ...] | None:
    """A share as written (85%, 85.00, 0.85) → the percentages it may mean."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*[%％]?\s*", str(cell))
        if not m:
            return None
        value = float(m.group(1))
        if "%" in str(cell) or "％" in str(cell):
            return (value,)
    return (value, value * 100)  # 1.8 from a cell formatted 0.00% is 180%


def _ask_which_sheet(sheets: list[SheetOutcome], answers: Answers) -> None:
    """Two sheets of one file for the same ledger, sender, unit and month that share records (a sheet copied
    in WPS, “11月” and “11月 (2)”, one of them edited): which one counts is asked. The answer names the sheet
    to keep; the other is skipped."""
    said = answers.for_sheet("").get("sheet") or next(
        (a["sheet"] for a in answers.file.values() if a.get("sheet")), None
    )
    groups: dict[tuple, list[SheetOutcome]] = {}
    for s in sheets:
        if s.status == "loaded" and s.records:
            groups.setdefault((s.ledger, s.sender, s.unit_id, s.period), []).append(s)
    for group in groups.values():
        if len(group) < 2:
            continue
        keys = [{r["record_key"] for r in s.records} for s in group]
        shared = set.intersection(*keys)
        if (
            not shared
            or all(k == keys[0] for k in keys)
            and all(_same_records(group[0], s) for s in group[1:])
        ):
            continue  # disjoint sheets add up; identical copies load once (the repeats are quarantined)
        names = [s.sheet for s in group]
        if said in names:
            for s in group:
                if s.sheet != said:
                    s.status, s.reason, s.records, s.problems, s.notes = (
                        "skipped",
                        f"按分析员确认以“{said}”为准",
                        [],
                        [],
                        [],
                    )
                    s.rows_quarantined = 0
            continue
        first = group[0]
        first.questions.append(
            Question(
                "sheet",
                f"工作表{'、'.join('“' + n + '”' for n in names)}是同一单位同一月份的{_ledger_name(first)}，"
                f"有{len(shared)}条记录几张表都有但内容或条数不同：以哪张表为准？",
                names,
                sheet=first.sheet,
            )
        )
        first.status = "held"


def _copied_month_sheets(sheets: list[SheetOutcome], answers: Answers) -> None:
    """A month's sheet that is another month's sheet copied and retitled (10月 holding September's four cases,
    none dated in October): read by its name it would count September again. Asked; answered 不导入这张表,
    it is skipped."""
    for s in sheets:
        date_field = catalog().ledgers[s.ledger].date_field if s.ledger else None
        if s.status != "loaded" or not s.records or not date_field or len(s.period or "") != 7:
            continue
        dated = [_day(r[date_field]) for r in s.records if r.get(date_field)]
        if not dated or any(f"{d.year:04d}-{d.month:02d}" == s.period for d in dated):
            continue
        keys = {r["record_key"] for r in s.records}
        source = next(
            (
                o
                for o in sheets
                if o is not s
                and o.ledger == s.ledger
                and o.unit_id == s.unit_id
                and o.period != s.period
                and o.records
                and keys <= {r["record_key"] for r in o.records}
            ),
            None,
        )
        if source is None:
            continue
        if answers.for_sheet(s.sheet).get("copy") == SKIP_COPY:
            s.status, s.reason, s.records, s.problems, s.notes = (
                "skipped",
                f"按分析员确认不导入（与“{source.sheet}”相同）",
                [],
                [],
                [],
            )
            s.rows_quarantined = 0
            continue
        q = Question(
            "copy",
            f"工作表“{s.sheet}”的{len(s.records)}条记录与工作表“{source.sheet}”的完全相同，没有一条是"
            f"{month_zh(s.period)}的：像是复制上个月的表只改了标题。按表名读会把这些记录在{month_zh(s.period)}"
            f"再算一遍。请补报{month_zh(s.period)}的台账；这张表不导入请回答“{SKIP_COPY}”",
            [SKIP_COPY],
        )
        q.sheet = s.sheet
        s.questions.append(q)
        s.status = "held"


def _same_records(a: SheetOutcome, b: SheetOutcome) -> bool:
    strip = ("_row", "seq")
    return sorted(str({k: v for k, v in r.items() if k not in strip}) for r in a.records) == sorted(
        str({k: v for k, v in r.items() if k not in strip}) for r in b.records
    )


def _ledger_name(sheet: SheetOutcome) -> str:
    return catalog().ledgers[sheet.ledger].name_zh if sheet.ledger else "台账"


def _months_per_sheet(grids: list[Grid]) -> bool:
    """Whether two or more visible sheets are named after different months (a workbook of monthly sheets)."""
    from .identity import periods_in

    months = set()
    for g in grids:
        if not g.hidden:
            found, _, bare = periods_in(g.name)
            months.update(found or [str(m) for m in bare])
    return len(months) >= 2


def _still_missing(kind: str, rec: dict) -> tuple[str, str, str, str] | None:
    """(column, value, reason, hint) when a record lacks what its ledger cannot do without."""
    if kind == "party_activities" and not rec.get("party_org_id"):
        return "党组织", "", "无法确定是哪个党组织的活动", "请填写党组织名称"
    if kind == "disputes" and not rec.get("unit_id"):
        return "所属村居", "", "这一行没有写所属村（社区），表头上方也没有写明", "请填写所属村（社区）"
    if kind == "key_projects" and not rec.get("zone"):
        return "所属", "", "无法确定是镇重点项目还是园区重点项目", "请在“所属”列填写“镇”或“园区”"
    return None


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _classified_rows(grid: Grid, layout: Layout) -> list[tuple[int, str | None]]:
    """Each row below the header with why it is not data (None: data; 'section': a section line or a sparse
    data row, told apart later); everything below a footer or a note is footer or note too."""
    out = []
    tail = None
    end = _side_block_start(grid, layout)
    for r in range(layout.first_data_row, len(grid.rows)):
        row = grid.rows[r] if end is None else grid.rows[r][:end]
        if tail is not None:
            out.append((r, tail if any(str(c).strip() for c in row if c is not None) else "blank"))
            continue
        why = classify_row(row, layout)
        if why == "header_repeat" and not _same_header(grid, layout, row):
            why = tail = "other_table"  # 二、本月新受理信访件: another table with its own columns below
        if why in ("footer", "note"):
            tail = why
        out.append((r, why))
    _prefilled_template_rows(grid, layout, out)
    return out


def _same_header(grid: Grid, layout: Layout, row: list) -> bool:
    """A header repeated after a page break or a paste names, column by column, what the header names there
    (a word more or less, a two-row header flattened); another table's header names other things."""
    texts = cell_texts(row)
    compared = differ = 0
    for c in layout.columns:
        said = _bare_header(texts[c.index]) if c.index < len(texts) else ""
        if not said:
            continue
        compared += 1
        parts = [_bare_header(p) for p in c.header.split("/") if p]
        if not any(p and (said in p or p in said) for p in parts):
            differ += 1
    return compared > 0 and differ * 4 <= compared


def _bare_header(text: str) -> str:
    return normalise_header(re.sub(r"[(（][^()（）]*[)）]$", "", squash(text)))[0]


def _other_table_question(rows: list[tuple[int, str | None]], answers: dict[str, str]) -> list[Question]:
    """Rows under a second header with other columns are another table (新受理信访件 under the 积案): their
    cells do not fit the ledger's columns. Asked before they are left out."""
    start = next((r for r, why in rows if why == "other_table"), None)
    if start is None or answers.get("table") == FIRST_TABLE_ONLY:
        return []
    return [
        Question(
            "table",
            f"第{start + 1}行起是另一张表，表头和上面的台账不一样，它的行对不上台账的列。如只导入上面的台账、"
            f"下面的表不计入，请回答“{FIRST_TABLE_ONLY}”；如下面的表也是本台账的记录，请把它们放到同一个表头下"
            "重新报送",
            [FIRST_TABLE_ONLY],
        )
    ]


def _side_block_start(grid: Grid, layout: Layout) -> int | None:
    """Where a block beside the table begins (a 本月统计 with 化解率, set off by an empty column right of every
    column the ledger reads): its lines below the records are not records. None when there is none."""
    read = [c.index for c in layout.columns if c.field or c.compound]  # columns are chosen later
    headers = [grid.rows[h] for h in layout.header_rows]
    width = max(len(h) for h in headers)
    if not read or max(read) + 2 >= width:
        return None
    for j in range(max(read) + 1, width - 1):
        if all(j >= len(h) or is_blank(h[j]) for h in headers) and all(
            j >= len(row) or is_blank(row[j]) for row in grid.rows[layout.first_data_row :]
        ):
            return j if any(not is_blank(h[k]) for h in headers for k in range(j + 1, len(h))) else None
    return None


_TEMPLATE_ROWS_AT_MOST = 2000  # a template has tens of numbered rows; a platform export is not one


def _prefilled_template_rows(grid: Grid, layout: Layout, rows: list[tuple[int, str | None]]) -> None:
    """The town's template returned (partly) unfilled: numbered rows with 所属村居 or a drop-down's default
    pre-filled on most rows. A row with nothing else — none of the ledger's required fields — is an empty
    template row, not a case."""
    data = [i for i, (_, why) in enumerate(rows) if why is None]
    if not 3 <= len(data) <= _TEMPLATE_ROWS_AT_MOST:
        return
    fields = layout.ledger.fields
    seq = {c.index for c in layout.columns if c.field == "seq"}
    required = {
        c.index
        for c in layout.columns
        if c.compound
        or (
            c.field and fields[c.field].required and fields[c.field].type not in ("unit", "grid", "party_org")
        )
    }
    texts = {i: cell_texts(grid.rows[rows[i][0]]) for i in data}
    bare = {
        i: {j: c for j, c in enumerate(t) if c and j not in seq}
        for i, t in texts.items()
        if not any(j < len(t) and t[j] for j in required)
    }
    if not bare:
        return
    prefilled = {}
    for j in {j for cells in bare.values() for j in cells}:
        value, count = Counter(t[j] for t in texts.values() if j < len(t) and t[j]).most_common(1)[0]
        if count * 2 > len(data):
            prefilled[j] = value
    for i, cells in bare.items():
        if all(prefilled.get(j) == c for j, c in cells.items()):
            rows[i] = (rows[i][0], "template")


RELAPSE_ANSWERS = {"按已化解": "resolved", "按化解中": "open"}


def _relapse_question(
    grid: Grid, layout: Layout, records: list[dict], answers: dict[str, str]
) -> list[Question]:
    """Cases written 已化解 with 是否反弹 ticked: whether a case that came back still counts as resolved is the
    analyst's rule, not the reader's. Asked for the sheet; the answer sets those cases' status."""
    columns = [c for c in layout.columns if c.field is None and "反弹" in c.header]
    back = [
        r
        for r in records
        if r.get("status") == "resolved" and any(_ticked(grid.rows[r["_row"] - 1], c) for c in columns)
    ]
    if not back:
        return []
    if answers.get("relapse") in RELAPSE_ANSWERS:
        for r in back:
            r["status"] = RELAPSE_ANSWERS[answers["relapse"]]
            if r["status"] == "open":
                r["resolved_date"] = None
        return []
    rows = "、".join(f"第{r['_row']}行" for r in back[:5])
    return [
        Question(
            "relapse",
            f"{rows}写着已化解，但“{columns[0].header}”填的是“是”（共{len(back)}件）：反弹的案件还算不算已化解？"
            f"请按本地口径回答“按已化解”或“按化解中”",
            list(RELAPSE_ANSWERS),
        )
    ]


def _ticked(row: list, c) -> bool:
    value = squash(cell_text(row[c.index])) if c.index < len(row) else ""
    return (value in TICKS and value != "○") or value.startswith("是")


def _formula_errors(grid: Grid, layout: Layout, r: int) -> Problem | None:
    """A formula in a figure, date or category column shows an Excel error (#VALUE!, #REF! …): its value is
    unknown, and calamine gives it as an empty cell that would count as nothing. (In a free-text column the
    cell is simply empty.)"""
    if not grid.formula_gaps:
        return None
    for c in _value_columns(layout):
        shown = grid.formula_gaps.get((r, c.index))
        if shown:
            return Problem(
                r + 1,
                c.header,
                shown,
                f"这一格是公式，结果是错误值{shown}（公式引用了文字、已删除的格或别的表），数值不明，这一行没有计入",
                "请在Excel里改正公式或直接填上数值后重新报送",
            )
    return None


def _unsaved_formulas(
    grid: Grid, layout: Layout, data_rows: list[int], answers: dict[str, str]
) -> list[Question]:
    """Formulas whose results the file never saved (platforms that leave the sums to Excel): the cells read as
    empty, and their values are not in the file at all. Asked — the fix is Excel's, not ours to compute."""
    if not grid.formula_gaps or answers.get("formula") == READ_AS_EMPTY:
        return []
    rows = set(data_rows)
    unsaved: dict[int, list[int]] = {}
    for (r, j), shown in grid.formula_gaps.items():
        if not shown and r in rows:
            unsaved.setdefault(j, []).append(r + 1)
    for c in _value_columns(layout):
        if at := sorted(unsaved.get(c.index, ())):
            return [
                Question(
                    "formula",
                    f"“{c.header}”列第{at[0]}行等{len(at)}格是公式，但文件里没有保存公式的计算结果（多半是"
                    "平台导出的表，要用Excel打开才算出来），读不到数值。请用Excel打开这个文件、保存后重新报送；"
                    f"如这些格确实应当是空的，请回答“{READ_AS_EMPTY}”",
                    [READ_AS_EMPTY],
                )
            ]
    return []


def _value_columns(layout: Layout) -> list:
    """The columns read for a figure, a date, a category or a key (not free text or a name)."""
    return [
        c
        for name, where in layout.chosen.items()
        if layout.ledger.fields[name].type not in ("text", "name")
        for c in columns_of(where)
    ]


def _struck_through(grid: Grid, r: int) -> bool:
    """Most of the row's filled cells struck through (删除线): the clerk voided it rather than delete it."""
    struck = grid.struck.get(r)
    if not struck:
        return False
    filled = sum(1 for c in grid.rows[r] if not is_blank(c))
    return struck >= 2 and struck * 2 >= filled


def _merged_amounts(
    grid: Grid, layout: Layout, data_rows: list[int], blocks: dict[int, list[int]], answers: dict[str, str]
) -> tuple[frozenset, list[Question]]:
    """An amount or a count merged down over rows that are separate records (总投资 20000 over 一期 and 二期):
    spread to each row it would count twice, kept on the first row it counts once. Which one the clerk meant
    is asked: (the merges kept on their first row, the question)."""
    if not grid.merged:
        return frozenset(), []
    fields = layout.ledger.fields
    summed = {
        c.index: c
        for c in layout.columns
        if c.field and c.field != "seq" and fields[c.field].type in ("money", "int")
    }
    data = set(data_rows)
    merges = []
    for (r0, c0), (r1, c1) in grid.merged:
        covered = [r for r in range(r0, r1 + 1) if r in data]
        if (
            c0 == c1
            and c0 in summed
            and len(covered) >= 2
            and not set(covered[1:]) <= set(blocks.get(covered[0], ()))
        ):
            merges.append((r0, c0, covered))
    if not merges:
        return frozenset(), []
    said = answers.get("merged_amount")
    if said in (TOP_ROW_ONLY, EVERY_ROW):
        return (frozenset((r0, c0) for r0, c0, _ in merges) if said == TOP_ROW_ONLY else frozenset()), []
    r0, c0, covered = merges[0]
    value = cell_text(grid.rows[r0][c0]) if c0 < len(grid.rows[r0]) else ""
    return frozenset(), [
        Question(
            "merged_amount",
            f"“{summed[c0].header}”第{covered[0] + 1}至{covered[-1] + 1}行是一个合并单元格（{value}），这几行是不同的"
            f"记录：这个数是几行合起来的（只记在第一行，请回答“{TOP_ROW_ONLY}”），还是每一行都是这个数"
            f"（请回答“{EVERY_ROW}”）？不说清，合计会多算或少算",
            [TOP_ROW_ONLY, EVERY_ROW],
        )
    ]


def _record_blocks(grid: Grid, layout: Layout, data_rows: list[int]) -> dict[int, list[int]]:
    """Rows that are one record: the 序号 (or, without one, the date) merged down over them while every
    other column that counts in a figure is merged too or empty below the first row — one case with two
    parties on two rows. Returns first row → the rows below it that belong to it."""
    chosen = layout.chosen
    anchors = [
        c.index
        for c in (chosen.get("seq"), chosen.get(layout.ledger.date_field or ""))
        if isinstance(c, Column)
    ][:1]
    if not anchors or not grid.merged:
        return {}
    figures = [
        c.index for name, c in chosen.items() if isinstance(c, Column) and layout.ledger.affects_figures(name)
    ]
    data = set(data_rows)
    blocks: dict[int, list[int]] = {}
    for (r0, c0), (r1, c1) in grid.merged:
        if c0 != c1 or c0 not in anchors or r1 <= r0 or r0 not in data:
            continue
        below = [r for r in range(r0 + 1, r1 + 1) if r in data]
        if below and all(_empty_cell(grid.rows[r], j) for r in below for j in figures):
            blocks[r0] = below
    return blocks


def _empty_cell(row: list, j: int) -> bool:
    return j >= len(row) or row[j] is None or (isinstance(row[j], str) and not row[j].strip())


_LINEAGE_FIELDS = ("_row", "record_key", "seq")


FIRST_ROW = "以前一行为准"


def _quarantine_repeats(sheets: list[SheetOutcome], answers: Answers) -> None:
    """A record that a file holds twice is loaded once: the same row pasted again goes to quarantine, saying
    which row it repeats. The same case written twice with different details (化解中 on one row, 已化解 on
    the next: a visit log, an update pasted under the old line) holds the sheet: which row is current is
    not known, so neither is taken unless the analyst says the first one counts."""
    first: dict[str, list[tuple[SheetOutcome, dict]]] = {}
    for sheet in sheets:
        if not sheet.records:
            continue
        keep = []
        for rec in sheet.records:
            earlier = first.setdefault(rec["record_key"], [])
            seen = next((s for s in earlier if not _other_month(s[1], rec)), None)
            if seen is None:
                earlier.append((sheet, rec))
                keep.append(rec)
                continue
            other_sheet, other = seen
            where = (
                f"第{other['_row']}行"
                if other_sheet is sheet
                else f"工作表“{other_sheet.sheet}”第{other['_row']}行"
            )
            same = {k: v for k, v in rec.items() if k not in _LINEAGE_FIELDS} == {
                k: v for k, v in other.items() if k not in _LINEAGE_FIELDS
            }
            reason = (
                f"与{where}重复（除序号外完全相同），只计一次"
                if same
                else f"与{where}是同一条记录（{_same_because(sheet, rec)}），但其他内容不一样"
            )
            hint = (
                "请删去重复的一行"
                if same
                else "请核对两行，只保留正确的一行；如确为两件不同的事，请写明区别（如当事人）"
            )
            sheet.problems.append(Problem(rec["_row"], "", "", reason, hint))
            sheet.rows_quarantined += 1
            first_counts = answers.for_sheet(sheet.sheet).get("repeat") == FIRST_ROW
            if not same and not first_counts and not any(q.kind == "repeat" for q in sheet.questions):
                differ = [
                    _field_label(sheet, k)
                    for k in dict.fromkeys([*rec, *other])
                    if k not in _LINEAGE_FIELDS
                    and not k.endswith(("_raw", "_masked", "_token"))
                    and rec.get(k) != other.get(k)
                ]
                q = Question(
                    "repeat",
                    f"第{rec['_row']}行与{where}是同一条记录（{_same_because(sheet, rec)}），重复出现，但"
                    f"{'、'.join(differ[:4]) or '其他内容'}不一样：以哪一行为准说不清。请核对后只保留正确的一行"
                    f"重新报送；如前一行为准，请回答“{FIRST_ROW}”",
                    [FIRST_ROW],
                )
                q.sheet = sheet.sheet
                sheet.questions.append(q)
                sheet.status = "held"
        sheet.records = keep


def _same_because(sheet: SheetOutcome, rec: dict) -> str:
    """What makes two rows one record, as a clerk would check it: the case number itself where the ledger has
    one (案件编号XF2020-007), else the kinds of field compared."""
    ledger = catalog().ledgers[sheet.ledger]
    [*named] = (ledger.fields[k] for k in ledger.key if k in ledger.fields)
    if len(named) == 1 and named[0].type == "text" and not named[0].pii and rec.get(named[0].name):
        return f"{_field_label(sheet, named[0].name)}{rec[named[0].name]}相同"
    return "日期、类型、当事人等相同"


def _other_month(a: dict, b: dict) -> bool:
    """Two months' sheets of one workbook (8月, 9月 …) repeat a case or a project as each month stood; a year's
    summary sheet beside them does not make its copy another month's."""
    pa, pb = a.get("period") or "", b.get("period") or ""
    return len(pa) == len(pb) == 7 and pa != pb


def _field_label(sheet: SheetOutcome, name: str) -> str:
    f = catalog().ledgers[sheet.ledger].fields.get(name) if sheet.ledger else None
    return f.label if f else name


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


def _summed(scope: list[tuple[dict, bool]], names, with_quarantined: bool) -> dict[str, float | None]:
    """Field → the sum of a total row's scope: the records (an empty figure is 0), and the quarantined rows
    too if asked (a cell they could not read leaves the field unjudged: None)."""
    out: dict[str, float | None] = {}
    for name in names:
        total: float | None = 0.0
        for figures, loaded in scope:
            if loaded:
                total += float(figures.get(name) or 0)
            elif with_quarantined:
                if name in figures and figures[name] is None:
                    total = None
                    break
                total += figures.get(name) or 0.0
        out[name] = total
    return out


# ledgers of what was done (a meeting held, a visit made): a 计划 or 安排 table of them is not a record of them
_DONE_LEDGERS = ("party_activities", "legal_visits")
_PLAN_WORDS = re.compile(r"计划(?!生育)|安排表|工作安排")
AS_RECORDS = "是已开展的记录"


def _plan_question(kind: str, said: str, answers: dict[str, str]) -> list[Question]:
    """A 三会一课计划 lists meetings still to come: loaded, they would count as held. Asked, never loaded."""
    found = _PLAN_WORDS.search(said) if kind in _DONE_LEDGERS else None
    if not found or answers.get("plan") == AS_RECORDS:
        return []
    return [
        Question(
            "plan",
            f"标题或文件名写的是“{found.group(0)}”：这像是计划安排表，不是已开展的活动记录，"
            f"计划中的活动不能算作已开展。请报送实际开展情况；如确是已开展的记录，请回答“{AS_RECORDS}”",
            [AS_RECORDS],
        )
    ]


_EVENT_COUNT_HEADER = re.compile(r"(?:下沉|走访|活动|参加|开展)?次数$")
_ONE_ROW_EACH = ("legal_visits", "party_activities")  # ledgers whose every row is one visit or one meeting


def _rows_of_several_events(grid: Grid, layout: Layout, data_rows: list[int]) -> list[Question]:
    """A 下沉次数 column of 3, 1, 4: each row is one person's month, not one visit — counted as rows, the visits
    would be too few and their figures not split. Not ours to split: asked to be sent one row per visit."""
    if layout.ledger.kind not in _ONE_ROW_EACH:
        return []
    for c in layout.columns:
        if c.field or not _EVENT_COUNT_HEADER.search(_bare_header(c.header)):
            continue
        counts = [_count_in(grid.rows[r][c.index]) for r in data_rows[:30] if c.index < len(grid.rows[r])]
        if any(n > 1 for n in counts):
            return [
                Question(
                    "rows",
                    f"表中有“{c.header}”一列（有的行是{max(counts)}次）：一行是一个人一个月的汇总，"
                    f"不是一次{layout.ledger.name_zh.removesuffix('台账')}，按行计数会少算，每次的数也分不出来。"
                    "请按一行一次重新填报",
                )
            ]
    return []


def _count_in(cell) -> int:
    try:
        return parse_count(cell) or 0
    except BadValue:
        return 0


def _period_behind_the_dates(out: SheetOutcome, ident: Identity, answers: dict[str, str]) -> list[Question]:
    """Most records dated well after the month the title names (2022年10月 over dates of 2023-10): the title was
    copied from last year's file, or the dates are wrong — a period question, not rows to set aside."""
    late = out.late_dates
    if not late or answers.get("period") or len(late) * 2 < len(late) + len(out.records):
        return []
    months = sorted({f"{d.year:04d}-{d.month:02d}" for d in late})
    return [
        Question(
            "period",
            f"{ident.period_source or '标题'}写的是{month_zh(ident.period)}，但{len(late)}条记录的日期在"
            f"{month_zh(months[0])}{'至' + month_zh(months[-1]) if len(months) > 1 else ''}：多半是沿用了旧表"
            "的标题、年份没改。这份台账是哪个月的？",
            [ident.period, *months],
            proposal=months[-1],
        )
    ]


# a platform export's query line (查询条件：办结时间 … ；事件状态：已办结) that keeps only closed cases
_QUERY_LINE = re.compile(r"(?:查询|筛选|过滤|检索)条件[:：]?(.*)")
_CLOSING_TIME = re.compile(r"(?:办结|完成|结案|化解|处置完成|归档)(?:时间|日期)")
_ANY_VALUE = re.compile(r"^(?:全部|不限|所有|全选|无)?$")


def _filtered_export(title_lines: list[str], answers: dict[str, str]) -> list[Question]:
    """An export queried by closing time or by a status lists what was closed, not what came in that month:
    loaded as the month's records, it would drop every open case and count last month's as this month's.
    A condition left at 全部 filters nothing."""
    if answers.get("filter") == ALL_RECORDS:
        return []
    for line in title_lines:
        m = _QUERY_LINE.search(squash(line))
        if not m:
            continue
        for condition in re.split(r"[;；,，、]", m.group(1)):
            key, _, value = condition.replace("：", ":").partition(":")
            filters = ("状态" in key and not _ANY_VALUE.match(value)) or (
                _CLOSING_TIME.search(key) and not _ANY_VALUE.match(_CLOSING_TIME.sub("", key) + value)
            )
            if filters:
                return [
                    Question(
                        "filter",
                        f"表格上方写着“{line.strip()[:80]}”：这是按办结时间或状态筛选后导出的清单，只有符合条件"
                        "的记录，不是当月登记的全部记录（没办结的不在里面，上月登记的可能在里面）。请按登记（上报、"
                        f"受理）时间导出当月全部记录后重新报送；如确是全部记录，请回答“{ALL_RECORDS}”",
                        [ALL_RECORDS],
                    )
                ]
    return []


_DRAFT_WORDS = re.compile(r"初稿|草稿|讨论稿|征求意见稿|送审稿|待审核|未审核|待核定")


def _draft_question(said: str, answers: dict[str, str]) -> list[Question]:
    """A 初稿 (待审核) is not the figures the office stands by; arriving after the 最终版 it would replace it.
    Asked, never loaded on its own word."""
    found = _DRAFT_WORDS.search(squash(said))
    if not found or answers.get("draft") == DRAFT_COUNTS:
        return []
    return [
        Question(
            "draft",
            f"标题或文件名写的是“{found.group(0)}”：初稿的数还没有审定，不能当作报送的数入库（如已有定稿，初稿也"
            f"不能顶替它）。请报送定稿；如确要以这份为准，请回答“{DRAFT_COUNTS}”",
            [DRAFT_COUNTS],
        )
    ]


def _status_unwritten(records: list[dict], layout: Layout) -> list[Question]:
    """A dispute ledger without a 化解情况 column: a 化解日期 says a case was resolved, but a case without one
    may be 化解中 or 调解不成 (a colour or a note says which, and neither is read). Asked, not taken as open."""
    if layout.ledger.kind != "disputes" or "status" in layout.chosen:
        return []
    undated = sum(1 for r in records if not r.get("resolved_date"))
    if not undated:
        return []
    return [
        Question(
            "column",
            f"没有找到“化解情况”列：有化解日期的{len(records) - undated}件按已化解计，没有化解日期的"
            f"{undated}件是化解中还是未化解说不清（底纹、颜色或批注里的状态读不到）。请补上“化解情况”列后"
            f"重新报送；如这些都按化解中计，请回答“{NO_SUCH_COLUMN}”",
            [NO_SUCH_COLUMN],
            field="status",
        )
    ]


def _implausible_amounts(records: list[dict], layout: Layout) -> list[Question]:
    """An amount beyond any township project (PLAUSIBLE_MAX_WAN) is a unit slip, asked, never stored: 元 typed
    under a 万元 header makes one project worth more than the county."""
    for name, col in layout.chosen.items():
        f = layout.ledger.fields[name]
        if f.type != "money":
            continue
        big = [r for r in records if (r.get(name) or 0) >= PLAUSIBLE_MAX_WAN]
        if big:
            r = big[0]
            return [
                Question(
                    "unit_of_money",
                    f"金额的数量级不对：第{r['_row']}行{getattr(col, 'header', f.label)}按{_col_unit(col)}计是"
                    f"{r[name]:,.0f}万元（{r[name] / 10000:,.0f}亿元），一个镇的项目不会这么大，"
                    f"可能是按元填的（共{len(big)}条这样的金额）。请核对金额单位",
                    ["元", "万元"],
                )
            ]
    return []


def _col_unit(col) -> str:
    return getattr(col, "unit", None) or "万元"


def _period_from_data(records: list[dict], date_field: str | None) -> str | None:
    if not date_field:
        return None
    dates = [r[date_field] for r in records if r.get(date_field)]
    if not dates:
        return None
    latest = max(dates)
    return f"{latest.year:04d}-{latest.month:02d}"


def _read_bytes_checked(path: Path, shown_name: str) -> bytes:
    """The file's bytes, after the pre-parse safety checks (size, zip bombs, XML entities)."""
    try:
        inspect_before_parsing(path, shown_name=shown_name)
        return read_regular(path)
    except RejectedFile as bad:  # the file's own line names it already: the reason starts after the name
        raise UnreadableFile(bad.reason_zh.removeprefix(f"“{shown_name}”：")) from None
    except OSError as err:  # gone, or swapped for something that is not a regular file since the check
        raise UnreadableFile(
            f"文件打不开（{err.strerror or '不是普通文件'}），请确认文件还在后重新报送"
        ) from None
