import pytest

from katalog.catalog.models import Category
from katalog.imports.categories import CategoryResolver, PlannedCategory, category_id
from katalog.imports.cells import CellError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "expected_path"),
    [
        ("Tapis Lembaran", "Kain & Tapis > Kain Tapis > Tapis Lembaran"),  # level 3 by name
        ("kain tapis", "Kain & Tapis > Kain Tapis"),  # level 2, any case
        ("KAIN & TAPIS", "Kain & Tapis"),  # level 1
        ("Kain & Tapis > Kain Tapis > Tapis Lembaran", "Kain & Tapis > Kain Tapis > Tapis Lembaran"),
        ("Kain Tapis>Tapis Lembaran", "Kain & Tapis > Kain Tapis > Tapis Lembaran"),  # the end of a path
        ("tapis-lembaran", "Kain & Tapis > Kain Tapis > Tapis Lembaran"),  # slug
        ("  Kopi   Bubuk ", "Kopi & Hasil Perkebunan > Kopi > Kopi Bubuk"),
    ],
)
def test_finds_a_category_by_name_at_any_level_path_or_slug(written, expected_path):
    resolver = CategoryResolver.load()

    found = resolver.resolve(written, row=2)

    assert resolver.path_of(found) == expected_path


def test_refuses_a_name_shared_by_two_categories_and_lists_them():
    kopi = Category.objects.get(name="Kopi")
    Category.objects.create(name="Kopi Bubuk", slug="kopi-bubuk-oleh-oleh", parent=Category.objects.get(
        name="Souvenir"), level=3)
    resolver = CategoryResolver.load()

    with pytest.raises(CellError) as error:
        resolver.resolve("Kopi Bubuk", row=2)

    assert "matches several categories" in str(error.value)
    assert "Kopi & Hasil Perkebunan > Kopi > Kopi Bubuk" in str(error.value)
    assert "Souvenir & Kerajinan > Souvenir > Kopi Bubuk" in str(error.value)
    assert resolver.resolve("Kopi > Kopi Bubuk", row=2).parent_id == kopi.pk  # a path disambiguates


def test_refuses_an_unknown_category_unless_creating_is_allowed():
    with pytest.raises(CellError, match="not known"):
        CategoryResolver.load().resolve("Gerabah", row=2)

    planned = CategoryResolver.load(create_missing=True).resolve("Gerabah", row=2)

    assert isinstance(planned, PlannedCategory)
    assert (planned.level, planned.parent, planned.path) == (1, None, "Gerabah")


def test_plans_a_new_category_under_the_parent_its_path_names_and_creates_it_once():
    resolver = CategoryResolver.load(create_missing=True)
    first = resolver.resolve("Souvenir > Gerabah Hias", row=2)
    again = resolver.resolve("Gerabah Hias", row=3)

    created = resolver.create_planned([first, again])

    assert first is again
    assert len(created) == 1
    category = Category.objects.get(pk=category_id(first))
    assert (category.name, category.level, category.parent.name) == ("Gerabah Hias", 3, "Souvenir")
    assert category.kbli_codes == Category.objects.get(name="Souvenir").kbli_codes


def test_creates_a_missing_parent_and_child_from_a_full_new_path():
    resolver = CategoryResolver.load(create_missing=True)
    leaf = resolver.resolve("Gerabah > Gerabah Hias", row=2)

    resolver.create_planned([leaf])

    child = Category.objects.get(name="Gerabah Hias")
    assert (child.level, child.parent.name, child.parent.level) == (2, "Gerabah", 1)


def test_refuses_to_create_a_fourth_level():
    resolver = CategoryResolver.load(create_missing=True)

    with pytest.raises(CellError, match="at most 3 levels"):
        resolver.resolve("Kain Tapis > Tapis Lembaran > Tapis Mini", row=2)


def test_refuses_a_closed_category():
    Category.objects.filter(name="Tapis Lembaran").update(is_active=False)

    with pytest.raises(CellError, match="closed"):
        CategoryResolver.load().resolve("Tapis Lembaran", row=2)
