"""A leader opens the P3DN dashboard in headless Chromium, on a desktop and on a phone: the charts are drawn
with a readable height, the local share is the hand-computed one, and clicking it lists the orders behind it,
whose counted total is the figure's rupiah. The public page draws the same charts without logging in.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from katalog.core.money import format_rupiah
from katalog.monitoring.tests.factories import new_buyer, new_product, new_vendor, paid_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-123"  # the factories' password
SEVENTY_FIVE_PERCENT = re.compile(r"\b75(\.0)?%")
CHARTS = ("chart-trend", "chart-region", "chart-buyer-type")


@pytest.fixture
def purchases(reference_data):
    """This month: Rp3.000.000 of local tapis from a micro vendor in Bandar Lampung and Rp1.000.000 of coffee
    made outside the province: local share 75%."""
    first_of_month = timezone.localdate().replace(day=1)
    buyer = new_buyer("Dinas Koperasi dan UKM Provinsi Lampung", "opd_provinsi")
    micro, micro_owner = new_vendor("Tapis Berseri", region="18.71", scale="mikro")
    large, large_owner = new_vendor("PT Kopi Nusantara", region="18.72", scale="besar")
    tapis = new_product(micro, category="Tapis Lembaran", price_idr=1_000_000, tkdn="45", bmp="5", origin="18.71")
    coffee = new_product(large, category="Kopi Bubuk", price_idr=100_000, tkdn="35", bmp="5", origin="31.71")
    paid_order(buyer=buyer, vendor_user=micro_owner, lines=[(tapis, 3)], paid_on=first_of_month)
    paid_order(buyer=buyer, vendor_user=large_owner, lines=[(coffee, 10)], paid_on=first_of_month,
               local_justification="Kopi lokal dengan giling halus tidak tersedia.")
    return {"local_idr": 3_000_000}


def chart_heights(page) -> dict[str, float]:
    """Each chart's drawn height in CSS pixels, once Chart.js has drawn it (0 when it is not there)."""
    page.wait_for_function("() => typeof Chart !== 'undefined' && Chart.getChart('chart-trend') !== undefined")
    return {name: page.locator(f"#{name}").bounding_box()["height"] for name in CHARTS}


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_leader_reads_the_local_share_and_opens_the_orders_behind_it(page_for, log_in, leader, purchases, width):
    page = page_for(width=width, height=900)
    log_in(page, leader.username, PASSWORD)
    page.goto("/pemantauan/")

    assert all(height >= 200 for height in chart_heights(page).values()), chart_heights(page)
    local = page.locator("[data-headline=local]")
    expect(local).to_contain_text(SEVENTY_FIVE_PERCENT)
    local.get_by_role("link").click()

    expect(page.locator("[data-table=orders] tbody tr")).to_have_count(1)
    expect(page.locator("#counted-total")).to_have_text(format_rupiah(purchases["local_idr"], locale="en_US"))


def test_the_public_page_draws_the_charts_without_a_login(page_for, purchases):
    page = page_for(width=390, height=844)
    page.goto("/p3dn/")

    assert all(height >= 200 for height in chart_heights(page).values())
    expect(page.locator("[data-headline=local]")).to_contain_text(SEVENTY_FIVE_PERCENT)
