"""Demo data: deterministic for a seed, valid by the same rules the GUI applies, and a coherent history."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from fieldcrm.demo import CustomerFactory, credit_code, generate_demo
from fieldcrm.demo_words import CITIES, MOBILE_PREFIXES
from fieldcrm.domain.errors import PermissionDeniedError, ValidationError
from fieldcrm.models import OPPORTUNITY_STAGES
from fieldcrm.normalize import normalise_company_name
from fieldcrm.services import CustomerQuery, Services
from fieldcrm.services.appeals import AppealService
from fieldcrm.services.handover import HandoverService
from fieldcrm.services.pool import PoolService
from fieldcrm.services.validation import clean_contact_fields, clean_customer_fields, credit_code_is_valid
from fieldcrm.store import Store
from waiting import HANG_GUARD

REGIONS = {"华东", "华北", "华南", "华中", "西南", "西北", "东北"}


def rows(store: Store, sql: str, **params: object) -> list:
    with store.engine.connect() as conn:
        return conn.execute(text(sql), params).all()


def fresh_store(template: Path, folder: Path, name: str, role: str = "rep", team: str | None = None) -> Store:
    folder.mkdir(parents=True)
    shutil.copy(template, folder / "fieldcrm.sqlite3")
    store = Store.open(folder / "fieldcrm.sqlite3")
    Services.for_store(store).profile.init_profile(name, role, team)
    return store


def test_same_seed_same_data_other_seed_other_data(_template_store: Path, tmp_path: Path, today: date) -> None:
    def snapshot(folder: str, seed: int) -> tuple[list, list, int]:
        store = fresh_store(_template_store, tmp_path / folder, "张伟")
        try:
            generate_demo(store, 150, seed, today=today)  # one day for all three, even across midnight
            customers = rows(
                store, "SELECT name, phone, address, grade, stage, credit_code FROM customer ORDER BY name"
            )
            contacts = rows(store, "SELECT name, mobile, title FROM contact ORDER BY name, mobile")
            return customers, contacts, len(rows(store, "SELECT id FROM visit"))
        finally:
            store.close()

    first, second, other = snapshot("a", 7), snapshot("b", 7), snapshot("c", 8)
    assert first == second
    assert len(first[0]) == 150 and len(first[1]) >= 150
    assert {r[0] for r in first[0]} != {r[0] for r in other[0]}


def test_generated_rows_pass_the_shared_validation(today: date) -> None:
    """Every demo row is what the GUI would have saved: cleaning it changes nothing."""
    factory = CustomerFactory(random.Random(3), today, {"names": set(), "phones": set(), "codes": set()})
    customers = [factory.customer("owner") for _ in range(2000)]
    editable = (
        "name", "credit_code", "phone", "address", "region", "industry", "size", "grade", "stage", "source",
        "tags", "notes", "next_follow_up", "protection_until", "in_public_pool",
    )  # fmt: skip
    for row in customers:
        values = {k: row[k] for k in editable if row[k] is not None}
        assert clean_customer_fields(values, creating=True) == values
        assert row["name_norm"] == normalise_company_name(row["name"])
        assert row["region"] in REGIONS
        assert row["name"].endswith("公司")
        for contact in factory.contacts(row):
            fields = {k: contact[k] for k in ("name", "title", "phone", "mobile", "email", "wechat", "is_primary")}
            fields = {k: v for k, v in fields.items() if v is not None}
            assert clean_contact_fields(fields, creating=True) == fields
            assert len(contact["mobile"]) == 11 and contact["mobile"][:3] in MOBILE_PREFIXES
    assert len({r["name_norm"] for r in customers}) == len(customers)  # unique even after normalising
    phones = [r["phone"] for r in customers if r["phone"]]
    assert len(set(phones)) == len(phones)
    assert any("-" in p for p in phones) and any(len(p) == 11 and "-" not in p for p in phones)  # landlines, mobiles
    codes = [r["credit_code"] for r in customers if r["credit_code"]]
    assert 400 < len(codes) < 800 and all(credit_code_is_valid(c) for c in codes)
    assert Counter(r["region"] for r in customers).keys() == REGIONS


def test_credit_codes_carry_the_city_and_valid_check_characters() -> None:
    rng = random.Random(1)
    for city in CITIES:
        code = credit_code(rng, city)
        assert code.startswith("91" + city.division) and credit_code_is_valid(code)


def test_demo_for_a_rep_builds_a_coherent_history(team_services: dict[str, Services], today: date) -> None:
    rep = team_services["rep"]
    store = rep.store
    summary = generate_demo(store, 300, 5, today=today)
    me = rep.profile.current()
    assert (summary.user, summary.role, summary.reps_added) == ("张伟", "rep", [])
    assert summary.counts["customers"] == 300

    owners = Counter(r[0] for r in rows(store, "SELECT owner_id FROM customer"))
    assert set(owners) <= {me.id, None} and owners[me.id] > 250  # the rep's, and a few in the public pool
    pool = rows(store, "SELECT count(*) FROM customer WHERE owner_id IS NULL AND in_public_pool = 1")[0][0]
    assert pool == owners[None]

    visits = rows(
        store,
        "SELECT v.id, v.stop_id, c.owner_id, v.started_at FROM visit v JOIN customer c ON c.id = v.customer_id",
    )
    assert len(visits) == summary.counts["visits"] > 100
    assert {v[2] for v in visits} == {me.id}  # visits only on the rep's own customers
    days = {date.fromisoformat(v[3][:10]) for v in visits}
    assert min(days) >= today - timedelta(days=91) and max(days) <= today

    stops = rows(
        store,
        "SELECT s.id, s.status, s.visit_id, p.plan_date FROM planned_stop s JOIN visit_plan p ON p.id = s.plan_id",
    )
    by_visit = {v[0]: v[1] for v in visits}
    past = [s for s in stops if s[3] < today.isoformat()]
    coming = [s for s in stops if s[3] >= today.isoformat()]
    assert past and coming
    assert {s[1] for s in coming} == {"planned"}
    for stop_id, status, visit_id, _day in past:
        assert status in ("done", "cancelled")
        if status == "done":
            assert by_visit[visit_id] == stop_id  # the stop and its visit point at each other

    statuses = Counter(r[0] for r in rows(store, "SELECT status FROM daily_report WHERE rep_id = :r", r=me.id))
    assert statuses["countersigned"] > 40 and statuses["submitted"] >= 1 and statuses["draft"] == 1
    signed = rows(store, "SELECT report_date FROM daily_report WHERE status = 'countersigned' LIMIT 3")
    for (day,) in signed:
        report = rep.reports.find(None, date.fromisoformat(day))
        assert report["signed_by_name"] == "王经理" and report["signature_valid"] is True
        assert report["visits"] and report["summary"]

    # a real team's reports: submitted on the evening of their own day, countersigned the next morning
    stamped = rows(
        store, "SELECT report_date, submitted_at, signed_at FROM daily_report WHERE submitted_at IS NOT NULL"
    )
    assert len(stamped) > 40
    for day, submitted, signed in stamped:
        submitted_local = datetime.fromisoformat(submitted).replace(tzinfo=UTC).astimezone()
        assert submitted_local.date().isoformat() == day and submitted_local.hour >= 18
        if signed:
            signed_local = datetime.fromisoformat(signed).replace(tzinfo=UTC).astimezone()
            assert signed_local.date() == date.fromisoformat(day) + timedelta(days=1)

    stages = {r[0] for r in rows(store, "SELECT stage FROM opportunity")}
    assert stages == set(OPPORTUNITY_STAGES)
    lost = rows(store, "SELECT lost_reason FROM opportunity WHERE stage = '输单'")
    assert all(r[0] for r in lost)


def test_demo_protection_is_believable_today_and_each_held_customer_has_its_first_contact(
    team_services: dict[str, Services], today: date
) -> None:
    """Protection as a team's would stand today: some customers lapse within the reminder days, some lapsed lately,
    most are protected for weeks; none ends before its first contact's protection; pool customers have none. Every
    held customer's history starts with its first contact (by its owner, at its first contact's time)."""
    store = team_services["rep"].store
    generate_demo(store, 400, 3, today=today)
    held = rows(
        store, "SELECT id, protection_until, first_contact_at, owner_id FROM customer WHERE owner_id IS NOT NULL"
    )
    left = Counter()
    for _id, until, first, _owner in held:
        days = (date.fromisoformat(until) - today).days
        left["lapsing" if 0 <= days < 3 else "lapsed" if days < 0 else "protected"] += 1
        first_day = datetime.fromisoformat(first).replace(tzinfo=UTC).astimezone(ZoneInfo("Asia/Shanghai")).date()
        assert date.fromisoformat(until) >= first_day + timedelta(days=30)
        assert days >= -60  # lapsed lately at most: a customer lapsed for long would be back in the pool
    assert left["lapsing"] >= 10 and left["lapsed"] >= 20 and left["protected"] > len(held) // 2, left
    assert rows(store, "SELECT count(*) FROM customer WHERE owner_id IS NULL AND protection_until IS NOT NULL") == [
        (0,)
    ]
    events = {
        r[0]: r[1:] for r in rows(store, "SELECT customer_id, kind, to_owner_id, by_user_id, at FROM ownership_event")
    }
    assert len(events) == len(held)
    for customer_id, _until, first, owner in held:
        assert events[customer_id] == ("first_contact", owner, owner, first)


def test_every_demo_row_has_its_outbox_entry(team_services: dict[str, Services]) -> None:
    store = team_services["rep"].store
    before = rows(store, "SELECT count(*) FROM outbox")[0][0]
    generate_demo(store, 120, 2)
    for table in ("customer", "contact", "visit", "visit_plan", "planned_stop", "opportunity", "ownership_event"):
        count = rows(store, f"SELECT count(*) FROM {table}")[0][0]
        entries = rows(
            store, "SELECT count(DISTINCT row_id) FROM outbox WHERE table_name = :t AND op = 'insert'", t=table
        )
        assert entries[0][0] == count, table
    entry = rows(store, "SELECT fields FROM outbox WHERE table_name = 'customer' AND op = 'insert' LIMIT 1")[0][0]
    assert {"name", "owner_id", "region"} <= set(json.loads(entry))
    assert rows(store, "SELECT count(*) FROM outbox")[0][0] > before


def test_demo_customers_are_found_by_search(team_services: dict[str, Services]) -> None:
    rep = team_services["rep"]
    generate_demo(rep.store, 200, 4)
    contact_name, customer_id = rows(rep.store, "SELECT name, customer_id FROM contact ORDER BY name LIMIT 1")[0]
    found = rep.search.search(CustomerQuery(text=contact_name, limit=500))
    assert customer_id in {r.id for r in found}
    east = rep.search.search(CustomerQuery(region="华东", limit=500))
    assert east and {r.region for r in east} == {"华东"}


def test_demo_for_a_supervisor_adds_reps_with_data(_template_store: Path, tmp_path: Path) -> None:
    store = fresh_store(_template_store, tmp_path / "sup", "王经理", "supervisor", "华南二组")
    try:
        summary = generate_demo(store, 240, 9)
        users = {u.name: u for u in Services.for_store(store).profile.users()}
        assert summary.reps_added == ["李娜", "王强", "刘洋"]
        for name in summary.reps_added:
            assert (users[name].role, users[name].team_name) == ("rep", "华南二组")
            rep_id = users[name].id
            assert rows(store, "SELECT count(*) FROM customer WHERE owner_id = :o", o=rep_id)[0][0] > 20
            assert rows(store, "SELECT count(*) FROM visit WHERE rep_id = :o", o=rep_id)[0][0] > 50
            signed = rows(
                store, "SELECT signed_by FROM daily_report WHERE rep_id = :o AND status = 'countersigned'", o=rep_id
            )
            assert signed and {r[0] for r in signed} == {users["王经理"].id}
        assert Services.for_store(store).profile.current().name == "王经理"  # still the supervisor's laptop
        # An appeal waits in the arbitration queue: 李娜 lost a customer she visited to 王强, by assignment.
        [case] = AppealService(store, users["王经理"].id).appeals("open")
        assert (case["appellant"], case["holder"], case["lost_how"]) == ("李娜", "王强", "assignment")
        assert case["appellant_side"]["visits"] and case["statement"]
        assert summary.counts["appeals open"] == 1
        # Handovers wait in the team: 刘洋 hands two customers to 李娜 (one accepted: the supervisor approves next)
        # and one to 王强.
        waiting = HandoverService(store, users["王经理"].id).handovers()
        moves = sorted((h["from_rep"], h["to_rep"], h["status"]) for h in waiting)
        assert moves == [("刘洋", "李娜", "accepted"), ("刘洋", "李娜", "requested"), ("刘洋", "王强", "requested")]
        assert all(h["reason"] for h in waiting)
        assert summary.counts["handovers waiting"] == 3
        # The team has two pools: 制造业公海 (manufacturing customers, back sooner) and the default 公海.
        pool = PoolService(store, users["王经理"].id)
        counts = dict(pool.pool_counts())
        assert list(counts) == ["制造业公海", "公海"] and counts["制造业公海"] > 0 and counts["公海"] > 0
        assert pool.rules().pools[0].rules["return_without_followup_days"] == 20
        assert summary.counts["named pools"] == 1
    finally:
        store.close()


def test_running_demo_twice_keeps_names_unique_and_reports_untouched(team_services: dict[str, Services]) -> None:
    rep = team_services["rep"]
    generate_demo(rep.store, 100, 1)
    reports = rows(rep.store, "SELECT id, status, updated_at FROM daily_report ORDER BY id")
    generate_demo(rep.store, 100, 1)  # same seed again: names must not collide with the first batch
    norms = [r[0] for r in rows(rep.store, "SELECT name_norm FROM customer")]
    assert len(norms) == 200 and len(set(norms)) == 200
    assert rows(rep.store, "SELECT id, status, updated_at FROM daily_report ORDER BY id") == reports
    me = rep.profile.current()
    plans = rows(rep.store, "SELECT count(*), count(DISTINCT plan_date) FROM visit_plan WHERE rep_id = :r", r=me.id)
    assert plans[0][0] == plans[0][1]  # plans of the same days were extended, not duplicated


def test_demo_needs_a_profile_and_a_sensible_count(store: Store) -> None:
    with pytest.raises(PermissionDeniedError, match="fieldcrm init"):
        generate_demo(store, 10)
    Services.for_store(store).profile.init_profile("张伟", "rep")
    with pytest.raises(ValidationError) as err:
        generate_demo(store, -1)
    assert err.value.field == "customers"
    assert rows(store, "SELECT count(*) FROM customer")[0][0] == 0


def test_same_seed_same_names_across_processes(tmp_path: Path) -> None:
    """Nothing depends on the process (string hashing, set order): two interpreters agree on the names."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from fieldcrm.demo import generate_demo\n"
        "from fieldcrm.services import Services\n"
        "from fieldcrm.store import Store\n"
        "store = Store.open(Path(sys.argv[1]) / 'fieldcrm.sqlite3')\n"
        "Services.for_store(store).profile.init_profile('王经理', 'supervisor', '华东一组')\n"
        "generate_demo(store, 40, 11)\n"
        "with store.engine.connect() as conn:\n"
        "    names = [r[0] for r in conn.exec_driver_sql('SELECT name FROM customer ORDER BY name')]\n"
        "print(json.dumps(names, ensure_ascii=False))\n"
    )

    def names(folder: str, hash_seed: str) -> list[str]:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / folder)],
            capture_output=True,
            text=True,
            env=env,
            timeout=HANG_GUARD,
            check=True,
        )
        return json.loads(done.stdout)

    first = names("a", "1")
    assert len(first) == 40
    assert names("b", "2") == first
