"""Gaps in local supply: open needs no local (Lampung) product fills well, their totals, page, API and Excel."""

import io
from unittest.mock import ANY

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import PermissionDeniedError
from katalog.matching import gaps, services
from katalog.matching.gap_export import RUPIAH_FORMAT
from katalog.vendors.tests.factories import VendorFactory

from .needs_helpers import NOW, matched_need, new_need, region

PAGE = "/kebutuhan/celah/"
EXCEL = "/kebutuhan/celah/excel/"
API = "/api/v1/needs/gaps"


pytestmark = pytest.mark.usefixtures("frozen_clock", "engine")


@pytest.fixture
def clock_start():
    return NOW


@pytest.fixture
def outsider(db):
    """A verified vendor in Jakarta whose products are made there: not local."""
    return VendorFactory(status="verified", region=region("31.71"))


def outside_product(outsider, name: str, *, price_idr: int = 1_000_000):
    return ProductFactory(vendor=outsider, name=name, origin_region=region("31.71"), price_idr=price_idr)


def local_product(vendor, name: str, *, price_idr: int = 1_000_000):
    return ProductFactory(vendor=vendor, name=name, price_idr=price_idr)


def category(slug: str) -> Category:
    return Category.objects.get(slug=slug)


def gap_ids(**filters) -> list[int]:
    return list(gaps.gap_needs(**filters).values_list("pk", flat=True))


# ---- Which needs are gaps ----


def test_a_need_matched_only_by_non_local_products_is_a_gap(buyer, outsider):
    outside_product(outsider, "Kopi Robusta Bubuk")
    need = matched_need(buyer, title="Kopi robusta untuk jamuan")

    assert gap_ids() == [need.pk]
    row = gaps.gap_rows(gaps.gap_needs())[0]
    assert row["kind"] == gaps.NO_LOCAL
    assert row["best_local_match"] is None
    assert row["best_match"]["vendor"]["code"] == outsider.code and row["best_match"]["is_local"] is False
    assert (row["matches"], row["fitting"]) == (1, 1)


def test_a_need_with_a_fitting_local_match_is_not_a_gap(buyer, vendor, outsider):
    outside_product(outsider, "Kopi Robusta Bubuk")
    local_product(vendor, "Kopi Robusta Lampung")

    matched_need(buyer, title="Kopi robusta untuk jamuan")

    assert gap_ids() == []


def test_a_need_whose_local_products_cannot_fill_it_is_a_gap_of_that_kind(buyer, vendor, outsider):
    outside_product(outsider, "Kopi Robusta Bubuk")
    local = local_product(vendor, "Kopi Robusta Lampung", price_idr=9_000_000)  # 10 × 9 juta > 50 juta budget

    need = matched_need(buyer, title="Kopi robusta untuk jamuan")

    row = gaps.gap_rows(gaps.gap_needs())[0]
    assert (row["id"], row["kind"]) == (need.pk, gaps.LOCAL_CANNOT_FILL)
    assert row["best_local_match"]["product"]["sku"] == local.sku and row["best_local_match"]["fits"] is False


def test_a_fitting_local_product_below_the_top_rank_leaves_a_gap(buyer, vendor, outsider, settings):
    outside_product(outsider, "Kopi Robusta Bubuk")  # ranked first by the stand-in engine (lower id)
    local_product(vendor, "Kopi Robusta Lampung")
    need = matched_need(buyer, title="Kopi robusta untuk jamuan")
    assert gap_ids() == []  # second of two: within the default top rank

    settings.KATALOG = {**settings.KATALOG, "NEED_GAP_TOP_RANK": 1}

    assert gap_ids() == [need.pk]
    assert gaps.gap_rows(gaps.gap_needs())[0]["kind"] == gaps.LOCAL_WEAKER


def test_a_fitting_local_product_far_behind_the_best_match_leaves_a_gap(buyer, vendor, outsider):
    outside_product(outsider, "Kopi Robusta Bubuk Giling")  # all three words: the stand-in engine scores 4
    local_product(vendor, "Kopi Lampung")  # one word: 2, half the best
    need = matched_need(buyer, title="Kopi robusta giling")

    row = gaps.gap_rows(gaps.gap_needs())[0]

    assert (row["id"], row["kind"]) == (need.pk, gaps.LOCAL_WEAKER)
    assert (row["best_local_match"]["rank"], row["best_local_match"]["fits"]) == (2, True)


