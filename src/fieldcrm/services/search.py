"""Customer search: substrings of name, contact, phone, address (Chinese included) through the bigram index, and
the pinyin of customer and contact names (`hrwj`, `huarun`, `hua run` find 华润万家), with filters, sorting and
paging; names sort in pinyin order. Returns plain rows, never ORM objects, so any thread can take them.

Plain sqlite3 (no SQLAlchemy): it reads through `store.read_connection()`, which both the full `Store` and the
GUI's light `reader.ReadStore` offer, so the customer list can be shown before the ORM is loaded."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldcrm.normalize import fts_phrase, search_words
from fieldcrm.services.refusals import refused_reasons

if TYPE_CHECKING:
    from fieldcrm.store import Store
    from fieldcrm.store.reader import ReadStore

SORTS = {
    "name": "k.name_pinyin",  # pinyin order, then the name (the laptop's own keys: see store.search_index)
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
#: What orders ties of a sort column: customers whose names read alike sort by the name itself, then by id.
_THEN = {"name": ("k.name", "k.customer_id")}
#: The index the name order walks (`store.search_index.PINYIN_SORT_INDEX`, on `customer_search_key`, which holds
#: every live customer's name and pinyin; named here so that reading the list never imports SQLAlchemy).
NAME_ORDER_INDEX = "ix_customer_name_pinyin"
#: The key table in name order (its index walked), and each customer read by its id from the key table's row.
_KEYS_BY_NAME = f"customer_search_key k INDEXED BY {NAME_ORDER_INDEX}"
_CUSTOMER_OF_KEY = " CROSS JOIN customer c ON c.id = k.customer_id"
_LIVE = "c.deleted = 0 AND c.merged_into IS NULL"

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
        return ", ".join(f"{c} {direction}" for c in (column, *_THEN.get(query.sort, ("c.id",))))
    return f"{column} IS NULL, {column} {direction}, c.id"


def _row(r: Any) -> CustomerRow:
    dates = (str(r[9]) if r[9] else None, str(r[10]) if r[10] else None)
    return CustomerRow(*r[:9], *dates, bool(r[11]))  # type: ignore[call-arg]  # mypy cannot count *r[:9]


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


class _TextMatch(NamedTuple):
    """What the words typed match. Each word is a substring of a customer's indexed text (bigram index) or, if it
    can be pinyin, the start of a syllable's tail of the full pinyin or the initials of the customer's or a
    contact's name (pinyin index); every word must match."""

    parts: list[str]  # SQL selecting index keys (customer_search_key.key); a customer matches if in every part
    counts: list[str]  # SQL counting each part's keys (a part's count is exact but for a customer matched twice)
    params: dict[str, Any]
    words: list[tuple[str, str | None]]  # normalize.search_words


def _text_match(text: str) -> _TextMatch | None:
    """None if no word holds a letter or digit (nothing can match). The words that cannot be pinyin make one part
    (one bigram MATCH, as before pinyin), each word that can be pinyin a part of its own."""
    words = search_words(text)
    if not words:
        return None
    parts, counts, params = [], [], {}
    plain = [term for term, prefix in words if prefix is None]
    if plain:
        parts.append("SELECT rowid FROM customer_fts WHERE customer_fts MATCH :match")
        counts.append("SELECT count(*) FROM customer_fts WHERE customer_fts MATCH :match")
        params["match"] = " AND ".join(map(fts_phrase, plain))
    for n, (term, prefix) in enumerate((t, p) for t, p in words if p is not None):
        body = f"FROM customer_fts WHERE customer_fts MATCH :body{n}"
        pinyin = f"FROM customer_pinyin WHERE customer_pinyin MATCH :pinyin{n}"
        parts.append(f"SELECT rowid {body} UNION ALL SELECT rowid {pinyin}")
        counts.append(f"SELECT (SELECT count(*) {body}) + (SELECT count(*) {pinyin})")
        params[f"body{n}"], params[f"pinyin{n}"] = fts_phrase(term), f'"{prefix}"*'
    return _TextMatch(parts, counts, params, words)


