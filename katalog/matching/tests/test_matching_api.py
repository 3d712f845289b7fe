"""The needs, matches, opportunities and interests API: shapes, who sees what, refusals with reasons."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.tests.factories import ProductFactory
from katalog.matching.models import Need, NeedMatch, NeedStatus

from .needs_helpers import NOW, matched_need

URL = "/api/v1/needs"


pytestmark = pytest.mark.usefixtures("frozen_clock", "engine")


@pytest.fixture
def clock_start():
    return NOW


def session(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, path: str, body: dict | None = None):
    return client.post(path, body or {}, content_type="application/json")


NEW_NEED = {"title": "Kain tapis untuk cenderamata", "quantity": 10, "unit": "lembar", "budget_idr": 50_000_000,
            "regency_code": "1871", "needed_by": "2025-08-01", "description": "Motif siger."}


# ---- Buyers ----


def test_a_buyer_publishes_a_need_and_reads_it_with_its_stored_matches(
    buyer, products, django_capture_on_commit_callbacks
):
    client = session(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        created = post(client, URL, NEW_NEED)

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["ref"], body["status"], body["delivery_region"]["code"], body["needed_by"]) == (
        "KEB-2025-0001", "open", "18.71", "2025-08-01")
    got = client.get(body["url"]).json()
    assert [(m["rank"], m["product"]["sku"], m["fits"]) for m in got["matches"]] == [
        (1, products["cheap"].sku, True), (2, products["dear"].sku, False)]
    assert got["matches"][0]["reasons"] == ["kata kunci cocok: kain, tapis"]
    assert got["matches"][0]["product"]["total_idr"] == 10_000_000
    assert got["matched_at"].startswith("2025-06-02T10:00:00")
    assert got["interests"] == []
    listed = client.get(URL).json()
    assert (listed["count"], listed["items"][0]["id"]) == (1, body["id"])
    matches = client.get(f"{URL}/{body['id']}/matches").json()
    assert [m["product"]["sku"] for m in matches] == [products["cheap"].sku, products["dear"].sku]


def test_refusals_carry_a_code_and_the_field(buyer, vendor_owner):
    client = session(buyer)

    unknown_region = post(client, URL, {**NEW_NEED, "regency_code": "99.99"})
    past = post(client, URL, {**NEW_NEED, "needed_by": "2025-01-01"})
    as_vendor = post(session(vendor_owner), URL, NEW_NEED)

    assert unknown_region.status_code == 422 and "regency_code" in unknown_region.json()["errors"]
    assert past.status_code == 422 and "needed_by" in past.json()["errors"]
    assert as_vendor.status_code == 403 and as_vendor.json()["code"] == "forbidden"
    assert not Need.objects.exists()


def test_another_organisations_buyer_gets_404_everywhere(buyer, products):
    need = matched_need(buyer)
    stranger = session(MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user)

    answers = [
        stranger.get(f"{URL}/{need.pk}"),
        stranger.get(f"{URL}/{need.pk}/matches"),
        stranger.get(f"{URL}/{need.pk}/interests"),
        stranger.patch(f"{URL}/{need.pk}", {"title": "Diubah"}, content_type="application/json"),
        post(stranger, f"{URL}/{need.pk}/close"),
    ]

    assert [a.status_code for a in answers] == [404] * 5
    assert stranger.get(URL).json()["count"] == 0
    need.refresh_from_db()
    assert (need.title, need.status) == ("Kain tapis untuk cenderamata", NeedStatus.OPEN)


def test_the_buyer_changes_only_what_it_sends_then_closes_once(buyer, products):
    need = matched_need(buyer)
    client = session(buyer)

    changed = client.patch(f"{URL}/{need.pk}", {"quantity": 20, "category": ""}, content_type="application/json")
    closed = post(client, f"{URL}/{need.pk}/close", {"fulfilled": True})
    again = post(client, f"{URL}/{need.pk}/close")
    late = client.patch(f"{URL}/{need.pk}", {"quantity": 5}, content_type="application/json")

    assert changed.status_code == 200
    assert (changed.json()["quantity"], changed.json()["title"]) == (20, "Kain tapis untuk cenderamata")
    assert closed.json()["status"] == "fulfilled"
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    assert late.status_code == 409


def test_the_import_lists_every_bad_row_and_writes_nothing(buyer):
    header = "ref,buyer,buyer_type,title,description,category,quantity,unit,budget,regency_code,needed_by\n"
    bad = header + "K-1,,,Kain tapis,,,banyak,lembar,,18.71,\nK-2,,,Kopi,,tidak-ada,10,kg,,18.71,\n"
    good = header + "K-1,,,Kain tapis,,,5,lembar,,18.71,\n"
    client = session(buyer)

    refused = client.post(f"{URL}/import", {"file": SimpleUploadedFile("k.csv", bad.encode())})
    imported = client.post(f"{URL}/import", {"file": SimpleUploadedFile("k.csv", good.encode())})

    assert refused.status_code == 422
    assert [(e["row"], e["column"]) for e in refused.json()["errors"]] == [(2, "quantity"), (3, "category")]
    assert imported.status_code == 201
    assert (imported.json()["created"], imported.json()["need_ids"]) == (1, [Need.objects.get().pk])


# ---- Vendors ----


def test_vendors_see_their_opportunities_and_only_their_own_offer(
    buyer, products, vendor_owner, other_vendor_owner
):
    need = matched_need(buyer)
    mine, theirs = session(vendor_owner), session(other_vendor_owner)

    opportunities = mine.get("/api/v1/opportunities").json()
    sent = post(mine, f"{URL}/{need.pk}/interests", {"sku": products["cheap"].sku, "offered_unit_price_idr": 950_000})
    post(theirs, f"{URL}/{need.pk}/interests", {"message": "Kami tertarik."})

    assert [(o["id"], o["fits"], o["interest"]) for o in opportunities] == [(need.pk, True, None)]
    assert [m["product"]["sku"] for m in opportunities[0]["matches"]] == [products["cheap"].sku]
    assert sent.status_code == 201
    assert (sent.json()["kind"], sent.json()["offered_unit_price_idr"]) == ("offer", 950_000)
    their_view = theirs.get(f"{URL}/{need.pk}").json()
    assert [i["kind"] for i in their_view["interests"]] == ["interest"]
    assert [m["product"]["sku"] for m in their_view["matches"]] == [products["dear"].sku]
    assert [i["kind"] for i in theirs.get(f"{URL}/{need.pk}/interests").json()] == ["interest"]
    assert [i["offered_unit_price_idr"] for i in session(buyer).get(f"{URL}/{need.pk}/interests").json()] == [
        950_000, None]
    assert theirs.get(URL).status_code == 403


def test_an_answer_to_a_closed_need_is_a_409(buyer, products, vendor_owner):
    need = matched_need(buyer)
    post(session(buyer), f"{URL}/{need.pk}/close")

    answer = post(session(vendor_owner), f"{URL}/{need.pk}/interests", {"message": "Masih bisa?"})

    assert (answer.status_code, answer.json()["code"]) == (409, "invalid_transition")


def test_the_buyer_matches_again_on_demand(buyer, products, vendor):
    need = matched_need(buyer)
    newcomer = ProductFactory(vendor=vendor, name="Tapis Pepadun", price_idr=500_000)

    answer = post(session(buyer), f"{URL}/{need.pk}/rematch")

    assert answer.status_code == 200
    assert newcomer.sku in [m["product"]["sku"] for m in answer.json()["matches"]]
    assert NeedMatch.objects.filter(need=need).count() == 3


def test_without_a_token_or_session_the_api_answers_401(buyer):
    need = matched_need(buyer)

    assert Client().get(f"{URL}/{need.pk}").status_code == 401
    assert Client().get("/api/v1/opportunities").status_code == 401
