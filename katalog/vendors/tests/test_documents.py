"""Certificates and permits: upload checks, TKDN rules, states around the expiry date."""

import datetime as dt
from decimal import Decimal

import pytest

from katalog.audit.models import AuditEvent
from katalog.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from katalog.vendors import selectors, services
from katalog.vendors.models import VendorDocument

from .factories import PNG_BYTES, VendorDocumentFactory, VendorFactory, pdf_upload, text_upload

pytestmark = pytest.mark.django_db


def halal(**overrides):
    data = {
        "kind": "HALAL", "number": "ID18110000123450124", "issuer": "BPJPH",
        "issued_date": dt.date(2024, 1, 10), "valid_until": dt.date(2028, 1, 10), "covers": "Keripik pisang",
    }
    data.update(overrides)
    return data


def tkdn(**overrides):
    data = {
        "kind": "TKDN", "number": "1234/SJ-IND.8/TKDN/2025", "issuer": "Kemenperin",
        "issued_date": dt.date(2025, 1, 1), "valid_until": dt.date(2030, 1, 1),
        "tkdn_pct": "45.5", "bmp_pct": "15", "tkdn_scheme": "assessed",
    }
    data.update(overrides)
    return data


def test_adds_a_document_with_a_real_pdf_and_records_it(vendor, vendor_owner, now):
    document = services.document_add(actor=vendor_owner, vendor=vendor, data=halal(), file=pdf_upload(), now=now)

    document.refresh_from_db()
    assert document.content_type == "application/pdf"
    assert document.original_filename == "sertifikat.pdf"
    assert document.file.name.startswith("vendor-documents/") and document.file.name.endswith(".pdf")
    assert document.file.read().startswith(b"%PDF-")
    event = AuditEvent.objects.get(event_type="vendors.document.added")
    assert (event.actor, event.target_id) == (vendor_owner, str(vendor.pk))
    assert event.changes["number"]["new"] == "ID18110000123450124"


def test_accepts_a_png_image(vendor, vendor_owner, now):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("foto-izin.png", PNG_BYTES, content_type="image/png")

    document = services.document_add(actor=vendor_owner, vendor=vendor, data=halal(), file=upload, now=now)

    assert document.content_type == "image/png"


def test_refuses_text_named_as_a_pdf(vendor, vendor_owner, now):
    with pytest.raises(ValidationFailed) as excinfo:
        services.document_add(actor=vendor_owner, vendor=vendor, data=halal(), file=text_upload(), now=now)

    assert "Only PDF, JPG, PNG files are accepted" in excinfo.value.field_errors["file"][0]
    assert VendorDocument.objects.count() == 0


def test_refuses_a_file_above_the_size_limit(vendor, vendor_owner, now, settings):
    settings.KATALOG = {**settings.KATALOG, "UPLOAD_MAX_BYTES": 1024}

    with pytest.raises(ValidationFailed) as excinfo:
        services.document_add(
            actor=vendor_owner, vendor=vendor, data=halal(), file=pdf_upload(size=1025), now=now
        )
    assert "at most" in excinfo.value.field_errors["file"][0]

    services.document_add(actor=vendor_owner, vendor=vendor, data=halal(), file=pdf_upload(size=1024), now=now)
    assert VendorDocument.objects.count() == 1


def test_refuses_a_missing_file(vendor, vendor_owner, now):
    with pytest.raises(ValidationFailed, match="Choose a file"):
        services.document_add(actor=vendor_owner, vendor=vendor, data=halal(), file=None, now=now)


def test_refuses_a_document_expiring_before_it_was_issued(vendor, vendor_owner, now):
    with pytest.raises(ValidationFailed) as excinfo:
        services.document_add(
            actor=vendor_owner, vendor=vendor, data=halal(valid_until=dt.date(2023, 12, 31)), file=pdf_upload(), now=now
        )

    assert "valid_until" in excinfo.value.field_errors


def test_requires_number_issuer_and_kind(vendor, vendor_owner, now):
    with pytest.raises(ValidationFailed) as excinfo:
        services.document_add(
            actor=vendor_owner, vendor=vendor, data=halal(kind="KTP", number=" ", issuer=""), file=pdf_upload(), now=now
        )

    assert set(excinfo.value.field_errors) == {"kind", "number", "issuer"}


# ---- TKDN ----

def test_tkdn_certificate_keeps_its_values(vendor, vendor_owner, now):
    document = services.document_add(actor=vendor_owner, vendor=vendor, data=tkdn(), file=pdf_upload(), now=now)

    document.refresh_from_db()
    assert (document.tkdn_pct, document.bmp_pct, document.tkdn_scheme) == (Decimal("45.50"), Decimal("15.00"), "assessed")


@pytest.mark.parametrize(("bmp", "accepted"), [("15", True), ("15.00", True), ("15.01", False), ("0", True), ("-1", False)])
def test_bmp_is_at_most_fifteen_percent(vendor, vendor_owner, now, bmp, accepted):
    def add():
        return services.document_add(actor=vendor_owner, vendor=vendor, data=tkdn(bmp_pct=bmp), file=pdf_upload(), now=now)

    if accepted:
        assert add().bmp_pct == Decimal(bmp)
    else:
        with pytest.raises(ValidationFailed) as excinfo:
            add()
        assert "BMP must be between 0 and 15%" in excinfo.value.field_errors["bmp_pct"][0]
        assert VendorDocument.objects.count() == 0


@pytest.mark.parametrize(("value", "message"), [
    ("", "needs its TKDN value"), ("100.01", "between 0 and 100"), ("abc", "Enter a number"), ("45.555", "two decimals"),
])
def test_tkdn_value_is_required_and_between_0_and_100(vendor, vendor_owner, now, value, message):
    with pytest.raises(ValidationFailed) as excinfo:
        services.document_add(actor=vendor_owner, vendor=vendor, data=tkdn(tkdn_pct=value), file=pdf_upload(), now=now)

    assert message in excinfo.value.field_errors["tkdn_pct"][0]


