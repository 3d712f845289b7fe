"""How well one product fills one need, in points, with the reasons in words (pure).

The points add up, in this order of weight:

1. Fit (up to 100): the need's words the product has (the name counts more than the rest of its text,
   the need's title more than its description, rare words more than common ones), measured against the
   best candidate of the same need; and its category when the need names one (30 of the 100).
2. P3DN priority (at most 18): Produk Lokal Lampung, UMK vendor, TKDN, a vendor near the delivery.
   Products within FULL_FIT_SHARE of the best word coverage all get the full text points, so among
   comparably fitting products the priority decides; a product at 60% of the best coverage is already
   25 points behind, one outside the named category 20 to 30, and one below RELEVANCE_FLOOR does not
   fit at all: locality never lifts a product that does not fit above one that does.
3. Delivery: within budget, enough capacity by the date, the minimum order.

A product that cannot fill the need (far over budget, capacity far too small, a hard requirement
broken, or only a few of the need's words) keeps its points but `fits` is False: it ranks after every
fitting one, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal
from django.utils import translation
from django.utils.translation import gettext as _

from katalog.catalog import badges
from katalog.core.money import format_rupiah, percent_display

from . import requirements as req
from .candidates import ABSENT, IN_CATEGORY, IN_NAME, IN_TEXT, Candidate, ProductRow
from .keywords import NeedTerm

# What a need's word found in a product is worth, by where it is found: the name says what the product is;
# the description of a fitting product often holds the need's words too, so it counts half.
PLACE_VALUES = {IN_NAME: 2.0, IN_CATEGORY: 1.5, IN_TEXT: 1.0, ABSENT: 0.0}

# ---- Weights (points) ----
# Fit: the text carries most of it; a named category confirms what the words suggest.
TEXT_POINTS = 70.0
CATEGORY_POINTS = 30.0  # the product is in the need's category or below it
RELATED_CATEGORY_POINTS = 10.0  # same top-level category: often a substitute (a tapis bag for tapis cloth)
# A need without a category gives the text the category's share too, so scores stay on one scale.
# Word coverage is measured against the need's best candidate, but never against less than this
# coverage: when nothing covers the need well, no product looks like a full fit.
MIN_BEST_COVERAGE = 0.25
# From this share of the best candidate's word coverage a product counts as fully fitting by its words:
# products described differently (the words in the name or only in the description) fit alike.
FULL_FIT_SHARE = 0.8
# Below this share of the best candidate's word coverage a product shares only incidental words.
RELEVANCE_FLOOR = 0.35

# P3DN priority (Perpres 16/2018 jo. 12/2021, the province's local-first policy). LOCAL alone outweighs
# PDN and a nearby vendor together, so a local product wins at equal fit even against a high-TKDN one.
LOCAL_POINTS = 10.0
UMK_POINTS = 3.0
PDN_POINTS = 2.0  # TKDN + BMP >= 40%
PREFERENCE_POINTS = 1.0  # TKDN >= 25% (price preference), when not PDN
SAME_REGENCY_POINTS = 3.0  # vendor in the delivery regency: short delivery, local economy
SAME_PROVINCE_POINTS = 1.0

# Delivery.
BUDGET_WITHIN_POINTS = 2.0
# The budget (pagu) is a ceiling; a price up to 10% over it may still be negotiated down (e-purchasing
# allows negotiation), further over it cannot fill the need.
OVER_BUDGET_TOLERANCE = Decimal("0.10")
OVER_BUDGET_PENALTY = 15.0  # at the tolerance's limit, less when nearer the budget
CAPACITY_ENOUGH_POINTS = 2.0
CAPACITY_SHORT_PENALTY = 8.0  # when the vendor can make almost none of it in time, less when more
CAPACITY_FAR_SHORT_SHARE = 0.25  # below a quarter of the quantity in time: cannot fill the need
MIN_ORDER_PENALTY = 4.0
# Capacity is compared over the whole months until the needed-by date: at least one (a need without a
# date, or due within a month, is compared with one month of production), at most a year.
MAX_LEAD_MONTHS = 12

MAX_POINTS = (
    TEXT_POINTS + CATEGORY_POINTS + LOCAL_POINTS + UMK_POINTS + PDN_POINTS + SAME_REGENCY_POINTS
    + BUDGET_WITHIN_POINTS + CAPACITY_ENOUGH_POINTS
)
KEYWORDS_SHOWN = 6

# Reason codes (stable, for tests and screens); the reasons themselves are translated text.
KEYWORDS, FEW_KEYWORDS = "keywords", "few_keywords"
CATEGORY, RELATED_CATEGORY = "category", "related_category"
VENDOR_NEARBY, VENDOR = "vendor_nearby", "vendor"
LOCAL, TKDN = "local", "tkdn"
CAPACITY_OK, CAPACITY_SHORT, CAPACITY_FAR_SHORT = "capacity_ok", "capacity_short", "capacity_far_short"
BUDGET_OK, BUDGET_OVER, BUDGET_FAR_OVER = "budget_ok", "budget_over", "budget_far_over"
MIN_ORDER = "min_order"
REQUIREMENTS_MET, REQUIREMENT_BROKEN = "requirements_met", "requirement_broken"


@dataclass(frozen=True)
class NeedContext:
    """What scoring needs of a need, prepared once for all its candidates."""

    terms: tuple[NeedTerm, ...]
    quantity: int
    budget_idr: int | None
    lead_days: int | None  # days until needed_by (None: no date)
    delivery_code: str
    requirements: tuple[req.Requirement, ...] = ()
    category_ids: frozenset[int] = frozenset()  # the need's category and those below it
    category_top_id: int | None = None
    home_province_code: str = "18"

    @property
    def term_weight_total(self) -> float:
        return sum(t.weight for t in self.terms)


@dataclass
class Scored:
    points: float
    fits: bool
    explain: bool = True  # False: codes only; ranking many candidates does not word every reason
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    def note(self, code: str, words: Callable[[], str], *, first: bool = False) -> None:
        """Record a reason: its code, and its words when explaining. `first`: a reason the product does not fit."""
        at = 0 if first else len(self.codes)
        self.codes.insert(at, code)
        if self.explain:
            self.reasons.insert(at, words())

    @property
    def score(self) -> float:
        """0..1: a fitting product above 0.5, one that cannot fill the need below it."""
        share = min(max(self.points, 0.0), MAX_POINTS) / MAX_POINTS
        return round((0.5 + share / 2) if self.fits else share / 2, 4)


def _locale() -> str:
    return "en_US" if (translation.get_language() or "id").startswith("en") else "id_ID"


def _money(amount: int) -> str:
    return format_rupiah(amount, locale=_locale())


def _percent(value) -> str:
    return percent_display(value, locale=_locale())


def _number(value: int) -> str:
    return format_decimal(value, locale=_locale(), format="#,##0")


def coverage(context: NeedContext, candidate: Candidate) -> float:
    """0..1: the need's weighted words the product has, a word in its name counting fully."""
    total = context.term_weight_total
    if not total:
        return 0.0
    found = sum(t.weight * PLACE_VALUES[place] for t, place in zip(context.terms, candidate.places, strict=True))
    return found / (PLACE_VALUES[IN_NAME] * total)


