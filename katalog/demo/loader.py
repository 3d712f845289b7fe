"""`load_demo`: the demo catalogue through the real imports and services, idempotently.

Order: reference data, vendors (import), their waiting/returned states (services), profiles,
products (import, listed in monthly batches), the curation queue (import + services), TKDN
certificates (service), buyer organisations and the demo logins, the penyedia's draft; then the
orders and mini-competitions (stories in orders.py and competitions.py, played through the procurement
services); then the buyers' needs and their matches, a past business-matching event with its commitments
and an upcoming one (matching.py, events.py); then 18 months of purchase history imported as records
(history.py) and the monitoring sums rebuilt. A second run finds everything in place and writes nothing new.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from katalog.catalog import services as catalog_services
from katalog.catalog.models import Category, Product, ProductStatus
from katalog.catalog.reference import load_categories
from katalog.core.errors import DomainError
from katalog.events.models import Commitment, MatchingEvent
from katalog.imports.products import import_products
from katalog.imports.vendors import import_vendors
from katalog.matching.models import Need
from katalog.monitoring.aggregates import refresh_all
from katalog.notifications import services as notification_services
from katalog.notifications.models import Notification
from katalog.procurement.models import Competition, Holiday, Order
from katalog.redflags.services import red_flags_refresh_all
from katalog.regions.models import Region
from katalog.regions.reference import load_regions
from katalog.search.indexing import reindex_all
from katalog.vendors import services as vendor_services
from katalog.vendors.models import DocumentKind, Vendor, VendorStatus

from . import events as demo_events
from . import matching as demo_matching
from . import people, scenario
from .competitions import COMPETITION_STORIES
from .history import load_history
from .orders import ORDER_STORIES
from .pdf import placeholder_pdf
from .stage import Stage, StoryError, play

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoDataError(Exception):
    """The demo files do not import cleanly: they must be fixed, not skipped."""


@dataclass
class DemoSummary:
    logins: list[dict] = field(default_factory=list)
    vendors_created: int = 0
    products_created: int = 0
    orders_created: int = 0
    competitions_created: int = 0
    needs_created: int = 0
    events_created: int = 0
    commitments_created: int = 0
    notes: list[str] = field(default_factory=list)


# ---- Reading the files ----

def read_rows(name: str) -> tuple[list[str], list[dict]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def as_csv(columns: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _check(report, what: str) -> None:
    if not report.ok:
        errors = "; ".join(str(e) for e in report.errors[:10])
        raise DemoDataError(f"The demo {what} file does not import: {errors}")


def _import_vendors(columns, rows, *, verified: bool, now) -> int:
    report = import_vendors(as_csv(columns, rows), filename="vendors.csv", verified=verified, now=now)
    _check(report, "vendors")
    return report.created


def _import_products(columns, rows, *, approve: bool, now) -> int:
    report = import_products(as_csv(columns, rows), filename="products.csv", approve=approve, now=now)
    _check(report, "products")
    return report.created


# ---- Steps ----

def load_vendors(*, curator, now: dt.datetime, summary: DemoSummary) -> None:
    columns, rows = read_rows("vendors.csv")
    codes = {row["vendor_code"] for row in rows}
    special = set(scenario.VENDORS_WAITING) | set(scenario.VENDORS_RETURNED)
    if not special <= codes:
        raise DemoDataError(f"Scenario vendors missing from vendors.csv: {sorted(special - codes)}")
    listed = [row for row in rows if row["vendor_code"] not in special]
    summary.vendors_created += _import_vendors(
        columns, listed, verified=True, now=now - dt.timedelta(days=scenario.VENDORS_IMPORTED_DAYS_AGO)
    )
    by_code = {row["vendor_code"]: row for row in rows}
    for code, days in scenario.VENDORS_WAITING.items():
        summary.vendors_created += _import_vendors(
            columns, [by_code[code]], verified=False, now=now - dt.timedelta(days=days, hours=2)
        )
    for code, (submitted_days, returned_days, reason) in scenario.VENDORS_RETURNED.items():
        summary.vendors_created += _import_vendors(
            columns, [by_code[code]], verified=False, now=now - dt.timedelta(days=submitted_days)
        )
        vendor = Vendor.objects.get(code=code)
        if vendor.status == VendorStatus.SUBMITTED:
            vendor_services.vendor_return(
                actor=curator, vendor=vendor, reason=reason, now=now - dt.timedelta(days=returned_days)
            )


def load_vendor_profiles(*, curator, now: dt.datetime) -> None:
    """Address, contact and description: fields the import does not carry (no-op when unchanged)."""
    _columns, rows = read_rows("vendor_profiles.csv")
    vendors = Vendor.objects.select_related("organisation", "region").in_bulk(
        [row["vendor_code"] for row in rows], field_name="code"
    )
    for row in rows:
        data = {key: value for key, value in row.items() if key != "vendor_code"}
        vendor_services.vendor_update_profile(actor=curator, vendor=vendors[row["vendor_code"]], data=data, now=now)


def load_products(*, curator, now: dt.datetime, summary: DemoSummary) -> list[dict]:
    columns, rows = read_rows("products.csv")
    skus = {row["sku"] for row in rows}
    queued = set(scenario.PRODUCTS_WAITING) | set(scenario.PRODUCTS_RETURNED)
    if not queued <= skus:
        raise DemoDataError(f"Scenario products missing from products.csv: {sorted(queued - skus)}")
    listed = [row for row in rows if row["sku"] not in queued]
    batches = scenario.LISTING_BATCHES_DAYS_AGO
    for index, days in enumerate(batches):
        batch = listed[index :: len(batches)]
        summary.products_created += _import_products(
            columns, batch, approve=True, now=now - dt.timedelta(days=days, hours=index + 1)
        )
    by_sku = {row["sku"]: row for row in rows}
    for sku, hours in scenario.PRODUCTS_WAITING.items():
        summary.products_created += _import_products(
            columns, [by_sku[sku]], approve=False, now=now - dt.timedelta(hours=hours)
        )
    for sku, (submitted_hours, returned_hours, reason) in scenario.PRODUCTS_RETURNED.items():
        summary.products_created += _import_products(
            columns, [by_sku[sku]], approve=False, now=now - dt.timedelta(hours=submitted_hours)
        )
        product = Product.objects.select_related("vendor").get(sku=sku)
        if product.status == ProductStatus.SUBMITTED:
            catalog_services.product_return(
                actor=curator, product=product, reason=reason, now=now - dt.timedelta(hours=returned_hours)
            )
    return rows


def _certificate_for(index: int, vendor: Vendor, row: dict, today: dt.date) -> dict:
    """Deterministic certificate data: the first expires within a month, small industry self-declares."""
    if index == 0:
        issued, valid_until = today - dt.timedelta(days=3 * 365 - 20), today + dt.timedelta(days=20)
    else:
        issued = today - dt.timedelta(days=60 + (index * 23) % 900)
        valid_until = issued + dt.timedelta(days=5 * 365 + 1)  # Permenperin 35/2025: five years
    return {
        "kind": DocumentKind.TKDN,
        "number": f"{1200 + index:04d}/SJ-IPKP/TKDN/{issued.month}/{issued.year}",
        "issuer": "Kementerian Perindustrian",
        "issued_date": issued,
        "valid_until": valid_until,
        "covers": row["name"],
        "tkdn_pct": Decimal(row["tkdn"]),
        "bmp_pct": Decimal(row["bmp"]) if row["bmp"] else None,
        "tkdn_scheme": "self_declared" if vendor.scale == "mikro" else "assessed",
    }


def load_certificates(*, curator, now: dt.datetime, product_rows: list[dict]) -> None:
    """A TKDN certificate (placeholder PDF) for each listed vendor with TKDN claims, once."""
    best: dict[str, dict] = {}
    for row in product_rows:
        current = best.get(row["vendor_code"])
        if row["tkdn"] and (current is None or Decimal(row["tkdn"]) > Decimal(current["tkdn"])):
            best[row["vendor_code"]] = row
    vendors = Vendor.objects.filter(code__in=best, status=VendorStatus.VERIFIED).exclude(
        code__in=scenario.VENDORS_WITHOUT_TKDN_CERTIFICATE
    ).order_by("code")
    has_certificate = set(
        Vendor.objects.filter(documents__kind=DocumentKind.TKDN).values_list("code", flat=True)
    )
    today = timezone.localdate(now)
    for index, vendor in enumerate(vendors):
        if vendor.code in has_certificate:
            continue
        data = _certificate_for(index, vendor, best[vendor.code], today)
        pdf = placeholder_pdf([
            "SERTIFIKAT TKDN - CONTOH DATA DEMO", "", f"Nomor: {data['number']}", f"Perusahaan: {vendor.name}",
            f"Produk: {data['covers']}", f"TKDN: {data['tkdn_pct']}%   BMP: {data['bmp_pct'] or 0}%",
            f"Berlaku sampai: {data['valid_until'].isoformat()}", "", "Bukan dokumen resmi.",
        ])
        vendor_services.document_add(
            actor=curator, vendor=vendor, data=data, file=ContentFile(pdf, name="sertifikat-tkdn.pdf"), now=now
        )


def load_penyedia_draft(*, now: dt.datetime) -> None:
    spec = dict(scenario.PENYEDIA_DRAFT)
    if Product.objects.filter(sku=spec["sku"]).exists():
        return
    vendor = Vendor.objects.get(code=scenario.PENYEDIA_VENDOR_CODE)
    owner = vendor.organisation.memberships.filter(user__username="penyedia").select_related("user").get().user
    spec["category"] = Category.objects.get(name=spec["category"], level=3)
    spec["origin_region"] = Region.objects.get(code=spec["origin_region"])
    catalog_services.product_create(actor=owner, vendor=vendor, data=spec, now=now)


def load_purchases(*, now: dt.datetime, summary: DemoSummary) -> None:
    """Orders in every status and mini-competitions, each step its own transaction (as the services commit).

    The purchases happened in the past: their notifications stay in the app (those older than two working
    days already read), but no e-mail goes out for them now.
    """
    orders, competitions = Order.objects.count(), Competition.objects.count()
    stage = Stage(now=now, holidays=Holiday.objects.values_list("date", flat=True))
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            played = play(ORDER_STORIES + COMPETITION_STORIES, stage)
    except StoryError as exc:
        raise DemoDataError(f"A demo purchase cannot be played: {exc}") from exc
    if played:
        read_old_notifications(before=stage.at(2, "00:00"))
    summary.orders_created = Order.objects.count() - orders
    summary.competitions_created = Competition.objects.count() - competitions


def load_matching(*, now: dt.datetime, summary: DemoSummary) -> None:
    """Needs before the event, the past event with its schedule and commitments, needs after it, vendors'
    answers, the orders linked to commitments, needs fulfilled, the upcoming event; each step through the
    matching and events services, in its own transaction. No e-mail goes out for the past."""
    counts = Need.objects.count(), MatchingEvent.objects.count(), Commitment.objects.count()
    stage = Stage(now=now, holidays=Holiday.objects.values_list("date", flat=True))
    if demo_matching.unpublished(demo_matching.NEEDS_BEFORE_THE_EVENT + demo_matching.NEEDS_AFTER_THE_EVENT):
        # The engine weighs words by the vocabulary's document counts, exact only after a full rebuild
        # (the imports above keep the index up to date but not those counts).
        reindex_all()
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            demo_matching.publish_needs(stage, demo_matching.NEEDS_BEFORE_THE_EVENT)
            demo_events.hold_past_event(stage)
            demo_matching.publish_needs(stage, demo_matching.NEEDS_AFTER_THE_EVENT)
            demo_matching.answer_needs(stage)
            demo_events.link_orders(stage)
            demo_matching.close_fulfilled(stage)
            demo_events.open_upcoming_event(stage)
    except (DomainError, StoryError) as exc:
        raise DemoDataError(f"The demo's business matching cannot be played: {exc}") from exc
    summary.needs_created = Need.objects.count() - counts[0]
    summary.events_created = MatchingEvent.objects.count() - counts[1]
    summary.commitments_created = Commitment.objects.count() - counts[2]
    if summary.needs_created:
        read_old_notifications(before=stage.at(2, "00:00"))


def read_old_notifications(*, before: dt.datetime) -> None:
    """The demo people read their notifications an hour after they came, except the last days' ones."""
    usernames = [spec.username for spec in scenario.DEMO_USERS]
    old = Notification.objects.filter(
        recipient__username__in=usernames, read_at__isnull=True, created_at__lt=before
    ).select_related("recipient")
    for notification in old:
        notification_services.mark_read(
            actor=notification.recipient, notification_id=notification.pk,
            now=notification.created_at + dt.timedelta(hours=1),
        )


def load_demo(*, now: dt.datetime, with_purchases: bool = True) -> DemoSummary:
    """Load (or top up) the whole demo: the catalogue in one transaction (all of it or nothing), then
    the purchases. `with_purchases=False` loads only the catalogue, e.g. inside a test's transaction."""
    summary = DemoSummary()
    with transaction.atomic():
        load_regions(Region)
        load_categories(Category)
        curator = people.ensure_curator()
        load_vendors(curator=curator, now=now, summary=summary)
        load_vendor_profiles(curator=curator, now=now)
        product_rows = load_products(curator=curator, now=now, summary=summary)
        load_certificates(curator=curator, now=now, product_rows=product_rows)
        summary.logins = people.demo_logins()
        load_penyedia_draft(now=now)
    if with_purchases:
        load_purchases(now=now, summary=summary)
        load_matching(now=now, summary=summary)
        load_history(now=now, summary=summary)
    refresh_all()  # the monitoring sums, also of what was written without the services (the history)
    red_flags_refresh_all(now=now)  # likewise the red flags
    return summary
