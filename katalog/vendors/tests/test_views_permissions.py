"""Who may open which vendor page and take which action."""

import pytest
from django.urls import reverse

from katalog.vendors.models import VendorDocument, VendorStatus

from .factories import NOW, VendorDocumentFactory, VendorFactory, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(vendor):
    document = VendorDocumentFactory(vendor=vendor, file=pdf_upload("halal.pdf"), content_type="application/pdf")
    return document


@pytest.fixture
def waiting_vendor(vendor):
    vendor.status = VendorStatus.SUBMITTED
    vendor.submitted_at = NOW
    vendor.save(update_fields=["status", "submitted_at"])
    return vendor


def vendor_side_requests(document):
    return [
        ("get", reverse("vendors:dashboard")),
        ("get", reverse("vendors:profile_edit")),
        ("get", reverse("vendors:document_add")),
        ("post", reverse("vendors:submit")),
    ]


def document_requests(document):
    return [
        ("get", reverse("vendors:document_file", args=[document.pk])),
        ("post", reverse("vendors:document_delete", args=[document.pk])),
    ]


def curator_requests(vendor):
    return [
        ("get", reverse("vendors:curation_queue")),
        ("get", reverse("vendors:curation_vendor_list")),
        ("get", reverse("vendors:curation_vendor", args=[vendor.code])),
        ("get", reverse("vendors:curation_vendor_edit", args=[vendor.code])),
        ("post", reverse("vendors:curation_verify", args=[vendor.code])),
        ("post", reverse("vendors:curation_return", args=[vendor.code])),
        ("post", reverse("vendors:curation_reject", args=[vendor.code])),
    ]


def test_anonymous_people_are_sent_to_login(make_client, vendor, document):
    client = make_client()
    for method, url in vendor_side_requests(document) + document_requests(document) + curator_requests(vendor):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    assert VendorDocument.objects.filter(pk=document.pk).exists()


def test_buyers_are_refused_everywhere(make_client, buyer, vendor, document):
    client = make_client(buyer)
    for method, url in vendor_side_requests(document) + document_requests(document) + curator_requests(vendor):
        assert getattr(client, method)(url).status_code == 403, url
    assert VendorDocument.objects.filter(pk=document.pk).exists()


def test_another_vendor_cannot_touch_this_vendors_documents_or_curate(make_client, other_vendor_owner, vendor, document):
    client = make_client(other_vendor_owner)
    for method, url in document_requests(document) + curator_requests(vendor):
        assert getattr(client, method)(url).status_code == 403, url
    assert VendorDocument.objects.filter(pk=document.pk).exists()


def test_another_vendors_dashboard_shows_only_its_own_business(make_client, other_vendor_owner, other_vendor, vendor):
    html = make_client(other_vendor_owner).get(reverse("vendors:dashboard")).content.decode()

    assert other_vendor.name in html
    assert vendor.name not in html


def test_vendor_owner_uses_its_own_pages(make_client, vendor_owner, document):
    client = make_client(vendor_owner)

    for url in (reverse("vendors:dashboard"), reverse("vendors:profile_edit"), reverse("vendors:document_add")):
        assert client.get(url).status_code == 200, url
    response = client.get(reverse("vendors:document_file", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "private" in response["Cache-Control"]


def test_vendor_cannot_reach_curator_pages_nor_verify_itself(make_client, vendor_owner, waiting_vendor):
    client = make_client(vendor_owner)

    for method, url in curator_requests(waiting_vendor):
        assert getattr(client, method)(url).status_code == 403, url
    waiting_vendor.refresh_from_db()
    assert waiting_vendor.status == VendorStatus.SUBMITTED


def test_curator_reaches_curation_pages_and_vendor_documents(make_client, curator, vendor, document):
    client = make_client(curator)

    for method, url in curator_requests(vendor)[:4]:
        assert getattr(client, method)(url).status_code == 200, url
    assert client.get(reverse("vendors:document_file", args=[document.pk])).status_code == 200


def test_curator_has_no_vendor_dashboard_and_is_sent_to_the_queue(make_client, curator):
    response = make_client(curator).get(reverse("vendors:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == reverse("vendors:curation_queue")


def test_curator_cannot_act_as_the_vendor(make_client, curator):
    client = make_client(curator)

    assert client.get(reverse("vendors:profile_edit")).status_code == 403
    assert client.post(reverse("vendors:submit")).status_code == 403


def test_actions_refuse_get(make_client, vendor_owner, curator, vendor, document):
    assert make_client(vendor_owner).get(reverse("vendors:submit")).status_code == 405
    assert make_client(vendor_owner).get(reverse("vendors:document_delete", args=[document.pk])).status_code == 405
    assert make_client(curator).get(reverse("vendors:curation_verify", args=[vendor.code])).status_code == 405


def test_documents_are_not_served_as_public_media(make_client, document):
    response = make_client().get(f"/media/{document.file.name}")

    assert response.status_code == 404


def test_review_page_of_an_unknown_code_is_404(make_client, curator):
    assert make_client(curator).get(reverse("vendors:curation_vendor", args=["NOPE"])).status_code == 404


def test_logged_in_people_do_not_see_the_registration_form(make_client, vendor_owner):
    response = make_client(vendor_owner).get(reverse("vendors:register"))

    assert response.status_code == 302


def test_unverified_vendor_document_delete_by_owner_works(make_client):
    from katalog.accounts.tests.factories import MembershipFactory

    draft = VendorFactory(status="draft")
    owner = MembershipFactory(organisation=draft.organisation, role="vendor_owner").user
    document = VendorDocumentFactory(vendor=draft)

    response = make_client(owner).post(reverse("vendors:document_delete", args=[document.pk]))

    assert response.status_code == 302
    assert not VendorDocument.objects.filter(pk=document.pk).exists()
