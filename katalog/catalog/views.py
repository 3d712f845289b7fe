"""Public catalogue pages (no login) and the leaders' summary. Each view makes one call into the domain."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from katalog.accounts.decorators import leader_required
from katalog.core import clock
from katalog.vendors import selectors as vendor_selectors

from . import selectors, summary


def _page_size() -> int:
    return int(settings.KATALOG["CATALOG_PAGE_SIZE"])


def _cards_page(request, queryset) -> dict:
    page = selectors.paginate(queryset, request.GET.get("page"), _page_size())
    return {"page": page, "cards": [selectors.product_card(product) for product in page.object_list]}


def category_index(request):
    return render(request, "catalog/category_index.html", {"tree": selectors.category_tree()})


def category_detail(request, slug: str):
    category = selectors.category_get_public(slug)
    if category is None:
        raise Http404
    local_only = request.GET.get("lokal") == "1"
    sort = request.GET.get("urut", "")
    if sort not in selectors.ORDERINGS:
        sort = "newest"
    node = selectors.category_node(selectors.category_tree(), category.pk)
    queryset = selectors.product_list_public(category=category, local_only=local_only, order=sort)
    return render(request, "catalog/category_detail.html", {
        "category": category,
        "path": selectors.category_path(category),
        "children": node["children"] if node else [],
        "local_only": local_only,
        "sort": sort,
        **_cards_page(request, queryset),
    })


def product_search(request):
    query = request.GET.get("q", "").strip()[:200]
    queryset = selectors.product_list_public(query=query)
    return render(request, "catalog/product_search.html", {"query": query, **_cards_page(request, queryset)})


def product_detail(request, sku: str):
    product = selectors.product_get_public(sku)
    if product is None:
        raise Http404
    return render(request, "catalog/product_detail.html", {"p": selectors.product_page(product)})


def vendor_profile(request, code: str):
    vendor = vendor_selectors.vendor_get_public(code)
    if vendor is None:
        raise Http404
    return render(request, "catalog/vendor_profile.html", {
        "vendor": vendor,
        "certificates": selectors.vendor_certificates_valid(vendor, today=clock.today()),
        **_cards_page(request, selectors.product_list_public(vendor=vendor)),
    })


@leader_required
def leader_summary(request):
    return render(request, "catalog/leader_summary.html", {"s": summary.catalogue_summary()})
