"""Customer search: substrings of name, contact, phone and address, Chinese included, with filters and paging."""

from datetime import date

import pytest

from fieldcrm.services import CustomerQuery, Services


@pytest.fixture
def people(team_services: dict[str, Services]) -> dict[str, str]:
    rep, other = team_services["rep"], team_services["other"]
    ids = {
        "华润": rep.customers.create(
            name="上海华润万家超市有限公司",
            phone="021-5555 1234",
            grade="A",
            stage="重要",
            region="华东",
            industry="零售",
            address="上海市闵行区虹梅路100号",
            next_follow_up=date(2026, 1, 5),
            contacts=[{"name": "欧阳娜娜", "mobile": "13912345678"}],
        ),
        "科技": rep.customers.create(
            name="杭州新达科技有限公司", phone="0571-8888 0000", grade="B", region="华东", industry="软件", stage="一般"
        ),
        "贸易": other.customers.create(
            name="广州恒泰贸易有限公司", phone="020-3333 4444", grade="C", region="华南", industry="贸易"
        ),
        "ACME": rep.customers.create(name="ACME Trading Co., Ltd.", phone="13800000000", region="华北"),
    }
    return ids


def names(services: Services, **kwargs) -> list[str]:
    return [r.name for r in services.search.search(CustomerQuery(**kwargs))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("华润", ["上海华润万家超市有限公司"]),
        ("万", ["上海华润万家超市有限公司"]),
        ("有限公司", ["广州恒泰贸易有限公司", "杭州新达科技有限公司", "上海华润万家超市有限公司"]),
        ("娜娜", ["上海华润万家超市有限公司"]),  # a contact's name
        ("1234 5678", ["上海华润万家超市有限公司"]),  # contact mobile 13912345678 and phone 5555 1234
        ("3912345", ["上海华润万家超市有限公司"]),
        ("8888", ["杭州新达科技有限公司"]),
        ("虹梅路", ["上海华润万家超市有限公司"]),  # address
        ("acme", ["ACME Trading Co., Ltd."]),
        ("ＡＣＭＥ", ["ACME Trading Co., Ltd."]),  # full-width typed
        ("不存在", []),
        ("!!", []),
    ],
)
def test_substring_search(services: Services, people: dict[str, str], text: str, expected: list[str]) -> None:
    assert sorted(names(services, text=text)) == sorted(expected)


def test_filters_combine_with_text(services: Services, people: dict[str, str]) -> None:
    assert sorted(names(services, region="华东")) == sorted(["杭州新达科技有限公司", "上海华润万家超市有限公司"])
    assert names(services, text="有限", grade="C") == ["广州恒泰贸易有限公司"]
    assert names(services, stage="重要") == ["上海华润万家超市有限公司"]
    assert names(services, industry="软件") == ["杭州新达科技有限公司"]
    assert names(services, owner_name="李娜") == ["广州恒泰贸易有限公司"]
    assert names(services, follow_up_due=date(2026, 1, 31)) == ["上海华润万家超市有限公司"]
    assert names(services, follow_up_due=date(2026, 1, 4)) == []


def test_json_rows_carry_owner_and_dates(services: Services, people: dict[str, str]) -> None:
    row = services.search.search(CustomerQuery(text="华润"))[0].to_json()
    assert {
        "id",
        "name",
        "phone",
        "grade",
        "stage",
        "region",
        "industry",
        "owner",
        "protection_until",
        "next_follow_up",
    } <= set(row)
    assert (row["owner"], row["next_follow_up"]) == ("张伟", "2026-01-05")


def test_sorting_paging_count_and_ids(services: Services, people: dict[str, str]) -> None:
    query = CustomerQuery(sort="grade", limit=2)
    first = services.search.search(query)
    second = services.search.search(CustomerQuery(sort="grade", limit=2, offset=2))
    assert [r.grade for r in first + second] == ["A", "B", "C", None]  # no grade sorts last
    assert services.search.count(CustomerQuery()) == 4
    ids = services.search.ids(CustomerQuery(sort="grade", descending=True))
    assert len(ids) == 4 and ids[0] == people["贸易"]
    rows = services.search.rows(ids[:2])
    assert set(rows) == set(ids[:2])


def test_search_follows_edits_and_deletes(services: Services, people: dict[str, str]) -> None:
    services.customers.update(people["科技"], name="杭州新达软件有限公司")
    assert names(services, text="新达软件") == ["杭州新达软件有限公司"]
    assert names(services, text="新达科技") == []
    services.customers.add_contact(people["科技"], name="司马光")
    assert names(services, text="司马") == ["杭州新达软件有限公司"]
    services.customers.delete(people["科技"])
    assert names(services, text="新达") == []


def test_distinct_values_for_filters(services: Services, people: dict[str, str]) -> None:
    assert services.search.distinct_values("region") == sorted(["华东", "华南", "华北"])
    with pytest.raises(ValueError):
        services.search.distinct_values("name; DROP TABLE customer")


@pytest.mark.parametrize("text", ["有限", "华", "5555", "虹梅路", "不存在"])
def test_both_query_plans_give_the_same_page(
    services: Services, people: dict[str, str], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """Common words walk the name index; rare ones sort their matches. Users must not see a difference."""
    from fieldcrm.services import search

    query = CustomerQuery(text=text, region="华东", limit=2)
    monkeypatch.setattr(search, "SCAN_FIRST", 0)  # the two full-text plans (the scan has its own test)
    monkeypatch.setattr(search, "WALK_INDEX_ABOVE", 10**9)
    sorted_matches = services.search.search(query)
    monkeypatch.setattr(search, "WALK_INDEX_ABOVE", -1)
    walked = services.search.search(query)
    assert walked == sorted_matches


@pytest.fixture
def many(services: Services) -> list[str]:
    """Enough customers that one character matches most of them (as "1" does on a large store)."""
    made = []
    for n in range(40):
        made.append(
            services.customers.create(
                name=f"{'甲乙丙丁'[n % 4]}{n:02d}号商店",
                phone=f"1390000{n:04d}" if n % 3 else None,
                grade="AB"[n % 2],
                address="上海市" if n % 5 == 0 else "杭州市",
            )
        )
    return made


def test_name_order_scan_gives_the_full_text_page(
    services: Services, many: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Common words are answered from the first customers in name order, testing their indexed text: the page
    must be the one the full-text index gives (no match through the field separator token, either)."""
    from fieldcrm.services import search

    texts = ["1", "3", "号", "商店", "上海", "s", "e", "p", "z", "杭州 1", "0001", "不存在"]
    queries = [
        CustomerQuery(text=text, limit=2, descending=descending, grade=grade)
        for text in texts
        for descending in (False, True)
        for grade in (None, "A")
    ]
    monkeypatch.setattr(search, "SCAN_FIRST", 0)  # the full-text plans only
    expected = [services.search.search(q) for q in queries]
    for scan_first in (8, 40, 1000):
        monkeypatch.setattr(search, "SCAN_FIRST", scan_first)
        assert [services.search.search(q) for q in queries] == expected, scan_first
    monkeypatch.setattr(search, "SCAN_FIRST", 8)
    with services.store.read_connection() as conn:  # the scan really answers common words
        assert search.SearchService._scan_name_order(conn, CustomerQuery(text="号", limit=2)) is not None
        # the first 8 in pinyin order are the 丙 (bǐng) shops: none is a 丁 (dīng) shop
        assert search.SearchService._scan_name_order(conn, CustomerQuery(text="丁", limit=2)) is None
