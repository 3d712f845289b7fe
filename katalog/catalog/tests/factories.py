from decimal import Decimal

import factory
from django.utils import timezone

from katalog.catalog.models import Category, Product
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:06d}")
    name = factory.Sequence(lambda n: f"Kain Tapis Motif Kapal {n}")
    description = "Kain tapis tenun tangan dengan benang emas."
    category = factory.LazyFunction(lambda: Category.objects.get(name="Tapis Lembaran"))
    unit = "lembar"
    price_idr = 1_500_000
    min_order = 1
    capacity_per_month = 50
    origin_region = factory.LazyFunction(lambda: Region.objects.get(code="18.71"))
    tkdn_pct = Decimal("45.00")
    bmp_pct = Decimal("5.00")
    certifications = factory.LazyFunction(lambda: ["TKDN"])
    status = "approved"
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)
    approved_at = factory.LazyAttribute(lambda p: timezone.now() if p.status == "approved" else None)


def tkdn_certificate(vendor, **overrides):
    """A TKDN certificate of `vendor` (valid for years unless told otherwise)."""
    import datetime as dt

    from katalog.vendors.models import DocumentKind
    from katalog.vendors.tests.factories import VendorDocumentFactory

    values = {
        "vendor": vendor,
        "kind": DocumentKind.TKDN,
        "issuer": "Kementerian Perindustrian",
        "tkdn_pct": Decimal("42.50"),
        "bmp_pct": Decimal("5.00"),
        "tkdn_scheme": "assessed",
        "valid_until": timezone.localdate() + dt.timedelta(days=1000),
    }
    values.update(overrides)
    return VendorDocumentFactory(**values)


def png_upload(name: str = "foto.png", size: tuple[int, int] = (8, 6)):
    """A real, tiny PNG file as a browser would upload it."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 79)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
