"""The daily report's rules as the server applies them to pushed ops, on SQLite and PostgreSQL: a report arrives as
its rep's plain draft, the rep's second laptop only fills its gaps, it never changes hands, and only a workflow
step changes its status, however a laptop labels the op."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from fieldcrm.domain.reports import digest
from fieldcrm.ids import uuid7
from fieldcrm.models import DailyReport
from fieldcrm.server.auth import Principal
from server_fixtures import send, signed_in


def new_report(rep: Principal, **fields: Any) -> dict:
    return {"id": uuid7(), "rep_id": rep.user_id, "report_date": "2026-11-23", "summary": "", **fields}


def stored(engine, report_id: str) -> DailyReport | None:
    with Session(engine) as session:
        return session.get(DailyReport, report_id)


def test_a_new_report_arrives_only_as_its_reps_unsigned_draft(server_engine, team) -> None:
    rep = signed_in(server_engine, "张伟")
    for forged in (
        {"status": "submitted"},
        {"status": "countersigned"},
        {"signature": "0" * 64},  # a draft that carries a signature
        {"signed_by": team["supervisor"]},  # or a signer
    ):
        report = new_report(rep, **forged)
        status, reason = send(server_engine, rep, "daily_report", report["id"], "insert", report)
        assert (status, reason) == ("rejected", "a report starts as a draft; submit and countersign are workflow steps")
        assert stored(server_engine, report["id"]) is None
    report = new_report(rep, status="draft")
    assert send(server_engine, rep, "daily_report", report["id"], "insert", report)[0] == "applied"
    assert stored(server_engine, report["id"]).status == "draft"


def test_the_same_days_report_from_the_reps_second_laptop_fills_its_gaps(server_engine, team) -> None:
    rep = signed_in(server_engine, "张伟")
    report = new_report(rep, status="draft")
    assert send(server_engine, rep, "daily_report", report["id"], "insert", report)[0] == "applied"
    # The report's id is the same per rep and day: the other laptop's creation arrives as a second insert.
    again = {**report, "summary": "拜访三家客户"}
    assert send(server_engine, rep, "daily_report", report["id"], "insert", again)[0] == "merged"
    row = stored(server_engine, report["id"])
    assert (row.summary, row.status) == ("拜访三家客户", "draft")


def test_a_report_never_changes_hands_whoever_sends_it(server_engine, team) -> None:
    rep, supervisor = signed_in(server_engine, "张伟"), signed_in(server_engine, "王经理")
    report = new_report(rep, status="draft")
    assert send(server_engine, rep, "daily_report", report["id"], "insert", report)[0] == "applied"
    for who, fields in (
        (rep, {"rep_id": team["other"]}),  # the rep hands his report to a teammate
        (supervisor, {"owner_id": team["other"]}),  # the supervisor moves it within the team she leads
    ):
        status, reason = send(server_engine, who, "daily_report", report["id"], "update", fields, base=1)
        assert (status, reason) == ("rejected", "a report belongs to its rep")
        row = stored(server_engine, report["id"])
        assert (row.rep_id, row.owner_id) == (rep.user_id, rep.user_id)


def test_an_update_that_names_a_step_still_cannot_change_the_status(server_engine, team) -> None:
    rep = signed_in(server_engine, "张伟")
    report = new_report(rep, status="draft")
    assert send(server_engine, rep, "daily_report", report["id"], "insert", report)[0] == "applied"
    fields = {"status": "submitted", "submitted_at": "2026-11-23T18:00:00+00:00", "times_submitted": 1}
    status, reason = send(server_engine, rep, "daily_report", report["id"], "update", fields, action="submit", base=1)
    assert (status, reason) == ("rejected", "report status changes only through submit, countersign or return")
    assert stored(server_engine, report["id"]).status == "draft"
    # the same fields as the step itself are applied: the refusal was about the op's kind
    assert send(server_engine, rep, "daily_report", report["id"], "action", fields, action="submit", base=1)[0] == (
        "applied"
    )
    assert stored(server_engine, report["id"]).status == "submitted"


def submitted(engine, rep: Principal, **fields: Any) -> dict:
    report = new_report(rep, status="draft", **fields)
    assert send(engine, rep, "daily_report", report["id"], "insert", report)[0] == "applied"
    step = {"status": "submitted", "submitted_at": "2026-11-23T18:00:00+00:00", "times_submitted": 1}
    assert send(engine, rep, "daily_report", report["id"], "action", step, action="submit", base=1)[0] == "applied"
    return report


def test_a_countersignature_covers_the_reports_visits(server_engine, team) -> None:
    rep, supervisor = signed_in(server_engine, "张伟"), signed_in(server_engine, "王经理")
    visits = '[{"customer":"杭州新达科技有限公司","outcome":"介绍新品"}]'
    report = submitted(server_engine, rep, summary="拜访一家", content=visits)
    row = stored(server_engine, report["id"])
    day = row.report_date
    without_visits = {"status": "countersigned", "signature": digest(rep.user_id, day, "拜访一家", "[]")}
    status, reason = send(
        server_engine,
        supervisor,
        "daily_report",
        report["id"],
        "action",
        without_visits,
        action="countersign",
        base=row.version,
    )
    assert (status, reason) == ("rejected", "the signature does not match the report's content")
    signed = {"status": "countersigned", "signature": digest(rep.user_id, day, "拜访一家", visits)}
    assert (
        send(
            server_engine,
            supervisor,
            "daily_report",
            report["id"],
            "action",
            signed,
            action="countersign",
            base=row.version,
        )[0]
        == "applied"
    )
    assert stored(server_engine, report["id"]).signed_by == supervisor.user_id


def test_an_edit_that_changes_nothing_on_a_submitted_report_is_no_refusal(server_engine, team) -> None:
    rep = signed_in(server_engine, "张伟")
    report = submitted(server_engine, rep, summary="拜访一家")
    # a laptop that edited the summary offline to what head office already has
    assert send(server_engine, rep, "daily_report", report["id"], "update", {"summary": "拜访一家"}, base=1)[0] in (
        "applied",
        "merged",
    )
    status, reason = send(server_engine, rep, "daily_report", report["id"], "update", {"summary": "改过"}, base=1)
    assert (status, reason) == (
        "rejected",
        "this report is submitted; it can be changed only after the supervisor returns it",
    )


def test_a_workflow_step_without_its_name_is_refused_with_the_steps_it_could_be(server_engine, team) -> None:
    rep = signed_in(server_engine, "张伟")
    report = new_report(rep, status="draft")
    assert send(server_engine, rep, "daily_report", report["id"], "insert", report)[0] == "applied"
    status, reason = send(server_engine, rep, "daily_report", report["id"], "action", {"summary": "x"}, base=1)
    assert (status, reason) == ("rejected", "a workflow step needs its name (submit, countersign or return)")
