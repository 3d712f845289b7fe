"""An order (paket) from one buyer organisation to one vendor, and every record of its lifecycle.

Lines keep a snapshot of what was bought (name, unit, price, TKDN, local flags) so documents and
reports never recompute from the live catalogue.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NEGOTIATING = "negotiating", _("In negotiation")
    AWAITING_APPROVAL = "awaiting_approval", _("Waiting for PPK approval")
    APPROVED = "approved", _("Approved, Surat Pesanan to be issued")
    AWAITING_VENDOR = "awaiting_vendor", _("Waiting for the vendor to accept")
    ACCEPTED = "accepted", _("Accepted by the vendor")
    IN_DELIVERY = "in_delivery", _("In delivery")
    RECEIVED = "received", _("Received (BAST signed)")
    PAID = "paid", _("Paid")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected by the PPK")
    DECLINED = "declined", _("Declined by the vendor")
    EXPIRED = "expired", _("Expired")


class BudgetSource(models.TextChoices):
    APBD = "apbd", _("APBD")
    APBN = "apbn", _("APBN")
    BLUD = "blud", _("BLUD")
    COMPANY = "company", _("Company budget")
    OTHER = "other", _("Other")


class Order(models.Model):
    number = models.CharField(_("order number"), max_length=40, unique=True)
    buyer_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="orders", verbose_name=_("buyer")
    )
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="orders")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ppk = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("PPK"),
    )
    status = models.CharField(_("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.DRAFT)
    status_reason = models.TextField(_("reason"), blank=True)
    title = models.CharField(_("package name"), max_length=255)
    delivery_address = models.TextField(_("delivery address"))
    delivery_date = models.DateField(_("delivery date"))
    budget_source = models.CharField(_("budget source"), max_length=10, choices=BudgetSource.choices)
    budget_year = models.PositiveSmallIntegerField(_("budget year"))
    rup_code = models.CharField(_("RUP code"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Governor's circular and P3DN: why a non-local (or TKDN+BMP < 40%) product was chosen over one that is.
    local_justification = models.TextField(_("justification for a non-local product"), blank=True)
    pdn_justification = models.TextField(_("justification for TKDN + BMP below 40%"), blank=True)
    total_idr = models.BigIntegerField(_("total (Rp)"), default=0)
    # The competition this order came from, if any (set by the competition award).
    competition_id = models.BigIntegerField(null=True, blank=True)
    # Surat Pesanan: numbered per buyer organisation and year when the PPK issues it.
    sp_number = models.CharField(_("Surat Pesanan number"), max_length=60, blank=True)
    sp_sequence = models.PositiveIntegerField(null=True, blank=True)
    sp_year = models.PositiveSmallIntegerField(null=True, blank=True)
    sp_terms = models.TextField(_("extra terms"), blank=True)
    sp_signed_at = models.DateTimeField(_("Surat Pesanan signed at"), null=True, blank=True)
    sp_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vendor_signed_at = models.DateTimeField(_("accepted by the vendor at"), null=True, blank=True)
    vendor_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the step now waiting on someone began (for expiry after N working days).
    waiting_since = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # The payment date that paid the order in full: when its money was actually spent. Monitoring and open
    # data count a purchase as realised on this date (a calendar date in Asia/Jakarta, as the treasurer wrote it).
    realised_on = models.DateField(_("realised on"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.CheckConstraint(condition=models.Q(total_idr__gte=0), name="order_total_non_negative"),
            models.UniqueConstraint(
                fields=["buyer_organisation", "sp_year", "sp_sequence"], name="order_sp_number_unique_per_org_year",
                condition=models.Q(sp_sequence__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["status", "waiting_since"]), models.Index(fields=["vendor", "status"])]

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=1)
    quantity = models.PositiveIntegerField(_("quantity"))
    # Snapshot at ordering time.
    sku = models.CharField(_("SKU"), max_length=64)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=30)
    category_id = models.BigIntegerField()
    list_price_idr = models.BigIntegerField(_("catalogue price (Rp)"))
    unit_price_idr = models.BigIntegerField(_("agreed unit price (Rp)"))
    tkdn_pct = models.DecimalField(_("TKDN (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    bmp_pct = models.DecimalField(_("BMP (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    is_local = models.BooleanField(default=False)
    is_umk = models.BooleanField(default=False)
    is_pdn = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="order_line_quantity_positive"),
            models.CheckConstraint(condition=models.Q(unit_price_idr__gte=0), name="order_line_price_non_negative"),
            models.CheckConstraint(condition=models.Q(list_price_idr__gte=0), name="order_line_list_price_non_negative"),
            models.UniqueConstraint(fields=["order", "product"], name="order_line_one_per_product"),
        ]

    def __str__(self) -> str:
        return f"{self.order} · {self.name}"

    @property
    def subtotal_idr(self) -> int:
        return self.quantity * self.unit_price_idr


class NegotiationOffer(models.Model):
    """One side's proposal of unit prices for every line; every offer is kept."""

    class Side(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        VENDOR = "vendor", _("Vendor")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="offers")
    side = models.CharField(max_length=10, choices=Side.choices)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()
    # {"<line id>": unit price in rupiah}
    unit_prices = models.JSONField()
    total_idr = models.BigIntegerField()
    message = models.TextField(blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["made_at", "id"]

    def __str__(self) -> str:
        return f"{self.order} offer {self.pk} ({self.side})"


class Addendum(models.Model):
    """A proposed change to an issued Surat Pesanan; every version is kept."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="addenda")
    version = models.PositiveSmallIntegerField()
    proposed_by_side = models.CharField(max_length=10, choices=NegotiationOffer.Side.choices)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    # {"quantities": {"<line id>": n}, "delivery_date": "YYYY-MM-DD", "terms": "..."}; only what changes.
    changes = models.JSONField()
    # What the changed fields were before, for the record.
    previous = models.JSONField(default=dict)
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["version"]
        constraints = [models.UniqueConstraint(fields=["order", "version"], name="addendum_version_unique")]

    def __str__(self) -> str:
        return f"{self.order} addendum {self.version}"


class Delivery(models.Model):
    """One shipment of some quantities; received with a BAST."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="deliveries")
    sequence = models.PositiveSmallIntegerField()
    shipped_at = models.DateTimeField()
    shipped_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    carrier = models.CharField(_("carrier / waybill"), max_length=120, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["sequence"]
        constraints = [models.UniqueConstraint(fields=["order", "sequence"], name="delivery_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.order} delivery {self.sequence}"


class DeliveryLine(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="delivered")
    quantity = models.PositiveIntegerField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gte=1), name="delivery_line_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.delivery} · {self.order_line.name} x {self.quantity}"


class Bast(models.Model):
    """Berita Acara Serah Terima for one delivery, after the inspection (Pemeriksaan Tepat Guna)."""

    delivery = models.OneToOneField(Delivery, on_delete=models.CASCADE, related_name="bast")
    number = models.CharField(_("BAST number"), max_length=60)
    function_ok = models.BooleanField(_("works as specified"))
    quantity_ok = models.BooleanField(_("quantities as delivered"))
    on_time = models.BooleanField(_("delivered on time"))
    conforming = models.BooleanField(_("conforming"))
    non_conformity = models.TextField(_("non-conformity"), blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    value_idr = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return self.number


class Payment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments")
    amount_idr = models.BigIntegerField(_("amount (Rp)"))
    paid_date = models.DateField(_("payment date"))
    reference = models.CharField(_("reference"), max_length=120)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(amount_idr__gt=0), name="payment_amount_positive")]

    def __str__(self) -> str:
        return f"{self.order} payment {self.reference}"


class VendorRating(models.Model):
    """The buyer's rating of a vendor after a paid order: 1 to 5 each."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="rating")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE, related_name="ratings")
    delivery_time = models.PositiveSmallIntegerField()
    quality = models.PositiveSmallIntegerField()
    fit_to_spec = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(delivery_time__gte=1, delivery_time__lte=5, quality__gte=1, quality__lte=5,
                                   fit_to_spec__gte=1, fit_to_spec__lte=5),
                name="vendor_rating_one_to_five",
            )
        ]

    def __str__(self) -> str:
        return f"rating of {self.order}"


class Holiday(models.Model):
    """A public holiday, kept by the curators: not a working day when counting response deadlines."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key for creating an order: a retry returns the same order."""

    key = models.CharField(max_length=120)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")]

    def __str__(self) -> str:
        return self.key


