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
* `scrub_text` — 18-digit ID numbers (valid or not: any 17 digits and a digit or X, also in groups),
  15-digit old IDs, any other number of 15 or more digits (bank cards, also in groups of four), mobile
  numbers with or without +86 in any grouping (138 1234 5678, 1390 594 1222, 139.0594.1209, 139/0594/1209),
  landlines with an area code, 7–8 digit numbers after 电话/手机/座机/固话/联系方式, and 7–8 digit local
  numbers standing alone (not an amount, a count, a date, a year range or part of a code), all in ASCII or
  full-width digits, with zero-width characters anywhere in them, are replaced by placeholders.
* `Tokeniser.scrub_name` — the same for file and sheet names, each placeholder with a short keyed token.
* `personal_number_kind` — whether a whole cell is an ID or a phone number (identifiers are tokenised then,
  amounts and counts refused).
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
# one separator between digit groups: a space, a dash, a dot or a slash (ASCII or full-width), a middle dot
_SEP = "[ \u3000\u00a0\\-－‐–—.．/／·・]"
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
    f"((?:电话|手机|座机|固话|宅电|联系方式|联系号码|(?i:tel|phone|mobile))(?:号码|号)?(?:为|是)?[:：\\s]*)"
    f"{_NOT_D_BEFORE}({_D}{{3,4}}{_SEP}?{_D}{{4}}){_NOT_D_AFTER}"
)

_ANY_DIGIT = re.compile(_D)  # no pattern above can match a text without one
_DIGITS = _ANY_DIGIT

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

    def __getstate__(
        self,
    ) -> dict:  # pickled (e.g. for a worker process): the memo of personal data stays here
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

    def scrub_name(self, name: str | None) -> str | None:
        """A file, sheet or folder name as stored and shown: each ID or phone number in it replaced by a
        placeholder that carries a short keyed token of the number (林山村［电话·3f9a2c］.xlsx), so that two
        names differing only in the number stay two names, and the same number reads the same everywhere."""
        if name is None or not _ANY_DIGIT.search(name):
            return name
        return _scrub(
            name, lambda kind, found: f"［{_NAME_LABELS[kind]}·{self.token(_TOKEN_KINDS[kind], found)[3:9]}］"
        )

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


# Invisible characters that copy-paste from web pages and chat apps leaves inside numbers (zero-width spaces and
# joiners, soft hyphens, bidi marks): they would split a number in two for the patterns. They carry nothing in a
# ledger, so a text with a digit loses them before it is scrubbed.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Digit groups joined by separators in any grouping (1390 594 1222, 139.0594.1209, 139/0594/1209, 6222 0200 …):
# classified by the digits they hold, once the standard forms above have been replaced.
_GROUP_SEP = "(?:[ \u3000\u00a0]{0,2}[\\-－‐–—.．/／·・][ \u3000\u00a0]{0,2}|[ \u3000\u00a0]{1,3})"
_CLUSTER = re.compile(f"{_NOT_D_BEFORE}{_D}{{2,}}(?:{_GROUP_SEP}{_D}+)+{_X}?{_NOT_D_AFTER}")
_GROUP = re.compile(f"{_D}+")
# A local number without area code (2681234, 8765 4321): 7 or 8 digits, the first 2–9, standing alone — not part
# of a code (XT-2681234, A2681234), a decimal, an amount, a count or a date (unit, ¥ or 第 around it).
_LOCAL = re.compile(
    f"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．\\-－_/／¥￥$＄第#＃])[2-9２-９]{_D}{{6,7}}(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．%％])"
)
_NOT_A_PHONE_AFTER = re.compile(
    "[ \u3000]*(?:[元万亿件个人次户起宗例米平亩吨辆台套间处条份天年月日号时分秒倍千百㎡％%]|km|m2|kg)", re.I
)
_YEAR = re.compile("(?:19|20)[0-9]{2}")
_PLACEHOLDERS = {
    "id_number": ID_PLACEHOLDER,
    "phone": PHONE_PLACEHOLDER,
    "local_phone": PHONE_PLACEHOLDER,
    "number": NUMBER_PLACEHOLDER,
}
_TOKEN_KINDS = {"id_number": "id_number", "phone": "phone", "local_phone": "phone", "number": "number"}
_NAME_LABELS = {"id_number": "身份证号", "phone": "电话", "local_phone": "电话", "number": "号码"}


def _placeholder(kind: str, found: str) -> str:
    return _PLACEHOLDERS[kind]


def scrub_text(value: str | None) -> str | None:
    """Free text with ID numbers and phone numbers replaced by placeholders."""
    if value is None:
        return None
    text = str(value)
    if not _ANY_DIGIT.search(text):
        return text  # every pattern below needs a digit: most free text is left as it is at once
    return _scrub(text, _placeholder)


