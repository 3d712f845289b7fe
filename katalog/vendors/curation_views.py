"""Curators' pages: the verification queue, the list of every business, the review page and decisions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from katalog.accounts.decorators import curator_required
from katalog.core import clock
from katalog.core.web import perform

from . import selectors, services
from .forms import ProfileForm, ReasonForm, VendorFilterForm
from .identifiers import SCALE_CRITERIA
from .models import VendorStatus
from .states import can_transition

# Another part of the site holds the product curation queue.
PRODUCT_CURATION_PATH = "/kurasi/produk/"



def _vendor_or_404(code: str):
    vendor = selectors.vendor_get_for_curation(code)
    if vendor is None:
        raise Http404(_("No business with this code."))
    return vendor


@curator_required
def curation_queue(request):
    rows = selectors.vendor_curation_queue(now=clock.now())
    return render(request, "vendors/curation_queue.html", {
        "rows": rows,
        "waiting_long_days": selectors.waiting_long_days(),
        "product_curation_path": PRODUCT_CURATION_PATH,
    })


@curator_required
def curation_vendor_list(request):
    form = VendorFilterForm(request.GET or None)
    status = query = ""
    if form.is_valid():
        status, query = form.cleaned_data["status"], form.cleaned_data["q"]
    data = selectors.vendor_list_for_curators(status=status, query=query, page=request.GET.get("page", 1))
    return render(request, "vendors/curation_vendor_list.html", {
        "form": form, "status": status, **data,
        "status_summary": [
            (value, label, data["status_counts"].get(value, 0)) for value, label in VendorStatus.choices
        ],
    })


def _reason_form(action: str, data=None) -> ReasonForm:
    if action == "return":
        return ReasonForm(data, prefix="return", label=_("What to revise"),
                          help_text=_("The business sees this text; say what to fix."))
    return ReasonForm(data, prefix="reject", label=_("Reason for rejection"),
                      help_text=_("The business sees this text; rejection is final."))


def _review_context(vendor, *, reason_forms: dict | None = None) -> dict:
    today = clock.today()
    documents = selectors.vendor_documents(vendor, today=today)
    forms = {"return": _reason_form("return"), "reject": _reason_form("reject")}
    forms.update(reason_forms or {})
    return {
        "vendor": selectors.vendor_profile(vendor),
        "documents": documents,
        "expired_count": sum(1 for d in documents if d["state"] == "expired"),
        "history": selectors.vendor_history(vendor),
        "queue": selectors.vendor_queue_status(vendor, now=clock.now()),
        "can_decide": can_transition(vendor.status, VendorStatus.VERIFIED),
        "return_form": forms["return"],
        "reject_form": forms["reject"],
    }


@curator_required
def curation_vendor(request, code: str):
    vendor = _vendor_or_404(code)
    return render(request, "vendors/curation_vendor.html", _review_context(vendor))


@curator_required
@require_POST
def curation_verify(request, code: str):
    vendor = _vendor_or_404(code)
    done = perform(
        request, services.vendor_verify, actor=request.user, vendor=vendor, now=clock.now(),
        success=_("%(name)s is verified.") % {"name": vendor.name},
    )
    if not done:
        return redirect("vendors:curation_vendor", code=vendor.code)
    return redirect("vendors:curation_queue")


def _decide_with_reason(request, code: str, *, action: str):
    vendor = _vendor_or_404(code)
    form = _reason_form(action, request.POST)
    if action == "return":
        service, success = services.vendor_return, _("%(name)s was returned for revision.")
    else:
        service, success = services.vendor_reject, _("%(name)s was rejected.")
    if form.is_valid():
        done = perform(
            request, service, form=form, refusal_on_form=False,
            actor=request.user, vendor=vendor, reason=form.cleaned_data["reason"], now=clock.now(),
            success=success % {"name": vendor.name},
        )
        if done:
            return redirect("vendors:curation_queue")
        if not done.on_form:
            return redirect("vendors:curation_vendor", code=vendor.code)
    messages.error(request, _("Write the reason, so the business knows what to do."))
    return render(request, "vendors/curation_vendor.html", _review_context(vendor, reason_forms={action: form}))


@curator_required
@require_POST
def curation_return(request, code: str):
    return _decide_with_reason(request, code, action="return")


@curator_required
@require_POST
def curation_reject(request, code: str):
    return _decide_with_reason(request, code, action="reject")


@curator_required
@require_http_methods(["GET", "POST"])
def curation_vendor_edit(request, code: str):
    """Curators correct identity data (NIB, NPWP, scale, region, KBLI) when a business asks."""
    vendor = _vendor_or_404(code)
    form = ProfileForm(request.POST or None, vendor=vendor, may_edit_identity=True)
    if request.method == "POST" and form.is_valid():
        done = perform(
            request, services.vendor_update_profile, form=form, refusal_on_form=False,
            actor=request.user, vendor=vendor, data=form.changed_business_data(), now=clock.now(),
            success=_("Profile of %(name)s saved.") % {"name": vendor.name},
        )
        if not done.on_form:
            return redirect("vendors:curation_vendor", code=vendor.code)
    return render(request, "vendors/profile_form.html", {
        "form": form, "vendor": selectors.vendor_profile(vendor), "scale_criteria": SCALE_CRITERIA,
        "as_curator": True,
    })

