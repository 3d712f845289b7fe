"""Writes about vendor businesses: registration, profile changes, verification, documents.

Each function is one transaction that changes the data and writes its audit event. The transactions
are plain `atomic()` blocks (not durable) so that importers and demo seeding may wrap many calls in
one transaction of their own.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from katalog.accounts import access as accounts_access
from katalog.accounts.models import Membership, Organisation, User
from katalog.audit.services import audit_record
from katalog.core import hooks
from katalog.core.errors import InvalidTransition, ValidationFailed

from . import access
from .cleaning import REQUIRED_AT_REGISTRATION, audit_value, clean_business
from .document_services import document_add, document_delete  # noqa: F401  (public, re-exported)
from .models import Vendor, VendorStatus
from .states import FIELDS_EDITABLE_WHEN_VERIFIED, PROFILE_EDITABLE_STATUSES, can_transition

__all__ = [
    "vendor_register", "vendor_update_profile", "vendor_submit", "vendor_verify", "vendor_return",
    "vendor_reject", "document_add", "document_delete",
]

def _invalid(errors: dict[str, list[str]]) -> ValidationFailed:
    first_messages = next(iter(errors.values()))
    return ValidationFailed(first_messages[0], field_errors=errors)


def _merge_validation_error(errors: dict, exc: ValidationError) -> None:
    for key, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        errors.setdefault(key, []).extend(messages)


def _nib_taken(nib: str, *, exclude_pk: int | None = None) -> bool:
    qs = Vendor.objects.filter(nib=nib)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def _nib_taken_message(nib: str) -> str:
    return _(
        "A business with NIB %(nib)s is already registered. If it is yours, ask its owner to add you, "
        "or contact a curator."
    ) % {"nib": nib}


def _username_taken_message(username: str) -> str:
    return _("The username %(username)s is taken; choose another.") % {"username": username}


def _actor_org(actor, vendor: Vendor) -> int | None:
    """Audit organisation: the vendor when one of its people acted, none when a curator did."""
    return vendor.organisation_id if access.can_act_for_vendor(actor, vendor) else None


def _assign_code(vendor: Vendor) -> None:
    code = f"VND{vendor.pk:06d}"
    suffix = 1
    while Vendor.objects.filter(code=code).exclude(pk=vendor.pk).exists():
        suffix += 1
        code = f"VND{vendor.pk:06d}-{suffix}"
    vendor.code = code
    vendor.save(update_fields=["code"])


def vendor_register(
    *, username: str, password: str, person_name: str, email: str, business: dict, now: dt.datetime
) -> Vendor:
    """Create a person, their vendor business (draft) and make them its owner."""
    errors: dict[str, list[str]] = {}
    username = (username or "").strip()
    person_name = (person_name or "").strip()
    email = (email or "").strip()
    if not username:
        errors["username"] = [_("Choose a username.")]
    else:
        try:
            User.username_validator(username)
        except ValidationError as exc:
            errors["username"] = list(exc.messages)
        else:
            if User.objects.filter(username__iexact=username).exists():
                errors["username"] = [_username_taken_message(username)]
    if not person_name:
        errors["person_name"] = [_("Enter your name.")]
    if not email:
        errors["email"] = [_("Enter your email address.")]
    else:
        _email, email_errors = clean_business({"contact_email": email})
        if email_errors:
            errors["email"] = email_errors["contact_email"]
    try:
        validate_password(password or "", user=User(username=username, name=person_name, email=email))
    except ValidationError as exc:
        errors["password"] = list(exc.messages)

    cleaned, business_errors = clean_business(business or {}, required=REQUIRED_AT_REGISTRATION)
    errors.update(business_errors)
    if "nib" in cleaned and _nib_taken(cleaned["nib"]):
        errors["nib"] = [_nib_taken_message(cleaned["nib"])]
    if errors:
        raise _invalid(errors)

    try:
        with transaction.atomic():
            user = User(username=username, name=person_name, email=email)
            user.set_password(password)
            user.full_clean()
            user.save()
            organisation = Organisation(
                name=cleaned["name"], kind=Organisation.Kind.VENDOR, region=cleaned["region"],
                address=cleaned.get("address", ""),
            )
            organisation.full_clean()
            organisation.save()
            vendor = Vendor(
                organisation=organisation, code=f"TMP{uuid.uuid4().hex[:20]}", status=VendorStatus.DRAFT,
                created_at=now, updated_at=now, **cleaned,
            )
            vendor.full_clean()
            vendor.save()
            _assign_code(vendor)
            Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.VENDOR_OWNER)
            audit_record(
                event_type="vendors.vendor.registered", target=vendor, actor=user, occurred_at=now,
                organisation_id=organisation.pk,
                changes={key: {"old": None, "new": audit_value(value)} for key, value in cleaned.items()},
            )
    except ValidationError as exc:
        full_errors: dict[str, list[str]] = {}
        _merge_validation_error(full_errors, exc)
        raise _invalid(full_errors) from None
    except IntegrityError:
        # Someone registered the same NIB or username in the same moment.
        if _nib_taken(cleaned["nib"]):
            raise _invalid({"nib": [_nib_taken_message(cleaned["nib"])]}) from None
        raise _invalid({"username": [_username_taken_message(username)]}) from None
    return vendor


def _lock(vendor: Vendor) -> Vendor:
    # Lock only the vendor row, not the joined organisation and region rows.
    return Vendor.objects.select_for_update(of=("self",)).select_related("organisation", "region").get(pk=vendor.pk)


def _copy_state(source: Vendor, target: Vendor, fields) -> None:
    for field in fields:
        setattr(target, field, getattr(source, field))


def vendor_update_profile(*, actor, vendor: Vendor, data: dict, now: dt.datetime) -> Vendor:
    """Change profile fields. Draft/returned: anything; verified: contact, address and description only."""
    access.require_vendor_member_or_curator(actor, vendor)
    is_curator = accounts_access.is_curator(actor)
    with transaction.atomic():
        locked = _lock(vendor)
        if not is_curator and locked.status not in PROFILE_EDITABLE_STATUSES:
            if locked.status == VendorStatus.SUBMITTED:
                raise InvalidTransition(
                    _("Your business is waiting for a curator's decision; it cannot be changed until then.")
                )
            raise InvalidTransition(
                _("Your business is “%(status)s”; it can no longer be changed.") % {"status": locked.get_status_display()}
            )
        cleaned, errors = clean_business(data)
        changed = {
            key: value for key, value in cleaned.items()
            if key not in errors and audit_value(getattr(locked, key)) != audit_value(value)
        }
        if not is_curator and locked.status == VendorStatus.VERIFIED:
            for key in changed:
                if key not in FIELDS_EDITABLE_WHEN_VERIFIED:
                    errors[key] = [
                        _("The %(field)s of a verified business cannot be changed here; ask a curator to change it.")
                        % {"field": Vendor._meta.get_field(key).verbose_name}
                    ]
        if "nib" in changed and "nib" not in errors and _nib_taken(changed["nib"], exclude_pk=locked.pk):
            errors["nib"] = [_nib_taken_message(changed["nib"])]
        if errors:
            raise _invalid(errors)
        if not changed:
            return locked

        old = {key: audit_value(getattr(locked, key)) for key in changed}
        for key, value in changed.items():
            setattr(locked, key, value)
        locked.updated_at = now
        try:
            locked.full_clean()
        except ValidationError as exc:
            full_errors: dict[str, list[str]] = {}
            _merge_validation_error(full_errors, exc)
            raise _invalid(full_errors) from None
        locked.save(update_fields=[*changed, "updated_at"])

        organisation = locked.organisation
        org_fields = {"name": locked.name, "region": locked.region, "address": locked.address}
        org_changed = [key for key, value in org_fields.items() if getattr(organisation, key) != value]
        if org_changed:
            for key in org_changed:
                setattr(organisation, key, org_fields[key])
            organisation.save(update_fields=org_changed)

        hooks.changed("vendor", [locked.pk])
        audit_record(
            event_type="vendors.vendor.updated", target=locked, actor=actor, occurred_at=now,
            organisation_id=_actor_org(actor, locked),
            changes={key: {"old": old[key], "new": audit_value(value)} for key, value in changed.items()},
        )
    _copy_state(locked, vendor, [*changed, "updated_at"])
    return locked


def _transition(*, actor, vendor: Vendor, target: str, refusal: str, event: str, now: dt.datetime,
                values: dict, reason: str = "", check=None) -> Vendor:
    """Move the business to `target`: lock its row, check the ALLOWED_TRANSITIONS table (`refusal` says
    why not, with the current %(status)s) and `check` if given, set `values`, save, and audit."""
    with transaction.atomic():
        locked = _lock(vendor)
        if not can_transition(locked.status, target):
            raise InvalidTransition(refusal % {"status": locked.get_status_display()})
        if check is not None:
            check(locked)
        old_status = locked.status
        fields = ["status", *values]
        locked.status = target
        for field, value in values.items():
            setattr(locked, field, value)
        locked.updated_at = now
        locked.save(update_fields=[*fields, "updated_at"])
        changes = {"status": {"old": old_status, "new": locked.status}}
        if reason:
            changes["status_reason"] = {"old": None, "new": reason}
        audit_record(
            event_type=event, target=locked, actor=actor, occurred_at=now,
            organisation_id=_actor_org(actor, locked), changes=changes, message=reason,
        )
        hooks.changed("vendor", [locked.pk])  # its products appear in or leave the search index
    _copy_state(locked, vendor, [*fields, "updated_at"])
    return locked


def _require_complete_profile(vendor: Vendor) -> None:
    missing = []
    if not vendor.nib:
        missing.append(_("NIB"))
    if not vendor.npwp:
        missing.append(_("NPWP"))
    if not vendor.region_id:
        missing.append(_("regency/city"))
    if not vendor.kbli:
        missing.append(_("at least one KBLI code"))
    if missing:
        raise ValidationFailed(
            _("Complete your profile before submitting: %(missing)s.") % {"missing": ", ".join(missing)},
            code="profile_incomplete",
        )


def vendor_submit(*, actor, vendor: Vendor, now: dt.datetime) -> Vendor:
    """The business asks the curators to verify it (first time, or after a revision)."""
    access.require_vendor_member(actor, vendor)
    return _transition(
        actor=actor, vendor=vendor, target=VendorStatus.SUBMITTED, event="vendors.vendor.submitted", now=now,
        refusal=_("Only a draft or a returned business can be submitted; this one is “%(status)s”."),
        check=_require_complete_profile, values={"submitted_at": now, "status_reason": ""},
    )


def vendor_verify(*, actor, vendor: Vendor, now: dt.datetime) -> Vendor:
    access.require_can_decide_on_vendor(actor, vendor)
    return _transition(
        actor=actor, vendor=vendor, target=VendorStatus.VERIFIED, event="vendors.vendor.verified", now=now,
        refusal=_("Only a business waiting for verification can be verified; this one is “%(status)s”."),
        values={"status_reason": "", "decided_at": now, "verified_at": now},
    )


def _decide_with_reason(*, actor, vendor: Vendor, reason: str, now: dt.datetime, target: str, event: str,
                        refusal: str) -> Vendor:
    access.require_can_decide_on_vendor(actor, vendor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Write the reason, so the business knows what to do."), field_errors={"reason": [_("A reason is required.")]}
        )
    return _transition(
        actor=actor, vendor=vendor, target=target, event=event, now=now, refusal=refusal, reason=reason,
        values={"status_reason": reason, "decided_at": now},
    )


def vendor_return(*, actor, vendor: Vendor, reason: str, now: dt.datetime) -> Vendor:
    """Send the business back for revision; it sees the reason and may submit again."""
    return _decide_with_reason(
        actor=actor, vendor=vendor, reason=reason, now=now, target=VendorStatus.RETURNED,
        event="vendors.vendor.returned",
        refusal=_("Only a business waiting for verification can be returned; this one is “%(status)s”."),
    )


def vendor_reject(*, actor, vendor: Vendor, reason: str, now: dt.datetime) -> Vendor:
    """Refuse the business for good (for example a fake NIB); it sees the reason."""
    return _decide_with_reason(
        actor=actor, vendor=vendor, reason=reason, now=now, target=VendorStatus.REJECTED,
        event="vendors.vendor.rejected",
        refusal=_("Only a business waiting for verification can be rejected; this one is “%(status)s”."),
    )
