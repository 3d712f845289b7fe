"""Search over a small catalogue, on whichever database the suite runs (SQLite or PostgreSQL)."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from katalog.catalog import services as catalog_services
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core import clock
from katalog.regions.models import Region
from katalog.search.indexing import reindex_all
from katalog.search.selectors import SearchFilters, search
from katalog.vendors.tests.factories import VendorFactory

pytestmark = pytest.mark.django_db


def region(code):
    return Region.objects.get(code=code)


@pytest.fixture
def catalogue():
    machinery = Category.objects.get(name="Traktor Roda Dua")
    local_micro = VendorFactory(name="CV Tani Metro", scale="mikro", region=region("18.72"))
    local_large = VendorFactory(name="PT Mesin Lampung", scale="besar", region=region("18.71"))
    java_large = VendorFactory(name="PT Alsintan Jawa", scale="besar", region=region("35.78"))
    kwargs = dict(category=machinery, unit="unit", description="Traktor untuk mengolah sawah.")
    products = {
        # Listed in this order on purpose, so that ranking cannot come from insertion order.
        "rest": ProductFactory(vendor=java_large, name="Traktor Roda Dua 8 HP", origin_region=region("35.78"),
                               tkdn_pct=Decimal("20"), bmp_pct=None, price_idr=21_000_000, **kwargs),
        "pdn": ProductFactory(vendor=java_large, name="Traktor Roda Dua 9 HP", origin_region=region("35.78"),
                              tkdn_pct=Decimal("45"), bmp_pct=None, price_idr=26_000_000, **kwargs),
        "local": ProductFactory(vendor=local_large, name="Traktor Roda Dua 10 HP", origin_region=region("18.71"),
                                tkdn_pct=None, bmp_pct=None, price_idr=25_000_000, **kwargs),
        "local_umk": ProductFactory(vendor=local_micro, name="Traktor Roda Dua 8,5 HP", origin_region=region("18.72"),
                                    tkdn_pct=Decimal("30"), bmp_pct=None, price_idr=24_000_000, **kwargs),
        "seminar": ProductFactory(vendor=local_micro, name="Perlengkapan Seminar Kit", category=Category.objects.get(name="Paket Seminar Kit"),
                                  unit="paket", description="Tas, agenda dan pulpen.", price_idr=85_000),
        "draft": ProductFactory(vendor=local_micro, name="Traktor Roda Dua Prototipe", status="submitted", **{k: v for k, v in kwargs.items()}),
    }
    reindex_all()
    return products


def skus(result):
    return [item["sku"] for item in result.items]


def test_puts_local_umk_then_local_then_pdn_then_the_rest_at_equal_relevance(catalogue):
    result = search(q="traktor roda dua")
    order = [catalogue[k].sku for k in ("local_umk", "local", "pdn", "rest")]
    assert skus(result) == order


def test_never_finds_products_that_are_not_listed(catalogue):
    assert catalogue["draft"].sku not in skus(search(q="prototipe traktor"))
    assert search(q="prototipe").total == 0


def test_finds_a_word_by_its_stem(catalogue):
    assert skus(search(q="lengkap")) == [catalogue["seminar"].sku]


def test_finds_products_through_a_curated_synonym(catalogue):
    assert set(skus(search(q="hand tractor"))) == {catalogue[k].sku for k in ("local_umk", "local", "pdn", "rest")}


def test_tolerates_a_typo(catalogue):
    result = search(q="trakor")
    assert result.query.corrections == {"trakor": "traktor"}
    assert len(result.items) == 4


def test_facet_counts_agree_with_the_results(catalogue):
    result = search(q="traktor", filters=SearchFilters(local_only=True))
    assert result.total == 2 == len(result.items)
    assert result.facets["local"] == 2
    by_scale = {row["value"]: row["count"] for row in result.facets["scales"]}
    assert by_scale == {"mikro": 1, "besar": 1}
    top = next(row for row in result.facets["categories"] if row["name"] == "Alat & Mesin Pertanian")
    assert top["count"] == 2


def test_filters_by_regency_scale_tkdn_and_price(catalogue):
    assert skus(search(q="traktor", filters=SearchFilters(regency=region("18.72")))) == [catalogue["local_umk"].sku]
    assert skus(search(q="traktor", filters=SearchFilters(scales=["besar"], tkdn_min=Decimal("40")))) == [catalogue["pdn"].sku]
    assert skus(search(q="traktor", filters=SearchFilters(price_max=21_000_000))) == [catalogue["rest"].sku]


def test_sorts_by_price_when_asked(catalogue):
    result = search(q="traktor", sort="price_asc")
    assert [item["price_idr"] for item in result.items] == sorted(item["price_idr"] for item in result.items)


def test_the_index_follows_curation_in_the_same_transaction(catalogue, curator):
    draft = catalogue["draft"]
    catalog_services.product_approve(actor=curator, product=draft, now=clock.now())
    assert draft.sku in skus(search(q="prototipe"))


def test_the_command_line_prints_json(catalogue, capsys):
    import json

    call_command("search", "traktor roda dua", "--limit", "2", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [r["sku"] for r in rows] == [catalogue["local_umk"].sku, catalogue["local"].sku]
    assert set(rows[0]) == {"sku", "name", "vendor_code", "price", "score", "badges"}
    assert "lokal" in rows[0]["badges"]


def test_scores_rows_having_every_word_the_same_with_the_shortcut(catalogue):
    """When every clause matched, "not in the name" means "in the rest": the shorter SQL gives equal scores."""
    from django.db import connection

    from katalog.search import ranking
    from katalog.search.backends import backend
    from katalog.search.query import parse

    query = parse("traktor sawah")
    having_every, having_params = backend().match(query.clauses, every=True)
    scores = {}
    for every in (True, False):
        sql, params = ranking.score_sql(query, every=every)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT product_id, {sql} FROM search_searchentry WHERE {having_every} ORDER BY product_id",
                [*params, *having_params],
            )
            scores[every] = cursor.fetchall()
    assert len(scores[True]) == 4
    assert scores[True] == scores[False]
    assert {score for _, score in scores[True]} >= {1 + 3 + 2}  # name "traktor", body "sawah", own category
