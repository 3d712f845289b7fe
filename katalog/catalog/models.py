"""The catalogue: a three-level category tree, products, photos and price history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A kategori (formerly etalase). Level 1 is the top; products sit at any level."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    # KBLI 2020 codes (2 to 5 digits, a prefix matches every code below it) that fit this category.
    kbli_codes = models.JSONField(_("fitting KBLI codes"), default=list, blank=True)
    # Other names buyers and spreadsheets use for this category ("ATK", "alsintan", older etalase names).
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=3), name="category_level_1_to_3"),
            models.UniqueConstraint(fields=["parent", "name"], name="category_unique_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for curation")
    APPROVED = "approved", _("Listed (tayang)")
    RETURNED = "returned", _("Returned for revision")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Certification(models.TextChoices):
    SNI = "SNI", "SNI"
    HALAL = "HALAL", "Halal"
    TKDN = "TKDN", "TKDN"
    PIRT = "PIRT", "PIRT"
    BPOM = "BPOM", "BPOM"
    HKI = "HKI", "HKI"


class Product(models.Model):
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="products")
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    unit = models.CharField(_("unit"), max_length=30)
    price_idr = models.BigIntegerField(_("unit price (Rp)"))
    min_order = models.PositiveIntegerField(_("minimum order"), default=1)
    capacity_per_month = models.PositiveIntegerField(_("capacity per month"), null=True, blank=True)
    origin_region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("origin regency"),
        help_text=_("Where the product is made. Empty means imported or unknown origin."),
    )
    tkdn_pct = models.DecimalField(_("TKDN (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    bmp_pct = models.DecimalField(_("BMP (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    tkdn_document = models.ForeignKey(
        "vendors.VendorDocument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("TKDN certificate"),
    )
    certifications = models.JSONField(_("certifications"), default=list, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    status_reason = models.TextField(_("reason"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("listed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(condition=models.Q(price_idr__gte=0), name="product_price_non_negative"),
            models.CheckConstraint(condition=models.Q(min_order__gte=1), name="product_min_order_positive"),
            models.CheckConstraint(
                condition=models.Q(tkdn_pct__isnull=True) | models.Q(tkdn_pct__gte=0, tkdn_pct__lte=100),
                name="product_tkdn_range",
            ),
            models.CheckConstraint(
                condition=models.Q(bmp_pct__isnull=True) | models.Q(bmp_pct__gte=0, bmp_pct__lte=100),
                name="product_bmp_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProductStatus.values), name="product_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "category"]),
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["vendor", "status"]),
        ]

    def __str__(self) -> str:
        return self.name


class ProductPhoto(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="product-photos/%Y/%m/")
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    def __str__(self) -> str:
        return f"{self.product_id}#{self.position}"


class PriceChange(models.Model):
    """Every price a product has had, with who changed it and when (oversight needs this)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="price_changes")
    old_price_idr = models.BigIntegerField(_("old price (Rp)"))
    new_price_idr = models.BigIntegerField(_("new price (Rp)"))
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20, default="web")

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("price change")
        verbose_name_plural = _("price changes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(old_price_idr__gte=0, new_price_idr__gte=0), name="price_change_non_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.old_price_idr} -> {self.new_price_idr}"
