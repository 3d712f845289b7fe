"""Curators' product pages, under /kurasi/produk/: the queue, the review page, approve and return."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from katalog.accounts.decorators import curator_required
from katalog.core import clock
from katalog.core.web import perform

from . import curation, services
from .forms import ReturnForm


def _product(pk: int):
    product = curation.product_for_work(pk)
    if product is None:
        raise Http404
    return product


@curator_required
def curation_products(request):
    return render(request, "catalog/curation/queue.html", {
        "rows": curation.curation_queue(now=clock.now()),
        "waiting_long_days": curation.waiting_long_days(),
    })


def _review(request, product, return_form: ReturnForm):
    return render(request, "catalog/curation/review.html", {
        "return_form": return_form,
        **curation.product_work_page(product, now=clock.now(), for_curator=True),
    })


@curator_required
def curation_product(request, pk: int):
    return _review(request, _product(pk), ReturnForm())


@curator_required
@require_POST
def curation_product_approve(request, pk: int):
    product = _product(pk)
    done = perform(
        request, services.product_approve, actor=request.user, product=product, now=clock.now(),
        success=_("“%(name)s” is listed (tayang).") % {"name": product.name},
    )
    if not done:
        return redirect("catalog:curation_product", pk=product.pk)
    return redirect("catalog:curation_products")


@curator_required
@require_POST
def curation_product_return(request, pk: int):
    product = _product(pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        done = perform(
            request, services.product_return, form=form,
            actor=request.user, product=product, reason=form.cleaned_data["reason"], now=clock.now(),
            success=_("“%(name)s” is returned to the vendor.") % {"name": product.name},
        )
        if done:
            return redirect("catalog:curation_products")
    return _review(request, product, form)