def term_points(context: NeedContext) -> tuple[tuple[float, float, float], ...]:
    """Per need term, the text points of finding it in the name, the own category or the other text,
    before the best candidate is known (the candidate statement orders by them; dividing by the best
    candidate's coverage later keeps that order)."""
    total = context.term_weight_total or 1.0
    scale = _text_points(context) / (MIN_BEST_COVERAGE * FULL_FIT_SHARE * PLACE_VALUES[IN_NAME] * total)
    return tuple(
        tuple(t.weight * scale * PLACE_VALUES[place] for place in (IN_NAME, IN_CATEGORY, IN_TEXT))
        for t in context.terms
    )


def _text_points(context: NeedContext) -> float:
    return TEXT_POINTS if context.category_ids else TEXT_POINTS + CATEGORY_POINTS


def _fit(context: NeedContext, candidate: Candidate, product: ProductRow, best_coverage: float, out: Scored,
         category_names: dict[int, str]) -> None:
    share = coverage(context, candidate) / max(best_coverage, MIN_BEST_COVERAGE)
    out.points += _text_points(context) * min(share / FULL_FIT_SHARE, 1.0)
    if any(candidate.places):
        def keywords() -> str:
            pairs = zip(context.terms, candidate.places, strict=True)
            matched = list(dict.fromkeys(t.word for t, place in pairs if place))
            return _("matching keywords: %(words)s") % {"words": ", ".join(matched[:KEYWORDS_SHOWN])}

        out.note(KEYWORDS, keywords)
    if context.terms and share < RELEVANCE_FLOOR:
        out.fits = False
        out.note(FEW_KEYWORDS, lambda: _("only a few of the need's keywords match"), first=True)
    if not context.category_ids:
        return
    name = {"category": category_names.get(product.category_id, "")}
    if product.category_id in context.category_ids:
        out.points += CATEGORY_POINTS
        out.note(CATEGORY, lambda: _("in the category %(category)s") % name)
    elif candidate.category_top_id == context.category_top_id:
        out.points += RELATED_CATEGORY_POINTS
        out.note(RELATED_CATEGORY, lambda: _("in a related category: %(category)s") % name)


