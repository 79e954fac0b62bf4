"""The customer list in pinyin order, and search by pinyin initials and full pinyin of customer and contact names;
the keys follow every edit."""

from __future__ import annotations

import pytest

from fieldcrm.services import CustomerQuery, Services

#: Real-looking customers, in pinyin order: digits, then letters, Chinese by its reading (长 cháng, 重 chóng,
#: 厦 xià: read as 长 zhǎng, 重 zhòng or 厦 shà, those three would sort among the z and s names).
IN_PINYIN_ORDER = [
    "3M中国有限公司",
    "阿里巴巴（中国）网络技术有限公司",
    "ABB（中国）有限公司",
    "安徽华信电子有限公司",
    "北京燕山电子有限公司",
    "长沙银行股份有限公司",
    "成都华润置地有限公司",
    "重庆长安汽车股份有限公司",
    "上海华润万家超市有限公司",
    "深圳市腾讯计算机系统有限公司",
    "万科企业股份有限公司",
    "厦门航空有限公司",
    "招商银行股份有限公司",
    "中国工商银行股份有限公司",
]
CONTACTS = {
    "万科企业股份有限公司": ["单田芳"],
    "厦门航空有限公司": ["曾涛", "解晓东"],
    "上海华润万家超市有限公司": ["欧阳娜娜"],
    "北京燕山电子有限公司": ["区志强", "仇晓", "朴树"],
}


@pytest.fixture
def customers(services: Services) -> dict[str, str]:
    made = {}
    for name in reversed(IN_PINYIN_ORDER):  # made in another order than they list in
        contacts = [{"name": person} for person in CONTACTS.get(name, ())]
        made[name] = services.customers.create(name=name, contacts=contacts, allow_duplicate=True)
    return made


def names(services: Services, text: str = "", **kwargs) -> list[str]:
    return [r.name for r in services.search.search(CustomerQuery(text=text, limit=100, **kwargs))]


def test_the_list_is_in_pinyin_order(services: Services, customers: dict[str, str]) -> None:
    assert names(services) == IN_PINYIN_ORDER
    assert names(services, descending=True) == IN_PINYIN_ORDER[::-1]
    assert services.search.ids(CustomerQuery()) == [customers[n] for n in IN_PINYIN_ORDER]
    pages = [services.search.search(CustomerQuery(limit=5, offset=start)) for start in (0, 5, 10)]
    assert [r.name for page in pages for r in page] == IN_PINYIN_ORDER


def test_names_that_read_alike_sort_by_the_name_then_by_id(services: Services) -> None:
    xin1, xin1_too = "华鑫科技有限公司", "华新科技有限公司"  # both huá xīn: 新 comes before 鑫 in code points
    first = services.customers.create(name=xin1)
    second = services.customers.create(name=xin1, allow_duplicate=True)  # the same name again: by id
    third = services.customers.create(name=xin1_too, allow_duplicate=True)
    services.customers.create(name="华信科技有限公司", allow_duplicate=True)  # huá xìn: after the first tone
    expected = [third, *sorted([first, second]), services.search.ids(CustomerQuery(text="华信"))[0]]
    assert services.search.ids(CustomerQuery()) == expected
    assert [r.id for r in services.search.search(CustomerQuery())] == expected
    assert services.search.ids(CustomerQuery(descending=True)) == expected[::-1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hrwj", ["上海华润万家超市有限公司"]),  # initials, from any syllable on
        ("HRWJ", ["上海华润万家超市有限公司"]),
        ("huarun", ["上海华润万家超市有限公司", "成都华润置地有限公司"]),  # full pinyin
        ("hua run", ["上海华润万家超市有限公司", "成都华润置地有限公司"]),  # with a space
        ("huárùn", ["上海华润万家超市有限公司", "成都华润置地有限公司"]),  # with tone marks
        ("hua2run4", ["上海华润万家超市有限公司", "成都华润置地有限公司"]),  # with tone digits
        ("huarunwanjiachaoshiyouxiangongsi", ["上海华润万家超市有限公司"]),  # a whole name
        ("cqca", ["重庆长安汽车股份有限公司"]),
        ("chongqing", ["重庆长安汽车股份有限公司"]),
        ("zhongqing", []),  # 重 read zhòng is not how the city is read
        ("changsha", ["长沙银行股份有限公司"]),
        ("zhangsha", []),
        ("xiamen", ["厦门航空有限公司"]),
        ("shamen", []),
        ("yinhang", ["长沙银行股份有限公司", "招商银行股份有限公司", "中国工商银行股份有限公司"]),
        ("yinxing", []),
        ("shantianfang", ["万科企业股份有限公司"]),  # a contact: 单 as a surname is shàn
        ("stf", ["万科企业股份有限公司"]),
        ("dantianfang", []),
        ("zengtao", ["厦门航空有限公司"]),
        ("xiexiaodong", ["厦门航空有限公司"]),
        ("ouzhiqiang", ["北京燕山电子有限公司"]),
        ("qiuxiao", ["北京燕山电子有限公司"]),
        ("piaoshu", ["北京燕山电子有限公司"]),
        ("ouyang", ["上海华润万家超市有限公司"]),
        ("shanghai 超市", ["上海华润万家超市有限公司"]),  # pinyin and Chinese words together
        ("huarun 成都", ["成都华润置地有限公司"]),
        ("hrwj 深圳", []),
        ("华润", ["上海华润万家超市有限公司", "成都华润置地有限公司"]),  # Chinese as before
        ("abb", ["ABB（中国）有限公司"]),  # letters as before
        ("3m", ["3M中国有限公司"]),
    ],
)
def test_pinyin_finds_customer_and_contact_names(
    services: Services, customers: dict[str, str], text: str, expected: list[str]
) -> None:
    in_order = [name for name in IN_PINYIN_ORDER if name in expected]
    assert names(services, text) == in_order
    assert services.search.count(CustomerQuery(text=text)) == len(expected)
    assert services.search.ids(CustomerQuery(text=text)) == [customers[n] for n in in_order]


