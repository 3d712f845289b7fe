"""Writing audit events. Called inside the transaction of the state change it records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from katalog.core import clock

from .models import AuditEvent


def _actor_fields(actor) -> dict:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_name": "system"}
    return {"actor": actor, "actor_name": (getattr(actor, "name", "") or actor.get_username())[:150]}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def build_event(
    *,
    event_type: str,
    target,
    actor=None,
    changes: dict | None = None,
    message: str = "",
    organisation_id: int | None = None,
    occurred_at: dt.datetime | None = None,
    actor_name: str | None = None,
) -> AuditEvent:
    """An unsaved event, for bulk writers (imports) that save many at once."""
    fields = _actor_fields(actor)
    if actor_name:
        fields["actor_name"] = actor_name
    return AuditEvent(
        occurred_at=occurred_at or clock.now(),
        organisation_id=organisation_id,
        event_type=event_type,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        changes=_jsonable(changes or {}),
        message=message,
        **fields,
    )


def audit_record(**kwargs) -> AuditEvent:
    """Record one event; same arguments as `build_event`."""
    event = build_event(**kwargs)
    event.save()
    return event
