"""GET /api/v1/tools/price-preference: the public price preference calculator."""

import pytest
from django.conf import settings

URL = "/api/v1/tools/price-preference"


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize(
    ("price", "tkdn", "kp", "hea"),
    [
        (1_050_000_000, "60", 15, 892_500_000),
        (1_025_000_000, "25", 6.25, 960_937_500),
        (1_150_000_000, "50", 12.5, 1_006_250_000),
        (1_010_000_000, "20", 0, 1_010_000_000),
        (1_000_000, "50", 12.5, 875_000),
        (100_000_000, "40", 10, 90_000_000),
        (1_000_000, "100", 25, 750_000),
        (1_000_000, "24.99", 0, 1_000_000),
    ],
)
def test_computes_the_worked_examples(client, price, tkdn, kp, hea):
    response = client.get(URL, {"price": price, "tkdn": tkdn})

    assert response.status_code == 200
    body = response.json()
    assert body["price"] == price
    assert body["kp"] == kp
    assert body["evaluated_price"] == hea
    assert body["preference_eligible"] is (kp > 0)


def test_answers_every_field_for_a_bid_with_bmp(client):
    body = client.get(URL, {"price": 1_050_000_000, "tkdn": "60", "bmp": "5"}).json()

    assert body == {
        "price": 1_050_000_000,
        "tkdn": 60,
        "bmp": 5,
        "kp": 15,
        "max_preference": 25,
        "evaluated_price": 892_500_000,
        "preference_eligible": True,
        "tkdn_plus_bmp": 65,
        "p3dn_tier": "wajib",
        "p3dn_tier_description": body["p3dn_tier_description"],
        "domestic_mandatory": True,
        "explanation": "KP = TKDN 60% × 25% = 15%; HEA = (1 − 15%) × Rp1,050,000,000 = Rp892,500,000.",
    }
    assert body["p3dn_tier_description"].startswith("Diwajibkan")


@pytest.mark.parametrize(
    ("tkdn", "bmp", "tier", "mandatory"),
    [
        ("39.99", None, "dimaksimalkan", False),
        ("40", None, "wajib", True),
        ("25", "15", "wajib", True),
        ("12", "15", "diberdayakan", False),
        ("5", None, "none", False),
    ],
)
def test_puts_the_product_in_its_p3dn_tier(client, tkdn, bmp, tier, mandatory):
    params = {"price": 1_000_000, "tkdn": tkdn}
    if bmp is not None:
        params["bmp"] = bmp

    body = client.get(URL, params).json()

    assert (body["p3dn_tier"], body["domestic_mandatory"]) == (tier, mandatory)


def test_treats_a_missing_tkdn_as_no_tkdn(client):
    body = client.get(URL, {"price": 1_000_000}).json()

    assert body["tkdn"] is None and body["bmp"] is None and body["tkdn_plus_bmp"] is None
    assert body["kp"] == 0 and body["evaluated_price"] == 1_000_000
    assert body["p3dn_tier"] == "none"
    assert body["explanation"] == "No TKDN, so KP = 0 and HEA = HP = Rp1,000,000."


def test_answers_without_login_or_database(client):
    # No `db` fixture: any query would fail this test.
    response = client.get(URL, {"price": 1_000_000, "tkdn": "50"})

    assert response.status_code == 200


def test_explains_in_indonesian_by_default(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"

    body = client.get(URL, {"price": 1_050_000_000, "tkdn": "60"}).json()

    assert "Rp892.500.000" in body["explanation"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"tkdn": "50"}, "price"),
        ({"price": "-1", "tkdn": "50"}, "price"),
        ({"price": "abc", "tkdn": "50"}, "price"),
        ({"price": "1.5", "tkdn": "50"}, "price"),
        ({"price": "1000", "tkdn": "100.01"}, "tkdn"),
        ({"price": "1000", "tkdn": "-0.01"}, "tkdn"),
        ({"price": "1000", "tkdn": "lima puluh"}, "tkdn"),
        ({"price": "1000", "tkdn": "50", "bmp": "-1"}, "bmp"),
        ({"price": "1000", "tkdn": "50", "bmp": "15.01"}, "bmp"),
        ({"price": "1000", "tkdn": "30", "bmp": "20"}, "bmp"),
    ],
)
def test_refuses_bad_input_with_422(client, params, field):
    response = client.get(URL, params)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert field in body["detail"]


def test_refuses_a_bmp_above_15_instead_of_capping_it(client):
    ok = client.get(URL, {"price": 1_000_000, "tkdn": "25", "bmp": "15"})
    refused = client.get(URL, {"price": 1_000_000, "tkdn": "25", "bmp": "15.5"})

    assert ok.status_code == 200 and ok.json()["tkdn_plus_bmp"] == 40
    assert refused.status_code == 422
    assert refused.json()["detail"] == "bmp: Enter a percentage from 0 to 15."
