"""The events, schedule and commitments API: roles, another organisation's 404, the re-checked hand edit,
linking orders, and the report's figures."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.events.models import Meeting
from katalog.procurement.tests.factories import order_in

from .helpers import NOW, new_event, open_event

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def clock_start():
    return NOW


def session(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def send(client, method: str, path: str, body: dict | None = None):
    return getattr(client, method)(f"{API}{path}", body or {}, content_type="application/json")


# ---- Events and registrations ----


def test_events_need_a_login(curator):
    new_event(curator)
    response = session().get(f"{API}/events")
    assert response.status_code == 401 and response.json()["code"] == "unauthenticated"


def test_a_curator_creates_an_event_and_buyers_do_not(curator, buyer):
    body = {"name": "Temu Bisnis Alsintan", "date": "2025-07-01", "venue": "Gedung Pusiban", "start_time": "08:30",
            "slot_minutes": 30, "slot_count": 4, "table_count": 5}

    created = send(session(curator), "post", "/events", body)
    refused = send(session(buyer), "post", "/events", body)

    assert created.status_code == 201
    data = created.json()
    assert (data["status"], data["table_count"], len(data["slots"])) == ("draft", 5, 4)
    assert data["slots"][0]["starts_at"] == "2025-07-01T08:30:00+07:00"
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"


def test_buyers_see_events_once_open_and_the_list_does_not_query_per_event(curator, buyer):
    draft = new_event(curator, name="Rancangan")
    open_event(curator, name="Terbuka")
    client = session(buyer)

    with CaptureQueriesContext(connection) as two:
        names = [e["name"] for e in client.get(f"{API}/events").json()["items"]]
    for _ in range(3):
        open_event(curator)
    with CaptureQueriesContext(connection) as five:
        assert client.get(f"{API}/events").json()["count"] == 4

    assert names == ["Terbuka"]
    assert client.get(f"{API}/events/{draft.pk}").status_code == 404
    assert len(five) == len(two)


def test_a_vendor_registers_itself_once(curator, vendor_owner, vendor):
    event = open_event(curator)
    client = session(vendor_owner)

    first = send(client, "post", f"/events/{event.pk}/registrations", {"max_meetings": 2})
    again = send(client, "post", f"/events/{event.pk}/registrations")

    assert first.status_code == 201
    assert first.json()[0]["vendor"]["code"] == vendor.code and first.json()[0]["max_meetings"] == 2
    assert again.status_code == 409 and again.json()["code"] == "already_registered"
    assert client.get(f"{API}/events/{event.pk}").json()["my_registration"]["kind"] == "vendor"


def test_curators_invite_organisations_others_cannot(curator, buyer, buyer_org, vendor):
    event = open_event(curator)
    body = {"organisation_ids": [buyer_org.pk, vendor.organisation_id]}

    refused = send(session(buyer), "post", f"/events/{event.pk}/registrations", body)
    invited = send(session(curator), "post", f"/events/{event.pk}/registrations", body)

    assert refused.status_code == 403
    assert invited.status_code == 201
    assert sorted((r["kind"], r["invited"]) for r in invited.json()) == [("buyer", True), ("vendor", True)]


# ---- The schedule ----


def test_only_curators_run_the_schedule_and_participants_see_their_own_meetings(scheduled, curator):
    event = scheduled["event"]
    buyer_b = scheduled["buyers"]["B"]

    refused = send(session(buyer_b), "post", f"/events/{event.pk}/schedule")
    everything = send(session(curator), "post", f"/events/{event.pk}/schedule")
    mine = session(buyer_b).get(f"{API}/events/{event.pk}/schedule").json()

    assert refused.status_code == 403
    assert everything.status_code == 200
    body = everything.json()
    assert len(body["meetings"]) == 3 and body["violations"] == [] and body["summary"]["meetings"] == 3
    assert [(m["buyer"]["name"], m["vendor"]["name"]) for m in mine["meetings"]] == [("Buyer B", "Vendor X")]
    assert mine["summary"] is None


def test_a_hand_move_that_double_books_is_a_422_listing_the_broken_rules(scheduled, curator):
    event = scheduled["event"]
    first, second = Meeting.objects.filter(event=event, buyer__organisation__name="Buyer A").order_by("slot__position")
    free = next(t for t in (1, 2, 3) if not Meeting.objects.filter(slot_id=first.slot_id, table=t).exists())

    response = send(session(curator), "patch", f"/events/{event.pk}/meetings/{second.pk}",
                    {"slot_id": first.slot_id, "table": free})

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "schedule_violation"
    assert any("Buyer A" in message for message in body["errors"]["schedule"])
    second.refresh_from_db()
    assert second.slot_id != first.slot_id


def test_a_hand_move_to_a_free_table_pins_the_meeting(scheduled, curator):
    event = scheduled["event"]
    meeting = Meeting.objects.get(event=event, buyer__organisation__name="Buyer B")
    free = next(t for t in (1, 2, 3) if not Meeting.objects.filter(slot_id=meeting.slot_id, table=t).exists())

    response = send(session(curator), "patch", f"/events/{event.pk}/meetings/{meeting.pk}", {"table": free})

    assert response.status_code == 200
    assert (response.json()["table"], response.json()["pinned"]) == (free, True)


def test_a_meeting_of_another_event_is_not_found(scheduled, curator):
    other = open_event(curator)
    meeting = Meeting.objects.filter(event=scheduled["event"]).first()

    response = send(session(curator), "patch", f"/events/{other.pk}/meetings/{meeting.pk}", {"pinned": True})

    assert response.status_code == 404
    meeting.refresh_from_db()
    assert not meeting.pinned


# ---- Commitments and the report ----


def _commit(client, event, vendor, value_idr=9_000_000):
    return send(client, "post", "/commitments", {
        "vendor_code": vendor.code, "value_idr": value_idr, "expected_purchase_date": "2025-08-15",
        "description": "Kain tapis untuk tamu", "event_id": event.pk, "category": "tapis-lembaran",
    })


def test_a_buyer_records_a_commitment_and_links_its_order_once(scheduled):
    event = scheduled["event"]
    buyer = scheduled["buyers"]["A"]
    owner, product = scheduled["vendors"]["X"]
    client = session(buyer)
    order = order_in("completed", buyer=buyer, vendor=product.vendor, vendor_user=owner, now=NOW)

    created = _commit(client, event, product.vendor)
    commitment_id = created.json()["id"]
    suggestions = client.get(f"{API}/commitments/{commitment_id}/suggestions").json()
    linked = send(client, "post", f"/commitments/{commitment_id}/orders", {"order_number": order.number})
    second = _commit(client, event, product.vendor).json()["id"]
    twice = send(client, "post", f"/commitments/{second}/orders", {"order_id": order.pk})

    assert created.status_code == 201 and created.json()["category"]["slug"] == "tapis-lembaran"
    assert [s["number"] for s in suggestions] == [order.number]
    assert linked.status_code == 201
    assert (linked.json()["realised_idr"], linked.json()["realisation_rate_pct"]) == (3_000_000, 33.3)
    assert twice.status_code == 409 and twice.json()["code"] == "already_linked"


def test_another_organisation_gets_a_404_and_vendors_cannot_record(scheduled):
    event = scheduled["event"]
    owner, product = scheduled["vendors"]["X"]
    commitment_id = _commit(session(scheduled["buyers"]["A"]), event, product.vendor).json()["id"]
    outsider = session(MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user)

    assert outsider.get(f"{API}/commitments/{commitment_id}").status_code == 404
    assert send(outsider, "post", f"/commitments/{commitment_id}/cancel").status_code == 404
    assert outsider.get(f"{API}/commitments").json()["count"] == 0
    assert _commit(session(owner), event, product.vendor).status_code == 403
    assert session(owner).get(f"{API}/commitments/{commitment_id}").json()["suggestions"] == []


def test_the_report_gives_the_figures_to_curators_only(scheduled, curator):
    event = scheduled["event"]
    buyer = scheduled["buyers"]["A"]
    owner, product = scheduled["vendors"]["X"]
    commitment_id = _commit(session(buyer), event, product.vendor, value_idr=12_000_000).json()["id"]
    order = order_in("paid", buyer=buyer, vendor=product.vendor, vendor_user=owner, now=NOW)
    send(session(buyer), "post", f"/commitments/{commitment_id}/orders", {"order_id": order.pk})

    report = session(curator).get(f"{API}/events/{event.pk}/report")
    refused = session(buyer).get(f"{API}/events/{event.pk}/report")

    assert report.status_code == 200
    body = report.json()
    assert (body["committed_idr"], body["realised_idr"], body["realisation_rate_pct"]) == (12_000_000, 3_000_000, 25)
    assert [(g["key"], g["committed_idr"]) for g in body["by_buyer_type"]] == [("opd_provinsi", 12_000_000)]
    assert [(g["key"], g["realised_idr"]) for g in body["by_vendor_regency"]] == [("18.71", 3_000_000)]
    assert refused.status_code == 403
