"""The JSON API at /api/v1/: one NinjaAPI with a router per domain."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from katalog.core.errors import DomainError

from . import auth_routes, catalog_routes

api = NinjaAPI(
    title="Katalog Lokal API",
    version="1",
    description="Local e-catalogue: products, vendors and (with a token) the work of vendors, buyers and curators.",
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"code": "not_found", "detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"code": "forbidden", "detail": str(exc) or "Forbidden."}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"code": "unauthenticated", "detail": "Log in or send a bearer token."}, status=401
    )


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    return api.create_response(
        request, {"code": "invalid_input", "detail": "The request is not valid.", "errors": exc.errors}, status=422
    )


api.add_router("/auth", auth_routes.router)
api.add_router("", catalog_routes.router)
