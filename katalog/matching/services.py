"""Writes of needs and of vendors' interest in them.

Each function is one transaction with an audit event `matching.need.<verb>` / `matching.interest.<verb>`.
Creating or changing a need re-matches it in the background once the change commits (`tasks.rematch_need`);
the stored matches themselves are replaced by `need_rematch` (rematching.py); `needs_import` is in needs_import.py.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Membership, Organisation, User
from katalog.audit.services import audit_record
from katalog.catalog.models import Category, Product, ProductStatus
from katalog.core.errors import (
    InvalidTransition,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
    validation_error_to_domain,
)
from katalog.notifications.services import notify
from katalog.regions.models import Region
from katalog.vendors.models import VendorStatus

from . import selectors
from .models import NEED_TRANSITIONS, InterestKind, Need, NeedInterest, NeedStatus
from .needs_import import NeedsImportResult, needs_import  # noqa: F401  (part of this module's API)
from .rematching import need_rematch, needs_rematch, rematch_later  # noqa: F401

# The fields a buyer writes; anything else about a need belongs to the system.
EDITABLE = ("title", "description", "category", "quantity", "unit", "budget_idr", "delivery_region", "needed_by",
            "rup_code", "ref")


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def _audit(event_type: str, target, *, actor, organisation_id: int | None, now: dt.datetime, changes=None,
           message: str = "") -> None:
    audit_record(
        event_type=event_type, target=target, actor=actor, organisation_id=organisation_id, occurred_at=now,
        changes=changes or {}, message=message,
    )


def _buyer_organisation_of(actor) -> Organisation:
    membership = access.buyer_membership(actor)
    if membership is None:
        raise PermissionDeniedError(_("Only a PPK or pejabat pengadaan may publish needs."))
    return membership.organisation


# ---- Checking what a buyer wrote ----


def _whole_rupiah(value, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(field, _("Enter a whole number of rupiah."))
    if value < 0:
        raise _invalid(field, _("The amount cannot be negative."))
    return value


def _clean_values(values: dict, *, today: dt.date, check_date: bool) -> dict:
    """Strip texts and check the numbers and the date; model validation does the rest."""
    clean = dict(values)
    for name in ("title", "description", "unit", "rup_code", "ref"):
        if name in clean:
            clean[name] = (clean[name] or "").strip()
    if "title" in clean and not clean["title"]:
        raise _invalid("title", _("Say what you need in the title."))
    if "quantity" in clean:
        quantity = clean["quantity"]
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise _invalid("quantity", _("The quantity must be a whole number of at least 1."))
    if "budget_idr" in clean:
        clean["budget_idr"] = _whole_rupiah(clean["budget_idr"], "budget_idr")
    if "category" in clean and clean["category"] is not None and not isinstance(clean["category"], Category):
        raise _invalid("category", _("Unknown category."))
    if "delivery_region" in clean and not isinstance(clean["delivery_region"], Region):
        raise _invalid("delivery_region", _("Choose the regency where it must be delivered."))
    if check_date and clean.get("needed_by") is not None and clean["needed_by"] < today:
        raise _invalid("needed_by", _("The needed-by date cannot be in the past."))
    return clean


def _next_ref(organisation_id: int, now: dt.datetime) -> str:
    year = timezone.localdate(now).year
    prefix = f"KEB-{year}-"
    taken = set(Need.objects.filter(buyer_organisation_id=organisation_id, ref__startswith=prefix)
                .values_list("ref", flat=True))
    number = len(taken) + 1
    while f"{prefix}{number:04d}" in taken:
        number += 1
    return f"{prefix}{number:04d}"


def _save(need: Need, *, update_fields: list[str] | None = None) -> None:
    try:
        need.full_clean(exclude=["created_by"])
    except ValidationError as exc:
        messages = getattr(exc, "message_dict", {})
        if any(key == "__all__" for key in messages) and Need.objects.filter(
            buyer_organisation_id=need.buyer_organisation_id, ref=need.ref
        ).exclude(pk=need.pk).exists():
            raise _ref_taken(need.ref) from None
        raise validation_error_to_domain(exc) from None
    try:
        with transaction.atomic():
            need.save(update_fields=update_fields)
    except IntegrityError:
        raise _ref_taken(need.ref) from None


def _ref_taken(ref: str) -> ValidationFailed:
    return _invalid("ref", _("Your organisation already has a need with the reference %(ref)s.") % {"ref": ref})


# ---- Buyer: create, change, close ----


def need_create(
    *, actor, title: str, quantity: int = 1, delivery_region: Region, description: str = "",
    category: Category | None = None, unit: str = "", budget_idr: int | None = None,
    needed_by: dt.date | None = None, rup_code: str = "", ref: str = "", now: dt.datetime,
) -> Need:
    """A new open need of the actor's buyer organisation; it is matched once the transaction commits."""
    organisation = _buyer_organisation_of(actor)
    values = _clean_values({
        "title": title, "description": description, "category": category, "quantity": quantity, "unit": unit,
        "budget_idr": budget_idr, "delivery_region": delivery_region, "needed_by": needed_by, "rup_code": rup_code,
        "ref": ref,
    }, today=timezone.localdate(now), check_date=True)
    with transaction.atomic():
        values["ref"] = values["ref"] or _next_ref(organisation.pk, now)
        need = Need(buyer_organisation=organisation, created_by=actor, status=NeedStatus.OPEN, created_at=now,
                    updated_at=now, **values)
        _save(need)
        _audit("matching.need.created", need, actor=actor, organisation_id=organisation.pk, now=now,
               changes={"status": [None, NeedStatus.OPEN], "ref": need.ref})
        rematch_later([need.pk])
    return need


