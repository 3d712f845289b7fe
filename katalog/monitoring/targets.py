"""The yearly P3DN targets: read with their defaults, and set by curators (audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.audit.services import audit_record
from katalog.core.errors import PermissionDeniedError, ValidationFailed

from .models import Target
from .periods import MAX_YEAR, MIN_YEAR

KINDS = ("pdn", "local", "umk")


@dataclass(frozen=True)
class Targets:
    year: int
    pdn_pct: Decimal
    local_pct: Decimal
    umk_pct: Decimal
    is_default: bool


def _pct(value) -> Decimal:
    """Two decimals, as stored, so a default and a saved target print alike."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def default_targets(year: int) -> Targets:
    katalog = settings.KATALOG
    return Targets(year, _pct(katalog["TARGET_PDN_PCT"]), _pct(katalog["TARGET_LOCAL_PCT"]),
                   _pct(katalog["TARGET_UMK_PCT"]), is_default=True)


def targets_for(year: int) -> Targets:
    """The year's targets as curators set them, else the defaults in the settings."""
    target = Target.objects.filter(year=year).first()
    if target is None:
        return default_targets(year)
    return Targets(year, target.pdn_pct, target.local_pct, target.umk_pct, is_default=False)


def _percentage(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not 0 <= number <= 100:
        text = _("Enter a percentage from 0 to 100.")
        raise ValidationFailed(text, field_errors={field: [text]})
    if number != number.quantize(Decimal("0.01")):
        text = _("Use at most two decimals.")
        raise ValidationFailed(text, field_errors={field: [text]})
    return number


def target_set(*, actor, year: int, pdn_pct, local_pct, umk_pct, now: dt.datetime) -> Target:
    """A curator sets (or changes) a year's three targets; every change is audited with the old values."""
    if not access.is_curator(actor):
        raise PermissionDeniedError(_("Only curators may set the targets."))
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        text = _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        raise ValidationFailed(text, field_errors={"year": [text]})
    values = {"pdn_pct": _percentage(pdn_pct, "pdn_pct"), "local_pct": _percentage(local_pct, "local_pct"),
              "umk_pct": _percentage(umk_pct, "umk_pct")}
    with transaction.atomic():
        target = Target.objects.select_for_update().filter(year=year).first()
        before = {name: str(getattr(target, name)) for name in values} if target else {}
        if target is None:
            target = Target(year=year)
        for name, value in values.items():
            setattr(target, name, value)
        target.updated_by = actor
        target.updated_at = now
        target.save()
        audit_record(
            event_type="monitoring.target.set", target=target, actor=actor, occurred_at=now,
            changes={name: [before.get(name), str(value)] for name, value in values.items()},
        )
    return target


def target_years() -> list[Target]:
    return list(Target.objects.select_related("updated_by"))
