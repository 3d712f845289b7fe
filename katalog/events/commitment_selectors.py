"""Reads of commitments and of the orders that realise them, with who may see what.

- A buyer (PPK or pejabat pengadaan) sees its organisation's commitments and changes them.
- A vendor sees the commitments made with it; curators and leaders see every one. They only look.
- Anybody else is told the commitment does not exist.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Membership
from katalog.catalog.selectors import category_descendant_ids
from katalog.core.errors import NotFoundError, PermissionDeniedError
from katalog.procurement.models import Order, OrderLine

from .models import (
    COMMITMENT_STATUSES,
    Commitment,
    CommitmentRealisation,
    CommitmentStatus,
    EventRegistration,
    MatchingEvent,
    RegistrationKind,
)
from .realisation import DEAD_ORDER_STATUSES, in_progress_idr, realisation_rate_pct, realised_idr

RELATED = ("buyer_organisation", "vendor__region", "event", "category", "recorded_by")
SUGGESTIONS_MAX = 20


def _not_found() -> NotFoundError:
    return NotFoundError(_("No such commitment."))


def _buyer_organisation_ids(user) -> list[int]:
    return [m.organisation_id for m in access.memberships_of(user, Membership.BUYER_ROLES)]


def _vendor_organisation_ids(user) -> list[int]:
    return [m.organisation_id for m in access.memberships_of(user, Membership.VENDOR_ROLES)]


def commitments_visible_to(user) -> QuerySet[Commitment]:
    commitments = Commitment.objects.select_related(*RELATED)
    if access.is_leader(user):
        return commitments
    buyers, vendors = _buyer_organisation_ids(user), _vendor_organisation_ids(user)
    if not buyers and not vendors:
        raise PermissionDeniedError(_("Commitments are for buyers, their vendors and curators."))
    return commitments.filter(Q(buyer_organisation_id__in=buyers) | Q(vendor__organisation_id__in=vendors))


def commitment_list_for(user, *, event_id: int | None = None, status: str = "") -> QuerySet[Commitment]:
    commitments = commitments_visible_to(user)
    if event_id is not None:
        commitments = commitments.filter(event_id=event_id)
    if status:
        commitments = commitments.filter(status=status)
    return commitments.order_by("-recorded_at", "-id")


def commitment_get_for(user, commitment_id: int) -> Commitment:
    try:
        commitment = commitments_visible_to(user).filter(pk=commitment_id).first()
    except PermissionDeniedError:
        commitment = None
    if commitment is None:
        raise _not_found()
    return commitment


def is_buyer_of(user, commitment: Commitment) -> bool:
    return access.is_member_of(user, commitment.buyer_organisation_id, Membership.BUYER_ROLES)


def commitment_for_buyer(user, commitment_id: int, *, lock: bool = False) -> Commitment:
    """The commitment for its buyer's people: 404 for outsiders, 403 for those who may only look at it."""
    commitment = commitment_get_for(user, commitment_id)
    if not is_buyer_of(user, commitment):
        raise PermissionDeniedError(_("Only the buyer's PPK or pejabat pengadaan may change this commitment."))
    if lock:
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    return commitment


def commitment_starts_on(commitment: Commitment) -> dt.date:
    """Orders from this day on may realise the commitment: the event's date, or the day it was recorded."""
    if commitment.event_id is not None:
        return commitment.event.date
    return timezone.localdate(commitment.recorded_at)


# ---- Plain data ----


def order_facts(order: Order) -> dict:
    return {
        "id": order.pk, "number": order.number, "title": order.title, "status": order.status,
        "status_label": str(order.get_status_display()), "total_idr": order.total_idr,
        "created_at": order.created_at, "url": reverse("procurement:order_detail", args=[order.pk]),
    }


def _links_by_commitment(commitment_ids: list[int]) -> dict[int, list[CommitmentRealisation]]:
    links: dict[int, list[CommitmentRealisation]] = {}
    rows = CommitmentRealisation.objects.filter(commitment_id__in=commitment_ids).select_related("order")
    for link in rows.order_by("linked_at", "id"):
        links.setdefault(link.commitment_id, []).append(link)
    return links