def _scrub(text: str, mark) -> str:
    """`text` with every personal number replaced by mark(kind, the number as written); kind is id_number,
    phone, local_phone (no area code) or number (another long number)."""
    text = _INVISIBLE.sub("", text)
    # IDs first (a spaced ID must not lose its middle to the phone patterns); phone numbers next, which
    # only match whole runs of digits, so 0086 138 1234 5678 is a phone and not a 15-digit old ID
    text = ID_PATTERN.sub(lambda m: mark("id_number", m.group(0)), text)
    text = _CLUSTER.sub(lambda m: _grouped(m, mark, long_only=True), text)  # 6222 0200 1234 5678 901
    text = MOBILE_PATTERN.sub(lambda m: mark("phone", m.group(0)), text)
    text = LANDLINE_PATTERN.sub(lambda m: mark("phone", m.group(0)), text)
    text = OLD_ID_PATTERN.sub(lambda m: mark("id_number", m.group(0)), text)
    text = LONG_NUMBER_PATTERN.sub(lambda m: mark(_long_kind(m.group(0)), m.group(0)), text)
    text = _CLUSTER.sub(lambda m: _grouped(m, mark), text)
    text = PHONE_CONTEXT_PATTERN.sub(lambda m: m.group(1) + mark("phone", m.group(2)), text)
    return _LOCAL.sub(lambda m: _local(m, mark), text)


def _long_kind(found: str) -> str:
    digits = re.sub(r"[^0-9０-９]", "", found)
    return "id_number" if len(digits) in (15, 17, 18) else "number"


def _grouped(match: re.Match, mark, long_only: bool = False) -> str:
    """A number written in groups: which personal number its digits make, if any (else it is kept). Long ones
    (15 digits or more) are judged first, before the phone patterns could take a part of them."""
    found = match.group(0)
    groups = [_fold_digits(g) for g in _GROUP.findall(found)]
    digits = "".join(groups)
    kind = None
    if re.fullmatch("(?:0086|86)?1[3-9][0-9]{9}", digits) and min(map(len, groups)) >= 3:
        kind = "phone"  # 0086 138 1234 5678: not a 15-digit old ID
    elif len(digits) >= 15:
        kind = "id_number" if len(digits) in (15, 17, 18) or found[-1] in "XxＸｘ" else "number"
    elif long_only:
        pass
    elif digits[0] == "0" and 10 <= len(digits) <= 12 and 3 <= len(groups[0]) <= 4:
        kind = "phone"  # 0594 268 1234: an area code, then the number
    elif _local_groups(groups) and _stands_alone(match):
        kind = "local_phone"
    return mark(kind, found) if kind else found


def _local_groups(groups: list[str]) -> bool:
    """268 1234, 2681 2345: a local number in two groups (not a year and a serial: 2019-2023, 2023-0157)."""
    return (
        len(groups) == 2
        and 3 <= len(groups[0]) <= 4
        and len(groups[1]) == 4
        and groups[0][0] in "23456789"
        and not _YEAR.fullmatch(groups[0])
    )


def _stands_alone(match: re.Match) -> bool:
    text, start = match.string, match.start()
    before = text[max(0, start - 2) : start]
    if before[-1:] in "¥￥$＄第#＃" or re.search("[A-Za-zＡ-Ｚａ-ｚ][\\-－_/／.]?$", before):
        return False
    return not _NOT_A_PHONE_AFTER.match(text, match.end())


def _local(match: re.Match, mark) -> str:
    found = match.group(0)
    digits = _fold_digits(found)
    if len(digits) == 8 and _is_date(digits):
        return found  # 20231103
    if _NOT_A_PHONE_AFTER.match(match.string, match.end()):
        return found  # 2681234元, 3500000平方米
    return mark("local_phone", found)


def _is_date(digits: str) -> bool:
    try:
        dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return digits[:2] in ("19", "20")


def _remove_numbers(text: str) -> str:
    """The text with every ID/phone number taken out (for names, where a placeholder would be noise)."""
    return _scrub(text, lambda kind, found: " ")


def personal_number_kind(value, loose: bool = False) -> str | None:
    """'id_number' or 'phone' when the whole value is one resident ID number or one phone number with an area
    code or a mobile (however it is spaced, dotted or typed in full-width digits), else None.

    For cells that must not hold one: an identifier (事件编号, 案件编号) that is someone's ID or phone number is
    tokenised, an amount or a count that is one is not an amount. Stricter than the scrubber: an 18- or
    15-digit number counts only when it is shaped like an ID (area code 1–6…, a real birth date), so long
    platform numbers stay identifiers; a local number without area code is a plausible amount. `loose`: any
    number of an ID's length counts as one (for amounts and counts, where no such number is plausible, and
    where Excel may have rounded an ID's last digits away)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):  # a number cell: at least 10 digits (0594 + 6) and a whole number
        if not 1e9 <= abs(value) < 1e19 or (isinstance(value, float) and not value.is_integer()):
            return None
        value = int(value)
    text = str(value).strip()
    if len(text) > 40 or len(_DIGITS.findall(text)) < 10:
        return None
    found: list[tuple[str, str]] = []
    rest = _scrub(text, lambda kind, number: found.append((kind, number)) or "\x00")
    if len(found) != 1 or rest.strip(" \u3000()（）+＋") != "\x00":
        return None
    kind, number = found[0]
    if kind == "phone":
        return kind
    if loose and kind in ("id_number", "number"):
        return "id_number"
    digits = re.sub("[^0-9X]", "", _fold_digits(number).upper())
    return "id_number" if kind == "id_number" and _id_shaped(digits) else None


def _id_shaped(digits: str) -> bool:
    """An 18-digit (17 + check) or 15-digit resident ID: a province code 11–65 and a real birth date."""
    if len(digits) == 18 and re.fullmatch("[0-9]{17}[0-9X]", digits):
        born = digits[6:14]
    elif len(digits) == 15 and digits.isdigit():
        born = "19" + digits[6:12]
    else:
        return False
    return 11 <= int(digits[:2]) <= 65 and _is_date(born)
