"""Who may see what: reps their own and public-pool customers (and what hangs off them), supervisors their team;
a rep the customers they visited or lost a claim of; and a rep the customer a pending handover would give them
(read-only until it is approved).

The same predicate filters the pull feed, answers single-row reads, and builds the per-table checksums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import ColumnElement, String, and_, false, literal, or_, select, true
from sqlalchemy.orm import Session
from sqlmodel import col

from fieldcrm.domain.actors import Actor
from fieldcrm.models import Customer, OwnershipEvent, Team, User, Visit
from fieldcrm.models.ownership import CLAIM_LOST
from fieldcrm.models.registry import DIRECTORY  # noqa: E402 - tables every signed-in user sees whole
from fieldcrm.server.auth import Principal
from fieldcrm.server.pending_views import pending_showing
from fieldcrm.server.tables import row_seq

_customer = Customer.__table__
_visit = Visit.__table__
# Made once: an alias builds a proxy of every column the first time its `.c` is read (~5% of a pull's CPU when
# this was done per request).
_vis_c = _customer.alias("vis_c")
_vis_v = _visit.alias("vis_v")
_vis_e = OwnershipEvent.__table__.alias("vis_e")


@dataclass(frozen=True)
class Viewer:
    """A principal with the owner ids whose rows they see (None: an admin sees everything), and the teams whose
    members' rows (`TableSpec.team_field`: a team's settings) they see: their own, and those they lead."""

    principal: Principal
    owners: tuple[str, ...] | None
    teams: tuple[str, ...] = ()

    @property
    def user_id(self) -> str:
        return self.principal.user_id

    @cached_property
    def actor(self) -> Actor:
        """The same actor the laptop's services build: a supervisor's side is the members of the teams they lead.
        Built once per request (a push checks each of its groups with it)."""
        return Actor.of(self.user_id, self.principal.role, self.owners or ())


def viewer_for(session: Session, principal: Principal) -> Viewer:
    if principal.role == "admin":
        return Viewer(principal, None)
    owners = [principal.user_id]
    own_team = session.execute(select(col(User.team_id)).where(col(User.id) == principal.user_id)).scalar()
    teams = {own_team} if own_team else set()
    if principal.role == "supervisor":
        led = select(col(Team.id)).where(col(Team.supervisor_id) == principal.user_id)
        owners += list(session.execute(select(col(User.id)).where(col(User.team_id).in_(led))).scalars())
        teams.update(session.execute(led).scalars())
    return Viewer(principal, tuple(sorted(set(owners))), tuple(sorted(teams)))


def customer_visible(viewer: Viewer, customer_id: ColumnElement) -> ColumnElement[bool]:
    """The customer with this id is owned by one of the viewer's owners, is in the public pool (公海), the
    viewer's side logged a visit to it (so a merged duplicate stays visible to the rep who visited it) or lost a
    claim of it (head office recorded it: `server.lost_claims`), or a pending handover would give it to one of them."""
    if viewer.owners is None:
        return true()
    owners = viewer.owners
    c, v, e = _vis_c, _vis_v, _vis_e
    # OFFSET 0 keeps each EXISTS a per-row index probe: without it PostgreSQL may plan it as a hashed subplan,
    # which reads every customer (or every visit of the viewer) on each pull, however few rows the page holds.
    return or_(
        select(literal(1))
        .where(c.c.id == customer_id, or_(c.c.owner_id.in_(owners), c.c.in_public_pool == True))
        .offset(0)
        .exists(),
        select(literal(1))
        .where(v.c.customer_id == customer_id, v.c.owner_id.in_(owners), v.c.deleted == False)
        .offset(0)
        .exists(),
        select(literal(1))
        .where(e.c.customer_id == customer_id, e.c.kind == CLAIM_LOST, e.c.owner_id.in_(owners), e.c.deleted == False)
        .offset(0)
        .exists(),
        *pending_showing(customer_id, owners),
    )


def _seen_by_columns(
    viewer: Viewer, table_name: ColumnElement, owner_id: ColumnElement, party_id: ColumnElement | None
) -> ColumnElement[bool]:
    """The part of `row_visible` a row's own columns decide: the directory, one of the viewer's owners, or a party
    of the row who is one of them (an appeal's holder: `TableSpec.party_field`) or is one of their teams (a team's
    settings: `TableSpec.team_field`). The callers have answered for admins, who have none: `viewer.owners` is a
    tuple, or the feed query's parameter."""
    seen = or_(table_name.in_(DIRECTORY), owner_id.in_(viewer.owners))  # type: ignore[arg-type]
    if party_id is None:
        return seen
    return or_(seen, party_id.in_(viewer.owners), party_id.in_(viewer.teams))  # type: ignore[arg-type]


