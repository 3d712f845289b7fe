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

from . import access, documents
from .models import Bast, Order

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


def _build(build, obj):
    """The document's context, or the refusal page when its figures disagree."""
    try:
        return build(obj), None
    except documents.DocumentIntegrityError as exc:
        logger.error("Document refused: %s", exc.message)
        return None, HttpResponse(exc.message, status=exc.status_code, content_type="text/plain; charset=utf-8")


def _filename(prefix: str, number: str) -> str:
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9._-]+', '-', number).strip('-')}.pdf"


def _pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    pdf = documents.render_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@login_required
def surat_pesanan(request, number: str):
    order = _issued_order_or_404(request, number)
    context, refusal = _build(documents.surat_pesanan_context, order)
    if refusal:
        return refusal
    context["pdf_url"] = reverse("procurement_documents:surat_pesanan_pdf", args=[order.number])
    return render(request, SP_TEMPLATE, context)


@require_GET
@login_required
def surat_pesanan_pdf(request, number: str):
    order = _issued_order_or_404(request, number)
    context, refusal = _build(documents.surat_pesanan_context, order)
    if refusal:
        return refusal
    return _pdf_response(request, SP_TEMPLATE, context, _filename("surat-pesanan", order.sp_number))


@require_GET
@login_required
def bast(request, pk: int):
    record = _bast_or_404(request, pk)
    context, refusal = _build(documents.bast_context, record)
    if refusal:
        return refusal
    context["pdf_url"] = reverse("procurement_documents:bast_pdf", args=[record.pk])
    return render(request, BAST_TEMPLATE, context)


@require_GET
@login_required
def bast_pdf(request, pk: int):
    record = _bast_or_404(request, pk)
    context, refusal = _build(documents.bast_context, record)
    if refusal:
        return refusal
    return _pdf_response(request, BAST_TEMPLATE, context, _filename("bast", record.number))
