"""API authentication: bearer tokens for machines, the session (with CSRF) for people."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from katalog.accounts.tokens import token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionCsrfAuth(APIKeyCookie):
    """The logged-in session of a person, with Django's CSRF check on unsafe methods.

    Unlike ninja's SessionAuth, an anonymous request is simply not authenticated here (401 later),
    rather than refused for a missing CSRF token: the CSRF check matters only when a session exists.
    """

    param_name = "sessionid"

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header with the csrftoken cookie."))
        return user

    def authenticate(self, request, key):  # pragma: no cover - __call__ does the work
        return None


bearer = BearerToken()
session = SessionCsrfAuth()
AUTH = [bearer, session]
