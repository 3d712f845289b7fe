"""Reads of matching events, their participants and schedules, with who may see what.

- Curators (and leaders) see every event, drafts too, with every registration and the whole schedule.
- Buyers and vendors see events once they are open for registration; of the schedule they see only
  their own organisation's meetings.
"""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Organisation
from katalog.catalog.models import ProductStatus
from katalog.core import clock
from katalog.core.errors import NotFoundError, PermissionDeniedError
from katalog.matching.models import NeedMatch, NeedStatus
from katalog.vendors.models import Vendor, VendorStatus

from .models import (
    COMMITMENT_STATUSES,
    HAND_EDIT_STATUSES,
    INVITATION_STATUSES,
    SCHEDULING_STATUSES,
    SELF_REGISTRATION_STATUSES,
    EventRegistration,
    EventStatus,
    MatchingEvent,
    Meeting,
    RegistrationKind,
)
from .schedule_input import PAIRS_FROM_FITTING_MATCHES_ONLY, event_problem, slot_label
from .scheduling import check_schedule

PRINT_VIEWS = ("table", "buyer", "vendor")


def _not_found() -> NotFoundError:
    return NotFoundError(_("No such event."))


def events_visible_to(user) -> QuerySet[MatchingEvent]:
    events = MatchingEvent.objects.all()
    if not access.is_leader(user):
        events = events.exclude(status=EventStatus.DRAFT)
    return events


def event_list_for(user, *, status: str = "") -> QuerySet[MatchingEvent]:
    events = events_visible_to(user).annotate(
        buyer_count=Count("registrations", filter=Q(registrations__kind=RegistrationKind.BUYER), distinct=True),
        vendor_count=Count("registrations", filter=Q(registrations__kind=RegistrationKind.VENDOR), distinct=True),
    )
    if status:
        events = events.filter(status=status)
    return events.order_by("-date", "-id")


def event_get_for(user, event_id: int) -> MatchingEvent:
    event = events_visible_to(user).filter(pk=event_id).first()
    if event is None:
        raise _not_found()
    return event


def participant_organisation_id(user) -> int | None:
    """The organisation the user takes part for: its buyer organisation, else its vendor business."""
    membership = access.buyer_membership(user) or access.vendor_membership(user)
    return membership.organisation_id if membership else None


def my_registration(user, event: MatchingEvent) -> EventRegistration | None:
    organisation_id = participant_organisation_id(user)
    if organisation_id is None:
        return None
    return EventRegistration.objects.filter(event=event, organisation_id=organisation_id).first()


def registered_event_ids(user, event_ids: list[int]) -> set[int]:
    """Which of these events the user's organisation is registered for."""
    organisation_id = participant_organisation_id(user)
    if organisation_id is None:
        return set()
    return set(EventRegistration.objects.filter(organisation_id=organisation_id, event_id__in=event_ids)
               .values_list("event_id", flat=True))


# ---- Plain data ----


def slot_facts(slot) -> dict:
    return {"id": slot.pk, "position": slot.position, "starts_at": slot.starts_at, "ends_at": slot.ends_at,
            "label": slot_label(slot)}


def event_facts(event: MatchingEvent) -> dict:
    return {
        "id": event.pk, "name": event.name, "date": event.date, "venue": event.venue,
        "description": event.description, "status": event.status, "status_label": str(event.get_status_display()),
        "start_time": event.start_time.strftime("%H:%M"), "slot_minutes": event.slot_minutes,
        "break_minutes": event.break_minutes, "table_count": event.table_count,
        "slots": [slot_facts(s) for s in event.slots.order_by("position")],
        "scheduled_at": event.scheduled_at, "created_at": event.created_at, "updated_at": event.updated_at,
    }


def registration_facts(registration: EventRegistration, meeting_count: int = 0) -> dict:
    organisation = registration.organisation
    vendor = registration.vendor
    return {
        "id": registration.pk, "kind": registration.kind, "kind_label": str(registration.get_kind_display()),
        "organisation": {"id": organisation.pk, "name": organisation.name, "buyer_type": organisation.buyer_type},
        "vendor": {"code": vendor.code, "region": vendor.region.name if vendor.region_id else None,
                   "scale": vendor.scale} if vendor else None,
        "invited": registration.invited, "registered_at": registration.registered_at,
        "max_meetings": registration.max_meetings, "meetings": meeting_count,
    }


def registrations_of(event: MatchingEvent) -> list[dict]:
    rows = (
        EventRegistration.objects.filter(event=event).select_related("organisation", "vendor__region")
        .annotate(buyer_n=Count("buyer_meetings", distinct=True), vendor_n=Count("vendor_meetings", distinct=True))
        .order_by("kind", "organisation__name", "id")
    )
    return [registration_facts(r, r.buyer_n + r.vendor_n) for r in rows]


