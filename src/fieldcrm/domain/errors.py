"""Errors a user can act on (from the domain rules and the services): what went wrong, on which field, and why."""

from __future__ import annotations

from dataclasses import dataclass


class ServiceError(Exception):
    """Base of the errors a user can act on. `field` names the field at fault, if one is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationError(ServiceError):
    pass


class NotFoundError(ServiceError):
    pass


class PermissionDeniedError(ServiceError):
    pass


class InvalidStateError(ServiceError):
    """The operation does not fit the record's state (e.g. editing a countersigned report)."""


class StaleError(InvalidStateError):
    """The record changed since the user saw it."""


@dataclass(frozen=True)
class DuplicateMatch:
    customer_id: str
    name: str
    owner_id: str | None
    owner_name: str | None
    reason: str  # "credit_code" | "name" | "phone" | "similar_name"

    def describe(self) -> str:
        owner = self.owner_name or "no owner"
        why = {
            "credit_code": "same credit code",
            "name": "same company name",
            "phone": "same phone",
            "similar_name": "similar name",
        }.get(self.reason, self.reason)
        return f"{self.name} ({why}; owner {owner}; id {self.customer_id})"


class DuplicateError(ServiceError):
    def __init__(self, matches: list[DuplicateMatch]) -> None:
        self.matches = matches
        listed = "; ".join(m.describe() for m in matches[:5])
        super().__init__(f"possible duplicate of an existing customer: {listed}", field="name")
