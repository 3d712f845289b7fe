"""After the vendor accepts: shipments, the BAST, payment, completion and the buyer's rating."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from katalog.audit.services import audit_record
from katalog.core.errors import InvalidTransition, ValidationFailed

from .. import access, selectors
from ..models import Bast, Delivery, DeliveryLine, OrderStatus, Payment, VendorRating
from ..transitions import lock_order, transition
from ._common import expect_status, line_id_map, positive_int, required_text

S = OrderStatus


def delivery_record(*, actor, order_id: int, quantities: dict, carrier: str = "", now: dt.datetime) -> Delivery:
    """The vendor ships some quantities; never more than ordered minus what is already on its way."""
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        access.require_vendor(actor, order)
        expect_status(order, {S.ACCEPTED, S.IN_DELIVERY}, _("shipped"))
        wanted = {k: v for k, v in line_id_map(order, quantities, field="quantities").items() if v != 0}
        if not wanted:
            text = _("Enter the quantity shipped of at least one line.")
            raise ValidationFailed(text, field_errors={"quantities": [text]})
        shipped = selectors.shipped_quantities(order)
        lines = {line.pk: line for line in order.lines.all()}
        for line_id, quantity in wanted.items():
            positive_int(quantity, field="quantities")
            open_quantity = lines[line_id].quantity - shipped[line_id]
            if quantity > open_quantity:
                text = _("“%(name)s”: at most %(open)s more may be shipped.") % {
                    "name": lines[line_id].name, "open": open_quantity,
                }
                raise ValidationFailed(text, field_errors={"quantities": [text]})
        sequence = (order.deliveries.aggregate(m=Max("sequence"))["m"] or 0) + 1
        delivery = Delivery.objects.create(
            order=order, sequence=sequence, shipped_at=now, shipped_by=actor, carrier=(carrier or "").strip()
        )
        DeliveryLine.objects.bulk_create(
            DeliveryLine(delivery=delivery, order_line_id=line_id, quantity=quantity)
            for line_id, quantity in wanted.items()
        )
        transition(
            actor=actor, order_id=order.pk, target=S.IN_DELIVERY, action=_("shipped"),
            event="procurement.order.shipped", now=now,
            changes={"delivery": sequence, "quantities": {str(k): v for k, v in wanted.items()}},
        )
    return delivery


def bast_sign(
    *, actor, delivery_id: int, number: str, function_ok: bool, quantity_ok: bool, on_time: bool,
    non_conformity: str = "", now: dt.datetime,
) -> Bast:
    """The buyer inspects a delivery and signs its BAST.

    Conforming only if function, quantity and time are all right. A non-conforming BAST records the
    problem; its quantities do not count as received and the vendor ships them again.
    """
    number = required_text(number, "number", _("Enter the BAST number."))
    non_conformity = (non_conformity or "").strip()
    conforming = bool(function_ok and quantity_ok and on_time)
    if not conforming and not non_conformity:
        text = _("Describe what does not conform.")
        raise ValidationFailed(text, field_errors={"non_conformity": [text]})
    delivery = Delivery.objects.filter(pk=delivery_id).select_related("order").first()
    if delivery is None:
        from katalog.core.errors import NotFoundError

        raise NotFoundError(_("No such delivery."))
    with transaction.atomic(durable=True):
        order = lock_order(delivery.order_id)
        access.require_buyer(actor, order)
        expect_status(order, {S.IN_DELIVERY}, _("received"))
        if Bast.objects.filter(delivery_id=delivery.pk).exists():
            raise InvalidTransition(_("This delivery already has a BAST."))
        prices = dict(order.lines.values_list("pk", "unit_price_idr"))
        value = sum(dl.quantity * prices[dl.order_line_id] for dl in delivery.lines.all()) if conforming else 0
        bast = Bast.objects.create(
            delivery=delivery, number=number, function_ok=bool(function_ok), quantity_ok=bool(quantity_ok),
            on_time=bool(on_time), conforming=conforming, non_conformity=non_conformity if not conforming else "",
            signed_by=actor, signed_at=now, value_idr=value,
        )
        audit_record(
            event_type="procurement.order.bast_signed", target=order, actor=actor,
            organisation_id=order.buyer_organisation_id, occurred_at=now, message=bast.non_conformity,
            changes={"delivery": delivery.sequence, "number": number, "conforming": conforming, "value_idr": value},
        )
        mark_received_when_complete(actor=actor, order=order, now=now)
    return bast


def mark_received_when_complete(*, actor, order, now: dt.datetime) -> None:
    """Inside the caller's transaction: once conforming BASTs cover every ordered quantity, the order is received."""
    received = selectors.received_quantities(order)
    if all(received[line.pk] >= line.quantity for line in order.lines.all()):
        transition(
            actor=actor, order_id=order.pk, target=S.RECEIVED, action=_("received"),
            event="procurement.order.received", now=now,
        )


