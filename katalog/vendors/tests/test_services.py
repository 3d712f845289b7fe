"""Registration, profile changes and the verification lifecycle, through the services."""

import datetime as dt

import pytest

from katalog.accounts.models import Membership, Organisation, User
from katalog.accounts.tests.factories import MembershipFactory
from katalog.audit.models import AuditEvent
from katalog.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from katalog.regions.models import Region
from katalog.vendors import services
from katalog.vendors.models import Vendor, VendorStatus

from .factories import NOW, VendorFactory, business_data, npwp_with_wrong_check_digit, valid_nib, valid_npwp

pytestmark = pytest.mark.django_db


def register(n=1, *, username=None, **business_overrides):
    return services.vendor_register(
        username=username or f"pemilik{n}", password="Tapis-Lampung-2025", person_name="Ani Lestari",
        email=f"ani{n}@example.id", business=business_data(n, **business_overrides), now=NOW,
    )


def row_counts():
    return (User.objects.count(), Organisation.objects.count(), Vendor.objects.count(),
            Membership.objects.count(), AuditEvent.objects.count())


@pytest.fixture
def draft_vendor():
    vendor = register(1)
    return vendor, vendor.organisation.memberships.get().user


# ---- registration ----

def test_registration_creates_person_business_and_ownership_in_draft(now):
    vendor = register(1)

    vendor.refresh_from_db()
    owner = User.objects.get(username="pemilik1")
    assert vendor.status == VendorStatus.DRAFT
    assert vendor.code == f"VND{vendor.pk:06d}"
    assert vendor.kbli == ["10792", "13921"]
    assert len(vendor.npwp) == 16
    assert vendor.organisation.kind == Organisation.Kind.VENDOR
    assert vendor.organisation.name == vendor.name
    assert vendor.organisation.region.code == "18.72"
    assert owner.check_password("Tapis-Lampung-2025")
    assert Membership.objects.get(user=owner).role == Membership.Role.VENDOR_OWNER
    assert vendor.created_at == now


def test_registration_accepts_a_legacy_15_digit_npwp_and_stores_16_digits():
    legacy = valid_npwp(777)[1:]  # the old 15-digit number
    formatted = f"{legacy[:2]}.{legacy[2:5]}.{legacy[5:8]}.{legacy[8]}-{legacy[9:12]}.{legacy[12:]}"

    vendor = register(1, npwp=formatted)

    assert vendor.npwp == "0" + legacy


def test_registration_writes_an_audit_event_with_the_new_values():
    vendor = register(1)

    event = AuditEvent.objects.get(event_type="vendors.vendor.registered")
    assert event.target_id == str(vendor.pk)
    assert event.actor.username == "pemilik1"
    assert event.organisation_id == vendor.organisation_id
    assert event.changes["nib"] == {"old": None, "new": vendor.nib}


@pytest.mark.parametrize(
    ("override", "field", "message"),
    [
        ({"nib": "912000000000"}, "nib", "NIB must be exactly 13 digits"),
        ({"npwp": npwp_with_wrong_check_digit(5)}, "npwp", "check digit does not match"),
        ({"kbli": ""}, "kbli", "Enter at least one KBLI code"),
        ({"kbli": "1079"}, "kbli", "must be 5 digits"),
        ({"scale": "raksasa"}, "scale", "is not one of mikro"),
        ({"region": None}, "region", "Choose the regency or city"),
        ({"name": "  "}, "name", "Enter the business name"),
    ],
)
def test_registration_refuses_invalid_business_data_and_writes_nothing(override, field, message):
    before = row_counts()

    with pytest.raises(ValidationFailed) as excinfo:
        register(1, **override)

    assert message in " ".join(excinfo.value.field_errors[field])
    assert row_counts() == before


def test_registration_refuses_a_duplicate_nib_with_a_clear_message():
    existing = VendorFactory(nib=valid_nib(501))
    before = row_counts()

    with pytest.raises(ValidationFailed) as excinfo:
        register(1, nib=existing.nib)

    assert "already registered" in excinfo.value.field_errors["nib"][0]
    assert row_counts() == before


def test_registration_refuses_a_taken_username_whatever_its_case():
    register(1, username="ani")
    before = row_counts()

    with pytest.raises(ValidationFailed) as excinfo:
        register(2, username="ANI")

    assert "taken" in excinfo.value.field_errors["username"][0]
    assert row_counts() == before


