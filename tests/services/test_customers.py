"""Customer and contact services: create, edit, soft-delete, duplicates, permissions."""

import json

import pytest
from sqlmodel import select

from fieldcrm.domain.errors import DuplicateError, NotFoundError, PermissionDeniedError, ValidationError
from fieldcrm.models import Contact, Customer, OutboxEntry
from fieldcrm.services import Services
from fieldcrm.services.customer_writes import customer_id_for
from fieldcrm.services.search import CustomerQuery

VALID_CODE = "91350100M000100Y43"


def outbox(services: Services) -> list[OutboxEntry]:
    with services.store.session() as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.client_seq)))


def test_create_stores_cleaned_fields_and_records_one_group(services: Services) -> None:
    cid = services.customers.create(
        name=" 上海华润万家超市有限公司 ",
        phone="021-1234 5678",
        grade="a类",
        stage="重要客户",
        region="华东",
        tags="零售，重点, 零售",
        next_follow_up="2026/12/01",
        contacts=[{"name": "李四", "mobile": "13812345678"}, {"name": "王五", "email": "w5@example.com"}],
    )
    data = services.customers.get(cid)
    assert data["name"] == "上海华润万家超市有限公司"
    assert data["name_norm"] == "上海华润万家超市"
    assert data["phone_norm"] == "02112345678"
    assert (data["grade"], data["stage"], data["tags"]) == ("A", "重要", "零售,重点")
    assert data["next_follow_up"] == "2026-12-01"
    assert data["owner"] == "张伟"
    assert [c["name"] for c in data["contacts"]] == ["李四", "王五"]
    assert data["contacts"][0]["is_primary"] is True
    entries = outbox(services)
    assert [(e.table_name, e.op) for e in entries] == [
        ("customer", "insert"),
        ("ownership_event", "insert"),  # its first contact, in the same group
        ("contact", "insert"),
        ("contact", "insert"),
    ]
    assert len({e.group_id for e in entries}) == 1
    assert json.loads(entries[0].fields)["name"] == "上海华润万家超市有限公司"
    assert [e.client_seq for e in entries] == sorted(e.client_seq for e in entries)


def test_credit_code_gives_a_deterministic_id(services: Services) -> None:
    cid = services.customers.create(name="福建某某公司", credit_code=VALID_CODE.lower())
    assert cid == customer_id_for(VALID_CODE)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("name", "   ", "required"),
        ("phone", "12", "not a phone number"),
        ("grade", "D", "not a grade"),
        ("stage", "火热", "not a lifecycle stage"),
        ("credit_code", "91350100M000100Y44", "check digit"),
        ("next_follow_up", "下周", "not a date"),
        ("colour", "red", "not a customer field"),
    ],
)
def test_bad_input_names_field_and_reason_and_stores_nothing(
    services: Services, field: str, value: str, words: str
) -> None:
    values = {"name": "有效公司", field: value}
    with pytest.raises(ValidationError) as err:
        services.customers.create(**values)
    assert err.value.field == field
    assert words in err.value.message
    assert services.search.count(CustomerQuery()) == 0
    assert outbox(services) == []


def test_duplicate_by_name_or_phone_reports_match_and_owner(team_services: dict[str, Services]) -> None:
    other, rep = team_services["other"], team_services["rep"]
    first = other.customers.create(name="上海华润万家超市有限公司", phone="13812345678")
    with pytest.raises(DuplicateError) as err:
        rep.customers.create(name="上海华润万家超市（有限公司）")
    match = err.value.matches[0]
    assert (match.customer_id, match.reason, match.owner_name) == (first, "name", "李娜")
    assert "李娜" in str(err.value)
    with pytest.raises(DuplicateError) as err:
        rep.customers.create(name="完全不同的公司", phone="+86 138 1234 5678")
    assert err.value.matches[0].reason == "phone"
    # A user who checked may still create it on purpose; a credit-code twin never.
    assert rep.customers.create(name="上海华润万家超市", allow_duplicate=True)
    rep.customers.create(name="甲公司", credit_code=VALID_CODE)
    with pytest.raises(DuplicateError):
        rep.customers.create(name="乙公司", credit_code=VALID_CODE, allow_duplicate=True)


def test_a_landline_written_with_the_country_code_is_the_same_phone(team_services: dict[str, Services]) -> None:
    first = team_services["other"].customers.create(name="上海浦东五金有限公司", phone="021-6888 1234")
    with pytest.raises(DuplicateError) as err:
        team_services["rep"].customers.create(name="完全不同的贸易公司", phone="+86 21 6888 1234")
    assert [(m.customer_id, m.reason) for m in err.value.matches] == [(first, "phone")]


