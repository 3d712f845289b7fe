"""The exports: an Excel sheet per table plus the filters used, CSV per table, and their totals equal to the
page's; the public exports leave out what names buyers. On the shared province of conftest.py."""

import csv
import datetime as dt
import html
import io
import re
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import translation
from openpyxl import load_workbook

from katalog.core.spreadsheets import PERCENT_FORMAT, RUPIAH_FORMAT, sheet_title
from katalog.monitoring import dashboard
from katalog.monitoring.filters import parse_filters
from katalog.monitoring.tables import COUNT, MONEY, PERCENT

from .pages import number, page_tables

pytestmark = pytest.mark.django_db
M = 1_000_000
# Realised, PDN, share, local, share, UMK, share, orders: the total row of every purchase table in 2025.
YEAR_TOTAL_ROW = [10 * M, 6_500_000, Decimal("65"), 7_500_000, Decimal("75"), 7 * M, Decimal("70"), 3]


def year_2025():
    return parse_filters(QueryDict("period=2025"), today=dt.date(2025, 11, 20))


@pytest.fixture
def leader_client(world, client_for, leader, in_2025):
    return client_for(leader)


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(io.BytesIO(response.content))


def sheet_values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def page_number(cell):
    """An Excel cell as the page shows it: a fraction in a percent format back to the percentage."""
    if cell.number_format == PERCENT_FORMAT and cell.value is not None:
        return Decimal(str(round(cell.value * 100, 1))).normalize()
    return cell.value


def test_the_workbook_has_a_sheet_per_table_then_the_filters(leader_client, world):
    book = workbook(leader_client.get("/pemantauan/ekspor/all.xlsx", {"period": "2025", "region": "18.71"}))

    with translation.override("en"):  # the language of the client that downloaded it
        titles = [sheet_title(dashboard.build_table(key, year_2025()).title) for key in dashboard.WORKBOOK_TABLES]
    assert [sheet.title for sheet in book.worksheets] == [*titles, "Filters"]
    filters = sheet_values(book.worksheets[-1])
    assert len(filters) == 1 + 5
    assert [row[1] for row in filters[1:]][2:4] == ["All", "Kota Bandar Lampung"]  # buyer, regency


def test_each_sheets_total_row_equals_the_pages(leader_client):
    query = {"period": "2025"}
    page = page_tables(leader_client.get("/pemantauan/", query).content)
    book = workbook(leader_client.get("/pemantauan/ekspor/all.xlsx", query))

    compared = []
    for key, sheet in zip(dashboard.WORKBOOK_TABLES, book.worksheets[:-1], strict=True):
        if key in page and page[key]["total"]:
            last = sheet[sheet.max_row]
            excel_total = [page_number(cell) for cell in last[1:]]
            assert excel_total == [number(text) for text in page[key]["total"][1:]], key
            if key in ("trend", "buyer_type", "region", "category", "buyer"):
                assert excel_total == YEAR_TOTAL_ROW, key
            compared.append(key)
    assert compared == ["trend", "buyer_type", "region", "category", "commitments_buyer_type", "commitments_region",
                        "buyer"]
    assert [page_number(cell) for cell in book.worksheets[0]["B"][1:5]] == [10 * M, 6_500_000, 7_500_000, 7 * M]


def test_money_is_whole_rupiah_and_shares_are_fractions_in_a_percent_format(leader_client):
    book = workbook(leader_client.get("/pemantauan/ekspor/all.xlsx", {"period": "2025"}))
    for key, sheet in zip(dashboard.WORKBOOK_TABLES, book.worksheets[:-1], strict=True):
        with translation.override("en"):
            columns = dashboard.build_table(key, year_2025()).columns
        assert [cell.value for cell in sheet[1]] == [column.label for column in columns], key
        for row in sheet.iter_rows(min_row=2):
            for cell, column in zip(row, columns, strict=True):
                if cell.value is None:
                    continue
                if column.kind == MONEY:
                    assert type(cell.value) is int and cell.number_format == RUPIAH_FORMAT, (key, cell.coordinate)
                elif column.kind == PERCENT:
                    assert isinstance(cell.value, int | float) and cell.number_format == PERCENT_FORMAT, (key, cell)
                    assert 0 <= cell.value <= 1 or key == "summary", (key, cell.coordinate)
                elif column.kind == COUNT:
                    assert type(cell.value) is int, (key, cell.coordinate)
    trend_total = list(book.worksheets[1].iter_rows(values_only=True))[-1]
    assert trend_total[1:] == (10 * M, 6_500_000, 0.65, 7_500_000, 0.75, 7 * M, 0.7, 3)


