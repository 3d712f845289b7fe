import pytest
from django.conf import settings


@pytest.fixture
def english(client):
    """A visitor who chose English with the language switch (pages are Indonesian by default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
