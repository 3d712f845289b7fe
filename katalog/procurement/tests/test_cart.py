"""The buyer's cart (/keranjang/) and its checkout into a draft order, through the pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from katalog.catalog.tests.factories import ProductFactory
from katalog.procurement import cart
from katalog.procurement.models import IdempotencyKey, Order
from katalog.procurement.tests.factories import pejabat_pengadaan
from katalog.vendors.tests.factories import VendorFactory

CART_URL = "/keranjang/"

pytestmark = pytest.mark.usefixtures("frozen_clock")


def add(client, product, quantity=1, **headers):
    return client.post(reverse("procurement:cart_add"), {"sku": product.sku, "quantity": quantity}, **headers)


def checkout_data(key="key-1", **overrides) -> dict:
    data = {
        "title": "Cendera mata tamu gubernur",
        "delivery_address": "Jl. Wolter Monginsidi No. 69, Bandar Lampung",
        "delivery_date": "2025-06-30",
        "budget_source": "apbd",
        "budget_year": "2025",
        "rup_code": "RUP-123",
        "notes": "Kemasan kotak kayu.",
        "idempotency_key": key,
    }
    data.update(overrides)
    return data


def test_lives_at_indonesian_addresses(vendor):
    assert reverse("procurement:cart") == CART_URL
    assert reverse("procurement:checkout", args=[vendor.code]) == f"/keranjang/{vendor.code}/pesan/"


def test_product_page_offers_add_to_order_only_to_buyers(client_for, buyer, vendor_owner, approved_product):
    page = reverse("catalog:product_detail", args=[approved_product.sku])
    action = reverse("procurement:cart_add")

    assert action in client_for(buyer).get(page).content.decode()
    assert action not in client_for(vendor_owner).get(page).content.decode()
    assert action not in client_for().get(page).content.decode()


def test_adds_products_grouped_by_vendor(client_for, buyer, vendor, approved_product, other_vendor):
    client = client_for(buyer)
    elsewhere = ProductFactory(vendor=other_vendor, price_idr=200_000)

    add(client, approved_product, 2)
    add(client, approved_product, 1)
    add(client, elsewhere, 5)

    contents = cart.cart_contents(client.session)
    groups = {g["vendor"]["code"]: g for g in contents["groups"]}
    assert set(groups) == {vendor.code, other_vendor.code}
    assert [(line["sku"], line["quantity"]) for line in groups[vendor.code]["lines"]] == [(approved_product.sku, 3)]
    assert groups[other_vendor.code]["total_idr"] == 1_000_000
    page = client.get(CART_URL).content.decode()
    assert reverse("procurement:checkout", args=[vendor.code]) in page
    assert reverse("procurement:checkout", args=[other_vendor.code]) in page


def test_add_by_htmx_answers_with_a_fragment(client_for, buyer, approved_product):
    client = client_for(buyer)

    response = add(client, approved_product, 1, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert reverse("procurement:cart") in response.content.decode()
    assert cart.cart_contents(client.session)["count"] == 1


def test_refuses_to_add_an_unlisted_product_or_a_bad_quantity(client_for, buyer, vendor, approved_product):
    client = client_for(buyer)
    draft = ProductFactory(vendor=vendor, status="draft")

    add(client, draft, 1)
    add(client, approved_product, 0)

    assert cart.cart_contents(client.session)["count"] == 0


def test_changes_and_removes_quantities(client_for, buyer, vendor, approved_product):
    client = client_for(buyer)
    second = ProductFactory(vendor=vendor)
    add(client, approved_product, 1)
    add(client, second, 1)

    client.post(reverse("procurement:cart_update", args=[approved_product.pk]), {"quantity": 7})
    response = client.post(reverse("procurement:cart_remove", args=[second.pk]), HTTP_HX_REQUEST="true")

    assert response.status_code == 200 and 'id="cart"' in response.content.decode()
    lines = cart.cart_contents(client.session)["groups"][0]["lines"]
    assert [(line["sku"], line["quantity"]) for line in lines] == [(approved_product.sku, 7)]
    client.post(reverse("procurement:cart_update", args=[approved_product.pk]), {"quantity": 0})
    assert cart.cart_contents(client.session)["count"] == 0


def test_cart_is_for_buyers_only(client_for, vendor_owner, approved_product):
    client = client_for(vendor_owner)

    assert client.get(CART_URL).status_code == 403
    assert add(client, approved_product).status_code == 403
    assert client_for().get(CART_URL).status_code == 302  # to the login page


def test_checkout_creates_one_draft_order_even_when_submitted_twice(client_for, buyer, vendor, approved_product,
                                                                   other_vendor):
    client = client_for(buyer)
    elsewhere = ProductFactory(vendor=other_vendor)
    add(client, approved_product, 4)
    add(client, elsewhere, 1)
    url = reverse("procurement:checkout", args=[vendor.code])
    assert 'name="idempotency_key"' in client.get(url).content.decode()

    first = client.post(url, checkout_data())
    second = client.post(url, checkout_data())

    order = Order.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("procurement:order_detail", args=[order.pk])
    assert order.status == "draft" and order.vendor == vendor and order.rup_code == "RUP-123"
    assert order.budget_source == "apbd" and order.delivery_date == dt.date(2025, 6, 30)
    assert [(line.product_id, line.quantity) for line in order.lines.all()] == [(approved_product.pk, 4)]
    assert order.total_idr == 6_000_000
    assert IdempotencyKey.objects.filter(user=buyer, key="key-1").count() == 1
    # The other vendor's group stays in the cart for its own order.
    assert [g["vendor"]["code"] for g in cart.cart_contents(client.session)["groups"]] == [other_vendor.code]


def test_pejabat_pengadaan_may_order_too(client_for, buyer_org, approved_product):
    client = client_for(pejabat_pengadaan(buyer_org))
    add(client, approved_product, 1)

    client.post(reverse("procurement:checkout", args=[approved_product.vendor.code]), checkout_data())

    assert Order.objects.get().buyer_organisation == buyer_org


def test_checkout_with_bad_input_shows_field_errors_and_saves_nothing(client_for, buyer, vendor, approved_product):
    client = client_for(buyer)
    add(client, approved_product, 1)
    url = reverse("procurement:checkout", args=[vendor.code])

    missing = client.post(url, checkout_data(title="", budget_source=""))
    past = client.post(url, checkout_data(delivery_date="2025-05-01"))

    assert missing.status_code == 200 and set(missing.context["form"].errors) == {"title", "budget_source"}
    assert past.status_code == 200
    with translation.override("en"):
        assert past.context["form"].errors["delivery_date"] == [_("The delivery date must be today or later.")]
    assert Order.objects.count() == 0
    assert cart.cart_contents(client.session)["count"] == 1


def test_checkout_below_the_minimum_order_is_refused_on_the_form(client_for, buyer, vendor):
    product = ProductFactory(vendor=vendor, min_order=10)
    client = client_for(buyer)
    add(client, product, 2)
    assert cart.cart_contents(client.session)["count"] == 0
    add(client, product, 10)
    client.post(reverse("procurement:cart_update", args=[product.pk]), {"quantity": 2})
    assert cart.cart_contents(client.session)["groups"][0]["lines"][0]["below_minimum"]

    response = client.post(reverse("procurement:checkout", args=[vendor.code]), checkout_data())

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Order.objects.count() == 0


def test_checkout_of_an_unknown_or_unverified_vendor_is_not_found(client_for, buyer):
    suspended = VendorFactory(status="submitted")
    client = client_for(buyer)

    assert client.get(reverse("procurement:checkout", args=["NOPE"])).status_code == 404
    assert client.get(reverse("procurement:checkout", args=[suspended.code])).status_code == 404
