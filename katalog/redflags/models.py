"""Red flags for the curators: patterns in orders that deserve a second look (DOMAIN.md §11).

A flag is derived data: `services.py` recomputes the flags of a buyer organisation or a vendor with the pure
rules of `detection.py` and stores what it found here, one row per finding, found again by its `key`. A flag
whose condition no longer holds is cleared; a curator may dismiss an open one with a reason, and a dismissed
flag stays dismissed however its numbers change later.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FlagKind(models.TextChoices):
    SPLIT_ORDERS = "split_orders", _("Orders split under a limit")
    PRICE_ABOVE_MEDIAN = "price_above_median", _("Unit price far above the catalogue median")
    EXPIRED_DOCUMENT = "expired_document", _("Selling with an expired document")
    REPEATED_JUSTIFICATION = "repeated_justification", _("Repeated justifications for not buying local")
    REUSED_JUSTIFICATION = "reused_justification", _("Same justification text reused")


# The kinds a buyer organisation's refresh recomputes, and the one a vendor's refresh recomputes.
BUYER_KINDS = (
    FlagKind.SPLIT_ORDERS, FlagKind.PRICE_ABOVE_MEDIAN, FlagKind.REPEATED_JUSTIFICATION,
    FlagKind.REUSED_JUSTIFICATION,
)
VENDOR_KINDS = (FlagKind.EXPIRED_DOCUMENT,)


class Severity(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    # The condition no longer holds (an order was cancelled, a certificate renewed); reopened if it returns.
    CLEARED = "cleared", _("Cleared")
    DISMISSED = "dismissed", _("Dismissed")


class RedFlag(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=FlagKind.choices)
    # What makes a finding the same one at the next refresh ("split_orders:12:vendor:7:200000000:345").
    key = models.CharField(max_length=200, unique=True)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices)
    status = models.CharField(_("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    # The numbers the explanation is written from (see explanations.py); dates as ISO strings.
    params = models.JSONField(default=dict)
    # The orders concerned, in the order they were sent; at most `services.MAX_STORED_ORDERS`, the latest.
    order_ids = models.JSONField(default=list)
    order_count = models.PositiveIntegerField(_("orders"), default=0)
    # The value concerned: the split group's sum, the flagged lines, the orders after a document expired...
    value_idr = models.BigIntegerField(_("value (Rp)"), default=0)
    buyer_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("buyer"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("vendor"),
    )
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("category"),
    )
    detected_at = models.DateTimeField(_("detected at"))
    updated_at = models.DateTimeField(_("updated at"))
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)

    class Meta:
        ordering = ["-severity", "-detected_at", "-id"]
        verbose_name = _("red flag")
        verbose_name_plural = _("red flags")
        constraints = [
            models.CheckConstraint(condition=models.Q(value_idr__gte=0), name="red_flag_value_non_negative"),
            models.CheckConstraint(condition=models.Q(kind__in=FlagKind.values), name="red_flag_kind_valid"),
            models.CheckConstraint(condition=models.Q(status__in=FlagStatus.values), name="red_flag_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=FlagStatus.DISMISSED) | ~models.Q(dismissal_reason=""),
                name="red_flag_dismissal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind", "severity"]),
            models.Index(fields=["buyer_organisation", "kind"]),
            models.Index(fields=["vendor", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
