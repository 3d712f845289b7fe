import datetime as dt
from decimal import Decimal

import pytest
from django.db import DataError

from katalog.api import selectors as api_selectors
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorDocumentFactory, VendorFactory

URL = "/api/v1/products"


def skus(response) -> set[str]:
    return {item["sku"] for item in response.json()["items"]}


@pytest.fixture
def catalogue(vendor, other_vendor):
    """Listed and unlisted products of verified and unverified vendors."""
    waiting_vendor = VendorFactory(status="submitted")
    metro = Region.objects.get(code="18.72")
    other_vendor.region = metro
    other_vendor.scale = "besar"
    other_vendor.save()
    return {
        "listed": ProductFactory(vendor=vendor, sku="TAPIS-1", status="approved"),
        "listed_other": ProductFactory(
            vendor=other_vendor, sku="TRAKTOR-1", name="Traktor Roda Dua 8,5 HP", status="approved",
            category=Category.objects.get(name="Traktor Roda Dua"), origin_region=None, price_idr=28_500_000,
            tkdn_pct=Decimal("37.50"), bmp_pct=None,
        ),
        "submitted": ProductFactory(vendor=vendor, sku="TAPIS-2", status="submitted"),
        "draft": ProductFactory(vendor=vendor, sku="TAPIS-3", status="draft"),
        "returned": ProductFactory(vendor=vendor, sku="TAPIS-4", status="returned"),
        "of_unverified_vendor": ProductFactory(vendor=waiting_vendor, sku="TAPIS-5", status="approved"),
    }


def test_lists_only_approved_products_of_verified_vendors(client, catalogue):
    response = client.get(URL)

    assert response.status_code == 200
    assert skus(response) == {"TAPIS-1", "TRAKTOR-1"}
    assert response.json()["count"] == 2


def test_serialises_a_product_with_badges_and_numbers(client, catalogue, vendor):
    item = client.get("/api/v1/products/TAPIS-1").json()

    assert item["price"] == 1_500_000
    assert item["tkdn"] == 45 and item["bmp"] == 5
    assert item["category"] == {
        "slug": Category.objects.get(name="Tapis Lembaran").slug,
        "name": "Tapis Lembaran",
        "path": ["Kain & Tapis", "Kain Tapis", "Tapis Lembaran"],
    }
    assert item["vendor"] == {
        "code": vendor.code, "name": vendor.name, "scale": "mikro", "umk": True,
        "regency": {"code": "18.71", "name": "Kota Bandar Lampung"},
    }
    assert item["origin_regency"] == {"code": "18.71", "name": "Kota Bandar Lampung"}
    assert [b["code"] for b in item["badges"]] == ["lokal", "umk", "pdn", "preferensi"]
    assert item["url"] == "/produk/TAPIS-1/"
    assert item["listed_at"].endswith("+07:00")


def test_an_imported_product_has_no_origin_and_fewer_badges(client, catalogue):
    item = client.get("/api/v1/products/TRAKTOR-1").json()

    assert item["origin_regency"] is None
    assert item["tkdn"] == 37.5 and item["bmp"] is None
    assert [b["code"] for b in item["badges"]] == ["preferensi"]
    assert item["vendor"]["umk"] is False


