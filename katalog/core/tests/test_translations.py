"""The Indonesian catalogue is complete, keeps every placeholder, is compiled, and is what people see."""

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from katalog.catalog.models import ProductStatus
from katalog.vendors.models import Vendor

MESSAGES_DIR = Path(settings.LOCALE_PATHS[0]) / "id" / "LC_MESSAGES"

# %(name)s, %(size).1f, %s, %d, %r and the literal %% of python-format strings.
PYTHON_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?([diouxXeEfFgGcrsa%])")
BRACE_PLACEHOLDER = re.compile(r"\{\w*(?:![rsa])?(?::[^{}]*)?\}")


@pytest.fixture(autouse=True)
def _keep_the_active_language():
    """The language middleware activates the request's language for the whole thread; put it back."""
    with translation.override(translation.get_language()):
        yield


def _read_po():
    with open(MESSAGES_DIR / "django.po", "rb") as handle:
        return read_po(handle, locale="id")


def _read_mo():
    with open(MESSAGES_DIR / "django.mo", "rb") as handle:
        return read_mo(handle)


def _messages(catalog):
    return [message for message in catalog if message.id]


def _forms(message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)


def _key(message) -> str | tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else message.id


def _source(message) -> str:
    """The English text a translation is measured against: the plural form when there is one."""
    return message.id[-1] if isinstance(message.id, tuple) else message.id


def _python_placeholders(text: str) -> tuple[set[str], list[str]]:
    """Named placeholders (and %%) as a set; positional ones in order, since their order matters."""
    named, positional = set(), []
    for match in PYTHON_PLACEHOLDER.finditer(text):
        if match.group(1) is not None or match.group(2) == "%":
            named.add(match.group(0))
        else:
            positional.append(match.group(0))
    return named, positional


def _named_only(text: str) -> tuple[set[str], list[str]]:
    return {p for p in _python_placeholders(text)[0] if p.startswith("%(")}, []


def _label(message) -> str:
    return repr(message.id)


def test_the_catalogue_header_declares_indonesian_with_a_single_plural_form():
    catalog = _read_po()

    headers = dict(catalog.mime_headers)
    assert headers["Language"] == "id"
    assert headers["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "charset=utf-8" in headers["Content-Type"].lower()
    assert not catalog.fuzzy


def test_every_message_has_an_indonesian_translation():
    untranslated = [_label(m) for m in _messages(_read_po()) if not all(form.strip() for form in _forms(m))]

    assert untranslated == []


def test_no_translation_is_marked_fuzzy():
    fuzzy = [_label(m) for m in _messages(_read_po()) if "fuzzy" in m.flags]

    assert fuzzy == []


def test_plural_messages_have_exactly_one_indonesian_form():
    wrong = [_label(m) for m in _messages(_read_po()) if m.pluralizable and len(_forms(m)) != 1]

    assert wrong == []


def test_every_translation_keeps_the_python_placeholders_of_its_message():
    mismatched = []
    for message in _messages(_read_po()):
        placeholders = _python_placeholders
        if "python-format" not in message.flags:
            placeholders = _named_only  # not a format string: a literal "40%" is text, not a placeholder
        expected = placeholders(_source(message))
        mismatched += [f"{_label(message)}: {form!r}" for form in _forms(message) if placeholders(form) != expected]

    assert mismatched == []


def test_every_translation_keeps_the_brace_placeholders_of_its_message():
    mismatched = [
        f"{_label(m)}: {form!r}"
        for m in _messages(_read_po())
        for form in _forms(m)
        if set(BRACE_PLACEHOLDER.findall(form)) != set(BRACE_PLACEHOLDER.findall(_source(m)))
    ]

    assert mismatched == []


def test_every_translation_keeps_the_html_tags_of_its_message():
    tag = re.compile(r"</?[a-zA-Z][^>]*>")
    mismatched = [
        f"{_label(m)}: {form!r}"
        for m in _messages(_read_po())
        for form in _forms(m)
        if sorted(tag.findall(form)) != sorted(tag.findall(_source(m)))
    ]

    assert mismatched == []


def test_the_compiled_catalogue_matches_the_po_file():
    def entries(catalog):
        return {_key(m): _forms(m) for m in _messages(catalog)}

    po, mo = entries(_read_po()), entries(_read_mo())

    assert sorted(map(repr, set(po) ^ set(mo))) == [], "run `katalog compilemessages` after editing django.po"
    assert {key for key in po if po[key] != mo[key]} == set(), "run `katalog compilemessages`"


def test_strings_come_out_in_indonesian_by_default():
    with translation.override("id"):
        assert gettext("Log in") == "Masuk"
        assert gettext("Search products") == "Cari produk"
        assert ngettext("%(counter)s product", "%(counter)s products", 3) % {"counter": 3} == "3 produk"
        assert str(ProductStatus.APPROVED.label) == "Tayang"
        assert str(Vendor._meta.verbose_name) == "penyedia"
        assert gettext("PDN wajib") == "PDN wajib"


def test_strings_stay_in_english_for_english_readers():
    with translation.override("en"):
        assert gettext("Log in") == "Log in"
        assert ngettext("%(counter)s product", "%(counter)s products", 3) % {"counter": 3} == "3 products"
        assert str(ProductStatus.APPROVED.label) == "Listed (tayang)"


@pytest.mark.django_db
def test_the_login_page_is_in_indonesian_by_default(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in page
    assert '<h1 class="h3 mb-3">Masuk</h1>' in page
    assert "Kata sandi" in page
    assert "Log in" not in page


@pytest.mark.django_db
def test_the_login_page_is_in_english_when_the_reader_chose_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("accounts:login")).content.decode()

    assert '<html lang="en">' in page
    assert '<h1 class="h3 mb-3">Log in</h1>' in page
    assert "Password" in page
    assert "Masuk" not in page
