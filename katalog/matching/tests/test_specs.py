"""Reading needs from CSV and XLSX files: all or nothing, every bad cell reported by row and column."""

import datetime as dt
import io

import pytest

from katalog.core.errors import ValidationFailed
from katalog.matching.specs import NEED_COLUMNS, NeedRowsInvalid, NeedSpec, read_needs

pytestmark = pytest.mark.django_db

HEADER = ",".join(NEED_COLUMNS)
GOOD = (
    'N-1,Biro Umum,opd_provinsi,Kain tapis untuk tamu,"Motif siger, benang emas",Tapis Lembaran,40,lembar,'
    '"Rp 120.000.000",1871,2025-09-30'
)
SECOND = "N-2,Dinas Pertanian,opd_kabkota,Hand tractor,,,12,unit,,18.02,"


def csv_file(*rows):
    return "\n".join([HEADER, *rows]).encode()


def test_reads_every_column_of_a_csv_file():
    needs = read_needs(csv_file(GOOD, SECOND), "needs.csv")

    assert needs == [
        NeedSpec(ref="N-1", buyer="Biro Umum", buyer_type="opd_provinsi", title="Kain tapis untuk tamu",
                 description="Motif siger, benang emas", category="Tapis Lembaran", quantity=40, unit="lembar",
                 budget_idr=120_000_000, regency_code="18.71", needed_by=dt.date(2025, 9, 30)),
        NeedSpec(ref="N-2", buyer="Dinas Pertanian", buyer_type="opd_kabkota", title="Hand tractor", quantity=12,
                 unit="unit", regency_code="18.02"),
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("31/07/2025", dt.date(2025, 7, 31)), ("31-07-2025", dt.date(2025, 7, 31)),
     ("31 Juli 2025", dt.date(2025, 7, 31)), ("2025-07-31 00:00:00", dt.date(2025, 7, 31))],
)
def test_reads_the_date_as_people_write_it(raw, expected):
    row = f"N-1,,,Kopi bubuk,,,1,,,,{raw}"
    assert read_needs(csv_file(row), "needs.csv")[0].needed_by == expected


@pytest.mark.parametrize(("raw", "expected"), [("1.500.000", 1_500_000), ('"1,500,000"', 1_500_000),
                                               ("1500000.00", 1_500_000), ("Rp1.500.000", 1_500_000), ("", None)])
def test_reads_the_budget_as_people_write_it(raw, expected):
    row = f"N-1,,,Kopi bubuk,,,1,,{raw},,"
    assert read_needs(csv_file(row), "needs.csv")[0].budget_idr == expected


def test_reads_an_xlsx_file():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(NEED_COLUMNS)
    sheet.append(["N-1", "Biro Umum", "opd_provinsi", "Kopi bubuk", "", "kopi-bubuk", 200, "bungkus", 20000000,
                  "18.71", dt.date(2025, 8, 1)])
    buffer = io.BytesIO()
    workbook.save(buffer)

    [need] = read_needs(buffer.getvalue(), "needs.xlsx")

    assert (need.quantity, need.budget_idr, need.needed_by, need.category) == (200, 20_000_000, dt.date(2025, 8, 1),
                                                                               "kopi-bubuk")


def test_reports_every_bad_cell_of_every_row_and_returns_nothing():
    bad = [
        "N-3,,,Kopi bubuk,,,1,,sejuta,99.99,2025-02-30",  # budget, regency, date
        ",,,,,,0,,,18,",  # ref, title, quantity, a province code
        "N-5,,menteri,Kopi,,Tidak Ada,1,,,,",  # buyer type, category
    ]
    with pytest.raises(NeedRowsInvalid) as caught:
        read_needs(csv_file(GOOD, *bad, SECOND), "needs.csv")

    errors = {(e.row, e.column) for e in caught.value.rows}
    assert errors == {
        (3, "budget"), (3, "regency_code"), (3, "needed_by"),
        (4, "ref"), (4, "title"), (4, "quantity"), (4, "regency_code"),
        (5, "buyer_type"), (5, "category"),
    }
    assert isinstance(caught.value, ValidationFailed)
    assert set(caught.value.field_errors) == {c for _row, c in errors}


def test_refuses_a_reference_used_twice_for_the_same_buyer():
    with pytest.raises(NeedRowsInvalid) as caught:
        read_needs(csv_file(GOOD, GOOD.replace("Kain tapis", "Songket")), "needs.csv")
    assert [(e.row, e.column) for e in caught.value.rows] == [(3, "ref")]


def test_refuses_a_file_without_the_columns():
    with pytest.raises(ValidationFailed) as caught:
        read_needs(b"ref,title\nN-1,Kopi\n", "needs.csv")
    assert not isinstance(caught.value, NeedRowsInvalid)
    assert "budget" in caught.value.message
