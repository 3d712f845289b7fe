"""Shapes of the mini-competition API (validation only: schemas never save).

No answer here carries a quote's price except `QuotesOut`, which is filled only from
katalog.procurement.competitions.selectors.quotes_visible_to (sealed until the deadline).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from katalog.procurement.models import BudgetSource, CompetitionStatus

from .procurement_schemas import PartyOut
from .schemas import Page, PageParams

STATUSES = ", ".join(CompetitionStatus.values)


# ---- Answers ----

class CompetitionCategoryOut(Schema):
    slug: str
    name: str


class CompetitionListItemOut(Schema):
    id: int
    title: str
    status: str = Field(description=f"One of: {STATUSES}.")
    status_label: str
    buyer_organisation: PartyOut
    category: CompetitionCategoryOut
    quantity: int
    unit: str
    deadline_at: str
    sealed: bool = Field(description="Before the deadline: no quote's price is shown to anyone but its vendor.")
    url: str = Field(description="Path of the competition in this API.")


class CompetitionPage(Page):
    items: list[CompetitionListItemOut]


class InvitationOut(Schema):
    vendor_id: int
    name: str
    code: str
    region: str
    is_umk: bool
    is_verified: bool
    invited_at: str


class CompetitionOut(CompetitionListItemOut):
    specification: str
    status_reason: str
    package_value_idr: int | None = Field(description="The buyer's estimate; decides whether the price preference "
                                          "applies unless the province applies it to every competition.")
    delivery_address: str
    delivery_date: str
    budget_source: str
    budget_year: int
    preference_applied: bool | None = Field(description="Set by the evaluation: ranked by HEA (true) or by the "
                                            "offered price (false).")
    awarded_quote_id: int | None
    published_at: str | None
    evaluated_at: str | None
    awarded_at: str | None
    created_at: str
    invitations: list[InvitationOut] = Field(description="Who is invited is public to the participants; quotes are not.")


class QuoteOut(Schema):
    quote_id: int
    vendor_id: int
    vendor_name: str
    product_id: int | None
    product_name: str
    unit_price_idr: int
    quantity: int
    offered_total_idr: int = Field(description="HP: unit price x quantity, the price that is ranked.")
    tkdn_pct: float | None
    notes: str
    submitted_at: str
    revision: int = Field(description="How many times the vendor has submitted (a new quote replaces the old).")
    rank: int | None = Field(description="Set by the evaluation.")
    kp_pct: float | None = Field(description="KP in percent: TKDN x 25% from TKDN 25%, else 0.")
    evaluated_price_idr: int | None = Field(description="HEA = (1 - KP) x HP, or HP without the preference.")
    explanation: str = Field(description="The arithmetic in words, once evaluated.")


class QuotesOut(Schema):
    sealed: bool = Field(description="True before the deadline: `quotes` is empty for everyone.")
    quote_count: int | None = Field(description="For the buyer and curators; for invited vendors after the deadline.")
    own_quote: QuoteOut | None = Field(description="An invited vendor's own quote, price included.")
    quotes: list[QuoteOut] = Field(description="After the deadline: every quote, by rank once evaluated.")
    evaluated: bool
    preference_applied: bool | None


class AwardOut(Schema):
    competition_id: int
    order_id: int = Field(description="The draft order made from the awarded quote at the offered unit price.")
    order_number: str
    order_url: str = Field(description="Path of the order in this API.")


class SuggestedVendorOut(Schema):
    vendor_id: int
    name: str
    region: str
    is_local: bool = Field(description="Lists a Produk Lokal Lampung in the category.")
    is_umk: bool
    product_count: int = Field(description="Listed products in the category and below it.")
    max_tkdn_pct: float | None = Field(None, description="Highest TKDN among those products.")


# ---- Inputs ----

class CompetitionFilters(PageParams):
    status: str = Field("", description=f"Only competitions in this status: {STATUSES}.")


class SuggestionQuery(Schema):
    category: str = Field(description="Category slug; vendors listing products in it or below it.")
    limit: int = Field(10, ge=1, le=50)


class CompetitionIn(Schema):
    title: str = Field(description="Package name.")
    specification: str
    category: str = Field(description="Category slug.")
    quantity: int = Field(ge=1)
    unit: str
    deadline_at: dt.datetime = Field(description="Quote deadline, ISO 8601 with its offset, in the future.")
    delivery_address: str
    delivery_date: dt.date
    budget_source: str = Field(description=f"One of: {', '.join(BudgetSource.values)}.")
    budget_year: int
    package_value_idr: int | None = Field(None, ge=0, description="Estimate in whole rupiah.")
    vendor_ids: list[int] = Field([], description="Verified vendors to invite now (see suggested-vendors).")


class InviteIn(Schema):
    vendor_ids: list[int] = Field(description="Verified vendors to invite as well.")


class QuoteIn(Schema):
    unit_price_idr: int = Field(description="Offered unit price in whole rupiah.")
    sku: str | None = Field(None, description="One of your listed products; an award needs one.")
    tkdn_pct: Decimal | None = Field(None, description="Declared TKDN when the product has none on record.")
    notes: str = ""


class CancelIn(Schema):
    reason: str


class AwardIn(Schema):
    quote_id: int | None = Field(None, description="By default the quote ranked first; another needs a reason.")
    reason: str = ""
