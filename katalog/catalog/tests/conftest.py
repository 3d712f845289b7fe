"""Fixtures for the catalogue tests."""

import pytest
from django.conf import settings
from django.utils import timezone, translation

from katalog.catalog.models import Category
from katalog.regions.models import Region


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the message ids), whatever translations exist."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """Pages in English too: the language cookie the language switcher sets."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def tapis(db):
    return Category.objects.get(name="Tapis Lembaran")


@pytest.fixture
def bandar_lampung(db):
    return Region.objects.get(code="18.71")


@pytest.fixture
def product_data(tapis, bandar_lampung):
    """Valid `data` for product_create: a local tapis cloth without TKDN."""

    def make(**overrides):
        data = {
            "name": "Kain Tapis Siger Emas",
            "description": "Tenun tangan, benang emas.",
            "category": tapis,
            "unit": "lembar",
            "price_idr": 1_000_000,
            "min_order": 1,
            "capacity_per_month": 20,
            "origin_region": bandar_lampung,
            "tkdn_pct": None,
            "bmp_pct": None,
            "tkdn_document": None,
            "certifications": [],
        }
        data.update(overrides)
        return data

    return make
