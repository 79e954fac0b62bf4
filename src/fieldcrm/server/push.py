"""Applying pushed groups: each group in its own transaction, exactly once by op id, merged field by field."""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from functools import cache, partial
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Select, bindparam, select, text
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session

from fieldcrm.domain.ops import OpView
from fieldcrm.domain.pool_counts import CLAIM
from fieldcrm.domain.protection import (
    PoolRules,
    protection_after_visit,
    protection_after_won_deal,
    protection_on_arrival,
    visit_counts_at,
)
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.ids import uuid7
from fieldcrm.models import SYNCED_TABLES, Customer, SyncedBase, User, utcnow
from fieldcrm.models.codec import encode_value
from fieldcrm.models.registry import BY_MODEL, CUSTOMER_SCOPED, SPECS, TableSpec, party_of
from fieldcrm.server import showing
from fieldcrm.server.auth import Principal
from fieldcrm.server.checks import Checker
from fieldcrm.server.db import insert_rows, is_sqlite
from fieldcrm.server.drafts import Draft, draft_rows, lone_inserts, twin_key
from fieldcrm.server.lost_claims import LostClaim, record_lost_claims
from fieldcrm.server.merge import BadOp, decode_fields, merge_update
from fieldcrm.server.tables import applied_op, sync_conflict
from fieldcrm.server.visibility import Viewer, can_see, viewer_for
from fieldcrm.server.writes import Touched, changes_since, record_changes, scope_of, touched_row
from fieldcrm.sync.protocol import CONFLICT_TABLE, OpResult, WireOp

# SQLite has one writer at a time anyway; taking turns here avoids its busy-retry storms. PostgreSQL writers run
# concurrently and meet only at the counter row, which is locked last, just before commit.
_sqlite_writer = threading.Lock()

T = TypeVar("T")
RowCache = dict[tuple[type[SyncedBase], str], SyncedBase | None]
#: The earliest live customer with a normalised (name, phone), or None where there is none.
TwinCache = dict[str, Customer | None]


class GroupRejected(Exception):
    def __init__(self, op: WireOp, reason: str) -> None:
        super().__init__(reason)
        self.op = op
        self.reason = reason


def group_ops(ops: list[WireOp]) -> list[list[WireOp]]:
    """Consecutive ops of one group id, in client_seq order."""
    groups: list[list[WireOp]] = []
    for op in sorted(ops, key=lambda o: o.client_seq):
        if groups and groups[-1][0].group_id == op.group_id:
            groups[-1].append(op)
        else:
            groups.append([op])
    return groups


class _SlowPath(Exception):
    """The fast path met a refused group or refused data: the push is applied again, a savepoint per group."""


def push(
    bind: Engine | Connection, principal: Principal, ops: list[WireOp], clock: Callable[[], datetime] = utcnow
) -> list[OpResult]:
    """Apply a push in one transaction: each group whole or not at all, one answer per op. `bind` is an engine, or
    a connection outside a transaction (each attempt below begins and ends its own on it).

    First without savepoints, the rows the ops name read (and locked) up front in one query per table and the
    writes flushed together: the common case, where every group applies, costs a handful of round trips. If any
    group is refused, that attempt is rolled back and the push applied again with a savepoint per group.
    """
    groups = group_ops(ops)
    with _sqlite_writer if is_sqlite(bind) else nullcontext():
        try:
            with _transaction(bind) as session:
                return _push_all(session, principal, groups, fast=True, clock=clock)
        except (_SlowPath, IntegrityError, DataError):
            pass  # a refused group, refused data, or a retry: again, group by group
        try:
            with _transaction(bind) as session:
                return _push_all(session, principal, groups, clock=clock)
        except IntegrityError:
            pass  # a concurrent retry of these very ops committed first: answer group by group
        results: list[OpResult] = []
        for group in groups:
            try:
                with _transaction(bind) as session:
                    results += _push_all(session, principal, [group], clock=clock)
            except IntegrityError:
                with Session(bind) as session:
                    stored = {r.op_id: r for r in _stored(session, principal, group)}
                    taken = _taken(session, group)
                # An op id another user's or device's op already has: never that op's answer, and not applied.
                results += [
                    stored.get(o.op_id)
                    or _rejected(o, REUSED_ID if o.op_id in taken else f"rejected with its group: {REUSED_ID}")
                    for o in group
                ]
        return results


