"""Keeping the search index in step with the catalogue, inside the same transaction as the change.

Only listed products (approved, of a verified vendor) have an entry; any other product has none,
so it can never be found.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest

from katalog.catalog import badges
from katalog.catalog.models import Category, Product, ProductStatus
from katalog.vendors.models import VendorStatus

from . import synonyms
from .backends import backend
from .models import SearchEntry, SearchTerm
from .text import analyse

CHUNK = 2000


def _category_words(category: Category, parents: dict[int, Category]) -> list[str]:
    words = []
    node = category
    while node is not None:
        words.append(node.name)
        words.extend(node.aliases or [])
        node = parents.get(node.parent_id) if node.parent_id else None
    return words


def _top(category: Category, parents: dict[int, Category]) -> Category:
    node = category
    while node.parent_id and node.parent_id in parents:
        node = parents[node.parent_id]
    return node


def _padded(terms: list[str]) -> str:
    return f" {' '.join(terms)} " if terms else " "


def tier_of(facts: badges.BadgeFacts) -> int:
    """P3DN priority among comparably relevant products: 0 local UMK, 1 other local, 2 PDN, 3 the rest."""
    if badges.is_local(facts):
        return 0 if badges.is_umk(facts) else 1
    return 2 if badges.is_pdn(facts) else 3


def build_entry(product: Product, categories: dict[int, Category]) -> SearchEntry:
    name_terms = analyse(product.name)
    body_source = " ".join(
        [
            product.description,
            " ".join(_category_words(product.category, categories)),
            product.vendor.name,
            " ".join(product.certifications or []),
        ]
    )
    body_terms = analyse(body_source)
    name_synonyms = synonyms.tokens_for_document(name_terms)
    body_synonyms = [t for t in synonyms.tokens_for_document(body_terms) if t not in name_synonyms]
    facts = badges.facts_of(product)
    own_category = analyse(" ".join([product.category.name, *(product.category.aliases or [])]))
    category_terms = own_category + synonyms.tokens_for_document(own_category)
    # Every category term is also searchable text, so "has the term anywhere" means the same to both
    # databases' indexes (PostgreSQL keeps the category terms in its tsvector, SQLite's FTS does not).
    searchable = set(name_terms) | set(name_synonyms) | set(body_terms) | set(body_synonyms)
    body_extra = [t for t in dict.fromkeys(category_terms) if t not in searchable]
    return SearchEntry(
        product_id=product.pk,
        category_terms=_padded(category_terms),
        name_terms=_padded(name_terms + name_synonyms),
        body_terms=_padded(body_terms + body_synonyms + body_extra),
        category_id=product.category_id,
        category_top_id=_top(product.category, categories).pk,
        vendor_region_id=product.vendor.region_id,
        vendor_scale=product.vendor.scale,
        is_local=badges.is_local(facts),
        is_umk=badges.is_umk(facts),
        is_pdn=badges.is_pdn(facts),
        tier=tier_of(facts),
        tkdn_pct=product.tkdn_pct,
        price_idr=product.price_idr,
        certifications=_padded(sorted(product.certifications or [])),
        approved_at=product.approved_at,
    )


def index_products(product_ids: Iterable[int], *, count_terms: bool = True) -> int:
    """Rebuild the entries of these products (dropping those no longer listed); returns entries written.

    The vocabulary's document counts follow in the same transaction (`count_terms`), so matching and typo
    correction weigh words by how many listed products really use them, without waiting for a reindex.
    """
    ids = list(dict.fromkeys(product_ids))
    if not ids:
        return 0
    categories = {c.pk: c for c in Category.objects.all()}
    written = 0
    search = backend()
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            products = list(
                Product.objects.filter(
                    pk__in=chunk, status=ProductStatus.APPROVED, vendor__status=VendorStatus.VERIFIED
                )
                .select_related("vendor__region", "origin_region", "category")
                .order_by("category_id", "pk")
            )
            for product in products:
                product.category = categories.get(product.category_id, product.category)
            entries = [build_entry(p, categories) for p in products]
            old_terms = (
                [_terms_of(n, b) for n, b in SearchEntry.objects.filter(product_id__in=chunk).values_list(
                    "name_terms", "body_terms")]
                if count_terms else []
            )
            with connection.cursor() as cursor:
                search.delete(cursor, chunk)
                SearchEntry.objects.filter(product_id__in=chunk).delete()
                SearchEntry.objects.bulk_create(entries, batch_size=500)
                search.write(cursor, [(e.product_id, e.name_terms, e.body_terms) for e in entries])
            if count_terms:
                _apply_term_counts(old_terms, [_terms_of(e.name_terms, e.body_terms) for e in entries])
            else:
                _add_terms(entries)
            written += len(entries)
    return written


def _is_synonym_token(term: str) -> bool:
    """`sin12` is a synonym group's token; `singkong` or `sintetis` is a word of the vocabulary."""
    return term.startswith("sin") and term[3:].isdigit()


