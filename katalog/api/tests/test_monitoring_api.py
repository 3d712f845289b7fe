"""The public P3DN figures in the API: the same numbers as the dashboards, refused filters as 422."""

import pytest

from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.monitoring.tests.test_commitments import book  # noqa: F401  (the commitments of 2024 and 2025)
from katalog.procurement.models import OrderStatus
from katalog.procurement.tests.factories import NOW, order_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(buyer, vendor, vendor_owner):
    """Two paid orders in June 2025: Rp3.000.000 of a PDN product, Rp1.000.000 of an imported one."""
    domestic = ProductFactory(vendor=vendor, price_idr=1_500_000, tkdn_pct=45, bmp_pct=0)
    # In a category with no PDN alternative listed, so no justification is asked for.
    imported = ProductFactory(vendor=vendor, price_idr=500_000, tkdn_pct=None, bmp_pct=None,
                              category=Category.objects.filter(level=1).exclude(name__icontains="tapis").last())
    return [
        order_in(OrderStatus.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, products=[domestic]),
        order_in(OrderStatus.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, products=[imported]),
    ]


def test_summary_sums_paid_orders_without_login(client, paid):
    body = client.get("/api/v1/p3dn/summary", {"period": "2025-06"}).json()

    assert body["filters"]["period"] == "2025-06"
    assert body["totals"]["value_idr"] == 4_000_000
    assert body["totals"]["pdn_idr"] == 3_000_000
    assert body["totals"]["pdn_pct"] == 75.0
    assert body["totals"]["order_count"] == 2
    assert body["transacting_vendors"] == 1
    assert body["targets"] == {"year": 2025, "pdn_pct": 95.0, "local_pct": 40.0, "umk_pct": 40.0, "is_default": True}
    assert body["gaps"]["pdn_pct"] == 20.0
    assert [m["month"] for m in body["trend"]][:1] == ["2025-01"] and len(body["trend"]) == 12
    assert [m["value_idr"] for m in body["trend"] if m["month"] == f"{NOW:%Y-%m}"] == [4_000_000]


def test_breakdowns_add_up_to_the_summary(client, paid):
    total = client.get("/api/v1/p3dn/summary", {"period": "2025"}).json()["totals"]["value_idr"]
    for by in ("buyer_type", "region", "category"):
        rows = client.get(f"/api/v1/p3dn/breakdown/{by}", {"period": "2025"}).json()["rows"]
        assert sum(row["value_idr"] for row in rows) == total == 4_000_000


@pytest.mark.parametrize(("params", "field"), [
    ({"period": "2025-13"}, "period"), ({"buyer_type": "kementerian"}, "buyer_type"),
    ({"region": "99.99"}, "region"), ({"category": "no-such-category"}, "category"),
])
def test_refuses_filters_that_are_not_valid_and_names_them(client, db, params, field):
    response = client.get("/api/v1/p3dn/summary", params)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


def test_the_buyer_breakdown_is_not_public(client, db):
    assert client.get("/api/v1/p3dn/breakdown/buyer").status_code == 422


def test_leaders_read_the_purchases_by_buyer_organisation(client, paid, buyer, leader, bearer):
    body = client.get("/api/v1/p3dn/buyers", {"period": "2025"}, headers=bearer(leader)).json()

    organisation = paid[0].buyer_organisation
    assert body["by"] == "buyer"
    assert [(row["key"], row["label"], row["value_idr"], row["pdn_idr"], row["order_count"]) for row in body["rows"]] \
        == [(str(organisation.pk), organisation.name, 4_000_000, 3_000_000, 2)]


def test_leaders_read_the_commitments_by_buyer_organisation(client, book, leader, bearer):  # noqa: F811
    body = client.get("/api/v1/p3dn/buyers/commitments", {"period": "2025"}, headers=bearer(leader)).json()

    by_label = {row["label"]: (row["count"], row["committed_idr"], row["realised_idr"]) for row in body["rows"]}
    assert by_label == {"Biro Umum Setda Provinsi Lampung": (1, 8_000_000, 5_000_000),
                        "Dinas Koperasi Kab. Lampung Selatan": (2, 5_000_000, 0)}


@pytest.mark.parametrize("path", ["/api/v1/p3dn/buyers", "/api/v1/p3dn/buyers/commitments"])
def test_the_figures_by_buyer_are_for_leaders_and_curators_only(client, paid, vendor_owner, curator, bearer, path):
    assert client.get(path).status_code == 401
    refused = client.get(path, headers=bearer(vendor_owner))
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert client.get(path, headers=bearer(curator)).status_code == 200
    assert client.get(path, {"period": "2025-13"}, headers=bearer(curator)).status_code == 422
