from decimal import Decimal

import pytest
from django.urls import reverse

from katalog.catalog.models import Category
from katalog.catalog.summary import catalogue_summary
from katalog.catalog.tests.factories import ProductFactory
from katalog.vendors.tests.factories import VendorFactory


@pytest.mark.parametrize("actor_name", ["vendor_owner", "buyer"])
def test_vendors_and_buyers_cannot_see_the_summary(request, client, actor_name):
    client.force_login(request.getfixturevalue(actor_name))

    assert client.get(reverse("catalog:leader_summary")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("catalog:leader_summary"))

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("actor_name", ["leader", "curator", "administrator"])
def test_leaders_and_curators_see_the_summary(request, client, actor_name, approved_product):
    client.force_login(request.getfixturevalue(actor_name))

    response = client.get(reverse("catalog:leader_summary"))

    assert response.status_code == 200
    assert "Kain &amp; Tapis" in response.content.decode()


def test_the_summary_counts_what_the_province_reports(db):
    micro = VendorFactory(scale="mikro")
    small = VendorFactory(scale="kecil")
    medium = VendorFactory(scale="menengah")
    VendorFactory(scale="besar")
    VendorFactory(scale="mikro", status="submitted")  # not verified: not counted
    ProductFactory(vendor=micro)  # local, UMK, PDN
    ProductFactory(vendor=small, origin_region=None, tkdn_pct=Decimal("20"), bmp_pct=None)  # UMK only
    ProductFactory(vendor=medium, category=Category.objects.get(name="Kopi Bubuk"), tkdn_pct=None, bmp_pct=None)
    ProductFactory(vendor=micro, status="submitted")  # not listed

    s = catalogue_summary()

    assert s["product_count"] == 3
    assert [row["count"] for row in s["vendor_classes"]] == [1, 1, 2]
    assert s["categories_used"] == 2
    by_top = {row["name"]: row["count"] for row in s["by_top_category"]}
    assert by_top["Kain & Tapis"] == 2 and by_top["Kopi & Hasil Perkebunan"] == 1
    shares = {row["code"]: (row["count"], row["share"]) for row in s["shares"]}
    assert shares["lokal"] == (2, Decimal("66.7"))
    assert shares["pdn"] == (1, Decimal("33.3"))
    assert shares["umk"] == (2, Decimal("66.7"))


def test_an_empty_catalogue_has_no_shares(db):
    s = catalogue_summary()

    assert s["product_count"] == 0
    assert all(row["share"] is None for row in s["shares"])
