"""Mini-competitions (mini kompetisi): invite two or more vendors, sealed quotes, ranking with the price
preference, and the award that becomes an order.

Quotes are read only through `competition_selectors.quotes_visible_to`: before the deadline nobody but
a quote's own vendor sees its price, whichever endpoint is asked. The deadline is the server's clock.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from katalog.accounts import access as account_access
from katalog.core import clock
from katalog.core.errors import PermissionDeniedError
from katalog.procurement.competitions import selectors as competition_selectors
from katalog.procurement.competitions import services as services
from katalog.procurement.models import CompetitionStatus

from . import selectors
from .auth import AUTH
from .competition_schemas import (
    AwardIn,
    AwardOut,
    CancelIn,
    CompetitionFilters,
    CompetitionIn,
    CompetitionOut,
    CompetitionPage,
    InviteIn,
    QuoteIn,
    QuotesOut,
    SuggestedVendorOut,
    SuggestionQuery,
)
from .procurement_schemas import plain
from .schemas import ERRORS
from .serializers import iso

router = Router(tags=["competitions"], auth=AUTH)

SEALING = "Before the deadline no quote's price is shown to anyone but its own vendor."


# ---- Reading ----

def _list_item(competition, *, now) -> dict:
    return {
        "id": competition.pk,
        "title": competition.title,
        "status": competition.status,
        "status_label": str(competition.get_status_display()),
        "buyer_organisation": {"id": competition.buyer_organisation_id, "name": competition.buyer_organisation.name},
        "category": {"slug": competition.category.slug, "name": competition.category.name},
        "quantity": competition.quantity,
        "unit": competition.unit,
        "deadline_at": iso(competition.deadline_at),
        "sealed": competition_selectors.is_sealed(competition, now=now),
        "url": reverse("api:competition_get", args=[competition.pk]),
    }


def _competition_out(user, competition_id: int) -> dict:
    competition = competition_selectors.competition_get_for(user, competition_id)
    data = _list_item(competition, now=clock.now())
    data.update({
        "specification": competition.specification,
        "status_reason": competition.status_reason,
        "package_value_idr": competition.package_value_idr,
        "delivery_address": competition.delivery_address,
        "delivery_date": competition.delivery_date,
        "budget_source": competition.budget_source,
        "budget_year": competition.budget_year,
        "preference_applied": competition.preference_applied,
        "awarded_quote_id": competition.awarded_quote_id,
        "published_at": competition.published_at,
        "evaluated_at": competition.evaluated_at,
        "awarded_at": competition.awarded_at,
        "created_at": competition.created_at,
        "invitations": competition_selectors.invitations_of(competition),
    })
    return plain(data)


def _quotes_out(user, competition_id: int) -> dict:
    competition = competition_selectors.competition_get_for(user, competition_id)
    return plain(competition_selectors.quotes_visible_to(user, competition, now=clock.now()))


# ---- List, create, read ----

@router.get(
    "/competitions",
    response={200: CompetitionPage, **ERRORS},
    summary="Mini-competitions you may see, newest first",
    description="A buyer sees its organisation's, a vendor those it is invited to (once published), a curator "
    f"all. No prices: quotes are under /competitions/{{id}}/quotes. {SEALING}",
)
def competition_list(request, filters: Query[CompetitionFilters]):
    status = selectors.status_filter(filters.status, CompetitionStatus.values)
    queryset = competition_selectors.competition_list_for(request.auth)
    if status:
        queryset = queryset.filter(status=status)
    now = clock.now()
    return selectors.paginate(
        queryset, page=filters.page, page_size=filters.page_size,
        serialise=lambda competition: plain(_list_item(competition, now=now)),
    )


@router.post(
    "/competitions",
    response={201: CompetitionOut, **ERRORS},
    summary="Start a draft mini-competition, optionally inviting vendors (PPK or pejabat pengadaan)",
    description="Publish it once at least two verified vendors are invited.",
)
def competition_create(request, payload: CompetitionIn):
    competition = services.competition_create(
        actor=request.auth, title=payload.title, specification=payload.specification,
        category=selectors.category_by_slug(payload.category), quantity=payload.quantity, unit=payload.unit,
        deadline_at=payload.deadline_at, delivery_address=payload.delivery_address,
        delivery_date=payload.delivery_date, budget_source=payload.budget_source, budget_year=payload.budget_year,
        package_value_idr=payload.package_value_idr, vendor_ids=payload.vendor_ids, now=clock.now(),
    )
    return Status(201, _competition_out(request.auth, competition.pk))


@router.get(
    "/competitions/suggested-vendors",
    response={200: list[SuggestedVendorOut], **ERRORS},
    summary="Vendors to invite for a category: local first, then micro and small businesses (buyers)",
)
def suggested_vendors(request, query: Query[SuggestionQuery]):
    user = request.auth
    if account_access.buyer_membership(user) is None and not account_access.is_curator(user):
        raise PermissionDeniedError(_("Only a PPK or pejabat pengadaan may start a mini-competition."))
    category = selectors.category_by_slug(query.category)
    return plain(competition_selectors.suggest_vendors(category, limit=query.limit))


@router.get(
    "/competitions/{competition_id}",
    response={200: CompetitionOut, **ERRORS},
    url_name="competition_get",
    summary="One mini-competition with its invitations (no prices)",
)
def competition_get(request, competition_id: int):
    return _competition_out(request.auth, competition_id)


# ---- The buyer ----

@router.post(
    "/competitions/{competition_id}/invite",
    response={200: CompetitionOut, **ERRORS},
    summary="Invite more verified vendors, before the deadline (buyer)",
)
def competition_invite(request, competition_id: int, payload: InviteIn):
    services.competition_invite(
        actor=request.auth, competition_id=competition_id, vendor_ids=payload.vendor_ids, now=clock.now()
    )
    return _competition_out(request.auth, competition_id)


@router.post(
    "/competitions/{competition_id}/publish",
    response={200: CompetitionOut, **ERRORS},
    summary="Open the competition for quotes; the invited vendors are told (buyer)",
    description="Refused (422, code too_few_vendors) with fewer than two invited verified vendors.",
)
def competition_publish(request, competition_id: int):
    services.competition_publish(actor=request.auth, competition_id=competition_id, now=clock.now())
    return _competition_out(request.auth, competition_id)


@router.post(
    "/competitions/{competition_id}/cancel",
    response={200: CompetitionOut, **ERRORS},
    summary="Cancel the competition, with the reason (buyer)",
)
def competition_cancel(request, competition_id: int, payload: CancelIn):
    services.competition_cancel(
        actor=request.auth, competition_id=competition_id, reason=payload.reason, now=clock.now()
    )
    return _competition_out(request.auth, competition_id)


@router.post(
    "/competitions/{competition_id}/evaluate",
    response={200: QuotesOut, **ERRORS},
    summary="Rank the quotes after the deadline, with the TKDN price preference where it applies (buyer)",
    description="HEA = (1 - KP) x HP, KP = TKDN x 25% for TKDN >= 25% (Perpres 16/2018 jo. 12/2021 Pasal 67); "
    "the lowest HEA wins, on equal HEA the higher TKDN. Refused (409, code before_deadline) before the deadline. "
    "The answer is the ranking with its arithmetic.",
)
def competition_evaluate(request, competition_id: int):
    services.competition_evaluate(actor=request.auth, competition_id=competition_id, now=clock.now())
    return _quotes_out(request.auth, competition_id)


@router.post(
    "/competitions/{competition_id}/award",
    response={201: AwardOut, **ERRORS},
    summary="Award the evaluated competition; the winning quote becomes a draft order (buyer)",
    description="The quote ranked first unless `quote_id` says otherwise (then a reason is required). The order "
    "keeps the offered unit price, not the HEA, and continues through the order lifecycle.",
)
def competition_award(request, competition_id: int, payload: AwardIn):
    order = services.competition_award(
        actor=request.auth, competition_id=competition_id, quote_id=payload.quote_id, reason=payload.reason,
        now=clock.now(),
    )
    return Status(201, {
        "competition_id": competition_id, "order_id": order.pk, "order_number": order.number,
        "order_url": reverse("api:order_get", args=[order.pk]),
    })


# ---- Quotes ----

@router.post(
    "/competitions/{competition_id}/quotes",
    response={201: QuotesOut, **ERRORS},
    summary="Submit or replace your quote, before the deadline (invited vendor)",
    description="Refused (409, code deadline_passed) from the deadline on, by the server's clock. TKDN comes "
    "from the named product when it has one. The answer is what you may now see of the quotes.",
)
def quote_submit(request, competition_id: int, payload: QuoteIn):
    services.quote_submit(
        actor=request.auth, competition_id=competition_id, unit_price_idr=payload.unit_price_idr,
        product_id=selectors.listed_product_id(payload.sku), tkdn_pct=payload.tkdn_pct, notes=payload.notes,
        now=clock.now(),
    )
    return Status(201, _quotes_out(request.auth, competition_id))


@router.get(
    "/competitions/{competition_id}/quotes",
    response={200: QuotesOut, **ERRORS},
    summary="The quotes you may see now",
    description=f"{SEALING} The buyer and curators learn only how many arrived; an invited vendor sees its own. "
    "From the deadline on every participant sees every quote and, once evaluated, the ranking with KP and HEA.",
)
def quote_list(request, competition_id: int):
    return _quotes_out(request.auth, competition_id)
