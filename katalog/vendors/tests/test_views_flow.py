"""Onboarding end to end through the pages, and the pages' handling of wrong input."""

import datetime as dt

import pytest
from django.urls import reverse

from katalog.accounts.models import Membership, Organisation, User
from katalog.audit.models import AuditEvent
from katalog.vendors.models import Vendor, VendorDocument, VendorStatus

from .factories import (
    NOW,
    VendorFactory,
    npwp_with_wrong_check_digit,
    pdf_upload,
    text_upload,
    valid_nib,
    valid_npwp,
)

pytestmark = pytest.mark.django_db


def registration_post(**overrides):
    from katalog.regions.models import Region

    data = {
        "username": "ani.tapis", "person_name": "Ani Lestari", "email": "ani@example.id",
        "password1": "Tapis-Lampung-2025", "password2": "Tapis-Lampung-2025",
        "name": "UMKM Tapis Ani", "nib": valid_nib(901), "npwp": valid_npwp(901), "scale": "mikro",
        "region": str(Region.objects.get(code="18.72").pk), "address": "Jl. Kenanga 3, Metro",
        "kbli": "13921; 32909", "contact_name": "Ani", "contact_phone": "0812 3456 7890",
        "contact_email": "", "description": "",
    }
    data.update(overrides)
    return data


def halal_post(**overrides):
    data = {
        "kind": "HALAL", "number": "ID18110000999", "issuer": "BPJPH", "issued_date": "2024-01-10",
        "valid_until": "2028-01-10", "covers": "Kain tapis", "tkdn_pct": "", "bmp_pct": "", "tkdn_scheme": "",
        "file": pdf_upload(),
    }
    data.update(overrides)
    return data


def row_counts():
    return (User.objects.count(), Organisation.objects.count(), Vendor.objects.count(),
            Membership.objects.count(), AuditEvent.objects.count())


