"""Reading the P3DN figures for a set of filters: totals, monthly trend, breakdowns, vendors, commitments.

Purchases are read from the precomputed monthly sums (models.PurchaseRollup; PurchaseBuyerMonth and
PurchaseVendorMonth for buyers and vendors; PurchaseCell when narrowed further), never from the order lines,
so a page costs about the same with a million orders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from katalog.accounts.models import BuyerType, Organisation
from katalog.catalog.models import Category, Product
from katalog.events.models import Commitment, CommitmentRealisation, CommitmentStatus
from katalog.events.realisation import REALISED_ORDER_STATUSES
from katalog.procurement.models import Order
from katalog.regions.models import Region
from katalog.regions.selectors import home_province_code
from katalog.vendors.models import Vendor

from .figures import Funnel, Totals, share_pct
from .filters import Filters
from .models import PurchaseBuyerMonth, PurchaseCell, PurchaseRollup, PurchaseVendorMonth
from .periods import YEAR, Period

SUM_FIELDS = ("value_idr", "pdn_idr", "local_idr", "umk_idr", "order_count")
BREAKDOWNS = ("buyer_type", "buyer", "region", "category")


@dataclass
class Row:
    """One line of a breakdown: `key` is the filter value that narrows to it ("" for none)."""

    key: str
    label: str
    totals: Totals
    param: str = ""


def _region_ids(region: Region) -> list[int]:
    return [region.pk, *Region.objects.filter(parent=region).values_list("pk", flat=True)]


def _narrow(queryset: QuerySet, filters: Filters) -> QuerySet:
    if filters.buyer_type:
        queryset = queryset.filter(buyer_type=filters.buyer_type)
    if filters.buyer:
        queryset = queryset.filter(buyer_organisation=filters.buyer)
    if filters.region:
        queryset = queryset.filter(vendor_region_id__in=_region_ids(filters.region))
    if filters.category and not filters.category.parent_id:
        queryset = queryset.filter(category_root_id=filters.category.pk)  # the same rows, one index range
    elif filters.category:
        queryset = queryset.filter(category_id__in=filters.category_ids)
    return queryset


def _sums(filters: Filters, *, period: Period | None = None, cells: bool = False) -> QuerySet:
    period = period or filters.period
    model = PurchaseCell if cells or filters.buyer else PurchaseRollup
    queryset = model.objects.filter(month__gte=period.start, month__lt=period.end).order_by()
    return _narrow(queryset, filters)


def _aggregate() -> dict:
    return {name: Sum(name) for name in SUM_FIELDS}


def totals(filters: Filters) -> Totals:
    return Totals.of(_sums(filters).aggregate(**_aggregate()))


def trend(filters: Filters) -> list[tuple[dt.date, Totals]]:
    """Month by month through the year of the period (every month, empty ones as zero)."""
    year = Period(YEAR, filters.period.year)
    by_month = {row["month"]: Totals.of(row) for row in
                _sums(filters, period=year).values("month").annotate(**_aggregate())}
    return [(month, by_month.get(month, Totals())) for month in year.months]


def transacting_vendors(filters: Filters) -> int:
    """Vendors with at least one purchase realised in the period: counted from the vendor-month rows, or
    from the cells when narrowed to a buyer or to a category below the top level."""
    if filters.buyer or (filters.category and filters.category.parent_id):
        rows = _sums(filters, cells=True)
    else:
        rows = PurchaseVendorMonth.objects.filter(month__gte=filters.period.start, month__lt=filters.period.end)
        if filters.buyer_type:
            rows = rows.filter(buyer_type=filters.buyer_type)
        if filters.region:
            rows = rows.filter(vendor_region_id__in=_region_ids(filters.region))
        if filters.category:
            rows = rows.filter(category_root_id=filters.category.pk)
    # DISTINCT in a subquery: PostgreSQL hashes it, where COUNT(DISTINCT) sorts.
    return rows.order_by().values("vendor_id").distinct().count()


def _grouped(filters: Filters, field: str, *, cells: bool = False) -> dict:
    return {row[field]: Totals.of(row)
            for row in _sums(filters, cells=cells).values(field).annotate(**_aggregate())}


def _by_buyer_type(filters: Filters) -> list[Row]:
    sums = _grouped(filters, "buyer_type")
    return [Row(code, str(label), sums.get(code, Totals()), "buyer_type") for code, label in BuyerType.choices]


def _by_buyer(filters: Filters) -> list[Row]:
    """From the buyer-month rows, or from the cells when narrowed to a regency or a category."""
    if filters.region or filters.category:
        rows = _sums(filters, cells=True)
    else:
        rows = PurchaseBuyerMonth.objects.filter(month__gte=filters.period.start, month__lt=filters.period.end)
        if filters.buyer_type:
            rows = rows.filter(buyer_type=filters.buyer_type)
        if filters.buyer:
            rows = rows.filter(buyer_organisation=filters.buyer)
    sums = {row["buyer_organisation_id"]: Totals.of(row)
            for row in rows.order_by().values("buyer_organisation_id").annotate(**_aggregate())}
    # Every buyer's name at once: cheaper than joining them into the sums or naming a thousand ids.
    names = dict(Organisation.objects.filter(kind=Organisation.Kind.BUYER).values_list("pk", "name"))
    return [Row(str(pk), names.get(pk, "?"), totals, "buyer") for pk, totals in sums.items()]


def _by_region(filters: Filters) -> list[Row]:
    """The home province's regencies always (a regency buying nothing locally must show), then others."""
    sums = _grouped(filters, "vendor_region_id")
    home = home_province_code()
    regions = Region.objects.filter(Q(parent__code=home) | Q(pk__in=[pk for pk in sums if pk])).order_by("code")
    if filters.region:
        regions = regions.filter(pk__in=_region_ids(filters.region))
    rows = [Row(region.code, region.name, sums.get(region.pk, Totals()), "region") for region in regions]
    if None in sums:
        rows.append(Row("", _("Regency not recorded"), sums[None], ""))
    return rows


