"""Head office's own reads behind a handover's rules (客户交接), in-process on SQLite and PostgreSQL: one handover of
a customer at a time (requested or accepted; a declined or approved one no longer counts, and a handover's own
steps are not refused by itself), both reps active reps of one team, the customer as it stands."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, update

from fieldcrm.domain.handover import ALREADY_PENDING, CHANGED_HANDS, NOT_HELD, OTHER_TEAM
from fieldcrm.ids import uuid7
from fieldcrm.models import User
from fieldcrm.server import accounts
from server_fixtures import PASSWORD, send, team_signed_in


def _held_by(engine: Engine, admin: Any, owner_id: str, name: str = "宁波港华物流有限公司") -> str:
    cid = uuid7()
    fields = {"id": cid, "name": name, "owner_id": owner_id, "in_public_pool": False}
    assert send(engine, admin, "customer", cid, "insert", fields)[0] == "applied"
    return cid


def _ask(engine: Engine, by: Any, cid: str, from_id: str, to_id: str) -> tuple[tuple[str, str], str]:
    """`by` asks for the customer's handover from one rep to another: (status, refusal), and the handover's id."""
    hid = uuid7()
    fields = {
        "id": hid,
        "customer_id": cid,
        "from_rep_id": from_id,
        "to_rep_id": to_id,
        "reason": "调往华南片区",
        "requested_by": by.user_id,
        "owner_id": by.user_id,
    }
    status, reason = send(engine, by, "handover", hid, "insert", fields)
    return (status, reason), hid


def _step(engine: Engine, by: Any, hid: str, version: int, **fields: Any) -> tuple[str, str]:
    return send(engine, by, "handover", hid, "update", fields, base=version)


def _accepted(engine: Engine) -> tuple[Any, Any, Any, str, str]:
    """张伟's customer, whose handover to 李娜 she accepted: (王经理, 张伟, 李娜, customer id, handover id)."""
    admin, boss, zhang, li = team_signed_in(engine)
    cid = _held_by(engine, admin, zhang.user_id)
    asked, hid = _ask(engine, zhang, cid, zhang.user_id, li.user_id)
    assert asked == ("applied", "")
    assert _step(engine, li, hid, 1, status="accepted")[0] != "rejected"
    return boss, zhang, li, cid, hid


def test_one_handover_of_a_customer_at_a_time(server_engine, team) -> None:
    admin, boss, zhang, li = team_signed_in(server_engine)
    cid = _held_by(server_engine, admin, zhang.user_id)
    other_cid = _held_by(server_engine, admin, zhang.user_id, "温州鞋业有限公司")
    first, hid = _ask(server_engine, zhang, cid, zhang.user_id, li.user_id)
    assert first == ("applied", "")
    # Requested: nobody asks for another, not the rep, not the supervisor; another customer is not held up.
    assert _ask(server_engine, zhang, cid, zhang.user_id, li.user_id)[0] == ("rejected", ALREADY_PENDING)
    assert _ask(server_engine, boss, cid, zhang.user_id, li.user_id)[0] == ("rejected", ALREADY_PENDING)
    assert _ask(server_engine, zhang, other_cid, zhang.user_id, li.user_id)[0] == ("applied", "")
    # Its own steps go on: accepted, it is still pending.
    assert _step(server_engine, li, hid, 1, status="accepted")[0] != "rejected"
    assert _ask(server_engine, zhang, cid, zhang.user_id, li.user_id)[0] == ("rejected", ALREADY_PENDING)
    # Declined, it no longer holds the customer: a new handover may be asked for.
    declined = _step(server_engine, boss, hid, 2, status="declined", decline_reason="客户要求原业务员继续跟进")
    assert declined[0] != "rejected", declined
    assert _ask(server_engine, zhang, cid, zhang.user_id, li.user_id)[0] == ("applied", "")


def test_an_approved_handover_no_longer_holds_the_customer(server_engine, team) -> None:
    boss, zhang, li, cid, hid = _accepted(server_engine)
    approved = _step(server_engine, boss, hid, 2, status="approved")
    assert approved[0] != "rejected", approved
    # The customer moves (a laptop sends it with its handover event; the supervisor moves it alone here).
    assert send(server_engine, boss, "customer", cid, "update", {"owner_id": li.user_id}, base=1)[0] != "rejected"
    assert _ask(server_engine, li, cid, li.user_id, zhang.user_id)[0] == ("applied", "")


def test_approval_needs_the_customer_still_with_the_handing_rep(server_engine, team) -> None:
    boss, zhang, li, cid, hid = _accepted(server_engine)
    # Meanwhile the supervisor gave the customer to 李娜 herself: the handover cannot be approved any more.
    assert send(server_engine, boss, "customer", cid, "update", {"owner_id": li.user_id}, base=1)[0] != "rejected"
    assert _step(server_engine, boss, hid, 2, status="approved") == ("rejected", CHANGED_HANDS)


def test_a_handover_goes_to_an_active_rep_of_the_same_team_of_a_held_customer(server_engine, team) -> None:
    admin, boss, zhang, li = team_signed_in(server_engine)
    cid = _held_by(server_engine, admin, zhang.user_id)
    south = accounts.create_user(server_engine, "赵强", "rep", "华南二组", PASSWORD).id
    assert _ask(server_engine, zhang, cid, zhang.user_id, south)[0] == ("rejected", OTHER_TEAM)
    # Not to a supervisor, nor to a rep whose account is disabled or deleted.
    assert _ask(server_engine, zhang, cid, zhang.user_id, boss.user_id)[0] == ("rejected", OTHER_TEAM)
    for change in ({"active": False}, {"deleted": True}):
        with server_engine.begin() as conn:
            conn.execute(update(User).where(User.id == li.user_id).values(**change))
        assert _ask(server_engine, zhang, cid, zhang.user_id, li.user_id)[0] == ("rejected", OTHER_TEAM)
        with server_engine.begin() as conn:
            conn.execute(update(User).where(User.id == li.user_id).values(active=True, deleted=False))
    # A customer in the pool is held by nobody: assigned, not handed over.
    pooled = uuid7()
    fields = {"id": pooled, "name": "舟山渔业有限公司", "owner_id": None, "in_public_pool": True}
    assert send(server_engine, admin, "customer", pooled, "insert", fields)[0] == "applied"
    assert _ask(server_engine, zhang, pooled, zhang.user_id, li.user_id)[0] == ("rejected", NOT_HELD)
    assert _ask(server_engine, boss, pooled, zhang.user_id, li.user_id)[0] == ("rejected", NOT_HELD)
