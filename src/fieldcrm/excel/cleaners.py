"""Cell cleaners (数据清洗): turn what people type into spreadsheets into the values the validators expect."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldcrm.domain.errors import ValidationError

_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0x3000: 0x20,
    0xFF0D: 0x2D,
    0xFF0B: 0x2B,
    0xFF20: 0x40,
    0xFF0E: 0x2E,
}
_SPACE = re.compile(r"(?:_x000[dDaA9]_|[\s\u00a0\u200b\ufeff])+")
# Control characters other than tab and line breaks: invisible, and illegal in an .xlsx when exported again.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SCIENTIFIC = re.compile(r"^[+-]?(\d+)(?:\.(\d+))?[eE]\+?(\d+)$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$")
_EXCEL_EPOCH = date(1899, 12, 30)


def number_text(value: int | float) -> str:
    """A number as a person reads it: 13812345678.0 → "13812345678", 1.50 → "1.5"."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def cell_text(value: Any) -> str:
    """Any cell value as raw text: numbers without a trailing .0, dates without a midnight time."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def squash(text: str) -> str:
    """Stray spaces, tabs, line breaks and Excel's _x000D_ collapsed to single spaces; full-width A-Z/0-9 halved.

    CJK punctuation such as （） and ， is kept: it is part of how a company writes its name.
    """
    return _SPACE.sub(" ", _CONTROL.sub("", text.translate(_FULLWIDTH_ALNUM))).strip()


def clean_plain(value: Any) -> str | None:
    if isinstance(value, str):
        text = value.translate(_FULLWIDTH_ALNUM)
        # Fast path for the common clean cell: printable (so no tabs, breaks or odd spaces), no doubled spaces.
        if text.isprintable() and "  " not in text and "_x" not in text:
            return text.strip() or None
        return squash(text) or None
    return squash(cell_text(value)) or None


def clean_multiline(value: Any) -> str | None:
    """Notes keep their line breaks; each line is trimmed and blank runs dropped."""
    text = _CONTROL.sub("", cell_text(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n"))
    lines = [squash(line) for line in text.split("\n")]
    return "\n".join(line for line in lines if line) or None


def clean_phone_cell(value: Any, field: str) -> str | None:
    """Phones stored as numbers or shown in scientific notation become their digits again, when they still can."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise ValidationError(f"'{value}' is not a phone number", field)
        return str(int(value))
    text = squash(unicodedata.normalize("NFKC", cell_text(value)))
    match = _SCIENTIFIC.match(text.replace(" ", ""))
    if match:
        whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
        if len(fraction) > exponent or len(whole) + exponent > 20:
            raise ValidationError(f"'{text}' is not a phone number", field)
        if len(whole.lstrip("0")) + len(fraction) < len(whole.lstrip("0")) + exponent:
            raise ValidationError(
                f"'{text}' was shortened by Excel to scientific notation and its last digits are lost;"
                " type the number again as text",
                field,
            )
        try:
            return str(int(Decimal(text.replace(" ", ""))))
        except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
            raise ValidationError(f"'{text}' is not a phone number", field) from None
    return text or None


def clean_code_cell(value: Any) -> str | None:
    text = _CONTROL.sub("", unicodedata.normalize("NFKC", cell_text(value)))
    return _SPACE.sub("", text).upper() or None


def clean_compact_cell(value: Any) -> str | None:
    """E-mail addresses and similar: full-width halved, no spaces anywhere."""
    return _SPACE.sub("", _CONTROL.sub("", unicodedata.normalize("NFKC", cell_text(value)))) or None


def clean_date_cell(value: Any, field: str) -> date | str | None:
    """Excel serials, datetimes and the usual Chinese and ISO text forms to a date; other text is left for
    the validator to refuse with its own message."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValidationError(f"'{number_text(value)}' is not a date; write it as YYYY-MM-DD", field)
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = squash(unicodedata.normalize("NFKC", cell_text(value)))
    if not text:
        return None
    match = _DATE_TEXT.match(text)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise ValidationError(f"'{text}' is not a date that exists", field) from None
    if text.isdigit() and len(text) <= 5:
        return clean_date_cell(int(text), field)
    return text


def clean_choice_cell(value: Any) -> str | None:
    """Grades and stages: full-width letters halved and spaces dropped ("Ａ 类" → "A类")."""
    return _SPACE.sub("", _CONTROL.sub("", unicodedata.normalize("NFKC", cell_text(value)))) or None
