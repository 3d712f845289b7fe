import datetime as dt
from decimal import Decimal

import pytest

from katalog.audit.models import AuditEvent
from katalog.catalog import services
from katalog.catalog.models import Category, PriceChange
from katalog.catalog.tests.factories import ProductFactory, tkdn_certificate
from katalog.core.errors import PermissionDeniedError, ValidationFailed
from katalog.regions.models import Region


@pytest.fixture
def listed(vendor):
    return ProductFactory(vendor=vendor, status="approved", price_idr=1_000_000, tkdn_pct=None, bmp_pct=None,
                          certifications=[])


def events(product, event_type):
    return list(AuditEvent.objects.filter(target_id=str(product.pk), event_type=event_type))


def test_keeps_the_old_price_in_the_history(listed, vendor_owner, now):
    services.product_update(actor=vendor_owner, product=listed, data={"price_idr": 1_050_000}, now=now)

    change = PriceChange.objects.get(product=listed)
    assert (change.old_price_idr, change.new_price_idr) == (1_000_000, 1_050_000)
    assert change.changed_by == vendor_owner
    assert change.changed_at == now
    assert change.source == "web"
    [event] = events(listed, "catalog.product.price_changed")
    assert event.actor == vendor_owner
    assert event.changes["price_idr"] == {"old": 1_000_000, "new": 1_050_000}


def test_a_price_rise_of_exactly_the_threshold_keeps_the_product_listed(listed, vendor_owner, now):
    product = services.product_update(actor=vendor_owner, product=listed, data={"price_idr": 1_100_000}, now=now)

    product.refresh_from_db()
    assert product.status == "approved"
    assert product.price_idr == 1_100_000
    assert not events(listed, "catalog.product.resubmitted")


def test_a_price_rise_above_the_threshold_sends_the_product_back_to_curation(listed, vendor_owner, now):
    product = services.product_update(actor=vendor_owner, product=listed, data={"price_idr": 1_100_001}, now=now)

    product.refresh_from_db()
    assert product.status == "submitted"
    assert product.submitted_at == now
    assert "Rp1.000.000" in product.status_reason and "Rp1.100.001" in product.status_reason
    [event] = events(listed, "catalog.product.resubmitted")
    assert event.changes["status"] == {"old": "approved", "new": "submitted"}
    assert event.actor == vendor_owner


def test_a_large_price_cut_also_goes_back_to_curation(listed, vendor_owner, now):
    product = services.product_update(actor=vendor_owner, product=listed, data={"price_idr": 800_000}, now=now)

    assert product.status == "submitted"


def test_the_threshold_comes_from_the_settings(listed, vendor_owner, now, settings):
    settings.KATALOG = {**settings.KATALOG, "PRICE_CHANGE_RECURATION_PCT": 20}

    product = services.product_update(actor=vendor_owner, product=listed, data={"price_idr": 1_150_000}, now=now)

    assert product.status == "approved"


def test_a_price_change_of_a_draft_is_recorded_but_changes_no_status(vendor, vendor_owner, now):
    draft = ProductFactory(vendor=vendor, status="draft", price_idr=1_000_000)

    product = services.product_update(actor=vendor_owner, product=draft, data={"price_idr": 2_000_000}, now=now)

    assert product.status == "draft"
    assert PriceChange.objects.filter(product=draft).count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"name": "Kain Tapis Baru"},
        {"description": "Sekarang dengan benang perak."},
        {"unit": "potong"},
        {"category": lambda: Category.objects.get(name="Batik Lampung")},
        {"origin_region": lambda: Region.objects.get(code="18.72")},
        {"tkdn_pct": Decimal("30")},
        {"certifications": ["HALAL"]},
    ],
    ids=["name", "description", "unit", "category", "origin", "tkdn", "certifications"],
)
def test_a_substantive_edit_sends_a_listed_product_back_to_curation(listed, vendor_owner, now, data):
    data = {key: value() if callable(value) else value for key, value in data.items()}

    product = services.product_update(actor=vendor_owner, product=listed, data=data, now=now)

    product.refresh_from_db()
    assert product.status == "submitted"
    assert "Changed after listing" in product.status_reason
    assert len(events(listed, "catalog.product.resubmitted")) == 1


