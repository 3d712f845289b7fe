"""`katalog generate-catalog`: a deterministic synthetic catalogue that search can find."""

from io import StringIO

import pytest
from django.core.management import call_command

from katalog.catalog.models import Product, ProductStatus
from katalog.demo.generator import generate_catalog, vendor_plans
from katalog.search.models import SearchEntry
from katalog.search.selectors import search
from katalog.vendors.models import Vendor, VendorStatus

pytestmark = pytest.mark.django_db


def test_creates_verified_vendors_and_listed_products_that_search_finds():
    report = generate_catalog(products=120, vendors=6, seed=3, approve=True)

    assert (report.vendors_created, report.products_created) == (6, 120)
    assert Vendor.objects.filter(code__startswith="GEN-V", status=VendorStatus.VERIFIED).count() == 6
    assert Product.objects.filter(sku__startswith="GEN-", status=ProductStatus.APPROVED).count() == 120
    assert SearchEntry.objects.count() == 120
    word = Product.objects.order_by("sku").first().name.split()[0]
    assert search(q=word).total >= 1


def test_gives_the_same_rows_for_the_same_seed():
    generate_catalog(products=40, vendors=4, seed=9, approve=True)
    first = list(Product.objects.order_by("sku").values_list("sku", "name", "price_idr", "tkdn_pct", "vendor__code"))
    Product.objects.all().delete()

    generate_catalog(products=40, vendors=4, seed=9, approve=True)

    again = list(Product.objects.order_by("sku").values_list("sku", "name", "price_idr", "tkdn_pct", "vendor__code"))
    assert again == first


def test_writes_nothing_when_run_again_with_the_same_arguments():
    generate_catalog(products=50, vendors=5, seed=1, approve=True)

    report = generate_catalog(products=50, vendors=5, seed=1, approve=True)

    assert (report.vendors_created, report.products_created) == (0, 0)
    assert (report.vendors_existing, report.products_existing) == (5, 50)
    assert report.indexed is None
    assert Product.objects.filter(sku__startswith="GEN-").count() == 50


def test_adds_only_the_missing_products_when_asked_for_more():
    generate_catalog(products=30, vendors=3, seed=1, approve=True)

    report = generate_catalog(products=45, vendors=3, seed=1, approve=True)

    assert (report.products_created, report.products_existing) == (15, 30)
    assert SearchEntry.objects.count() == 45


def test_leaves_products_waiting_for_curation_without_approve():
    generate_catalog(products=20, vendors=2, seed=1)

    assert set(Product.objects.values_list("status", flat=True)) == {ProductStatus.SUBMITTED}
    assert SearchEntry.objects.count() == 0


def test_makes_mostly_lampung_vendors_of_every_scale():
    plans = vendor_plans(400, seed=1)

    lampung = [p for p in plans if p.region_code.startswith("18.")]
    assert len(lampung) / len(plans) > 0.8
    assert {p.scale for p in plans} == {"mikro", "kecil", "menengah", "besar"}
    assert len({p.name for p in plans}) > 300


def test_command_reports_what_it_wrote():
    out = StringIO()

    call_command("generate-catalog", "--products", "25", "--vendors", "3", "--approve", stdout=out, stderr=StringIO())

    assert "3 vendors and 25 products created" in out.getvalue()
