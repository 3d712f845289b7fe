import datetime as dt
from decimal import Decimal

import pytest

from katalog.audit.models import AuditEvent
from katalog.catalog import badges
from katalog.catalog.models import Category, PriceChange, Product
from katalog.core.errors import ValidationFailed
from katalog.core.tabular import RowError
from katalog.imports.products import PRODUCT_COLUMNS, import_products
from katalog.imports.vendors import import_vendors
from katalog.vendors.tests.factories import VendorFactory

from .sheets import csv_bytes, product_row, products_csv, vendor_row, vendors_csv, xlsx_bytes

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 1, 2, 0, tzinfo=dt.UTC)  # 09:00 in Lampung
LATER = NOW + dt.timedelta(days=7)


@pytest.fixture
def vendors():
    """IMP-001 in Kota Bandar Lampung (mikro), IMP-002 in Jakarta Selatan (menengah)."""
    import_vendors(vendors_csv(vendor_row(1), vendor_row(2, regency_code="31.71", scale="menengah")), verified=True)


def good_rows():
    return [
        product_row("TPS-1", price="Rp 1.500.000", tkdn="45,5", bmp="5", certifications="sni;HKI",
                    capacity_per_month="40"),
        product_row("KOPI-1", category="Kopi & Hasil Perkebunan > Kopi", name="Kopi Robusta", unit="kg",
                    price="150,000", min_order="10", origin_regency_code="18.02"),
        product_row("MSN-1", vendor_code="IMP-002", category="alat-mesin-pertanian", name="Perontok Padi",
                    unit="unit", price="18500000.00", origin_regency_code="", capacity_per_month="0"),
        product_row("TPS-2", vendor_code="IMP-002", price="2.000.000", origin_regency_code="18.71"),
    ]


