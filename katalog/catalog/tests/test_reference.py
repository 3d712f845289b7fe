import pytest

from katalog.catalog.models import Category
from katalog.catalog.reference import load_categories

PROMOTED = [
    "Kain & Tapis", "Souvenir & Kerajinan", "Seminar Kit & Perlengkapan Acara", "Makanan & Minuman Olahan",
    "Kopi & Hasil Perkebunan", "Alat & Mesin Pertanian", "Pakaian Dinas & Seragam", "Furnitur & Sarana Kantor",
    "Alat Tulis Kantor", "Percetakan & Publikasi", "Bahan Bangunan", "Komputer & Elektronik", "Jasa",
]


@pytest.mark.django_db
def test_the_tree_covers_the_categories_the_province_promotes():
    top = set(Category.objects.filter(level=1).values_list("name", flat=True))
    assert set(PROMOTED) <= top
    services = set(Category.objects.get(name="Jasa").children.values_list("name", flat=True))
    assert {"Jasa Kebersihan", "Jasa Keamanan", "Jasa Katering", "Sewa Tenda & Dekorasi"} <= services


@pytest.mark.django_db
def test_the_tree_has_three_levels_and_levels_match_parents():
    assert Category.objects.filter(level=3).exists()
    for category in Category.objects.select_related("parent"):
        expected = 1 if category.parent is None else category.parent.level + 1
        assert category.level == expected, category


@pytest.mark.django_db
def test_machinery_names_the_kbli_codes_that_fit():
    assert "28" in Category.objects.get(name="Traktor Roda Dua").kbli_codes


@pytest.mark.django_db
def test_loading_again_keeps_curators_edits():
    category = Category.objects.get(name="Pompa Air")
    category.kbli_codes = ["28130"]
    category.save()
    assert load_categories(Category) == 0
    category.refresh_from_db()
    assert category.kbli_codes == ["28130"]
