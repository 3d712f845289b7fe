"""Creating an order and moving it from draft through the Surat Pesanan to the vendor's acceptance."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from katalog.accounts import access as account_access
from katalog.accounts.models import Organisation
from katalog.audit.services import audit_record
from katalog.catalog import badges
from katalog.catalog.selectors import listed_products
from katalog.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from katalog.core.limits import MAX_QUANTITY

from .. import access, selectors, states
from ..models import BudgetSource, IdempotencyKey, NegotiationOffer, Order, OrderLine, OrderStatus
from ..transitions import lock_order, transition
from ._common import Side, expect_status, required_text, setting, status_after_agreement

S = OrderStatus


class _DuplicateKey(Exception):
    """Another request with the same Idempotency-Key won the race; roll back and return its order."""


# ---- Creating and editing ----

def _check_header(*, title, delivery_address, delivery_date, budget_source, budget_year, now) -> dict:
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Enter the package name.")]
    if not (delivery_address or "").strip():
        errors["delivery_address"] = [_("Enter the delivery address.")]
    if not isinstance(delivery_date, dt.date) or delivery_date < timezone.localdate(now):
        errors["delivery_date"] = [_("The delivery date must be today or later.")]
    if budget_source not in BudgetSource.values:
        errors["budget_source"] = [_("Choose a budget source.")]
    if isinstance(budget_year, bool) or not isinstance(budget_year, int) or not 2000 <= budget_year <= 2100:
        errors["budget_year"] = [_("Enter a valid budget year.")]
    return errors


def _build_lines(*, vendor, lines) -> list[OrderLine]:
    """Unsaved, snapshotted lines for (product, quantity) pairs of one vendor's listed products."""
    if not lines:
        message = _("Add at least one product.")
        raise ValidationFailed(message, field_errors={"lines": [message]})
    product_ids = [product.pk for product, _quantity in lines]
    if len(set(product_ids)) != len(product_ids):
        message = _("Each product may appear only once; change its quantity instead.")
        raise ValidationFailed(message, field_errors={"lines": [message]})
    listed = {p.pk: p for p in listed_products().filter(pk__in=product_ids)}
    result = []
    for position, (product, quantity) in enumerate(lines, start=1):
        live = listed.get(product.pk)
        if live is None:
            message = _("“%(name)s” is not listed in the catalogue.") % {"name": product.name}
            raise ValidationFailed(message, field_errors={"lines": [message]})
        if live.vendor_id != vendor.pk:
            message = _("Every product of an order must come from the same vendor.")
            raise ValidationFailed(message, field_errors={"lines": [message]})
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < live.min_order:
            message = _("“%(name)s”: order at least %(min)s %(unit)s.") % {
                "name": live.name, "min": live.min_order, "unit": live.unit,
            }
            raise ValidationFailed(message, field_errors={"lines": [message]})
        if quantity > MAX_QUANTITY:
            message = _("“%(name)s”: at most %(max)s %(unit)s in one order.") % {
                "name": live.name, "max": number_format(MAX_QUANTITY, force_grouping=True), "unit": live.unit,
            }
            raise ValidationFailed(message, field_errors={"lines": [message]})
        facts = badges.facts_of(live)
        result.append(OrderLine(
            product=live, position=position, quantity=quantity, sku=live.sku, name=live.name, unit=live.unit,
            category_id=live.category_id, list_price_idr=live.price_idr, unit_price_idr=live.price_idr,
            tkdn_pct=live.tkdn_pct, bmp_pct=live.bmp_pct, is_local=badges.is_local(facts),
            is_umk=badges.is_umk(facts), is_pdn=badges.is_pdn(facts),
        ))
    return result


