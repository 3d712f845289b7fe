"""Messages inside the app telling a person that something needs them; e-mailed too."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("recipient"),
    )
    # Dotted, like audit events: "procurement.order.awaiting_approval".
    kind = models.CharField(_("kind"), max_length=80)
    # Rendered when sent, in the site's language (the e-mail carries the same text).
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("message"), blank=True)
    # A path inside the site ("/pesanan/12/"); opening the notification goes there.
    url = models.CharField(_("link"), max_length=500, blank=True)
    # What it is about (like audit events: no foreign key, so any app may notify about anything).
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_recipient_read")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
