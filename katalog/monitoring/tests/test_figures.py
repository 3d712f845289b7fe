"""The arithmetic of the figures, the reporting periods (Asia/Jakarta) and reading the filters."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import QueryDict

from katalog.accounts.tests.factories import BuyerOrganisationFactory
from katalog.catalog.models import Category
from katalog.core.errors import ValidationFailed
from katalog.monitoring.figures import Funnel, Totals, add_up, gap_pct, share_pct
from katalog.monitoring.filters import parse_filters
from katalog.monitoring.periods import MONTH, QUARTER, YEAR, Period, parse_period
from katalog.vendors.tests.factories import VendorFactory

TODAY = dt.date(2025, 11, 20)


# ---- Shares and gaps ----

@pytest.mark.parametrize(("part", "whole", "expected"), [
    (6_500_000, 10_000_000, "65.0"),
    (1, 3, "33.3"),
    (2, 3, "66.7"),
    (1, 400, "0.3"),  # 0.25: half up, not to even
    (1, 2000, "0.1"),  # 0.05
    (3, 8, "37.5"),
    (0, 5_000_000, "0.0"),
    (10_000_000, 10_000_000, "100.0"),
])
def test_a_share_is_a_percentage_with_one_decimal_rounded_half_up(part, whole, expected):
    assert share_pct(part, whole) == Decimal(expected)


def test_a_share_of_nothing_bought_is_none_not_zero():
    assert share_pct(0, 0) is None
    assert Totals().pdn_pct is None
    assert gap_pct(None, Decimal("95")) is None


def test_the_gap_is_the_points_still_missing_and_negative_once_the_target_is_passed():
    assert gap_pct(Decimal("65.0"), Decimal("95")) == Decimal("30.0")
    assert gap_pct(Decimal("75.0"), Decimal("40")) == Decimal("-35.0")
    assert gap_pct(Decimal("40.0"), Decimal("40.00")) == Decimal("0.0")


def test_totals_add_up_and_give_their_shares():
    march = Totals(value_idr=4_000_000, pdn_idr=3_000_000, local_idr=4_000_000, umk_idr=4_000_000, order_count=1)
    april = Totals(value_idr=3_000_000, pdn_idr=2_500_000, local_idr=500_000, umk_idr=0, order_count=1)

    both = add_up([march, april])

    assert both == Totals(7_000_000, 5_500_000, 4_500_000, 4_000_000, 2)
    assert (both.pdn_pct, both.local_pct, both.umk_pct) == (Decimal("78.6"), Decimal("64.3"), Decimal("57.1"))
    assert Totals.of({"value_idr": None, "order_count": 3}) == Totals(order_count=3)
    assert add_up([]) == Totals()


def test_the_funnel_gives_each_step_as_a_share_of_the_registered():
    steps = Funnel(registered=3, verified=2, product_listed=1, first_order=0).steps()

    assert steps == [("registered", 3, Decimal("100.0")), ("verified", 2, Decimal("66.7")),
                     ("product_listed", 1, Decimal("33.3")), ("first_order", 0, Decimal("0.0"))]
    assert Funnel().steps()[0] == ("registered", 0, None)


# ---- Periods ----

@pytest.mark.parametrize(("text", "kind", "start", "end", "code"), [
    ("2025", YEAR, dt.date(2025, 1, 1), dt.date(2026, 1, 1), "2025"),
    ("2025-Q2", QUARTER, dt.date(2025, 4, 1), dt.date(2025, 7, 1), "2025-Q2"),
    ("2025-q4", QUARTER, dt.date(2025, 10, 1), dt.date(2026, 1, 1), "2025-Q4"),
    ("2025-K1", QUARTER, dt.date(2025, 1, 1), dt.date(2025, 4, 1), "2025-Q1"),
    ("2025-06", MONTH, dt.date(2025, 6, 1), dt.date(2025, 7, 1), "2025-06"),
    (" 2025-12 ", MONTH, dt.date(2025, 12, 1), dt.date(2026, 1, 1), "2025-12"),
    ("2025-2", MONTH, dt.date(2025, 2, 1), dt.date(2025, 3, 1), "2025-02"),
])
def test_reads_a_year_a_quarter_or_a_month(text, kind, start, end, code):
    period = parse_period(text)

    assert (period.kind, period.start, period.end, period.code) == (kind, start, end, code)
    assert period.months[0] == start and len(period.months) == {YEAR: 12, QUARTER: 3, MONTH: 1}[kind]


@pytest.mark.parametrize("text", ["", "25", "2025-13", "2025-00", "2025-Q5", "2025-Q", "1999", "2101", "2025/06",
                                  "2025-06-01", "tahun ini"])
def test_refuses_a_period_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_a_period_starts_and_ends_at_midnight_in_jakarta():
    start, end = Period(MONTH, 2025, 2).bounds()

    assert start == dt.datetime(2025, 1, 31, 17, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2025, 2, 28, 17, 0, tzinfo=dt.UTC)


# ---- Filters ----

def test_the_filters_default_to_this_year_in_jakarta(db):
    filters = parse_filters(QueryDict(""), today=TODAY)

    assert filters.period == Period(YEAR, 2025)
    assert (filters.buyer_type, filters.buyer, filters.region, filters.category) == ("", None, None, None)


def test_reads_every_filter_and_writes_them_back(db):
    buyer = BuyerOrganisationFactory(buyer_type="bumd")
    top = Category.objects.get(slug="kain-tapis")
    query = QueryDict(f"period=2025-Q2&buyer_type=bumd&buyer={buyer.pk}&region=1871&category=kain-tapis")

    filters = parse_filters(query, today=TODAY)

    assert filters.period == Period(QUARTER, 2025, 2)
    assert (filters.buyer_type, filters.buyer, filters.region.code, filters.category) == (
        "bumd", buyer, "18.71", top)
    # A top-level category stands for its whole subtree (three levels).
    assert set(filters.category_ids) == {top.pk, *Category.objects.filter(parent__parent=top).values_list(
        "pk", flat=True), *Category.objects.filter(parent=top).values_list("pk", flat=True)}
    assert Category.objects.get(name="Tapis Lembaran").pk in filters.category_ids
    assert filters.params() == {"period": "2025-Q2", "buyer_type": "bumd", "buyer": str(buyer.pk),
                                "region": "18.71", "category": "kain-tapis"}
    assert filters.params(buyer="", share="pdn") == {"period": "2025-Q2", "buyer_type": "bumd", "region": "18.71",
                                                     "category": "kain-tapis", "share": "pdn"}


@pytest.mark.parametrize(("query", "field"), [
    ("period=2025-13", "period"),
    ("period=2025-Q0", "period"),
    ("period=abc", "period"),
    ("period=1999", "period"),
    ("buyer_type=dinas", "buyer_type"),
    ("buyer=abc", "buyer"),
    ("buyer=999999", "buyer"),
    ("buyer=%C2%B2", "buyer"),  # "²" counts as a digit for str.isdigit but is no number
    ("buyer=99999999999999999999999", "buyer"),
    ("region=99.99", "region"),
    ("category=tidak-ada", "category"),
])
def test_refuses_a_bad_filter_naming_it(db, query, field):
    with pytest.raises(ValidationFailed) as refused:
        parse_filters(QueryDict(query), today=TODAY)

    assert list(refused.value.field_errors) == [field]
    assert refused.value.message


def test_a_vendor_business_is_not_a_buyer_to_filter_by(db):
    vendor = VendorFactory()

    with pytest.raises(ValidationFailed) as refused:
        parse_filters(QueryDict(f"buyer={vendor.organisation_id}"), today=TODAY)

    assert "buyer" in refused.value.field_errors
