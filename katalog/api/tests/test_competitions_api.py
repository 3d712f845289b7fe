"""The mini-competition API: sealed quotes on every endpoint, the server's deadline, ranking and award."""

import datetime as dt

import pytest

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.procurement.models import Competition, CompetitionStatus, Order
from katalog.vendors.tests.factories import VendorFactory

from .api_calls import post, session

URL = "/api/v1/competitions"
NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)
DEADLINE = NOW + dt.timedelta(days=3)
BEFORE = DEADLINE - dt.timedelta(seconds=1)
AFTER = DEADLINE + dt.timedelta(minutes=5)

# DOMAIN.md section 6, the worked example: (unit price, TKDN) of bidders A to D, quantity 1.
WORKED_EXAMPLE = {"A": (1_050_000_000, 60), "B": (1_150_000_000, 50), "C": (1_025_000_000, 25),
                  "D": (1_010_000_000, 20)}


@pytest.fixture
def clock_start():
    return NOW


@pytest.fixture
def bidders(db):
    """Four verified vendors, A to D, each with an owner and a listed tapis product without TKDN on record."""
    result = {}
    for label in "ABCD":
        vendor = VendorFactory(status="verified", name=f"Vendor {label}")
        owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
        product = ProductFactory(vendor=vendor, status="approved", tkdn_pct=None)
        result[label] = {"vendor": vendor, "owner": owner, "product": product}
    return result




def new_competition(vendors, **overrides) -> dict:
    body = {
        "title": "Pengadaan kain tapis untuk cinderamata",
        "specification": "Kain tapis motif kapal, 2 x 1 m, benang emas.",
        "category": Category.objects.get(name="Tapis Lembaran").slug,
        "quantity": 1,
        "unit": "paket",
        "deadline_at": DEADLINE.isoformat(),
        "delivery_address": "Jl. Wolter Monginsidi No. 69, Bandar Lampung",
        "delivery_date": "2025-07-01",
        "budget_source": "apbd",
        "budget_year": 2025,
        "package_value_idr": 1_200_000_000,
        "vendor_ids": [v.pk for v in vendors],
    }
    body.update(overrides)
    return body


@pytest.fixture
def open_competition(client, buyer, bidders, bearer, frozen_clock) -> int:
    """Published through the API, every bidder invited."""
    body = new_competition([b["vendor"] for b in bidders.values()])
    competition_id = post(client, URL, body, bearer(buyer)).json()["id"]
    assert post(client, f"{URL}/{competition_id}/publish", headers=bearer(buyer)).status_code == 200
    return competition_id


@pytest.fixture
def quoted(open_competition, bidders) -> int:
    """Every bidder quoted the worked example's price, naming its listed product."""
    for label, (price, tkdn) in WORKED_EXAMPLE.items():
        response = post(session(bidders[label]["owner"]), f"{URL}/{open_competition}/quotes",
                        {"unit_price_idr": price, "sku": bidders[label]["product"].sku, "tkdn_pct": tkdn})
        assert response.status_code == 201, response.json()
    return open_competition


def prices_in(response) -> set[int]:
    text = response.content.decode()
    return {price for price, _tkdn in WORKED_EXAMPLE.values() if str(price) in text}


# ---- The whole competition ----

def test_a_buyer_runs_a_competition_from_draft_to_an_order(client, buyer, bidders, bearer, frozen_clock):
    headers = bearer(buyer)
    created = post(client, URL, new_competition([bidders["A"]["vendor"], bidders["B"]["vendor"]]), headers)
    assert created.status_code == 201, created.json()
    competition = created.json()
    assert competition["status"] == "draft" and competition["sealed"] is True
    assert {i["vendor_id"] for i in competition["invitations"]} == {bidders["A"]["vendor"].pk, bidders["B"]["vendor"].pk}
    url = f"{URL}/{competition['id']}"

    invited = post(client, f"{url}/invite", {"vendor_ids": [bidders["C"]["vendor"].pk, bidders["D"]["vendor"].pk]},
                   headers)
    assert len(invited.json()["invitations"]) == 4
    assert post(client, f"{url}/publish", headers=headers).json()["status"] == "published"

    for label, (price, tkdn) in WORKED_EXAMPLE.items():
        quote = {"unit_price_idr": price, "sku": bidders[label]["product"].sku, "tkdn_pct": tkdn}
        assert post(client, f"{url}/quotes", quote, bearer(bidders[label]["owner"])).status_code == 201

    frozen_clock.set(AFTER)
    evaluated = post(client, f"{url}/evaluate", headers=headers)
    assert evaluated.status_code == 200
    ranking = evaluated.json()
    assert ranking["preference_applied"] is True and ranking["evaluated"] is True
    assert [(q["vendor_name"], q["rank"], q["kp_pct"], q["evaluated_price_idr"]) for q in ranking["quotes"]] == [
        ("Vendor A", 1, 15, 892_500_000),
        ("Vendor C", 2, 6.25, 960_937_500),
        ("Vendor B", 3, 12.5, 1_006_250_000),
        ("Vendor D", 4, 0, 1_010_000_000),
    ]
    assert all(q["explanation"] for q in ranking["quotes"])

    awarded = post(client, f"{url}/award", {}, headers)
    assert awarded.status_code == 201
    order_id = awarded.json()["order_id"]
    assert awarded.json()["order_url"] == f"/api/v1/orders/{order_id}"
    assert client.get(url, headers=headers).json()["status"] == "awarded"

    order = client.get(f"/api/v1/orders/{order_id}", headers=headers).json()
    assert (order["status"], order["competition_id"], order["vendor"]["id"]) == (
        "draft", competition["id"], bidders["A"]["vendor"].pk)
    assert order["lines"][0]["unit_price_idr"] == 1_050_000_000  # the offered price, not the HEA


