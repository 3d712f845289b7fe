"""Shapes of the P3DN figures in the API; money in whole rupiah, shares in percent with one decimal."""

import datetime as dt

from ninja import Field, Schema


class FigureFilters(Schema):
    period: str | None = Field(None, description="2025, 2025-Q2 or 2025-06; default this year")
    buyer_type: str | None = Field(None, description="instansi_vertikal, opd_provinsi, opd_kabkota, bumn, bumd, swasta")
    region: str | None = Field(None, description="Kemendagri code of the vendors' regency, e.g. 18.71")
    category: str | None = Field(None, description="category slug")


class AppliedFilters(Schema):
    period: str
    period_start: dt.date
    period_end: dt.date = Field(description="the first day after the period")
    buyer_type: str | None
    region: str | None
    category: str | None


class TotalsOut(Schema):
    value_idr: int
    pdn_idr: int
    local_idr: int
    umk_idr: int
    order_count: int
    pdn_pct: float | None
    local_pct: float | None
    umk_pct: float | None


class MonthOut(TotalsOut):
    month: str


class TargetsOut(Schema):
    year: int
    pdn_pct: float
    local_pct: float
    umk_pct: float
    is_default: bool


class GapsOut(Schema):
    pdn_pct: float | None = Field(description="percentage points below the target (negative: above)")
    local_pct: float | None
    umk_pct: float | None


class SummaryOut(Schema):
    filters: AppliedFilters
    totals: TotalsOut
    transacting_vendors: int
    targets: TargetsOut
    gaps: GapsOut
    trend: list[MonthOut]


class BreakdownRowOut(TotalsOut):
    key: str = Field(description="the filter value that narrows to this row")
    label: str


class BreakdownOut(Schema):
    filters: AppliedFilters
    by: str
    rows: list[BreakdownRowOut]


class CommitmentRowOut(Schema):
    key: str
    label: str
    count: int
    committed_idr: int
    realised_idr: int
    rate_pct: float | None


class CommitmentsOut(Schema):
    filters: AppliedFilters
    by: str
    rows: list[CommitmentRowOut]


class FunnelStepOut(Schema):
    step: str
    vendors: int
    pct_of_registered: float | None


class FunnelOut(Schema):
    filters: AppliedFilters
    steps: list[FunnelStepOut]
