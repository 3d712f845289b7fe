"""Reads of import jobs, as plain data for the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from katalog.accounts.access import require_curator
from katalog.core.errors import NotFoundError

from .models import ImportJob

# The page lists this many errors; all of them are in the CSV download.
ERRORS_SHOWN = 500


def import_job_list_recent(*, actor, limit: int = 10) -> list[dict]:
    require_curator(actor)
    jobs = ImportJob.objects.select_related("created_by").defer("data", "report").order_by("-created_at", "-id")
    return [_summary(job) for job in jobs[:limit]]


def _summary(job: ImportJob) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "kind_label": job.get_kind_display(),
        "filename": job.filename,
        "status": job.status,
        "status_label": job.get_status_display(),
        "created_by": str(job.created_by),
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "is_done": job.is_done,
    }


def import_job_get(*, actor, job_id: int) -> ImportJob:
    require_curator(actor)
    job = ImportJob.objects.select_related("created_by").defer("data").filter(pk=job_id).first()
    if job is None:
        raise NotFoundError(_("This import does not exist."))
    return job


def import_job_detail(*, actor, job_id: int) -> dict:
    """The job with its report: counts, and the first ERRORS_SHOWN errors."""
    job = import_job_get(actor=actor, job_id=job_id)
    report = job.report or {}
    errors = report.get("errors", [])
    return {
        **_summary(job),
        "options": [name for name, on in (job.options or {}).items() if on],
        "error_message": job.error_message,
        "has_report": job.report is not None,
        "rows": report.get("rows", 0),
        "created": report.get("created", 0),
        "updated": report.get("updated", 0),
        "unchanged": report.get("unchanged", 0),
        "skipped": report.get("skipped", 0),
        "written": report.get("written", False),
        "error_count": len(errors),
        "errors": errors[:ERRORS_SHOWN],
        "errors_hidden": max(0, len(errors) - ERRORS_SHOWN),
        "skip_invalid": bool((job.options or {}).get("skip_invalid")),
    }
