"""read_table and the templates (katalog.core.tabular), as the imports use them."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from katalog.core.errors import ValidationFailed
from katalog.core.tabular import ImportReport, RowError, read_table, template_csv, template_xlsx


def test_numbers_rows_as_the_spreadsheet_shows_them_and_skips_blank_lines():
    table = read_table(b"sku,name\nA,Satu\n\n,\nB,Dua\n", required=["sku"])

    assert table.rows == [(2, {"sku": "A", "name": "Satu"}), (5, {"sku": "B", "name": "Dua"})]


def test_matches_headers_in_any_case_with_spaces_or_hyphens_and_a_byte_order_mark():
    table = read_table("\ufeffSKU ;Vendor Code;origin-regency-code\nA;V1;18.71\n".encode(), required=["sku"])

    assert table.header == ["sku", "vendor_code", "origin_regency_code"]
    assert table.rows[0][1] == {"sku": "A", "vendor_code": "V1", "origin_regency_code": "18.71"}


def test_picks_the_separator_from_the_header_even_when_values_hold_others():
    table = read_table(b"sku,certifications\nA,SNI;HALAL\nB,HKI\n", required=["certifications"])

    assert [values["certifications"] for _n, values in table.rows] == ["SNI;HALAL", "HKI"]


def test_reads_a_file_saved_in_windows_encoding():
    table = read_table("sku,name\nA,Kopi Caf\u00e9\n".encode("cp1252"), required=["sku"])

    assert table.rows[0][1]["name"] == "Kopi Caf\u00e9"


def test_reads_xlsx_percent_cells_as_the_sheet_shows_them_and_keeps_row_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["sku", "tkdn", "price"])
    sheet["A2"], sheet["B2"], sheet["C2"] = "A", 0.455, 1500000
    sheet["B2"].number_format = "0.0%"
    sheet["A5"], sheet["B5"], sheet["C5"] = "B", 40, 1500000.0
    buffer = io.BytesIO()
    workbook.save(buffer)

    table = read_table(buffer.getvalue(), required=["sku"])

    assert table.rows == [(2, {"sku": "A", "tkdn": "45.5", "price": "1500000"}),
                          (5, {"sku": "B", "tkdn": "40", "price": "1500000"})]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\n\n", "empty"), (b"PK\x03\x04broken", "could not be read"),
     (b"name\nA\n", "lacks the column\\(s\\): sku")],
)
def test_refuses_an_empty_broken_or_incomplete_file(content, message):
    with pytest.raises(ValidationFailed, match=message):
        read_table(content, required=["sku"])


def test_reads_a_file_object_with_its_name():
    table = read_table(io.BytesIO(b"sku\nA\n"), required=["sku"])

    assert table.rows == [(2, {"sku": "A"})]


def test_xlsx_template_keeps_codes_as_text():
    content = template_xlsx(["nib", "npwp"], [["0912000000001", "0013121660091000"]])

    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "0912000000001" and sheet["A2"].number_format == "@"
    assert read_table(content, required=["nib"]).rows[0][1] == {"nib": "0912000000001", "npwp": "0013121660091000"}


def test_csv_template_parses_back():
    content = template_csv(["sku", "name"], [["A", "Kain, tapis"]])

    assert read_table(content, required=["sku", "name"]).rows == [(2, {"sku": "A", "name": "Kain, tapis"})]


def test_a_report_says_each_error_with_row_and_column():
    report = ImportReport(rows=3, created=1, skipped=1, errors=[RowError(7, "npwp", "NPWP is required.")])

    assert str(report.errors[0]) == "row 7, column npwp: NPWP is required."
    assert report.as_dict()["errors"] == [{"row": 7, "column": "npwp", "message": "NPWP is required."}]
    assert not report.ok
