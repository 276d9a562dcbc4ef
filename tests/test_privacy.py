"""etl/privacy.py: ID check characters, keyed tokens, the key file, masked names, scrubbed free text."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from taizhang.etl import privacy
from taizhang.etl.privacy import (
    ID_PATTERN,
    ID_PLACEHOLDER,
    MOBILE_PATTERN,
    PHONE_PLACEHOLDER,
    PrivacyKeyError,
    Tokeniser,
    id_check_char,
    is_valid_id,
    load_key,
    mask_name,
    scrub_text,
)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c == "X" else c for c in text)


# --- generators ----------------------------------------------------------------------------------------

AREAS = st.integers(110000, 659999).map(str)  # 6-digit area codes (first digit 1–6)
BIRTHS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31))
ORDERS = st.integers(0, 999).map(lambda n: f"{n:03d}")


@st.composite
def valid_ids(draw) -> str:
    first17 = draw(AREAS) + draw(BIRTHS).strftime("%Y%m%d") + draw(ORDERS)
    return first17 + id_check_char(first17)


MOBILES = st.builds(lambda p, n: f"1{p}{n:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
# Chinese text without digits: CJK, Chinese punctuation, letters, spaces
CHINESE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(list("，。、；：？！“”（）《》【】 \u3000\nabcXYZ-+/")),
    ),
    max_size=40,
)
# anything at all around the number, digits included
ANY_TEXT = st.text(max_size=30)


# --- the ID check character ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["11010519491231002X", "110101199003074477", "440524188001010014", "350302198712250012"],
)
def test_known_valid_ids(number):
    assert is_valid_id(number)
    assert is_valid_id(number.lower())
    assert is_valid_id(full_width(number))
    assert is_valid_id(f"{number[:6]} {number[6:14]} {number[14:]}")


def test_iso_7064_mod_11_2():
    # the textbook example of GB 11643: 11010519491231002X
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("11010119900307447") == "7"
    with pytest.raises(ValueError):
        id_check_char("1234")
    with pytest.raises(ValueError):
        id_check_char("1101051949123100A")


@given(valid_ids())
def test_every_generated_id_is_valid_and_one_wrong_digit_is_not(number):
    assert is_valid_id(number)
    for i in range(17):
        wrong = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1 :]
        if wrong[0] != "0" and _real_birth(wrong):
            assert not is_valid_id(wrong), wrong  # MOD 11-2 catches every single-digit error


def _real_birth(number: str) -> bool:
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        return True
    except ValueError:
        return False


@pytest.mark.parametrize(
    "number",
    [
        "110105194912310021",
        "11010519491331002X",
        "01010519491231002X",
        "1101051949123100",
        "",
        "abc",
        None,
        123,
    ],
)
def test_invalid_ids(number):
    assert not is_valid_id(number)


# --- scrubbing -----------------------------------------------------------------------------------------


@given(valid_ids(), CHINESE, CHINESE, st.booleans(), st.booleans())
@settings(max_examples=300)
def test_any_valid_id_is_scrubbed_from_chinese_text(number, before, after, lower_x, wide):
    written = number.lower() if lower_x else number
    written = full_width(written) if wide else written
    text = before + written + after
    assert ID_PATTERN.search(text)
    out = scrub_text(text)
    assert out == before + ID_PLACEHOLDER + after
    assert number[6:14] not in out  # not even the birth date survives


@given(valid_ids(), ANY_TEXT, ANY_TEXT)
@settings(max_examples=300)
def test_an_id_never_survives_whatever_surrounds_it(number, before, after):
    out = scrub_text(before + number + after)
    assert number not in out
    assert number[:17] not in out


@given(
    st.text(alphabet="0123456789", min_size=17, max_size=17),
    st.sampled_from("0123456789Xx"),
    CHINESE,
    CHINESE,
)
def test_id_shaped_numbers_are_scrubbed_even_when_not_valid(first17, last, before, after):
    out = scrub_text(before + first17 + last + after)
    assert first17 not in out
    assert ID_PLACEHOLDER in out


@given(st.text(alphabet="0123456789", min_size=15, max_size=15), CHINESE, CHINESE)
def test_old_15_digit_ids_are_scrubbed(number, before, after):
    assert scrub_text(before + number + after) == before + ID_PLACEHOLDER + after


@given(
    MOBILES,
    CHINESE,
    CHINESE,
    st.sampled_from(["", "+86", "+86 ", "86-", "0086", "（+86）", "+86-"]),
    st.sampled_from(["", " ", "-"]),
    st.booleans(),
)
@settings(max_examples=300)
def test_mobile_numbers_are_scrubbed_in_any_common_form(mobile, before, after, prefix, sep, wide):
    # a letter or CJK character right before the number, never a digit (that would be another number)
    written = prefix + mobile[:3] + sep + mobile[3:7] + sep + mobile[7:]
    written = full_width(written) if wide else written
    out = scrub_text(before + written + after)
    assert mobile not in out.replace(" ", "").replace("-", "")
    assert PHONE_PLACEHOLDER in out
    assert MOBILE_PATTERN.search(before + written + after)


@pytest.mark.parametrize(
    "text",
    [
        "座机0594-2681234",
        "电话（0594）2681234。",
        "0594 2681 2345",
        "联系0591-87654321",
        "+86 594 2681234",
        "电话：2681234",
        "手机号为 138 1234 5678",
        "Tel: 26812345",
    ],
)
def test_landlines_and_local_numbers_are_scrubbed(text):
    out = scrub_text(text)
    assert PHONE_PLACEHOLDER in out
    assert "2681234" not in out and "87654321" not in out and "26812345" not in out


@pytest.mark.parametrize(
    "text",
    [
        "2023年11月3日受理",
        "20231103",
        "共化解纠纷399件，化解率84.71%",
        "投资12345.67万元",
        "第3网格第12单元",
        "2023-11-03 10:30",
        "案件编号XT-2023-0157",
    ],
)
def test_ordinary_numbers_are_kept(text):
    assert scrub_text(text) == text


def test_scrub_none_and_non_strings():
    assert scrub_text(None) is None
    assert scrub_text(13812345678) == PHONE_PLACEHOLDER


# --- names -------------------------------------------------------------------------------------------

SURNAMES = st.sampled_from(
    list(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
    )
)
GIVEN = st.text(
    alphabet=list("小明华建国红英秀兰志强伟芳敏静丽军勇杰涛斌超娟霞平刚桂玉珍清海波辉鹏飞云"),
    min_size=1,
    max_size=2,
)


@given(SURNAMES, GIVEN)
def test_mask_keeps_only_the_surname(surname, given_name):
    assert mask_name(surname + given_name) == surname + "某某"


@given(
    st.lists(st.tuples(SURNAMES, GIVEN), min_size=1, max_size=4), st.sampled_from(["、", "，", " ", ";", "/"])
)
def test_several_names_are_masked_one_by_one(people, sep):
    text = sep.join(s + g for s, g in people)
    assert mask_name(text) == "、".join(s + "某某" for s, _ in people)


@given(st.text(max_size=20))
def test_mask_never_shows_a_given_name_character(text):
    out = mask_name(text)
    if out is None or out in privacy.NOT_A_NAME:
        return
    for piece in out.split("、"):
        assert piece.endswith("某某") or piece.endswith("**"), out
        assert len(piece) <= 4


@pytest.mark.parametrize(
    "raw, masked",
    [
        ("王小明", "王某某"),
        ("欧阳小明", "欧阳某某"),
        ("欧阳明", "欧阳某某"),
        ("欧阳", "欧某某"),  # two characters: surname 欧, given name 阳
        ("司马光", "司马某某"),
        ("李和平", "李某某"),  # 和 here is part of the name, not 'and'
        ("张三和李四", "张某某、李某某"),
        ("王小明与李华", "王某某、李某某"),
        ("王小明（户主）", "王某某"),
        ("王小明 13812345678", "王某某"),
        (" 王 ", "王某某"),
        ("John Smith", "J**、S**"),
        ("匿名", "匿名"),
        ("", None),
        (None, None),
        ("13812345678", None),
    ],
)
def test_mask_examples(raw, masked):
    assert mask_name(raw) == masked


# --- tokens --------------------------------------------------------------------------------------------

KEYS = st.binary(min_size=1, max_size=64)


@given(KEYS, MOBILES)
def test_tokens_are_stable_for_one_key(key, mobile):
    a, b = Tokeniser(key), Tokeniser(key)
    t = a.token("phone", mobile)
    assert t == b.token("phone", mobile) == a.token("phone", mobile)
    assert t.startswith("ph_") and len(t) == 27
    # however the clerk typed it
    assert a.token("phone", f"+86 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}") == t
    assert a.token("phone", full_width(mobile)) == t


@given(KEYS, KEYS, valid_ids())
def test_tokens_differ_across_keys(key1, key2, number):
    if key1 == key2:
        return
    assert Tokeniser(key1).token("id_number", number) != Tokeniser(key2).token("id_number", number)


@given(KEYS, valid_ids())
def test_id_tokens_ignore_case_spaces_and_width(key, number):
    tok = Tokeniser(key)
    t = tok.token("id_number", number)
    assert tok.token("id_number", number.lower()) == t
    assert tok.token("id_number", full_width(number)) == t
    assert tok.token("id_number", f"{number[:6]} {number[6:14]} {number[14:]}") == t
    assert t != tok.token("phone", number) and t != tok.token("name", number)  # the kind is part of the token


def test_token_edge_cases():
    tok = Tokeniser(b"supersecret")
    assert tok.token("name", None) is None
    assert tok.token("name", "   ") is None
    assert tok.token("phone", "0594-2681234") == tok.token("phone", "+86 594 2681234")
    assert "supersecret" not in repr(tok)
    assert Tokeniser("supersecret").token("name", "王小明") == tok.token("name", " 王小明 ")
    with pytest.raises(ValueError):
        Tokeniser(b"")


# --- the key -------------------------------------------------------------------------------------------


@pytest.fixture
def no_env_key(monkeypatch):
    monkeypatch.delenv(privacy.KEY_ENV, raising=False)


def test_key_file_is_created_0600_and_reused(tmp_path, no_env_key):
    key_file = tmp_path / "home" / "secret.key"
    key = load_key(key_file)
    assert len(key) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_key(key_file) == key
    assert [p.name for p in key_file.parent.iterdir()] == ["secret.key"]  # no temporary files left


def test_key_file_mode_does_not_depend_on_umask(tmp_path, no_env_key):
    old = os.umask(0o000)
    try:
        load_key(tmp_path / "secret.key")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "secret.key").stat().st_mode) == 0o600


def test_a_readable_key_file_is_tightened(tmp_path, no_env_key):
    key_file = tmp_path / "secret.key"
    key = load_key(key_file)
    key_file.chmod(0o644)
    assert load_key(key_file) == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_truncated_key_file_is_an_error_not_a_new_key(tmp_path, no_env_key):
    key_file = tmp_path / "secret.key"
    key_file.write_bytes(b"")
    with pytest.raises(PrivacyKeyError, match="密钥文件"):
        load_key(key_file)
    assert key_file.read_bytes() == b""


def test_concurrent_first_use_agrees_on_one_key(tmp_path, no_env_key):
    key_file = tmp_path / "secret.key"
    keys: list[bytes] = []
    barrier = threading.Barrier(8)

    def worker():
        barrier.wait()
        keys.append(load_key(key_file))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(keys)) == 1 and len(keys) == 8
    assert key_file.read_bytes().strip() == keys[0]


def test_environment_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(privacy.KEY_ENV, "  from-the-environment \n")
    assert load_key(tmp_path / "secret.key") == b"from-the-environment"
    assert not (tmp_path / "secret.key").exists()
    monkeypatch.setenv(privacy.KEY_ENV, "   ")  # blank means unset
    assert len(load_key(tmp_path / "secret.key")) == 64


def test_a_symlinked_key_file_is_read(tmp_path, no_env_key):
    real = tmp_path / "vault" / "taizhang.key"
    key = load_key(real)
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "secret.key").symlink_to(real)
    assert load_key(tmp_path / "home" / "secret.key") == key


# --- numbers however they are grouped (issue 17) ------------------------------------------------------------

SEPARATORS = st.sampled_from([" ", "-", ".", "/", "·", "\u3000", " - ", "．", "／", "\u00a0"])
INVISIBLE = st.sampled_from(["", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])


@st.composite
def grouped_mobiles(draw) -> tuple[str, str]:
    """(mobile, as written): split into 2–4 groups of at least 3 digits, any separator, invisible characters
    anywhere between the digits, maybe full-width."""
    mobile = draw(MOBILES)
    cuts = sorted(draw(st.sets(st.integers(3, 8), max_size=3)))
    cuts = [c for i, c in enumerate(cuts) if c - ([0] + cuts)[i] >= 3 and 11 - c >= 3]
    groups = [mobile[a:b] for a, b in zip([0, *cuts], [*cuts, 11], strict=True)]
    sep = draw(SEPARATORS)
    written = sep.join("".join(d + draw(INVISIBLE) for d in g) for g in groups)
    return mobile, full_width(written) if draw(st.booleans()) else written


@given(grouped_mobiles(), CHINESE, CHINESE)
@settings(max_examples=400)
def test_a_mobile_in_any_grouping_is_scrubbed(grouped, before, after):
    mobile, written = grouped
    out = scrub_text(before + written + after)
    assert PHONE_PLACEHOLDER in out
    assert mobile not in privacy._fold_digits(re.sub(r"\D", "", out))
    assert privacy.personal_number_kind(written) == "phone"


@pytest.mark.parametrize(
    "text",
    [
        "139.0594.1209",
        "1390 594 1222",
        "139/0594/1209",
        "139-0594-1209",
        "１３９．０５９４．１２０９",
        "139\u200b0594\u200b1209",
        "1\u200b3\u200b9\u200b05941209",
        "手机：139 0594 1209。",
        "（+86）139.0594.1209",
        "0594 268 1234",
        "0594.2681234",
        "固话2681234",
        "座机 268 1234",
        "办公电话：26812345",
        "电话号码为8765 4321",
        "联系人林某2681234，",
        "宅电：268-1234",
    ],
)
def test_phone_numbers_in_the_forms_issue_17_found_are_scrubbed(text):
    out = scrub_text(text)
    assert PHONE_PLACEHOLDER in out, out
    assert not re.search(r"[0-9０-９]{3}", privacy._fold_digits(out)), out


@pytest.mark.parametrize(
    "text",
    [
        "6222 0200 1234 5678 901",
        "6222-0200-1234-5678",
        "3503 0419 7102 0100 1X",
        "350304 19710201 0011",
    ],
)
def test_long_numbers_in_groups_are_scrubbed(text):
    out = scrub_text(f"卡号{text}。")
    assert not re.search(r"[0-9]{3}", out), out


@pytest.mark.parametrize(
    "text",
    [
        "2019-2023年",
        "面积2681234平方米",
        "投资3500000元",
        "总投资2681234万元",
        "第2681234号",
        "13.55 16.25 17.85",
        "XT-2681234",
        "A2681234",
        "编号2023-0157",
        "2023.10.31",
        "2023/10/31 08:30",
        "10.30 12.45",
        "1-10月累计",
        "共16213件",
        "占84.71%",
        "3,500,000元",
        "￥2681234",
    ],
)
def test_numbers_that_are_not_phones_are_kept(text):
    assert scrub_text(text) == text


@pytest.mark.parametrize(
    "value, kind",
    [
        ("13905941207", "phone"),
        (13905941207, "phone"),
        (13905941207.0, "phone"),
        ("139 0594 1207", "phone"),
        ("+86 139-0594-1207", "phone"),
        ("0594-2681234", "phone"),
        ("350304197102010011", "id_number"),
        ("11010519491231002X", "id_number"),
        ("350304710201001", "id_number"),
        ("XF2019-01", None),
        ("SJ20231003001", None),
        ("2681234", None),
        (2681234, None),
        ("202310030000123", None),
        ("912023100312345678", None),
        ("电话13905941207", None),
        (12345.6, None),
        (None, None),
        (True, None),
    ],
)
def test_personal_number_kind_judges_the_whole_value(value, kind):
    assert privacy.personal_number_kind(value) == kind


def test_personal_number_kind_loose_takes_any_id_length_number():
    assert (
        privacy.personal_number_kind(350304197102010000.0) is None
    )  # Excel rounded the ID: no birth date left
    assert privacy.personal_number_kind(350304197102010000.0, loose=True) == "id_number"
    assert privacy.personal_number_kind("6222020012345678901", loose=True) == "id_number"
    assert privacy.personal_number_kind(20000.0, loose=True) is None


def test_names_keep_a_keyed_token_of_the_number_they_lose():
    tok, other = Tokeniser(b"key-one"), Tokeniser(b"key-two")
    a = tok.scrub_name("张三13905941207-林山村10月.xlsx")
    assert a.startswith("张三［电话·") and a.endswith("］-林山村10月.xlsx") and "13905941207" not in a
    assert tok.scrub_name("张三139 0594 1207-林山村10月.xlsx") == a  # the same number, however written
    assert tok.scrub_name("张三13905941208-林山村10月.xlsx") != a  # another number: another name
    assert other.scrub_name("张三13905941207-林山村10月.xlsx") != a  # keyed
    assert tok.scrub_name("2023年10月 林山村.xlsx") == "2023年10月 林山村.xlsx"
    assert "身份证号·" in tok.scrub_name("350304197102010011.xlsx")
