"""A team's own ownership settings (团队规则): the JSON its synced `team_rules` row holds, parsed and validated into
`PoolRules` (missing keys take the defaults), and who may change them. The laptop, the importer and head office all
read a team's rules through `team_rules`, which runs this module's one statement on the caller's session."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Select, select

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.errors import ValidationError
from fieldcrm.domain.ops import Lookup, OpCheck, OpView
from fieldcrm.domain.pools import DEFAULT_POOL, MAX_POOLS, OVERRIDES
from fieldcrm.domain.protection import NamedPool, PoolRules
from fieldcrm.ids import stable_id
from fieldcrm.models.team_rules import TeamRules

#: Day counts (and hours) a team may set: (least, most). Ten years is far past any sensible protection.
LIMITS: dict[str, tuple[int, int]] = {
    "protection_days": (1, 3650),
    "visit_extends_days": (0, 3650),
    "won_extends_days": (0, 3650),
    "claims_per_day": (0, 1000),
    "holding_cap": (0, 100_000),
    "return_without_followup_days": (1, 3650),
    "return_without_deal_days": (1, 3650),
    "remind_days_before": (0, 365),
    "lockout_days": (0, 3650),
    "offline_grace_hours": (0, 720),
}
#: The return rules a team may switch off (stored as null, shown as "off").
SWITCHABLE = frozenset({"return_without_followup_days", "return_without_deal_days"})
SWITCHES = frozenset({"return_when_protection_ends", "won_stay"})
_DEFAULTS = PoolRules()

NOT_AN_OBJECT = "the team's settings must be a JSON object"
NOT_A_SETTING = "is not a team setting"
NOT_YES_NO = "must be true or false"
BAD_CAPS = "must map rep ids to whole numbers from 0 to {0}"
ONLY_SUPERVISOR = "only the team's supervisor or an admin may change the team's settings"
WRONG_ROW = "a team's settings row is the one of its team and cannot be moved to another"
NOT_POOLS = "must be a list of at most {0} pools, each an object with a name"
POOL_NAME = "each pool needs a name of its own (not empty, not repeated, not the default pool's {0})"
POOL_FILTER = "pool {0}: give its regions and/or industries, each a list of names that are not empty"
POOL_KEY = "pool {0}: '{1}' is not a pool's setting (name, regions, industries, rules)"
POOL_OVERRIDE = "pool {0}: '{1}' is not a rule a pool may set"


def _number(name: str, value: Any) -> int | None:
    least, most = LIMITS[name]
    if value is None and name in SWITCHABLE:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        off = ", or off" if name in SWITCHABLE else ""
        raise ValidationError(f"must be a whole number from {least} to {most}{off}", name)
    return value


def _caps(value: Any) -> dict[str, int]:
    most = LIMITS["holding_cap"][1]
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= most
        for k, v in value.items()
    ):
        raise ValidationError(BAD_CAPS.format(most), "caps")
    return dict(value)


def _timezone(value: Any) -> str:
    try:
        if not isinstance(value, str) or not value:
            raise ValueError
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        raise ValidationError(f"'{value}' is not a time zone", "timezone") from None
    return value


def _names(pool: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(POOL_FILTER.format(pool), "pools")
    return tuple(dict.fromkeys(v.strip(" ") for v in value))


def _pool(value: Any, taken: set[str], lenient: bool = False) -> NamedPool:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise ValidationError(NOT_POOLS.format(MAX_POOLS), "pools")
    name = value["name"].strip()
    if not name or name in taken or name == DEFAULT_POOL or len(name) > 40:
        raise ValidationError(POOL_NAME.format(DEFAULT_POOL), "pools")
    taken.add(name)
    for key in value:
        if key not in ("name", "regions", "industries", "rules") and not lenient:
            raise ValidationError(POOL_KEY.format(name, key), "pools")
    if not value.get("regions") and not value.get("industries"):
        raise ValidationError(POOL_FILTER.format(name), "pools")
    regions = _names(name, value["regions"]) if "regions" in value else ()
    industries = _names(name, value["industries"]) if "industries" in value else ()
    overrides = value.get("rules") or {}
    if not isinstance(overrides, dict):
        raise ValidationError(POOL_OVERRIDE.format(name, "rules"), "pools")
    if lenient:
        overrides = {k: v for k, v in overrides.items() if k in OVERRIDES}
    for key in overrides:
        if key not in OVERRIDES:
            raise ValidationError(POOL_OVERRIDE.format(name, key), "pools")
    checked = rules_from(overrides)  # each override in range, as the team's own
    return NamedPool(name, regions, industries, {k: getattr(checked, k) for k in sorted(overrides)})


def _pools(value: Any, lenient: bool = False) -> tuple[NamedPool, ...]:
    """A team's named pools, each checked: names unique and not the default pool's, a filter of non-empty lists of
    names, overrides only of the rules a pool may set and in range."""
    if not isinstance(value, (list, tuple)) or len(value) > MAX_POOLS:
        raise ValidationError(NOT_POOLS.format(MAX_POOLS), "pools")
    taken: set[str] = set()
    return tuple(_pool(v, taken, lenient) for v in value)


def pool_json(pool: NamedPool) -> dict[str, Any]:
    """A named pool as the settings JSON holds it (the lists it does not filter on left out)."""
    out: dict[str, Any] = {"name": pool.name}
    if pool.regions:
        out["regions"] = list(pool.regions)
    if pool.industries:
        out["industries"] = list(pool.industries)
    if pool.rules:
        out["rules"] = dict(pool.rules)
    return out


def pool_summary(pool: dict[str, Any]) -> str:
    """One line of a named pool (its JSON) for a command line: its name, filter and overrides."""
    parts = [f"{k} {', '.join(pool[k])}" for k in ("regions", "industries") if pool.get(k)]
    rules = ", ".join(f"{k}={'off' if v is None else v}" for k, v in pool.get("rules", {}).items())
    return f"{pool['name']}: {'; '.join(parts)}" + (f" ({rules})" if rules else "")


def read_pools_file(path: str) -> Any:
    """The pools a JSON file holds (a list, as the settings do), for `--pools-json FILE`; checked with the whole."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror}", "pools") from None
    except ValueError:
        raise ValidationError(NOT_POOLS.format(MAX_POOLS), "pools") from None


