"""Finding the products that could fill a need: one statement over the search index per need, and the
facts of every candidate of a batch of needs in bulk.

The statement gathers the rows having some of the need's terms (through each database's full-text
index: FTS5 on SQLite, tsvector on PostgreSQL), notes for each term where the row has it (name, own
category, other text), and keeps the CANDIDATE_LIMIT best by the same weights the scoring uses. How
many rows it gathers is bounded: on a large catalogue only the heaviest terms gather rows, the others
only score them (see `retrieval_groups`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from katalog.catalog.models import Product, ProductStatus
from katalog.search.backends import backend
from katalog.search.models import SearchEntry, SearchTerm
from katalog.vendors.models import VendorStatus

from .keywords import NeedTerm, is_synonym_token

# Rows ranked in Python per need: enough for budget, capacity and locality to reorder the best text
# matches, few enough to fetch their facts quickly.
CANDIDATE_LIMIT = 100
# Rows one need's statement may gather (estimated from the vocabulary's document counts): its time is
# linear in them (on PostgreSQL with the table cached, about 2 ms per 1,000 rows).
RETRIEVAL_ROW_BUDGET = 10_000
# When even the heaviest term is commoner than the budget, rows must have two of this many heaviest terms.
PAIRED_TERMS = 3
LOOKUP_CHUNK = 500

# Where a row has a term, as the `places` of a candidate.
IN_NAME, IN_CATEGORY, IN_TEXT, ABSENT = 3, 2, 1, 0


@dataclass(frozen=True)
class Candidate:
    product_id: int
    category_id: int
    category_top_id: int
    places: tuple[int, ...]  # per need term (in the need's order): IN_NAME, IN_CATEGORY, IN_TEXT or ABSENT


@dataclass(frozen=True)
class ProductRow:
    """A listed product's facts the scoring reads."""

    product_id: int
    sku: str
    name: str
    unit: str
    price_idr: int
    min_order: int
    capacity_per_month: int | None
    tkdn_pct: Decimal | None
    bmp_pct: Decimal | None
    certifications: tuple[str, ...]
    category_id: int
    origin_region_code: str | None
    vendor_code: str
    vendor_scale: str
    vendor_region_code: str | None
    vendor_region_name: str


@dataclass(frozen=True)
class Ordering:
    """How the statement orders the gathered rows: the scoring's weights, known before ranking."""

    term_points: tuple[tuple[float, float, float], ...]  # per term: points when in the name, category, text
    category_ids: tuple[int, ...] = ()  # the need's category and those below it
    category_points: float = 0.0
    category_top_id: int | None = None
    related_points: float = 0.0
    tier_points: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # P3DN tiers 0-3 (search's tiers)


def listed_total() -> int:
    """Listed products (rows of the search index); PostgreSQL's planner estimate when it has one."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'search_searchentry'")
            row = cursor.fetchone()
        if row and row[0] and row[0] > 0:
            return int(row[0])
    return SearchEntry.objects.count()


def document_counts(terms: Iterable[str]) -> dict[str, int]:
    """Products having each term, from the index's vocabulary (unknown terms are left out)."""
    wanted = sorted({t for t in terms if not is_synonym_token(t)})
    counts: dict[str, int] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        counts.update(SearchTerm.objects.filter(term__in=chunk).values_list("term", "document_count"))
    return counts


def retrieval_groups(terms: Sequence[NeedTerm], *, budget: int | None = None) -> list[list[str]]:
    """Which rows to gather: those having every term of any group.

    The heaviest terms gather alone, heaviest first, while the rows they are expected to gather fit the
    budget (the lighter ones still score the rows gathered). When even the heaviest term is too common,
    rows must have two of the PAIRED_TERMS heaviest, or all of them when pairs would still gather too
    many (a pair's rows estimated as its commoner term's, an upper bound).
    """
    budget = RETRIEVAL_ROW_BUDGET if budget is None else budget
    heaviest = sorted(terms, key=lambda t: (-t.weight, t.document_count, t.term))
    groups, expected = [], 0
    for term in heaviest:
        if expected + term.document_count > budget:
            break
        groups.append([term.term])
        expected += term.document_count
    if groups or len(heaviest) < 2:
        return groups or [[t.term] for t in heaviest]
    top = heaviest[:PAIRED_TERMS]
    pairs = [(a, b) for i, a in enumerate(top) for b in top[i + 1 :]]
    if len(top) > 2 and sum(min(a.document_count, b.document_count) for a, b in pairs) > budget:
        return [[t.term for t in top]]
    return [[a.term, b.term] for a, b in pairs]


