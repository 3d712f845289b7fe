"""Provinces and regencies/cities with their Kemendagri codes (and BPS codes, which differ)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency/city")

    code = models.CharField(_("Kemendagri code"), max_length=13, unique=True)
    bps_code = models.CharField(_("BPS code"), max_length=10, blank=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(level="province", parent__isnull=True))
                | (models.Q(level="regency", parent__isnull=False)),
                name="region_regency_has_province",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]
