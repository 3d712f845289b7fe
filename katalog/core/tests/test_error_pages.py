import pytest
from django.conf import settings


@pytest.mark.django_db
def test_a_person_without_the_role_gets_a_page_that_says_why(client, buyer):
    client.force_login(buyer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/kurasi/produk/")
    assert response.status_code == 403
    assert "Only curators may see this page." in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_product_gets_the_sites_not_found_page(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/produk/TIDAK-ADA/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
