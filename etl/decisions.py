"""What the reader could not decide and what the analyst decided: the questions of held files, and the
answers kept as editable YAML files in the home — per file, and per sender's layout so that they apply to
that sender's later files of the same layout."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .files import atomic
from .text import same_header

# the questions a file can be held for, and what their answers apply to
FILE_SCOPED = (
    "period",
    "unit",
    "sender",
    "ledger",
    "version",
    "template",
    "unit_of_money",
    "plan",
    "repeat",
    "relapse",
    "filter",
    "formula",
    "table",
    "merged_amount",
    "draft",
    "rows",
    "reported",
    "correction",
    "copy",
)  # this file only
LAYOUT_SCOPED = ("column",)  # every later file of the same sender, ledger and layout
KIND_ZH = {
    "period": "报送月份",
    "unit": "村（社区）",
    "sender": "报送单位",
    "ledger": "台账种类",
    "version": "替换还是追加",
    "column": "取哪一列",
    "template": "模板标记",
    "unit_of_money": "金额单位",
    "plan": "计划还是记录",
    "repeat": "同一记录写了两行",
    "relapse": "反弹案件的口径",
    "filter": "筛选后的导出",
    "formula": "公式没有结果",
    "table": "另一张表",
    "merged_amount": "合并单元格的数",
    "draft": "初稿",
    "rows": "一行不是一条记录",
    "reported": "编号与别的月份重复",
    "correction": "夹带的更正",
    "copy": "复制来的月份表",
    "sheet": "以哪张表为准",
}
REPEATS_OUT = "不再计入"  # the answer on an 编号 already used in another month for another record
VERSION_ANSWERS = {"替换": "replace", "追加": "add", "replace": "replace", "add": "add"}
HELD_DIR, LAYOUT_DIR = "待确认", "已确认版式"
STATUS_PROPOSED, STATUS_CONFIRMED = "待确认", "已确认"


@dataclass
class Question:
    """One thing the reader cannot decide for a sheet, in words an analyst can answer."""

    kind: str  # period | unit | sender | ledger | version | column | template | total
    text: str  # Chinese: what disagrees, each candidate with where it came from
    options: list[str] = field(default_factory=list)  # the possible answers, as they are to be written
    proposal: str | None = None  # the reader's suggestion (never applied without confirmation)
    field: str | None = None  # for column questions: the field
    sheet: str | None = None  # the sheet that asks (set by the reader)

    @property
    def key(self) -> str:
        """How the answer is filed: by kind, and by field for column questions."""
        return f"{self.kind}:{self.field}" if self.field else self.kind

    def line(self) -> str:
        where = f"工作表“{self.sheet}”：" if self.sheet else ""
        return where + self.text


@dataclass
class Answers:
    """The confirmed answers that apply to one file: its own, and its layouts' (per sheet)."""

    file: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet ('' = every sheet) → key → answer
    layouts: dict[tuple[str, str, str], dict[str, str]] = field(
        default_factory=dict
    )  # (sender, ledger, sig) → …

    def for_sheet(
        self, sheet: str, sender: str | None = None, ledger: str | None = None, signature: str | None = None
    ) -> dict[str, str]:
        out: dict[str, str] = {}
        if sender and ledger and signature:
            out.update(self.layouts.get((sender, ledger, signature), {}))
        out.update(self.file.get("", {}))
        out.update(self.file.get(sheet, {}))
        return out


def file_id(sha256: str) -> str:
    return sha256[:12]


