"""Price negotiation: offers alternate between buyer and vendor until one side accepts the latest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from katalog.audit.services import audit_record
from katalog.core.errors import PermissionDeniedError, ValidationFailed

from .. import notifications, selectors
from ..models import NegotiationOffer, Order, OrderStatus
from ..transitions import lock_order, transition
from ._common import expect_status, line_id_map, positive_int, setting, side_of, status_after_agreement

S = OrderStatus


def _latest_offer(order: Order) -> NegotiationOffer | None:
    return order.offers.order_by("-made_at", "-id").first()


def make_offer_row(*, order: Order, side: str, actor, unit_prices: dict, message: str, now) -> NegotiationOffer:
    """Save an offer: prices not given keep the latest offer's (or the current) price."""
    given = line_id_map(order, unit_prices, field="unit_prices")
    for price in given.values():
        positive_int(price, field="unit_prices", minimum=0)
    latest = _latest_offer(order)
    base = {int(k): v for k, v in latest.unit_prices.items()} if latest else {}
    lines = list(order.lines.all())
    prices = {line.pk: given.get(line.pk, base.get(line.pk, line.unit_price_idr)) for line in lines}
    offer = NegotiationOffer.objects.create(
        order=order, side=side, made_by=actor, made_at=now,
        unit_prices={str(k): v for k, v in prices.items()},
        total_idr=sum(line.quantity * prices[line.pk] for line in lines), message=(message or "").strip(),
    )
    audit_record(
        event_type="procurement.order.offer_made", target=order, actor=actor,
        organisation_id=order.buyer_organisation_id, occurred_at=now,
        changes={"side": side, "total_idr": offer.total_idr, "unit_prices": offer.unit_prices},
        message=offer.message,
    )
    return offer


def offer_make(*, actor, order_id: int, unit_prices: dict, message: str = "", now: dt.datetime) -> NegotiationOffer:
    """A counter-offer by the buyer or the vendor; the other side must now answer it."""
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        side = side_of(actor, order)
        expect_status(order, {S.NEGOTIATING}, _("negotiated"))
        if not unit_prices:
            text = _("Propose a unit price for at least one line.")
            raise ValidationFailed(text, field_errors={"unit_prices": [text]})
        offer = make_offer_row(order=order, side=side, actor=actor, unit_prices=unit_prices, message=message, now=now)
        order.waiting_since = now
        order.updated_at = now
        order.save(update_fields=["waiting_since", "updated_at"])
        notifications.later(notifications.offer_made, offer_id=offer.pk, now=now)
    return offer


def offer_accept(*, actor, order_id: int, now: dt.datetime) -> Order:
    """Accept the other side's latest offer: its prices become the order's; then approval as usual."""
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        side = side_of(actor, order)
        expect_status(order, {S.NEGOTIATING}, _("agreed"))
        latest = _latest_offer(order)
        if latest is None:
            raise ValidationFailed(_("There is no offer to accept."))
        if latest.side == side:
            raise PermissionDeniedError(_("Only the other side may accept this offer."))
        prices = {int(k): v for k, v in latest.unit_prices.items()}
        lines = list(order.lines.all())
        for line in lines:
            line.unit_price_idr = prices.get(line.pk, line.unit_price_idr)
        type(lines[0]).objects.bulk_update(lines, ["unit_price_idr"])
        latest.accepted_at = now
        latest.save(update_fields=["accepted_at"])
        order.total_idr = sum(line.subtotal_idr for line in lines)
        order = transition(
            actor=actor, order_id=order.pk, target=status_after_agreement(order), action=_("agreed"),
            event="procurement.order.agreed", now=now,
            values={"total_idr": order.total_idr, "waiting_since": now},
            changes={"offer": latest.pk, "total_idr": order.total_idr},
        )
        _flag_prices(order, lines, actor=actor, now=now)
    return order


def _flag_prices(order: Order, lines, *, actor, now) -> None:
    """Record a red flag when an agreed unit price is far above what the category usually costs."""
    ratio = Decimal(str(setting("REFERENCE_PRICE_FLAG_RATIO", "1.5")))
    flagged = []
    references: dict[int, dict | None] = {}
    for line in lines:
        if line.category_id not in references:
            references[line.category_id] = selectors.category_reference_price(line.category_id, now=now)
        reference = references[line.category_id]
        if reference and line.unit_price_idr > ratio * reference["median_idr"]:
            flagged.append({
                "line": line.pk, "name": line.name, "unit_price_idr": line.unit_price_idr,
                "median_idr": reference["median_idr"], "count": reference["count"],
            })
    if flagged:
        audit_record(
            event_type=selectors.PRICE_FLAG_EVENT, target=order, actor=actor,
            organisation_id=order.buyer_organisation_id, occurred_at=now,
            changes={"lines": flagged, "ratio": str(ratio)},
        )