def test_registration_refuses_a_weak_password():
    before = row_counts()

    with pytest.raises(ValidationFailed) as excinfo:
        services.vendor_register(
            username="budi", password="12345678", person_name="Budi", email="budi@example.id",
            business=business_data(3), now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        )

    assert "password" in excinfo.value.field_errors
    assert row_counts() == before


def test_registration_reports_every_wrong_field_at_once():
    with pytest.raises(ValidationFailed) as excinfo:
        register(1, nib="123", npwp="", kbli="")

    assert set(excinfo.value.field_errors) >= {"nib", "npwp", "kbli"}


# ---- profile ----

def test_draft_profile_may_change_everything_and_the_change_is_audited(draft_vendor, now):
    vendor, owner = draft_vendor
    later = now + dt.timedelta(hours=1)

    services.vendor_update_profile(
        actor=owner, vendor=vendor, now=later,
        data={"name": "CV Keripik Maju", "scale": "kecil", "kbli": "10792", "region": Region.objects.get(code="18.01")},
    )

    vendor.refresh_from_db()
    assert (vendor.name, vendor.scale, vendor.kbli, vendor.region.code) == ("CV Keripik Maju", "kecil", ["10792"], "18.01")
    assert vendor.organisation.name == "CV Keripik Maju"
    event = AuditEvent.objects.get(event_type="vendors.vendor.updated")
    assert event.actor == owner
    assert event.occurred_at == later
    assert event.changes["scale"] == {"old": "mikro", "new": "kecil"}
    assert event.changes["kbli"] == {"old": ["10792", "13921"], "new": ["10792"]}
    assert "address" not in event.changes


def test_profile_update_with_nothing_changed_writes_no_event(draft_vendor, now):
    vendor, owner = draft_vendor

    services.vendor_update_profile(actor=owner, vendor=vendor, data={"name": vendor.name, "nib": vendor.nib}, now=now)

    assert not AuditEvent.objects.filter(event_type="vendors.vendor.updated").exists()


def test_verified_vendor_may_change_contact_but_not_identity(vendor, vendor_owner, now):
    services.vendor_update_profile(
        actor=vendor_owner, vendor=vendor, data={"contact_phone": "0721 123456", "nib": vendor.nib}, now=now
    )
    vendor.refresh_from_db()
    assert vendor.contact_phone == "0721 123456"

    with pytest.raises(ValidationFailed) as excinfo:
        services.vendor_update_profile(actor=vendor_owner, vendor=vendor, data={"kbli": "10792"}, now=now)

    assert "ask a curator" in excinfo.value.field_errors["kbli"][0]
    vendor.refresh_from_db()
    assert vendor.kbli == ["13921", "32909"]


def test_curator_may_correct_the_identity_of_a_verified_vendor(vendor, curator, now):
    services.vendor_update_profile(actor=curator, vendor=vendor, data={"scale": "kecil"}, now=now)

    vendor.refresh_from_db()
    assert vendor.scale == "kecil"
    assert AuditEvent.objects.get(event_type="vendors.vendor.updated").organisation_id is None


def test_submitted_vendor_cannot_change_its_profile(draft_vendor, now):
    vendor, owner = draft_vendor
    services.vendor_submit(actor=owner, vendor=vendor, now=now)

    with pytest.raises(InvalidTransition, match="waiting for a curator"):
        services.vendor_update_profile(actor=owner, vendor=vendor, data={"address": "Jl. Baru"}, now=now)


def test_a_vendor_edits_only_its_own_business(vendor, other_vendor_owner, now):
    with pytest.raises(PermissionDeniedError):
        services.vendor_update_profile(actor=other_vendor_owner, vendor=vendor, data={"address": "x"}, now=now)


def test_profile_update_refuses_the_nib_of_another_business(draft_vendor, other_vendor, now):
    vendor, owner = draft_vendor

    with pytest.raises(ValidationFailed, match="already registered"):
        services.vendor_update_profile(actor=owner, vendor=vendor, data={"nib": other_vendor.nib}, now=now)


# ---- lifecycle ----

def test_submit_moves_a_draft_to_submitted_and_records_the_time(draft_vendor, now):
    vendor, owner = draft_vendor

    services.vendor_submit(actor=owner, vendor=vendor, now=now)

    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.SUBMITTED
    assert vendor.submitted_at == now
    event = AuditEvent.objects.get(event_type="vendors.vendor.submitted")
    assert event.changes["status"] == {"old": "draft", "new": "submitted"}
    assert event.actor == owner


