"""Comparing up to four products side by side: the selector, the page and the "Compare" toggle."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from katalog.search.comparison import SESSION_KEY
from katalog.search.selectors import compare_products
from katalog.search.tests.test_search import catalogue  # noqa: F401  (the same small catalogue)

pytestmark = pytest.mark.django_db

URL = "/cari/bandingkan/"
SELECT = "/cari/bandingkan/pilih/"



def sku_of(catalogue, *keys) -> list[str]:  # noqa: F811
    return [catalogue[k].sku for k in keys]


def column_names(html: str) -> list[str]:
    head = re.search(r"<thead>.*?</thead>", html, re.S).group(0)
    return re.findall(r'<a href="/produk/[^"]+/">([^<]+)</a>', head)


# ---- The selector ----

def test_compares_listed_products_in_the_order_asked(catalogue):  # noqa: F811
    result = compare_products(sku_of(catalogue, "pdn", "local_umk"))

    assert [p["sku"] for p in result.products] == sku_of(catalogue, "pdn", "local_umk")
    assert result.unlisted == [] and result.over_limit == []
    first = result.products[0]
    assert (first["price_idr"], first["unit"], first["min_order"], first["capacity_per_month"]) == (
        26_000_000, "unit", 1, 50,
    )
    assert first["vendor"]["name"] == "PT Alsintan Jawa" and first["origin_region"] == "Kota Surabaya"


def test_keeps_the_first_four_and_names_the_rest(catalogue):  # noqa: F811
    asked = sku_of(catalogue, "rest", "pdn", "local", "local_umk", "seminar")

    result = compare_products(asked)

    assert [p["sku"] for p in result.products] == asked[:4]
    assert result.over_limit == [catalogue["seminar"].sku]


def test_skips_unknown_and_unlisted_skus_before_counting_four(catalogue):  # noqa: F811
    asked = ["NOPE", catalogue["draft"].sku, *sku_of(catalogue, "rest", "pdn", "local", "local_umk")]

    result = compare_products(asked + ["  ", catalogue["rest"].sku])

    assert result.unlisted == ["NOPE", catalogue["draft"].sku]
    assert [p["sku"] for p in result.products] == asked[2:]
    assert result.over_limit == []


def test_marks_the_lowest_price_and_the_highest_local_content(catalogue):  # noqa: F811
    result = compare_products(sku_of(catalogue, "rest", "pdn", "local"))

    assert result.best == {"price": {catalogue["rest"].sku}, "tkdn_plus_bmp": {catalogue["pdn"].sku}}


def test_does_not_call_a_price_lowest_across_different_units(catalogue):  # noqa: F811
    result = compare_products(sku_of(catalogue, "seminar", "rest"))

    assert "price" not in result.best


# ---- The page ----

def test_the_page_shows_products_side_by_side_from_the_link(english, catalogue):  # noqa: F811
    response = english.get(URL, {"sku": sku_of(catalogue, "local_umk", "pdn")})

    html = response.content.decode()
    assert response.status_code == 200
    assert column_names(html) == [catalogue["local_umk"].name, catalogue["pdn"].name]
    for label in ("Unit price", "Unit", "Minimum order", "TKDN", "BMP", "TKDN + BMP", "Certifications",
                  "Capacity per month", "Vendor", "Business scale", "Vendor's regency/city", "Origin regency",
                  "Labels"):
        assert f'<th scope="row">{label}</th>' in html
    assert "CV Tani Metro" in html and "Kota Metro" in html and "Kota Surabaya" in html
    assert 'class="badge badge-umk">UMK</span>' in html
    assert "table-responsive" in html


def test_the_page_keeps_four_and_says_which_were_left_out(english, catalogue):  # noqa: F811
    asked = sku_of(catalogue, "rest", "pdn", "local", "local_umk", "seminar")

    html = english.get(URL, {"sku": asked}).content.decode()

    assert len(column_names(html)) == 4
    assert "At most 4 products are compared side by side; left out: " + catalogue["seminar"].sku in html


def test_the_page_skips_unlisted_skus_with_a_note(english, catalogue):  # noqa: F811
    html = english.get(URL, {"sku": ["NOPE", catalogue["draft"].sku, catalogue["local"].sku]}).content.decode()

    assert column_names(html) == [catalogue["local"].name]
    assert f"Skipped, not a listed product: NOPE, {catalogue['draft'].sku}." in html


def test_the_page_without_products_explains_how_to_choose_them(english, db):
    html = english.get(URL).content.decode()

    assert "Nothing to compare yet" in html and "<table" not in html


def test_the_page_runs_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):  # noqa: F811
    with django_assert_max_num_queries(4):
        response = client.get(URL, {"sku": sku_of(catalogue, "rest", "pdn", "local", "local_umk")})

    assert len(column_names(response.content.decode())) == 4


# ---- Choosing products (session) ----

def test_a_plain_form_adds_a_product_and_returns_to_the_page_it_came_from(english, catalogue):  # noqa: F811
    response = english.post(SELECT, {"sku": catalogue["local"].sku, "action": "add", "next": "/cari/?q=traktor"})

    assert response.status_code == 302 and response.url == "/cari/?q=traktor"
    assert english.session[SESSION_KEY] == [catalogue["local"].sku]
    assert column_names(english.get(URL).content.decode()) == [catalogue["local"].name]


def test_refuses_a_fifth_product_with_a_message(english, catalogue):  # noqa: F811
    for sku in sku_of(catalogue, "rest", "pdn", "local", "local_umk"):
        english.post(SELECT, {"sku": sku, "action": "add", "next": "/cari/"})

    response = english.post(SELECT, {"sku": catalogue["seminar"].sku, "action": "add", "next": "/cari/"}, follow=True)

    assert english.session[SESSION_KEY] == sku_of(catalogue, "rest", "pdn", "local", "local_umk")
    assert "You can compare at most 4 products. Take one out first." in response.content.decode()


def test_refuses_a_product_that_is_not_listed(english, catalogue):  # noqa: F811
    english.post(SELECT, {"sku": catalogue["draft"].sku, "action": "add", "next": "/cari/"})

    assert SESSION_KEY not in english.session


def test_takes_a_product_out_and_clears_the_list(english, catalogue):  # noqa: F811
    for sku in sku_of(catalogue, "rest", "pdn"):
        english.post(SELECT, {"sku": sku, "action": "add"})

    english.post(SELECT, {"sku": catalogue["rest"].sku, "action": "remove"})
    assert english.session[SESSION_KEY] == [catalogue["pdn"].sku]

    response = english.post("/cari/bandingkan/kosongkan/")
    assert response.status_code == 302 and SESSION_KEY not in english.session


def test_never_redirects_to_another_site(english, catalogue):  # noqa: F811
    response = english.post(SELECT, {"sku": catalogue["rest"].sku, "next": "https://example.org/"})

    assert response.url == URL


def test_htmx_gets_the_toggle_back_with_the_count_bar(english, catalogue):  # noqa: F811
    response = english.post(SELECT, {"sku": catalogue["rest"].sku, "action": "add", "next": "/cari/"},
                            HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'aria-pressed="true"' in html and 'name="action" value="remove"' in html
    assert 'id="compare-bar"' in html and 'hx-swap-oob="true"' in html
    assert "1 product chosen to compare" in html


def test_only_posts_change_the_list(client, catalogue):  # noqa: F811
    assert client.get(SELECT, {"sku": catalogue["rest"].sku}).status_code == 405


# ---- The toggle on result cards and product pages ----

def test_result_cards_carry_a_compare_toggle_and_their_reasons(english, catalogue):  # noqa: F811
    english.post(SELECT, {"sku": catalogue["local"].sku, "action": "add"})

    html = english.get("/cari/", {"q": "traktor"}).content.decode()

    assert html.count('action="/cari/bandingkan/pilih/"') == 4
    assert html.count('aria-pressed="true"') == 1
    assert "All words found in the name" in html
    assert "Local product of a micro or small business: listed first" in html
    assert "1 product chosen to compare" in html


def test_the_template_tag_puts_the_toggle_on_any_page(rf: RequestFactory, catalogue):  # noqa: F811
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get(f"/produk/{catalogue['pdn'].sku}/")
    request.session = SessionStore()
    request.session[SESSION_KEY] = [catalogue["pdn"].sku]

    html = Template("{% load search_compare %}{% compare_toggle sku %}").render(
        Context({"request": request, "sku": catalogue["pdn"].sku, "csrf_token": "t"})
    )

    assert 'action="/cari/bandingkan/pilih/"' in html
    assert f'name="next" value="/produk/{catalogue["pdn"].sku}/"' in html
    assert 'aria-pressed="true"' in html
