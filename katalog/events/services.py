"""Writes of matching events and who takes part in them.

Each function is one transaction with an audit event `events.<entity>.<verb>`. Curators create and run
events; buyers and vendors register themselves while registration is open, or are invited by a curator
from the stored matches. The schedule and its hand edits are in schedule_services.py, commitments in
commitments.py; both are re-exported here, so callers import one module.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Organisation
from katalog.core.errors import (
    InvalidTransition,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
    validation_error_to_domain,
)
from katalog.vendors.models import Vendor, VendorStatus

from ._common import audit, invalid, lock_event
from .commitments import (  # noqa: F401  (part of this module's API)
    commitment_cancel,
    commitment_link_order,
    commitment_record,
    commitment_unlink_order,
)
from .models import (
    EVENT_TRANSITIONS,
    INVITATION_STATUSES,
    SELF_REGISTRATION_STATUSES,
    EventRegistration,
    EventSlot,
    EventStatus,
    MatchingEvent,
    RegistrationKind,
)
from .schedule_services import (  # noqa: F401
    event_schedule,
    meeting_add,
    meeting_move,
    meeting_pin,
    meeting_remove,
)

MAX_SLOTS = 48
EDITABLE_STATUSES = frozenset({EventStatus.DRAFT, EventStatus.OPEN, EventStatus.SCHEDULED})
EDITABLE = ("name", "date", "venue", "description", "start_time", "slot_minutes", "break_minutes", "slot_count",
            "table_count")


def _status_refusal(event: MatchingEvent, message: str) -> InvalidTransition:
    return InvalidTransition(message % {"status": event.get_status_display()})


# ---- Time slots ----


def slot_times(*, date: dt.date, start_time: dt.time, slot_minutes: int, break_minutes: int,
               slot_count: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """The slots' start and end, in the site's time zone (Asia/Jakarta), one after another on `date`."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(dt.datetime.combine(date, start_time), zone)
    length, pause = dt.timedelta(minutes=slot_minutes), dt.timedelta(minutes=break_minutes)
    times = []
    for position in range(slot_count):
        begins = start + position * (length + pause)
        times.append((begins, begins + length))
    return times


def _check_plan(values: dict) -> None:
    if not (values.get("name") or "").strip():
        raise invalid("name", _("Give the event a name."))
    if not (values.get("venue") or "").strip():
        raise invalid("venue", _("Say where the event takes place."))
    for name, low, high in (("slot_minutes", 5, 240), ("break_minutes", 0, 240), ("slot_count", 1, MAX_SLOTS),
                            ("table_count", 1, 1000)):
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise invalid(name, _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high})
    times = slot_times(date=values["date"], start_time=values["start_time"], slot_minutes=values["slot_minutes"],
                       break_minutes=values["break_minutes"], slot_count=values["slot_count"])
    if timezone.localtime(times[-1][1]).date() != values["date"]:
        raise invalid("slot_count", _("The meetings must end on the day of the event."))


def _write_slots(event: MatchingEvent, slot_count: int) -> None:
    """Make the event's slots match its plan: times of kept slots move, extra slots go, missing ones come."""
    times = slot_times(date=event.date, start_time=event.start_time, slot_minutes=event.slot_minutes,
                       break_minutes=event.break_minutes, slot_count=slot_count)
    existing = {slot.position: slot for slot in event.slots.all()}
    surplus = [slot for position, slot in existing.items() if position > slot_count]
    if any(slot.meetings.exists() for slot in surplus):
        raise invalid("slot_count", _("Some meetings are in the slots you would remove: move or remove them first."))
    EventSlot.objects.filter(pk__in=[slot.pk for slot in surplus]).delete()
    for position, (starts_at, ends_at) in enumerate(times, start=1):
        slot = existing.get(position)
        if slot is None:
            EventSlot.objects.create(event=event, position=position, starts_at=starts_at, ends_at=ends_at)
        elif (slot.starts_at, slot.ends_at) != (starts_at, ends_at):
            slot.starts_at, slot.ends_at = starts_at, ends_at
            slot.save(update_fields=["starts_at", "ends_at"])


def _full_clean(instance, exclude=()) -> None:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise validation_error_to_domain(exc) from None


# ---- Events ----


