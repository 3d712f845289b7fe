"""The events, schedule, commitment and report pages: who may open what, and what a form post does."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.events import services
from katalog.events.models import (
    Commitment,
    CommitmentRealisation,
    EventRegistration,
    EventStatus,
    MatchingEvent,
    Meeting,
)
from katalog.procurement.tests.factories import order_in

from .helpers import NOW, new_buyer, new_event, new_vendor, open_event, publish_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock_start():
    return NOW


def url(name: str, *args) -> str:
    return reverse(f"events:{name}", args=args)


# ---- Events ----


def test_a_curator_creates_an_event_from_the_form(client_for, curator):
    response = client_for(curator).post(url("event_create"), {
        "name": "Temu Bisnis Tapis", "date": "2025-06-20", "venue": "Balai Keratun", "start_time": "09:00",
        "slot_minutes": "20", "break_minutes": "5", "slot_count": "4", "table_count": "6",
    })

    event = MatchingEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == url("event_detail", event.pk)
    assert (event.status, event.table_count, event.slots.count()) == (EventStatus.DRAFT, 6, 4)


def test_buyers_and_vendors_cannot_create_events_nor_see_drafts(client_for, curator, buyer, vendor_owner):
    draft = new_event(curator)
    for user in (buyer, vendor_owner):
        client = client_for(user)
        assert client.get(url("event_create")).status_code == 403
        assert client.get(url("event_detail", draft.pk)).status_code == 404
    assert client_for(curator).get(url("event_detail", draft.pk)).status_code == 200


def test_a_buyer_registers_its_organisation_from_the_event_page(client_for, curator, buyer, buyer_org):
    event = open_event(curator)
    client = client_for(buyer)

    page = client.get(url("event_detail", event.pk))
    response = client.post(url("register", event.pk), {"max_meetings": "3"})

    assert b'id="register-form"' in page.content
    assert response.status_code == 302
    registration = EventRegistration.objects.get(event=event)
    assert (registration.organisation_id, registration.max_meetings, registration.kind) == (buyer_org.pk, 3, "buyer")


def test_the_event_list_does_not_query_per_event(client_for, curator):
    client = client_for(curator)
    for _ in range(2):
        new_event(curator)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("event_list")).status_code == 200
    for _ in range(3):
        new_event(curator)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url("event_list"))

    assert response.content.count(b'href="/temu-bisnis/') >= 5
    assert len(more) == len(few)


def test_the_curator_invites_from_the_matches_page(client_for, curator, scores):
    buyer = new_buyer("Dinas Perindustrian")
    owner, product = new_vendor("Tapis Way Kanan")
    publish_need(scores, buyer, "Tapis pesta", {product: 2.0})
    event = new_event(curator)
    client = client_for(curator)

    page = client.get(url("invite", event.pk))
    organisations = [buyer.memberships.get().organisation_id, product.vendor.organisation_id]
    response = client.post(url("invite", event.pk), {"organisation_ids": [str(o) for o in organisations]})

    assert b"Dinas Perindustrian" in page.content and b"Tapis Way Kanan" in page.content
    assert response.status_code == 302
    assert set(EventRegistration.objects.filter(event=event, invited=True).values_list("organisation_id", flat=True)) \
        == set(organisations)


# ---- The schedule ----


def test_only_curators_run_and_see_the_schedule(client_for, scheduled, curator):
    event = scheduled["event"]
    buyer = scheduled["buyers"]["A"]

    assert client_for(buyer).post(url("schedule_run", event.pk)).status_code == 403
    assert client_for(buyer).get(url("schedule", event.pk)).status_code == 403
    response = client_for(curator).post(url("schedule_run", event.pk))
    grid = client_for(curator).get(url("schedule", event.pk))

    assert response.status_code == 302
    assert grid.status_code == 200
    assert grid.content.count(b"Buyer A") == 2 and b"Buyer B" in grid.content


def test_a_hand_edit_that_double_books_shows_why_and_changes_nothing(client_for, scheduled, curator):
    event = scheduled["event"]
    first, second = Meeting.objects.filter(event=event, buyer__organisation__name="Buyer A").order_by("slot__position")
    free_table = next(t for t in (1, 2, 3) if not Meeting.objects.filter(slot_id=first.slot_id, table=t).exists())

    response = client_for(curator).post(url("meeting_edit", event.pk, second.pk),
                                        {"slot_id": str(first.slot_id), "table": str(free_table)})

    assert response.status_code == 422
    assert b'id="move-refused"' in response.content and b"Buyer A" in response.content
    second.refresh_from_db()
    assert second.slot_id != first.slot_id and not second.pinned


def test_a_hand_edit_into_a_free_place_is_saved_and_pinned(client_for, scheduled, curator):
    event = scheduled["event"]
    meeting = Meeting.objects.get(event=event, buyer__organisation__name="Buyer B")
    free = next(t for t in (1, 2, 3) if not Meeting.objects.filter(slot_id=meeting.slot_id, table=t).exists())

    response = client_for(curator).post(url("meeting_edit", event.pk, meeting.pk),
                                        {"slot_id": str(meeting.slot_id), "table": str(free)})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.table, meeting.pinned) == (free, True)


@pytest.mark.parametrize("by", ["table", "buyer", "vendor"])
def test_the_printable_schedules_list_every_meeting(client_for, scheduled, curator, by):
    response = client_for(curator).get(url("schedule_print", scheduled["event"].pk, by))

    assert response.status_code == 200
    assert b"@media print" in response.content
    for name in (b"Buyer A", b"Buyer B", b"Vendor X", b"Vendor Y"):
        assert name in response.content


def test_printable_schedules_are_for_curators_and_unknown_views_are_missing(client_for, scheduled, curator):
    event = scheduled["event"]
    assert client_for(scheduled["buyers"]["A"]).get(url("schedule_print", event.pk, "table")).status_code == 403
    assert client_for(curator).get(url("schedule_print", event.pk, "everyone")).status_code == 404


def test_a_participant_prints_only_its_own_schedule(client_for, scheduled, buyer):
    event = scheduled["event"]
    mine = client_for(scheduled["buyers"]["B"]).get(url("my_schedule", event.pk))

    assert mine.status_code == 200
    assert b"Vendor X" in mine.content and b"Vendor Y" not in mine.content and b"Buyer A" not in mine.content
    assert client_for(buyer).get(url("my_schedule", event.pk)).status_code == 404


# ---- Commitments and the report ----


def test_a_buyer_records_a_commitment_and_links_a_suggested_order(client_for, scheduled):
    event = scheduled["event"]
    buyer = scheduled["buyers"]["A"]
    owner, product = scheduled["vendors"]["X"]
    client = client_for(buyer)
    order = order_in("paid", buyer=buyer, vendor=product.vendor, vendor_user=owner, now=NOW)

    form = client.get(url("commitment_create") + f"?event={event.pk}")
    created = client.post(url("commitment_create"), {
        "event_id": str(event.pk), "vendor_code": product.vendor.code, "description": "Tapis untuk tamu gubernur",
        "value_idr": "Rp25.000.000", "expected_purchase_date": "2025-08-01",
    })
    commitment = Commitment.objects.get()
    detail = client.get(url("commitment_detail", commitment.pk))
    linked = client.post(url("commitment_link", commitment.pk), {"order_id": str(order.pk)})

    assert form.status_code == 200 and product.vendor.code.encode() in form.content
    assert created.status_code == 302 and commitment.value_idr == 25_000_000
    assert b'id="suggested-orders"' in detail.content and order.number.encode() in detail.content
    assert linked.status_code == 302
    assert CommitmentRealisation.objects.get().order_id == order.pk


def test_another_organisation_gets_not_found_for_a_commitment(client_for, scheduled):
    owner, product = scheduled["vendors"]["X"]
    commitment = services.commitment_record(
        actor=scheduled["buyers"]["A"], vendor_code=product.vendor.code, value_idr=5_000_000, description="Tapis",
        expected_purchase_date=NOW.date(), event_id=scheduled["event"].pk, now=NOW)
    outsider = MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user

    assert client_for(outsider).get(url("commitment_detail", commitment.pk)).status_code == 404
    assert client_for(owner).get(url("commitment_detail", commitment.pk)).status_code == 200
    client_for(outsider).post(url("commitment_cancel", commitment.pk))
    commitment.refresh_from_db()
    assert commitment.status == "recorded"


def test_the_report_and_its_excel_file_are_for_curators(client_for, scheduled, curator):
    event = scheduled["event"]
    owner, product = scheduled["vendors"]["X"]
    services.commitment_record(actor=scheduled["buyers"]["A"], vendor_code=product.vendor.code, value_idr=7_500_000,
                               description="Tapis", expected_purchase_date=NOW.date(), event_id=event.pk, now=NOW)

    page = client_for(curator).get(url("report", event.pk))
    download = client_for(curator).get(url("report_xlsx", event.pk))

    assert page.status_code == 200 and b'id="report-totals"' in page.content
    assert download.status_code == 200 and download["Content-Disposition"].endswith('.xlsx"')
    summary = load_workbook(io.BytesIO(download.content)).worksheets[0]
    assert summary["B9"].value == 7_500_000
    assert client_for(scheduled["buyers"]["A"]).get(url("report", event.pk)).status_code == 403
    assert client_for(scheduled["buyers"]["A"]).get(url("report_xlsx", event.pk)).status_code == 403


def test_every_page_opens_for_the_people_it_is_for(client_for, scheduled, curator, vendor_owner):
    event = scheduled["event"]
    buyer = scheduled["buyers"]["A"]
    owner, product = scheduled["vendors"]["X"]
    commitment = services.commitment_record(
        actor=buyer, vendor_code=product.vendor.code, value_idr=5_000_000, description="Tapis",
        expected_purchase_date=NOW.date(), event_id=event.pk, now=NOW)
    meeting = Meeting.objects.filter(event=event).first()
    pages = {
        curator: [url("event_list"), url("event_create"), url("event_detail", event.pk), url("event_edit", event.pk),
                  url("invite", event.pk), url("schedule", event.pk), url("meeting_edit", event.pk, meeting.pk),
                  url("commitment_list"), url("commitment_detail", commitment.pk), url("report", event.pk)],
        buyer: [url("event_list"), url("event_detail", event.pk), url("my_schedule", event.pk), url("commitment_list"),
                url("commitment_create"), url("commitment_detail", commitment.pk)],
        owner: [url("event_list"), url("event_detail", event.pk), url("my_schedule", event.pk), url("commitment_list")],
        vendor_owner: [url("event_list"), url("event_detail", event.pk)],
    }
    for user, paths in pages.items():
        client = client_for(user)
        for path in paths:
            assert client.get(path).status_code == 200, path
    assert client_for(owner).get(url("commitment_create")).status_code == 403
    assert client_for(curator).get("/api/v1/openapi.json").status_code == 200
