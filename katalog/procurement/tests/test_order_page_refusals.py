"""The order page refusing what it must: another role's steps, steps the status does not allow, missing reasons,
lines that may not change, and numbers past what can be stored, each with the page's message and nothing saved."""

import pytest
from django.utils.translation import gettext as _

from katalog.procurement.models import Order, OrderStatus
from katalog.procurement.tests.factories import order_in, pejabat_pengadaan
from katalog.procurement.tests.order_page_helpers import act, error_messages, form_errors, page, status_of

S = OrderStatus

pytestmark = pytest.mark.usefixtures("frozen_clock", "english")


def test_a_vendor_cannot_approve_and_a_pejabat_pengadaan_cannot_either(client_for, buyer, buyer_org, vendor,
                                                                      vendor_owner):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)
    pp = pejabat_pengadaan(buyer_org)

    by_vendor = act(client_for(vendor_owner), order, "approve")
    by_pp = act(client_for(pp), order, "approve")

    assert by_vendor.status_code == by_pp.status_code == 302
    assert status_of(order) == S.AWAITING_APPROVAL
    assert error_messages(by_vendor) == [_("Only the buyer's PPK may do this.")]
    assert error_messages(by_pp) == [_("Only the buyer's PPK may do this.")]
    assert "approve" not in client_for(vendor_owner).get(page(order)).context["actions"]


def test_a_refused_transition_shows_the_services_message_and_the_page(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    response = act(client_for(buyer), order, "approve", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == page(order)
    assert status_of(order) == S.DRAFT
    order.refresh_from_db()
    expected = _("This order cannot be %(action)s now: it is “%(status)s”.") % {
        "action": _("approved"), "status": order.get_status_display(),
    }
    assert expected in response.content.decode()


def test_a_reason_is_required_to_reject_decline_or_cancel(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)
    ppk = client_for(buyer)

    empty = act(ppk, order, "reject", {"reason": "  "})

    assert empty.status_code == 200
    assert empty.context["action_forms"][[a["name"] for a in empty.context["action_forms"]].index("reject")][
        "form"].errors["reason"] == [_("Give the reason for rejecting the order.")]
    assert status_of(order) == S.AWAITING_APPROVAL
    act(ppk, order, "reject", {"reason": "Anggaran dialihkan."})
    order.refresh_from_db()
    assert (order.status, order.status_reason) == (S.REJECTED, "Anggaran dialihkan.")
    assert "Anggaran dialihkan." in ppk.get(page(order)).content.decode()


def test_the_vendor_declines_and_the_buyer_cancels(client_for, buyer, vendor, vendor_owner):
    offered = order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    draft = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    act(client_for(vendor_owner), offered, "decline", {"reason": "Stok habis."})
    vendor_cancel = act(client_for(vendor_owner), draft, "cancel", {"reason": "Bukan hak penyedia."})
    act(client_for(buyer), draft, "cancel", {"reason": "Salah pesan."})

    assert status_of(offered) == S.DECLINED
    assert vendor_cancel.status_code == 404  # an unsent draft is the buyer's own: the vendor does not see it
    assert status_of(draft) == S.CANCELLED


def test_the_lines_of_a_mini_competition_order_keep_the_awarded_price(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    Order.objects.filter(pk=order.pk).update(competition_id=1)
    line = order.lines.get()

    response = act(client_for(buyer), order, "edit_lines", {f"quantity_{line.pk}": 9})

    assert "edit_lines" not in client_for(buyer).get(page(order)).context["actions"]
    assert response.status_code == 302 and order.lines.get().quantity == line.quantity
    assert error_messages(response) == [_("The lines of an order from a mini-competition come from the awarded "
                                          "quote and cannot be changed.")]


@pytest.mark.parametrize("quantity", [2_147_483_648, 10**20])
def test_a_quantity_past_what_can_be_stored_is_refused_by_the_form(client_for, buyer, vendor, vendor_owner, quantity):
    order = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    line = order.lines.get()

    response = act(client_for(buyer), order, "edit_lines", {f"quantity_{line.pk}": quantity})

    assert response.status_code == 200
    assert f"quantity_{line.pk}" in form_errors(response, "edit_lines")
    assert order.lines.get().quantity == line.quantity


def test_an_offered_price_past_what_can_be_stored_is_refused_by_the_form(client_for, buyer, vendor, vendor_owner):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    line = order.lines.get()
    offers = order.offers.count()

    response = act(client_for(vendor_owner), order, "offer", {f"price_{line.pk}": 10**20, "message": "Naik."})

    assert response.status_code == 200
    assert f"price_{line.pk}" in form_errors(response, "offer")
    assert order.offers.count() == offers and order.lines.get().unit_price_idr == line.unit_price_idr