def test_pinyin_keys_follow_edits(services: Services, customers: dict[str, str]) -> None:
    moved = customers["上海华润万家超市有限公司"]
    services.customers.update(moved, name="北京华润万家超市有限公司")
    assert names(services, "shanghai") == []
    assert names(services, "beijing") == ["北京华润万家超市有限公司", "北京燕山电子有限公司"]  # huá, yān
    moved_up = [n for n in IN_PINYIN_ORDER if n != "上海华润万家超市有限公司"]
    moved_up.insert(moved_up.index("北京燕山电子有限公司"), "北京华润万家超市有限公司")
    assert names(services) == moved_up

    vanke = customers["万科企业股份有限公司"]
    contact = services.customers.get(vanke)["contacts"][0]["id"]
    services.customers.update_contact(contact, name="曾国藩")
    assert names(services, "shantianfang") == []
    assert names(services, "zengguofan") == ["万科企业股份有限公司"]
    services.customers.delete_contact(contact)
    assert names(services, "zengguofan") == []
    services.customers.add_contact(vanke, name="仇英")
    assert names(services, "qiuying") == ["万科企业股份有限公司"]

    services.customers.delete(vanke)
    assert "万科企业股份有限公司" not in names(services)
    assert vanke not in services.search.ids(CustomerQuery())
    assert names(services, "wanke") == []


def test_contacts_are_listed_in_pinyin_order_after_the_primary(services: Services) -> None:
    people = ["王芳", "曾涛", "欧阳娜娜", "单田芳"]  # the first is the primary contact
    customer = services.customers.create(name="杭州新达科技有限公司", contacts=[{"name": p} for p in people])
    listed = [c["name"] for c in services.customers.get(customer)["contacts"]]
    assert listed == ["王芳", "欧阳娜娜", "单田芳", "曾涛"]  # ōu, shàn, zēng


@pytest.mark.parametrize("text", ["huarun", "hr", "s", "youxian", "hua run", "gs 华"])
def test_pinyin_query_plans_give_the_same_page(
    services: Services, customers: dict[str, str], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """A few matches are sorted, many scanned for or walked: users must not see a difference."""
    from fieldcrm.services import search

    queries = [CustomerQuery(text=text, limit=2, offset=offset, descending=d) for offset in (0, 1) for d in (0, 1)]
    monkeypatch.setattr(search, "SCAN_FIRST", 0)
    monkeypatch.setattr(search, "WALK_INDEX_ABOVE", 10**9)  # sort the matches
    sorted_matches = [services.search.search(q) for q in queries]
    assert sorted_matches[0], "the words find something"
    monkeypatch.setattr(search, "WALK_INDEX_ABOVE", -1)  # walk the name index
    assert [services.search.search(q) for q in queries] == sorted_matches
    monkeypatch.setattr(search, "SCAN_FIRST", 8)  # scan the first customers by name
    assert [services.search.search(q) for q in queries] == sorted_matches
    with services.store.read_connection() as conn:  # the scan really answers words that are common pinyin
        assert search.SearchService._scan_name_order(conn, CustomerQuery(text="youxian", limit=2)) is not None
