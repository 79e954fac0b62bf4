"""Field validation in one place, used by the GUI, the importer, the CLI and the server alike."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any, Literal, overload

from fieldcrm.domain.errors import ValidationError
from fieldcrm.models import GRADES, STAGES, VISIT_KINDS, Customer
from fieldcrm.models.text_limits import too_long
from fieldcrm.normalize import fold, normalise_credit_code, normalise_phone

_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_GRADE_WORDS = {"a": "A", "b": "B", "c": "C", "a类": "A", "b类": "B", "c类": "C", "a级": "A", "b级": "B", "c级": "C"}
_STAGE_SYNONYMS = {
    "潜在客户": "潜在",
    "新客户": "新",
    "一般客户": "一般",
    "重要客户": "重要",
    "战略客户": "战略",
    "流失客户": "流失",
    "prospect": "潜在",
    "new": "新",
    "regular": "一般",
    "important": "重要",
    "strategic": "战略",
    "lost": "流失",
}

CUSTOMER_TEXT_LIMITS = {
    "name": 200,
    "phone": 40,
    "address": 300,
    "region": 40,
    "industry": 60,
    "size": 40,
    "source": 60,
    "tags": 500,
}


def credit_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015) from its first 17."""
    total = sum(_CREDIT_CHARS.index(ch) * w for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def credit_code_is_valid(code: str) -> bool:
    if len(code) != 18 or any(ch not in _CREDIT_CHARS for ch in code):
        return False
    return credit_check_char(code[:17]) == code[17]


@overload
def clean_text(field: str, value: Any, limit: int | None = None, *, required: Literal[True]) -> str: ...
@overload
def clean_text(field: str, value: Any, limit: int | None = None, required: bool = False) -> str | None: ...
def clean_text(field: str, value: Any, limit: int | None = None, required: bool = False) -> str | None:
    text = None if value is None else " ".join(str(value).split())
    if not text:
        if required:
            raise ValidationError("is required and was left empty", field)
        return None
    if limit is not None and len(text) > limit:
        raise ValidationError(f"is {len(text)} characters long; at most {limit} are allowed", field)
    return text


def check_length(model: type, field: str, value: Any) -> Any:
    """`value` as it is (free text keeps its lines), if it fits the field; the server refuses a longer one alike."""
    refusal = too_long(model, field, value)
    if refusal:
        raise ValidationError(refusal, field)
    return value


def clean_phone(field: str, value: Any) -> str | None:
    text = clean_text(field, value, 40)
    if text is None:
        return None
    digits = normalise_phone(text)
    if not 5 <= len(digits) <= 15:
        raise ValidationError(f"'{text}' is not a phone number (it has {len(digits)} digits)", field)
    return text


_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0[1-9]\d{8,10}")  # 0, a 2–3 digit area code, then 7–8 digits
_SERVICE = re.compile(r"[48]00\d{7}|1[0-2]\d{3}|9[56]\d{3,6}")  # 400/800 lines, 10086, 12315, 95588 …
_PLAIN_GOOD = re.compile(r"1[3-9]\d{9}|0[1-9]\d{1,2}-?\d{7,8}")  # as most are typed: a quick yes
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}\s*$", re.IGNORECASE)
LANDLINE_SHAPE = "a landline is 0, a 2–3 digit area code, then 7–8 digits"
MOBILE_SHAPE = "a mobile is 1[3-9] and 9 more digits"


def phone_shape_warning(text: str | None) -> str | None:
    """Why a phone that passed `clean_phone` does not look like a Chinese landline or mobile, or None when it does.

    A warning, not an error: the number is kept, and the user is told what to check. Foreign numbers (+852 …),
    400/800 lines and short service numbers pass. The commonest catch is a landline typed into Excel as a
    number, which loses its leading 0 (0512-62345678 → 51262345678)."""
    if not text or _PLAIN_GOOD.fullmatch(text):
        return None
    main = _EXTENSION.sub("", unicodedata.normalize("NFKC", text)).strip()
    if main.startswith(("+", "00")) and not main.lstrip("+").startswith(("86", "0086")):
        return None  # another country's number: its shape is its own
    digits = normalise_phone(main)
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits) or _SERVICE.fullmatch(digits):
        return None
    beijing = digits.startswith("10") and len(digits) == 10  # 010 and 8 digits; other area codes never start 01
    if not digits.startswith(("0", "1")) and _LANDLINE.fullmatch("0" + digits) or beijing:
        return (
            f"'{text}' looks like a landline that lost its leading 0 (Excel drops it when a phone is typed as a "
            f"number); check it and type it as text, e.g. 0{digits}"
        )
    if digits.startswith("0"):
        length = "short" if len(digits) < 10 else "long"
        return f"'{text}' is too {length} for a landline ({LANDLINE_SHAPE}); check it"
    if digits.startswith("1") or len(digits) > 8:
        return f"'{text}' is not the shape of a mobile ({MOBILE_SHAPE}); check it"
    return f"'{text}' has no area code ({LANDLINE_SHAPE}); check it"


