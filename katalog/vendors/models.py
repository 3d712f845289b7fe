"""Vendor businesses (UMKM/IKM and others), their documents, and their verification state."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BusinessScale(models.TextChoices):
    """PP 7/2021 Pasal 35. UMK = mikro + kecil only."""

    MIKRO = "mikro", _("Micro")
    KECIL = "kecil", _("Small")
    MENENGAH = "menengah", _("Medium")
    BESAR = "besar", _("Large")


UMK_SCALES = frozenset({BusinessScale.MIKRO, BusinessScale.KECIL})


class VendorStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned for revision")
    REJECTED = "rejected", _("Rejected")


class Vendor(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="vendor"
    )
    code = models.CharField(_("vendor code"), max_length=32, unique=True)
    name = models.CharField(_("business name"), max_length=255)
    nib = models.CharField(_("NIB"), max_length=13, blank=True)
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True)
    scale = models.CharField(_("business scale"), max_length=10, choices=BusinessScale.choices)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("regency/city")
    )
    address = models.TextField(_("address"), blank=True)
    kbli = models.JSONField(_("KBLI codes"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    description = models.TextField(_("about the business"), blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=VendorStatus.choices, default=VendorStatus.DRAFT
    )
    status_reason = models.TextField(_("reason"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        constraints = [
            models.UniqueConstraint(fields=["nib"], condition=~models.Q(nib=""), name="vendor_nib_unique"),
            models.CheckConstraint(condition=models.Q(status__in=VendorStatus.values), name="vendor_status_valid"),
            models.CheckConstraint(condition=models.Q(scale__in=BusinessScale.values), name="vendor_scale_valid"),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_umk(self) -> bool:
        return self.scale in UMK_SCALES


class DocumentKind(models.TextChoices):
    SNI = "SNI", _("SNI certificate")
    HALAL = "HALAL", _("Halal certificate")
    TKDN = "TKDN", _("TKDN certificate")
    PIRT = "PIRT", _("PIRT permit")
    BPOM = "BPOM", _("BPOM registration")
    HKI = "HKI", _("HKI (brand/intellectual property)")


class TkdnScheme(models.TextChoices):
    ASSESSED = "assessed", _("Assessed by a verification body")
    SELF_DECLARED = "self_declared", _("Self-declared (small industry)")


class VendorDocument(models.Model):
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=8, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=100)
    issuer = models.CharField(_("issuer"), max_length=150)
    issued_date = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    covers = models.CharField(_("product(s) covered"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to="vendor-documents/%Y/%m/", blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    tkdn_pct = models.DecimalField(_("TKDN (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    bmp_pct = models.DecimalField(_("BMP (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    tkdn_scheme = models.CharField(
        _("TKDN scheme"), max_length=15, choices=TkdnScheme.choices, blank=True, default=""
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["kind", "-uploaded_at"]
        verbose_name = _("vendor document")
        verbose_name_plural = _("vendor documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tkdn_pct__isnull=True) | models.Q(tkdn_pct__gte=0, tkdn_pct__lte=100),
                name="document_tkdn_range",
            ),
            models.CheckConstraint(
                condition=models.Q(bmp_pct__isnull=True) | models.Q(bmp_pct__gte=0, bmp_pct__lte=100),
                name="document_bmp_range",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(issued_date__isnull=True)
                | models.Q(valid_until__gte=models.F("issued_date")),
                name="document_valid_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
