"""Every access rule about people and organisations, in one place.

Domain apps build their own checks (`access_vendor_by_user`, ...) on these.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from katalog.core.errors import PermissionDeniedError

from .models import Membership, User


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_administrator(user) -> bool:
    return _active(user) and (user.is_superuser or user.platform_role == User.PlatformRole.ADMINISTRATOR)


def is_curator(user) -> bool:
    """Curators manage the catalogue; administrators may do everything curators do."""
    return _active(user) and (user.platform_role == User.PlatformRole.CURATOR or is_administrator(user))


def is_leader(user) -> bool:
    """Leaders read dashboards; curators and administrators see them too."""
    return _active(user) and (user.platform_role == User.PlatformRole.LEADER or is_curator(user))


def memberships_of(user, roles: set[str] | None = None) -> list[Membership]:
    if not _active(user):
        return []
    cache_name = "_katalog_memberships"
    if not hasattr(user, cache_name):
        setattr(user, cache_name, list(user.memberships.select_related("organisation")))
    rows = getattr(user, cache_name)
    return [m for m in rows if roles is None or m.role in roles]


def vendor_membership(user) -> Membership | None:
    rows = memberships_of(user, Membership.VENDOR_ROLES)
    return rows[0] if rows else None


def buyer_membership(user) -> Membership | None:
    rows = memberships_of(user, Membership.BUYER_ROLES)
    return rows[0] if rows else None


def is_member_of(user, organisation_id: int, roles: set[str] | None = None) -> bool:
    return any(m.organisation_id == organisation_id for m in memberships_of(user, roles))


def require_curator(user) -> None:
    if not is_curator(user):
        raise PermissionDeniedError(_("Only curators may do this."))


def require_leader(user) -> None:
    if not is_leader(user):
        raise PermissionDeniedError(_("Only leaders and curators may see this."))


def require_member(user, organisation_id: int, roles: set[str] | None = None) -> None:
    if not is_member_of(user, organisation_id, roles):
        raise PermissionDeniedError(_("You do not act for this organisation."))


def require_buyer_for(user, organisation_id: int) -> None:
    """A buyer (PPK or pejabat pengadaan) acts only for its own organisation."""
    require_member(user, organisation_id, Membership.BUYER_ROLES)


def primary_role_label(user) -> str:
    """What the navigation shows next to the user's name."""
    if is_administrator(user):
        return _("Administrator")
    if user.platform_role == User.PlatformRole.CURATOR:
        return _("Curator")
    if user.platform_role == User.PlatformRole.LEADER:
        return _("Leader")
    rows = memberships_of(user)
    return rows[0].get_role_display() if rows else ""