def registrations_for(user, event_id: int) -> list[dict]:
    """Every registration for curators; a buyer or vendor sees only its own."""
    event = event_get_for(user, event_id)
    rows = registrations_of(event)
    if access.is_leader(user):
        return rows
    mine = participant_organisation_id(user)
    return [row for row in rows if row["organisation"]["id"] == mine]


def meeting_facts(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk, "slot": slot_facts(meeting.slot), "table": meeting.table,
        "buyer": {"registration_id": meeting.buyer_id, "name": meeting.buyer.organisation.name},
        "vendor": {"registration_id": meeting.vendor_id, "name": meeting.vendor.organisation.name,
                   "code": meeting.vendor.vendor.code if meeting.vendor.vendor_id else None},
        "score": meeting.score, "pinned": meeting.pinned,
    }


def _meetings(event: MatchingEvent) -> list[Meeting]:
    return list(
        Meeting.objects.filter(event=event)
        .select_related("slot", "buyer__organisation", "vendor__organisation", "vendor__vendor")
        .order_by("slot__position", "table")
    )


def meeting_of_event(user, event_id: int, meeting_id: int) -> dict:
    """A meeting of an event the user may see; "not found" when it is of another event."""
    event = event_get_for(user, event_id)
    meeting = Meeting.objects.filter(event=event, pk=meeting_id).select_related(
        "slot", "buyer__organisation", "vendor__organisation", "vendor__vendor").first()
    if meeting is None:
        raise NotFoundError(_("No such meeting."))
    return meeting_facts(meeting)


def event_meetings(event: MatchingEvent) -> list[dict]:
    return [meeting_facts(m) for m in _meetings(event)]


# ---- Schedules ----


def schedule_for(user, event_id: int) -> list[dict]:
    """The whole schedule for curators; a participant's own meetings for a buyer or vendor."""
    event = event_get_for(user, event_id)
    meetings = event_meetings(event)
    if access.is_leader(user):
        return meetings
    registration = my_registration(user, event)
    if registration is None:
        return []
    return [m for m in meetings if registration.pk in (m["buyer"]["registration_id"], m["vendor"]["registration_id"])]


def schedule_grid(event: MatchingEvent) -> dict:
    """Slot × table: each row a slot, each cell the meeting at that table (None when free)."""
    tables = list(range(1, event.table_count + 1))
    by_place = {(m["slot"]["id"], m["table"]): m for m in event_meetings(event)}
    rows = [{"slot": slot_facts(slot), "cells": [by_place.get((slot.pk, t)) for t in tables]}
            for slot in event.slots.order_by("position")]
    return {"tables": tables, "rows": rows, "meeting_count": len(by_place)}


def schedule_violations(event: MatchingEvent) -> list[str]:
    """What is wrong with the stored schedule now (normally nothing: every edit is checked)."""
    meetings = list(Meeting.objects.filter(event=event))
    built = event_problem(event, meetings=meetings)
    return [v.message for v in check_schedule(built.problem, [built.booking_of(m) for m in meetings])]


def _agenda(title: str, rows: list[dict], *, registration_id: int | None = None) -> dict:
    return {"title": title, "registration_id": registration_id, "rows": rows}


def printable_schedule(event: MatchingEvent, by: str) -> list[dict]:
    """One agenda per table, per buyer or per vendor, each a list of rows by slot, for printing."""
    meetings = event_meetings(event)
    if by == "table":
        slots = [slot_facts(s) for s in event.slots.order_by("position")]
        at = {(m["slot"]["id"], m["table"]): m for m in meetings}
        return [
            _agenda(_("Table %(number)d") % {"number": table}, [
                {"slot": slot, "meeting": at.get((slot["id"], table))} for slot in slots
            ])
            for table in range(1, event.table_count + 1)
        ]
    side, other = ("buyer", "vendor") if by == "buyer" else ("vendor", "buyer")
    kind = RegistrationKind.BUYER if by == "buyer" else RegistrationKind.VENDOR
    registrations = EventRegistration.objects.filter(event=event, kind=kind).select_related("organisation")
    agendas = []
    for registration in registrations.order_by("organisation__name", "id"):
        own = [m for m in meetings if m[side]["registration_id"] == registration.pk]
        agendas.append(_agenda(registration.organisation.name, [
            {"slot": m["slot"], "table": m["table"], "with": m[other]["name"], "meeting": m} for m in own
        ], registration_id=registration.pk))
    return agendas


