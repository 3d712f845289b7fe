"""Writes of mini-competitions: create, invite, publish, quote, evaluate, award, cancel.

Each function is one transaction that locks the competition row, checks the actor and the status table
(`COMPETITION_TRANSITIONS`), saves, and writes a `procurement.competition.<verb>` audit event. The clock is
always the caller's `now` (the server's clock in views), never read here.

Evaluation ranks the bid price HP = unit price x quantity. With the price preference (Perpres 16/2018 jo.
12/2021 Pasal 67, in `preference.py`) the lowest HEA wins, otherwise the lowest HP; ties go to the
higher TKDN. The awarded order keeps the offered unit price, never the HEA.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Membership
from katalog.audit.services import audit_record
from katalog.catalog import badges
from katalog.catalog.models import Category, Product
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.core.errors import validation_error_to_domain as _domain_error
from katalog.vendors.models import Vendor, VendorStatus

from .. import notifications, preference
from ..models import (
    COMPETITION_TRANSITIONS,
    BudgetSource,
    Competition,
    CompetitionInvitation,
    CompetitionQuote,
    CompetitionStatus,
    Order,
    OrderLine,
    OrderStatus,
)
from . import selectors

S = CompetitionStatus

__all__ = [
    "competition_create", "competition_invite", "competition_publish", "competition_cancel", "quote_submit",
    "competition_evaluate", "competition_award",
]


def _min_vendors() -> int:
    return int(settings.KATALOG["COMPETITION_MIN_VENDORS"])


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def _lock(competition_id: int) -> Competition:
    competition = Competition.objects.select_for_update().filter(pk=competition_id).first()
    if competition is None:
        raise NotFoundError(_("No such mini-competition."))
    return competition


def _refuse(competition: Competition, action: str) -> InvalidTransition:
    return InvalidTransition(
        _("This mini-competition cannot be %(action)s now: it is “%(status)s”.")
        % {"action": action, "status": competition.get_status_display()}
    )


def _check_transition(competition: Competition, target: str, action: str) -> None:
    if target not in COMPETITION_TRANSITIONS[competition.status]:
        raise _refuse(competition, action)


def _audit(verb: str, competition: Competition, *, actor, now: dt.datetime, changes: dict | None = None,
           message: str = "") -> None:
    audit_record(
        event_type=f"procurement.competition.{verb}", target=competition, actor=actor,
        organisation_id=competition.buyer_organisation_id, occurred_at=now, changes=changes or {}, message=message,
    )


def _check_deadline(deadline_at: dt.datetime, now: dt.datetime) -> None:
    if deadline_at is None or deadline_at.tzinfo is None:
        raise _invalid("deadline_at", _("Enter the deadline with its time zone."))
    if deadline_at <= now:
        raise _invalid("deadline_at", _("The deadline must be in the future."))


def _verified_vendors(vendor_ids) -> list[Vendor]:
    ids = sorted({int(v) for v in vendor_ids})
    vendors = list(Vendor.objects.filter(pk__in=ids, status=VendorStatus.VERIFIED))
    if len(vendors) != len(ids):
        raise _invalid("vendor_ids", _("Only verified vendors can be invited."))
    return vendors


def _add_invitations(competition: Competition, vendors: list[Vendor], *, actor, now: dt.datetime) -> list[int]:
    already = set(CompetitionInvitation.objects.filter(competition=competition).values_list("vendor_id", flat=True))
    new = [v for v in vendors if v.pk not in already]
    CompetitionInvitation.objects.bulk_create(
        [CompetitionInvitation(competition=competition, vendor=v, invited_by=actor, invited_at=now) for v in new]
    )
    return [v.pk for v in new]


# ---- Buyer: create, invite, publish, cancel ----


def competition_create(
    *, actor, title: str, specification: str, category: Category, quantity: int, unit: str,
    deadline_at: dt.datetime, delivery_address: str, delivery_date: dt.date, budget_source: str,
    budget_year: int, package_value_idr: int | None = None, vendor_ids=(), now: dt.datetime,
) -> Competition:
    """A draft competition of the actor's buyer organisation, optionally with its first invitations."""
    membership = access.buyer_membership(actor)
    if membership is None:
        raise PermissionDeniedError(_("Only a PPK or pejabat pengadaan may start a mini-competition."))
    _check_deadline(deadline_at, now)
    if package_value_idr is not None and (isinstance(package_value_idr, bool) or not isinstance(package_value_idr, int)):
        raise _invalid("package_value_idr", _("Enter a whole number of rupiah."))
    if budget_source not in BudgetSource.values:
        raise _invalid("budget_source", _("Choose a budget source."))
    competition = Competition(
        buyer_organisation_id=membership.organisation_id, created_by=actor, title=(title or "").strip(),
        specification=(specification or "").strip(), category=category, quantity=quantity, unit=(unit or "").strip(),
        deadline_at=deadline_at, package_value_idr=package_value_idr, delivery_address=(delivery_address or "").strip(),
        delivery_date=delivery_date, budget_source=budget_source, budget_year=budget_year, status=S.DRAFT,
        created_at=now, updated_at=now,
    )
    try:
        competition.full_clean(exclude=["awarded_quote"])
    except ValidationError as exc:
        raise _domain_error(exc) from None
    vendors = _verified_vendors(vendor_ids)
    with transaction.atomic():
        competition.save()
        invited = _add_invitations(competition, vendors, actor=actor, now=now)
        _audit("created", competition, actor=actor, now=now, changes={"status": [None, S.DRAFT], "invited": invited})
    return competition


