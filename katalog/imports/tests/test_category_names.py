"""Spreadsheets name categories the way people write them: other joiners, old etalase names, abbreviations."""

import pytest

from katalog.imports.categories import CategoryResolver

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("Kain & Tapis", "Kain & Tapis"),
        ("Kain dan Tapis", "Kain & Tapis"),
        ("kain-tapis", "Kain & Tapis"),  # the slug
        ("Kain Tapis", "Kain & Tapis > Kain Tapis"),
        ("alat/mesin pertanian", "Alat & Mesin Pertanian"),
        ("sewa tenda/dekorasi", "Jasa > Sewa Tenda & Dekorasi"),
        ("ATK", "Alat Tulis Kantor"),
        ("Obat hewan", "Pertanian & Peternakan > Obat & Peralatan Kesehatan Hewan"),
        ("makanan-minuman", "Makanan & Minuman Olahan"),
        ("beton ready-mix", "Bahan Bangunan > Semen & Beton > Beton Ready-mix"),
        ("  TRAKTOR   roda dua ", "Alat & Mesin Pertanian > Alat Pengolah Tanah > Traktor Roda Dua"),
    ],
)
def test_finds_the_category_however_the_spreadsheet_writes_it(written, path):
    resolver = CategoryResolver.load()
    assert resolver.path_of(resolver.resolve(written, row=2)) == path


def test_an_unknown_name_is_still_refused():
    from katalog.imports.cells import CellError

    with pytest.raises(CellError, match="not known"):
        CategoryResolver.load().resolve("Kapal Selam", row=2)
