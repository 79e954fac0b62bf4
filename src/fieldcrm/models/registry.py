"""One declaration per synced entity: what it is to sync, to the server's merge and checks, and to the screens.

Every per-table list elsewhere (the synced tables in order, customer-scoped tables, the directory, important and
set-merged fields, server-owned and derived fields, which rows may arrive as drafts, the nouns) is derived from
these specs. Adding an entity is adding its spec here (and its model, migrations, domain rules and checks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from fieldcrm.models.appeal import Appeal
from fieldcrm.models.audit import AuditEvent, ExportPolicy
from fieldcrm.models.base import SyncedBase
from fieldcrm.models.customer import Contact, Customer
from fieldcrm.models.handover import HANDOVER_WORKFLOW, Handover
from fieldcrm.models.opportunity import WON_STAGE, Opportunity
from fieldcrm.models.ownership import OwnershipEvent
from fieldcrm.models.report import DailyReport
from fieldcrm.models.team_rules import TeamRules
from fieldcrm.models.user import Team, User
from fieldcrm.models.visit import PlannedStop, Visit, VisitPlan
from fieldcrm.normalize import normalise_company_name, normalise_phone
from fieldcrm.vocabulary import ROW_NOUNS

#: Who sees a table's rows: their owner's side ("own"), whoever sees the customer they hang off ("customer"), or
#: every signed-in user (the company "directory" of colleagues and teams).
Scope = Literal["own", "customer", "directory"]

#: Fields no client ever sets: the server (or the device that makes the row) keeps them.
COMMON_SERVER_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})


def derive_customer(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A customer's normalised name and phone (for duplicate checks and sorting), from whichever of name and phone
    `fields` holds: what every write path (service, import, server merge) sets alongside them."""
    derived: dict[str, Any] = {}
    if "name" in fields:
        derived["name_norm"] = normalise_company_name(fields["name"])
    if "phone" in fields:
        derived["phone_norm"] = normalise_phone(fields["phone"]) or None
    return derived


@dataclass(frozen=True)
class TableSpec:
    model: type[SyncedBase]
    #: How a sentence names one row ("no planned stop with id …").
    noun: str
    #: The noun a screen listens for: announced when rows of this table change.
    refreshes: str
    scope: Scope = "own"
    #: The column holding the customer a row hangs off (customer-scoped tables).
    customer_field: str | None = None
    #: Whether the row's owner follows its customer to a new owner (contacts, opportunities); visits and stops stay
    #: the work of the rep who made them.
    moves_with_customer: bool = False
    #: Fields two people must not silently overwrite: both values are kept as a conflict the user resolves.
    important: frozenset[str] = frozenset()
    #: Comma-separated sets: an add beats a concurrent remove.
    set_merged: frozenset[str] = frozenset()
    #: Fields only the server sets (beyond the common ones and the derived ones).
    server_owned: frozenset[str] = frozenset()
    #: Fields computed from others, and the function computing them from the fields given.
    derived: frozenset[str] = frozenset()
    derive: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    #: The fields `derive` reads.
    derived_from: frozenset[str] = frozenset()
    #: Times the server stamps when a row arrives (the laptop's clock is never trusted for them).
    stamped_on_arrival: frozenset[str] = frozenset()
    #: Rows two laptops may create independently offline: the second creation merges into the first (same id, or
    #: a twin by normalised name), leaving a `merged_into` marker that later ops follow.
    twins: bool = False
    #: A new row extends its customer's protection period (保护期) from the time in this field, as head office judges
    #: it on the row's arrival (a visit: its start, counted only within the grace window if it arrives late).
    extends_protection: str | None = None
    #: A row reaching this value of this field (a deal's stage: won) extends its customer's protection by the
    #: team's `won_extends_days`, from the day head office receives it.
    extends_protection_when: tuple[str, str] | None = None
    #: Rows that are only their customer's record (its ownership history): written once and never deleted on their
    #: own, they are purged with their customer's tombstone instead of keeping it for ever.
    purged_with_customer: bool = False
    #: A new row makes the customer it hangs off visible to its author (a visit to a customer they co-created).
    reveals_customer: bool = False
    #: Fields that change only through the entity's workflow steps (submit, countersign, return).
    workflow_fields: frozenset[str] = frozenset()
    #: Fields that change only under the ownership rules (first contact, claim, release, assignment).
    ownership_fields: frozenset[str] = frozenset()
    #: Columns naming users outside the owner's side who may take the row's steps (a handover's receiving rep); the
    #: table's own rule in `domain/` judges which steps, and when.
    steps_by: frozenset[str] = frozenset()
    #: The column naming a user who sees the row's customer, read-only, while the row is pending (a handover's
    #: receiving rep), and the statuses that are pending (`server/visibility.py`).
    shows_customer_to: str | None = None
    pending_statuses: frozenset[str] = frozenset()
    #: New rows nothing else in a push names may be inserted in bulk, without an ORM object.
    drafts: bool = True
    #: Only head office writes these rows (accounts and teams); a laptop's op on them is refused.
    head_office_only: bool = False
    #: The column naming a second user whose side sees the row as its owner's side does, whether or not they see its
    #: customer (an appeal: the rep holding the customer when it was filed, who may lose it by the decision).
    party_field: str | None = None
    #: New rows may point at a customer their author does not hold (an appeal about one they lost): the table's own
    #: rule decides who may add one.
    by_outsiders: bool = False
    #: The column naming the team whose members (and its supervisor) see the row, whoever owns it (a team's
    #: settings). The table's own rule says who may change it.
    team_field: str | None = None

    @cached_property
    def name(self) -> str:
        """The table's name. Kept once read: SQLModel works `__tablename__` out anew at each read, and the server
        asks for it for every pushed op."""
        return self.model.__tablename__

    def shown_to(self, row: Any) -> str | None:
        """The user a row of this table shows its customer to while it is pending (`shows_customer_to`), or None."""
        if self.shows_customer_to is None or row.status not in self.pending_statuses:
            return None
        return getattr(row, self.shows_customer_to)

    @property
    def never_from_client(self) -> frozenset[str]:
        """Fields a pushed op may not set: the server's own, and the derived (recomputed from their sources)."""
        return COMMON_SERVER_FIELDS | self.server_owned | self.derived


