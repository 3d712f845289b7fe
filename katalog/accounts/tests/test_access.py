import pytest

from katalog.accounts import access
from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory, UserFactory
from katalog.core.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "curator", "leader", "admin"),
    [
        ("", False, False, False),
        ("curator", True, True, False),
        ("leader", False, True, False),
        ("administrator", True, True, True),
    ],
)
def test_platform_roles_nest_administrator_over_curator_over_leader(role, curator, leader, admin):
    user = UserFactory(platform_role=role)
    assert (access.is_curator(user), access.is_leader(user), access.is_administrator(user)) == (curator, leader, admin)


def test_an_inactive_curator_has_no_rights():
    assert not access.is_curator(UserFactory(platform_role="curator", is_active=False))


def test_a_buyer_acts_only_for_its_own_organisation(buyer, buyer_org):
    access.require_buyer_for(buyer, buyer_org.pk)
    with pytest.raises(PermissionDeniedError):
        access.require_buyer_for(buyer, BuyerOrganisationFactory().pk)


def test_a_vendor_member_is_not_a_buyer(vendor, vendor_owner):
    with pytest.raises(PermissionDeniedError):
        access.require_buyer_for(vendor_owner, vendor.organisation_id)
    assert access.vendor_membership(vendor_owner).organisation_id == vendor.organisation_id
    assert access.buyer_membership(vendor_owner) is None


def test_anonymous_users_have_no_role():
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not access.is_leader(anonymous)
    assert access.memberships_of(anonymous) == []


def test_a_pejabat_pengadaan_is_a_buyer_too(buyer_org):
    user = MembershipFactory(organisation=buyer_org, role="buyer_pp").user
    access.require_buyer_for(user, buyer_org.pk)
