"""Matching events (temu bisnis), their 1:1 meeting schedules, and commitments with their realisation.

Curators create events, invite participants, run the schedule and edit it by hand (each edit re-checked:
a refused edit is a 422 whose `errors.schedule` lists every broken rule). Buyers and vendors see events
once open, register themselves and see their own meetings. Buyers record their organisation's
commitments and link the orders that realise them; another organisation's commitment is a 404.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from katalog.accounts import access
from katalog.core import clock
from katalog.core.errors import NotFoundError, ValidationFailed
from katalog.events import commitment_selectors as commitments
from katalog.events import reports, services
from katalog.events import selectors as events
from katalog.events.models import CommitmentStatus, EventStatus

from . import selectors
from .auth import AUTH
from .event_schemas import (
    CancelIn,
    CandidatesOut,
    CommitmentDetailOut,
    CommitmentFilters,
    CommitmentIn,
    CommitmentOut,
    CommitmentPage,
    EventDetailOut,
    EventFilters,
    EventIn,
    EventPage,
    EventPatch,
    LinkIn,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    OrderRefOut,
    RegistrationIn,
    RegistrationOut,
    ReportOut,
    ScheduleOut,
)
from .procurement_schemas import plain
from .schemas import ERRORS

router = Router(tags=["events"], auth=AUTH)


def _choice(value: str, allowed: list[str], field: str) -> str:
    value = (value or "").strip()
    if value and value not in allowed:
        message = _("Unknown value %(value)r (use one of: %(allowed)s).") % {"value": value, "allowed": ", ".join(allowed)}
        raise ValidationFailed(message, field_errors={field: [message]})
    return value


def _event_out(facts: dict) -> dict:
    facts["url"] = reverse("api:event_get", args=[facts["id"]])
    return plain(facts)


def _event_detail(user, event_id: int) -> dict:
    data = events.event_detail(user, event_id)
    keep = {k: v for k, v in data.items() if k not in ("registrations", "summary", "viewer")}
    return _event_out(keep)


def _commitment_out(row: dict) -> dict:
    row["url"] = reverse("api:commitment_get", args=[row["id"]])
    return plain(row)


# ---- Events ----

@router.get("/events", response={200: EventPage, **ERRORS}, summary="Matching events, latest first",
            description="Curators see drafts too; buyers and vendors see events once registration opens.")
def event_list(request, filters: Query[EventFilters]):
    status = _choice(filters.status, EventStatus.values, "status")
    rows = events.event_list_for(request.auth, status=status)

    def serialise(event):
        return _event_out({**events.event_facts(event), "buyer_count": event.buyer_count,
                           "vendor_count": event.vendor_count})

    return selectors.paginate(rows, page=filters.page, page_size=filters.page_size, serialise=serialise)


@router.post("/events", response={201: EventDetailOut, **ERRORS}, summary="Create an event in draft (curators)")
def event_create(request, payload: EventIn):
    event = services.event_create(actor=request.auth, now=clock.now(), **payload.model_dump())
    return Status(201, _event_detail(request.auth, event.pk))


@router.get("/events/{event_id}", response={200: EventDetailOut, **ERRORS}, url_name="event_get",
            summary="One event, with your organisation's registration")
def event_get(request, event_id: int):
    return _event_detail(request.auth, event_id)


@router.patch("/events/{event_id}", response={200: EventDetailOut, **ERRORS},
              summary="Change an event or move it along its statuses (curators)",
              description="A step its status does not allow is a 409.")
def event_update(request, event_id: int, payload: EventPatch):
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    status = _choice(changes.pop("status", ""), EventStatus.values, "status")
    if changes:
        services.event_update(actor=request.auth, event_id=event_id, now=clock.now(), **changes)
    if status:
        services.event_set_status(actor=request.auth, event_id=event_id, status=status, now=clock.now())
    return _event_detail(request.auth, event_id)


# ---- Registrations ----

@router.get("/events/{event_id}/registrations", response={200: list[RegistrationOut], **ERRORS},
            summary="Who takes part: every registration for curators, your own for a participant")
def registration_list(request, event_id: int):
    return plain(events.registrations_for(request.auth, event_id))


@router.post("/events/{event_id}/registrations", response={201: list[RegistrationOut], **ERRORS},
             summary="Register your organisation, or (curators) invite organisations",
             description="An organisation already registered is a 409 for itself and skipped in an invitation.")
def registration_create(request, event_id: int, payload: RegistrationIn):
    if payload.organisation_ids is not None:
        created = services.registration_invite(actor=request.auth, event_id=event_id,
                                               organisation_ids=payload.organisation_ids, now=clock.now())
    else:
        created = [services.registration_create(actor=request.auth, event_id=event_id,
                                                max_meetings=payload.max_meetings, now=clock.now())]
    ids = {r.pk for r in created}
    return Status(201, plain([row for row in events.registrations_of(events.event_get_for(request.auth, event_id))
                              if row["id"] in ids]))


@router.delete("/events/{event_id}/registrations/{registration_id}", response={204: None, **ERRORS},
               summary="Withdraw a registration (its organisation while open; curators until the event is held)")
def registration_delete(request, event_id: int, registration_id: int):
    mine = {row["id"] for row in events.registrations_for(request.auth, event_id)}
    if registration_id not in mine:
        raise NotFoundError(_("No such registration."))
    services.registration_cancel(actor=request.auth, registration_id=registration_id, now=clock.now())
    return Status(204, None)


@router.get("/events/{event_id}/candidates", response={200: CandidatesOut, **ERRORS},
            summary="Buyers with open needs and the vendors whose products fit them, to invite (curators)")
def invitation_candidates(request, event_id: int):
    access.require_curator(request.auth)
    return events.invitation_candidates(events.event_get_for(request.auth, event_id))


# ---- The schedule ----

def _schedule(user, event_id: int) -> dict:
    event = events.event_get_for(user, event_id)
    is_curator = access.is_curator(user)
    return plain({
        "meetings": events.schedule_for(user, event_id),
        "summary": (event.schedule_summary or None) if is_curator else None,
        "violations": events.schedule_violations(event) if is_curator else [],
    })


@router.post("/events/{event_id}/schedule", response={200: ScheduleOut, **ERRORS},
             summary="Make the schedule (again): best matches first, hand-fixed meetings kept (curators)")
def schedule_run(request, event_id: int):
    services.event_schedule(actor=request.auth, event_id=event_id, now=clock.now())
    return _schedule(request.auth, event_id)


@router.get("/events/{event_id}/schedule", response={200: ScheduleOut, **ERRORS},
            summary="The meetings: all of them for curators, your organisation's for a participant")
def schedule_get(request, event_id: int):
    return _schedule(request.auth, event_id)


@router.post("/events/{event_id}/meetings", response={201: MeetingOut, **ERRORS},
             summary="Place a matching pair by hand (curators); refused with the broken rules")
def meeting_create(request, event_id: int, payload: MeetingIn):
    meeting = services.meeting_add(actor=request.auth, event_id=event_id, now=clock.now(), **payload.model_dump())
    return Status(201, plain(events.meeting_of_event(request.auth, event_id, meeting.pk)))


@router.patch("/events/{event_id}/meetings/{meeting_id}", response={200: MeetingOut, **ERRORS},
              summary="Move a meeting and/or pin it (curators)",
              description="A move is checked against the whole schedule and fixes the meeting; a 422 lists every "
              "broken rule in errors.schedule.")
def meeting_update(request, event_id: int, meeting_id: int, payload: MeetingPatch):
    current = events.meeting_of_event(request.auth, event_id, meeting_id)
    if payload.slot_id is not None or payload.table is not None:
        services.meeting_move(
            actor=request.auth, meeting_id=meeting_id, now=clock.now(),
            slot_id=payload.slot_id if payload.slot_id is not None else current["slot"]["id"],
            table=payload.table if payload.table is not None else current["table"],
        )
    if payload.pinned is not None:
        services.meeting_pin(actor=request.auth, meeting_id=meeting_id, pinned=payload.pinned, now=clock.now())
    return plain(events.meeting_of_event(request.auth, event_id, meeting_id))


@router.delete("/events/{event_id}/meetings/{meeting_id}", response={204: None, **ERRORS},
               summary="Take a meeting out of the schedule (curators)")
def meeting_delete(request, event_id: int, meeting_id: int):
    events.meeting_of_event(request.auth, event_id, meeting_id)
    services.meeting_remove(actor=request.auth, meeting_id=meeting_id, now=clock.now())
    return Status(204, None)


@router.get("/events/{event_id}/report", response={200: ReportOut, **ERRORS},
            summary="Committed and realised value, by buyer type and by vendor regency (curators and leaders)")
def event_report(request, event_id: int):
    events.require_leader_for_report(request.auth)
    report = reports.event_report(events.event_get_for(request.auth, event_id))
    report["event"]["url"] = reverse("api:event_get", args=[event_id])
    report["commitments"] = [_commitment_out(row) for row in report["commitments"]]
    return plain(report)


# ---- Commitments ----

@router.get("/commitments", response={200: CommitmentPage, **ERRORS},
            summary="Commitments: your organisation's (buyers), those made with you (vendors), all (curators)")
def commitment_list(request, filters: Query[CommitmentFilters]):
    status = _choice(filters.status, CommitmentStatus.values, "status")
    rows = commitments.commitment_list_for(request.auth, event_id=filters.event_id, status=status)
    page = selectors.paginate(rows, page=filters.page, page_size=filters.page_size, serialise=lambda c: c)
    page["items"] = [_commitment_out(row) for row in commitments.commitment_rows(page["items"])]
    return page


def _commitment_detail(user, commitment_id: int) -> dict:
    return _commitment_out(commitments.commitment_detail(user, commitment_id))


@router.post("/commitments", response={201: CommitmentDetailOut, **ERRORS},
             summary="Record a commitment of your organisation with a vendor (PPK or pejabat pengadaan)")
def commitment_create(request, payload: CommitmentIn):
    values = payload.model_dump()
    slug = values.pop("category")
    commitment = services.commitment_record(
        actor=request.auth, category=selectors.optional_category(slug), now=clock.now(), **values)
    return Status(201, _commitment_detail(request.auth, commitment.pk))


@router.get("/commitments/{commitment_id}", response={200: CommitmentDetailOut, **ERRORS},
            url_name="commitment_get", summary="One commitment with its orders (and, for its buyer, suggestions)")
def commitment_get(request, commitment_id: int):
    return _commitment_detail(request.auth, commitment_id)


@router.get("/commitments/{commitment_id}/suggestions", response={200: list[OrderRefOut], **ERRORS},
            summary="Orders that may realise the commitment: same buyer and vendor, since it began, not linked")
def commitment_suggestions(request, commitment_id: int):
    return plain(commitments.commitment_order_suggestions(request.auth, commitment_id))


@router.post("/commitments/{commitment_id}/orders", response={201: CommitmentDetailOut, **ERRORS},
             summary="Link an order of your organisation that realises the commitment",
             description="An order realises at most one commitment: linking it again is a 409.")
def commitment_link(request, commitment_id: int, payload: LinkIn):
    order_id = payload.order_id
    if order_id is None:
        order_id = commitments.order_id_for_number(payload.order_number or "")
        if order_id is None:
            raise NotFoundError(_("No such order."))
    services.commitment_link_order(actor=request.auth, commitment_id=commitment_id, order_id=order_id,
                                   now=clock.now())
    return Status(201, _commitment_detail(request.auth, commitment_id))


@router.delete("/commitments/{commitment_id}/orders/{order_id}", response={204: None, **ERRORS},
               summary="Unlink an order linked by mistake")
def commitment_unlink(request, commitment_id: int, order_id: int):
    services.commitment_unlink_order(actor=request.auth, commitment_id=commitment_id, order_id=order_id,
                                     now=clock.now())
    return Status(204, None)


@router.post("/commitments/{commitment_id}/cancel", response={200: CommitmentOut, **ERRORS},
             summary="Cancel a commitment without linked orders")
def commitment_cancel(request, commitment_id: int, payload: CancelIn):
    services.commitment_cancel(actor=request.auth, commitment_id=commitment_id, reason=payload.reason,
                               now=clock.now())
    return _commitment_detail(request.auth, commitment_id)
