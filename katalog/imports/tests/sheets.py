"""Spreadsheets for the import tests, written as CSV text or XLSX bytes."""

import csv
import io

from katalog.imports.products import PRODUCT_COLUMNS
from katalog.imports.vendors import VENDOR_COLUMNS
from katalog.vendors.tests.factories import valid_nib, valid_npwp


def csv_bytes(columns: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(columns: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# NIB and NPWP numbers of imported vendors, far from the ones the factories' sequences use.
OFFSET = 900_000


def nib(n: int) -> str:
    return valid_nib(OFFSET + n)


def npwp(n: int) -> str:
    return valid_npwp(OFFSET + n)


def vendor_row(n: int, **changes) -> list:
    """A valid vendor row: code IMP-00n, in Kota Bandar Lampung, mikro."""
    values = {
        "vendor_code": f"IMP-{n:03d}", "name": f"UMKM Impor {n}", "regency_code": "18.71", "scale": "mikro",
        "nib": nib(n), "npwp": npwp(n), "kbli": "13921",
    }
    values.update(changes)
    return [values[c] for c in VENDOR_COLUMNS]


def product_row(sku: str, vendor_code: str = "IMP-001", **changes) -> list:
    values = {
        "sku": sku, "vendor_code": vendor_code, "name": f"Kain Tapis {sku}", "description": "Tenun tangan.",
        "category": "Tapis Lembaran", "unit": "lembar", "price": "1500000", "min_order": "",
        "capacity_per_month": "", "tkdn": "", "bmp": "", "origin_regency_code": "18.71", "certifications": "",
    }
    values.update(changes)
    return [values[c] for c in PRODUCT_COLUMNS]


def vendors_csv(*rows) -> bytes:
    return csv_bytes(VENDOR_COLUMNS, list(rows))


def products_csv(*rows) -> bytes:
    return csv_bytes(PRODUCT_COLUMNS, list(rows))
