"""The database worker: one thread, results back on the GUI thread, errors as messages, no lost references."""

from __future__ import annotations

import sys
import threading

from fieldcrm.domain.errors import ValidationError
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.workers import DbWorker


def test_work_runs_on_one_worker_thread_and_results_come_back_on_the_gui_thread(qtbot, worker: DbWorker, idle):
    threads, results = set(), []
    for n in range(5):
        QueryOp(None, worker, lambda s, n=n: (threads.add(threading.get_ident()), n)[1]).success(
            lambda r: results.append((r, threading.get_ident()))
        ).run()
    idle()
    assert len(threads) == 1 and threading.get_ident() not in threads
    assert [r for r, _ in results] == [0, 1, 2, 3, 4]
    assert {t for _, t in results} == {threading.get_ident()}


def test_service_errors_arrive_as_a_message_naming_the_field(qtbot, worker: DbWorker, idle):
    seen = []

    def fail(_services):
        raise ValidationError("is required and was left empty", "outcome")

    Op(None, worker, fail, {"visits"}).failure(lambda exc, message: seen.append(message)).run()
    idle()
    assert seen == ["Outcome: is required and was left empty"]


def test_changes_are_announced_to_listeners_whose_widget_still_exists(qtbot, worker: DbWorker, idle):
    from PySide6.QtWidgets import QWidget

    alive, gone, heard = QWidget(), QWidget(), []
    worker.changed.connect(alive, lambda nouns: heard.append(("alive", nouns)))
    worker.changed.connect(gone, lambda nouns: heard.append(("gone", nouns)))
    with qtbot.waitSignal(gone.destroyed):
        gone.deleteLater()
    Op(None, worker, lambda s: None, {"customers"}).run()
    idle()
    assert heard == [("alive", frozenset({"customers"}))]


def test_worker_deliveries_do_not_drop_references_to_true_or_false(qtbot, worker: DbWorker, idle):
    """Regression: PySide6 6.12.0 loses a True/False reference per Python-signal emit; deliveries use events."""
    before = [sys.getrefcount(x) for x in (True, False)]
    for _ in range(300):
        QueryOp(None, worker, lambda s: None).success(lambda r: None).run()
    idle()
    after = [sys.getrefcount(x) for x in (True, False)]
    assert all(a >= b - 20 for a, b in zip(after, before, strict=True)), (before, after)


def test_singletons_get_spare_references_when_their_count_runs_low(qapp):
    """Regression: PySide6 6.12.0 drops a reference to None per event delivered to a Python QObject subclass;
    `protect_singletons` keeps None (and True/False) far from a fatal zero count."""
    from fieldcrm.ui import workers

    before = sys.getrefcount(None)
    workers._FLOOR, floor = before + 100, workers._FLOOR  # pretend None runs low
    try:
        workers.protect_singletons()
    finally:
        workers._FLOOR = floor
    assert sys.getrefcount(None) >= before + workers._TOP_UP
