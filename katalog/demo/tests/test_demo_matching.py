"""The demo's needs, matches, vendors' answers and business-matching events (the `demo` fixture in
conftest.py loads the whole demo once)."""

import datetime as dt
import io
from collections import Counter

from django.core.management import call_command
from django.utils import timezone

from katalog.accounts.models import User
from katalog.events import services as event_services
from katalog.events.models import (
    Commitment,
    CommitmentRealisation,
    EventRegistration,
    EventStatus,
    MatchingEvent,
    Meeting,
    RegistrationKind,
)
from katalog.events.realisation import REALISED_ORDER_STATUSES
from katalog.events.reports import event_report
from katalog.events.selectors import schedule_violations
from katalog.matching import selectors as matching_selectors
from katalog.matching.models import InterestKind, Need, NeedInterest, NeedMatch, NeedStatus


def past_event() -> MatchingEvent:
    return MatchingEvent.objects.get(status=EventStatus.HELD)


def test_buyers_of_every_kind_have_open_needs_with_stored_matches(demo, db):
    open_needs = Need.objects.filter(status=NeedStatus.OPEN)
    buyer_types = set(open_needs.values_list("buyer_organisation__buyer_type", flat=True))

    assert 15 <= open_needs.count() <= 25
    assert open_needs.values("buyer_organisation").distinct().count() >= 7
    assert {"opd_provinsi", "opd_kabkota", "instansi_vertikal", "bumn", "bumd", "swasta"} <= buyer_types
    assert all(need.matched_at is not None and need.matches.exists() for need in open_needs)
    assert sum(need.matches.filter(fits=True).exists() for need in open_needs) >= open_needs.count() - 2
    assert all(need.budget_idr and need.needed_by > timezone.localdate() for need in open_needs)


def test_some_needs_were_imported_by_the_curator_and_some_written_by_their_buyers(demo, db):
    authors = Counter(Need.objects.values_list("created_by__username", flat=True))

    assert authors["kurator"] >= 4
    assert len(authors) >= 5


def test_hard_requirements_written_in_needs_are_honoured_by_the_stored_matches(demo, db):
    from_pesawaran = Need.objects.get(description__icontains="asal pesawaran")
    local_umkm = Need.objects.filter(description__icontains="wajib umkm lampung")

    fitting = NeedMatch.objects.filter(need=from_pesawaran, fits=True).select_related("product__origin_region")
    assert fitting and all(m.product.origin_region.code == "18.09" for m in fitting)
    assert local_umkm.count() >= 3
    for match in NeedMatch.objects.filter(need__in=local_umkm, fits=True).select_related("product__vendor__region"):
        assert match.product.vendor.region.code.startswith("18.") and match.product.vendor.scale != "besar"


def test_vendors_see_the_needs_they_answered_among_their_opportunities_and_buyers_see_the_answers(demo, db):
    interests = list(NeedInterest.objects.select_related("need", "vendor", "created_by"))

    assert len(interests) >= 5
    assert Counter(i.kind for i in interests)[InterestKind.OFFER] >= 2
    for interest in interests:
        opportunities = matching_selectors.opportunities_for(interest.created_by)
        assert interest.need_id in {item["id"] for item in opportunities}
        buyer = User.objects.filter(memberships__organisation=interest.need.buyer_organisation).first()
        seen = matching_selectors.interests_for(buyer, interest.need_id)
        assert interest.vendor.code in {row["vendor"]["code"] for row in seen}


def test_the_past_event_was_held_weeks_ago_and_its_schedule_keeps_every_rule(demo, db):
    event = past_event()
    registrations = Counter(EventRegistration.objects.filter(event=event).values_list("kind", flat=True))
    meetings = list(Meeting.objects.filter(event=event))

    assert timezone.localdate() - dt.timedelta(days=45) < event.date < timezone.localdate() - dt.timedelta(days=14)
    assert timezone.localdate(event.scheduled_at) < event.date
    assert registrations[RegistrationKind.BUYER] >= 5 and registrations[RegistrationKind.VENDOR] >= 10
    assert len(meetings) >= 15
    assert schedule_violations(event) == []
    for who in ("buyer_id", "vendor_id", "table"):
        assert len({(m.slot_id, getattr(m, who)) for m in meetings}) == len(meetings)
    assert all(1 <= m.table <= event.table_count and m.score > 0 for m in meetings)


def test_commitments_were_recorded_at_the_event_between_buyers_and_vendors_who_met(demo, db):
    event = past_event()
    commitments = list(Commitment.objects.filter(event=event).select_related("vendor"))

    assert len(commitments) >= 5
    assert len({c.buyer_organisation_id for c in commitments}) >= 4
    for commitment in commitments:
        assert timezone.localdate(commitment.recorded_at) == event.date
        assert Meeting.objects.filter(event=event, buyer__organisation_id=commitment.buyer_organisation_id,
                                      vendor__vendor=commitment.vendor).exists()


def test_the_commitments_are_partly_realised_by_orders_made_after_the_event(demo, db):
    event = past_event()
    links = list(CommitmentRealisation.objects.filter(commitment__event=event).select_related("commitment", "order"))

    report = event_report(event)

    assert 0 < report["realised_idr"] < report["committed_idr"]
    assert 0 < report["realisation_rate_pct"] < 100
    assert report["in_progress_idr"] > 0
    assert sum(link.order.status in REALISED_ORDER_STATUSES for link in links) >= 2
    assert Commitment.objects.filter(event=event, realisations__isnull=True).exists()
    for link in links:
        assert timezone.localdate(link.order.created_at) > event.date
        assert (link.order.buyer_organisation_id, link.order.vendor_id) == (
            link.commitment.buyer_organisation_id, link.commitment.vendor_id)


def test_needs_met_by_the_event_orders_were_closed_as_fulfilled(demo, db):
    fulfilled = Need.objects.filter(status=NeedStatus.FULFILLED)

    assert fulfilled.count() >= 2
    assert all(need.closed_at < timezone.now() for need in fulfilled)


def test_an_upcoming_event_is_open_for_registration_and_a_demo_vendor_can_register(demo, db):
    event = MatchingEvent.objects.get(status=EventStatus.OPEN)
    penyedia = User.objects.get(username="penyedia")

    registration = event_services.registration_create(actor=penyedia, event_id=event.pk, now=timezone.now())

    assert event.date > timezone.localdate()
    assert EventRegistration.objects.filter(event=event).count() >= 5
    assert registration.kind == RegistrationKind.VENDOR


def test_running_it_again_adds_no_need_interest_event_meeting_or_commitment(demo, db):
    models = [Need, NeedMatch, NeedInterest, MatchingEvent, EventRegistration, Meeting, Commitment,
              CommitmentRealisation]
    before = {m.__name__: m.objects.count() for m in models}

    call_command("load-demo", stdout=io.StringIO())

    assert {m.__name__: m.objects.count() for m in models} == before
