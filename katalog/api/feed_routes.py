"""The public change feed: /api/v1/feed/{orders|competitions|products|commitments}.

No authentication: everything in it is public. Each handler checks the cursor and the page size, reads
one page (katalog.feed.selectors.feed_page) and serialises it (feed_serializers).
"""

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Query, Router

from katalog.core.errors import NotFoundError, ValidationFailed
from katalog.feed import positions, selectors
from katalog.feed.models import FeedKind

from . import feed_serializers
from .feed_schemas import (
    CommitmentFeedPage,
    CompetitionFeedPage,
    FeedParams,
    OrderFeedPage,
    ProductFeedPage,
)
from .schemas import ErrorOut

router = Router(tags=["feed"])

CURSOR_SEMANTICS = (
    "Every object of this kind changed after `cursor`, oldest change first, so outside monitors can keep a "
    "full mirror. Start without a cursor (from the very beginning), then always send back `next_cursor`: "
    "at once while `has_more` is true, later to poll (with nothing new, the same cursor comes back).\n\n"
    "Each item is the object's current public state under its `id`; an object changed several times in "
    "one page appears once, at its latest change. `public: false` (with `object: null`) means the object "
    "was deleted (`deleted: true`) or is not, or no longer, public: remove it from a mirror.\n\n"
    "The cursor never skips a change: a change committed while an earlier transaction was still open is "
    "held back until that transaction ends, so it can never land behind a cursor already handed out. "
    "Cursors are opaque; a cursor the feed did not give out is a 400. No personal data: people's names, "
    "contacts and addresses, notes and payment references are left out."
)


def _limit(limit: int | None) -> int:
    maximum = int(settings.KATALOG["API_PAGE_SIZE_MAX"])
    if limit is None:
        return min(int(settings.KATALOG["FEED_PAGE_SIZE"]), maximum)
    if limit < 1 or limit > maximum:
        message = _("Between 1 and %(max)s.") % {"max": maximum}
        raise ValidationFailed(_("limit must be between 1 and %(max)s.") % {"max": maximum},
                               field_errors={"limit": [message]})
    return limit


def _feed(kind: str, params: FeedParams) -> dict:
    after = positions.decode(params.cursor)
    page = selectors.feed_page(kind, after=after, limit=_limit(params.limit))
    return feed_serializers.page(kind, page)


RESPONSES = {400: ErrorOut, 422: ErrorOut}


@router.get("/feed/orders", response={200: OrderFeedPage, **RESPONSES}, auth=None,
            summary="Orders changed since the cursor (drafts never)", description=CURSOR_SEMANTICS)
def feed_orders(request, params: Query[FeedParams]):
    return _feed(FeedKind.ORDERS, params)


@router.get("/feed/competitions", response={200: CompetitionFeedPage, **RESPONSES}, auth=None,
            summary="Mini-competitions changed since the cursor (quotes only counted once evaluated)",
            description=CURSOR_SEMANTICS)
def feed_competitions(request, params: Query[FeedParams]):
    return _feed(FeedKind.COMPETITIONS, params)


@router.get("/feed/products", response={200: ProductFeedPage, **RESPONSES}, auth=None,
            summary="Products changed since the cursor (public while listed)", description=CURSOR_SEMANTICS)
def feed_products(request, params: Query[FeedParams]):
    return _feed(FeedKind.PRODUCTS, params)


@router.get("/feed/commitments", response={200: CommitmentFeedPage, **RESPONSES}, auth=None,
            summary="Commitments (komitmen transaksi) changed since the cursor", description=CURSOR_SEMANTICS)
def feed_commitments(request, params: Query[FeedParams]):
    return _feed(FeedKind.COMMITMENTS, params)


@router.get("/feed/{kind}", response={404: ErrorOut}, auth=None, include_in_schema=False)
def feed_unknown(request, kind: str):
    raise NotFoundError(
        _("There is no feed of %(kind)s: use one of %(kinds)s.") % {"kind": kind, "kinds": ", ".join(FeedKind.values)}
    )
