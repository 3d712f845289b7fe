import pytest

from katalog.accounts.tests.factories import UserFactory
from katalog.search.selectors import search
from katalog.search.tests.test_search import catalogue  # noqa: F401  (the same small catalogue)

pytestmark = pytest.mark.django_db(transaction=False)


def test_a_synonym_added_in_the_admin_finds_products_after_the_rebuild(client, catalogue, django_capture_on_commit_callbacks):  # noqa: F811
    admin = UserFactory(username="admin-sinonim", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert search(q="kuda besi").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/search/synonymgroup/add/",
            {"name": "Kuda besi", "phrases": "kuda besi\ntraktor roda dua", "is_active": "on"},
        )

    assert response.status_code == 302
    assert search(q="kuda besi").total == 4
