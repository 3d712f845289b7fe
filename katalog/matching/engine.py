"""The matching engine: for each need, the listed products (and their vendors) that could fill it, ranked,
with a score and the reasons in words.

Per need: its hard requirements are read (requirements.py), its informative words picked and weighted
(keywords.py), one statement over the search index finds the best candidates (candidates.py), and each
candidate is scored (scoring.py). In bulk (`match_needs`) the reference data is read once, the
vocabulary and the candidates' facts once per batch of needs, and each need costs one statement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from katalog.catalog.models import Category
from katalog.core import clock
from katalog.regions.models import Region
from katalog.regions.selectors import home_province_code, normalise_region_code

from . import requirements as req
from . import scoring
from .candidates import (
    CANDIDATE_LIMIT,
    Candidate,
    Ordering,
    ProductRow,
    document_counts,
    find_candidates,
    listed_total,
    product_rows,
)
from .keywords import KeyTerm, need_key_terms, vocabulary_wanted, weigh
from .specs import NeedSpec

# Needs whose vocabulary and candidates' facts are fetched together.
BATCH_SIZE = 200


@dataclass(frozen=True)
class Match:
    product_id: int
    sku: str
    vendor_code: str
    score: float  # 0..1, rounded to 4 decimals; above 0.5 when the product fits; comparable within one need
    fits: bool  # False: cannot fill the need (see scoring.py); ranked below every fitting product
    reasons: tuple[str, ...]  # in words, translated; the ones that make a product unfit first
    codes: tuple[str, ...] = ()  # a stable code per reason (scoring.KEYWORDS, scoring.BUDGET_FAR_OVER, ...)


class _Reference:
    """Categories, regions and the size of the catalogue, read once per call."""

    def __init__(self) -> None:
        rows = list(Category.objects.order_by("level", "position", "pk")
                    .values_list("pk", "slug", "name", "parent_id", "aliases"))
        self.category_names = {pk: name for pk, _slug, name, _parent, _aliases in rows}
        self.parents = {pk: parent for pk, _slug, _name, parent, _aliases in rows}
        self.children: dict[int, list[int]] = {}
        self.by_label: dict[str, int] = {}
        for pk, slug, name, parent, aliases in rows:
            if parent:
                self.children.setdefault(parent, []).append(pk)
            for label in [slug, name, *(aliases or [])]:
                if label:
                    self.by_label.setdefault(label.strip().casefold(), pk)
        regions = list(Region.objects.values_list("code", "name"))
        self.regions = req.region_names(regions)
        self.home = home_province_code()
        self.home_name = dict(regions).get(self.home, self.home)
        self.pdn_threshold = settings.KATALOG["PDN_THRESHOLD_PCT"]
        self.total = listed_total()

    def category(self, written: str) -> int | None:
        return self.by_label.get((written or "").strip().casefold())

    def subtree(self, category_id: int) -> frozenset[int]:
        ids, frontier = [category_id], [category_id]
        while frontier:
            frontier = [c for pk in frontier for c in self.children.get(pk, [])]
            ids.extend(frontier)
        return frozenset(ids)

    def top(self, category_id: int) -> int:
        while self.parents.get(category_id):
            category_id = self.parents[category_id]
        return category_id


@dataclass
class _Prepared:
    spec: NeedSpec
    key_terms: list[KeyTerm]
    requirements: tuple[req.Requirement, ...]
    category_id: int | None


def _prepare(spec: NeedSpec, ref: _Reference) -> _Prepared:
    parsed = [
        req.parse_requirements(text, regions=ref.regions, pdn_threshold_pct=ref.pdn_threshold,
                               home_province_name=ref.home_name)
        for text in (spec.title, spec.description)
    ]
    requirements = tuple(dict.fromkeys(r for p in parsed for r in p.requirements))
    category_id = ref.category(spec.category) if spec.category else None
    unknown_category = spec.category if spec.category and category_id is None else ""
    terms = need_key_terms(parsed[0].remaining_text, parsed[1].remaining_text, unknown_category)
    return _Prepared(spec, terms, requirements, category_id)


def _delivery_code(raw: str) -> str:
    code = normalise_region_code(raw or "")
    return code + "0" if re.fullmatch(r"\d{2}\.\d", code) else code


def _context(prepared: _Prepared, counts: dict[str, int], ref: _Reference, today: dt.date) -> scoring.NeedContext:
    spec = prepared.spec
    return scoring.NeedContext(
        terms=tuple(weigh(prepared.key_terms, counts, ref.total)),
        quantity=max(1, int(spec.quantity or 1)),
        budget_idr=spec.budget_idr,
        lead_days=(spec.needed_by - today).days if spec.needed_by else None,
        delivery_code=_delivery_code(spec.regency_code),
        requirements=prepared.requirements,
        category_ids=ref.subtree(prepared.category_id) if prepared.category_id else frozenset(),
        category_top_id=ref.top(prepared.category_id) if prepared.category_id else None,
        home_province_code=ref.home,
    )


def _ordering(context: scoring.NeedContext) -> Ordering:
    """The scoring's weights for the candidate statement (P3DN approximated by search's tiers)."""
    local_umk = scoring.LOCAL_POINTS + scoring.UMK_POINTS
    return Ordering(
        term_points=scoring.term_points(context),
        category_ids=tuple(sorted(context.category_ids)),
        category_points=scoring.CATEGORY_POINTS,
        category_top_id=context.category_top_id,
        related_points=scoring.RELATED_CATEGORY_POINTS,
        tier_points=(local_umk, scoring.LOCAL_POINTS, scoring.PDN_POINTS, 0.0),
    )


def _candidates(context: scoring.NeedContext, limit: int) -> list[Candidate]:
    if not context.terms and not context.category_ids:
        return []
    gather = tuple(sorted(context.category_ids)) if not context.terms else ()
    return find_candidates(context.terms, _ordering(context), gather_category=gather,
                           limit=max(CANDIDATE_LIMIT, limit))


def _rank(context: scoring.NeedContext, candidates: list[Candidate], products: dict[int, ProductRow],
          ref: _Reference, limit: int) -> list[Match]:
    listed = [c for c in candidates if c.product_id in products]
    if not listed:
        return []
    best = max(scoring.coverage(context, c) for c in listed)
    ranked = []
    for candidate in listed:
        product = products[candidate.product_id]
        result = scoring.score(context, candidate, product, best_coverage=best, explain=False)
        ranked.append((not result.fits, -result.points, product.price_idr, product.sku, candidate, product))
    ranked.sort(key=lambda item: item[:4])
    matches = []
    for *_key, candidate, product in ranked[: max(0, limit)]:
        # Only the products shown are put in words.
        result = scoring.score(context, candidate, product, best_coverage=best, category_names=ref.category_names)
        matches.append(Match(product_id=product.product_id, sku=product.sku, vendor_code=product.vendor_code,
                             score=result.score, fits=result.fits, reasons=tuple(result.reasons),
                             codes=tuple(result.codes)))
    return matches


def _match_batch(specs: Sequence[NeedSpec], ref: _Reference, *, limit: int, today: dt.date) -> list[list[Match]]:
    prepared = [_prepare(spec, ref) for spec in specs]
    counts = document_counts(vocabulary_wanted(t for p in prepared for t in p.key_terms))
    contexts = [_context(p, counts, ref, today) for p in prepared]
    found = [_candidates(context, limit) for context in contexts]
    products = product_rows(c.product_id for candidates in found for c in candidates)
    return [_rank(context, candidates, products, ref, limit) for context, candidates in zip(contexts, found, strict=True)]


def match_needs(specs: Sequence[NeedSpec], *, limit: int = 20, today: dt.date | None = None) -> list[list[Match]]:
    """The ranked matches of each need, in the order of `specs`: fitting products first, best first."""
    if not specs:
        return []
    today = today or clock.today()
    ref = _Reference()
    results: list[list[Match]] = []
    for start in range(0, len(specs), BATCH_SIZE):
        results.extend(_match_batch(specs[start : start + BATCH_SIZE], ref, limit=limit, today=today))
    return results


def match_need(spec: NeedSpec, *, limit: int = 20, today: dt.date | None = None) -> list[Match]:
    """The ranked matches of one need (see match_needs)."""
    return match_needs([spec], limit=limit, today=today)[0]
