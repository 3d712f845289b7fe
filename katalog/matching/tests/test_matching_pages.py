"""The pages of needs (buyers, curators) and opportunities (vendors)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.matching.models import InterestKind, Need, NeedInterest, NeedStatus

from .needs_helpers import NOW, matched_need, new_need, region

pytestmark = pytest.mark.usefixtures("frozen_clock", "engine")


@pytest.fixture
def clock_start():
    return NOW


# ---- Buyers ----


def test_a_buyer_publishes_a_need_from_the_form_and_sees_its_matches(
    buyer, products, client_for, django_capture_on_commit_callbacks
):
    client = client_for(buyer)
    assert client.get("/kebutuhan/baru/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/kebutuhan/baru/", {
            "title": "Kain tapis untuk tamu", "quantity": "10", "unit": "lembar", "budget_idr": "50.000.000",
            "delivery_region": str(region().pk), "needed_by": "2025-08-01", "description": "", "category": "",
        })

    need = Need.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/kebutuhan/{need.pk}/"
    assert need.budget_idr == 50_000_000
    page = client.get(answer["Location"])
    assert page.status_code == 200
    assert page.context["need"]["matches"][0]["product"]["sku"] == products["cheap"].sku
    assert products["cheap"].sku.encode() in page.content and b'id="need-matches"' in page.content
    listing = client.get("/kebutuhan/")
    assert [row["need"].pk for row in listing.context["rows"]] == [need.pk]
    assert listing.context["rows"][0]["counts"] == {"matches": 2, "fitting": 1}


def test_the_form_shows_the_services_refusal_next_to_the_field(buyer, client_for):
    answer = client_for(buyer).post("/kebutuhan/baru/", {
        "title": "Kain tapis", "quantity": "10", "delivery_region": str(region().pk), "needed_by": "2025-01-01",
    })

    assert answer.status_code == 400
    assert answer.context["form"].errors["needed_by"]
    assert not Need.objects.exists()


def test_another_organisations_buyer_gets_404(buyer, products, client_for):
    need = matched_need(buyer)
    stranger = client_for(MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user)

    assert stranger.get(f"/kebutuhan/{need.pk}/").status_code == 404
    assert stranger.get(f"/kebutuhan/{need.pk}/ubah/").status_code == 404
    assert stranger.post(f"/kebutuhan/{need.pk}/tutup/", {"fulfilled": "1"}).status_code == 404
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_the_buyer_closes_the_need_and_sees_who_was_interested(buyer, products, vendor_owner, client_for):
    need = matched_need(buyer)
    client_for(vendor_owner).post(f"/kebutuhan/{need.pk}/minat/", {
        f"need{need.pk}-offered_unit_price_idr": "950000", f"need{need.pk}-message": "Siap kirim.",
    })
    client = client_for(buyer)

    page = client.get(f"/kebutuhan/{need.pk}/")
    closed = client.post(f"/kebutuhan/{need.pk}/tutup/", {"fulfilled": "1"})

    assert [i["offered_unit_price_idr"] for i in page.context["need"]["interests"]] == [950_000]
    assert b'id="need-interests"' in page.content
    assert closed.status_code == 302
    need.refresh_from_db()
    assert need.status == NeedStatus.FULFILLED


def test_a_curator_sees_every_need(buyer, curator, client_for):
    need = new_need(buyer)
    other = new_need(MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user,
                     title="Seminar kit")

    listing = client_for(curator).get("/kebutuhan/")

    assert {row["need"].pk for row in listing.context["rows"]} == {need.pk, other.pk}
    assert client_for(curator).get(f"/kebutuhan/{other.pk}/").status_code == 200


def test_the_import_page_lists_the_errors_by_row(buyer, client_for):
    header = "ref,buyer,buyer_type,title,description,category,quantity,unit,budget,regency_code,needed_by\n"
    bad = header + "K-1,,,Kain tapis,,,5,lembar,,99.99,\n"
    client = client_for(buyer)

    refused = client.post("/kebutuhan/impor/", {"file": SimpleUploadedFile("k.csv", bad.encode())})
    good = bad.replace("99.99", "18.71")
    imported = client.post("/kebutuhan/impor/", {"file": SimpleUploadedFile("k.csv", good.encode())})

    assert refused.status_code == 422
    assert [(e["row"], e["column"]) for e in refused.context["errors"]] == [(2, "regency_code")]
    assert b'id="import-errors"' in refused.content
    assert imported.status_code == 302
    assert Need.objects.get().ref == "K-1"
    template = client.get("/kebutuhan/impor/templat.csv")
    assert template.content.decode("utf-8-sig").startswith("ref,buyer,buyer_type,title")


# ---- Vendors ----


def test_a_vendor_answers_from_its_opportunities_with_htmx(buyer, products, vendor_owner, client_for):
    need = matched_need(buyer)
    client = client_for(vendor_owner)

    page = client.get("/peluang/")
    answer = client.post(f"/kebutuhan/{need.pk}/minat/", {
        f"need{need.pk}-product_id": str(products["cheap"].pk), f"need{need.pk}-offered_unit_price_idr": "Rp950.000",
        f"need{need.pk}-message": "Bisa kirim minggu depan.",
    }, headers={"HX-Request": "true"})

    assert [item["id"] for item in page.context["items"]] == [need.pk]
    assert answer.status_code == 200
    assert answer.templates[0].name == "matching/_answer.html"
    assert f'id="answer-{need.pk}"'.encode() in answer.content
    interest = NeedInterest.objects.get()
    assert (interest.kind, interest.offered_unit_price_idr, interest.product_id) == (
        InterestKind.OFFER, 950_000, products["cheap"].pk)


def test_a_vendor_sees_its_own_answer_only(buyer, products, vendor_owner, other_vendor_owner, client_for):
    need = matched_need(buyer)
    client_for(vendor_owner).post(f"/kebutuhan/{need.pk}/minat/", {f"need{need.pk}-offered_unit_price_idr": "950000"})
    client_for(other_vendor_owner).post(f"/kebutuhan/{need.pk}/minat/", {f"need{need.pk}-message": "Tertarik."})

    page = client_for(other_vendor_owner).get(f"/kebutuhan/{need.pk}/")

    assert page.status_code == 200
    assert page.context["answer"]["interest"]["kind"] == InterestKind.INTEREST
    assert [i["vendor"]["code"] for i in page.context["need"]["interests"]] == [products["dear"].vendor.code]
    assert b"950" not in page.content
    assert b'id="need-interests"' not in page.content


def test_vendors_are_sent_from_the_needs_list_to_their_opportunities(vendor_owner, client_for):
    answer = client_for(vendor_owner).get("/kebutuhan/")

    assert (answer.status_code, answer["Location"]) == (302, "/peluang/")


def test_the_navigation_links_to_needs_and_opportunities(buyer, vendor_owner, curator, client_for):
    for person in (buyer, curator):
        assert b'href="/kebutuhan/"' in client_for(person).get("/").content
    assert b'href="/peluang/"' in client_for(vendor_owner).get("/").content


def test_an_answer_to_a_closed_need_is_refused_with_a_message(buyer, products, vendor_owner, client_for):
    need = matched_need(buyer)
    client_for(buyer).post(f"/kebutuhan/{need.pk}/tutup/", {"fulfilled": "0"})

    answer = client_for(vendor_owner).post(f"/kebutuhan/{need.pk}/minat/", {f"need{need.pk}-message": "Masih?"},
                                           follow=True)

    assert answer.status_code == 200
    assert [m.level_tag for m in answer.context["messages"]] == ["error"]
    assert not NeedInterest.objects.exists()
