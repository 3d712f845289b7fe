import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory, png_upload
from katalog.vendors.models import DocumentKind
from katalog.vendors.tests.factories import VendorDocumentFactory, VendorFactory


def product_url(product):
    return reverse("catalog:product_detail", kwargs={"sku": product.sku})


# ---- Visibility ----

def test_a_listed_product_is_shown_to_anyone(client, approved_product):
    response = client.get(product_url(approved_product))

    assert response.status_code == 200
    assert approved_product.name in response.content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "withdrawn"])
def test_a_product_that_is_not_listed_is_not_found(client, vendor, status):
    product = ProductFactory(vendor=vendor, status=status)

    assert client.get(product_url(product)).status_code == 404
    assert product.name not in client.get(reverse("catalog:product_search"), {"q": "Tapis"}).content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "rejected"])
def test_products_of_a_vendor_that_is_not_verified_are_hidden(client, db, status):
    product = ProductFactory(vendor=VendorFactory(status=status), status="approved")
    category = reverse("catalog:category_detail", kwargs={"slug": product.category.slug})

    assert client.get(product_url(product)).status_code == 404
    assert product.name not in client.get(category).content.decode()
    assert client.get(reverse("catalog:vendor_profile", kwargs={"code": product.vendor.code})).status_code == 404


# ---- Product page ----

def test_the_product_page_shows_price_facts_badges_and_vendor(client, vendor):
    product = ProductFactory(
        vendor=vendor, name="Tapis Siger Emas", price_idr=1_250_000, unit="lembar", min_order=2,
        capacity_per_month=40, tkdn_pct=Decimal("45"), bmp_pct=Decimal("5"), certifications=["HALAL", "TKDN"],
        description="Tenun tangan.",
    )

    html = client.get(product_url(product)).content.decode()

    assert "Rp1,250,000" in html and "/ lembar" in html
    assert "45%" in html and "5%" in html and "50%" in html  # TKDN, BMP, TKDN + BMP
    assert "Halal, TKDN" in html
    for css in ("badge-lokal", "badge-umk", "badge-pdn", "badge-preferensi"):
        assert css in html
    assert "Domestic product with TKDN + BMP of at least 40%" in html  # the badge's help text
    assert reverse("catalog:vendor_profile", kwargs={"code": vendor.code}) in html
    assert "Kain &amp; Tapis" in html and "Tapis Lembaran" in html  # breadcrumb
    assert "product-photo-placeholder" in html


def test_a_product_without_tkdn_shows_no_pdn_badges(client, vendor):
    product = ProductFactory(vendor=vendor, tkdn_pct=None, bmp_pct=None, certifications=[], origin_region=None)

    html = client.get(product_url(product)).content.decode()

    assert "badge-pdn" not in html and "badge-preferensi" not in html and "badge-lokal" not in html
    assert "badge-umk" in html


def test_the_product_page_shows_its_photos(client, approved_product, vendor_owner, now):
    from katalog.catalog import services

    photo = services.product_photo_add(actor=vendor_owner, product=approved_product, file=png_upload(), now=now)

    html = client.get(product_url(approved_product)).content.decode()

    assert photo.image.url in html
    assert "product-photo-placeholder" not in html


# ---- Home and categories ----

def test_the_home_page_shows_counts_categories_and_local_products(client, vendor):
    local = ProductFactory(vendor=vendor, name="Keripik Pisang Lokal")
    ProductFactory(vendor=vendor, name="Tapis Tanpa Asal", origin_region=None)

    html = client.get(reverse("core:home")).content.decode()

    assert local.name in html
    assert "Tapis Tanpa Asal" not in html  # not local: not featured
    assert "Kain &amp; Tapis" in html
    assert reverse("catalog:category_detail", kwargs={"slug": local.category.parent.parent.slug}) in html


def test_the_category_index_counts_listed_products_up_the_tree(client, vendor):
    ProductFactory.create_batch(3, vendor=vendor)
    ProductFactory(vendor=vendor, status="draft")

    response = client.get(reverse("catalog:category_index"))

    top = next(node for node in response.context["tree"] if node["category"].name == "Kain & Tapis")
    assert top["count"] == 3
    assert "Tapis Lembaran" in response.content.decode()


@pytest.fixture
def small_pages(settings):
    settings.KATALOG = {**settings.KATALOG, "CATALOG_PAGE_SIZE": 3}


def test_a_category_lists_its_products_and_those_below_it_in_pages(client, vendor, small_pages):
    ProductFactory.create_batch(7, vendor=vendor)
    url = reverse("catalog:category_detail", kwargs={"slug": Category.objects.get(name="Kain & Tapis").slug})

    first = client.get(url)
    last = client.get(url, {"page": 3})

    assert len(first.context["cards"]) == 3
    assert first.context["page"].paginator.num_pages == 3
    assert len(last.context["cards"]) == 1
    assert "page=2" in first.content.decode()


