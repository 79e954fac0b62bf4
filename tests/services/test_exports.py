"""Export control: the policy's scope, cap and refusal, at the service and in `fieldcrm export`; the export log."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text

from fieldcrm.domain.errors import PermissionDeniedError
from fieldcrm.domain.exports import MAY_NOT_EXPORT
from fieldcrm.excel import export_customers
from fieldcrm.ids import stable_id
from fieldcrm.models import ExportPolicy
from fieldcrm.paths import resolve_paths
from fieldcrm.services import CustomerQuery, Services
from fieldcrm.store import Store

Team = dict[str, Services]


def head_office_policy(store: Store, role: str, scope: str, cap: int | None = None) -> None:
    """The policy row as a pull from head office writes it: directly, with no outbox entry."""
    with store.transaction() as session:
        session.add(ExportPolicy(id=stable_id("export_policy", role), role=role, scope=scope, row_cap=cap, version=1))


@pytest.fixture
def customers(team_services: Team) -> dict[str, str]:
    """Two customers of 张伟 (the rep), one of 李娜 (another rep of the team) with a contact's mobile."""
    rep, other = team_services["rep"], team_services["other"]
    return {
        "a": rep.customers.create(name="甲商贸有限公司", grade="A"),
        "b": rep.customers.create(name="乙电子有限公司", grade="B"),
        "li": other.customers.create(
            name="丙机械有限公司",
            grade="A",
            phone="13812345678",
            contacts=[{"name": "王经理", "mobile": "13987654321"}],
        ),
    }


def names_in(path: Path) -> set[str]:
    return {row[0] for row in openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True)}


def audit_rows(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text("SELECT * FROM audit_event ORDER BY at"))]


def test_a_rep_exports_only_their_own_customers_by_default(team_services: Team, customers, tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    result = export_customers(team_services["rep"].store, path, user_id=team_services["rep"].user_id)
    assert (result.written, result.left_out) == (2, 1)
    assert names_in(path) == {"甲商贸有限公司", "乙电子有限公司"}


def test_a_supervisor_exports_all_they_see(team_services: Team, customers, tmp_path: Path) -> None:
    path = tmp_path / "team.xlsx"
    result = export_customers(team_services["supervisor"].store, path, user_id=team_services["supervisor"].user_id)
    assert (result.written, result.left_out) == (3, 0)


def test_a_role_that_may_not_export_is_refused_and_nothing_is_written(
    team_services: Team, customers, tmp_path: Path
) -> None:
    rep = team_services["rep"]
    head_office_policy(rep.store, "rep", "none")
    path = tmp_path / "none.xlsx"
    with pytest.raises(PermissionDeniedError) as refused:
        export_customers(rep.store, path, user_id=rep.user_id)
    assert str(refused.value) == MAY_NOT_EXPORT
    assert not path.exists() and audit_rows(rep.store) == []


def test_more_rows_than_the_cap_are_refused_with_the_cap(team_services: Team, customers, tmp_path: Path) -> None:
    rep = team_services["rep"]
    head_office_policy(rep.store, "rep", "visible", cap=2)
    with pytest.raises(PermissionDeniedError, match="more than the 2 your role may export"):
        export_customers(rep.store, tmp_path / "all.xlsx", user_id=rep.user_id)
    result = export_customers(rep.store, tmp_path / "a.xlsx", CustomerQuery(grade="A"), user_id=rep.user_id)
    assert (result.written, result.left_out) == (2, 0)  # 甲 and 李娜's 丙: "visible" takes what the rep sees


def test_the_policy_is_per_role(team_services: Team, customers, tmp_path: Path) -> None:
    supervisor = team_services["supervisor"]
    head_office_policy(supervisor.store, "supervisor", "none")
    with pytest.raises(PermissionDeniedError):
        export_customers(supervisor.store, tmp_path / "x.xlsx", user_id=supervisor.user_id)
    rep = team_services["rep"]
    assert export_customers(rep.store, tmp_path / "y.xlsx", user_id=rep.user_id).written == 2


def test_an_export_writes_one_log_row_and_nothing_else(team_services: Team, customers, tmp_path: Path) -> None:
    rep = team_services["rep"]
    with rep.store.engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM outbox")).scalar_one()
    export_customers(rep.store, tmp_path / "grade_a.xlsx", CustomerQuery(grade="A"), user_id=rep.user_id)
    [event] = audit_rows(rep.store)
    assert event["kind"] == "export" and event["owner_id"] == rep.user_id
    assert (event["row_count"], event["file_name"], event["filter_text"]) == (1, "grade_a.xlsx", "grade=A")
    with rep.store.engine.connect() as conn:
        entries = conn.execute(text("SELECT table_name, op, fields FROM outbox ORDER BY rowid")).all()[before:]
    assert [(t, op) for t, op, _ in entries] == [("audit_event", "insert")]
    assert str(tmp_path) not in entries[0][2] and json.loads(entries[0][2])["file_name"] == "grade_a.xlsx"


def test_an_export_shows_the_mobiles_of_customers_the_user_does_not_own_masked(
    team_services: Team, customers, tmp_path: Path
) -> None:
    rep = team_services["rep"]
    head_office_policy(rep.store, "rep", "visible")
    path = tmp_path / "visible.xlsx"
    export_customers(rep.store, path, CustomerQuery(text="丙"), lang="en", user_id=rep.user_id)
    [row] = openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True)
    assert (row[2], row[15]) == ("138****5678", "139****4321")
    supervisor = team_services["supervisor"]
    export_customers(supervisor.store, path, CustomerQuery(text="丙"), user_id=supervisor.user_id)
    [row] = openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True)
    assert (row[2], row[15]) == ("13812345678", "13987654321")  # the owner's supervisor sees them in full


