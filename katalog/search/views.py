from django.conf import settings
from django.shortcuts import render

from .forms import filters_from_query
from .selectors import SORTS, search


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
        "query": query, "result": result, "cards": result.items, "filters": filters, "sort": sort,
        "sorts": SORTS, "notes": notes,
    })
