"""Search pages: results with facets, suggestions as the buyer types, and a side-by-side comparison."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from katalog.catalog import selectors as catalog_selectors

from . import comparison
from .forms import filters_from_query
from .reasons import cards_with_reasons
from .selectors import MAX_COMPARED, SORTS, compare_products, search, suggest


def results(request):
    query = request.GET.get("q", "").strip()[:200]
    filters, sort, notes = filters_from_query(request.GET)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    result = search(q=query, filters=filters, sort=sort, page=page, page_size=settings.KATALOG["CATALOG_PAGE_SIZE"])
    template = "search/_results.html" if request.headers.get("HX-Request") else "search/results.html"
    return render(request, template, {
        "query": query, "result": result, "cards": cards_with_reasons(result, sort=sort), "filters": filters,
        "sort": sort, "sorts": SORTS, "notes": notes, **_compare_context(request),
    })


@require_GET
def suggestions(request):
    """An HTML fragment of suggestions for the search box (htmx); empty when there is nothing to say."""
    rows = suggest(q=request.GET.get("q", ""))
    return render(request, "search/_suggestions.html", {"suggestions": rows, "query": request.GET.get("q", "")})


@require_GET
def compare(request):
    from_link = bool(request.GET.getlist("sku"))
    skus = request.GET.getlist("sku") if from_link else comparison.session_skus(request.session)
    result = compare_products(skus)
    notes = []
    if result.unlisted:
        notes.append(_("Skipped, not a listed product: %(skus)s.") % {"skus": ", ".join(result.unlisted)})
    if result.over_limit:
        notes.append(
            _("At most %(max)s products are compared side by side; left out: %(skus)s.")
            % {"max": MAX_COMPARED, "skus": ", ".join(result.over_limit)}
        )
    shown = [p["sku"] for p in result.products]
    columns = [
        {
            "p": product,
            "best_price": product["sku"] in result.best.get("price", ()),
            "best_share": product["sku"] in result.best.get("tkdn_plus_bmp", ()),
            "remove_url": _compare_url([s for s in shown if s != product["sku"]]),
        }
        for product in result.products
    ]
    return render(request, "search/compare.html", {
        "columns": columns, "notes": notes, "from_link": from_link, "share_url": _compare_url(shown) if shown else "",
        **_compare_context(request),
    })


def _compare_url(skus: list[str]) -> str:
    url = reverse("search:compare")
    return f"{url}?{urlencode({'sku': skus}, doseq=True)}" if skus else url


@require_POST
def compare_select(request):
    """Add a product to the comparison or take it out; htmx gets the button back, a plain form a redirect."""
    sku = request.POST.get("sku", "").strip()
    action = request.POST.get("action", "add")
    next_url = _safe_next(request)
    error = ""
    if action == "remove":
        comparison.session_remove(request.session, sku)
    elif not catalog_selectors.listed_products().filter(sku=sku).exists():
        error = _("This product is not listed, so it cannot be compared.")
    elif not comparison.session_add(request.session, sku):
        error = _("You can compare at most %(max)s products. Take one out first.") % {"max": MAX_COMPARED}
    if request.headers.get("HX-Request"):
        state = _compare_context(request)
        context = {"sku": sku, "selected": sku in state["compare_skus"], "next_url": next_url, "error": error, **state}
        return render(request, "search/_compare_toggle_response.html", context)
    if error:
        messages.error(request, error)
    return redirect(next_url)


@require_POST
def compare_clear(request):
    comparison.session_clear(request.session)
    return redirect(_safe_next(request, default=reverse("search:compare")))


def _compare_context(request) -> dict:
    skus = comparison.session_skus(request.session)
    return {"compare_skus": skus, "compare_count": len(skus), "compare_max": MAX_COMPARED}


def _safe_next(request, *, default: str | None = None) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse("search:compare")
