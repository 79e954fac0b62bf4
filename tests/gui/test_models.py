"""Table models: unit tests plus Qt's model tester on each."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldcrm.services import CustomerQuery, Services
from fieldcrm.ui.common.dict_model import ID_ROLE, Column, DictTableModel
from fieldcrm.ui.customers.model import COL_NAME, COL_OWNER, WINDOW, CustomerTableModel
from fieldcrm.ui.ops import customers as ops
from fieldcrm.ui.workers import DbWorker


def _fetcher(worker: DbWorker):
    def fetch(ids, deliver):
        ops.fetch_rows(None, worker, ids).success(deliver).run()

    return fetch


def test_customer_model_fetches_rows_lazily_by_window(qtbot, qtmodeltester, services: Services, worker: DbWorker, idle):
    for n in range(WINDOW + 20):
        services.customers.create(name=f"测试客户{n:03d}有限公司", region="上海")
    ids = services.search.ids(CustomerQuery())
    model = CustomerTableModel(_fetcher(worker))
    model.set_ids(ids)
    assert model.rowCount() == WINDOW + 20
    assert model.data(model.index(0, COL_NAME)) == "…"  # placeholder until the window arrives
    assert model.loading
    idle()
    assert model.data(model.index(0, COL_NAME)) == "测试客户000有限公司"
    assert model.data(model.index(0, COL_OWNER)) == "张伟"
    assert model.data(model.index(0, COL_NAME), ID_ROLE) == ids[0]
    # the second window is fetched only when asked for
    last = model.index(WINDOW + 19, COL_NAME)
    assert model.data(last) == "…"
    idle()
    assert model.data(last) == "测试客户119有限公司"
    qtmodeltester.check(model)
    idle()


def test_customer_model_sort_asks_for_a_new_search(qtbot, worker: DbWorker):
    model = CustomerTableModel(_fetcher(worker))
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(COL_OWNER, Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["owner", 1]


def test_customer_model_drops_rows_of_an_older_search(qtbot, services: Services, worker: DbWorker, idle):
    first = services.customers.create(name="甲公司")
    second = services.customers.create(name="乙公司")
    model = CustomerTableModel(_fetcher(worker))
    model.set_ids([first])
    model.data(model.index(0, COL_NAME))  # starts a fetch for the first list
    model.set_ids([second])
    idle()
    model.data(model.index(0, COL_NAME))
    idle()
    assert model.data(model.index(0, COL_NAME)) == "乙公司"


def test_dict_model_shows_values_through_columns(qtmodeltester):
    model = DictTableModel("test", [Column("name", "Name"), Column("n", "Count", lambda v: f"{v} ×")])
    model.set_rows([{"id": "a", "name": "上海", "n": 2}, {"id": "b", "name": None, "n": 0}])
    assert model.rowCount() == 2
    assert model.data(model.index(0, 1)) == "2 ×"
    assert model.data(model.index(1, 0)) == ""
    assert model.data(model.index(1, 0), ID_ROLE) == "b"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Count"
    qtmodeltester.check(model)


def test_customer_model_extends_the_first_page_without_a_reset(qtbot, qtmodeltester, worker: DbWorker, idle):
    model = CustomerTableModel(_fetcher(worker))
    model.set_ids(["a", "b"])
    with qtbot.waitSignal(model.rowsInserted):
        model.extend_ids(["a", "b", "c"])
    assert model.rowCount() == 3
    with qtbot.waitSignal(model.modelReset):
        model.extend_ids(["x", "a"])  # another list altogether
    assert model.customer_id(0) == "x"
    qtmodeltester.check(model)
    idle()
