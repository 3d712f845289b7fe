import datetime as dt

import pytest

from katalog.accounts.models import Organisation
from katalog.audit.models import AuditEvent
from katalog.core.errors import ValidationFailed
from katalog.core.tabular import RowError
from katalog.imports.vendors import VENDOR_COLUMNS, import_vendors
from katalog.vendors.models import Vendor
from katalog.vendors.tests.factories import VendorFactory

from .sheets import csv_bytes, nib, npwp, vendor_row, vendors_csv, xlsx_bytes

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 1, 2, 0, tzinfo=dt.UTC)  # 09:00 in Lampung


def good_rows():
    return [
        vendor_row(1),
        vendor_row(2, name="PT Mesin Tani", regency_code="3171", scale="Menengah", kbli="28210; 46530",
                   npwp="01.312.166.0-091.000"),
        vendor_row(3, regency_code="31", scale="besar", kbli=""),
    ]


@pytest.mark.parametrize("make_file", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_imports_new_vendors_waiting_for_verification(make_file):
    report = import_vendors(make_file(VENDOR_COLUMNS, good_rows()), filename="vendors", now=NOW)

    assert (report.created, report.updated, report.unchanged, report.written) == (3, 0, 0, True)
    assert report.errors == []
    mesin = Vendor.objects.select_related("region", "organisation").get(code="IMP-002")
    assert mesin.name == mesin.organisation.name == "PT Mesin Tani"
    assert mesin.organisation.kind == Organisation.Kind.VENDOR
    assert mesin.region.code == mesin.organisation.region.code == "31.71"
    assert mesin.scale == "menengah"
    assert mesin.npwp == "0013121660091000"  # legacy 15 digits stored as 16
    assert mesin.kbli == ["28210", "46530"]
    assert (mesin.status, mesin.submitted_at, mesin.verified_at) == ("submitted", NOW, None)
    assert Vendor.objects.get(code="IMP-003").region.code == "31"  # a province code for an outside vendor
    assert Vendor.objects.get(code="IMP-003").kbli == []


def test_marks_imported_vendors_verified_when_asked():
    import_vendors(vendors_csv(*good_rows()), verified=True, now=NOW)

    assert set(Vendor.objects.values_list("status", flat=True)) == {"verified"}
    assert Vendor.objects.get(code="IMP-001").verified_at == NOW


def test_writes_nothing_when_a_row_is_invalid_and_lists_every_error():
    rows = good_rows() + [
        vendor_row(4, npwp="12345", scale="raksasa"),
        vendor_row(5, vendor_code="", name="", regency_code="99.99", nib="123", kbli="139"),
    ]

    report = import_vendors(vendors_csv(*rows))

    assert report.written is False
    assert Vendor.objects.count() == 0 and Organisation.objects.count() == 0
    assert report.skipped == 2
    assert [(e.row, e.column) for e in report.errors] == [
        (5, "scale"), (5, "npwp"),
        (6, "vendor_code"), (6, "name"), (6, "regency_code"), (6, "nib"), (6, "kbli"),
    ]
    assert report.errors[1] == RowError(5, "npwp", "NPWP must have 15 or 16 digits (found '12345').")
    assert "99.99" in report.errors[4].message and "not known" in report.errors[4].message
    assert str(report.errors[1]) == "row 5, column npwp: NPWP must have 15 or 16 digits (found '12345')."


def test_writes_the_valid_rows_and_reports_the_others_when_skipping_invalid():
    rows = good_rows() + [vendor_row(4, npwp="12345")]

    report = import_vendors(vendors_csv(*rows), skip_invalid=True)

    assert (report.created, report.skipped, report.written) == (3, 1, True)
    assert report.errors == [RowError(5, "npwp", "NPWP must have 15 or 16 digits (found '12345').")]
    assert sorted(Vendor.objects.values_list("code", flat=True)) == ["IMP-001", "IMP-002", "IMP-003"]


def test_updates_vendors_by_code_on_reimport_and_counts_unchanged_rows():
    import_vendors(vendors_csv(*good_rows()), now=NOW)
    rows = good_rows()
    rows[0] = vendor_row(1, name="UMKM Impor Satu Baru", regency_code="18.72")

    report = import_vendors(vendors_csv(*rows), now=NOW + dt.timedelta(days=1))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Vendor.objects.count() == 3
    renamed = Vendor.objects.select_related("organisation__region").get(code="IMP-001")
    assert renamed.name == renamed.organisation.name == "UMKM Impor Satu Baru"
    assert renamed.organisation.region.code == "18.72"
    assert renamed.status == "submitted" and renamed.updated_at == NOW + dt.timedelta(days=1)
    event = AuditEvent.objects.get(event_type="vendors.vendor.updated")
    assert event.changes == {
        "old": {"name": "UMKM Impor 1", "region": "18.71"},
        "new": {"name": "UMKM Impor Satu Baru", "region": "18.72"},
    }
    assert event.actor_name == "import" and event.organisation_id == renamed.organisation_id


def test_keeps_the_status_of_an_existing_vendor_unless_verifying_promotes_it():
    returned = VendorFactory(code="IMP-001", status="returned", nib=nib(1), npwp=npwp(1),
                             name="UMKM Impor 1", kbli=["13921"])
    kept = import_vendors(vendors_csv(vendor_row(1)))
    assert (kept.updated, kept.unchanged) == (0, 1)

    promoted = import_vendors(vendors_csv(vendor_row(1)), verified=True, now=NOW)

    returned.refresh_from_db()
    assert promoted.updated == 1
    assert (returned.status, returned.verified_at) == ("verified", NOW)
    assert AuditEvent.objects.filter(event_type="vendors.vendor.verified", target_id=str(returned.pk)).exists()


def test_refuses_a_nib_registered_to_another_vendor_in_the_database_or_the_file():
    VendorFactory(code="LAMA-01", nib=nib(1))
    rows = [vendor_row(1), vendor_row(2), vendor_row(3, nib=nib(2))]

    report = import_vendors(vendors_csv(*rows))

    assert report.errors == [
        RowError(2, "nib", f"NIB {nib(1)} is already registered to vendor LAMA-01."),
        RowError(4, "nib", f"NIB {nib(2)} is already used by vendor IMP-002 on row 3."),
    ]


def test_refuses_the_same_vendor_code_twice_in_a_file():
    report = import_vendors(vendors_csv(vendor_row(1), vendor_row(2, vendor_code="IMP-001")))

    assert report.errors == [RowError(3, "vendor_code", "Vendor code IMP-001 appears twice: it is already on row 2.")]
    assert Vendor.objects.count() == 0


def test_writes_an_audit_event_per_new_vendor_named_import_without_an_actor(curator):
    import_vendors(vendors_csv(vendor_row(1)), now=NOW)
    import_vendors(vendors_csv(vendor_row(2)), actor=curator, now=NOW)

    events = list(AuditEvent.objects.filter(event_type="vendors.vendor.imported").order_by("id"))
    assert [e.actor_name for e in events] == ["import", curator.name]
    assert events[1].actor == curator
    assert events[0].changes["new"]["code"] == "IMP-001"
    assert events[0].occurred_at == NOW


def test_refuses_a_file_without_a_required_column():
    with pytest.raises(ValidationFailed, match="lacks the column.*npwp"):
        import_vendors(csv_bytes(["vendor_code", "name", "regency_code", "scale", "nib", "kbli"], []))


def test_matches_column_names_in_any_case_and_ignores_extra_columns():
    columns = ["Vendor_Code", "NAME", "Regency Code", "scale", "nib", "npwp", "kbli", "catatan"]
    report = import_vendors(csv_bytes(columns, [vendor_row(1) + ["lihat berkas"]]))

    assert report.created == 1


def test_refuses_an_unreadable_file(tmp_path):
    with pytest.raises(ValidationFailed, match="could not be read"):
        import_vendors(b"PK\x03\x04 this is no spreadsheet", filename="vendors.xlsx")
    with pytest.raises(ValidationFailed, match="could not be opened"):
        import_vendors(tmp_path / "missing.csv")


def test_reads_an_xlsx_whose_codes_were_typed_as_numbers():
    row = [("IMP-001", "UMKM Angka", 18.1, "kecil", int(nib(1)), npwp(1), 13921)]

    report = import_vendors(xlsx_bytes(VENDOR_COLUMNS, row))

    assert report.errors == []
    vendor = Vendor.objects.select_related("region").get(code="IMP-001")
    assert (vendor.region.code, vendor.nib, vendor.kbli) == ("18.10", nib(1), ["13921"])
