import datetime as dt
from decimal import Decimal

import pytest

from katalog.audit.models import AuditEvent
from katalog.catalog import services
from katalog.catalog.models import Category, Product
from katalog.catalog.tests.factories import ProductFactory, tkdn_certificate
from katalog.core.errors import PermissionDeniedError, ValidationFailed
from katalog.vendors.models import DocumentKind
from katalog.vendors.tests.factories import VendorDocumentFactory, VendorFactory


def test_creates_a_draft_product_with_a_generated_sku(vendor, vendor_owner, product_data, now):
    product = services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(), now=now)

    product.refresh_from_db()
    assert product.status == "draft"
    assert product.sku == f"{vendor.code}-1"
    assert product.vendor == vendor
    assert product.price_idr == 1_000_000
    assert product.created_at == now


def test_generated_skus_skip_codes_already_taken(vendor, vendor_owner, product_data, now):
    ProductFactory(vendor=vendor, sku=f"{vendor.code}-2")

    product = services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(), now=now)

    assert product.sku == f"{vendor.code}-3"


def test_records_the_creation_in_the_audit_trail_with_the_actor(vendor, vendor_owner, product_data, now):
    product = services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(), now=now)

    event = AuditEvent.objects.get(event_type="catalog.product.created", target_id=str(product.pk))
    assert event.actor == vendor_owner
    assert event.organisation_id == vendor.organisation_id
    assert event.changes["price_idr"] == {"old": None, "new": 1_000_000}
    assert event.occurred_at == now


def test_a_curator_may_create_a_product_for_a_vendor(vendor, curator, product_data, now):
    product = services.product_create(actor=curator, vendor=vendor, data=product_data(), now=now)

    assert product.vendor == vendor
    assert AuditEvent.objects.get(event_type="catalog.product.created").organisation_id is None


def test_refuses_a_vendor_acting_for_another_business(vendor, other_vendor_owner, product_data, now):
    with pytest.raises(PermissionDeniedError):
        services.product_create(actor=other_vendor_owner, vendor=vendor, data=product_data(), now=now)
    assert not Product.objects.exists()


def test_refuses_a_buyer(vendor, buyer, product_data, now):
    with pytest.raises(PermissionDeniedError):
        services.product_create(actor=buyer, vendor=vendor, data=product_data(), now=now)


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "rejected"])
def test_refuses_products_of_a_vendor_that_is_not_verified(status, product_data, now):
    from katalog.accounts.tests.factories import MembershipFactory

    vendor = VendorFactory(status=status)
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user

    with pytest.raises(PermissionDeniedError) as exc:
        services.product_create(actor=owner, vendor=vendor, data=product_data(), now=now)

    assert exc.value.code == "vendor_not_verified"
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"unit": ""}, "unit"),
        ({"category": None}, "category"),
        ({"price_idr": -1}, "price_idr"),
        ({"price_idr": 1500.5}, "price_idr"),
        ({"price_idr": "satu juta"}, "price_idr"),
        ({"min_order": 0}, "min_order"),
        ({"capacity_per_month": 0}, "capacity_per_month"),
        ({"tkdn_pct": Decimal("100.01")}, "tkdn_pct"),
        ({"tkdn_pct": Decimal("-1")}, "tkdn_pct"),
        ({"tkdn_pct": "banyak"}, "tkdn_pct"),
        ({"tkdn_pct": Decimal("40"), "bmp_pct": Decimal("15.01")}, "bmp_pct"),
        ({"bmp_pct": Decimal("5")}, "bmp_pct"),
        ({"certifications": ["ISO9001"]}, "certifications"),
        ({"certifications": ["TKDN"]}, "certifications"),
        ({"sku": "A/B"}, "sku"),
        ({"colour": "red"}, "__all__"),
    ],
)
def test_refuses_invalid_data_and_saves_nothing(vendor, vendor_owner, product_data, now, overrides, field):
    with pytest.raises(ValidationFailed) as exc:
        services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(**overrides), now=now)

    assert field in exc.value.field_errors
    assert not Product.objects.exists()
    assert not AuditEvent.objects.exists()