@pytest.mark.parametrize("sku", ["TAPIS-2", "TAPIS-3", "TAPIS-5", "NOPE"])
def test_detail_is_404_for_a_product_that_is_not_listed(client, catalogue, sku):
    response = client.get(f"/api/v1/products/{sku}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.json()["detail"]


def test_filters_by_category_including_subcategories(client, catalogue):
    machinery = Category.objects.get(name="Alat & Mesin Pertanian")

    response = client.get(URL, {"category": machinery.slug})

    assert skus(response) == {"TRAKTOR-1"}


def test_filters_by_vendor_code(client, catalogue, vendor):
    assert skus(client.get(URL, {"vendor": vendor.code})) == {"TAPIS-1"}


def test_filters_by_regency_of_the_vendor(client, catalogue):
    assert skus(client.get(URL, {"regency": "18.72"})) == {"TRAKTOR-1"}
    assert skus(client.get(URL, {"regency": "1871"})) == {"TAPIS-1"}


def test_filters_local_products(client, catalogue):
    assert skus(client.get(URL, {"local": "true"})) == {"TAPIS-1"}


def test_filters_by_text(client, catalogue):
    assert skus(client.get(URL, {"q": "traktor"})) == {"TRAKTOR-1"}


@pytest.mark.parametrize(
    "params, field",
    [
        ({"category": "no-such-category"}, "category"),
        ({"vendor": "NOPE"}, "vendor"),
        ({"regency": "99.99"}, "regency"),
    ],
)
def test_refuses_an_unknown_filter_value_with_a_reason(client, catalogue, params, field):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_pages_through_the_list(client, vendor):
    ProductFactory.create_batch(5, vendor=vendor, status="approved")

    first = client.get(URL, {"page_size": 2}).json()
    last = client.get(URL, {"page_size": 2, "page": 3}).json()

    assert (first["count"], first["pages"], first["page"], len(first["items"])) == (5, 3, 1, 2)
    assert (last["page"], len(last["items"])) == (3, 1)
    all_skus = {i["sku"] for p in (1, 2, 3) for i in client.get(URL, {"page_size": 2, "page": p}).json()["items"]}
    assert len(all_skus) == 5


def test_refuses_a_page_size_over_the_maximum(client, catalogue, settings):
    settings.KATALOG = {**settings.KATALOG, "API_PAGE_SIZE_MAX": 50}

    response = client.get(URL, {"page_size": 51})

    assert response.status_code == 422
    assert "50" in response.json()["detail"]
    assert "page_size" in response.json()["errors"]


@pytest.mark.parametrize("params", [{"page": 0}, {"page": 9}, {"page_size": 0}, {"page": "x"}])
def test_refuses_a_page_out_of_range_or_malformed(client, catalogue, params):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert response.json()["detail"]


def test_an_empty_catalogue_is_one_empty_page(client, db):
    body = client.get(URL).json()

    assert body == {"count": 0, "page": 1, "page_size": 24, "pages": 1, "items": []}


def test_lists_a_page_in_a_fixed_number_of_queries(client, vendor, other_vendor, django_assert_max_num_queries):
    for v in (vendor, other_vendor):
        ProductFactory.create_batch(10, vendor=v, status="approved")
        ProductFactory(vendor=v, status="approved", category=Category.objects.get(name="Aspal & Material Jalan"))

    with django_assert_max_num_queries(4):
        response = client.get(URL, {"page_size": 50})

    assert len(response.json()["items"]) == 22


def test_shows_a_verified_vendor_without_its_npwp(client, catalogue, vendor):
    VendorDocumentFactory(
        vendor=vendor, kind="TKDN", number="TKDN-001", issuer="Kemenperin", tkdn_pct=Decimal("45.00"),
        bmp_pct=Decimal("5.00"), tkdn_scheme="assessed",
    )

    response = client.get(f"/api/v1/vendors/{vendor.code}")

    assert response.status_code == 200
    body = response.json()
    assert body["product_count"] == 1
    assert body["nib"] == vendor.nib
    assert "npwp" not in body
    certificate = body["certificates"][0]
    assert (certificate["kind"], certificate["tkdn"], certificate["bmp"]) == ("TKDN", 45, 5)
    assert "file" not in certificate


def test_does_not_show_expired_certificates(client, catalogue, vendor):
    VendorDocumentFactory(
        vendor=vendor, number="HALAL-OLD", issued_date=dt.date(2019, 1, 1), valid_until=dt.date(2022, 1, 1)
    )
    VendorDocumentFactory(vendor=vendor, number="HALAL-NEW")

    numbers = [c["number"] for c in client.get(f"/api/v1/vendors/{vendor.code}").json()["certificates"]]

    assert numbers == ["HALAL-NEW"]


def test_does_not_show_an_unverified_vendor(client, db):
    waiting = VendorFactory(status="submitted")

    assert client.get(f"/api/v1/vendors/{waiting.code}").status_code == 404


def test_lists_the_category_tree(client, catalogue):
    tree = client.get("/api/v1/categories").json()

    top = {node["name"]: node for node in tree}
    assert top["Kain & Tapis"]["level"] == 1
    assert top["Kain & Tapis"]["product_count"] == 1
    assert "13" in top["Kain & Tapis"]["kbli_codes"]
    child = top["Kain & Tapis"]["children"][0]
    assert child["level"] == 2 and child["children"][0]["level"] == 3


def test_lists_regions_with_both_codes(client, db):
    regions = {r["code"]: r for r in client.get("/api/v1/regions").json()}

    assert regions["18.01"] == {
        "code": "18.01", "bps_code": "1803", "name": "Kab. Lampung Selatan", "level": "regency", "parent": "18"
    }
    assert regions["18"]["parent"] is None


def test_serves_the_openapi_document_with_every_path(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ["/api/v1/auth/token", "/api/v1/products", "/api/v1/products/{sku}", "/api/v1/vendors/{code}",
                 "/api/v1/categories", "/api/v1/regions", "/api/v1/me"]:
        assert path in paths


def test_serves_the_interactive_docs(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content


@pytest.mark.parametrize("error", [OverflowError("Python int too large to convert to SQLite INTEGER"),
                                   DataError("integer out of range")])
def test_a_number_too_large_for_the_database_is_a_422_with_a_reason(client, catalogue, monkeypatch, error):
    def overflowing(**params):
        raise error

    monkeypatch.setattr(api_selectors, "products_public", overflowing)

    response = client.get(URL)

    assert response.status_code == 422
    assert response.json()["code"] == "out_of_range" and response.json()["detail"]
