"""Searching the catalogue: relevance first, then the P3DN priority, with facets from the same query."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Max, Min, Q
from django.db.models.expressions import RawSQL

from katalog.catalog import selectors as catalog_selectors
from katalog.catalog.models import Category, Certification
from katalog.regions.models import Region

from .backends import backend
from .models import SearchEntry
from .query import ParsedQuery, parse

SORTS = ("relevance", "price_asc", "price_desc", "tkdn", "newest")
NAME_WEIGHT = 3
BODY_WEIGHT = 1
TKDN_BUCKETS = (("unknown", None, None), ("below_25", 0, 25), ("25_to_40", 25, 40), ("40_plus", 40, None))


@dataclass
class SearchFilters:
    category: Category | None = None
    regency: Region | None = None
    scales: list[str] = field(default_factory=list)
    tkdn_min: Decimal | None = None
    tkdn_max: Decimal | None = None
    certifications: list[str] = field(default_factory=list)
    price_min: int | None = None
    price_max: int | None = None
    local_only: bool = False


@dataclass
class SearchResult:
    query: ParsedQuery
    total: int
    page: int
    page_size: int
    items: list[dict]
    facets: dict
    matched_every_word: bool

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _filtered(filters: SearchFilters):
    qs = SearchEntry.objects.all()
    if filters.category is not None:
        qs = qs.filter(category_id__in=catalog_selectors.category_descendant_ids(filters.category))
    if filters.regency is not None:
        region = filters.regency
        ids = [region.pk] + list(Region.objects.filter(parent=region).values_list("pk", flat=True))
        qs = qs.filter(vendor_region_id__in=ids)
    if filters.scales:
        qs = qs.filter(vendor_scale__in=filters.scales)
    if filters.tkdn_min is not None:
        qs = qs.filter(tkdn_pct__gte=filters.tkdn_min)
    if filters.tkdn_max is not None:
        qs = qs.filter(tkdn_pct__lte=filters.tkdn_max)
    for code in filters.certifications:
        qs = qs.filter(certifications__contains=f" {code} ")
    if filters.price_min is not None:
        qs = qs.filter(price_idr__gte=filters.price_min)
    if filters.price_max is not None:
        qs = qs.filter(price_idr__lte=filters.price_max)
    if filters.local_only:
        qs = qs.filter(is_local=True)
    return qs


def _score_sql(query: ParsedQuery) -> tuple[str, list]:
    """Each clause scores NAME_WEIGHT when found in the name, BODY_WEIGHT when only in the rest."""
    search = backend()
    parts, params = [], []
    for clause in query.clauses:
        in_name = " OR ".join(search.contains("name_terms") for _ in clause)
        in_body = " OR ".join(search.contains("body_terms") for _ in clause)
        parts.append(f"CASE WHEN ({in_name}) THEN {NAME_WEIGHT} WHEN ({in_body}) THEN {BODY_WEIGHT} ELSE 0 END")
        params.extend(f" {t} " for t in clause)
        params.extend(f" {t} " for t in clause)
    return " + ".join(parts) or "0", params


def _matching(qs, query: ParsedQuery):
    """Rows having every clause; when none has, rows having any (ranked by how many they have)."""
    if query.is_empty:
        return qs, True
    search = backend()
    where, params = search.match(query.clauses, every=True)
    every = qs.extra(where=[where], params=params)
    if len(query.clauses) == 1 or every.exists():
        return every, True
    where, params = search.match(query.clauses, every=False)
    return qs.extra(where=[where], params=params), False


def _ordering(sort: str) -> list:
    relevance = [F("score").desc(), "tier"]
    tail = [F("approved_at").desc(nulls_last=True), "product_id"]
    return {
        "relevance": relevance + [F("tkdn_pct").desc(nulls_last=True)] + tail,
        "price_asc": ["price_idr"] + relevance + tail,
        "price_desc": [F("price_idr").desc()] + relevance + tail,
        "tkdn": [F("tkdn_pct").desc(nulls_last=True)] + relevance + tail,
        "newest": [F("approved_at").desc(nulls_last=True)] + relevance + ["product_id"],
    }[sort]


def facet_counts(qs) -> dict:
    """Counts for every facet over exactly the rows the results come from."""
    base = qs.order_by()
    by_category = dict(base.values_list("category_id").annotate(n=Count("pk")).values_list("category_id", "n"))
    by_region = dict(base.values_list("vendor_region_id").annotate(n=Count("pk")).values_list("vendor_region_id", "n"))
    by_scale = dict(base.values_list("vendor_scale").annotate(n=Count("pk")).values_list("vendor_scale", "n"))
    aggregates = {
        "total": Count("pk"),
        "local": Count("pk", filter=Q(is_local=True)),
        "price_min": Min("price_idr"),
        "price_max": Max("price_idr"),
    }
    for code in Certification.values:
        aggregates[f"cert_{code}"] = Count("pk", filter=Q(certifications__contains=f" {code} "))
    for name, low, high in TKDN_BUCKETS:
        if low is None:
            condition = Q(tkdn_pct__isnull=True)
        else:
            condition = Q(tkdn_pct__gte=low) & (Q(tkdn_pct__lt=high) if high is not None else Q())
        aggregates[f"tkdn_{name}"] = Count("pk", filter=condition)
    totals = base.aggregate(**aggregates)
    return {
        "total": totals["total"],
        "categories": _category_facet(by_category),
        "regencies": _region_facet(by_region),
        "scales": [{"value": s, "count": n} for s, n in sorted(by_scale.items(), key=lambda i: -i[1])],
        "local": totals["local"],
        "certifications": [
            {"value": code, "count": totals[f"cert_{code}"]} for code in Certification.values if totals[f"cert_{code}"]
        ],
        "tkdn": [{"value": name, "count": totals[f"tkdn_{name}"]} for name, _, _ in TKDN_BUCKETS],
        "price": {"min": totals["price_min"], "max": totals["price_max"]},
    }


def _category_facet(counts: dict[int, int]) -> list[dict]:
    """Counts rolled up the tree: a top category counts the products of its subcategories."""
    if not counts:
        return []
    categories = {c.pk: c for c in Category.objects.all()}
    totals: dict[int, int] = {}
    for category_id, n in counts.items():
        node = categories.get(category_id)
        while node is not None:
            totals[node.pk] = totals.get(node.pk, 0) + n
            node = categories.get(node.parent_id) if node.parent_id else None
    rows = [
        {"slug": categories[pk].slug, "name": categories[pk].name, "level": categories[pk].level,
         "parent": categories[categories[pk].parent_id].slug if categories[pk].parent_id else None, "count": n}
        for pk, n in totals.items()
    ]
    rows.sort(key=lambda r: (-r["count"], r["name"]))
    return rows


def _region_facet(counts: dict[int, int]) -> list[dict]:
    regions = Region.objects.in_bulk(list(counts))
    rows = [{"code": regions[pk].code, "name": regions[pk].name, "count": n} for pk, n in counts.items() if pk in regions]
    rows.sort(key=lambda r: (-r["count"], r["code"]))
    return rows


def search(
    *, q: str = "", filters: SearchFilters | None = None, sort: str = "relevance", page: int = 1,
    page_size: int = 24, with_facets: bool = True,
) -> SearchResult:
    filters = filters or SearchFilters()
    if sort not in SORTS:
        sort = "relevance"
    query = parse(q)
    qs, every = _matching(_filtered(filters), query)
    score_sql, score_params = _score_sql(query)
    ranked = qs.annotate(score=RawSQL(score_sql, score_params)).order_by(*_ordering(sort))
    facets = facet_counts(qs) if with_facets else {}
    total = facets["total"] if with_facets else qs.count()
    start = (max(page, 1) - 1) * page_size
    rows = list(ranked.values_list("product_id", "score", "tier")[start : start + page_size])
    products = catalog_selectors.listed_products().in_bulk([r[0] for r in rows])
    items = []
    for product_id, score, tier in rows:
        product = products.get(product_id)
        if product is None:
            continue
        card = catalog_selectors.product_card(product)
        card.update(score=int(score or 0), tier=tier, product=product)
        items.append(card)
    return SearchResult(query=query, total=total, page=max(page, 1), page_size=page_size, items=items,
                        facets=facets, matched_every_word=every)