def my_agenda(user, event_id: int) -> dict | None:
    """The user's organisation's own meetings at the event (None if it is not registered)."""
    event = event_get_for(user, event_id)
    registration = my_registration(user, event)
    if registration is None:
        return None
    by = "buyer" if registration.kind == RegistrationKind.BUYER else "vendor"
    agendas = [a for a in printable_schedule(event, by) if a["registration_id"] == registration.pk]
    return agendas[0]


# ---- Invitations from the stored matches ----


def invitation_candidates(event: MatchingEvent) -> dict:
    """Buyers with open needs that listed products fit, and the vendors of those products, best first;
    each marked when already registered."""
    matches = NeedMatch.objects.filter(
        need__status=NeedStatus.OPEN, score__gt=0, product__status=ProductStatus.APPROVED,
        product__vendor__status=VendorStatus.VERIFIED,
    )
    if PAIRS_FROM_FITTING_MATCHES_ONLY:
        matches = matches.filter(fits=True)
    pairs = list(matches.values("need__buyer_organisation_id", "product__vendor_id").annotate(
        best=Max("score"), needs=Count("need", distinct=True)))
    registered = set(EventRegistration.objects.filter(event=event).values_list("organisation_id", flat=True))
    buyers: dict[int, dict] = {}
    vendors: dict[int, dict] = {}
    for pair in pairs:
        buyer = buyers.setdefault(pair["need__buyer_organisation_id"], {"vendors": 0, "best": 0.0})
        buyer["vendors"] += 1
        buyer["best"] = max(buyer["best"], pair["best"])
        vendor = vendors.setdefault(pair["product__vendor_id"], {"buyers": 0, "needs": 0, "best": 0.0})
        vendor["buyers"] += 1
        vendor["needs"] += pair["needs"]
        vendor["best"] = max(vendor["best"], pair["best"])
    open_needs = dict(
        Organisation.objects.filter(pk__in=list(buyers)).annotate(
            n=Count("needs", filter=Q(needs__status=NeedStatus.OPEN))).values_list("pk", "n")
    )
    buyer_rows = [
        {"organisation_id": o.pk, "name": o.name, "buyer_type": o.get_buyer_type_display(),
         "open_needs": open_needs.get(o.pk, 0), "vendors": buyers[o.pk]["vendors"],
         "best_score": round(buyers[o.pk]["best"], 4), "registered": o.pk in registered}
        for o in Organisation.objects.filter(pk__in=list(buyers))
    ]
    vendor_rows = [
        {"organisation_id": v.organisation_id, "code": v.code, "name": v.name,
         "region": v.region.name if v.region_id else None, "buyers": vendors[v.pk]["buyers"],
         "needs": vendors[v.pk]["needs"], "best_score": round(vendors[v.pk]["best"], 4),
         "registered": v.organisation_id in registered}
        for v in Vendor.objects.filter(pk__in=list(vendors)).select_related("region")
    ]
    buyer_rows.sort(key=lambda r: (-r["vendors"], -r["best_score"], r["name"]))
    vendor_rows.sort(key=lambda r: (-r["best_score"], -r["buyers"], r["name"]))
    return {"buyers": buyer_rows, "vendors": vendor_rows}


# ---- One page of an event ----


def event_detail(user, event_id: int) -> dict:
    event = event_get_for(user, event_id)
    is_curator = access.is_curator(user)
    registration = my_registration(user, event)
    data = event_facts(event)
    data["summary"] = event.schedule_summary or {}
    data["meeting_count"] = event.meetings.count()
    data["registrations"] = registrations_of(event) if access.is_leader(user) else []
    data["my_registration"] = registration_facts(registration) if registration else None
    is_participant = participant_organisation_id(user) is not None
    data["viewer"] = {
        "is_curator": is_curator,
        "is_leader": access.is_leader(user),
        "may_register": is_participant and registration is None and event.status in SELF_REGISTRATION_STATUSES,
        "may_withdraw": registration is not None and event.status in SELF_REGISTRATION_STATUSES,
        "may_invite": is_curator and event.status in INVITATION_STATUSES,
        "may_schedule": is_curator and event.status in SCHEDULING_STATUSES,
        "may_edit_schedule": is_curator and event.status in HAND_EDIT_STATUSES,
        "may_record_commitment": access.buyer_membership(user) is not None and registration is not None
        and event.status in COMMITMENT_STATUSES and event.date <= clock.today(),
    }
    return data


def require_leader_for_report(user) -> None:
    if not access.is_leader(user):
        raise PermissionDeniedError(_("Only curators and leaders see event reports."))
