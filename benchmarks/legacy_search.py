"""The customer search as it was before pinyin (main at 0724586, services/search.py, verbatim below this note):
names in code point order through `ix_customer_name_sort`, the bigram index alone. The benchmarks run it beside
today's `SearchService` on the same store, so both sets of figures come from one run on one machine load.
Not used by the app."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from fieldcrm.normalize import search_query, search_terms
from fieldcrm.services.refusals import refused_reasons

if TYPE_CHECKING:
    from fieldcrm.store import Store
    from fieldcrm.store.reader import ReadStore

SORTS = {
    "name": "c.name_norm",
    "grade": "c.grade",
    "stage": "c.stage",
    "region": "c.region",
    "industry": "c.industry",
    "owner": "u.name",
    "next_follow_up": "c.next_follow_up",
    "updated": "c.updated_at",
    "created": "c.created_at",
    "protection_until": "c.protection_until",
    "phone": "c.phone",
}


@dataclass
class CustomerQuery:
    text: str = ""
    grade: str | None = None
    stage: str | None = None
    region: str | None = None
    industry: str | None = None
    owner_id: str | None = None
    owner_name: str | None = None
    follow_up_due: date | None = None  # due on or before this day
    in_public_pool: bool | None = None
    sort: str = "name"
    descending: bool = False
    limit: int = 50
    offset: int = 0


@dataclass
class CustomerRow:
    id: str
    name: str
    phone: str | None
    grade: str | None
    stage: str | None
    region: str | None
    industry: str | None
    owner_id: str | None
    owner: str | None
    protection_until: str | None
    next_follow_up: str | None
    in_public_pool: bool
    refused: str | None = None  # why head office refused it, while that is open (see services.refusals)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return data


#: Sort columns that are never NULL, so ORDER BY can walk their index directly.
_NOT_NULL_SORTS = {"name", "updated", "created"}

_COLUMNS = (
    "c.id, c.name, c.phone, c.grade, c.stage, c.region, c.industry, c.owner_id, u.name,"
    " c.protection_until, c.next_follow_up, c.in_public_pool"
)


def _order_by(query: CustomerQuery) -> str:
    column = SORTS.get(query.sort)
    if column is None:
        raise ValueError(f"unknown sort column {query.sort!r}")
    direction = "DESC" if query.descending else "ASC"
    if query.sort in _NOT_NULL_SORTS:
        return f"{column} {direction}, c.id {direction}"
    return f"{column} IS NULL, {column} {direction}, c.id"


def _row(r: Any) -> CustomerRow:
    dates = (str(r[9]) if r[9] else None, str(r[10]) if r[10] else None)
    return CustomerRow(*r[:9], *dates, bool(r[11]))


def _rows(conn: Any, found: list[Any]) -> list[CustomerRow]:
    """Rows of one page, each marked with head office's refusal if one is open."""
    rows = [_row(r) for r in found]
    refused = refused_reasons(conn.execute, "customer", [r.id for r in rows]) if rows else {}
    for row in rows:
        row.refused = refused.get(row.id)
    return rows


#: Above this many text matches, the name-ordered first page is found faster by walking the name index and probing
#: the matches than by sorting every match (measured on 100k customers: ~8 ms against ~25 ms for common words).
WALK_INDEX_ABOVE = 1500

#: A name-ordered text search first reads the indexed text of this many customers in name order (a few ms); when
#: that fills the page, the page is right. Queries matching a large share of all customers ("1", "上") are answered
#: there: their full-text match alone costs 40-120 ms on 100k customers.
SCAN_FIRST = 1000


def _where(query: CustomerQuery, walk_name_index: bool = False) -> tuple[str, str, dict[str, Any]]:
    joins = " LEFT JOIN app_user u ON u.id = c.owner_id"
    clauses = ["c.deleted = 0", "c.merged_into IS NULL"]
    params: dict[str, Any] = {}
    match = search_query(query.text) if query.text else None
    if query.text and match is None:
        clauses.append("0")  # only punctuation typed: nothing can match
    if match and walk_name_index:
        joins = " INDEXED BY ix_customer_name_sort" + joins
        clauses.append(
            "c.id IN (SELECT k.customer_id FROM customer_fts f JOIN customer_search_key k ON k.key = f.rowid"
            " WHERE customer_fts MATCH :match)"
        )
        params["match"] = match
    elif match:
        joins = " JOIN customer_search_key k ON k.customer_id = c.id JOIN customer_fts f ON f.rowid = k.key" + joins
        clauses.append("customer_fts MATCH :match")
        params["match"] = match
    for name in ("grade", "stage", "region", "industry", "owner_id", "in_public_pool"):
        value = getattr(query, name)
        if value is not None and value != "":
            clauses.append(f"c.{name} = :{name}")
            params[name] = value
    if query.owner_name:
        clauses.append("u.name = :owner_name")
        params["owner_name"] = query.owner_name
    if query.follow_up_due is not None:
        clauses.append("c.next_follow_up IS NOT NULL AND c.next_follow_up <= :due")
        params["due"] = query.follow_up_due.isoformat()
    return joins, " AND ".join(clauses), params


