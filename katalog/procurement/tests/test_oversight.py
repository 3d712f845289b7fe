"""The curators' overview of orders, and the public rating of a vendor on its profile."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import PermissionDeniedError
from katalog.procurement import services
from katalog.procurement.models import Holiday, OrderStatus
from katalog.procurement.notifications import order_url
from katalog.procurement.oversight import selectors as oversight_selectors
from katalog.procurement.tests.factories import LATER, NOW, draft_order, order_in
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory

S = OrderStatus
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def orders(buyer, vendor, vendor_owner):
    """One draft, two waiting for the vendor and one paid (Rp3.000.000 each: 2 x Rp1.500.000)."""
    return {
        "draft": order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner),
        "waiting": order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner),
        "waiting_later": order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, now=LATER),
        "paid": order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner),
    }


# ---- Who may see it ----

def test_only_curators_see_the_overview(client, curator, buyer, vendor_owner):
    url = reverse("oversight:overview")

    assert client.get(url).status_code == 302
    for person in (buyer, vendor_owner):
        client.force_login(person)
        assert client.get(url).status_code == 403
    with pytest.raises(PermissionDeniedError):
        oversight_selectors.overview(buyer, now=NOW)

    client.force_login(curator)
    assert client.get(url).status_code == 200


def test_the_curation_menu_links_to_the_overview(client, curator):
    client.force_login(curator)

    assert reverse("oversight:overview") in client.get(reverse("core:home")).content.decode()


# ---- What it shows ----

def test_counts_and_values_orders_by_status(curator, orders):
    totals = oversight_selectors.status_totals(curator)

    by_status = {row["status"]: (row["count"], row["value_idr"]) for row in totals["rows"]}
    assert by_status[S.DRAFT] == (1, 3_000_000)
    assert by_status[S.AWAITING_VENDOR] == (2, 6_000_000)
    assert by_status[S.PAID] == (1, 3_000_000)
    assert by_status[S.CANCELLED] == (0, 0)
    assert [row["status"] for row in totals["rows"]] == list(S.values)
    assert (totals["count"], totals["value_idr"]) == (4, 12_000_000)


def test_lists_orders_waiting_on_someone_with_their_expiry_skipping_holidays(curator, orders):
    # Sent on Monday 2 June 2025 at 17:00 WIB; 3 working days, Tuesday a holiday: Friday 6 June, 17:00.
    Holiday.objects.create(date=dt.date(2025, 6, 3), name="Libur contoh")

    rows = oversight_selectors.waiting_orders(curator, now=NOW)

    assert [row["id"] for row in rows] == [orders["waiting"].pk, orders["waiting_later"].pk]
    first = rows[0]
    assert first["expires_at"] == dt.datetime(2025, 6, 6, 17, 0, tzinfo=WIB)
    assert first["waiting_on"] and first["overdue"] is False
    assert first["url"] == order_url(orders["waiting"].pk)
    assert oversight_selectors.waiting_orders(curator, now=dt.datetime(2025, 6, 9, tzinfo=WIB))[0]["overdue"]


def test_says_which_side_must_answer_in_a_negotiation(curator, buyer, vendor, vendor_owner):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    vendor_turn = oversight_selectors.waiting_orders(curator, now=NOW)[0]["waiting_on"]

    services.offer_make(actor=vendor_owner, order_id=order.pk, unit_prices={order.lines.get().pk: 1_400_000},
                        now=LATER)

    buyer_turn = oversight_selectors.waiting_orders(curator, now=NOW)[0]["waiting_on"]
    assert vendor_turn != buyer_turn


def test_lists_prices_flagged_above_the_reference(curator, buyer, vendor, vendor_owner):
    for price in (1_000_000, 1_200_000, 1_400_000):
        order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                 products=[ProductFactory(vendor=vendor, price_idr=price)])
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                     products=[ProductFactory(vendor=vendor, price_idr=2_400_000)])
    services.offer_accept(actor=vendor_owner, order_id=order.pk, now=LATER)

    [row] = oversight_selectors.flagged_prices(curator)

    assert row["order_id"] == order.pk
    assert row["lines"][0]["unit_price_idr"] == 2_400_000
    assert row["lines"][0]["median_idr"] == 1_200_000
    assert row["lines"][0]["ratio"] == 2


def test_lists_orders_sent_with_a_local_or_pdn_justification(curator, buyer, vendor, approved_product):
    jakarta = VendorFactory(region=Region.objects.get(code="31.71"))
    outsider = ProductFactory(vendor=jakarta, origin_region=Region.objects.get(code="31.71"))
    local_order = draft_order(buyer=buyer, vendor=jakarta, products=[outsider])
    services.order_send(actor=buyer, order_id=local_order.pk, negotiate=False,
                        local_justification="Motif khusus.", now=NOW)
    low = ProductFactory(vendor=vendor, tkdn_pct=20, bmp_pct=5)
    pdn_order = draft_order(buyer=buyer, vendor=vendor, products=[low])
    services.order_send(actor=buyer, order_id=pdn_order.pk, negotiate=False, pdn_justification="Stok habis.",
                        now=LATER)
    draft_order(buyer=buyer, vendor=vendor)  # no reason needed: not listed

    rows = {row["id"]: row for row in oversight_selectors.justified_orders(curator)}

    assert set(rows) == {local_order.pk, pdn_order.pk}
    assert rows[local_order.pk]["local_justification"] == "Motif khusus."
    assert rows[local_order.pk]["non_local_products"] == [outsider.name]
    assert rows[local_order.pk]["vendor"] == jakarta.name
    assert rows[pdn_order.pk]["pdn_justification"] == "Stok habis."
    assert rows[pdn_order.pk]["non_pdn_products"] == [low.name]
    assert rows[pdn_order.pk]["buyer"] == pdn_order.buyer_organisation.name
    assert oversight_selectors.justified_count() == 2


def test_the_page_links_every_listed_order(client, curator, orders):
    client.force_login(curator)

    html = client.get(reverse("oversight:overview")).content.decode()

    for key in ("waiting", "waiting_later"):
        assert f'href="{order_url(orders[key].pk)}"' in html
    assert 'data-status="awaiting_vendor"' in html


# ---- The vendor's rating, public ----

def _rate(order, buyer, scores):
    services.rating_record(actor=buyer, order_id=order.pk, delivery_time=scores[0], quality=scores[1],
                           fit_to_spec=scores[2], now=LATER)


def test_the_rating_fragment_shows_the_averages_to_anyone(client, buyer, vendor, vendor_owner):
    _rate(order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner), buyer, (5, 4, 3))
    _rate(order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner), buyer, (3, 4, 5))
    url = reverse("procurement:vendor_rating", args=[vendor.pk])

    fragment = client.get(url, headers={"HX-Request": "true"})
    page = client.get(url)

    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'data-rating-count="2"' in html
    assert "4,0" in html  # overall and each criterion average 4 (Indonesian decimal comma)
    assert "<html" in page.content.decode() and 'data-rating-count="2"' in page.content.decode()
    assert "HX-Request" in fragment["Vary"]


def test_an_unrated_vendor_says_so_and_an_unverified_one_is_not_found(client, vendor, db):
    assert 'data-rating-count="0"' in client.get(reverse("procurement:vendor_rating", args=[vendor.pk])).content.decode()

    pending = VendorFactory(status="submitted")
    assert client.get(reverse("procurement:vendor_rating", args=[pending.pk])).status_code == 404


def test_the_vendor_profile_loads_the_rating(client, vendor):
    html = client.get(reverse("catalog:vendor_profile", args=[vendor.code])).content.decode()

    url = reverse("procurement:vendor_rating", args=[vendor.pk])
    assert f'hx-get="{url}"' in html
    assert 'hx-trigger="load"' in html
    assert f'<a href="{url}">' in html
