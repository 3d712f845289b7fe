"""The feed's contract, seen through the API: oldest first, paging without repetition or gap, polling,
and clear refusals."""

import pytest
from django.test import override_settings

from katalog.catalog import services as catalog_services
from katalog.catalog.tests.factories import ProductFactory
from katalog.feed.models import Change
from katalog.feed.positions import Position, encode, has_transaction_ids

from .helpers import NOW, URL, by_id, cursor_now, ids, read, read_all

pytestmark = pytest.mark.django_db


def test_a_listed_product_is_in_the_feed_as_the_catalogue_api_shows_it(client, approved_product):
    items, _cursor, _pages = read_all(client, "products")

    item = by_id(items)[approved_product.pk]
    assert item["public"] is True and item["deleted"] is False
    assert item["object"] == client.get(f"/api/v1/products/{approved_product.sku}").json()
    assert item["changed_at"].endswith("+07:00")


def test_lists_changes_after_the_cursor_oldest_first_each_object_once_at_its_latest_change(client, vendor):
    first, second, third = (ProductFactory(vendor=vendor) for _ in range(3))
    cursor = cursor_now(client, "products")

    for product in (first, second, third):
        product.price_idr += 1000
        product.save()
    first.price_idr += 1000
    first.save()

    page = read(client, "products", cursor)
    assert ids(page["items"]) == [second.pk, third.pk, first.pk]
    assert by_id(page["items"])[first.pk]["object"]["price"] == 1_502_000
    assert page["has_more"] is False


def test_paging_with_the_cursor_continues_without_repetition_or_gap(client, vendor):
    cursor = cursor_now(client, "products")
    products = [ProductFactory(vendor=vendor) for _ in range(7)]

    pages = [read(client, "products", cursor, limit=3)]
    while pages[-1]["has_more"]:
        pages.append(read(client, "products", pages[-1]["next_cursor"], limit=3))

    assert [len(page["items"]) for page in pages] == [3, 3, 1]
    assert [page["has_more"] for page in pages] == [True, True, False]
    assert [item["id"] for page in pages for item in page["items"]] == [p.pk for p in products]


def test_polling_without_news_gives_the_same_cursor_back_and_then_the_news(client, vendor):
    cursor = cursor_now(client, "products")

    quiet = read(client, "products", cursor)
    assert quiet == {"items": [], "next_cursor": cursor, "has_more": False}

    product = ProductFactory(vendor=vendor)
    news = read(client, "products", cursor)
    assert ids(news["items"]) == [product.pk]
    assert news["next_cursor"] != cursor


def test_without_a_cursor_the_feed_starts_from_the_beginning(client, vendor):
    products = [ProductFactory(vendor=vendor) for _ in range(2)]

    from_start = read(client, "products")
    from_zero = read(client, "products", encode(Position(0, 0)))

    assert from_start == from_zero
    assert ids(from_start["items"])[-2:] == [p.pk for p in products]


def test_each_kind_has_its_own_feed(client, vendor):
    cursor = cursor_now(client, "orders")
    ProductFactory(vendor=vendor)

    assert read(client, "orders", cursor)["items"] == []


def test_page_size_defaults_to_the_setting_and_stops_at_the_maximum(client, vendor):
    cursor = cursor_now(client, "products")
    for _ in range(4):
        ProductFactory(vendor=vendor)

    with override_settings(KATALOG={**_katalog(), "FEED_PAGE_SIZE": 3, "API_PAGE_SIZE_MAX": 3}):
        default = read(client, "products", cursor)
        too_many = client.get(URL.format(kind="products"), {"cursor": cursor, "limit": 4})

    assert len(default["items"]) == 3 and default["has_more"] is True
    assert too_many.status_code == 422
    assert too_many.json()["code"] == "validation_failed" and "limit" in too_many.json()["errors"]


def test_refuses_a_limit_below_one(client):
    response = client.get(URL.format(kind="orders"), {"limit": 0})

    assert response.status_code == 422
    assert "limit" in response.json()["errors"]


def test_a_cursor_the_feed_did_not_give_out_is_a_400(client):
    response = client.get(URL.format(kind="products"), {"cursor": "tidak-valid!"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["detail"]


def test_an_unknown_kind_is_a_404_naming_the_feeds_there_are(client_for):
    response = client_for().get(URL.format(kind="vendors"))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "orders, competitions, products, commitments" in response.json()["detail"]


def test_a_deleted_object_is_marked_deleted(client, vendor, vendor_owner):
    product = ProductFactory(vendor=vendor, status="draft")
    cursor = cursor_now(client, "products")

    product_id = product.pk
    product.delete()

    [item] = read(client, "products", cursor)["items"]
    assert item == {"id": product_id, "changed_at": item["changed_at"], "deleted": True, "public": False,
                    "object": None}


def test_a_product_that_leaves_the_listing_appears_as_not_public(client, approved_product, vendor_owner):
    cursor = cursor_now(client, "products")

    catalog_services.product_withdraw(actor=vendor_owner, product=approved_product, now=NOW)

    [item] = read(client, "products", cursor)["items"]
    assert (item["id"], item["deleted"], item["public"], item["object"]) == (approved_product.pk, False, False, None)


def test_a_product_not_yet_listed_is_not_public(client, vendor):
    cursor = cursor_now(client, "products")

    waiting = ProductFactory(vendor=vendor, status="submitted")

    [item] = read(client, "products", cursor)["items"]
    assert (item["id"], item["public"], item["object"]) == (waiting.pk, False, None)


def test_a_page_costs_the_same_few_queries_whatever_its_size(client, vendor, django_assert_max_num_queries):
    cursor = cursor_now(client, "products")
    for _ in range(30):
        ProductFactory(vendor=vendor)

    # The page of changes, the ids that exist, the listed products, their photos.
    with django_assert_max_num_queries(4):
        page = read(client, "products", cursor)

    assert len(page["items"]) == 30


def test_orders_by_transaction_then_id(client, vendor):
    """PostgreSQL: the position is (txid, id), so a row of a transaction that began first comes first even
    with a larger id. SQLite: every row has txid 0 and ids are already in commit order."""
    later, earlier = ProductFactory(vendor=vendor), ProductFactory(vendor=vendor)
    rows = Change.objects.filter(kind="products")
    assert rows.get(object_id=earlier.pk).pk > rows.get(object_id=later.pk).pk
    if has_transaction_ids():
        # The rows as two transactions would leave them: the larger id belongs to the one that began first.
        txid = rows.get(object_id=later.pk).txid
        rows.filter(object_id=earlier.pk).update(txid=txid - 1)
        expected = [earlier.pk, later.pk]
    else:
        expected = [later.pk, earlier.pk]

    order = ids(read_all(client, "products")[0])

    assert [i for i in order if i in expected] == expected


def _katalog() -> dict:
    from django.conf import settings

    return dict(settings.KATALOG)