def order_create(
    *, actor, vendor, title: str, delivery_address: str, delivery_date: dt.date, budget_source: str,
    budget_year: int, rup_code: str = "", notes: str = "", lines, idempotency_key: str | None = None,
    now: dt.datetime,
) -> Order:
    """A draft order from a buyer (PPK or pejabat pengadaan) to one vendor.

    With an `idempotency_key`, a retry by the same user returns the order the first call created.
    """
    membership = account_access.buyer_membership(actor)
    if membership is None:
        raise PermissionDeniedError(_("Only a buyer's PPK or pejabat pengadaan may create orders."))
    key = (idempotency_key or "").strip()[:120]
    if key:
        existing = IdempotencyKey.objects.filter(user=actor, key=key).select_related("order").first()
        if existing is not None:
            return existing.order
    errors = _check_header(
        title=title, delivery_address=delivery_address, delivery_date=delivery_date,
        budget_source=budget_source, budget_year=budget_year, now=now,
    )
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    new_lines = _build_lines(vendor=vendor, lines=lines)
    try:
        with transaction.atomic(durable=True):
            order = Order.objects.create(
                number=f"TMP-{uuid.uuid4().hex}", buyer_organisation_id=membership.organisation_id,
                vendor=vendor, created_by=actor, title=title.strip(), delivery_address=delivery_address.strip(),
                delivery_date=delivery_date, budget_source=budget_source, budget_year=budget_year,
                rup_code=(rup_code or "").strip(), notes=(notes or "").strip(), created_at=now, updated_at=now,
            )
            # The primary key makes the number unique without a counter to race on.
            order.number = f"ORD-{timezone.localdate(now).year}-{order.pk:06d}"
            for line in new_lines:
                line.order = order
            OrderLine.objects.bulk_create(new_lines)
            order.total_idr = sum(line.subtotal_idr for line in new_lines)
            order.save(update_fields=["number", "total_idr"])
            if key:
                try:
                    with transaction.atomic():
                        IdempotencyKey.objects.create(key=key, user=actor, order=order, created_at=now)
                except IntegrityError as exc:
                    raise _DuplicateKey from exc
            audit_record(
                event_type="procurement.order.created", target=order, actor=actor,
                organisation_id=order.buyer_organisation_id, occurred_at=now,
                changes={"status": [None, order.status], "total_idr": order.total_idr, "vendor": vendor.pk},
            )
    except _DuplicateKey:
        return IdempotencyKey.objects.select_related("order").get(user=actor, key=key).order
    return order


def order_update_lines(*, actor, order_id: int, lines, now: dt.datetime) -> Order:
    """Replace the lines of a draft order (same vendor, fresh snapshots)."""
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        access.require_buyer(actor, order)
        expect_status(order, states.EDITABLE, _("edited"))
        if order.competition_id:
            # Fresh snapshots would replace the awarded quote's price with the catalogue price.
            raise InvalidTransition(_("The lines of an order from a mini-competition come from the awarded quote "
                                      "and cannot be changed."))
        new_lines = _build_lines(vendor=order.vendor, lines=lines)
        old_total = order.total_idr
        order.lines.all().delete()
        for line in new_lines:
            line.order = order
        OrderLine.objects.bulk_create(new_lines)
        order.total_idr = sum(line.subtotal_idr for line in new_lines)
        order.updated_at = now
        order.save(update_fields=["total_idr", "updated_at"])
        audit_record(
            event_type="procurement.order.lines_updated", target=order, actor=actor,
            organisation_id=order.buyer_organisation_id, occurred_at=now,
            changes={"total_idr": [old_total, order.total_idr], "lines": len(new_lines)},
        )
    return order


# ---- Sending: the local-first and P3DN rules ----

def _justification_errors(order: Order, *, local_justification: str, pdn_justification: str) -> dict:
    lines = list(order.lines.all())
    category_ids = {line.category_id for line in lines}
    errors: dict[str, list[str]] = {}
    if not local_justification:
        local_alt = selectors.categories_with_local_alternative(category_ids)
        names = [line.name for line in lines if not line.is_local and line.category_id in local_alt]
        if names:
            errors["local_justification"] = [
                _("A Produk Lokal Lampung is listed in the category of: %(lines)s. Explain why it was not "
                  "chosen.") % {"lines": ", ".join(names)}
            ]
    if not pdn_justification:
        pdn_alt = selectors.categories_with_pdn_alternative(category_ids)
        names = [line.name for line in lines if not line.is_pdn and line.category_id in pdn_alt]
        if names:
            errors["pdn_justification"] = [
                _("A product with TKDN + BMP of at least %(threshold)s%% is listed in the category of: %(lines)s. "
                  "Explain why it was not chosen.") % {
                    "threshold": setting("PDN_THRESHOLD_PCT", 40), "lines": ", ".join(names),
                }
            ]
    return errors


