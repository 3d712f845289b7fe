"""Fixtures shared by every test: people in each role, a verified vendor, an approved product, a clock
the test controls, and a client that speaks English."""

import datetime as dt

import pytest

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory, UserFactory
from katalog.catalog.tests.factories import ProductFactory
from katalog.vendors.tests.factories import VendorFactory


@pytest.fixture
def curator(db):
    return UserFactory(username="kurator-test", platform_role="curator")


@pytest.fixture
def leader(db):
    return UserFactory(username="pimpinan-test", platform_role="leader")


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin-test", platform_role="administrator", is_staff=True)


@pytest.fixture
def vendor(db):
    """A verified micro vendor in Kota Bandar Lampung with an owner."""
    return VendorFactory(status="verified")


@pytest.fixture
def vendor_owner(vendor):
    return MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user


@pytest.fixture
def other_vendor(db):
    return VendorFactory(status="verified")


@pytest.fixture
def other_vendor_owner(other_vendor):
    return MembershipFactory(organisation=other_vendor.organisation, role="vendor_owner").user


@pytest.fixture
def buyer_org(db):
    return BuyerOrganisationFactory()


@pytest.fixture
def buyer(buyer_org):
    """The PPK of a provincial OPD."""
    return MembershipFactory(organisation=buyer_org, role="buyer_ppk").user


@pytest.fixture
def approved_product(vendor):
    return ProductFactory(vendor=vendor, status="approved")


# Monday 2 June 2025, 17:00 in Jakarta: a working day.
CLOCK_START = dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC)


class FrozenClock:
    def __init__(self, value: dt.datetime):
        self.value = value

    def set(self, value: dt.datetime) -> None:
        self.value = value


@pytest.fixture
def clock_start():
    """Where `frozen_clock` starts; a test module overrides this fixture to start elsewhere."""
    return CLOCK_START


@pytest.fixture
def frozen_clock(monkeypatch, clock_start):
    """The code reads the time through katalog.core.clock; tests move it with `frozen_clock.set(...)`."""
    from katalog.core import clock

    frozen = FrozenClock(clock_start)
    monkeypatch.setattr(clock, "now", lambda: frozen.value)
    return frozen


@pytest.fixture
def client_for(db):
    """`client_for(user)`: a test client logged in as `user` (anonymous without one), in English."""
    from django.conf import settings
    from django.test import Client

    def make(user=None):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def reference_data(transactional_db):
    """Regions and categories as the migrations load them, for transactional tests: the flush after any
    earlier transactional test has emptied them."""
    from katalog.catalog.models import Category
    from katalog.catalog.reference import load_categories
    from katalog.regions.models import Region
    from katalog.regions.reference import load_regions

    if not Region.objects.exists():
        load_regions(Region)
    if not Category.objects.exists():
        load_categories(Category)


@pytest.fixture
def api_client():
    from django.test import Client

    return Client()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last: their live server needs a transactional database, which is emptied
    afterwards, and a test that asks for the database only at run time must not come after that."""

    def transactional(item) -> bool:
        marker = item.get_closest_marker("django_db")
        return marker is not None and marker.kwargs.get("transaction", False)

    # Transactional tests (real parallel connections) empty the database too, reference data included:
    # after everything else, the browser tests first (they need the reference data).
    items.sort(key=lambda item: (transactional(item) or item.get_closest_marker("browser") is not None,
                                 item.get_closest_marker("browser") is None))
