"""Shapes of the e-purchasing API: orders and their steps (validation only: schemas never save).

Money is whole rupiah (`*_idr`), percentages are JSON numbers (`*_pct`), times ISO 8601 with the
site's offset, dates ISO 8601. Mini-competitions are in competition_schemas.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from katalog.procurement.models import BudgetSource, OrderStatus

from .schemas import Page, PageParams
from .serializers import iso, number

STATUSES = ", ".join(OrderStatus.values)
BUDGET_SOURCES = ", ".join(BudgetSource.values)
LINE_PRICES = "Unit prices in whole rupiah keyed by order line id (the `id` of an entry of `lines`)."


def plain(value):
    """Domain selectors' plain data as JSON values: local ISO times, ISO dates, percentages as numbers."""
    if isinstance(value, dt.datetime):
        return iso(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


# ---- Answers ----

class PartyOut(Schema):
    id: int
    name: str


class OrderListItemOut(Schema):
    id: int
    number: str
    status: str = Field(description=f"One of: {STATUSES}.")
    status_label: str
    title: str
    buyer_organisation: PartyOut
    vendor: PartyOut
    total_idr: int
    sp_number: str = Field(description="Surat Pesanan number; empty until the PPK issues it.")
    waiting_since: str | None = Field(description="Since when the current step waits on someone (expiry clock).")
    created_at: str
    updated_at: str
    url: str = Field(description="Path of the order in this API.")


class OrderPage(Page):
    items: list[OrderListItemOut]


class ViewerOut(Schema):
    is_buyer: bool
    is_ppk: bool
    is_vendor: bool


class OrderLineOut(Schema):
    id: int
    product_id: int
    category_id: int
    sku: str
    name: str
    unit: str
    quantity: int
    list_price_idr: int = Field(description="The catalogue price when the line was made.")
    unit_price_idr: int = Field(description="The agreed unit price (after negotiation).")
    subtotal_idr: int
    tkdn_pct: float | None
    bmp_pct: float | None
    is_local: bool = Field(description="Produk Lokal Lampung when ordered.")
    is_umk: bool
    is_pdn: bool = Field(description="TKDN + BMP of at least 40% when ordered.")


class OfferOut(Schema):
    id: int
    side: str = Field(description="buyer or vendor.")
    made_at: str
    unit_prices: dict[str, int] = Field(description=LINE_PRICES)
    total_idr: int
    message: str
    accepted_at: str | None


class AddendumOut(Schema):
    id: int
    version: int
    side: str = Field(description="Who proposed it: buyer or vendor.")
    proposed_at: str
    changes: dict = Field(description='Only what changes: {"quantities": {"<line id>": n}, "delivery_date", "terms"}.')
    previous: dict = Field(description="The values an accepted addendum replaced.")
    reason: str
    status: str = Field(description="proposed, accepted or rejected.")
    decided_at: str | None
    decision_reason: str


class DeliveryLineOut(Schema):
    order_line_id: int
    quantity: int


class BastOut(Schema):
    id: int
    number: str
    conforming: bool = Field(description="Function, quantity and delivery time all as agreed.")
    function_ok: bool
    quantity_ok: bool
    on_time: bool
    non_conformity: str
    signed_at: str
    value_idr: int = Field(description="Value received (0 for a non-conforming BAST).")


class DeliveryOut(Schema):
    id: int
    sequence: int
    shipped_at: str
    carrier: str
    lines: list[DeliveryLineOut]
    bast: BastOut | None


class PaymentOut(Schema):
    id: int
    amount_idr: int
    paid_date: str
    reference: str


class RatingOut(Schema):
    delivery_time: int
    quality: int
    fit_to_spec: int
    comment: str


class TimelineEventOut(Schema):
    occurred_at: str
    event_type: str = Field(description="procurement.order.<step>, e.g. procurement.order.approved.")
    actor_name: str
    changes: dict
    message: str


class DocumentOut(Schema):
    kind: str = Field(description="surat_pesanan or bast.")
    number: str
    page_url: str = Field(description="Path of the printable page.")
    pdf_url: str = Field(description="Path of the PDF file.")
    delivery_id: int | None = Field(None, description="For a BAST: the delivery it receives.")


class ReferencePriceOut(Schema):
    count: int = Field(description="Paid order lines of the category over the last 12 months.")
    q1_idr: int
    median_idr: int
    q3_idr: int


class LineReferenceOut(Schema):
    line_id: int
    category_id: int
    reference: ReferencePriceOut | None = Field(description="Null when fewer than 3 paid lines are known.")


class OrderOut(Schema):
    id: int
    number: str
    status: str = Field(description=f"One of: {STATUSES}.")
    status_label: str
    status_reason: str = Field(description="Why it was cancelled, rejected, declined or expired.")
    title: str
    buyer_organisation: PartyOut
    vendor: PartyOut
    delivery_address: str
    delivery_date: str
    budget_source: str
    budget_year: int
    rup_code: str
    notes: str
    local_justification: str
    pdn_justification: str
    total_idr: int
    paid_idr: int
    competition_id: int | None = Field(None, description="The mini-competition it was awarded from, if any.")
    sp_number: str
    sp_terms: str
    sp_signed_at: str | None
    vendor_signed_at: str | None
    waiting_since: str | None
    created_at: str
    viewer: ViewerOut = Field(description="The caller's part in the order (curators: all false).")
    lines: list[OrderLineOut]
    offers: list[OfferOut] = Field(description="Every negotiation offer, oldest first.")
    addenda: list[AddendumOut] = Field(description="Every addendum version.")
    deliveries: list[DeliveryOut]
    payments: list[PaymentOut]
    rating: RatingOut | None
    timeline: list[TimelineEventOut] = Field(description="Every recorded step, oldest first (the audit trail).")
    documents: list[DocumentOut] = Field(description="The Surat Pesanan once issued and each signed BAST.")
    reference_prices: list[LineReferenceOut] = Field(
        description="In draft and negotiation: quartiles of recently paid unit prices of each line's category."
    )


# ---- Inputs ----

class OrderFilters(PageParams):
    status: str = Field("", description=f"Only orders in this status: {STATUSES}.")


class OrderLineIn(Schema):
    sku: str = Field(description="SKU of a listed product.")
    quantity: int = Field(description="At least the product's minimum order.")


class OrderIn(Schema):
    """A new draft order; every product must come from one vendor."""

    vendor: str | None = Field(None, description="Vendor code; by default the vendor of the products.")
    title: str = Field(description="Package name.")
    delivery_address: str
    delivery_date: dt.date = Field(description="Today or later.")
    budget_source: str = Field(description=f"One of: {BUDGET_SOURCES}.")
    budget_year: int
    rup_code: str = Field("", description="RUP (SIRUP) package code, if there is one.")
    notes: str = ""
    lines: list[OrderLineIn]


class OrderLinesIn(Schema):
    lines: list[OrderLineIn] = Field(description="The new lines; they replace the old ones.")


class SendIn(Schema):
    negotiate: bool = Field(False, description="Open a price negotiation instead of asking for approval at once.")
    unit_prices: dict[str, int] | None = Field(None, description=f"With negotiate: the first offer. {LINE_PRICES}")
    local_justification: str = Field(
        "", description="Required when a Produk Lokal Lampung is listed in a line's category and was not chosen."
    )
    pdn_justification: str = Field(
        "", description="Required when a product with TKDN + BMP >= 40% is listed in a line's category and was not chosen."
    )


class OfferIn(Schema):
    unit_prices: dict[str, int] = Field(description=f"{LINE_PRICES} Lines left out keep the latest price.")
    message: str = ""


class ReasonIn(Schema):
    reason: str = Field(description="Required: why (kept with the order and shown to the other side).")


class SuratPesananIn(Schema):
    terms: str = Field("", description="Optional extra terms printed on the Surat Pesanan.")


class DeliveryIn(Schema):
    quantities: dict[str, int] = Field(description="Quantities shipped keyed by order line id.")
    carrier: str = Field("", description="Carrier or waybill number.")


class BastIn(Schema):
    number: str = Field(description="The buyer's own BAST number.")
    function_ok: bool
    quantity_ok: bool
    on_time: bool
    non_conformity: str = Field("", description="Required unless function, quantity and time are all right.")


class PaymentIn(Schema):
    amount_idr: int = Field(description="Whole rupiah; at most what is still owed.")
    paid_date: dt.date
    reference: str = Field(description="E.g. the SP2D number.")


class RatingIn(Schema):
    delivery_time: int = Field(description="1 to 5.")
    quality: int = Field(description="1 to 5.")
    fit_to_spec: int = Field(description="1 to 5.")
    comment: str = ""


class AddendumChangesIn(Schema):
    quantities: dict[str, int] | None = Field(None, description="New quantities keyed by order line id.")
    delivery_date: dt.date | None = None
    terms: str | None = Field(None, description="New extra terms of the Surat Pesanan.")


class AddendumIn(Schema):
    changes: AddendumChangesIn = Field(description="Only the fields sent change.")
    reason: str


class AddendumDecisionIn(Schema):
    accept: bool
    reason: str = Field("", description="Required when rejecting.")