def rules_from(settings: Any, lenient: bool = False) -> PoolRules:
    """A team's settings (decoded JSON) as `PoolRules`: every key known and every value in range, or a
    ValidationError naming the field; missing keys take the defaults. `lenient` (reading a stored row) passes over
    the keys this version does not know, which a newer one wrote: its other settings still hold."""
    if not isinstance(settings, dict):
        raise ValidationError(NOT_AN_OBJECT, "rules")
    known = {f.name for f in fields(PoolRules)}
    values: dict[str, Any] = {}
    for name, value in settings.items():
        if name not in known:
            if lenient:
                continue
            raise ValidationError(NOT_A_SETTING, str(name))
        if name in LIMITS:
            values[name] = _number(name, value)
        elif name in SWITCHES:
            if not isinstance(value, bool):
                raise ValidationError(NOT_YES_NO, name)
            values[name] = value
        elif name == "caps":
            values[name] = _caps(value)
        elif name == "pools":
            values[name] = _pools(value, lenient)
        else:
            values[name] = _timezone(value)
    return PoolRules(**values)


def parse_rules(text: str | None, lenient: bool = False) -> PoolRules:
    """The settings a row holds (its JSON text; empty: the defaults); `lenient` as `rules_from`."""
    if not text:
        return PoolRules()
    try:
        decoded = json.loads(text)
    except ValueError:
        raise ValidationError(NOT_AN_OBJECT, "rules") from None
    return rules_from(decoded, lenient)


def dump_rules(rules: PoolRules) -> str:
    """The settings as the row stores them: only what differs from the defaults, keys sorted (the same settings
    always give the same text)."""
    defaults = settings_of(_DEFAULTS)
    changed = {k: v for k, v in settings_of(rules).items() if v != defaults[k]}
    return json.dumps(changed, sort_keys=True, ensure_ascii=False)


def settings_of(rules: PoolRules) -> dict[str, Any]:
    """Every setting with its value (defaults included), for showing; as `rules_from` reads them back."""
    return {**asdict(rules), "pools": [pool_json(p) for p in rules.pools]}


