"""The JSON API at /api/v1/: one NinjaAPI with a router per domain."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from katalog.core.errors import DomainError

from . import (
    auth_routes,
    catalog_routes,
    competition_routes,
    curation_routes,
    event_routes,
    feed_routes,
    matching_routes,
    me_routes,
    monitoring_routes,
    order_routes,
    tools_routes,
    vendor_routes,
)

api = NinjaAPI(
    title="Katalog Lokal API",
    version="1",
    description=(
        "Local e-catalogue and e-purchasing: listed products, vendors, categories, regions and the "
        "price-preference calculator (public); with a bearer token (POST /auth/token) or a session, the work "
        "of vendors and curators, and buyers' orders (from draft to Surat Pesanan, delivery, BAST, payment) "
        "and mini-competitions. Public too: the P3DN figures (/p3dn/...) and the change feed (/feed/{kind}), which "
        "lists every changed order, competition, product and commitment after a cursor, oldest first, never "
        "skipping a change. A step the order's status does not allow is a 409; another organisation's "
        "order is a 404. Errors are "
        '{"code", "detail"}; money is whole rupiah; times are ISO 8601 with offset.'
    ),
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status_code)


@api.exception_handler(ObjectDoesNotExist)
def missing_object(request, exc):
    # An id that names nothing, found missing below the route; the exception's text is for developers.
    return api.create_response(request, {"code": "not_found", "detail": _("Not found.")}, status=404)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"code": "not_found", "detail": str(exc) or _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"code": "forbidden", "detail": str(exc) or _("Forbidden.")}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"code": "unauthenticated", "detail": _("Log in or send a bearer token.")}, status=401
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    code = {403: "forbidden", 404: "not_found", 405: "method_not_allowed", 429: "throttled"}.get(
        exc.status_code, "invalid"
    )
    return api.create_response(request, {"code": code, "detail": str(exc)}, status=exc.status_code)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request, exc):
    # A number past what the database column holds (SQLite raises OverflowError, PostgreSQL DataError);
    # the write, if any, was rolled back with its transaction.
    return api.create_response(request, {
        "code": "out_of_range",
        "detail": _("A value in the request is too large to store: check the numbers (page, prices, quantities)."),
    }, status=422)


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query"))
    message = error.get("msg", "invalid")
    return f"{where}: {message}" if where else str(message)


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    errors = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors
    ]
    detail = "; ".join(_describe(e) for e in errors) or _("The request is not valid.")
    return api.create_response(request, {"code": "invalid_input", "detail": detail, "errors": errors}, status=422)


api.add_router("/auth", auth_routes.router)
api.add_router("", catalog_routes.router)
api.add_router("", me_routes.router)
api.add_router("", vendor_routes.router)
api.add_router("", curation_routes.router)
api.add_router("", tools_routes.router)
api.add_router("", order_routes.router)
api.add_router("", competition_routes.router)
api.add_router("", matching_routes.router)
api.add_router("", event_routes.router)
api.add_router("", feed_routes.router)
api.add_router("", monitoring_routes.router)
