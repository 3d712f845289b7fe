"""The dashboard for leaders and curators, the public summary, the orders behind a figure, the breakdowns and
who may open what; on the shared province of conftest.py (2025: 10.000.000, PDN 65%, local 75%, UMK 70%)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from katalog.monitoring.figures import Totals

from .factories import jakarta, new_buyer, new_product, new_vendor, paid_order
from .pages import number, page_tables

pytestmark = pytest.mark.django_db
M = 1_000_000
DASHBOARD, PUBLIC, ORDERS = "/pemantauan/", "/p3dn/", "/pemantauan/pesanan/"
YEAR_TOTALS = Totals(10 * M, 6_500_000, 7_500_000, 7 * M, 3)
# The figures of a breakdown's total row: realised, PDN, share, local, share, UMK, share, orders.
YEAR_TOTAL_ROW = [10 * M, 6_500_000, Decimal("65"), 7_500_000, Decimal("75"), 7 * M, Decimal("70"), 3]


def numbers(cells):
    return [number(cell) for cell in cells[1:]]


@pytest.fixture
def leader_client(world, client_for, leader, in_2025):
    return client_for(leader)


# ---- The dashboard ----

@pytest.mark.parametrize("role", ["leader", "curator"])
def test_the_dashboard_shows_this_years_figures(world, client_for, in_2025, role, request):
    response = client_for(request.getfixturevalue(role)).get(DASHBOARD)  # this year by default: 2025

    assert response.status_code == 200
    assert response.context["totals"] == YEAR_TOTALS
    assert response.context["vendors"] == 2
    content = response.content.decode()
    for code in ("value", "pdn", "local", "umk"):
        assert f'data-headline="{code}"' in content
    tables = page_tables(content)
    assert {"trend", "region", "buyer_type", "category", "buyer", "commitments_buyer_type", "commitments_region",
            "funnel", "justifications"} <= set(tables)
    for key in ("trend", "region", "buyer_type", "category", "buyer"):
        assert numbers(tables[key]["total"]) == YEAR_TOTAL_ROW, key
    assert [row[0] for row in tables["justifications"]["rows"]] == [world.april.number]
    assert response.context["may_set_targets"] is (role == "curator")


def test_the_dashboard_renders_in_the_sites_own_language(world, leader, in_2025):
    from django.test import Client

    client = Client()  # no language chosen: Indonesian
    client.force_login(leader)

    response = client.get(DASHBOARD, {"period": "2025"})

    assert response.status_code == 200
    assert numbers(page_tables(response.content)["buyer_type"]["total"]) == YEAR_TOTAL_ROW


def test_the_headlines_compare_the_shares_with_the_years_targets(leader_client):
    headlines = {h["code"]: h for h in leader_client.get(DASHBOARD, {"period": "2025"}).context["headlines"]}

    assert {code: (h["value"], h["share"], h["target"], h["gap"]) for code, h in headlines.items()} == {
        "pdn": (6_500_000, Decimal("65.0"), Decimal("95"), Decimal("30.0")),
        "local": (7_500_000, Decimal("75.0"), Decimal("40"), Decimal("-35.0")),
        "umk": (7 * M, Decimal("70.0"), Decimal("40"), Decimal("-30.0")),
    }


def test_the_trend_table_has_a_row_per_month(leader_client):
    rows = page_tables(leader_client.get(DASHBOARD, {"period": "2025-Q2"}).content)["trend"]["rows"]

    assert len(rows) == 12
    assert [number(row[1]) for row in rows] == [0, 0, 4 * M, 3 * M, 0, 3 * M, 0, 0, 0, 0, 0, 0]
    assert [row[3] for row in rows][:2] == ["–", "–"]  # no share of nothing


def test_the_charts_carry_the_same_numbers(leader_client):
    charts = leader_client.get(DASHBOARD, {"period": "2025"}).context["charts"]

    assert charts["trend"]["value"][2:6] == [4 * M, 3 * M, 0, 3 * M]
    assert charts["trend"]["pdn"][2:4] == [75.0, 83.3]
    series = charts["region"]
    region = dict(zip(series["labels"], zip(series["value"], series["local"], strict=True), strict=True))
    assert region["Kota Bandar Lampung"] == (7 * M, 7 * M)
    assert region["Kota Metro"] == (3 * M, 500_000)  # the local rupiah, as the series is labelled


def test_the_filters_narrow_the_whole_dashboard(leader_client, world):
    response = leader_client.get(DASHBOARD, {"period": "2025", "region": "18.72"})

    assert response.context["totals"] == Totals(3 * M, 2_500_000, 500_000, 0, 1)
    tables = page_tables(response.content)
    assert [row[0] for row in tables["buyer"]["rows"]] == ["Dinas Pendidikan Kota Metro"]
    assert [row[0] for row in tables["region"]["rows"]] == ["Kota Metro"]


@pytest.mark.parametrize(("query", "field"), [
    ({"period": "2025-13"}, "period"),
    ({"buyer_type": "dinas"}, "buyer_type"),
    ({"region": "99.99"}, "region"),
    ({"category": "tidak-ada"}, "category"),
    ({"buyer": "abc"}, "buyer"),
])
def test_bad_filters_get_400_with_the_message(leader_client, query, field):
    response = leader_client.get(DASHBOARD, query)

    assert response.status_code == 400
    error = response.context["error"]
    assert list(error.field_errors) == [field]
    assert 'id="filter-error"' in response.content.decode()
    assert error.message in response.content.decode()


def test_only_leaders_and_curators_open_the_dashboard(world, client_for, in_2025):
    assert client_for(world.provincial_ppk).get(DASHBOARD).status_code == 403
    assert client_for(world.micro_owner).get(DASHBOARD).status_code == 403
    assert client_for(world.micro_owner).get(ORDERS).status_code == 403
    assert client_for(world.micro_owner).get("/pemantauan/rincian/buyer/").status_code == 403
    assert client_for(world.micro_owner).get("/pemantauan/ekspor/all.xlsx").status_code == 403
    anonymous = client_for().get(DASHBOARD)
    assert anonymous.status_code == 302 and "next=" in anonymous["Location"]


def test_the_dashboard_costs_as_many_queries_with_3_orders_as_with_19(leader_client, world):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert leader_client.get(DASHBOARD, {"period": "2025"}).status_code == 200
        return len(captured)

    before = queries()
    # 16 more orders from new buyers of every type, new vendors in new regencies, in new categories.
    for n, (buyer_type, region, category) in enumerate([
        ("instansi_vertikal", "18.01", "Kopi Biji Sangrai"), ("bumn", "18.02", "Madu"),
        ("swasta", "18.03", "Keripik & Camilan"), ("opd_kabkota", "32.73", "Meja"),
    ]):
        buyer = new_buyer(f"Pembeli {n}", buyer_type)
        vendor, owner = new_vendor(f"Penyedia {n}", region=region, scale="kecil")
        product = new_product(vendor, category=category, price_idr=200_000, tkdn="50", origin=region)
        for month in (2, 5, 8, 11):
            paid_order(buyer=buyer, vendor_user=owner, lines=[(product, month)], paid_on=jakarta(2025, month, 3).date(),
                       local_justification="Tidak ada produk lokal yang sesuai." if region == "32.73" else "")
    assert leader_client.get(DASHBOARD, {"period": "2025"}).context["totals"].order_count == 19

    assert queries() == before


# ---- The public summary ----

def test_the_public_summary_needs_no_login_and_names_no_buyer(world, client_for, in_2025):
    response = client_for().get(PUBLIC)

    assert response.status_code == 200
    assert response.context["totals"] == YEAR_TOTALS
    content = response.content.decode()
    tables = page_tables(content)
    assert "buyer" not in tables and "justifications" not in tables
    assert numbers(tables["buyer_type"]["total"]) == YEAR_TOTAL_ROW
    for name in (world.provincial.name, world.regency.name, world.bumd.name, world.april.number):
        assert name not in content
    assert "/pemantauan/pesanan/" not in content  # no links to the orders
    assert 'id="f-buyer"' not in content


def test_the_public_summary_is_not_broken_down_by_buyer(world, client_for, in_2025):
    response = client_for().get(PUBLIC, {"buyer": world.bumd.pk})

    assert response.status_code == 400
    assert world.bumd.name not in response.content.decode()


def test_the_public_summary_refuses_bad_filters(world, client_for, in_2025):
    assert client_for().get(PUBLIC, {"period": "2025-Q9"}).status_code == 400


# ---- The orders behind a figure ----

def test_the_orders_behind_the_pdn_share_add_up_to_the_pdn_rupiah(leader_client, world):
    response = leader_client.get(ORDERS, {"period": "2025", "share": "pdn"})

    assert response.status_code == 200
    assert response.context["counted_total"] == 6_500_000
    content = response.content.decode()
    counted = {row[0].split()[0]: number(row[-1]) for row in page_tables(content)["orders"]["rows"]}
    assert counted == {
        world.march.number: 3 * M, world.april.number: 2_500_000, world.june.number: 1 * M}
    assert world.unpaid.number not in content and world.old.number not in content


def test_every_link_of_the_dashboard_leads_to_orders_that_add_up_to_its_figure(leader_client):
    dashboard = leader_client.get(DASHBOARD, {"period": "2025"}).context

    followed = 0
    for headline in dashboard["headlines"]:
        assert leader_client.get(headline["link"]).context["counted_total"] == headline["value"]
        followed += 1
    for key in ("trend", "buyer_type", "region", "category", "buyer"):
        for row, link in zip(dashboard["tables"][key].rows, dashboard["links"][key], strict=True):
            assert leader_client.get(link).context["counted_total"] == row[1], (key, row[0])
            followed += 1
    for key in ("commitments_buyer_type", "commitments_region"):
        for row, link in zip(dashboard["tables"][key].rows, dashboard["links"][key], strict=True):
            assert leader_client.get(link).context["counted_total"] == row[3], (key, row[0])
    assert followed == 3 + 12 + 6 + 15 + 2 + 3


@pytest.mark.parametrize("query", [{"share": "halal"}, {"source": "elsewhere"}, {"period": "x"}])
def test_the_orders_page_refuses_what_it_cannot_show(leader_client, query):
    assert leader_client.get(ORDERS, query).status_code == 400


@pytest.mark.parametrize("path", ["/pemantauan/rincian/buyer/", "/pemantauan/justifikasi/"])
def test_the_other_pages_refuse_bad_filters_too(leader_client, path):
    response = leader_client.get(path, {"region": "99.99"})

    assert response.status_code == 400
    assert list(response.context["error"].field_errors) == ["region"]


@pytest.mark.parametrize("path", [DASHBOARD, ORDERS, "/pemantauan/justifikasi/"])
def test_only_curators_get_links_to_the_orders_themselves(world, client_for, leader, curator, in_2025, path):
    """Leaders may not open an order (they get a 404 there), so no page links them to one."""
    link = f"/pesanan/{world.april.pk}/"

    assert link not in client_for(leader).get(path, {"period": "2025"}).content.decode()
    assert link in client_for(curator).get(path, {"period": "2025"}).content.decode()
    assert client_for(leader).get(link).status_code == 404


# ---- Full breakdowns and justifications ----

@pytest.mark.parametrize("by", ["buyer_type", "buyer", "region", "category"])
def test_a_full_breakdown_totals_what_the_dashboard_totals(leader_client, by):
    response = leader_client.get(f"/pemantauan/rincian/{by}/", {"period": "2025"})

    assert response.status_code == 200
    assert numbers(page_tables(response.content)[by]["total"]) == YEAR_TOTAL_ROW


def test_an_unknown_breakdown_is_not_found(leader_client):
    assert leader_client.get("/pemantauan/rincian/vendor/").status_code == 404


def test_the_justifications_page_lists_the_paid_orders_with_a_reason(leader_client, world):
    response = leader_client.get("/pemantauan/justifikasi/", {"period": "2025"})

    assert response.status_code == 200
    assert [row[0].split()[0] for row in page_tables(response.content)["justifications"]["rows"]] == [
        world.april.number]
    assert world.april.local_justification in response.content.decode()
