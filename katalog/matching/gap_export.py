"""The gaps report as an Excel workbook: a summary, totals by category, totals by delivery regency, and
every gap need. Money is whole rupiah stored as numbers in a rupiah format, so the sheets can be summed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from katalog.core.spreadsheets import RUPIAH_FORMAT, add_sheet, workbook_bytes


def _group_header(label: str) -> list[str]:
    return [label, _("Gap needs"), _("Total budget"), _("Needs without a budget"), _("No local product matches"),
            _("Local products cannot fill it"), _("Local products fit clearly less well")]


def _group_rows(groups: list[dict], *, with_code: bool) -> list[list]:
    return [
        [*([group["code"]] if with_code else []), group["label"], group["needs"], group["budget_idr"],
         group["without_budget"], *group["kinds"].values()]
        for group in groups
    ]


def _match_cells(match: dict | None) -> list:
    if match is None:
        return [None, None, None, None, None]
    return [match["product"]["name"], match["vendor"]["name"], match["vendor"]["region"], match["rank"],
            "; ".join(match["reasons"][:2])]


def gap_workbook(report: dict) -> bytes:
    """`report` from `gaps.gap_export`."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = [
        [_("Open needs matched"), report["open_matched"]],
        [_("Gap needs"), report["gaps"]],
        [_("Total budget of the gap needs"), report["budget_idr"]],
        [_("Gap needs without a budget"), report["without_budget"]],
        *[[kind["label"], kind["needs"]] for kind in report["kinds"]],
        [_("Open needs not matched yet"), report["waiting"]],
        [_("A need is a gap when no local (Lampung) product fits it, ranks among its first %(rank)d matches and "
           "scores at least %(share)d%% of its best match.")
         % {"rank": report["top_rank"], "share": report["share_of_best_pct"]}, None],
    ]
    sheet = add_sheet(workbook, _("Summary"), [_("Figure"), _("Value")], summary, first=True)
    sheet["B4"].number_format = RUPIAH_FORMAT
    sheet.column_dimensions["A"].width = 45

    add_sheet(workbook, _("By category"), _group_header(_("Category")),
           _group_rows(report["by_category"], with_code=False), money=frozenset({3}))
    add_sheet(workbook, _("By regency"), [_("Regency code"), *_group_header(_("Delivery regency"))],
           _group_rows(report["by_regency"], with_code=True), money=frozenset({4}))

    need_rows = [
        [row["ref"], row["title"], row["buyer_organisation"]["name"],
         row["category"]["name"] if row["category"] else None, row["delivery_region"]["code"],
         row["delivery_region"]["name"], row["quantity"], row["unit"], row["budget_idr"], row["needed_by"],
         row["kind_label"], row["fitting"], row["matches"],
         *_match_cells(row["best_local_match"]), *_match_cells(row["best_match"])]
        for row in report["rows"]
    ]
    match_header = [_("product"), _("vendor"), _("vendor regency"), _("rank"), _("reasons")]
    add_sheet(workbook, _("Gap needs"), [
        _("Reference"), _("Title"), _("Buyer"), _("Category"), _("Regency code"), _("Delivery regency"),
        _("Quantity"), _("Unit"), _("Budget"), _("Needed by"), _("Gap"), _("Fitting products"), _("Matches"),
        *[_("Best local match: %(column)s") % {"column": column} for column in match_header],
        *[_("Best match: %(column)s") % {"column": column} for column in match_header],
    ], need_rows, money=frozenset({9}), dates=frozenset({10}))

    return workbook_bytes(workbook)
