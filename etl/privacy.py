"""Personal data handling: keyed tokens for ID and phone numbers, masked names, scrubbed free text.

A plain hash of an ID number is not enough: the space of valid 18-digit IDs for one county is small
enough to enumerate, so tokens are HMAC-SHA256 under a key that never leaves the home folder.

Rules, in short:

* `Tokeniser.token(kind, value)` — HMAC-SHA256 of a canonical form (full-width digits folded, spaces and
  separators dropped, +86 dropped from phone numbers), so the same person or number gives the same token
  however the clerk typed it, within one key; a different key gives unrelated tokens.
* `load_key(key_file)` — `TAIZHANG_KEY` from the environment, else the home's key file; the file is made
  on first use with mode 0600, written to a private temporary file and published with a hard link, so a
  reader never sees a half-written key and two processes starting together agree on one key.
* `mask_name` — only the surname survives: 王小明 → 王某某, 欧阳小明 → 欧阳某某 (known compound surnames).
* `scrub_text` — 18-digit ID numbers (valid or not: any 17 digits and a digit or X, also with spaces
  between the 6-8-4 groups), 15-digit old IDs, any other run of 15 or more digits (bank cards), mobile
  numbers with or without +86 and separators, landlines with an area code, and 7–8 digit numbers right
  after 电话/手机/联系方式, all in ASCII or full-width digits, are replaced by placeholders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

KEY_ENV = "TAIZHANG_KEY"
MIN_KEY_FILE_CHARS = 32  # we write 64 hex characters; anything shorter in the file is a damaged key

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# Digits as clerks type them: ASCII or full-width (the IME's 全角 mode).
_D = "[0-9０-９]"
_NOT_D_BEFORE = "(?<![0-9０-９])"
_NOT_D_AFTER = "(?![0-9０-９])"
_X = "[XxＸｘ]"
_SEP = "[ \u3000\u00a0\\-－‐–—]"  # a space or a dash between digit groups
_PLUS86 = "(?:[+＋]|00|００)?[8８][6６]"

# 18-digit resident ID (GB 11643), valid or not: any 17 digits then a digit or X; also 6-8-4 with spaces.
ID_PATTERN = re.compile(
    f"{_NOT_D_BEFORE}{_D}{{6}}{_SEP}?{_D}{{8}}{_SEP}?{_D}{{3}}(?:{_D}|{_X}){_NOT_D_AFTER}"
)
# 15-digit first-generation ID (6-digit area, YYMMDD, 3-digit order)
OLD_ID_PATTERN = re.compile(f"{_NOT_D_BEFORE}{_D}{{15}}{_NOT_D_AFTER}")
# any other long run of digits (bank cards are 16–19): nothing in free text that long is not an identifier
LONG_NUMBER_PATTERN = re.compile(f"{_NOT_D_BEFORE}{_D}{{15,}}{_X}?")
# mainland mobile numbers, optionally with +86 / 0086 / (+86) and separators: 138 1234 5678, 138-1234-5678
MOBILE_PATTERN = re.compile(
    f"{_NOT_D_BEFORE}(?:[(（]?{_PLUS86}[)）]?{_SEP}?)?[1１][3-9３-９]{_D}{_SEP}?{_D}{{4}}{_SEP}?{_D}{{4}}{_NOT_D_AFTER}"
)
# landlines with an area code: 0594-1234567, (0594)2345678, 0594 2345 6789, +86 594 1234567
LANDLINE_PATTERN = re.compile(
    f"{_NOT_D_BEFORE}(?:"
    f"[(（][0０]{_D}{{2,3}}[)）]{_SEP}?"
    f"|[0０]{_D}{{2,3}}{_SEP}?"
    f"|{_PLUS86}{_SEP}?[(（]?[1-9１-９]{_D}{{1,2}}[)）]?{_SEP}?"
    f")(?:{_D}{{7,8}}|{_D}{{3,4}}{_SEP}{_D}{{4}}){_NOT_D_AFTER}"
)
# a local number without area code, only where the text says it is a phone number: 电话：2681234
PHONE_CONTEXT_PATTERN = re.compile(
    f"((?:电话|手机|座机|联系方式|联系号码|(?i:tel|phone|mobile))(?:号码|号)?(?:为|是)?[:：\\s]*)"
    f"{_NOT_D_BEFORE}({_D}{{3,4}}{_SEP}?{_D}{{4}}){_NOT_D_AFTER}"
)

_ANY_DIGIT = re.compile(_D)  # no pattern above can match a text without one

ID_PLACEHOLDER = "［身份证号已隐去］"
PHONE_PLACEHOLDER = "［电话已隐去］"
NUMBER_PLACEHOLDER = "［号码已隐去］"


class PrivacyKeyError(RuntimeError):
    """The tokenising key cannot be used (damaged key file); the message is Chinese for the analyst."""


def _fold_digits(value: str) -> str:
    """Full-width digits and letters to ASCII (NFKC), nothing else changed in meaning."""
    return unicodedata.normalize("NFKC", value)


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits (ASCII or full-width)."""
    digits = _fold_digits(first17)
    if not re.fullmatch(r"[0-9]{17}", digits):
        raise ValueError(f"an ID check character needs exactly 17 digits, got {first17!r}")
    total = sum(int(d) * w for d, w in zip(digits, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id(value: str) -> bool:
    """An 18-character resident ID number: a real birth date and a correct check character.

    Spaces and full-width digits are accepted (clerks type both); a lower-case x is read as X.
    """
    if not isinstance(value, str):
        return False
    v = re.sub(r"\s+", "", _fold_digits(value)).upper()
    if not re.fullmatch(r"[1-9][0-9]{16}[0-9X]", v):
        return False
    try:
        born = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    if born.year < 1850:
        return False
    return id_check_char(v[:17]) == v[17]


# --- the key -------------------------------------------------------------------------------------------


def load_key(key_file: Path) -> bytes:
    """The tokenising key: `TAIZHANG_KEY` from the environment, else the home's key file (made 0600 once).

    Creation is atomic: the key is written to a private (0600) temporary file beside the key file, flushed
    to disk, then hard-linked into place, which fails if another process got there first; then whichever
    key won is read back. A key file readable by others is tightened to 0600; an empty or truncated key
    file is an error, never silently replaced (that would change every token already stored).
    """
    env = os.environ.get(KEY_ENV)
    if env is not None and env.strip():
        return env.strip().encode("utf-8")
    key_file = Path(key_file)
    try:
        return _read_key_file(key_file)
    except FileNotFoundError:
        pass
    _create_key_file(key_file)
    return _read_key_file(key_file)


def _read_key_file(key_file: Path) -> bytes:
    fd = os.open(key_file, os.O_RDONLY)  # a symlink is fine: an admin may keep the key elsewhere
    try:
        mode = os.fstat(fd).st_mode
        if mode & 0o077 and hasattr(os, "fchmod"):
            try:
                os.fchmod(fd, 0o600)  # someone copied the home with a permissive umask: close it again
            except OSError:
                pass  # not ours to change (read-only mount, another owner): still usable
        with os.fdopen(fd, "rb", closefd=False) as handle:
            key = handle.read(4096).strip()
    finally:
        os.close(fd)
    if len(key) < MIN_KEY_FILE_CHARS:
        raise PrivacyKeyError(
            f"密钥文件 {key_file} 内容不完整（{len(key)} 个字符），无法生成个人信息的加密标识。"
            f"请从备份恢复该文件；如果这是全新的安装、库里还没有数据，可以删除它后重新运行。"
        )
    return key


def _create_key_file(key_file: Path) -> None:
    key_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = key_file.with_name(f".{key_file.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # the umask can only take bits away, but be explicit
            os.write(fd, secrets.token_hex(32).encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, key_file)  # atomic and never overwrites: the first process to get here wins
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: rename, which is atomic but may overwrite
            if not key_file.exists():
                os.replace(tmp, key_file)
        _fsync_dir(key_file.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- tokens ------------------------------------------------------------------------------------------


class Tokeniser:
    """Keyed, stable tokens for personal identifiers: equal inputs give equal tokens within one home."""

    MEMO_MAX = 65_536  # tokens remembered per tokeniser (the same names recur on many rows); bounded

    def __init__(self, key: bytes | str):
        if isinstance(key, str):
            key = key.encode("utf-8")
        if not key:
            raise ValueError("the tokenising key is empty")
        self._key = bytes(key)
        self._memo: dict[tuple[str, str], str | None] = {}  # in this process only, like the key itself

    def __repr__(self) -> str:  # never show the key in logs or tracebacks
        return "Tokeniser(<key hidden>)"

    def __getstate__(self) -> dict:  # pickled (e.g. for a worker process): the memo of personal data stays here
        return {"_key": self._key}

    def __setstate__(self, state: dict) -> None:
        self._key, self._memo = state["_key"], {}

    def token(self, kind: str, value: str | None) -> str | None:
        if type(value) is not str:  # None, or a value that is not text: not remembered
            return self._token(kind, value)
        memo_key = (kind, value)
        found = self._memo.get(memo_key, _NOT_YET)
        if found is _NOT_YET:
            if len(self._memo) >= self.MEMO_MAX:
                self._memo.clear()
            found = self._memo[memo_key] = self._token(kind, value)
        return found

    def _token(self, kind: str, value) -> str | None:
        if value is None:
            return None
        canonical = _canonical(kind, value)
        if not canonical:
            return None
        digest = hmac.new(self._key, f"{kind}:{canonical}".encode(), hashlib.sha256).hexdigest()
        return f"{kind[:2]}_{digest[:24]}"


_NOT_YET = object()


def _canonical(kind: str, value: str) -> str:
    v = re.sub(r"\s+", "", _fold_digits(str(value)))
    if kind == "phone":
        digits = re.sub(r"[^0-9]", "", v)
        international = False
        if digits.startswith("0086"):
            digits, international = digits[4:], True
        elif digits.startswith("86") and len(digits) >= 12:
            digits, international = digits[2:], True
        if international and not re.fullmatch(r"1[3-9][0-9]{9}", digits):
            digits = "0" + digits  # +86 594 1234567 is 0594 1234567
        return digits
    if kind == "id_number":
        return re.sub(r"[^0-9A-Za-z]", "", v).upper()
    return v


# --- names -------------------------------------------------------------------------------------------

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 钟离 澹台 公冶 宗政 濮阳 淳于 "
    "单于 太叔 申屠 赫连 闻人 万俟 南宫 独孤 端木 西门 百里 东郭 呼延 拓跋 第五 左丘 谷梁 乐正 壤驷 巫马 公良 "
    "漆雕 亓官 司寇 仉督 子车 颛孙 梁丘 鲜于 闾丘 东门 公羊 羊舌 微生".split()
)
NOT_A_NAME = frozenset({"无", "暂无", "匿名", "不详", "未知", "不详细", "本人"})
_NAME_SPLIT = re.compile(r"[、,，;；/／|｜\s\u3000]+")
_CONJUNCTION = re.compile(r"(?<=.)[与和及](?=.)")
_BRACKETED = re.compile(r"[(（\[【［〔<＜《][^)）\]】］〕>＞》]*[)）\]】］〕>＞》]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def mask_name(value: str | None) -> str | None:
    """王小明 → 王某某, 欧阳小明 → 欧阳某某; several names are masked one by one (王小明、李四 → 王某某、李某某).

    Only a surname ever survives: ID and phone numbers are dropped, text in brackets is dropped, a name
    is never split in a way that would show a given-name character (李和平 stays one name, 李某某).
    """
    if value is None:
        return None
    return _mask_text(value if type(value) is str else str(value))


@lru_cache(maxsize=32_768)  # names recur on many rows; bounded, in this process only
def _mask_text(value: str) -> str | None:
    text = _remove_numbers(value)
    text = _BRACKETED.sub(" ", text).strip()  # 王小明（户主） → 王小明
    if not text:
        return None
    if re.sub(r"\s+", "", text) in NOT_A_NAME:
        return re.sub(r"\s+", "", text)
    masked = [m for m in (_mask_one(chunk) for chunk in _split_names(text)) if m]
    return "、".join(masked) if masked else None


def _split_names(text: str) -> list[str]:
    chunks: list[str] = []
    for chunk in (c for c in _NAME_SPLIT.split(text) if c):
        parts = _CONJUNCTION.split(chunk)
        # 张三和李四 → two names; 李和平 or 王小和 → one (a one-character piece is not a name)
        if len(parts) > 1 and all(len(_letters(p)) >= 2 for p in parts):
            chunks.extend(parts)
        else:
            chunks.append(chunk)
    return chunks


def _letters(chunk: str) -> str:
    """The chunk without leading/trailing characters that are not letters (brackets, digits, dots)."""
    start, end = 0, len(chunk)
    while start < end and not chunk[start].isalpha():
        start += 1
    while end > start and not chunk[end - 1].isalpha():
        end -= 1
    return chunk[start:end]


def _mask_one(chunk: str) -> str | None:
    name = _letters(chunk)
    if not name:
        return None
    if _CJK.match(name):
        surname = name[:2] if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else name[:1]
        return surname + "某某"
    return name[:1] + "**"


# --- free text ---------------------------------------------------------------------------------------


def _long_number(match: re.Match) -> str:
    digits = re.sub(r"[^0-9０-９]", "", match.group(0))
    return ID_PLACEHOLDER if len(digits) in (15, 17, 18) else NUMBER_PLACEHOLDER


def scrub_text(value: str | None) -> str | None:
    """Free text with ID numbers and phone numbers replaced by placeholders."""
    if value is None:
        return None
    text = str(value)
    if not _ANY_DIGIT.search(text):
        return text  # every pattern below needs a digit: most free text is left as it is at once
    # IDs first (a spaced ID must not lose its middle to the phone patterns); phone numbers next, which
    # only match whole runs of digits, so 0086 138 1234 5678 is a phone and not a 15-digit old ID
    text = ID_PATTERN.sub(ID_PLACEHOLDER, text)
    text = MOBILE_PATTERN.sub(PHONE_PLACEHOLDER, text)
    text = LANDLINE_PATTERN.sub(PHONE_PLACEHOLDER, text)
    text = OLD_ID_PATTERN.sub(ID_PLACEHOLDER, text)
    text = LONG_NUMBER_PATTERN.sub(_long_number, text)
    return PHONE_CONTEXT_PATTERN.sub(lambda m: m.group(1) + PHONE_PLACEHOLDER, text)


def _remove_numbers(text: str) -> str:
    """The text with every ID/phone number taken out (for names, where a placeholder would be noise)."""
    for pattern in (ID_PATTERN, MOBILE_PATTERN, LANDLINE_PATTERN, OLD_ID_PATTERN, LONG_NUMBER_PATTERN):
        text = pattern.sub(" ", text)
    return PHONE_CONTEXT_PATTERN.sub(" ", text)
