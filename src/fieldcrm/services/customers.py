"""Customer files (客户档案) and contacts: create, edit, soft-delete, read, with duplicate checks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from fieldcrm.domain.errors import DuplicateError, DuplicateMatch, PermissionDeniedError, ValidationError
from fieldcrm.domain.ownership import BY_THE_RULES, Holding, refuse_holding, refuse_work_on
from fieldcrm.domain.pool import RELEASE_NEEDS_REASON
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Contact, Customer, Opportunity, OwnershipEvent, User, Visit
from fieldcrm.models.codec import row_to_dict
from fieldcrm.models.registry import derive_customer
from fieldcrm.services.base import BaseService, get_live
from fieldcrm.services.changes import UnitOfWork, unit_of_work
from fieldcrm.services.customer_writes import first_contact_event, new_customer_values
from fieldcrm.services.dedupe import find_duplicates
from fieldcrm.services.ownership import ownership_history, protection_of
from fieldcrm.services.pool import record_claim
from fieldcrm.services.refusals import refused_reasons
from fieldcrm.services.validation import clean_contact_fields, clean_customer_fields

#: A contact's pinyin sort key (the laptop's own, see store.search_index): contacts are listed in pinyin order.
_CONTACT_PINYIN = text(
    "(SELECT k.name_pinyin FROM contact_name_key k"
    " WHERE k.customer_id = contact.customer_id AND k.contact_id = contact.id)"
)


class CustomerService(BaseService):
    def check_duplicates(
        self, name: str | None, phone: str | None = None, credit_code: str | None = None, exclude_id: str | None = None
    ) -> list[DuplicateMatch]:
        with self.store.session() as session:
            return find_duplicates(session, name=name, phone=phone, credit_code=credit_code, exclude_id=exclude_id)

    def create(
        self, *, allow_duplicate: bool = False, contacts: list[dict[str, Any]] | None = None, **values: Any
    ) -> str:
        """Create a customer owned by the acting user; returns its id.

        Same credit code is always refused; same normalised name or phone is refused unless `allow_duplicate`.
        """
        fields = clean_customer_fields(values, creating=True)
        with unit_of_work(self.store) as uow:
            actor = self.actor(uow.session)
            matches = find_duplicates(
                uow.session,
                name=fields["name"],
                phone=fields.get("phone"),
                credit_code=fields.get("credit_code"),
                similar=False,
            )
            hard = [m for m in matches if m.reason == "credit_code"]
            if hard or (matches and not allow_duplicate):
                raise DuplicateError(hard or matches)
            return self._insert(uow, actor, fields, contacts or []).id

    def _insert(self, uow: UnitOfWork, actor: User, fields: dict[str, Any], contacts: list[dict[str, Any]]) -> Customer:
        values = new_customer_values(actor.id, fields, self.clock(), rules=team_rules(uow.session, actor.team_id))
        customer = Customer(**values)
        uow.insert(customer)
        uow.session.flush()
        uow.insert(OwnershipEvent(**first_contact_event({**values, "id": customer.id})))
        for i, contact_values in enumerate(contacts):
            contact_fields = clean_contact_fields(contact_values, creating=True)
            contact_fields.setdefault("is_primary", i == 0)
            uow.insert(Contact(customer_id=customer.id, owner_id=customer.owner_id, **contact_fields))
        return customer

    def _editable(self, session: Session, customer_id: str) -> Customer:
        customer = get_live(session, Customer, customer_id)
        refusal = refuse_work_on(self.acting(session), Holding(customer.owner_id, customer.in_public_pool))
        if refusal:
            raise PermissionDeniedError(refusal)
        return customer

    def update(self, customer_id: str, **values: Any) -> dict[str, Any]:
        """Change fields of a customer; returns the fields that really changed. Refuses a new duplicate."""
        fields = clean_customer_fields(values, creating=False)
        with unit_of_work(self.store) as uow:
            customer = self._editable(uow.session, customer_id)
            if "name" in fields or "phone" in fields or "credit_code" in fields:
                matches = find_duplicates(
                    uow.session,
                    name=fields.get("name"),
                    phone=fields.get("phone"),
                    credit_code=fields.get("credit_code"),
                    exclude_id=customer_id,
                    similar=False,
                )
                if matches:
                    raise DuplicateError(matches)
            if "credit_code" in fields and customer.credit_code and fields["credit_code"] != customer.credit_code:
                raise ValidationError("cannot be changed once set; it identifies the company", "credit_code")
            claimed = self._route_ownership(uow, customer, fields)
            return {**claimed, **uow.update(customer, {**fields, **derive_customer(fields)})}

    def _route_ownership(self, uow: UnitOfWork, customer: Customer, fields: dict[str, Any]) -> dict[str, Any]:
        """A rep's change of owner through an edit goes the pool's way, so its history records it: a claim is
        judged and recorded as `PoolService.claim` does (taken out of `fields`); a release needs its reason
        (`PoolService.release`); any other change of owner is head office's. A supervisor's or admin's change is
        theirs to make (assignment)."""
        wanted = {k: fields[k] for k in ("owner_id", "in_public_pool") if k in fields}
        after = Holding(
            wanted.get("owner_id", customer.owner_id), wanted.get("in_public_pool", customer.in_public_pool)
        )
        actor = self.actor(uow.session)
        if wanted and actor.role != "rep" and (refusal := refuse_holding(after)):  # a rep's go the pool's way
            raise ValidationError(refusal, "owner_id" if "owner_id" in wanted else "in_public_pool")
        if not wanted or actor.role != "rep" or after == Holding(customer.owner_id, customer.in_public_pool):
            return {}
        for key in wanted:
            del fields[key]
        if after == Holding(actor.id, False):
            before = {"owner_id": customer.owner_id, "in_public_pool": customer.in_public_pool}
            record_claim(uow, actor, customer, self.clock())
            return {k: getattr(customer, k) for k in before if getattr(customer, k) != before[k]}
        if after.in_public_pool and customer.owner_id == actor.id:
            raise ValidationError(RELEASE_NEEDS_REASON, "reason")
        raise PermissionDeniedError(BY_THE_RULES)

    def delete(self, customer_id: str) -> None:
        """Soft-delete a customer and its contacts (tombstones, so other devices learn of it)."""
        with unit_of_work(self.store) as uow:
            customer = self._editable(uow.session, customer_id)
            for contact in uow.session.exec(
                select(Contact).where(Contact.customer_id == customer_id, Contact.deleted == False)
            ):
                uow.delete(contact)
            uow.delete(customer)

    def add_contact(self, customer_id: str, **values: Any) -> str:
        fields = clean_contact_fields(values, creating=True)
        with unit_of_work(self.store) as uow:
            customer = self._editable(uow.session, customer_id)
            # A pool customer's may have no owner: the contact is then the adder's until someone claims the customer.
            owner = customer.owner_id or self.actor(uow.session).id
            contact = Contact(customer_id=customer_id, owner_id=owner, **fields)
            if contact.is_primary:
                self._clear_primary(uow, customer_id)
            uow.insert(contact)
            return contact.id

    def update_contact(self, contact_id: str, **values: Any) -> dict[str, Any]:
        fields = clean_contact_fields(values, creating=False)
        with unit_of_work(self.store) as uow:
            contact = get_live(uow.session, Contact, contact_id)
            self._editable(uow.session, contact.customer_id)
            if fields.get("is_primary"):
                self._clear_primary(uow, contact.customer_id, keep=contact_id)
            return uow.update(contact, fields)

    def delete_contact(self, contact_id: str) -> None:
        with unit_of_work(self.store) as uow:
            contact = get_live(uow.session, Contact, contact_id)
            self._editable(uow.session, contact.customer_id)
            uow.delete(contact)

    @staticmethod
    def _clear_primary(uow: UnitOfWork, customer_id: str, keep: str | None = None) -> None:
        primaries = uow.session.exec(
            select(Contact).where(
                Contact.customer_id == customer_id, Contact.is_primary == True, Contact.deleted == False
            )
        )
        for other in primaries:
            if other.id != keep:
                uow.update(other, {"is_primary": False})

    def get(self, customer_id: str) -> dict[str, Any]:
        """The customer with owner name, contacts, opportunities, the visit timeline and its ownership history (both
        newest first), and its protection period as of this service's clock."""
        with self.store.session() as session:
            customer = get_live(session, Customer, customer_id)
            data = row_to_dict(customer)
            owner = session.get(User, customer.owner_id) if customer.owner_id else None
            data["owner"] = owner.name if owner else None
            data["protection"] = protection_of(session, customer, self.clock())
            data["ownership"] = ownership_history(session, customer_id)
            execute = session.connection().exec_driver_sql
            data["refused"] = refused_reasons(execute, "customer", [customer_id]).get(customer_id)
            data["contacts"] = [
                {**row_to_dict(c), "refused": refused_reasons(execute, "contact", [c.id]).get(c.id)}
                for c in session.exec(
                    select(Contact)
                    .where(Contact.customer_id == customer_id, Contact.deleted == False)
                    .order_by(col(Contact.is_primary).desc(), _CONTACT_PINYIN, col(Contact.name))
                )
            ]
            users = {u.id: u.name for u in session.exec(select(User))}
            visits = session.exec(
                select(Visit)
                .where(Visit.customer_id == customer_id, Visit.deleted == False)
                .order_by(col(Visit.started_at).desc())
            )
            data["visits"] = [{**row_to_dict(v), "rep": users.get(v.rep_id)} for v in visits]
            data["opportunities"] = [
                row_to_dict(o)
                for o in session.exec(
                    select(Opportunity).where(Opportunity.customer_id == customer_id, Opportunity.deleted == False)
                )
            ]
            return data
