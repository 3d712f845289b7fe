"""`{% load search_compare %}{% compare_toggle sku %}`: the "Compare" toggle for any page (a product's page)."""

from django import template

from katalog.search import comparison
from katalog.search.selectors import MAX_COMPARED

register = template.Library()


@register.inclusion_tag("search/_compare_toggle.html", takes_context=True)
def compare_toggle(context, sku: str) -> dict:
    request = context.get("request")
    skus = comparison.session_skus(getattr(request, "session", None))
    return {
        "sku": sku,
        "selected": sku in skus,
        "next_url": request.get_full_path() if request is not None else "",
        "compare_count": len(skus),
        "compare_max": MAX_COMPARED,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
