"""GET /api/v1/products answered by search: local first, filters, facets, reasons and refusals."""

from decimal import Decimal

import pytest

from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.regions.models import Region
from katalog.search.indexing import index_products, reindex_all
from katalog.search.tests.test_search import catalogue  # noqa: F401  (the same small catalogue)
from katalog.vendors.tests.factories import VendorFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/products"



def skus(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["sku"] for item in response.json()["items"]]


def sku_of(catalogue, *keys) -> list[str]:  # noqa: F811
    return [catalogue[k].sku for k in keys]


def test_lists_local_umk_then_local_then_pdn_then_the_rest(client, catalogue):  # noqa: F811
    response = client.get(URL, {"q": "traktor roda dua"})

    assert skus(response) == sku_of(catalogue, "local_umk", "local", "pdn", "rest")
    body = response.json()
    assert (body["count"], body["page"], body["pages"], body["sort"]) == (4, 1, 1, "relevance")
    assert [item["tier"] for item in body["items"]] == [0, 1, 2, 3]


def test_uses_search_even_without_parameters_once_the_index_is_built(client, catalogue):  # noqa: F811
    body = client.get(URL).json()

    assert body["count"] == 5
    assert "facets" in body and body["facets"]["total"] == 5
    assert catalogue["draft"].sku not in [item["sku"] for item in body["items"]]
    assert [item["tier"] for item in body["items"]] == sorted(item["tier"] for item in body["items"])


def test_each_item_keeps_the_public_fields_and_adds_score_tier_and_reasons(english, catalogue):  # noqa: F811
    item = english.get(URL, {"q": "traktor"}).json()["items"][0]

    assert item["sku"] == catalogue["local_umk"].sku
    assert item["vendor"] == {
        "code": catalogue["local_umk"].vendor.code, "name": "CV Tani Metro", "scale": "mikro", "umk": True,
        "regency": {"code": "18.72", "name": "Kota Metro"},
    }
    assert item["price"] == 24_000_000 and item["tkdn"] == 30 and item["url"] == f"/produk/{item['sku']}/"
    assert item["score"] == 5  # "traktor" in the name (3) and in its own category, Traktor Roda Dua (2)
    codes = [r["code"] for r in item["reasons"]]
    assert codes == ["name", "priority_local_umk", "lokal", "umk", "preferensi"]
    assert item["reasons"][0]["label"] == "All words found in the name"
    assert [b["code"] for b in item["badges"]] == ["lokal", "umk", "preferensi"]


def test_says_when_words_were_found_outside_the_name(english, catalogue):  # noqa: F811
    item = english.get(URL, {"q": "sawah"}).json()["items"][0]

    assert item["score"] == 1
    assert item["reasons"][0] == {"code": "text", "label": "Found in the description, category or vendor"}


def test_answers_with_facet_counts_over_every_match(client, catalogue):  # noqa: F811
    body = client.get(URL, {"q": "traktor", "page_size": 1}).json()

    facets = body["facets"]
    assert len(body["items"]) == 1 and facets["total"] == 4
    assert facets["local"] == 2
    assert {r["value"]: r["count"] for r in facets["scales"]} == {"besar": 3, "mikro": 1}
    assert {r["code"]: r["count"] for r in facets["regencies"]} == {"35.78": 2, "18.71": 1, "18.72": 1}
    top = next(r for r in facets["categories"] if r["level"] == 1)
    assert (top["name"], top["count"], top["parent"]) == ("Alat & Mesin Pertanian", 4, None)
    assert {r["value"]: r["count"] for r in facets["tkdn"]} == {
        "unknown": 1, "below_25": 1, "25_to_40": 1, "40_plus": 1,
    }
    assert facets["certifications"] == [{"value": "TKDN", "count": 4}]
    assert facets["price"] == {"min": 21_000_000, "max": 26_000_000}