def test_cli_export_refused_in_one_line(rep, customer: str, tmp_path: Path) -> None:
    paths = resolve_paths(rep.folder)
    store = Store.open(paths.database, paths.backups)
    try:
        head_office_policy(store, "rep", "none")
    finally:
        store.close()
    line = rep.fails(1, "export", str(tmp_path / "x.xlsx"))
    assert line == f"error: {MAY_NOT_EXPORT}"
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_export_says_what_it_left_out_and_exports_list_shows_it(rep, customer: str, tmp_path: Path) -> None:
    rep.ok("users", "add", "--name", "李娜", "--role", "rep", "--team", "华东一组")
    rep.ok("init", "--name", "李娜")
    rep.ok("customers", "add", "--name", "李氏贸易有限公司")
    rep.ok("init", "--name", "张伟")
    out = rep.ok("export", str(tmp_path / "list.xlsx"))
    assert "Exported 1 customers" in out and "Left out 1 customers that are not yours" in out
    [logged] = rep.json("exports", "list")
    shown = (logged["user"], logged["rows"], logged["file"], logged["filter"])
    assert shown == ("张伟", 1, "list.xlsx", "all customers")


def test_cli_masks_the_mobiles_of_customers_the_user_does_not_own_and_a_reveal_is_logged(rep, tmp_path: Path) -> None:
    rep.ok("users", "add", "--name", "李娜", "--role", "rep", "--team", "华东一组")
    rep.ok("init", "--name", "李娜")
    theirs = rep.ok(
        "customers", "add", "--name", "丙机械有限公司", "--phone", "13812345678",
        "--contact-name", "王经理", "--contact-mobile", "13987654321",
    ).strip()  # fmt: skip
    assert rep.json("customers", "list")[0]["phone"] == "13812345678"  # her own: in full
    rep.ok("init", "--name", "张伟")
    assert rep.json("customers", "list")[0]["phone"] == "138****5678"
    assert "138****5678" in rep.ok("customers", "list", "--search", "138")
    shown = rep.json("customers", "show", theirs)
    assert (shown["phone"], shown["contacts"][0]["mobile"]) == ("138****5678", "139****4321")
    revealed = rep.json("customers", "show", theirs, "--reveal")
    assert (revealed["phone"], revealed["contacts"][0]["mobile"]) == ("13812345678", "13987654321")
    paths = resolve_paths(rep.folder)
    store = Store.open(paths.database, paths.backups)
    try:
        [event] = audit_rows(store)
    finally:
        store.close()
    assert (event["kind"], event["customer_id"]) == ("reveal", theirs)
