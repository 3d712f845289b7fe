"""Writes to the catalogue: products, their curation life cycle, prices and photos.

Every function is keyword-only, runs in one transaction, checks who acts, and writes an audit event
("catalog.product.<event>") so curators and oversight can read a product's whole history.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.audit.services import audit_record
from katalog.core import hooks
from katalog.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from katalog.core.money import format_rupiah
from katalog.core.uploads import EXTENSIONS, IMAGE_TYPES, check_upload
from katalog.vendors import access as vendor_access
from katalog.vendors.models import Vendor, VendorStatus

from . import pricing, states
from .kbli import product_kbli_problem  # noqa: F401  (part of this module's API)
from .models import PriceChange, Product, ProductPhoto, ProductStatus
from .product_data import (
    SUBSTANTIVE_FIELDS,
    apply_product_data,
    audit_value,
    clean_product_data,
    document_expiry_problem,
)

# ---- Who may act ----

def _require_editor(actor, vendor: Vendor) -> None:
    """Curators may manage any vendor's products; a vendor only its own, once verified."""
    if access.is_curator(actor):
        return
    vendor_access.require_vendor_member(actor, vendor)
    vendor_access.require_verified(vendor)


def _organisation_id(actor, vendor: Vendor) -> int | None:
    return vendor.organisation_id if vendor_access.can_act_for_vendor(actor, vendor) else None


def _audit(*, actor, product: Product, event: str, now, changes=None, message: str = "") -> None:
    """Record the change, and let derived data (the search index) follow it in the same transaction."""
    hooks.changed("product", [product.pk])
    audit_record(
        event_type=f"catalog.product.{event}",
        target=product,
        actor=actor,
        changes=changes or {},
        message=message,
        organisation_id=_organisation_id(actor, product.vendor),
        occurred_at=now,
    )


def _today(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def _lock(product: Product) -> Product:
    """The product row, locked until the transaction ends (`of=self`: PostgreSQL refuses to lock the
    nullable side of the outer join to the certificate)."""
    return (
        Product.objects.select_for_update(of=("self",))
        .select_related("vendor", "category", "tkdn_document")
        .get(pk=product.pk)
    )


def _sync(target: Product, source: Product, fields: list[str]) -> None:
    for field in fields:
        setattr(target, field, getattr(source, field))


def _next_sku(vendor: Vendor) -> str:
    n = Product.objects.filter(vendor=vendor).count() + 1
    while Product.objects.filter(sku=f"{vendor.code}-{n}").exists():
        n += 1
    return f"{vendor.code}-{n}"


# ---- Create and edit ----

def product_create(*, actor, vendor: Vendor, data: dict, now: dt.datetime) -> Product:
    """A new product in draft. `data` keys are Product field names (see product_data.FIELDS)."""
    _require_editor(actor, vendor)
    vendor_access.require_verified(vendor)
    cleaned = clean_product_data(data)
    with transaction.atomic():
        product = Product(vendor=vendor, status=ProductStatus.DRAFT, created_at=now, updated_at=now)
        if not cleaned.get("sku"):
            cleaned["sku"] = _next_sku(vendor)
        changes = apply_product_data(product, cleaned, today=_today(now), creating=True)
        product.save()
        _audit(
            actor=actor, product=product, event="created", now=now,
            changes={field: {"old": None, "new": audit_value(new)} for field, (_old, new) in changes.items()},
        )
    return product


def _recuration_reason(*, changes: dict, old_price: int, new_price: int, price_recuration: bool) -> str:
    parts = []
    if price_recuration:
        pct = pricing.price_change_pct(old_price, new_price).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        parts.append(
            _("The price changed from %(old)s to %(new)s (%(pct)s%%), more than the %(limit)s%% "
              "a listed product may change without curation.")
            % {
                "old": format_rupiah(old_price), "new": format_rupiah(new_price), "pct": pct,
                "limit": settings.KATALOG["PRICE_CHANGE_RECURATION_PCT"],
            }
        )
    substantive = [f for f in SUBSTANTIVE_FIELDS if f in changes]
    if substantive:
        labels = ", ".join(str(Product._meta.get_field(f).verbose_name) for f in substantive)
        parts.append(_("Changed after listing: %(fields)s.") % {"fields": labels})
    return " ".join(parts)


def product_update(*, actor, product: Product, data: dict, now: dt.datetime) -> Product:
    """Change the fields in `data` that really differ; a listed product may go back to curation.

    A price change is kept in PriceChange. A listed product returns to curation when its price moves
    more than KATALOG["PRICE_CHANGE_RECURATION_PCT"] or when what buyers rely on changes (name,
    description, category, unit, origin, TKDN/BMP and certificate, certifications); minimum order
    and monthly capacity do not need a curator.
    """
    _require_editor(actor, product.vendor)
    cleaned = clean_product_data(data)
    with transaction.atomic():
        locked = _lock(product)
        old_price = locked.price_idr
        changes = apply_product_data(locked, cleaned, today=_today(now), creating=False)
        if not changes:
            return product
        locked.updated_at = now
        fields = [*changes.keys(), "updated_at"]
        new_price = locked.price_idr
        price_changed = "price_idr" in changes
        price_recuration = price_changed and pricing.price_change_needs_recuration(old_price, new_price)
        substantive = any(f in changes for f in SUBSTANTIVE_FIELDS)
        recurate = locked.status == ProductStatus.APPROVED and (price_recuration or substantive)
        reason = ""
        if recurate:
            locked.status = states.next_status(locked.status, states.RECURATE)
            locked.submitted_at = now
            reason = _recuration_reason(
                changes=changes, old_price=old_price, new_price=new_price, price_recuration=price_recuration
            )
            locked.status_reason = reason
            fields += ["status", "submitted_at", "status_reason"]
        locked.save(update_fields=fields)

        _audit(
            actor=actor, product=locked, event="updated", now=now,
            changes={f: {"old": audit_value(o), "new": audit_value(n)} for f, (o, n) in changes.items()},
        )
        if price_changed:
            PriceChange.objects.create(
                product=locked, old_price_idr=old_price, new_price_idr=new_price, changed_at=now,
                changed_by=actor if getattr(actor, "is_authenticated", False) else None, source="web",
            )
            _audit(
                actor=actor, product=locked, event="price_changed", now=now,
                changes={"price_idr": {"old": old_price, "new": new_price},
                         "change_pct": str(pricing.price_change_pct(old_price, new_price))},
            )
        if recurate:
            _audit(
                actor=actor, product=locked, event="resubmitted", now=now,
                changes={"status": {"old": ProductStatus.APPROVED.value, "new": locked.status}}, message=reason,
            )
    _sync(product, locked, [f.attname for f in Product._meta.concrete_fields])
    return product


# ---- The curation life cycle ----

def _transition(*, actor, product: Product, action: str, now, event: str, reason: str = "") -> Product:
    with transaction.atomic():
        locked = _lock(product)
        old_status = locked.status
        locked.status = states.next_status(old_status, action)
        fields = ["status", "status_reason", "updated_at"]
        locked.status_reason = reason
        locked.updated_at = now
        if action == states.SUBMIT:
            problem = document_expiry_problem(locked, _today(now))
            if problem:
                raise ValidationFailed(problem, field_errors={"tkdn_document": [problem]})
            locked.submitted_at = now
            fields.append("submitted_at")
        if action == states.APPROVE:
            locked.approved_at = now
            fields.append("approved_at")
        locked.save(update_fields=fields)
        _audit(
            actor=actor, product=locked, event=event, now=now,
            changes={"status": {"old": old_status, "new": locked.status}}, message=reason,
        )
    _sync(product, locked, ["status", "status_reason", "updated_at", "submitted_at", "approved_at"])
    return product


def product_submit(*, actor, product: Product, now: dt.datetime) -> Product:
    """Draft, returned or withdrawn → waiting for curation."""
    _require_editor(actor, product.vendor)
    return _transition(actor=actor, product=product, action=states.SUBMIT, now=now, event="submitted")


def product_approve(*, actor, product: Product, now: dt.datetime) -> Product:
    """Waiting → listed (tayang). Curators only; the vendor must still be verified."""
    access.require_curator(actor)
    if product.vendor.status != VendorStatus.VERIFIED:
        raise InvalidTransition(
            _("%(vendor)s is not a verified vendor; its products cannot be listed.") % {"vendor": product.vendor}
        )
    return _transition(actor=actor, product=product, action=states.APPROVE, now=now, event="approved")


def product_return(*, actor, product: Product, reason: str, now: dt.datetime) -> Product:
    """Waiting → returned to the vendor, with the reason it must fix. Curators only."""
    access.require_curator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Say why the product is returned, so the vendor knows what to fix."),
            field_errors={"reason": [_("This field is required.")]},
        )
    return _transition(
        actor=actor, product=product, action=states.RETURN, now=now, event="returned", reason=reason
    )


