"""Daily visit reports (销售日报): build from the day's visits, edit, submit, countersign or return.

A countersigned report is frozen: the signature holds signer, time and the SHA-256 of the report's canonical
content, so any later change is refused here and detectable anywhere by `verify_signature`.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from fieldcrm.domain import reports as domain
from fieldcrm.domain.actors import Actor
from fieldcrm.domain.errors import (
    InvalidStateError,
    NotFoundError,
    PermissionDeniedError,
    StaleError,
    ValidationError,
)
from fieldcrm.ids import stable_id
from fieldcrm.models import DailyReport, Team, User
from fieldcrm.models.codec import row_to_dict
from fieldcrm.services.base import BaseService, get_live
from fieldcrm.services.changes import UnitOfWork, unit_of_work
from fieldcrm.services.visits import visits_of_day

EDITABLE = ("draft", "returned")
_VISIT_KEYS = (
    "id",
    "customer_id",
    "customer_name",
    "kind",
    "started_at",
    "ended_at",
    "outcome",
    "notes",
    "next_step",
    "next_date",
)


def report_id_for(rep_id: str, day: date) -> str:
    return stable_id("daily_report", rep_id, day.isoformat())


def canonical_content(report: DailyReport) -> bytes:
    """The bytes a signature covers (`domain.reports.canonical_content`)."""
    return domain.canonical_content(report.rep_id, report.report_date, report.summary, report.content)


def content_digest(report: DailyReport) -> str:
    return domain.digest(report.rep_id, report.report_date, report.summary, report.content)


def verify_signature(report: DailyReport) -> bool | None:
    """True if a countersigned report is unchanged since signing, False if tampered, None if not signed."""
    if report.status != "countersigned" and not report.signature:
        return None
    return bool(report.signature) and report.signed_by is not None and report.signature == content_digest(report)


def report_state(session: Session, report: DailyReport) -> domain.ReportState:
    """What the workflow rules need of a report: its rep, its state, and the rep's supervisor."""
    return domain.ReportState(report.rep_id, report.status, supervisor_of(session, report.rep_id))


def supervisor_of(session: Session, rep_id: str) -> str | None:
    rep = session.get(User, rep_id)
    team = session.get(Team, rep.team_id) if rep and rep.team_id else None
    return team.supervisor_id if team else None


def may_countersign(session: Session, actor: User, rep_id: str) -> bool:
    """Only the rep's own supervisor, or an admin, countersigns or returns a report; nobody their own."""
    state = domain.ReportState(rep_id, domain.SUBMITTED, supervisor_of(session, rep_id))
    return domain.may_decide(Actor.of(actor.id, actor.role), state)


