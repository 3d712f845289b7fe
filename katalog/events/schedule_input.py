"""From an event's rows to the pure scheduler's plain data, and back.

Who may meet whom comes from the stored matches of the matching app: a buyer and a vendor are a
candidate pair when one of the buyer's open needs has one of the vendor's listed products among its
stored matches, fitting and with a score above zero. The pair's score is the best such match score,
so the best matches are scheduled first. A pair already in the schedule stays a candidate with the
score it was placed with, even if the needs changed since, so re-checking a hand edit never trips
over a meeting nobody touched.

Participants, slots and tables are wrapped in `Ref`s that compare by database id and print as a
name, so the scheduler's violation messages name organisations and times, not numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from katalog.catalog.models import ProductStatus
from katalog.matching.models import NeedMatch, NeedStatus
from katalog.vendors.models import VendorStatus

from .models import EventRegistration, EventSlot, MatchingEvent, Meeting, RegistrationKind
from .schedule_types import Booking, CandidatePair, Participant, SchedulingProblem

# Only matches that can fill the need make a pair worth a meeting.
PAIRS_FROM_FITTING_MATCHES_ONLY = True


@dataclass(frozen=True)
class Ref:
    """A database row as the scheduler sees it: equal by id, shown by name."""

    pk: int
    label: str = field(compare=False)

    def __str__(self) -> str:
        return self.label


def slot_label(slot: EventSlot) -> str:
    start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    return f"{slot.position} ({start:%H:%M}–{end:%H:%M})"


def pair_scores(buyers: Iterable[EventRegistration], vendors: Iterable[EventRegistration]) -> dict[tuple[int, int], float]:
    """(buyer registration id, vendor registration id) → best stored match score, for pairs worth a meeting."""
    buyer_by_organisation = {r.organisation_id: r.pk for r in buyers}
    vendor_by_vendor = {r.vendor_id: r.pk for r in vendors}
    if not buyer_by_organisation or not vendor_by_vendor:
        return {}
    matches = NeedMatch.objects.filter(
        need__status=NeedStatus.OPEN,
        need__buyer_organisation_id__in=list(buyer_by_organisation),
        product__vendor_id__in=list(vendor_by_vendor),
        product__status=ProductStatus.APPROVED,
        product__vendor__status=VendorStatus.VERIFIED,
        score__gt=0,
    )
    if PAIRS_FROM_FITTING_MATCHES_ONLY:
        matches = matches.filter(fits=True)
    rows = matches.values("need__buyer_organisation_id", "product__vendor_id").annotate(best=Max("score"))
    return {
        (buyer_by_organisation[row["need__buyer_organisation_id"]], vendor_by_vendor[row["product__vendor_id"]]):
            float(row["best"])
        for row in rows
    }


def _ref(known: dict[int, Ref], pk: int) -> Ref:
    # An id the event does not know still becomes a Ref: check_schedule then names it as unknown.
    return known.get(pk) or Ref(pk, str(pk))


@dataclass
class EventProblem:
    """The scheduling problem of one event, with the maps back to its rows."""

    slots: dict[int, Ref]
    buyers: dict[int, Ref]
    vendors: dict[int, Ref]
    scores: dict[tuple[int, int], float]
    problem: SchedulingProblem | None = None

    def booking(self, *, buyer_id: int, vendor_id: int, slot_id: int, table: int) -> Booking:
        return Booking(buyer=_ref(self.buyers, buyer_id), vendor=_ref(self.vendors, vendor_id),
                       slot=_ref(self.slots, slot_id), table=table)

    def booking_of(self, meeting: Meeting) -> Booking:
        return self.booking(buyer_id=meeting.buyer_id, vendor_id=meeting.vendor_id, slot_id=meeting.slot_id,
                            table=meeting.table)


def event_problem(event: MatchingEvent, *, meetings: Iterable[Meeting] = (), pinned: Iterable[Meeting] = ()) -> EventProblem:
    """The event's slots, tables, registrations and candidate pairs; `meetings` already placed stay candidates,
    `pinned` ones must stay where they are."""
    slots = {s.pk: Ref(s.pk, slot_label(s)) for s in event.slots.order_by("position")}
    registrations = list(
        EventRegistration.objects.filter(event=event).select_related("organisation").order_by("registered_at", "id")
    )
    buyer_rows = [r for r in registrations if r.kind == RegistrationKind.BUYER]
    vendor_rows = [r for r in registrations if r.kind == RegistrationKind.VENDOR]
    buyers = {r.pk: Ref(r.pk, r.organisation.name) for r in buyer_rows}
    vendors = {r.pk: Ref(r.pk, r.organisation.name) for r in vendor_rows}
    scores = pair_scores(buyer_rows, vendor_rows)
    for meeting in [*meetings, *pinned]:
        key = (meeting.buyer_id, meeting.vendor_id)
        if key not in scores and meeting.buyer_id in buyers and meeting.vendor_id in vendors and meeting.score > 0:
            scores[key] = meeting.score
    candidates = [
        CandidatePair(buyer=buyers[b], vendor=vendors[v], score=score) for (b, v), score in sorted(scores.items())
    ]
    result = EventProblem(slots=slots, buyers=buyers, vendors=vendors, scores=scores)
    result.problem = SchedulingProblem(
        slots=tuple(slots.values()),
        tables=tuple(range(1, event.table_count + 1)),
        buyers=tuple(Participant(buyers[r.pk], max_meetings=r.max_meetings) for r in buyer_rows),
        vendors=tuple(Participant(vendors[r.pk], max_meetings=r.max_meetings) for r in vendor_rows),
        candidates=tuple(candidates),
        pinned=tuple(result.booking_of(m) for m in pinned),
    )
    return result
