"""A spreadsheet import started from the web: its file, options, progress and report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    VENDORS = "vendors", _("Vendors")
    PRODUCTS = "products", _("Products")


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to run")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")  # the report says what was written and which rows were refused
    FAILED = "failed", _("Failed")  # the file could not be read, or the import broke


ALLOWED_TRANSITIONS = {
    ImportJobStatus.QUEUED: {ImportJobStatus.RUNNING, ImportJobStatus.FAILED},
    ImportJobStatus.RUNNING: {ImportJobStatus.FINISHED, ImportJobStatus.FAILED},
    ImportJobStatus.FINISHED: set(),
    ImportJobStatus.FAILED: set(),
}


class ImportJob(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    filename = models.CharField(_("file name"), max_length=255)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    # The uploaded file, kept in the database (it holds tax numbers: never in public media) until the
    # import has run, then emptied.
    data = models.BinaryField(editable=False, blank=True, default=b"")
    options = models.JSONField(_("options"), default=dict, blank=True)
    report = models.JSONField(_("report"), null=True, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    created_at = models.DateTimeField(_("started at"))
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ImportKind.values), name="import_job_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=ImportJobStatus.values), name="import_job_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def is_done(self) -> bool:
        return self.status in {ImportJobStatus.FINISHED, ImportJobStatus.FAILED}
