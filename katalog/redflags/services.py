"""Writes of the red flags: refreshing them from the rules, and a curator dismissing one.

A refresh recomputes every flag of a scope (one buyer organisation, or one vendor) with detection.py and
stores the findings by key: new ones are created, changed ones updated, cleared ones found again reopened,
and open ones no longer found are cleared. A dismissed flag stays dismissed (its numbers still follow).
Running a refresh twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.accounts import access as account_access
from katalog.audit.services import audit_record
from katalog.catalog.models import Category
from katalog.core.errors import InvalidTransition, NotFoundError, ValidationFailed

from . import detection, facts
from .models import BUYER_KINDS, VENDOR_KINDS, FlagStatus, RedFlag

# A flag keeps the ids of at most this many orders (the latest); `order_count` says how many there are.
MAX_STORED_ORDERS = 100
DISMISSAL_REASON_MAX_LENGTH = 2000
DISMISSED_EVENT = "redflags.flag.dismissed"

_DATA_FIELDS = (
    "severity", "params", "order_ids", "order_count", "value_idr", "buyer_organisation_id", "vendor_id",
    "category_id",
)


@dataclass
class RefreshResult:
    created: int = 0
    updated: int = 0
    reopened: int = 0
    cleared: int = 0

    def __add__(self, other: RefreshResult) -> RefreshResult:
        return RefreshResult(self.created + other.created, self.updated + other.updated,
                             self.reopened + other.reopened, self.cleared + other.cleared)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.reopened + self.cleared


# ---- Refresh ----

def red_flags_refresh_buyer(buyer_id: int, *, now: dt.datetime, medians: dict | None = None) -> RefreshResult:
    """Recompute the flags about one buyer organisation's orders: split orders, prices far above the
    catalogue median, repeated and reused justifications. `medians` (every category's) saves a full run
    from reading the catalogue once per buyer."""
    orders, lines = facts.buyer_facts(buyer_id)
    if medians is None:
        medians = facts.catalogue_medians({line.category_id for line in lines})
    findings = detection.find_buyer_flags(
        orders, lines, medians=medians, settings=settings.KATALOG,
        top_limit_idr=settings.KATALOG.get("PP_ORDER_LIMIT_IDR"),
    )
    return _store(findings, scope=Q(buyer_organisation_id=buyer_id, kind__in=BUYER_KINDS), now=now)


def red_flags_refresh_vendor(vendor_id: int, *, now: dt.datetime) -> RefreshResult:
    """Recompute the flags about one vendor's documents: expired (in Asia/Jakarta, as of `now`) while the
    vendor still sells."""
    today = timezone.localdate(now)
    documents, listed, orders = facts.vendor_facts(vendor_id, today=today)
    findings = detection.find_expired_documents(documents, today=today, listed_products=listed, orders=orders)
    return _store(findings, scope=Q(vendor_id=vendor_id, kind__in=VENDOR_KINDS), now=now)


def red_flags_refresh_all(*, now: dt.datetime) -> RefreshResult:
    """Every buyer organisation with counted orders or open flags, and every vendor with an expired document
    or an open flag, one at a time (each in its own transaction)."""
    medians = facts.catalogue_medians()
    open_flags = RedFlag.objects.filter(status=FlagStatus.OPEN).order_by()
    buyer_ids = set(facts.buyers_with_orders()) | set(
        open_flags.filter(kind__in=BUYER_KINDS, buyer_organisation__isnull=False)
        .values_list("buyer_organisation_id", flat=True)
    )
    vendor_ids = set(facts.vendors_with_expired_documents(today=timezone.localdate(now))) | set(
        open_flags.filter(kind__in=VENDOR_KINDS, vendor__isnull=False).values_list("vendor_id", flat=True)
    )
    result = RefreshResult()
    for buyer_id in sorted(buyer_ids):
        result += red_flags_refresh_buyer(buyer_id, now=now, medians=medians)
    for vendor_id in sorted(vendor_ids):
        result += red_flags_refresh_vendor(vendor_id, now=now)
    return result


def _values(finding: detection.Finding, known_categories: set[int]) -> dict:
    return {
        "severity": int(finding.severity),
        "params": finding.params,
        "order_ids": list(finding.order_ids[-MAX_STORED_ORDERS:]),
        "order_count": len(finding.order_ids),
        "value_idr": finding.value_idr,
        "buyer_organisation_id": finding.buyer_id,
        "vendor_id": finding.vendor_id,
        # Order lines keep a category id, not a key: a category deleted since is left out.
        "category_id": finding.category_id if finding.category_id in known_categories else None,
    }


def _store(findings: list[detection.Finding], *, scope: Q, now: dt.datetime) -> RefreshResult:
    result = RefreshResult()
    known_categories = set(
        Category.objects.filter(pk__in={f.category_id for f in findings if f.category_id}).values_list("pk", flat=True)
    )
    with transaction.atomic():
        existing = {
            flag.key: flag
            for flag in RedFlag.objects.select_for_update().filter(scope | Q(key__in=[f.key for f in findings]))
        }
        new, changed = [], []
        for finding in findings:
            values = _values(finding, known_categories)
            flag = existing.pop(finding.key, None)
            if flag is None:
                new.append(RedFlag(kind=finding.kind, key=finding.key, status=FlagStatus.OPEN, detected_at=now,
                                   updated_at=now, **values))
                continue
            differs = any(getattr(flag, name) != value for name, value in values.items())
            if flag.status == FlagStatus.CLEARED:
                flag.status, flag.cleared_at = FlagStatus.OPEN, None
                result.reopened += 1
            elif differs:
                result.updated += 1
            else:
                continue
            for name, value in values.items():
                setattr(flag, name, value)
            flag.updated_at = now
            changed.append(flag)
        for flag in existing.values():
            if flag.status == FlagStatus.OPEN:
                flag.status, flag.cleared_at, flag.updated_at = FlagStatus.CLEARED, now, now
                changed.append(flag)
                result.cleared += 1
        # A refresh of the same scope running at the same time may have created the same flag: it is the same.
        RedFlag.objects.bulk_create(new, ignore_conflicts=True)
        RedFlag.objects.bulk_update(changed, [*_DATA_FIELDS, "status", "cleared_at", "updated_at"])
    result.created = len(new)
    return result


# ---- A curator's decision ----

def red_flag_dismiss(*, actor, flag_id: int, reason: str, now: dt.datetime) -> RedFlag:
    """A curator looked at an open flag and found nothing wrong: dismiss it with the reason, audited.
    It stays dismissed at later refreshes."""
    account_access.require_curator(actor)
    reason = (reason or "").strip()
    if not reason:
        message = _("Say why this flag is dismissed.")
        raise ValidationFailed(message, field_errors={"reason": [message]})
    if len(reason) > DISMISSAL_REASON_MAX_LENGTH:
        message = _("Keep the reason within %(n)d characters.") % {"n": DISMISSAL_REASON_MAX_LENGTH}
        raise ValidationFailed(message, field_errors={"reason": [message]})
    with transaction.atomic(durable=True):
        flag = RedFlag.objects.select_for_update().filter(pk=flag_id).first()
        if flag is None:
            raise NotFoundError(_("No such red flag."))
        if flag.status != FlagStatus.OPEN:
            raise InvalidTransition(
                _("This flag cannot be dismissed: it is “%(status)s”.") % {"status": flag.get_status_display()}
            )
        flag.status = FlagStatus.DISMISSED
        flag.dismissed_by = actor
        flag.dismissed_at = now
        flag.dismissal_reason = reason
        flag.save(update_fields=["status", "dismissed_by", "dismissed_at", "dismissal_reason"])
        audit_record(
            event_type=DISMISSED_EVENT, target=flag, actor=actor, occurred_at=now, message=reason,
            changes={
                "status": [FlagStatus.OPEN, FlagStatus.DISMISSED], "kind": flag.kind, "key": flag.key,
                "order_ids": flag.order_ids,
            },
        )
    return flag
