"""`CustomerPage`: one customer's file: editable fields, owner and protection, contacts, timeline, opportunities."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.domain.errors import ServiceError
from fieldcrm.domain.masking import with_numbers
from fieldcrm.models.ownership import CLAIM_LOST
from fieldcrm.paths import AppPaths
from fieldcrm.ui.common.chips import StatusChip
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.customers.form import CustomerForm
from fieldcrm.ui.fields import kind_name, ownership_kind_name, ownership_rule_name, return_rule_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import appeals as appeals_ops
from fieldcrm.ui.ops import customers as ops
from fieldcrm.ui.reasons import localize
from fieldcrm.ui.theme import set_tone
from fieldcrm.ui.workers import DbWorker

CONTACT_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("CustomerPage", "Name")),
    Column("title", QT_TRANSLATE_NOOP("CustomerPage", "Title")),
    Column("mobile", QT_TRANSLATE_NOOP("CustomerPage", "Mobile")),
    Column("phone", QT_TRANSLATE_NOOP("CustomerPage", "Phone")),
    Column("email", QT_TRANSLATE_NOOP("CustomerPage", "E-mail")),
    Column("wechat", QT_TRANSLATE_NOOP("CustomerPage", "WeChat")),
]
TIMELINE_COLUMNS = [
    Column("started_at", QT_TRANSLATE_NOOP("CustomerPage", "When"), local_time),
    Column("kind", QT_TRANSLATE_NOOP("CustomerPage", "Kind"), kind_name),
    Column("rep", QT_TRANSLATE_NOOP("CustomerPage", "By")),
    Column("outcome", QT_TRANSLATE_NOOP("CustomerPage", "Outcome")),
    Column("next_step", QT_TRANSLATE_NOOP("CustomerPage", "Next step")),
    Column("next_date", QT_TRANSLATE_NOOP("CustomerPage", "Follow-up date")),
]
OWNERSHIP_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("CustomerPage", "When"), local_time),
    Column("kind", QT_TRANSLATE_NOOP("CustomerPage", "Change"), ownership_kind_name),
    Column("moved", QT_TRANSLATE_NOOP("CustomerPage", "From → to")),
    Column("by", QT_TRANSLATE_NOOP("CustomerPage", "By")),
    Column("why", QT_TRANSLATE_NOOP("CustomerPage", "Why")),
]
OPPORTUNITY_COLUMNS = [
    Column("title", QT_TRANSLATE_NOOP("CustomerPage", "Opportunity")),
    Column("stage", QT_TRANSLATE_NOOP("CustomerPage", "Stage")),
    Column("amount_cents", QT_TRANSLATE_NOOP("CustomerPage", "Amount"), lambda v: f"{(v or 0) / 100:,.2f}"),
    Column("expected_close", QT_TRANSLATE_NOOP("CustomerPage", "Expected close")),
]


def table(model: DictTableModel, name: str, stretch: int = 1) -> QTableView:
    """A read-only table for a short list: columns fit their contents, column `stretch` takes the rest."""
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().hide()
    return view


class CustomerPage(QWidget):
    back_requested = Signal()
    log_visit_requested = Signal(str, str)  # customer id, name

    def __init__(self, worker: DbWorker, parent: QWidget | None = None, paths: AppPaths | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.paths = paths  # a connected profile's: numbers that came masked are revealed by head office
        self.customer_id: str | None = None
        self.data: dict[str, Any] = {}
        # The customer whose numbers this page revealed (logged once) and the numbers: they stay in full until
        # another one opens (a reload reads the store, which may hold them masked).
        self._revealed_id: str | None = None
        self._revealed: dict[str, Any] = {}
        self.title = QLabel(objectName="customerTitle")
        self.title.setProperty("role", "title")
        self.owner_line = QLabel(objectName="ownerLine")
        self.protection_line = QLabel(objectName="protectionLine")
        self.return_line = QLabel(objectName="returnLine")  # when the pool's rules take it back, if nothing changes
        self.return_line.setWordWrap(True)
        self.masked_note = QLabel(
            self.tr("Mobile numbers are masked: this customer is not yours."), objectName="maskedNote"
        )
        self.masked_note.setWordWrap(True)
        self.reveal = QPushButton(self.tr("Reveal numbers"), objectName="revealNumbers")
        self.reveal.setToolTip(self.tr("Show the mobile numbers in full; head office is told that you looked"))
        masked_row = self.masked_row = QWidget()
        masked_box = QHBoxLayout(masked_row)
        masked_box.setContentsMargins(0, 0, 0, 0)
        masked_box.addWidget(self.masked_note, 1)
        masked_box.addWidget(self.reveal)
        masked_row.hide()
        self.back = QPushButton(self.tr("← Back to list"))
        self.log_visit = QPushButton(self.tr("Log visit"), objectName="pageLogVisit")
        self.save = QPushButton(self.tr("Save changes"), objectName="saveCustomer")
        self.release = QPushButton(icon("release"), self.tr("Release to pool…"), objectName="pageRelease")
        self.release.setToolTip(self.tr("Give this customer back to the public pool, with a reason"))
        self.release.hide()
        self.hand_over = QPushButton(icon("handovers"), self.tr("Hand over…"), objectName="pageHandOver")
        self.hand_over.setToolTip(self.tr("Hand this customer to a teammate, with a reason"))
        self.hand_over.hide()
        self.message = QLabel(objectName="pageMessage")
        self.message.setWordWrap(True)
        self.refused = QLabel(objectName="refusedBanner")
        self.refused.setWordWrap(True)
        self.refused.setProperty("role", "warning")
        self.refused.hide()
        # Why this user lost the customer (another's claim or registration came first, or it went away from them),
        # and their appeal; the latest appeal about it and its decision, for both reps.
        self.lost = QLabel(objectName="lostBanner")
        self.lost.setWordWrap(True)
        self.lost.setProperty("role", "warning")
        self.appeal = QPushButton(icon("appeal"), self.tr("Appeal…"), objectName="pageAppeal")
        self.appeal.setToolTip(self.tr("Ask your supervisor to decide who should hold this customer"))
        self.appeal_chip = StatusChip("appealChip")
        self.appeal_line = QLabel(objectName="appealLine")
        self.appeal_line.setWordWrap(True)
        lost_row = self.lost_row = QWidget()
        lost_box = QVBoxLayout(lost_row)
        lost_box.setContentsMargins(0, 0, 0, 0)
        lost_box.addWidget(self.lost)
        appeal_row = QHBoxLayout()
        appeal_row.addWidget(self.appeal_chip)
        appeal_row.addWidget(self.appeal_line, 1)
        appeal_row.addWidget(self.appeal)
        lost_box.addLayout(appeal_row)
        lost_row.hide()
        self.case: dict[str, Any] = {}
        self.form = CustomerForm()
        self.contacts = DictTableModel("CustomerPage", CONTACT_COLUMNS, self)
        self.timeline = DictTableModel("CustomerPage", TIMELINE_COLUMNS, self)
        self.opportunities = DictTableModel("CustomerPage", OPPORTUNITY_COLUMNS, self)
        self.ownership = DictTableModel("CustomerPage", OWNERSHIP_COLUMNS, self)
        self.contact_name = QLineEdit(placeholderText=self.tr("Contact name"), objectName="contactName")
        self.contact_title = QLineEdit(placeholderText=self.tr("Title"))
        self.contact_mobile = QLineEdit(placeholderText=self.tr("Mobile"))
        self.add_contact = QPushButton(self.tr("Add contact"), objectName="addContact")

        header = QHBoxLayout()
        header.addWidget(self.back)
        header.addWidget(self.title, 1)
        header.addWidget(self.hand_over)
        header.addWidget(self.release)
        header.addWidget(self.log_visit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.addWidget(self.refused)
        left_box.addWidget(lost_row)
        left_box.addWidget(self.owner_line)
        left_box.addWidget(self.protection_line)
        left_box.addWidget(self.return_line)
        left_box.addWidget(masked_row)
        left_box.addWidget(self.form)
        left_box.addWidget(self.message)
        left_box.addWidget(self.save)
        left_box.addStretch(1)
        scroll.setWidget(left)
        contacts_tab = QWidget()
        contacts_box = QVBoxLayout(contacts_tab)
        contacts_box.addWidget(table(self.contacts, "contactTable", 0))
        adder = QHBoxLayout()
        for widget in (self.contact_name, self.contact_title, self.contact_mobile, self.add_contact):
            adder.addWidget(widget)
        contacts_box.addLayout(adder)
        self.tabs = QTabWidget()
        timeline_tab = QWidget()
        timeline_box = QVBoxLayout(timeline_tab)
        self.timeline_hint = QLabel(
            self.tr("No visits, calls or meetings yet. Click “Log visit” after you contact this customer."),
            objectName="emptyHint",
        )
        self.timeline_hint.setWordWrap(True)
        timeline_box.addWidget(self.timeline_hint)
        timeline_box.addWidget(table(self.timeline, "timelineTable", 3))
        self.tabs.addTab(timeline_tab, self.tr("Timeline"))
        self.tabs.addTab(contacts_tab, self.tr("Contacts"))
        self.tabs.addTab(table(self.opportunities, "opportunityTable", 0), self.tr("Opportunities"))
        self.tabs.addTab(table(self.ownership, "ownershipTable", 4), self.tr("Ownership"))
        body = QHBoxLayout()
        body.addWidget(scroll, 2)
        body.addWidget(self.tabs, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)

        self.back.clicked.connect(self.back_requested)
        self.save.clicked.connect(self.save_changes)
        self.add_contact.clicked.connect(self.add_new_contact)
        self.log_visit.clicked.connect(self._ask_log_visit)
        self.reveal.clicked.connect(self.reveal_numbers)
        self.release.clicked.connect(self.ask_release)
        self.hand_over.clicked.connect(self.ask_hand_over)
        self.appeal.clicked.connect(self.ask_appeal)
        worker.changed.connect(self, self._on_changed)

    def ask_hand_over(self) -> None:
        """The handover dialog: a teammate and a reason; the customer moves once accepted and approved."""
        if not self.customer_id:
            return
        from fieldcrm.ui.handovers.dialog import HandoverDialog

        self.handover_dialog = HandoverDialog(self.worker, [self.customer_id], [self.data.get("name", "")], self)
        self.handover_dialog.open()

    def ask_release(self) -> None:
        """The release dialog (its reason required); the page reloads when the customer changes."""
        if not self.customer_id:
            return
        from fieldcrm.ui.pool.release_dialog import ReleaseDialog

        self.release_dialog = ReleaseDialog(self.worker, self.customer_id, self.data.get("name", ""), self)
        self.release_dialog.open()

    def ask_appeal(self) -> None:
        """The appeal dialog (its statement required); the page reloads when the appeal is filed."""
        lost = self.case.get("lost")
        if not self.customer_id or not lost:
            return
        from fieldcrm.ui.appeals.appeal_dialog import AppealDialog

        self.appeal_dialog = AppealDialog(
            self.worker, self.customer_id, self.data.get("name", ""), lost["sentence"], self
        )
        self.appeal_dialog.open()

    def _show_case(self, customer_id: str, case: dict[str, Any]) -> None:
        """Why the user lost the customer and the Appeal… button; the latest appeal about it and its decision."""
        if customer_id != self.customer_id:
            return
        self.case = case
        lost, appeals = case.get("lost"), case.get("appeals") or []
        if lost:
            self.lost.setText(self.tr("You lost this customer: {0}.").format(localize(lost["sentence"])))
            if (self.data.get("refused") or "").startswith("already claimed by"):
                self.refused.hide()  # the sentence above says it, and a lost claim is not sent again
            self.release.hide()  # not theirs to release
        self.lost.setVisible(bool(lost))
        self.appeal.setVisible(bool(lost and lost.get("may_appeal")))
        latest = appeals[0] if appeals else None
        self.appeal_chip.setVisible(latest is not None)
        self.appeal_chip.set_status(latest["status"] if latest else None)
        self.appeal_line.setText(self._appeal_text(latest) if latest else "")
        self.lost_row.setVisible(bool(lost or latest))

    def _appeal_text(self, appeal: dict[str, Any]) -> str:
        holder = appeal.get("holder") or self.tr("public pool")
        if appeal["status"] == "open":
            return self.tr("{0}'s appeal against {1}, filed {2}, waits for the supervisor's decision.").format(
                appeal["appellant"], holder, local_time(appeal["filed_at"])
            )
        verdict = self.tr("upheld") if appeal["status"] == "upheld" else self.tr("rejected")
        return self.tr("{0}'s appeal against {1} was {2} by {3} on {4}: “{5}”").format(
            appeal["appellant"], holder, verdict, appeal["decided_by"], local_time(appeal["decided_at"]),
            appeal["decision"],
        )  # fmt: skip

    def _ask_log_visit(self) -> None:
        if self.customer_id:
            self.log_visit_requested.emit(self.customer_id, self.data.get("name", ""))

    def load(self, customer_id: str) -> None:
        self.customer_id = customer_id
        if customer_id != self._revealed_id:
            self._revealed_id, self._revealed = None, {}
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        if self.customer_id:
            revealed = self._revealed_id == self.customer_id
            ops.get_customer(self, self.worker, self.customer_id, revealed).success(self._show).run()

    def _show(self, data: dict[str, Any]) -> None:
        if data["id"] != self.customer_id:
            return
        if self._revealed_id == data["id"] and self._revealed:
            data = {**with_numbers(data, self._revealed), "numbers_masked": False}
        self.data = data
        self.title.setText(data["name"])
        self.release.setVisible(bool(data.get("owner_id")) and not data.get("in_public_pool"))
        self.hand_over.setVisible(self.release.isVisibleTo(self))
        owner = data.get("owner") or self.tr("nobody (public pool)")
        self.owner_line.setText(self.tr("Owner: {0}").format(owner))
        self._show_protection(data.get("protection") or {})
        if data.get("refused"):
            self.refused.setText(
                self.tr(
                    "Not accepted by head office: {0}. It stays on this laptop: correct it and save to send it again;"
                    " on the Sync screen you can also send it as it is or discard it."
                ).format(localize(data["refused"]))
            )
        self.refused.setVisible(bool(data.get("refused")))
        self.form.set_values(data)
        self._show_masked(bool(data.get("numbers_masked")))
        self.contacts.set_rows(data["contacts"])
        self.timeline.set_rows(data["visits"])
        self.timeline_hint.setVisible(not data["visits"])
        self.opportunities.set_rows(data["opportunities"])
        self.ownership.set_rows([self._ownership_row(event) for event in data.get("ownership", [])])
        customer_id = data["id"]
        appeals_ops.customer_case(self, self.worker, customer_id).success(
            lambda case: self._show_case(customer_id, case)
        ).run()

    def _show_protection(self, protection: dict[str, Any]) -> None:
        """The protection period as a countdown: days left and its last day, the day it ended, or none."""
        until, left = protection.get("until"), protection.get("days_left")
        if left is not None and left == 0:
            text = self.tr("Protected through today ({0})").format(until)
        elif left == 1:
            text = self.tr("Protected for 1 more day (until {0})").format(until)
        elif left is not None:
            text = self.tr("Protected for {0} more days (until {1})").format(left, until)
        elif until:
            text = self.tr("Protection ended on {0}").format(until)
        else:
            text = self.tr("Not protected")
        self.protection_line.setText(text)
        tone = "warning" if protection.get("lapsing_soon") else ("danger" if until and left is None else None)
        set_tone(self.protection_line, tone)
        self._show_return(protection)

    def _show_return(self, protection: dict[str, Any]) -> None:
        """The day the pool's rules take the customer back if nothing changes, and why; a warning within the days its
        owner is reminded (head office's clock decides: this is what it will do)."""
        on = protection.get("returns_on")
        self.return_line.setVisible(bool(on))
        if not on:
            return
        why = return_rule_name(protection.get("return_rule"))
        if protection.get("return_soon"):
            text = self.tr("Goes back to the public pool on {0} ({1}): log a visit or win a deal to keep it")
        else:
            text = self.tr("Goes back to the public pool on {0} if nothing changes ({1})")
        self.return_line.setText(text.format(on, why))
        set_tone(self.return_line, "warning" if protection.get("return_soon") else "muted")

    def _ownership_row(self, event: dict[str, Any]) -> dict[str, Any]:
        """One change of owner as the timeline reads it: from whom to whom, and why (the reason, else the rule). A
        claim lost moved nothing: head office's refusal (who came first, and when) is its why."""
        if event["kind"] == CLAIM_LOST:
            return {**event, "moved": "—", "why": localize(event.get("reason") or "")}
        nobody = self.tr("public pool")
        moved = f"{event.get('from_owner') or nobody} → {event.get('to_owner') or nobody}"
        if event["kind"] == "first_contact" and not event.get("from_owner"):
            moved = f"→ {event.get('to_owner') or nobody}"
        return {**event, "moved": moved, "why": event.get("reason") or ownership_rule_name(event.get("rule"))}

    def _show_masked(self, masked: bool) -> None:
        """The note and the Reveal button while numbers are masked; a masked phone is not edited (it would be saved
        as typed over the stars)."""
        self.masked_row.setVisible(masked)
        self.reveal.setEnabled(masked)
        self.form.inputs["phone"].setReadOnly(masked)  # type: ignore[attr-defined]

    def reveal_numbers(self) -> None:
        """Show the numbers in full: the reveal runs on the worker and writes its log entry (synced to head office)."""
        customer_id = self.customer_id
        if not customer_id or not self.data.get("numbers_masked"):
            return
        self.reveal.setEnabled(False)

        def shown(numbers: dict[str, Any]) -> None:
            if customer_id != self.customer_id:
                return
            self._revealed_id, self._revealed = customer_id, numbers
            self.data = {**with_numbers(self.data, numbers), "numbers_masked": False}
            self.form.inputs["phone"].setText(numbers["phone"] or "")  # type: ignore[attr-defined]
            self.contacts.set_rows(self.data["contacts"])
            self._show_masked(False)

        def failed(_exc: BaseException, message: str) -> None:
            self.reveal.setEnabled(True)
            self.message.setText(message)

        ops.reveal_numbers(self, self.worker, customer_id, self.paths).success(shown).failure(failed).run()

    def changed_fields(self) -> dict[str, Any]:
        values = self.form.values()
        out = {}
        for key, value in values.items():
            before = self.data.get(key)
            now = value.isoformat() if hasattr(value, "isoformat") else value
            if (before or None) != (now or None):
                out[key] = value
        return out

    def save_changes(self) -> None:
        fields = self.changed_fields()
        if not fields or not self.customer_id:
            self.message.setText(self.tr("Nothing to save."))
            return
        ops.update_customer(self, self.worker, self.customer_id, fields).success(self._saved).failure(
            self._failed
        ).run()

    def _saved(self, _changed: dict[str, Any]) -> None:
        self.message.setText(self.tr("Saved."))
        self.reload()

    def _failed(self, exc: BaseException, message: str) -> None:
        field = exc.field if isinstance(exc, ServiceError) else None
        if not self.form.show_error(field, message):
            self.message.setText(message)

    def add_new_contact(self) -> None:
        if not self.customer_id:
            return
        fields = {
            "name": self.contact_name.text(),
            "title": self.contact_title.text() or None,
            "mobile": self.contact_mobile.text() or None,
        }

        def added(_id: str) -> None:
            for edit in (self.contact_name, self.contact_title, self.contact_mobile):
                edit.clear()
            self.reload()

        ops.add_contact(self, self.worker, self.customer_id, fields).success(added).failure(
            lambda _e, m: self.message.setText(m)
        ).run()

    def _on_changed(self, nouns: frozenset[str]) -> None:
        if "customers" in nouns and self.isVisible():
            self.reload()
