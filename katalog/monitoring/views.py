"""P3DN monitoring pages: the leaders' and curators' dashboard, the public summary, the orders behind a figure,
full breakdowns, exports and the yearly targets. Each view reads the filters and makes one call inward."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from katalog.accounts import access
from katalog.accounts.decorators import leader_required
from katalog.core import clock
from katalog.core.errors import DomainError, ValidationFailed
from katalog.core.spreadsheets import xlsx_response

from . import dashboard, exports, selectors, targets
from .filters import parse_filters

ORDERS_PAGE_SIZE = 50


def _filters_or_error(request):
    try:
        return parse_filters(request.GET, today=clock.today()), None
    except ValidationFailed as error:
        return None, error


def _refused(request, error: ValidationFailed, *, public: bool):
    return render(request, "monitoring/bad_filters.html", {"error": error, "public": public}, status=400)


def _dashboard_page(request, *, public: bool):
    filters, error = _filters_or_error(request)
    if error:
        return _refused(request, error, public=public)
    if public and filters.buyer:
        return _refused(request, ValidationFailed(_("The public summary is not broken down by buyer.")), public=True)
    context = dashboard.dashboard(filters, public=public)
    # Only curators may open an order itself (leaders get a 404 there): no links to them for leaders.
    context["links"] = {key: dashboard.row_links(table, filters) for key, table in context["tables"].items()
                        if key != "justifications" or access.is_curator(request.user)} if not public else {}
    context["exports"] = dashboard.export_links(context["tables"], filters, public=public)
    context["more"] = dashboard.breakdown_links(context["tables"], filters, public=public)
    context["choices"] = dashboard.filter_choices(public=public)
    context["periods"] = dashboard.period_choices(clock.today())
    context["may_set_targets"] = access.is_curator(request.user)
    return render(request, "monitoring/dashboard.html", context)


@leader_required
def dashboard_page(request):
    return _dashboard_page(request, public=False)


def public_summary(request):
    return _dashboard_page(request, public=True)


@leader_required
def breakdown_page(request, by: str):
    if by not in selectors.BREAKDOWNS:
        raise Http404
    filters, error = _filters_or_error(request)
    if error:
        return _refused(request, error, public=False)
    table = dashboard.build_table(by, filters)
    return render(request, "monitoring/breakdown.html", {
        "filters": filters, "table": table, "links": dashboard.row_links(table, filters), "by": by,
        "export": dashboard.export_links([by], filters, public=False)[by],
    })


@leader_required
def orders_page(request):
    """The paid orders behind a figure, with the part of each order the figure counts."""
    filters, error = _filters_or_error(request)
    if error:
        return _refused(request, error, public=False)
    share = request.GET.get("share", "")
    if share and share not in selectors.SHARES:
        return _refused(request, ValidationFailed(_("Unknown share “%(value)s”.") % {"value": share}), public=False)
    source = request.GET.get("source", "")
    if source not in ("", "commitments", "justifications"):
        return _refused(request, ValidationFailed(_("Unknown source “%(value)s”.") % {"value": source}), public=False)
    orders, counted_total = selectors.orders_behind(filters, share=share, source=source)
    page = Paginator(orders, ORDERS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/orders.html", {
        "filters": filters, "page_obj": page, "share": share, "source": source,
        "counted_total": counted_total,
        "may_open_orders": access.is_curator(request.user),
    })


@leader_required
def justifications_page(request):
    filters, error = _filters_or_error(request)
    if error:
        return _refused(request, error, public=False)
    page = Paginator(selectors.justified_orders(filters), ORDERS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/justifications.html", {
        "filters": filters, "page_obj": page, "may_open_orders": access.is_curator(request.user),
    })


def _export(request, key: str, fmt: str, *, public: bool):
    allowed = dashboard.PUBLIC_TABLES if public else dashboard.TABLES
    if key != "all" and key not in allowed:
        raise Http404
    if key == "all" and fmt != "xlsx":
        raise Http404
    filters, error = _filters_or_error(request)
    if error:
        return _refused(request, error, public=public)
    if public and filters.buyer:
        return _refused(request, ValidationFailed(_("The public summary is not broken down by buyer.")), public=True)
    keys = tuple(k for k in dashboard.WORKBOOK_TABLES if k in allowed) if key == "all" else (key,)
    built = [dashboard.build_table(k, filters) for k in keys]
    name = f"p3dn-{key}-{filters.period.code}"
    if fmt == "xlsx":
        return xlsx_response(exports.tables_xlsx(built, filters), f"{name}.xlsx")
    response = HttpResponse(exports.table_csv(built[0]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@leader_required
def export(request, key: str, fmt: str):
    return _export(request, key, fmt, public=False)


def public_export(request, key: str, fmt: str):
    return _export(request, key, fmt, public=True)


@leader_required
@require_http_methods(["GET", "POST"])
def targets_page(request):
    errors, values = {}, {}
    if request.method == "POST":
        if not access.is_curator(request.user):
            raise PermissionDenied(_("Only curators may set the targets."))
        values = request.POST
        year = request.POST.get("year", "").strip()
        try:
            if not year.isdecimal():
                raise ValidationFailed(_("Enter the year."), field_errors={"year": [_("Enter the year.")]})
            targets.target_set(actor=request.user, year=int(year), pdn_pct=request.POST.get("pdn_pct", ""),
                               local_pct=request.POST.get("local_pct", ""), umk_pct=request.POST.get("umk_pct", ""),
                               now=clock.now())
        except DomainError as error:
            errors = error.field_errors or {"form": [error.message]}
        else:
            messages.success(request, _("The targets for %(year)s are saved.") % {"year": year})
            return redirect("monitoring:targets")
    year = clock.today().year
    return render(request, "monitoring/targets.html", {
        "years": targets.target_years(), "defaults": targets.default_targets(year),
        "current": targets.targets_for(year), "errors": errors, "values": values,
        "may_set_targets": access.is_curator(request.user), "status": 400 if errors else 200,
    }, status=400 if errors else 200)