def competition_invite(*, actor, competition_id: int, vendor_ids, now: dt.datetime) -> Competition:
    """Invite more verified vendors, while a draft or open before the deadline."""
    with transaction.atomic():
        competition = _lock(competition_id)
        selectors.require_buyer(actor, competition)
        if competition.status not in {S.DRAFT, S.PUBLISHED} or now >= competition.deadline_at:
            raise _refuse(competition, _("changed"))
        invited = _add_invitations(competition, _verified_vendors(vendor_ids), actor=actor, now=now)
        _audit("invited", competition, actor=actor, now=now, changes={"invited": invited})
    return competition


def competition_publish(*, actor, competition_id: int, now: dt.datetime) -> Competition:
    """Open the competition for quotes; the invited vendors are told (at least COMPETITION_MIN_VENDORS)."""
    with transaction.atomic():
        competition = _lock(competition_id)
        selectors.require_buyer(actor, competition)
        _check_transition(competition, S.PUBLISHED, _("published"))
        _check_deadline(competition.deadline_at, now)
        invited = CompetitionInvitation.objects.filter(
            competition=competition, vendor__status=VendorStatus.VERIFIED
        ).count()
        if invited < _min_vendors():
            raise ValidationFailed(
                _("Invite at least %(min)d verified vendors; %(count)d invited.") % {"min": _min_vendors(), "count": invited},
                field_errors={"vendor_ids": [_("Too few vendors invited.")]}, code="too_few_vendors",
            )
        competition.status = S.PUBLISHED
        competition.published_at = competition.updated_at = now
        competition.save(update_fields=["status", "published_at", "updated_at"])
        _audit("published", competition, actor=actor, now=now, changes={"status": [S.DRAFT, S.PUBLISHED]})
        notifications.later(notifications.competition_published, competition_id=competition.pk, actor_id=actor.pk,
                            now=now)
    return competition


def competition_cancel(*, actor, competition_id: int, reason: str, now: dt.datetime) -> Competition:
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Give the reason for cancelling."))
    with transaction.atomic():
        competition = _lock(competition_id)
        selectors.require_buyer(actor, competition)
        _check_transition(competition, S.CANCELLED, _("cancelled"))
        old = competition.status
        competition.status = S.CANCELLED
        competition.status_reason = reason
        competition.updated_at = now
        competition.save(update_fields=["status", "status_reason", "updated_at"])
        _audit("cancelled", competition, actor=actor, now=now, changes={"status": [old, S.CANCELLED]}, message=reason)
    return competition


# ---- Vendor: quote ----