def test_reports_spelling_corrections(client, catalogue):  # noqa: F811
    body = client.get(URL, {"q": "trakor"}).json()

    assert body["corrections"] == {"trakor": "traktor"}
    assert body["count"] == 4 and body["matched_every_word"] is True


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"scale": "besar", "tkdn_min": "40"}, ["pdn"]),
        ({"scale": "mikro,besar", "tkdn_max": "25"}, ["rest"]),
        ({"scale": ["mikro", "kecil"]}, ["local_umk"]),
        ({"regency": "1872"}, ["local_umk"]),
        ({"local": "true"}, ["local_umk", "local"]),
        ({"price_min": "24000000", "price_max": "25000000"}, ["local_umk", "local"]),
        ({"category": "Alat & Mesin Pertanian", "tkdn_min": "30"}, ["local_umk", "pdn"]),
        ({"sort": "price_asc"}, ["rest", "local_umk", "local", "pdn"]),
        ({"sort": "price_desc"}, ["pdn", "local", "local_umk", "rest"]),
        ({"sort": "tkdn"}, ["pdn", "local_umk", "rest", "local"]),
    ],
)
def test_filters_and_sorts_like_the_results_page(client, catalogue, params, expected):  # noqa: F811
    assert skus(client.get(URL, {"q": "traktor", **params})) == sku_of(catalogue, *expected)


def test_filters_by_certifications_all_of_them(client, catalogue):  # noqa: F811
    vendor = VendorFactory(region=Region.objects.get(code="18.71"))
    halal = ProductFactory(vendor=vendor, name="Keripik Pisang", certifications=["HALAL", "PIRT"])
    only_pirt = ProductFactory(vendor=vendor, name="Keripik Singkong", certifications=["PIRT"])
    index_products([halal.pk, only_pirt.pk])

    both = client.get(URL, {"q": "keripik", "certification": ["halal", "PIRT"]})
    one = client.get(URL, {"q": "keripik", "certification": "pirt"})

    assert skus(both) == [halal.sku]
    assert set(skus(one)) == {halal.sku, only_pirt.sku}


def test_filters_by_vendor_through_search(client, catalogue):  # noqa: F811
    vendor_code = catalogue["pdn"].vendor.code

    assert skus(client.get(URL, {"vendor": vendor_code, "sort": "price_asc"})) == sku_of(catalogue, "rest", "pdn")


def test_sorting_by_newest_puts_the_latest_listing_first(client, catalogue):  # noqa: F811
    from katalog.core import clock

    newest = catalogue["rest"]
    newest.approved_at = clock.now().replace(year=clock.now().year + 1)
    newest.save(update_fields=["approved_at"])
    reindex_all()

    assert skus(client.get(URL, {"q": "traktor", "sort": "newest"}))[0] == newest.sku


@pytest.mark.parametrize(
    "params, field",
    [
        ({"scale": "raksasa"}, "scale"),
        ({"scale": "mikro,raksasa"}, "scale"),
        ({"certification": "ISO"}, "certification"),
        ({"sort": "cheapest"}, "sort"),
        ({"tkdn_min": "60", "tkdn_max": "40"}, "tkdn_min"),
        ({"price_min": "9", "price_max": "1"}, "price_min"),
        ({"category": "no-such-category"}, "category"),
        ({"regency": "99.99"}, "regency"),
        ({"vendor": "NOPE"}, "vendor"),
    ],
)
def test_refuses_an_unknown_or_impossible_filter_with_a_reason(english, catalogue, params, field):  # noqa: F811
    response = english.get(URL, params)

    assert response.status_code == 422
    body = response.json()
    assert field in body["errors"]
    assert body["detail"]


@pytest.mark.parametrize(
    "params, field",
    [({"tkdn_min": "101"}, "tkdn_min"), ({"tkdn_max": "-1"}, "tkdn_max"), ({"tkdn_min": "banyak"}, "tkdn_min"),
     ({"price_min": "-5"}, "price_min"), ({"price_max": "murah"}, "price_max")],
)
def test_refuses_numbers_out_of_range(client, catalogue, params, field):  # noqa: F811
    response = client.get(URL, params)

    assert response.status_code == 422
    assert field in response.json()["detail"]


def test_refuses_a_page_past_the_last_one_of_the_results(client, catalogue):  # noqa: F811
    response = client.get(URL, {"q": "traktor", "page_size": 2, "page": 3})

    assert response.status_code == 422
    assert "page" in response.json()["errors"]