def test_page_links_keep_the_filters(client, vendor, small_pages):
    ProductFactory.create_batch(4, vendor=vendor)
    url = reverse("catalog:category_detail", kwargs={"slug": "tapis-lembaran"})

    html = client.get(url, {"lokal": "1", "urut": "price_asc"}).content.decode()

    assert "?lokal=1&amp;urut=price_asc&amp;page=2" in html


def test_the_local_toggle_shows_only_local_products(client, vendor):
    local = ProductFactory(vendor=vendor, name="Tapis Lokal")
    unknown = ProductFactory(vendor=vendor, name="Tapis Impor", origin_region=None)
    url = reverse("catalog:category_detail", kwargs={"slug": "tapis-lembaran"})

    html = client.get(url, {"lokal": "1"}).content.decode()

    assert local.name in html and unknown.name not in html


def test_a_category_sorts_by_price(client, vendor):
    ProductFactory(vendor=vendor, name="Mahal", price_idr=9_000_000)
    ProductFactory(vendor=vendor, name="Murah", price_idr=100_000)
    url = reverse("catalog:category_detail", kwargs={"slug": "tapis-lembaran"})

    ascending = [card["name"] for card in client.get(url, {"urut": "price_asc"}).context["cards"]]
    descending = [card["name"] for card in client.get(url, {"urut": "price_desc"}).context["cards"]]

    assert ascending == ["Murah", "Mahal"]
    assert descending == ["Mahal", "Murah"]


def test_an_unknown_category_is_not_found(client, db):
    assert client.get(reverse("catalog:category_detail", kwargs={"slug": "tidak-ada"})).status_code == 404


def test_cards_show_the_badges(client, vendor):
    ProductFactory(vendor=vendor)

    html = client.get(reverse("catalog:category_detail", kwargs={"slug": "tapis-lembaran"})).content.decode()

    for css in ("badge-lokal", "badge-umk", "badge-pdn", "badge-preferensi"):
        assert css in html


# ---- Search and vendor profile ----

def test_search_finds_listed_products_by_word_and_pages(client, vendor, small_pages):
    ProductFactory.create_batch(4, vendor=vendor, name="Kopi Robusta Lampung", category=Category.objects.get(name="Kopi Bubuk"))
    ProductFactory(vendor=vendor, name="Tapis Siger")

    response = client.get(reverse("catalog:product_search"), {"q": "robusta"})

    assert response.context["page"].paginator.count == 4
    assert "Tapis Siger" not in response.content.decode()
    assert "q=robusta&amp;page=2" in response.content.decode()


def test_the_vendor_profile_shows_valid_certificates_and_listed_products(client, vendor):
    vendor.description = "Pengrajin tapis sejak 1998."
    vendor.save()
    valid = VendorDocumentFactory(vendor=vendor, kind=DocumentKind.HALAL, number="HALAL-OK")
    expired = VendorDocumentFactory(
        vendor=vendor, kind=DocumentKind.SNI, number="SNI-OLD",
        issued_date=dt.date(2019, 1, 1), valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    listed = ProductFactory(vendor=vendor, name="Tapis Listed")
    draft = ProductFactory(vendor=vendor, name="Tapis Draft", status="draft")

    html = client.get(reverse("catalog:vendor_profile", kwargs={"code": vendor.code})).content.decode()

    assert vendor.name in html and "Pengrajin tapis sejak 1998." in html
    assert "badge-umk" in html and "Kota Bandar Lampung" in html
    assert valid.number in html and expired.number not in html
    assert listed.name in html and draft.name not in html


def test_the_glossary_explains_the_terms(client, db):
    html = client.get(reverse("core:glossary")).content.decode()

    for term in ("TKDN", "BMP", "PDN", "UMK", "P3DN", "Tayang", "Kurasi", "NIB", "NPWP", "KBLI", "PPK", "BAST",
                 "Surat Pesanan", "HEA", "RUP / SIRUP", "OPD", "BUMN / BUMD"):
        assert term in html


# ---- No query per product ----

def test_list_pages_do_not_query_per_product(client, vendor, django_assert_max_num_queries):
    for n in range(30):
        ProductFactory(vendor=VendorFactory() if n % 3 else vendor)
    urls = [
        reverse("core:home"),
        reverse("catalog:category_index"),
        reverse("catalog:category_detail", kwargs={"slug": "kain-tapis"}),
        reverse("catalog:product_search") + "?q=tapis",
        reverse("catalog:vendor_profile", kwargs={"code": vendor.code}),
    ]
    for url in urls:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
