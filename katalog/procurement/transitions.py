"""The one way an order changes status: lock, check the table, save, audit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from katalog.audit.services import audit_record
from katalog.core.errors import InvalidTransition, NotFoundError

from . import notifications
from .models import Order
from .states import can_transition


def lock_order(order_id: int) -> Order:
    """The order's row, locked until the transaction ends (a no-op on SQLite, which locks the database)."""
    try:
        return Order.objects.select_for_update().select_related("vendor").get(pk=order_id)
    except Order.DoesNotExist:
        raise NotFoundError(_("No such order.")) from None


def refuse(order: Order, action: str) -> InvalidTransition:
    return InvalidTransition(
        _("This order cannot be %(action)s now: it is “%(status)s”.")
        % {"action": action, "status": order.get_status_display()}
    )


def transition(
    *, actor, order_id: int, target: str, action: str, event: str, now: dt.datetime, check=None,
    values: dict | None = None, reason: str = "", changes: dict | None = None,
) -> Order:
    """Move the order to `target` inside the caller's transaction (or one of its own).

    `action` completes "This order cannot be … now" ("approved", "paid"). `check(order)` runs on the
    locked row before anything changes (role checks, amounts); `values` are saved with the status.
    Two people acting at once: the second waits for the lock, then finds the status changed and is refused.
    """
    with transaction.atomic():
        order = lock_order(order_id)
        if check is not None:
            check(order)
        if not can_transition(order.status, target):
            raise refuse(order, action)
        old_status = order.status
        order.status = target
        order.updated_at = now
        fields = {"status", "updated_at"}
        for name, value in (values or {}).items():
            setattr(order, name, value)
            fields.add(name)
        if reason:
            order.status_reason = reason
            fields.add("status_reason")
        order.save(update_fields=sorted(fields))
        audit_record(
            event_type=event, target=order, actor=actor, organisation_id=order.buyer_organisation_id,
            occurred_at=now, message=reason,
            changes={"status": [old_status, target], **(changes or {})},
        )
        notifications.later(
            notifications.order_status_changed, order_id=order.pk, status=target,
            actor_id=getattr(actor, "pk", None), reason=reason, now=now,
        )
    return order
