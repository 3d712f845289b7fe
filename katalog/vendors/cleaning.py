"""Turning raw input (forms, API, imports) into clean vendor and document values, with reasons per field.

Pure apart from the Region type check: no database access, no saving. Services call these and raise
`ValidationFailed` with the collected field errors.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from katalog.regions.models import Region

from .identifiers import IdentifierError, normalise_nib, normalise_npwp, parse_kbli, parse_scale
from .models import DocumentKind, TkdnScheme

BUSINESS_FIELDS = (
    "name", "nib", "npwp", "scale", "region", "address", "kbli",
    "contact_name", "contact_phone", "contact_email", "description",
)
REQUIRED_AT_REGISTRATION = frozenset({"name", "nib", "npwp", "scale", "region", "kbli"})
DOCUMENT_FIELDS = (
    "kind", "number", "issuer", "issued_date", "valid_until", "covers", "tkdn_pct", "bmp_pct", "tkdn_scheme",
)
TKDN_FIELDS = ("tkdn_pct", "bmp_pct", "tkdn_scheme")


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def _name(raw) -> str:
    value = _text(raw)
    if not value:
        raise IdentifierError(_("Enter the business name."))
    return value


def _region(raw) -> Region:
    if not isinstance(raw, Region):
        raise IdentifierError(_("Choose the regency or city where the business is."))
    return raw


def _kbli(raw) -> list[str]:
    codes = parse_kbli(raw)
    if not codes:
        raise IdentifierError(_("Enter at least one KBLI code (5 digits, e.g. 10792; 13921)."))
    return codes


def _phone(raw) -> str:
    value = _text(raw)
    if value and not re.fullmatch(r"\+?[\d\s\-().]{6,30}", value):
        raise IdentifierError(_("Enter a phone number with digits only, e.g. 081234567890."))
    return value


def _email(raw) -> str:
    value = _text(raw)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise IdentifierError(_("Enter a valid email address.")) from None
    return value


_BUSINESS_CLEANERS = {
    "name": _name,
    "nib": normalise_nib,
    "npwp": normalise_npwp,
    "scale": parse_scale,
    "region": _region,
    "address": _text,
    "kbli": _kbli,
    "contact_name": _text,
    "contact_phone": _phone,
    "contact_email": _email,
    "description": _text,
}


def clean_business(data: dict, *, required: frozenset[str] = frozenset()) -> tuple[dict, dict[str, list[str]]]:
    """Clean the business fields present in `data` (and complain about missing required ones)."""
    cleaned: dict = {}
    errors: dict[str, list[str]] = {}
    for key in BUSINESS_FIELDS:
        if key not in data:
            if key in required:
                try:
                    _BUSINESS_CLEANERS[key](None)
                except IdentifierError as exc:
                    errors[key] = [str(exc)]
            continue
        try:
            cleaned[key] = _BUSINESS_CLEANERS[key](data[key])
        except IdentifierError as exc:
            errors[key] = [str(exc)]
    return cleaned, errors


def audit_value(value):
    """How a field value is written into an audit event."""
    if isinstance(value, Region):
        return f"{value.name} ({value.code})"
    if isinstance(value, Decimal):
        return str(value)
    return value


# ---- documents ----

def _date(raw, label: str) -> dt.date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        value = parse_date(str(raw).strip())
    except ValueError:
        value = None
    if value is None:
        raise IdentifierError(_("%(label)s must be a date like 2025-12-31.") % {"label": label})
    return value


def _percent(raw, *, maximum: Decimal, message: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # Indonesian decimal comma: 45,5
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise IdentifierError(_("Enter a number, e.g. 45.5.")) from None
    if not value.is_finite() or value < 0 or value > maximum:
        raise IdentifierError(message)
    if value != value.quantize(Decimal("0.01")):
        raise IdentifierError(_("Use at most two decimals."))
    return value.quantize(Decimal("0.01"))


def clean_document(data: dict) -> tuple[dict, dict[str, list[str]]]:
    """Check a certificate or permit: required fields, dates in order, TKDN values only on TKDN documents."""
    cleaned: dict = {}
    errors: dict[str, list[str]] = {}

    def attempt(key, fn):
        try:
            cleaned[key] = fn()
        except IdentifierError as exc:
            errors[key] = [str(exc)]

    kind = _text(data.get("kind")).upper()
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose the kind of document.")]
    cleaned["kind"] = kind
    cleaned["number"] = _text(data.get("number"))
    if not cleaned["number"]:
        errors["number"] = [_("Enter the document number.")]
    cleaned["issuer"] = _text(data.get("issuer"))
    if not cleaned["issuer"]:
        errors["issuer"] = [_("Enter who issued the document.")]
    cleaned["covers"] = _text(data.get("covers"))
    attempt("issued_date", lambda: _date(data.get("issued_date"), _("Issue date")))
    attempt("valid_until", lambda: _date(data.get("valid_until"), _("Valid until")))
    issued, until = cleaned.get("issued_date"), cleaned.get("valid_until")
    if issued and until and until < issued:
        errors["valid_until"] = [_("The document cannot expire before it was issued.")]

    bmp_max = Decimal(str(settings.KATALOG["BMP_MAX_PCT"]))
    attempt("tkdn_pct", lambda: _percent(
        data.get("tkdn_pct"), maximum=Decimal(100), message=_("TKDN must be between 0 and 100%.")
    ))
    attempt("bmp_pct", lambda: _percent(
        data.get("bmp_pct"), maximum=bmp_max,
        message=_("BMP must be between 0 and %(max)s%% (Permenperin 35/2025).") % {"max": bmp_max},
    ))
    scheme = _text(data.get("tkdn_scheme"))
    cleaned["tkdn_scheme"] = scheme
    if kind == DocumentKind.TKDN:
        if cleaned.get("tkdn_pct") is None and "tkdn_pct" not in errors:
            errors["tkdn_pct"] = [_("A TKDN certificate needs its TKDN value.")]
        if scheme not in TkdnScheme.values:
            errors["tkdn_scheme"] = [_("Choose how the TKDN value was established (assessed or self-declared).")]
    elif kind:
        for key in TKDN_FIELDS:
            if data.get(key) not in (None, "") and key not in errors:
                errors[key] = [_("Only a TKDN certificate carries TKDN, BMP and scheme values; leave this empty.")]
    return cleaned, errors
