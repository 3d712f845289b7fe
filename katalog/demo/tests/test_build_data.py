"""The committed demo files are what the generator writes, with valid identifiers (no database)."""

import csv
import io

from stdnum.id import npwp

from katalog.demo import build_data
from katalog.regions.reference import LAMPUNG_REGENCIES


def rendered(columns, rows) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_the_committed_csv_files_are_what_the_generator_writes():
    vendors, profiles, products = build_data.build()

    for name, columns, rows in [
        ("vendors.csv", build_data.VENDOR_COLUMNS, vendors),
        ("vendor_profiles.csv", build_data.PROFILE_COLUMNS, profiles),
        ("products.csv", build_data.PRODUCT_COLUMNS, products),
    ]:
        committed = (build_data.DATA_DIR / name).read_text(encoding="utf-8")
        assert committed == rendered(columns, rows), f"{name} is stale: run python -m katalog.demo.build_data"


def test_nibs_are_unique_13_digit_numbers_and_npwps_pass_python_stdnum():
    vendors, _profiles, _products = build_data.build()

    nibs = [v["nib"] for v in vendors]
    assert len(set(nibs)) == len(nibs)
    assert all(len(n) == 13 and n.isdigit() for n in nibs)
    assert all(npwp.is_valid(v["npwp"]) and len(v["npwp"]) == 16 and v["npwp"][0] == "0" for v in vendors)


def test_every_lampung_regency_has_a_vendor_in_the_file():
    vendors, _profiles, _products = build_data.build()

    assert {code for code, _n, _b in LAMPUNG_REGENCIES} <= {v["regency_code"] for v in vendors}


def test_the_placeholder_pdf_has_a_correct_cross_reference_table():
    from katalog.demo.pdf import placeholder_pdf

    data = placeholder_pdf(["SERTIFIKAT TKDN (contoh)", "Bukan dokumen resmi."])

    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref_at = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref_at:].startswith(b"xref\n")
    entries = data[xref_at:].split(b"\n")[3:8]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj".encode())
    assert b"(SERTIFIKAT TKDN \\(contoh\\)) Tj" in data
