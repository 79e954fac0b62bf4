"""Translated names of fields, grades, stages, kinds and statuses, and how a service error reads on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldcrm.domain.errors import DuplicateError, DuplicateMatch, ServiceError
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.reasons import localize

FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("fields", "Name"),
    "phone": QT_TRANSLATE_NOOP("fields", "Phone"),
    "credit_code": QT_TRANSLATE_NOOP("fields", "Credit code"),
    "address": QT_TRANSLATE_NOOP("fields", "Address"),
    "region": QT_TRANSLATE_NOOP("fields", "Region"),
    "industry": QT_TRANSLATE_NOOP("fields", "Industry"),
    "size": QT_TRANSLATE_NOOP("fields", "Size"),
    "grade": QT_TRANSLATE_NOOP("fields", "Grade"),
    "stage": QT_TRANSLATE_NOOP("fields", "Stage"),
    "source": QT_TRANSLATE_NOOP("fields", "Source"),
    "tags": QT_TRANSLATE_NOOP("fields", "Tags"),
    "notes": QT_TRANSLATE_NOOP("fields", "Notes"),
    "next_follow_up": QT_TRANSLATE_NOOP("fields", "Next follow-up"),
    "owner": QT_TRANSLATE_NOOP("fields", "Owner"),
    "outcome": QT_TRANSLATE_NOOP("fields", "Outcome"),
    "next_step": QT_TRANSLATE_NOOP("fields", "Next step"),
    "next_date": QT_TRANSLATE_NOOP("fields", "Follow-up date"),
    "summary": QT_TRANSLATE_NOOP("fields", "Summary"),
    "comment": QT_TRANSLATE_NOOP("fields", "Comment"),
    "kind": QT_TRANSLATE_NOOP("fields", "Kind"),
    "email": QT_TRANSLATE_NOOP("fields", "E-mail"),
    "title": QT_TRANSLATE_NOOP("fields", "Title"),
    "mobile": QT_TRANSLATE_NOOP("fields", "Mobile"),
    "wechat": QT_TRANSLATE_NOOP("fields", "WeChat"),
    "role": QT_TRANSLATE_NOOP("fields", "Role"),
    "team": QT_TRANSLATE_NOOP("fields", "Team"),
    "protection_until": QT_TRANSLATE_NOOP("fields", "Protected until"),
    "server": QT_TRANSLATE_NOOP("fields", "Server address"),
    "user": QT_TRANSLATE_NOOP("fields", "User name"),
    "value": QT_TRANSLATE_NOOP("fields", "Value"),
}

KINDS = {
    "visit": QT_TRANSLATE_NOOP("fields", "Visit"),
    "call": QT_TRANSLATE_NOOP("fields", "Call"),
    "meeting": QT_TRANSLATE_NOOP("fields", "Meeting"),
    "email": QT_TRANSLATE_NOOP("fields", "E-mail"),
}

OWNERSHIP_KINDS = {
    "first_contact": QT_TRANSLATE_NOOP("fields", "First contact"),
    "claim": QT_TRANSLATE_NOOP("fields", "Claimed from the public pool"),
    "release": QT_TRANSLATE_NOOP("fields", "Released to the public pool"),
    "return_to_pool": QT_TRANSLATE_NOOP("fields", "Returned to the public pool"),
    "assignment": QT_TRANSLATE_NOOP("fields", "Assigned"),
    "handover": QT_TRANSLATE_NOOP("fields", "Handed over"),
    "arbitration": QT_TRANSLATE_NOOP("fields", "Decided by arbitration"),
    "claim_lost": QT_TRANSLATE_NOOP("fields", "Claim lost: another rep's claim reached head office first"),
}

#: The rules an ownership change may name (`domain.pool.ReturnRule` and the first-contact rule).
OWNERSHIP_RULES = {
    "first_contact": QT_TRANSLATE_NOOP("fields", "first contact owns the customer"),
    "no_followup": QT_TRANSLATE_NOOP("fields", "no follow-up in time"),
    "no_deal": QT_TRANSLATE_NOOP("fields", "no deal in time"),
    "protection_ended": QT_TRANSLATE_NOOP("fields", "protection ended without a deal"),
    "appeal": QT_TRANSLATE_NOOP("fields", "an appeal upheld by the supervisor"),
}

#: Why a held customer will go back to the pool (`domain.pool.ReturnRule`), said of what is to come.
RETURN_RULES = {
    "no_followup": QT_TRANSLATE_NOOP("fields", "no follow-up in time"),
    "no_deal": QT_TRANSLATE_NOOP("fields", "no deal in time"),
    "protection_ended": QT_TRANSLATE_NOOP("fields", "protection ends without a deal"),
}

#: How a rep lost a customer (`domain.appeals.LOST_SENTENCES`), as an appeal names it.
LOSSES = {
    "claim": QT_TRANSLATE_NOOP("fields", "Another rep's claim came first"),
    "registration": QT_TRANSLATE_NOOP("fields", "Another rep registered it first"),
    "return_to_pool": QT_TRANSLATE_NOOP("fields", "Returned to the public pool"),
    "assignment": QT_TRANSLATE_NOOP("fields", "Assigned away"),
    "handover": QT_TRANSLATE_NOOP("fields", "Handed over"),
}

STATUSES = {
    "draft": QT_TRANSLATE_NOOP("fields", "Draft"),
    "submitted": QT_TRANSLATE_NOOP("fields", "Submitted"),
    "countersigned": QT_TRANSLATE_NOOP("fields", "Countersigned"),
    "returned": QT_TRANSLATE_NOOP("fields", "Returned"),
    "planned": QT_TRANSLATE_NOOP("fields", "Planned"),
    "done": QT_TRANSLATE_NOOP("fields", "Done"),
    "cancelled": QT_TRANSLATE_NOOP("fields", "Cancelled"),
    # a handover's (domain/handover.py)
    "requested": QT_TRANSLATE_NOOP("fields", "Requested"),
    "accepted": QT_TRANSLATE_NOOP("fields", "Accepted"),
    "approved": QT_TRANSLATE_NOOP("fields", "Approved"),
    "declined": QT_TRANSLATE_NOOP("fields", "Declined"),
    "open": QT_TRANSLATE_NOOP("fields", "Open"),
    "upheld": QT_TRANSLATE_NOOP("fields", "Upheld"),
    "rejected": QT_TRANSLATE_NOOP("fields", "Rejected"),
}

ROLE_NAMES = {
    "rep": QT_TRANSLATE_NOOP("fields", "Sales rep"),
    "supervisor": QT_TRANSLATE_NOOP("fields", "Supervisor"),
    "admin": QT_TRANSLATE_NOOP("fields", "Administrator"),
}

DUPLICATE_REASONS = {
    "credit_code": QT_TRANSLATE_NOOP("fields", "same credit code"),
    "name": QT_TRANSLATE_NOOP("fields", "same company name"),
    "phone": QT_TRANSLATE_NOOP("fields", "same phone"),
    "similar_name": QT_TRANSLATE_NOOP("fields", "similar name"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("fields", text)


def label(field: str) -> str:
    return tr(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def kind_name(kind: str) -> str:
    return tr(KINDS.get(kind, kind))


def ownership_kind_name(kind: str) -> str:
    return tr(OWNERSHIP_KINDS.get(kind, kind))


def ownership_rule_name(rule: str | None) -> str:
    return tr(OWNERSHIP_RULES.get(rule, rule)) if rule else ""


def return_rule_name(rule: str | None) -> str:
    return tr(RETURN_RULES.get(rule, rule)) if rule else ""


def loss_name(how: str) -> str:
    return tr(LOSSES.get(how, how))


def status_name(status: str) -> str:
    return tr(STATUSES.get(status, status))


def role_name(role: str) -> str:
    return tr(ROLE_NAMES.get(role, role))


def duplicate_line(match: DuplicateMatch) -> str:
    """One possible duplicate: name, why, and whose customer it is."""
    owner = getattr(match, "owner_name", None) or tr(QT_TRANSLATE_NOOP("fields", "no owner"))
    reason = tr(DUPLICATE_REASONS.get(match.reason, match.reason))
    return tr(QT_TRANSLATE_NOOP("fields", "{name} ({reason}; owner: {owner})")).format(
        name=match.name,
        reason=reason,
        owner=owner,
    )


def error_text(exc: ServiceError) -> str:
    """The field and the service's explanation in the user's language (see `fieldcrm.ui.reasons`)."""
    if isinstance(exc, DuplicateError):
        lines = "\n".join(duplicate_line(m) for m in exc.matches[:5])
        return tr(QT_TRANSLATE_NOOP("fields", "Possible duplicate of an existing customer:")) + "\n" + lines
    if exc.field:
        return label(exc.field) + QCoreApplication.translate("reasons", ": ") + localize(exc.message)
    return localize(exc.message)
