"""Input too large for a database column, when no form caught it: a 400 page, not a server error."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import DataError
from django.test import RequestFactory
from django.utils.translation import gettext as _

from katalog.core.middleware import ValueTooLargeMiddleware

pytestmark = pytest.mark.django_db


def _request():
    request = RequestFactory().post("/pesanan/1/ubah-barang/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize("error", [OverflowError("Python int too large to convert to SQLite INTEGER"),
                                   DataError("value too long for type character varying(30)")])
def test_a_value_too_large_for_the_database_is_a_400_page_that_says_so(error):
    middleware = ValueTooLargeMiddleware(lambda request: None)

    response = middleware.process_exception(_request(), error)

    assert response.status_code == 400
    html = response.content.decode()
    assert _("Nothing was saved. Go back, correct it and try again.") in html
    assert _("A number or a text you entered is too large to store: check the number of digits.") in html


def test_other_errors_are_left_to_django():
    middleware = ValueTooLargeMiddleware(lambda request: None)

    assert middleware.process_exception(_request(), ValueError("a bug")) is None
