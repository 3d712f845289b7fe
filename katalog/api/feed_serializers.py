"""The public view of each fed object, field by field: what katalog.feed.public loaded, as JSON-ready data.

No personal data: no person's name, e-mail, phone or address (not even the delivery address, which may
be someone's house), no free text people write about each other (notes, reasons, messages), no payment
reference. Organisations and vendor businesses appear by their public names and codes. A product is the
same object as GET /products/{sku} answers.
"""

from __future__ import annotations

import datetime as dt

from katalog.events.realisation import in_progress_idr, realised_idr
from katalog.feed import positions
from katalog.feed.models import FeedKind
from katalog.feed.selectors import FeedEntry, FeedPage

from .serializers import iso, number, product_public, region_ref, vendor_ref


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _buyer(organisation) -> dict:
    return {"name": organisation.name, "type": organisation.buyer_type, "region": region_ref(organisation.region)}


def _category(category) -> dict | None:
    return {"slug": category.slug, "name": category.name} if category is not None else None


def _line(line) -> dict:
    return {
        "sku": line.sku,
        "name": line.name,
        "unit": line.unit,
        "quantity": line.quantity,
        "category_id": line.category_id,
        "category": _category(line.public_category),
        "list_price_idr": line.list_price_idr,
        "unit_price_idr": line.unit_price_idr,
        "subtotal_idr": line.subtotal_idr,
        "tkdn_pct": number(line.tkdn_pct),
        "bmp_pct": number(line.bmp_pct),
        "is_local": line.is_local,
        "is_umk": line.is_umk,
        "is_pdn": line.is_pdn,
    }


def _delivery(delivery) -> dict:
    bast = getattr(delivery, "bast", None)
    return {
        "sequence": delivery.sequence,
        "shipped_at": iso(delivery.shipped_at),
        "received_at": iso(bast.signed_at) if bast else None,
        "conforming": bast.conforming if bast else None,
        "received_value_idr": bast.value_idr if bast else None,
    }


def order_public(order) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "title": order.title,
        "buyer": _buyer(order.buyer_organisation),
        "vendor": vendor_ref(order.vendor),
        "budget_year": order.budget_year,
        "budget_source": order.budget_source,
        "rup_code": order.rup_code,
        "total_idr": order.total_idr,
        "competition_id": order.competition_id,
        "local_justification": order.local_justification,
        "pdn_justification": order.pdn_justification,
        "delivery_date": _date(order.delivery_date),
        "submitted_at": iso(order.submitted_at),
        "sp_number": order.sp_number,
        "sp_signed_at": iso(order.sp_signed_at),
        "vendor_accepted_at": iso(order.vendor_signed_at),
        "completed_at": iso(order.completed_at),
        "realised_on": _date(order.realised_on),
        "updated_at": iso(order.updated_at),
        "lines": [_line(line) for line in order.lines.all()],
        "payments": [{"paid_date": _date(p.paid_date), "amount_idr": p.amount_idr} for p in order.payments.all()],
        "deliveries": [_delivery(d) for d in order.deliveries.all()],
    }


def _award(quote: dict | None, competition) -> dict | None:
    if quote is None:
        return None
    return {
        "vendor": vendor_ref(quote["vendor"]),
        "unit_price_idr": quote["unit_price_idr"],
        "total_idr": quote["unit_price_idr"] * competition.quantity,
        "tkdn_pct": number(quote["tkdn_pct"]),
        "rank": quote["rank"],
    }


def competition_public(competition) -> dict:
    evaluated = competition.public_quote_count is not None
    return {
        "title": competition.title,
        "status": competition.status,
        "buyer": _buyer(competition.buyer_organisation),
        "category": _category(competition.category),
        "quantity": competition.quantity,
        "unit": competition.unit,
        "deadline_at": iso(competition.deadline_at),
        "package_value_idr": competition.package_value_idr,
        "budget_year": competition.budget_year,
        "budget_source": competition.budget_source,
        "published_at": iso(competition.published_at),
        "evaluated_at": iso(competition.evaluated_at),
        "awarded_at": iso(competition.awarded_at),
        "quote_count": competition.public_quote_count,
        "preference_applied": competition.preference_applied if evaluated else None,
        "invited_vendors": [vendor_ref(i.vendor) for i in competition.invitations.all()] if evaluated else None,
        "award": _award(competition.public_award, competition),
    }


def commitment_public(commitment) -> dict:
    orders = [link.order for link in commitment.realisations.all()]
    totals = [(order.status, order.total_idr) for order in orders]
    event = commitment.event
    return {
        "buyer": _buyer(commitment.buyer_organisation),
        "vendor": vendor_ref(commitment.vendor),
        "event": {"name": event.name, "date": _date(event.date)} if event is not None else None,
        "category": _category(commitment.category),
        "value_idr": commitment.value_idr,
        "expected_purchase_date": _date(commitment.expected_purchase_date),
        "rup_code": commitment.rup_code,
        "status": commitment.status,
        "recorded_at": iso(commitment.recorded_at),
        "cancelled_at": iso(commitment.cancelled_at),
        "realised_idr": realised_idr(totals),
        "in_progress_idr": in_progress_idr(totals),
        "orders": [{"number": o.number, "status": o.status, "total_idr": o.total_idr} for o in orders],
    }


PUBLIC_VIEWS = {
    FeedKind.ORDERS: order_public,
    FeedKind.COMPETITIONS: competition_public,
    FeedKind.PRODUCTS: product_public,
    FeedKind.COMMITMENTS: commitment_public,
}


def entry(kind: str, item: FeedEntry) -> dict:
    return {
        "id": item.object_id,
        "changed_at": iso(item.changed_at),
        "deleted": item.deleted,
        "public": item.public,
        "object": PUBLIC_VIEWS[kind](item.object) if item.object is not None else None,
    }


def page(kind: str, result: FeedPage) -> dict:
    return {
        "items": [entry(kind, item) for item in result.entries],
        "next_cursor": positions.encode(result.next_position),
        "has_more": result.has_more,
    }
