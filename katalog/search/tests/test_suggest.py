"""Suggestions as the buyer types (/cari/saran/) and the search box on every page."""

import re

import pytest

from katalog.search.selectors import _after_prefix, completions, suggest
from katalog.search.tests.test_search import catalogue  # noqa: F401  (the same small catalogue)

pytestmark = pytest.mark.django_db

URL = "/cari/saran/"



def product_labels(rows) -> list[str]:
    return [row["label"] for row in rows if row["kind"] == "product"]


@pytest.mark.parametrize(
    "prefix, after", [("tra", "trb"), ("traz", "trb"), ("a9", "aa"), ("b0", "b1"), ("zz", None), ("mz", "n")]
)
def test_the_upper_bound_of_a_prefix_is_above_every_term_it_begins(prefix, after):
    assert _after_prefix(prefix) == after


def test_completes_a_word_from_the_vocabulary(catalogue):  # noqa: F811
    assert completions("trak")[0] == "traktor"
    assert completions("t") == []


def test_suggests_product_names_local_first(catalogue):  # noqa: F811
    names = product_labels(suggest(q="tra"))

    assert names == [catalogue[k].name for k in ("local_umk", "local", "pdn", "rest")]


def test_suggests_categories_after_products(catalogue):  # noqa: F811
    rows = suggest(q="traktor r")

    kinds = [row["kind"] for row in rows]
    assert kinds == sorted(kinds, key=lambda k: k != "product")
    assert {"kind": "category", "label": "Traktor Roda Dua", "slug": "traktor-roda-dua"} in rows


def test_understands_a_finished_word_by_its_stem_and_a_synonym(catalogue):  # noqa: F811
    assert product_labels(suggest(q="perlengkapan sem")) == ["Perlengkapan Seminar Kit"]
    assert len(product_labels(suggest(q="hand tractor"))) == 4


def test_ignores_a_last_letter_still_being_typed(catalogue):  # noqa: F811
    assert len(product_labels(suggest(q="traktor roda d"))) == 4


def test_never_suggests_a_product_that_is_not_listed(catalogue):  # noqa: F811
    assert catalogue["draft"].name not in product_labels(suggest(q="traktor roda dua pro"))
    assert product_labels(suggest(q="prototi")) == []


def test_suggests_nothing_for_one_letter(catalogue):  # noqa: F811
    assert suggest(q="t") == [] and suggest(q="  ") == []


def test_gives_at_most_eight_suggestions(catalogue):  # noqa: F811
    from katalog.catalog.models import Category
    from katalog.catalog.tests.factories import ProductFactory
    from katalog.search.indexing import index_products

    more = ProductFactory.create_batch(
        10, vendor=catalogue["local"].vendor, name="Traktor Mini", category=Category.objects.get(name="Traktor Roda Dua")
    )
    index_products([p.pk for p in more])

    assert len(suggest(q="trak")) == 8
    assert len(suggest(q="trak", limit=3)) == 3


def test_the_fragment_links_to_products_and_categories(english, catalogue):  # noqa: F811
    response = english.get(URL, {"q": "trakt"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'href="/produk/{catalogue["local_umk"].sku}/"' in html
    assert 'href="/cari/?kategori=traktor-roda-dua"' in html
    assert html.index(catalogue["local_umk"].name) < html.index(catalogue["rest"].name)
    assert len(re.findall(r'role="option"', html)) == 6  # four products, two categories (Traktor Roda ...)


def test_the_fragment_is_empty_when_there_is_nothing_to_suggest(client, catalogue):  # noqa: F811
    assert client.get(URL, {"q": "zzzzqx"}).content.decode().strip() == ""
    assert client.get(URL).content.decode().strip() == ""


def test_suggests_in_a_fixed_small_number_of_queries(client, catalogue, django_assert_max_num_queries):  # noqa: F811
    with django_assert_max_num_queries(4):
        client.get(URL, {"q": "traktor roda d"})


def test_the_navbar_box_is_a_plain_get_form_with_suggestions_on_top(english, catalogue):  # noqa: F811
    html = english.get("/").content.decode()

    form = re.search(r'<form[^>]*role="search"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'method="get"' in form and 'action="/cari/"' in form
    assert 'name="q"' in form
    assert 'hx-get="/cari/saran/"' in form
    assert 'hx-trigger="input changed delay:250ms, search"' in form
    assert 'hx-target="#search-suggestions"' in form and 'id="search-suggestions"' in form


def test_the_navbar_form_submitted_without_javascript_shows_results(english, catalogue):  # noqa: F811
    response = english.get("/cari/", {"q": "traktor"})

    assert response.status_code == 200
    assert catalogue["local_umk"].name in response.content.decode()
    assert 'value="traktor"' in response.content.decode()