@pytest.mark.parametrize("data", [{"capacity_per_month": 500}, {"min_order": 10}])
def test_capacity_and_minimum_order_edits_keep_the_product_listed(listed, vendor_owner, now, data):
    product = services.product_update(actor=vendor_owner, product=listed, data=data, now=now)

    product.refresh_from_db()
    assert product.status == "approved"
    [event] = events(listed, "catalog.product.updated")
    [(field, change)] = event.changes.items()
    assert field == next(iter(data))
    assert change["new"] == next(iter(data.values()))


def test_records_old_and_new_values_of_an_edit(listed, vendor_owner, now):
    old_name = listed.name

    services.product_update(actor=vendor_owner, product=listed, data={"name": "Tapis Siger", "min_order": 2}, now=now)

    [event] = events(listed, "catalog.product.updated")
    assert event.changes["name"] == {"old": old_name, "new": "Tapis Siger"}
    assert event.changes["min_order"] == {"old": 1, "new": 2}
    assert event.actor == vendor_owner


def test_an_edit_that_changes_nothing_writes_nothing(listed, vendor_owner, now):
    services.product_update(
        actor=vendor_owner, product=listed, data={"name": listed.name, "price_idr": listed.price_idr}, now=now
    )

    assert not AuditEvent.objects.exists()
    assert not PriceChange.objects.exists()


def test_a_vendor_edits_only_its_own_products(listed, other_vendor_owner, now):
    with pytest.raises(PermissionDeniedError):
        services.product_update(actor=other_vendor_owner, product=listed, data={"price_idr": 1}, now=now)

    listed.refresh_from_db()
    assert listed.price_idr == 1_000_000


def test_a_refused_edit_saves_nothing(listed, vendor_owner, now):
    with pytest.raises(ValidationFailed):
        services.product_update(
            actor=vendor_owner, product=listed, data={"price_idr": 2_000_000, "bmp_pct": Decimal("5")}, now=now
        )

    listed.refresh_from_db()
    assert listed.price_idr == 1_000_000
    assert listed.status == "approved"
    assert not PriceChange.objects.exists()
    assert not AuditEvent.objects.exists()


def test_choosing_a_certificate_later_takes_its_values(listed, vendor, vendor_owner, now):
    certificate = tkdn_certificate(vendor, tkdn_pct=Decimal("55"), bmp_pct=Decimal("8"))

    product = services.product_update(actor=vendor_owner, product=listed, data={"tkdn_document": certificate}, now=now)

    assert (product.tkdn_pct, product.bmp_pct) == (Decimal("55"), Decimal("8"))
    assert product.status == "submitted"


def test_an_expired_certificate_does_not_block_a_price_edit(vendor, vendor_owner, now):
    old = tkdn_certificate(
        vendor, issued_date=dt.date(2020, 1, 1), valid_until=dt.date(2021, 1, 1), tkdn_pct=Decimal("45"), bmp_pct=None
    )
    product = ProductFactory(vendor=vendor, tkdn_document=old, tkdn_pct=Decimal("45"), bmp_pct=None, price_idr=100)

    product = services.product_update(actor=vendor_owner, product=product, data={"price_idr": 105}, now=now)

    assert product.price_idr == 105


def test_removing_the_tkdn_value_removes_the_tkdn_claim(vendor, vendor_owner, now):
    product = ProductFactory(vendor=vendor, status="draft", tkdn_pct=Decimal("45"), bmp_pct=None,
                             certifications=["HALAL", "TKDN"])

    product = services.product_update(actor=vendor_owner, product=product, data={"tkdn_pct": None}, now=now)

    assert product.tkdn_pct is None
    assert product.certifications == ["HALAL"]


def test_line_endings_from_a_browser_are_not_a_change(vendor, vendor_owner, now):
    product = ProductFactory(vendor=vendor, status="approved", description="Baris satu.\nBaris dua.")

    product = services.product_update(
        actor=vendor_owner, product=product, data={"description": "Baris satu.\r\nBaris dua.\r\n"}, now=now
    )

    assert product.status == "approved"
    assert not AuditEvent.objects.exists()
