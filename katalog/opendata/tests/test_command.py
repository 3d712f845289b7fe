"""`katalog export-ocds --since DATE [--output FILE] [--base-url URL]`."""

import datetime as dt
import io
import json
import os

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from katalog.opendata import validation

from .builders import BASE_URL, local_product, realised_order

PREFIX = settings.KATALOG["OCDS_OCID_PREFIX"]
TITLE = "Kain tapis “Siger” – cendera mata"


@pytest.fixture
def orders(buyer, vendor, vendor_owner):
    """Paid in full on 31 May and on 1 June 2025 (the second with a title beyond ASCII)."""
    may = realised_order(buyer=buyer, vendor=vendor, vendor_user=vendor_owner, payments=[(3_000_000, dt.date(2025, 5, 31))])
    june = realised_order(buyer=buyer, vendor=vendor, vendor_user=vendor_owner, title=TITLE,
                          products=[local_product(vendor)], payments=[(3_000_000, dt.date(2025, 6, 1))])
    return {"may": may, "june": june}


def export(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("export-ocds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_writes_one_valid_package_to_standard_output(orders):
    out, _ = export("--since", "2025-05-01", "--base-url", BASE_URL)

    package = json.loads(out)
    assert [r["ocid"] for r in package["releases"]] == [
        f"{PREFIX}-order-{orders['may'].pk}", f"{PREFIX}-order-{orders['june'].pk}"]
    assert package["uri"] == f"{BASE_URL}/open-data/ocds/?since=2025-05-01"
    assert validation.package_problems(package, ocid_prefix=PREFIX) == []


def test_since_includes_that_day_and_leaves_out_earlier_ones(orders):
    out, _ = export("--since", "2025-06-01", "--base-url", BASE_URL)

    assert [r["ocid"] for r in json.loads(out)["releases"]] == [f"{PREFIX}-order-{orders['june'].pk}"]


def test_writes_utf8_json_to_a_file(orders, tmp_path):
    target = tmp_path / "ocds.json"

    out, _ = export("--since", "2025-06-01", "--base-url", BASE_URL, "--output", str(target))

    text = target.read_bytes().decode("utf-8")
    assert TITLE in text  # written as is, not as \u escapes
    assert [r["ocid"] for r in json.loads(text)["releases"]] == [f"{PREFIX}-order-{orders['june'].pk}"]
    assert "1 release(s)" in out
    assert [p.name for p in tmp_path.iterdir()] == ["ocds.json"]  # no temporary file left behind
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # readable as any new file, not private to its writer


def test_uses_the_site_url_without_base_url(orders, settings):
    settings.KATALOG = {**settings.KATALOG, "SITE_URL": "https://katalog.lampungprov.go.id"}

    package = json.loads(export("--since", "2025-06-01")[0])

    assert package["extensions"][0] == "https://katalog.lampungprov.go.id/open-data/ocds/extension/extension.json"


@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "01-06-2025", "20250601", "kemarin", ""])
def test_refuses_a_bad_date(db, value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        export("--since", value, "--base-url", BASE_URL)


def test_refuses_to_run_without_a_base_url(db, settings):
    settings.KATALOG = {**settings.KATALOG, "SITE_URL": ""}

    with pytest.raises(CommandError, match="--base-url"):
        export("--since", "2025-06-01")


def test_refuses_a_base_url_that_is_not_http(db):
    with pytest.raises(CommandError, match="--base-url"):
        export("--since", "2025-06-01", "--base-url", "katalog.example.go.id")


def test_refuses_an_output_folder_that_does_not_exist(db, tmp_path):
    with pytest.raises(CommandError, match="--output"):
        export("--since", "2025-06-01", "--base-url", BASE_URL, "--output", str(tmp_path / "no" / "ocds.json"))


def test_writes_no_package_when_nothing_was_published_since_the_date(orders, tmp_path):
    target = tmp_path / "nothing.json"

    out, err = export("--since", "2025-06-02", "--base-url", BASE_URL, "--output", str(target))

    assert out == ""
    assert "2025-06-02" in err
    assert not target.exists()
