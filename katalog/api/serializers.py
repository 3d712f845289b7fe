"""Rows to plain JSON-ready data. Badges come from katalog.catalog (never recomputed here).

Every function expects the related rows it reads to be loaded already (see katalog.api.selectors),
so serialising a page costs no query per item.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from katalog.catalog.kbli import product_kbli_problem
from katalog.catalog.selectors import product_card
from katalog.search.reasons import ranking_reasons


def iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 with the site's offset (Asia/Jakarta: +07:00)."""
    return timezone.localtime(value).isoformat() if value is not None else None


def number(value: Decimal | None) -> float | int | None:
    """A percentage as a JSON number: 45 for 45.00, 37.5 for 37.50."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def region_ref(region) -> dict | None:
    if region is None:
        return None
    return {"code": region.code, "name": region.name}


def category_ref(category) -> dict:
    names = [category.name]
    node = category
    while node.parent_id:
        node = node.parent
        names.insert(0, node.name)
    return {"slug": category.slug, "name": category.name, "path": names}


def vendor_ref(vendor) -> dict:
    return {
        "code": vendor.code,
        "name": vendor.name,
        "scale": vendor.scale,
        "umk": vendor.is_umk,
        "regency": region_ref(vendor.region),
    }


def product_public(product) -> dict:
    """A listed product as the public sees it."""
    card = product_card(product)
    return {
        "sku": product.sku,
        "name": product.name,
        "description": product.description,
        "price": product.price_idr,
        "unit": product.unit,
        "min_order": product.min_order,
        "capacity_per_month": product.capacity_per_month,
        "category": category_ref(product.category),
        "vendor": vendor_ref(product.vendor),
        "origin_regency": region_ref(product.origin_region),
        "tkdn": number(product.tkdn_pct),
        "bmp": number(product.bmp_pct),
        "certifications": list(product.certifications or []),
        "badges": [{"code": b.code, "label": b.label} for b in card["badges"]],
        "photo_url": card["photo_url"],
        "url": reverse("catalog:product_detail", args=[product.sku]),
        "listed_at": iso(product.approved_at),
    }


def product_ranked(item: dict, *, clauses: list[list[str]], matched_every_word: bool, sort: str) -> dict:
    """An item of katalog.search.selectors.search: the public product, its score, tier and reasons."""
    data = product_public(item["product"])
    reasons = ranking_reasons(
        clauses=clauses, name=item["name"], tier=item["tier"], matched_every_word=matched_every_word, sort=sort
    )
    data.update(
        {
            "score": item["score"],
            "tier": item["tier"],
            "reasons": [{"code": r.code, "label": r.label} for r in reasons] + data["badges"],
        }
    )
    return data


def search_page(result, *, sort: str) -> dict:
    """A page of search results in the list envelope, with facets and spelling corrections."""
    clauses = result.query.clauses
    return {
        "count": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "pages": result.pages,
        "items": [
            product_ranked(item, clauses=clauses, matched_every_word=result.matched_every_word, sort=sort)
            for item in result.items
        ],
        "sort": sort,
        "facets": result.facets,
        "corrections": dict(result.query.corrections),
        "matched_every_word": result.matched_every_word,
    }


def suggestion(row: dict) -> dict:
    """A row of katalog.search.selectors.suggest, with the page it leads to."""
    if row["kind"] == "product":
        return {
            "kind": "product", "label": row["label"], "sku": row["sku"], "regency": row["region"],
            "local": row["is_local"], "url": reverse("catalog:product_detail", args=[row["sku"]]),
        }
    return {
        "kind": "category", "label": row["label"], "slug": row["slug"],
        "url": f"{reverse('search:results')}?{urlencode({'kategori': row['slug']})}",
    }


def product_own(product) -> dict:
    """A product as its vendor (or a curator) sees it: every status, with the curator's reason."""
    data = product_public(product)
    data.update(
        {
            "status": product.status,
            "status_label": str(product.get_status_display()),
            "status_reason": product.status_reason,
            "submitted_at": iso(product.submitted_at),
            "updated_at": iso(product.updated_at),
        }
    )
    return data


def product_in_queue(product, *, now: dt.datetime) -> dict:
    data = product_own(product)
    data["waiting_days"] = waiting_days(product.submitted_at, now=now)
    data["kbli_warning"] = product_kbli_problem(product, for_curator=True)
    return data


def waiting_days(since: dt.datetime | None, *, now: dt.datetime) -> int | None:
    if since is None:
        return None
    return max(0, (now - since).days)


def certificate(document) -> dict:
    return {
        "kind": document.kind,
        "number": document.number,
        "issuer": document.issuer,
        "valid_until": document.valid_until.isoformat() if document.valid_until else None,
    }


def public_certificate(row: dict) -> dict:
    """A row of katalog.vendors.selectors.vendor_certificates_public."""
    return {
        "kind": row["kind"],
        "number": row["number"],
        "issuer": row["issuer"],
        "valid_until": row["valid_until"].isoformat() if row["valid_until"] else None,
        "covers": row["covers"],
        "tkdn": number(row["tkdn_pct"]),
        "bmp": number(row["bmp_pct"]),
        "tkdn_scheme": row["tkdn_scheme"],
        "state": row["state"],
    }


def vendor_public(vendor, *, certificates: list[dict], product_count: int) -> dict:
    """A verified vendor as the public sees it: NIB is public business data, NPWP is not."""
    data = vendor_ref(vendor)
    data.update(
        {
            "nib": vendor.nib,
            "kbli": list(vendor.kbli or []),
            "description": vendor.description,
            "certificates": [public_certificate(row) for row in certificates],
            "product_count": product_count,
        }
    )
    return data


def vendor_in_queue(vendor, *, now: dt.datetime) -> dict:
    """A vendor as a curator checks it, with its identifiers and documents."""
    data = vendor_ref(vendor)
    data.update(
        {
            "nib": vendor.nib,
            "npwp": vendor.npwp,
            "kbli": list(vendor.kbli or []),
            "description": vendor.description,
            "status": vendor.status,
            "status_label": str(vendor.get_status_display()),
            "status_reason": vendor.status_reason,
            "submitted_at": iso(vendor.submitted_at),
            "waiting_days": waiting_days(vendor.submitted_at, now=now),
            "documents": [
                {**certificate(d), "has_file": bool(d.file)} for d in vendor.documents.all()
            ],
        }
    )
    return data


def category_node(node: dict) -> dict:
    category = node["category"]
    return {
        "slug": category.slug,
        "name": category.name,
        "level": category.level,
        "kbli_codes": list(category.kbli_codes or []),
        "product_count": node["count"],
        "children": [category_node(child) for child in node["children"]],
    }


def region(region) -> dict:
    return {
        "code": region.code,
        "bps_code": region.bps_code,
        "name": region.name,
        "level": region.level,
        "parent": region.parent.code if region.parent_id else None,
    }


def me(user, memberships) -> dict:
    return {
        "username": user.get_username(),
        "name": user.name,
        "platform_role": user.platform_role,
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_id": m.organisation_id,
                "kind": m.organisation.kind,
                "role": m.role,
            }
            for m in memberships
        ],
    }
