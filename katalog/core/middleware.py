"""Request-wide behaviour: the site's language (Bahasa Indonesia unless the person chose another one), and
input too large for the database answered as the person's mistake."""

from django.conf import settings
from django.db import DataError
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class SiteLanguageMiddleware:
    """Pages are in Bahasa Indonesia by default, whatever the browser's own language is (offices often
    run English-language browsers); the language switcher's cookie changes it. API clients may ask for
    another language with Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def _language(self, request) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.supported:
            return chosen
        if request.path.startswith("/api/"):
            return translation.get_language_from_request(request)
        return settings.LANGUAGE_CODE

    def __call__(self, request):
        language = self._language(request)
        request.LANGUAGE_CODE = language
        # override() puts the thread's previous language back afterwards, so nothing leaks between requests.
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", language)
        return response


class ValueTooLargeMiddleware:
    """A value past what its database column holds that no form caught (SQLite raises OverflowError,
    PostgreSQL DataError: a number out of range, a text too long) is the person's input, not a fault of
    the server: a 400 page says so. The service's transaction has already rolled back, so nothing is
    half-saved. The API answers these itself (katalog.api.urls)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OverflowError | DataError):
            return None
        message = _("A number or a text you entered is too large to store: check the number of digits.")
        return render(request, "400.html", {"message": message}, status=400)
