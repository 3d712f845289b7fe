import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from katalog.catalog import services
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory, tkdn_certificate


@pytest.fixture
def waiting(vendor):
    return ProductFactory(vendor=vendor, status="submitted", name="Tapis Menunggu")


def curation_urls(product):
    return {
        "queue": ("get", reverse("catalog:curation_products")),
        "review": ("get", reverse("catalog:curation_product", kwargs={"pk": product.pk})),
        "approve": ("post", reverse("catalog:curation_product_approve", kwargs={"pk": product.pk})),
        "return": ("post", reverse("catalog:curation_product_return", kwargs={"pk": product.pk})),
    }


@pytest.mark.parametrize("page", ["queue", "review", "approve", "return"])
def test_anonymous_visitors_are_sent_to_log_in(client, waiting, page):
    method, url = curation_urls(waiting)[page]

    response = getattr(client, method)(url)

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", ["queue", "review", "approve", "return"])
@pytest.mark.parametrize("actor_name", ["vendor_owner", "other_vendor_owner", "buyer", "leader"])
def test_only_curators_reach_the_curation_pages(request, client, waiting, page, actor_name):
    client.force_login(request.getfixturevalue(actor_name))
    method, url = curation_urls(waiting)[page]

    response = getattr(client, method)(url, {"reason": "Tidak"} if method == "post" else None)

    assert response.status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == "submitted"


def test_the_queue_lists_waiting_products_oldest_first_with_waiting_time(client, vendor, curator):
    now = timezone.now()
    old = ProductFactory(vendor=vendor, status="submitted", name="Lama", submitted_at=now - dt.timedelta(days=8))
    new = ProductFactory(vendor=vendor, status="submitted", name="Baru", submitted_at=now - dt.timedelta(days=1))
    ProductFactory(vendor=vendor, status="approved", name="Sudah Tayang")
    client.force_login(curator)

    response = client.get(reverse("catalog:curation_products"))

    rows = response.context["rows"]
    assert [row["pk"] for row in rows] == [old.pk, new.pk]
    assert rows[0]["waiting_days"] == 8 and rows[0]["waiting_long"] is True
    assert rows[1]["waiting_long"] is False
    html = response.content.decode()
    assert "waiting-long" in html and "Sudah Tayang" not in html
    assert vendor.name in html


def test_the_queue_shows_the_kbli_problem(client, vendor, curator):
    ProductFactory(vendor=vendor, status="submitted", category=Category.objects.get(name="Traktor Roda Dua"))
    client.force_login(curator)

    html = client.get(reverse("catalog:curation_products")).content.decode()

    assert "The vendor&#x27;s KBLI codes 13921, 32909 do not fit the category Traktor Roda Dua" in html


def test_the_queue_does_not_query_per_product(client, curator, django_assert_max_num_queries):
    ProductFactory.create_batch(30, status="submitted")
    client.force_login(curator)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalog:curation_products"))

    assert len(response.context["rows"]) == 30


def test_the_review_page_shows_the_data_certificate_prices_and_history(client, vendor, vendor_owner, curator, now):
    certificate = tkdn_certificate(vendor, number="TKDN-2025-0042", tkdn_pct=Decimal("45"), bmp_pct=Decimal("5"))
    product = ProductFactory(vendor=vendor, status="approved", price_idr=1_000_000, tkdn_document=certificate)
    services.product_update(actor=vendor_owner, product=product, data={"price_idr": 1_500_000}, now=now)
    client.force_login(curator)

    response = client.get(reverse("catalog:curation_product", kwargs={"pk": product.pk}))

    html = response.content.decode()
    assert "TKDN-2025-0042" in html
    assert "Rp1,000,000" in html and "Rp1,500,000" in html
    assert "catalog.product.price_changed" in html and "catalog.product.resubmitted" in html
    assert vendor_owner.name in html
    assert reverse("catalog:curation_product_approve", kwargs={"pk": product.pk}) in html
    event_time = response.context["audit"][0]["occurred_at"]
    assert event_time.utcoffset() == dt.timedelta(hours=7)  # Asia/Jakarta


def test_a_curator_approves_from_the_review_page(client, waiting, curator):
    client.force_login(curator)

    response = client.post(reverse("catalog:curation_product_approve", kwargs={"pk": waiting.pk}))

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "approved"
    assert client.get(reverse("catalog:product_detail", kwargs={"sku": waiting.sku})).status_code == 200


def test_a_curator_returns_with_a_reason(client, waiting, curator):
    client.force_login(curator)

    client.post(reverse("catalog:curation_product_return", kwargs={"pk": waiting.pk}), {"reason": "Harga tidak wajar."})

    waiting.refresh_from_db()
    assert waiting.status == "returned"
    assert waiting.status_reason == "Harga tidak wajar."


def test_returning_without_a_reason_shows_the_form_again(client, waiting, curator):
    client.force_login(curator)

    response = client.post(reverse("catalog:curation_product_return", kwargs={"pk": waiting.pk}), {"reason": ""})

    assert response.status_code == 200
    assert response.context["return_form"].errors
    waiting.refresh_from_db()
    assert waiting.status == "submitted"


def test_approving_twice_is_refused_with_a_message(client, waiting, curator):
    client.force_login(curator)
    client.post(reverse("catalog:curation_product_approve", kwargs={"pk": waiting.pk}))

    response = client.post(reverse("catalog:curation_product_approve", kwargs={"pk": waiting.pk}), follow=True)

    assert "cannot be approved" in response.content.decode()
