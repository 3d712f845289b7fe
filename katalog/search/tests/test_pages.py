import pytest

from katalog.search.tests.test_search import catalogue  # noqa: F401  (the same small catalogue)

pytestmark = pytest.mark.django_db



def test_the_results_page_lists_local_products_first_with_facets(english, catalogue):  # noqa: F811
    response = english.get("/cari/", {"q": "traktor roda dua"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(catalogue["local_umk"].name) < html.index(catalogue["rest"].name)
    assert "Alat &amp; Mesin Pertanian" in html and "(4)" in html


def test_htmx_gets_only_the_results(english, catalogue):  # noqa: F811
    response = english.get("/cari/", {"q": "traktor", "lokal": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert catalogue["rest"].name not in html and catalogue["local"].name in html


def test_bad_filter_values_are_ignored_with_a_note(english, catalogue):  # noqa: F811
    response = english.get("/cari/", {"q": "traktor", "kategori": "tidak-ada", "tkdn_min": "banyak", "page": "x"})
    assert response.status_code == 200
    assert "was ignored" in response.content.decode()


def test_the_search_box_on_every_page_goes_to_the_results_page(english, catalogue):  # noqa: F811
    assert 'action="/cari/"' in english.get("/").content.decode()


def test_a_page_far_past_the_last_is_an_empty_page(english, catalogue):  # noqa: F811
    response = english.get("/cari/", {"q": "traktor", "page": str(10**20)})

    assert response.status_code == 200
    assert catalogue["local"].name not in response.content.decode()
