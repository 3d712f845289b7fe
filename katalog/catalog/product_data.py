"""Checking the data of a product before a service saves it (no writes here).

`clean_product_data` turns the loose `data` dict a form or the API passes into typed values, and
`apply_product_data` applies it to a Product with every cross-field rule: TKDN and BMP ranges, the
TKDN certificate, certifications and a unique SKU. Both collect every problem before raising, so a
caller gets all field errors at once and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from katalog.core.errors import ValidationFailed, validation_error_to_domain
from katalog.regions.models import Region
from katalog.vendors.models import DocumentKind, Vendor, VendorDocument

from .models import Category, Certification, Product

FIELDS = (
    "sku", "name", "description", "category", "unit", "price_idr", "min_order", "capacity_per_month",
    "origin_region", "tkdn_pct", "bmp_pct", "tkdn_document", "certifications",
)
# A change to one of these sends a listed product back to curation; min_order and capacity do not.
SUBSTANTIVE_FIELDS = (
    "name", "description", "category", "unit", "origin_region", "tkdn_pct", "bmp_pct", "tkdn_document",
    "certifications",
)
_TEXT = ("sku", "name", "description", "unit")


def _bmp_max() -> Decimal:
    return Decimal(str(settings.KATALOG["BMP_MAX_PCT"]))


def _whole_number(value, field: str, errors: dict, *, minimum: int) -> int | None:
    if isinstance(value, bool):
        value = None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if not isinstance(value, int):
        errors.setdefault(field, []).append(_("Enter a whole number."))
        return None
    if value < minimum:
        errors.setdefault(field, []).append(
            _("Enter a number of at least %(minimum)s.") % {"minimum": minimum}
        )
        return None
    return value


def _percent(value, field: str, errors: dict) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        errors.setdefault(field, []).append(_("Enter a percentage such as 45 or 45.5."))
        return None
    if not number.is_finite():
        errors.setdefault(field, []).append(_("Enter a percentage such as 45 or 45.5."))
        return None
    return number


def clean_product_data(data: dict) -> dict:
    """Typed values for the keys present in `data`; ValidationFailed listing every problem."""
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        errors["__all__"] = [_("Unknown product fields: %(fields)s.") % {"fields": ", ".join(unknown)}]
    cleaned: dict = {}
    for key in FIELDS:
        if key not in data:
            continue
        value = data[key]
        if key in _TEXT:
            text = "" if value is None else str(value)
            cleaned[key] = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        elif key == "category":
            if value is not None and not isinstance(value, Category):
                errors.setdefault(key, []).append(_("Choose a category."))
            cleaned[key] = value if isinstance(value, Category) else None
        elif key == "origin_region":
            if value not in (None, "") and not isinstance(value, Region):
                errors.setdefault(key, []).append(_("Choose a regency or leave it empty."))
            cleaned[key] = value if isinstance(value, Region) else None
        elif key == "tkdn_document":
            if value not in (None, "") and not isinstance(value, VendorDocument):
                errors.setdefault(key, []).append(_("Choose one of your TKDN certificates."))
            cleaned[key] = value if isinstance(value, VendorDocument) else None
        elif key == "price_idr":
            cleaned[key] = _whole_number(value, key, errors, minimum=0)
        elif key == "min_order":
            cleaned[key] = _whole_number(value, key, errors, minimum=1)
        elif key == "capacity_per_month":
            cleaned[key] = None if value in (None, "") else _whole_number(value, key, errors, minimum=1)
        elif key in ("tkdn_pct", "bmp_pct"):
            cleaned[key] = _percent(value, key, errors)
        elif key == "certifications":
            cleaned[key] = _certifications(value, errors)
    if "/" in cleaned.get("sku", ""):
        errors.setdefault("sku", []).append(_("A SKU cannot contain “/”."))
    if errors:
        raise _failed(errors)
    return cleaned


def _certifications(value, errors: dict) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    codes: list[str] = []
    for raw in value:
        code = str(raw).strip().upper()
        if code not in Certification.values:
            errors.setdefault("certifications", []).append(
                _("Unknown certification %(code)r; use one of %(known)s.")
                % {"code": str(raw), "known": ", ".join(Certification.values)}
            )
        elif code not in codes:
            codes.append(code)
    return codes


def _certification_order(code: str) -> int:
    return Certification.values.index(code) if code in Certification.values else len(Certification.values)


def _failed(errors: dict) -> ValidationFailed:
    field, messages = next(iter(errors.items()))
    prefix = "" if field == "__all__" else f"{field}: "
    return ValidationFailed(f"{prefix}{messages[0]}", field_errors=errors)


def _check_document(document: VendorDocument, vendor: Vendor, today: dt.date, errors: dict) -> None:
    if document.vendor_id != vendor.pk:
        errors.setdefault("tkdn_document", []).append(_("This certificate belongs to another business."))
    elif document.kind != DocumentKind.TKDN:
        errors.setdefault("tkdn_document", []).append(
            _("%(document)s is not a TKDN certificate.") % {"document": document}
        )
    elif document.valid_until is not None and document.valid_until < today:
        errors.setdefault("tkdn_document", []).append(
            _("The TKDN certificate %(number)s expired on %(date)s.")
            % {"number": document.number, "date": document.valid_until.isoformat()}
        )


def document_expiry_problem(product: Product, today: dt.date) -> str | None:
    document = product.tkdn_document
    if document is not None and document.valid_until is not None and document.valid_until < today:
        return _("The TKDN certificate %(number)s expired on %(date)s; choose a valid certificate.") % {
            "number": document.number, "date": document.valid_until.isoformat(),
        }
    return None


def apply_product_data(product: Product, data: dict, *, today: dt.date, creating: bool) -> dict:
    """Apply cleaned `data` to `product` (unsaved) and check every rule.

    Returns {field: (old, new)} of the fields that really changed. Raises ValidationFailed.
    """
    vendor = product.vendor
    errors: dict[str, list[str]] = {}
    values = dict(data)

    document = values.get("tkdn_document", product.tkdn_document if not creating else None)
    document_changed = "tkdn_document" in values and (
        creating or (document.pk if document else None) != product.tkdn_document_id
    )
    if document is not None and document_changed:
        _check_document(document, vendor, today, errors)
    if document is not None and "tkdn_document" in values and not errors.get("tkdn_document"):
        # The certificate's values are the default: for a new certificate, or when left empty.
        for field in ("tkdn_pct", "bmp_pct"):
            if values.get(field) is None and (field in values or document_changed):
                if getattr(document, field) is not None:
                    values[field] = getattr(document, field)

    tkdn = values.get("tkdn_pct", product.tkdn_pct)
    bmp = values.get("bmp_pct", product.bmp_pct)
    if tkdn is not None and not Decimal(0) <= Decimal(tkdn) <= Decimal(100):
        errors.setdefault("tkdn_pct", []).append(_("TKDN must be between 0 and 100%."))
    if bmp is not None and not Decimal(0) <= Decimal(bmp) <= _bmp_max():
        errors.setdefault("bmp_pct", []).append(
            _("BMP must be between 0 and %(max)s%%.") % {"max": _bmp_max()}
        )
    if bmp is not None and tkdn is None:
        errors.setdefault("bmp_pct", []).append(_("A BMP value needs a TKDN value."))
    if document is not None and not errors.get("tkdn_document"):
        for field, label, value in (("tkdn_pct", "TKDN", tkdn), ("bmp_pct", "BMP", bmp)):
            expected = getattr(document, field)
            if expected is not None and value is not None and Decimal(value) != Decimal(expected):
                errors.setdefault(field, []).append(
                    _("%(label)s must be %(expected)s%% as on the certificate %(number)s.")
                    % {"label": label, "expected": expected, "number": document.number}
                )

    certifications = list(values.get("certifications", product.certifications or []))
    if tkdn is not None and Certification.TKDN not in certifications:
        certifications.append(Certification.TKDN.value)
    elif tkdn is None and Certification.TKDN in certifications:
        if "certifications" in values:
            errors.setdefault("certifications", []).append(_("A TKDN certification needs a TKDN value."))
        else:  # the TKDN value was removed: so is the claim
            certifications.remove(Certification.TKDN)
    values["certifications"] = sorted(certifications, key=_certification_order)

    category = values.get("category", product.category if product.category_id else None)
    if "category" in values:
        if category is None:
            errors.setdefault("category", []).append(_("Choose a category."))
        elif not category.is_active and (creating or category.pk != product.category_id):
            errors.setdefault("category", []).append(
                _("The category %(name)s is closed for new products.") % {"name": category.name}
            )

    sku = values.get("sku", product.sku)
    if sku and Product.objects.filter(sku=sku).exclude(pk=product.pk).exists():
        errors.setdefault("sku", []).append(
            _("SKU %(sku)s is already used by another product; choose another or leave it empty.")
            % {"sku": sku}
        )
    if errors:
        raise _failed(errors)

    changes: dict = {}
    for field, new in values.items():
        old = getattr(product, field) if not creating else None
        if creating or _differs(old, new):
            changes[field] = (old, new)
        setattr(product, field, new)
    try:
        product.full_clean()
    except ValidationError as exc:
        raise validation_error_to_domain(exc) from None
    return changes


def _differs(old, new) -> bool:
    if hasattr(old, "pk") or hasattr(new, "pk"):
        return getattr(old, "pk", None) != getattr(new, "pk", None)
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is not new
        return Decimal(old) != Decimal(new)
    return old != new


def audit_value(value):
    """A value as the audit trail stores it: objects by their label, numbers as they are."""
    if value is None or isinstance(value, int | str | list):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    return str(value)
