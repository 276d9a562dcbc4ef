"""Understanding one file without touching the warehouse: safety checks, sheets, layouts, who sent it for
which month, records and problems — and, where the file does not say for sure, the questions it is held for."""

from __future__ import annotations

import datetime as dt
import re
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
    fill_merged_data_cells,
    find_layout,
    missing_figure_questions,
    split_time_questions,
)
from .outcome import FileOutcome, SheetOutcome
from .read import SUPPORTED_SUFFIXES, Grid, UnreadableFile, read_grids
from .records import Problem, RowReader
from .reference import Reference, read_ref, reference
from .safety import RejectedFile, inspect_before_parsing
from .schema import catalog
from .template_marker import read_marker
from .text import cell_text, cell_texts, is_blank, squash
from .values import PLAUSIBLE_MAX_WAN, AmbiguousCategory, map_vocab

TEMPLATE = "报送模板标记"
READ_BY_CONTENT = "按文件内容读取"
BY_RECORDS = "按明细导入"  # the answer that loads a sheet whose 合计 row disagrees with its records
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
        data = [grid.rows[r] for r, why in rows if why is None]
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
        questions += _plan_question(kind, " ".join([*title_lines, grid.name, file_name]), file_answers)
        out.unmapped = layout.unmapped()
        out.columns = {f: c.header for f, c in layout.chosen.items()}
        self._read_rows(grid, layout, ident, rows, sections, out, sheet_says)
        questions += self._rows_of_another_unit(out, ident, kind)
        if not file_answers.get("unit_of_money"):
            questions += _implausible_amounts(out.records, layout)
        questions += _relapse_question(grid, layout, out.records, sheet_answers)
        if not sheet_answers.get("column:status") and not any(q.key == "column:status" for q in questions):
            questions += _status_unwritten(out.records, layout)
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
                ident.period, ident.period_source, dates, field.label, sheet_answers
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
    ) -> None:
        reader = RowReader(layout, ident, self.ref, self.catalog, self.tokeniser)
        data_rows = [r for r, why in rows if why is None or (why == "section" and sections.get(r) is None)]
        blocks = _record_blocks(grid, layout, data_rows)
        continuation = {x for extra in blocks.values() for x in extra}
        fill_merged_data_cells(grid, layout.first_data_row)
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
    for r in range(layout.first_data_row, len(grid.rows)):
        row = grid.rows[r]
        if tail is not None:
            out.append((r, tail if any(str(c).strip() for c in row if c is not None) else "blank"))
            continue
        why = classify_row(row, layout)
        if why in ("footer", "note"):
            tail = why
        out.append((r, why))
    return out


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


def _struck_through(grid: Grid, r: int) -> bool:
    """Most of the row's filled cells struck through (删除线): the clerk voided it rather than delete it."""
    struck = grid.struck.get(r)
    if not struck:
        return False
    filled = sum(1 for c in grid.rows[r] if not is_blank(c))
    return struck >= 2 and struck * 2 >= filled


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
    first: dict[str, tuple[SheetOutcome, dict]] = {}
    for sheet in sheets:
        if not sheet.records:
            continue
        keep = []
        for rec in sheet.records:
            seen = first.get(rec["record_key"])
            if seen is None:
                first[rec["record_key"]] = (sheet, rec)
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
                else f"与{where}是同一条记录（日期、类型、当事人等相同），但其他内容不一样"
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
                    f"第{rec['_row']}行与{where}是同一条记录（日期、类型、当事人等相同），但"
                    f"{'、'.join(differ[:4]) or '其他内容'}不一样：以哪一行为准说不清。请核对后只保留正确的一行"
                    f"重新报送；如前一行为准，请回答“{FIRST_ROW}”",
                    [FIRST_ROW],
                )
                q.sheet = sheet.sheet
                sheet.questions.append(q)
                sheet.status = "held"
        sheet.records = keep


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
