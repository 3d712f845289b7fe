"""Background work of notifications: the e-mail copy, through Django's mail backend."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task


def absolute_url(path: str) -> str:
    """The site's address (KATALOG["SITE_URL"]) before a path; the bare path when it is not set."""
    base = (settings.KATALOG.get("SITE_URL") or "").rstrip("/")
    return f"{base}{path}" if path.startswith("/") else path


def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification to its recipient, if they have an address; returns how many were sent."""
    from django.urls import reverse

    from .models import Notification

    rows = Notification.objects.filter(pk__in=list(notification_ids)).select_related("recipient").order_by("id")
    site = settings.KATALOG["SITE_NAME"]
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for n in rows:
            if not n.recipient.email:
                continue
            link = absolute_url(reverse("notifications:open", args=[n.pk]))
            all_link = absolute_url(reverse("notifications:list"))
            text = "\n\n".join(part for part in [
                n.body,
                _("Open: %(link)s") % {"link": link} if n.url else "",
                _("All your notifications: %(link)s") % {"link": all_link},
            ] if part)
            messages.append((f"[{site}] {n.title}", text, settings.DEFAULT_FROM_EMAIL, [n.recipient.email]))
    if not messages:
        return 0
    return send_mass_mail(messages, fail_silently=False)


@task()
def email_notifications(notification_ids: list[int]) -> int:
    return send_notification_emails(notification_ids)
