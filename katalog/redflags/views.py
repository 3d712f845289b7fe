"""The curators' red-flag pages: the list with its filters and exports, one flag, and dismissing it.

Curators see and dismiss; leaders read (without links into the orders, which they cannot open).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from katalog.accounts import access
from katalog.accounts.decorators import curator_required, leader_required
from katalog.core import clock
from katalog.core.errors import NotFoundError
from katalog.core.spreadsheets import xlsx_response
from katalog.core.web import perform

from . import exports, selectors, services
from .forms import DismissForm, FilterForm

PAGE_SIZE = 25


def _filtered(request) -> tuple[FilterForm, dict]:
    form = FilterForm(request.GET)
    return form, form.filters()


@leader_required
@require_GET
def flag_list(request):
    form, filters = _filtered(request)
    page = Paginator(selectors.red_flags(request.user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "redflags/list.html", {
        "filter_form": form, "filters": filters, "page_obj": page,
        "rows": selectors.flag_rows(request.user, page, orders_per_flag=selectors.ORDERS_INLINE),
        "counts": selectors.kind_counts(request.user, status=filters["status"]),
        "is_curator": access.is_curator(request.user), "query": query.urlencode(),
        "here": request.get_full_path(), "dismiss_form": DismissForm(),
    })


def _detail_or_404(request, pk: int) -> dict:
    try:
        return selectors.red_flag_detail(request.user, pk)
    except NotFoundError:
        raise Http404(_("No such red flag.")) from None


@leader_required
@require_GET
def flag_detail(request, pk: int):
    return render(request, "redflags/detail.html", {
        "flag": _detail_or_404(request, pk), "dismiss_form": DismissForm(),
    })


@curator_required
@require_POST
def flag_dismiss(request, pk: int):
    form = DismissForm(request.POST)
    if form.is_valid():
        # A missing reason shows on the form; a refusal (the flag is no longer open) as a message on its page.
        done = perform(request, services.red_flag_dismiss, form=form, refusal_on_form=False, actor=request.user,
                       flag_id=pk, reason=form.cleaned_data["reason"], now=clock.now(), success=_("Flag dismissed."))
        if done:
            target = form.cleaned_data["next"]
            if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                return redirect(target)
            return redirect(reverse("redflags:list"))
        if not done.on_form:
            return redirect(reverse("redflags:detail", args=[pk]))
    return render(request, "redflags/detail.html", {
        "flag": _detail_or_404(request, pk), "dismiss_form": form,
    }, status=400)


@leader_required
@require_GET
def export_xlsx(request):
    _form, filters = _filtered(request)
    now = clock.now()
    content = exports.red_flags_xlsx(request.user, selectors.red_flags(request.user, **filters), filters, now=now)
    return xlsx_response(content, f"peringatan-{clock.today():%Y%m%d}.xlsx")


@leader_required
@require_GET
def export_csv(request):
    _form, filters = _filtered(request)
    response = HttpResponse(exports.red_flags_csv(request.user, selectors.red_flags(request.user, **filters)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peringatan-{clock.today():%Y%m%d}.csv"'
    return response
