"""The curators' import page: upload a spreadsheet, read the report, download templates."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from katalog.accounts.decorators import curator_required
from katalog.core import clock
from katalog.core.errors import NotFoundError
from katalog.core.web import perform

from . import samples, selectors, services
from .forms import FORMS


def _index_context(request, forms: dict | None = None) -> dict:
    forms = forms or {}
    return {
        "vendor_form": forms.get("vendors") or FORMS["vendors"](prefix="vendors"),
        "product_form": forms.get("products") or FORMS["products"](prefix="products"),
        "recent_jobs": selectors.import_job_list_recent(actor=request.user),
    }


@require_GET
@curator_required
def index(request):
    return render(request, "imports/index.html", _index_context(request))


@require_POST
@curator_required
def upload(request, kind: str):
    if kind not in FORMS:
        raise Http404
    form = FORMS[kind](request.POST, request.FILES, prefix=kind)
    if not form.is_valid():
        return render(request, "imports/index.html", _index_context(request, {kind: form}), status=400)
    uploaded = form.cleaned_data["file"]
    done = perform(
        request, services.import_job_start, form=form, success=None,
        actor=request.user, kind=kind, data=uploaded.read(), filename=uploaded.name,
        options=form.options(), now=clock.now(),
    )
    if not done:
        return render(request, "imports/index.html", _index_context(request, {kind: form}), status=400)
    return redirect("imports:job", job_id=done.result.pk)


def _job_or_404(select, request, job_id: int):
    try:
        return select(actor=request.user, job_id=job_id)
    except NotFoundError:
        raise Http404 from None


@require_GET
@curator_required
def job_detail(request, job_id: int):
    job = _job_or_404(selectors.import_job_detail, request, job_id)
    template = "imports/_job.html" if request.headers.get("HX-Request") else "imports/job.html"
    return render(request, template, {"job": job})


@require_GET
@curator_required
def job_errors_csv(request, job_id: int):
    job = _job_or_404(selectors.import_job_get, request, job_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", "column", "message"])
    for error in (job.report or {}).get("errors", []):
        writer.writerow([error["row"], error["column"], error["message"]])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response


@require_GET
@curator_required
def template(request, kind: str, format: str):  # noqa: A002 - the URL's own word
    if kind not in samples.KINDS or format not in samples.FORMATS:
        raise Http404
    content, filename, content_type = samples.template_file(kind, format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
