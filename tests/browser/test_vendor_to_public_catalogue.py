"""A new vendor registers, a curator verifies it, the vendor lists a product, the curator approves it,
and the public finds it: the whole journey through the real pages in headless Chromium."""

import re

import pytest
from playwright.sync_api import expect

from katalog.accounts.tests.factories import UserFactory
from katalog.catalog.models import Category
from katalog.vendors.tests.factories import valid_npwp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Tapis-Lampung-2026"


def test_a_registered_vendor_lists_a_product_that_the_public_finds_after_curation(reference_data, page_for, log_in):
    UserFactory(username="kurator-e2e", platform_role="curator", password=PASSWORD)
    category = Category.objects.get(name="Tapis Lembaran")

    # 1. A micro business from Kota Metro registers itself, on a phone.
    vendor = page_for(width=390, height=844)
    vendor.goto("/penyedia/daftar/")
    vendor.fill("#id_username", "tapis-metro")
    vendor.fill("#id_person_name", "Rahmawati")
    vendor.fill("#id_email", "rahma@example.id")
    vendor.fill("#id_password1", PASSWORD)
    vendor.fill("#id_password2", PASSWORD)
    vendor.fill("#id_name", "Tapis Bumi Sai Wawai")
    vendor.fill("#id_nib", "9120000000777")
    vendor.fill("#id_npwp", valid_npwp(777))
    vendor.select_option("#id_scale", "mikro")
    vendor.select_option("#id_region", label="Kota Metro")
    vendor.fill("#id_address", "Jl. Ahmad Yani No. 7, Metro")
    vendor.fill("#id_kbli", "13921")
    vendor.fill("#id_contact_phone", "081279000777")
    vendor.click("main button[type=submit]:has-text('Register')")
    expect(vendor.locator("main")).to_contain_text("Tapis Bumi Sai Wawai")

    # 2. It submits itself for verification and sees where it stands in the queue.
    vendor.click("button:has-text('Submit for verification')")
    expect(vendor.locator("main")).to_contain_text(re.compile(r"number 1 of 1", re.I))

    # 3. A curator finds it in the queue and verifies it.
    curator = page_for()
    log_in(curator, "kurator-e2e", PASSWORD)
    curator.goto("/penyedia/kurasi/")
    curator.click("text=Tapis Bumi Sai Wawai")
    curator.click("button:has-text('Verify')")
    expect(curator.locator("main")).to_contain_text("Tapis Bumi Sai Wawai is verified")

    # 4. The vendor, now verified, lists a product and sends it to curation.
    vendor.goto("/penyedia/produk/")
    vendor.click("text=Add a product")
    vendor.fill("#id_name", "Kain Tapis Siger Benang Emas")
    vendor.select_option("#id_category", str(category.pk))
    vendor.fill("#id_description", "Tapis tenun tangan motif siger, benang emas, 60 x 180 cm.")
    vendor.fill("#id_unit", "lembar")
    vendor.fill("#id_price_idr", "2750000")
    vendor.fill("#id_min_order", "1")
    vendor.fill("#id_capacity_per_month", "20")
    vendor.select_option("#id_origin_region", label="Kota Metro")
    vendor.click("main button[type=submit]:has-text('Save')")
    vendor.click("button:has-text('Submit for curation')")
    expect(vendor.locator("main")).to_contain_text("Waiting for curation")

    # Not public yet.
    public = page_for(width=390, height=844)
    public.goto("/produk/?q=siger")
    expect(public.locator("main")).not_to_contain_text("Kain Tapis Siger Benang Emas")

    # 5. The curator approves it.
    curator.goto("/kurasi/produk/")
    curator.click("text=Kain Tapis Siger Benang Emas")
    curator.click("button:has-text('Approve')")
    expect(curator.locator("main")).to_contain_text("is listed (tayang)")

    # 6. Anyone finds it: by search, in its category, on its page with the local and UMK badges.
    public.goto("/produk/?q=siger")
    public.click("text=Kain Tapis Siger Benang Emas")
    main = public.locator("main")
    expect(main).to_contain_text("Produk Lokal Lampung")
    expect(main).to_contain_text("UMK")
    expect(main).to_contain_text("2,750,000")
    public.goto(f"/kategori/{category.slug}/")
    expect(public.locator("main")).to_contain_text("Kain Tapis Siger Benang Emas")
    public.goto("/")
    expect(public.locator("main")).to_contain_text("Kain Tapis Siger Benang Emas")  # featured local product
    public.click("text=Kain Tapis Siger Benang Emas")
    public.click("main a:has-text('Tapis Bumi Sai Wawai')")
    expect(public.locator("main")).to_contain_text("Kain Tapis Siger Benang Emas")
