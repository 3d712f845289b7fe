"""Printable pages and PDFs of an order's documents: the Surat Pesanan and the BAST.

Whoever may not see the order gets a 404, as for the order itself. A document whose stored figures
disagree is not printed: the person sees why instead (409).
"""

from __future__ import annotations

import logging
import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from katalog.core.errors import NotFoundError

from .. import access
from ..models import Bast, Order
from . import content as documents

logger = logging.getLogger(__name__)

SP_TEMPLATE = "procurement/documents/surat_pesanan.html"
BAST_TEMPLATE = "procurement/documents/bast.html"


def _issued_order_or_404(request, number: str) -> Order:
    order = (
        Order.objects.select_related(
            "buyer_organisation__region", "vendor__region", "ppk", "sp_signed_by", "vendor_signed_by"
        )
        .filter(number=number)
        .first()
    )
    if order is None or not order.sp_number:
        raise Http404
    _require_view(request, order)
    return order


def _bast_or_404(request, pk: int) -> Bast:
    bast = (
        Bast.objects.select_related(
            "signed_by", "delivery__shipped_by", "delivery__order__buyer_organisation__region",
            "delivery__order__vendor__region",
        )
        .filter(pk=pk)
        .first()
    )
    if bast is None:
        raise Http404
    _require_view(request, bast.delivery.order)
    return bast


def _require_view(request, order: Order) -> None:
    try:
        access.require_view(request.user, order)
    except NotFoundError:
        raise Http404 from None


def _document(request, *, template: str, build, record, as_pdf: bool, pdf_url: str, filename: str) -> HttpResponse:
    """The printable page or its PDF; the refusal (409) instead when the document's figures disagree."""
    try:
        context = build(record)
    except documents.DocumentIntegrityError as exc:
        logger.error("Document refused: %s", exc.message)
        return HttpResponse(exc.message, status=exc.status_code, content_type="text/plain; charset=utf-8")
    if not as_pdf:
        return render(request, template, {**context, "pdf_url": pdf_url})
    html = render_to_string(template, context, request=request)
    response = HttpResponse(documents.render_pdf(html, base_url=request.build_absolute_uri("/")),
                            content_type="application/pdf")
    safe_number = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-")
    response["Content-Disposition"] = f'inline; filename="{safe_number}.pdf"'
    return response


def _surat_pesanan(request, number: str, *, as_pdf: bool) -> HttpResponse:
    order = _issued_order_or_404(request, number)
    return _document(
        request, template=SP_TEMPLATE, build=documents.surat_pesanan_context, record=order, as_pdf=as_pdf,
        pdf_url=reverse("procurement_documents:surat_pesanan_pdf", args=[order.number]),
        filename=f"surat-pesanan-{order.sp_number}",
    )


def _bast(request, pk: int, *, as_pdf: bool) -> HttpResponse:
    record = _bast_or_404(request, pk)
    return _document(
        request, template=BAST_TEMPLATE, build=documents.bast_context, record=record, as_pdf=as_pdf,
        pdf_url=reverse("procurement_documents:bast_pdf", args=[record.pk]), filename=f"bast-{record.number}",
    )


@require_GET
@login_required
def surat_pesanan(request, number: str):
    return _surat_pesanan(request, number, as_pdf=False)


@require_GET
@login_required
def surat_pesanan_pdf(request, number: str):
    return _surat_pesanan(request, number, as_pdf=True)


@require_GET
@login_required
def bast(request, pk: int):
    return _bast(request, pk, as_pdf=False)


@require_GET
@login_required
def bast_pdf(request, pk: int):
    return _bast(request, pk, as_pdf=True)
