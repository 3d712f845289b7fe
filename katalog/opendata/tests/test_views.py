"""The public open data pages, the monthly packages and the extension files."""

import csv
import datetime as dt
import io
import json

import pytest
from django.conf import settings

from katalog.opendata import validation

from .builders import awarded_competition, bidder, realised_order

PREFIX = settings.KATALOG["OCDS_OCID_PREFIX"]
# Tuesday 15 July 2025, 10:00 in Jakarta.
JULY_15 = dt.datetime(2025, 7, 15, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock_start():
    return JULY_15


@pytest.fixture
def published(buyer, vendor, vendor_owner):
    """June 2025: one order paid in full on 30 June and one competition awarded on 23 June."""
    order = realised_order(buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                           payments=[(3_000_000, dt.date(2025, 6, 30))])
    competition, _ = awarded_competition(buyer=buyer, bidders=[(bidder("Tapis Jaya"), 1_000_000),
                                                               (bidder("Tapis Murah"), 990_000)])
    return {"order": order, "competition": competition}


def test_the_open_data_page_is_public_and_links_the_monthly_packages(frozen_clock, client_for, published):
    response = client_for().get("/open-data/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/open-data/ocds/"' in page
    assert 'href="/open-data/ocds/2025-06.json"' in page
    assert 'id="extension"' in page


def test_the_index_lists_each_month_with_its_number_of_releases(frozen_clock, client_for, published):
    response = client_for().get("/open-data/ocds/")

    assert response.status_code == 200
    assert response.context["months"] == [
        {"month": dt.date(2025, 6, 1), "count": 2, "url": "/open-data/ocds/2025-06.json"}
    ]
    assert '<tr data-month="2025-06">' in response.content.decode()


def test_a_month_package_is_json_and_valid(frozen_clock, client_for, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client_for().get("/open-data/ocds/2025-06.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    package = json.loads(response.content.decode("utf-8"))
    assert package["uri"] == "http://testserver/open-data/ocds/2025-06.json"
    assert package["extensions"][0] == "http://testserver/open-data/ocds/extension/extension.json"
    assert {r["ocid"] for r in package["releases"]} == {
        f"{PREFIX}-order-{published['order'].pk}", f"{PREFIX}-competition-{published['competition'].pk}"}
    assert validation.package_problems(package, ocid_prefix=PREFIX) == []


def test_links_are_built_on_the_site_url_when_it_is_set(frozen_clock, client_for, published, settings):
    settings.KATALOG = {**settings.KATALOG, "SITE_URL": "https://katalog.lampungprov.go.id/"}

    package = client_for().get("/open-data/ocds/2025-06.json").json()

    assert package["uri"] == "https://katalog.lampungprov.go.id/open-data/ocds/2025-06.json"
    assert package["extensions"][0] == "https://katalog.lampungprov.go.id/open-data/ocds/extension/extension.json"
    assert package["publicationPolicy"] == "https://katalog.lampungprov.go.id/open-data/"


def test_a_past_month_without_releases_has_no_package_as_ocds_needs_a_release(frozen_clock, client_for, db):
    response = client_for().get("/open-data/ocds/2024-02.json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "2024-02" in response.json()["detail"]


def test_the_next_month_is_not_found_with_the_reason(frozen_clock, client_for, db):
    response = client_for().get("/open-data/ocds/2025-08.json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "2025-08" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/open-data/ocds/2025-13.json", "/open-data/ocds/2025-00.json"])
def test_a_month_that_does_not_exist_is_not_found_with_the_reason(frozen_clock, client_for, db, path):
    response = client_for().get(path)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "YYYY-MM" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/open-data/ocds/2025-13.json", "/open-data/ocds/2025-00.json",
                                  "/open-data/ocds/2025-6.json", "/open-data/ocds/25-06.json",
                                  "/open-data/ocds/2025-06.xml"])
def test_a_malformed_month_is_not_found(frozen_clock, client_for, db, path):
    assert client_for().get(path).status_code == 404


def test_the_extension_is_served_at_stable_addresses(client_for, db):
    client = client_for()

    metadata = client.get("/open-data/ocds/extension/extension.json").json()
    patch = client.get("/open-data/ocds/extension/release-schema.json").json()
    codelist = client.get("/open-data/ocds/extension/codelists/businessScale.csv")

    assert metadata["documentationUrl"] == {"en": "http://testserver/open-data/#extension"}
    assert metadata["schemas"] == ["release-schema.json"]
    assert set(patch["definitions"]["Item"]["properties"]) == {
        "tkdn", "bmp", "isLocalProduct", "isDomesticProduct", "isSmallBusinessProduct"}
    assert codelist.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(codelist.streaming_content).decode("utf-8"))))
    assert [row["Code"] for row in rows] == ["mikro", "kecil", "menengah", "besar"]
    for name in metadata["codelists"]:
        assert client.get(f"/open-data/ocds/extension/codelists/{name}").status_code == 200


@pytest.mark.parametrize("path", ["/open-data/ocds/extension/README.md", "/open-data/ocds/extension/codelists/x.csv",
                                  "/open-data/ocds/extension/..%2Fviews.py"])
def test_other_files_are_not_served(client_for, db, path):
    assert client_for().get(path).status_code == 404