def test_the_csv_total_equals_the_pages(leader_client):
    query = {"period": "2025", "buyer_type": "opd_kabkota"}
    page = page_tables(leader_client.get("/pemantauan/", query).content)

    for key in ("trend", "buyer_type", "region", "category", "buyer"):
        response = leader_client.get(f"/pemantauan/ekspor/{key}.csv", query)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        assert response.content.startswith(b"\xef\xbb\xbf")  # a byte-order mark for Excel
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [number(value + "%" if "." in value else value) for value in rows[-1][1:]] == [
            number(text) for text in page[key]["total"][1:]], key
        assert rows[-1][1:] == ["3000000", "2500000", "83.3", "500000", "16.7", "0", "0.0", "1"]


def test_the_export_refuses_what_it_does_not_know(leader_client):
    assert leader_client.get("/pemantauan/ekspor/orders.xlsx").status_code == 404
    assert leader_client.get("/pemantauan/ekspor/all.csv").status_code == 404
    assert leader_client.get("/pemantauan/ekspor/trend.csv", {"period": "2025-13"}).status_code == 400


@pytest.mark.parametrize(("user", "page"), [("leader", "/pemantauan/"), (None, "/p3dn/")])
def test_every_export_link_of_the_dashboard_downloads(world, client_for, in_2025, request, user, page):
    client = client_for(request.getfixturevalue(user) if user else None)
    response = client.get(page, {"period": "2025-Q2", "region": "18.71"})

    links = re.findall(r'href="([^"]+)" data-export="([a-z_]+)-(xlsx|csv)"', response.content.decode())

    shown = set(response.context["tables"]) - {"summary"}  # the headline figures are in the workbook only
    assert {key for _link, key, _fmt in links} == {"all", *shown}
    assert shown <= set(dashboard.TABLES if user else dashboard.PUBLIC_TABLES)
    for link, key, fmt in links:
        response = client.get(html.unescape(link))
        assert response.status_code == 200, link
        assert f"p3dn-{key}-2025-Q2.{fmt}" in response["Content-Disposition"]


# ---- Public ----

def test_the_public_workbook_has_only_the_public_tables_and_names_no_buyer(world, client_for, in_2025):
    response = client_for().get("/p3dn/ekspor/all.xlsx", {"period": "2025"})
    book = workbook(response)

    assert len(book.worksheets) == len(dashboard.PUBLIC_TABLES) + 1
    text = " ".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                    for value in row if value is not None)
    for name in (world.provincial.name, world.regency.name, world.bumd.name, world.april.number):
        assert name not in text
    assert 'filename="p3dn-all-2025.xlsx"' in response["Content-Disposition"]


@pytest.mark.parametrize("path", ["buyer.xlsx", "buyer.csv", "commitments_buyer.csv", "justifications.xlsx",
                                  "commitments_category.xlsx", "all.csv"])
def test_the_public_export_refuses_the_tables_that_name_buyers(world, client_for, in_2025, path):
    assert client_for().get(f"/p3dn/ekspor/{path}", {"period": "2025"}).status_code == 404


def test_the_public_export_is_not_broken_down_by_buyer(world, client_for, in_2025):
    assert client_for().get("/p3dn/ekspor/region.csv", {"buyer": world.bumd.pk}).status_code == 400


def test_the_public_csv_total_equals_the_public_page(world, client_for, in_2025):
    client = client_for()
    page = page_tables(client.get("/p3dn/", {"period": "2025"}).content)

    rows = list(csv.reader(io.StringIO(client.get("/p3dn/ekspor/region.csv", {"period": "2025"}).content.decode(
        "utf-8-sig"))))

    assert [int(rows[-1][1]), int(rows[-1][2])] == [number(text) for text in page["region"]["total"][1:3]]
    assert rows[-1][1:] == ["10000000", "6500000", "65.0", "7500000", "75.0", "7000000", "70.0", "3"]
