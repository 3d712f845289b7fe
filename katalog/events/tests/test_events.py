"""Matching events through their services: slots, registration and invitations, the stored schedule and
its hand edits."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from django.utils import timezone

from katalog.audit.models import AuditEvent
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.events import selectors, services
from katalog.events.models import EventRegistration, EventStatus, Meeting
from katalog.vendors.tests.factories import VendorFactory

from .helpers import NOW, new_buyer, new_event, new_vendor, open_event, publish_need, register

pytestmark = pytest.mark.django_db


def places(event) -> list[tuple]:
    return sorted(Meeting.objects.filter(event=event).values_list("slot__position", "table", "buyer__organisation__name",
                                                                  "vendor__organisation__name", "pinned"))


@pytest.fixture
def fair(curator, scores):
    """An open event (3 slots, 2 tables) with three buyers and three vendors, and these best match scores:
    A–X 9, A–Y 8, A–Z 7, B–X 6, B–Y 5, C–X 4; nothing else matches."""
    people = {name: new_buyer(f"Buyer {name}") for name in "ABC"}
    vendors = {name: new_vendor(f"Vendor {name}") for name in "XYZ"}
    wanted = {"A": {"X": 9.0, "Y": 8.0, "Z": 7.0}, "B": {"X": 6.0, "Y": 5.0}, "C": {"X": 4.0}}
    for buyer, pairs in wanted.items():
        publish_need(scores, people[buyer], f"Tapis for {buyer}",
                     {vendors[v][1]: score for v, score in pairs.items()})
    event = open_event(curator)
    for user in [*people.values(), *(owner for owner, _ in vendors.values())]:
        register(user, event)
    return {"event": event, "buyers": people, "vendors": vendors}


# ---- Events and their slots ----


def test_an_event_gets_its_time_slots_in_jakarta_time(curator):
    event = new_event(curator, start_time=dt.time(9, 0), slot_minutes=20, break_minutes=10, slot_count=3)

    slots = list(event.slots.order_by("position"))

    assert [timezone.localtime(s.starts_at).strftime("%H:%M") for s in slots] == ["09:00", "09:30", "10:00"]
    assert [timezone.localtime(s.ends_at).strftime("%H:%M") for s in slots] == ["09:20", "09:50", "10:20"]
    assert slots[0].starts_at == dt.datetime(2025, 6, 2, 2, 0, tzinfo=dt.UTC)
    assert event.status == EventStatus.DRAFT
    assert AuditEvent.objects.filter(event_type="events.event.created", target_id=str(event.pk)).exists()


def test_only_curators_create_events(buyer):
    with pytest.raises(PermissionDeniedError):
        new_event(buyer)


def test_refuses_slots_running_past_midnight(curator):
    with pytest.raises(ValidationFailed) as refused:
        new_event(curator, start_time=dt.time(22, 0), slot_minutes=60, slot_count=3)
    assert "slot_count" in refused.value.field_errors


def test_moving_the_start_keeps_meetings_in_their_slots(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    before = places(event)

    services.event_update(actor=curator, event_id=event.pk, start_time=dt.time(13, 0), now=NOW)

    assert places(event) == before
    first = event.slots.order_by("position").first()
    assert timezone.localtime(first.starts_at).strftime("%H:%M") == "13:00"


def test_refuses_to_remove_tables_or_slots_holding_meetings(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)

    with pytest.raises(ValidationFailed) as tables:
        services.event_update(actor=curator, event_id=event.pk, table_count=1, now=NOW)
    with pytest.raises(ValidationFailed) as slots:
        services.event_update(actor=curator, event_id=event.pk, slot_count=1, now=NOW)

    assert "table_count" in tables.value.field_errors
    assert "slot_count" in slots.value.field_errors
    assert event.slots.count() == 3


def test_an_event_is_marked_held_only_from_its_date(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)

    with pytest.raises(InvalidTransition):
        services.event_set_status(actor=curator, event_id=event.pk, status=EventStatus.HELD,
                                  now=NOW - dt.timedelta(days=1))
    held = services.event_set_status(actor=curator, event_id=event.pk, status=EventStatus.HELD, now=NOW)

    assert held.status == EventStatus.HELD


# ---- Registration ----


def test_buyers_and_vendors_register_only_while_registration_is_open(curator, buyer, vendor_owner):
    event = new_event(curator)
    with pytest.raises(NotFoundError):
        register(buyer, event)

    services.event_set_status(actor=curator, event_id=event.pk, status=EventStatus.OPEN, now=NOW)
    as_buyer, as_vendor = register(buyer, event), register(vendor_owner, event)

    assert (as_buyer.kind, as_buyer.vendor_id, as_buyer.invited) == ("buyer", None, False)
    assert as_vendor.kind == "vendor" and as_vendor.vendor.organisation_id == as_vendor.organisation_id
    with pytest.raises(InvalidTransition) as twice:
        register(buyer, event)
    assert twice.value.code == "already_registered"


def test_a_vendor_not_yet_verified_cannot_register(curator):
    from katalog.accounts.tests.factories import MembershipFactory

    pending = VendorFactory(status="submitted")
    owner = MembershipFactory(organisation=pending.organisation, role="vendor_owner").user
    event = open_event(curator)

    with pytest.raises(PermissionDeniedError):
        register(owner, event)


def test_curators_invite_the_buyers_and_vendors_the_matches_bring_together(curator, scores):
    buyer = new_buyer("Dinas Pariwisata")
    owner, product = new_vendor("Tapis Jaya")
    _other_owner, unmatched = new_vendor("Tidak Cocok")
    publish_need(scores, buyer, "Tapis cenderamata", {product: 3.0})
    event = new_event(curator)

    candidates = selectors.invitation_candidates(event)
    ids = [row["organisation_id"] for row in candidates["buyers"] + candidates["vendors"]]
    created = services.registration_invite(actor=curator, event_id=event.pk, organisation_ids=ids, now=NOW)
    again = services.registration_invite(actor=curator, event_id=event.pk, organisation_ids=ids, now=NOW)

    buyer_org = buyer.memberships.get().organisation
    assert [row["organisation_id"] for row in candidates["buyers"]] == [buyer_org.pk]
    assert [row["code"] for row in candidates["vendors"]] == [product.vendor.code]
    assert unmatched.vendor.code not in [row["code"] for row in candidates["vendors"]]
    assert sorted((r.kind, r.invited) for r in created) == [("buyer", True), ("vendor", True)]
    assert again == []
    assert all(row["registered"] for row in selectors.invitation_candidates(event)["buyers"])


def test_only_curators_invite(curator, buyer, other_vendor):
    event = new_event(curator)
    with pytest.raises(PermissionDeniedError):
        services.registration_invite(actor=buyer, event_id=event.pk, organisation_ids=[other_vendor.organisation_id],
                                     now=NOW)


# ---- The schedule ----


def test_the_stored_schedule_keeps_every_rule_and_meets_the_best_pairs_first(fair, curator):
    event = fair["event"]

    summary = services.event_schedule(actor=curator, event_id=event.pk, now=NOW)

    meetings = list(Meeting.objects.filter(event=event).select_related("buyer__organisation", "vendor__organisation"))
    assert summary["pairs"] == 6 and summary["meetings"] == len(meetings) == 6
    for key in (lambda m: (m.slot_id, m.buyer_id), lambda m: (m.slot_id, m.vendor_id), lambda m: (m.slot_id, m.table)):
        assert max(Counter(map(key, meetings)).values()) == 1
    assert all(1 <= m.table <= event.table_count for m in meetings)
    best = {(m.buyer.organisation.name[-1], m.vendor.organisation.name[-1]): m.score for m in meetings}
    assert best == {("A", "X"): 9.0, ("A", "Y"): 8.0, ("A", "Z"): 7.0, ("B", "X"): 6.0, ("B", "Y"): 5.0,
                    ("C", "X"): 4.0}
    assert selectors.schedule_violations(event) == []
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED and event.scheduled_at == NOW


def test_a_larger_stored_schedule_keeps_every_rule_and_every_limit(curator, scores):
    pick = random.Random(20250602)
    buyers = [new_buyer(f"Buyer {n}") for n in range(6)]
    vendors = [new_vendor(f"Vendor {n}") for n in range(8)]
    expected = {}
    for b, buyer in enumerate(buyers):
        chosen = pick.sample(range(len(vendors)), 5)
        pairs = {vendors[v][1]: round(pick.uniform(0.5, 9.5), 2) for v in chosen}
        publish_need(scores, buyer, f"Kebutuhan {b}", pairs)
        expected.update({(f"Buyer {b}", f"Vendor {v}"): pairs[vendors[v][1]] for v in chosen})
    event = open_event(curator, slot_count=4, table_count=3)
    for buyer in buyers:
        services.registration_create(actor=buyer, event_id=event.pk, max_meetings=3, now=NOW)
    for owner, _product in vendors:
        register(owner, event)

    summary = services.event_schedule(actor=curator, event_id=event.pk, now=NOW)

    meetings = list(Meeting.objects.filter(event=event).values_list(
        "slot_id", "table", "buyer__organisation__name", "vendor__organisation__name", "score"))
    assert summary["meetings"] == len(meetings) > 0
    assert summary["meetings"] + summary["unscheduled_count"] == summary["pairs"] == len(expected)
    for key in (lambda m: (m[0], m[2]), lambda m: (m[0], m[3]), lambda m: (m[0], m[1]), lambda m: (m[2], m[3])):
        assert max(Counter(map(key, meetings)).values()) == 1
    assert max(Counter(m[2] for m in meetings).values()) <= 3
    assert all(1 <= m[1] <= 3 and expected[(m[2], m[3])] == m[4] for m in meetings)
    assert selectors.schedule_violations(event) == []


def test_a_pair_is_scored_by_its_best_fitting_match_and_unfit_matches_make_no_pair(curator, scores):
    buyer = new_buyer("Dinas Koperasi")
    owner, product = new_vendor("Tapis Indah")
    unfit_owner, unfit_product = new_vendor("Tapis Mahal")
    publish_need(scores, buyer, "Tapis untuk tamu", {product: 2.0})
    publish_need(scores, buyer, "Tapis untuk seminar", {product: 5.5})
    publish_need(scores, buyer, "Tapis untuk pejabat", {unfit_product: 8.0}, fits=False)
    event = open_event(curator)
    for user in (buyer, owner, unfit_owner):
        register(user, event)

    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)

    assert list(Meeting.objects.filter(event=event).values_list("vendor__organisation__name", "score")) == [
        ("Tapis Indah", 5.5)]


def test_only_curators_run_the_schedule(fair):
    event = fair["event"]
    for user in (fair["buyers"]["A"], fair["vendors"]["X"][0]):
        with pytest.raises(PermissionDeniedError):
            services.event_schedule(actor=user, event_id=event.pk, now=NOW)
    assert not Meeting.objects.filter(event=event).exists()


def test_running_again_keeps_hand_fixed_meetings_and_replaces_the_others(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    services.event_update(actor=curator, event_id=event.pk, table_count=3, now=NOW)
    c_x = Meeting.objects.get(event=event, buyer__organisation__name="Buyer C")
    others = set(Meeting.objects.filter(event=event).exclude(pk=c_x.pk).values_list("pk", flat=True))
    services.meeting_move(actor=curator, meeting_id=c_x.pk, slot_id=c_x.slot_id, table=3, now=NOW)

    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)

    kept = Meeting.objects.get(event=event, buyer__organisation__name="Buyer C")
    assert (kept.pk, kept.slot_id, kept.table, kept.pinned) == (c_x.pk, c_x.slot_id, 3, True)
    assert Meeting.objects.filter(event=event).count() == 6
    assert not others & set(Meeting.objects.filter(event=event).values_list("pk", flat=True))
    event.refresh_from_db()
    assert selectors.schedule_violations(event) == []


def test_a_hand_edit_that_double_books_is_refused_with_the_reason(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    services.event_update(actor=curator, event_id=event.pk, table_count=4, now=NOW)  # table 4 is free everywhere
    first, second = Meeting.objects.filter(event=event, buyer__organisation__name="Buyer A").order_by("slot__position")[:2]
    before = places(event)

    with pytest.raises(ValidationFailed) as refused:
        services.meeting_move(actor=curator, meeting_id=second.pk, slot_id=first.slot_id, table=4, now=NOW)

    assert refused.value.code == "schedule_violation"
    assert "buyer_double_booked" in refused.value.violation_codes
    assert "table_double_booked" not in refused.value.violation_codes
    assert any("Buyer A" in message for message in refused.value.field_errors["schedule"])
    assert places(event) == before


def test_a_hand_edit_onto_a_taken_table_or_an_unknown_one_is_refused(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    c_x = Meeting.objects.get(event=event, buyer__organisation__name="Buyer C")
    neighbour = Meeting.objects.filter(slot_id=c_x.slot_id).exclude(pk=c_x.pk).get()

    with pytest.raises(ValidationFailed) as taken:
        services.meeting_move(actor=curator, meeting_id=c_x.pk, slot_id=c_x.slot_id, table=neighbour.table, now=NOW)
    with pytest.raises(ValidationFailed) as unknown:
        services.meeting_move(actor=curator, meeting_id=c_x.pk, slot_id=c_x.slot_id, table=3, now=NOW)

    assert taken.value.violation_codes == ["table_double_booked"]
    assert unknown.value.violation_codes == ["unknown_table"]
    c_x.refresh_from_db()
    assert not c_x.pinned


def test_hand_edits_move_pin_remove_and_add_a_meeting(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    c_x = Meeting.objects.get(event=event, buyer__organisation__name="Buyer C")
    buyer_c, vendor_x = c_x.buyer_id, c_x.vendor_id

    services.meeting_pin(actor=curator, meeting_id=c_x.pk, pinned=True, now=NOW)
    assert Meeting.objects.get(pk=c_x.pk).pinned
    services.meeting_remove(actor=curator, meeting_id=c_x.pk, now=NOW)
    assert not Meeting.objects.filter(pk=c_x.pk).exists()
    free = next((s, t) for s in event.slots.all() for t in (1, 2)
                if not Meeting.objects.filter(slot=s, table=t).exists()
                and not Meeting.objects.filter(slot=s, buyer_id=buyer_c).exists()
                and not Meeting.objects.filter(slot=s, vendor_id=vendor_x).exists())
    added = services.meeting_add(actor=curator, event_id=event.pk, buyer_registration_id=buyer_c,
                                 vendor_registration_id=vendor_x, slot_id=free[0].pk, table=free[1], now=NOW)

    assert (added.score, added.pinned) == (4.0, True)
    assert AuditEvent.objects.filter(event_type__startswith="events.meeting.").count() == 3


def test_a_pair_that_is_not_a_match_cannot_be_added_by_hand(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    buyer_c = EventRegistration.objects.get(event=event, organisation__name="Buyer C")
    vendor_z = EventRegistration.objects.get(event=event, organisation__name="Vendor Z")

    with pytest.raises(ValidationFailed) as refused:
        services.meeting_add(actor=curator, event_id=event.pk, buyer_registration_id=buyer_c.pk,
                             vendor_registration_id=vendor_z.pk, slot_id=event.slots.first().pk, table=1, now=NOW)

    assert refused.value.code == "schedule_violation"
    assert not Meeting.objects.filter(buyer=buyer_c, vendor=vendor_z).exists()


def test_withdrawing_takes_the_meetings_along_and_is_for_curators_once_scheduled(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    buyer_c = fair["buyers"]["C"]
    registration = EventRegistration.objects.get(event=event, organisation__name="Buyer C")

    with pytest.raises(InvalidTransition):
        services.registration_cancel(actor=buyer_c, registration_id=registration.pk, now=NOW)
    with pytest.raises(NotFoundError):
        services.registration_cancel(actor=fair["buyers"]["A"], registration_id=registration.pk, now=NOW)
    services.registration_cancel(actor=curator, registration_id=registration.pk, now=NOW)

    assert not Meeting.objects.filter(event=event, buyer_id=registration.pk).exists()
    assert Meeting.objects.filter(event=event).count() == 5


def test_participants_see_only_their_own_meetings(fair, curator):
    event = fair["event"]
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)

    mine = selectors.schedule_for(fair["buyers"]["B"], event.pk)
    everything = selectors.schedule_for(curator, event.pk)

    assert {m["vendor"]["name"] for m in mine} == {"Vendor X", "Vendor Y"}
    assert {m["buyer"]["name"] for m in mine} == {"Buyer B"}
    assert len(everything) == 6
