"""Pinyin (拼音) of customer and contact names: the key the customer list sorts by, the initials, and the tokens
that let a search for `hrwj`, `huarun` or `hua run` find 华润万家.

Readings come from pypinyin, whose phrase dictionary gets most company words right (重庆 chóngqìng, 银行 yínháng,
长沙 chángshā, 行业 hángyè, 厦门 xiàmén). On top of it: a person's surname takes its surname reading (单 shàn,
曾 zēng, 解 xiè, 仇 qiú, 区 ōu, 朴 piáo, 欧阳, 尉迟 …), a few place and bank words pypinyin reads wrong, and a 行 that
ends a company name is a firm (琴行 qínháng), not a walk.

pypinyin loads its dictionaries on first use (~0.2 s, ~50 MB), so only code that writes names imports this module;
searching needs no pinyin (the query's letters are matched against the stored keys).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from pypinyin import Style, lazy_pinyin, load_phrases_dict
from pypinyin.seg.mmseg import seg

from fieldcrm.normalize import normalise_company_name

# Surname readings (TONE3) where pypinyin's everyday reading of the character is not the surname's.
_SURNAMES = {
    "单": "shan4", "曾": "zeng1", "解": "xie4", "仇": "qiu2", "区": "ou1", "朴": "piao2", "翟": "zhai2",
    "缪": "miao4", "覃": "qin2", "盖": "ge3", "查": "zha1", "乐": "yue4", "华": "hua4", "任": "ren2", "纪": "ji3",
    "过": "guo1", "秘": "bi4", "种": "chong2", "繁": "po2", "重": "chong2", "折": "she2", "那": "na1",
    "佴": "nai4", "难": "nan4", "藏": "zang4", "都": "du1", "六": "lu4", "薄": "bo2", "乜": "nie4", "阚": "kan4",
    "卜": "bu3", "召": "shao4", "隗": "wei3", "句": "gou1", "员": "yun4", "贠": "yun4", "黑": "he4", "燕": "yan1",
    "能": "nai4", "祭": "zhai4", "蕃": "pi2", "洗": "xian3", "郇": "xun2", "占": "zhan1", "宁": "ning4",
    "长": "chang2",
}  # fmt: skip
# Two-character surnames, matched before the one-character ones (万俟 is not 万 + 俟).
_COMPOUND_SURNAMES = {
    "欧阳": "ou1 yang2", "上官": "shang4 guan1", "司马": "si1 ma3", "诸葛": "zhu1 ge3", "东方": "dong1 fang1",
    "皇甫": "huang2 fu3", "夏侯": "xia4 hou2", "慕容": "mu4 rong2", "宇文": "yu3 wen2", "司徒": "si1 tu2",
    "公孙": "gong1 sun1", "令狐": "ling2 hu2", "轩辕": "xuan1 yuan2", "呼延": "hu1 yan2", "端木": "duan1 mu4",
    "万俟": "mo4 qi2", "尉迟": "yu4 chi2", "长孙": "zhang3 sun1", "澹台": "tan2 tai2", "乐正": "yue4 zheng4",
    "子车": "zi3 ju1", "仲长": "zhong4 chang2", "公乘": "gong1 sheng4", "褚师": "chu3 shi1", "宰父": "zai3 fu3",
    "夹谷": "jia2 gu3", "段干": "duan4 gan1", "亓官": "qi2 guan1", "鲜于": "xian1 yu2", "谷梁": "gu3 liang2",
}  # fmt: skip
# Words in company names that pypinyin's dictionary reads wrong: places, and banks' branches.
_COMPANY_PHRASES = {
    "长宁": "cháng níng", "长治": "cháng zhì", "长垣": "cháng yuán", "单县": "shàn xiàn", "涡阳": "guō yáng",
    "都匀": "dū yún", "洪洞": "hóng tóng", "支行": "zhī háng", "总行": "zǒng háng",
}  # fmt: skip
load_phrases_dict({word: [[syllable] for syllable in reading.split()] for word, reading in _COMPANY_PHRASES.items()})

_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{_HAN_CHARS}]+")
_RUN = re.compile(f"[{_HAN_CHARS}]+|[^\\W_{_HAN_CHARS}]+")  # Chinese, or letters and digits
_BRACKETED = re.compile(r"[(\[【〔][^)\]】〕]*[)\]】〕]")


class NamePinyin(NamedTuple):
    """`sort`: syllables with tone digits and other runs of letters or digits, spaced ("hua2 run4 wan4 jia1"):
    as text it sorts in dictionary order, syllable by syllable, tone after letters (商 shang1 before 上 shang4).
    `initials`: a syllable's first letter, another run whole ("hrwj"). `tokens`: what the search index holds,
    every tail of the full pinyin and of the initials that starts at a syllable ("huarunwanjia runwanjia …")."""

    sort: str
    initials: str
    tokens: str


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, ...]:
    """TONE3 syllables of one word of pypinyin's segmentation (a dictionary phrase or one character)."""
    return tuple(
        lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda chars: [""] * len(chars))  # type: ignore[arg-type, return-value]
    )


def _han_syllables(run: str, person: bool, firm_at: int) -> list[str]:
    syllables: list[str] = []
    if person:
        if run[:2] in _COMPOUND_SURNAMES:
            syllables.extend(_COMPOUND_SURNAMES[run[:2]].split())
            run = run[2:]
        elif run[:1] in _SURNAMES:
            syllables.append(_SURNAMES[run[0]])
            run = run[1:]
    at = 0
    for word in seg.cut(run) if run else ():
        if word == "行" and at == firm_at:
            syllables.append("hang2")  # a firm: 琴行, 电器行 (in a phrase pypinyin knows: 银行, 商行, 车行)
        else:
            syllables.extend(_word(word))
        at += len(word)
    return syllables


def _firm(text: str) -> int:
    """Where the 行 that ends a company name stands (brackets and the legal form after it aside), or -1."""
    core = normalise_company_name(_BRACKETED.sub("", text))
    if not core.endswith("行"):
        return -1
    return _BRACKETED.sub(lambda m: " " * len(m.group()), text).rfind("行")


@lru_cache(maxsize=16384)
def name_pinyin(name: str | None, person: bool = False) -> NamePinyin:
    """The pinyin keys of a company name, or of a person's name (`person`: the first characters read as a
    surname). Characters other than Chinese, letters and digits are left out; letters are lower case."""
    text = unicodedata.normalize("NFKC", name or "").lower()
    firm = -1 if person or "行" not in text else _firm(text)
    units: list[tuple[str, bool]] = []  # (syllable or run, is a syllable)
    surname = person
    for match in _RUN.finditer(text):
        run = match.group()
        if _HAN.fullmatch(run):
            units.extend((s, True) for s in _han_syllables(run, surname, firm - match.start()) if s)
            surname = False
        else:
            units.append((run, False))
    sort = " ".join(u for u, _ in units)
    initials = [u[0] if syllable else u for u, syllable in units]
    plain = [u.rstrip("12345") if syllable else u for u, syllable in units]
    tokens = dict.fromkeys(_tails(plain))
    tokens.update(dict.fromkeys(tail for tail in _tails(initials) if len(tail) > 1))
    return NamePinyin(sort, "".join(initials), " ".join(tokens))


def _tails(units: list[str]) -> list[str]:
    """The units joined from each one on to the end, longest first."""
    tails, tail = [], ""
    for unit in reversed(units):
        tail = unit + tail
        tails.append(tail)
    return tails[::-1]
