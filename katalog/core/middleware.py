"""The site's language: Bahasa Indonesia unless the person chose another one."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
