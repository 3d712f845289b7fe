"""Reads about vendor businesses: the curation queue, document states, public profile, history.

Results are plain dicts (or model instances with their relations loaded) so templates never query.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from katalog.audit.selectors import audit_history_for

from .identifiers import format_npwp
from .models import Vendor, VendorDocument, VendorStatus

EVENT_LABELS = {
    "vendors.vendor.registered": gettext_lazy("Registered"),
    "vendors.vendor.updated": gettext_lazy("Profile changed"),
    "vendors.vendor.submitted": gettext_lazy("Submitted for verification"),
    "vendors.vendor.verified": gettext_lazy("Verified"),
    "vendors.vendor.returned": gettext_lazy("Returned for revision"),
    "vendors.vendor.rejected": gettext_lazy("Rejected"),
    "vendors.document.added": gettext_lazy("Document added"),
    "vendors.document.deleted": gettext_lazy("Document deleted"),
}


def waiting_long_days() -> int:
    """Submissions older than this are highlighted in the curators' queue."""
    return int(settings.KATALOG["CURATION_WAIT_WARNING_DAYS"])


def waited_display(delta: dt.timedelta) -> str:
    """“3 days 4 hours”, “5 hours”, “12 minutes” in the reader's language."""
    seconds = max(int(delta.total_seconds()), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    days_text = ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    hours_text = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    if days:
        return f"{days_text} {hours_text}" if hours else days_text
    if hours:
        return hours_text
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


# ---- documents ----

def document_state(document, *, today: dt.date) -> str:
    """'no_expiry', 'expired' (after its last valid day), 'expiring' (within the warning days) or 'valid'."""
    if document.valid_until is None:
        return "no_expiry"
    if document.valid_until < today:
        return "expired"
    if (document.valid_until - today).days <= settings.KATALOG["DOCUMENT_EXPIRY_WARNING_DAYS"]:
        return "expiring"
    return "valid"


STATE_LABELS = {
    "valid": gettext_lazy("Valid"),
    "expiring": gettext_lazy("Expiring soon"),
    "expired": gettext_lazy("Expired"),
    "no_expiry": gettext_lazy("No expiry date"),
}


def _document_row(document: VendorDocument, *, today: dt.date) -> dict:
    state = document_state(document, today=today)
    return {
        "id": document.pk,
        "kind": document.kind,
        "kind_display": document.get_kind_display(),
        "number": document.number,
        "issuer": document.issuer,
        "issued_date": document.issued_date,
        "valid_until": document.valid_until,
        "days_left": (document.valid_until - today).days if document.valid_until else None,
        "covers": document.covers,
        "tkdn_pct": document.tkdn_pct,
        "bmp_pct": document.bmp_pct,
        "tkdn_scheme": document.tkdn_scheme,
        "tkdn_scheme_display": document.get_tkdn_scheme_display() if document.tkdn_scheme else "",
        "has_file": bool(document.file),
        "original_filename": document.original_filename,
        "uploaded_at": document.uploaded_at,
        "state": state,
        "state_display": STATE_LABELS[state],
    }


def vendor_documents(vendor: Vendor, *, today: dt.date) -> list[dict]:
    """Every document of the business with its state, for the business itself and curators."""
    return [_document_row(d, today=today) for d in VendorDocument.objects.filter(vendor=vendor)]


def vendor_documents_valid(vendor: Vendor, *, today: dt.date):
    """Documents still valid today (no end date, or ending today or later): what buyers may see."""
    return VendorDocument.objects.filter(vendor=vendor).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def vendor_certificates_public(vendor: Vendor, *, today: dt.date) -> list[dict]:
    """Documents still valid, without files: what buyers may see on the public profile."""
    rows = []
    for document in vendor_documents_valid(vendor, today=today):
        row = _document_row(document, today=today)
        rows.append({
            key: row[key] for key in (
                "kind", "kind_display", "number", "issuer", "valid_until", "covers",
                "tkdn_pct", "bmp_pct", "tkdn_scheme", "tkdn_scheme_display", "state",
            )
        })
    return rows


# ---- queue ----

def _submitted():
    return Vendor.objects.filter(status=VendorStatus.SUBMITTED)


def vendor_curation_queue(*, now: dt.datetime) -> list[dict]:
    """Businesses waiting for verification, oldest first, with how long they have waited."""
    today = timezone.localdate(now)
    vendors = (
        _submitted()
        .select_related("region")
        .annotate(
            document_count=Count("documents", distinct=True),
            expired_document_count=Count("documents", filter=Q(documents__valid_until__lt=today), distinct=True),
        )
        .order_by("submitted_at", "pk")
    )
    long_after = dt.timedelta(days=waiting_long_days())
    rows = []
    for position, vendor in enumerate(vendors, start=1):
        waited = now - vendor.submitted_at if vendor.submitted_at else dt.timedelta(0)
        rows.append({
            "position": position,
            "code": vendor.code,
            "name": vendor.name,
            "region_name": vendor.region.name,
            "scale": vendor.scale,
            "scale_display": vendor.get_scale_display(),
            "is_umk": vendor.is_umk,
            "kbli": list(vendor.kbli or []),
            "submitted_at": vendor.submitted_at,
            "waited": waited,
            "waited_display": waited_display(waited),
            "waiting_long": waited > long_after,
            "document_count": vendor.document_count,
            "expired_document_count": vendor.expired_document_count,
        })
    return rows


def vendor_queue_position(vendor: Vendor) -> tuple[int, int] | None:
    """(position, total) of a submitted business in the curators' queue; None when it is not waiting."""
    if vendor.status != VendorStatus.SUBMITTED or vendor.submitted_at is None:
        return None
    total = _submitted().count()
    ahead = _submitted().filter(
        Q(submitted_at__lt=vendor.submitted_at) | Q(submitted_at=vendor.submitted_at, pk__lt=vendor.pk)
    ).count()
    return ahead + 1, total


def vendor_queue_status(vendor: Vendor, *, now: dt.datetime) -> dict | None:
    """What the business sees on its dashboard while it waits."""
    position = vendor_queue_position(vendor)
    if position is None:
        return None
    waited = now - vendor.submitted_at
    return {
        "position": position[0],
        "total": position[1],
        "waited": waited,
        "waited_display": waited_display(waited),
    }


# ---- one vendor ----

def vendor_get_public(code: str) -> Vendor | None:
    """A verified business by its code; unverified ones are not public."""
    return Vendor.objects.select_related("region").filter(code=code, status=VendorStatus.VERIFIED).first()


def vendor_get_for_curation(code: str) -> Vendor | None:
    return Vendor.objects.select_related("region", "organisation").filter(code=code).first()


def vendor_profile(vendor: Vendor) -> dict:
    """The profile as curators and the business itself see it."""
    return {
        "code": vendor.code,
        "name": vendor.name,
        "nib": vendor.nib,
        "npwp": vendor.npwp,
        "npwp_display": format_npwp(vendor.npwp) if vendor.npwp else "",
        "scale": vendor.scale,
        "scale_display": vendor.get_scale_display(),
        "is_umk": vendor.is_umk,
        "region_name": vendor.region.name,
        "region_code": vendor.region.code,
        "address": vendor.address,
        "kbli": list(vendor.kbli or []),
        "contact_name": vendor.contact_name,
        "contact_phone": vendor.contact_phone,
        "contact_email": vendor.contact_email,
        "description": vendor.description,
        "status": vendor.status,
        "status_display": vendor.get_status_display(),
        "status_reason": vendor.status_reason,
        "submitted_at": vendor.submitted_at,
        "decided_at": vendor.decided_at,
        "verified_at": vendor.verified_at,
        "created_at": vendor.created_at,
    }


def _field_label(field: str) -> str:
    for model in (Vendor, VendorDocument):
        try:
            return str(model._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            continue
    return field.replace("_", " ")


def _shown(field: str, value) -> str | None:
    """A stored audit value as people read it; None for nothing."""
    if value in (None, "", []):
        return None
    if field == "status" and value in VendorStatus.values:
        return str(VendorStatus(value).label)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _change_rows(changes: dict) -> list[dict]:
    rows = []
    for field, value in (changes or {}).items():
        if field == "document_id":
            continue
        if isinstance(value, dict) and set(value) <= {"old", "new"}:
            old, new = _shown(field, value.get("old")), _shown(field, value.get("new"))
        else:
            old, new = None, _shown(field, value)
        if old is None and new is None:
            continue
        rows.append({"field": field, "label": _field_label(field), "old": old, "new": new})
    return rows


def vendor_history(vendor: Vendor, *, limit: int = 200) -> list[dict]:
    """The audit trail of the business, newest first, with times in the site's zone (Asia/Jakarta)."""
    return [
        {
            "occurred_at": timezone.localtime(event.occurred_at),
            "actor_name": event.actor_name,
            "event_type": event.event_type,
            "event_label": EVENT_LABELS.get(event.event_type, event.event_type),
            "changes": _change_rows(event.changes),
            "message": event.message,
        }
        for event in audit_history_for(vendor, limit=limit)
    ]


def vendor_list_for_curators(*, status: str = "", query: str = "", page: int | str = 1, page_size: int = 50) -> dict:
    """Every business (or those in one status), newest first, for the curators' vendor list."""
    qs = Vendor.objects.select_related("region").order_by("-created_at", "-pk")
    if status in VendorStatus.values:
        qs = qs.filter(status=status)
    query = (query or "").strip()
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(code__iexact=query) | Q(nib=query))
    page_obj = Paginator(qs, page_size).get_page(page)
    return {
        "rows": [
            {
                "code": v.code,
                "name": v.name,
                "region_name": v.region.name,
                "scale_display": v.get_scale_display(),
                "status": v.status,
                "status_display": v.get_status_display(),
                "submitted_at": v.submitted_at,
                "created_at": v.created_at,
            }
            for v in page_obj.object_list
        ],
        "page": page_obj.number,
        "num_pages": page_obj.paginator.num_pages,
        "count": page_obj.paginator.count,
        "status_counts": dict(
            Vendor.objects.values_list("status").annotate(n=Count("pk")).order_by()
        ),
    }
