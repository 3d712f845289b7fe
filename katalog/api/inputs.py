"""API input to the `data` dicts the domain services take (Product field names, model instances)."""

from __future__ import annotations

from . import selectors

# API name -> Product field name, for the fields passed through unchanged.
_PLAIN = {
    "sku": "sku",
    "name": "name",
    "description": "description",
    "unit": "unit",
    "price": "price_idr",
    "min_order": "min_order",
    "capacity_per_month": "capacity_per_month",
    "tkdn": "tkdn_pct",
    "bmp": "bmp_pct",
    "certifications": "certifications",
}


def product_data(values: dict) -> dict:
    """Translate the fields present in `values`; unknown category or region codes are a 422."""
    data: dict = {}
    for api_name, field in _PLAIN.items():
        if api_name in values:
            data[field] = values[api_name]
    if data.get("sku") is None:
        data.pop("sku", None)
    if "category" in values:
        slug = values["category"]
        data["category"] = selectors.optional_category(slug)
    if "origin_regency" in values:
        code = values["origin_regency"]
        data["origin_region"] = selectors.region_by_code(code, field="origin_regency") if code else None
    if data.get("certifications") is None and "certifications" in data:
        data["certifications"] = []
    return data

