"""A customer created twice offline (one id, from its credit code), on SQLite and PostgreSQL: the second creator
may add rows to it and keep working on what they added, its owner may work on those rows too, and having opened a
duplicate case for one customer gives no one rows under another."""

from __future__ import annotations

from sqlalchemy import select

from fieldcrm.domain.ownership import NOT_YOURS
from fieldcrm.ids import uuid7
from fieldcrm.models import Customer
from fieldcrm.server.tables import sync_conflict
from fieldcrm.services.customer_writes import customer_id_for
from server_fixtures import send, signed_in

CODE = "91350100M000100Y43"


def test_rows_the_second_creator_added_are_theirs_and_the_owners_to_work_on(server_engine, team) -> None:
    owner, second = signed_in(server_engine, "张伟"), signed_in(server_engine, "李娜")
    cid = customer_id_for(CODE)
    fields = {"id": cid, "name": "北京同仁堂科技有限公司", "credit_code": CODE}
    assert send(server_engine, owner, "customer", cid, "insert", fields)[0] == "applied"
    assert send(server_engine, second, "customer", cid, "insert", {**fields, "address": "北京市东城区"})[0] == (
        "conflict"
    )
    contact = uuid7()
    assert send(server_engine, second, "contact", contact, "insert", {"customer_id": cid, "name": "赵经理"})[0] == (
        "applied"
    )
    assert send(server_engine, second, "contact", contact, "update", {"title": "采购经理"}, base=0)[0] in (
        "applied",
        "merged",
    )
    assert send(server_engine, owner, "contact", contact, "update", {"mobile": "13812345678"}, base=0)[0] in (
        "applied",
        "merged",
    )


def test_a_duplicate_case_on_one_customer_opens_no_other(server_engine, team) -> None:
    owner, second = signed_in(server_engine, "张伟"), signed_in(server_engine, "李娜")
    cid = customer_id_for(CODE)
    fields = {"id": cid, "name": "北京同仁堂科技有限公司", "credit_code": CODE}
    assert send(server_engine, owner, "customer", cid, "insert", fields)[0] == "applied"
    assert send(server_engine, second, "customer", cid, "insert", fields)[0] == "conflict"
    private = uuid7()
    assert (
        send(server_engine, owner, "customer", private, "insert", {"id": private, "name": "杭州新达科技有限公司"})[0]
        == "applied"
    )
    status, reason = send(server_engine, second, "contact", uuid7(), "insert", {"customer_id": private, "name": "钱"})
    assert (status, reason) == ("rejected", "this customer belongs to another rep; ask your supervisor to reassign it")


def test_a_claim_takes_the_customer_out_of_the_pool_or_is_refused(server_engine, team) -> None:
    admin, rep = signed_in(server_engine, "管理员"), signed_in(server_engine, "张伟")
    cid = uuid7()
    pooled = {"id": cid, "name": "杭州新达科技有限公司", "in_public_pool": True, "owner_id": None}
    assert send(server_engine, admin, "customer", cid, "insert", pooled)[0] == "applied"
    status, reason = send(server_engine, rep, "customer", cid, "update", {"owner_id": rep.user_id}, base=0)
    assert (status, reason) == (
        "rejected",
        "ownership of a customer is decided by head office rules (first contact, protection period)",
    )
    claim = {"owner_id": rep.user_id, "in_public_pool": False}
    assert send(server_engine, rep, "customer", cid, "update", claim, base=0)[0] in ("applied", "merged")


