"""Curators' overview of orders, and the public fragment of a vendor's rating (for its profile)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from katalog.accounts.decorators import curator_required
from katalog.core import clock

from . import selectors as oversight_selectors


@curator_required
def overview(request):
    return render(request, "procurement/oversight/overview.html", oversight_selectors.overview(
        request.user, now=clock.now()
    ))


def vendor_rating(request, vendor_id: int):
    """Public: loaded into the vendor's profile with htmx; a page of its own without it."""
    rating = oversight_selectors.public_vendor_rating(vendor_id)
    if rating is None:
        raise Http404
    template = (
        "procurement/oversight/_vendor_rating.html" if request.headers.get("HX-Request")
        else "procurement/oversight/vendor_rating.html"
    )
    response = render(request, template, {"rating": rating})
    patch_vary_headers(response, ["HX-Request"])
    return response
