import pytest

from katalog.catalog.tests.factories import ProductFactory

from .needs_helpers import FakeEngine, install_fake_engine


@pytest.fixture
def engine(monkeypatch) -> FakeEngine:
    """The stand-in matching engine (see needs_helpers.FakeEngine); modules wanting it always mark it."""
    return install_fake_engine(monkeypatch)


@pytest.fixture
def products(vendor, other_vendor):
    return {
        "cheap": ProductFactory(vendor=vendor, name="Kain Tapis Siger", price_idr=1_000_000),
        "dear": ProductFactory(vendor=other_vendor, name="Kain Tapis Emas", price_idr=9_000_000),
    }
