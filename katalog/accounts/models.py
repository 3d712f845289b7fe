"""People, organisations (buyers and vendor businesses), memberships with roles, API tokens."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. One `name` field: many Indonesians have a single name."""

    class PlatformRole(models.TextChoices):
        NONE = "", _("None")
        CURATOR = "curator", _("Curator")
        LEADER = "leader", _("Leader")
        ADMINISTRATOR = "administrator", _("Administrator")

    first_name = None
    last_name = None
    name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    platform_role = models.CharField(
        _("platform role"), max_length=20, choices=PlatformRole.choices, default="", blank=True
    )

    def __str__(self) -> str:
        return self.name or self.username


class BuyerType(models.TextChoices):
    INSTANSI_VERTIKAL = "instansi_vertikal", _("Instansi vertikal")
    OPD_PROVINSI = "opd_provinsi", _("OPD provinsi")
    OPD_KABKOTA = "opd_kabkota", _("OPD kabupaten/kota")
    BUMN = "bumn", _("BUMN")
    BUMD = "bumd", _("BUMD")
    SWASTA = "swasta", _("Swasta")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        BUYER = "buyer", _("Buyer organisation")
        VENDOR = "vendor", _("Vendor business")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    buyer_type = models.CharField(
        _("buyer type"), max_length=20, choices=BuyerType.choices, blank=True, default=""
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("region"),
    )
    address = models.TextField(_("address"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="vendor", buyer_type="") | models.Q(kind="buyer") & ~models.Q(buyer_type=""),
                name="organisation_buyer_type_only_for_buyers",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        VENDOR_OWNER = "vendor_owner", _("Vendor owner")
        VENDOR_STAFF = "vendor_staff", _("Vendor staff")
        BUYER_PPK = "buyer_ppk", _("PPK (Pejabat Pembuat Komitmen)")
        BUYER_PP = "buyer_pp", _("Pejabat pengadaan")

    VENDOR_ROLES = {Role.VENDOR_OWNER, Role.VENDOR_STAFF}
    BUYER_ROLES = {Role.BUYER_PPK, Role.BUYER_PP}

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A bearer token for machines. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