def test_a_delisted_local_product_no_longer_covers_a_need(buyer, vendor, outsider):
    local = local_product(vendor, "Kopi Robusta Lampung")
    need = matched_need(buyer, title="Kopi robusta untuk jamuan")
    assert gap_ids() == []

    type(local).objects.filter(pk=local.pk).update(status="withdrawn")

    assert gap_ids() == [need.pk]


def test_closed_needs_and_needs_not_matched_yet_are_not_gaps(buyer, outsider, curator):
    outside_product(outsider, "Kopi Robusta Bubuk")
    closed = matched_need(buyer, title="Kopi robusta untuk jamuan", ref="K-1")
    services.need_close(actor=buyer, need_id=closed.pk, fulfilled=False, reason="", now=NOW)
    new_need(buyer, title="Kopi robusta untuk rapat", ref="K-2")  # its matching task has not run

    report = gaps.gap_report(curator)

    assert gap_ids() == []
    assert (report["open_matched"], report["waiting"], report["gaps"]) == (0, 1, 0)


# ---- Totals ----


@pytest.fixture
def several_gaps(buyer, vendor, outsider):
    """Four open needs in two categories and two regencies; three are gaps (one without a budget)."""
    outside_product(outsider, "Kopi Robusta Bubuk")
    outside_product(outsider, "Kain Songket Palembang")
    local_product(vendor, "Keripik Pisang Lampung")
    coffee = category("kopi")
    return {
        "coffee_metro": matched_need(buyer, title="Kopi robusta", ref="G-1", category=coffee,
                                     delivery_region=region("18.72"), budget_idr=20_000_000),
        "coffee_city": matched_need(buyer, title="Kopi robusta", ref="G-2", category=coffee, budget_idr=30_000_000),
        "cloth_city": matched_need(buyer, title="Kain songket", ref="G-3", budget_idr=None),
        "covered": matched_need(buyer, title="Keripik pisang", ref="G-4", budget_idr=99_000_000),
    }


def test_the_report_totals_gap_budgets_by_category_and_by_regency(several_gaps, curator):
    report = gaps.gap_report(curator)

    assert (report["open_matched"], report["gaps"], report["budget_idr"], report["without_budget"]) == (
        4, 3, 50_000_000, 1)
    assert {k["code"]: k["needs"] for k in report["kinds"]} == {
        gaps.NO_LOCAL: 3, gaps.LOCAL_CANNOT_FILL: 0, gaps.LOCAL_WEAKER: 0}
    assert [(g["code"], g["needs"], g["budget_idr"], g["without_budget"]) for g in report["by_category"]] == [
        ("kopi", 2, 50_000_000, 0), (gaps.NO_CATEGORY, 1, 0, 1)]
    assert [(g["code"], g["needs"], g["budget_idr"]) for g in report["by_regency"]] == [
        ("18.71", 2, 30_000_000), ("18.72", 1, 20_000_000)]
    assert list(report["needs"]) == [several_gaps["coffee_city"], several_gaps["coffee_metro"],
                                     several_gaps["cloth_city"]]  # largest budget first, none last


def test_filters_narrow_the_totals_and_the_list(several_gaps, curator):
    by_regency = gaps.gap_report(curator, regency="1871")
    no_category = gaps.gap_report(curator, category=gaps.NO_CATEGORY)

    assert [n.ref for n in by_regency["needs"]] == ["G-2", "G-3"]
    assert [(g["code"], g["needs"]) for g in by_regency["by_category"]] == [("kopi", 1), (gaps.NO_CATEGORY, 1)]
    assert [n.ref for n in no_category["needs"]] == ["G-3"] and no_category["budget_idr"] == 0


def test_only_curators_get_the_report(buyer, vendor_owner):
    for user in (buyer, vendor_owner):
        with pytest.raises(PermissionDeniedError):
            gaps.gap_report(user)


# ---- The page ----


def test_a_curator_sees_the_gaps_with_their_totals(several_gaps, curator, client_for):
    answer = client_for(curator).get(PAGE)

    assert answer.status_code == 200
    assert [row["ref"] for row in answer.context["rows"]] == ["G-2", "G-1", "G-3"]
    assert answer.context["report"]["budget_idr"] == 50_000_000
    for marker in (b'id="gaps-rule"', b'id="gaps-categories"', b'id="gaps-regencies"', b'id="gap-needs"'):
        assert marker in answer.content
    assert b"G-4" not in answer.content
    assert b'href="/kebutuhan/celah/excel/"' in answer.content


def test_the_page_filters_by_regency_and_the_download_keeps_the_filter(several_gaps, curator, client_for):
    answer = client_for(curator).get(PAGE, {"regency": "18.72"})

    assert [row["ref"] for row in answer.context["rows"]] == ["G-1"]
    assert b'href="/kebutuhan/celah/excel/?regency=18.72"' in answer.content


