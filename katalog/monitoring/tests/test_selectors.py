"""Every figure on the hand-built province of conftest.py, with the expected values worked out by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import QueryDict

from katalog.monitoring import selectors
from katalog.monitoring.figures import Totals, add_up
from katalog.monitoring.filters import parse_filters
from katalog.regions.models import Region

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 20)
M = 1_000_000


def filters(query: str = ""):
    return parse_filters(QueryDict(query), today=TODAY)


def shares(totals: Totals):
    return totals.pdn_pct, totals.local_pct, totals.umk_pct


# ---- Totals ----

def test_the_year_sums_the_orders_paid_in_full_in_it(world):
    year = filters("period=2025")

    totals = selectors.totals(year)

    assert totals == Totals(value_idr=10 * M, pdn_idr=6_500_000, local_idr=7_500_000, umk_idr=7 * M, order_count=3)
    assert shares(totals) == (Decimal("65.0"), Decimal("75.0"), Decimal("70.0"))
    assert selectors.transacting_vendors(year) == 2


def test_the_year_before_holds_only_its_own_order(world):
    totals = selectors.totals(filters("period=2024"))

    assert totals == Totals(7 * M, 7 * M, 7 * M, 7 * M, 1)
    assert selectors.transacting_vendors(filters("period=2024")) == 1


def test_a_month_with_thirds_rounds_its_shares_half_up(world):
    june = selectors.totals(filters("period=2025-06"))  # 1.000.000 PDN of 3.000.000
    april = selectors.totals(filters("period=2025-04"))  # 2.500.000 PDN and 500.000 local of 3.000.000

    assert shares(june) == (Decimal("33.3"), Decimal("100.0"), Decimal("100.0"))
    assert shares(april) == (Decimal("83.3"), Decimal("16.7"), Decimal("0.0"))


def test_a_period_without_purchases_has_no_shares(world):
    totals = selectors.totals(filters("period=2025-05"))  # only an order received, not paid

    assert totals == Totals()
    assert shares(totals) == (None, None, None)
    assert selectors.transacting_vendors(filters("period=2025-05")) == 0


# ---- Periods in Asia/Jakarta ----

def test_the_last_day_of_march_counts_in_the_first_quarter_and_the_first_of_april_in_the_second(world):
    assert selectors.totals(filters("period=2025-Q1")).value_idr == 4 * M
    assert selectors.totals(filters("period=2025-03")).value_idr == 4 * M
    assert selectors.totals(filters("period=2025-Q2")).value_idr == 6 * M
    assert selectors.totals(filters("period=2025-04")).value_idr == 3 * M


# ---- Trend ----

def test_the_trend_has_every_month_of_the_year_with_each_order_in_its_month(world):
    trend = selectors.trend(filters("period=2025-Q2"))  # any period of 2025 shows the whole year

    assert [month for month, _totals in trend] == [dt.date(2025, m, 1) for m in range(1, 13)]
    assert {month.month: totals.value_idr for month, totals in trend if totals.value_idr} == {
        3: 4 * M, 4: 3 * M, 6: 3 * M}
    assert trend[2][1] == Totals(4 * M, 3 * M, 4 * M, 4 * M, 1)
    assert trend[0][1] == Totals() and trend[0][1].pdn_pct is None
    assert add_up(totals for _month, totals in trend) == selectors.totals(filters("period=2025"))


# ---- Breakdowns ----

def by_key(rows):
    return {row.key: row.totals for row in rows}


def test_the_breakdown_by_buyer_type_lists_every_type_and_sums_to_the_total(world):
    rows = selectors.breakdown(filters("period=2025"), "buyer_type")

    assert by_key(rows) == {
        "opd_provinsi": Totals(4 * M, 3 * M, 4 * M, 4 * M, 1),
        "opd_kabkota": Totals(3 * M, 2_500_000, 500_000, 0, 1),
        "bumd": Totals(3 * M, 1 * M, 3 * M, 3 * M, 1),
        "instansi_vertikal": Totals(), "bumn": Totals(), "swasta": Totals(),
    }
    assert rows[0].key == "opd_provinsi"  # largest first
    assert add_up(row.totals for row in rows) == selectors.totals(filters("period=2025"))


def test_the_breakdown_by_buyer_names_each_buyer_and_sums_to_the_total(world):
    rows = selectors.breakdown(filters("period=2025"), "buyer")

    assert {row.label: row.totals.value_idr for row in rows} == {
        "Dinas Koperasi dan UKM Provinsi Lampung": 4 * M, "Dinas Pendidikan Kota Metro": 3 * M,
        "PT Lampung Jasa Utama (BUMD)": 3 * M}
    assert {row.key for row in rows} == {str(world.provincial.pk), str(world.regency.pk), str(world.bumd.pk)}
    assert add_up(row.totals for row in rows) == selectors.totals(filters("period=2025"))


def test_the_breakdown_by_regency_shows_every_home_regency_and_sums_to_the_total(world):
    rows = selectors.breakdown(filters("period=2025"), "region")

    totals = by_key(rows)
    assert set(totals) == set(Region.objects.filter(parent__code="18").values_list("code", flat=True))
    assert totals["18.71"] == Totals(7 * M, 4 * M, 7 * M, 7 * M, 2)
    assert totals["18.72"] == Totals(3 * M, 2_500_000, 500_000, 0, 1)
    assert [row.key for row in rows[:2]] == ["18.71", "18.72"]
    assert add_up(totals.values()) == selectors.totals(filters("period=2025"))


def test_the_breakdown_by_category_uses_top_level_categories_and_sums_to_the_total(world):
    rows = selectors.breakdown(filters("period=2025"), "category")

    # Each order counts once, under the category of its largest line: march (tapis), june (batik), april (coffee).
    assert by_key(rows) == {
        "kain-tapis": Totals(7 * M, 4 * M, 7 * M, 7 * M, 2),
        "kopi-hasil-perkebunan": Totals(3 * M, 2_500_000, 500_000, 0, 1),
    }
    assert add_up(row.totals for row in rows) == selectors.totals(filters("period=2025"))


def test_within_a_category_the_breakdown_shows_the_categories_bought_in(world):
    chosen = filters("period=2025&category=kain-tapis")

    rows = selectors.breakdown(chosen, "category")

    assert by_key(rows) == {
        "tapis-lembaran": Totals(4 * M, 4 * M, 4 * M, 4 * M, 1),  # march's largest line
        "batik-lampung": Totals(3 * M, 0, 3 * M, 3 * M, 1),  # june's largest line
    }
    assert add_up(row.totals for row in rows) == selectors.totals(chosen)


@pytest.mark.parametrize("by", selectors.BREAKDOWNS)
@pytest.mark.parametrize("query", ["period=2025-Q2", "period=2025&region=18.71", "period=2025&buyer_type=bumd"])
def test_every_breakdown_of_every_slice_sums_to_its_total(world, by, query):
    chosen = filters(query)

    assert add_up(row.totals for row in selectors.breakdown(chosen, by)) == selectors.totals(chosen)


# ---- Filters narrow the figures ----

@pytest.mark.parametrize(("query", "expected", "vendors"), [
    ("buyer_type=opd_kabkota", Totals(3 * M, 2_500_000, 500_000, 0, 1), 1),
    ("buyer_type=bumn", Totals(), 0),
    ("buyer={bumd}", Totals(3 * M, 1 * M, 3 * M, 3 * M, 1), 1),
    ("buyer={provincial}", Totals(4 * M, 3 * M, 4 * M, 4 * M, 1), 1),
    ("region=18.72", Totals(3 * M, 2_500_000, 500_000, 0, 1), 1),
    ("region=1871", Totals(7 * M, 4 * M, 7 * M, 7 * M, 2), 1),
    ("region=18", Totals(10 * M, 6_500_000, 7_500_000, 7 * M, 3), 2),  # the province: all its regencies
    ("region=31.71", Totals(), 0),
    ("category=kain-tapis", Totals(7 * M, 4 * M, 7 * M, 7 * M, 2), 1),
    ("category=kain-tapis-kain-tapis", Totals(4 * M, 4 * M, 4 * M, 4 * M, 1), 1),  # second level: the tapis only
    ("category=kopi-bubuk", Totals(3 * M, 2_500_000, 500_000, 0, 1), 1),
    ("region=18.71&period=2025-Q2", Totals(3 * M, 1 * M, 3 * M, 3 * M, 1), 1),
])
def test_filters_narrow_the_figures(world, query, expected, vendors):
    chosen = filters("period=2025&" + query.format(bumd=world.bumd.pk, provincial=world.provincial.pk))

    assert selectors.totals(chosen) == expected
    assert selectors.transacting_vendors(chosen) == vendors


# ---- The orders behind a figure ----

def test_the_orders_behind_the_pdn_figure_count_exactly_the_pdn_rupiah(world):
    orders, counted = selectors.orders_behind(filters("period=2025"), share="pdn")

    assert counted == 6_500_000 == selectors.totals(filters("period=2025")).pdn_idr
    assert {order.number: order.counted_idr for order in orders} == {
        world.march.number: 3 * M, world.april.number: 2_500_000, world.june.number: 1 * M}


@pytest.mark.parametrize(("query", "share"), [
    ("period=2025", ""), ("period=2025", "local"), ("period=2025", "umk"), ("period=2025-Q2&region=18.72", "local"),
    ("period=2025&category=kain-tapis", ""), ("period=2025&category=kain-tapis", "pdn"),
    ("period=2025&buyer_type=bumd", "umk"), ("period=2024", ""),
])
def test_the_orders_behind_any_figure_add_up_to_it(world, query, share):
    chosen = filters(query)

    orders, counted = selectors.orders_behind(chosen, share=share)

    figure = getattr(selectors.totals(chosen), f"{share}_idr" if share else "value_idr")
    assert counted == figure == sum(order.counted_idr or 0 for order in orders)
    assert world.unpaid.pk not in {order.pk for order in orders}


def test_the_justified_orders_are_the_paid_ones_with_a_reason(world):
    orders = list(selectors.justified_orders(filters("period=2025")))

    assert [order.pk for order in orders] == [world.april.pk]
    assert list(selectors.justified_orders(filters("period=2025-06"))) == []
