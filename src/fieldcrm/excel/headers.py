"""Finding the header row (表头) below titles and merged cells, and mapping its columns to import fields."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldcrm.excel.cleaners import cell_text
from fieldcrm.excel.fields import FIELDS, SYNONYMS

#: How many rows from the top may hold titles and notes before the header.
SCAN_ROWS = 30
_NOISE = re.compile(r"[\s\W_]+|必填|选填|可选|required|optional")
_EXACT = {word: field for field, words in SYNONYMS.items() for word in words}
# Words a longer header may contain. Generic ones ("客户", "名称") are left out: "客户编号" and "产品名称" are not
# company names; short English words only match whole headers.
_GENERIC = {"客户", "公司", "单位", "名称", "姓名", "状态", "说明", "邮件"}
_CONTAINED = [
    (w, f) for w, f in _EXACT.items() if w not in _GENERIC and (len(w) >= 4 or not w.isascii() and len(w) >= 2)
]


def fold_header(text: Any) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", cell_text(text)).lower())


def field_for_header(text: Any) -> str | None:
    """The field a header names: an exact synonym, else the synonym it contains that ends latest ("联系人手机" is
    a mobile number: in Chinese compounds the last word is the head), longest on a tie."""
    folded = fold_header(text)
    if not folded:
        return None
    if folded in _EXACT:
        return _EXACT[folded]
    if len(folded) > 12:
        return None
    best: tuple[int, int, str] | None = None
    for word, field in _CONTAINED:
        at = folded.rfind(word)
        if at >= 0:
            candidate = (at + len(word), len(word), field)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best[2] if best else None


def suggest_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index → field, each field used once: exact header names first, then headers that contain one."""
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for exact in (True, False):
        for index, header in enumerate(headers):
            if index in mapping:
                continue
            field = _EXACT.get(fold_header(header)) if exact else field_for_header(header)
            if field and field not in used:
                mapping[index] = field
                used.add(field)
    return mapping


@dataclass(frozen=True)
class HeaderRow:
    index: int  # 0-based position among the rows read
    headers: list[str]


def find_header_row(rows: Sequence[Sequence[Any]]) -> HeaderRow | None:
    """The row among the first SCAN_ROWS that names the most known columns (at least one of them the company
    name, or two known columns). Title rows and merged title cells hold one value and lose to it."""
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:SCAN_ROWS]):
        fields = {field_for_header(v) for v in row} - {None}
        score = len(fields)
        if score >= 2 or "name" in fields:
            if best is None or score > best[1]:
                best = (index, score)
    if best is None:
        return None
    row = rows[best[0]]
    return HeaderRow(best[0], [" ".join(cell_text(v).split()) for v in row])


def header_signature(headers: Sequence[str]) -> str:
    """A stable key for a layout of columns, so a saved mapping is reused for the next file like it."""
    folded = "\x1f".join(fold_header(h) for h in headers)
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]


def check_field(field: str) -> str:
    if field not in FIELDS:
        raise ValueError(f"'{field}' is not an import field; use one of {', '.join(FIELDS)}")
    return field
