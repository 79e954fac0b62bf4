"""A rep's visit plans on two laptops: what one laptop does to the week's stops (add, reorder, move to another day,
cancel), the rep's other laptop and the supervisor see exactly, after syncing."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

MONDAY = date(2026, 12, 7)
WEEK = [MONDAY + timedelta(days=i) for i in range(3)]


def _plans(laptop, rep_id: str) -> dict[str, list[tuple]]:
    """The days' stops as a laptop shows them: in order, with customer, purpose, status and position."""
    plans = laptop.services().plans
    return {
        day.isoformat(): [
            (s["id"], s["customer_name"], s["purpose"], s["status"], s["position"]) for s in plans.day(day, rep_id)
        ]
        for day in WEEK
    }


def _on_server(server, rep_id: str) -> dict[str, list[tuple]]:
    query = text(
        "SELECT p.plan_date, s.id, c.name, s.purpose, s.status, s.position FROM planned_stop s"
        " JOIN visit_plan p ON p.id = s.plan_id JOIN customer c ON c.id = s.customer_id"
        " WHERE p.rep_id = :rep AND NOT s.deleted AND NOT p.deleted ORDER BY p.plan_date, s.position, s.created_at"
    )
    out: dict[str, list[tuple]] = {day.isoformat(): [] for day in WEEK}
    with server.engine.connect() as conn:
        for day, *stop in conn.execute(query, {"rep": rep_id}):
            out[str(day)[:10]].append(tuple(stop))
    return out


def _sync_all(*laptops) -> None:
    for laptop in laptops:
        result = laptop.sync()
        assert (result.rejected, result.conflicts) == (0, 0), result.message


def test_plan_changes_on_one_laptop_reach_the_reps_other_laptop_and_the_supervisor(
    server, team, laptop_factory
) -> None:
    first = laptop_factory("first", "张伟")
    second = laptop_factory("second", "张伟")
    sup = laptop_factory("sup", "王经理")
    rep = team["rep"]
    names = ["甲商贸有限公司", "乙电子有限公司", "丙机械有限公司", "丁食品有限公司", "戊物流有限公司"]
    customers = {name: first.services().customers.create(name=name) for name in names}
    plans = first.services().plans

    # Offline, before anything was sent: four stops, reordered, one moved to Tuesday, one cancelled.
    stops = {name: plans.add_stop(MONDAY, customers[name], purpose=f"拜访{name[:1]}") for name in names[:4]}
    plans.reorder(
        MONDAY, [stops["丙机械有限公司"], stops["甲商贸有限公司"], stops["丁食品有限公司"], stops["乙电子有限公司"]]
    )
    plans.move_to_day(stops["丁食品有限公司"], WEEK[1])
    plans.cancel_stop(stops["乙电子有限公司"])
    expected = _plans(first, rep)
    assert [s[1] for s in expected[MONDAY.isoformat()]] == ["丙机械有限公司", "甲商贸有限公司", "乙电子有限公司"]
    assert [s[1] for s in expected[WEEK[1].isoformat()]] == ["丁食品有限公司"]
    _sync_all(first, second, sup)
    assert _on_server(server, rep) == expected
    assert _plans(second, rep) == expected
    assert _plans(sup, rep) == expected

    # Then on rows head office already holds: a stop added first on Monday, one moved up, one moved on to
    # Wednesday, another cancelled.
    plans.add_stop(MONDAY, customers["戊物流有限公司"], purpose="送样品", position=0)
    plans.move_stop(stops["甲商贸有限公司"], -1)
    plans.move_to_day(stops["丙机械有限公司"], WEEK[2])
    plans.cancel_stop(stops["丁食品有限公司"])
    expected = _plans(first, rep)
    assert [s[1] for s in expected[MONDAY.isoformat()]] == ["戊物流有限公司", "甲商贸有限公司", "乙电子有限公司"]
    assert [(s[1], s[3]) for s in expected[WEEK[1].isoformat()]] == [("丁食品有限公司", "cancelled")]
    assert [s[1] for s in expected[WEEK[2].isoformat()]] == ["丙机械有限公司"]
    _sync_all(first, second, sup)
    assert _on_server(server, rep) == expected
    assert _plans(second, rep) == expected
    assert _plans(sup, rep) == expected
