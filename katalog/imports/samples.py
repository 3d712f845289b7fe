"""The downloadable templates: the columns of each import and two example rows."""

from __future__ import annotations

from katalog.core.tabular import XLSX_CONTENT_TYPE, template_csv, template_xlsx

from .products import PRODUCT_COLUMNS
from .vendors import VENDOR_COLUMNS

KINDS = ("vendors", "products")
FORMATS = ("csv", "xlsx")

EXAMPLES = {
    "vendors": [
        ["LPG-0001", "UMKM Tapis Jejama", "18.71", "mikro", "9120001234567", "01.312.166.0-091.000", "13921;32909"],
        ["JKT-0002", "PT Mesin Tani Nusantara", "31", "menengah", "9120007654321", "02.187.336.9-325.000", "28210"],
    ],
    "products": [
        ["TPS-0001", "LPG-0001", "Kain Tapis Motif Kapal", "Tapis tenun tangan, benang emas, 60 x 180 cm",
         "Kain & Tapis > Kain Tapis > Tapis Lembaran", "lembar", "1500000", "1", "40", "45", "5", "18.71", "HKI"],
        ["MTN-0100", "JKT-0002", "Mesin Perontok Padi", "Kapasitas 1 ton gabah per jam, mesin diesel 8 HP",
         "Mesin Perontok Padi", "unit", "Rp 18.500.000", "1", "", "", "", "", "SNI"],
    ],
}
COLUMNS = {"vendors": VENDOR_COLUMNS, "products": PRODUCT_COLUMNS}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
}


def template_file(kind: str, file_format: str) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the template of an import kind."""
    if kind not in KINDS or file_format not in FORMATS:
        raise ValueError(f"unknown template {kind}.{file_format}")
    columns, rows = COLUMNS[kind], EXAMPLES[kind]
    content = template_csv(columns, rows) if file_format == "csv" else template_xlsx(columns, rows, sheet_title=kind)
    return content, f"katalog-{kind}-template.{file_format}", CONTENT_TYPES[file_format]
