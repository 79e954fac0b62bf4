"""Revealing a customer's masked numbers (号码脱敏): head office holds them in full, a rep who may see the customer
but not its numbers (a public-pool customer, another team's in a directory view) asks for them here, and the
reveal is logged as an audit event that syncs to the rep's supervisor like any other."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from fieldcrm.domain.masking import MOBILE_FIELDS, sees_numbers
from fieldcrm.models import utcnow
from fieldcrm.models.audit import AuditEvent
from fieldcrm.models.customer import Contact, Customer
from fieldcrm.server.visibility import Viewer, sees_row
from fieldcrm.server.writes import record_changes, touched_row


def reveal(session: Session, viewer: Viewer, customer_id: str) -> dict[str, Any] | None:
    """The customer's and its live contacts' numbers in full, as the laptop's reveal returns them; None when the
    viewer may not see the customer at all. A reveal by someone who would see them masked is recorded (an owner's
    own look is not)."""
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted or not sees_row(session, viewer, "customer", customer_id):
        return None
    contacts = session.exec(
        select(Contact).where(col(Contact.customer_id) == customer_id, col(Contact.deleted) == False)  # noqa: E712
    )
    numbers = {
        "phone": customer.phone,
        "contacts": {c.id: {f: getattr(c, f) for f in MOBILE_FIELDS["contact"]} for c in contacts},
    }
    if not sees_numbers(viewer.actor, customer.owner_id):
        event = AuditEvent(kind="reveal", owner_id=viewer.user_id, at=utcnow(), customer_id=customer_id)
        session.add(event)
        session.flush()
        record_changes(session, [touched_row(event, {})])
    session.commit()
    return numbers
