"""Demo buyer organisations and the demo logins. Demo accounts exist only here, never in migrations.

Running again resets the demo users' passwords, roles and memberships instead of adding rows.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from katalog.accounts.models import Membership, Organisation, User
from katalog.regions.models import Region
from katalog.vendors.models import Vendor

from .scenario import BUYER_ORGANISATIONS, DEMO_USERS, PASSWORD, DemoUser

CURATOR_GROUP = "Kurator"
# What the curator group may do in the admin: manage the catalogue, read people and the audit trail.
CURATOR_PERMISSIONS = {"catalog": None, "vendors": None, "regions": None, "accounts": "view", "audit": "view"}


def buyer_organisations() -> dict[str, Organisation]:
    regions = {r.code: r for r in Region.objects.filter(code__in={o.region_code for o in BUYER_ORGANISATIONS})}
    found = {}
    for spec in BUYER_ORGANISATIONS:
        organisation = Organisation.objects.filter(name=spec.name, kind=Organisation.Kind.BUYER).first()
        if organisation is None:
            organisation = Organisation(name=spec.name, kind=Organisation.Kind.BUYER)
        organisation.buyer_type = spec.buyer_type
        organisation.region = regions[spec.region_code]
        organisation.address = spec.address
        organisation.full_clean()
        organisation.save()
        found[spec.name] = organisation
    return found


def curator_group() -> Group:
    group, _created = Group.objects.get_or_create(name=CURATOR_GROUP)
    permissions = []
    for app_label, action in CURATOR_PERMISSIONS.items():
        qs = Permission.objects.filter(content_type__app_label=app_label)
        if action:
            qs = qs.filter(codename__startswith=f"{action}_")
        permissions.extend(qs)
    group.permissions.set(permissions)
    return group


def demo_user(spec: DemoUser) -> User:
    """Create or reset one demo login (password, flags, role)."""
    user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
    user.name = spec.name
    user.email = f"{spec.username}@example.com"
    user.platform_role = spec.platform_role
    user.is_staff = spec.is_staff
    user.is_superuser = spec.is_superuser
    user.is_active = True
    user.set_password(PASSWORD)
    user.full_clean()
    user.save()
    return user


def organisation_of(spec: DemoUser, buyers: dict[str, Organisation]) -> Organisation | None:
    if not spec.organisation:
        return None
    if spec.organisation in buyers:
        return buyers[spec.organisation]
    return Vendor.objects.select_related("organisation").get(code=spec.organisation).organisation


def reset_membership(user: User, organisation: Organisation | None, role: str) -> None:
    """The demo user belongs to exactly the organisation the scenario names, in that role."""
    stale = user.memberships.all()
    if organisation is not None:
        stale = stale.exclude(organisation=organisation, role=role)
    stale.delete()
    if organisation is not None:
        Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})


def demo_logins() -> list[dict]:
    """Every demo user with a usable role; used for the printed table and by tests."""
    buyers = buyer_organisations()
    group = curator_group()
    rows = []
    for spec in DEMO_USERS:
        user = demo_user(spec)
        organisation = organisation_of(spec, buyers)
        reset_membership(user, organisation, spec.membership_role)
        if spec.platform_role == User.PlatformRole.CURATOR:
            user.groups.add(group)
        rows.append({
            "username": spec.username,
            "role": spec.role_label,
            "organisation": organisation.name if organisation else "—",
            "password": PASSWORD,
        })
    return rows


def ensure_curator() -> User:
    """The curator who takes the demo's decisions (returns) before the table is printed."""
    return demo_user(next(s for s in DEMO_USERS if s.username == "kurator"))
