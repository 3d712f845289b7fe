"""Pages of the vendor business itself: registration, dashboard, profile, documents.

Curators' pages are in `curation_views.py`. Each view checks who is asking, makes one call into the
services or selectors, and turns a DomainError into a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from katalog.accounts import access as accounts_access
from katalog.accounts.models import User
from katalog.core import clock
from katalog.core.web import perform

from . import access, selectors, services
from .forms import DocumentForm, ProfileForm, RegistrationForm
from .identifiers import SCALE_CRITERIA
from .models import VendorDocument, VendorStatus
from .states import DOCUMENT_EDITABLE_STATUSES, PROFILE_EDITABLE_STATUSES, can_transition

# Another part of the site lists the vendor's products; a plain path keeps this page independent of it.
VENDOR_PRODUCTS_PATH = "/penyedia/produk/"


def _own_vendor(request):
    """The business the logged-in person works for; 403 for anyone else."""
    vendor = access.vendor_for_user(request.user)
    if vendor is None:
        raise PermissionDenied(_("This page is for vendor businesses."))
    return vendor


def _registered_message(vendor) -> str:
    return _(
        "Your business %(name)s is registered (code %(code)s). Next: add your documents (NIB, Halal, "
        "PIRT, TKDN…) and submit your business for verification."
    ) % {"name": vendor.name, "code": vendor.code}


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        messages.info(request, _("You are already logged in."))
        return redirect("accounts:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = perform(
            request, services.vendor_register, form=form, success=_registered_message,
            username=data["username"], password=data["password1"], person_name=data["person_name"],
            email=data["email"], business=form.business_data(), now=clock.now(),
        )
        if done:
            vendor = done.result
            user = User.objects.get(memberships__organisation_id=vendor.organisation_id)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("vendors:dashboard")
    return render(request, "vendors/register.html", {"form": form, "scale_criteria": SCALE_CRITERIA})


def _dashboard_context(vendor, *, document_form=None) -> dict:
    now = clock.now()
    today = clock.today()
    documents = selectors.vendor_documents(vendor, today=today)
    return {
        "vendor": selectors.vendor_profile(vendor),
        "documents": documents,
        "expired_count": sum(1 for d in documents if d["state"] == "expired"),
        "expiring_count": sum(1 for d in documents if d["state"] == "expiring"),
        "queue": selectors.vendor_queue_status(vendor, now=now),
        "can_submit": can_transition(vendor.status, VendorStatus.SUBMITTED),
        "can_edit_profile": vendor.status in PROFILE_EDITABLE_STATUSES,
        "can_edit_documents": vendor.status in DOCUMENT_EDITABLE_STATUSES,
        "document_form": document_form or DocumentForm(),
        "products_path": VENDOR_PRODUCTS_PATH,
    }


@login_required
def dashboard(request):
    vendor = access.vendor_for_user(request.user)
    if vendor is None:
        if accounts_access.is_curator(request.user):
            return redirect("vendors:curation_queue")
        raise PermissionDenied(_("This page is for vendor businesses."))
    return render(request, "vendors/dashboard.html", _dashboard_context(vendor))


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    vendor = _own_vendor(request)
    if vendor.status not in PROFILE_EDITABLE_STATUSES:
        messages.error(request, _("Your business is “%(status)s”; its profile cannot be changed now.")
                       % {"status": vendor.get_status_display()})
        return redirect("vendors:dashboard")
    form = ProfileForm(request.POST or None, vendor=vendor, may_edit_identity=False)
    if request.method == "POST" and form.is_valid():
        done = perform(
            request, services.vendor_update_profile, form=form, refusal_on_form=False,
            actor=request.user, vendor=vendor, data=form.changed_business_data(), now=clock.now(),
            success=_("Profile saved."),
        )
        if not done.on_form:
            return redirect("vendors:dashboard")
    return render(request, "vendors/profile_form.html", {
        "form": form, "vendor": selectors.vendor_profile(vendor), "scale_criteria": SCALE_CRITERIA,
        "as_curator": False,
    })


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request):
    vendor = _own_vendor(request)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            done = perform(
                request, services.document_add, form=form, refusal_on_form=False,
                actor=request.user, vendor=vendor, data=form.document_data(),
                file=form.cleaned_data["file"], now=clock.now(),
                success=lambda document: _("Document %(document)s added.") % {"document": document},
            )
            if not done.on_form:
                return redirect("vendors:dashboard")
    elif vendor.status not in DOCUMENT_EDITABLE_STATUSES:
        messages.error(request, _("Documents cannot be changed while your business is “%(status)s”.")
                       % {"status": vendor.get_status_display()})
        return redirect("vendors:dashboard")
    return render(request, "vendors/document_form.html", {"form": form, "vendor": selectors.vendor_profile(vendor)})


def _document_for(request, pk: int) -> VendorDocument:
    """A document the person may see: of their own business, or any for curators."""
    document = get_object_or_404(VendorDocument.objects.select_related("vendor"), pk=pk)
    if not access.can_view_vendor_documents(request.user, document.vendor):
        raise PermissionDenied(_("You can only see the documents of your own business."))
    return document


@login_required
@require_POST
def document_delete(request, pk: int):
    document = _document_for(request, pk)
    vendor = document.vendor
    perform(
        request, services.document_delete, actor=request.user, document=document, now=clock.now(),
        success=_("Document %(document)s deleted.") % {"document": document},
    )
    if access.can_act_for_vendor(request.user, vendor):
        return redirect("vendors:dashboard")
    return redirect("vendors:curation_vendor", code=vendor.code)


@login_required
def document_file(request, pk: int):
    """Documents are not public media: the file is served only after the access check."""
    document = _document_for(request, pk)
    if not document.file:
        raise Http404(_("This document has no file."))
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file of this document is missing.")) from None
    extension = document.file.name.rsplit(".", 1)[-1] if "." in document.file.name else ""
    filename = f"{document.kind}-{document.number}.{extension}".replace("/", "-").replace(" ", "_")
    response = FileResponse(handle, content_type=document.content_type or "application/octet-stream", filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def submit(request):
    vendor = _own_vendor(request)
    perform(
        request, services.vendor_submit, actor=request.user, vendor=vendor, now=clock.now(),
        success=_submitted_message,
    )
    return redirect("vendors:dashboard")


def _submitted_message(vendor) -> str:
    position = selectors.vendor_queue_position(vendor)
    if position:
        return _("Submitted for verification. You are number %(position)d of %(total)d in the curators' queue.") % {
            "position": position[0], "total": position[1],
        }
    return _("Submitted for verification.")
