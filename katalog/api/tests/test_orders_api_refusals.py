"""The order API refusing what it must: steps the status does not allow (409), orders that do not exist (404),
another organisation's orders (404) and the other side's steps (403)."""

import pytest

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.procurement.models import Order, OrderStatus
from katalog.procurement.tests.factories import order_in

from .api_calls import URL, new_order, post, session

S = OrderStatus

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def other_buyer(db):
    return MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user


# ---- Refused steps ----

LINE = object()  # stands for the order's first line id


@pytest.mark.parametrize("status, actor, step, body", [
    (S.NEGOTIATING, "buyer", "send", {}),
    (S.DRAFT, "buyer", "offers", {"unit_prices": {LINE: 1_000_000}}),
    (S.APPROVED, "vendor", "offers/accept", {}),
    (S.DRAFT, "buyer", "approve", {}),
    (S.APPROVED, "buyer", "reject", {"reason": "Tidak jadi."}),
    (S.DRAFT, "buyer", "surat-pesanan", {}),
    (S.APPROVED, "vendor", "accept", {}),
    (S.ACCEPTED, "vendor", "decline", {"reason": "Stok habis."}),
    (S.ACCEPTED, "buyer", "cancel", {"reason": "Tidak jadi."}),
    (S.COMPLETED, "buyer", "cancel", {"reason": "Tidak jadi."}),
    (S.AWAITING_VENDOR, "vendor", "deliveries", {"quantities": {LINE: 1}}),
    (S.IN_DELIVERY, "buyer", "payments", {"amount_idr": 1, "paid_date": "2025-06-02", "reference": "SP2D-1"}),
    (S.RECEIVED, "buyer", "complete", {}),
    (S.RECEIVED, "buyer", "rating", {"delivery_time": 5, "quality": 5, "fit_to_spec": 5}),
    (S.DRAFT, "buyer", "addenda", {"changes": {"terms": "Baru."}, "reason": "Perubahan."}),
])
def test_refuses_a_step_the_status_does_not_allow_with_409(
    client, buyer, vendor, vendor_owner, bearer, status, actor, step, body
):
    order = order_in(status, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    line = str(order.lines.first().pk)
    body = {k: ({line: v[LINE]} if isinstance(v, dict) and LINE in v else v) for k, v in body.items()}
    before = Order.objects.get(pk=order.pk).status

    response = post(client, f"{URL}/{order.pk}/{step}", body, bearer(buyer if actor == "buyer" else vendor_owner))

    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "invalid_transition" and response.json()["detail"]
    assert Order.objects.get(pk=order.pk).status == before


@pytest.mark.parametrize("step", ["send", "approve", "accept", "complete"])
def test_a_step_on_an_order_that_does_not_exist_is_a_404(client, buyer, bearer, step):
    response = post(client, f"{URL}/987654321/{step}", {}, bearer(buyer))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found" and response.json()["detail"]


def test_refuses_to_edit_the_lines_of_a_sent_order(client, buyer, vendor, vendor_owner, approved_product, bearer):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    response = client.put(f"{URL}/{order.pk}/lines", {"lines": [{"sku": approved_product.sku, "quantity": 1}]},
                          content_type="application/json", headers=bearer(buyer))

    assert response.status_code == 409


def test_refuses_a_second_bast_and_a_second_decision_on_an_addendum(client, buyer, vendor, vendor_owner, bearer):
    order = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    delivery = order.deliveries.get()
    bast = {"number": "BAST/09", "function_ok": True, "quantity_ok": True, "on_time": True}

    again = post(client, f"{URL}/{order.pk}/deliveries/{delivery.pk}/bast", bast, bearer(buyer))

    assert again.status_code == 409
    accepted = order_in(S.ACCEPTED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    url = f"{URL}/{accepted.pk}/addenda"
    proposal = post(client, url, {"changes": {"terms": "Dikemas per lusin."}, "reason": "Permintaan gudang."},
                    bearer(buyer)).json()["addenda"][0]
    decide = f"{url}/{proposal['id']}/decide"
    assert post(session(vendor_owner), decide, {"accept": False, "reason": "Biaya naik."}).status_code == 200
    assert post(session(vendor_owner), decide, {"accept": True}).status_code == 409


def test_accepting_ones_own_offer_is_forbidden(client, buyer, vendor, vendor_owner, bearer):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    response = post(client, f"{URL}/{order.pk}/offers/accept", headers=bearer(buyer))

    assert response.status_code == 403
    assert Order.objects.get(pk=order.pk).status == S.NEGOTIATING


# ---- Who may do what ----

@pytest.fixture
def waiting_for_vendor(buyer, vendor, vendor_owner):
    return order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)


@pytest.mark.parametrize("outsider", ["other_buyer", "other_vendor_owner"])
def test_another_organisation_neither_sees_nor_acts_on_an_order(client, bearer, request, waiting_for_vendor, outsider):
    headers = bearer(request.getfixturevalue(outsider))
    url = f"{URL}/{waiting_for_vendor.pk}"

    assert client.get(URL, headers=headers).json()["items"] == []
    assert client.get(url, headers=headers).status_code == 404
    for step, body in [("accept", {}), ("cancel", {"reason": "Coba."}), ("decline", {"reason": "Coba."})]:
        response = post(client, f"{url}/{step}", body, headers)
        assert response.status_code == 404, step
        assert response.json()["code"] == "not_found"
    assert Order.objects.get(pk=waiting_for_vendor.pk).status == S.AWAITING_VENDOR


def test_each_side_is_refused_the_other_sides_steps_with_403(client, bearer, buyer, vendor_owner, curator,
                                                             waiting_for_vendor):
    url = f"{URL}/{waiting_for_vendor.pk}"

    assert post(client, f"{url}/accept", headers=bearer(buyer)).status_code == 403
    assert post(client, f"{url}/cancel", {"reason": "Coba."}, bearer(vendor_owner)).status_code == 403
    assert post(client, f"{url}/accept", headers=bearer(curator)).status_code == 403
    assert client.get(url, headers=bearer(curator)).status_code == 200
    assert Order.objects.get(pk=waiting_for_vendor.pk).status == S.AWAITING_VENDOR


def test_a_vendor_cannot_create_an_order(client, vendor_owner, approved_product, bearer):
    response = post(client, URL, new_order(approved_product), bearer(vendor_owner))

    assert response.status_code == 403
    assert not Order.objects.exists()


def test_anonymous_requests_are_401(client, waiting_for_vendor, approved_product):
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{waiting_for_vendor.pk}").status_code == 401
    assert post(client, URL, new_order(approved_product)).status_code == 401
    assert post(client, f"{URL}/{waiting_for_vendor.pk}/accept").status_code == 401


def test_a_bast_for_another_orders_delivery_is_not_found(client, buyer, vendor, vendor_owner, bearer):
    first = order_in(S.IN_DELIVERY, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    second = order_in(S.IN_DELIVERY, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    bast = {"number": "BAST/10", "function_ok": True, "quantity_ok": True, "on_time": True}

    response = post(client, f"{URL}/{first.pk}/deliveries/{second.deliveries.get().pk}/bast", bast, bearer(buyer))

    assert response.status_code == 404
    assert not second.deliveries.filter(bast__isnull=False).exists()