def test_suggests_vendors_of_the_category_to_buyers_only(client, buyer, bidders, bearer):
    slug = Category.objects.get(name="Tapis Lembaran").slug

    suggested = client.get(f"{URL}/suggested-vendors", {"category": slug}, headers=bearer(buyer))
    refused = client.get(f"{URL}/suggested-vendors", {"category": slug}, headers=bearer(bidders["A"]["owner"]))

    assert suggested.status_code == 200
    assert {s["vendor_id"] for s in suggested.json()} >= {b["vendor"].pk for b in bidders.values()}
    assert refused.status_code == 403


# ---- Sealed quotes ----

def test_before_the_deadline_nobody_sees_another_vendors_price_on_any_endpoint(
    client, buyer, curator, bidders, bearer, quoted, frozen_clock
):
    frozen_clock.set(BEFORE)
    url = f"{URL}/{quoted}"

    for overseer in (buyer, curator):
        quotes = client.get(f"{url}/quotes", headers=bearer(overseer))
        assert quotes.json() == {"sealed": True, "quote_count": 4, "own_quote": None, "quotes": [],
                                 "evaluated": False, "preference_applied": None}
        for path in (URL, url, f"{url}/quotes"):
            assert prices_in(client.get(path, headers=bearer(overseer))) == set(), path

    vendor_a = session(bidders["A"]["owner"])
    own = vendor_a.get(f"{url}/quotes").json()
    assert own["quotes"] == [] and own["quote_count"] is None
    assert (own["own_quote"]["vendor_name"], own["own_quote"]["unit_price_idr"]) == ("Vendor A", 1_050_000_000)
    for path in (URL, url, f"{url}/quotes"):
        assert prices_in(vendor_a.get(path)) <= {1_050_000_000}, path


def test_after_the_deadline_every_participant_sees_every_quote(client, buyer, bidders, bearer, quoted, frozen_clock):
    frozen_clock.set(AFTER)

    as_buyer = client.get(f"{URL}/{quoted}/quotes", headers=bearer(buyer)).json()
    as_vendor = session(bidders["B"]["owner"]).get(f"{URL}/{quoted}/quotes").json()

    for seen in (as_buyer, as_vendor):
        assert seen["sealed"] is False and seen["quote_count"] == 4
        assert {q["unit_price_idr"] for q in seen["quotes"]} == {p for p, _t in WORKED_EXAMPLE.values()}
    assert as_vendor["own_quote"]["vendor_name"] == "Vendor B"


def test_a_vendor_replaces_its_quote_before_the_deadline_but_not_after(bidders, quoted, frozen_clock):
    vendor_c = session(bidders["C"]["owner"])
    url = f"{URL}/{quoted}/quotes"

    frozen_clock.set(BEFORE)
    replaced = post(vendor_c, url, {"unit_price_idr": 990_000_000, "sku": bidders["C"]["product"].sku,
                                    "tkdn_pct": 25})
    frozen_clock.set(DEADLINE)
    late = post(vendor_c, url, {"unit_price_idr": 900_000_000, "sku": bidders["C"]["product"].sku, "tkdn_pct": 25})

    assert replaced.status_code == 201
    assert (replaced.json()["own_quote"]["unit_price_idr"], replaced.json()["own_quote"]["revision"]) == (990_000_000, 2)
    assert late.status_code == 409 and late.json()["code"] == "deadline_passed"
    frozen_clock.set(AFTER)
    assert vendor_c.get(url).json()["own_quote"]["unit_price_idr"] == 990_000_000


