"""Writes about a vendor's certificates and permits (SNI, Halal, TKDN, PIRT, BPOM, HKI).

Public through `katalog.vendors.services`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from katalog.accounts import access as accounts_access
from katalog.audit.services import audit_record
from katalog.core.errors import InvalidTransition, ValidationFailed, validation_error_to_domain
from katalog.core.uploads import EXTENSIONS, check_upload

from . import access
from .cleaning import DOCUMENT_FIELDS, audit_value, clean_document
from .models import Vendor, VendorDocument, VendorStatus
from .states import DOCUMENT_EDITABLE_STATUSES


def _require_documents_editable(actor, vendor: Vendor) -> None:
    """Documents stay as they are while a curator reviews them; a rejected business is closed."""
    if vendor.status == VendorStatus.REJECTED:
        raise InvalidTransition(_("This business was rejected; its documents can no longer be changed."))
    if vendor.status in DOCUMENT_EDITABLE_STATUSES or accounts_access.is_curator(actor):
        return
    raise InvalidTransition(
        _("Your business is waiting for a curator's decision; documents cannot be changed until then.")
    )


def _actor_org(actor, vendor: Vendor) -> int | None:
    return vendor.organisation_id if access.can_act_for_vendor(actor, vendor) else None


def _document_snapshot(document: VendorDocument) -> dict:
    return {"document_id": document.pk, **{key: audit_value(getattr(document, key)) for key in DOCUMENT_FIELDS}}


def document_add(*, actor, vendor: Vendor, data: dict, file, now: dt.datetime) -> VendorDocument:
    """Attach a certificate or permit with its file (PDF, JPG or PNG, checked by content)."""
    access.require_vendor_member_or_curator(actor, vendor)
    _require_documents_editable(actor, vendor)
    cleaned, errors = clean_document(data or {})
    content_type = None
    try:
        content_type = check_upload(file)
    except ValidationFailed as exc:
        errors["file"] = [exc.message]
    if errors:
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(first, field_errors=errors)

    with transaction.atomic():
        locked = Vendor.objects.select_for_update().get(pk=vendor.pk)
        _require_documents_editable(actor, locked)
        document = VendorDocument(
            vendor=locked, uploaded_at=now, content_type=content_type,
            original_filename=(getattr(file, "name", "") or "")[:255], **cleaned,
        )
        # The stored name is ours; the person's file name is kept only as a label.
        document.file.save(f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}", file, save=False)
        try:
            document.full_clean()
            document.save()
            audit_record(
                event_type="vendors.document.added", target=locked, actor=actor, occurred_at=now,
                organisation_id=_actor_org(actor, locked),
                changes={key: {"old": None, "new": value} for key, value in _document_snapshot(document).items()},
                message=str(document),
            )
        except ValidationError as exc:
            document.file.delete(save=False)
            raise validation_error_to_domain(exc) from None
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def document_delete(*, actor, document: VendorDocument, now: dt.datetime) -> None:
    """Remove a document (for example one uploaded by mistake); its file is deleted after commit."""
    vendor = document.vendor
    access.require_vendor_member_or_curator(actor, vendor)
    with transaction.atomic():
        locked = Vendor.objects.select_for_update().get(pk=vendor.pk)
        _require_documents_editable(actor, locked)
        snapshot = _document_snapshot(document)
        label = str(document)
        file_name, storage = document.file.name, document.file.storage
        deleted, _rows = VendorDocument.objects.filter(pk=document.pk, vendor=locked).delete()
        if not deleted:
            return
        audit_record(
            event_type="vendors.document.deleted", target=locked, actor=actor, occurred_at=now,
            organisation_id=_actor_org(actor, locked),
            changes={key: {"old": value, "new": None} for key, value in snapshot.items()},
            message=label,
        )
        if file_name:
            transaction.on_commit(lambda: storage.delete(file_name))
