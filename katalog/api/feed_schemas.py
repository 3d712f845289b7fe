"""Shapes of the public change feed (validation only: schemas never save)."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from katalog.events.models import CommitmentStatus
from katalog.procurement.models import CompetitionStatus, OrderStatus

from .schemas import ProductOut, RegionRef, VendorRef


class FeedParams(Schema):
    cursor: str = Field("", description="`next_cursor` of the previous page; none to start from the beginning.")
    limit: int | None = Field(
        None, description="Changes per page: settings.KATALOG['FEED_PAGE_SIZE'] (100) unless told, at most "
        "settings.KATALOG['API_PAGE_SIZE_MAX'] (200).",
    )


class BuyerOut(Schema):
    name: str
    type: str = Field(description="instansi_vertikal, opd_provinsi, opd_kabkota, bumn, bumd or swasta.")
    region: RegionRef | None


class CategoryNameOut(Schema):
    slug: str
    name: str


class OrderLinePublicOut(Schema):
    sku: str
    name: str
    unit: str
    quantity: int
    category_id: int
    category: CategoryNameOut | None
    list_price_idr: int = Field(description="The catalogue price when the line was made.")
    unit_price_idr: int = Field(description="The agreed unit price.")
    subtotal_idr: int
    tkdn_pct: float | None
    bmp_pct: float | None
    is_local: bool = Field(description="Produk Lokal Lampung when ordered.")
    is_umk: bool
    is_pdn: bool = Field(description="TKDN + BMP of at least 40% when ordered.")


class PaymentPublicOut(Schema):
    paid_date: str
    amount_idr: int


class DeliveryPublicOut(Schema):
    sequence: int
    shipped_at: str
    received_at: str | None = Field(description="When the buyer signed its BAST; null until then.")
    conforming: bool | None
    received_value_idr: int | None


class OrderPublicOut(Schema):
    number: str
    status: str = Field(description=", ".join(OrderStatus.values) + " (a draft is never public).")
    title: str
    buyer: BuyerOut
    vendor: VendorRef
    budget_year: int
    budget_source: str
    rup_code: str
    total_idr: int
    competition_id: int | None = Field(description="The mini-competition this order was awarded from, if any.")
    local_justification: str = Field(description="Why a non-local product was chosen over a local one.")
    pdn_justification: str = Field(description="Why a product with TKDN + BMP below 40% was chosen.")
    delivery_date: str | None
    submitted_at: str | None
    sp_number: str
    sp_signed_at: str | None
    vendor_accepted_at: str | None
    completed_at: str | None
    realised_on: str | None = Field(description="Date of the payment that paid it in full.")
    updated_at: str
    lines: list[OrderLinePublicOut]
    payments: list[PaymentPublicOut]
    deliveries: list[DeliveryPublicOut]


class AwardOut(Schema):
    vendor: VendorRef
    unit_price_idr: int
    total_idr: int
    tkdn_pct: float | None
    rank: int | None = Field(description="Its rank in the evaluation (1 unless the buyer gave a reason).")


class CompetitionPublicOut(Schema):
    title: str
    status: str = Field(description=", ".join(CompetitionStatus.values) + " (a draft is never public).")
    buyer: BuyerOut
    category: CategoryNameOut
    quantity: int
    unit: str
    deadline_at: str
    package_value_idr: int | None
    budget_year: int
    budget_source: str
    published_at: str | None
    evaluated_at: str | None
    awarded_at: str | None
    quote_count: int | None = Field(description="How many quotes arrived; null until the evaluation.")
    preference_applied: bool | None = Field(description="Whether the ranking used the TKDN price preference.")
    invited_vendors: list[VendorRef] | None = Field(description="Null until the evaluation.")
    award: AwardOut | None = Field(description="The awarded quote; null until the award.")


class EventNameOut(Schema):
    name: str
    date: str


class RealisingOrderOut(Schema):
    number: str
    status: str
    total_idr: int


class CommitmentPublicOut(Schema):
    buyer: BuyerOut
    vendor: VendorRef
    event: EventNameOut | None
    category: CategoryNameOut | None
    value_idr: int
    expected_purchase_date: str
    rup_code: str
    status: str = Field(description=", ".join(CommitmentStatus.values) + ".")
    recorded_at: str
    cancelled_at: str | None
    realised_idr: int = Field(description="Total of the linked orders paid or completed.")
    in_progress_idr: int = Field(description="Total of the linked orders on their way.")
    orders: list[RealisingOrderOut] = Field(description="The sent orders that realise it.")


class FeedItem(Schema):
    id: int = Field(description="The object's id: the key a mirror stores it under.")
    changed_at: str = Field(description="When its latest change in this page was made.")
    deleted: bool = Field(description="The object no longer exists.")
    public: bool = Field(description="False when deleted or not (or no longer) public: delete it from a mirror.")


class OrderFeedItem(FeedItem):
    object: OrderPublicOut | None


class CompetitionFeedItem(FeedItem):
    object: CompetitionPublicOut | None


class ProductFeedItem(FeedItem):
    object: ProductOut | None


class CommitmentFeedItem(FeedItem):
    object: CommitmentPublicOut | None


class FeedPage(Schema):
    next_cursor: str = Field(description="Send it back as `cursor` for the next page, now or when polling later.")
    has_more: bool = Field(description="More changes are ready: ask again at once.")


class OrderFeedPage(FeedPage):
    items: list[OrderFeedItem]


class CompetitionFeedPage(FeedPage):
    items: list[CompetitionFeedItem]


class ProductFeedPage(FeedPage):
    items: list[ProductFeedItem]


class CommitmentFeedPage(FeedPage):
    items: list[CommitmentFeedItem]
