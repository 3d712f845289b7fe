"""Shapes of the needs, matches and opportunities API (validation only: schemas never save).

Money is whole rupiah (`*_idr`), dates ISO 8601, times ISO 8601 with the site's offset. No answer carries
another vendor's interest or offer to a vendor: interests come only from
katalog.matching.selectors.interests_visible_to.
"""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from katalog.accounts.models import BuyerType
from katalog.matching.models import InterestKind, NeedStatus

from .schemas import Page, PageParams

STATUSES = ", ".join(NeedStatus.values)


# ---- Answers ----

class NeedBuyerOut(Schema):
    id: int
    name: str
    buyer_type: str


class NeedCategoryOut(Schema):
    slug: str
    name: str


class NeedRegionOut(Schema):
    code: str
    name: str


class NeedOut(Schema):
    id: int
    ref: str
    title: str
    description: str
    status: str = Field(description=f"One of: {STATUSES}.")
    status_label: str
    buyer_organisation: NeedBuyerOut
    category: NeedCategoryOut | None
    quantity: int
    unit: str
    budget_idr: int | None = Field(description="Total budget for the whole quantity, whole rupiah.")
    delivery_region: NeedRegionOut
    needed_by: str | None
    rup_code: str
    created_at: str
    updated_at: str
    closed_at: str | None
    matched_at: str | None = Field(description="When the stored matches were computed; null until the first run.")
    url: str = Field(description="Path of the need in this API.")


class NeedPage(Page):
    items: list[NeedOut]


class MatchProductOut(Schema):
    id: int
    sku: str
    name: str
    unit: str
    price_idr: int = Field(description="Unit price.")
    total_idr: int = Field(description="Unit price × the need's quantity.")
    capacity_per_month: int | None
    tkdn_pct: float | None
    category: str
    origin_region: str | None


class MatchVendorOut(Schema):
    id: int
    code: str
    name: str
    scale: str
    region: str | None
    is_umk: bool


class MatchBadgeOut(Schema):
    code: str
    label: str


class MatchOut(Schema):
    rank: int
    score: float = Field(description="Higher is better; comparable within one need.")
    fits: bool = Field(description="False: cannot fill the need as asked (see the reasons); ranked last.")
    reasons: list[str]
    computed_at: str
    product: MatchProductOut
    vendor: MatchVendorOut
    is_local: bool = Field(description="Produk Lokal Lampung.")
    badges: list[MatchBadgeOut]


class InterestVendorOut(Schema):
    id: int
    code: str
    name: str
    scale: str
    region: str | None
    contact_name: str
    contact_phone: str
    contact_email: str


class InterestProductOut(Schema):
    id: int
    sku: str
    name: str


class InterestOut(Schema):
    id: int
    kind: str = Field(description=f"One of: {', '.join(InterestKind.values)}.")
    kind_label: str
    vendor: InterestVendorOut
    product: InterestProductOut | None
    message: str
    offered_unit_price_idr: int | None
    created_at: str
    updated_at: str


class NeedDetailOut(NeedOut):
    matches: list[MatchOut] = Field(
        description="The stored ranking, best first; a vendor sees only its own products."
    )
    interests: list[InterestOut] = Field(description="The buyer and curators see all; a vendor only its own.")


class OpportunityOut(NeedOut):
    fits: bool = Field(description="One of your products can fill the need as asked.")
    matches: list[MatchOut] = Field(description="Your products among the need's matches.")
    interest: InterestOut | None = Field(description="Your answer, if you sent one.")


class RowErrorOut(Schema):
    row: int | None
    column: str
    message: str


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    buyers_created: list[str] = Field(description="Buyer organisations the import created (curators only).")
    need_ids: list[int]


# ---- Input ----

class NeedFilters(PageParams):
    status: str = Field("", description=f"Only needs in this status: {STATUSES}.")
    q: str = Field("", description="Words in the title, the reference or the buyer's name.")


class NeedIn(Schema):
    title: str
    description: str = ""
    category: str = Field("", description="Category slug (or name); empty: every category.")
    quantity: int = Field(1, ge=1)
    unit: str = ""
    budget_idr: int | None = Field(None, ge=0, description="Total budget for the whole quantity.")
    regency_code: str = Field(description="Kemendagri code of the regency of delivery, 18.71 (1871 accepted).")
    needed_by: dt.date | None = None
    rup_code: str = ""
    ref: str = Field("", description="Your own reference; empty: KEB-<year>-<number> is given.")


class NeedPatch(Schema):
    """Only the fields sent are changed."""

    title: str | None = None
    description: str | None = None
    category: str | None = Field(None, description="Category slug; an empty string removes the category.")
    quantity: int | None = Field(None, ge=1)
    unit: str | None = None
    budget_idr: int | None = Field(None, ge=0)
    regency_code: str | None = None
    needed_by: dt.date | None = None
    rup_code: str | None = None
    ref: str | None = None


class CloseIn(Schema):
    fulfilled: bool = Field(False, description="True: bought; false: no longer needed.")
    reason: str = ""


class InterestIn(Schema):
    sku: str | None = Field(None, description="One of your listed products.")
    message: str = ""
    offered_unit_price_idr: int | None = Field(
        None, ge=0, description="With a price the answer is an offer; without, an expression of interest."
    )


BUYER_TYPES = ", ".join(BuyerType.values)
