"""Report workbooks: sheet names Excel accepts whatever the translation says."""

from openpyxl import Workbook

from katalog.core.spreadsheets import add_sheet, sheet_title


def test_sheet_titles_lose_the_characters_excel_refuses_and_stay_short():
    assert sheet_title("Menurut kab./kota penyedia") == "Menurut kab.-kota penyedia"
    assert sheet_title("a:b*c?d[e]f\\g") == "a-b-c-d-e-f-g"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("/") == "-"


def test_a_translated_title_with_a_slash_still_makes_a_sheet():
    workbook = Workbook()
    sheet = add_sheet(workbook, "Per kab/kota", ["A"], [[1]], first=True)
    assert sheet.title == "Per kab-kota"
