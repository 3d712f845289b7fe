"""Period boundaries in Asia/Jakarta time on data of their own (the shared province is not loaded here):
a payment just after midnight, vendors registering around midnight at the end of a month."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import timezone

from katalog.monitoring import selectors
from katalog.monitoring.filters import parse_filters
from katalog.procurement import services
from katalog.procurement.tests.factories import draft_order

from .factories import jakarta, new_buyer, new_product, new_vendor, paid_order

pytestmark = pytest.mark.django_db


def filters(query: str):
    return parse_filters(QueryDict(query), today=dt.date(2025, 11, 20))


def test_a_payment_just_after_midnight_in_jakarta_counts_on_that_jakarta_day():
    """Paid at 00:30 WIB on 1 April, which is still 31 March in UTC: the treasurer's date is 1 April."""
    buyer = new_buyer("Dinas Perindustrian Provinsi Lampung", "opd_provinsi")
    vendor, owner = new_vendor("Kopi Tugu", region="18.71", scale="kecil")
    coffee = new_product(vendor, category="Kopi Bubuk", price_idr=80_000, tkdn="60", origin="18.71")
    after_midnight = dt.datetime(2025, 3, 31, 17, 30, tzinfo=dt.UTC)
    order = paid_order(buyer=buyer, vendor_user=owner, lines=[(coffee, 10)],
                       paid_on=timezone.localdate(after_midnight), now=after_midnight)

    assert order.realised_on == dt.date(2025, 4, 1)
    assert selectors.totals(filters("period=2025-Q1")).value_idr == 0
    assert selectors.totals(filters("period=2025-04")).value_idr == 800_000


# ---- The vendor funnel ----

def test_the_funnel_counts_vendors_by_the_jakarta_day_they_registered_and_their_steps(db):
    just_after_midnight = dt.datetime(2025, 1, 31, 17, 30, tzinfo=dt.UTC)  # 1 February, 00:30 WIB
    just_before_midnight = dt.datetime(2025, 1, 31, 16, 30, tzinfo=dt.UTC)  # 31 January, 23:30 WIB
    buyer = new_buyer("Dinas Pariwisata Provinsi Lampung", "opd_provinsi")
    ordered, _owner = new_vendor("Sulam Usus Indah", region="18.71", scale="mikro", created_at=just_after_midnight)
    product = new_product(ordered, category="Kain Sulam Usus", price_idr=750_000, tkdn="50", origin="18.71")
    draft = draft_order(buyer=buyer, vendor=ordered, products=[product], now=jakarta(2025, 2, 10))
    services.order_send(actor=buyer, order_id=draft.pk, negotiate=False, now=jakarta(2025, 2, 10))
    listed, _owner = new_vendor("Keripik Rasa", region="18.72", scale="kecil", created_at=jakarta(2025, 2, 3))
    new_product(listed, category="Keripik & Camilan", price_idr=25_000, tkdn="70", origin="18.72")
    new_vendor("Kemplang Bu Yati", region="18.01", scale="mikro", created_at=jakarta(2025, 2, 28, 23, 59))
    new_vendor("Anyaman Baru", region="18.01", scale="mikro", status="submitted", created_at=jakarta(2025, 2, 14))
    new_vendor("Rotan Januari", region="18.71", scale="mikro", created_at=just_before_midnight)
    new_vendor("Mebel Maret", region="18.71", scale="mikro", created_at=jakarta(2025, 3, 1, 0, 0))

    february = selectors.funnel(filters("period=2025-02"))
    january = selectors.funnel(filters("period=2025-01"))

    assert (february.registered, february.verified, february.product_listed, february.first_order) == (4, 3, 2, 1)
    assert (january.registered, january.verified, january.product_listed, january.first_order) == (1, 1, 0, 0)
    in_metro = selectors.funnel(filters("period=2025-02&region=18.72"))
    assert (in_metro.registered, in_metro.product_listed) == (1, 1)
    with_tapis = selectors.funnel(filters("period=2025-Q1&category=kain-tapis"))
    assert (with_tapis.registered, with_tapis.first_order) == (1, 1)
