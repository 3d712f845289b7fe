"""The demo catalogue and logins (the `demo` fixture loads the whole demo once: conftest.py)."""

import io
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from katalog.accounts import access
from katalog.accounts.models import Membership, Organisation, User
from katalog.audit.models import AuditEvent
from katalog.catalog import badges
from katalog.catalog.kbli import category_kbli_codes
from katalog.catalog.models import Category, Product
from katalog.catalog.selectors import category_path, product_list_public
from katalog.demo.scenario import DEMO_USERS, PASSWORD
from katalog.notifications.models import Notification
from katalog.procurement.models import Competition, Order
from katalog.regions.reference import LAMPUNG_REGENCIES
from katalog.vendors.access import vendor_for_user
from katalog.vendors.identifiers import kbli_fits
from katalog.vendors.models import DocumentKind, Vendor, VendorDocument

PROMOTED = {"Kain & Tapis", "Souvenir & Kerajinan", "Seminar Kit & Perlengkapan Acara", "Alat & Mesin Pertanian"}


def counts() -> dict:
    models = [Vendor, Product, VendorDocument, AuditEvent, User, Membership, Organisation, Category, Order,
              Competition, Notification]
    return {m.__name__: m.objects.count() for m in models}


def test_running_it_again_adds_nothing_and_prints_the_logins(demo, db):
    before = counts()
    out = io.StringIO()

    call_command("load-demo", stdout=out)

    assert counts() == before
    printed = out.getvalue()
    for spec in DEMO_USERS:
        assert spec.username in printed and spec.role_label in printed
    assert PASSWORD in printed


def test_loads_about_sixty_vendors_and_three_hundred_products(demo, db):
    assert 55 <= Vendor.objects.count() <= 70
    assert 280 <= Product.objects.count() <= 330
    assert product_list_public().count() >= 270


def test_every_lampung_regency_has_a_verified_vendor_with_listed_products(demo, db):
    listed_regencies = set(product_list_public().values_list("vendor__region__code", flat=True))

    assert {code for code, _name, _bps in LAMPUNG_REGENCIES} <= listed_regencies


def test_vendors_come_from_inside_and_outside_lampung_in_every_scale(demo, db):
    outside = Vendor.objects.exclude(region__code__startswith="18.")
    scales = Counter(Vendor.objects.values_list("scale", flat=True))

    assert 5 <= outside.count() <= 10
    assert set(scales) == {"mikro", "kecil", "menengah", "besar"}
    assert scales["mikro"] + scales["kecil"] > 0.8 * sum(scales.values())


@pytest.mark.parametrize(
    "username, check",
    [
        ("kurator", lambda u: access.is_curator(u) and u.is_staff and not u.is_superuser),
        ("pimpinan", lambda u: access.is_leader(u) and not access.is_curator(u)),
        ("admin", lambda u: u.is_superuser and access.is_administrator(u)),
        ("pembeli", lambda u: access.buyer_membership(u).organisation.buyer_type == "opd_provinsi"
         and access.buyer_membership(u).role == "buyer_ppk"),
        ("pembeli-bumn", lambda u: access.buyer_membership(u).organisation.buyer_type == "bumn"
         and access.buyer_membership(u).role == "buyer_ppk"),
    ],
)
def test_every_demo_login_works_with_the_demo_password_and_has_its_role(demo, db, username, check):
    user = authenticate(username=username, password=PASSWORD)

    assert user is not None
    assert check(user)


def test_penyedia_owns_a_verified_micro_vendor_in_bandar_lampung_with_listed_products(demo, db):
    user = authenticate(username="penyedia", password=PASSWORD)
    vendor = vendor_for_user(user)

    assert access.vendor_membership(user).role == "vendor_owner"
    assert (vendor.status, vendor.scale, vendor.region.code) == ("verified", "mikro", "18.71")
    statuses = Counter(vendor.products.values_list("status", flat=True))
    assert statuses["approved"] >= 5
    assert statuses["submitted"] >= 1 and statuses["returned"] >= 1 and statuses["draft"] == 1


def test_vendors_wait_in_the_curation_queue_for_different_times(demo, db):
    waiting = Vendor.objects.filter(status="submitted")
    returned = Vendor.objects.get(status="returned")

    assert 2 <= waiting.count() <= 3
    assert len({v.submitted_at.date() for v in waiting}) == waiting.count()
    assert returned.status_reason
    assert AuditEvent.objects.filter(event_type="vendors.vendor.returned", target_id=str(returned.pk)).exists()


def test_products_wait_in_the_curation_queue_and_two_were_returned(demo, db):
    waiting = Product.objects.filter(status="submitted")
    returned = Product.objects.filter(status="returned")

    assert 8 <= waiting.count() <= 12
    assert len({p.submitted_at.date() for p in waiting}) >= 5
    assert returned.count() == 2
    assert all(p.status_reason for p in returned)


def test_promoted_categories_have_the_most_listed_products(demo, db):
    per_root = Counter(category_path(p.category)[0].name for p in product_list_public())

    top_four = {name for name, _n in per_root.most_common(4)}
    assert top_four == PROMOTED


def test_every_badge_and_every_possible_combination_occurs_on_listed_products(demo, db):
    combos = {tuple(badges.badge_codes(badges.facts_of(p))) for p in product_list_public()}
    seen = {code for combo in combos for code in combo}

    assert seen == {badges.LOCAL, badges.UMK, badges.PDN, badges.PREFERENCE}
    # PDN implies the price preference (BMP is at most 15%), so 3 TKDN states x local x UMK = 12.
    assert len(combos) == 12


def test_some_products_are_imported_or_made_outside_lampung(demo, db):
    listed = product_list_public()

    assert listed.filter(origin_region__isnull=True).count() >= 5
    assert listed.exclude(origin_region__code__startswith="18").exclude(origin_region__isnull=True).exists()


def test_every_vendors_kbli_fits_its_products_categories(demo, db):
    misfits = [
        p.sku for p in Product.objects.select_related("vendor", "category__parent__parent")
        if not kbli_fits(p.vendor.kbli, category_kbli_codes(p.category))
    ]

    assert misfits == []


@pytest.mark.parametrize(
    "category, low, high",
    [
        ("Tapis Lembaran", 750_000, 5_000_000),
        ("Traktor Roda Dua", 20_000_000, 38_000_000),
        ("Mesin Perontok Padi", 8_000_000, 30_000_000),
        ("Pompa Air", 1_500_000, 8_000_000),
        ("Mesin Sangrai Kopi", 20_000_000, 90_000_000),
        ("Kopi Bubuk", 40_000, 150_000),
        ("Paket Seminar Kit", 45_000, 250_000),
    ],
)
def test_prices_are_realistic(demo, db, category, low, high):
    prices = list(Product.objects.filter(category__name=category).values_list("price_idr", flat=True))

    assert prices
    assert all(low <= p <= high for p in prices)


def test_vendors_with_tkdn_products_have_tkdn_certificates(demo, db):
    certificates = VendorDocument.objects.filter(kind=DocumentKind.TKDN)

    assert certificates.count() >= 20
    assert all(0 < d.tkdn_pct <= 100 and d.file for d in certificates[:5])