def test_a_vendor_not_invited_is_told_the_competition_does_not_exist(client, other_vendor_owner, bearer, quoted):
    headers = bearer(other_vendor_owner)

    assert client.get(f"{URL}/{quoted}", headers=headers).status_code == 404
    assert client.get(f"{URL}/{quoted}/quotes", headers=headers).status_code == 404
    assert post(client, f"{URL}/{quoted}/quotes", {"unit_price_idr": 1}, headers).status_code == 404
    assert client.get(URL, headers=headers).json()["items"] == []


# ---- Refusals and permissions ----

def test_refuses_steps_the_status_or_the_clock_does_not_allow_with_409(client, buyer, bearer, quoted, frozen_clock):
    headers = bearer(buyer)
    url = f"{URL}/{quoted}"

    frozen_clock.set(BEFORE)
    early = post(client, f"{url}/evaluate", headers=headers)
    published_again = post(client, f"{url}/publish", headers=headers)
    award_early = post(client, f"{url}/award", {}, headers)
    frozen_clock.set(AFTER)
    post(client, f"{url}/evaluate", headers=headers)
    post(client, f"{url}/award", {}, headers)
    award_again = post(client, f"{url}/award", {}, headers)
    cancel_awarded = post(client, f"{url}/cancel", {"reason": "Anggaran dialihkan."}, headers)

    assert early.status_code == 409 and early.json()["code"] == "before_deadline"
    for response in (published_again, award_early, award_again, cancel_awarded):
        assert response.status_code == 409 and response.json()["code"] == "invalid_transition"
    assert Order.objects.count() == 1


def test_refuses_to_publish_with_fewer_than_two_vendors(client, buyer, bidders, bearer, frozen_clock):
    competition = post(client, URL, new_competition([bidders["A"]["vendor"]]), bearer(buyer)).json()

    response = post(client, f"{URL}/{competition['id']}/publish", headers=bearer(buyer))

    assert response.status_code == 422 and response.json()["code"] == "too_few_vendors"
    assert Competition.objects.get(pk=competition["id"]).status == CompetitionStatus.DRAFT


@pytest.mark.parametrize("change, field", [
    ({"deadline_at": (NOW - dt.timedelta(hours=1)).isoformat()}, "deadline_at"),
    ({"category": "tidak-ada"}, "category"),
    ({"budget_source": "arisan"}, "budget_source"),
])
def test_refuses_bad_competition_input_with_422_and_the_field(
    client, buyer, bidders, bearer, frozen_clock, change, field
):
    response = post(client, URL, new_competition([bidders["A"]["vendor"]], **change), bearer(buyer))

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Competition.objects.exists()


def test_only_the_buyer_organisation_runs_the_competition(client, bidders, curator, bearer, open_competition):
    url = f"{URL}/{open_competition}"
    outsider = MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user

    assert post(client, URL, new_competition([]), bearer(bidders["A"]["owner"])).status_code == 403
    assert post(client, f"{url}/cancel", {"reason": "Coba."}, bearer(bidders["A"]["owner"])).status_code == 403
    assert post(client, f"{url}/cancel", {"reason": "Coba."}, bearer(curator)).status_code == 403
    assert client.get(url, headers=bearer(curator)).status_code == 200
    assert client.get(url, headers=bearer(outsider)).status_code == 404
    assert post(client, f"{url}/cancel", {"reason": "Coba."}, bearer(outsider)).status_code == 404
    assert client.get(URL).status_code == 401
    assert Competition.objects.get(pk=open_competition).status == CompetitionStatus.PUBLISHED


def test_the_buyer_cancels_with_a_reason(client, buyer, bearer, open_competition):
    url = f"{URL}/{open_competition}/cancel"

    missing = post(client, url, {"reason": ""}, bearer(buyer))
    cancelled = post(client, url, {"reason": "Kebutuhan berubah."}, bearer(buyer))

    assert missing.status_code == 422 and "reason" in missing.json()["errors"]
    assert (cancelled.json()["status"], cancelled.json()["status_reason"]) == ("cancelled", "Kebutuhan berubah.")


def test_the_openapi_document_describes_the_competition_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    expected = {
        URL: {"get", "post"}, f"{URL}/suggested-vendors": {"get"}, f"{URL}/{{competition_id}}": {"get"},
        f"{URL}/{{competition_id}}/invite": {"post"}, f"{URL}/{{competition_id}}/publish": {"post"},
        f"{URL}/{{competition_id}}/cancel": {"post"}, f"{URL}/{{competition_id}}/quotes": {"get", "post"},
        f"{URL}/{{competition_id}}/evaluate": {"post"}, f"{URL}/{{competition_id}}/award": {"post"},
    }
    for path, methods in expected.items():
        assert set(paths[path]) == methods, path
        for method in methods:
            assert paths[path][method]["tags"] == ["competitions"] and paths[path][method]["summary"], path