def seen_via_customer(viewer: Viewer, customer_id: ColumnElement) -> ColumnElement[bool]:
    """The part that probes customers and visits: the row hangs off a customer the viewer sees."""
    return and_(customer_id.is_not(None), customer_visible(viewer, customer_id))


def row_visible(
    viewer: Viewer,
    table_name: ColumnElement,
    owner_id: ColumnElement,
    customer_id: ColumnElement,
    party_id: ColumnElement | None = None,
) -> ColumnElement[bool]:
    if viewer.owners is None:
        return true()
    return or_(_seen_by_columns(viewer, table_name, owner_id, party_id), seen_via_customer(viewer, customer_id))


def in_feed(
    viewer: Viewer,
    table_name: ColumnElement,
    owner_id: ColumnElement,
    customer_id: ColumnElement,
    prev_owner_id: ColumnElement,
    prev_public: ColumnElement,
    shared: ColumnElement,
    party_id: ColumnElement | None = None,
) -> ColumnElement[bool]:
    """Visible now or before its latest change (so the viewer hears it left): `row_visible OR was_visible`.

    Written with every column test before the customer probes: PostgreSQL evaluates an OR in order, and a pull
    filters every row committed after its cursor, most of them other reps' rows. The probes run only for `shared`
    rows: a row whose customer nobody outside its owner's side may see is visible exactly where its owner is."""
    if viewer.owners is None:
        return true()
    return or_(
        _seen_by_columns(viewer, table_name, owner_id, party_id),
        was_visible(viewer, prev_owner_id, prev_public),
        and_(shared == True, seen_via_customer(viewer, customer_id)),
    )


def was_visible(viewer: Viewer, prev_owner_id: ColumnElement, prev_public: ColumnElement) -> ColumnElement[bool]:
    """Before its latest change the row may have been on this viewer's laptop: tell them it left."""
    if viewer.owners is None:
        return false()
    return or_(prev_owner_id.in_(viewer.owners), prev_public == True)


def can_see(
    session: Session,
    viewer: Viewer,
    table: str,
    owner_id: str | None,
    customer_id: str | None,
    party_id: str | None = None,
) -> bool:
    if viewer.owners is None or table in DIRECTORY or owner_id in viewer.owners:
        return True
    if party_id is not None and (party_id in viewer.owners or party_id in viewer.teams):
        return True
    if customer_id is None:
        return False
    return bool(session.execute(select(customer_visible(viewer, literal(customer_id, String(36))))).scalar())


def sees_row(session: Session, viewer: Viewer, table: str, row_id: str) -> bool:
    """Whether the viewer may see one row of `table` by its id, as the feed would show it (False for a row the
    feed does not know)."""
    found = session.execute(
        select(row_seq.c.owner_id, row_seq.c.customer_id, row_seq.c.party_id).where(
            row_seq.c.table_name == table, row_seq.c.row_id == row_id
        )
    ).first()
    return found is not None and can_see(session, viewer, table, found[0], found[1], found[2])


def owners_list(viewer: Viewer) -> Sequence[str] | None:
    return viewer.owners