def layout_id(sender: str, ledger: str, signature: str) -> str:
    return hashlib.sha1(f"{sender}\x1f{ledger}\x1f{signature}".encode()).hexdigest()[:10]


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class Decisions:
    """The answers in `<home>/mappings/`: `待确认/<file id>.yaml` for each held file (its questions, the
    reader's proposals, and the answers once given) and `已确认版式/<sender>/<ledger>-<layout>.yaml` for the
    column choices remembered per sender. Plain YAML with Chinese comments: an analyst may edit them."""

    def __init__(self, root: Path):
        self.root = Path(root)

    @property
    def held_dir(self) -> Path:
        return self.root / HELD_DIR

    @property
    def layout_dir(self) -> Path:
        return self.root / LAYOUT_DIR

    def _held_path(self, sha256: str) -> Path:
        return self.held_dir / f"{file_id(sha256)}.yaml"

    # -- reading -------------------------------------------------------------------------------------------
    def _load(self, path: Path) -> dict:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            return {}
        return data if isinstance(data, dict) else {}

    def held(self) -> list[dict]:
        """Every held file's decision document, oldest first."""
        if not self.held_dir.is_dir():
            return []
        docs = [self._load(p) | {"_path": p} for p in sorted(self.held_dir.glob("*.yaml"))]
        return sorted((d for d in docs if d.get("sha256")), key=lambda d: str(d.get("held_at", "")))

    def layouts(self) -> list[dict]:
        if not self.layout_dir.is_dir():
            return []
        return [self._load(p) | {"_path": p} for p in sorted(self.layout_dir.rglob("*.yaml"))]

    def answers_for(self, sha256: str) -> Answers:
        """The confirmed answers that apply to a file (its own, and every confirmed layout's)."""
        answers = Answers()
        for doc in self.layouts():
            if (
                doc.get("status") == STATUS_CONFIRMED
                and doc.get("sender")
                and doc.get("ledger")
                and doc.get("layout")
            ):
                answers.layouts[(doc["sender"], doc["ledger"], doc["layout"])] = {
                    f"column:{f}": str(h) for f, h in (doc.get("columns") or {}).items() if h
                }
        doc = self._load(self._held_path(sha256))
        if doc.get("status") == STATUS_CONFIRMED:
            for q in doc.get("questions") or []:
                if q.get("answer") not in (None, ""):
                    answers.file.setdefault(q.get("sheet") or "", {})[q["key"]] = str(q["answer"])
        return answers

    def all_answers(self) -> dict[str, Answers]:
        """answers_for every file that has a confirmed decision document (read once per ingest)."""
        out = {}
        for doc in self.held():
            if doc.get("status") == STATUS_CONFIRMED:
                out[doc["sha256"]] = self.answers_for(doc["sha256"])
        return out

    def confirmed_layouts(self) -> Answers:
        return self.answers_for("0" * 64)

    def stamp(self) -> str:
        """Changes whenever an answer is added or edited (held files are read again then)."""
        parts = []
        for folder in (self.held_dir, self.layout_dir):
            if folder.is_dir():
                for p in sorted(folder.rglob("*.yaml")):
                    try:
                        parts.append(f"{p.name}:{p.stat().st_mtime_ns}:{p.stat().st_size}")
                    except OSError:
                        continue
        return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]

    # -- writing -------------------------------------------------------------------------------------------
    def hold(
        self,
        sha256: str,
        file_name: str,
        questions: list[Question],
        *,
        sender: str | None,
        ledger: str | None,
        layouts: dict[str, tuple[str, str, str]],
    ) -> Path:
        """Write (or refresh) the decision document of a held file; answers already given are kept."""
        path = self._held_path(sha256)
        old = self._load(path)
        given = {(q.get("sheet") or "", q.get("key")): q.get("answer") for q in old.get("questions") or []}
        doc = {
            "status": STATUS_PROPOSED if old.get("status") != STATUS_CONFIRMED else STATUS_CONFIRMED,
            "file": file_name,
            "sha256": sha256,
            "sender": sender,
            "ledger": ledger,
            "held_at": old.get("held_at") or dt.datetime.now().isoformat(timespec="seconds"),
            "layouts": {
                sheet: {"sender": s, "ledger": lg, "layout": sig} for sheet, (s, lg, sig) in layouts.items()
            },
            "questions": [
                {
                    "sheet": q.sheet or "",
                    "key": q.key,
                    "kind": KIND_ZH.get(q.kind, q.kind),
                    "question": q.text,
                    "options": list(q.options),
                    "answer": given.get((q.sheet or "", q.key), q.proposal),
                }
                for q in questions
            ],
        }
        _write_yaml(path, doc, _HELD_HEADER.format(id=file_id(sha256)))
        return path

    def confirm(self, ident: str, answers: dict[str, str] | None = None) -> dict:
        """Confirm a held file's questions (with the answers given, else the proposals written in its
        document); its column answers are remembered for the sender's layout. Returns the document.

        Raises DecisionError when the id is unknown or a question is left without an answer."""
        matches = [p for p in (self.held_dir.glob(f"{ident}*.yaml") if self.held_dir.is_dir() else [])]
        if len(matches) != 1:
            raise DecisionError(
                f"找不到待确认的文件“{ident}”，请用 taizhang mappings 查看编号"
                if not matches
                else f"编号“{ident}”对应多个文件，请写得更完整一些"
            )
        path = matches[0]
        doc = self._load(path)
        answers = answers or {}
        missing = []
        for q in doc.get("questions") or []:
            for key in (
                f"{q.get('sheet')}:{q['key']}" if q.get("sheet") else q["key"],
                q["key"],
                q.get("kind"),
            ):
                if key in answers:
                    q["answer"] = answers[key]
                    break
            q["answer"] = _checked_answer(q)
            if q["answer"] in (None, ""):
                missing.append(f"{('工作表“' + q['sheet'] + '”：') if q.get('sheet') else ''}{q['question']}")
        if missing:
            raise DecisionError(
                "以下问题还没有答案（用 --answer 键=值 给出，或编辑 "
                + str(path)
                + "）：\n  "
                + "\n  ".join(missing)
            )
        doc["status"] = STATUS_CONFIRMED
        doc["confirmed_at"] = dt.datetime.now().isoformat(timespec="seconds")
        _write_yaml(
            path, {k: v for k, v in doc.items() if not k.startswith("_")}, _HELD_HEADER.format(id=path.stem)
        )
        for sheet, layout in (doc.get("layouts") or {}).items():
            columns = {
                q["key"].split(":", 1)[1]: q["answer"]
                for q in doc.get("questions") or []
                if q["key"].startswith("column:") and (q.get("sheet") or "") == sheet
            }
            if columns and layout.get("sender") and layout.get("ledger") and layout.get("layout"):
                self.remember_layout(layout["sender"], layout["ledger"], layout["layout"], columns)
        return doc

    def remember_layout(self, sender: str, ledger: str, signature: str, columns: dict[str, str]) -> Path:
        folder = self.layout_dir / _UNSAFE.sub("_", sender)
        path = folder / f"{ledger}-{signature}.yaml"
        old = self._load(path)
        doc = {
            "status": STATUS_CONFIRMED,
            "sender": sender,
            "ledger": ledger,
            "layout": signature,
            "columns": {**(old.get("columns") or {}), **columns},
            "confirmed_at": dt.datetime.now().isoformat(timespec="seconds"),
        }
        _write_yaml(path, doc, _LAYOUT_HEADER.format(sender=sender, ledger=ledger))
        return path

    def forget(self, sha256: str) -> None:
        """A held file that has been loaded (or replaced by another) no longer waits."""
        self._held_path(sha256).unlink(missing_ok=True)