def clean_grade(value: Any) -> str | None:
    text = fold(None if value is None else str(value)).replace(" ", "")
    if not text:
        return None
    grade = _GRADE_WORDS.get(text)
    if grade is None:
        raise ValidationError(f"'{value}' is not a grade; use one of {', '.join(GRADES)}", "grade")
    return grade


def clean_stage(value: Any) -> str | None:
    text = fold(None if value is None else str(value)).replace(" ", "")
    if not text:
        return None
    if text in STAGES:
        return text
    stage = _STAGE_SYNONYMS.get(text)
    if stage is None:
        raise ValidationError(f"'{value}' is not a lifecycle stage; use one of {'/'.join(STAGES)}", "stage")
    return stage


def clean_credit_code(value: Any) -> str | None:
    code = normalise_credit_code(None if value is None else str(value))
    if not code:
        return None
    if not credit_code_is_valid(code):
        raise ValidationError(
            f"'{value}' is not a valid unified social credit code (18 characters with a matching check digit)",
            "credit_code",
        )
    return code


def clean_email(field: str, value: Any) -> str | None:
    text = clean_text(field, value, 200)
    if text is not None and not _EMAIL.match(text):
        raise ValidationError(f"'{text}' is not an e-mail address", field)
    return text


def clean_date(field: str, value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = fold(str(value)).replace(" ", "")
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"'{value}' is not a date; write it as YYYY-MM-DD", field)


def clean_kind(value: Any) -> str:
    kind = fold(str(value or "visit"))
    if kind not in VISIT_KINDS:
        raise ValidationError(f"'{value}' is not a kind of contact; use one of {', '.join(VISIT_KINDS)}", "kind")
    return kind


def clean_customer_fields(values: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """Validated, cleaned customer fields. Unknown fields are an error, not silently dropped."""
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field in ("name", "address", "region", "industry", "size", "source"):
            cleaned[field] = clean_text(field, value, CUSTOMER_TEXT_LIMITS[field], required=field == "name")
        elif field == "phone":
            cleaned[field] = clean_phone(field, value)
        elif field == "grade":
            cleaned[field] = clean_grade(value)
        elif field == "stage":
            cleaned[field] = clean_stage(value)
        elif field == "credit_code":
            cleaned[field] = clean_credit_code(value)
        elif field in ("next_follow_up", "protection_until"):
            cleaned[field] = clean_date(field, value)
        elif field == "tags":
            tags = value if isinstance(value, list | tuple) else str(value or "").replace("，", ",").split(",")
            cleaned[field] = ",".join(dict.fromkeys(t.strip() for t in tags if t and t.strip()))
            if len(cleaned[field]) > CUSTOMER_TEXT_LIMITS["tags"]:
                raise ValidationError("are too long; at most 500 characters in all", "tags")
        elif field == "notes":
            cleaned[field] = check_length(Customer, field, "" if value is None else str(value))
        elif field == "in_public_pool":
            cleaned[field] = bool(value)
        elif field == "owner_id":
            cleaned[field] = value
        else:
            raise ValidationError("is not a customer field", field)
    if creating and not cleaned.get("name"):
        raise ValidationError("is required and was left empty", "name")
    return cleaned


def clean_contact_fields(values: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field == "name":
            cleaned[field] = clean_text(field, value, 100, required=True)
        elif field in ("title", "wechat"):
            cleaned[field] = clean_text(field, value, 100)
        elif field in ("phone", "mobile"):
            cleaned[field] = clean_phone(field, value)
        elif field == "email":
            cleaned[field] = clean_email(field, value)
        elif field == "is_primary":
            cleaned[field] = bool(value)
        else:
            raise ValidationError("is not a contact field", field)
    if creating and not cleaned.get("name"):
        raise ValidationError("is required and was left empty", "name")
    return cleaned