def order_send(
    *, actor, order_id: int, negotiate: bool, local_justification: str = "", pdn_justification: str = "",
    unit_prices: dict | None = None, now: dt.datetime,
) -> Order:
    """Send a draft: into negotiation (with the buyer's first offer), or straight to approval."""
    from .negotiation import make_offer_row

    local_justification = (local_justification or "").strip()
    pdn_justification = (pdn_justification or "").strip()
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        access.require_buyer(actor, order)
        expect_status(order, {S.DRAFT}, _("sent"))
        errors = _justification_errors(
            order, local_justification=local_justification, pdn_justification=pdn_justification
        )
        if errors:
            raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
        values = {
            "local_justification": local_justification, "pdn_justification": pdn_justification,
            "submitted_at": now, "waiting_since": now,
        }
        if negotiate:
            order = transition(
                actor=actor, order_id=order.pk, target=S.NEGOTIATING, action=_("sent"),
                event="procurement.order.sent", now=now, values=values,
            )
            make_offer_row(order=order, side=Side.BUYER, actor=actor, unit_prices=unit_prices or {}, message="",
                           now=now)
        else:
            target = status_after_agreement(order)
            order = transition(
                actor=actor, order_id=order.pk, target=target, action=_("sent"),
                event="procurement.order.sent", now=now, values=values,
            )
    return order


# ---- The PPK ----

def order_approve(*, actor, order_id: int, now: dt.datetime) -> Order:
    def check(order):
        access.require_ppk(actor, order)
        expect_status(order, {S.AWAITING_APPROVAL}, _("approved"))

    with transaction.atomic(durable=True):
        return transition(
            actor=actor, order_id=order_id, target=S.APPROVED, action=_("approved"),
            event="procurement.order.approved", now=now, check=check, values={"ppk": actor, "waiting_since": now},
        )


def _end_with_reason(*, actor, order_id: int, reason: str, now: dt.datetime, target: str, action: str,
                     missing_reason: str, require, expected: set | None = None) -> Order:
    """Reject, decline or cancel: a required reason, the acting side's check, then the transition."""
    reason = required_text(reason, "reason", missing_reason)

    def check(order):
        require(actor, order)
        if expected is not None:
            expect_status(order, expected, action)

    with transaction.atomic(durable=True):
        return transition(
            actor=actor, order_id=order_id, target=target, action=action, event=f"procurement.order.{target}",
            now=now, check=check, reason=reason, values={"waiting_since": None},
        )


def order_reject(*, actor, order_id: int, reason: str, now: dt.datetime) -> Order:
    return _end_with_reason(
        actor=actor, order_id=order_id, reason=reason, now=now, target=S.REJECTED, action=_("rejected"),
        missing_reason=_("Give the reason for rejecting the order."), require=access.require_ppk,
        expected={S.AWAITING_APPROVAL},
    )


def sp_issue(*, actor, order_id: int, terms: str = "", now: dt.datetime) -> Order:
    """The PPK issues and signs the Surat Pesanan, numbered per buyer organisation and year."""
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        access.require_ppk(actor, order)
        expect_status(order, {S.APPROVED}, _("issued a Surat Pesanan"))
        # Numbers are per organisation: lock it so two SPs of one organisation never take the same number.
        Organisation.objects.select_for_update().filter(pk=order.buyer_organisation_id).first()
        year = timezone.localdate(now).year
        last = Order.objects.filter(buyer_organisation_id=order.buyer_organisation_id, sp_year=year).aggregate(
            m=Max("sp_sequence")
        )["m"] or 0
        sequence = last + 1
        number = f"SP-{sequence:04d}/{order.buyer_organisation_id}/{year}"
        return transition(
            actor=actor, order_id=order.pk, target=S.AWAITING_VENDOR, action=_("issued a Surat Pesanan"),
            event="procurement.order.sp_issued", now=now,
            values={
                "sp_sequence": sequence, "sp_year": year, "sp_number": number, "sp_terms": (terms or "").strip(),
                "sp_signed_at": now, "sp_signed_by": actor, "ppk": actor, "waiting_since": now,
            },
            changes={"sp_number": number},
        )


