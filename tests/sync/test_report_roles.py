"""The report workflow's role rules on the server: nobody countersigns or returns their own report, whatever their
role, even with a well-formed hand-made op (right signature, right base version)."""

from __future__ import annotations

import pytest
from handmade import push_one, server_row, token_of
from laptops import PASSWORD

from fieldcrm.models import DailyReport
from fieldcrm.server import accounts
from fieldcrm.services.reports import content_digest
from server_fixtures import wire_op as op

pytestmark = pytest.mark.server_threads(1)

#: The author of the report, and someone who may decide it (which shows the hand-made op itself is sound).
AUTHORS = {"rep": ("张伟", "王经理"), "supervisor": ("王经理", "管理员"), "admin": ("管理员", "总部审核")}


def _countersign(report: dict, digest: str) -> dict:
    fields = {"status": "countersigned", "signature": digest, "signed_at": "2026-12-01T10:00:00+00:00"}
    return op("daily_report", report["id"], "action", fields, action="countersign", base=report["version"])


def _return(report: dict, by: str) -> dict:
    fields = {"status": "returned", "return_comment": "请补充客户反馈", "returned_by": by}
    return op("daily_report", report["id"], "action", fields, action="return", base=report["version"])


@pytest.mark.parametrize("role", sorted(AUTHORS))
def test_nobody_countersigns_or_returns_their_own_report_on_the_server(server, team, laptop_factory, role: str) -> None:
    accounts.create_user(server.engine, "总部审核", "admin", None, PASSWORD)
    author, reviewer = AUTHORS[role]
    laptop = laptop_factory("author", author)
    laptop.cli("report", "edit", "--summary", "走访两家客户，整理报价")
    laptop.cli("report", "submit")
    assert laptop.sync().rejected == 0
    report_id = laptop.cli_json("report", "show")["id"]
    with laptop.store.session() as session:
        digest = content_digest(session.get(DailyReport, report_id))
    mine = token_of(server, author)
    report = server_row(server, mine, "daily_report", report_id)
    assert report["status"] == "submitted"
    for forged in (_countersign(report, digest), _return(report, report["rep_id"])):
        result = push_one(server, mine, forged)
        assert result["status"] == "rejected", (forged["action"], result)
        assert "supervisor or an admin" in result["reason"]
        assert server_row(server, mine, "daily_report", report_id)["status"] == "submitted"
    # The same op from someone who may decide it is applied: the refusal above was about the author alone.
    theirs = token_of(server, reviewer)
    assert push_one(server, theirs, _countersign(report, digest))["status"] == "applied"
    signed = server_row(server, theirs, "daily_report", report_id)
    assert (signed["status"], signed["signature"]) == ("countersigned", digest)
    assert signed["signed_by"] != report["rep_id"]