class ReportService(BaseService):
    def _content(self, session: Session, rep_id: str, day: date) -> str:
        visits = [{k: v.get(k) for k in _VISIT_KEYS} for v in visits_of_day(session, rep_id, day)]
        return json.dumps(visits, ensure_ascii=False, sort_keys=True)

    def _own(self, uow: UnitOfWork, day: date) -> DailyReport | None:
        actor = self.actor(uow.session)
        report = uow.session.get(DailyReport, report_id_for(actor.id, day))
        return None if report is None or report.deleted else report

    def build(self, day: date) -> dict[str, Any]:
        """Create or refresh the acting rep's report for `day` from that day's visits; the summary is kept."""
        with unit_of_work(self.store) as uow:
            actor = self.actor(uow.session)
            report = self._own(uow, day)
            content = self._content(uow.session, actor.id, day)
            if report is None:
                report = DailyReport(
                    id=report_id_for(actor.id, day),
                    rep_id=actor.id,
                    owner_id=actor.id,
                    report_date=day,
                    content=content,
                )
                uow.insert(report)
            else:
                self._check_editable(report)
                uow.update(report, {"content": content})
            uow.session.flush()
            return self._describe(uow.session, report)

    @staticmethod
    def _check_editable(report: DailyReport) -> None:
        refusal = domain.refuse_edit(report.status)
        if refusal:
            raise InvalidStateError(refusal)

    def edit_summary(self, day: date, summary: str) -> dict[str, Any]:
        if len(summary) > 10_000:
            raise ValidationError("is longer than 10,000 characters", "summary")
        with unit_of_work(self.store) as uow:
            report = self._own(uow, day)
            if report is None:
                actor = self.actor(uow.session)
                report = DailyReport(
                    id=report_id_for(actor.id, day),
                    rep_id=actor.id,
                    owner_id=actor.id,
                    report_date=day,
                    content=self._content(uow.session, actor.id, day),
                    summary=summary,
                )
                uow.insert(report)
            else:
                self._check_editable(report)
                uow.update(report, {"summary": summary})
            uow.session.flush()
            return self._describe(uow.session, report)

    def submit(self, day: date) -> dict[str, Any]:
        """Submit the day's report (rebuilt from the visits first, so none logged since is missing)."""
        with unit_of_work(self.store) as uow:
            actor = self.actor(uow.session)
            report = self._own(uow, day)
            content = self._content(uow.session, actor.id, day)
            if report is None:
                report = DailyReport(
                    id=report_id_for(actor.id, day),
                    rep_id=actor.id,
                    owner_id=actor.id,
                    report_date=day,
                    content=content,
                )
                uow.insert(report)
                uow.session.flush()
            self._check_editable(report)
            if content == "[]" and not report.summary.strip():
                raise ValidationError("a report with no visits needs a summary of the day", "summary")
            uow.update(
                report,
                {
                    "content": content,
                    "status": "submitted",
                    "submitted_at": self.clock(),
                    "times_submitted": report.times_submitted + 1,
                    "return_comment": None,
                },
                action="submit",
            )
            return self._describe(uow.session, report)

    def _reviewable(
        self, uow: UnitOfWork, report_id: str, seen_updated_at: str | None, step: str
    ) -> tuple[User, DailyReport]:
        actor = self.actor(uow.session)
        report = get_live(uow.session, DailyReport, report_id)
        state = report_state(uow.session, report)
        if not domain.may_decide(Actor.of(actor.id, actor.role), state):
            raise PermissionDeniedError(domain.ONLY_THE_SUPERVISOR)
        refusal = domain.refuse_step(Actor.of(actor.id, actor.role), state, step)
        if refusal:
            raise InvalidStateError(refusal)
        if seen_updated_at is not None and report.updated_at.isoformat() != seen_updated_at:
            raise StaleError(domain.CHANGED_SINCE)
        return actor, report

    def countersign(self, report_id: str, seen_updated_at: str | None = None) -> dict[str, Any]:
        with unit_of_work(self.store) as uow:
            actor, report = self._reviewable(uow, report_id, seen_updated_at, "countersign")
            uow.update(
                report,
                {
                    "status": "countersigned",
                    "signed_by": actor.id,
                    "signed_at": self.clock(),
                    "signature": content_digest(report),
                },
                action="countersign",
            )
            return self._describe(uow.session, report)

    def return_report(self, report_id: str, comment: str, seen_updated_at: str | None = None) -> dict[str, Any]:
        if not comment or not comment.strip():
            raise ValidationError("is required: tell the rep what to change", "comment")
        with unit_of_work(self.store) as uow:
            actor, report = self._reviewable(uow, report_id, seen_updated_at, "return")
            uow.update(
                report,
                {"status": "returned", "return_comment": comment.strip(), "returned_by": actor.id},
                action="return",
            )
            return self._describe(uow.session, report)

    def find(self, rep_name: str | None, day: date) -> dict[str, Any]:
        """The report of a rep (by name; default the acting user) for a day."""
        with self.store.session() as session:
            if rep_name:
                rep = session.exec(select(User).where(User.name == rep_name, User.deleted == False)).first()
                if rep is None:
                    raise NotFoundError(f"no user named '{rep_name}' in this store", "rep")
            else:
                rep = self.actor(session)
            report = session.get(DailyReport, report_id_for(rep.id, day))
            if report is None or report.deleted:
                raise NotFoundError(f"{rep.name} has no report for {day.isoformat()}")
            return self._describe(session, report)

    def get(self, report_id: str) -> dict[str, Any]:
        with self.store.session() as session:
            return self._describe(session, get_live(session, DailyReport, report_id))

    def inbox(
        self,
        rep_id: str | None = None,
        day_from: date | None = None,
        day_to: date | None = None,
        statuses: tuple[str, ...] = ("submitted",),
    ) -> list[dict[str, Any]]:
        """Reports of the acting supervisor's team (all reps for an admin), filtered."""
        with self.store.session() as session:
            actor = self.actor(session)
            query = select(DailyReport).where(DailyReport.deleted == False, col(DailyReport.status).in_(statuses))
            if rep_id:
                query = query.where(DailyReport.rep_id == rep_id)
            if day_from:
                query = query.where(DailyReport.report_date >= day_from)
            if day_to:
                query = query.where(DailyReport.report_date <= day_to)
            reports = session.exec(query.order_by(col(DailyReport.report_date).desc())).all()
            return [self._describe(session, r) for r in reports if may_countersign(session, actor, r.rep_id)]

    @staticmethod
    def _describe(session: Session, report: DailyReport) -> dict[str, Any]:
        data = row_to_dict(report)
        data["visits"] = json.loads(report.content or "[]")
        del data["content"]
        rep = session.get(User, report.rep_id)
        signer = session.get(User, report.signed_by) if report.signed_by else None
        data["rep"] = rep.name if rep else None
        data["signed_by_name"] = signer.name if signer else None
        data["signature_valid"] = verify_signature(report)
        return data