class SearchService:
    def __init__(self, store: Store | ReadStore) -> None:
        self.store = store

    def search(self, query: CustomerQuery) -> list[CustomerRow]:
        """A page of matches. A name-ordered text search picks its plan by how many customers match: most of them
        (a digit, a common character) → scan the first customers in name order; many → walk the name index
        probing the matches; few → sort the matches."""
        with self.store.read_connection() as conn:
            walk = False
            match = search_query(query.text) if query.text and query.sort == "name" else None
            if match is not None:
                # a one-letter or one-digit word makes the full-text count itself slow (40 ms on 100k): scan first
                costly = any(len(term) == 1 and term.isascii() for term in search_terms(query.text))
                matches = None if costly else self._count_matches(conn, match)
                if matches is None or self._worth_scanning(conn, matches, query):
                    scanned = self._scan_name_order(conn, query)
                    if scanned is not None:
                        return _rows(conn, scanned)
                if matches is None:
                    matches = self._count_matches(conn, match)
                walk = matches > WALK_INDEX_ABOVE
            joins, where, params = _where(query, walk)
            sql = (
                f"SELECT {_COLUMNS} FROM customer c{joins} WHERE {where}"
                f" ORDER BY {_order_by(query)} LIMIT :limit OFFSET :offset"
            )
            params.update(limit=query.limit, offset=query.offset)
            return _rows(conn, conn.execute(sql, params).fetchall())

    @staticmethod
    def _scan_name_order(conn: Any, query: CustomerQuery) -> list[Any] | None:
        """The page from the first `SCAN_FIRST` customers in name order, testing each one's indexed text for the
        words (what MATCH would find: a one-character word starts a token, a longer one is its run of bigrams);
        None if that range may not hold the whole page (then the full-text index answers)."""
        terms = search_terms(query.text) if query.text and query.sort == "name" else []
        if not terms or query.offset + query.limit > SCAN_FIRST // 4:
            return None
        direction = "DESC" if query.descending else "ASC"
        bound = conn.execute(
            f"SELECT name_norm, id FROM customer INDEXED BY ix_customer_name_sort"
            f" ORDER BY name_norm {direction}, id {direction} LIMIT 1 OFFSET :n",
            {"n": SCAN_FIRST - 1},
        ).fetchone()
        joins, where, params = _where(replace(query, text=""))
        joins = (
            " INDEXED BY ix_customer_name_sort JOIN customer_search_key k ON k.customer_id = c.id"
            " JOIN customer_fts f ON f.rowid = k.key" + joins
        )
        for n, term in enumerate(terms):
            where += f" AND instr(' ' || f.body || ' ', :term{n}) > 0"
            params[f"term{n}"] = f" {term}" if " " not in term and len(term) == 1 else f" {term} "
        if bound is not None:
            where += f" AND (c.name_norm, c.id) {'>=' if query.descending else '<='} (:bound_name, :bound_id)"
            params.update(bound_name=bound[0], bound_id=bound[1])
        sql = (
            f"SELECT {_COLUMNS} FROM customer c{joins} WHERE {where}"
            f" ORDER BY {_order_by(query)} LIMIT :limit OFFSET :offset"
        )
        params.update(limit=query.limit, offset=query.offset)
        rows = conn.execute(sql, params).fetchall()
        return rows if bound is None or len(rows) == query.limit else None

    @staticmethod
    def _count_matches(conn: Any, match: str) -> int:
        return int(
            conn.execute("SELECT count(*) FROM customer_fts WHERE customer_fts MATCH :m", {"m": match}).fetchone()[0]
        )

    @staticmethod
    def _worth_scanning(conn: Any, matches: int, query: CustomerQuery) -> bool:
        """Whether the first `SCAN_FIRST` customers should hold the page 1.5 times over (if matches spread evenly;
        a scan that falls short costs ~5 ms on 100k customers before the walk)."""
        indexed = conn.execute("SELECT coalesce(max(key), 0) FROM customer_search_key").fetchone()[0]
        return matches * SCAN_FIRST * 2 >= 3 * (query.offset + query.limit) * max(indexed, 1)

    def count(self, query: CustomerQuery) -> int:
        joins, where, params = _where(query)
        with self.store.read_connection() as conn:
            return int(conn.execute(f"SELECT count(*) FROM customer c{joins} WHERE {where}", params).fetchone()[0])

    def ids(self, query: CustomerQuery) -> list[str]:
        """All matching ids in order: what a table model holds before it fetches rows lazily."""
        joins, where, params = _where(query)
        sql = f"SELECT c.id FROM customer c{joins} WHERE {where} ORDER BY {_order_by(query)}"
        with self.store.read_connection() as conn:
            return [r[0] for r in conn.execute(sql, params)]

    def rows(self, ids: list[str]) -> dict[str, CustomerRow]:
        """Rows for these ids (one window of a lazy table model)."""
        if not ids:
            return {}
        marks = ",".join(f":i{n}" for n in range(len(ids)))
        params = {f"i{n}": v for n, v in enumerate(ids)}
        sql = f"SELECT {_COLUMNS} FROM customer c LEFT JOIN app_user u ON u.id = c.owner_id WHERE c.id IN ({marks})"
        with self.store.read_connection() as conn:
            return {r.id: r for r in _rows(conn, conn.execute(sql, params).fetchall())}

    def distinct_values(self, column: str) -> list[str]:
        """Values in use for a filter column (region, industry, …), for the filter drop-downs."""
        if column not in ("region", "industry", "grade", "stage", "source"):
            raise ValueError(column)
        with self.store.read_connection() as conn:
            return [
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT {column} FROM customer"
                    f" WHERE deleted = 0 AND {column} IS NOT NULL ORDER BY {column}"
                )
            ]
