"""Which fed objects the public may see, loaded with everything their public view shows.

Each loader takes object ids and answers (ids that still exist, {id: object} of those the public may
see), in a fixed number of queries whatever the number of ids. What the public view holds, field by
field, is katalog.api.feed_serializers; these loaders decide *whether* an object is public:

- An order once its buyer has sent it (`submitted_at`); a draft is the buyer's own work.
- A mini-competition once published. How many quotes arrived and the awarded quote only once it has
  been evaluated (never before the deadline: the evaluation refuses to run earlier).
- A product while it is listed (approved, of a verified vendor): katalog.catalog.selectors.listed_products.
- A commitment always (recorded or cancelled); the orders realising it only once sent.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Prefetch, prefetch_related_objects

from katalog.catalog import selectors as catalog_selectors
from katalog.catalog.models import Category, Product
from katalog.events.models import Commitment, CommitmentRealisation
from katalog.procurement.competitions import selectors as competition_selectors
from katalog.procurement.models import (
    Competition,
    CompetitionInvitation,
    Delivery,
    Order,
    OrderLine,
    Payment,
)
from katalog.vendors.models import Vendor

from .models import FeedKind

Loaded = tuple[set[int], dict[int, object]]


def order_is_public(order: Order) -> bool:
    return order.submitted_at is not None


def competition_is_public(competition: Competition) -> bool:
    return competition.published_at is not None


def competition_is_evaluated(competition: Competition) -> bool:
    return competition.evaluated_at is not None


def _orders(ids: list[int]) -> Loaded:
    orders = list(Order.objects.filter(pk__in=ids).select_related("buyer_organisation__region", "vendor__region"))
    public = [order for order in orders if order_is_public(order)]
    prefetch_related_objects(
        public,
        Prefetch("lines", queryset=OrderLine.objects.order_by("position", "id")),
        Prefetch("payments", queryset=Payment.objects.order_by("paid_date", "id")),
        Prefetch("deliveries", queryset=Delivery.objects.select_related("bast").order_by("sequence")),
    )
    category_ids = {line.category_id for order in public for line in order.lines.all()}
    categories = Category.objects.in_bulk(category_ids) if category_ids else {}
    for order in public:
        for line in order.lines.all():
            line.public_category = categories.get(line.category_id)
    return {order.pk for order in orders}, {order.pk: order for order in public}


def _competitions(ids: list[int]) -> Loaded:
    competitions = list(
        Competition.objects.filter(pk__in=ids).select_related("buyer_organisation__region", "category")
    )
    public = [c for c in competitions if competition_is_public(c)]
    evaluated = [c for c in public if competition_is_evaluated(c)]
    # Quotes only through the competitions' selectors, which give those of evaluated competitions alone.
    quotes = competition_selectors.quotes_for_publication([c.pk for c in evaluated]) if evaluated else {}
    awarded = {
        c.pk: next((q for q in quotes.get(c.pk, []) if q["id"] == c.awarded_quote_id), None)
        for c in evaluated if c.awarded_quote_id
    }
    vendor_ids = {quote["vendor_id"] for quote in awarded.values() if quote}
    vendors = Vendor.objects.select_related("region").in_bulk(vendor_ids) if vendor_ids else {}
    prefetch_related_objects(
        evaluated,
        Prefetch("invitations", queryset=CompetitionInvitation.objects.select_related("vendor__region")
                 .order_by("invited_at", "id")),
    )
    evaluated_ids = {c.pk for c in evaluated}
    for competition in public:
        competition.public_quote_count = len(quotes.get(competition.pk, [])) if competition.pk in evaluated_ids else None
        quote = awarded.get(competition.pk)
        competition.public_award = {**quote, "vendor": vendors[quote["vendor_id"]]} if quote else None
    return {c.pk for c in competitions}, {c.pk: c for c in public}


def _products(ids: list[int]) -> Loaded:
    existing = set(Product.objects.filter(pk__in=ids).values_list("pk", flat=True))
    listed = catalog_selectors.listed_products().filter(pk__in=ids) if existing else []
    return existing, {product.pk: product for product in listed}


def _commitments(ids: list[int]) -> Loaded:
    commitments = list(
        Commitment.objects.filter(pk__in=ids)
        .select_related("buyer_organisation__region", "vendor__region", "event", "category")
        .prefetch_related(
            Prefetch("realisations", queryset=CommitmentRealisation.objects.select_related("order")
                     .filter(order__submitted_at__isnull=False).order_by("linked_at", "id"))
        )
    )
    return {c.pk for c in commitments}, {c.pk: c for c in commitments}


LOADERS: dict[str, Callable[[list[int]], Loaded]] = {
    FeedKind.ORDERS: _orders,
    FeedKind.COMPETITIONS: _competitions,
    FeedKind.PRODUCTS: _products,
    FeedKind.COMMITMENTS: _commitments,
}


def load(kind: str, ids: list[int]) -> Loaded:
    if not ids:
        return set(), {}
    return LOADERS[kind](ids)