def payment_record(
    *, actor, order_id: int, amount_idr: int, paid_date: dt.date, reference: str, now: dt.datetime
) -> Payment:
    """Record a payment (in the system or outside it, e.g. through SIPD); paid in full → paid."""
    positive_int(amount_idr, field="amount_idr")
    reference = required_text(reference, "reference", _("Enter the payment reference."))
    if not isinstance(paid_date, dt.date):
        text = _("Enter the payment date.")
        raise ValidationFailed(text, field_errors={"paid_date": [text]})
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        access.require_buyer(actor, order)
        expect_status(order, {S.RECEIVED}, _("paid"))
        paid = order.payments.aggregate(s=Sum("amount_idr"))["s"] or 0
        if paid + amount_idr > order.total_idr:
            text = _("This payment is more than the Rp%(open)s still owed.") % {"open": f"{order.total_idr - paid:,}"}
            raise ValidationFailed(text, field_errors={"amount_idr": [text]})
        payment = Payment.objects.create(
            order=order, amount_idr=amount_idr, paid_date=paid_date, reference=reference, recorded_by=actor,
            recorded_at=now,
        )
        audit_record(
            event_type="procurement.order.payment_recorded", target=order, actor=actor,
            organisation_id=order.buyer_organisation_id, occurred_at=now,
            changes={"amount_idr": amount_idr, "reference": reference, "paid_idr": paid + amount_idr},
        )
        if paid + amount_idr == order.total_idr:
            transition(
                actor=actor, order_id=order.pk, target=S.PAID, action=_("paid"),
                event="procurement.order.paid", now=now,
                values={"realised_on": max(paid_date, *order.payments.values_list("paid_date", flat=True))},
            )
    return payment


def order_complete(*, actor, order_id: int, now: dt.datetime):
    def check(order):
        access.require_buyer(actor, order)

    with transaction.atomic(durable=True):
        return transition(
            actor=actor, order_id=order_id, target=S.COMPLETED, action=_("completed"),
            event="procurement.order.completed", now=now, check=check, values={"completed_at": now},
        )


def rating_record(
    *, actor, order_id: int, delivery_time: int, quality: int, fit_to_spec: int, comment: str = "",
    now: dt.datetime,
) -> VendorRating:
    """The buyer rates the vendor once, after paying."""
    scores = {"delivery_time": delivery_time, "quality": quality, "fit_to_spec": fit_to_spec}
    for field, value in scores.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            text = _("Give a score from 1 to 5.")
            raise ValidationFailed(text, field_errors={field: [text]})
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        access.require_buyer(actor, order)
        expect_status(order, {S.PAID, S.COMPLETED}, _("rated"))
        if VendorRating.objects.filter(order=order).exists():
            raise InvalidTransition(_("This order has already been rated."))
        rating = VendorRating.objects.create(
            order=order, vendor=order.vendor, rated_by=actor, rated_at=now, comment=(comment or "").strip(),
            **scores,
        )
        audit_record(
            event_type="procurement.order.rated", target=order, actor=actor,
            organisation_id=order.buyer_organisation_id, occurred_at=now, changes=scores,
        )
    return rating
