import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from katalog.core.errors import ValidationFailed
from katalog.core.uploads import IMAGE_TYPES, check_upload


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.mark.parametrize(("content", "expected"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")])
def test_accepts_pdf_png_and_jpeg_by_their_content(content, expected):
    assert check_upload(SimpleUploadedFile("whatever.bin", content)) == expected


def test_refuses_a_text_file_named_like_a_pdf():
    with pytest.raises(ValidationFailed, match="PDF, JPG, PNG"):
        check_upload(SimpleUploadedFile("sertifikat.pdf", b"just some text, not a pdf"))


def test_refuses_a_pdf_where_only_images_are_allowed():
    with pytest.raises(ValidationFailed, match="JPG, PNG"):
        check_upload(SimpleUploadedFile("foto.png", PDF), allowed=IMAGE_TYPES)


def test_refuses_a_file_above_the_size_limit(settings):
    settings.KATALOG = {**settings.KATALOG, "UPLOAD_MAX_BYTES": 1024}
    with pytest.raises(ValidationFailed, match="at most"):
        check_upload(SimpleUploadedFile("big.pdf", PDF + b"x" * 2000))


def test_refuses_an_empty_file():
    with pytest.raises(ValidationFailed, match="empty"):
        check_upload(SimpleUploadedFile("empty.pdf", b""))