def test_an_edit_queued_against_a_customer_merged_into_its_twin_lands_on_the_twin(server_engine, team) -> None:
    first, second = signed_in(server_engine, "张伟"), signed_in(server_engine, "李娜")
    kept, merged = uuid7(), uuid7()
    fields = {"name": "南京紫金科技有限公司", "phone": "025-83333333"}
    assert send(server_engine, first, "customer", kept, "insert", {"id": kept, **fields})[0] == "applied"
    # 李娜 created the same company offline (same name and phone): merged into 张伟's, and her laptop still has it
    assert send(server_engine, second, "customer", merged, "insert", {"id": merged, **fields})[0] == "conflict"
    status, reason = send(server_engine, second, "customer", merged, "update", {"address": "南京市玄武区"}, base=0)
    assert status != "rejected", reason
    # nobody else's edit is let in that way: the same edit on 张伟's own id is hers to make no more than before
    status, reason = send(server_engine, second, "customer", kept, "update", {"address": "南京市鼓楼区"}, base=0)
    assert (status, reason) == ("rejected", "this customer belongs to another rep; ask your supervisor to reassign it")


def test_the_same_company_registered_with_another_phone_merges_into_the_first(server_engine, team) -> None:
    """Two reps register one company offline, each with the number they were given: it is one company (its
    normalised name), so the second registration merges into the first; its phone is kept in the duplicate case.
    Another company of a similar name (another city in it) stays its own."""
    owner, second = signed_in(server_engine, "张伟"), signed_in(server_engine, "李娜")
    first, again, other = uuid7(), uuid7(), uuid7()
    fields = {"id": first, "name": "无锡精密机床有限公司", "phone": "0510-66001122"}
    assert send(server_engine, owner, "customer", first, "insert", fields)[0] == "applied"
    twin = {"id": again, "name": "无锡精密机床(有限公司)", "phone": "13912345678", "address": "无锡市新吴区"}
    assert send(server_engine, second, "customer", again, "insert", twin)[0] == "conflict"
    branch = {"id": other, "name": "常州精密机床有限公司", "phone": "0519-66001122"}
    assert send(server_engine, second, "customer", other, "insert", branch)[0] == "applied"
    with server_engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(Customer.__table__))}
    assert (rows[first].owner_id, rows[first].phone, rows[first].address) == (
        owner.user_id,
        "0510-66001122",
        "无锡市新吴区",
    )
    assert (rows[again].deleted, rows[again].merged_into) == (True, first)
    assert (rows[other].deleted, rows[other].owner_id) == (False, second.user_id)
    duplicate = select(sync_conflict.c.offered_value).where(
        sync_conflict.c.kind == "duplicate", sync_conflict.c.row_id == first
    )
    with server_engine.connect() as conn:
        case = conn.execute(duplicate).scalar_one()
    assert "13912345678" in case  # the second rep's number, kept for the supervisor


def test_only_a_duplicate_case_opens_another_reps_customer_to_a_side(server_engine, team) -> None:
    """张伟's two laptops edited his customer's phone at once (head office kept a conflict offered by him); then the
    supervisor gave the customer to 李娜. That conflict is not a second creation: he may not add to her customer."""
    admin, boss, zhang = (signed_in(server_engine, n) for n in ("管理员", "王经理", "张伟"))
    second_laptop = signed_in(server_engine, "张伟")
    cid = uuid7()
    fields = {"id": cid, "name": "宁波港华物流有限公司", "owner_id": zhang.user_id, "in_public_pool": False}
    assert send(server_engine, admin, "customer", cid, "insert", fields)[0] == "applied"
    assert send(server_engine, zhang, "customer", cid, "update", {"phone": "057487650001"}, base=1)[0] != "rejected"
    assert send(server_engine, second_laptop, "customer", cid, "update", {"phone": "057487650002"}, base=1)[0] in (
        "conflict",
        "merged",
    )
    with server_engine.connect() as conn:
        kinds = set(conn.execute(select(sync_conflict.c.kind).where(sync_conflict.c.row_id == cid)).scalars())
    assert kinds and "duplicate" not in kinds
    assert send(server_engine, boss, "customer", cid, "update", {"owner_id": team["other"]}, base=2)[0] != "rejected"
    contact = {"customer_id": cid, "name": "孙经理", "owner_id": zhang.user_id}
    assert send(server_engine, zhang, "contact", uuid7(), "insert", contact) == ("rejected", NOT_YOURS)
