"""Shapes of the API's answers and inputs (validation only: schemas never save)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    code: str
    detail: str
    errors: dict | list | None = None


# Every error an endpoint behind a token may answer: no token, a role or state that forbids it, an
# unknown object, a refused state change, invalid input.
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class RegionRef(Schema):
    code: str
    name: str


class CategoryRef(Schema):
    slug: str
    name: str
    path: list[str]


class VendorRef(Schema):
    code: str
    name: str
    scale: str
    umk: bool
    regency: RegionRef | None


class BadgeOut(Schema):
    code: str
    label: str


class ProductOut(Schema):
    sku: str
    name: str
    description: str
    price: int = Field(description="Highest unit price in whole rupiah.")
    unit: str
    min_order: int
    capacity_per_month: int | None
    category: CategoryRef
    vendor: VendorRef
    origin_regency: RegionRef | None = Field(description="Where it is made; null means imported or unknown.")
    tkdn: float | None = Field(description="TKDN in percent.")
    bmp: float | None = Field(description="BMP in percent (at most 15).")
    certifications: list[str]
    badges: list[BadgeOut]
    photo_url: str | None
    url: str = Field(description="Absolute path of the product page.")
    listed_at: str | None = Field(description="ISO 8601 with offset.")


class OwnProductOut(ProductOut):
    status: str
    status_label: str
    status_reason: str
    submitted_at: str | None
    updated_at: str | None


class QueuedProductOut(OwnProductOut):
    waiting_days: int | None
    kbli_warning: str | None = Field(description="Why the vendor's KBLI may not fit the category, if it does not.")


class Page(Schema):
    count: int
    page: int
    page_size: int
    pages: int


class ProductPage(Page):
    items: list[ProductOut]


class ReasonOut(Schema):
    code: str = Field(description="name, name_some, text, some_words, priority_*, or a badge code.")
    label: str


class ProductListItemOut(ProductOut):
    """A product in the list; the ranking fields are there when the answer comes from the search index."""

    score: int | None = Field(None, description="Relevance: 3 per word found in the name, 1 elsewhere.")
    tier: int | None = Field(None, description="P3DN priority: 0 local UMK, 1 other local, 2 PDN, 3 the rest.")
    reasons: list[ReasonOut] | None = Field(
        None, description="Why it ranks here: where the words were found, its priority, then its badges."
    )


class ValueCountOut(Schema):
    value: str
    count: int


class CategoryCountOut(Schema):
    slug: str
    name: str
    level: int
    parent: str | None = Field(description="Slug of the parent category.")
    count: int = Field(description="Products in this category and its subcategories.")


class RegionCountOut(Schema):
    code: str
    name: str
    count: int


class PriceRangeOut(Schema):
    min: int | None
    max: int | None


class FacetsOut(Schema):
    total: int
    categories: list[CategoryCountOut]
    regencies: list[RegionCountOut] = Field(description="By the vendor's regency/city.")
    scales: list[ValueCountOut]
    certifications: list[ValueCountOut]
    tkdn: list[ValueCountOut] = Field(description="Buckets: unknown, below_25, 25_to_40, 40_plus.")
    local: int = Field(description="How many are Produk Lokal Lampung.")
    price: PriceRangeOut


class ProductListPage(Page):
    items: list[ProductListItemOut]
    sort: str | None = None
    facets: FacetsOut | None = Field(None, description="Counts over every matching product, not only this page.")
    corrections: dict[str, str] | None = Field(None, description="Typed word -> the known word searched instead.")
    matched_every_word: bool | None = Field(
        None, description="False when no product has every word and products with some of them are shown."
    )


class SuggestionOut(Schema):
    kind: str = Field(description="product or category.")
    label: str
    url: str
    sku: str | None = None
    slug: str | None = None
    regency: str | None = Field(None, description="The vendor's regency/city, for a product.")
    local: bool | None = None


class SuggestionsOut(Schema):
    q: str
    suggestions: list[SuggestionOut]


class OwnProductPage(Page):
    items: list[OwnProductOut]


class QueuedProductPage(Page):
    items: list[QueuedProductOut]


class CertificateOut(Schema):
    kind: str
    number: str
    issuer: str
    valid_until: str | None


class PublicCertificateOut(CertificateOut):
    covers: str
    tkdn: float | None
    bmp: float | None
    tkdn_scheme: str
    state: str = Field(description="valid, expiring (soon) or no_expiry; expired certificates are not shown.")


class VendorOut(VendorRef):
    nib: str
    kbli: list[str]
    description: str
    certificates: list[PublicCertificateOut]
    product_count: int


class QueuedDocumentOut(CertificateOut):
    has_file: bool


class QueuedVendorOut(VendorRef):
    nib: str
    npwp: str
    kbli: list[str]
    description: str
    status: str
    status_label: str
    status_reason: str
    submitted_at: str | None
    waiting_days: int | None
    documents: list[QueuedDocumentOut]


class QueuedVendorPage(Page):
    items: list[QueuedVendorOut]


class CategoryOut(Schema):
    slug: str
    name: str
    level: int
    kbli_codes: list[str]
    product_count: int
    children: list[CategoryOut]


class RegionOut(Schema):
    code: str
    bps_code: str
    name: str
    level: str
    parent: str | None


class MembershipOut(Schema):
    organisation: str
    organisation_id: int
    kind: str
    role: str


class MeOut(Schema):
    username: str
    name: str
    platform_role: str
    memberships: list[MembershipOut]


# ---- Inputs ----

class PageParams(Schema):
    page: int = Field(1, description="Page number, from 1.")
    page_size: int = Field(24, description="Items per page, at most settings.KATALOG['API_PAGE_SIZE_MAX'].")


class ProductIn(Schema):
    """A new product. Category by slug, origin by Kemendagri code (empty: imported/unknown)."""

    sku: str | None = None
    name: str
    description: str = ""
    category: str = Field(description="Category slug.")
    unit: str
    price: int = Field(ge=0, description="Highest unit price in whole rupiah.")
    min_order: int = Field(1, ge=1)
    capacity_per_month: int | None = Field(None, ge=0)
    origin_regency: str | None = Field(None, description="Kemendagri code, e.g. 18.71; null if imported.")
    tkdn: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    bmp: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    certifications: list[str] = []


class ProductPatch(Schema):
    """Only the fields sent are changed."""

    name: str | None = None
    description: str | None = None
    category: str | None = None
    unit: str | None = None
    price: int | None = Field(None, ge=0)
    min_order: int | None = Field(None, ge=1)
    capacity_per_month: int | None = Field(None, ge=0)
    origin_regency: str | None = None
    tkdn: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    bmp: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    certifications: list[str] | None = None


class ReasonIn(Schema):
    reason: str = Field(min_length=1, description="Why, in words the vendor can act on.")
