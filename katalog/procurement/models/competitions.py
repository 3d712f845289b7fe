"""Mini-competitions (mini kompetisi, PerLKPP 9/2021 Pasal 18): a buyer invites two or more vendors to
quote for one need; quotes are sealed until the deadline, then ranked with the price preference.

draft ─publish (invitations sent)─▶ published ─evaluate, after the deadline─▶ closed ─award─▶ awarded
draft / published / closed ─cancel─▶ cancelled

SEALED QUOTES: `CompetitionQuote` has no `objects` manager and its foreign key to the competition has no
reverse accessor, so nothing reads quotes by accident. Quotes are read only through
`competitions.selectors.quotes_visible_to`, which decides what each person may see at a given moment;
services use `CompetitionQuote.unsealed` for their own writes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .orders import BudgetSource


class CompetitionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Open for quotes")
    CLOSED = "closed", _("Closed, evaluated")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


CS = CompetitionStatus

COMPETITION_TRANSITIONS: dict[str, frozenset[str]] = {
    CS.DRAFT: frozenset({CS.PUBLISHED, CS.CANCELLED}),
    CS.PUBLISHED: frozenset({CS.CLOSED, CS.CANCELLED}),
    CS.CLOSED: frozenset({CS.CLOSED, CS.AWARDED, CS.CANCELLED}),  # closed → closed: evaluated again
    CS.AWARDED: frozenset(),
    CS.CANCELLED: frozenset(),
}


class Competition(models.Model):
    buyer_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="competitions", verbose_name=_("buyer")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=CompetitionStatus.choices, default=CompetitionStatus.DRAFT
    )
    status_reason = models.TextField(_("reason"), blank=True)
    title = models.CharField(_("package name"), max_length=255)
    specification = models.TextField(_("specification"))
    category = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=30)
    deadline_at = models.DateTimeField(_("quote deadline"))
    # Optional estimate; decides whether the price preference applies when the province does not apply
    # it to every competition (PREFERENCE_FOR_EVERY_COMPETITION).
    package_value_idr = models.BigIntegerField(_("package value estimate (Rp)"), null=True, blank=True)
    delivery_address = models.TextField(_("delivery address"))
    delivery_date = models.DateField(_("delivery date"))
    budget_source = models.CharField(_("budget source"), max_length=10, choices=BudgetSource.choices)
    budget_year = models.PositiveSmallIntegerField(_("budget year"))
    # Set by the evaluation: whether the ranking used the price preference (HEA) or the offered price.
    preference_applied = models.BooleanField(null=True, blank=True)
    awarded_quote = models.ForeignKey(
        "procurement.CompetitionQuote", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    awarded_at = models.DateTimeField(_("awarded at"), null=True, blank=True)
    # When the buyer was told the quote deadline had passed (told once; see procurement.notifications).
    deadline_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mini-competition")
        verbose_name_plural = _("mini-competitions")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="competition_quantity_positive"),
            models.CheckConstraint(
                condition=models.Q(package_value_idr__isnull=True) | models.Q(package_value_idr__gte=0),
                name="competition_package_value_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CompetitionStatus.values), name="competition_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline_at"])]

    def __str__(self) -> str:
        return self.title


class CompetitionInvitation(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="invitations")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="competition_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField()

    class Meta:
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "vendor"], name="competition_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.competition} · {self.vendor}"


class CompetitionQuote(models.Model):
    """One invited vendor's quote; replaced in place until the deadline. Sealed: see the module docstring."""

    # No reverse accessor: `competition.quotes` would bypass the sealing rules.
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="+")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit_price_idr = models.BigIntegerField(_("unit price (Rp)"))
    tkdn_pct = models.DecimalField(_("TKDN (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    bmp_pct = models.DecimalField(_("BMP (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    revision = models.PositiveSmallIntegerField(default=1)
    # Stored by the evaluation (HP = unit price x quantity; KP in percent; HEA in whole rupiah).
    kp_pct = models.DecimalField(_("KP (%)"), max_digits=7, decimal_places=4, null=True, blank=True)
    evaluated_price_idr = models.BigIntegerField(_("HEA (Rp)"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    # The only manager, named so that reading quotes outside the selector stands out in review.
    unsealed = models.Manager()

    class Meta:
        ordering = ["rank", "id"]
        base_manager_name = "unsealed"
        default_manager_name = "unsealed"
        constraints = [
            models.UniqueConstraint(fields=["competition", "vendor"], name="competition_quote_one_per_vendor"),
            models.CheckConstraint(condition=models.Q(unit_price_idr__gte=0), name="competition_quote_price_non_negative"),
            models.CheckConstraint(
                condition=models.Q(tkdn_pct__isnull=True) | models.Q(tkdn_pct__gte=0, tkdn_pct__lte=100),
                name="competition_quote_tkdn_range",
            ),
            models.CheckConstraint(
                condition=models.Q(evaluated_price_idr__isnull=True) | models.Q(evaluated_price_idr__gte=0),
                name="competition_quote_hea_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competition} · quote {self.pk}"