def test_similar_names_are_offered_but_not_blocking(services: Services) -> None:
    services.customers.create(name="上海华润万家超市有限公司")
    matches = services.customers.check_duplicates("上海华润万家超级市场")
    assert matches and matches[0].reason == "similar_name"
    assert services.customers.create(name="上海华润万家超级市场")


def test_update_records_only_changed_fields(services: Services) -> None:
    cid = services.customers.create(name="杭州新达科技有限公司", phone="13900001111")
    before = len(outbox(services))
    changed = services.customers.update(cid, phone="13900001111", grade="B", notes="关注报价")
    assert changed == {"grade": "B", "notes": "关注报价"}
    entry = outbox(services)[-1]
    assert len(outbox(services)) == before + 1
    assert (entry.op, json.loads(entry.fields)) == ("update", {"grade": "B", "notes": "关注报价"})
    assert services.customers.update(cid, grade="B") == {}
    assert len(outbox(services)) == before + 1


def test_update_refuses_duplicate_name_and_credit_code_change(services: Services) -> None:
    services.customers.create(name="甲公司")
    cid = services.customers.create(name="乙公司", credit_code=VALID_CODE)
    with pytest.raises(DuplicateError):
        services.customers.update(cid, name="甲公司有限公司")
    with pytest.raises(ValidationError) as err:
        services.customers.update(cid, credit_code="911100001000177865")
    assert err.value.field == "credit_code"


def test_delete_is_a_tombstone_for_customer_and_contacts(services: Services) -> None:
    cid = services.customers.create(name="要删除的公司", contacts=[{"name": "赵六"}])
    services.customers.delete(cid)
    with pytest.raises(NotFoundError):
        services.customers.get(cid)
    with services.store.session() as session:
        assert session.get(Customer, cid).deleted is True
        assert all(c.deleted for c in session.exec(select(Contact).where(Contact.customer_id == cid)))
    ops = [(e.table_name, e.op) for e in outbox(services)][-2:]
    assert ops == [("contact", "delete"), ("customer", "delete")]


def test_rep_cannot_edit_another_reps_customer(team_services: dict[str, Services]) -> None:
    cid = team_services["other"].customers.create(name="李娜的客户")
    with pytest.raises(PermissionDeniedError):
        team_services["rep"].customers.update(cid, notes="抢单")
    team_services["supervisor"].customers.update(cid, notes="主管备注")


def test_contacts_add_edit_primary_and_delete(services: Services) -> None:
    cid = services.customers.create(name="联系人测试公司", contacts=[{"name": "甲"}])
    second = services.customers.add_contact(cid, name="乙", mobile="13700001111", is_primary=True)
    contacts = {c["name"]: c for c in services.customers.get(cid)["contacts"]}
    assert contacts["乙"]["is_primary"] and not contacts["甲"]["is_primary"]
    with pytest.raises(ValidationError) as err:
        services.customers.update_contact(second, email="not-an-email")
    assert err.value.field == "email"
    services.customers.delete_contact(second)
    assert [c["name"] for c in services.customers.get(cid)["contacts"]] == ["甲"]


def test_a_customer_is_someones_or_in_the_pool_never_both(team_services: dict[str, Services]) -> None:
    boss, rep = team_services["supervisor"], team_services["rep"]
    # Put in the pool at creation: nobody's, whoever creates it.
    pooled = boss.customers.create(name="嘉兴丝绸有限公司", in_public_pool=True)
    assert (boss.customers.get(pooled)["owner_id"], boss.customers.get(pooled)["in_public_pool"]) == (None, True)
    with pytest.raises(ValidationError, match="in the public pool has no owner") as given_both:
        boss.customers.create(name="杭州茶叶有限公司", in_public_pool=True, owner_id=rep.user_id)
    assert given_both.value.field == "owner_id"
    held = boss.customers.create(name="湖州湖笔有限公司", owner_id=rep.user_id)
    before = len(outbox(boss))
    with pytest.raises(ValidationError, match="in the public pool has no owner") as pool_only:
        boss.customers.update(held, in_public_pool=True)
    assert pool_only.value.field == "in_public_pool"
    assert (boss.customers.get(held)["owner_id"], len(outbox(boss))) == (rep.user_id, before)
