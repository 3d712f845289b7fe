"""Running an event's 1:1 meeting schedule, and the curator's hand edits of it.

`event_schedule` hands the registrations and the match scores to the pure scheduler
(`scheduling.schedule_meetings`) and replaces every meeting not fixed by hand with its answer; the
fixed (pinned) ones stay where they are. A hand edit (move, add) is applied only when
`scheduling.check_schedule` finds nothing wrong with the whole schedule after it; otherwise it is
refused with every violation's message. A moved or added meeting becomes pinned. A removed meeting
stays removed until the schedule is run again, which may place the pair anew.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.core.errors import InvalidTransition, NotFoundError, ValidationFailed

from ._common import audit, lock_event
from .models import HAND_EDIT_STATUSES, SCHEDULING_STATUSES, EventStatus, MatchingEvent, Meeting
from .schedule_input import event_problem
from .scheduling import PinnedMeetingsConflict, check_schedule, schedule_meetings

# How many of the pairs left out the event keeps, best first, to show on the schedule page.
UNSCHEDULED_KEPT = 200


def violations_error(violations) -> ValidationFailed:
    """A refusal naming every rule the schedule would break (field `schedule`)."""
    messages = [violation.message for violation in violations]
    error = ValidationFailed(
        _("The schedule would break its rules: %(problems)s") % {"problems": " ".join(messages)},
        field_errors={"schedule": messages}, code="schedule_violation",
    )
    error.violation_codes = [str(violation.code) for violation in violations]
    return error


def _refuse_status(event: MatchingEvent, allowed: frozenset[str]) -> None:
    if event.status not in allowed:
        raise InvalidTransition(
            _("This event is “%(status)s”: its schedule cannot be changed now.") % {"status": event.get_status_display()}
        )


def event_schedule(*, actor, event_id: int, now: dt.datetime) -> dict:
    """Make (or make again) the event's schedule: best matches first, hand-fixed meetings kept (curators).
    Returns the summary also stored on the event: meetings made and pairs left out, with the reasons."""
    access.require_curator(actor)
    with transaction.atomic():
        event = lock_event(event_id)
        _refuse_status(event, SCHEDULING_STATUSES)
        pinned = list(Meeting.objects.filter(event=event, pinned=True))
        built = event_problem(event, pinned=pinned)
        problem = built.problem
        if not problem.buyers or not problem.vendors:
            raise ValidationFailed(_("Register at least one buyer and one vendor first."), code="no_participants")
        try:
            result = schedule_meetings(problem)
        except PinnedMeetingsConflict as exc:
            raise violations_error(exc.violations) from None
        Meeting.objects.filter(event=event, pinned=False).delete()
        Meeting.objects.bulk_create([
            Meeting(event=event, slot_id=m.slot.pk, table=m.table, buyer_id=m.buyer.pk, vendor_id=m.vendor.pk,
                    score=float(m.score), pinned=False, created_at=now, updated_at=now)
            for m in result.meetings if not m.pinned
        ])
        summary = {
            "pairs": len(problem.candidates),
            "meetings": len(result.meetings),
            "pinned": len(pinned),
            "total_score": round(float(result.total_score), 4),
            "unscheduled_count": len(result.unscheduled),
            "unscheduled_by_reason": dict(Counter(str(pair.reason) for pair in result.unscheduled)),
            "unscheduled": [
                {"buyer_id": pair.buyer.pk, "buyer": pair.buyer.label, "vendor_id": pair.vendor.pk,
                 "vendor": pair.vendor.label, "score": round(float(pair.score), 4), "reason": str(pair.reason)}
                for pair in result.unscheduled[:UNSCHEDULED_KEPT]
            ],
        }
        old = event.status
        event.status = EventStatus.SCHEDULED
        event.scheduled_at = event.updated_at = now
        event.schedule_summary = summary
        event.save(update_fields=["status", "scheduled_at", "updated_at", "schedule_summary"])
        audit("events.event.scheduled", event, actor=actor, now=now, changes={
            "status": [old, EventStatus.SCHEDULED], "meetings": summary["meetings"], "pinned": len(pinned),
            "pairs": summary["pairs"],
        })
    return summary


# ---- Hand edits ----


def _meeting_and_event(meeting_id: int) -> tuple[Meeting, MatchingEvent, list[Meeting]]:
    """The meeting, its event (locked: hand edits of one event run one after another) and all its meetings."""
    event_id = Meeting.objects.filter(pk=meeting_id).values_list("event_id", flat=True).first()
    if event_id is None:
        raise NotFoundError(_("No such meeting."))
    event = lock_event(event_id)
    _refuse_status(event, HAND_EDIT_STATUSES)
    meetings = list(Meeting.objects.select_for_update().filter(event=event))
    meeting = next(m for m in meetings if m.pk == meeting_id)
    return meeting, event, meetings


def _recheck(event: MatchingEvent, *, before: list[Meeting], after: list[Meeting]) -> dict:
    """Refuse unless the schedule `after` the edit keeps every rule; the pair scores otherwise."""
    built = event_problem(event, meetings=before)
    violations = check_schedule(built.problem, [built.booking_of(m) for m in after])
    if violations:
        raise violations_error(violations)
    return built.scores


def _place(meeting: Meeting) -> dict:
    return {"slot": meeting.slot_id, "table": meeting.table}


def meeting_move(*, actor, meeting_id: int, slot_id: int, table: int, now: dt.datetime) -> Meeting:
    """Put a meeting in another slot and/or at another table, if the schedule still keeps every rule;
    the meeting is then fixed (pinned) there."""
    access.require_curator(actor)
    with transaction.atomic():
        meeting, event, meetings = _meeting_and_event(meeting_id)
        old = _place(meeting)
        moved = Meeting(pk=meeting.pk, event=event, slot_id=slot_id, table=table, buyer_id=meeting.buyer_id,
                        vendor_id=meeting.vendor_id, score=meeting.score)
        _recheck(event, before=meetings, after=[moved if m.pk == meeting.pk else m for m in meetings])
        meeting.slot_id, meeting.table, meeting.pinned, meeting.updated_at = slot_id, table, True, now
        meeting.save(update_fields=["slot", "table", "pinned", "updated_at"])
        audit("events.meeting.moved", meeting, actor=actor, now=now,
               changes={"place": [old, _place(meeting)], "pinned": True})
    return meeting


def meeting_pin(*, actor, meeting_id: int, pinned: bool, now: dt.datetime) -> Meeting:
    """Fix a meeting where it is (a later run keeps it), or release it to the scheduler."""
    access.require_curator(actor)
    with transaction.atomic():
        meeting, event, _meetings = _meeting_and_event(meeting_id)
        if meeting.pinned == bool(pinned):
            return meeting
        meeting.pinned, meeting.updated_at = bool(pinned), now
        meeting.save(update_fields=["pinned", "updated_at"])
        audit(f"events.meeting.{'pinned' if pinned else 'unpinned'}", meeting, actor=actor, now=now,
               changes={"pinned": [not meeting.pinned, meeting.pinned]})
    return meeting


def meeting_remove(*, actor, meeting_id: int, now: dt.datetime) -> None:
    """Take a meeting out of the schedule (until the schedule is run again)."""
    access.require_curator(actor)
    with transaction.atomic():
        meeting, event, _meetings = _meeting_and_event(meeting_id)
        audit("events.meeting.removed", meeting, actor=actor, now=now, changes={
            "buyer": meeting.buyer_id, "vendor": meeting.vendor_id, "place": [_place(meeting), None],
        })
        meeting.delete()


def meeting_add(*, actor, event_id: int, buyer_registration_id: int, vendor_registration_id: int, slot_id: int,
                table: int, now: dt.datetime) -> Meeting:
    """Place a candidate pair (typically one the scheduler left out) by hand; it is fixed there."""
    access.require_curator(actor)
    with transaction.atomic():
        event = lock_event(event_id)
        _refuse_status(event, HAND_EDIT_STATUSES)
        meetings = list(Meeting.objects.select_for_update().filter(event=event))
        added = Meeting(event=event, slot_id=slot_id, table=table, buyer_id=buyer_registration_id,
                        vendor_id=vendor_registration_id, score=0.0, pinned=True, created_at=now, updated_at=now)
        scores = _recheck(event, before=meetings, after=[*meetings, added])
        added.score = scores[(buyer_registration_id, vendor_registration_id)]
        added.save()
        audit("events.meeting.added", added, actor=actor, now=now, changes={
            "buyer": buyer_registration_id, "vendor": vendor_registration_id, "place": [None, _place(added)],
        })
    return added
