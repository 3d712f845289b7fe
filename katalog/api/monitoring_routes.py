"""P3DN figures (public, no login): realised purchases and the shares of domestic (PDN), local and
micro/small-business (UMK) products against the year's targets, by month, buyer type, vendor regency and
category; commitments against their realisation; the vendor funnel. The same numbers as /p3dn/.
By buyer organisation, as on the leaders' dashboard, for leaders and curators only (with a token or session)."""

from typing import Literal

from ninja import Query, Router

from katalog.accounts.access import require_leader
from katalog.core import clock
from katalog.monitoring import selectors
from katalog.monitoring.figures import Totals, gap_pct
from katalog.monitoring.filters import parse_filters
from katalog.monitoring.targets import targets_for

from .auth import AUTH
from .monitoring_schemas import (
    BreakdownOut,
    CommitmentsOut,
    FigureFilters,
    FunnelOut,
    SummaryOut,
)
from .schemas import ERRORS

router = Router(tags=["p3dn"])

FILTERS_HELP = (
    "period: a year (2025), a quarter (2025-Q2) or a month (2025-06), Asia/Jakarta calendar; default this year. "
    "buyer_type, region (a Kemendagri code such as 18.71) and category (a slug; includes its sub-categories) "
    "narrow every figure. A value that is not valid is a 422 naming the parameter."
)


def _filters(query: FigureFilters):
    return parse_filters(query.dict(exclude_none=True), today=clock.today())


def _totals(totals: Totals) -> dict:
    return {"value_idr": totals.value_idr, "pdn_idr": totals.pdn_idr, "local_idr": totals.local_idr,
            "umk_idr": totals.umk_idr, "order_count": totals.order_count, "pdn_pct": totals.pdn_pct,
            "local_pct": totals.local_pct, "umk_pct": totals.umk_pct}


def _applied(filters) -> dict:
    return {"period": filters.period.code, "period_start": filters.period.start,
            "period_end": filters.period.end, "buyer_type": filters.buyer_type or None,
            "region": filters.region.code if filters.region else None,
            "category": filters.category.slug if filters.category else None}


@router.get("/p3dn/summary", response={200: SummaryOut, **ERRORS}, auth=None,
            summary="Headline figures with targets and gaps, and the monthly trend of the period's year",
            description=FILTERS_HELP)
def summary(request, query: Query[FigureFilters]):
    filters = _filters(query)
    totals = selectors.totals(filters)
    targets = targets_for(filters.period.year)
    return {
        "filters": _applied(filters),
        "totals": _totals(totals),
        "transacting_vendors": selectors.transacting_vendors(filters),
        "targets": {"year": targets.year, "pdn_pct": targets.pdn_pct, "local_pct": targets.local_pct,
                    "umk_pct": targets.umk_pct, "is_default": targets.is_default},
        "gaps": {"pdn_pct": gap_pct(totals.pdn_pct, targets.pdn_pct),
                 "local_pct": gap_pct(totals.local_pct, targets.local_pct),
                 "umk_pct": gap_pct(totals.umk_pct, targets.umk_pct)},
        "trend": [{"month": month.isoformat()[:7], **_totals(month_totals)}
                  for month, month_totals in selectors.trend(filters)],
    }


@router.get("/p3dn/breakdown/{by}", response={200: BreakdownOut, **ERRORS}, auth=None,
            summary="Realised purchases by buyer type, vendor regency or category, largest first",
            description=FILTERS_HELP + " The rows sum to the summary's totals.")
def breakdown(request, by: Literal["buyer_type", "region", "category"], query: Query[FigureFilters]):
    filters = _filters(query)
    return _breakdown(filters, by)


def _breakdown(filters, by: str) -> dict:
    rows = selectors.breakdown(filters, by)
    return {"filters": _applied(filters), "by": by,
            "rows": [{"key": row.key, "label": row.label, **_totals(row.totals)} for row in rows]}


BUYERS_HELP = (" Rows are keyed by the buyer organisation's id. Leaders and curators only (a token or a session): "
               "the public figures stop at the buyer type.")


@router.get("/p3dn/buyers", response={200: BreakdownOut, **ERRORS}, auth=AUTH,
            summary="Realised purchases by buyer organisation, largest first (leaders and curators)",
            description=FILTERS_HELP + BUYERS_HELP + " The rows sum to the summary's totals.")
def by_buyer(request, query: Query[FigureFilters]):
    require_leader(request.auth)
    return _breakdown(_filters(query), "buyer")


@router.get("/p3dn/commitments/{by}", response={200: CommitmentsOut, **ERRORS}, auth=None,
            summary="Commitments recorded in the period and the paid orders linked to them",
            description=FILTERS_HELP)
def commitments(request, by: Literal["buyer_type", "region", "category"], query: Query[FigureFilters]):
    return _commitments(_filters(query), by)


@router.get("/p3dn/buyers/commitments", response={200: CommitmentsOut, **ERRORS}, auth=AUTH,
            summary="Commitments recorded in the period by buyer organisation, and their realisation "
            "(leaders and curators)", description=FILTERS_HELP + BUYERS_HELP)
def commitments_by_buyer(request, query: Query[FigureFilters]):
    require_leader(request.auth)
    return _commitments(_filters(query), "buyer")


def _commitments(filters, by: str) -> dict:
    rows = selectors.commitments(filters, by)
    return {"filters": _applied(filters), "by": by, "rows": [
        {"key": row.key, "label": row.label, "count": row.count, "committed_idr": row.committed_idr,
         "realised_idr": row.realised_idr, "rate_pct": row.rate_pct} for row in rows]}


@router.get("/p3dn/funnel", response={200: FunnelOut, **ERRORS}, auth=None,
            summary="Vendors who registered in the period: verified, with a product listed, with a first order",
            description=FILTERS_HELP)
def funnel(request, query: Query[FigureFilters]):
    filters = _filters(query)
    result = selectors.funnel(filters)
    return {"filters": _applied(filters), "steps": [
        {"step": name, "vendors": count, "pct_of_registered": pct} for name, count, pct in result.steps()]}
