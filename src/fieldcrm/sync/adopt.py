"""A profile's first login: adopt the work done offline under a local identity, or refuse to mix two people's work.

`fieldcrm init` makes a local user (and team) with ids of the laptop's own. The server knows the same person under
another id, so before anything is pushed every row the local user owns or authored is re-keyed to the server's
identity, in one transaction, after a backup of the store file. Rows whose ids are made from the rep's id (the
day's plan and report) get the ids the server expects, and the outbox entries already waiting are rewritten to
match, keeping their order and groups: they are then pushed as ordinary changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, text
from sqlmodel import Session, col, func, select

from fieldcrm.models import SYNCED_TABLES, ConflictRecord, OutboxEntry, User
from fieldcrm.services.plans import plan_id_for
from fieldcrm.services.reports import report_id_for
from fieldcrm.services.state import CURRENT_USER, get_state
from fieldcrm.store import Store
from fieldcrm.store.migrate import backup_store
from fieldcrm.sync.protocol import UserInfo
from fieldcrm.sync.transport import SyncError

#: Columns that hold a user's id, in any synced table that has them.
USER_COLUMNS = (
    *("owner_id", "rep_id", "first_contact_by", "signed_by", "returned_by", "supervisor_id"),
    *("from_owner_id", "to_owner_id", "by_user_id"),  # the ownership history's
)
#: Tables whose row id is made from the rep's id and a day, and how.
DAY_IDS = {"visit_plan": ("plan_date", plan_id_for), "daily_report": ("report_date", report_id_for)}
#: Fields of an outbox entry that may hold a re-keyed row id.
ID_FIELDS = ("id", "plan_id")


class ProfileInUse(SyncError):
    """Another person's unsent work is in this profile: logging in as someone else would mix the two."""


def same_person(local_name: str, server_name: str) -> bool:
    return " ".join(local_name.split()).casefold() == " ".join(server_name.split()).casefold()


def unsent_count(session: Session) -> int:
    """Changes head office has not accepted yet: waiting in the outbox, or refused and still open."""
    waiting = session.exec(select(func.count()).select_from(OutboxEntry)).one()
    refused = session.exec(
        select(func.count())
        .select_from(ConflictRecord)
        .where(col(ConflictRecord.kind) == "rejected", col(ConflictRecord.status) == "open")
    ).one()
    return int(waiting) + int(refused)


def others_work(session: Session, me: str | None) -> dict[str, int]:
    """{name: unsent changes} of rows owned by users made on this laptop (never known to head office) other than
    `me`: a demo's reps, or a colleague who shared the laptop. Nobody's login can send them."""
    strangers = {u.id: u.name for u in session.exec(select(User).where(User.version == 0, User.id != me))}
    if not strangers:
        return {}
    execute = session.connection().exec_driver_sql
    marks = ",".join("?" * len(strangers))
    counts: dict[str, int] = {}
    for table in SYNCED_TABLES:
        if table in ("team", "app_user"):
            continue
        found = execute(
            f"SELECT t.owner_id, count(*) FROM {table} t JOIN ("
            "SELECT row_id FROM outbox WHERE table_name = ? UNION ALL "
            "SELECT row_id FROM conflict WHERE table_name = ? AND kind = 'rejected' AND status = 'open'"
            f") w ON w.row_id = t.id WHERE t.owner_id IN ({marks}) GROUP BY t.owner_id",
            (table, table, *strangers),
        )
        for owner, count in found:
            counts[strangers[owner]] = counts.get(strangers[owner], 0) + int(count)
    return counts


def check_login(store: Store, name: str) -> None:
    """Refuse, before anything is sent, a login that would mix people's work: as someone other than the person
    whose unsent work is here, or into a profile holding work of people made on this laptop (a demo's reps)."""
    with store.session() as session:
        current_id = get_state(session, CURRENT_USER)
        current = session.get(User, current_id) if current_id else None
        if current is None:
            return
        if not same_person(current.name, name):
            count = unsent_count(session)
            if count:
                raise ProfileInUse(
                    f"this profile belongs to {current.name} and holds {count} change(s) head office has not "
                    f"received; log in as {current.name} to send them, or give {name} a profile of their own "
                    "(--data-dir DIR)"
                )
            return
        others = others_work(session, current.id)
    if others:
        people = ", ".join(sorted(others))
        raise ProfileInUse(
            f"this profile also holds {sum(others.values())} change(s) of {people}, made on this laptop, which "
            f"head office cannot accept from {name}; keep this profile for working offline (a demo) and give "
            f"{name} a profile of their own (--data-dir DIR)"
        )