def quote_submit(
    *, actor, competition_id: int, unit_price_idr: int, product_id: int | None = None, tkdn_pct=None,
    notes: str = "", now: dt.datetime,
) -> CompetitionQuote:
    """An invited vendor's quote, replacing its earlier one, until the deadline (checked against `now`).

    TKDN comes from the named listed product when it has one, else from the vendor's declaration.
    """
    price = preference.check_price(unit_price_idr)
    declared_tkdn = preference.as_pct(tkdn_pct)
    with transaction.atomic():
        competition = _lock(competition_id)
        vendor = selectors.invited_vendor_of(actor, competition)
        if vendor is None or competition.status == S.DRAFT:
            raise NotFoundError(_("No such mini-competition."))
        if competition.status != S.PUBLISHED:
            raise _refuse(competition, _("quoted for"))
        if now >= competition.deadline_at:
            raise InvalidTransition(
                _("The deadline for quotes has passed; no quote can be submitted or changed."), code="deadline_passed"
            )
        product = None
        if product_id is not None:
            product = selectors.listed_products_of_vendor(vendor).filter(pk=product_id).first()
            if product is None:
                raise _invalid("product_id", _("Choose one of your own listed products."))
        tkdn = product.tkdn_pct if product is not None and product.tkdn_pct is not None else declared_tkdn
        quote = CompetitionQuote.unsealed.select_for_update().filter(competition=competition, vendor=vendor).first()
        revision = 1 if quote is None else quote.revision + 1
        if quote is None:
            quote = CompetitionQuote(competition=competition, vendor=vendor)
        quote.submitted_by = actor
        quote.product = product
        quote.unit_price_idr = price
        quote.tkdn_pct = tkdn
        quote.bmp_pct = product.bmp_pct if product is not None else None
        quote.notes = (notes or "").strip()
        quote.submitted_at = now
        quote.revision = revision
        quote.save()
        # The audit event records that a quote arrived, never its price (the audit log is not sealed).
        _audit("quoted", competition, actor=actor, now=now,
               changes={"vendor_id": vendor.pk, "quote_id": quote.pk, "revision": revision})
    return quote


# ---- Buyer: evaluate and award ----


def competition_evaluate(*, actor, competition_id: int, now: dt.datetime) -> list[CompetitionQuote]:
    """After the deadline: rank the quotes (HEA with the preference, else offered price; ties to the higher
    TKDN), store each quote's KP, HEA and rank, and close the competition. May be run again while closed."""
    with transaction.atomic():
        competition = _lock(competition_id)
        selectors.require_buyer(actor, competition)
        _check_transition(competition, S.CLOSED, _("evaluated"))
        if now < competition.deadline_at:
            raise InvalidTransition(
                _("Quotes stay sealed until the deadline; evaluate after it."), code="before_deadline"
            )
        quotes = list(CompetitionQuote.unsealed.select_for_update().filter(competition=competition).order_by("id"))
        if not quotes:
            raise InvalidTransition(_("No quote arrived; cancel the mini-competition instead."), code="no_quotes")
        applies = preference.preference_applies(competition.package_value_idr)
        bids = [
            preference.Bid(label=str(q.pk), price_idr=q.unit_price_idr * competition.quantity, tkdn_pct=q.tkdn_pct)
            for q in quotes
        ]
        by_id = {str(q.pk): q for q in quotes}
        ranking = []
        for evaluation in preference.rank_bids(bids, apply_preference=applies):
            quote = by_id[evaluation.label]
            quote.kp_pct = evaluation.kp_pct
            quote.evaluated_price_idr = evaluation.evaluated_price_idr
            quote.rank = evaluation.rank
            ranking.append(quote)
        CompetitionQuote.unsealed.bulk_update(ranking, ["kp_pct", "evaluated_price_idr", "rank"])
        old = competition.status
        competition.status = S.CLOSED
        competition.preference_applied = applies
        competition.evaluated_at = competition.updated_at = now
        competition.save(update_fields=["status", "preference_applied", "evaluated_at", "updated_at"])
        _audit("evaluated", competition, actor=actor, now=now, changes={
            "status": [old, S.CLOSED], "preference_applied": applies,
            "ranking": [
                {"quote_id": q.pk, "vendor_id": q.vendor_id, "hp_idr": q.unit_price_idr * competition.quantity,
                 "tkdn_pct": q.tkdn_pct, "kp_pct": q.kp_pct, "hea_idr": q.evaluated_price_idr, "rank": q.rank}
                for q in ranking
            ],
        })
    return ranking


