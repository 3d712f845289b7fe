"""A vendor's own products, under /penyedia/produk/. Members of the vendor organisation only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from katalog.core import clock
from katalog.core.web import perform
from katalog.vendors import access as vendor_access
from katalog.vendors.models import Vendor, VendorStatus

from . import curation, services
from .forms import PhotoForm, ProductForm
from .models import ProductPhoto


def _vendor(request) -> Vendor:
    vendor = vendor_access.vendor_for_user(request.user)
    if vendor is None:
        raise PermissionDenied
    return vendor


def _own_product(request, pk: int):
    vendor = _vendor(request)
    product = curation.product_for_work(pk)
    if product is None:
        raise Http404
    if product.vendor_id != vendor.pk:
        raise PermissionDenied
    return vendor, product


def _not_verified_reason(vendor: Vendor) -> str | None:
    if vendor.status == VendorStatus.VERIFIED:
        return None
    reason = _("Your business is “%(status)s”. A curator must verify it before you can list products.") % {
        "status": vendor.get_status_display()
    }
    if vendor.status_reason:
        reason += " " + _("Curator's note: %(note)s") % {"note": vendor.status_reason}
    return reason


@login_required
def vendor_product_list(request):
    vendor = _vendor(request)
    return render(request, "catalog/vendor/product_list.html", {
        "vendor": vendor,
        "not_verified": _not_verified_reason(vendor),
        "rows": curation.vendor_products(vendor, now=clock.now()),
    })


@login_required
def vendor_product_create(request):
    vendor = _vendor(request)
    not_verified = _not_verified_reason(vendor)
    if not_verified:
        messages.error(request, not_verified)
        return redirect("catalog:vendor_product_list")
    form = ProductForm(request.POST or None, vendor=vendor)
    if request.method == "POST" and form.is_valid():
        done = perform(
            request, services.product_create, form=form,
            actor=request.user, vendor=vendor, data=form.service_data(), now=clock.now(),
            success=_("The product is saved as a draft. Add photos, then submit it for curation."),
        )
        if done:
            return redirect("catalog:vendor_product_detail", pk=done.result.pk)
    return render(request, "catalog/vendor/product_form.html", {"form": form, "vendor": vendor, "product": None})


@login_required
def vendor_product_edit(request, pk: int):
    vendor, product = _own_product(request, pk)
    form = ProductForm(
        request.POST or None, vendor=vendor, editing=True, initial=ProductForm.initial_for(product)
    )
    if request.method == "POST" and form.is_valid():
        was = product.status
        done = perform(
            request, services.product_update, form=form, success=None,
            actor=request.user, product=product, data=form.service_data(), now=clock.now(),
        )
        if done:
            product = done.result
            if was != product.status:
                messages.warning(request, product.status_reason)
            else:
                messages.success(request, _("The product is saved."))
            return redirect("catalog:vendor_product_detail", pk=product.pk)
    return render(request, "catalog/vendor/product_form.html", {"form": form, "vendor": vendor, "product": product})


@login_required
def vendor_product_detail(request, pk: int):
    vendor, product = _own_product(request, pk)
    return render(request, "catalog/vendor/product_detail.html", {
        "vendor": vendor,
        "not_verified": _not_verified_reason(vendor),
        **curation.product_work_page(product, now=clock.now(), for_curator=False),
    })


@login_required
def vendor_product_photos(request, pk: int):
    vendor, product = _own_product(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = perform(
            request, services.product_photo_add, form=form,
            actor=request.user, product=product, file=form.cleaned_data["image"], now=clock.now(),
            success=_("The photo is added."),
        )
        if done:
            return redirect("catalog:vendor_product_photos", pk=product.pk)
    return render(request, "catalog/vendor/product_photos.html", {
        "vendor": vendor,
        "product": product,
        "photos": [{"pk": p.pk, "url": p.image.url} for p in product.photos.all()],
        "form": form,
    })


@login_required
@require_POST
def vendor_product_photo_delete(request, pk: int, photo_pk: int):
    _vendor, product = _own_product(request, pk)
    photo = get_object_or_404(ProductPhoto, pk=photo_pk, product=product)
    perform(
        request, services.product_photo_delete, actor=request.user, photo=photo, now=clock.now(),
        success=_("The photo is deleted."),
    )
    return redirect("catalog:vendor_product_photos", pk=product.pk)


def _change_status(request, pk: int, service, *, success: str):
    """Submit or withdraw one of the vendor's own products, then back to its page."""
    _vendor, product = _own_product(request, pk)
    perform(request, service, actor=request.user, product=product, now=clock.now(), success=success)
    return redirect("catalog:vendor_product_detail", pk=product.pk)


@login_required
@require_POST
def vendor_product_submit(request, pk: int):
    return _change_status(request, pk, services.product_submit, success=_("The product is waiting for curation."))


@login_required
@require_POST
def vendor_product_withdraw(request, pk: int):
    return _change_status(
        request, pk, services.product_withdraw, success=_("The product is withdrawn; buyers no longer see it.")
    )
