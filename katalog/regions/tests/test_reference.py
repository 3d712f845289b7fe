import pytest

from katalog.regions.models import Region
from katalog.regions.reference import load_regions
from katalog.regions.selectors import region_by_code, region_is_home


@pytest.mark.django_db
def test_lampung_has_its_fifteen_regencies_with_both_codes():
    lampung = Region.objects.get(code="18")
    regencies = {r.code: r.bps_code for r in lampung.children.all()}
    assert len(regencies) == 15
    assert regencies["18.01"] == "1803"  # Kemendagri and BPS differ for 18.01-18.08
    assert regencies["18.71"] == "1871"


@pytest.mark.django_db
def test_every_province_is_known_so_outside_vendors_can_be_recorded():
    assert Region.objects.filter(level="province").count() == 38
    assert Region.objects.get(code="31").name == "DKI Jakarta"


@pytest.mark.django_db
def test_loading_the_reference_twice_duplicates_nothing():
    before = Region.objects.count()
    load_regions(Region)
    assert Region.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("raw", "name"), [("18.71", "Kota Bandar Lampung"), (" 1872 ", "Kota Metro"), ("18", "Lampung")])
def test_finds_regions_by_dotted_or_undotted_kemendagri_code(raw, name):
    assert region_by_code(raw).name == name


@pytest.mark.django_db
def test_unknown_codes_find_nothing():
    assert region_by_code("18.99") is None


@pytest.mark.django_db
def test_home_province_covers_its_regencies_only():
    assert region_is_home(Region.objects.get(code="18.09"))
    assert region_is_home(Region.objects.get(code="18"))
    assert not region_is_home(Region.objects.get(code="31.71"))
    assert not region_is_home(None)
