"""Deciding what happens to each valid row (查重): new, update, duplicate or skipped, against the store and the file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.errors import DuplicateMatch
from fieldcrm.domain.ownership import Holding, refuse_work_on
from fieldcrm.excel.validate import CleanRow
from fieldcrm.models import Contact, Customer, User
from fieldcrm.normalize import fold, normalise_company_name, normalise_credit_code, normalise_phone
from fieldcrm.services.base import actor_of
from fieldcrm.services.dedupe import DuplicateIndex, _similar_names

POLICIES = ("skip", "update", "create")
#: New rows checked for similar names (a full-text query each); the rest are checked for exact matches only.
SIMILAR_CHECK_LIMIT = 200
_CHUNK = 500
_REASONS = {"credit_code": "same credit code", "name": "same company name", "phone": "same phone"}
_CONTACT_COMPARED = ("title", "phone", "mobile", "email", "wechat")


@dataclass(slots=True)
class RowPlan:
    """What the import will do with one row. `status`: new | update | duplicate | skipped."""

    row: CleanRow
    status: str
    target_id: str | None = None
    reason: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    contact_id: str | None = None
    contact_changes: dict[str, Any] = field(default_factory=dict)
    contact_insert: bool = False
    possible: list[DuplicateMatch] = field(default_factory=list)
    name_norm: str = ""  # of a new row: its normalised name and phone, as the writer stores them
    phone_norm: str | None = None


def _editable(actor: Actor, customer: Customer) -> bool:
    """The domain's rule, as the customer service and the server apply it."""
    return refuse_work_on(actor, Holding(customer.owner_id, customer.in_public_pool)) is None


def plan_rows(
    session: Session,
    actor: User,
    rows: Sequence[CleanRow],
    policy: str,
    check: Callable[[int], None] = lambda done: None,
) -> list[RowPlan]:
    """Plans for the valid rows, in file order. `check(done)` reports progress and may raise to cancel."""
    if policy not in POLICIES:
        raise ValueError(f"on-duplicate must be one of {', '.join(POLICIES)}")
    index = DuplicateIndex.load(session)
    retired = session.connection().execute(
        text(
            "SELECT credit_code, id, merged_into FROM customer WHERE credit_code IS NOT NULL"
            " AND (deleted = 1 OR merged_into IS NOT NULL)"
        )
    )
    retired_codes = {code: (cid, merged) for code, cid, merged in retired}
    plans: list[RowPlan] = []
    similar_budget = SIMILAR_CHECK_LIMIT if index.by_name else 0
    claimed: dict[str, int] = {}  # existing customer id → the file row that updates it
    for done, row in enumerate(rows, 1):
        if done % 2000 == 0:
            check(done)
        values = row.customer
        code = values.get("credit_code")
        norms = normalise_company_name(values.get("name")), normalise_phone(values.get("phone"))
        if code and code in retired_codes:
            cid, merged = retired_codes.pop(code)
            if merged:
                plans.append(RowPlan(row, "duplicate", reason="a merged customer already has this credit code"))
            else:
                # A deleted customer (e.g. an undone import) comes back rather than clashing with its tombstone.
                plans.append(_new(index, row, norms))
                plans[-1].target_id = cid
            continue
        hit = index.match_normalised(normalise_credit_code(code), *norms)
        if hit is not None:
            target, why = hit
            within = target.startswith("row:")
            where = f"row {target[4:]} of this file" if within else "an existing customer"
            reason = f"{_REASONS[why]} as {where}"
            if within:
                if policy == "create" and why != "credit_code":
                    plans.append(_new(index, row, norms, plan_reason=reason))
                else:
                    plans.append(RowPlan(row, "duplicate", reason=reason))
            elif policy == "create" and why != "credit_code":
                plans.append(_new(index, row, norms, plan_reason=reason))
            elif target in claimed:
                plans.append(RowPlan(row, "duplicate", target, f"{reason}, already matched by row {claimed[target]}"))
            else:
                claimed[target] = row.row
                plans.append(RowPlan(row, "duplicate" if policy == "skip" else "update", target, reason))
                if policy == "update":
                    plans[-1].changes = {"_match": why}  # read by _diff_updates
            continue
        plan = _new(index, row, norms)
        if similar_budget and values.get("name"):
            similar_budget -= 1
            name_norm = norms[0]
            if len(name_norm) >= 2:
                plan.possible = [
                    DuplicateMatch(cid, cname, owner, None, "similar_name")
                    for cid, cname, owner in _similar_names(session, name_norm, 3)
                ]
        plans.append(plan)
    _diff_updates(session, actor, [p for p in plans if p.status == "update"])
    return plans


def _new(index: DuplicateIndex, row: CleanRow, norms: tuple[str, str], plan_reason: str = "") -> RowPlan:
    """A new row, remembered so later rows of the file that are the same company are found. `norms`: its
    normalised name and phone."""
    name_norm, phone_norm = norms[0], norms[1] or None
    index.remember(
        f"row:{row.row}", credit_code=row.customer.get("credit_code"), name_norm=name_norm, phone_norm=phone_norm
    )
    return RowPlan(row, "new", reason=plan_reason, name_norm=name_norm, phone_norm=phone_norm)


def _diff_updates(session: Session, user: User, plans: list[RowPlan]) -> None:
    """Fill in the fields each update really changes; rows with nothing new become `skipped`."""
    actor = actor_of(session, user)
    for start in range(0, len(plans), _CHUNK):
        chunk = plans[start : start + _CHUNK]
        ids = list({p.target_id for p in chunk})
        customers = {c.id: c for c in session.exec(select(Customer).where(col(Customer.id).in_(ids)))}
        contacts: dict[str, list[Contact]] = {}
        for contact in session.exec(select(Contact).where(col(Contact.customer_id).in_(ids), Contact.deleted == False)):
            contacts.setdefault(contact.customer_id, []).append(contact)
        for plan in chunk:
            why = plan.changes.pop("_match")
            customer = customers[plan.target_id]  # type: ignore[index]  # a duplicate names its customer
            if not _editable(actor, customer):
                plan.status, plan.reason = "duplicate", plan.reason + "; it belongs to another rep"
                continue
            plan.changes = _customer_changes(customer, plan.row.customer, why)
            if plan.row.contact:
                _plan_contact(plan, contacts.get(customer.id, []))
            if not plan.changes and not plan.contact_changes and not plan.contact_insert:
                plan.status, plan.reason = "skipped", plan.reason + "; nothing to change"


def _customer_changes(customer: Customer, values: dict[str, Any], why: str) -> dict[str, Any]:
    """Blank cells never wipe stored values; the name changes only when the credit code identified the row."""
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if value is None or value == "":
            continue
        if name == "name" and why != "credit_code":
            continue
        if name == "credit_code" and customer.credit_code:
            continue
        if getattr(customer, name) != value:
            changes[name] = value
    return changes


def _plan_contact(plan: RowPlan, existing: list[Contact]) -> None:
    values = plan.row.contact or {}
    same = [c for c in existing if fold(c.name) == fold(values["name"])]
    if not same:
        plan.contact_insert = True
        plan.contact_changes = {**values, "is_primary": not existing}
        return
    contact = same[0]
    plan.contact_id = contact.id
    plan.contact_changes = {
        k: v for k, v in values.items() if k in _CONTACT_COMPARED and v is not None and getattr(contact, k) != v
    }