def test_accepts_bmp_at_exactly_the_maximum(vendor, vendor_owner, product_data, now):
    product = services.product_create(
        actor=vendor_owner, vendor=vendor, data=product_data(tkdn_pct=Decimal("30"), bmp_pct=Decimal("15")), now=now
    )

    assert product.bmp_pct == Decimal("15")


def test_refuses_a_sku_already_used_with_a_clear_message(vendor, vendor_owner, product_data, now):
    ProductFactory(sku="TAPIS-01")

    with pytest.raises(ValidationFailed) as exc:
        services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(sku="TAPIS-01"), now=now)

    assert "TAPIS-01 is already used" in exc.value.message
    assert Product.objects.count() == 1


def test_refuses_a_closed_category(vendor, vendor_owner, product_data, now):
    closed = Category.objects.get(name="Kultivator")
    closed.is_active = False
    closed.save()

    with pytest.raises(ValidationFailed) as exc:
        services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(category=closed), now=now)

    assert "category" in exc.value.field_errors


def test_adds_the_tkdn_certification_when_a_tkdn_value_is_claimed(vendor, vendor_owner, product_data, now):
    product = services.product_create(
        actor=vendor_owner, vendor=vendor,
        data=product_data(tkdn_pct=Decimal("30"), certifications=["halal", "SNI"]), now=now,
    )

    assert product.certifications == ["SNI", "HALAL", "TKDN"]


# ---- TKDN certificate ----

def test_takes_tkdn_and_bmp_from_the_certificate(vendor, vendor_owner, product_data, now):
    certificate = tkdn_certificate(vendor, tkdn_pct=Decimal("42.50"), bmp_pct=Decimal("5.00"))

    product = services.product_create(
        actor=vendor_owner, vendor=vendor, data=product_data(tkdn_document=certificate), now=now
    )

    assert product.tkdn_document == certificate
    assert product.tkdn_pct == Decimal("42.50")
    assert product.bmp_pct == Decimal("5.00")
    assert "TKDN" in product.certifications


def test_refuses_a_tkdn_value_that_differs_from_the_certificate(vendor, vendor_owner, product_data, now):
    certificate = tkdn_certificate(vendor, tkdn_pct=Decimal("42.50"))

    with pytest.raises(ValidationFailed) as exc:
        services.product_create(
            actor=vendor_owner, vendor=vendor,
            data=product_data(tkdn_document=certificate, tkdn_pct=Decimal("60")), now=now,
        )

    assert "42.50" in exc.value.field_errors["tkdn_pct"][0]
    assert not Product.objects.exists()


def test_refuses_another_vendors_certificate(vendor, other_vendor, vendor_owner, product_data, now):
    certificate = tkdn_certificate(other_vendor)

    with pytest.raises(ValidationFailed) as exc:
        services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(tkdn_document=certificate), now=now)

    assert "another business" in exc.value.field_errors["tkdn_document"][0]


def test_refuses_a_certificate_that_is_not_a_tkdn_certificate(vendor, vendor_owner, product_data, now):
    halal = VendorDocumentFactory(vendor=vendor, kind=DocumentKind.HALAL)

    with pytest.raises(ValidationFailed) as exc:
        services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(tkdn_document=halal), now=now)

    assert "tkdn_document" in exc.value.field_errors


def test_refuses_an_expired_certificate_but_accepts_one_ending_today(vendor, vendor_owner, product_data, now):
    today = dt.date(2025, 6, 30)
    noon = dt.datetime(2025, 6, 30, 5, 0, tzinfo=dt.UTC)  # 12:00 in Jakarta
    expired = tkdn_certificate(vendor, issued_date=dt.date(2022, 1, 1), valid_until=today - dt.timedelta(days=1))
    ending_today = tkdn_certificate(vendor, issued_date=dt.date(2022, 1, 1), valid_until=today)

    with pytest.raises(ValidationFailed) as exc:
        services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(tkdn_document=expired), now=noon)
    product = services.product_create(
        actor=vendor_owner, vendor=vendor, data=product_data(tkdn_document=ending_today), now=noon
    )

    assert "expired on 2025-06-29" in exc.value.field_errors["tkdn_document"][0]
    assert product.tkdn_document == ending_today