def _where(
    query: CustomerQuery, walk_name_index: bool = False, match: _TextMatch | None = None
) -> tuple[str, str, dict[str, Any]]:
    """FROM (its tables), WHERE and parameters of a query. Name-ordered queries read the key table too, walking its
    name index (`walk_name_index`, or without text) or sorting the text matches (`match`: of the text, if known)."""
    by_name = query.sort == "name"
    if match is None and query.text:
        match = _text_match(query.text)
    if match is not None:
        # From the matches' keys (or, walking, the name index probing them) to the customers: with the customers
        # first, SQLite would probe the key table once per matching key for every customer.
        source = (_KEYS_BY_NAME if by_name and walk_name_index else "customer_search_key k") + _CUSTOMER_OF_KEY
    elif by_name:
        source = _KEYS_BY_NAME + _CUSTOMER_OF_KEY
    else:
        source = "customer c"
    walking = source.startswith("customer_search_key")
    source += " LEFT JOIN app_user u ON u.id = c.owner_id"
    clauses = [_LIVE]
    params: dict[str, Any] = {}
    if query.text and match is None:
        clauses.append("0")  # only punctuation typed: nothing can match
    if match is not None:
        clauses.extend(f"k.key IN ({part})" for part in match.parts)
        params.update(match.params)
    clauses.extend(_filters(query, params, walking))
    return source, " AND ".join(clauses), params


def _filters(query: CustomerQuery, params: dict[str, Any], walking: bool) -> list[str]:
    """The filters' clauses (their values go to `params`). `walking` the key table, each customer is read by its
    id: a unary + keeps SQLite from looking it up through a filter column's index instead."""
    plus = "+" if walking else ""
    clauses = []
    for name in ("grade", "stage", "region", "industry", "owner_id", "in_public_pool"):
        value = getattr(query, name)
        if value is not None and value != "":
            clauses.append(f"{plus}c.{name} = :{name}")
            params[name] = value
    if query.owner_name:
        clauses.append("u.name = :owner_name")
        params["owner_name"] = query.owner_name
    if query.follow_up_due is not None:
        clauses.append(f"{plus}c.next_follow_up IS NOT NULL AND {plus}c.next_follow_up <= :due")
        params["due"] = query.follow_up_due.isoformat()
    return clauses