def event_create(
    *, actor, name: str, date: dt.date, venue: str, start_time: dt.time, slot_minutes: int, slot_count: int,
    table_count: int, description: str = "", break_minutes: int = 0, now: dt.datetime,
) -> MatchingEvent:
    """A new event in draft, with its time slots (curators)."""
    access.require_curator(actor)
    values = {"name": (name or "").strip(), "date": date, "venue": (venue or "").strip(), "start_time": start_time,
              "slot_minutes": slot_minutes, "break_minutes": break_minutes, "slot_count": slot_count,
              "table_count": table_count}
    _check_plan(values)
    values.pop("slot_count")
    with transaction.atomic():
        event = MatchingEvent(description=(description or "").strip(), status=EventStatus.DRAFT, created_by=actor,
                              created_at=now, updated_at=now, **values)
        _full_clean(event, exclude=["created_by"])
        event.save()
        _write_slots(event, slot_count)
        audit("events.event.created", event, actor=actor, now=now,
              changes={"status": [None, EventStatus.DRAFT], "date": date, "slots": slot_count, "tables": table_count})
    return event


def event_update(*, actor, event_id: int, now: dt.datetime, **changes) -> MatchingEvent:
    """Change an event that is not held yet. Slots keep their meetings when their times move; slots or tables
    that hold meetings cannot be removed."""
    access.require_curator(actor)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationFailed(_("These fields cannot be changed: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    with transaction.atomic():
        event = lock_event(event_id)
        if event.status not in EDITABLE_STATUSES:
            raise _status_refusal(event, _("This event is “%(status)s” and can no longer be changed."))
        current = {name: getattr(event, name) for name in EDITABLE if name != "slot_count"}
        current["slot_count"] = event.slots.count()
        values = {**current, **{k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()}}
        _check_plan(values)
        if values["table_count"] < current["table_count"] and event.meetings.filter(
            table__gt=values["table_count"]
        ).exists():
            raise invalid("table_count", _("Some meetings are at the tables you would remove: move them first."))
        diff = {name: [current[name], values[name]] for name in EDITABLE if current[name] != values[name]}
        if not diff:
            return event
        for name in EDITABLE:
            if name != "slot_count":
                setattr(event, name, values[name])
        event.updated_at = now
        _full_clean(event, exclude=["created_by"])
        event.save()
        _write_slots(event, values["slot_count"])
        audit("events.event.updated", event, actor=actor, now=now, changes=diff)
    return event


def event_set_status(*, actor, event_id: int, status: str, now: dt.datetime) -> MatchingEvent:
    """Open or reopen registration, mark the event held, close it (curators). A schedule is made by running it."""
    access.require_curator(actor)
    with transaction.atomic():
        event = lock_event(event_id)
        if status not in EVENT_TRANSITIONS.get(event.status, frozenset()):
            if status == EventStatus.SCHEDULED and event.status == EventStatus.OPEN:
                raise InvalidTransition(_("Run the schedule to make this event scheduled."))
            raise _status_refusal(event, _("This event is “%(status)s”: that step is not possible now."))
        if status == EventStatus.HELD and timezone.localdate(now) < event.date:
            raise InvalidTransition(_("The event cannot be marked as held before its date."))
        old = event.status
        event.status = status
        event.updated_at = now
        event.save(update_fields=["status", "updated_at"])
        audit(f"events.event.{status}", event, actor=actor, now=now, changes={"status": [old, status]})
    return event


# ---- Registrations ----


def _participant_of(actor) -> tuple[Organisation, Vendor | None]:
    """The organisation the actor registers: its buyer organisation, or its vendor business."""
    membership = access.buyer_membership(actor)
    if membership is not None:
        return membership.organisation, None
    membership = access.vendor_membership(actor)
    if membership is None:
        raise PermissionDeniedError(_("Only buyers and vendor businesses take part in matching events."))
    vendor = Vendor.objects.filter(organisation_id=membership.organisation_id).first()
    if vendor is None or vendor.status != VendorStatus.VERIFIED:
        raise PermissionDeniedError(_("Only a verified vendor may take part in a matching event."))
    return membership.organisation, vendor


def _register(event: MatchingEvent, organisation: Organisation, vendor: Vendor | None, *, actor, invited: bool,
              max_meetings: int | None, now: dt.datetime) -> EventRegistration:
    registration = EventRegistration(
        event=event, organisation=organisation, vendor=vendor, invited=invited, registered_by=actor,
        registered_at=now, max_meetings=max_meetings,
        kind=RegistrationKind.VENDOR if vendor is not None else RegistrationKind.BUYER,
    )
    _full_clean(registration, exclude=["event", "organisation", "vendor", "registered_by"])
    registration.save()
    audit(f"events.registration.{'invited' if invited else 'created'}", registration, actor=actor, now=now,
          organisation_id=organisation.pk, changes={"event": event.pk, "kind": registration.kind})
    return registration


def _check_max_meetings(max_meetings) -> int | None:
    if max_meetings in (None, ""):
        return None
    if isinstance(max_meetings, bool) or not isinstance(max_meetings, int) or max_meetings < 1:
        raise invalid("max_meetings", _("Enter a whole number of at least 1, or leave it empty."))
    return max_meetings


def registration_create(*, actor, event_id: int, max_meetings: int | None = None,
                        now: dt.datetime) -> EventRegistration:
    """The actor's buyer organisation or vendor business registers for an event open for registration."""
    organisation, vendor = _participant_of(actor)
    max_meetings = _check_max_meetings(max_meetings)
    with transaction.atomic():
        event = lock_event(event_id)
        if event.status == EventStatus.DRAFT:
            raise NotFoundError(_("No such event."))
        if event.status not in SELF_REGISTRATION_STATUSES:
            raise _status_refusal(event, _("This event is “%(status)s”: registration is closed."))
        if EventRegistration.objects.filter(event=event, organisation=organisation).exists():
            raise InvalidTransition(_("Your organisation is already registered for this event."),
                                    code="already_registered")
        return _register(event, organisation, vendor, actor=actor, invited=False, max_meetings=max_meetings, now=now)


def registration_invite(*, actor, event_id: int, organisation_ids: list[int],
                        now: dt.datetime) -> list[EventRegistration]:
    """A curator adds buyer organisations and verified vendors to an event (those already in are skipped)."""
    access.require_curator(actor)
    with transaction.atomic():
        event = lock_event(event_id)
        if event.status not in INVITATION_STATUSES:
            raise _status_refusal(event, _("This event is “%(status)s”: nobody can be added any more."))
        taken = set(EventRegistration.objects.filter(event=event).values_list("organisation_id", flat=True))
        organisations = Organisation.objects.filter(pk__in=set(organisation_ids)).order_by("kind", "name", "pk")
        vendors = {v.organisation_id: v for v in Vendor.objects.filter(organisation_id__in=set(organisation_ids))}
        found = {o.pk for o in organisations}
        missing = set(organisation_ids) - found
        if missing:
            raise invalid("organisation_ids", _("Unknown organisations: %(ids)s.") % {
                "ids": ", ".join(str(i) for i in sorted(missing))})
        created = []
        for organisation in organisations:
            if organisation.pk in taken:
                continue
            vendor = None
            if organisation.kind == Organisation.Kind.VENDOR:
                vendor = vendors.get(organisation.pk)
                if vendor is None or vendor.status != VendorStatus.VERIFIED:
                    raise invalid("organisation_ids", _("%(name)s is not a verified vendor.") % {
                        "name": organisation.name})
            created.append(_register(event, organisation, vendor, actor=actor, invited=True, max_meetings=None,
                                     now=now))
    return created


def registration_cancel(*, actor, registration_id: int, now: dt.datetime) -> None:
    """Take an organisation off an event: a curator until the event is held, the organisation itself while
    registration is open. Its meetings go with it."""
    with transaction.atomic():
        event_id = EventRegistration.objects.filter(pk=registration_id).values_list("event_id", flat=True).first()
        if event_id is None:
            raise NotFoundError(_("No such registration."))
        event = lock_event(event_id)
        registration = EventRegistration.objects.select_for_update().get(pk=registration_id)
        if access.is_curator(actor):
            allowed = INVITATION_STATUSES
        elif access.is_member_of(actor, registration.organisation_id):
            allowed = SELF_REGISTRATION_STATUSES
        else:
            raise NotFoundError(_("No such registration."))
        if event.status not in allowed:
            raise _status_refusal(event, _("This event is “%(status)s”: its participants can no longer change."))
        meetings = registration.buyer_meetings.count() + registration.vendor_meetings.count()
        audit("events.registration.cancelled", registration, actor=actor, now=now,
              organisation_id=registration.organisation_id,
              changes={"event": event.pk, "kind": registration.kind, "meetings_removed": meetings})
        registration.delete()