def test_onboarding_from_registration_to_verification(make_client, curator, frozen_clock):
    # Two businesses already wait, so the new one is third in the queue.
    for days in (4, 2):
        VendorFactory(status="submitted", submitted_at=NOW - dt.timedelta(days=days))
    vendor_client = make_client()

    page = vendor_client.get(reverse("vendors:register"))
    assert page.status_code == 200
    assert "PP 7/2021" in page.content.decode()

    response = vendor_client.post(reverse("vendors:register"), registration_post(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("vendors:dashboard")
    assert "add your documents" in response.content.decode()
    vendor = Vendor.objects.get(nib=valid_nib(901))
    assert vendor.status == VendorStatus.DRAFT

    response = vendor_client.post(reverse("vendors:document_add"), halal_post(), follow=True)
    assert "ID18110000999" in response.content.decode()
    assert VendorDocument.objects.filter(vendor=vendor).count() == 1

    frozen_clock.set(NOW)
    response = vendor_client.post(reverse("vendors:submit"), follow=True)
    assert "You are number 3 of 3" in response.content.decode()

    curator_client = make_client(curator)
    frozen_clock.set(NOW + dt.timedelta(days=2, hours=3))
    queue = curator_client.get(reverse("vendors:curation_queue")).content.decode()
    assert vendor.name in queue and "2 days 3 hours" in queue
    dashboard = vendor_client.get(reverse("vendors:dashboard")).content.decode()
    assert "You are number 3 of 3 in the queue; waiting 2 days 3 hours." in dashboard

    response = curator_client.post(
        reverse("vendors:curation_return", args=[vendor.code]), {"return-reason": "Unggah sertifikat PIRT."}
    )
    assert response.status_code == 302

    dashboard = vendor_client.get(reverse("vendors:dashboard")).content.decode()
    assert "Unggah sertifikat PIRT." in dashboard
    assert "Submit again for verification" in dashboard

    vendor_client.post(reverse("vendors:document_add"), halal_post(kind="PIRT", number="P-IRT 2061871010123-29",
                                                                 issuer="Dinas Kesehatan Kota Metro",
                                                                 file=pdf_upload("pirt.pdf")))
    vendor_client.post(reverse("vendors:submit"))
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.SUBMITTED

    response = curator_client.post(reverse("vendors:curation_verify", args=[vendor.code]))
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.VERIFIED
    assert "Your business is verified" in vendor_client.get(reverse("vendors:dashboard")).content.decode()

    review = curator_client.get(reverse("vendors:curation_vendor", args=[vendor.code])).content.decode()
    for label in ("Registered", "Document added", "Submitted for verification", "Returned for revision", "Verified"):
        assert label in review
    assert AuditEvent.objects.filter(target_id=str(vendor.pk), event_type__startswith="vendors.").count() == 7


@pytest.mark.parametrize(("override", "field", "message"), [
    ({"nib": "912000000000"}, "nib", "NIB must be exactly 13 digits"),
    ({"npwp": npwp_with_wrong_check_digit(901)}, "npwp", "check digit does not match"),
    ({"kbli": ""}, "kbli", "This field is required."),
    ({"kbli": "abc"}, "kbli", "must be 5 digits"),
    ({"password2": "something-else-2025"}, "password2", "The two passwords differ."),
])
def test_registration_page_shows_errors_next_to_fields_and_saves_nothing(make_client, override, field, message):
    before = row_counts()

    response = make_client().post(reverse("vendors:register"), registration_post(**override))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert row_counts() == before


def test_registration_page_shows_every_wrong_field_at_once(make_client):
    post = registration_post(nib="123", npwp=npwp_with_wrong_check_digit(901), password2="different-2025")

    errors = make_client().post(reverse("vendors:register"), post).context["form"].errors

    assert set(errors) == {"nib", "npwp", "password2"}


def test_registration_page_refuses_a_duplicate_nib(make_client):
    VendorFactory(nib=valid_nib(901))
    before = row_counts()

    response = make_client().post(reverse("vendors:register"), registration_post())

    assert "already registered" in response.context["form"].errors["nib"][0]
    assert row_counts() == before


def test_registration_page_lists_lampung_regencies_first(make_client):
    form = make_client().get(reverse("vendors:register")).context["form"]

    groups = form.fields["region"].choices
    assert str(groups[1][0]) == "Lampung"
    assert [name for _pk, name in groups[1][1]][:2] == ["Kab. Lampung Selatan", "Kab. Lampung Tengah"]


def test_upload_page_refuses_text_named_pdf(make_client, vendor_owner):
    client = make_client(vendor_owner)

    response = client.post(reverse("vendors:document_add"), halal_post(file=text_upload()))

    assert response.status_code == 200
    assert "Only PDF, JPG, PNG files are accepted" in response.content.decode()
    assert VendorDocument.objects.count() == 0


def test_upload_page_refuses_bmp_above_fifteen(make_client, vendor_owner):
    client = make_client(vendor_owner)
    post = halal_post(kind="TKDN", tkdn_pct="40", bmp_pct="15.01", tkdn_scheme="assessed")

    response = client.post(reverse("vendors:document_add"), post)

    assert "BMP must be between 0 and 15%" in response.content.decode()
    assert VendorDocument.objects.count() == 0


def test_verified_vendor_profile_page_locks_identity_fields(make_client, vendor, vendor_owner):
    client = make_client(vendor_owner)
    post = {
        "name": "Nama Lain", "nib": valid_nib(4444), "npwp": vendor.npwp, "scale": "besar",
        "region": str(vendor.region_id), "kbli": "99999", "address": "Jl. Baru 9", "contact_name": "Siti",
        "contact_phone": "0811111111", "contact_email": "", "description": "",
    }

    response = client.post(reverse("vendors:profile_edit"), post)

    assert response.status_code == 302
    vendor.refresh_from_db()
    assert (vendor.address, vendor.name, vendor.scale, vendor.kbli) == (
        "Jl. Baru 9", vendor.organisation.name, "mikro", ["13921", "32909"]
    )


def test_curator_page_shows_the_invalid_transition_message(make_client, curator):
    draft = VendorFactory(status="draft")

    response = make_client(curator).post(reverse("vendors:curation_verify", args=[draft.code]), follow=True)

    assert "Only a business waiting for verification can be verified; this one is “Draft”." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == VendorStatus.DRAFT


def test_return_without_reason_shows_the_form_error(make_client, curator):
    waiting = VendorFactory(status="submitted", submitted_at=NOW)

    response = make_client(curator).post(reverse("vendors:curation_return", args=[waiting.code]), {"return-reason": " "})

    assert response.status_code == 200
    assert response.context["return_form"].errors["reason"]
    waiting.refresh_from_db()
    assert waiting.status == VendorStatus.SUBMITTED


def test_submit_page_explains_a_refused_submission(make_client, vendor, vendor_owner):
    response = make_client(vendor_owner).post(reverse("vendors:submit"), follow=True)

    assert "Only a draft or a returned business can be submitted; this one is “Verified”." in response.content.decode()


def test_queue_page_highlights_long_waits(make_client, curator, frozen_clock):
    VendorFactory(status="submitted", submitted_at=NOW - dt.timedelta(days=5, hours=1))
    VendorFactory(status="submitted", submitted_at=NOW - dt.timedelta(days=4))

    html = make_client(curator).get(reverse("vendors:curation_queue")).content.decode()

    assert html.count('class="waiting-long"') == 1
    assert 'href="/kurasi/produk/"' in html


def test_review_page_shows_formatted_npwp(make_client, curator, vendor):
    from katalog.vendors.identifiers import format_npwp

    html = make_client(curator).get(reverse("vendors:curation_vendor", args=[vendor.code])).content.decode()

    assert format_npwp(vendor.npwp) in html


def test_curator_list_and_review_pages_do_not_query_per_row(make_client, curator, django_assert_max_num_queries):
    for _i in range(6):
        VendorFactory(status="submitted", submitted_at=NOW)
    client = make_client(curator)
    client.get(reverse("vendors:curation_queue"))  # warm up session and content types

    with django_assert_max_num_queries(8):
        client.get(reverse("vendors:curation_queue"))
    with django_assert_max_num_queries(9):
        client.get(reverse("vendors:curation_vendor_list"))


def test_curator_corrects_the_kbli_of_a_verified_vendor_and_it_shows_in_history(make_client, curator, vendor):
    client = make_client(curator)
    post = {
        "name": vendor.name, "nib": vendor.nib, "npwp": vendor.npwp, "scale": vendor.scale,
        "region": str(vendor.region_id), "kbli": "13921; 14111", "address": vendor.address,
        "contact_name": vendor.contact_name, "contact_phone": vendor.contact_phone, "contact_email": "",
        "description": "",
    }

    response = client.post(reverse("vendors:curation_vendor_edit", args=[vendor.code]), post)

    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.kbli == ["13921", "14111"]
    review = client.get(reverse("vendors:curation_vendor", args=[vendor.code])).content.decode()
    assert "Profile changed" in review and "14111" in review


def test_review_page_shows_history_in_jakarta_time_without_extra_queries(
    make_client, curator, frozen_clock, django_assert_max_num_queries
):
    from katalog.accounts.tests.factories import MembershipFactory
    from katalog.vendors import services

    waiting = VendorFactory(status="draft")
    owner = MembershipFactory(organisation=waiting.organisation, role="vendor_owner").user
    for n in range(4):
        services.document_add(
            actor=owner, vendor=waiting, now=NOW, file=pdf_upload(),
            data={"kind": "SNI", "number": f"SNI-{n}", "issuer": "LSPro", "valid_until": "2026-01-01"},
        )
    services.vendor_submit(actor=owner, vendor=waiting, now=NOW)
    client = make_client(curator)
    client.get(reverse("vendors:curation_vendor", args=[waiting.code]))

    with django_assert_max_num_queries(9):  # 8, plus the navigation bell's unread count
        html = client.get(reverse("vendors:curation_vendor", args=[waiting.code])).content.decode()

    assert "2025-06-02 17:00" in html  # 10:00 UTC
    assert html.count("Document added") == 4