class SearchService:
    def __init__(self, store: Store | ReadStore) -> None:
        self.store = store

    def search(self, query: CustomerQuery) -> list[CustomerRow]:
        """A page of matches. A name-ordered text search picks its plan by how many customers match: most of them
        (a digit, a common character) → scan the first customers in name order; many → walk the name index
        probing the matches; few → sort the matches (without a filter, in the key table alone)."""
        with self.store.read_connection() as conn:
            walk, page = False, " LIMIT :limit OFFSET :offset"
            match = _text_match(query.text) if query.text and query.sort == "name" else None
            if match is not None:
                # a one-letter or one-digit word makes the full-text count itself slow (40 ms on 100k): scan first
                costly = any(len(term) == 1 and term.isascii() for term, _ in match.words)
                matches = None if costly else self._count_matches(conn, match)
                if matches is None or self._worth_scanning(conn, matches, query):
                    scanned = self._scan_name_order(conn, query)
                    if scanned is not None:
                        return _rows(conn, scanned)
                if matches is None and all(prefix is None for _, prefix in match.words):
                    matches = self._count_matches(conn, match)
                walk = matches is None or matches > WALK_INDEX_ABOVE  # a letter's pinyin is not counted: walk
            if match is not None and not walk and not _filters(query, {}, walking=True):
                # Few matches and no filter: sorted in the key table (it holds the live customers alone), and only
                # the page's customers are read.
                in_parts = " AND ".join(f"k.key IN ({part})" for part in match.parts)
                source = (
                    f"(SELECT k.* FROM customer_search_key k WHERE {in_parts} ORDER BY {_order_by(query)}{page})"
                    f" k{_CUSTOMER_OF_KEY} LEFT JOIN app_user u ON u.id = c.owner_id"
                )
                where, params, page = _LIVE, dict(match.params), ""
            else:
                source, where, params = _where(query, walk, match)
            sql = f"SELECT {_COLUMNS} FROM {source} WHERE {where} ORDER BY {_order_by(query)}{page}"
            params.update(limit=query.limit, offset=query.offset)
            return _rows(conn, conn.execute(sql, params).fetchall())

    @staticmethod
    def _scan_name_order(conn: Any, query: CustomerQuery) -> list[Any] | None:
        """The page from the first `SCAN_FIRST` customers in name order, testing each one's indexed text for the
        words (what MATCH would find: a one-character word starts a token, a longer one is its run of bigrams; a
        word that can be pinyin also starts a pinyin token); None if that range may not hold the whole page (then
        the full-text index answers)."""
        words = search_words(query.text) if query.text and query.sort == "name" else []
        if not words or query.offset + query.limit > SCAN_FIRST // 4:
            return None
        direction = "DESC" if query.descending else "ASC"
        bound = conn.execute(
            f"SELECT name_pinyin, name, customer_id FROM customer_search_key INDEXED BY {NAME_ORDER_INDEX}"
            f" ORDER BY name_pinyin {direction}, name {direction}, customer_id {direction} LIMIT 1 OFFSET :n",
            {"n": SCAN_FIRST - 1},
        ).fetchone()
        _, where, params = _where(replace(query, text=""))
        texts = " CROSS JOIN customer_fts f ON f.rowid = k.key"
        if any(prefix is not None for _, prefix in words):
            texts += " CROSS JOIN customer_pinyin p ON p.rowid = k.key"
        source = f"{_KEYS_BY_NAME}{texts}{_CUSTOMER_OF_KEY} LEFT JOIN app_user u ON u.id = c.owner_id"
        for n, (term, prefix) in enumerate(words):
            test = f"instr(' ' || f.body || ' ', :term{n}) > 0"
            params[f"term{n}"] = f" {term}" if " " not in term and len(term) == 1 else f" {term} "
            if prefix is not None:
                test = f"({test} OR instr(' ' || p.body, :pinyin{n}) > 0)"
                params[f"pinyin{n}"] = f" {prefix}"
            where += f" AND {test}"
        if bound is not None:
            where += (
                f" AND (k.name_pinyin, k.name, k.customer_id) {'>=' if query.descending else '<='}"
                " (:bound_pinyin, :bound_name, :bound_id)"
            )
            params.update(bound_pinyin=bound[0], bound_name=bound[1], bound_id=bound[2])
        sql = f"SELECT {_COLUMNS} FROM {source} WHERE {where} ORDER BY {_order_by(query)} LIMIT :limit OFFSET :offset"
        params.update(limit=query.limit, offset=query.offset)
        rows = conn.execute(sql, params).fetchall()
        return rows if bound is None or len(rows) == query.limit else None

    @staticmethod
    def _count_matches(conn: Any, match: _TextMatch) -> int:
        """How many customers match at most: the fewest of any part (each part's count is one FTS5 count)."""
        return min(int(conn.execute(sql, match.params).fetchone()[0]) for sql in match.counts)

    @staticmethod
    def _worth_scanning(conn: Any, matches: int, query: CustomerQuery) -> bool:
        """Whether the first `SCAN_FIRST` customers should hold the page 1.5 times over (if matches spread evenly;
        a scan that falls short costs ~5 ms on 100k customers before the walk)."""
        indexed = conn.execute("SELECT coalesce(max(key), 0) FROM customer_search_key").fetchone()[0]
        return matches * SCAN_FIRST * 2 >= 3 * (query.offset + query.limit) * max(indexed, 1)

    def count(self, query: CustomerQuery) -> int:
        source, where, params = _where(replace(query, sort="grade"))  # any order but the name's: no key table
        with self.store.read_connection() as conn:
            return int(conn.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0])

    def ids(self, query: CustomerQuery) -> list[str]:
        """All matching ids in order: what a table model holds before it fetches rows lazily."""
        source, where, params = _where(query)
        column = "c.id"
        if source.startswith(_KEYS_BY_NAME) and where == _LIVE:
            # Every customer by name: the key table holds exactly the live ones (the search index's rule), so its
            # index alone answers, without reading 100,000 customers by id (~0.1 s instead of ~0.4 s).
            column, source, where = "k.customer_id", _KEYS_BY_NAME, "1"
        sql = f"SELECT {column} FROM {source} WHERE {where} ORDER BY {_order_by(query)}"
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
