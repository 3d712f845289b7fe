"""Reads of notifications: a person sees only their own."""

from __future__ import annotations

from django.db.models import BooleanField, Case, Value, When

from .models import Notification


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def notifications_for(user):
    """The user's notifications, unread first, then the newest."""
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .annotate(unread=Case(When(read_at__isnull=True, then=Value(True)), default=Value(False),
                              output_field=BooleanField()))
        .order_by("-unread", "-created_at", "-id")
    )


def notification_rows(notifications) -> list[dict]:
    """Plain data for the list page."""
    return [
        {
            "id": n.pk, "kind": n.kind, "title": n.title, "body": n.body, "has_url": bool(n.url),
            "created_at": n.created_at, "read_at": n.read_at, "unread": n.read_at is None,
        }
        for n in notifications
    ]
