"""Pages of needs (buyers, curators) and opportunities (vendors).

What a person sees of a need comes from `selectors.need_detail`, which reads the stored matches and
shows a vendor only its own matches and its own answer. These views never run the engine, except the
buyer's "match again now" button, which calls the service that does.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from katalog.accounts import access
from katalog.core import clock
from katalog.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.core.web import perform

from . import selectors, services
from .forms import CloseForm, ImportForm, InterestForm, NeedForm
from .models import NeedStatus
from .needs_import import row_errors
from .specs import NEED_COLUMNS

PAGE_SIZE = 25


def _detail_or_404(request, pk: int) -> dict:
    try:
        return selectors.need_detail(request.user, pk)
    except NotFoundError:
        raise Http404(_("No such need.")) from None


def _buyer_need_or_404(request, pk: int):
    """The need for its buyer: 404 for outsiders, 403 for those who may only look at it."""
    try:
        return selectors.need_for_buyer(request.user, pk)
    except NotFoundError:
        raise Http404(_("No such need.")) from None
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None


def _require_buyer(user) -> None:
    if access.buyer_membership(user) is None:
        raise PermissionDenied(_("Only a PPK or pejabat pengadaan may publish needs."))


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# ---- Lists ----


@login_required
@require_GET
def need_list(request):
    """The buyer organisation's needs (every need for curators); vendors go to their opportunities."""
    user = request.user
    if access.buyer_membership(user) is None and not access.is_curator(user):
        if access.vendor_membership(user) is not None:
            return redirect("matching:opportunities")
        raise PermissionDenied(_("This page is for buyers and curators."))
    status = request.GET.get("status", "")
    status = status if status in NeedStatus.values else ""
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.need_list_for(user, status=status, q=query), PAGE_SIZE).get_page(request.GET.get("page"))
    needs = list(page)
    ids = [n.pk for n in needs]
    matches, interests = selectors.match_counts(ids), selectors.interest_counts(ids)
    rows = [{"need": n, "counts": matches.get(n.pk, {"matches": 0, "fitting": 0}), "interested": interests.get(n.pk, 0)}
            for n in needs]
    return render(request, "matching/need_list.html", {
        "page_obj": page, "rows": rows, "status": status, "statuses": NeedStatus.choices, "query": query,
        "is_curator": access.is_curator(user), "may_create": access.buyer_membership(user) is not None,
    })


@login_required
@require_GET
def opportunities(request):
    """The open needs the vendor's products match, the fitting ones first, with its answers."""
    try:
        items = selectors.opportunities_for(request.user)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "matching/opportunities.html", {
        "page_obj": page, "items": [_answer_context(item) for item in page],
    })


def _answer_context(item: dict, form: InterestForm | None = None) -> dict:
    """A need as a vendor sees it, with the form to answer it (filled with the earlier answer)."""
    interest = item.get("interest")
    if interest is None and item.get("interests"):
        interest = item["interests"][0]
    products = [m["product"] for m in item["matches"]]
    if form is None:
        initial = {}
        if interest:
            initial = {"product_id": interest["product"]["id"] if interest["product"] else None,
                       "offered_unit_price_idr": interest["offered_unit_price_idr"], "message": interest["message"]}
        elif products:
            initial = {"product_id": products[0]["id"]}
        form = InterestForm(initial=initial, products=products, prefix=f"need{item['id']}")
    return {**item, "interest": interest, "form": form}


