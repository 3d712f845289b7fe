"""Access rules for vendor businesses, built on accounts.access."""

from __future__ import annotations

from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Membership
from katalog.core.errors import PermissionDeniedError

from .models import Vendor, VendorStatus


def vendor_for_user(user) -> Vendor | None:
    """The vendor business the user works for (owner or staff), if any."""
    membership = access.vendor_membership(user)
    if membership is None:
        return None
    return Vendor.objects.select_related("region", "organisation").filter(organisation_id=membership.organisation_id).first()


def can_act_for_vendor(user, vendor: Vendor) -> bool:
    return access.is_member_of(user, vendor.organisation_id, Membership.VENDOR_ROLES)


def require_vendor_member(user, vendor: Vendor) -> None:
    """A vendor edits only its own business and products."""
    if not can_act_for_vendor(user, vendor):
        raise PermissionDeniedError(_("You can only manage your own business."))


def require_vendor_owner(user, vendor: Vendor) -> None:
    if not access.is_member_of(user, vendor.organisation_id, {Membership.Role.VENDOR_OWNER}):
        raise PermissionDeniedError(_("Only the owner of the business may do this."))


def require_verified(vendor: Vendor) -> None:
    if vendor.status != VendorStatus.VERIFIED:
        raise PermissionDeniedError(
            _("Your business must be verified by a curator before it can list products."), code="vendor_not_verified"
        )


def can_manage_vendor(user, vendor: Vendor) -> bool:
    """Members of the business, and curators (who help businesses and correct identity data)."""
    return can_act_for_vendor(user, vendor) or access.is_curator(user)


def require_vendor_member_or_curator(user, vendor: Vendor) -> None:
    if not can_manage_vendor(user, vendor):
        raise PermissionDeniedError(_("You can only manage your own business."))


def can_view_vendor_documents(user, vendor: Vendor) -> bool:
    """Certificates and permits are not public: only the business itself and curators see the files."""
    return can_manage_vendor(user, vendor)


def require_can_decide_on_vendor(user, vendor: Vendor) -> None:
    """Only curators verify, return or reject a business, and never one they belong to."""
    access.require_curator(user)
    if can_act_for_vendor(user, vendor):
        raise PermissionDeniedError(_("You cannot decide on a business you belong to."))
