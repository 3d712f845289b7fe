"""Fixtures for the vendor tests: English messages, a controllable clock, a browser-like client."""

import pytest
from django.utils import translation

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
def clock_start():
    return NOW


@pytest.fixture
def make_client(client_for):
    return client_for
