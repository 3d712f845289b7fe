"""OCDS release packages: the monthly packages served at /open-data/ocds/ and the `export-ocds` package.

Every URL in a package is absolute: built on settings.KATALOG["SITE_URL"] when it is set, else on the
address the request came to (pages) or the `--base-url` option (the command).
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .releases import instant

OCDS_VERSION = "1.1"
PARTY_SCALE_EXTENSION_URL = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_partyDetails_scale_extension/master/extension.json"
)
COMPETITIVE_EXTENSION_URL = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_competitive_extension/master/extension.json"
)


def configured_base_url() -> str:
    """settings.KATALOG["SITE_URL"] without its trailing slash ("" when not set)."""
    return (settings.KATALOG.get("SITE_URL") or "").rstrip("/")


def request_base_url(request) -> str:
    return configured_base_url() or request.build_absolute_uri("/").rstrip("/")


def extension_url(base_url: str) -> str:
    return base_url + reverse("opendata:extension_file", args=["extension.json"])


def extension_urls(base_url: str) -> list[str]:
    return [extension_url(base_url), PARTY_SCALE_EXTENSION_URL, COMPETITIVE_EXTENSION_URL]


def month_package_path(month: dt.date) -> str:
    return reverse("opendata:month_package", kwargs={"year": f"{month.year:04d}", "month": f"{month.month:02d}"})


def release_package(*, releases: list[dict], uri: str, base_url: str, now: dt.datetime) -> dict:
    package = {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": extension_urls(base_url),
        "publishedDate": instant(now),
        "publisher": {"name": settings.KATALOG["SITE_NAME"], "uri": base_url + "/"},
        "license": settings.KATALOG.get("OCDS_LICENSE_URL", ""),
        "publicationPolicy": base_url + reverse("opendata:index"),
        "releases": releases,
    }
    if not package["license"]:
        del package["license"]
    return package


def _next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def month_package(month: dt.date, *, base_url: str, now: dt.datetime) -> dict:
    """The releases dated in the Jakarta calendar month of `month` (none: an empty list, which the views and
    the command do not publish, as OCDS requires at least one release in a package)."""
    start = month.replace(day=1)
    return release_package(
        releases=selectors.releases_between(start, _next_month(start)),
        uri=base_url + month_package_path(start), base_url=base_url, now=now,
    )


def package_since(since: dt.date, *, base_url: str, now: dt.datetime) -> dict:
    """Everything published on or after the Jakarta calendar day `since`."""
    return release_package(
        releases=selectors.releases_between(since),
        uri=f"{base_url}{reverse('opendata:ocds_index')}?since={since.isoformat()}", base_url=base_url, now=now,
    )


def is_future_month(month: dt.date, *, now: dt.datetime) -> bool:
    today = timezone.localdate(now)
    return (month.year, month.month) > (today.year, today.month)


def to_json(package: dict, *, indent: int | None = None) -> str:
    """UTF-8 friendly JSON: Indonesian text stays as written, not as \\u escapes."""
    return json.dumps(package, ensure_ascii=False, indent=indent)
