"""The duplicate finder (查重) used when creating customers, importing lists and syncing: exact and similar matches."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from fieldcrm.domain.errors import DuplicateMatch
from fieldcrm.normalize import normalise_company_name, normalise_credit_code, normalise_phone, search_tokens

SIMILARITY = 0.8


def _owner_names(session: Session) -> dict[str, str]:
    return dict(session.connection().execute(text("SELECT id, name FROM app_user")).all())


def find_duplicates(
    session: Session,
    *,
    name: str | None = None,
    phone: str | None = None,
    credit_code: str | None = None,
    exclude_id: str | None = None,
    similar: bool = True,
    limit: int = 10,
) -> list[DuplicateMatch]:
    """Customers that are, or may be, the same company: same credit code, normalised name or phone first,
    then similar names. Merged-away and deleted customers are not matches."""
    conn = session.connection()
    owners = _owner_names(session)
    found: dict[str, DuplicateMatch] = {}

    def add(rows: Sequence[Any], reason: str) -> None:
        for cid, cname, owner in rows:
            if cid != exclude_id and cid not in found:
                found[cid] = DuplicateMatch(cid, cname, owner, owners.get(owner), reason)

    live = "deleted = 0 AND merged_into IS NULL"
    code = normalise_credit_code(credit_code)
    if code:
        add(
            conn.execute(
                text(f"SELECT id, name, owner_id FROM customer WHERE credit_code = :c AND {live}"), {"c": code}
            ).all(),
            "credit_code",
        )
    name_norm = normalise_company_name(name)
    if name_norm:
        add(
            conn.execute(
                text(f"SELECT id, name, owner_id FROM customer WHERE name_norm = :n AND {live} LIMIT 20"),
                {"n": name_norm},
            ).all(),
            "name",
        )
    phone_norm = normalise_phone(phone)
    if len(phone_norm) >= 5:
        add(
            conn.execute(
                text(f"SELECT id, name, owner_id FROM customer WHERE phone_norm = :p AND {live} LIMIT 20"),
                {"p": phone_norm},
            ).all(),
            "phone",
        )
    if similar and len(name_norm) >= 2:
        for match in _similar_names(session, name_norm, limit * 3):
            cid, cname, owner = match
            if cid != exclude_id and cid not in found:
                found[cid] = DuplicateMatch(cid, cname, owner, owners.get(owner) if owner else None, "similar_name")
    return list(found.values())[:limit]


def _similar_names(session: Session, name_norm: str, limit: int) -> list[tuple[str, str, str | None]]:
    """Names sharing most two-character pieces with `name_norm` (found through the search index), kept when
    difflib's ratio of the normalised names is at least SIMILARITY or one contains the other."""
    tokens = [t for t in search_tokens(name_norm).split() if len(t) == 2]
    if not tokens:
        return []
    query = " OR ".join(f'"{t}"' for t in dict.fromkeys(tokens))
    rows = (
        session.connection()
        .execute(
            text(
                "SELECT c.id, c.name, c.owner_id, c.name_norm FROM customer_fts f"
                " JOIN customer_search_key k ON k.key = f.rowid JOIN customer c ON c.id = k.customer_id"
                " WHERE customer_fts MATCH :q AND c.deleted = 0 AND c.merged_into IS NULL"
                " ORDER BY bm25(customer_fts) LIMIT :lim"
            ),
            {"q": query, "lim": limit * 4},
        )
        .all()
    )
    out = []
    for cid, cname, owner, other in rows:
        if not other:
            continue
        ratio = difflib.SequenceMatcher(None, name_norm, other).ratio()
        contained = min(len(other), len(name_norm)) >= 4 and (other in name_norm or name_norm in other)
        if ratio >= SIMILARITY or contained:
            out.append((cid, cname, owner))
        if len(out) >= limit:
            break
    return out


@dataclass
class DuplicateIndex:
    """Exact-match lookups held in memory, for checking many rows at once (imports, demo data).

    Built once from the store; `remember()` adds rows as they are accepted so duplicates within one file are
    found too.
    """

    by_code: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    by_phone: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> DuplicateIndex:
        index = cls()
        rows = session.connection().execute(
            text(
                "SELECT id, credit_code, name_norm, phone_norm FROM customer WHERE deleted = 0 AND merged_into IS NULL"
            )
        )
        for cid, code, name_norm, phone_norm in rows:
            index.remember(cid, credit_code=code, name_norm=name_norm, phone_norm=phone_norm)
        return index

    def remember(
        self, customer_id: str, *, credit_code: str | None, name_norm: str | None, phone_norm: str | None
    ) -> None:
        if credit_code:
            self.by_code.setdefault(credit_code, customer_id)
        if name_norm:
            self.by_name.setdefault(name_norm, customer_id)
        if phone_norm:
            self.by_phone.setdefault(phone_norm, customer_id)

    def match(self, *, name: str | None, phone: str | None, credit_code: str | None) -> tuple[str, str] | None:
        """(customer id, reason) of the first exact match, by credit code, then name, then phone."""
        return self.match_normalised(
            normalise_credit_code(credit_code), normalise_company_name(name), normalise_phone(phone)
        )

    def match_normalised(self, code: str, name_norm: str, phone_norm: str) -> tuple[str, str] | None:
        """`match` for values already normalised (normalise_credit_code, normalise_company_name, normalise_phone)."""
        if code and code in self.by_code:
            return self.by_code[code], "credit_code"
        if name_norm and name_norm in self.by_name:
            return self.by_name[name_norm], "name"
        if len(phone_norm) >= 5 and phone_norm in self.by_phone:
            return self.by_phone[phone_norm], "phone"
        return None
