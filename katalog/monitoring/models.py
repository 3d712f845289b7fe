"""P3DN monitoring: yearly targets that curators set, and realised purchases summed per month.

The sums are precomputed from paid orders (see aggregates.py) so dashboards read a few thousand rows instead
of every order line. A cell holds one month of one buyer's purchases from one vendor in one category.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """The shares of realised value the province aims for in a year (percent)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    pdn_pct = models.DecimalField(_("domestic products (PDN) target (%)"), max_digits=5, decimal_places=2)
    local_pct = models.DecimalField(_("local products target (%)"), max_digits=5, decimal_places=2)
    umk_pct = models.DecimalField(_("micro and small businesses target (%)"), max_digits=5, decimal_places=2)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pdn_pct__gte=0, pdn_pct__lte=100, local_pct__gte=0, local_pct__lte=100,
                                   umk_pct__gte=0, umk_pct__lte=100),
                name="target_percentages_0_to_100",
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


class PurchaseSums(models.Model):
    """Realised rupiah and counts shared by the cell and its roll-up."""

    month = models.DateField()  # the first day of the month the orders were paid in full (Asia/Jakarta)
    buyer_type = models.CharField(max_length=20)
    vendor_region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, null=True, related_name="+")
    category = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")
    # The line's top-level category, for "top categories" without walking the tree.
    category_root = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")
    value_idr = models.BigIntegerField(default=0)
    pdn_idr = models.BigIntegerField(default=0)
    local_idr = models.BigIntegerField(default=0)
    umk_idr = models.BigIntegerField(default=0)
    # Each order counts once, in the cell of its largest line, so counts add up across any breakdown.
    order_count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.buyer_type} {self.value_idr}"


class PurchaseCell(PurchaseSums):
    buyer_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "buyer_organisation", "vendor", "category"],
                                    name="purchase_cell_unique")
        ]
        # A year narrowed to a regency or a category reads its cells through these (with a million orders:
        # 25 ms instead of 200 for Kota Bandar Lampung's buyers).
        indexes = [models.Index(fields=["month", "buyer_type"]), models.Index(fields=["vendor_region", "month"]),
                   models.Index(fields=["category_root", "month"]), models.Index(fields=["category", "month"])]


class PurchaseRollup(PurchaseSums):
    """The cells summed over buyers and vendors: what most dashboard figures read."""

    class Meta:
        # One row per (month, buyer type, vendor region, category); the refresh rewrites a month at once.
        indexes = [models.Index(fields=["month", "buyer_type"])]


class PurchaseBuyerMonth(models.Model):
    """The cells summed per buyer over vendors and categories. With a million orders a year holds some
    250,000 cells but only some 11,000 of these: the breakdown by buyer reads them unless it is narrowed
    to a regency or a category (benchmark: bench/bench_monitoring.py)."""

    month = models.DateField()
    buyer_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    buyer_type = models.CharField(max_length=20)
    value_idr = models.BigIntegerField(default=0)
    pdn_idr = models.BigIntegerField(default=0)
    local_idr = models.BigIntegerField(default=0)
    umk_idr = models.BigIntegerField(default=0)
    order_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "buyer_organisation"], name="purchase_buyer_month_unique")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.buyer_organisation_id} {self.value_idr}"


class PurchaseVendorMonth(models.Model):
    """Who sold in a month: one row per vendor, buyer type and top-level category of the cells, so the
    count of vendors with realised sales reads a fifth of the rows (not narrowed to a buyer or to a
    category below the top level)."""

    month = models.DateField()
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+")
    buyer_type = models.CharField(max_length=20)
    vendor_region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, null=True, related_name="+")
    category_root = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "vendor", "buyer_type", "category_root"],
                                               name="purchase_vendor_month_unique")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.vendor_id} {self.buyer_type}"


class StaleMonth(models.Model):
    """A month whose sums a change made stale. Written in the change's transaction and removed by the refresh
    that rebuilt the month after reading it, so a burst of payments costs one rebuild, not one each.
    A row per change, never updated: marking a month never waits on another transaction's lock."""

    month = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
