"""Needs (kebutuhan) that buyers publish, the products stored as their matches, and vendors' interest.

open ─close─▶ closed
open ─close as fulfilled─▶ fulfilled

`NeedMatch` rows are derived data: `services.need_rematch` replaces them all at once whenever the need
or the catalogue changes, so opening a need only reads them and never runs the engine.
`NeedInterest` rows are private between the vendor who wrote one and the buyer: they are read only
through `selectors.interests_visible_to`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    FULFILLED = "fulfilled", _("Fulfilled")


NEED_TRANSITIONS: dict[str, frozenset[str]] = {
    NeedStatus.OPEN: frozenset({NeedStatus.CLOSED, NeedStatus.FULFILLED}),
    NeedStatus.CLOSED: frozenset(),
    NeedStatus.FULFILLED: frozenset(),
}


class Need(models.Model):
    buyer_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="needs", verbose_name=_("buyer")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ref = models.CharField(_("reference"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("category"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    budget_idr = models.BigIntegerField(_("total budget (Rp)"), null=True, blank=True)
    delivery_region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("delivery regency")
    )
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    rup_code = models.CharField(_("RUP code"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # When the stored matches were last computed; null until the first run.
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.UniqueConstraint(fields=["buyer_organisation", "ref"], name="need_unique_ref_per_buyer"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="need_quantity_positive"),
            models.CheckConstraint(
                condition=models.Q(budget_idr__isnull=True) | models.Q(budget_idr__gte=0),
                name="need_budget_non_negative",
            ),
            models.CheckConstraint(condition=models.Q(status__in=NeedStatus.values), name="need_status_valid"),
        ]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.ref}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == NeedStatus.OPEN

    def as_spec(self):
        """What the matching engine reads (select_related the organisation, category and region)."""
        from .specs import NeedSpec

        organisation = self.buyer_organisation
        return NeedSpec(
            ref=self.ref,
            title=self.title,
            description=self.description,
            category=self.category.slug if self.category_id else "",
            quantity=self.quantity,
            unit=self.unit,
            budget_idr=self.budget_idr,
            regency_code=self.delivery_region.code if self.delivery_region_id else "",
            needed_by=self.needed_by,
            buyer=organisation.name,
            buyer_type=organisation.buyer_type,
        )


class NeedMatch(models.Model):
    """One product the engine ranked for a need, as computed at `computed_at`."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    # Derived data: a product that disappears takes its matches with it.
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    fits = models.BooleanField(_("fits"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["need", "rank"]
        verbose_name = _("need match")
        verbose_name_plural = _("need matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "product"], name="need_match_unique_product"),
        ]
        indexes = [models.Index(fields=["product"])]

    def __str__(self) -> str:
        return f"{self.need_id} #{self.rank}: {self.product_id}"


class InterestKind(models.TextChoices):
    INTEREST = "interest", _("Interest")
    OFFER = "offer", _("Offer")


class NeedInterest(models.Model):
    """A vendor's interest in a need, or its offer with a unit price. One per vendor and need."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="interests")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="need_interests")
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("product"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=InterestKind.choices, default=InterestKind.INTEREST)
    message = models.TextField(_("message"), blank=True)
    offered_unit_price_idr = models.BigIntegerField(_("offered unit price (Rp)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("interest in a need")
        verbose_name_plural = _("interests in needs")
        constraints = [
            models.UniqueConstraint(fields=["need", "vendor"], name="need_interest_unique_vendor"),
            models.CheckConstraint(
                condition=models.Q(offered_unit_price_idr__isnull=True) | models.Q(offered_unit_price_idr__gte=0),
                name="need_interest_price_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="interest", offered_unit_price_idr__isnull=True)
                | models.Q(kind="offer", offered_unit_price_idr__isnull=False),
                name="need_interest_offer_has_price",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor_id} → {self.need_id} ({self.kind})"