def test_pages_through_results_without_repeating_a_product(client, catalogue):  # noqa: F811
    pages = [client.get(URL, {"q": "traktor", "page_size": 3, "page": p}).json() for p in (1, 2)]

    assert [p["pages"] for p in pages] == [2, 2]
    assert skus_of(pages[0]) + skus_of(pages[1]) == sku_of(catalogue, "local_umk", "local", "pdn", "rest")


def skus_of(body) -> list[str]:
    return [item["sku"] for item in body["items"]]


def test_a_search_only_parameter_uses_search_even_before_the_index_is_built(client, approved_product):
    body = client.get(URL, {"sort": "price_asc"}).json()

    assert body["count"] == 0 and body["facets"]["total"] == 0


def test_before_the_index_is_built_the_plain_listing_answers(client, approved_product):
    body = client.get(URL).json()

    assert skus_of(body) == [approved_product.sku]
    assert "facets" not in body and "score" not in body["items"][0]


def test_lists_a_search_page_in_a_fixed_number_of_queries(client, vendor, other_vendor, django_assert_max_num_queries):
    machinery = Category.objects.get(name="Traktor Roda Dua")
    for v in (vendor, other_vendor):
        ProductFactory.create_batch(10, vendor=v, name="Traktor Roda Dua", category=machinery)
        ProductFactory(vendor=v, name="Traktor Roda Empat", category=Category.objects.get(name="Traktor Roda Empat"))
    reindex_all()

    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "traktor", "scale": "mikro", "page_size": 50, "category": machinery.slug})

    assert len(response.json()["items"]) == 20


def test_suggests_as_json(client, catalogue):  # noqa: F811
    body = client.get(f"{URL}/suggest", {"q": "tra"}).json()

    products = [s for s in body["suggestions"] if s["kind"] == "product"]
    assert [s["sku"] for s in products] == sku_of(catalogue, "local_umk", "local", "pdn", "rest")
    assert products[0] == {
        "kind": "product", "label": "Traktor Roda Dua 8,5 HP", "sku": catalogue["local_umk"].sku,
        "url": f"/produk/{catalogue['local_umk'].sku}/", "regency": "Kota Metro", "local": True,
    }
    categories = [s for s in body["suggestions"] if s["kind"] == "category"]
    assert categories[0] == {
        "kind": "category", "label": "Traktor Roda Dua", "slug": "traktor-roda-dua",
        "url": "/cari/?kategori=traktor-roda-dua",
    }


def test_the_product_detail_path_still_answers(client, catalogue):  # noqa: F811
    assert client.get(f"{URL}/{catalogue['local'].sku}").json()["sku"] == catalogue["local"].sku


def test_documents_the_new_parameters_and_the_suggest_path(client, db):
    document = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/products/suggest" in document["paths"]
    names = {p["name"] for p in document["paths"]["/api/v1/products"]["get"]["parameters"]}
    assert {"q", "sort", "scale", "tkdn_min", "tkdn_max", "certification", "price_min", "price_max", "local"} <= names


def test_tkdn_filters_accept_decimals(client, catalogue):  # noqa: F811
    assert skus(client.get(URL, {"q": "traktor", "tkdn_min": "29.5", "tkdn_max": Decimal("30.5")})) == sku_of(
        catalogue, "local_umk"
    )


def test_a_price_floor_beyond_any_stored_price_finds_nothing(client, catalogue):  # noqa: F811
    response = client.get(URL, {"price_min": str(10**20)})

    assert response.status_code == 200
    assert response.json()["count"] == 0 and response.json()["items"] == []
    assert response.json()["facets"]["total"] == 0


def test_a_page_number_beyond_any_integer_is_refused_with_the_last_page(client, catalogue):  # noqa: F811
    response = client.get(URL, {"q": "traktor", "page": str(10**20)})

    assert response.status_code == 422
    assert "page" in response.json()["errors"]


def test_the_search_without_facets_also_finds_nothing_past_any_stored_price(catalogue):  # noqa: F811
    from katalog.search.selectors import SearchFilters, search

    result = search(q="traktor", filters=SearchFilters(price_min=10**20), with_facets=False)

    assert (result.total, result.items) == (0, [])
