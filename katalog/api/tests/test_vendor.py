import pytest

from katalog.audit.models import AuditEvent
from katalog.catalog.models import Category, Product
from katalog.catalog.tests.factories import ProductFactory

URL = "/api/v1/vendor/products"


@pytest.fixture
def new_product() -> dict:
    return {
        "name": "Kain Tapis Motif Pucuk Rebung",
        "description": "Tapis lembaran tenun tangan, benang emas.",
        "category": Category.objects.get(name="Tapis Lembaran").slug,
        "unit": "lembar",
        "price": 2_250_000,
        "min_order": 1,
        "capacity_per_month": 20,
        "origin_regency": "18.71",
        "tkdn": 72.5,
        "bmp": 10,
        "certifications": ["HKI"],
    }


def test_lists_only_the_vendors_own_products_in_every_status(client, vendor, vendor_owner, other_vendor, bearer):
    ProductFactory(vendor=vendor, sku="OWN-1", status="draft")
    ProductFactory(vendor=vendor, sku="OWN-2", status="returned", status_reason="Foto kurang jelas.")
    ProductFactory(vendor=other_vendor, sku="OTHER-1")

    response = client.get(URL, headers=bearer(vendor_owner))

    assert response.status_code == 200
    items = {i["sku"]: i for i in response.json()["items"]}
    assert set(items) == {"OWN-1", "OWN-2"}
    assert items["OWN-2"]["status"] == "returned"
    assert items["OWN-2"]["status_reason"] == "Foto kurang jelas."


def test_refuses_the_vendor_endpoints_without_credentials(client, vendor):
    assert client.get(URL).status_code == 401
    assert client.post(URL, {}, content_type="application/json").status_code == 401


def test_refuses_a_buyer_with_403_and_a_reason(client, buyer, bearer):
    response = client.get(URL, headers=bearer(buyer))

    assert response.status_code == 403
    assert response.json()["code"] == "not_a_vendor"
    assert response.json()["detail"]


def test_creates_a_draft_product(client, vendor, vendor_owner, bearer, new_product):
    response = client.post(URL, new_product, content_type="application/json", headers=bearer(vendor_owner))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["sku"].startswith(vendor.code)
    assert body["price"] == 2_250_000
    assert body["tkdn"] == 72.5 and body["bmp"] == 10
    assert set(body["certifications"]) == {"HKI", "TKDN"}
    product = Product.objects.get(sku=body["sku"])
    assert product.vendor == vendor
    assert AuditEvent.objects.filter(event_type="catalog.product.created", target_id=str(product.pk)).exists()


def test_creates_an_imported_product_with_a_chosen_sku(client, vendor_owner, bearer, new_product):
    new_product.update(sku="TAPIS-IMPOR-1", origin_regency=None, tkdn=None, bmp=None)

    body = client.post(URL, new_product, content_type="application/json", headers=bearer(vendor_owner)).json()

    assert body["sku"] == "TAPIS-IMPOR-1"
    assert body["origin_regency"] is None
    assert body["tkdn"] is None


@pytest.mark.parametrize(
    "change, field",
    [
        ({"category": "no-such-category"}, "category"),
        ({"origin_regency": "99.99"}, "origin_regency"),
        ({"bmp": 20}, "bmp_pct"),
        ({"certifications": ["ISO9001"]}, "certifications"),
    ],
)
def test_refuses_invalid_product_data_with_the_field_and_reason(
    client, vendor_owner, bearer, new_product, change, field
):
    new_product.update(change)

    response = client.post(URL, new_product, content_type="application/json", headers=bearer(vendor_owner))

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Product.objects.exists()


@pytest.mark.parametrize("change", [{"price": -1}, {"tkdn": 101}, {"name": None}, {"price": "mahal"}])
def test_refuses_malformed_input_with_422(client, vendor_owner, bearer, new_product, change):
    new_product.update(change)

    response = client.post(URL, new_product, content_type="application/json", headers=bearer(vendor_owner))

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_refuses_a_body_that_is_not_json(client, vendor_owner, bearer):
    response = client.post(URL, "{not json", content_type="application/json", headers=bearer(vendor_owner))

    assert 400 <= response.status_code < 500


def test_updates_only_the_fields_sent(client, vendor, vendor_owner, bearer):
    ProductFactory(vendor=vendor, sku="OWN-1", status="draft", price_idr=1_000_000, unit="lembar")

    response = client.patch(
        f"{URL}/OWN-1", {"price": 1_100_000}, content_type="application/json", headers=bearer(vendor_owner)
    )

    assert response.status_code == 200
    product = Product.objects.get(sku="OWN-1")
    assert (product.price_idr, product.unit) == (1_100_000, "lembar")


def test_cannot_touch_another_vendors_product(client, vendor_owner, other_vendor, bearer):
    ProductFactory(vendor=other_vendor, sku="OTHER-1", status="draft", price_idr=1_000_000)
    headers = bearer(vendor_owner)

    patch = client.patch(f"{URL}/OTHER-1", {"price": 1}, content_type="application/json", headers=headers)
    submit = client.post(f"{URL}/OTHER-1/submit", headers=headers)

    assert patch.status_code in (403, 404)
    assert submit.status_code in (403, 404)
    product = Product.objects.get(sku="OTHER-1")
    assert (product.price_idr, product.status) == (1_000_000, "draft")


def test_submits_a_draft_for_curation(client, vendor, vendor_owner, bearer):
    ProductFactory(vendor=vendor, sku="OWN-1", status="draft", submitted_at=None)

    response = client.post(f"{URL}/OWN-1/submit", headers=bearer(vendor_owner))

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["submitted_at"]


def test_submitting_a_listed_product_is_a_409(client, vendor, vendor_owner, bearer):
    ProductFactory(vendor=vendor, sku="OWN-1", status="approved")

    response = client.post(f"{URL}/OWN-1/submit", headers=bearer(vendor_owner))

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_a_session_needs_the_csrf_token_to_write(vendor, vendor_owner, new_product):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(vendor_owner)

    refused = client.post(URL, new_product, content_type="application/json")
    client.get("/api/v1/me")  # any page; the test client keeps the cookie once set
    client.cookies["csrftoken"] = "a" * 32
    accepted = client.post(URL, new_product, content_type="application/json", headers={"X-CSRFToken": "a" * 32})

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 201
