"""Personal data handling: keyed tokens for ID and phone numbers, masked names, scrubbed free text.

A plain hash of an ID number is not enough: the space of valid 18-digit IDs for one county is small
enough to enumerate, so tokens are HMAC-SHA256 under a key that never leaves the home folder.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

KEY_ENV = "TAIZHANG_KEY"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# 18-digit resident ID (GB 11643): 6-digit area, 8-digit birth date, 3-digit order, check character
ID_PATTERN = re.compile(r"(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])")
# mainland mobile numbers, optionally with +86 and separators
MOBILE_PATTERN = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])")
# landlines such as 0594-1234567 / (0594)2345678
LANDLINE_PATTERN = re.compile(r"(?<![0-9])(?:\(?0\d{2,3}\)?[- ]?)\d{7,8}(?![0-9])")

ID_PLACEHOLDER = "［身份证号已隐去］"
PHONE_PLACEHOLDER = "［电话已隐去］"


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id(value: str) -> bool:
    """An 18-character resident ID number with a correct check character."""
    v = value.strip().upper()
    return bool(re.fullmatch(r"\d{17}[\dX]", v)) and id_check_char(v[:17]) == v[17]


def load_key(key_file: Path) -> bytes:
    """The tokenising key: `TAIZHANG_KEY` from the environment, else the home's key file (made 0600 once)."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode("utf-8")
    if key_file.exists():
        return key_file.read_bytes().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_hex(32).encode("ascii"))
    return key_file.read_bytes().strip()


class Tokeniser:
    """Keyed, stable tokens for personal identifiers: equal inputs give equal tokens within one home."""

    def __init__(self, key: bytes):
        self._key = key

    def token(self, kind: str, value: str | None) -> str | None:
        if value is None:
            return None
        canonical = _canonical(kind, value)
        if not canonical:
            return None
        digest = hmac.new(self._key, f"{kind}:{canonical}".encode(), hashlib.sha256).hexdigest()
        return f"{kind[:2]}_{digest[:24]}"


def _canonical(kind: str, value: str) -> str:
    v = re.sub(r"\s+", "", str(value))
    if kind == "phone":
        v = re.sub(r"\D", "", v)
        return v[-11:] if len(v) >= 11 else v
    if kind == "id_number":
        return v.upper()
    return v


_NAME_SPLIT = re.compile(r"[、,，;；/\s与和及]+")


def mask_name(value: str | None) -> str | None:
    """王小明 → 王某某, 欧阳小明 → 欧阳某某; several names are masked one by one."""
    if value is None:
        return None
    text = scrub_text(str(value)).strip()
    if not text:
        return None
    names = [n for n in _NAME_SPLIT.split(text) if n]
    masked = []
    for name in names:
        if not re.search(r"[\u4e00-\u9fff]", name):
            masked.append(name[:1] + "*" * max(len(name) - 1, 1))
            continue
        surname = name[:2] if len(name) >= 4 else name[:1]
        masked.append(surname + "某某")
    return "、".join(masked)


def scrub_text(value: str | None) -> str | None:
    """Free text with ID numbers and phone numbers replaced by placeholders."""
    if value is None:
        return None
    text = ID_PATTERN.sub(ID_PLACEHOLDER, str(value))
    text = MOBILE_PATTERN.sub(PHONE_PLACEHOLDER, text)
    return LANDLINE_PATTERN.sub(PHONE_PLACEHOLDER, text)
