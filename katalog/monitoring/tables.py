"""The dashboard's tables, built once and used three ways: the page, the Excel workbook and the CSV file.

Because all three read the same Table, the exports' totals are the page's totals by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from . import selectors
from .figures import Totals, add_up, gap_pct
from .filters import Filters
from .periods import month_name
from .targets import targets_for

TEXT, MONEY, PERCENT, COUNT = "text", "money", "percent", "count"


@dataclass
class Column:
    label: str
    kind: str = TEXT


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    # Per row: the query parameters that narrow the dashboard to it ({} when it cannot be narrowed).
    row_params: list[dict] = field(default_factory=list)
    total: list | None = None

    def column_numbers(self, kind: str) -> frozenset[int]:
        return frozenset(i for i, column in enumerate(self.columns, start=1) if column.kind == kind)


def _share_columns() -> list[Column]:
    return [
        Column(_("Realised (Rp)"), MONEY), Column(_("PDN (Rp)"), MONEY), Column(_("PDN share"), PERCENT),
        Column(_("Local (Rp)"), MONEY), Column(_("Local share"), PERCENT), Column(_("UMK (Rp)"), MONEY),
        Column(_("UMK share"), PERCENT), Column(_("Orders"), COUNT),
    ]


def _share_cells(totals: Totals) -> list:
    return [totals.value_idr, totals.pdn_idr, totals.pdn_pct, totals.local_idr, totals.local_pct,
            totals.umk_idr, totals.umk_pct, totals.order_count]


def _totals_table(key: str, title: str, first: str, rows: list[tuple[str, Totals, dict]]) -> Table:
    table = Table(key, title, [Column(first), *_share_columns()])
    for label, totals, params in rows:
        table.rows.append([label, *_share_cells(totals)])
        table.row_params.append(params)
    table.total = [_("Total"), *_share_cells(add_up(totals for _label, totals, _params in rows))]
    return table


def summary_table(filters: Filters, totals: Totals | None = None, vendors: int | None = None) -> Table:
    """The headline figures with the year's targets and the gaps."""
    totals = totals if totals is not None else selectors.totals(filters)
    vendors = vendors if vendors is not None else selectors.transacting_vendors(filters)
    targets = targets_for(filters.period.year)
    table = Table("summary", _("Headline figures"), [
        Column(_("Figure")), Column(_("Value (Rp)"), MONEY), Column(_("Share"), PERCENT),
        Column(_("Target"), PERCENT), Column(_("Gap to target"), PERCENT), Column(_("Count"), COUNT),
    ])
    table.rows = [
        [_("Realised purchases"), totals.value_idr, None, None, None, totals.order_count],
        [_("Domestic products (TKDN + BMP ≥ %(threshold)s%%)") % {"threshold": settings.KATALOG["PDN_THRESHOLD_PCT"]},
         totals.pdn_idr, totals.pdn_pct, targets.pdn_pct,
         gap_pct(totals.pdn_pct, targets.pdn_pct), None],
        [_("Local products"), totals.local_idr, totals.local_pct, targets.local_pct,
         gap_pct(totals.local_pct, targets.local_pct), None],
        [_("Micro and small businesses (UMK)"), totals.umk_idr, totals.umk_pct, targets.umk_pct,
         gap_pct(totals.umk_pct, targets.umk_pct), None],
        [_("Vendors with realised sales"), None, None, None, None, vendors],
    ]
    table.row_params = [{}, {"share": "pdn"}, {"share": "local"}, {"share": "umk"}, {}]
    return table


def trend_table(filters: Filters, trend=None) -> Table:
    trend = trend if trend is not None else selectors.trend(filters)
    return _totals_table(
        "trend", _("Month by month, %(year)s") % {"year": filters.period.year}, _("Month"),
        [(month_name(month.month), totals, {"period": f"{month.year}-{month.month:02d}"}) for month, totals in trend],
    )


BREAKDOWN_TITLES = {
    "buyer_type": lambda: (_("By buyer type"), _("Buyer type")),
    "buyer": lambda: (_("By buyer"), _("Buyer")),
    "region": lambda: (_("By vendor's regency"), _("Regency")),
    "category": lambda: (_("By category"), _("Category")),
}


def breakdown_table(filters: Filters, by: str, rows=None) -> Table:
    rows = rows if rows is not None else selectors.breakdown(filters, by)
    title, first = BREAKDOWN_TITLES[by]()
    return _totals_table(by, title, first,
                         [(row.label, row.totals, {row.param: row.key} if row.param else {}) for row in rows])


def commitments_table(filters: Filters, by: str) -> Table:
    rows = selectors.commitments(filters, by)
    title = {"buyer_type": _("Commitments by buyer type"), "region": _("Commitments by vendor's regency"),
             "buyer": _("Commitments by buyer"), "category": _("Commitments by category")}[by]
    first = BREAKDOWN_TITLES[by]()[1]
    table = Table(f"commitments_{by}", title, [
        Column(first), Column(_("Commitments"), COUNT), Column(_("Committed (Rp)"), MONEY),
        Column(_("Realised (Rp)"), MONEY), Column(_("Realisation rate"), PERCENT),
    ])
    for row in rows:
        table.rows.append([row.label, row.count, row.committed_idr, row.realised_idr, row.rate_pct])
        table.row_params.append({by: row.param} if row.param else {})
    total = selectors.CommitmentFigures("", "", sum(r.count for r in rows), sum(r.committed_idr for r in rows),
                                        sum(r.realised_idr for r in rows))
    table.total = [_("Total"), total.count, total.committed_idr, total.realised_idr, total.rate_pct]
    return table


def funnel_table(filters: Filters) -> Table:
    funnel = selectors.funnel(filters)
    labels = {"registered": _("Registered"), "verified": _("Verified"),
              "product_listed": _("A product listed"), "first_order": _("A first order")}
    table = Table("funnel", _("Vendors who registered in %(period)s") % {"period": filters.period.label},
                  [Column(_("Step")), Column(_("Vendors"), COUNT), Column(_("Of the registered"), PERCENT)])
    table.rows = [[labels[name], count, pct] for name, count, pct in funnel.steps()]
    table.row_params = [{} for _row in table.rows]
    return table


def justifications_table(filters: Filters, orders) -> Table:
    table = Table("justifications", _("Justifications for non-local or non-PDN products"), [
        Column(_("Order")), Column(_("Buyer")), Column(_("Vendor")), Column(_("Paid in full on")),
        Column(_("Value (Rp)"), MONEY), Column(_("Why not a local product")), Column(_("Why below the PDN threshold")),
    ])
    for order in orders:
        table.rows.append([order.number, order.buyer_organisation.name, order.vendor.name,
                           order.realised_on.isoformat(), order.total_idr, order.local_justification,
                           order.pdn_justification])
        table.row_params.append({"order": order.pk})
    return table


def as_fraction(value) -> float | None:
    """A percentage as the fraction a spreadsheet's percent format expects."""
    return None if value is None else float(Decimal(value) / 100)