class DecisionError(ValueError):
    """A confirmation that cannot be done; the message is plain Chinese."""


def _checked_answer(q: dict) -> str | None:
    answer = q.get("answer")
    if answer in (None, ""):
        return None
    answer = str(answer).strip()
    if q["key"] == "version" and answer not in VERSION_ANSWERS:
        raise DecisionError(f"“{answer}”不是有效的答案：请写“替换”或“追加”")
    if q["key"] == "period" and not re.fullmatch(r"20\d{2}(-(0[1-9]|1[0-2]))?", answer):
        raise DecisionError(f"“{answer}”不是有效的月份：请写成 2023-10 这样的形式")
    if q["key"].startswith("column:") and q.get("options") and answer != "不使用":
        match = [o for o in q["options"] if same_header(o, answer)]
        if match:
            return match[0]
    if q["key"].startswith("column:") and q.get("options") and answer != "不使用":
        raise DecisionError(
            f"“{answer}”不是这份表里的列：请从 {'、'.join(q['options'])} 中选一个，或写“不使用”"
        )
    return answer


def _write_yaml(path: Path, doc: dict, header: str) -> None:
    text = header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    with atomic(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


_HELD_HEADER = """\
# 待确认的文件（编号 {id}）：读取程序无法确定下面的问题，文件暂未导入。
# 请逐项核对 answer（答案；已填的是程序的建议），把 status 改为“已确认”并保存，再运行 taizhang ingest；
# 或运行：taizhang mappings confirm {id} [--answer 键=值 …]
# 取哪一列的答案会记住，同一单位以后同样版式的文件自动套用。
"""

_LAYOUT_HEADER = """\
# 已确认的版式：{sender} · {ledger}。同一单位以后同样表头的文件按下面的列读取（字段: 表头）。
# 可以修改；删除本文件即忘记这一版式的选择。
"""
