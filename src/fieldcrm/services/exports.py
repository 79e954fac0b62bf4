"""Export control and the audit trail (导出管控): what the acting user may export under head office's policy, the
record of every export and every revealed number, and who sees a customer's mobile numbers in full."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from sqlmodel import Session, col, select

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.errors import InvalidStateError, PermissionDeniedError
from fieldcrm.domain.exports import ExportRule, in_export_scope, refuse_export, rule_for
from fieldcrm.domain.masking import KEPT_AT_HEAD_OFFICE, MOBILE_FIELDS, is_masked, mask_row, sees_numbers
from fieldcrm.models import AuditEvent, Contact, Customer, ExportPolicy, User, utcnow
from fieldcrm.services.base import BaseService, get_live
from fieldcrm.services.changes import unit_of_work
from fieldcrm.services.search import CustomerQuery, SearchService

_CHUNK = 500
#: Query fields that only order or page the list: not part of what an export holds.
_NOT_FILTERS = {"sort", "descending", "limit", "offset"}
#: The filter the log keeps for an export of the whole list (the window shows it in the user's language).
ALL_CUSTOMERS = "all customers"


def policy_rules(session: Session) -> dict[str, ExportRule]:
    """Head office's export policy as synced to this store, by role (empty before the first sync)."""
    rows = session.exec(select(ExportPolicy).where(ExportPolicy.deleted == False))  # noqa: E712
    return {row.role: ExportRule(row.scope, row.row_cap) for row in rows}


def describe_query(query: CustomerQuery) -> str:
    """The filter of an export as the log keeps it: `grade=A, search=华润`, or `all customers`."""
    default = CustomerQuery()
    parts = [
        f"{f.name}={getattr(query, f.name)}"
        for f in fields(query)
        if f.name not in _NOT_FILTERS and getattr(query, f.name) != getattr(default, f.name)
    ]
    return ", ".join(parts)[:500] or ALL_CUSTOMERS


@dataclass(frozen=True)
class ExportPlan:
    """The customers an export may hold (in list order), how many of the filter's it left out as outside the
    acting user's scope, and the owners whose customers' numbers it writes in full."""

    ids: list[str]
    left_out: int
    rule: ExportRule
    actor: Actor

    def shows_numbers(self, owner_id: str | None) -> bool:
        return sees_numbers(self.actor, owner_id)


class ExportService(BaseService):
    def rule(self) -> ExportRule:
        """What the acting user's role may export, by head office's policy (or the defaults before one arrives)."""
        with self.store.session() as session:
            return rule_for(self.actor(session).role, policy_rules(session))

    def plan(self, query: CustomerQuery) -> ExportPlan:
        """The rows an export of `query` may write; raises PermissionDeniedError when the role may not export or
        the rows in scope are more than the role's cap."""
        wanted = SearchService(self.store).ids(query)
        with self.store.session() as session:
            actor = self.acting(session)
            rule = rule_for(actor.role, policy_rules(session))
            if rule.scope == "none":
                raise PermissionDeniedError(refuse_export(rule, 0) or "")
            owners = _owners(session, wanted) if rule.scope != "visible" else {}
        ids = [cid for cid in wanted if rule.scope == "visible" or in_export_scope(rule, actor, owners.get(cid))]
        refusal = refuse_export(rule, len(ids))
        if refusal:
            raise PermissionDeniedError(refusal)
        return ExportPlan(ids, len(wanted) - len(ids), rule, actor)

    def record_export(self, filter_text: str, row_count: int, file_name: str) -> str:
        """Log an export (its own action: an export writes nothing else). Only the file's name is kept, never the
        folder it went to."""
        with unit_of_work(self.store) as uow:
            user = self.actor(uow.session)
            event = AuditEvent(
                kind="export",
                owner_id=user.id,
                at=utcnow(),
                filter_text=filter_text[:500],
                row_count=row_count,
                file_name=file_name.replace("\\", "/").rsplit("/", 1)[-1][:255],
            )
            uow.insert(event)
            return event.id

    def reveal(self, customer_id: str, fetch: Callable[[str], dict[str, Any]] | None = None) -> dict[str, Any]:
        """The customer's and its contacts' numbers in full, logged as a reveal when the acting user would see
        them masked (an owner's own look is not logged). Numbers that reached this laptop masked (head office
        keeps them for the owner) are asked of head office through `fetch` (a connected laptop's
        `SyncClient.reveal`), which logs the reveal there; without it they cannot be shown (`KEPT_AT_HEAD_OFFICE`)."""
        with unit_of_work(self.store) as uow:
            customer = get_live(uow.session, Customer, customer_id)
            actor = self.acting(uow.session)
            contacts = uow.session.exec(
                select(Contact).where(Contact.customer_id == customer_id, Contact.deleted == False)  # noqa: E712
            )
            held = {c.id: {f: getattr(c, f) for f in MOBILE_FIELDS["contact"]} for c in contacts}
            numbers: dict[str, Any] = {"phone": customer.phone, "contacts": held}
            if is_masked(customer.phone) or any(is_masked(v) for c in held.values() for v in c.values()):
                if fetch is None:
                    raise InvalidStateError(KEPT_AT_HEAD_OFFICE)
                return fetch(customer_id)  # logged at head office; the event arrives with the next sync
            if not sees_numbers(actor, customer.owner_id):
                uow.insert(AuditEvent(kind="reveal", owner_id=actor.id, at=utcnow(), customer_id=customer_id))
            return numbers

    def masked(self, table: str, rows: list[dict[str, Any]], owner_of: str = "owner_id") -> list[dict[str, Any]]:
        """`rows` of `table` as the acting user may see them: mobile numbers masked on the customers they do not
        own (`owner_of` names the field holding the customer's owner)."""
        with self.store.session() as session:
            actor = self.acting(session)
        return [row if sees_numbers(actor, row.get(owner_of)) else mask_row(table, row) for row in rows]

    def masked_customer(self, data: dict[str, Any]) -> dict[str, Any]:
        """A customer's page (`CustomerService.get`) as the acting user may see it: the customer's and its contacts'
        mobile numbers masked unless they own it or lead its owner's team."""
        with self.store.session() as session:
            actor = self.acting(session)
        if sees_numbers(actor, data.get("owner_id")):
            return data
        contacts = [mask_row("contact", c) for c in data.get("contacts", [])]
        return {**mask_row("customer", data), "contacts": contacts}

    def exports(self, limit: int = 200) -> list[dict[str, Any]]:
        """The export log this store holds, newest first: the user's own, and a supervisor's team's once synced."""
        with self.store.session() as session:
            names = {u.id: u.name for u in session.exec(select(User))}
            events = session.exec(
                select(AuditEvent)
                .where(AuditEvent.kind == "export", AuditEvent.deleted == False)  # noqa: E712
                .order_by(col(AuditEvent.at).desc())
                .limit(limit)
            )
            return [
                {
                    "id": e.id,
                    "user": names.get(e.owner_id or "", e.owner_id),
                    "at": e.at,
                    "filter": e.filter_text,
                    "rows": e.row_count,
                    "file": e.file_name,
                }
                for e in events
            ]


def _owners(session: Session, ids: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found.update(session.exec(select(Customer.id, Customer.owner_id).where(col(Customer.id).in_(chunk))).all())
    return found
