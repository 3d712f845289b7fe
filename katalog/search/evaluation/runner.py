"""Running the labelled queries through search and through plain BM25 over the same listed products."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection

from katalog.catalog import badges
from katalog.catalog.selectors import listed_products
from katalog.search.indexing import reindex_all
from katalog.search.selectors import search

from . import metrics
from .bm25 import BM25
from .labels import KINDS, LabelledQuery, load_queries

# How deep each ranking is read: the local-first pairs look past the first screen.
RANK_DEPTH = 50


@dataclass
class QueryOutcome:
    labelled: LabelledQuery
    search: list[str]  # SKUs, best first
    bm25: list[str]


@dataclass
class Figures:
    """One engine's figures over the whole set."""

    ndcg_at_10: float
    precision_at_5: float
    queries_meeting_top_5: int
    top_5_hits: int
    top_5_possible: int
    local_first_wins: int
    local_first_pairs: int

    @property
    def top_5_hit_share(self) -> float:
        return self.top_5_hits / self.top_5_possible if self.top_5_possible else 0.0

    @property
    def local_first_share(self) -> float | None:
        return metrics.share(self.local_first_wins, self.local_first_pairs)


@dataclass
class Evaluation:
    outcomes: list[QueryOutcome]
    listed_products: int
    database: str
    search: Figures
    bm25: Figures
    by_kind: dict[str, tuple[int, float, float]] = field(default_factory=dict)  # kind: (queries, search, BM25)
    best_precision_at_5: float = 1.0  # what a perfect ranking scores: some queries have fewer than 5 products

    @property
    def below_expectation(self) -> list[QueryOutcome]:
        return [o for o in self.outcomes if not metrics.meets_top_expectation(o.search, o.labelled.grades)]


class UnknownProducts(Exception):
    """Labelled SKUs that are not listed in this database (it is not the demo catalogue)."""

    def __init__(self, skus: list[str]):
        super().__init__(f"{len(skus)} labelled products are not listed here: {', '.join(skus[:10])}")
        self.skus = skus


def ensure_demo(*, now: dt.datetime) -> bool:
    """Load the reference and demo data and index them when nothing is listed yet; True when it did."""
    if listed_products().exists():
        return False
    from katalog.demo.loader import load_demo  # the demo sits above search: imported only when needed

    load_demo(now=now, with_purchases=False)  # relevance needs the catalogue, not the orders
    reindex_all()
    return True


def product_documents() -> tuple[dict[str, str], dict[str, bool]]:
    """The text BM25 sees of each listed product (name, description, category path, vendor) and
    whether it is Produk Lokal Lampung; in primary-key order."""
    documents, local = {}, {}
    for product in listed_products().order_by("pk"):
        path, node = [], product.category
        while node is not None:
            path.append(node.name)
            node = node.parent
        documents[product.sku] = " ".join([product.name, product.description, *path, product.vendor.name])
        local[product.sku] = badges.is_local(badges.facts_of(product))
    return documents, local


def search_ranking(query: str, *, depth: int = RANK_DEPTH) -> list[str]:
    return [item["sku"] for item in search(q=query, page_size=depth, with_facets=False).items]


def figures(outcomes: list[QueryOutcome], *, engine: str, is_local: dict[str, bool]) -> Figures:
    rankings = [(getattr(o, engine), o.labelled.grades) for o in outcomes]
    hits = [metrics.top_hits(r, g) for r, g in rankings]
    pairs = [metrics.local_first_pairs(r, g, is_local) for r, g in rankings]
    return Figures(
        ndcg_at_10=metrics.mean([metrics.ndcg_at(r, g, 10) for r, g in rankings]),
        precision_at_5=metrics.mean([metrics.precision_at(r, g, 5) for r, g in rankings]),
        queries_meeting_top_5=sum(metrics.meets_top_expectation(r, g) for r, g in rankings),
        top_5_hits=sum(found for found, _ in hits),
        top_5_possible=sum(possible for _, possible in hits),
        local_first_wins=sum(wins for wins, _ in pairs),
        local_first_pairs=sum(n for _, n in pairs),
    )


def evaluate(*, queries: tuple[LabelledQuery, ...] | None = None, depth: int = RANK_DEPTH) -> Evaluation:
    queries = queries if queries is not None else load_queries()
    documents, is_local = product_documents()
    unknown = sorted({sku for q in queries for sku in q.grades} - set(documents))
    if unknown:
        raise UnknownProducts(unknown)
    baseline = BM25(documents)
    outcomes = [
        QueryOutcome(labelled=q, search=search_ranking(q.query, depth=depth), bm25=baseline.rank(q.query, limit=depth))
        for q in queries
    ]
    by_kind = {}
    for kind in KINDS:
        chosen = [o for o in outcomes if o.labelled.kind == kind]
        if chosen:
            by_kind[kind] = (
                len(chosen),
                metrics.mean([metrics.ndcg_at(o.search, o.labelled.grades) for o in chosen]),
                metrics.mean([metrics.ndcg_at(o.bm25, o.labelled.grades) for o in chosen]),
            )
    return Evaluation(
        outcomes=outcomes,
        listed_products=len(documents),
        database=connection.vendor,
        search=figures(outcomes, engine="search", is_local=is_local),
        bm25=figures(outcomes, engine="bm25", is_local=is_local),
        by_kind=by_kind,
        best_precision_at_5=metrics.mean([metrics.precision_at(_ideal(q.grades), q.grades) for q in queries]),
    )


def _ideal(grades: dict[str, int]) -> list[str]:
    return sorted(grades, key=lambda sku: -grades[sku])
