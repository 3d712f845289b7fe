"""Searching the catalogue: relevance first, then the P3DN priority, with facets from the same query."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, F, Value, When

from katalog.catalog import selectors as catalog_selectors
from katalog.catalog.models import Category
from katalog.regions.models import Region
from katalog.vendors.models import Vendor

from . import ranking, synonyms
from .backends import backend
from .models import SearchEntry, SearchTerm
from .query import ParsedQuery, parse
from .text import STOP_WORDS, analyse, normalise, stem

SORTS = ranking.SORTS


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
    vendor: Vendor | None = None


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
    if filters.vendor is not None:
        qs = qs.filter(product__vendor=filters.vendor)
    return qs


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


MAX_PAGE = 1_000_000


def search(
    *, q: str = "", filters: SearchFilters | None = None, sort: str = "relevance", page: int = 1,
    page_size: int = 24, with_facets: bool = True,
) -> SearchResult:
    filters = filters or SearchFilters()
    if sort not in SORTS:
        sort = "relevance"
    query = parse(q)
    qs, every = _matching(_filtered(filters), query)
    # A page far past the last one is just empty; bounded so its offset fits the database's integers.
    page = min(max(page, 1), MAX_PAGE)
    offset = (page - 1) * page_size
    if with_facets:
        rows, facets = ranking.page_and_facets(qs, query, every=every, sort=sort, offset=offset, limit=page_size)
        total = facets["total"]
    else:
        rows, total = ranking.page_only(qs, query, every=every, sort=sort, offset=offset, limit=page_size)
        facets = {}
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


# ---- Suggestions as the buyer types ----

SUGGEST_LIMIT = 8
SUGGEST_CATEGORIES = 3
SUGGEST_COMPLETIONS = 10


def _after_prefix(prefix: str) -> str | None:
    """The smallest term above every term starting with `prefix` (terms are [0-9a-z]), or None."""
    chars = list(prefix)
    while chars:
        last = chars.pop()
        if last != "z":
            return "".join(chars) + ("a" if last == "9" else chr(ord(last) + 1))
    return None


def completions(prefix: str, *, limit: int = SUGGEST_COMPLETIONS) -> list[str]:
    """Known terms starting with `prefix`, most used first: a range on the vocabulary's unique index."""
    if len(prefix) < 2:
        return []
    qs = SearchTerm.objects.filter(term__gte=prefix, term__startswith=prefix)
    upper = _after_prefix(prefix)
    if upper is not None:
        qs = qs.filter(term__lt=upper)
    return list(qs.order_by("-document_count", "term").values_list("term", flat=True)[:limit])


def _suggest_clauses(q: str) -> list[list[str]]:
    """Clauses of what was typed; the last word, still being typed, stands for the known terms it begins."""
    text = normalise(q)
    if not text:
        return []
    if q[-1:].isspace():
        return synonyms.rewrite_query(analyse(text))
    *done, last = text.split()
    clauses = synonyms.rewrite_query(analyse(" ".join(done)))
    if len(last) < 2 and not last.isdigit():
        return clauses
    alternatives = completions(last)
    stemmed = stem(last)
    if stemmed not in alternatives and (alternatives or last not in STOP_WORDS):
        alternatives.append(stemmed)
    if alternatives:
        clauses.append(alternatives)
    return clauses


def _suggest_products(clauses: list[list[str]], *, limit: int) -> list[dict]:
    """Listed products having every clause in the name, local first: the full-text index narrows the rows."""
    if not clauses or limit < 1:
        return []
    search = backend()
    where, params = search.match(clauses, every=True)
    in_name = [ranking.has_any("name", clause) for clause in clauses]
    rows = (
        SearchEntry.objects.extra(
            where=[where, *(sql for sql, _ in in_name)], params=[*params, *(p for _, ps in in_name for p in ps)]
        )
        .order_by("tier", F("approved_at").desc(nulls_last=True), "product_id")
        .values_list("product__sku", "product__name", "vendor_region__name", "is_local")[:limit]
    )
    return [
        {"kind": "product", "label": name, "sku": sku, "region": region, "is_local": is_local}
        for sku, name, region, is_local in rows
    ]


