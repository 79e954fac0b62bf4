"""SQLModel tables shared by the laptop store and the head-office server."""

from fieldcrm.models.appeal import APPEAL_STATUSES, LOSSES, Appeal
from fieldcrm.models.audit import AUDIT_KINDS, EXPORT_SCOPES, AuditEvent, ExportPolicy
from fieldcrm.models.base import BOOKKEEPING_FIELDS, SyncedBase, utcnow
from fieldcrm.models.customer import GRADES, STAGES, Contact, Customer
from fieldcrm.models.handover import Handover
from fieldcrm.models.importing import ImportBatch, ImportItem
from fieldcrm.models.opportunity import CLOSED_STAGES, OPEN_STAGES, OPPORTUNITY_STAGES, Opportunity
from fieldcrm.models.ownership import OWNERSHIP_KINDS, OwnershipEvent
from fieldcrm.models.registry import SYNCED_TABLES, TableSpec, spec_of  # noqa: E402 - after the models it lists
from fieldcrm.models.report import REPORT_STATUSES, DailyReport
from fieldcrm.models.syncmeta import ConflictRecord, OutboxEntry, SyncState
from fieldcrm.models.team_rules import TeamRules
from fieldcrm.models.user import ROLES, Team, User
from fieldcrm.models.visit import STOP_STATUSES, VISIT_KINDS, PlannedStop, Visit, VisitPlan

__all__ = [
    "APPEAL_STATUSES",
    "LOSSES",
    "Appeal",
    "AUDIT_KINDS",
    "EXPORT_SCOPES",
    "AuditEvent",
    "ExportPolicy",
    "BOOKKEEPING_FIELDS",
    "CLOSED_STAGES",
    "OPEN_STAGES",
    "GRADES",
    "OPPORTUNITY_STAGES",
    "OWNERSHIP_KINDS",
    "REPORT_STATUSES",
    "ROLES",
    "STAGES",
    "STOP_STATUSES",
    "SYNCED_TABLES",
    "VISIT_KINDS",
    "ConflictRecord",
    "Contact",
    "Customer",
    "DailyReport",
    "Handover",
    "ImportBatch",
    "ImportItem",
    "Opportunity",
    "OutboxEntry",
    "OwnershipEvent",
    "PlannedStop",
    "SyncState",
    "SyncedBase",
    "TableSpec",
    "Team",
    "TeamRules",
    "User",
    "Visit",
    "VisitPlan",
    "spec_of",
    "utcnow",
]