@contextmanager
def _transaction(bind: Engine | Connection) -> Iterator[Session]:
    """A session in one transaction that commits at the end or rolls back whole. On SQLite the transaction is begun
    explicitly (and takes the write lock at once): Python's sqlite3 would begin it only at the first write, and a
    savepoint taken before that began a transaction of its own that its release committed, so a refused group's
    neighbours, and the answers' rollback, were not one transaction."""
    with Session(bind) as session, session.begin():
        if is_sqlite(bind):
            session.execute(text("BEGIN IMMEDIATE"))
        yield session


#: A transaction of its own for head office's other writers (the pool's returns), as a push's.
transaction = _transaction


def writer_lock(bind: Engine | Connection) -> AbstractContextManager[Any]:
    """SQLite's one writer at a time, in this process: held by every push, and by head office's other writers."""
    return _sqlite_writer if is_sqlite(bind) else nullcontext()


# Built once, as every query a push runs each time (building and hashing a statement costs about as much as
# running one of these small ones).
_STORED = select(applied_op.c.op_id, applied_op.c.result).where(
    applied_op.c.op_id.in_(bindparam("ids", expanding=True)),
    # A retry is the same user's, from the same device: anyone else's op with that id is not theirs to read.
    applied_op.c.user_id == bindparam("user"),
    applied_op.c.device_id == bindparam("device"),
)
REUSED_ID = "this change's id was used by another device's change already; it was not applied"
#: Ids per `IN (...)` list: one statement may bind at most 65,535 parameters on PostgreSQL (and a push may name
#: 100,000 ops), and a short list is planned as well as a long one.
ID_CHUNK = 500