def _suggest_categories(q: str, *, limit: int) -> list[dict]:
    text = " ".join(q.split())
    if len(text) < 2 or limit < 1:
        return []
    rows = (
        Category.objects.filter(is_active=True, name__icontains=text)
        .annotate(starts=Case(When(name__istartswith=text, then=Value(0)), default=Value(1)))
        .order_by("starts", "level", "name")
        .values_list("name", "slug")[:limit]
    )
    return [{"kind": "category", "label": name, "slug": slug} for name, slug in rows]


def suggest(*, q: str, limit: int = SUGGEST_LIMIT) -> list[dict]:
    """Up to `limit` suggestions for a search box: product names (local first), then category names.

    Each is {"kind": "product", "label", "sku", "region", "is_local"} or {"kind": "category", "label", "slug"}.
    """
    q = (q or "")[:100]
    if len(normalise(q)) < 2:
        return []
    categories = _suggest_categories(q, limit=min(SUGGEST_CATEGORIES, limit))
    clauses = _suggest_clauses(q)
    products = _suggest_products(clauses, limit=limit - len(categories))
    if not products:
        # The last word may be complete already and part of a synonym ("hand tractor").
        whole = synonyms.rewrite_query(analyse(q))
        if whole != clauses:
            products = _suggest_products(whole, limit=limit - len(categories))
    return products + categories


# ---- Comparing products side by side ----

MAX_COMPARED = 4
MAX_ASKED = 20  # SKUs looked at in one request; more are treated as over the limit


@dataclass
class Comparison:
    products: list[dict]  # catalog product_page() data, in the order asked, at most MAX_COMPARED
    unlisted: list[str] = field(default_factory=list)  # SKUs asked for that no listed product has
    over_limit: list[str] = field(default_factory=list)  # listed SKUs past the first MAX_COMPARED
    best: dict[str, set[str]] = field(default_factory=dict)  # "price" / "tkdn_plus_bmp" -> SKUs that lead


def clean_skus(skus) -> list[str]:
    """SKUs as typed, stripped, without blanks or repeats, in order."""
    seen: list[str] = []
    for raw in skus or []:
        sku = (raw or "").strip()
        if sku and sku not in seen:
            seen.append(sku)
    return seen


def _leaders(rows: list[dict]) -> dict[str, set[str]]:
    """The lowest price (only when every unit is the same) and the highest TKDN + BMP, if they differ."""
    best: dict[str, set[str]] = {}
    if len(rows) < 2:
        return best
    prices = {r["price_idr"] for r in rows}
    if len({r["unit"].strip().casefold() for r in rows}) == 1 and len(prices) > 1:
        best["price"] = {r["sku"] for r in rows if r["price_idr"] == min(prices)}
    shares = {r["tkdn_plus_bmp"] for r in rows if r["tkdn_plus_bmp"] is not None}
    if shares and (len(shares) > 1 or any(r["tkdn_plus_bmp"] is None for r in rows)):
        best["tkdn_plus_bmp"] = {r["sku"] for r in rows if r["tkdn_plus_bmp"] == max(shares)}
    return best


def compare_products(skus, *, limit: int = MAX_COMPARED) -> Comparison:
    """Listed products to compare (two queries), skipping SKUs that are not listed and keeping the first four."""
    asked = clean_skus(skus)
    looked_at, beyond = asked[:MAX_ASKED], asked[MAX_ASKED:]
    found = {
        p.sku: p for p in catalog_selectors.listed_products().filter(sku__in=[s for s in looked_at if len(s) <= 64])
    }
    listed = [s for s in looked_at if s in found]
    rows = [catalog_selectors.product_page(found[s]) for s in listed[:limit]]
    return Comparison(
        products=rows,
        unlisted=[s for s in looked_at if s not in found],
        over_limit=listed[limit:] + beyond,
        best=_leaders(rows),
    )
