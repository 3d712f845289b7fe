"""Fixtures for the vendor tests: English messages, a controllable clock, a browser-like client."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from katalog.core import clock

from .factories import NOW


@pytest.fixture(autouse=True)
def english():
    """Assertions read the English message ids, whatever the Indonesian catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def frozen_clock(monkeypatch):
    """Views read the time through katalog.core.clock; tests move it with `frozen_clock.set(...)`."""

    class FrozenClock:
        value = NOW

        def set(self, value):
            self.value = value

    frozen = FrozenClock()
    monkeypatch.setattr(clock, "now", lambda: frozen.value)
    return frozen


@pytest.fixture
def make_client():
    def make(user=None):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return make