def chunks(ids: Sequence[T], size: int = ID_CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@cache
def _rows_by_id(model: type[SyncedBase], lock: bool) -> Select:
    query = select(model).where(model.id.in_(bindparam("ids", expanding=True))).order_by(model.id)  # type: ignore[attr-defined]
    return query.with_for_update() if lock else query


def _taken(session: Session, ops: list[WireOp]) -> set[str]:
    """The ids among these ops' that some answered op has, whoever sent it."""
    taken: set[str] = set()
    for ids in chunks([o.op_id for o in ops]):
        taken.update(session.execute(select(applied_op.c.op_id).where(applied_op.c.op_id.in_(ids))).scalars())
    return taken


def _stored(session: Session, principal: Principal, ops: list[WireOp]) -> list[OpResult]:
    stored = {}
    for ids in chunks([o.op_id for o in ops]):
        params = {"ids": ids, "user": principal.user_id, "device": principal.device_id}
        stored.update({op_id: OpResult.model_validate_json(text) for op_id, text in session.execute(_STORED, params)})
    return [stored[o.op_id] for o in ops if o.op_id in stored]


def _prefetch(session: Session, ops: list[WireOp], lock: bool) -> tuple[RowCache, RowCache]:
    """The rows these ops write (locked, in id order) and the customers they point at, one query per table.

    Returns (written rows, referenced customers) keyed by (model, id); None marks a row the server does not have.

    A row that only inserts name is not looked up but taken as new (ids are made on the laptops, so it nearly
    always is): were it there after all (a customer with a credit code created on two laptops, whose id follows
    from the code), inserting it again breaks its primary key, and the push goes the slow way, which reads it.
    """
    written: dict[str, set[str]] = defaultdict(set)
    new: dict[str, set[str]] = defaultdict(set)
    referenced: set[str] = set()
    for op in ops:
        if op.table in SYNCED_TABLES:
            (new if op.op == "insert" else written)[op.table].add(op.row_id)
            customer_id = op.fields.get("customer_id")
            if isinstance(customer_id, str) and op.table in CUSTOMER_SCOPED:
                referenced.add(customer_id)
    locked: RowCache = {}
    for name, ids in new.items():
        locked.update({(SYNCED_TABLES[name], i): None for i in ids - written.get(name, set())})
    for name, ids in written.items():
        model = SYNCED_TABLES[name]
        found = {}
        for chunk in chunks(sorted(ids)):  # in id order across chunks too: locks are taken in one order
            found.update({row.id: row for row in session.execute(_rows_by_id(model, lock), {"ids": chunk}).scalars()})
        locked.update({(model, i): found.get(i) for i in ids})
    others = sorted(i for i in referenced if (Customer, i) not in locked)
    seen: RowCache = {}
    if others:
        found = {}
        for chunk in chunks(others):
            found.update(
                {row.id: row for row in session.execute(_rows_by_id(Customer, False), {"ids": chunk}).scalars()}
            )
        seen = {(Customer, i): found.get(i) for i in others}
    return locked, {**seen, **{k: v for k, v in locked.items() if k[0] is Customer}}


#: The table whose rows are matched as twins (customers: by normalised name, as a company's registered name is its
#: own: 无锡精密机床(有限公司) and 无锡精密机床有限公司 are one company, 华润万家(深圳) and 华润万家(上海) two).
TWINS = next(spec for spec in SPECS if spec.twins)
_TWINS = (
    select(Customer)
    .where(
        Customer.name_norm.in_(bindparam("keys", expanding=True)),  # type: ignore[attr-defined]
        Customer.deleted == False,  # type: ignore[arg-type]  # noqa: E712
        Customer.merged_into.is_(None),  # type: ignore[union-attr]
    )
    .order_by(Customer.first_contact_at, Customer.id)  # type: ignore[arg-type]
)


def _queryable(name: str) -> bool:
    """Whether a name can be looked up at all: not empty, and text a database can take (no half surrogate, no NUL;
    a row holding one is refused by the field checks, with its reason, after the lookup is passed over)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return bool(name) and "\x00" not in name


def _prefetch_twins(session: Session, ops: list[WireOp], lone: set[str]) -> TwinCache | None:
    """The twins of the push's new lone customers, in one query instead of one per customer. Only where the push
    changes no existing customer: a change of name or phone could make one the twin of a new customer."""
    if any(o.table == TWINS.name and o.op != "insert" for o in ops):
        return None
    keys = {twin_key(o.fields) for o in ops if o.op_id in lone and o.table == TWINS.name}
    keys = {key for key in keys if _queryable(key)}
    twins: TwinCache = dict.fromkeys(keys)
    for chunk in chunks(sorted(keys)):  # each key's twins are all in its chunk's answer
        for row in session.execute(_TWINS, {"keys": chunk}).scalars():
            if twins[row.name_norm] is None:  # the first in the order `_twin` takes
                twins[row.name_norm] = row
    return twins


def _push_all(
    session: Session,
    principal: Principal,
    groups: list[list[WireOp]],
    *,
    fast: bool = False,
    clock: Callable[[], datetime] = utcnow,
) -> list[OpResult]:
    results: list[OpResult] = []
    touched: list[Touched] = []
    fresh: list[tuple[WireOp, OpResult]] = []
    # The first attempt does not look for earlier answers: a retried op (rare) meets its stored answer's key when
    # this attempt records its answers, which rolls the attempt back, and the next attempt answers from the store.
    stored = {} if fast else {r.op_id: r for r in _stored(session, principal, [o for group in groups for o in group])}
    viewer = viewer_for(session, principal)
    locked: RowCache | None = None
    customers: RowCache | None = None
    lone: set[str] = set()
    drafts: list[Draft] = []
    twins: TwinCache | None = None
    unwritten: Counter[str] = Counter()  # claim events made as drafts so far, per pool (the daily limit counts them)
    lost: list[LostClaim] = []  # claims refused because another rep's came first: recorded for their reps at the end
    if fast:
        todo = [o for group in groups for o in group]
        locked, customers = _prefetch(session, todo, not is_sqlite(session.get_bind()))
        lone = lone_inserts(todo, locked)
        twins = _prefetch_twins(session, todo, lone)
    for group in groups:
        if all(o.op_id in stored for o in group):
            results += [stored[o.op_id] for o in group]  # a retry: the first answer, nothing applied twice
            continue
        applier = GroupApplier(
            session, principal, viewer, locked, customers, lone, drafts, twins, clock, unwritten, lost
        )
        if fast:
            try:
                answers = applier.apply(group)
            except (GroupRejected, IntegrityError, DataError):
                raise _SlowPath() from None
            touched += applier.touched
            fresh += zip(group, answers, strict=True)
            results += answers
            continue
        try:
            with session.begin_nested():
                answers = applier.apply(group)
            touched += applier.touched
        except GroupRejected as exc:
            answers = [
                _rejected(o, exc.reason if o is exc.op else f"rejected with its group: {exc.reason}") for o in group
            ]
        except (IntegrityError, DataError) as exc:
            answers = [_rejected(o, f"the server refused the data: {_short(exc)}") for o in group]
        fresh += zip(group, answers, strict=True)
        results += answers
    # Claims refused because another rep's came first, recorded for their reps outside the refused groups' effects.
    touched += record_lost_claims(session, lost, partial(dependants_of, session))
    # The new rows and the answers, in one statement. The session is flushed first: a draft may refer to a row the
    # push made as an ORM object (a visit to a customer created in the same push).
    session.flush()
    rows = draft_rows(drafts)
    rows[applied_op] = _remembered(principal, [o for o, _ in fresh], [r for _, r in fresh])
    insert_rows(session, rows)
    _finish(session, touched)
    return results


def _finish(session: Session, touched: list[Touched]) -> None:
    """Sequence numbers for everything this push changed, taken last: the counter row stays locked only briefly."""
    done = record_changes(session, touched)
    versions = [{"cid": i.row_id, "v": i.seq} for i in done if i.table == CONFLICT_TABLE]
    if versions:
        session.execute(
            sync_conflict.update().where(sync_conflict.c.id == bindparam("cid")).values(version=bindparam("v")),
            versions,
        )


def _short(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).splitlines()[0][:200]


def _set_derived(spec: TableSpec, row: SyncedBase | Draft) -> None:
    """The row's derived fields from their sources (a customer's normalised name and phone), as the laptop sets them."""
    if spec.derive is not None:
        for name, value in spec.derive({k: getattr(row, k) for k in spec.derived_from}).items():
            setattr(row, name, value)


def _rejected(op: WireOp, reason: str) -> OpResult:
    return OpResult(op_id=op.op_id, client_seq=op.client_seq, status="rejected", reason=reason)


def _remembered(principal: Principal, ops: list[WireOp], results: list[OpResult]) -> list[dict[str, Any]]:
    """The `applied_op` rows of these answers: a retry gets them back."""
    now = utcnow()
    return [
        {
            "op_id": o.op_id,
            "device_id": principal.device_id,
            "client_seq": o.client_seq,
            "user_id": principal.user_id,
            "result": r.model_dump_json(),
            "applied_at": now,
        }
        for o, r in zip(ops, results, strict=True)
    ]


def dependants_of(session: Session, customer_id: str) -> Iterator[tuple[str, SyncedBase]]:
    """The rows hanging off a customer, which are seen wherever it is (and no longer where it is not)."""
    for table in CUSTOMER_SCOPED:
        model = SYNCED_TABLES[table]
        query = select(model).where(model.customer_id == customer_id)  # type: ignore[attr-defined]
        for dep in session.execute(query).scalars():
            yield table, dep


class GroupApplier:
    """Applies one group inside one transaction; any rejected op rejects the whole group (all or nothing)."""

    def __init__(
        self,
        session: Session,
        principal: Principal,
        viewer: Viewer | None = None,
        locked: RowCache | None = None,
        customers: RowCache | None = None,
        lone: set[str] | None = None,
        drafts: list[Draft] | None = None,
        twins: TwinCache | None = None,
        clock: Callable[[], datetime] = utcnow,
        unwritten: Counter[str] | None = None,
        lost: list[LostClaim] | None = None,
    ) -> None:
        self.session = session
        self.principal = principal
        self.viewer: Viewer = viewer or viewer_for(session, principal)
        self.touched: list[Touched] = []
        self.conflicts: list[dict[str, Any]] = []
        self.lock = not is_sqlite(session.get_bind())
        # The fast path (no savepoints): rows read up front, shared by the push's groups, writes flushed at the end.
        self.locked = locked
        self.customers = customers
        self.eager = locked is None
        # New rows nothing else in the push names: built as drafts, inserted together before the push's bookkeeping.
        self.lone = lone or set()
        self.drafts = drafts
        self.twins = twins  # looked up up front for the push's lone new customers
        self.checker = Checker(
            session, self.viewer, clock, Counter() if unwritten is None else unwritten, [] if lost is None else lost
        )
        #: Rows that stopped showing their customer to someone in this group (a handover declined).
        self.unshown: list[tuple[TableSpec, SyncedBase]] = []

    def apply(self, ops: list[WireOp]) -> list[OpResult]:
        results = []
        self.checker.group = ops
        for op in ops:
            try:
                results.append(self._apply_op(op))
            except BadOp as exc:
                raise GroupRejected(op, str(exc)) from None
            if self.eager:
                self.session.flush()
        for spec, row in self.unshown:  # after the group: an approval moves the customer in a later op
            showing.unshow(self.session, spec, row, self.touched, self._dependants)
        if self.conflicts:
            self.session.execute(sync_conflict.insert(), [{**c, "version": 0} for c in self.conflicts])
            self.touched += [
                Touched(CONFLICT_TABLE, c["id"], c["owner_id"], c["customer_id"], c["owner_id"]) for c in self.conflicts
            ]
        return results

    # -- bookkeeping ---------------------------------------------------------------------------------------
    def _get(self, model: type[SyncedBase], row_id: str) -> SyncedBase | None:
        if self.locked is not None and (model, row_id) in self.locked:
            return self.locked[(model, row_id)]
        return self.session.get(model, row_id, with_for_update=self.lock)

    def _added(self, row: SyncedBase) -> None:
        """A row this push creates: later ops of the push find it without a query."""
        key = (type(row), row.id)
        for rows in (self.locked, self.customers):
            if rows is not None and (rows is self.locked or isinstance(row, Customer)):
                rows[key] = row
        if self.eager:
            self.session.flush()

    def _follow_merge(self, customer_id: str) -> str:
        for _ in range(5):
            key = (Customer, customer_id)
            if self.customers is not None and key in self.customers:
                row: Customer | None = self.customers[key]  # type: ignore[assignment]
            else:
                row = self.session.get(Customer, customer_id)
            if row is None or not row.merged_into:
                return customer_id
            customer_id = row.merged_into
        return customer_id

    def _conflict(
        self,
        kind: str,
        table: str,
        row: SyncedBase,
        field: str | None,
        kept: str | None,
        offered: str | None,
        reason: str | None = None,
        status: str = "open",
    ) -> str:
        conflict_id = uuid7()
        self.conflicts.append(
            {
                "id": conflict_id,
                "kind": kind,
                "table_name": table,
                "row_id": row.id,
                "field": field,
                "kept_value": kept,
                "offered_value": offered,
                "offered_by_user": self.principal.user_id,
                "offered_by_device": self.principal.device_id,
                "owner_id": row.owner_id,
                "customer_id": scope_of(table, row),
                "reason": reason,
                "status": status,
                "created_at": utcnow(),
            }
        )
        return conflict_id

    def _touch(
        self,
        row: SyncedBase | Draft,
        changes: dict[str, Any],
        prev_owner: str | None = None,
        prev_public: bool = False,
        *,
        created: bool = False,
    ) -> None:
        row.updated_at = utcnow()
        item = touched_row(row, changes, prev_owner, prev_public)
        item.device_id = self.principal.device_id
        item.created = created
        self.touched.append(item)

    # -- ops ----------------------------------------------------------------------------------------------
    def _apply_op(self, op: WireOp) -> OpResult:
        if op.table == CONFLICT_TABLE:
            return self._resolve(op)
        model = SYNCED_TABLES.get(op.table)
        if model is None:
            raise BadOp(f"unknown table '{op.table}'")
        spec = BY_MODEL[model]
        fields = dict(op.fields)
        if spec.customer_field and isinstance(fields.get(spec.customer_field), str):
            fields[spec.customer_field] = self._follow_merge(fields[spec.customer_field])
        row_id = self._follow_merge(op.row_id) if spec.twins else op.row_id
        redirected = row_id != op.row_id
        row = self._get(model, row_id)
        if op.op == "insert":
            if row is None:
                return self._insert(op, spec, fields)
            return self._update(op, spec, row, fields, fill_only=True)
        if row is None:
            raise BadOp(f"no {op.table} with id {op.row_id} on the server")
        # An op queued against a customer merged into its twin: its author may write it there as they could on
        # their own (now merged) row; the merge is judged as concurrent to everything the twin holds.
        via = self._get(model, op.row_id) if redirected else None
        result = self._update(op, spec, row, fields, fill_only=False, base_zero=redirected, via=via)
        if redirected:
            result.row_id = row_id
        return result

    def _insert(self, op: WireOp, spec: TableSpec, fields: dict[str, Any]) -> OpResult:
        model = spec.model
        values = decode_fields(model, fields)
        values.setdefault("owner_id", self.principal.user_id)
        values.pop("deleted", None)
        draft = self.drafts is not None and op.op_id in self.lone
        row: SyncedBase | Draft = Draft(model, {"id": op.row_id, **values}) if draft else model(id=op.row_id, **values)
        _set_derived(spec, row)
        if spec.twins:
            twin = self._twin(row)  # type: ignore[arg-type]
            if twin is not None:
                return self._merge_twin(op, row.to_row() if isinstance(row, Draft) else row, twin, fields)  # type: ignore[arg-type]
        for name in spec.stamped_on_arrival:
            setattr(row, name, utcnow())
        named = self._named_customer(op)
        self.checker.check(OpView("insert", op.table, row, op.fields, values, customer=named[1], customer_id=named[0]))
        if isinstance(row, Draft):
            self.drafts.append(row)  # type: ignore[union-attr]
            if op.table == "ownership_event" and row.kind == CLAIM and row.to_owner_id == self.principal.user_id:
                self.checker.claim_unwritten(row.customer_id)
        else:
            self.session.add(row)
            self._added(row)
        self._touch(row, {k: [None, encode_value(getattr(row, k))] for k in values}, created=True)
        if spec.extends_protection:
            self._extend_protection(spec, row)
        if spec.ownership_fields:
            self._protect_on_arrival(row)
        self._extend_when_won(spec, row, created=True)
        if spec.reveals_customer:
            self._reveal_customer(spec, row)
        if spec.shows_customer_to:
            showing.show(self.session, spec, row, self.touched, self._dependants)
        return OpResult(op_id=op.op_id, client_seq=op.client_seq, status="applied")

    def _extend_protection(self, spec: TableSpec, row: Any) -> None:
        """The customer's protection after a new visit, by the visit's time and its arrival here: the server's
        clock decides (`domain.protection`). The customer is sent again even when the visit arrived too late to
        count, so a laptop's provisional extension is replaced."""
        customer_id = getattr(row, spec.customer_field or "")
        key = (Customer, customer_id)
        customer: Customer | None = None
        if self.customers is not None and key in self.customers:
            customer = self.customers[key]  # type: ignore[assignment]
        if customer is None:
            customer = self.session.get(Customer, customer_id)
        if customer is None or customer.owner_id is None or customer.in_public_pool:
            return
        rules = self._rules_of(customer.owner_id)
        at, received = getattr(row, spec.extends_protection or ""), row.received_at or utcnow()
        before = customer.protection_until
        after = protection_after_visit(rules, before, at, received)
        if after != before or visit_counts_at(rules, before, at, received) is None:
            self._server_change(customer, "protection_until", before, after)

    def _rules_of(self, owner_id: str | None) -> PoolRules:
        owner = self.session.get(User, owner_id) if owner_id is not None else None
        return team_rules(self.session, owner.team_id if owner is not None else None)

    def _server_change(self, customer: Any, field: str, before: Any, after: Any) -> None:
        """Head office's decision on a customer's field, not the sender's edit: recorded without a device, so the
        laptop that sent the op pulls it too."""
        setattr(customer, field, after)
        customer.updated_at = utcnow()
        changes = {field: [encode_value(before), encode_value(after)]}
        self.touched.append(touched_row(customer, changes, customer.owner_id, customer.in_public_pool))

    def _protect_on_arrival(self, customer: Any) -> None:
        """A customer a rep registered or claimed: its protection as head office accepts it
        (`domain.protection.protection_on_arrival`), sent back when it differs. Supervisors and admins set it as they
        choose (an assignment keeps a longer protection)."""
        if self.checker.actor.role != "rep" or customer.owner_id is None or customer.in_public_pool:
            return
        sent = customer.protection_until
        decided = protection_on_arrival(self._rules_of(customer.owner_id), sent, self.checker.clock())
        if decided != sent:
            self._server_change(customer, "protection_until", sent, decided)

    def _extend_when_won(self, spec: TableSpec, row: Any, *, created: bool = False, changed: bool = False) -> None:
        """A deal that became won (a new row already won, or an edit to won): its customer's protection runs
        `won_extends_days` from the day head office receives it, never shortened."""
        if spec.extends_protection_when is None or not (created or changed):
            return
        field, value = spec.extends_protection_when
        if getattr(row, field) != value:
            return
        customer = self.session.get(Customer, getattr(row, spec.customer_field or ""))
        if customer is None or customer.owner_id is None or customer.in_public_pool:
            return
        rules = self._rules_of(customer.owner_id)
        after = protection_after_won_deal(rules, customer.protection_until, self.checker.clock())
        if after != customer.protection_until:
            self._server_change(customer, "protection_until", customer.protection_until, after)

    def _named_customer(self, op: WireOp) -> tuple[str | None, Customer | None]:
        """The customer a customer-scoped op points at, as the laptop named it (before following a merge)."""
        customer_id = op.fields.get("customer_id")
        if op.table not in CUSTOMER_SCOPED or not isinstance(customer_id, str):
            return None, None
        key = (Customer, customer_id)
        if self.customers is not None and key in self.customers:
            return customer_id, self.customers[key]  # type: ignore[return-value]
        return customer_id, self.session.get(Customer, customer_id)

    def _twin(self, row: Customer) -> Customer | None:
        """The customer this new one duplicates: the same company by its normalised name, whatever phone either
        gave (credit codes share an id). The first registered keeps it; the second's values fill its gaps and the
        rest are kept in a `duplicate` conflict."""
        if not _queryable(row.name_norm):
            return None
        if self.twins is not None and row.name_norm in self.twins:
            cached = self.twins[row.name_norm]
            if cached is None or cached.id != row.id:
                return cached
            # The row itself (a credit code's id, created on two laptops) is no twin of itself: look past it.
        query = select(Customer).where(
            Customer.name_norm == row.name_norm,  # type: ignore[arg-type]
            Customer.deleted == False,  # type: ignore[arg-type]
            Customer.merged_into.is_(None),  # type: ignore[union-attr]
            Customer.id != row.id,  # type: ignore[arg-type]
        )
        return self.session.execute(query.order_by(Customer.first_contact_at, Customer.id)).scalars().first()  # type: ignore[arg-type]

    def _merge_twin(self, op: WireOp, row: Customer, twin: Customer, fields: dict[str, Any]) -> OpResult:
        """Keep the second creation as a tombstone pointing at the first, so ops queued against it follow."""
        self.checker.check_permission(OpView("insert", op.table, row, op.fields))
        row.deleted = True
        row.merged_into = twin.id
        self.session.add(row)
        self._added(row)
        self._touch(row, {"merged_into": [None, twin.id]})
        spec = BY_MODEL[Customer]
        kept = {k: v for k, v in fields.items() if k not in spec.ownership_fields}
        result = self._update(op, spec, twin, kept, fill_only=True)
        result.row_id = twin.id
        return result

    def _reveal_customer(self, spec: TableSpec, visit: Any) -> None:
        """A rep's visit to a customer they could not see before makes it visible: resend it to them, with what
        hangs off it (its contacts, opportunities, others' visits and stops are older than their cursor)."""
        customer = self.session.get(Customer, getattr(visit, spec.customer_field or ""))
        if customer is not None and not customer.in_public_pool and customer.owner_id != visit.owner_id:
            seen = {(t.table, t.row_id) for t in self.touched}
            rows = showing.customer_rows(self.session, customer.id, self._dependants)
            self.touched += [t for t in rows if (t.table, t.row_id) not in seen]

    def _update(
        self,
        op: WireOp,
        spec: TableSpec,
        row: SyncedBase,
        fields: dict[str, Any],
        *,
        fill_only: bool,
        base_zero: bool = False,
        via: SyncedBase | None = None,
    ) -> OpResult:
        table = op.table
        # A second creation of the same customer only fills gaps (nothing of the first is overwritten, never its
        # ownership), so the second rep may contribute to a customer that is not theirs.
        kind = "fill" if fill_only else op.op
        target = OpView(kind, table, row, op.fields, action=op.action, base_version=op.base_version, via=via)
        self.checker.check_permission(target)
        if fill_only and spec.twins:
            fields = {k: v for k, v in fields.items() if k not in spec.ownership_fields}
        base = 0 if base_zero else op.base_version
        ok = OpResult(op_id=op.op_id, client_seq=op.client_seq, status="applied")
        restored = False
        if row.deleted:
            if op.op == "delete":
                return ok
            if op.op == "update" and op.fields.get("deleted") is False and not getattr(row, "merged_into", None):
                # An explicit restore: a delete-versus-edit conflict resolved by keeping the edit.
                row.deleted, restored = False, True
            else:
                cid = self._conflict(
                    "deleted",
                    table,
                    row,
                    None,
                    json.dumps({"deleted": True}),
                    json.dumps(op.fields, ensure_ascii=False),
                    "changed on one side, deleted on the other",
                )
                return OpResult(op_id=op.op_id, client_seq=op.client_seq, status="conflict", conflict_ids=[cid])
        if op.op == "delete":
            self.checker.check_rules(target)
            if row.version > base and changes_since(self.session, table, row.id, base, self.principal.device_id):
                cid = self._conflict(
                    "deleted",
                    table,
                    row,
                    None,
                    None,
                    json.dumps({"deleted": True}),
                    "deleted on one side, changed on the other",
                )
                return OpResult(op_id=op.op_id, client_seq=op.client_seq, status="conflict", conflict_ids=[cid])
            row.deleted = True
            self._touch(row, {"deleted": [False, True]})
            return ok
        outcome = merge_update(
            self.session,
            row,
            {k: v for k, v in fields.items() if k != "deleted"},
            base,
            fill_only=fill_only,
            device_id=self.principal.device_id,
        )
        target.changes = outcome.apply  # the checks see what will change (and may set what the server decides)
        target.customer_id, target.customer = self._named_customer(op)
        self.checker.check_rules(target)
        prev_owner = row.owner_id
        prev_public = bool(getattr(row, "in_public_pool", False))
        was_pending = showing.is_pending(spec, row)
        changes = {k: [encode_value(getattr(row, k)), encode_value(v)] for k, v in outcome.apply.items()}
        if restored:
            changes["deleted"] = [True, False]
        for name, value in outcome.apply.items():
            setattr(row, name, value)
        _set_derived(spec, row)
        ids = [self._conflict("field", table, row, f, kept, offered) for f, kept, offered in outcome.conflicts]
        for f, winner, lost in outcome.lost:
            self._conflict("lost_value", table, row, f, winner, lost, "a later change replaced this value", "logged")
        if fill_only and spec.twins:
            ids.append(
                self._conflict(
                    "duplicate",
                    table,
                    row,
                    None,
                    None,
                    json.dumps(op.fields, ensure_ascii=False),
                    "created twice offline; merged under the first contact",
                    "open",
                )
            )
        if changes or op.op == "action" or fill_only:
            self._touch(row, changes, prev_owner, prev_public)
            moved = row.owner_id != prev_owner or getattr(row, "in_public_pool", False) != prev_public
            if spec.ownership_fields and moved:
                self._touch_dependants(row, prev_owner, prev_public)  # type: ignore[arg-type]
                if row.owner_id == self.principal.user_id:
                    self._protect_on_arrival(row)  # a claim (a release leaves it in the pool: nothing to protect)
            if was_pending and not showing.is_pending(spec, row):
                self.unshown.append((spec, row))
        if spec.extends_protection_when is not None:
            self._extend_when_won(spec, row, changed=spec.extends_protection_when[0] in changes)
        status = "conflict" if ids else ("merged" if outcome.concurrent else "applied")
        return OpResult(op_id=op.op_id, client_seq=op.client_seq, status=status, conflict_ids=ids)  # type: ignore[arg-type]

    def _dependants(self, customer_id: str) -> Iterator[tuple[str, SyncedBase]]:
        return dependants_of(self.session, customer_id)

    def _touch_dependants(self, customer: Customer, prev_owner: str | None, prev_public: bool) -> None:
        """The customer moved between views: its dependants move with it (new seqs, old view remembered)."""
        for table, dep in self._dependants(customer.id):
            # Contacts and opportunities go with the customer to its new owner (visits and planned stops stay the
            # work of the rep who made them): its previous owner's, and all of a pool customer's, whoever added
            # them while anyone could (or kept them when releasing it to nobody).
            moves = dep.owner_id == prev_owner or prev_public
            if (
                table in ("contact", "opportunity")
                and customer.owner_id
                and moves
                and dep.owner_id != customer.owner_id
            ):
                old = dep.owner_id
                dep.owner_id = customer.owner_id
                self.touched.append(touched_row(dep, {"owner_id": [old, customer.owner_id]}, old, prev_public))
                continue
            self.touched.append(
                Touched(
                    table, dep.id, dep.owner_id, customer.id, prev_owner, prev_public, party_id=party_of(table, dep)
                )
            )

    def _resolve(self, op: WireOp) -> OpResult:
        if op.op != "action" or op.action != "resolve":
            raise BadOp("conflicts can only be resolved")
        row = self.session.execute(select(sync_conflict).where(sync_conflict.c.id == op.row_id)).first()
        if row is None or not can_see(self.session, self.viewer, row.table_name, row.owner_id, row.customer_id):
            raise BadOp(f"no conflict with id {op.row_id}")
        if row.status != "resolved":
            resolution = str(op.fields.get("resolution", ""))[:12] or None
            self.session.execute(
                sync_conflict.update().where(sync_conflict.c.id == op.row_id),
                {
                    "status": "resolved",
                    "resolution": resolution,
                    "resolved_at": utcnow(),
                    "resolved_by": self.principal.user_id,
                },
            )
            self.touched.append(Touched(CONFLICT_TABLE, row.id, row.owner_id, row.customer_id, row.owner_id))
        return OpResult(op_id=op.op_id, client_seq=op.client_seq, status="applied")