# ---- Create, change, close ----


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request):
    _require_buyer(request.user)
    form = NeedForm(request.POST or None, initial={"quantity": 1})
    if request.method == "POST" and form.is_valid():
        done = perform(request, services.need_create, form=form, actor=request.user, now=clock.now(),
                       success=_("Need published. Matching products appear in a moment."), **form.cleaned_data)
        if done:
            return redirect("matching:need_detail", pk=done.result.pk)
    return render(request, "matching/need_form.html", {"form": form, "need": None},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, pk: int):
    need = _buyer_need_or_404(request, pk)
    form = NeedForm(request.POST or None, initial=NeedForm.initial_of(need))
    if request.method == "POST" and form.is_valid():
        done = perform(request, services.need_update, form=form, actor=request.user, need_id=need.pk, now=clock.now(),
                       success=_("Need saved. It is matched again in a moment."), **form.cleaned_data)
        if done:
            return redirect("matching:need_detail", pk=need.pk)
    return render(request, "matching/need_form.html", {"form": form, "need": need},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def need_close(request, pk: int):
    need = _buyer_need_or_404(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        perform(request, services.need_close, actor=request.user, need_id=need.pk, now=clock.now(),
                fulfilled=form.cleaned_data["fulfilled"], reason=form.cleaned_data["reason"],
                success=_("The need is closed; vendors no longer see it among their opportunities."))
    return redirect("matching:need_detail", pk=need.pk)


@login_required
@require_POST
def need_refresh(request, pk: int):
    need = _buyer_need_or_404(request, pk)
    perform(request, services.need_refresh_matches, actor=request.user, need_id=need.pk, now=clock.now(),
            success=lambda count: _("Matched again: %(count)d products.") % {"count": count})
    return redirect(reverse("matching:need_detail", args=[need.pk]) + "#matches")


# ---- The need page ----


@login_required
@require_GET
def need_detail(request, pk: int):
    data = _detail_or_404(request, pk)
    viewer = data["viewer"]
    return render(request, "matching/need_detail.html", {
        "need": data, "viewer": viewer,
        "answer": _answer_context(data) if viewer["may_answer"] else None,
        "close_form": CloseForm() if viewer["may_change"] else None,
    })


@login_required
@require_POST
def interest_express(request, pk: int):
    """A vendor answers a need (from the need page or the opportunities list, the latter through htmx)."""
    data = _detail_or_404(request, pk)
    if data["viewer"]["vendor_id"] is None:
        raise PermissionDenied(_("Only a vendor business may answer a need."))
    form = InterestForm(request.POST, products=[m["product"] for m in data["matches"]], prefix=f"need{pk}")
    done = None
    if form.is_valid():
        done = perform(
            request, services.interest_express, form=form, refusal_on_form=False, actor=request.user, need_id=pk,
            now=clock.now(), success=_("Sent: the buyer sees your answer."), **form.cleaned_data,
        )
    if _is_htmx(request):
        data = _detail_or_404(request, pk)
        return render(request, "matching/_answer.html", {
            "item": _answer_context(data, None if done else form), "sent": bool(done),
        }, status=200 if done else 422)
    if done is None or done.on_form:
        return render(request, "matching/need_detail.html", {
            "need": data, "viewer": data["viewer"], "answer": _answer_context(data, form), "close_form": None,
        }, status=422)
    return redirect(reverse("matching:need_detail", args=[pk]) + "#answer")


# ---- Import ----


@login_required
@require_http_methods(["GET", "POST"])
def need_import(request):
    user = request.user
    if access.buyer_membership(user) is None and not access.is_curator(user):
        raise PermissionDenied(_("Only buyers and curators may import needs."))
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, status = [], 200
    if request.method == "POST":
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                result = services.needs_import(uploaded.read(), uploaded.name, actor=user, now=clock.now())
            except ValidationFailed as exc:
                errors, status = row_errors(exc), 422
                form.add_error(None, exc.message)
            else:
                summary = result.as_dict()
                messages.success(request, _("Imported: %(created)d new needs, %(updated)d changed, %(unchanged)d "
                                            "unchanged. They are matched in a moment.") % summary)
                return redirect("matching:need_list")
        else:
            status = 400
    return render(request, "matching/import.html", {
        "form": form, "errors": errors, "columns": NEED_COLUMNS, "is_curator": access.is_curator(user),
    }, status=status)


@login_required
@require_GET
def import_template(request):
    """An empty file with the columns and one example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(NEED_COLUMNS)
    example = {
        "ref": "KEB-001", "buyer": "Dinas Pariwisata Provinsi Lampung", "buyer_type": "opd_provinsi",
        "title": "Kain tapis untuk cenderamata", "description": "Tapis motif siger, wajib UMKM Lampung",
        "category": "", "quantity": "150", "unit": "lembar", "budget": "75000000", "regency_code": "18.71",
        "needed_by": "2025-12-31",
    }
    writer.writerow([example.get(column, "") for column in NEED_COLUMNS])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kebutuhan-templat.csv"'
    return response
