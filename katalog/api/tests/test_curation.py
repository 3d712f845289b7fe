import datetime as dt

import pytest
from django.utils import timezone

from katalog.audit.models import AuditEvent
from katalog.catalog.models import Product
from katalog.catalog.tests.factories import ProductFactory
from katalog.vendors.models import Vendor
from katalog.vendors.tests.factories import VendorFactory


@pytest.fixture
def waiting(vendor):
    now = timezone.now()
    return {
        "old": ProductFactory(vendor=vendor, sku="WAIT-OLD", status="submitted", submitted_at=now - dt.timedelta(days=6)),
        "new": ProductFactory(vendor=vendor, sku="WAIT-NEW", status="submitted", submitted_at=now - dt.timedelta(days=1)),
        "draft": ProductFactory(vendor=vendor, sku="DRAFT-1", status="draft"),
    }


def test_lists_the_product_queue_longest_waiting_first(client, curator, bearer, waiting):
    response = client.get("/api/v1/curation/products", headers=bearer(curator))

    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["sku"] for i in items] == ["WAIT-OLD", "WAIT-NEW"]
    assert items[0]["waiting_days"] == 6
    assert items[0]["kbli_warning"] is None


def test_warns_the_curator_when_the_vendors_kbli_does_not_fit(client, curator, bearer, vendor, waiting):
    vendor.kbli = ["56210"]  # catering, for a tapis product
    vendor.save()

    items = client.get("/api/v1/curation/products", headers=bearer(curator)).json()["items"]

    assert all("56210" in i["kbli_warning"] for i in items)


def test_a_curator_approves_a_waiting_product_with_a_bearer_token(client, curator, bearer, waiting):
    headers = bearer(curator)

    response = client.post("/api/v1/curation/products/WAIT-OLD/approve", headers=headers)

    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert Product.objects.get(sku="WAIT-OLD").status == "approved"
    assert AuditEvent.objects.filter(event_type="catalog.product.approved", actor=curator).count() == 1
    assert client.get("/api/v1/products/WAIT-OLD").status_code == 200
    assert [i["sku"] for i in client.get("/api/v1/curation/products", headers=headers).json()["items"]] == [
        "WAIT-NEW"
    ]


def test_approving_a_draft_is_a_409(client, curator, bearer, waiting):
    response = client.post("/api/v1/curation/products/DRAFT-1/approve", headers=bearer(curator))

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert Product.objects.get(sku="DRAFT-1").status == "draft"


def test_approving_an_unknown_product_is_a_404(client, curator, bearer, waiting):
    assert client.post("/api/v1/curation/products/NOPE/approve", headers=bearer(curator)).status_code == 404


def test_returns_a_product_with_the_reason(client, curator, bearer, waiting):
    response = client.post(
        "/api/v1/curation/products/WAIT-NEW/return", {"reason": "Sertakan sertifikat TKDN."},
        content_type="application/json", headers=bearer(curator),
    )

    assert response.status_code == 200
    product = Product.objects.get(sku="WAIT-NEW")
    assert (product.status, product.status_reason) == ("returned", "Sertakan sertifikat TKDN.")


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_refuses_a_return_without_a_reason(client, curator, bearer, waiting, body):
    response = client.post(
        "/api/v1/curation/products/WAIT-NEW/return", body, content_type="application/json", headers=bearer(curator)
    )

    assert response.status_code == 422
    assert Product.objects.get(sku="WAIT-NEW").status == "submitted"


@pytest.mark.parametrize("who", ["vendor_owner", "buyer", "leader"])
def test_refuses_curation_to_anyone_but_curators(client, bearer, waiting, request, who):
    headers = bearer(request.getfixturevalue(who))

    queue = client.get("/api/v1/curation/products", headers=headers)
    approve = client.post("/api/v1/curation/products/WAIT-OLD/approve", headers=headers)

    assert queue.status_code == 403 and approve.status_code == 403
    assert approve.json()["detail"]
    assert Product.objects.get(sku="WAIT-OLD").status == "submitted"


@pytest.fixture
def waiting_vendors(db):
    now = timezone.now()
    return [
        VendorFactory(code="V-WAIT-1", status="submitted", submitted_at=now - dt.timedelta(days=9)),
        VendorFactory(code="V-WAIT-2", status="submitted", submitted_at=now - dt.timedelta(days=2)),
        VendorFactory(code="V-DRAFT", status="draft"),
    ]


def test_lists_the_vendor_queue_with_identifiers(client, curator, bearer, waiting_vendors):
    items = client.get("/api/v1/curation/vendors", headers=bearer(curator)).json()["items"]

    assert [i["code"] for i in items] == ["V-WAIT-1", "V-WAIT-2"]
    assert items[0]["npwp"] == waiting_vendors[0].npwp
    assert items[0]["waiting_days"] == 9


def test_verifies_a_vendor(client, curator, bearer, waiting_vendors):
    response = client.post("/api/v1/curation/vendors/V-WAIT-1/verify", headers=bearer(curator))

    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert client.get("/api/v1/vendors/V-WAIT-1").status_code == 200


@pytest.mark.parametrize("action, status", [("return", "returned"), ("reject", "rejected")])
def test_returns_or_rejects_a_vendor_with_the_reason(client, curator, bearer, waiting_vendors, action, status):
    response = client.post(
        f"/api/v1/curation/vendors/V-WAIT-2/{action}", {"reason": "NIB tidak sesuai dengan OSS."},
        content_type="application/json", headers=bearer(curator),
    )

    assert response.status_code == 200
    vendor = Vendor.objects.get(code="V-WAIT-2")
    assert (vendor.status, vendor.status_reason) == (status, "NIB tidak sesuai dengan OSS.")


def test_verifying_a_draft_vendor_is_a_409(client, curator, bearer, waiting_vendors):
    response = client.post("/api/v1/curation/vendors/V-DRAFT/verify", headers=bearer(curator))

    assert response.status_code == 409


def test_refuses_vendor_decisions_to_a_vendor(client, vendor_owner, bearer, waiting_vendors):
    response = client.post("/api/v1/curation/vendors/V-WAIT-1/verify", headers=bearer(vendor_owner))

    assert response.status_code == 403
    assert Vendor.objects.get(code="V-WAIT-1").status == "submitted"


def test_lists_the_queue_in_a_fixed_number_of_queries(client, curator, bearer, vendor, django_assert_max_num_queries):
    ProductFactory.create_batch(15, vendor=vendor, status="submitted")
    headers = bearer(curator)

    with django_assert_max_num_queries(7):
        response = client.get("/api/v1/curation/products", headers=headers)

    assert response.json()["count"] == 15
