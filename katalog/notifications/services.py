"""Writes of notifications: create them (and e-mail them once committed), mark them read.

Reading one's own notifications is not a change of the domain, so these writes leave no audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from katalog.core.errors import NotFoundError

from .models import Notification

TITLE_MAX = Notification._meta.get_field("title").max_length


def _target_of(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    return target._meta.label_lower, str(target.pk)


def notify(
    recipients: Iterable, *, kind: str, title: str, body: str = "", url: str = "", now: dt.datetime,
    email: bool = True, target=None,
) -> list[Notification]:
    """One notification for each active recipient (duplicates counted once).

    The e-mails go out through a task enqueued when the caller's transaction commits, so a rolled-back
    change never sends mail.
    """
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return []
    target_type, target_id = _target_of(target)
    rows = [
        Notification(
            recipient=user, kind=kind, title=str(title)[:TITLE_MAX], body=str(body), url=url,
            target_type=target_type, target_id=target_id, created_at=now,
        )
        for user in people.values()
    ]
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows)
        ids = [row.pk for row in created if row.recipient.email]
        if email and ids:
            transaction.on_commit(lambda: _enqueue_emails(ids), robust=True)
    return created


def _enqueue_emails(notification_ids: list[int]) -> None:
    from .tasks import email_notifications

    email_notifications.enqueue(notification_ids)


def mark_read(*, actor, notification_id: int, now: dt.datetime) -> Notification:
    """Only the recipient may read a notification; to anyone else it does not exist."""
    notification = Notification.objects.filter(pk=notification_id, recipient_id=getattr(actor, "pk", None)).first()
    if notification is None:
        raise NotFoundError(_("No such notification."))
    if notification.read_at is None:
        # Conditional: two tabs opening it at once keep the first reading time.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_read(*, actor, now: dt.datetime) -> int:
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(read_at=now)