def _gather_sql(groups: list[list[str]], category_ids: Sequence[int]) -> tuple[str, list]:
    search = backend()
    parts, params = [], []
    singles = [g for g in groups if len(g) == 1]
    if singles:
        sql, p = search.match(singles, every=False)
        parts.append(sql)
        params.extend(p)
    for group in (g for g in groups if len(g) > 1):
        sql, p = search.match([[t] for t in group], every=True)
        parts.append(sql)
        params.extend(p)
    if category_ids:
        parts.append(f"search_searchentry.category_id IN ({', '.join(['%s'] * len(category_ids))})")
        params.extend(category_ids)
    return "(" + " OR ".join(parts) + ")", params


def _place_sql(term: str) -> tuple[str, list]:
    search = backend()
    checks = [search.contains(field, term) for field in ("name", "category", "body")]
    sql = (f"CASE WHEN {checks[0][0]} THEN {IN_NAME} WHEN {checks[1][0]} THEN {IN_CATEGORY} "
           f"WHEN {checks[2][0]} THEN {IN_TEXT} ELSE {ABSENT} END")
    return sql, [p for _sql, ps in checks for p in ps]


def find_candidates(
    terms: Sequence[NeedTerm], ordering: Ordering, *, gather_category: Sequence[int] = (),
    limit: int = CANDIDATE_LIMIT,
) -> list[Candidate]:
    """The `limit` best rows for a need, in one statement. `gather_category`: also gather the rows of
    these categories (for a need whose words the catalogue does not know)."""
    groups = retrieval_groups(terms)
    if not groups and not gather_category:
        return []
    where, where_params = _gather_sql(groups, gather_category)
    places, place_params = [], []
    for i, term in enumerate(terms):
        sql, params = _place_sql(term.term)
        places.append(f"{sql} AS p{i}")
        place_params.extend(params)
    columns = ["product_id", "category_id", "category_top_id", "tier"]
    inner = (
        f"SELECT {', '.join(columns + places)} FROM search_searchentry WHERE {where}"
    )
    score_parts = [
        f"CASE p{i} WHEN {IN_NAME} THEN %s WHEN {IN_CATEGORY} THEN %s WHEN {IN_TEXT} THEN %s ELSE 0 END"
        for i in range(len(terms))
    ] or ["0"]
    score_params: list = [float(points) for per_place in ordering.term_points for points in per_place]
    if ordering.category_ids:
        score_parts.append(
            f"CASE WHEN category_id IN ({', '.join(['%s'] * len(ordering.category_ids))}) THEN %s "
            f"WHEN category_top_id = %s THEN %s ELSE 0 END"
        )
        score_params += [*ordering.category_ids, float(ordering.category_points), ordering.category_top_id or 0,
                         float(ordering.related_points)]
    score_parts.append("CASE tier WHEN 0 THEN %s WHEN 1 THEN %s WHEN 2 THEN %s ELSE %s END")
    score_params += [float(p) for p in ordering.tier_points]
    selected = ", ".join(columns[:3] + [f"p{i}" for i in range(len(terms))])
    sql = (
        f"WITH gathered AS MATERIALIZED ({inner}) "
        f"SELECT {selected} FROM gathered "
        f"ORDER BY ({' + '.join(score_parts)}) DESC, tier, product_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*place_params, *where_params, *score_params, limit])
        rows = cursor.fetchall()
    return [Candidate(row[0], row[1], row[2], tuple(int(p) for p in row[3:])) for row in rows]


def product_rows(product_ids: Iterable[int]) -> dict[int, ProductRow]:
    """The facts of these products, when they are listed (approved, of a verified vendor)."""
    ids = sorted(set(product_ids))
    found: dict[int, ProductRow] = {}
    fields = (
        "pk", "sku", "name", "unit", "price_idr", "min_order", "capacity_per_month", "tkdn_pct", "bmp_pct",
        "certifications", "category_id", "origin_region__code", "vendor__code", "vendor__scale",
        "vendor__region__code", "vendor__region__name",
    )
    for start in range(0, len(ids), LOOKUP_CHUNK):
        rows = Product.objects.filter(
            pk__in=ids[start : start + LOOKUP_CHUNK], status=ProductStatus.APPROVED,
            vendor__status=VendorStatus.VERIFIED,
        ).values_list(*fields)
        for values in rows:
            row = ProductRow(*values[:9], tuple(values[9] or ()), *values[10:])
            found[row.product_id] = row
    return found
