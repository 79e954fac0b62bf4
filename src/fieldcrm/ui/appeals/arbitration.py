"""`ArbitrationScreen` (仲裁): the supervisor's queue of appeals. Each shows the appellant's statement beside both
reps' evidence (first contact, visits); the supervisor upholds (the customer goes to the appellant) or rejects it,
always with a written reason both reps read."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.ui.common.chips import StatusChip, chip_column
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.fields import loss_name, status_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import appeals as ops
from fieldcrm.ui.screens import Screen
from fieldcrm.ui.theme import set_tone, status_tone
from fieldcrm.ui.workers import DbWorker

APPEAL_COLUMNS = [
    Column("customer", QT_TRANSLATE_NOOP("ArbitrationScreen", "Customer")),
    Column("appellant", QT_TRANSLATE_NOOP("ArbitrationScreen", "Appellant")),
    Column("holder_name", QT_TRANSLATE_NOOP("ArbitrationScreen", "Holder")),
    Column("filed_at", QT_TRANSLATE_NOOP("ArbitrationScreen", "Filed"), local_time),
    Column("status", QT_TRANSLATE_NOOP("ArbitrationScreen", "Status"), status_name, status_tone),
]
STATUS_COLUMN = 4
EVIDENCE_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("ArbitrationScreen", "Visited"), local_time),
    Column("outcome", QT_TRANSLATE_NOOP("ArbitrationScreen", "Outcome")),
]


class ArbitrationScreen(Screen):
    nouns = frozenset({"customers"})

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.current: dict[str, Any] | None = None
        self.only_open = QCheckBox(self.tr("Open appeals only"), objectName="arbitrationOpenOnly", checked=True)
        self.appeals = DictTableModel("ArbitrationScreen", APPEAL_COLUMNS, self)
        self.list = table(self.appeals, "arbitrationTable", 0)
        chip_column(self.list, STATUS_COLUMN)
        self.empty_hint = QLabel(objectName="emptyHint")
        self.empty_hint.setWordWrap(True)
        self.status_chip = StatusChip("arbitrationStatusChip")
        self.title = QLabel(objectName="arbitrationTitle")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.statement = QLabel(objectName="arbitrationStatement")
        self.statement.setWordWrap(True)
        self.sides: dict[str, tuple[QLabel, DictTableModel]] = {}
        evidence = QGridLayout()
        for column, side in enumerate(("appellant", "holder")):
            heading = QLabel(objectName=f"{side}Evidence")
            heading.setWordWrap(True)
            visits = DictTableModel("ArbitrationScreen", EVIDENCE_COLUMNS, self)
            self.sides[side] = (heading, visits)
            evidence.addWidget(heading, 0, column)
            evidence.addWidget(table(visits, f"{side}Visits", 1), 1, column)
        self.decision = QPlainTextEdit(objectName="arbitrationDecision")
        self.decision.setPlaceholderText(self.tr("Your decision and why (required; both reps read it)"))
        self.decision.setMaximumHeight(90)
        self.uphold = QPushButton(icon("countersign", "success"), self.tr("Uphold"), objectName="arbitrationUphold")
        self.uphold.setToolTip(self.tr("The customer goes to the appellant"))
        self.reject = QPushButton(icon("return", "attention"), self.tr("Reject"), objectName="arbitrationReject")
        self.reject.setToolTip(self.tr("The customer stays where it is"))
        self.message = QLabel(objectName="arbitrationMessage")
        self.message.setWordWrap(True)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.only_open)
        left_box.addWidget(self.empty_hint)
        left_box.addWidget(self.list, 1)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.status_chip)
        head.addWidget(self.title, 1)
        right_box.addLayout(head)
        right_box.addWidget(self.statement)
        right_box.addLayout(evidence, 1)
        right_box.addWidget(QLabel(self.tr("Decision")))
        right_box.addWidget(self.decision)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.reject)
        actions.addWidget(self.uphold)
        right_box.addLayout(actions)
        right_box.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([470, 570])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.only_open.toggled.connect(self.reload)
        self.list.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_appeal(cur.row()))
        self.uphold.clicked.connect(lambda: self._decide(True))
        self.reject.clicked.connect(lambda: self._decide(False))
        self._show(None)

    def reload(self) -> None:
        status = "open" if self.only_open.isChecked() else None
        ops.appeals(self, self.worker, status).success(self._fill).run()

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        nobody = self.tr("public pool")
        self.appeals.set_rows([{**r, "holder_name": r.get("holder") or nobody} for r in rows])
        self.empty_hint.setText(
            self.tr("No open appeals. When a rep appeals about a customer they lost, it waits here for your decision.")
            if self.only_open.isChecked()
            else self.tr("No appeals yet.")
        )
        self.empty_hint.setVisible(not rows)
        chosen = self.current and next((r for r in rows if r["id"] == self.current["id"]), None)
        self._show(chosen or (rows[0] if rows and self.current is None else None))
        if self.current is not None:
            index = next(i for i, r in enumerate(rows) if r["id"] == self.current["id"])
            self.list.selectRow(index)

    def show_appeal(self, row: int) -> None:
        appeal = self.appeals.row(row)
        if appeal is not None and (self.current is None or appeal["id"] != self.current["id"]):
            self.message.clear()
            self._show(appeal)

    def _side_heading(self, name: str, side: dict[str, Any], role: str, holds: bool) -> str:
        first = local_time(side.get("first_contact_at")) or self.tr("none recorded")
        text = self.tr("{0} ({1}) — first contact: {2}; visits: {3}").format(
            name, role, first, len(side.get("visits", []))
        )
        if holds and side.get("held_since"):  # the appellant's "since" would be when they had it
            text += self.tr("; holds it since {0}").format(local_time(side["held_since"]))
        return text

    def _show(self, appeal: dict[str, Any] | None) -> None:
        self.current = appeal
        self.status_chip.setVisible(appeal is not None)
        self.status_chip.set_status(appeal["status"] if appeal else None)
        if appeal is None:
            self.title.setText(self.tr("Select an appeal on the left to read both sides."))
            self.statement.clear()
            for heading, visits in self.sides.values():
                heading.clear()
                visits.set_rows([])
        else:
            holder = appeal.get("holder") or self.tr("public pool")
            self.title.setText(
                self.tr("{0}: {1} appeals against {2}").format(appeal["customer"], appeal["appellant"], holder)
            )
            self.statement.setText(
                self.tr("How it was lost: {0}. Statement: “{1}”").format(
                    loss_name(appeal["lost_how"]), appeal["statement"]
                )
            )
            for side, name, role in (
                ("appellant", appeal["appellant"], self.tr("appellant")),
                ("holder", holder, self.tr("holds it")),
            ):
                heading, visits = self.sides[side]
                evidence = appeal[f"{side}_side"]
                heading.setText(self._side_heading(name, evidence, role, side == "holder"))
                visits.set_rows(evidence["visits"])
        is_open = appeal is not None and appeal["status"] == "open"
        for widget in (self.decision, self.uphold, self.reject):
            widget.setEnabled(is_open)
        if appeal is not None and not is_open:
            self.decision.setPlainText(
                self.tr("{0} by {1} on {2}: {3}").format(
                    status_name(appeal["status"]),
                    appeal["decided_by"],
                    local_time(appeal["decided_at"]),
                    appeal["decision"],
                )  # fmt: skip
            )
        elif not is_open:
            self.decision.clear()

    def _decide(self, uphold: bool) -> None:
        appeal = self.current
        if appeal is None:
            return

        def decided(_result: dict[str, Any]) -> None:
            set_tone(self.message, "success")
            text = (
                self.tr("Upheld: {0} now belongs to {1}.")
                if uphold
                else self.tr("Rejected: {0} stays with {2}; {1} is told why.")
            )
            self.message.setText(text.format(appeal["customer"], appeal["appellant"], appeal.get("holder") or ""))
            self.decision.clear()
            self.current = None
            self.reload()

        def refused(_exc: BaseException, message: str) -> None:
            set_tone(self.message, "danger")
            self.message.setText(message)

        ops.decide(self, self.worker, appeal["id"], uphold, self.decision.toPlainText()).success(decided).failure(
            refused
        ).run()
