"""Text normalisation shared by the services, the importer, the search index and the server."""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache

# Legal-form suffixes that do not make two companies different, longest first so the longest one is cut.
_CHINESE_SUFFIXES = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "公司")
_ENGLISH_SUFFIX = re.compile(
    r"(?:[\s,.]+|^)(?:co\.?\s*,?\s*ltd|company\s+limited|co\.?\s*,?\s*limited|limited|ltd|inc|incorporated"
    r"|corporation|corp|llc|gmbh|plc|co|company)\.?$"
)
_ENGLISH_SUFFIX_END = frozenset("abcdefghijklmnopqrstuvwxyz ,.")  # and what the loop strips
_BRACKETS_AND_SPACE = re.compile(r"[\s()\[\]{}（）【】〔〕「」『』《》<>\"'“”‘’·•,，.。、;；:：!！?？&＆/\\|_\-—–]+")
_NON_DIGIT = re.compile(r"\D+")


def fold(text: str | None) -> str:
    """NFKC (full-width to half-width), lower case, collapsed white space."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


@lru_cache(maxsize=4096)  # the server asks for a pushed customer's name up to four times (twin checks, derived columns)
def normalise_company_name(name: str | None) -> str:
    """The name two records of one company share: no case, width, brackets, spaces, punctuation or legal form.

    "上海华润万家超市有限公司", "上海 华润万家超市(有限公司)" and "上海华润万家超市" all give "上海华润万家超市".
    """
    text = fold(name)
    previous = None
    # An English legal form ends in a letter or a full stop: names that end otherwise (most: Chinese) skip the search.
    while text and text != previous and text[-1] in _ENGLISH_SUFFIX_END:
        previous = text
        text = _ENGLISH_SUFFIX.sub("", text).strip(" ,.")
    compact = _BRACKETS_AND_SPACE.sub("", text)
    cut = True
    while cut:
        cut = False
        for suffix in _CHINESE_SUFFIXES:
            if compact.endswith(suffix) and len(compact) > len(suffix):
                compact = compact[: -len(suffix)]
                cut = True
                break
    return compact


#: A country prefix written with its plus sign ("+86", "(+86)", "＋86" after NFKC): nothing but punctuation before it.
_PLUS_FIRST = re.compile(r"^\D*\+")
#: After the country code, a landline without the trunk 0 that international dialling leaves out: area code 10, 2x
#: or three digits from 3xx to 9xx, then 7–8 digits (and maybe an extension). Mobiles (1[3-9]…) do not match.
_TRUNKLESS_LANDLINE = re.compile(r"(?:10|[2-9])\d{8}")
#: 400/800 numbers: dialled without a 0 at home too.
_SERVICE_LINE = re.compile(r"[48]00\d{7}")


def normalise_phone(phone: str | None) -> str:
    """Digits only, a Chinese number as it is dialled at home, so that the duplicate checks see one number however
    it was written: no +86/0086 country prefix, and a landline keeps (or gets back) its trunk 0.

    "+86 138-1234-5678" and "0086 13812345678" give "13812345678"; "+86 21 6888 1234", "+86 (0)21 6888 1234" and
    "021-6888 1234" give "02168881234". Other countries' numbers keep all their digits: "+852 2345 6789" gives
    "85223456789". A bare "86" (a "+86" number typed into Excel as a number loses its plus) counts as the country
    code only in front of 10 or more digits: no mobile or landline dialled at home is that long and starts with 86.
    """
    if not phone:
        return ""
    text = unicodedata.normalize("NFKC", str(phone))
    digits = _NON_DIGIT.sub("", text)
    if digits.startswith("0086"):
        return _domestic(digits[4:])
    if digits.startswith("86") and (_PLUS_FIRST.match(text) or len(digits) >= 12):
        return _domestic(digits[2:])
    return digits


def _domestic(national: str) -> str:
    """A Chinese number after its country code, as dialled at home: a landline's area code gets its trunk 0 back."""
    if _TRUNKLESS_LANDLINE.match(national) and not _SERVICE_LINE.match(national):
        return "0" + national
    return national


def normalise_credit_code(code: str | None) -> str:
    """Unified social credit code (统一社会信用代码): 18 characters, upper case, no spaces."""
    return fold(code).replace(" ", "").upper()


_NOT_ALNUM = re.compile(r"[\W_]+")


def search_tokens(*segments: str | None) -> str:
    """The bigram text the full-text index stores for some fields.

    Each segment is folded to letters and digits, then written as its overlapping two-character tokens plus its
    last character, so any substring of one or more characters of a segment can be found through the index:
    "华润万家" → "华润 润万 万家 家". Segments are kept apart by a marker token so no match spans two fields.
    """
    out: list[str] = []
    for segment in segments:
        if not segment:
            continue
        chars = _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", segment).lower())
        if not chars:
            continue
        if out:
            out.append("zzsep")
        out.extend(map(operator.add, chars, chars[1:]))  # the bigrams: chars[i : i + 2] for each i
        out.append(chars[-1])
    return " ".join(out)


def search_terms(text: str) -> list[str]:
    """The words of `text` as index tokens: a one-character word as itself (any token starting with it matches),
    a longer one as its run of bigrams ("华润万" → "华润 润万")."""
    return [term for term, _ in search_words(text)]


#: Letters, each run of them maybe closed by a tone digit: "huarun", "hua2run4".
_PINYIN_WORD = re.compile(r"(?:[a-z]+[1-5]?)+")
_TONE_DIGITS = str.maketrans("", "", "12345")


def pinyin_prefix(word: str) -> str | None:
    """A typed word as the pinyin letters it may stand for (tone marks and tone digits dropped, ü written v, as
    pinyin keyboards do: "huárùn" and "hua2run4" give "huarun"); None if it cannot be pinyin ("3m", "华润")."""
    decomposed = unicodedata.normalize("NFKD", word.lower()).replace("u\u0308", "v")
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if not _PINYIN_WORD.fullmatch(letters):
        return None
    return letters.translate(_TONE_DIGITS)


def search_words(text: str) -> list[tuple[str, str | None]]:
    """Each word of `text` that holds a letter or digit: its index tokens (see `search_terms`) and, if it can be
    pinyin, the pinyin letters a name's pinyin must start with at a syllable (see `pinyin_prefix`)."""
    words = []
    for word in fold(text).split():
        chars = _NOT_ALNUM.sub("", word)
        if not chars:
            continue
        term = chars if len(chars) == 1 else " ".join(chars[i : i + 2] for i in range(len(chars) - 1))
        words.append((term, pinyin_prefix(chars)))
    return words


def fts_phrase(term: str) -> str:
    """One word's FTS5 query: a one-character word is a prefix, a longer one its phrase of bigrams."""
    return f'"{term}"*' if len(term) == 1 else f'"{term}"'


def search_query(text: str) -> str | None:
    """An FTS5 MATCH expression finding rows whose indexed text holds every word of `text` as a substring."""
    terms = [fts_phrase(t) for t in search_terms(text)]
    return " AND ".join(terms) if terms else None