def test_tkdn_accepts_an_indonesian_decimal_comma(vendor, vendor_owner, now):
    document = services.document_add(
        actor=vendor_owner, vendor=vendor, data=tkdn(tkdn_pct="45,5"), file=pdf_upload(), now=now
    )

    assert document.tkdn_pct == Decimal("45.50")


def test_tkdn_certificate_needs_its_scheme(vendor, vendor_owner, now):
    with pytest.raises(ValidationFailed) as excinfo:
        services.document_add(actor=vendor_owner, vendor=vendor, data=tkdn(tkdn_scheme=""), file=pdf_upload(), now=now)

    assert "tkdn_scheme" in excinfo.value.field_errors


def test_other_documents_may_not_carry_tkdn_values(vendor, vendor_owner, now):
    with pytest.raises(ValidationFailed) as excinfo:
        services.document_add(
            actor=vendor_owner, vendor=vendor, data=halal(tkdn_pct="40", bmp_pct="5"), file=pdf_upload(), now=now
        )

    assert set(excinfo.value.field_errors) == {"tkdn_pct", "bmp_pct"}


# ---- who and when ----

def test_only_members_or_curators_add_documents(vendor, other_vendor_owner, buyer, curator, now):
    for outsider in (other_vendor_owner, buyer):
        with pytest.raises(PermissionDeniedError):
            services.document_add(actor=outsider, vendor=vendor, data=halal(), file=pdf_upload(), now=now)

    services.document_add(actor=curator, vendor=vendor, data=halal(), file=pdf_upload(), now=now)
    assert AuditEvent.objects.get(event_type="vendors.document.added").organisation_id is None


def test_documents_are_frozen_while_waiting_for_a_curator(now):
    from katalog.accounts.tests.factories import MembershipFactory

    vendor = VendorFactory(status="submitted")
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user

    with pytest.raises(InvalidTransition, match="waiting for a curator"):
        services.document_add(actor=owner, vendor=vendor, data=halal(), file=pdf_upload(), now=now)


def test_delete_removes_the_document_and_records_it(vendor, vendor_owner, now):
    document = services.document_add(actor=vendor_owner, vendor=vendor, data=halal(), file=pdf_upload(), now=now)
    storage, name = document.file.storage, document.file.name

    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.document_delete(actor=vendor_owner, document=document, now=now)

    assert not VendorDocument.objects.filter(pk=document.pk).exists()
    assert not storage.exists(name)
    event = AuditEvent.objects.get(event_type="vendors.document.deleted")
    assert event.changes["number"] == {"old": "ID18110000123450124", "new": None}


def test_another_vendor_cannot_delete_a_document(vendor, other_vendor_owner, now):
    document = VendorDocumentFactory(vendor=vendor)

    with pytest.raises(PermissionDeniedError):
        services.document_delete(actor=other_vendor_owner, document=document, now=now)

    assert VendorDocument.objects.filter(pk=document.pk).exists()


# ---- states ----

TODAY = dt.date(2025, 6, 2)
ISSUED = dt.date(2020, 1, 1)


@pytest.mark.parametrize(("valid_until", "state"), [
    (None, "no_expiry"),
    (TODAY - dt.timedelta(days=1), "expired"),
    (TODAY, "expiring"),  # still valid on its last day
    (TODAY + dt.timedelta(days=30), "expiring"),
    (TODAY + dt.timedelta(days=31), "valid"),
])
def test_document_state_at_the_boundary_days(valid_until, state):
    document = VendorDocument(valid_until=valid_until)

    assert selectors.document_state(document, today=TODAY) == state


def test_warning_days_come_from_settings(settings):
    settings.KATALOG = {**settings.KATALOG, "DOCUMENT_EXPIRY_WARNING_DAYS": 7}

    assert selectors.document_state(VendorDocument(valid_until=TODAY + dt.timedelta(days=7)), today=TODAY) == "expiring"
    assert selectors.document_state(VendorDocument(valid_until=TODAY + dt.timedelta(days=8)), today=TODAY) == "valid"


def test_vendor_documents_lists_states(vendor):
    VendorDocumentFactory(vendor=vendor, kind="SNI", issued_date=ISSUED, valid_until=TODAY - dt.timedelta(days=1))
    VendorDocumentFactory(vendor=vendor, kind="HALAL", issued_date=ISSUED, valid_until=TODAY + dt.timedelta(days=400))

    rows = selectors.vendor_documents(vendor, today=TODAY)

    assert {(r["kind"], r["state"]) for r in rows} == {("SNI", "expired"), ("HALAL", "valid")}


def test_public_certificates_leave_out_expired_ones_and_files(vendor):
    VendorDocumentFactory(vendor=vendor, kind="SNI", issued_date=ISSUED, valid_until=TODAY - dt.timedelta(days=1))
    VendorDocumentFactory(vendor=vendor, kind="TKDN", tkdn_pct=Decimal("40"), bmp_pct=Decimal("10"),
                          tkdn_scheme="assessed", issued_date=ISSUED, valid_until=TODAY)
    VendorDocumentFactory(vendor=vendor, kind="PIRT", valid_until=None)

    rows = selectors.vendor_certificates_public(vendor, today=TODAY)

    assert sorted(r["kind"] for r in rows) == ["PIRT", "TKDN"]
    tkdn_row = next(r for r in rows if r["kind"] == "TKDN")
    assert (tkdn_row["tkdn_pct"], tkdn_row["bmp_pct"]) == (Decimal("40"), Decimal("10"))
    assert not any("file" in key for row in rows for key in row)
