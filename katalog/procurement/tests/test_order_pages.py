"""The order pages: /pesanan/ and /pesanan/<id>/ with every action, for the right role and refused for others."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.tests.factories import ProductFactory
from katalog.procurement import services
from katalog.procurement.models import Addendum, Bast, OrderStatus
from katalog.procurement.order_pages import order_actions
from katalog.procurement.tests.factories import NOW, draft_order, order_in, pejabat_pengadaan, ship_all
from katalog.procurement.tests.order_page_helpers import act, error_messages, page, status_of
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory

S = OrderStatus

pytestmark = pytest.mark.usefixtures("frozen_clock", "english")


@pytest.fixture
def other_buyer(db):
    return MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user


# ---- Addresses and visibility ----

def test_lives_at_indonesian_addresses(buyer, vendor, vendor_owner):
    order = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    assert reverse("procurement:order_list") == "/pesanan/"
    assert page(order) == f"/pesanan/{order.pk}/"
    assert reverse("procurement:order_approve", args=[order.pk]) == f"/pesanan/{order.pk}/setujui/"


def test_order_page_is_hidden_from_another_organisation_and_another_vendor(
    client_for, buyer, vendor, vendor_owner, other_buyer, other_vendor_owner
):
    order = order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    assert client_for(buyer).get(page(order)).status_code == 200
    assert client_for(vendor_owner).get(page(order)).status_code == 200
    assert client_for(other_buyer).get(page(order)).status_code == 404
    assert client_for(other_vendor_owner).get(page(order)).status_code == 404
    assert act(client_for(other_buyer), order, "cancel", {"reason": "Salah pesan."}).status_code == 404
    assert act(client_for(other_vendor_owner), order, "vendor_accept").status_code == 404
    assert client_for().get(page(order)).status_code == 302
    assert status_of(order) == S.AWAITING_VENDOR


def test_curators_read_orders_without_any_action(client_for, curator, buyer, vendor, vendor_owner):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    response = client_for(curator).get(page(order))

    assert response.status_code == 200
    assert response.context["actions"] == []
    assert 'id="action-' not in response.content.decode()


def test_list_shows_the_buyers_orders_and_the_vendors_incoming_orders(
    client_for, buyer, vendor, vendor_owner, other_buyer, other_vendor, other_vendor_owner,
    django_assert_max_num_queries,
):
    waiting = order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    draft = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    elsewhere = order_in(S.DRAFT, buyer=other_buyer, vendor=other_vendor, vendor_user=other_vendor_owner)
    url = reverse("procurement:order_list")
    buyer_client = client_for(buyer)

    with django_assert_max_num_queries(10):
        as_buyer = buyer_client.get(url)
    as_vendor = client_for(vendor_owner).get(url)
    vendor_waiting = client_for(vendor_owner).get(url, {"tab": "waiting"})
    buyer_waiting = client_for(buyer).get(url, {"tab": "waiting"})
    by_status = client_for(buyer).get(url, {"tab": S.DRAFT})

    def ids(response):
        return [row["id"] for row in response.context["rows"]]

    assert sorted(ids(as_buyer)) == sorted([waiting.pk, draft.pk])
    assert ids(as_vendor) == [waiting.pk]  # a draft is not sent to the vendor yet
    assert elsewhere.pk not in ids(as_buyer) + ids(as_vendor)
    assert ids(vendor_waiting) == [waiting.pk]
    assert ids(buyer_waiting) == [draft.pk]
    assert ids(by_status) == [draft.pk]
    assert {t["key"]: t["count"] for t in as_vendor.context["tabs"]}["waiting"] == 1


def test_list_paginates(client_for, buyer, vendor, vendor_owner):
    for _n in range(21):
        draft_order(buyer=buyer, vendor=vendor)

    first = client_for(buyer).get(reverse("procurement:order_list"))
    second = client_for(buyer).get(reverse("procurement:order_list"), {"page": 2})

    assert len(first.context["rows"]) == 20 and len(second.context["rows"]) == 1
    assert "page=2" in first.content.decode()


# ---- The whole way through the pages ----

def test_runs_an_order_through_every_step_on_the_pages(client_for, buyer, vendor, vendor_owner):
    ppk, seller = client_for(buyer), client_for(vendor_owner)
    product = ProductFactory(vendor=vendor, price_idr=100_000_000)
    second = ProductFactory(vendor=vendor, price_idr=1_000_000)
    order = draft_order(buyer=buyer, vendor=vendor, products=[product, second], quantity=1)
    big, small = order.lines.order_by("position")

    act(ppk, order, "edit_lines", {f"quantity_{big.pk}": 3, f"quantity_{small.pk}": 0})
    order.refresh_from_db()
    line = order.lines.get()
    assert (line.product_id, line.quantity, order.total_idr) == (product.pk, 3, 300_000_000)

    act(ppk, order, "send", {"negotiate": "on", f"price_{line.pk}": 90_000_000})
    assert status_of(order) == S.NEGOTIATING
    act(seller, order, "offer", {f"price_{line.pk}": 95_000_000, "message": "Harga bahan naik."})
    assert "offer_accept" in client_for(buyer).get(page(order)).context["actions"]
    act(ppk, order, "offer_accept")
    order.refresh_from_db()
    assert (order.status, order.total_idr) == (S.AWAITING_APPROVAL, 285_000_000)  # above the PP's limit

    act(ppk, order, "approve")
    act(ppk, order, "sp_issue", {"terms": "Garansi 1 tahun."})
    order.refresh_from_db()
    assert order.status == S.AWAITING_VENDOR and order.sp_terms == "Garansi 1 tahun."
    sp_page = ppk.get(page(order)).content.decode()
    assert reverse("procurement_documents:surat_pesanan", args=[order.number]) in sp_page
    assert reverse("procurement_documents:surat_pesanan_pdf", args=[order.number]) in sp_page

    act(seller, order, "vendor_accept")
    act(seller, order, "deliver", {f"quantity_{line.pk}": 1, "carrier": "JNE 123"})
    act(seller, order, "deliver", {f"quantity_{line.pk}": 2})
    assert status_of(order) == S.IN_DELIVERY
    for delivery in order.deliveries.order_by("sequence"):
        act(ppk, order, "bast", {"delivery": delivery.pk, "number": f"BAST/{delivery.sequence}",
                                 "function_ok": "on", "quantity_ok": "on", "on_time": "on"})
    assert status_of(order) == S.RECEIVED
    bast = Bast.objects.filter(delivery__order=order).first()
    assert reverse("procurement_documents:bast", args=[bast.pk]) in ppk.get(page(order)).content.decode()

    act(ppk, order, "pay", {"amount_idr": 285_000_000, "paid_date": "2025-06-02", "reference": "SP2D-9"})
    assert status_of(order) == S.PAID
    act(ppk, order, "rate", {"delivery_time": 5, "quality": 4, "fit_to_spec": 4, "comment": "Baik."})
    act(ppk, order, "complete")

    assert status_of(order) == S.COMPLETED
    final = ppk.get(page(order))
    kinds = [entry["kind"] for entry in final.context["timeline"]]
    assert kinds[:4] == ["created", "lines_updated", "sent", "offer_made"]
    assert kinds[-4:] == ["payment_recorded", "paid", "rated", "completed"]
    assert final.context["actions"] == []
    assert final.context["order"]["rating"]["quality"] == 4


def test_a_pejabat_pengadaan_sends_within_the_limit_and_the_ppk_issues_the_sp(client_for, buyer, buyer_org, vendor,
                                                                            vendor_owner):
    pp = pejabat_pengadaan(buyer_org)
    order = draft_order(buyer=pp, vendor=vendor)

    act(client_for(pp), order, "send")
    as_pp = client_for(pp).get(page(order))
    as_ppk = client_for(buyer).get(page(order))

    assert status_of(order) == S.APPROVED
    assert "sp_issue" not in as_pp.context["actions"]
    assert "sp_issue" in as_ppk.context["actions"]


# ---- Local first and P3DN on the send form ----

def test_the_send_form_asks_for_a_justification_and_shows_local_alternatives(client_for, buyer, approved_product):
    jakarta = VendorFactory(region=Region.objects.get(code="31.71"))
    outsider = ProductFactory(vendor=jakarta, origin_region=Region.objects.get(code="31.71"))
    order = draft_order(buyer=buyer, vendor=jakarta, products=[outsider])
    ppk = client_for(buyer)

    before = ppk.get(page(order)).content.decode()
    refused = act(ppk, order, "send")

    assert 'name="send-local_justification"' in before
    assert reverse("catalog:product_detail", args=[approved_product.sku]) in before
    assert refused.status_code == 200
    send_form = next(a["form"] for a in refused.context["action_forms"] if a["name"] == "send")
    assert outsider.name in send_form.errors["local_justification"][0]
    assert status_of(order) == S.DRAFT
    act(ppk, order, "send", {"local_justification": "Motif khusus untuk tamu negara."})
    order.refresh_from_db()
    assert order.status == S.APPROVED and order.local_justification == "Motif khusus untuk tamu negara."


def test_the_send_form_asks_nothing_when_the_products_are_local_and_pdn(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    html = client_for(buyer).get(page(order)).content.decode()

    assert "send-local_justification" not in html and "send-pdn_justification" not in html


# ---- Negotiation: the reference price ----

def test_both_sides_see_the_category_reference_price_during_negotiation(client_for, buyer, vendor, vendor_owner):
    for price in (1_000_000, 1_200_000, 1_400_000):
        order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                 products=[ProductFactory(vendor=vendor, price_idr=price)])
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    for user in (buyer, vendor_owner):
        response = client_for(user).get(page(order))
        reference = response.context["order"]["lines"][0]["reference"]
        assert (reference["median_idr"], reference["q1_idr"], reference["q3_idr"]) == (1_200_000, 1_100_000, 1_300_000)
        assert "Rp1,200,000" in response.content.decode().split('class="small reference-price"', 1)[1]


def test_only_the_other_side_may_accept_the_latest_offer(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    own = act(client_for(buyer), order, "offer_accept")

    assert status_of(order) == S.NEGOTIATING
    assert error_messages(own) == [_("Only the other side may accept this offer.")]
    assert "offer_accept" in client_for(vendor_owner).get(page(order)).context["actions"]


# ---- Delivery, BAST and addenda ----

def test_a_shipment_cannot_exceed_what_is_still_to_ship(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.ACCEPTED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, quantity=3)
    line = order.lines.get()

    response = act(client_for(vendor_owner), order, "deliver", {f"quantity_{line.pk}": 4})

    assert response.status_code == 200
    assert order.deliveries.count() == 0 and status_of(order) == S.ACCEPTED


def test_a_non_conforming_bast_needs_its_note(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.ACCEPTED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    delivery = ship_all(order, vendor_user=vendor_owner)
    ppk = client_for(buyer)
    data = {"delivery": delivery.pk, "number": "BAST/7", "function_ok": "on", "quantity_ok": "on"}

    missing = act(ppk, order, "bast", data)
    assert missing.status_code == 200 and not Bast.objects.exists()
    act(ppk, order, "bast", {**data, "non_conformity": "Terlambat 5 hari."})

    bast = Bast.objects.get()
    assert (bast.conforming, bast.on_time, bast.non_conformity) == (False, False, "Terlambat 5 hari.")
    assert status_of(order) == S.IN_DELIVERY
    assert "deliver" in client_for(vendor_owner).get(page(order)).context["actions"]  # to be shipped again


def test_an_addendum_is_proposed_by_one_side_and_accepted_by_the_other(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.ACCEPTED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, quantity=2)
    line = order.lines.get()

    act(client_for(vendor_owner), order, "addendum_propose",
        {f"quantity_{line.pk}": 5, "delivery_date": "2025-07-15", "reason": "Tambahan untuk cabang."})
    assert "addendum_decide" not in client_for(vendor_owner).get(page(order)).context["actions"]
    addendum = Addendum.objects.get()
    act(client_for(buyer), order, "addendum_decide", {"addendum": addendum.pk, "decision": "accept"})

    addendum.refresh_from_db()
    line.refresh_from_db()
    assert addendum.status == Addendum.Status.ACCEPTED and line.quantity == 5
    rows = client_for(buyer).get(page(order)).context["addenda"]
    assert [(i["before"], i["after"]) for i in rows[0]["items"]] == [(2, 5), ("2025-06-30", "2025-07-15")]


def test_rejecting_an_addendum_needs_a_reason(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.ACCEPTED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    services.addendum_propose(actor=buyer, order_id=order.pk, changes={"terms": "Dikirim bertahap."},
                              reason="Gudang penuh.", now=NOW)
    addendum = Addendum.objects.get()

    act(client_for(vendor_owner), order, "addendum_decide", {"addendum": addendum.pk, "decision": "reject"})
    assert Addendum.objects.get().status == Addendum.Status.PROPOSED
    act(client_for(vendor_owner), order, "addendum_decide",
        {"addendum": addendum.pk, "decision": "reject", "reason": "Tidak sanggup."})

    assert Addendum.objects.get().status == Addendum.Status.REJECTED


# ---- The actions rule ----

@pytest.mark.parametrize(("status", "buyer_actions", "vendor_actions"), [
    (S.DRAFT, ["edit_lines", "send", "cancel"], None),  # None: the vendor does not see an unsent draft
    (S.NEGOTIATING, ["offer", "cancel"], ["offer_accept", "offer", "decline"]),
    (S.AWAITING_APPROVAL, ["approve", "reject", "cancel"], []),
    (S.APPROVED, ["sp_issue", "cancel"], []),
    (S.AWAITING_VENDOR, ["addendum_propose", "cancel"], ["vendor_accept", "addendum_propose", "decline"]),
    (S.ACCEPTED, ["addendum_propose"], ["deliver", "addendum_propose"]),
    (S.RECEIVED, ["pay"], []),
    (S.PAID, ["complete", "rate"], []),
])
def test_offers_each_side_the_actions_its_role_and_the_status_allow(
    client_for, buyer, vendor, vendor_owner, status, buyer_actions, vendor_actions
):
    order = order_in(status, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    assert client_for(buyer).get(page(order)).context["actions"] == buyer_actions
    vendor_view = client_for(vendor_owner).get(page(order))
    if vendor_actions is None:
        assert vendor_view.status_code == 404
    else:
        assert vendor_view.context["actions"] == vendor_actions


def test_the_actions_rule_gives_readers_nothing():
    detail = {"viewer": {"is_buyer": False, "is_ppk": False, "is_vendor": False}, "status": S.DRAFT}

    assert order_actions(detail) == []