def _shown(value):
    if isinstance(value, Category | Region):
        return value.slug if isinstance(value, Category) else value.code
    return value


def need_update(*, actor, need_id: int, now: dt.datetime, **changes) -> Need:
    """Change what an open need says; it is matched again once the change commits."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationFailed(_("These fields cannot be changed: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    with transaction.atomic():
        need = selectors.need_for_buyer(actor, need_id, lock=True)
        if not need.is_open:
            raise InvalidTransition(
                _("This need is “%(status)s” and can no longer be changed.") % {"status": need.get_status_display()}
            )
        date_changed = "needed_by" in changes and changes["needed_by"] != need.needed_by
        values = _clean_values(changes, today=timezone.localdate(now), check_date=date_changed)
        if "ref" in values and not values["ref"]:
            values.pop("ref")
        diff = {}
        for name, value in values.items():
            old = getattr(need, name)
            if old != value:
                diff[name] = [_shown(old), _shown(value)]
                setattr(need, name, value)
        if not diff:
            return need
        need.updated_at = now
        _save(need, update_fields=[*values.keys(), "updated_at"])
        _audit("matching.need.updated", need, actor=actor, organisation_id=need.buyer_organisation_id, now=now,
               changes=diff)
        rematch_later([need.pk])
    return need


def need_close(*, actor, need_id: int, fulfilled: bool = False, reason: str = "", now: dt.datetime) -> Need:
    """Close an open need (as fulfilled, or no longer needed): it leaves the vendors' opportunities."""
    target = NeedStatus.FULFILLED if fulfilled else NeedStatus.CLOSED
    with transaction.atomic():
        need = selectors.need_for_buyer(actor, need_id, lock=True)
        if target not in NEED_TRANSITIONS[need.status]:
            raise InvalidTransition(
                _("This need is “%(status)s” and cannot be closed.") % {"status": need.get_status_display()}
            )
        old = need.status
        need.status = target
        need.closed_at = need.updated_at = now
        need.save(update_fields=["status", "closed_at", "updated_at"])
        _audit(f"matching.need.{target}", need, actor=actor, organisation_id=need.buyer_organisation_id, now=now,
               changes={"status": [old, target]}, message=(reason or "").strip())
    return need


# ---- Vendor: interest and offers ----


def _buyer_people(organisation_id: int) -> list[User]:
    return list(User.objects.filter(
        is_active=True, memberships__organisation_id=organisation_id, memberships__role__in=Membership.BUYER_ROLES,
    ).distinct())


