"""Fixtures of the import tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, their message ids."""
    with translation.override("en"):
        yield
