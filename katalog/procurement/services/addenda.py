"""Addenda to an issued Surat Pesanan: one side proposes, the other accepts or rejects; every version kept."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.audit.services import audit_record
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed

from .. import notifications, selectors, states
from ..models import Addendum, Order, OrderStatus
from ..transitions import lock_order
from ._common import expect_status, line_id_map, positive_int, recompute_total, required_text, side_of
from .fulfilment import mark_received_when_complete

ALLOWED_KEYS = {"quantities", "delivery_date", "terms"}


def _clean_changes(order: Order, changes: dict, *, now) -> dict:
    if not changes or not set(changes) <= ALLOWED_KEYS:
        text = _("An addendum changes quantities, the delivery date or the extra terms.")
        raise ValidationFailed(text, field_errors={"changes": [text]})
    clean: dict = {}
    if "quantities" in changes:
        quantities = line_id_map(order, changes["quantities"], field="quantities")
        shipped = selectors.shipped_quantities(order)
        names = dict(order.lines.values_list("pk", "name"))
        for line_id, quantity in quantities.items():
            positive_int(quantity, field="quantities")
            if quantity < shipped[line_id]:
                text = _("“%(name)s”: %(shipped)s have already been shipped.") % {
                    "name": names[line_id], "shipped": shipped[line_id],
                }
                raise ValidationFailed(text, field_errors={"quantities": [text]})
        clean["quantities"] = {str(k): v for k, v in quantities.items()}
    if "delivery_date" in changes:
        value = changes["delivery_date"]
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            day = None
        if day is None or day < timezone.localdate(now):
            text = _("The delivery date must be today or later.")
            raise ValidationFailed(text, field_errors={"delivery_date": [text]})
        clean["delivery_date"] = day.isoformat()
    if "terms" in changes:
        clean["terms"] = str(changes["terms"] or "").strip()
    return clean


def addendum_propose(*, actor, order_id: int, changes: dict, reason: str, now: dt.datetime) -> Addendum:
    reason = required_text(reason, "reason", _("Give the reason for the addendum."))
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        side = side_of(actor, order)
        expect_status(order, states.ADDENDUM_STATUSES, _("changed by an addendum"))
        if order.addenda.filter(status=Addendum.Status.PROPOSED).exists():
            raise InvalidTransition(_("Another addendum is waiting for an answer."))
        clean = _clean_changes(order, changes, now=now)
        version = (order.addenda.aggregate(m=Max("version"))["m"] or 0) + 1
        addendum = Addendum.objects.create(
            order=order, version=version, proposed_by_side=side, proposed_by=actor, proposed_at=now,
            changes=clean, reason=reason,
        )
        audit_record(
            event_type="procurement.order.addendum_proposed", target=order, actor=actor,
            organisation_id=order.buyer_organisation_id, occurred_at=now, message=reason,
            changes={"version": version, "side": side, "changes": clean},
        )
        notifications.later(notifications.addendum_proposed, addendum_id=addendum.pk, now=now)
    return addendum


def addendum_decide(*, actor, addendum_id: int, accept: bool, reason: str = "", now: dt.datetime) -> Addendum:
    """The other side accepts (the changes apply; old values kept in `previous`) or rejects."""
    reason = (reason or "").strip()
    if not accept:
        reason = required_text(reason, "reason", _("Give the reason for rejecting the addendum."))
    row = Addendum.objects.filter(pk=addendum_id).values_list("order_id", flat=True).first()
    if row is None:
        raise NotFoundError(_("No such addendum."))
    with transaction.atomic(durable=True):
        order = lock_order(row)
        side = side_of(actor, order)
        addendum = Addendum.objects.get(pk=addendum_id)
        if side == addendum.proposed_by_side:
            raise PermissionDeniedError(_("Only the other side may decide on this addendum."))
        if addendum.status != Addendum.Status.PROPOSED:
            raise InvalidTransition(_("This addendum has already been decided."))
        addendum.decided_by = actor
        addendum.decided_at = now
        addendum.decision_reason = reason
        if accept:
            expect_status(order, states.ADDENDUM_STATUSES, _("changed by an addendum"))
            clean = _clean_changes(order, addendum.changes, now=now)  # re-checked: shipments may have moved on
            addendum.previous = _apply(order, clean, now=now)
            addendum.status = Addendum.Status.ACCEPTED
        else:
            addendum.status = Addendum.Status.REJECTED
        addendum.save(update_fields=["decided_by", "decided_at", "decision_reason", "previous", "status"])
        audit_record(
            event_type=f"procurement.order.addendum_{addendum.status}", target=order, actor=actor,
            organisation_id=order.buyer_organisation_id, occurred_at=now, message=reason,
            changes={"version": addendum.version, "previous": addendum.previous, "changes": addendum.changes},
        )
        if accept and order.status == OrderStatus.IN_DELIVERY:
            mark_received_when_complete(actor=actor, order=order, now=now)
        notifications.later(notifications.addendum_decided, addendum_id=addendum.pk, now=now)
    return addendum


def _apply(order: Order, clean: dict, *, now) -> dict:
    previous: dict = {}
    fields = {"updated_at"}
    if "quantities" in clean:
        lines = {line.pk: line for line in order.lines.all()}
        previous["quantities"] = {}
        for key, quantity in clean["quantities"].items():
            line = lines[int(key)]
            previous["quantities"][key] = line.quantity
            line.quantity = quantity
            line.save(update_fields=["quantity"])
        previous["total_idr"] = order.total_idr
        order.total_idr = recompute_total(order)
        fields.add("total_idr")
    if "delivery_date" in clean:
        previous["delivery_date"] = order.delivery_date.isoformat()
        order.delivery_date = dt.date.fromisoformat(clean["delivery_date"])
        fields.add("delivery_date")
    if "terms" in clean:
        previous["terms"] = order.sp_terms
        order.sp_terms = clean["terms"]
        fields.add("sp_terms")
    order.updated_at = now
    order.save(update_fields=sorted(fields))
    return previous