OWNERSHIP = frozenset({"owner_id", "in_public_pool", "protection_until", "first_contact_at", "first_contact_by"})
REPORT_WORKFLOW = frozenset(
    {"status", "submitted_at", "times_submitted", "signed_by", "signed_at", "signature"}
    | {"return_comment", "returned_by"}
)

#: Parents before children: the order a fresh pull applies and a repair walks them in.
SPECS: tuple[TableSpec, ...] = (
    TableSpec(Team, "team", "profile", scope="directory", drafts=False, head_office_only=True),
    TableSpec(User, "user", "profile", scope="directory", drafts=False, head_office_only=True),
    TableSpec(
        Customer,
        "customer",
        "customers",
        important=frozenset({"name", "phone", "address", "credit_code", "grade"}),
        set_merged=frozenset({"tags"}),
        server_owned=frozenset({"merged_into"}),
        derived=frozenset({"name_norm", "phone_norm"}),
        derive=derive_customer,
        derived_from=frozenset({"name", "phone"}),
        twins=True,
        ownership_fields=OWNERSHIP,
    ),
    TableSpec(
        Contact,
        "contact",
        "customers",
        scope="customer",
        customer_field="customer_id",
        moves_with_customer=True,
        important=frozenset({"name", "phone", "mobile"}),
    ),
    TableSpec(VisitPlan, "visit plan", "plans"),
    TableSpec(PlannedStop, "planned stop", "plans", scope="customer", customer_field="customer_id"),
    TableSpec(
        Visit,
        "visit",
        "visits",
        scope="customer",
        customer_field="customer_id",
        server_owned=frozenset({"received_at"}),
        stamped_on_arrival=frozenset({"received_at"}),
        extends_protection="started_at",
        reveals_customer=True,
    ),
    TableSpec(DailyReport, "daily report", "reports", drafts=False, workflow_fields=REPORT_WORKFLOW),
    TableSpec(
        Opportunity,
        "opportunity",
        "customers",
        scope="customer",
        customer_field="customer_id",
        moves_with_customer=True,
        important=frozenset({"amount_cents", "stage"}),
        extends_protection_when=("stage", WON_STAGE),
    ),
    # Written once, never changed (domain/ownership_history.py refuses any later op); the row is its author's.
    TableSpec(
        OwnershipEvent,
        "ownership event",
        "customers",
        scope="customer",
        customer_field="customer_id",
        purged_with_customer=True,
    ),
    # The appellant's; the rep holding the customer sees it too (`party_field`); decided once (domain/appeals.py).
    TableSpec(
        Appeal,
        "appeal",
        "customers",
        scope="customer",
        customer_field="customer_id",
        party_field="holder_id",
        by_outsiders=True,
        purged_with_customer=True,
        workflow_fields=frozenset({"status", "decision", "decided_by", "decided_at"}),
    ),
    # A rep's customer handed to a teammate (domain/handover.py): the receiving rep takes a step on the requester's
    # row, and sees the customer while it is pending.
    TableSpec(
        Handover,
        "handover",
        "customers",
        scope="customer",
        customer_field="customer_id",
        workflow_fields=HANDOVER_WORKFLOW,
        steps_by=frozenset({"to_rep_id"}),
        shows_customer_to="to_rep_id",
        pending_statuses=frozenset({"requested", "accepted"}),
        drafts=False,
    ),
    TableSpec(ExportPolicy, "export policy", "profile", scope="directory", drafts=False, head_office_only=True),
    TableSpec(AuditEvent, "audit event", "audit", drafts=False),
    # A team's own settings (domain/team_rules.py): its members see them; its supervisor or an admin sets them.
    TableSpec(TeamRules, "team settings", "profile", team_field="team_id", drafts=False),
)

