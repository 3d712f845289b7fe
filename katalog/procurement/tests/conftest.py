"""Fixtures shared by the procurement tests."""

import pytest
from django.utils import translation

from katalog.procurement.tests.factories import pejabat_pengadaan


@pytest.fixture
def english():
    """Messages asserted in English (the message ids), whatever translations exist; modules ask for it with
    `pytest.mark.usefixtures("english")`."""
    with translation.override("en"):
        yield


@pytest.fixture
def pp(buyer_org):
    """The buyer organisation's pejabat pengadaan (orders within the limit without the PPK)."""
    return pejabat_pengadaan(buyer_org)
