"""The printable documents of an order: the Surat Pesanan and the BAST.

Each document is built as plain data from the stored order (its line snapshots, never the live
catalogue), then rendered by a standalone template, and to PDF with WeasyPrint. The figures printed
must be the stored figures: a document whose lines do not add up to the stored total is refused.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.core.errors import DomainError
from katalog.core.money import format_rupiah, percent_display, terbilang

from ..models import Bast, Order

# Legal documents are Indonesian: amounts are formatted the Indonesian way in every language.
MONEY_LOCALE = "id_ID"
# Regional government offices write their government above their name.
REGIONAL_GOVERNMENT_BUYER_TYPES = {"opd_provinsi", "opd_kabkota"}


class DocumentIntegrityError(DomainError):
    """The stored figures of an order disagree with each other; no document is printed from them."""

    status_code = 409

    def __init__(self, message: str, *, code: str = "document_figures_mismatch"):
        super().__init__(message, code=code)


def _money(amount_idr: int) -> dict:
    return {"value": amount_idr, "display": format_rupiah(amount_idr, locale=MONEY_LOCALE)}


def _person_name(user) -> str:
    if user is None:
        return ""
    return user.name or user.get_full_name() or user.username


def _local_date(moment):
    return timezone.localdate(moment) if moment is not None else None


def _region_name(region) -> str:
    return region.name if region is not None else ""


def _join(*parts: str) -> str:
    return ", ".join(part.strip() for part in parts if part and part.strip())


def _authority_line(organisation) -> str:
    """`PEMERINTAH PROVINSI LAMPUNG` above a regional government office's name; nothing for others."""
    configured = settings.KATALOG.get("LETTERHEAD_AUTHORITY")
    if configured is not None:
        return configured
    region = organisation.region
    if region is None or organisation.buyer_type not in REGIONAL_GOVERNMENT_BUYER_TYPES:
        return ""
    if region.level == "province":
        return f"PEMERINTAH PROVINSI {region.name}".upper()
    if organisation.buyer_type == "opd_provinsi" and region.parent is not None:
        return f"PEMERINTAH PROVINSI {region.parent.name}".upper()
    return f"PEMERINTAH {region.name}".upper()


def letterhead(organisation) -> dict:
    """The buyer's letterhead: its own name and address, with optional values from settings."""
    katalog = settings.KATALOG
    return {
        "authority": _authority_line(organisation),
        "name": organisation.name,
        "address": _join(katalog.get("LETTERHEAD_ADDRESS") or organisation.address, _region_name(organisation.region)),
        "phone": katalog.get("LETTERHEAD_PHONE", ""),
        "email": katalog.get("LETTERHEAD_EMAIL", ""),
        "website": katalog.get("LETTERHEAD_WEBSITE", ""),
        "site_name": katalog.get("LETTERHEAD_SITE_NAME") or katalog.get("SITE_NAME", "Katalog Lokal"),
    }


def _buyer(order: Order) -> dict:
    organisation = order.buyer_organisation
    return {
        "name": organisation.name,
        "address": organisation.address,
        "region": _region_name(organisation.region),
        "full_address": _join(organisation.address, _region_name(organisation.region)),
        "buyer_type": organisation.get_buyer_type_display() if organisation.buyer_type else "",
    }


def _vendor(order: Order) -> dict:
    vendor = order.vendor
    return {
        "name": vendor.name,
        "code": vendor.code,
        "nib": vendor.nib,
        "npwp": vendor.npwp,
        "address": vendor.address,
        "region": _region_name(vendor.region),
        "full_address": _join(vendor.address, _region_name(vendor.region)),
        "scale": vendor.get_scale_display(),
        "contact_name": vendor.contact_name,
        "contact_phone": vendor.contact_phone,
        "contact_email": vendor.contact_email,
    }


def _checked_lines(order: Order) -> tuple[list, int]:
    """The order's lines and their total, refused when the total differs from the stored one."""
    lines = list(order.lines.all())
    total_idr = sum(line.subtotal_idr for line in lines)
    if not lines:
        raise DocumentIntegrityError(_("Order %(number)s has no lines; no document can be printed.")
                                     % {"number": order.number})
    if total_idr != order.total_idr:
        raise DocumentIntegrityError(
            _("The lines of order %(number)s add up to %(lines)s but its stored total is %(stored)s; "
              "the document is not printed until the order is corrected.")
            % {"number": order.number, "lines": format_rupiah(total_idr, locale=MONEY_LOCALE),
               "stored": format_rupiah(order.total_idr, locale=MONEY_LOCALE)}
        )
    return lines, total_idr


def _order_summary(order: Order) -> dict:
    return {
        "number": order.number,
        "title": order.title,
        "sp_number": order.sp_number,
        "rup_code": order.rup_code,
        "budget_source": order.get_budget_source_display(),
        "budget_year": order.budget_year,
        "delivery_address": order.delivery_address,
        "delivery_date": order.delivery_date,
        "sp_date": _local_date(order.sp_signed_at),
    }


