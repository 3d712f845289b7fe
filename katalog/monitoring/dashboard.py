"""What the dashboard pages show: the tables for a set of filters, the chart series, the filter choices."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min
from django.urls import reverse

from katalog.accounts.models import BuyerType, Organisation
from katalog.catalog.models import Category
from katalog.regions.models import Region
from katalog.regions.selectors import home_province_code

from . import selectors, tables
from .filters import Filters
from .models import PurchaseCell
from .periods import MONTH, QUARTER, YEAR, Period
from .targets import targets_for

# Tables anyone may see and download; the others name buyers and orders, for leaders and curators.
PUBLIC_TABLES = ("summary", "trend", "buyer_type", "region", "category", "commitments_buyer_type",
                 "commitments_region", "funnel")
TABLES = (*PUBLIC_TABLES, "buyer", "commitments_buyer", "commitments_category", "justifications")
# The workbook of every table holds the figures; the justifications are a list of orders (a year may hold tens
# of thousands) with an export of its own.
WORKBOOK_TABLES = tuple(key for key in TABLES if key != "justifications")
TOP_ROWS = 10
JUSTIFICATIONS_SHOWN = 10


def build_table(key: str, filters: Filters, *, limit: int | None = None) -> tables.Table:
    if key == "summary":
        return tables.summary_table(filters)
    if key == "trend":
        return tables.trend_table(filters)
    if key in selectors.BREAKDOWNS:
        return tables.breakdown_table(filters, key)
    if key.startswith("commitments_"):
        return tables.commitments_table(filters, key.removeprefix("commitments_"))
    if key == "funnel":
        return tables.funnel_table(filters)
    if key == "justifications":
        orders = selectors.justified_orders(filters)
        return tables.justifications_table(filters, orders[:limit] if limit else orders)
    raise KeyError(key)


def row_links(table: tables.Table, filters: Filters) -> list[str]:
    """For each row, the list of the orders behind it ("" where a row sums no orders)."""
    if table.key == "justifications":
        return [reverse("procurement:order_detail", args=[params["order"]]) for params in table.row_params]
    if table.key == "funnel":
        return ["" for _row in table.rows]
    base = reverse("monitoring:orders")
    if table.key.startswith("commitments_"):
        return [f"{base}?{filters.querystring(source='commitments', **params)}" for params in table.row_params]
    if table.key in selectors.BREAKDOWNS:
        # A row that cannot be narrowed to (a vendor without a regency) has no list of its own.
        return [f"{base}?{filters.querystring(**params)}" if params else "" for params in table.row_params]
    return [f"{base}?{filters.querystring(**params)}" for params in table.row_params]


def dashboard(filters: Filters, *, public: bool) -> dict:
    totals = selectors.totals(filters)
    vendors = selectors.transacting_vendors(filters)
    trend = selectors.trend(filters)
    shown = {
        "summary": tables.summary_table(filters, totals, vendors),
        "trend": tables.trend_table(filters, trend),
        **{key: build_table(key, filters) for key in ("buyer_type", "region", "category",
                                                      "commitments_buyer_type", "commitments_region", "funnel")},
    }
    if not public:
        shown["buyer"] = build_table("buyer", filters)
        shown["justifications"] = build_table("justifications", filters, limit=JUSTIFICATIONS_SHOWN)
    return {
        "filters": filters,
        "headlines": headlines(filters, totals, public=public),
        "totals": totals,
        "vendors": vendors,
        "targets": targets_for(filters.period.year),
        "tables": shown,
        "charts": charts(trend, shown),
        "public": public,
    }


def charts(trend, shown: dict) -> dict:
    """Series for Chart.js: plain numbers, labels already translated."""
    region = shown["region"]
    buyer_type = shown["buyer_type"]
    from django.utils.translation import gettext as _

    return {
        "labels": {"value": _("Realised (Rp)"), "pdn": _("PDN share (%)"), "local": _("Local share (%)"),
                   "umk": _("UMK share (%)"), "local_value": _("Local (Rp)")},
        "trend": {
            "labels": [row[0] for row in shown["trend"].rows],
            "value": [totals.value_idr for _month, totals in trend],
            "pdn": [_number(totals.pdn_pct) for _month, totals in trend],
            "local": [_number(totals.local_pct) for _month, totals in trend],
            "umk": [_number(totals.umk_pct) for _month, totals in trend],
        },
        "region": {"labels": [row[0] for row in region.rows], "value": [row[1] for row in region.rows],
                   "local": [row[4] for row in region.rows]},
        "buyer_type": {"labels": [row[0] for row in buyer_type.rows], "value": [row[1] for row in buyer_type.rows]},
    }


def _number(value):
    return None if value is None else float(value)


def period_choices(today: dt.date) -> list[tuple[str, str]]:
    """Every year from the first purchase to this one, newest first, each followed by its quarters and months."""
    first = PurchaseCell.objects.aggregate(first=Min("month"))["first"]
    first_year = min(first.year if first else today.year, today.year)
    choices = []
    for year in range(today.year, first_year - 1, -1):
        periods = [Period(YEAR, year), *(Period(QUARTER, year, q) for q in range(1, 5)),
                   *(Period(MONTH, year, m) for m in range(1, 13))]
        choices += [(p.code, p.label if p.kind == YEAR else f"\u2003{p.label}") for p in periods]
    return choices


def filter_choices(*, public: bool) -> dict:
    home = home_province_code()
    choices = {
        "buyer_types": BuyerType.choices,
        "regions": list(Region.objects.filter(parent__code=home).order_by("code").values_list("code", "name")),
        "categories": list(Category.objects.filter(parent__isnull=True, is_active=True)
                           .order_by("position", "name").values_list("slug", "name")),
    }
    if not public:
        choices["buyers"] = list(Organisation.objects.filter(kind=Organisation.Kind.BUYER).order_by("name")
                                 .values_list("pk", "name"))
    return choices


def headlines(filters: Filters, totals, *, public: bool) -> list[dict]:
    """The three shares against the year's targets, each linking to the orders it sums."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    from .figures import gap_pct

    targets = targets_for(filters.period.year)
    base = reverse("monitoring:orders")
    rows = [
        ("pdn", _("Domestic products (TKDN + BMP ≥ %(threshold)s%%)") % {
            "threshold": settings.KATALOG["PDN_THRESHOLD_PCT"]}, totals.pdn_idr, totals.pdn_pct, targets.pdn_pct),
        ("local", _("Local products"), totals.local_idr, totals.local_pct, targets.local_pct),
        ("umk", _("Micro and small businesses (UMK)"), totals.umk_idr, totals.umk_pct, targets.umk_pct),
    ]
    return [{"code": code, "label": label, "value": value, "share": share, "target": target,
             "gap": gap_pct(share, target), "link": "" if public else f"{base}?{filters.querystring(share=code)}"}
            for code, label, value, share, target in rows]


def export_links(keys, filters: Filters, *, public: bool) -> dict[str, dict[str, str]]:
    name = "monitoring:public_export" if public else "monitoring:export"
    query = filters.querystring()
    return {key: {fmt: f"{reverse(name, kwargs={'key': key, 'fmt': fmt})}?{query}" for fmt in ("xlsx", "csv")}
            for key in keys}


def breakdown_links(keys, filters: Filters, *, public: bool) -> dict[str, str]:
    if public:
        return {}
    return {key: f"{reverse('monitoring:breakdown', args=[key])}?{filters.querystring()}"
            for key in keys if key in selectors.BREAKDOWNS}
