"""Who may read one row by its id (a conflict's row, `GET /rows`), on SQLite and PostgreSQL: their own side's rows,
the directory, and rows hanging off a customer they see (in the public pool, or one they visited); nothing else."""

from __future__ import annotations

from sqlmodel import Session

from fieldcrm.ids import uuid7
from fieldcrm.server.auth import Principal
from fieldcrm.server.push import push
from fieldcrm.server.visibility import can_see, viewer_for
from fieldcrm.sync.protocol import WireOp
from server_fixtures import signed_in, wire_op


def made(engine, who: Principal, table: str, fields: dict) -> str:
    row_id = fields.setdefault("id", uuid7())
    (result,) = push(engine, who, [WireOp.model_validate(wire_op(table, row_id, "insert", fields))])
    assert result.status == "applied", result
    return row_id


def test_a_rep_reads_rows_of_customers_he_sees_and_no_others(server_engine, team) -> None:
    admin, rep, other = (signed_in(server_engine, name) for name in ("管理员", "张伟", "李娜"))
    in_pool = {"name": "公海客户有限公司", "in_public_pool": True, "owner_id": None}
    pooled = made(server_engine, admin, "customer", in_pool)
    private = made(server_engine, other, "customer", {"name": "李娜的客户有限公司"})
    with Session(server_engine) as session:
        viewer = viewer_for(session, rep)
        assert can_see(session, viewer, "contact", team["other"], pooled)
        assert not can_see(session, viewer, "contact", team["other"], private)
        assert not can_see(session, viewer, "daily_report", team["other"], None)  # someone else's, on no customer
        assert can_see(session, viewer, "daily_report", rep.user_id, None)
        assert can_see(session, viewer, "app_user", team["other"], None)  # the directory
        assert can_see(session, viewer_for(session, admin), "contact", team["other"], private)