def interest_express(
    *, actor, need_id: int, product_id: int | None = None, message: str = "",
    offered_unit_price_idr: int | None = None, now: dt.datetime,
) -> NeedInterest:
    """The actor's vendor tells the buyer it can fill an open need: an offer when it gives a unit price,
    otherwise an expression of interest. A second answer replaces the first. The buyer's people are told."""
    vendor = selectors.vendor_of(actor)
    if vendor is None:
        raise PermissionDeniedError(_("Only a vendor business may answer a need."))
    price = _whole_rupiah(offered_unit_price_idr, "offered_unit_price_idr")
    with transaction.atomic():
        need = Need.objects.select_for_update().filter(pk=need_id).first()
        if need is None or not selectors.can_view(actor, need) or selectors.is_buyer_of(actor, need):
            raise NotFoundError(_("No such need."))
        if not need.is_open:
            raise InvalidTransition(
                _("This need is “%(status)s”: it no longer takes interest or offers.")
                % {"status": need.get_status_display()}
            )
        if vendor.status != VendorStatus.VERIFIED:
            raise PermissionDeniedError(_("Only a verified vendor may answer a need."))
        product = None
        if product_id is not None:
            product = Product.objects.filter(
                pk=product_id, vendor=vendor, status=ProductStatus.APPROVED
            ).first()
            if product is None:
                raise _invalid("product_id", _("Choose one of your own listed products."))
        kind = InterestKind.OFFER if price is not None else InterestKind.INTEREST
        interest = NeedInterest.objects.filter(need=need, vendor=vendor).first()
        created = interest is None
        if created:
            interest = NeedInterest(need=need, vendor=vendor, created_by=actor, created_at=now)
        old = {} if created else {"kind": interest.kind, "price": interest.offered_unit_price_idr}
        interest.product = product
        interest.kind = kind
        interest.message = (message or "").strip()
        interest.offered_unit_price_idr = price
        interest.updated_at = now
        try:
            interest.full_clean(exclude=["need", "vendor", "created_by"])
        except ValidationError as exc:
            raise validation_error_to_domain(exc) from None
        interest.save()
        _audit(
            f"matching.interest.{'offered' if kind == InterestKind.OFFER else 'expressed'}", interest, actor=actor,
            organisation_id=need.buyer_organisation_id, now=now,
            changes={"kind": [old.get("kind"), kind], "offered_unit_price_idr": [old.get("price"), price],
                     "product": product.sku if product else None},
        )
        _tell_buyer(need, vendor.name, kind, actor=actor, now=now)
    return interest


def _tell_buyer(need: Need, vendor_name: str, kind: str, *, actor, now: dt.datetime) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if kind == InterestKind.OFFER:
            title = _("%(vendor)s sent an offer for %(need)s") % {"vendor": vendor_name, "need": need.title}
        else:
            title = _("%(vendor)s is interested in %(need)s") % {"vendor": vendor_name, "need": need.title}
        body = _("Need %(ref)s: see who is interested and their offers.") % {"ref": need.ref}
    people = [u for u in _buyer_people(need.buyer_organisation_id) if u.pk != actor.pk]
    notify(people, kind=f"matching.interest.{kind}", title=str(title), body=str(body),
           url=reverse("matching:need_detail", args=[need.pk]), now=now, target=need)


# ---- Used by the import ----


def buyer_organisation_find(name: str) -> Organisation | None:
    """A buyer organisation by its name, ignoring case and surrounding spaces."""
    return (
        Organisation.objects.filter(kind=Organisation.Kind.BUYER)
        .filter(Q(name__iexact=(name or "").strip()))
        .order_by("id")
        .first()
    )


def need_refresh_matches(*, actor, need_id: int, now: dt.datetime) -> int:
    """The buyer asks for a fresh ranking now, rather than waiting for the background run."""
    need = selectors.need_for_buyer(actor, need_id)
    if not need.is_open:
        raise InvalidTransition(
            _("This need is “%(status)s”: its matches are kept as they were.") % {"status": need.get_status_display()}
        )
    return need_rematch(need.pk, now=now)
