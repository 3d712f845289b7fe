"""The verification lifecycle of a vendor business, as data."""

from __future__ import annotations

from .models import VendorStatus

# draft ──submit──▶ submitted ──verify──▶ verified
#                      │  ▲
#               return │  │ submit (after revision)
#                      ▼  │
#                    returned
# submitted ──reject──▶ rejected (final)
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    VendorStatus.DRAFT: frozenset({VendorStatus.SUBMITTED}),
    VendorStatus.SUBMITTED: frozenset({VendorStatus.VERIFIED, VendorStatus.RETURNED, VendorStatus.REJECTED}),
    VendorStatus.RETURNED: frozenset({VendorStatus.SUBMITTED}),
    VendorStatus.VERIFIED: frozenset(),
    VendorStatus.REJECTED: frozenset(),
}

# Statuses in which the vendor itself may edit its whole profile and its documents.
EDITABLE_STATUSES = frozenset({VendorStatus.DRAFT, VendorStatus.RETURNED})

# Statuses in which the vendor may change its profile at all (once verified, only the fields below).
PROFILE_EDITABLE_STATUSES = EDITABLE_STATUSES | {VendorStatus.VERIFIED}

# Once verified, the vendor may still change these; identity fields need a curator.
FIELDS_EDITABLE_WHEN_VERIFIED = frozenset({"address", "contact_name", "contact_phone", "contact_email", "description"})

# Statuses in which the vendor may add or delete documents (a verified vendor renews its certificates).
DOCUMENT_EDITABLE_STATUSES = frozenset({VendorStatus.DRAFT, VendorStatus.RETURNED, VendorStatus.VERIFIED})


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())
