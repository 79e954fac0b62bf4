"""The one write path of customer files: what a new customer gets (owner, first contact, its id from a credit code,
derived fields), and the writer an import uses for many rows at once — new customers in bulk, changes, revivals —
inside the caller's unit of work, reporting what it wrote so the import can be undone.

`CustomerService.create` and the Excel import both build new customers with `new_customer_values`, and record their
first contact with `first_contact_event`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import select

from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.ownership import Holding, refuse_holding
from fieldcrm.domain.protection import PoolRules, protection_from_first_contact
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.ids import stable_id, uuid7_many
from fieldcrm.models import Contact, Customer, OwnershipEvent, User, utcnow
from fieldcrm.models.registry import derive_customer
from fieldcrm.services.bulk import BulkWriter
from fieldcrm.services.changes import UnitOfWork


def customer_id_for(credit_code: str | None) -> str | None:
    """Customers with a credit code get an id derived from it, so two offline creations land on one row."""
    return stable_id("customer", credit_code) if credit_code else None


def new_customer_values(
    creator_id: str,
    fields: dict[str, Any],
    now: datetime,
    derived: dict[str, Any] | None = None,
    rules: PoolRules | None = None,
) -> dict[str, Any]:
    """A new customer's every value from its cleaned `fields`: owned by its creator unless given (a pool customer by
    nobody; given both, refused), first contacted by them now, protected for its owner from then under `rules` (the
    creator's team's unless given; not a pool customer, nor one given a protection date), its id from its credit
    code when it has one, its derived fields (`derived` when already worked out)."""
    values = {
        **fields,
        **(derived if derived is not None else derive_customer(fields)),
        "first_contact_at": now,
        "first_contact_by": creator_id,
        "created_at": now,
        "updated_at": now,
        "tags": fields.get("tags") or "",
        "notes": fields.get("notes") or "",
    }
    values.setdefault("owner_id", None if values.get("in_public_pool") else creator_id)
    refusal = refuse_holding(Holding(values["owner_id"], bool(values.get("in_public_pool"))))
    if refusal:
        raise ValidationError(refusal, "owner_id")
    if values["owner_id"] is not None and not values.get("in_public_pool") and not values.get("protection_until"):
        values["protection_until"] = protection_from_first_contact(rules or PoolRules(), now)
    code_id = customer_id_for(fields.get("credit_code"))
    if code_id:
        values["id"] = code_id
    return values


def first_contact_event(customer: dict[str, Any]) -> dict[str, Any]:
    """The ownership history's first entry for a new customer (its values from `new_customer_values`): its first
    contact, by whoever made it, giving it to its owner (nobody's for a customer head office put in the pool)."""
    by = customer["first_contact_by"]
    return {
        "customer_id": customer["id"],
        "kind": "first_contact",
        "from_owner_id": None,
        "to_owner_id": customer["owner_id"],
        "by_user_id": by,
        "owner_id": by,
        "at": customer["first_contact_at"],
        "reason": "",
        "rule": "first_contact",
        "created_at": customer.get("created_at") or customer["first_contact_at"],
        "updated_at": customer.get("updated_at") or customer["first_contact_at"],
    }


@dataclass
class NewCustomer:
    """A customer to create, with its first (primary) contact if any; `derived` when the caller worked it out."""

    fields: dict[str, Any]
    contact: dict[str, Any] | None = None
    source_row: int = 0
    derived: dict[str, Any] | None = None


@dataclass
class CustomerChange:
    """Changes to an existing customer and to one of its contacts (or a contact to add)."""

    customer_id: str
    changes: dict[str, Any] = field(default_factory=dict)
    contact_id: str | None = None
    contact_changes: dict[str, Any] = field(default_factory=dict)
    contact_insert: bool = False
    source_row: int = 0


@dataclass
class Written:
    """One row the writer inserted or changed, and from which source row (for an import's history and undo)."""

    table: str
    row_id: str
    action: str  # insert | update
    source_row: int
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class CustomerWriter:
    """Writes customer files for `creator_id` inside `uow`: every row with its outbox entry, in the unit's group."""

    def __init__(self, uow: UnitOfWork, creator_id: str) -> None:
        self.uow = uow
        self.creator_id = creator_id
        self.bulk = BulkWriter(uow)
        creator = uow.session.get(User, creator_id)
        self.rules = team_rules(uow.session, creator.team_id if creator is not None else None)

    def create_many(self, rows: Sequence[NewCustomer]) -> list[Written]:
        """New customers and their contacts in bulk (rows, outbox entries and one search document per customer)."""
        now = utcnow()
        ids = iter(uuid7_many(len(rows) * 2))
        customers: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        written: list[Written] = []
        for row in rows:
            values = new_customer_values(self.creator_id, row.fields, now, row.derived, self.rules)
            values.setdefault("id", next(ids))
            customers.append(values)
            written.append(Written("customer", values["id"], "insert", row.source_row))
            if row.contact:
                contact = {**row.contact, "id": next(ids), "customer_id": values["id"], "owner_id": values["owner_id"]}
                contacts.append({**contact, "is_primary": True, "created_at": now, "updated_at": now})
        self.bulk.insert_customers(customers, contacts)
        self.bulk.insert_many(OwnershipEvent, [first_contact_event(c) for c in customers], index=False)
        return written

    def change(self, change: CustomerChange) -> list[Written]:
        """Apply a customer's changes (with their derived fields) and its contact's; returns what really changed."""
        session = self.uow.session
        written: list[Written] = []
        if change.changes:
            customer = session.get(Customer, change.customer_id)
            assert customer is not None
            wanted = {**change.changes, **derive_customer(change.changes)}
            before = {k: getattr(customer, k) for k in wanted}
            changed = self.uow.update(customer, wanted)
            if changed:
                before = {k: before[k] for k in changed}
                written.append(Written("customer", customer.id, "update", change.source_row, before, changed))
        contact: Contact | None
        if change.contact_insert:
            owner = session.exec(select(Customer.owner_id).where(Customer.id == change.customer_id)).first()
            contact = Contact(customer_id=change.customer_id, owner_id=owner, **change.contact_changes)
            self.uow.insert(contact)
            written.append(Written("contact", contact.id, "insert", change.source_row))
        elif change.contact_changes and change.contact_id:
            contact = session.get(Contact, change.contact_id)
            assert contact is not None
            before = {k: getattr(contact, k) for k in change.contact_changes}
            changed = self.uow.update(contact, change.contact_changes)
            if changed:
                before = {k: before[k] for k in changed}
                written.append(Written("contact", contact.id, "update", change.source_row, before, changed))
        return written

    def revive(self, customer_id: str, row: NewCustomer) -> list[Written]:
        """A deleted customer (found by its credit code) brought back with the row's values, owned by the creator."""
        customer = self.uow.session.get(Customer, customer_id)
        assert customer is not None
        fields = row.fields
        self.uow.update(customer, {**fields, **derive_customer(fields), "deleted": False, "owner_id": self.creator_id})
        written = [Written("customer", customer.id, "insert", row.source_row)]
        if row.contact:
            contact = Contact(customer_id=customer.id, owner_id=self.creator_id, is_primary=True, **row.contact)
            self.uow.insert(contact)
            written.append(Written("contact", contact.id, "insert", row.source_row))
        return written