#: The settings a command line sets one by one (`--protection-days 45`, `--set lockout_days=off`); per-rep caps
#: are set as `caps=REP_ID:N,REP_ID:N`.
CLI_SETTINGS: tuple[str, ...] = (*LIMITS, *sorted(SWITCHES), "timezone")
_YES = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}


def parse_setting(name: str, text: str) -> Any:
    """One setting typed as text, as the JSON holds it: a whole number, "off" for a return rule switched off,
    true/false for a switch, a time zone, or a rep's caps; a ValidationError naming the field for anything else.
    The value's range is checked with the whole (`rules_from`)."""
    text = text.strip()
    known = {f.name for f in fields(PoolRules)}
    if name not in known:
        raise ValidationError(NOT_A_SETTING, name)
    if name in SWITCHES:
        if text.lower() not in _YES:
            raise ValidationError(NOT_YES_NO, name)
        return _YES[text.lower()]
    if name == "timezone":
        return text
    if name == "pools":  # the list as JSON, checked with the whole
        try:
            return json.loads(text)
        except ValueError:
            raise ValidationError(NOT_POOLS.format(MAX_POOLS), name) from None
    if name == "caps":
        caps: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            rep, _, number = (p.strip() for p in part.rpartition(":"))
            caps[rep] = int(number) if number.isdigit() else number
        return caps
    if name in SWITCHABLE and text.lower() in ("off", "none", ""):
        return None
    try:
        return int(text)
    except ValueError:
        least, most = LIMITS[name]
        off = ", or off" if name in SWITCHABLE else ""
        raise ValidationError(f"must be a whole number from {least} to {most}{off}", name) from None


def parse_assignment(text: str) -> tuple[str, Any]:
    """`key=value` as a setting and its value (`parse_setting`)."""
    name, sep, value = text.partition("=")
    if not sep:
        raise ValidationError("write each setting as key=value", "set")
    name = name.strip().replace("-", "_")
    return name, parse_setting(name, value)


def rules_id(team_id: str) -> str:
    return stable_id("team_rules", team_id)


def rules_query(team_id: str) -> Select:
    """The JSON of the team's settings row (no row, or a deleted one: nothing)."""
    c = TeamRules.__table__.c
    return select(c.rules).where(c.id == rules_id(team_id), c.deleted == False)  # noqa: E712


class Runs(Protocol):
    def execute(self, statement: Any, /) -> Any: ...


def team_rules(session: Runs, team_id: str | None) -> PoolRules:
    """The ownership rules `team_id` works under, as its settings row holds them; the defaults for a team without
    one and for a user in no team (None). Settings a newer version wrote that this one does not know are passed over
    (the rest hold); a stored row that still does not validate gives the defaults rather than stopping every rule
    that needs them."""
    if team_id is None:
        return PoolRules()
    text = session.execute(rules_query(team_id)).scalar()
    try:
        return parse_rules(text, lenient=True)
    except ValidationError:
        return PoolRules()


# -- who may change them ------------------------------------------------------------------------------------------
def refuse_change(actor: Actor, team_supervisor: str | None) -> str | None:
    """Only the team's supervisor or an admin sets a team's settings."""
    if actor.role == "admin" or (actor.role == "supervisor" and team_supervisor == actor.id):
        return None
    return ONLY_SUPERVISOR


def check_op(actor: Actor, op: OpView, lookup: Lookup) -> str | None:
    """A pushed change of a team's settings: by its supervisor or an admin, on the team's own row, and the whole
    JSON valid."""
    row = op.row
    refusal = refuse_change(actor, lookup.supervisor_of_team(row.team_id))
    if refusal:
        return refusal
    if row.id != rules_id(row.team_id) or ("team_id" in op.changes and op.kind != "insert"):
        return WRONG_ROW
    try:
        parse_rules(op.changes.get("rules", row.rules))
    except ValidationError as exc:
        return str(exc)
    return None


#: The tables whose ops these rules judge (the server's checks collect every domain module's).
OP_CHECKS: dict[str, OpCheck] = {"team_rules": check_op}
