import pytest

from katalog.accounts.tokens import token_issue

PASSWORD = "rahasia-123"  # what UserFactory sets


@pytest.fixture
def bearer():
    """Headers with a fresh bearer token for a user made by UserFactory."""

    def make(user) -> dict:
        key, _token = token_issue(username=user.username, password=PASSWORD)
        return {"Authorization": f"Bearer {key}"}

    return make