def commitment_facts(commitment: Commitment, links: list[CommitmentRealisation]) -> dict:
    orders = [(link.order.status, link.order.total_idr) for link in links]
    realised = realised_idr(orders)
    vendor = commitment.vendor
    return {
        "id": commitment.pk,
        "buyer_organisation": {"id": commitment.buyer_organisation_id, "name": commitment.buyer_organisation.name,
                               "buyer_type": commitment.buyer_organisation.buyer_type},
        "vendor": {"id": vendor.pk, "code": vendor.code, "name": vendor.name,
                   "region": vendor.region.name if vendor.region_id else None,
                   "region_code": vendor.region.code if vendor.region_id else None},
        "event": {"id": commitment.event_id, "name": commitment.event.name, "date": commitment.event.date}
        if commitment.event_id else None,
        "category": {"slug": commitment.category.slug, "name": commitment.category.name}
        if commitment.category_id else None,
        "description": commitment.description,
        "value_idr": commitment.value_idr,
        "expected_purchase_date": commitment.expected_purchase_date,
        "rup_code": commitment.rup_code,
        "status": commitment.status,
        "status_label": str(commitment.get_status_display()),
        "recorded_by": str(commitment.recorded_by),
        "recorded_at": commitment.recorded_at,
        "cancelled_at": commitment.cancelled_at,
        "cancel_reason": commitment.cancel_reason,
        "realised_idr": realised,
        "in_progress_idr": in_progress_idr(orders),
        "realisation_rate_pct": realisation_rate_pct(realised, commitment.value_idr),
        "orders": [{**order_facts(link.order), "linked_at": link.linked_at} for link in links],
    }


def commitment_rows(commitments) -> list[dict]:
    commitments = list(commitments)
    links = _links_by_commitment([c.pk for c in commitments])
    return [commitment_facts(c, links.get(c.pk, [])) for c in commitments]


def commitment_detail(user, commitment_id: int) -> dict:
    """A commitment with its orders; for its buyer also the suggested orders and what it may do."""
    commitment = commitment_get_for(user, commitment_id)
    data = commitment_rows([commitment])[0]
    is_buyer = is_buyer_of(user, commitment)
    open_ = commitment.status == CommitmentStatus.RECORDED
    data["suggestions"] = order_suggestions(commitment) if is_buyer and open_ else []
    data["starts_on"] = commitment_starts_on(commitment)
    data["viewer"] = {"is_buyer": is_buyer, "may_change": is_buyer and open_}
    return data


# ---- Suggested orders ----


def order_suggestions(commitment: Commitment, *, limit: int = SUGGESTIONS_MAX) -> list[dict]:
    """Orders that may realise the commitment: same buyer organisation and vendor, made since the commitment's
    start, not cancelled or otherwise dead, not linked to any commitment, and, when the commitment names a
    category, with a line in it (or below it). Newest first."""
    zone = timezone.get_default_timezone()
    since = timezone.make_aware(dt.datetime.combine(commitment_starts_on(commitment), dt.time.min), zone)
    orders = (
        Order.objects.filter(buyer_organisation_id=commitment.buyer_organisation_id, vendor_id=commitment.vendor_id,
                             created_at__gte=since)
        .exclude(status__in=DEAD_ORDER_STATUSES)
        .exclude(Exists(CommitmentRealisation.objects.filter(order=OuterRef("pk"))))
    )
    if commitment.category_id is not None:
        categories = category_descendant_ids(commitment.category)
        orders = orders.filter(Exists(OrderLine.objects.filter(order=OuterRef("pk"), category_id__in=categories)))
    return [order_facts(order) for order in orders.order_by("-created_at", "-id")[:limit]]


def commitment_order_suggestions(user, commitment_id: int) -> list[dict]:
    """The suggested orders of a commitment, for its buyer."""
    commitment = commitment_for_buyer(user, commitment_id)
    if commitment.status != CommitmentStatus.RECORDED:
        return []
    return order_suggestions(commitment)


# ---- What the commitment form offers ----


def events_for_commitments(user, *, today: dt.date) -> list[MatchingEvent]:
    """Events the user's buyer organisation took part in and that are at or past their date."""
    organisations = _buyer_organisation_ids(user)
    return list(
        MatchingEvent.objects.filter(
            status__in=COMMITMENT_STATUSES, date__lte=today, registrations__organisation_id__in=organisations,
        ).distinct().order_by("-date", "-id")
    )


def vendors_met(user, event_ids: list[int]) -> list[dict]:
    """The vendors registered at those events, for the commitment form's list (code and name)."""
    rows = (
        EventRegistration.objects.filter(event_id__in=event_ids, kind=RegistrationKind.VENDOR)
        .select_related("vendor").order_by("vendor__name").values_list("vendor__code", "vendor__name").distinct()
    )
    return [{"code": code, "name": name} for code, name in rows]


def order_id_for_number(number: str) -> int | None:
    """An order's id from its number (the services check whose order it is)."""
    return Order.objects.filter(number=(number or "").strip()).values_list("pk", flat=True).first()