# ---- The vendor ----

def order_accept_by_vendor(*, actor, order_id: int, now: dt.datetime) -> Order:
    def check(order):
        access.require_vendor(actor, order)
        expect_status(order, {S.AWAITING_VENDOR}, _("accepted"))

    with transaction.atomic(durable=True):
        return transition(
            actor=actor, order_id=order_id, target=S.ACCEPTED, action=_("accepted"),
            event="procurement.order.accepted", now=now, check=check,
            values={"vendor_signed_at": now, "vendor_signed_by": actor, "waiting_since": None},
        )


def order_decline(*, actor, order_id: int, reason: str, now: dt.datetime) -> Order:
    return _end_with_reason(
        actor=actor, order_id=order_id, reason=reason, now=now, target=S.DECLINED, action=_("declined"),
        missing_reason=_("Give the reason for declining the order."), require=access.require_vendor,
    )


# ---- The buyer ----

def order_cancel(*, actor, order_id: int, reason: str, now: dt.datetime) -> Order:
    return _end_with_reason(
        actor=actor, order_id=order_id, reason=reason, now=now, target=S.CANCELLED, action=_("cancelled"),
        missing_reason=_("Give the reason for cancelling the order."), require=access.require_buyer,
    )


# ---- Expiry ----

def _who_did_not_act(order: Order) -> str:
    days = {"days": _response_days()}
    if order.status in states.WAITING_ON_VENDOR:
        return _("The vendor did not respond within %(days)s working days.") % days
    if order.status == S.NEGOTIATING:
        latest = order.offers.order_by("-made_at", "-id").first()
        if latest is not None and latest.side == NegotiationOffer.Side.BUYER:
            return _("The vendor did not answer the latest offer within %(days)s working days.") % days
        return _("The buyer did not answer the latest offer within %(days)s working days.") % days
    return _("The PPK did not act within %(days)s working days.") % days


def _response_days() -> int:
    return int(setting("ORDER_RESPONSE_WORKING_DAYS", 3))


def order_deadline(waiting_since: dt.datetime, holidays) -> dt.datetime:
    """The moment the waiting step expires: the same local time, N working days later."""
    from ..workdays import add_working_days

    local = timezone.localtime(waiting_since)
    day = add_working_days(local.date(), _response_days(), holidays)
    return local.replace(year=day.year, month=day.month, day=day.day)


def orders_expire(*, now: dt.datetime) -> int:
    """Expire every order that waited on the PPK, the vendor or a negotiation answer too long."""
    from ..models import Holiday

    candidates = list(
        Order.objects.filter(status__in=states.EXPIRES, waiting_since__isnull=False, waiting_since__lt=now)
        .values_list("pk", "waiting_since")
    )
    if not candidates:
        return 0
    first = timezone.localdate(min(since for _pk, since in candidates))
    holidays = set(Holiday.objects.filter(date__gte=first).values_list("date", flat=True))
    count = 0
    for order_id, waiting_since in candidates:
        if now <= order_deadline(waiting_since, holidays):
            continue

        def check(order, waiting_since=waiting_since):
            # Someone acted since we looked: nothing to expire.
            if order.status not in states.EXPIRES or order.waiting_since != waiting_since:
                raise _Skip

        try:
            with transaction.atomic():
                order = Order.objects.get(pk=order_id)
                transition(
                    actor=None, order_id=order_id, target=S.EXPIRED, action=_("expired"),
                    event="procurement.order.expired", now=now, check=check,
                    reason=_who_did_not_act(order), values={"waiting_since": None},
                )
        except _Skip:
            continue
        count += 1
    return count


class _Skip(Exception):
    pass
