"""Pages of commitments (komitmen transaksi) and of the event report.

Buyers record their organisation's commitments and link the orders that realise them, from the
suggestions or by hand; vendors and curators look. The event report and its Excel file are for
curators and leaders.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from katalog.accounts import access
from katalog.core import clock
from katalog.core.errors import NotFoundError, PermissionDeniedError
from katalog.core.spreadsheets import xlsx_response
from katalog.core.web import perform

from . import commitment_selectors as selectors
from . import reports, services
from .forms import CancelForm, CommitmentForm, LinkOrderForm
from .models import CommitmentStatus
from .selectors import require_leader_for_report
from .views import event_or_404

PAGE_SIZE = 25


def _detail_or_404(request, pk: int) -> dict:
    try:
        return selectors.commitment_detail(request.user, pk)
    except NotFoundError:
        raise Http404(_("No such commitment.")) from None


@login_required
@require_GET
def commitment_list(request):
    try:
        commitments = selectors.commitment_list_for(request.user, status=request.GET.get("status", "")
                                                    if request.GET.get("status") in CommitmentStatus.values else "")
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    page = Paginator(commitments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/commitment_list.html", {
        "page_obj": page, "rows": selectors.commitment_rows(page),
        "may_record": access.buyer_membership(request.user) is not None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def commitment_create(request):
    if access.buyer_membership(request.user) is None:
        raise PermissionDenied(_("Only a PPK or pejabat pengadaan records commitments."))
    events = selectors.events_for_commitments(request.user, today=clock.today())
    initial = {}
    if request.GET.get("event", "").isdigit():
        initial["event_id"] = request.GET["event"]
    form = CommitmentForm(request.POST or None, events=events, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = perform(request, services.commitment_record, form=form, actor=request.user, now=clock.now(),
                       success=_("Commitment recorded. Link the orders that realise it as they come."),
                       **form.cleaned_data)
        if done:
            return redirect("events:commitment_detail", pk=done.result.pk)
    return render(request, "events/commitment_form.html", {
        "form": form, "vendors_met": selectors.vendors_met(request.user, [e.pk for e in events]),
    }, status=400 if form.errors else 200)


@login_required
@require_GET
def commitment_detail(request, pk: int):
    data = _detail_or_404(request, pk)
    return render(request, "events/commitment_detail.html", {
        "commitment": data, "viewer": data["viewer"], "cancel_form": CancelForm(),
    })


@login_required
@require_POST
def commitment_link(request, pk: int):
    form = LinkOrderForm(request.POST)
    if not form.is_valid():
        raise Http404(_("No such order."))
    perform(request, services.commitment_link_order, actor=request.user, commitment_id=pk,
            order_id=form.cleaned_data["order_id"], now=clock.now(), success=_("Order linked to the commitment."))
    return redirect("events:commitment_detail", pk=pk)


@login_required
@require_POST
def commitment_unlink(request, pk: int, order_id: int):
    perform(request, services.commitment_unlink_order, actor=request.user, commitment_id=pk, order_id=order_id,
            now=clock.now(), success=_("Order unlinked."))
    return redirect("events:commitment_detail", pk=pk)


@login_required
@require_POST
def commitment_cancel(request, pk: int):
    form = CancelForm(request.POST)
    form.is_valid()
    perform(request, services.commitment_cancel, actor=request.user, commitment_id=pk,
            reason=form.cleaned_data.get("reason", ""), now=clock.now(), success=_("Commitment cancelled."))
    return redirect("events:commitment_detail", pk=pk)


# ---- The event report ----


def _report_or_403(request, pk: int) -> dict:
    try:
        require_leader_for_report(request.user)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    return reports.event_report(event_or_404(request, pk))


@login_required
@require_GET
def event_report(request, pk: int):
    return render(request, "events/report.html", {"report": _report_or_403(request, pk)})


@login_required
@require_GET
def event_report_xlsx(request, pk: int):
    report = _report_or_403(request, pk)
    filename = f"laporan-{slugify(report['event']['name']) or 'temu-bisnis'}-{report['event']['date']:%Y%m%d}.xlsx"
    return xlsx_response(reports.event_report_xlsx(report), filename)
