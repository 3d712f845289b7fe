"""The public price preference calculator page (alat/preferensi-harga/)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

URL = "/alat/preferensi-harga/"


@pytest.fixture
def client(client, db):
    """Pages in English: the language cookie the language switcher sets."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def ranking_labels(html: str) -> list[str]:
    table = html.split('id="ranking-result"', 1)[1]
    return re.findall(r'<th scope="row">([A-F])</th>', table)


def test_lives_at_its_indonesian_address():
    assert reverse("procurement:price_preference") == URL


def test_renders_for_anyone_with_the_worked_example_ranked(client):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Price preference calculator" in html
    assert ranking_labels(html) == ["A", "C", "B", "D"]
    for amount in ("Rp892,500,000", "Rp960,937,500", "Rp1,006,250,000", "Rp1,010,000,000"):
        assert amount in html
    assert "6.25%" in html
    assert "Bid A wins; its contract is at its offered price of Rp1,050,000,000." in html
    assert 'id="single-result"' not in html


def test_computes_one_bid_with_its_arithmetic_and_tier(client):
    response = client.get(URL, {"price": "1.050.000.000", "tkdn": "60", "bmp": "5"})

    html = response.content.decode()
    result = html.split('id="single-result"', 1)[1].split("</section>", 1)[0]
    assert "Rp892,500,000" in result
    assert "Rp157,500,000" in result  # HP - HEA
    assert "KP = TKDN 60% × 25% = 15%; HEA = (1 − 15%) × Rp1,050,000,000 = Rp892,500,000." in result
    assert "<code>wajib</code>" in result
    assert "65%" in result and "PDN wajib" in result


@pytest.mark.parametrize(
    ("params", "hea", "tier"),
    [
        ({"price": "1000000", "tkdn": "50", "bmp": ""}, "Rp875,000", "wajib"),
        ({"price": "Rp100.000.000", "tkdn": "40%", "bmp": ""}, "Rp90,000,000", "wajib"),
        ({"price": "1,000,000", "tkdn": "39,99", "bmp": ""}, "Rp900,025", "dimaksimalkan"),
        ({"price": "1000000", "tkdn": "12", "bmp": ""}, "Rp1,000,000", "diberdayakan"),
        ({"price": "1000000", "tkdn": "", "bmp": ""}, "Rp1,000,000", "none"),
    ],
)
def test_computes_the_single_cases(client, params, hea, tier):
    html = client.get(URL, params).content.decode()

    result = html.split('id="single-result"', 1)[1].split("</section>", 1)[0]
    assert hea in result
    assert f"<code>{tier}</code>" in result


def test_ranks_the_bids_someone_enters_skipping_empty_rows(client):
    params = {"bid1_price": "875.000", "bid1_tkdn": "10", "bid2_price": "1.000.000", "bid2_tkdn": "50",
              "bid3_price": "", "bid3_tkdn": "", "bid4_price": "2000000"}

    html = client.get(URL, params).content.decode()

    assert ranking_labels(html) == ["B", "A", "D"]  # equal HEA: the higher TKDN wins
    assert "worked example: bids A to D" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"price": "", "tkdn": "50", "bmp": ""}, "Enter the offered price."),
        ({"price": "-5", "tkdn": "50", "bmp": ""}, "The price cannot be negative."),
        ({"price": "satu juta", "tkdn": "50", "bmp": ""}, "Enter a whole number of rupiah"),
        ({"price": "1.5", "tkdn": "50", "bmp": ""}, "Enter a whole number of rupiah"),
        ({"price": "1000", "tkdn": "101", "bmp": ""}, "Enter a percentage from 0 to 100."),
        ({"price": "1000", "tkdn": "abc", "bmp": ""}, "Enter a number."),
        ({"price": "1000", "tkdn": "30", "bmp": "16"}, "Enter a percentage from 0 to 15."),
    ],
)
def test_shows_a_clear_message_for_bad_input(client, params, message):
    response = client.get(URL, params)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Please correct the values marked above." in html
    assert 'id="single-result"' not in html


def test_shows_a_message_for_a_bad_bid_row_and_ranks_nothing(client):
    response = client.get(URL, {"bid1_price": "1000", "bid1_tkdn": "120", "bid2_tkdn": "30"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a percentage from 0 to 100." in html
    assert "Enter the offered price." in html
    assert 'id="ranking-result"' not in html


def test_asks_for_a_bid_when_every_row_is_empty(client):
    html = client.get(URL, {"bid1_price": "", "bid1_tkdn": ""}).content.decode()

    assert "Enter at least one bid with its offered price." in html


def test_renders_in_indonesian_rupiah_by_default(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"

    html = client.get(URL).content.decode()

    assert "Rp892.500.000" in html
