"""The curators' page of gaps in local supply (needs no local product fills well) and its Excel download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from katalog.core import clock
from katalog.core.errors import PermissionDeniedError
from katalog.core.spreadsheets import xlsx_response

from . import gap_export, gaps

PAGE_SIZE = 25


def _filters(request) -> dict:
    return {"category": request.GET.get("category", "").strip(), "regency": request.GET.get("regency", "").strip()}


@login_required
@require_GET
def gap_list(request):
    filters = _filters(request)
    try:
        report = gaps.gap_report(request.user, **filters)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    page = Paginator(report["needs"], PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = {name: value for name, value in filters.items() if value}
    return render(request, "matching/gaps.html", {
        "report": report, "page_obj": page, "rows": gaps.gap_rows(page.object_list), "filters": filters,
        "filtered": bool(chosen), "export_query": urlencode(chosen), "no_category": gaps.NO_CATEGORY,
    })


@login_required
@require_GET
def gap_xlsx(request):
    try:
        report = gaps.gap_export(request.user, **_filters(request))
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    today = timezone.localdate(clock.now())
    return xlsx_response(gap_export.gap_workbook(report), f"celah-pasokan-lokal-{today:%Y%m%d}.xlsx")
