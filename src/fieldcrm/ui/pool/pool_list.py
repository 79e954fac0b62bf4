"""`PoolListEditor`: the team's named pools (公海) in the Team rules dialog, in the order a customer is matched, with
the default pool last: its supervisor adds, edits, removes and reorders them (saved with the team's other settings);
everyone else reads them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from fieldcrm.domain.pools import DEFAULT_POOL, MAX_POOLS
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops import customers as customer_ops
from fieldcrm.ui.pool.pool_dialog import PoolDialog
from fieldcrm.ui.pool.rule_fields import overrides_text
from fieldcrm.ui.workers import DbWorker

COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("PoolListEditor", "Pool"), tone=lambda v: "muted" if v == DEFAULT_POOL else None),
    Column("regions", QT_TRANSLATE_NOOP("PoolListEditor", "Regions")),
    Column("industries", QT_TRANSLATE_NOOP("PoolListEditor", "Industries")),
    Column("rules", QT_TRANSLATE_NOOP("PoolListEditor", "Sets differently")),
]


class PoolListEditor(QWidget):
    """The pools as a table and their buttons. `team()` gives the team's settings as the dialog holds them (a pool
    shows them where it keeps the team's)."""

    def __init__(self, worker: DbWorker, team: Callable[[], dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.team = team
        self._pools: list[dict[str, Any]] = []
        self.known: dict[str, list[str]] = {}
        self.editable = False
        self.model = DictTableModel("PoolListEditor", COLUMNS, self)
        self.list = table(self.model, "teamRulesPools", 3)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(150)
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.doubleClicked.connect(lambda _index: self.edit_selected())
        self.add = QPushButton(self.tr("Add…"), objectName="poolAdd")
        self.edit = QPushButton(self.tr("Edit…"), objectName="poolEdit")
        self.remove = QPushButton(self.tr("Remove"), objectName="poolRemove")
        self.up = QPushButton(self.tr("Move up"), objectName="poolUp")
        self.down = QPushButton(self.tr("Move down"), objectName="poolDown")
        self.up.setToolTip(self.tr("A customer is in the first pool that matches it"))
        self.down.setToolTip(self.up.toolTip())
        self.add.clicked.connect(self.add_pool)
        self.edit.clicked.connect(self.edit_selected)
        self.remove.clicked.connect(self.remove_selected)
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.add, self.edit, self.remove, self.up, self.down):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.set_editable(False)

    # -- the pools --------------------------------------------------------------------------------------------------
    def pools(self) -> list[dict[str, Any]]:
        """The named pools in order, as the settings hold them."""
        return [dict(p) for p in self._pools]

    def set_pools(self, pools: list[dict[str, Any]], current: int | None = None) -> None:
        self._pools = [dict(p) for p in pools]
        rows = [
            {
                "name": p["name"],
                "regions": "、".join(p.get("regions", [])),
                "industries": "、".join(p.get("industries", [])),
                "rules": overrides_text(p.get("rules", {}), "\n"),  # a line each: the row grows to hold them
            }
            for p in self._pools
        ]
        every_other = self.tr("Every other customer, under the team's rules")
        rows.append({"name": DEFAULT_POOL, "regions": "", "industries": "", "rules": every_other})
        self.model.set_rows(rows)
        if current is not None:
            self.list.setCurrentIndex(self.model.index(current, 0))
        self._enable()

    def selected(self) -> int | None:
        """The selected named pool's place (None: nothing, or the default pool)."""
        index: QModelIndex = self.list.currentIndex()
        return index.row() if index.isValid() and index.row() < len(self._pools) else None

    # -- editing ----------------------------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.buttons.setVisible(editable)
        if editable and not self.known:  # the values the team's customers have, for the pool dialog's pickers
            customer_ops.filter_values(self, self.worker).success(self._got_values).run()
        self._enable()

    def _got_values(self, values: dict[str, Any]) -> None:
        self.known = {key: values.get(key, []) for key in ("region", "industry")}

    def _enable(self) -> None:
        at = self.selected()
        self.add.setEnabled(self.editable and len(self._pools) < MAX_POOLS)
        for button in (self.edit, self.remove):
            button.setEnabled(self.editable and at is not None)
        self.up.setEnabled(self.editable and at is not None and at > 0)
        self.down.setEnabled(self.editable and at is not None and at < len(self._pools) - 1)

    def _dialog(self, at: int | None) -> PoolDialog:
        others = [p for i, p in enumerate(self._pools) if i != at]
        pool = self._pools[at] if at is not None else None
        dialog = PoolDialog(others, self.team(), self.known, pool, self)
        dialog.accepted.connect(lambda: self._put(at, dialog.pool()))
        dialog.open()
        return dialog

    def _put(self, at: int | None, pool: dict[str, Any] | None) -> None:
        if pool is None:
            return
        pools = list(self._pools)
        if at is None:
            pools.append(pool)
            at = len(pools) - 1
        else:
            pools[at] = pool
        self.set_pools(pools, at)

    def add_pool(self) -> PoolDialog | None:
        return self._dialog(None) if self.editable else None

    def edit_selected(self) -> PoolDialog | None:
        at = self.selected()
        return self._dialog(at) if self.editable and at is not None else None

    def remove_selected(self) -> None:
        at = self.selected()
        if self.editable and at is not None:
            pools = [p for i, p in enumerate(self._pools) if i != at]
            self.set_pools(pools, min(at, len(pools) - 1) if pools else None)

    def move_selected(self, step: int) -> None:
        """Earlier (-1) or later (1) in the order customers are matched."""
        at = self.selected()
        if not self.editable or at is None or not 0 <= at + step < len(self._pools):
            return
        pools = list(self._pools)
        pools[at], pools[at + step] = pools[at + step], pools[at]
        self.set_pools(pools, at + step)
