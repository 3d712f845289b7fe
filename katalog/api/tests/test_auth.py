import pytest

from katalog.accounts.models import ApiToken
from katalog.accounts.tests.factories import UserFactory
from katalog.accounts.tokens import token_revoke

from .conftest import PASSWORD

TOKEN_URL = "/api/v1/auth/token"


@pytest.fixture
def person(db):
    return UserFactory(username="siti")


def test_issues_a_bearer_token_for_a_right_password(client, person):
    response = client.post(TOKEN_URL, {"username": "siti", "password": PASSWORD}, content_type="application/json")

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["username"] == "siti"
    assert body["token"].startswith("kl_")
    assert ApiToken.objects.filter(user=person).count() == 1


def test_the_issued_token_authenticates_later_requests(client, person):
    key = client.post(
        TOKEN_URL, {"username": "siti", "password": PASSWORD}, content_type="application/json"
    ).json()["token"]

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 200
    assert response.json()["username"] == "siti"


def test_refuses_a_wrong_password_with_401_and_a_reason(client, person):
    response = client.post(TOKEN_URL, {"username": "siti", "password": "salah"}, content_type="application/json")

    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "invalid_credentials"
    assert body["detail"]
    assert not ApiToken.objects.exists()


def test_refuses_a_token_for_an_inactive_user(client, person):
    person.is_active = False
    person.save()

    response = client.post(TOKEN_URL, {"username": "siti", "password": PASSWORD}, content_type="application/json")

    assert response.status_code == 401


def test_refuses_a_missing_field_with_422(client, person):
    response = client.post(TOKEN_URL, {"username": "siti"}, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert "password" in response.json()["detail"]


def test_refuses_a_revoked_token(client, person, bearer):
    headers = bearer(person)
    token_revoke(token=ApiToken.objects.get(user=person))

    response = client.get("/api/v1/me", headers=headers)

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_refuses_the_token_of_a_user_made_inactive_later(client, person, bearer):
    headers = bearer(person)
    person.is_active = False
    person.save()

    response = client.get("/api/v1/me", headers=headers)

    assert response.status_code == 401


def test_refuses_an_unknown_token(client, db):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer kl_not-a-token"})

    assert response.status_code == 401


def test_me_answers_to_a_logged_in_session(client, buyer, buyer_org):
    client.force_login(buyer)

    response = client.get("/api/v1/me")

    assert response.status_code == 200
    body = response.json()
    assert body["memberships"] == [
        {"organisation": buyer_org.name, "organisation_id": buyer_org.pk, "kind": "buyer", "role": "buyer_ppk"}
    ]


def test_me_shows_the_platform_role_of_a_curator(client, curator, bearer):
    response = client.get("/api/v1/me", headers=bearer(curator))

    assert response.json()["platform_role"] == "curator"
    assert response.json()["memberships"] == []


def test_me_without_credentials_is_401(client, db):
    response = client.get("/api/v1/me")

    assert response.status_code == 401


@pytest.mark.django_db
def test_a_token_can_be_asked_for_with_a_form_post(client):
    from katalog.accounts.tests.factories import UserFactory

    UserFactory(username="mesin", password="rahasia-123")
    response = client.post("/api/v1/auth/token", {"username": "mesin", "password": "rahasia-123"})
    assert response.status_code == 200
    assert response.json()["token"].startswith("kl_")


@pytest.mark.django_db
@pytest.mark.parametrize("body", ['{"username": "x"}', "not json", "[1, 2]"])
def test_a_token_request_without_credentials_is_refused_with_a_reason(client, body):
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.django_db
def test_products_can_be_filtered_by_category_name(client, approved_product):
    response = client.get("/api/v1/products", {"category": "kain & tapis"})
    assert response.status_code == 200
    assert [item["sku"] for item in response.json()["items"]] == [approved_product.sku]
    assert client.get("/api/v1/products", {"category": "Kapal Selam"}).status_code == 422