def surat_pesanan_context(order: Order) -> dict:
    """Everything printed on the Surat Pesanan of an issued order, as plain data."""
    if not order.sp_number:
        raise DocumentIntegrityError(
            _("Order %(number)s has no Surat Pesanan yet.") % {"number": order.number}, code="sp_not_issued"
        )
    lines, total_idr = _checked_lines(order)
    ppk = order.sp_signed_by or order.ppk
    return {
        "letterhead": letterhead(order.buyer_organisation),
        "document": {
            "number": order.sp_number,
            "date": _local_date(order.sp_signed_at),
        },
        "order": _order_summary(order),
        "buyer": _buyer(order),
        "vendor": _vendor(order),
        "lines": [
            {
                "no": index,
                "name": line.name,
                "sku": line.sku,
                "unit": line.unit,
                "quantity": line.quantity,
                "unit_price": _money(line.unit_price_idr),
                "subtotal": _money(line.subtotal_idr),
                "tkdn": percent_display(line.tkdn_pct),
                "bmp": percent_display(line.bmp_pct),
            }
            for index, line in enumerate(lines, start=1)
        ],
        "total": _money(total_idr),
        "total_in_words": terbilang(total_idr),
        "terms": order.sp_terms,
        "signatories": {
            "ppk": {
                "name": _person_name(ppk),
                "organisation": order.buyer_organisation.name,
                "signed_at": order.sp_signed_at,
            },
            "vendor": {
                "name": _person_name(order.vendor_signed_by) or order.vendor.contact_name,
                "organisation": order.vendor.name,
                "signed_at": order.vendor_signed_at,
            },
        },
    }


def bast_context(bast: Bast) -> dict:
    """Everything printed on the BAST of one delivery, as plain data.

    The delivered quantities are valued at the agreed unit prices of the order; their sum must be
    the BAST's stored value, and the order's lines must add up to its stored total.
    """
    delivery = bast.delivery
    order = delivery.order
    _lines, order_total_idr = _checked_lines(order)
    delivered = list(delivery.lines.select_related("order_line").order_by("order_line__position", "order_line_id"))
    rows = []
    for index, delivery_line in enumerate(delivered, start=1):
        line = delivery_line.order_line
        value_idr = delivery_line.quantity * line.unit_price_idr
        rows.append({
            "no": index,
            "name": line.name,
            "sku": line.sku,
            "unit": line.unit,
            "ordered_quantity": line.quantity,
            "quantity": delivery_line.quantity,
            "unit_price": _money(line.unit_price_idr),
            "value": _money(value_idr),
            "tkdn": percent_display(line.tkdn_pct),
        })
    value_idr = sum(row["value"]["value"] for row in rows)
    # bast_sign stores 0 for a non-conforming delivery (nothing accepted); its rows still show what came.
    allowed = {value_idr} if bast.conforming else {value_idr, 0}
    if bast.value_idr not in allowed:
        raise DocumentIntegrityError(
            _("The delivered quantities of BAST %(number)s are worth %(lines)s but its stored value is "
              "%(stored)s; the document is not printed until it is corrected.")
            % {"number": bast.number, "lines": format_rupiah(value_idr, locale=MONEY_LOCALE),
               "stored": format_rupiah(bast.value_idr, locale=MONEY_LOCALE)}
        )
    return {
        "letterhead": letterhead(order.buyer_organisation),
        "document": {"number": bast.number, "date": _local_date(bast.signed_at)},
        "order": _order_summary(order),
        "order_total": _money(order_total_idr),
        "buyer": _buyer(order),
        "vendor": _vendor(order),
        "delivery": {
            "sequence": delivery.sequence,
            "shipped_date": _local_date(delivery.shipped_at),
            "carrier": delivery.carrier,
            "notes": delivery.notes,
        },
        "lines": rows,
        "total": _money(bast.value_idr),
        "total_in_words": terbilang(bast.value_idr),
        "inspection": {
            "function_ok": bast.function_ok,
            "quantity_ok": bast.quantity_ok,
            "on_time": bast.on_time,
            "conforming": bast.conforming,
            "non_conformity": bast.non_conformity,
        },
        "signatories": {
            "buyer": {
                "name": _person_name(bast.signed_by),
                "organisation": order.buyer_organisation.name,
                "signed_at": bast.signed_at,
            },
            "vendor": {
                "name": _person_name(delivery.shipped_by) or order.vendor.contact_name,
                "organisation": order.vendor.name,
                # The vendor hands over by shipping; it signs no BAST in the system.
                "signed_at": None,
            },
        },
    }


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """The HTML as an A4 PDF. Only inline (data:) resources are fetched: documents load nothing else."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