def _priority(context: NeedContext, product: ProductRow, facts: badges.BadgeFacts, out: Scored) -> None:
    umk = badges.is_umk(facts)
    region = {"region": product.vendor_region_name or product.vendor_region_code or ""}
    if context.delivery_code and product.vendor_region_code == context.delivery_code:
        out.points += SAME_REGENCY_POINTS
        out.note(VENDOR_NEARBY, lambda: (_("UMK vendor in %(region)s, the delivery regency") if umk
                                         else _("vendor in %(region)s, the delivery regency")) % region)
    else:
        delivery_province = context.delivery_code.split(".")[0] if context.delivery_code else ""
        if delivery_province and (product.vendor_region_code or "").split(".")[0] == delivery_province:
            out.points += SAME_PROVINCE_POINTS
        out.note(VENDOR, lambda: (_("UMK vendor in %(region)s") if umk else _("vendor in %(region)s")) % region)
    if umk:
        out.points += UMK_POINTS
    if badges.is_local(facts):
        out.points += LOCAL_POINTS
        out.note(LOCAL, lambda: str(badges.LABELS[badges.LOCAL]))
    if facts.tkdn_pct is not None:
        if badges.is_pdn(facts):
            out.points += PDN_POINTS
        elif badges.has_price_preference(facts):
            out.points += PREFERENCE_POINTS
        if facts.bmp_pct:
            out.note(TKDN, lambda: _("TKDN %(tkdn)s + BMP %(bmp)s")
                     % {"tkdn": _percent(facts.tkdn_pct), "bmp": _percent(facts.bmp_pct)})
        else:
            out.note(TKDN, lambda: _("TKDN %(tkdn)s") % {"tkdn": _percent(facts.tkdn_pct)})


