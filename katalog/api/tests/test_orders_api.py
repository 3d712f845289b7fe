"""The order API: the whole lifecycle over HTTP, safe retries, the list and the OpenAPI document (refused steps
and who may do what: test_orders_api_refusals.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from katalog.catalog.tests.factories import ProductFactory
from katalog.procurement.models import Order, OrderStatus
from katalog.procurement.tests.factories import draft_order, order_in, pejabat_pengadaan

from .api_calls import URL, events, new_order, post, session

S = OrderStatus

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def pp(buyer_org):
    return pejabat_pengadaan(buyer_org)


# ---- The whole lifecycle ----

def test_buyer_vendor_and_curator_take_an_order_through_every_step(
    client, buyer, vendor_owner, curator, approved_product, bearer
):
    ppk = bearer(buyer)  # the PPK uses a token, the vendor its session
    seller = session(vendor_owner)

    created = post(client, URL, new_order(approved_product), ppk)
    assert created.status_code == 201, created.json()
    order = created.json()
    assert (order["status"], order["total_idr"], order["rup_code"]) == ("draft", 3_000_000, "51234567")
    url = f"{URL}/{order['id']}"

    edited = client.put(f"{url}/lines", {"lines": [{"sku": approved_product.sku, "quantity": 4}]},
                        content_type="application/json", headers=ppk)
    assert edited.status_code == 200 and edited.json()["total_idr"] == 6_000_000
    line = str(edited.json()["lines"][0]["id"])

    sent = post(client, f"{url}/send", {"negotiate": True, "unit_prices": {line: 1_300_000}}, ppk).json()
    assert sent["status"] == "negotiating"
    assert sent["offers"][0]["unit_prices"] == {line: 1_300_000}
    assert sent["reference_prices"] == [{"line_id": int(line), "category_id": approved_product.category_id,
                                         "reference": None}]

    countered = post(seller, f"{url}/offers", {"unit_prices": {line: 1_400_000}, "message": "Benang emas naik."})
    assert countered.status_code == 201
    assert [o["side"] for o in countered.json()["offers"]] == ["buyer", "vendor"]

    agreed = post(client, f"{url}/offers/accept", headers=ppk).json()
    assert agreed["status"] == "approved"  # Rp5,6 juta: within the pejabat pengadaan's limit
    assert (agreed["total_idr"], agreed["lines"][0]["unit_price_idr"]) == (5_600_000, 1_400_000)
    assert agreed["reference_prices"] == []

    issued = post(client, f"{url}/surat-pesanan", {"terms": "Garansi jahitan satu tahun."}, ppk).json()
    assert issued["status"] == "awaiting_vendor"
    assert issued["sp_number"] and issued["sp_terms"] == "Garansi jahitan satu tahun."
    assert issued["documents"] == [{
        "kind": "surat_pesanan", "number": issued["sp_number"], "delivery_id": None,
        "page_url": reverse("procurement_documents:surat_pesanan", args=[issued["number"]]),
        "pdf_url": reverse("procurement_documents:surat_pesanan_pdf", args=[issued["number"]]),
    }]

    assert post(seller, f"{url}/accept").json()["status"] == "accepted"

    proposed = post(seller, f"{url}/addenda", {"changes": {"delivery_date": "2025-07-15"},
                                              "reason": "Pewarna alami perlu waktu."})
    assert proposed.status_code == 201
    addendum = proposed.json()["addenda"][0]
    assert (addendum["status"], addendum["side"]) == ("proposed", "vendor")
    decided = post(client, f"{url}/addenda/{addendum['id']}/decide", {"accept": True}, ppk).json()
    assert decided["delivery_date"] == "2025-07-15"
    assert decided["addenda"][0]["status"] == "accepted"
    assert decided["addenda"][0]["previous"] == {"delivery_date": "2025-06-30"}

    first = post(seller, f"{url}/deliveries", {"quantities": {line: 1}, "carrier": "JNE 0012"})
    assert first.status_code == 201 and first.json()["status"] == "in_delivery"
    shipped = post(seller, f"{url}/deliveries", {"quantities": {line: 3}}).json()
    deliveries = [d["id"] for d in shipped["deliveries"]]
    assert [d["lines"] for d in shipped["deliveries"]] == [[{"order_line_id": int(line), "quantity": 1}],
                                                          [{"order_line_id": int(line), "quantity": 3}]]

    inspection = {"function_ok": True, "quantity_ok": True, "on_time": True}
    partly = post(client, f"{url}/deliveries/{deliveries[0]}/bast", {"number": "BAST/01", **inspection}, ppk).json()
    assert partly["status"] == "in_delivery"
    received = post(client, f"{url}/deliveries/{deliveries[1]}/bast", {"number": "BAST/02", **inspection}, ppk).json()
    assert received["status"] == "received"
    basts = [d["bast"] for d in received["deliveries"]]
    assert [b["value_idr"] for b in basts] == [1_400_000, 4_200_000]
    assert [d for d in received["documents"] if d["kind"] == "bast"] == [
        {"kind": "bast", "number": bast["number"], "delivery_id": delivery,
         "page_url": reverse("procurement_documents:bast", args=[bast["id"]]),
         "pdf_url": reverse("procurement_documents:bast_pdf", args=[bast["id"]])}
        for bast, delivery in zip(basts, deliveries, strict=True)
    ]

    paid = post(client, f"{url}/payments", {"amount_idr": 5_600_000, "paid_date": "2025-06-02",
                                            "reference": "SP2D-0042"}, ppk)
    assert paid.status_code == 201
    assert (paid.json()["status"], paid.json()["paid_idr"]) == ("paid", 5_600_000)

    rated = post(client, f"{url}/rating", {"delivery_time": 4, "quality": 5, "fit_to_spec": 5}, ppk)
    assert rated.status_code == 201 and rated.json()["rating"]["quality"] == 5

    completed = post(client, f"{url}/complete", headers=ppk).json()
    assert completed["status"] == "completed"
    assert events(completed) == [
        "created", "lines_updated", "sent", "offer_made", "offer_made", "agreed", "sp_issued", "accepted",
        "addendum_proposed", "addendum_accepted", "shipped", "shipped", "bast_signed", "bast_signed", "received",
        "payment_recorded", "paid", "rated", "completed",
    ]

    # The curator oversees every order, read-only.
    oversight = session(curator)
    assert [o["id"] for o in oversight.get(URL).json()["items"]] == [order["id"]]
    seen = oversight.get(url).json()
    assert seen["status"] == "completed" and seen["viewer"] == {"is_buyer": False, "is_ppk": False, "is_vendor": False}
    assert [o["id"] for o in seller.get(URL, {"status": "completed"}).json()["items"]] == [order["id"]]


def test_a_pejabat_pengadaan_within_the_limit_needs_the_ppk_only_for_the_surat_pesanan(
    client, buyer, pp, approved_product, bearer
):
    buyer_session = session(pp)
    order = post(buyer_session, URL, new_order(approved_product)).json()

    sent = post(buyer_session, f"{URL}/{order['id']}/send").json()
    refused = post(buyer_session, f"{URL}/{order['id']}/surat-pesanan")
    issued = post(client, f"{URL}/{order['id']}/surat-pesanan", headers=bearer(buyer))

    assert sent["status"] == "approved"
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert issued.status_code == 200 and issued.json()["status"] == "awaiting_vendor"


def test_an_order_above_the_limit_waits_for_the_ppk_not_the_pejabat_pengadaan(client, buyer, pp, vendor, bearer):
    product = ProductFactory(vendor=vendor, price_idr=150_000_000)
    buyer_session = session(pp)
    order = post(buyer_session, URL, new_order(product)).json()  # Rp300 juta

    sent = post(buyer_session, f"{URL}/{order['id']}/send").json()
    refused = post(buyer_session, f"{URL}/{order['id']}/approve")
    approved = post(client, f"{URL}/{order['id']}/approve", headers=bearer(buyer))

    assert sent["status"] == "awaiting_approval"
    assert refused.status_code == 403
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert events(approved.json())[-1] == "approved"


def test_the_ppk_rejects_with_a_reason_and_not_without(client, buyer, vendor, vendor_owner, bearer):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)
    url = f"{URL}/{order.pk}/reject"

    missing = post(client, url, {"reason": "  "}, bearer(buyer))
    rejected = post(client, url, {"reason": "Anggaran dialihkan."}, bearer(buyer))

    assert missing.status_code == 422 and "reason" in missing.json()["errors"]
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["status_reason"]) == ("rejected", "Anggaran dialihkan.")


def test_reference_prices_show_what_the_category_recently_cost(buyer, vendor, vendor_owner, approved_product):
    for price in (1_000_000, 2_000_000, 3_000_000):
        order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                 products=[ProductFactory(vendor=vendor, price_idr=price)])
    negotiating = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                           products=[approved_product])

    body = session(vendor_owner).get(f"{URL}/{negotiating.pk}").json()

    assert body["reference_prices"][0]["reference"] == {
        "count": 3, "q1_idr": 1_500_000, "median_idr": 2_000_000, "q3_idr": 2_500_000,
    }


# ---- Creating safely ----

def test_a_retry_with_the_same_idempotency_key_returns_the_same_order(client, buyer, approved_product, bearer):
    headers = {**bearer(buyer), "Idempotency-Key": "pesanan-7f3a"}

    first = post(client, URL, new_order(approved_product), headers)
    retry = post(client, URL, new_order(approved_product), headers)
    other = post(client, URL, new_order(approved_product), {**headers, "Idempotency-Key": "pesanan-8b1c"})

    assert (first.status_code, retry.status_code, other.status_code) == (201, 200, 201)
    assert retry.json()["id"] == first.json()["id"] != other.json()["id"]
    assert Order.objects.count() == 2
    assert events(retry.json()) == ["created"]


def test_without_a_key_each_submission_is_a_new_order(client, buyer, approved_product, bearer):
    post(client, URL, new_order(approved_product), bearer(buyer))
    post(client, URL, new_order(approved_product), bearer(buyer))

    assert Order.objects.count() == 2


@pytest.mark.parametrize("change, field", [
    ({"lines": [{"sku": "TIDAK-ADA", "quantity": 1}]}, "lines"),
    ({"delivery_date": "2025-05-01"}, "delivery_date"),
    ({"budget_source": "arisan"}, "budget_source"),
    ({"title": "  "}, "title"),
    ({"vendor": "V-TIDAK-ADA"}, "vendor"),
])
def test_refuses_bad_order_input_with_422_and_the_field(client, buyer, approved_product, bearer, change, field):
    response = post(client, URL, new_order(approved_product, **change), bearer(buyer))

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Order.objects.exists()


def test_refuses_a_body_of_the_wrong_shape_and_an_unknown_status_filter(client, buyer, approved_product, bearer):
    wrong = post(client, URL, new_order(approved_product, quantity="dua"), bearer(buyer))
    unknown = client.get(URL, {"status": "hilang"}, headers=bearer(buyer))

    assert wrong.status_code == 422 and wrong.json()["code"] == "invalid_input"
    assert unknown.status_code == 422 and "status" in unknown.json()["errors"]


def test_refuses_a_rating_out_of_range_and_an_overpayment(client, buyer, vendor, vendor_owner, bearer):
    received = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)  # Rp3.000.000

    overpaid = post(client, f"{URL}/{received.pk}/payments",
                    {"amount_idr": 3_000_001, "paid_date": "2025-06-02", "reference": "SP2D-2"}, bearer(buyer))
    paid = order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    too_high = post(client, f"{URL}/{paid.pk}/rating", {"delivery_time": 7, "quality": 5, "fit_to_spec": 5},
                    bearer(buyer))

    assert overpaid.status_code == 422 and "amount_idr" in overpaid.json()["errors"]
    assert too_high.status_code == 422 and "delivery_time" in too_high.json()["errors"]


# ---- The list ----

def test_the_list_is_paginated_filtered_and_costs_the_same_queries_for_more_orders(
    client, buyer, vendor, other_vendor, bearer
):
    headers = bearer(buyer)
    client.get(URL, headers=headers)  # the token's first use records it
    for _ in range(2):
        draft_order(buyer=buyer, vendor=vendor)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, headers=headers)
    for _ in range(3):
        draft_order(buyer=buyer, vendor=other_vendor)
    with CaptureQueriesContext(connection) as more:
        body = client.get(URL, {"page_size": 4}, headers=headers).json()

    assert len(more) == len(few)
    assert (body["count"], body["pages"], len(body["items"])) == (5, 2, 4)
    assert body["items"][0]["url"] == f"{URL}/{body['items'][0]['id']}"
    assert client.get(URL, {"status": "negotiating"}, headers=headers).json()["count"] == 0


# ---- The OpenAPI document ----

def test_the_openapi_document_describes_every_order_step(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    steps = ["send", "offers", "offers/accept", "approve", "reject", "surat-pesanan", "accept", "decline", "cancel",
             "deliveries", "deliveries/{delivery_id}/bast", "payments", "complete", "rating", "addenda",
             "addenda/{addendum_id}/decide"]
    for step in steps:
        operation = paths[f"/api/v1/orders/{{order_id}}/{step}"]["post"]
        assert operation["tags"] == ["orders"] and operation["summary"], step
        assert "409" in operation["responses"], step
    assert set(paths["/api/v1/orders"]) == {"get", "post"}
    assert "Idempotency-Key" in [p["name"] for p in paths["/api/v1/orders"]["post"]["parameters"]]
    assert set(paths["/api/v1/orders/{order_id}/lines"]) == {"put"}