def product_withdraw(*, actor, product: Product, now: dt.datetime) -> Product:
    """Listed or waiting → withdrawn by the vendor itself."""
    vendor_access.require_vendor_member(actor, product.vendor)
    return _transition(actor=actor, product=product, action=states.WITHDRAW, now=now, event="withdrawn")


# ---- Photos ----

def _check_image(file) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationFailed(_("The photo could not be read as an image.")) from None
    finally:
        file.seek(0)


def product_photo_add(*, actor, product: Product, file, now: dt.datetime) -> ProductPhoto:
    """Add a JPEG or PNG photo, up to KATALOG["PRODUCT_PHOTOS_MAX"] per product."""
    _require_editor(actor, product.vendor)
    content_type = check_upload(file, allowed=IMAGE_TYPES)
    _check_image(file)
    limit = settings.KATALOG["PRODUCT_PHOTOS_MAX"]
    with transaction.atomic():
        locked = _lock(product)
        existing = list(locked.photos.values_list("position", flat=True))
        if len(existing) >= limit:
            raise ValidationFailed(
                _("A product may have at most %(max)s photos; delete one first.") % {"max": limit}
            )
        photo = ProductPhoto(product=locked, position=max(existing, default=-1) + 1, uploaded_at=now)
        photo.image.save(f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}", file, save=False)
        name = photo.image.name
        try:
            photo.full_clean()
            photo.save()
            _audit(
                actor=actor, product=locked, event="photo_added", now=now,
                changes={"photo": {"old": None, "new": name}},
            )
        except Exception:
            photo.image.storage.delete(name)
            raise
    return photo


def product_photo_delete(*, actor, photo: ProductPhoto, now: dt.datetime) -> None:
    product = photo.product
    _require_editor(actor, product.vendor)
    with transaction.atomic():
        locked = _lock(product)
        if not ProductPhoto.objects.filter(pk=photo.pk, product=locked).exists():
            raise PermissionDeniedError(_("This photo does not belong to the product."))
        name, storage = photo.image.name, photo.image.storage
        photo.delete()
        _audit(
            actor=actor, product=locked, event="photo_deleted", now=now,
            changes={"photo": {"old": name, "new": None}},
        )
        transaction.on_commit(lambda: storage.delete(name))
