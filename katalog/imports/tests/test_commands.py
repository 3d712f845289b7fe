import json
from io import StringIO

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from katalog.catalog.models import Product
from katalog.vendors.models import Vendor

from .sheets import product_row, products_csv, vendor_row, vendors_csv

pytestmark = pytest.mark.django_db


def run(command: str, *args):
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def vendors_file(tmp_path):
    path = tmp_path / "vendors.csv"
    path.write_bytes(vendors_csv(vendor_row(1), vendor_row(2)))
    return path


def test_import_vendors_prints_a_summary(vendors_file):
    out, err = run("import-vendors", str(vendors_file), "--verified")

    assert out.strip() == "created 2, updated 0, unchanged 0"
    assert err == ""
    assert set(Vendor.objects.values_list("status", flat=True)) == {"verified"}

    out, _err = run("import-vendors", str(vendors_file))
    assert out.strip() == "created 0, updated 0, unchanged 2"


def test_import_vendors_fails_and_writes_nothing_when_a_row_is_invalid(tmp_path):
    path = tmp_path / "vendors.csv"
    path.write_bytes(vendors_csv(vendor_row(1), vendor_row(2, npwp="12345"), vendor_row(3, scale="")))
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 2 row") as error:
        call_command("import-vendors", str(path), stdout=out, stderr=err)

    assert error.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "row 3, column npwp: NPWP must have 15 or 16 digits (found '12345').",
        "row 4, column scale: Business scale '' is not one of mikro, kecil, menengah, besar.",
    ]
    assert "nothing written" in out.getvalue()
    assert Vendor.objects.count() == 0


def test_import_vendors_with_skip_invalid_writes_valid_rows_and_succeeds(tmp_path):
    path = tmp_path / "vendors.csv"
    path.write_bytes(vendors_csv(vendor_row(1), vendor_row(2, npwp="12345")))

    out, err = run("import-vendors", str(path), "--skip-invalid")

    assert out.strip() == "created 1, updated 0, unchanged 0, skipped 1 row(s) with errors"
    assert err.strip() == "row 3, column npwp: NPWP must have 15 or 16 digits (found '12345')."
    assert Vendor.objects.count() == 1


def test_skip_invalid_still_fails_when_every_row_is_invalid(tmp_path):
    path = tmp_path / "vendors.csv"
    path.write_bytes(vendors_csv(vendor_row(1, npwp="1"), vendor_row(2, npwp="2")))

    with pytest.raises(CommandError, match="every row has errors"):
        run("import-vendors", str(path), "--skip-invalid")


def test_import_products_fails_on_an_unreadable_or_incomplete_file(tmp_path):
    with pytest.raises(CommandError, match="could not be opened"):
        run("import-products", str(tmp_path / "missing.csv"))
    path = tmp_path / "products.csv"
    path.write_text("sku,name\nA,B\n")
    with pytest.raises(CommandError, match="lacks the column") as error:
        run("import-products", str(path))
    assert error.value.returncode == 1


def test_import_products_takes_the_options_and_can_answer_in_json(vendors_file, tmp_path):
    run("import-vendors", str(vendors_file))
    path = tmp_path / "products.csv"
    path.write_bytes(products_csv(product_row("TPS-1", category="Gerabah"), product_row("TPS-2", price="x")))

    out, err = run("import-products", str(path), "--approve", "--create-categories", "--skip-invalid",
                   "--format", "json")

    report = json.loads(out)
    assert (report["kind"], report["created"], report["skipped"], report["written"]) == ("products", 1, 1, True)
    assert report["errors"] == [{"row": 3, "column": "price", "message": "The price 'x' is not a number."}]
    assert err == ""
    assert Product.objects.get(sku="TPS-1").status == "approved"


def test_json_format_reports_a_file_error(tmp_path):
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("import-products", str(tmp_path / "none.csv"), "--format", "json", stdout=out)

    data = json.loads(out.getvalue())
    assert (data["kind"], data["written"]) == ("products", False)
    assert "could not be opened" in data["error"]


@pytest.mark.parametrize("name", ["import-vendors", "import-products"])
def test_the_help_explains_the_exit_status(name):
    command = load_command_class("katalog.imports", name)

    text = command.create_parser("katalog", name).format_help()

    assert "Exit status 0" in text and "Exit status 1" in text and "--skip-invalid" in text