@dataclass
class Adoption:
    """What a first login re-keyed: the local id it replaced, and how many rows and waiting changes moved."""

    local_id: str
    server_id: str
    rows: int
    entries: int
    backup: Path | None


def adopt(store: Store, backups: Path, info: UserInfo) -> Adoption | None:
    """Re-key the profile's local user to the server's identity `info` (the same person), with everything they own
    or authored. Returns None when there is nothing to re-key. Raises ProfileInUse for a different person with
    unsent work here (`check_login` normally said so before the password was sent)."""
    check_login(store, info.name)  # again, with the name as head office spells it
    with store.session() as session:
        current_id = get_state(session, CURRENT_USER)
        current = session.get(User, current_id) if current_id else None
        if current is None or current.id == info.id or not same_person(current.name, info.name):
            return None
        local_id = current.id
    backup = backup_store(store.path, backups, "before-login") if store.path.exists() else None
    with store.transaction() as session:
        conn = session.connection()
        # The first write opens the transaction; only then does deferring foreign keys last until its commit,
        # so the ids of parents and their children can move one after the other.
        conn.execute(text("UPDATE sync_state SET value = :new WHERE key = :key"), {"new": info.id, "key": CURRENT_USER})
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        rows, id_map = _rekey_day_rows(conn, local_id, info.id)
        rows += _rekey_user(conn, local_id, info)
        for table_name, model in SYNCED_TABLES.items():
            columns = set(model.__table__.columns.keys())
            for column in USER_COLUMNS:
                if column in columns:
                    result = conn.execute(
                        text(f"UPDATE {table_name} SET {column} = :new WHERE {column} = :old"),
                        {"new": info.id, "old": local_id},
                    )
                    rows += result.rowcount or 0
        conn.execute(
            text("UPDATE import_batch SET user_id = :new WHERE user_id = :old"), {"new": info.id, "old": local_id}
        )
        signatures = _resign_reports(conn, local_id, id_map)
        entries = _rewrite_outbox(conn, local_id, info.id, id_map, signatures)
        if info.role != "admin":
            rows += _own_offline_pool(conn, info.id)
        for table_name in ("conflict", "import_item"):
            for old, new in id_map.items():
                conn.execute(
                    text(f"UPDATE {table_name} SET row_id = :new WHERE row_id = :old"), {"new": new, "old": old}
                )
    return Adoption(local_id, info.id, rows, entries, backup)


def _own_offline_pool(conn: Connection, me: str) -> int:
    """Only head office puts a customer in the public pool. Pool customers made here before the first login (the
    demo makes some) and never sent become the profile's own, as a new customer of theirs would be: head office
    would refuse them as they are, and everything hanging off them with them. Their waiting insert says so too."""
    ids = list(
        conn.execute(
            text("SELECT id FROM customer WHERE in_public_pool = 1 AND owner_id IS NULL AND version = 0")
        ).scalars()
    )
    if not ids:
        return 0
    mine = {"owner_id": me, "in_public_pool": False}
    for row_id in ids:
        conn.execute(
            text(
                "UPDATE customer SET owner_id = :me, in_public_pool = 0,"
                " first_contact_by = COALESCE(first_contact_by, :me) WHERE id = :id"
            ),
            {"me": me, "id": row_id},
        )
        found = conn.execute(
            text(
                "SELECT client_seq, fields FROM outbox WHERE table_name = 'customer' AND op = 'insert' AND row_id = :i"
            ),
            {"i": row_id},
        )
        for seq, raw in found.all():
            fields = {**json.loads(raw or "{}"), **mine}
            fields["first_contact_by"] = fields.get("first_contact_by") or me
            conn.execute(
                text("UPDATE outbox SET fields = :fields WHERE client_seq = :seq"),
                {"fields": json.dumps(fields, ensure_ascii=False), "seq": seq},
            )
    return len(ids)


