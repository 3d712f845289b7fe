"""Pages of an event's schedule: the curator's grid (slot × table) with the run button and hand edits,
printable agendas per table, buyer and vendor, and a participant's own schedule."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from katalog.accounts.decorators import curator_required
from katalog.core import clock
from katalog.core.web import perform

from . import selectors, services
from .forms import MeetingAddForm, MeetingMoveForm
from .models import HAND_EDIT_STATUSES, SCHEDULING_STATUSES, Meeting
from .views import event_or_404


def _schedule_url(event_id: int) -> str:
    return reverse("events:schedule", args=[event_id])


def _grid_context(event, *, add_form: MeetingAddForm | None = None) -> dict:
    facts = selectors.event_facts(event)
    summary = event.schedule_summary or {}
    editable = event.status in HAND_EDIT_STATUSES
    return {
        "event": facts, "grid": selectors.schedule_grid(event), "summary": summary,
        "violations": selectors.schedule_violations(event) if editable else [],
        "may_run": event.status in SCHEDULING_STATUSES, "may_edit": editable,
        "add_form": add_form or MeetingAddForm(slots=facts["slots"], table_count=event.table_count),
        "print_views": selectors.PRINT_VIEWS,
    }


@curator_required
@require_GET
def schedule(request, pk: int):
    event = event_or_404(request, pk)
    return render(request, "events/schedule.html", _grid_context(event))


@curator_required
@require_POST
def schedule_run(request, pk: int):
    event = event_or_404(request, pk)
    perform(request, services.event_schedule, actor=request.user, event_id=event.pk, now=clock.now(),
            success=lambda summary: _("Schedule made: %(meetings)d meetings; %(left)d matching pairs left out.") % {
                "meetings": summary["meetings"], "left": summary["unscheduled_count"]})
    return redirect(_schedule_url(event.pk))


def _meeting_or_404(event, meeting_id: int) -> Meeting:
    meeting = Meeting.objects.filter(event=event, pk=meeting_id).select_related(
        "slot", "buyer__organisation", "vendor__organisation", "vendor__vendor").first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    return meeting


@curator_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int, meeting_id: int):
    """Move one meeting to another round or table; the whole schedule is re-checked before it is saved."""
    event = event_or_404(request, pk)
    meeting = _meeting_or_404(event, meeting_id)
    facts = selectors.event_facts(event)
    form = MeetingMoveForm(request.POST or None, slots=facts["slots"], table_count=event.table_count,
                           initial={"slot_id": meeting.slot_id, "table": meeting.table})
    if request.method == "POST" and form.is_valid():
        done = perform(request, services.meeting_move, form=form, actor=request.user, meeting_id=meeting.pk,
                       now=clock.now(), success=_("Meeting moved and fixed there."), **form.cleaned_data)
        if done:
            return redirect(_schedule_url(event.pk))
    return render(request, "events/meeting_form.html", {
        "event": facts, "meeting": selectors.meeting_facts(meeting), "form": form,
        "may_edit": event.status in HAND_EDIT_STATUSES,
    }, status=422 if form.errors else 200)


@curator_required
@require_POST
def meeting_pin(request, pk: int, meeting_id: int):
    event = event_or_404(request, pk)
    meeting = _meeting_or_404(event, meeting_id)
    pinned = request.POST.get("pinned") == "1"
    perform(request, services.meeting_pin, actor=request.user, meeting_id=meeting.pk, pinned=pinned, now=clock.now(),
            success=_("The meeting is fixed where it is.") if pinned else _("The scheduler may move the meeting again."))
    return redirect(_schedule_url(event.pk))


@curator_required
@require_POST
def meeting_remove(request, pk: int, meeting_id: int):
    event = event_or_404(request, pk)
    meeting = _meeting_or_404(event, meeting_id)
    perform(request, services.meeting_remove, actor=request.user, meeting_id=meeting.pk, now=clock.now(),
            success=_("Meeting removed from the schedule."))
    return redirect(_schedule_url(event.pk))


@curator_required
@require_POST
def meeting_add(request, pk: int):
    """Place a pair the scheduler left out by hand; refused with the reasons if it breaks a rule."""
    event = event_or_404(request, pk)
    facts = selectors.event_facts(event)
    form = MeetingAddForm(request.POST, slots=facts["slots"], table_count=event.table_count)
    if form.is_valid():
        done = perform(request, services.meeting_add, form=form, actor=request.user, event_id=event.pk,
                       now=clock.now(), success=_("Meeting added and fixed there."), **form.cleaned_data)
        if done:
            return redirect(_schedule_url(event.pk))
    return render(request, "events/schedule.html", _grid_context(event, add_form=form), status=422)


@curator_required
@require_GET
def schedule_print(request, pk: int, by: str):
    if by not in selectors.PRINT_VIEWS:
        raise Http404(_("No such schedule."))
    event = event_or_404(request, pk)
    return render(request, "events/schedule_print.html", {
        "event": selectors.event_facts(event), "agendas": selectors.printable_schedule(event, by), "by": by,
    })


@login_required
@require_GET
def my_schedule(request, pk: int):
    """The meetings of the user's organisation at the event, printable."""
    event = event_or_404(request, pk)
    agenda = selectors.my_agenda(request.user, event.pk)
    if agenda is None:
        raise Http404(_("Your organisation is not registered for this event."))
    return render(request, "events/schedule_print.html", {
        "event": selectors.event_facts(event), "agendas": [agenda], "by": "mine",
    })
