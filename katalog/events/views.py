"""Pages of matching events: the list, creating and changing one (curators), registering (buyers, vendors)
and inviting from the matches (curators). The schedule pages are in schedule_views.py, commitments and the
report in commitment_views.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from katalog.accounts import access
from katalog.accounts.decorators import curator_required
from katalog.core import clock
from katalog.core.errors import NotFoundError, PermissionDeniedError
from katalog.core.web import perform

from . import selectors, services
from .forms import EventForm, InviteForm, RegistrationForm
from .models import EventStatus

PAGE_SIZE = 25

STATUS_MESSAGES = {
    EventStatus.OPEN: gettext_lazy("Registration is open."),
    EventStatus.DRAFT: gettext_lazy("The event is a draft again: buyers and vendors no longer see it."),
    EventStatus.HELD: gettext_lazy("The event is marked as held; buyers may now record their commitments."),
    EventStatus.CLOSED: gettext_lazy("The event is closed."),
}


def event_or_404(request, pk: int):
    try:
        return selectors.event_get_for(request.user, pk)
    except NotFoundError:
        raise Http404(_("No such event.")) from None


def detail_or_404(request, pk: int) -> dict:
    try:
        return selectors.event_detail(request.user, pk)
    except NotFoundError:
        raise Http404(_("No such event.")) from None
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None


@login_required
@require_GET
def event_list(request):
    """Curators: every event; buyers and vendors: events once open, with their own registrations marked."""
    user = request.user
    status = request.GET.get("status", "")
    status = status if status in EventStatus.values else ""
    page = Paginator(selectors.event_list_for(user, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    mine = selectors.registered_event_ids(user, [event.pk for event in page])
    return render(request, "events/event_list.html", {
        "page_obj": page, "events": list(page), "mine": mine, "status": status, "statuses": EventStatus.choices,
        "is_curator": access.is_curator(user), "is_buyer": access.buyer_membership(user) is not None,
    })


@curator_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    form = EventForm(request.POST or None, initial={"start_time": "09:00", "slot_minutes": 20, "break_minutes": 5,
                                                    "slot_count": 8, "table_count": 10})
    if request.method == "POST" and form.is_valid():
        done = perform(request, services.event_create, form=form, actor=request.user, now=clock.now(),
                       success=_("Event created as a draft. Open registration when it is ready."), **form.cleaned_data)
        if done:
            return redirect("events:event_detail", pk=done.result.pk)
    return render(request, "events/event_form.html", {"form": form, "event": None}, status=400 if form.errors else 200)


@curator_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    event = event_or_404(request, pk)
    form = EventForm(request.POST or None, initial=EventForm.initial_of(event))
    if request.method == "POST" and form.is_valid():
        done = perform(request, services.event_update, form=form, actor=request.user, event_id=event.pk,
                       now=clock.now(), success=_("Event saved."), **form.cleaned_data)
        if done:
            return redirect("events:event_detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event},
                  status=400 if form.errors else 200)


@curator_required
@require_POST
def event_status(request, pk: int):
    event = event_or_404(request, pk)
    status = request.POST.get("status", "")
    perform(request, services.event_set_status, actor=request.user, event_id=event.pk, status=status, now=clock.now(),
            success=str(STATUS_MESSAGES.get(status, gettext_lazy("Saved."))))
    return redirect("events:event_detail", pk=event.pk)


@login_required
@require_GET
def event_detail(request, pk: int):
    data = detail_or_404(request, pk)
    return render(request, "events/event_detail.html", {
        "event": data, "viewer": data["viewer"], "register_form": RegistrationForm(),
    })


@login_required
@require_POST
def register(request, pk: int):
    event = event_or_404(request, pk)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        perform(request, services.registration_create, actor=request.user, event_id=event.pk, now=clock.now(),
                max_meetings=form.cleaned_data["max_meetings"],
                success=_("You are registered. Your meetings appear here once the schedule is made."))
    return redirect("events:event_detail", pk=event.pk)


@login_required
@require_POST
def registration_cancel(request, pk: int, registration_id: int):
    event = event_or_404(request, pk)
    perform(request, services.registration_cancel, actor=request.user, registration_id=registration_id,
            now=clock.now(), success=_("Registration withdrawn."))
    return redirect("events:event_detail", pk=event.pk)


@curator_required
@require_http_methods(["GET", "POST"])
def invite(request, pk: int):
    """Buyers with open needs and the vendors whose products fit them, to invite in one go."""
    event = event_or_404(request, pk)
    candidates = selectors.invitation_candidates(event)
    form = InviteForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        done = perform(request, services.registration_invite, actor=request.user, event_id=event.pk,
                       organisation_ids=form.cleaned_data["organisation_ids"], now=clock.now(),
                       success=lambda created: _("Invited: %(count)d organisations.") % {"count": len(created)})
        if done:
            return redirect("events:event_detail", pk=event.pk)
    return render(request, "events/invite.html", {"event": selectors.event_facts(event), "candidates": candidates,
                                                  "form": form}, status=400 if form.errors else 200)
