"""The screen protocol: every registered screen is a `Screen` the window knows without probing, is loaded by the
warm-up, and reloads on the changes it shows and on no others."""

from __future__ import annotations

import inspect
from importlib import import_module

import pytest

from fieldcrm.ui import main_window
from fieldcrm.ui.screens import SCREENS, Screen, warm_up_modules
from fieldcrm.vocabulary import ALL_NOUNS

#: Which screens must reload when a change of each kind is announced, written out by hand from what each shows:
#: Today shows the day's stops (plans), visits, customers due, the day's report and the changes waiting to go up (an
#: export's log entry too); Reports the day's visits; the Sync panel counts the changes of every kind waiting to go up
#: (the export log's dialog is no screen: it listens for "audit" itself); the public pool its customers; the
#: Handovers queue the customers' handovers (a handover and its steps announce "customers"); Arbitration the appeals
#: (rows of customers).
TOLD = {
    "rep": {
        "customers": {"today", "customers", "pool", "handovers", "sync"},
        "visits": {"today", "reports", "sync"},
        "plans": {"today", "plans", "sync"},
        "reports": {"today", "reports", "sync"},
        "profile": {"sync"},
        "audit": {"today", "sync"},  # an export's or a reveal's log entry, waiting to go up
        "sync": {"sync"},
    },
    "supervisor": {
        "customers": {
            "customers",
            "pool",
            "handovers",
            "arbitration",
            "fairness",
            "sync",
        },  # appeals hang off customers
        "visits": {"sync"},
        "plans": {"sync"},
        "reports": {"inbox", "sync"},
        "profile": {"sync"},
        "audit": {"sync"},  # an export's or a reveal's log entry, waiting to go up
        "sync": {"sync"},
    },
}


def _class(spec) -> type:
    module, _, name = spec.screen.partition(":")
    return getattr(import_module(module), name)


@pytest.mark.parametrize("spec", SCREENS, ids=lambda spec: spec.key)
def test_every_registered_screen_keeps_the_protocol(spec) -> None:
    cls = _class(spec)
    assert issubclass(cls, Screen)
    assert cls.nouns and cls.nouns <= ALL_NOUNS, f"{spec.key} listens for unknown nouns: {cls.nouns - ALL_NOUNS}"
    assert cls.reload is not Screen.reload, f"{spec.key} must say how it reloads"
    assert spec.module in warm_up_modules()


def test_the_window_knows_screens_only_through_the_protocol() -> None:
    source = inspect.getsource(main_window)
    assert "hasattr(" not in source
    assert "WARM_UP_MODULES" not in source  # the warm-up list comes from the registry


@pytest.mark.parametrize("who", sorted(TOLD))
def test_a_screen_reloads_on_the_changes_it_shows_and_no_others(who, make_window, worker, idle) -> None:
    window = make_window(who)
    for key in window.screens:
        window.show_screen(key)
        idle()
    told: dict[str, set[str]] = {}
    for key in window.screens:
        screen = window.screens[key]
        screen.changed = lambda nouns, key=key: told.setdefault(next(iter(nouns)), set()).add(key)
    for noun in sorted(ALL_NOUNS):
        worker.announce(frozenset({noun}))
    assert told == {noun: keys for noun, keys in TOLD[who].items() if keys}
