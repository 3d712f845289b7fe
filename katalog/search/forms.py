"""The search page's query string, checked: bad values are ignored with a note, never a server error."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from katalog.catalog.models import Category, Certification
from katalog.regions.selectors import region_by_code
from katalog.vendors.models import BusinessScale

from .selectors import SORTS, SearchFilters


def _decimal(raw: str):
    try:
        value = Decimal(raw.replace(",", "."))
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() and 0 <= value <= 100 else None


def _rupiah(raw: str):
    digits = (raw or "").replace(".", "").replace(",", "").strip()
    return int(digits) if digits.isdigit() else None


def filters_from_query(params) -> tuple[SearchFilters, str, list[str]]:
    """(filters, sort, notes about ignored values) from a QueryDict."""
    notes = []
    filters = SearchFilters()
    if slug := params.get("kategori", "").strip():
        filters.category = Category.objects.filter(slug=slug, is_active=True).first()
        if filters.category is None:
            notes.append(_("Unknown category %(value)r was ignored.") % {"value": slug})
    if code := params.get("kabupaten", "").strip():
        filters.regency = region_by_code(code)
        if filters.regency is None:
            notes.append(_("Unknown regency %(value)r was ignored.") % {"value": code})
    filters.scales = [s for s in params.getlist("skala") if s in BusinessScale.values]
    filters.certifications = [c for c in params.getlist("sertifikasi") if c in Certification.values]
    if raw := params.get("tkdn_min", "").strip():
        filters.tkdn_min = _decimal(raw)
        if filters.tkdn_min is None:
            notes.append(_("TKDN must be a number from 0 to 100."))
    filters.price_min = _rupiah(params.get("harga_min", ""))
    filters.price_max = _rupiah(params.get("harga_max", ""))
    filters.local_only = params.get("lokal") in {"1", "true", "on"}
    sort = params.get("urut", "relevance")
    return filters, (sort if sort in SORTS else "relevance"), notes
