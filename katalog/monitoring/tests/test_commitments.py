"""Commitments (komitmen transaksi) against what became real: counted by when they were recorded (Asia/Jakarta),
realised by the paid orders linked to them, by buyer type, vendor regency and category.

| commitment | buyer (type)         | vendor | value      | recorded (WIB)   | linked orders                              |
|------------|----------------------|--------|------------|------------------|--------------------------------------------|
| tapis      | provincial OPD       | 18.71  | 8.000.000  | 5 May 2025       | paid 5.000.000; received (unpaid) 2.000.000 |
| coffee     | regency OPD          | 18.72  | 4.000.000  | 5 May 2025       | none (a paid order of theirs is not linked) |
| early      | regency OPD          | 18.71  | 1.000.000  | 1 April 00:30    | none                                       |
| dropped    | provincial OPD       | 18.72  | 2.000.000  | 5 May 2025       | cancelled: counts for nothing              |
| last year  | provincial OPD       | 18.71  | 6.000.000  | 10 December 2024 | none                                       |

2025: 3 commitments, 13.000.000 committed, 5.000.000 realised: 38.5%.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import QueryDict

from katalog.catalog.models import Category
from katalog.events import services as events
from katalog.monitoring import selectors, tables
from katalog.monitoring.filters import parse_filters

from .factories import S, jakarta, new_buyer, new_product, new_vendor, paid_order

pytestmark = pytest.mark.django_db
M = 1_000_000


def filters(query: str):
    return parse_filters(QueryDict(query), today=dt.date(2025, 11, 20))


def commit(buyer, vendor, value_idr, now, **extra):
    return events.commitment_record(actor=buyer, vendor_code=vendor.code, value_idr=value_idr, now=now,
                                    description="Pengadaan untuk kegiatan 2025",
                                    expected_purchase_date=dt.date(2025, 9, 1), **extra)


@pytest.fixture
def book():
    provincial = new_buyer("Biro Umum Setda Provinsi Lampung", "opd_provinsi")
    regency = new_buyer("Dinas Koperasi Kab. Lampung Selatan", "opd_kabkota")
    tapis_house, tapis_owner = new_vendor("Tapis Jejama", region="18.71", scale="mikro")
    coffee_house, coffee_owner = new_vendor("Kopi Metro", region="18.72", scale="kecil")
    tapis = new_product(tapis_house, category="Tapis Lembaran", price_idr=1 * M, tkdn="45", bmp="5", origin="18.71")
    coffee = new_product(coffee_house, category="Kopi Bubuk", price_idr=100_000, tkdn="60", origin="18.72")

    commit(provincial, tapis_house, 6 * M, jakarta(2024, 12, 10))
    recorded = jakarta(2025, 5, 5)
    tapis_commitment = commit(provincial, tapis_house, 8 * M, recorded,
                              category=Category.objects.get(name="Tapis Lembaran"))
    commit(regency, coffee_house, 4 * M, recorded)
    commit(regency, tapis_house, 1 * M, dt.datetime(2025, 3, 31, 17, 30, tzinfo=dt.UTC))
    dropped = commit(provincial, coffee_house, 2 * M, recorded)
    events.commitment_cancel(actor=provincial, commitment_id=dropped.pk, reason="Anggaran dialihkan", now=recorded)

    later = jakarta(2025, 5, 10)
    paid = paid_order(buyer=provincial, vendor_user=tapis_owner, lines=[(tapis, 5)], paid_on=dt.date(2025, 5, 20),
                      now=later)
    unpaid = paid_order(buyer=provincial, vendor_user=tapis_owner, lines=[(tapis, 2)], paid_on=dt.date(2025, 5, 20),
                        now=later, status=S.RECEIVED)
    for order in (paid, unpaid):
        events.commitment_link_order(actor=provincial, commitment_id=tapis_commitment.pk, order_id=order.pk, now=later)
    unlinked = paid_order(buyer=regency, vendor_user=coffee_owner, lines=[(coffee, 30)], paid_on=dt.date(2025, 6, 2),
                          now=later)
    return {"paid": paid, "unpaid": unpaid, "unlinked": unlinked}


def figures(rows):
    return {row.key: (row.count, row.committed_idr, row.realised_idr, row.rate_pct) for row in rows}


def test_the_year_counts_recorded_commitments_and_the_paid_orders_linked_to_them(book):
    assert figures(selectors.commitments(filters("period=2025"))) == {
        "": (3, 13 * M, 5 * M, Decimal("38.5"))}
    assert figures(selectors.commitments(filters("period=2024"))) == {"": (1, 6 * M, 0, Decimal("0.0"))}


def test_by_buyer_type(book):
    assert figures(selectors.commitments(filters("period=2025"), "buyer_type")) == {
        "opd_provinsi": (1, 8 * M, 5 * M, Decimal("62.5")),
        "opd_kabkota": (2, 5 * M, 0, Decimal("0.0")),
    }


def test_by_vendor_regency(book):
    assert figures(selectors.commitments(filters("period=2025"), "region")) == {
        "18.71": (2, 9 * M, 5 * M, Decimal("55.6")),
        "18.72": (1, 4 * M, 0, Decimal("0.0")),
    }


def test_by_category_with_those_of_no_category_together(book):
    rows = selectors.commitments(filters("period=2025"), "category")

    assert figures(rows) == {"tapis-lembaran": (1, 8 * M, 5 * M, Decimal("62.5")), "": (2, 5 * M, 0, Decimal("0.0"))}


def test_a_commitment_recorded_just_after_midnight_on_1_april_counts_in_the_second_quarter(book):
    assert figures(selectors.commitments(filters("period=2025-Q1"))) == {"": (0, 0, 0, None)}
    assert figures(selectors.commitments(filters("period=2025-04"))) == {"": (1, 1 * M, 0, Decimal("0.0"))}
    assert figures(selectors.commitments(filters("period=2025-Q2"))) == {"": (3, 13 * M, 5 * M, Decimal("38.5"))}


def test_filters_narrow_the_commitments(book):
    assert figures(selectors.commitments(filters("period=2025&buyer_type=opd_kabkota"))) == {
        "": (2, 5 * M, 0, Decimal("0.0"))}
    assert figures(selectors.commitments(filters("period=2025&region=18.71"))) == {
        "": (2, 9 * M, 5 * M, Decimal("55.6"))}
    assert figures(selectors.commitments(filters("period=2025&category=kain-tapis"))) == {
        "": (1, 8 * M, 5 * M, Decimal("62.5"))}


def test_the_table_totals_its_rows(book):
    table = tables.commitments_table(filters("period=2025"), "region")

    assert table.total[1:] == [3, 13 * M, 5 * M, Decimal("38.5")]
    assert table.row_params == [{"region": "18.71"}, {"region": "18.72"}]


def test_the_orders_behind_the_realised_figure_are_the_linked_paid_ones(book):
    orders, counted = selectors.orders_behind(filters("period=2025"), source="commitments")

    assert [order.pk for order in orders] == [book["paid"].pk]
    assert counted == 5 * M
    _orders, counted_kabkota = selectors.orders_behind(filters("period=2025&buyer_type=opd_kabkota"),
                                                       source="commitments")
    assert counted_kabkota == 0
