"""`katalog match FILE`: needs from a file ranked against the catalogue, printed as text or JSON."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.matching.models import Need
from katalog.matching.specs import NEED_COLUMNS
from katalog.search.indexing import reindex_all
from katalog.vendors.tests.factories import VendorFactory

pytestmark = pytest.mark.django_db

ROWS = [
    "N-1,Biro Umum,opd_provinsi,Kain tapis motif kapal,,,10,lembar,20.000.000,18.71,",
    "N-2,Biro Umum,opd_provinsi,Traktor roda dua,,Traktor Roda Dua,2,unit,,18.72,",
    "N-3,Biro Umum,opd_provinsi,Kemplang panggang,,,5,bungkus,,18.72,",
]


@pytest.fixture
def catalogue():
    seller = VendorFactory(name="CV Maju Bersama")
    tapis = [ProductFactory(vendor=seller, name="Kain Tapis Motif Kapal", description="") for _ in range(3)]
    tractor = ProductFactory(vendor=seller, name="Traktor Roda Dua 8 HP", description="",
                             category=Category.objects.get(name="Traktor Roda Dua"), price_idr=25_000_000)
    reindex_all()
    return {"tapis": tapis, "tractor": tractor, "vendor": seller}


@pytest.fixture
def needs_file(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("\n".join([",".join(NEED_COLUMNS), *ROWS]), encoding="utf-8")
    return path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("match", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_prints_the_matches_of_every_need_as_json(catalogue, needs_file):
    out, _err = run(str(needs_file), "--json", "--top", "2")

    data = json.loads(out)
    assert [row["ref"] for row in data] == ["N-1", "N-2", "N-3"]
    assert len(data[0]["matches"]) == 2
    assert {m["sku"] for m in data[0]["matches"]} <= {p.sku for p in catalogue["tapis"]}
    assert [m["sku"] for m in data[1]["matches"]] == [catalogue["tractor"].sku]
    assert data[2]["matches"] == []
    first = data[0]["matches"][0]
    assert set(first) == {"sku", "vendor_code", "score", "fits", "reasons"}
    assert first["vendor_code"] == catalogue["vendor"].code
    assert isinstance(first["score"], float) and first["reasons"] and all(isinstance(r, str) for r in first["reasons"])


def test_prints_a_line_per_match_without_json(catalogue, needs_file):
    out, _err = run(str(needs_file), "--top", "1")

    assert catalogue["tractor"].sku in out and "N-3" in out
    assert not Need.objects.exists()


def test_refuses_a_file_with_bad_rows_listing_each(catalogue, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([",".join(NEED_COLUMNS), ROWS[0], "N-9,,,Kopi,,,dua,,abc,18.71,"]), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("match", str(path), "--json", stdout=io.StringIO(), stderr=err)

    assert caught.value.returncode == 1
    lines = err.getvalue().splitlines()
    assert len(lines) == 2 and all("3" in line for line in lines)


def test_save_needs_the_user_who_imports(catalogue, needs_file):
    with pytest.raises(CommandError) as caught:
        run(str(needs_file), "--save")
    assert caught.value.returncode == 2
    assert not Need.objects.exists()


def test_saves_the_needs_as_a_curator(catalogue, needs_file, curator):
    out, err = run(str(needs_file), "--json", "--save", "--user", curator.username)

    assert len(json.loads(out)) == 3
    assert sorted(Need.objects.values_list("ref", flat=True)) == ["N-1", "N-2", "N-3"]
    assert "3" in err
