"""The search index (one entry per listed product), its vocabulary, and the curators' synonyms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SynonymGroup(models.Model):
    """Phrases that mean the same product, one per line: "hand tractor", "traktor roda dua"."""

    name = models.CharField(_("name"), max_length=100)
    phrases = models.TextField(_("phrases"), help_text=_("One phrase per line; each means the same as the others."))
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self) -> str:
        return self.name

    def phrase_list(self) -> list[str]:
        return [line.strip() for line in self.phrases.splitlines() if line.strip()]


class SearchEntry(models.Model):
    """What search needs of a listed product, analysed once at indexing time.

    `name_terms` and `body_terms` are space-separated analysed terms (stemmed, with synonym tokens);
    the full-text index of each database is built on them (FTS5 table on SQLite, tsvector on PostgreSQL).
    """

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, primary_key=True, related_name="+")
    name_terms = models.TextField()
    body_terms = models.TextField()
    # The terms of the product's own category (name and other names): a query word found here means the
    # product IS that thing, not only something that contains it ("pulpen" vs a seminar kit with a pen).
    category_terms = models.TextField(default=" ")
    category = models.ForeignKey("catalog.Category", on_delete=models.CASCADE, related_name="+")
    category_top = models.ForeignKey("catalog.Category", on_delete=models.CASCADE, related_name="+")
    vendor_region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    vendor_scale = models.CharField(max_length=10)
    is_local = models.BooleanField()
    is_umk = models.BooleanField()
    is_pdn = models.BooleanField()
    # P3DN priority: 0 local and UMK, 1 other local, 2 PDN (TKDN+BMP >= 40%), 3 the rest.
    tier = models.PositiveSmallIntegerField()
    tkdn_pct = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    price_idr = models.BigIntegerField()
    certifications = models.CharField(max_length=100, blank=True)
    approved_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["category"]),
            models.Index(fields=["category_top"]),
            models.Index(fields=["vendor_region"]),
            models.Index(fields=["tier", "price_idr"]),
        ]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"search entry of product {self.product_id}"


class SearchTerm(models.Model):
    """The vocabulary of the index, for typo correction."""

    term = models.CharField(max_length=64, unique=True)
    document_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term
