"""The curators' queue, the vendor's place in it, and the history of a business."""

import datetime as dt

import pytest

from katalog.vendors import selectors, services

from .factories import NOW, VendorDocumentFactory, VendorFactory

pytestmark = pytest.mark.django_db


def waiting(days_ago: float, **kwargs):
    return VendorFactory(status="submitted", submitted_at=NOW - dt.timedelta(days=days_ago), **kwargs)


def test_queue_lists_submitted_vendors_oldest_first_with_waiting_time():
    newest = waiting(0.5)
    oldest = waiting(6.2)
    middle = waiting(3 + 4 / 24)
    VendorFactory(status="draft")
    VendorFactory(status="verified")

    rows = selectors.vendor_curation_queue(now=NOW)

    assert [r["code"] for r in rows] == [oldest.code, middle.code, newest.code]
    assert [r["position"] for r in rows] == [1, 2, 3]
    assert rows[1]["waited"] == dt.timedelta(days=3, hours=4)
    assert rows[1]["waited_display"] == "3 days 4 hours"
    assert [r["waiting_long"] for r in rows] == [True, False, False]
    assert rows[0]["region_name"] == "Kota Bandar Lampung"
    assert rows[0]["kbli"] == ["13921", "32909"]


def test_queue_counts_documents_and_expired_ones():
    vendor = waiting(1)
    today = NOW.date()
    issued = dt.date(2020, 1, 1)
    VendorDocumentFactory(vendor=vendor, issued_date=issued, valid_until=today - dt.timedelta(days=1))
    VendorDocumentFactory(vendor=vendor, issued_date=issued, valid_until=today)
    VendorDocumentFactory(vendor=vendor, issued_date=issued, valid_until=None)

    (row,) = selectors.vendor_curation_queue(now=NOW)

    assert (row["document_count"], row["expired_document_count"]) == (3, 1)


def test_queue_does_not_query_per_vendor(django_assert_max_num_queries):
    for days in range(8):
        vendor = waiting(days)
        VendorDocumentFactory.create_batch(2, vendor=vendor, issued_date=dt.date(2020, 1, 1))

    with django_assert_max_num_queries(1):
        rows = selectors.vendor_curation_queue(now=NOW)

    assert len(rows) == 8


def test_queue_position_counts_those_who_submitted_earlier():
    first = waiting(5)
    second = waiting(2)
    third = waiting(1)
    tied = VendorFactory(status="submitted", submitted_at=third.submitted_at)

    assert selectors.vendor_queue_position(first) == (1, 4)
    assert selectors.vendor_queue_position(second) == (2, 4)
    assert selectors.vendor_queue_position(third) == (3, 4)
    assert selectors.vendor_queue_position(tied) == (4, 4)


def test_queue_position_is_none_when_not_waiting(vendor):
    assert selectors.vendor_queue_position(vendor) is None


def test_queue_status_tells_the_vendor_how_long_it_has_waited():
    vendor = waiting(2)

    status = selectors.vendor_queue_status(vendor, now=NOW)

    assert (status["position"], status["total"], status["waited_display"]) == (1, 1, "2 days")


@pytest.mark.parametrize(("delta", "text"), [
    (dt.timedelta(minutes=12), "12 minutes"),
    (dt.timedelta(hours=1), "1 hour"),
    (dt.timedelta(hours=5, minutes=59), "5 hours"),
    (dt.timedelta(days=1), "1 day"),
    (dt.timedelta(days=3, hours=4), "3 days 4 hours"),
    (dt.timedelta(seconds=-5), "0 minutes"),
])
def test_waited_display(delta, text):
    assert selectors.waited_display(delta) == text


def test_public_lookup_finds_only_verified_vendors(vendor):
    draft = VendorFactory(status="draft")

    assert selectors.vendor_get_public(vendor.code) == vendor
    assert selectors.vendor_get_public(draft.code) is None
    assert selectors.vendor_get_public("NOPE") is None


def test_history_shows_events_newest_first_in_jakarta_time(curator):
    from katalog.accounts.tests.factories import MembershipFactory

    vendor = VendorFactory(status="draft")
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner", user__name="Ani").user
    services.vendor_submit(actor=owner, vendor=vendor, now=NOW)
    services.vendor_return(actor=curator, vendor=vendor, reason="Foto NIB buram.", now=NOW + dt.timedelta(hours=1))

    history = selectors.vendor_history(vendor)

    assert [e["event_type"] for e in history] == ["vendors.vendor.returned", "vendors.vendor.submitted"]
    assert history[0]["actor_name"] == curator.name
    assert history[0]["message"] == "Foto NIB buram."
    assert history[0]["occurred_at"].strftime("%Y-%m-%d %H:%M %Z") == "2025-06-02 18:00 WIB"
    assert {"field": "status", "label": "status", "old": "Waiting for verification", "new": "Returned for revision"} in (
        history[0]["changes"]
    )
    assert history[1]["actor_name"] == "Ani"


def test_curator_vendor_list_filters_by_status():
    VendorFactory.create_batch(2, status="draft")
    verified = VendorFactory(status="verified")

    data = selectors.vendor_list_for_curators(status="verified")

    assert [r["code"] for r in data["rows"]] == [verified.code]
    assert data["status_counts"] == {"draft": 2, "verified": 1}
