import datetime as dt

import factory
from django.utils import timezone

from katalog.accounts.tests.factories import VendorOrganisationFactory
from katalog.regions.models import Region
from katalog.vendors.models import DocumentKind, Vendor, VendorDocument


def valid_nib(n: int) -> str:
    return f"{9120000000000 + n:013d}"


def valid_npwp(n: int) -> str:
    """A 16-digit NPWP (0 + legacy 15 digits) whose Luhn check digit is right."""
    from stdnum import luhn

    body = f"01{n % 1000000:06d}"  # type code + taxpayer number, 8 digits
    first9 = body + luhn.calc_check_digit(body)
    return "0" + first9 + "325000"


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    organisation = factory.SubFactory(VendorOrganisationFactory, name=factory.SelfAttribute("..name"))
    code = factory.Sequence(lambda n: f"VT{n:05d}")
    name = factory.Sequence(lambda n: f"UMKM Tapis Sejahtera {n}")
    nib = factory.Sequence(valid_nib)
    npwp = factory.Sequence(valid_npwp)
    scale = "mikro"
    region = factory.LazyFunction(lambda: Region.objects.get(code="18.71"))
    address = "Jl. Contoh No. 1"
    kbli = factory.LazyFunction(lambda: ["13921", "32909"])
    contact_name = "Siti"
    contact_phone = "081234567890"
    status = "verified"
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)
    verified_at = factory.LazyAttribute(lambda v: timezone.now() if v.status == "verified" else None)


class VendorDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VendorDocument

    vendor = factory.SubFactory(VendorFactory)
    kind = DocumentKind.HALAL
    number = factory.Sequence(lambda n: f"ID{n:08d}")
    issuer = "BPJPH"
    issued_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=900))
    uploaded_at = factory.LazyFunction(timezone.now)