def _terms_of(name_terms: str, body_terms: str) -> set[str]:
    return {t[:64] for t in (name_terms + " " + body_terms).split() if not _is_synonym_token(t)}


def _apply_term_counts(old_terms: list[set[str]], new_terms: list[set[str]]) -> None:
    """Move the vocabulary's document counts from the entries replaced to the entries written."""
    delta: dict[str, int] = {}
    for terms, step in ((old_terms, -1), (new_terms, 1)):
        for entry_terms in terms:
            for term in entry_terms:
                delta[term] = delta.get(term, 0) + step
    by_step: dict[int, list[str]] = {}
    for term, step in delta.items():
        if step:
            by_step.setdefault(step, []).append(term)
    for step, terms in by_step.items():
        for start in range(0, len(terms), 500):
            SearchTerm.objects.filter(term__in=terms[start : start + 500]).update(
                document_count=Greatest(F("document_count") + step, 0)
            )
    added = [t for t, step in delta.items() if step > 0]
    if added:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t, document_count=delta[t]) for t in added], ignore_conflicts=True, batch_size=1000
        )
    if any(step < 0 for step in delta.values()):
        SearchTerm.objects.filter(document_count__lte=0).delete()


def _add_terms(entries: list[SearchEntry]) -> None:
    terms = set()
    for entry in entries:
        terms.update(t for t in (entry.name_terms + entry.body_terms).split() if not _is_synonym_token(t))
    if terms:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t[:64], document_count=1) for t in terms], ignore_conflicts=True, batch_size=1000
        )


def reindex_all(*, progress=None) -> int:
    """Rebuild the whole index and vocabulary from the catalogue."""
    synonyms.forget()
    with transaction.atomic():
        with connection.cursor() as cursor:
            backend().delete_all(cursor)
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        # Written category by category: a query's matches (mostly of a few categories) then lie on few pages.
        ids = list(
            Product.objects.filter(status=ProductStatus.APPROVED, vendor__status=VendorStatus.VERIFIED)
            .order_by("category_id", "pk")
            .values_list("pk", flat=True)
        )
        total = 0
        for start in range(0, len(ids), CHUNK * 5):
            # The vocabulary is counted once at the end.
            total += index_products(ids[start : start + CHUNK * 5], count_terms=False)
            if progress:
                progress(total, len(ids))
        _count_terms()
    refresh_statistics()
    return total


def refresh_statistics() -> None:
    """Fresh planner statistics after bulk changes: without them both databases pick slow plans
    (fetching products by status instead of by id). Outside a transaction, PostgreSQL also reclaims the
    rows a rebuild replaced, so a search does not visit pages of dead rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE search_searchentry")
        cursor.execute("ANALYZE")


def _count_terms() -> None:
    """Document counts of the vocabulary (used to prefer common words when correcting typos)."""
    counts: dict[str, int] = {}
    for name_terms, body_terms in SearchEntry.objects.values_list("name_terms", "body_terms").iterator(chunk_size=5000):
        for term in set((name_terms + body_terms).split()):
            if not _is_synonym_token(term):
                counts[term] = counts.get(term, 0) + 1
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t[:64], document_count=n) for t, n in counts.items()], batch_size=2000, ignore_conflicts=True
    )


# ---- change hooks (registered in apps.py) ----

def products_changed(ids: list[int]) -> None:
    index_products(ids)


def vendors_changed(ids: list[int]) -> None:
    index_products(Product.objects.filter(vendor_id__in=ids).values_list("pk", flat=True))


def categories_changed(ids: list[int]) -> None:
    index_products(Product.objects.filter(category_id__in=ids).values_list("pk", flat=True))
