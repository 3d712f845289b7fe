"""Open data pages: what is published and how, the list of monthly packages, the packages, the extension."""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from katalog.core import clock

from . import packages, selectors
from .validation import HERE

EXTENSION_DIR = HERE / "extension"
EXTENSION_FILES = {"extension.json", "release-schema.json"}
JSON_PARAMS = {"ensure_ascii": False}


def _months(*, limit: int | None = None) -> list[dict]:
    rows = selectors.release_counts_by_month(today=clock.today())
    return [
        {"month": row["month"], "count": row["count"], "url": packages.month_package_path(row["month"])}
        for row in rows[:limit]
    ]


def _page_context(request) -> dict:
    base_url = packages.request_base_url(request)
    this_month = clock.today().replace(day=1)
    return {
        "ocds_index_url": reverse("opendata:ocds_index"),
        "this_month_url": packages.month_package_path(this_month),
        "extension_urls": packages.extension_urls(base_url),
        "ocid_prefix": settings.KATALOG["OCDS_OCID_PREFIX"],
    }


@require_safe
def index(request):
    return render(request, "opendata/index.html", {**_page_context(request), "months": _months(limit=6)})


@require_safe
def ocds_index(request):
    return render(request, "opendata/ocds_index.html", {**_page_context(request), "months": _months()})


@require_safe
def month_package(request, year: str, month: str):
    try:
        first = dt.date(int(year), int(month), 1)
    except ValueError:
        return _not_found(_("There is no month %(month)s: write the month as YYYY-MM, from 01 to 12.")
                          % {"month": f"{year}-{month}"})
    now = clock.now()
    if packages.is_future_month(first, now=now):
        return _not_found(_("%(month)s has not come yet.") % {"month": f"{first:%Y-%m}"})
    package = packages.month_package(first, base_url=packages.request_base_url(request), now=now)
    if not package["releases"]:
        # OCDS requires at least one release in a package: a month with nothing published has no package.
        return _not_found(_("Nothing was published in %(month)s.") % {"month": f"{first:%Y-%m}"})
    return JsonResponse(package, json_dumps_params=JSON_PARAMS)


def _not_found(detail: str) -> JsonResponse:
    """Machines fetch these files: they get the reason as JSON, like the API's errors."""
    return JsonResponse({"code": "not_found", "detail": detail}, status=404)


@require_safe
def extension_file(request, name: str):
    """Our OCDS extension's metadata and release schema patch, at a stable address."""
    if name not in EXTENSION_FILES:
        raise Http404(_("No such file."))
    with (EXTENSION_DIR / name).open(encoding="utf-8") as handle:
        content = json.load(handle)
    if name == "extension.json":
        # The documentation is the open data page; its address depends on where the site runs.
        base_url = packages.request_base_url(request)
        content["documentationUrl"] = {"en": f"{base_url}{reverse('opendata:index')}#extension"}
    return JsonResponse(content, json_dumps_params=JSON_PARAMS)


@require_safe
def extension_codelist(request, name: str):
    path = EXTENSION_DIR / "codelists" / name
    if name not in {p.name for p in (EXTENSION_DIR / "codelists").glob("*.csv")}:
        raise Http404(_("No such file."))
    return FileResponse(path.open("rb"), content_type="text/csv; charset=utf-8")
