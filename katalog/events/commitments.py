"""Writes of commitments (komitmen transaksi) and of the orders that realise them.

A buyer (PPK or pejabat pengadaan) records commitments for its own organisation only, at or after an
event both it and the vendor took part in, or outside any event. It links them to its orders with the
same vendor made since the commitment's start (the event's date, or the day it was recorded); an order
realises at most one commitment (a database constraint), so realised value is never counted twice.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.catalog.models import Category
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError
from katalog.procurement.models import Order
from katalog.vendors.models import Vendor, VendorStatus

from . import commitment_selectors as selectors
from ._common import audit, invalid
from .models import (
    COMMITMENT_STATUSES,
    Commitment,
    CommitmentRealisation,
    CommitmentStatus,
    EventRegistration,
    EventStatus,
    MatchingEvent,
)
from .realisation import DEAD_ORDER_STATUSES


def _buyer_organisation_id(actor) -> int:
    membership = access.buyer_membership(actor)
    if membership is None:
        raise PermissionDeniedError(_("Only a PPK or pejabat pengadaan records commitments."))
    return membership.organisation_id


def _event_for_commitment(event_id: int, *, organisation_id: int, vendor: Vendor, today: dt.date) -> MatchingEvent:
    event = MatchingEvent.objects.filter(pk=event_id).exclude(status=EventStatus.DRAFT).first()
    if event is None:
        raise invalid("event_id", _("No such event."))
    if event.status not in COMMITMENT_STATUSES or event.date > today:
        raise invalid("event_id", _("Commitments are recorded at or after the event."))
    registered = set(EventRegistration.objects.filter(
        event=event, organisation_id__in=[organisation_id, vendor.organisation_id]
    ).values_list("organisation_id", flat=True))
    if organisation_id not in registered:
        raise invalid("event_id", _("Your organisation did not take part in this event."))
    if vendor.organisation_id not in registered:
        raise invalid("vendor_code", _("This vendor did not take part in this event."))
    return event


def commitment_record(
    *, actor, vendor_code: str, value_idr: int, expected_purchase_date: dt.date, description: str,
    event_id: int | None = None, category: Category | None = None, rup_code: str = "", now: dt.datetime,
) -> Commitment:
    """The actor's buyer organisation commits to buy from a vendor (at or after an event, or outside one)."""
    organisation_id = _buyer_organisation_id(actor)
    today = timezone.localdate(now)
    description = (description or "").strip()
    if not description:
        raise invalid("description", _("Say what you commit to buy."))
    if isinstance(value_idr, bool) or not isinstance(value_idr, int) or value_idr <= 0:
        raise invalid("value_idr", _("Enter the committed value as a whole number of rupiah above zero."))
    if category is not None and not isinstance(category, Category):
        raise invalid("category", _("Unknown category."))
    vendor = Vendor.objects.filter(code=(vendor_code or "").strip(), status=VendorStatus.VERIFIED).first()
    if vendor is None:
        raise invalid("vendor_code", _("No verified vendor has this code."))
    with transaction.atomic():
        event = None
        if event_id is not None:
            event = _event_for_commitment(event_id, organisation_id=organisation_id, vendor=vendor, today=today)
        if expected_purchase_date < (event.date if event else today):
            raise invalid("expected_purchase_date", _("The expected purchase date cannot be before the commitment."))
        commitment = Commitment.objects.create(
            buyer_organisation_id=organisation_id, vendor=vendor, event=event, category=category,
            description=description, value_idr=value_idr, expected_purchase_date=expected_purchase_date,
            rup_code=(rup_code or "").strip()[:40], status=CommitmentStatus.RECORDED, recorded_by=actor,
            recorded_at=now,
        )
        audit("events.commitment.recorded", commitment, actor=actor, now=now, organisation_id=organisation_id,
              changes={"status": [None, CommitmentStatus.RECORDED], "vendor": vendor.code, "value_idr": value_idr,
                       "event": event.pk if event else None})
    return commitment


def commitment_cancel(*, actor, commitment_id: int, reason: str = "", now: dt.datetime) -> Commitment:
    """Withdraw a commitment recorded by mistake or given up; it no longer counts in the reports."""
    with transaction.atomic():
        commitment = selectors.commitment_for_buyer(actor, commitment_id, lock=True)
        if commitment.status != CommitmentStatus.RECORDED:
            raise InvalidTransition(_("This commitment is already cancelled."))
        if commitment.realisations.exists():
            raise InvalidTransition(_("Unlink its orders before cancelling the commitment."), code="has_orders")
        commitment.status = CommitmentStatus.CANCELLED
        commitment.cancelled_at = now
        commitment.cancel_reason = (reason or "").strip()
        commitment.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        audit("events.commitment.cancelled", commitment, actor=actor, now=now,
              organisation_id=commitment.buyer_organisation_id,
              changes={"status": [CommitmentStatus.RECORDED, CommitmentStatus.CANCELLED]}, message=commitment.cancel_reason)
    return commitment


def _already_linked(order: Order) -> InvalidTransition:
    return InvalidTransition(
        _("Order %(number)s already realises a commitment.") % {"number": order.number}, code="already_linked"
    )


def commitment_link_order(*, actor, commitment_id: int, order_id: int, now: dt.datetime) -> CommitmentRealisation:
    """Record that one of the buyer's orders (partly) realises the commitment."""
    with transaction.atomic():
        commitment = selectors.commitment_for_buyer(actor, commitment_id, lock=True)
        if commitment.status != CommitmentStatus.RECORDED:
            raise InvalidTransition(_("A cancelled commitment takes no orders."))
        order = Order.objects.filter(pk=order_id, buyer_organisation_id=commitment.buyer_organisation_id).first()
        if order is None:
            raise NotFoundError(_("No such order."))
        if order.vendor_id != commitment.vendor_id:
            raise invalid("order_id", _("This order is with another vendor than the commitment."))
        if order.status in DEAD_ORDER_STATUSES:
            raise invalid("order_id", _("This order was “%(status)s”: it realises nothing.") % {
                "status": order.get_status_display()})
        if timezone.localdate(order.created_at) < selectors.commitment_starts_on(commitment):
            raise invalid("order_id", _("This order was made before the commitment."))
        if CommitmentRealisation.objects.filter(order=order).exists():
            raise _already_linked(order)
        try:
            with transaction.atomic():
                link = CommitmentRealisation.objects.create(commitment=commitment, order=order, linked_by=actor,
                                                            linked_at=now)
        except IntegrityError:
            raise _already_linked(order) from None
        audit("events.commitment.order_linked", commitment, actor=actor, now=now,
              organisation_id=commitment.buyer_organisation_id,
              changes={"order": order.number, "total_idr": order.total_idr, "order_status": order.status})
    return link


def commitment_unlink_order(*, actor, commitment_id: int, order_id: int, now: dt.datetime) -> None:
    """Undo a link made by mistake."""
    with transaction.atomic():
        commitment = selectors.commitment_for_buyer(actor, commitment_id, lock=True)
        link = CommitmentRealisation.objects.filter(commitment=commitment, order_id=order_id).select_related("order").first()
        if link is None:
            raise NotFoundError(_("This order is not linked to the commitment."))
        audit("events.commitment.order_unlinked", commitment, actor=actor, now=now,
              organisation_id=commitment.buyer_organisation_id, changes={"order": link.order.number})
        link.delete()
