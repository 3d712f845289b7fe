"""A PPK buys a local product through the real pages in headless Chromium: cart, draft order, price
negotiation, Surat Pesanan, the vendor's acceptance, a shipment, the BAST, payment, rating and completion,
with the vendor and a curator in their own browsers.

The pages are read in Indonesian, the site's default: the test follows ids, names and data attributes,
and checks statuses in the database next to the badge the page shows.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from katalog.accounts.tests.factories import MembershipFactory
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.money import format_rupiah, terbilang
from katalog.procurement.models import Order, OrderStatus
from katalog.procurement.tests.factories import order_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = OrderStatus
PASSWORD = "rahasia-123"  # the factories' password
LIST_PRICE, BUYER_OFFER, VENDOR_OFFER, QUANTITY = 2_000_000, 1_600_000, 1_800_000, 5
AGREED_TOTAL = VENDOR_OFFER * QUANTITY  # Rp9 juta: within the pejabat pengadaan's limit, approved at once


def expect_status(page, order_id: int, status: str) -> None:
    """The badge on the order page and the stored order agree on the status."""
    expect(page.locator("#order-status")).to_have_attribute("data-status", status)
    assert Order.objects.get(pk=order_id).status == status


def unread_count(page) -> int:
    """The notification bell's number (no badge: nothing unread)."""
    badge = page.locator("#nav-notifications [data-unread-count]")
    if badge.count() == 0:
        return 0
    return int(re.match(r"\s*(\d+)", badge.inner_text()).group(1))


def paid_orders_in_the_category(*, ppk, vendor, vendor_user) -> None:
    """Three unit prices paid this year (Rp900.000, Rp1.000.000, Rp1.100.000): the category's reference."""
    products = [ProductFactory(vendor=vendor, price_idr=price) for price in (900_000, 1_000_000, 1_100_000)]
    order_in(
        S.PAID, buyer=ppk, vendor=vendor, vendor_user=vendor_user, products=products, now=timezone.now(),
        delivery_date=timezone.localdate() + dt.timedelta(days=7),
    )


