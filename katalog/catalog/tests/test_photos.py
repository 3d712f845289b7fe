import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from katalog.audit.models import AuditEvent
from katalog.catalog import services
from katalog.catalog.models import ProductPhoto
from katalog.catalog.tests.factories import png_upload
from katalog.core.errors import PermissionDeniedError, ValidationFailed


def test_adds_photos_in_order(approved_product, vendor_owner, now):
    first = services.product_photo_add(actor=vendor_owner, product=approved_product, file=png_upload(), now=now)
    second = services.product_photo_add(actor=vendor_owner, product=approved_product, file=png_upload(), now=now)

    assert (first.position, second.position) == (0, 1)
    assert first.image.name.startswith("product-photos/") and first.image.name.endswith(".png")
    assert first.image.storage.exists(first.image.name)
    assert AuditEvent.objects.filter(event_type="catalog.product.photo_added", actor=vendor_owner).count() == 2


def test_a_photo_does_not_send_a_listed_product_back_to_curation(approved_product, vendor_owner, now):
    services.product_photo_add(actor=vendor_owner, product=approved_product, file=png_upload(), now=now)

    approved_product.refresh_from_db()
    assert approved_product.status == "approved"


def test_refuses_a_file_that_is_not_an_image(approved_product, vendor_owner, now):
    fake = SimpleUploadedFile("foto.png", b"%PDF-1.4 not a photo", content_type="image/png")

    with pytest.raises(ValidationFailed):
        services.product_photo_add(actor=vendor_owner, product=approved_product, file=fake, now=now)

    assert not ProductPhoto.objects.exists()


def test_refuses_a_broken_image_with_a_png_signature(approved_product, vendor_owner, now):
    broken = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, content_type="image/png")

    with pytest.raises(ValidationFailed):
        services.product_photo_add(actor=vendor_owner, product=approved_product, file=broken, now=now)


def test_refuses_more_photos_than_allowed(approved_product, vendor_owner, now, settings):
    settings.KATALOG = {**settings.KATALOG, "PRODUCT_PHOTOS_MAX": 2}
    for _ in range(2):
        services.product_photo_add(actor=vendor_owner, product=approved_product, file=png_upload(), now=now)

    with pytest.raises(ValidationFailed) as exc:
        services.product_photo_add(actor=vendor_owner, product=approved_product, file=png_upload(), now=now)

    assert "at most 2" in exc.value.message
    assert ProductPhoto.objects.count() == 2


def test_another_vendor_cannot_add_or_delete_photos(approved_product, vendor_owner, other_vendor_owner, now):
    photo = services.product_photo_add(actor=vendor_owner, product=approved_product, file=png_upload(), now=now)

    with pytest.raises(PermissionDeniedError):
        services.product_photo_add(actor=other_vendor_owner, product=approved_product, file=png_upload(), now=now)
    with pytest.raises(PermissionDeniedError):
        services.product_photo_delete(actor=other_vendor_owner, photo=photo, now=now)

    assert ProductPhoto.objects.count() == 1


def test_deletes_a_photo_and_its_file(approved_product, vendor_owner, now, django_capture_on_commit_callbacks):
    photo = services.product_photo_add(actor=vendor_owner, product=approved_product, file=png_upload(), now=now)
    name, storage = photo.image.name, photo.image.storage

    with django_capture_on_commit_callbacks(execute=True):
        services.product_photo_delete(actor=vendor_owner, photo=photo, now=now)

    assert not ProductPhoto.objects.exists()
    assert not storage.exists(name)
    assert AuditEvent.objects.filter(event_type="catalog.product.photo_deleted").exists()