def competition_award(
    *, actor, competition_id: int, quote_id: int | None = None, reason: str = "", now: dt.datetime
) -> Order:
    """Award the evaluated competition to a quote (the rank-1 one unless told; another needs a reason) and
    create its order (draft) at the offered unit price, for the quote's listed product."""
    with transaction.atomic():
        competition = _lock(competition_id)
        selectors.require_buyer(actor, competition)
        if competition.status != S.CLOSED or competition.evaluated_at is None:
            raise _refuse(competition, _("awarded"))
        quotes = CompetitionQuote.unsealed.filter(competition=competition).select_related("vendor", "product")
        quote = quotes.filter(rank=1).first() if quote_id is None else quotes.filter(pk=quote_id).first()
        if quote is None:
            raise NotFoundError(_("No such quote in this mini-competition."))
        reason = (reason or "").strip()
        if quote.rank != 1 and not reason:
            raise _invalid("reason", _("Give the reason for not awarding the quote ranked first."))
        if quote.product_id is None:
            raise ValidationFailed(
                _("This quote names none of the vendor's listed products, so no order line can be made. "
                  "Ask the vendor to list the product, or award another quote."),
                code="quote_without_product",
            )
        product = Product.objects.select_related("vendor", "vendor__region", "origin_region").get(pk=quote.product_id)
        if not selectors.listed_products_of_vendor(quote.vendor).filter(pk=product.pk).exists():
            raise ValidationFailed(
                _("The quoted product %(name)s is no longer listed in the catalogue.") % {"name": product.name},
                code="product_not_listed",
            )
        if quote.vendor.status != VendorStatus.VERIFIED:
            raise ValidationFailed(_("The vendor is no longer verified."), code="vendor_not_verified")
        total = quote.unit_price_idr * competition.quantity
        is_ppk = access.is_member_of(actor, competition.buyer_organisation_id, {Membership.Role.BUYER_PPK})
        order = Order.objects.create(
            number=f"TMP-{uuid.uuid4().hex}", buyer_organisation_id=competition.buyer_organisation_id,
            vendor=quote.vendor, created_by=actor, ppk=actor if is_ppk else None, status=OrderStatus.DRAFT,
            title=competition.title, delivery_address=competition.delivery_address,
            delivery_date=competition.delivery_date, budget_source=competition.budget_source,
            budget_year=competition.budget_year, notes=competition.specification, total_idr=total,
            competition_id=competition.pk, created_at=now, updated_at=now,
        )
        # Numbered like the orders service's orders: the primary key makes it unique.
        order.number = f"ORD-{timezone.localdate(now).year}-{order.pk:06d}"
        order.save(update_fields=["number"])
        facts = badges.facts_of(product)
        facts = badges.BadgeFacts(
            vendor_region_code=facts.vendor_region_code, origin_region_code=facts.origin_region_code,
            vendor_scale=facts.vendor_scale, tkdn_pct=quote.tkdn_pct, bmp_pct=product.bmp_pct,
        )
        OrderLine.objects.create(
            order=order, product=product, position=1, quantity=competition.quantity, sku=product.sku,
            name=product.name, unit=product.unit, category_id=product.category_id, list_price_idr=product.price_idr,
            unit_price_idr=quote.unit_price_idr,  # the offered price, not the HEA
            tkdn_pct=quote.tkdn_pct, bmp_pct=product.bmp_pct, is_local=badges.is_local(facts),
            is_umk=badges.is_umk(facts), is_pdn=badges.is_pdn(facts),
        )
        audit_record(
            event_type="procurement.order.created", target=order, actor=actor,
            organisation_id=order.buyer_organisation_id, occurred_at=now,
            changes={"status": [None, order.status], "total_idr": total, "vendor": quote.vendor_id,
                     "competition": competition.pk},
        )
        competition.status = S.AWARDED
        competition.awarded_quote = quote
        competition.awarded_at = competition.updated_at = now
        if reason:
            competition.status_reason = reason
        competition.save(update_fields=["status", "awarded_quote", "awarded_at", "updated_at", "status_reason"])
        _audit("awarded", competition, actor=actor, now=now, message=reason, changes={
            "status": [S.CLOSED, S.AWARDED], "quote_id": quote.pk, "vendor_id": quote.vendor_id, "rank": quote.rank,
            "order_id": order.pk, "unit_price_idr": quote.unit_price_idr, "total_idr": total,
            "tkdn_pct": quote.tkdn_pct if quote.tkdn_pct is None else str(Decimal(quote.tkdn_pct)),
        })
        notifications.later(notifications.competition_awarded, competition_id=competition.pk, actor_id=actor.pk,
                            now=now)
    return order
