import datetime as dt

import factory
from django.utils import timezone

from katalog.accounts.tests.factories import VendorOrganisationFactory
from katalog.regions.models import Region
from katalog.vendors.models import DocumentKind, Vendor, VendorDocument

# A fixed moment for tests: Monday 2 June 2025, 17:00 in Jakarta.
NOW = dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC)


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


def npwp_with_wrong_check_digit(n: int) -> str:
    """A 16-digit NPWP whose check digit (the 10th digit) is off by one."""
    npwp = valid_npwp(n)
    return npwp[:9] + str((int(npwp[9]) + 1) % 10) + npwp[10:]


# ---- uploads ----

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf_upload(name: str = "sertifikat.pdf", *, size: int | None = None):
    """An uploaded file whose content really is a PDF (optionally padded to `size` bytes)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = PDF_BYTES if size is None else PDF_BYTES + b"0" * max(size - len(PDF_BYTES), 0)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def text_upload(name: str = "sertifikat.pdf"):
    """Plain text pretending to be a PDF by its name and claimed type."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"just some text, not a PDF at all", content_type="application/pdf")


def business_data(n: int = 1, **overrides) -> dict:
    """Valid business fields for `vendor_register` (region: Kota Metro)."""
    data = {
        "name": f"UMKM Keripik Pisang {n}",
        "nib": valid_nib(500 + n),
        "npwp": valid_npwp(500 + n),
        "scale": "mikro",
        "region": Region.objects.get(code="18.72"),
        "address": "Jl. Jenderal Sudirman No. 5, Metro",
        "kbli": "10792; 13921",
        "contact_name": "Ani",
        "contact_phone": "081234567890",
        "contact_email": "ani@example.id",
        "description": "Keripik pisang khas Lampung.",
    }
    data.update(overrides)
    return data