def test_buyers_vendors_and_strangers_do_not_see_the_gaps(buyer, vendor_owner, client_for):
    for user in (buyer, vendor_owner):
        assert client_for(user).get(PAGE).status_code == 403
        assert client_for(user).get(EXCEL).status_code == 403
    assert client_for().get(PAGE).status_code == 302


def test_the_curation_menu_links_to_the_gaps(curator, client_for):
    assert f'href="{PAGE}"'.encode() in client_for(curator).get("/kebutuhan/").content


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_page_and_the_api_take_as_many_queries_for_many_gaps_as_for_one(buyer, outsider, curator, client_for):
    outside_product(outsider, "Kopi Robusta Bubuk")
    outside_product(outsider, "Kopi Robusta Biji")
    client = client_for(curator)
    matched_need(buyer, title="Kopi robusta", ref="Q-0")
    one = [_queries(client, path) for path in (PAGE, EXCEL, API)]

    for number in range(1, 6):
        matched_need(buyer, title="Kopi robusta", ref=f"Q-{number}", category=category("kopi"),
                     delivery_region=region(("18.71", "18.72", "18.09")[number % 3]))

    assert [_queries(client, path) for path in (PAGE, EXCEL, API)] == one


# ---- Excel ----


def test_the_excel_download_opens_with_the_figures(several_gaps, curator, client_for):
    answer = client_for(curator).get(EXCEL)

    assert answer.status_code == 200 and answer["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(answer.content))
    summary, by_category, by_regency, needs = workbook.worksheets
    assert (summary["B3"].value, summary["B4"].value, summary["B4"].number_format) == (3, 50_000_000, RUPIAH_FORMAT)
    assert [row[:4] for row in by_category.iter_rows(min_row=2, values_only=True)] == [
        ("Kopi", 2, 50_000_000, 0), (ANY, 1, 0, 1)]
    assert [row[:4] for row in by_regency.iter_rows(min_row=2, values_only=True)] == [
        ("18.71", "Kota Bandar Lampung", 2, 30_000_000), ("18.72", "Kota Metro", 1, 20_000_000)]
    assert by_regency["D2"].number_format == RUPIAH_FORMAT and isinstance(by_regency["D2"].value, int)
    listed = list(needs.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[8]) for row in listed] == [("G-2", 30_000_000), ("G-1", 20_000_000), ("G-3", None)]
    assert needs["I2"].number_format == RUPIAH_FORMAT


def test_without_gaps_the_page_says_so_and_the_excel_still_opens(curator, client_for):
    client = client_for(curator)

    page = client.get(PAGE)
    workbook = load_workbook(io.BytesIO(client.get(EXCEL).content))

    assert page.status_code == 200 and b'id="gaps-empty"' in page.content
    assert workbook.worksheets[0]["B3"].value == 0 and workbook.worksheets[3].max_row == 1


# ---- The API ----


def test_the_api_gives_curators_the_report_with_a_page_of_gap_needs(several_gaps, curator, client_for):
    answer = client_for(curator).get(API, {"page_size": 2})

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["gaps"], body["budget_idr"], body["top_rank"], body["share_of_best_pct"]) == (
        3, 50_000_000, gaps.WELL_SCORED_TOP_RANK, 90)
    assert [(g["code"], g["budget_idr"]) for g in body["by_category"]] == [("kopi", 50_000_000), ("-", 0)]
    assert (body["needs"]["count"], body["needs"]["pages"]) == (3, 2)
    first = body["needs"]["items"][0]
    assert (first["ref"], first["kind"], first["best_local_match"]) == ("G-2", gaps.NO_LOCAL, None)
    assert first["url"] == f"/api/v1/needs/{several_gaps['coffee_city'].pk}"


def test_the_api_filters_and_refuses_unknown_values(several_gaps, curator, client_for):
    client = client_for(curator)

    assert [n["ref"] for n in client.get(API, {"category": "kopi", "regency": "1871"}).json()["needs"]["items"]] == [
        "G-2"]
    assert client.get(API, {"regency": "99.99"}).status_code == 422
    assert client.get(API, {"category": "tidak-ada"}).status_code == 422


def test_the_api_refuses_buyers_vendors_and_strangers(several_gaps, buyer, vendor_owner, client_for):
    for user in (buyer, vendor_owner):
        answer = client_for(user).get(API)
        assert answer.status_code == 403 and answer.json()["code"]
    assert client_for().get(API).status_code == 401