def _by_category(filters: Filters) -> list[Row]:
    """Top-level categories; within a chosen category, the categories its purchases were made in."""
    field = "category_id" if filters.category else "category_root_id"
    sums = _grouped(filters, field)
    categories = Category.objects.in_bulk(list(sums))
    return [Row(categories[pk].slug, categories[pk].name, totals, "category")
            for pk, totals in sums.items() if pk in categories]


def breakdown(filters: Filters, by: str) -> list[Row]:
    """Realised purchases per buyer type, buyer, vendor regency or category, largest first."""
    rows = {"buyer_type": _by_buyer_type, "buyer": _by_buyer, "region": _by_region,
            "category": _by_category}[by](filters)
    return sorted(rows, key=lambda row: (-row.totals.value_idr, row.label))


# ---- Commitments and their realisation ----

@dataclass
class CommitmentFigures:
    key: str
    label: str
    count: int = 0
    committed_idr: int = 0
    realised_idr: int = 0
    param: str = ""

    @property
    def rate_pct(self):
        return share_pct(self.realised_idr, self.committed_idr)


def _commitments(filters: Filters) -> QuerySet[Commitment]:
    start, end = filters.period.bounds()
    queryset = Commitment.objects.filter(status=CommitmentStatus.RECORDED, recorded_at__gte=start,
                                         recorded_at__lt=end).order_by()
    if filters.buyer_type:
        queryset = queryset.filter(buyer_organisation__buyer_type=filters.buyer_type)
    if filters.buyer:
        queryset = queryset.filter(buyer_organisation=filters.buyer)
    if filters.region:
        queryset = queryset.filter(vendor__region_id__in=_region_ids(filters.region))
    if filters.category:
        queryset = queryset.filter(category_id__in=filters.category_ids)
    return queryset


_COMMITMENT_GROUPS = {"buyer_type": "buyer_organisation__buyer_type", "buyer": "buyer_organisation_id",
                      "region": "vendor__region_id", "category": "category_id", "": None}


def commitments(filters: Filters, by: str = "") -> list[CommitmentFigures]:
    """Recorded commitments (by when they were recorded) and the paid orders linked to them; one row, or
    one per buyer type, buyer, vendor regency or category."""
    field = _COMMITMENT_GROUPS[by]
    queryset = _commitments(filters)
    committed = (queryset.values(field).annotate(n=Count("id"), s=Sum("value_idr")) if field
                 else [queryset.aggregate(n=Count("id"), s=Sum("value_idr"))])
    links = CommitmentRealisation.objects.filter(commitment__in=queryset, order__status__in=REALISED_ORDER_STATUSES)
    link_field = f"commitment__{field}" if field else None
    realised = ({row[link_field]: row["s"] for row in links.values(link_field).annotate(s=Sum("order__total_idr"))}
                if field else {None: links.aggregate(s=Sum("order__total_idr"))["s"]})
    rows = []
    for row in committed:
        key = row.get(field) if field else None
        rows.append(CommitmentFigures(key="" if key is None else str(key), label="", count=row["n"] or 0,
                                      committed_idr=row["s"] or 0, realised_idr=realised.get(key) or 0))
    _label_commitment_rows(rows, by)
    return sorted(rows, key=lambda row: (-row.committed_idr, row.label))


def _label_commitment_rows(rows: list[CommitmentFigures], by: str) -> None:
    if by == "buyer_type":
        labels, params = dict(BuyerType.choices), {}
    elif by == "buyer":
        labels = {str(pk): name for pk, name in Organisation.objects.filter(
            pk__in=[r.key for r in rows if r.key]).values_list("pk", "name")}
        params = {key: key for key in labels}
    elif by == "region":
        regions = Region.objects.filter(pk__in=[r.key for r in rows if r.key])
        labels = {str(r.pk): r.name for r in regions}
        params = {str(r.pk): r.code for r in regions}
    elif by == "category":
        categories = Category.objects.filter(pk__in=[r.key for r in rows if r.key])
        labels = {str(c.pk): c.name for c in categories}
        params = {str(c.pk): c.slug for c in categories}
    else:
        labels, params = {}, {}
    for row in rows:
        row.label = str(labels.get(row.key, _("Not stated") if by else _("All commitments")))
        if by == "buyer_type":
            row.param = row.key
        else:
            row.param = params.get(row.key, "")
        row.key = row.param