@pytest.mark.parametrize("make_file", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_imports_new_products_waiting_for_curation(vendors, make_file):
    report = import_products(make_file(PRODUCT_COLUMNS, good_rows()), filename="products", now=NOW)

    assert (report.created, report.updated, report.unchanged, report.written, report.errors) == (4, 0, 0, True, [])
    tapis = Product.objects.get(sku="TPS-1")
    assert tapis.price_idr == 1_500_000 and isinstance(tapis.price_idr, int)
    assert tapis.tkdn_pct == Decimal("45.50") and tapis.bmp_pct == Decimal("5.00")
    assert tapis.certifications == ["SNI", "TKDN", "HKI"]  # TKDN added: a TKDN value is given
    assert (tapis.min_order, tapis.capacity_per_month) == (1, 40)
    assert (tapis.status, tapis.submitted_at, tapis.approved_at) == ("submitted", NOW, None)
    kopi = Product.objects.select_related("category__parent", "origin_region").get(sku="KOPI-1")
    assert (kopi.category.name, kopi.category.level) == ("Kopi", 2)
    assert (kopi.price_idr, kopi.min_order, kopi.origin_region.code) == (150_000, 10, "18.02")
    assert kopi.tkdn_pct is None and kopi.bmp_pct is None and kopi.certifications == []
    mesin = Product.objects.select_related("category").get(sku="MSN-1")
    assert (mesin.category.name, mesin.category.level) == ("Alat & Mesin Pertanian", 1)
    assert mesin.origin_region_id is None  # blank: imported or unknown origin
    assert (mesin.price_idr, mesin.capacity_per_month) == (18_500_000, 0)
    assert Product.objects.get(sku="TPS-2").category.level == 3


def test_a_product_is_local_only_when_its_vendor_and_origin_are_in_the_province(vendors):
    import_products(products_csv(*good_rows()), approve=True)

    codes = {p.sku: badges.badge_codes(badges.facts_of(p))
             for p in Product.objects.select_related("vendor__region", "origin_region")}
    assert badges.LOCAL in codes["TPS-1"] and badges.UMK in codes["TPS-1"]
    assert badges.PDN in codes["TPS-1"] and badges.PREFERENCE in codes["TPS-1"]  # 45.5 + 5 >= 40
    assert badges.LOCAL in codes["KOPI-1"]
    assert badges.LOCAL not in codes["TPS-2"]  # made in Lampung, but by a Jakarta vendor
    assert codes["MSN-1"] == []  # unknown origin, medium vendor, no TKDN


def test_marks_imported_products_approved_when_asked(vendors):
    import_products(products_csv(*good_rows()), approve=True, now=NOW)

    assert set(Product.objects.values_list("status", flat=True)) == {"approved"}
    assert Product.objects.get(sku="TPS-1").approved_at == NOW
    assert AuditEvent.objects.filter(event_type="catalog.product.approved").count() == 4


def test_writes_nothing_when_a_row_is_invalid_and_lists_every_error(vendors):
    rows = good_rows() + [
        product_row("BAD-1", vendor_code="NOPE-9", category="Gerabah", price="12.5", tkdn="120"),
        product_row("BAD-2", name="", unit="", price="-5000", min_order="0", bmp="5", certifications="ISO",
                    origin_regency_code="99"),
    ]

    report = import_products(products_csv(*rows))

    assert report.written is False and Product.objects.count() == 0
    assert report.skipped == 2
    assert [(e.row, e.column) for e in report.errors] == [
        (6, "vendor_code"), (6, "category"), (6, "price"), (6, "tkdn"),
        (7, "name"), (7, "unit"), (7, "price"), (7, "min_order"), (7, "bmp"), (7, "origin_regency_code"),
        (7, "certifications"),
    ]
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert messages[(6, "vendor_code")] == "Vendor NOPE-9 is not in the catalogue: import the vendors first."
    assert messages[(6, "price")] == "The price must be a whole number (found '12.5')."
    assert messages[(7, "price")] == "The price cannot be negative (found '-5000')."
    assert messages[(7, "bmp")] == "A BMP value needs a TKDN value: fill in tkdn or leave bmp blank."
    assert "not known" in messages[(6, "category")]


def test_refuses_bmp_above_the_legal_maximum(vendors):
    report = import_products(products_csv(product_row("TPS-1", tkdn="40", bmp="15,5")))

    assert report.errors == [RowError(2, "bmp", "BMP must be between 0 and 15% (found 15,5).")]


def test_writes_the_valid_rows_and_reports_the_others_when_skipping_invalid(vendors):
    rows = good_rows() + [product_row("BAD-1", price="mahal")]

    report = import_products(products_csv(*rows), skip_invalid=True)

    assert (report.created, report.skipped, report.written) == (4, 1, True)
    assert report.errors == [RowError(6, "price", "The price 'mahal' is not a number.")]
    assert not Product.objects.filter(sku="BAD-1").exists()


def test_refuses_the_same_sku_twice_in_a_file(vendors):
    report = import_products(products_csv(product_row("TPS-1"), product_row("KOPI-1"), product_row("TPS-1")))

    assert report.errors == [RowError(4, "sku", "SKU TPS-1 appears twice: it is already on row 2.")]
    assert Product.objects.count() == 0


def test_refuses_a_sku_that_belongs_to_another_vendor(vendors):
    import_products(products_csv(product_row("TPS-1", vendor_code="IMP-001")))

    report = import_products(products_csv(product_row("TPS-1", vendor_code="IMP-002")))

    assert report.errors == [RowError(2, "sku", "SKU TPS-1 already belongs to vendor IMP-001.")]


def test_updates_products_by_sku_on_reimport_and_counts_unchanged_rows(vendors):
    import_products(products_csv(*good_rows()), now=NOW)
    rows = good_rows()
    rows[1] = product_row("KOPI-1", category="Kopi Bubuk", name="Kopi Robusta Bubuk", unit="kg", price="150000",
                          min_order="10", origin_regency_code="18.02")

    report = import_products(products_csv(*rows), now=LATER)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert Product.objects.count() == 4
    kopi = Product.objects.select_related("category").get(sku="KOPI-1")
    assert (kopi.name, kopi.category.name, kopi.updated_at) == ("Kopi Robusta Bubuk", "Kopi Bubuk", LATER)
    assert not PriceChange.objects.exists()  # 150,000 written another way is the same price
    event = AuditEvent.objects.get(event_type="catalog.product.updated")
    assert event.changes["old"] == {"name": "Kopi Robusta", "category": "Kopi & Hasil Perkebunan > Kopi"}
    assert event.changes["new"]["category"] == "Kopi & Hasil Perkebunan > Kopi > Kopi Bubuk"


def test_records_a_price_change_and_sends_an_approved_product_back_to_curation_above_the_threshold(
    vendors, curator
):
    import_products(products_csv(product_row("TPS-1", price="1000000"), product_row("TPS-2", price="1000000")),
                    approve=True, now=NOW)

    report = import_products(
        products_csv(product_row("TPS-1", price="1.200.000"), product_row("TPS-2", price="1.050.000")),
        actor=curator, now=LATER,
    )

    assert report.updated == 2
    big, small = Product.objects.get(sku="TPS-1"), Product.objects.get(sku="TPS-2")
    assert (big.price_idr, big.status, big.submitted_at) == (1_200_000, "submitted", LATER)
    assert "Rp1.000.000" in big.status_reason and "Rp1.200.000" in big.status_reason
    assert (small.price_idr, small.status) == (1_050_000, "approved")  # 5% is within the 10% threshold
    change = PriceChange.objects.get(product=big)
    assert (change.old_price_idr, change.new_price_idr, change.source) == (1_000_000, 1_200_000, "import")
    assert (change.changed_by, change.changed_at) == (curator, LATER)
    assert PriceChange.objects.filter(product=small).count() == 1
    assert AuditEvent.objects.filter(event_type="catalog.product.price_changed").count() == 2
    returned = AuditEvent.objects.get(event_type="catalog.product.returned_to_curation")
    assert returned.target_id == str(big.pk) and returned.actor == curator


def test_keeps_an_approved_product_approved_after_a_big_price_change_when_approving(vendors):
    import_products(products_csv(product_row("TPS-1", price="1000000")), approve=True, now=NOW)

    import_products(products_csv(product_row("TPS-1", price="2000000")), approve=True, now=LATER)

    product = Product.objects.get(sku="TPS-1")
    assert (product.price_idr, product.status) == (2_000_000, "approved")
    assert PriceChange.objects.filter(product=product).count() == 1


def test_approving_on_reimport_approves_a_product_waiting_for_curation(vendors):
    import_products(products_csv(product_row("TPS-1")), now=NOW)

    report = import_products(products_csv(product_row("TPS-1")), approve=True, now=LATER)

    assert (report.updated, report.unchanged) == (1, 0)
    product = Product.objects.get(sku="TPS-1")
    assert (product.status, product.approved_at) == ("approved", LATER)


def test_creates_unknown_categories_only_when_asked(vendors):
    rows = [product_row("GRB-1", category="Souvenir & Kerajinan > Kerajinan > Gerabah"),
            product_row("GRB-2", category="Gerabah"), product_row("NEW-1", category="Alat Musik")]
    refused = import_products(products_csv(*rows))
    assert [e.column for e in refused.errors] == ["category", "category", "category"]

    report = import_products(products_csv(*rows), create_categories=True)

    assert report.created == 3
    gerabah = Category.objects.select_related("parent").get(name="Gerabah")
    assert (gerabah.level, gerabah.parent.name) == (3, "Kerajinan")
    assert Product.objects.get(sku="GRB-2").category == gerabah
    assert Category.objects.get(name="Alat Musik").level == 1
    assert AuditEvent.objects.filter(event_type="catalog.category.created").count() == 2


def test_creates_no_category_that_only_invalid_rows_need(vendors):
    rows = [product_row("TPS-1"), product_row("BAD-1", category="Gerabah", price="mahal")]

    import_products(products_csv(*rows), create_categories=True, skip_invalid=True)

    assert not Category.objects.filter(name="Gerabah").exists()


def test_refuses_a_file_without_a_required_column(vendors):
    columns = [c for c in PRODUCT_COLUMNS if c != "certifications"]

    with pytest.raises(ValidationFailed, match="lacks the column.*certifications"):
        import_products(csv_bytes(columns, []))


def test_refuses_an_unreadable_file():
    with pytest.raises(ValidationFailed, match="could not be read"):
        import_products(b"\x00\x01\x02binary", filename="products.csv")


def test_reads_a_semicolon_separated_file_from_indonesian_excel(vendors):
    text = ";".join(PRODUCT_COLUMNS) + "\n" + "TPS-1;IMP-001;Tapis;;Tapis Lembaran;lembar;1.500.000;;;45,5;;18.71;SNI,HALAL\n"

    report = import_products(text.encode("cp1252"))

    assert report.created == 1
    product = Product.objects.get(sku="TPS-1")
    assert (product.price_idr, product.tkdn_pct, product.certifications) == (
        1_500_000, Decimal("45.50"), ["SNI", "HALAL", "TKDN"])


# The count includes the search index update (a fixed handful of queries), still nothing per row.
def test_checks_an_import_with_a_fixed_number_of_queries(vendors, django_assert_max_num_queries):
    rows = [product_row(f"SKU-{n}", price=str(1000 * n)) for n in range(1, 301)]

    with django_assert_max_num_queries(20):
        report = import_products(products_csv(*rows), now=NOW)

    assert report.created == 300
    with django_assert_max_num_queries(20):
        again = import_products(products_csv(*rows), now=LATER)
    assert again.unchanged == 300


def test_a_product_of_an_unverified_vendor_can_be_imported(vendors):
    VendorFactory(code="DRAFT-1", status="draft")

    report = import_products(products_csv(product_row("D-1", vendor_code="DRAFT-1")))

    assert report.created == 1


def test_writes_nothing_when_the_catalogue_changed_during_the_import(vendors, monkeypatch):
    from katalog.catalog.tests.factories import ProductFactory
    from katalog.imports import products as products_module
    from katalog.vendors.models import Vendor

    plan_changes = products_module._plan_changes

    def with_a_rival_write(*args, **kwargs):
        plan = plan_changes(*args, **kwargs)
        ProductFactory(sku="TPS-2", vendor=Vendor.objects.get(code="IMP-001"))  # saved by someone else meanwhile
        return plan

    monkeypatch.setattr(products_module, "_plan_changes", with_a_rival_write)

    with pytest.raises(ValidationFailed, match="changed while the file was being imported"):
        import_products(products_csv(product_row("TPS-1"), product_row("TPS-2")))

    assert not Product.objects.filter(sku="TPS-1").exists()
    assert not AuditEvent.objects.filter(event_type="catalog.product.imported").exists()