def test_a_ppk_buys_a_local_product_from_cart_to_completion_with_the_vendor_and_a_curator(
    reference_data, page_for, log_in, buyer_org, buyer, vendor, vendor_owner, other_vendor, other_vendor_owner,
    curator,
):
    # Another buyer paid another vendor for three tapis this year: the reference price both sides see.
    paid_orders_in_the_category(ppk=MembershipFactory(role="buyer_ppk").user, vendor=other_vendor,
                                vendor_user=other_vendor_owner)
    product = ProductFactory(vendor=vendor, name="Kain Tapis Cucuk Pinggir Siger", price_idr=LIST_PRICE)

    ppk = page_for(language="id")
    seller = page_for(language="id")
    log_in(ppk, buyer.username, PASSWORD)
    log_in(seller, vendor_owner.username, PASSWORD)
    seller.goto("/pesanan/")
    unread_before_sending = unread_count(seller)

    # 1. The PPK finds the product, puts five in the cart and checks out one vendor's group.
    ppk.goto("/produk/?q=cucuk")
    ppk.click(f"main a[href='/produk/{product.sku}/']")
    expect(ppk).to_have_url(re.compile(rf"/produk/{product.sku}/$"))
    ppk.fill("#add-to-cart-quantity", str(QUANTITY))
    ppk.click("form.add-to-cart button[type=submit]")
    expect(ppk.locator("div.add-to-cart[role=status]")).to_be_visible()  # htmx swapped in the confirmation
    ppk.goto("/keranjang/")
    group = ppk.locator(f".cart-group[data-vendor='{vendor.code}']")
    expect(group.locator(f"#qty-{product.pk}")).to_have_value(str(QUANTITY))
    group.locator(f"a[href='/keranjang/{vendor.code}/pesan/']").click()
    ppk.fill("#id_title", "Cendera mata tapis untuk tamu Festival Krakatau")
    ppk.fill("#id_delivery_address", "Jl. Wolter Monginsidi No. 69, Teluk Betung, Bandar Lampung")
    ppk.fill("#id_delivery_date", (timezone.localdate() + dt.timedelta(days=21)).isoformat())
    ppk.select_option("#id_budget_source", "apbd")
    ppk.fill("#id_budget_year", str(timezone.localdate().year))
    ppk.fill("#id_rup_code", "51234567")
    ppk.click("main form button[type=submit]")
    expect(ppk).to_have_url(re.compile(r"/pesanan/\d+/$"))
    order_id = int(re.search(r"/pesanan/(\d+)/$", ppk.url).group(1))
    order = Order.objects.get(pk=order_id)
    assert (order.buyer_organisation_id, order.vendor_id, order.total_idr) == (
        buyer_org.pk, vendor.pk, LIST_PRICE * QUANTITY,
    )
    assert (order.budget_source, order.rup_code) == ("apbd", "51234567")
    line_id = order.lines.get().pk
    expect_status(ppk, order_id, S.DRAFT)

    # 2. It sends the order for negotiation with its own offer; the vendor's bell rings.
    ppk.check("#id_send-negotiate")
    ppk.fill(f"#id_send-price_{line_id}", str(BUYER_OFFER))
    ppk.click("#action-send button[type=submit]")
    expect_status(ppk, order_id, S.NEGOTIATING)
    seller.reload()
    assert unread_count(seller) == unread_before_sending + 1

    # 3. The vendor finds it among its incoming orders and answers with a counter-offer.
    seller.click("nav .dropdown-toggle:has(+ .dropdown-menu a[href='/pesanan/'])")  # the vendor's sales menu
    seller.click("nav a[href='/pesanan/']")  # "Incoming orders"
    seller.click("#order-tabs a[href='?tab=waiting']")
    expect(seller).to_have_url(re.compile(r"/pesanan/\?tab=waiting$"))
    row = seller.locator("#order-table tbody tr", has=seller.locator(f"a[href='/pesanan/{order_id}/']"))
    expect(row.locator(f".status-{S.NEGOTIATING}")).to_be_visible()
    row.locator(f"a[href='/pesanan/{order_id}/']").click()
    expect(seller.locator("#offers tbody tr")).to_have_count(1)
    expect(seller.locator(".reference-price")).to_contain_text(format_rupiah(1_000_000))
    seller.fill(f"#id_offer-price_{line_id}", str(VENDOR_OFFER))
    seller.fill("#id_offer-message", "Harga benang emas naik bulan ini.")
    seller.click("#action-offer button[type=submit]")
    expect(seller.locator("#offers tbody tr")).to_have_count(2)
    expect(seller.locator("#action-offer_accept")).to_have_count(0)  # not its own offer

    # 4. The PPK sees the reference price beside the offer, and accepts: within the limit, approved at once.
    ppk.reload()
    expect(ppk.locator(".reference-price")).to_contain_text(format_rupiah(1_000_000))
    expect(ppk.locator("#action-offer_accept")).to_contain_text(format_rupiah(AGREED_TOTAL))
    ppk.click("#action-offer_accept button[type=submit]")
    expect_status(ppk, order_id, S.APPROVED)
    assert Order.objects.get(pk=order_id).total_idr == AGREED_TOTAL
    expect(ppk.locator("#order-total")).to_have_text(format_rupiah(AGREED_TOTAL))

    # Refused: cancelling without a reason shows the service's error next to the field.
    ppk.click("#action-cancel button[type=submit]")
    expect(ppk.locator("#action-cancel #id_cancel-reason_error")).to_be_visible()
    expect_status(ppk, order_id, S.APPROVED)

    # Refused: the vendor has no button to issue the Surat Pesanan, and posting it anyway is refused.
    seller.goto(f"/pesanan/{order_id}/")
    expect(seller.locator("#action-sp_issue")).to_have_count(0)
    with seller.expect_navigation():
        seller.evaluate("""(url) => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = url;
            const token = document.querySelector("input[name=csrfmiddlewaretoken]").cloneNode();
            form.appendChild(token);
            document.body.appendChild(form);
            form.submit();
        }""", f"/pesanan/{order_id}/terbitkan-sp/")
    expect(seller).to_have_url(re.compile(rf"/pesanan/{order_id}/$"))
    expect(seller.locator("main .alert-danger[role=alert]")).to_be_visible()
    expect_status(seller, order_id, S.APPROVED)
    assert Order.objects.get(pk=order_id).sp_number == ""

    # 5. The PPK issues and signs the Surat Pesanan.
    ppk.goto(f"/pesanan/{order_id}/")
    ppk.fill("#id_sp_issue-terms", "Dikemas per lembar dalam kotak kayu.")
    ppk.click("#action-sp_issue button[type=submit]")
    expect_status(ppk, order_id, S.AWAITING_VENDOR)
    expect(ppk.locator("#sp-links")).to_contain_text(Order.objects.get(pk=order_id).sp_number)

    # 6. The vendor accepts it and ships every quantity at once.
    seller.reload()
    seller.click("#action-vendor_accept button[type=submit]")
    expect_status(seller, order_id, S.ACCEPTED)
    expect(seller.locator(f"#id_deliver-quantity_{line_id}")).to_have_value(str(QUANTITY))
    seller.fill("#id_deliver-carrier", "JNE 0123456789")
    seller.click("#action-deliver button[type=submit]")
    expect_status(seller, order_id, S.IN_DELIVERY)
    expect(seller.locator("#action-deliver")).to_have_count(0)  # nothing left to ship

    # 7. The PPK inspects the shipment and signs the BAST, records the payment, rates and completes.
    ppk.reload()
    expect(ppk.locator("#deliveries .card")).to_have_count(1)
    ppk.fill("#id_bast-number", "BAST-001/DISPAR/2026")
    for check in ("function_ok", "quantity_ok", "on_time"):
        ppk.check(f"#id_bast-{check}")
    ppk.click("#action-bast button[type=submit]")
    expect_status(ppk, order_id, S.RECEIVED)
    expect(ppk.locator("#id_pay-amount_idr")).to_have_value(str(AGREED_TOTAL))
    ppk.fill("#id_pay-reference", "SP2D 00123/2026")
    ppk.click("#action-pay button[type=submit]")
    expect_status(ppk, order_id, S.PAID)
    expect(ppk.locator("#payments")).to_contain_text(format_rupiah(AGREED_TOTAL))
    for score, value in (("delivery_time", "5"), ("quality", "4"), ("fit_to_spec", "5")):
        ppk.select_option(f"#id_rate-{score}", value)
    ppk.click("#action-rate button[type=submit]")
    expect(ppk.locator("#rating")).to_be_visible()
    ppk.click("#action-complete button[type=submit]")
    expect_status(ppk, order_id, S.COMPLETED)
    expect(ppk.locator(".order-action")).to_have_count(0)

    # The timeline shows every step; the price flag is for the curators only.
    timeline = ppk.locator("#timeline")
    for kind, count in (
        ("created", 1), ("sent", 1), ("offer_made", 2), ("agreed", 1), ("sp_issued", 1), ("accepted", 1),
        ("shipped", 1), ("bast_signed", 1), ("received", 1), ("payment_recorded", 1), ("paid", 1),
        ("rated", 1), ("completed", 1),
    ):
        expect(timeline.locator(f"li.timeline-{kind}")).to_have_count(count)
    expect(timeline.locator("li.timeline-price_flagged")).to_have_count(0)

    # 8. The Surat Pesanan opens from the order and states the stored total, in figures and in words.
    ppk.click("#sp-links a[href$='/surat-pesanan/']")
    expect(ppk).to_have_url(re.compile(rf"/pesanan/{order.number}/surat-pesanan/$"))
    expect(ppk.locator("table.items tfoot")).to_contain_text(format_rupiah(AGREED_TOTAL))
    expect(ppk.locator(".words")).to_contain_text(terbilang(AGREED_TOTAL), ignore_case=True)  # capitalised

    # 9. A curator finds the order in the overview (its agreed price is 1.8× the category's median).
    overseer = page_for(language="id")
    log_in(overseer, curator.username, PASSWORD)
    overseer.goto("/kurasi/pesanan/")
    expect(overseer.locator(f"#status-totals tr[data-status='{S.COMPLETED}'] td").nth(1)).to_have_text("1")
    overseer.click(f"#flagged-prices a[href='/pesanan/{order_id}/']")
    expect(overseer).to_have_url(re.compile(rf"/pesanan/{order_id}/$"))
    expect_status(overseer, order_id, S.COMPLETED)
    expect(overseer.locator(".order-action")).to_have_count(0)  # curators read only
    expect(overseer.locator("#timeline li.timeline-price_flagged")).to_have_count(1)
