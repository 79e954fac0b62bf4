"""Cleaning and validating each data row with the shared validators, keeping every problem with its row and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldcrm.excel import cleaners
from fieldcrm.services.errors import ValidationError
from fieldcrm.services.validation import clean_contact_fields, clean_customer_fields

_CLEANERS: dict[str, Callable[[Any, str], Any]] = {
    "phone": cleaners.clean_phone_cell,
    "contact_mobile": cleaners.clean_phone_cell,
    "credit_code": lambda v, f: cleaners.clean_code_cell(v),
    "grade": lambda v, f: cleaners.clean_choice_cell(v),
    "stage": lambda v, f: cleaners.clean_choice_cell(v),
    "next_follow_up": cleaners.clean_date_cell,
    "notes": lambda v, f: cleaners.clean_multiline(v),
    "contact_email": lambda v, f: cleaners.clean_compact_cell(v),
}


#: What a company-name cell holds on the summary rows people add at the bottom of a list.
_TOTAL_WORDS = {"合计", "总计", "小计", "合计：", "总计：", "total", "Total", "TOTAL", "sum", "Sum"}


@dataclass(slots=True)
class Problem:
    row: int
    column: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass(slots=True)
class CleanRow:
    """One data row: cleaned customer and contact fields, or the problems that keep it out."""

    row: int
    raw: list[Any]
    customer: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)


class RowValidator:
    """Turns raw rows into CleanRows for a mapping {column index: field}; `headers` name columns in messages."""

    def __init__(self, headers: Sequence[str], mapping: dict[int, str]) -> None:
        self.headers = list(headers)
        self.mapping = dict(sorted(mapping.items()))
        self.column_of = {f: self._header(i) for i, f in self.mapping.items()}

    def _header(self, index: int) -> str:
        text = self.headers[index] if index < len(self.headers) else ""
        return text or f"column {index + 1}"

    def column(self, field_name: str) -> str:
        return self.column_of.get(field_name, field_name)

    def clean(self, number: int, raw: list[Any]) -> CleanRow | None:
        """None for a blank row; otherwise the cleaned row (with problems, if any)."""
        values: dict[str, Any] = {}
        result = CleanRow(number, raw)
        for index, name in self.mapping.items():
            value = raw[index] if index < len(raw) else None
            try:
                cleaner = _CLEANERS.get(name)
                values[name] = cleaner(value, name) if cleaner else cleaners.clean_plain(value)
            except ValidationError as exc:
                result.problems.append(Problem(number, self.column(name), exc.message))
                values[name] = None
        if not result.problems and all(v is None for v in values.values()):
            return None  # blank, or only unmapped cells (a 序号 column numbered ahead): nothing to import
        if values.get("name") in _TOTAL_WORDS:
            result.problems.append(Problem(number, self.column("name"), "is a total row, not a customer"))
            return result
        customer = {k: v for k, v in values.items() if not k.startswith("contact_")}
        contact = {k[len("contact_") :]: v for k, v in values.items() if k.startswith("contact_") and v is not None}
        if not customer.get("phone") and contact.get("mobile"):
            # Lead sheets often only have a mobile: it is the customer's number too.
            customer["phone"] = contact["mobile"]
        self._check_customer(result, customer)
        if contact:
            self._check_contact(result, contact, customer.get("phone"))
        if len(result.problems) > 1:
            unique = {(p.column, p.reason): p for p in result.problems}
            result.problems = list(unique.values())
        return result

    def _check_customer(self, result: CleanRow, values: dict[str, Any]) -> None:
        values.setdefault("name", None)
        try:
            result.customer = clean_customer_fields(values, creating=True)
            return
        except ValidationError:
            pass
        # Slow path, only for bad rows: check field by field so every problem of the row is reported.
        for name, value in values.items():
            try:
                result.customer.update(clean_customer_fields({name: value}, creating=False))
            except ValidationError as exc:
                column = self.column("contact_mobile" if name == "phone" and "phone" not in self.column_of else name)
                result.problems.append(Problem(result.row, column, exc.message))

    def _check_contact(self, result: CleanRow, values: dict[str, Any], phone: str | None) -> None:
        if not values.get("name"):
            # Without a name there is no contact to hold these; say so rather than drop them.
            details = ", ".join(
                self.column("contact_" + k) for k in values if k != "mobile" or values["mobile"] != phone
            )
            if details:
                reason = f"needs a contact name ({self.column('contact_name')}) in the same row"
                result.problems.append(Problem(result.row, details, reason))
            return
        try:
            result.contact = clean_contact_fields(values, creating=True)
        except ValidationError:
            for name, value in values.items():
                try:
                    clean_contact_fields({name: value}, creating=False)
                except ValidationError as exc:
                    result.problems.append(Problem(result.row, self.column("contact_" + name), exc.message))
