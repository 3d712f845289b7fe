"""Imports started from the web: create the job, run it (inline or in the background), keep the report."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.translation import gettext as _

from katalog.accounts.access import require_curator
from katalog.core import clock
from katalog.core.errors import InvalidTransition, NotFoundError, ValidationFailed

from .models import ALLOWED_TRANSITIONS, ImportJob, ImportJobStatus, ImportKind
from .products import import_products
from .vendors import import_vendors

logger = logging.getLogger(__name__)

# The options each kind of import accepts (the keyword arguments of its import function).
OPTIONS = {
    ImportKind.VENDORS: ("verified", "skip_invalid"),
    ImportKind.PRODUCTS: ("approve", "skip_invalid", "create_categories"),
}
# Files up to this size (about 5,000 product rows as CSV) are imported while the curator waits;
# bigger ones go to the task queue and the page follows their progress.
INLINE_MAX_BYTES = 1024 * 1024
MAX_BYTES = 50 * 1024 * 1024


def inline_max_bytes() -> int:
    return int(settings.KATALOG.get("IMPORT_INLINE_MAX_BYTES", INLINE_MAX_BYTES))


def max_bytes() -> int:
    return int(settings.KATALOG.get("IMPORT_MAX_BYTES", MAX_BYTES))


def import_job_create(*, actor, kind: str, data: bytes, filename: str, options: dict, now=None) -> ImportJob:
    """Store an uploaded file as a queued import job. Only curators may import."""
    require_curator(actor)
    if kind not in OPTIONS:
        raise ValidationFailed(_("Unknown kind of import: %(kind)s.") % {"kind": kind})
    if not data:
        raise ValidationFailed(_("The file is empty."))
    if len(data) > max_bytes():
        raise ValidationFailed(
            _("The file is %(size).1f MB; at most %(max).0f MB can be imported at once.")
            % {"size": len(data) / 1_048_576, "max": max_bytes() / 1_048_576}
        )
    allowed = OPTIONS[ImportKind(kind)]
    job = ImportJob(
        kind=kind, filename=(filename or "upload")[:255], size_bytes=len(data), data=data,
        options={name: bool(options.get(name, False)) for name in allowed},
        created_by=actor, created_at=now or clock.now(),
    )
    job.full_clean(exclude=["data"])
    job.save()
    return job


def import_job_start(*, actor, kind: str, data: bytes, filename: str, options: dict, now=None) -> ImportJob:
    """Create the job, then run it now (small files) or queue it (big ones). Returns the job as it is."""
    from .tasks import run_import_job

    job = import_job_create(actor=actor, kind=kind, data=data, filename=filename, options=options, now=now)
    if job.size_bytes <= inline_max_bytes():
        return import_job_run(job_id=job.pk)
    run_import_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _move(job_id: int, old: str, new: str, **fields) -> bool:
    """A conditional UPDATE: only the caller that finds the job in `old` moves it (no double runs)."""
    if new not in ALLOWED_TRANSITIONS[ImportJobStatus(old)]:
        raise InvalidTransition(_("An import cannot go from %(old)s to %(new)s.") % {"old": old, "new": new})
    return ImportJob.objects.filter(pk=job_id, status=old).update(status=new, **fields) == 1


def import_job_run(*, job_id: int, now=None) -> ImportJob:
    """Run a queued import job and keep its report. The import writes its rows in its own transaction."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        raise NotFoundError(_("This import does not exist."))
    if not _move(job.pk, ImportJobStatus.QUEUED, ImportJobStatus.RUNNING, started_at=now or clock.now()):
        job.refresh_from_db()
        return job  # already run (or running) elsewhere
    run = import_vendors if job.kind == ImportKind.VENDORS else import_products
    fields: dict = {"data": b""}
    try:
        report = run(bytes(job.data), filename=job.filename, actor=job.created_by, now=now, **job.options)
    except ValidationFailed as exc:
        fields.update(status=ImportJobStatus.FAILED, error_message=exc.message)
    except Exception:
        logger.exception("import job %s failed", job.pk)
        fields.update(
            status=ImportJobStatus.FAILED,
            error_message=_("The import stopped because of an unexpected error; nothing was written. "
                            "Tell an administrator."),
        )
    else:
        fields.update(status=ImportJobStatus.FINISHED, report=report.as_dict())
    new_status = fields.pop("status")
    _move(job.pk, ImportJobStatus.RUNNING, new_status, finished_at=clock.now(), **fields)
    job.refresh_from_db()
    return job
