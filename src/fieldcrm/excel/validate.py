"""Cleaning and validating each data row with the shared validators, keeping every problem with its row and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fieldcrm.domain.errors import ValidationError
from fieldcrm.excel import cleaners
from fieldcrm.excel.fields import CONTACT_FIELDS, CUSTOMER_FIELDS
from fieldcrm.services.validation import clean_contact_fields, clean_customer_fields, phone_shape_warning

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

#: Cell types whose equal values always clean alike, so a column's work can be done once per distinct value
#: (not aware datetimes: equal instants in two zones have different dates).
_SAME_TYPES = frozenset({str, int, float, bool, type(None), date})
_SAMPLE = 1000
_PHONE_FIELDS = ("phone", "contact_mobile")
_NO_ERRORS: frozenset[int] = frozenset()


def _cell_cleaner(name: str) -> Callable[[Any], Any]:
    cleaner = _CLEANERS.get(name)
    if cleaner is None:
        return cleaners.clean_plain
    return lambda value: cleaner(value, name)


def _customer_check(name: str) -> Callable[[Any], Any]:
    return lambda value: clean_customer_fields({name: value}, creating=False)[name]


def _contact_check(name: str) -> Callable[[Any], Any]:
    return lambda value: clean_contact_fields({name: value}, creating=False)[name]


def _as_read(values: list[Any], read: list[Any] | None) -> list[Any]:
    """`values`, holding the text as read where cleaning left it as it was: one string in memory, not two."""
    if read is None:
        return values
    return [r if v == r and r.__class__ is str else v for v, r in zip(values, read, strict=True)]


def _apply(fn: Callable[[Any], Any], values: list[Any]) -> tuple[list[Any], frozenset[int] | set[int]]:
    """`fn` of every value, and the positions where it raised ValidationError (their result is None).

    Columns that repeat their values (regions, grades, dates) are worked out once per distinct value and type
    (1, 1.0 and True are different cells)."""
    sample = values[:_SAMPLE]
    if len({(v.__class__, v) for v in sample if v.__class__ in _SAME_TYPES}) * 2 <= len(sample):
        keys = [(v.__class__, v) if v.__class__ in _SAME_TYPES else (v.__class__, id(v)) for v in values]
        distinct = dict(zip(keys, values, strict=True))
        try:
            done = {key: fn(value) for key, value in distinct.items()}
            return [done[key] for key in keys], _NO_ERRORS
        except ValidationError:
            pass
    else:
        try:
            return [fn(value) for value in values], _NO_ERRORS
        except ValidationError:
            pass
    out: list[Any] = []
    errors: set[int] = set()
    for i, value in enumerate(values):
        try:
            out.append(fn(value))
        except ValidationError:
            out.append(None)
            errors.add(i)
    return out, errors


@dataclass(slots=True)
class Problem:
    row: int
    column: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass(slots=True)
class CleanRow:
    """One data row: cleaned customer and contact fields, or the problems that keep it out; warnings (a phone of
    an odd shape) keep nothing out: the row is imported and the user told what to check."""

    row: int
    raw: list[Any]
    customer: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class RowValidator:
    """Turns raw rows into CleanRows for a mapping {column index: field}; `headers` name columns in messages."""

    def __init__(self, headers: Sequence[str], mapping: dict[int, str]) -> None:
        self.headers = list(headers)
        self.mapping = dict(sorted(mapping.items()))
        self.column_of = {f: self._header(i) for i, f in self.mapping.items()}
        self._cell_cleaners = {f: _cell_cleaner(f) for f in self.mapping.values()}
        self._phone_columns = [(i, f) for i, f in self.mapping.items() if f in _PHONE_FIELDS]

    def _header(self, index: int) -> str:
        text = self.headers[index] if index < len(self.headers) else ""
        return text or f"column {index + 1}"

    def column(self, field_name: str) -> str:
        return self.column_of.get(field_name, field_name)

    def clean_rows(self, first: int, rows: Sequence[list[Any]]) -> list[CleanRow]:
        """The rows cleaned (`_clean_rows`), each good one with a warning per phone cell of an odd shape."""
        out = self._clean_rows(first, rows)
        if self._phone_columns:
            for row in out:
                if not row.problems:
                    self._warn(row)
        return out

    def _warn(self, row: CleanRow) -> None:
        for index, name in self._phone_columns:
            text = self._cell_cleaners[name](row.raw[index] if index < len(row.raw) else None)
            reason = phone_shape_warning(text)
            if reason is not None:
                row.warnings.append(Problem(row.row, self.column(name), reason))

    def _clean_rows(self, first: int, rows: Sequence[list[Any]]) -> list[CleanRow]:
        """`clean` of each row (`rows[i]` is row number `first + i`), blank rows left out: the same CleanRows,
        worked out a column at a time. Rows with any problem are cleaned again one by one by `clean`, which
        reports each problem."""
        fields = list(self.mapping.values())
        if not rows or not fields or not set(fields) <= set(CUSTOMER_FIELDS) | set(CONTACT_FIELDS):
            return [row for i, raw in enumerate(rows) if (row := self._clean(first + i, raw)) is not None]
        unreadable: set[int] = set()  # rows with a cell its cleaner refused
        cells: dict[str, list[Any]] = {}
        read: dict[str, list[Any]] = {}
        for index, name in self.mapping.items():
            read[name] = [raw[index] if index < len(raw) else None for raw in rows]
            cells[name], errors = _apply(self._cell_cleaners[name], read[name])
            unreadable |= errors
        careful = set(unreadable)  # rows `clean` must do, to report their problems
        width = len(fields)
        blank = [values.count(None) == width for values in zip(*cells.values(), strict=True)]
        # The customer's fields as `clean` passes them to clean_customer_fields: the mapped ones, then the name
        # if unmapped, then the phone if unmapped and a mobile stands in for it.
        names = [f for f in fields if not f.startswith("contact_")]
        if "name" not in names:
            names.append("name")
        n = len(rows)
        nothing = [None] * n
        mobiles = cells.get("contact_mobile", nothing)
        phones = cells.get("phone", nothing)
        stand_in = [bool(not p and m) for p, m in zip(phones, mobiles, strict=True)]
        phones = [m if s else p for p, m, s in zip(phones, mobiles, stand_in, strict=True)]
        checked: dict[str, list[Any]] = {}
        for name in [*names, "phone"] if "phone" not in names else names:
            values = phones if name == "phone" else cells.get(name, nothing)
            checked[name], errors = _apply(_customer_check(name), values)
            checked[name] = _as_read(checked[name], read.get(name))
            careful |= errors
        contact_fields = [(f, f[len("contact_") :]) for f in fields if f.startswith("contact_")]
        contact_checked: dict[str, tuple[list[Any], frozenset[int] | set[int]]] = {}
        for f, short in contact_fields:
            values, errors = _apply(_contact_check(short), cells[f])
            contact_checked[short] = _as_read(values, read[f]), errors
        customer_columns = [checked[name] for name in names]
        add_phone = "phone" not in names
        company, company_cells = checked["name"], cells.get("name", nothing)
        out: list[CleanRow] = []
        for i, row_values in enumerate(zip(*customer_columns, strict=True)):
            if blank[i]:
                if i not in unreadable:
                    continue
            elif i in careful or not company[i] or company_cells[i] in _TOTAL_WORDS:
                pass
            else:
                customer = dict(zip(names, row_values, strict=True))
                if add_phone and stand_in[i]:
                    customer["phone"] = checked["phone"][i]
                row = CleanRow(first + i, rows[i], customer)
                contact = {short: v for f, short in contact_fields if (v := cells[f][i]) is not None}
                if not contact:
                    out.append(row)
                    continue
                if not contact.get("name"):
                    if all(k == "mobile" and contact["mobile"] == phones[i] for k in contact):
                        out.append(row)  # only the mobile, standing in for the phone: no contact to keep
                        continue
                elif not any(i in contact_checked[k][1] for k in contact):
                    row.contact = {k: contact_checked[k][0][i] for k in contact}
                    if row.contact.get("name"):
                        out.append(row)
                        continue
            row = self._clean(first + i, rows[i])
            if row is not None:
                out.append(row)
        return out

    def clean(self, number: int, raw: list[Any]) -> CleanRow | None:
        """None for a blank row; otherwise the cleaned row (with problems, if any, or else warnings, if any)."""
        row = self._clean(number, raw)
        if row is not None and not row.problems and self._phone_columns:
            self._warn(row)
        return row

    def _clean(self, number: int, raw: list[Any]) -> CleanRow | None:
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
