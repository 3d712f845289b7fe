"""Checking uploaded files by their content, not by their name or the browser's claim."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ValidationFailed

SIGNATURES = {
    "application/pdf": [b"%PDF-"],
    "image/jpeg": [b"\xff\xd8\xff"],
    "image/png": [b"\x89PNG\r\n\x1a\n"],
}
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
IMAGE_TYPES = ("image/jpeg", "image/png")


def sniff_content_type(head: bytes) -> str | None:
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return content_type
    return None


def check_upload(uploaded, *, allowed: tuple[str, ...] = DOCUMENT_TYPES, max_bytes: int | None = None) -> str:
    """Return the real content type of an uploaded file, or raise ValidationFailed with the reason."""
    max_bytes = max_bytes or settings.KATALOG["UPLOAD_MAX_BYTES"]
    if uploaded is None:
        raise ValidationFailed(_("Choose a file to upload."))
    if uploaded.size > max_bytes:
        raise ValidationFailed(
            _("The file is %(size).1f MB; at most %(max).0f MB is allowed.")
            % {"size": uploaded.size / 1_048_576, "max": max_bytes / 1_048_576}
        )
    if uploaded.size == 0:
        raise ValidationFailed(_("The file is empty."))
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    content_type = sniff_content_type(head)
    if content_type not in allowed:
        names = ", ".join(EXTENSIONS[t].lstrip(".").upper() for t in allowed)
        raise ValidationFailed(_("Only %(types)s files are accepted; this file is not one.") % {"types": names})
    return content_type