# ---- Vendors ----

def funnel(filters: Filters) -> Funnel:
    """Vendors who registered in the period (in the regency, with a product in the category): how many were
    verified, had a product listed, received a first order (at any time since)."""
    start, end = filters.period.bounds()
    vendors = Vendor.objects.filter(created_at__gte=start, created_at__lt=end).order_by()
    if filters.region:
        vendors = vendors.filter(region_id__in=_region_ids(filters.region))
    if filters.category:
        vendors = vendors.filter(Exists(Product.objects.filter(vendor=OuterRef("pk"),
                                                               category_id__in=filters.category_ids)))
    counts = vendors.aggregate(
        registered=Count("id"),
        verified=Count("id", filter=Q(verified_at__isnull=False)),
        product_listed=Count("id", filter=Q(Exists(Product.objects.filter(vendor=OuterRef("pk"),
                                                                           approved_at__isnull=False)))),
        first_order=Count("id", filter=Q(Exists(Order.objects.filter(vendor=OuterRef("pk"),
                                                                      submitted_at__isnull=False)))),
    )
    return Funnel(**{key: value or 0 for key, value in counts.items()})


# ---- The orders behind a figure ----

SHARES = ("pdn", "local", "umk")


def realised_orders(filters: Filters, *, share: str = "") -> QuerySet[Order]:
    """The paid orders a figure sums (with `share`, those with at least one PDN / local / UMK line)."""
    orders = Order.objects.filter(status__in=REALISED_ORDER_STATUSES, realised_on__gte=filters.period.start,
                                  realised_on__lt=filters.period.end)
    if filters.buyer_type:
        orders = orders.filter(buyer_organisation__buyer_type=filters.buyer_type)
    if filters.buyer:
        orders = orders.filter(buyer_organisation=filters.buyer)
    if filters.region:
        orders = orders.filter(vendor__region_id__in=_region_ids(filters.region))
    line_filter = Q()
    if filters.category:
        line_filter &= Q(category_id__in=filters.category_ids)
    if share:
        line_filter &= Q(**{f"is_{share}": True})
    if line_filter:
        from katalog.procurement.models import OrderLine

        orders = orders.filter(Exists(OrderLine.objects.filter(line_filter, order=OuterRef("pk"))))
    return orders.select_related("buyer_organisation", "vendor", "vendor__region").order_by("-realised_on", "-id")


def justified_orders(filters: Filters) -> QuerySet[Order]:
    """Paid orders whose buyer justified choosing a non-local product or one below the PDN threshold."""
    return realised_orders(filters).filter(~Q(local_justification="") | ~Q(pdn_justification=""))


def commitment_orders(filters: Filters) -> QuerySet[Order]:
    """The paid orders linked to the commitments a commitment figure counts."""
    linked = CommitmentRealisation.objects.filter(commitment__in=_commitments(filters)).values("order_id")
    return (Order.objects.filter(pk__in=linked, status__in=REALISED_ORDER_STATUSES)
            .select_related("buyer_organisation", "vendor", "vendor__region").order_by("-realised_on", "-id"))



def orders_behind(filters: Filters, *, share: str = "", source: str = "") -> tuple[QuerySet[Order], int]:
    """The paid orders behind a figure, each with `counted_idr` (the part of it the figure sums: lines in the
    category, of the share), and the sum of those parts, which equals the figure."""
    from katalog.procurement.models import OrderLine

    if source == "commitments":
        orders, lines = commitment_orders(filters), Q()
    elif source == "justifications":
        orders, lines = justified_orders(filters), Q()
    else:
        orders = realised_orders(filters, share=share)
        lines = Q(category_id__in=filters.category_ids) if filters.category else Q()
        if share:
            lines &= Q(**{f"is_{share}": True})
    subtotal = F("quantity") * F("unit_price_idr")
    counted = (OrderLine.objects.filter(lines, order=OuterRef("pk")).order_by().values("order")
               .annotate(s=Sum(subtotal)).values("s"))
    if source:
        total = OrderLine.objects.filter(lines, order__in=orders.order_by().values("pk")).aggregate(
            s=Sum(subtotal))["s"]
    else:
        # The figure itself, read where the dashboard read it (a year's lines: 0.6 s with a million orders).
        total = _sums(filters).aggregate(s=Sum(f"{share}_idr" if share else "value_idr"))["s"]
    return orders.annotate(counted_idr=Subquery(counted)), total or 0