def test_submit_requires_kbli(now):
    vendor = VendorFactory(status="draft", kbli=[])
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user

    with pytest.raises(ValidationFailed, match="KBLI"):
        services.vendor_submit(actor=owner, vendor=vendor, now=now)

    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.DRAFT


def test_return_then_resubmit_then_verify(draft_vendor, curator, now):
    vendor, owner = draft_vendor
    services.vendor_submit(actor=owner, vendor=vendor, now=now)

    services.vendor_return(actor=curator, vendor=vendor, reason="Lampirkan sertifikat Halal.", now=now)
    vendor.refresh_from_db()
    assert (vendor.status, vendor.status_reason) == (VendorStatus.RETURNED, "Lampirkan sertifikat Halal.")

    services.vendor_submit(actor=owner, vendor=vendor, now=now + dt.timedelta(days=1))
    vendor.refresh_from_db()
    assert (vendor.status, vendor.status_reason) == (VendorStatus.SUBMITTED, "")

    services.vendor_verify(actor=curator, vendor=vendor, now=now + dt.timedelta(days=2))
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.VERIFIED
    assert vendor.verified_at == now + dt.timedelta(days=2)
    returned = AuditEvent.objects.get(event_type="vendors.vendor.returned")
    assert (returned.actor, returned.message) == (curator, "Lampirkan sertifikat Halal.")
    assert returned.changes["status_reason"]["new"] == "Lampirkan sertifikat Halal."


def test_reject_needs_a_reason_and_records_it(draft_vendor, curator, now):
    vendor, owner = draft_vendor
    services.vendor_submit(actor=owner, vendor=vendor, now=now)

    with pytest.raises(ValidationFailed) as excinfo:
        services.vendor_reject(actor=curator, vendor=vendor, reason="   ", now=now)
    assert "reason" in excinfo.value.field_errors
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.SUBMITTED

    services.vendor_reject(actor=curator, vendor=vendor, reason="NIB palsu.", now=now)
    vendor.refresh_from_db()
    assert (vendor.status, vendor.status_reason, vendor.decided_at) == (VendorStatus.REJECTED, "NIB palsu.", now)
    assert AuditEvent.objects.get(event_type="vendors.vendor.rejected").message == "NIB palsu."


def test_return_needs_a_reason(draft_vendor, curator, now):
    vendor, owner = draft_vendor
    services.vendor_submit(actor=owner, vendor=vendor, now=now)

    with pytest.raises(ValidationFailed):
        services.vendor_return(actor=curator, vendor=vendor, reason="", now=now)


def test_verifying_a_draft_is_an_invalid_transition_naming_the_state(draft_vendor, curator, now):
    vendor, _owner = draft_vendor

    with pytest.raises(InvalidTransition, match="Draft"):
        services.vendor_verify(actor=curator, vendor=vendor, now=now)

    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.DRAFT
    assert not AuditEvent.objects.filter(event_type="vendors.vendor.verified").exists()


@pytest.mark.parametrize("status", ["submitted", "verified", "rejected"])
def test_submitting_is_refused_unless_draft_or_returned(status, now):
    vendor = VendorFactory(status=status)
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user

    with pytest.raises(InvalidTransition):
        services.vendor_submit(actor=owner, vendor=vendor, now=now)


def test_a_vendor_cannot_verify_itself(draft_vendor, now):
    vendor, owner = draft_vendor
    services.vendor_submit(actor=owner, vendor=vendor, now=now)

    with pytest.raises(PermissionDeniedError):
        services.vendor_verify(actor=owner, vendor=vendor, now=now)


def test_a_curator_cannot_decide_on_a_business_they_belong_to(draft_vendor, curator, now):
    vendor, owner = draft_vendor
    services.vendor_submit(actor=owner, vendor=vendor, now=now)
    MembershipFactory(user=curator, organisation=vendor.organisation, role="vendor_staff")

    with pytest.raises(PermissionDeniedError, match="belong to"):
        services.vendor_verify(actor=curator, vendor=vendor, now=now)


def test_only_members_submit_their_business(draft_vendor, buyer, curator, now):
    vendor, _owner = draft_vendor

    for actor in (buyer, curator):
        with pytest.raises(PermissionDeniedError):
            services.vendor_submit(actor=actor, vendor=vendor, now=now)