def lead_months(lead_days: int | None) -> int:
    """Whole months of production before the date (at least one; one when there is no date)."""
    if lead_days is None:
        return 1
    return min(MAX_LEAD_MONTHS, max(1, lead_days // 30))


def _capacity(context: NeedContext, product: ProductRow, out: Scored) -> None:
    capacity = product.capacity_per_month
    if capacity is None:
        return
    months = lead_months(context.lead_days)
    share = capacity * months / context.quantity

    def values() -> dict:
        return {"capacity": _number(capacity), "quantity": _number(context.quantity), "months": _number(months),
                "share": _number(int(share * 100))}

    if share >= 1:
        out.points += CAPACITY_ENOUGH_POINTS
        if capacity >= context.quantity:
            out.note(CAPACITY_OK, lambda: _("capacity %(capacity)s/month ≥ %(quantity)s requested") % values())
        else:
            out.note(CAPACITY_OK, lambda: _("capacity %(capacity)s/month × %(months)s months ≥ %(quantity)s "
                                            "requested") % values())
    elif share < CAPACITY_FAR_SHORT_SHARE:
        out.fits = False
        out.note(CAPACITY_FAR_SHORT, lambda: _("capacity %(capacity)s/month: only %(share)s%% of the %(quantity)s "
                                               "requested in time") % values(), first=True)
    else:
        out.points -= CAPACITY_SHORT_PENALTY * (1 - share)
        out.note(CAPACITY_SHORT, lambda: _("capacity %(capacity)s/month: about %(share)s%% of the %(quantity)s "
                                           "requested in time") % values())


def _budget(context: NeedContext, product: ProductRow, unit: str, out: Scored) -> None:
    ordered = max(context.quantity, product.min_order)
    if product.min_order > context.quantity:
        out.points -= MIN_ORDER_PENALTY
        out.note(MIN_ORDER, lambda: _("minimum order %(min_order)s %(unit)s, more than the %(quantity)s requested")
                 % {"min_order": _number(product.min_order), "unit": unit, "quantity": _number(context.quantity)})
    if not context.budget_idr or context.budget_idr <= 0:
        return
    total = product.price_idr * ordered
    over = Decimal(total - context.budget_idr) / Decimal(context.budget_idr)

    def values() -> dict:
        return {"total": _money(total), "budget": _money(context.budget_idr), "pct": _number(max(1, round(over * 100)))}

    if total <= context.budget_idr:
        out.points += BUDGET_WITHIN_POINTS
        out.note(BUDGET_OK, lambda: _("total price %(total)s within the budget %(budget)s") % values())
    elif over > OVER_BUDGET_TOLERANCE:
        out.fits = False
        out.note(BUDGET_FAR_OVER, lambda: _("total price %(total)s exceeds the budget %(budget)s") % values(),
                 first=True)
    else:
        out.points -= OVER_BUDGET_PENALTY * float(over / OVER_BUDGET_TOLERANCE)
        out.note(BUDGET_OVER, lambda: _("total price %(total)s is %(pct)s%% over the budget %(budget)s") % values())


def _requirements(context: NeedContext, product: ProductRow, facts: badges.BadgeFacts, out: Scored) -> None:
    if not context.requirements:
        return
    product_facts = req.ProductFacts(facts, product.certifications, context.home_province_code)
    broken = req.unmet(context.requirements, product_facts)
    for requirement in reversed(broken):
        out.note(REQUIREMENT_BROKEN, lambda r=requirement: _("does not meet the requirement: %(requirement)s")
                 % {"requirement": r.label()}, first=True)
    if broken:
        out.fits = False
        return
    out.note(REQUIREMENTS_MET, lambda: _("meets the requirements: %(requirements)s")
             % {"requirements": ", ".join(r.label() for r in context.requirements)})


def badge_facts(product: ProductRow) -> badges.BadgeFacts:
    return badges.BadgeFacts(
        vendor_region_code=product.vendor_region_code, origin_region_code=product.origin_region_code,
        vendor_scale=product.vendor_scale, tkdn_pct=product.tkdn_pct, bmp_pct=product.bmp_pct,
    )


def score(context: NeedContext, candidate: Candidate, product: ProductRow, *, best_coverage: float,
          category_names: dict[int, str] | None = None, explain: bool = True) -> Scored:
    """The points, fit and reason codes of one candidate of a need, and with `explain` the reasons in
    words. Reasons that make a product unfit come first."""
    out = Scored(points=0.0, fits=True, explain=explain)
    facts = badge_facts(product)
    _fit(context, candidate, product, best_coverage, out, category_names or {})
    _priority(context, product, facts, out)
    _capacity(context, product, out)
    _budget(context, product, product.unit, out)
    _requirements(context, product, facts, out)
    return out
