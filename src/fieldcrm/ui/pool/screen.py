"""`PoolScreen`: the public pool (公海): browse and search its customers (mobile numbers masked), all of them or one
of the team's pools at a time, claim one; a refusal (the holding cap, the day's limit, a lockout, someone else's
claim) reads in plain words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import pool as ops
from fieldcrm.ui.pool.team_rules_dialog import TeamRulesDialog
from fieldcrm.ui.screens import Screen
from fieldcrm.ui.theme import set_tone
from fieldcrm.ui.workers import DbWorker

POOL_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("PoolScreen", "Customer")),
    Column("phone", QT_TRANSLATE_NOOP("PoolScreen", "Phone")),
    Column("region", QT_TRANSLATE_NOOP("PoolScreen", "Region")),
    Column("industry", QT_TRANSLATE_NOOP("PoolScreen", "Industry")),
    Column("grade", QT_TRANSLATE_NOOP("PoolScreen", "Grade")),
    Column("pool", QT_TRANSLATE_NOOP("PoolScreen", "Pool")),
]


class PoolScreen(Screen):
    nouns = frozenset({"customers"})

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.search = QLineEdit(objectName="poolSearch", placeholderText=self.tr("Search the pool by name, region…"))
        self.search.setClearButtonEnabled(True)
        self.picker = QComboBox(objectName="poolPicker")
        self.picker.setToolTip(self.tr("Show all of the pool, or one of your team's pools"))
        self.picker.addItem(self.tr("All pools"), None)
        self.customers = DictTableModel("PoolScreen", POOL_COLUMNS, self)
        self.list = table(self.customers, "poolTable", 0)
        self.list.setSortingEnabled(False)
        self.hint = QLabel(objectName="emptyHint")
        self.hint.setWordWrap(True)
        self.claim = QPushButton(icon("claim", "success"), self.tr("Claim"), objectName="poolClaim")
        self.claim.setToolTip(self.tr("Make the selected customer yours, protected for you from today"))
        self.message = QLabel(objectName="poolMessage")
        self.message.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "Customers nobody holds. Claim one to work it: it counts against your holding cap and today's claims;"
                " customers you let go back cannot be claimed again for a while."
            ),
            objectName="poolIntro",
        )
        intro.setWordWrap(True)
        self.rules = QLabel(objectName="poolTeamRulesSummary")
        self.rules.setWordWrap(True)
        self.team_rules = QPushButton(self.tr("Team rules…"), objectName="poolTeamRules")
        self.team_rules.setToolTip(self.tr("Your team's protection and pool settings (set by its supervisor)"))
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(self.search, 1)
        top.addWidget(self.claim)
        top.addWidget(self.team_rules)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.rules)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)

        self._typing = QTimer(self, singleShot=True, interval=250)  # search once typing pauses
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(self._typing.start)
        self.picker.activated.connect(lambda _i: self._load_customers())
        self.claim.clicked.connect(self.claim_selected)
        self.team_rules.clicked.connect(self.open_team_rules)
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self._enable()

    def reload(self) -> None:
        self._load_customers()
        ops.pool_counts(self, self.worker).success(self._fill_picker).run()
        ops.team_rules(self, self.worker).success(self._show_rules).failure(lambda *_: self.rules.hide()).run()

    def _load_customers(self) -> None:
        ops.pool_customers(self, self.worker, self.search.text(), self.picker.currentData()).success(self._fill).run()

    def _fill_picker(self, counts: list[tuple[str, int]]) -> None:
        """All pools, then each of the team's with its customers' count; the pool chosen stays chosen while the team
        still has it (else: all)."""
        chosen = self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem(self.tr("All pools ({0})").format(sum(n for _name, n in counts)), None)
        for name, n in counts:
            self.picker.addItem(self.tr("{0} ({1})").format(name, n), name)
        index = self.picker.findData(chosen) if chosen is not None else 0
        self.picker.setCurrentIndex(max(index, 0))
        self.picker.setVisible(len(counts) > 1)  # a team with the default pool alone has nothing to pick
        self.picker.blockSignals(False)
        if chosen is not None and index < 0:
            self._load_customers()

    def _show_rules(self, view: Any) -> None:
        """One line of the team's rules a rep works under: "your team's rules: protection 30 days, …"."""
        r = view.rules

        def after(days: int | None) -> str:
            return self.tr("off") if days is None else self.tr("{0} days").format(days)

        self.rules.setText(
            self.tr(
                "Your team's rules: protection {0} days; {1} claims a day; at most {2} customers held; back to the"
                " pool without a visit: {3}, without a won deal: {4}."
            ).format(
                r.protection_days,
                r.claims_per_day,
                r.holding_cap,
                after(r.return_without_followup_days),
                after(r.return_without_deal_days),
            )  # fmt: skip
        )
        self.rules.show()

    def open_team_rules(self) -> TeamRulesDialog:
        dialog = TeamRulesDialog(self.worker, self)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        self.customers.set_rows(rows)
        if rows:
            self.hint.hide()
        else:
            searched = bool(self.search.text().strip()) or self.picker.currentData() is not None
            self.hint.setText(
                self.tr("No pool customer matches your search.")
                if searched
                else self.tr(
                    "The public pool is empty. Customers come here when their owners release them or head"
                    " office returns them."
                )  # fmt: skip
            )
            self.hint.show()
        self._enable()

    def _selected(self) -> dict[str, Any] | None:
        index = self.list.currentIndex()
        return self.customers.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        self.claim.setEnabled(self._selected() is not None)

    def claim_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        self.claim.setEnabled(False)

        def claimed(result: dict[str, Any]) -> None:
            set_tone(self.message, "success")
            self.message.setText(
                self.tr("{0} is yours now, protected until {1}.").format(chosen["name"], result["protection_until"])
            )

        def refused(_exc: BaseException, message: str) -> None:
            set_tone(self.message, "danger")
            self.message.setText(self.tr("Not claimed: {0}").format(message))
            self._enable()

        ops.claim(self, self.worker, chosen["id"]).success(claimed).failure(refused).run()
