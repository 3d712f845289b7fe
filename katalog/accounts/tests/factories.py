import factory

from katalog.accounts.models import Membership, Organisation, User
from katalog.regions.models import Region


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.id")
    password = factory.django.Password("rahasia-123")


class BuyerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Dinas Contoh {n} Provinsi Lampung")
    kind = Organisation.Kind.BUYER
    buyer_type = "opd_provinsi"
    region = factory.LazyFunction(lambda: Region.objects.get(code="18.71"))


class VendorOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"UD Contoh {n}")
    kind = Organisation.Kind.VENDOR
    buyer_type = ""


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(BuyerOrganisationFactory)
    role = Membership.Role.BUYER_PPK