def _rekey_day_rows(conn: Connection, old: str, new: str) -> tuple[int, dict[str, str]]:
    """Plans and reports have ids made from the rep's id and the day: give them the ids made from the new one."""
    id_map: dict[str, str] = {}
    for table_name, (day_column, make_id) in DAY_IDS.items():
        found = conn.execute(text(f"SELECT id, {day_column} FROM {table_name} WHERE rep_id = :old"), {"old": old})
        for row_id, day in found.all():
            fresh = make_id(new, date.fromisoformat(str(day)[:10]))
            if fresh != row_id:
                id_map[row_id] = fresh
                conn.execute(text(f"UPDATE {table_name} SET id = :new WHERE id = :old"), {"new": fresh, "old": row_id})
    for old_plan, new_plan in id_map.items():
        conn.execute(
            text("UPDATE planned_stop SET plan_id = :new WHERE plan_id = :old"), {"new": new_plan, "old": old_plan}
        )
    return len(id_map), id_map


def _rekey_user(conn: Connection, old: str, info: UserInfo) -> int:
    """The local user row becomes the server's account (name, role and team as head office has them)."""
    old_team = conn.execute(text("SELECT team_id FROM app_user WHERE id = :id"), {"id": old}).scalar()
    if conn.execute(text("SELECT 1 FROM app_user WHERE id = :id"), {"id": info.id}).first() is not None:
        conn.execute(text("DELETE FROM app_user WHERE id = :old"), {"old": old})  # the account arrived already
    else:
        conn.execute(
            text("UPDATE app_user SET id = :new, name = :name, role = :role, team_id = :team WHERE id = :old"),
            {"new": info.id, "name": info.name, "role": info.role, "team": info.team_id, "old": old},
        )
    if old_team and old_team != info.team_id:
        # A team made here for this user alone, never seen by head office, goes with the local identity.
        conn.execute(
            text(
                "DELETE FROM team WHERE id = :team AND version = 0 "
                "AND NOT EXISTS (SELECT 1 FROM app_user WHERE team_id = :team)"
            ),
            {"team": old_team},
        )
    return 1


def _resign_reports(conn: Connection, old: str, id_map: dict[str, str]) -> dict[str, str]:
    """A signature covers the rep's id: a report signed here, intact before the re-key, stays intact after it."""
    from fieldcrm.models import DailyReport
    from fieldcrm.services.reports import content_digest

    changed: dict[str, str] = {}
    found = conn.execute(
        text(
            "SELECT id, rep_id, report_date, summary, content, signature FROM daily_report WHERE signature IS NOT NULL"
        )
    )
    for row_id, rep_id, day, summary, content, signature in found.all():
        if row_id not in id_map.values():
            continue
        report = DailyReport(
            id=row_id, rep_id=old, report_date=date.fromisoformat(str(day)[:10]), summary=summary, content=content
        )
        if content_digest(report) != signature:
            continue  # changed after signing already: the re-key must not make it look intact
        report.rep_id = rep_id
        fresh = content_digest(report)
        if fresh != signature:
            changed[signature] = fresh
            conn.execute(text("UPDATE daily_report SET signature = :new WHERE id = :id"), {"new": fresh, "id": row_id})
    return changed


def _rewrite_outbox(conn: Connection, old: str, new: str, id_map: dict[str, str], signatures: dict[str, str]) -> int:
    """Waiting entries say what the re-keyed rows now say; their order, groups and op ids stay as they were."""
    rewritten = []
    found = conn.execute(text("SELECT client_seq, row_id, fields FROM outbox ORDER BY client_seq"))
    for seq, row_id, raw in found.all():
        fields = json.loads(raw or "{}")
        changed = False
        for key in USER_COLUMNS:
            if fields.get(key) == old:
                fields[key] = new
                changed = True
        for key in ID_FIELDS:
            if fields.get(key) in id_map:
                fields[key] = id_map[fields[key]]
                changed = True
        if fields.get("signature") in signatures:
            fields["signature"] = signatures[fields["signature"]]
            changed = True
        new_row_id = id_map.get(row_id, row_id)
        if changed or new_row_id != row_id:
            rewritten.append({"seq": seq, "row_id": new_row_id, "fields": json.dumps(fields, ensure_ascii=False)})
    if rewritten:
        conn.execute(text("UPDATE outbox SET row_id = :row_id, fields = :fields WHERE client_seq = :seq"), rewritten)
    return len(rewritten)
