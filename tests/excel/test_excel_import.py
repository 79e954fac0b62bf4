"""The import job end to end on real workbooks and a real store: preview, commit, duplicates, undo, cancel."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from excel_helpers import store_fingerprint, write_xlsx
from sqlalchemy import text

from fieldcrm.domain.errors import InvalidStateError
from fieldcrm.excel import ImportCancelledError, ImportHistory, ImportJob, ImportRefusedError, write_error_workbook
from fieldcrm.services import Services
from fieldcrm.services.validation import credit_check_char

HEADERS = ["客户名称", "统一社会信用代码", "电话", "客户等级", "阶段", "下次跟进", "联系人", "手机", "备注"]


def code(prefix: str) -> str:
    base = (prefix + "0" * 17)[:17]
    return base + credit_check_char(base)


def _job(services: Services, path: Path, config_dir: Path | None = None, **kw) -> ImportJob:
    return ImportJob(services.store, path, user_id=services.customers._user_id, config_dir=config_dir, **kw)


def _outbox(services: Services) -> int:
    with services.store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM outbox")).scalar_one()


def _run(services: Services, path: Path, policy: str = "skip"):
    job = _job(services, path)
    job.read()
    job.preview(on_duplicate=policy)
    return job.commit()


def test_preview_counts_and_rows_then_commit(services: Services, tmp_path: Path) -> None:
    services.customers.create(name="已有客户有限公司", phone="021-5555 6666")
    path = write_xlsx(
        tmp_path / "leads.xlsx",
        [
            ["华东展会线索"],
            HEADERS,
            ["新客户甲", code("9131000000000001"), 13800000001, "A类", "潜在客户", 45000, "张三", 13900000001, "展会"],
            ["已有客户", None, None, "b", None, None, None, None, None],
            ["新客户乙", None, "1.38123E+10", "Z", None, "下周", None, None, None],
            ["新客户甲有限公司", None, None, None, None, None, None, None, None],
        ],
        merge="A1:I1",
    )
    before = store_fingerprint(services.store)
    job = _job(services, path)
    proposal = job.read()
    assert proposal.header_row == 2 and proposal.mapping[0] == "name"
    preview = job.preview(on_duplicate="skip")
    assert (preview.new, preview.update, preview.duplicate, preview.skipped, preview.error) == (1, 0, 2, 0, 1)
    first = preview.preview[0]
    assert first["status"] == "new"
    assert first["customer"] == {
        "name": "新客户甲",
        "credit_code": code("9131000000000001"),
        "phone": "13800000001",
        "grade": "A",
        "stage": "潜在",
        "next_follow_up": "2023-03-15",
        "notes": "展会",
    }
    assert {(e.row, e.column) for e in preview.errors} == {(5, "电话"), (5, "客户等级"), (5, "下次跟进")}
    assert store_fingerprint(services.store) == before  # the preview wrote nothing
    result = job.commit()
    assert result.new == 1 and result.import_id
    detail = services.customers.get(services.search.ids(_query("新客户甲"))[0])
    assert detail["contacts"][0]["name"] == "张三" and detail["contacts"][0]["mobile"] == "13900000001"
    assert detail["next_follow_up"] == "2023-03-15"
    # the earlier create (customer, first contact) + customer, contact and first contact of the import
    assert _outbox(services) == 2 + 3


def _query(search: str):
    from fieldcrm.services import CustomerQuery

    return CustomerQuery(text=search)


def test_update_changes_only_what_differs_and_undo_restores(services: Services, tmp_path: Path) -> None:
    cid = services.customers.create(name="华润万家有限公司", phone="13811112222", grade="B", region="华东")
    path = write_xlsx(
        tmp_path / "update.xlsx",
        [["客户名称", "电话", "客户等级", "区域", "行业"], ["华润万家", None, "A", "华东", "零售"]],
    )
    outbox_before = _outbox(services)
    result = _run(services, path, "update")
    assert (result.new, result.update) == (0, 1)
    row = services.customers.get(cid)
    assert (row["grade"], row["industry"], row["phone"], row["name"]) == (
        "A",
        "零售",
        "13811112222",
        "华润万家有限公司",
    )
    assert _outbox(services) == outbox_before + 1
    with services.store.engine.connect() as conn:
        fields = json.loads(conn.execute(text("SELECT fields FROM outbox ORDER BY client_seq DESC")).first()[0])
    assert fields == {"grade": "A", "industry": "零售"}
    undone = ImportHistory(services.store, services.customers._user_id).undo(result.import_id)
    assert undone.restored == 1
    row = services.customers.get(cid)
    assert (row["grade"], row["industry"]) == ("B", None)
    assert _outbox(services) == outbox_before + 2  # the undo is itself a recorded change
    with pytest.raises(InvalidStateError, match="already undone"):
        ImportHistory(services.store, services.customers._user_id).undo(result.import_id)


def test_undo_keeps_fields_changed_after_the_import(services: Services, tmp_path: Path) -> None:
    cid = services.customers.create(name="甲公司", grade="B")
    path = write_xlsx(tmp_path / "u.xlsx", [["客户名称", "客户等级", "行业"], ["甲公司", "A", "制造"]])
    result = _run(services, path, "update")
    services.customers.update(cid, grade="C")
    undone = ImportHistory(services.store).undo(result.import_id)
    assert (undone.restored, undone.kept) == (1, 1)
    row = services.customers.get(cid)
    assert (row["grade"], row["industry"]) == ("C", None)


def test_undo_of_new_rows_deletes_them_and_reimport_revives_credit_code(services: Services, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "n.xlsx",
        [
            ["客户名称", "统一社会信用代码", "联系人"],
            ["乙公司", code("9144000000000002"), "王五"],
            ["丙公司", None, None],
        ],
    )
    result = _run(services, path)
    assert result.new == 2
    history = ImportHistory(services.store)
    assert history.list()[0]["import_id"] == result.import_id
    assert history.undo(result.import_id).removed == 3  # two customers and one contact
    assert services.search.count(_query("")) == 0
    again = _run(services, path)
    assert again.new == 2
    assert services.search.count(_query("")) == 2


def test_duplicates_within_the_file_and_policies(services: Services, tmp_path: Path) -> None:
    rows = [
        ["公司名称", "联系电话"],
        ["丁公司", "13800000009"],
        ["丁 公司（有限公司）", None],
        ["戊公司", "138-0000-0009"],
    ]
    path = write_xlsx(tmp_path / "d.xlsx", rows)
    job = _job(services, path)
    job.read()
    skip = job.preview(on_duplicate="skip")
    assert (skip.new, skip.duplicate) == (1, 2)
    assert "row 2 of this file" in skip.preview[1]["reason"]
    created = job.preview(on_duplicate="create")
    assert created.new == 3


def test_similar_names_are_shown_never_merged(services: Services, tmp_path: Path) -> None:
    services.customers.create(name="上海华润万家超市连锁")
    path = write_xlsx(tmp_path / "s.xlsx", [["客户名称"], ["上海华润万家超市"]])
    job = _job(services, path)
    job.read()
    preview = job.preview()
    assert preview.new == 1
    assert preview.possible_duplicates[0]["matches"] == ["上海华润万家超市连锁"]


def test_another_reps_customer_is_not_updated(team_services: dict[str, Services], tmp_path: Path) -> None:
    team_services["other"].customers.create(name="李娜的客户", grade="C")
    path = write_xlsx(tmp_path / "o.xlsx", [["客户名称", "客户等级"], ["李娜的客户", "A"]])
    result = _run(team_services["rep"], path, "update")
    assert (result.update, result.duplicate) == (0, 1)


def test_cancel_leaves_the_store_as_it_was(services: Services, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [["客户名称"]] + [[f"公司{i:04d}"] for i in range(4500)])
    before = store_fingerprint(services.store)
    stages: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        stages.append(stage)
        if stage == "write" and done >= 2000:
            job.cancel()

    job = _job(services, path, progress=progress)
    job.read()
    job.preview()
    with pytest.raises(ImportCancelledError):
        job.commit()
    assert "validate" in stages and "write" in stages
    assert store_fingerprint(services.store) == before


def test_mapping_override_and_saved_mapping(services: Services, tmp_path: Path, config_dir: Path) -> None:
    path = write_xlsx(tmp_path / "m.xlsx", [["客户名称", "随便写的列"], ["己公司", "华南"]])
    job = _job(services, path, config_dir)
    proposal = job.read()
    assert proposal.mapping == {0: "name"} and not proposal.saved
    job.save_mapping({0: "name", 1: "region"})
    again = _job(services, path, config_dir).read()
    assert again.saved and again.mapping == {0: "name", 1: "region"}


def test_no_name_column_is_refused_clearly(services: Services, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [["温度", "日期"], [1, 2]])
    with pytest.raises(ImportRefusedError, match="no header row"):
        _job(services, path).read()


def test_error_workbook_holds_the_failed_rows_and_why(services: Services, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "e.xlsx", [["客户名称", "客户等级", "电话"], ["好公司", "A", None], [None, "Q", "@x"]])
    job = _job(services, path)
    job.read()
    job.preview()
    headers, rows = job.failed_rows()
    out = write_error_workbook(tmp_path / "errors.xlsx", headers, rows)
    sheet = openpyxl.load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["客户名称", "客户等级", "电话", "错误原因"]
    assert values[1][:3] == [None, "Q", "@x"] and sheet["C2"].data_type == "s"
    assert "客户名称" in values[1][3] and "客户等级" in values[1][3]
    assert len(values) == 2


def test_dates_blank_cells_do_not_wipe_values(services: Services, tmp_path: Path) -> None:
    cid = services.customers.create(name="庚公司", next_follow_up=date(2025, 1, 1), region="华北")
    path = write_xlsx(tmp_path / "b.xlsx", [["客户名称", "区域", "下次跟进"], ["庚公司", None, "2025年2月1日"]])
    result = _run(services, path, "update")
    assert result.update == 1
    row = services.customers.get(cid)
    assert (row["region"], row["next_follow_up"]) == ("华北", "2025-02-01")


def test_imported_rows_are_indexed_exactly_as_a_rebuild_would(services: Services, tmp_path: Path) -> None:
    from fieldcrm.store import search_index

    path = write_xlsx(
        tmp_path / "i.xlsx",
        [["客户名称", "电话", "地址", "联系人", "手机"], ["辛公司", "021-1234567", "南京路1号", "周七", "13500000001"]],
    )
    _run(services, path)
    queries = (
        "SELECT k.customer_id, f.body FROM customer_fts f JOIN customer_search_key k ON k.key = f.rowid ORDER BY 1",
        "SELECT k.customer_id, p.body FROM customer_pinyin p JOIN customer_search_key k ON k.key = p.rowid ORDER BY 1",
        "SELECT customer_id, name, name_pinyin, name_initials FROM customer_search_key ORDER BY 1",
        "SELECT * FROM contact_name_key ORDER BY 1, 2",
    )
    with services.store.engine.begin() as conn:
        imported = [conn.exec_driver_sql(sql).all() for sql in queries]
        search_index.rebuild(conn)
        assert [conn.exec_driver_sql(sql).all() for sql in queries] == imported
    assert services.search.count(_query("周七")) == 1
    assert services.search.count(_query("zhouqi")) == 1


def test_imported_names_are_listed_and_found_by_their_pinyin(services: Services, tmp_path: Path) -> None:
    """New rows (written in bulk) and a name changed by the import (its credit code found the customer)."""
    credit_code = code("9150000000000001")
    renamed = services.customers.create(name="上海华润万家超市有限公司", credit_code=credit_code)
    path = write_xlsx(
        tmp_path / "p.xlsx",
        [
            ["客户名称", "统一社会信用代码", "联系人", "手机"],
            ["厦门航空有限公司", None, "单田芳", "13900000001"],
            ["长沙银行股份有限公司", None, "曾涛", None],
            ["重庆华润万家超市有限公司", credit_code, None, None],
        ],
    )
    result = _run(services, path, "update")
    assert (result.new, result.update) == (2, 1)
    listed = [r.name for r in services.search.search(_query(""))]
    assert listed == ["长沙银行股份有限公司", "重庆华润万家超市有限公司", "厦门航空有限公司"]  # cháng, chóng, xià
    found = {text: [r.name for r in services.search.search(_query(text))] for text in ("xiamen", "csyh", "shanghai")}
    assert found == {"xiamen": ["厦门航空有限公司"], "csyh": ["长沙银行股份有限公司"], "shanghai": []}
    assert services.search.ids(_query("chongqing")) == [renamed]
    assert [r.name for r in services.search.search(_query("shantianfang"))] == ["厦门航空有限公司"]
    assert [r.name for r in services.search.search(_query("zengtao"))] == ["长沙银行股份有限公司"]


def test_gbk_csv_from_an_old_crm_imports(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "old_crm.csv"
    content = (
        "客户名称,联系电话,客户等级,下次跟进\r\n壬公司,1.3812345678E+10,Ｂ类,2025/4/1\r\n癸公司,010-88886666,c,\r\n"
    )
    path.write_bytes(content.encode("gbk"))
    result = _run(services, path)
    assert (result.new, result.error) == (2, 0)
    rows = {r.name: r for r in services.search.search(_query(""))}
    assert rows["壬公司"].phone == "13812345678" and rows["壬公司"].grade == "B"
    assert rows["壬公司"].next_follow_up == "2025-04-01"


def test_contacts_are_updated_or_added_and_undo_reverts_both(services: Services, tmp_path: Path) -> None:
    first = services.customers.create(name="子公司", contacts=[{"name": "钱一", "mobile": "13600000001"}])
    second = services.customers.create(name="丑公司")
    path = write_xlsx(
        tmp_path / "c.xlsx",
        [
            ["客户名称", "联系人", "手机", "职务"],
            ["子公司", "钱一", "13600000009", "经理"],
            ["丑公司", "孙二", None, "采购"],
        ],
    )
    result = _run(services, path, "update")
    assert result.update == 2
    assert services.customers.get(first)["contacts"][0]["mobile"] == "13600000009"
    added = services.customers.get(second)["contacts"]
    assert [(c["name"], c["title"], c["is_primary"]) for c in added] == [("孙二", "采购", True)]
    undone = ImportHistory(services.store).undo(result.import_id)
    assert (undone.restored, undone.removed) == (2, 1)  # the customer's phone (taken from the mobile) and contact
    assert services.customers.get(first)["phone"] is None
    restored = services.customers.get(first)["contacts"][0]
    assert (restored["mobile"], restored["title"]) == ("13600000001", None)
    assert services.customers.get(second)["contacts"] == []


def test_each_imported_row_has_one_outbox_entry_holding_exactly_what_was_stored(
    services: Services, tmp_path: Path
) -> None:
    from sqlmodel import select

    from fieldcrm.models import Contact, Customer, OwnershipEvent
    from fieldcrm.models.codec import row_to_dict

    path = write_xlsx(
        tmp_path / "o.xlsx",
        [
            HEADERS,
            ["寅公司", code("9131000000000007"), 13800000007, "A类", "重要", 45000, "孙八", 13900000007, "一\n二"],
            ["卯公司", None, "021-7777 8888", None, None, None, None, None, None],
        ],
    )
    result = _run(services, path)
    assert result.new == 2
    with services.store.session() as session:
        rows = [*session.exec(select(Customer)).all(), *session.exec(select(Contact)).all()]
        rows += session.exec(select(OwnershipEvent)).all()  # each new customer's first contact
        entries = {
            (table, row_id): json.loads(fields)
            for table, row_id, fields in session.connection().exec_driver_sql(
                "SELECT table_name, row_id, fields FROM outbox WHERE op = 'insert'"
            )
        }
        assert len(rows) == len(entries) == 5
        for row in rows:
            stored = {k: v for k, v in row_to_dict(row).items() if v is not None and k != "version"}
            assert entries[(row.__tablename__, row.id)] == stored
