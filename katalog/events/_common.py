"""What the events services share: the audit call, locking an event, a refusal naming one field."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from katalog.audit.services import audit_record
from katalog.core.errors import NotFoundError, ValidationFailed

from .models import MatchingEvent


def invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def audit(event_type: str, target, *, actor, now: dt.datetime, organisation_id: int | None = None, changes=None,
          message: str = "") -> None:
    audit_record(event_type=event_type, target=target, actor=actor, organisation_id=organisation_id, occurred_at=now,
                 changes=changes or {}, message=message)


def lock_event(event_id: int) -> MatchingEvent:
    event = MatchingEvent.objects.select_for_update().filter(pk=event_id).first()
    if event is None:
        raise NotFoundError(_("No such event."))
    return event