BY_NAME: dict[str, TableSpec] = {spec.name: spec for spec in SPECS}
BY_MODEL: dict[type[SyncedBase], TableSpec] = {spec.model: spec for spec in SPECS}

#: Synced tables by their table name, parents first.
SYNCED_TABLES: dict[str, type[SyncedBase]] = {spec.name: spec.model for spec in SPECS}
#: Customer-scoped tables and the column naming their customer.
CUSTOMER_SCOPED: dict[str, str] = {s.name: s.customer_field for s in SPECS if s.customer_field}
#: Tables every signed-in user sees whole.
DIRECTORY: tuple[str, ...] = tuple(s.name for s in SPECS if s.scope == "directory")
if _unknown := {s.refreshes for s in SPECS} - ROW_NOUNS:
    raise RuntimeError(f"add {sorted(_unknown)} to vocabulary.ROW_NOUNS: the nouns screens listen for")
#: Tables whose pending rows show their customer to a user (`TableSpec.shows_customer_to`).
SHOWING: tuple[TableSpec, ...] = tuple(s for s in SPECS if s.shows_customer_to)
#: Tables whose new rows may be inserted as drafts.
DRAFT_TABLES: frozenset[str] = frozenset(s.name for s in SPECS if s.drafts)


def spec_of(table_or_row: str | SyncedBase | type[SyncedBase]) -> TableSpec | None:
    """The spec of a table (by name), a model class or a row; None for a table that is not synced."""
    if isinstance(table_or_row, str):
        return BY_NAME.get(table_or_row)
    model = table_or_row if isinstance(table_or_row, type) else type(table_or_row)
    return BY_MODEL.get(model)


def derived_for(table: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The derived fields of `table` that follow from `fields` (empty where the table derives nothing)."""
    spec = BY_NAME.get(table)
    return spec.derive(fields) if spec is not None and spec.derive is not None else {}


def party_of(table: str, row: Any) -> str | None:
    """The second user whose side sees a row of `table` (`TableSpec.party_field`), or the team whose members see it
    (`TableSpec.team_field`), or None. The feed keeps it as the row's party: user and team ids never collide."""
    spec = BY_NAME.get(table)
    column = spec.party_field or spec.team_field if spec is not None else None
    return getattr(row, column) if column else None


def customer_of(table: str, row: Any) -> str | None:
    """The customer a row of `table` belongs to: itself for a customer, the customer it hangs off, or None."""
    if table == "customer":
        return row.id
    spec = BY_NAME.get(table)
    return getattr(row, spec.customer_field) if spec is not None and spec.customer_field else None
