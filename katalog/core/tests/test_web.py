"""perform and add_domain_error: how a view tells people what a service did."""

from django import forms
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

from katalog.core.errors import InvalidTransition, ValidationFailed
from katalog.core.web import add_domain_error, perform


class NameForm(forms.Form):
    name = forms.CharField()
    code = forms.CharField(disabled=True, required=False)


def _request():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def _shown(request) -> list[tuple[int, str]]:
    return [(m.level, m.message) for m in request._messages]


def _refuse(exc):
    def service(**kwargs):
        raise exc

    return service


def test_perform_calls_the_service_and_shows_the_success_message():
    request = _request()

    done = perform(request, lambda *, n: n * 2, n=21, success="Saved.")

    assert (done.ok, done.result, bool(done)) == (True, 42, True)
    assert _shown(request) == [(messages.SUCCESS, "Saved.")]


def test_perform_builds_the_success_message_from_the_result():
    request = _request()

    perform(request, lambda: "Tapis", success=lambda name: f"{name} is saved.")

    assert _shown(request) == [(messages.SUCCESS, "Tapis is saved.")]


def test_perform_shows_nothing_on_success_when_told_so():
    request = _request()

    assert perform(request, lambda: None, success=None)
    assert _shown(request) == []


def test_perform_turns_a_refusal_into_an_error_message():
    request = _request()

    done = perform(request, _refuse(InvalidTransition("Not now.")), success="Saved.")

    assert (done.ok, done.on_form, bool(done)) == (False, False, False)
    assert _shown(request) == [(messages.ERROR, "Not now.")]


def test_perform_puts_field_errors_on_the_form():
    request = _request()
    form = NameForm({"name": "x"})
    form.is_valid()

    done = perform(
        request, _refuse(ValidationFailed("Bad name.", field_errors={"name": ["Too short."]})), form=form,
        success="Saved.",
    )

    assert (done.ok, done.on_form) == (False, True)
    assert form.errors == {"name": ["Too short."]}
    assert _shown(request) == []


def test_perform_puts_a_refusal_naming_no_field_on_top_of_the_form():
    request = _request()
    form = NameForm({"name": "x"})
    form.is_valid()

    done = perform(request, _refuse(InvalidTransition("Not now.")), form=form, success="Saved.")

    assert done.on_form
    assert form.non_field_errors() == ["Not now."]


def test_perform_may_show_a_refusal_naming_no_field_as_a_message_instead():
    request = _request()
    form = NameForm({"name": "x"})
    form.is_valid()

    done = perform(
        request, _refuse(InvalidTransition("Not now.")), form=form, refusal_on_form=False, success="Saved."
    )

    assert (done.ok, done.on_form) == (False, False)
    assert form.errors == {}
    assert _shown(request) == [(messages.ERROR, "Not now.")]


def test_perform_lets_a_form_place_the_error_itself():
    class FileForm(NameForm):
        def add_domain_error(self, exc):
            self.add_error("name", f"About the file: {exc.message}")

    form = FileForm({"name": "x"})
    form.is_valid()

    perform(_request(), _refuse(InvalidTransition("Too big.")), form=form, success="Saved.")

    assert form.errors == {"name": ["About the file: Too big."]}


def test_add_domain_error_follows_aliases_and_keeps_unknown_or_locked_fields_on_top():
    form = NameForm({"name": "x"})
    form.is_valid()
    exc = ValidationFailed(
        "Several problems.",
        field_errors={"title": ["Title taken."], "code": ["Code locked."], "other": ["Elsewhere."]},
    )

    add_domain_error(form, exc, aliases={"title": "name"})

    assert form.errors["name"] == ["Title taken."]
    assert form.non_field_errors() == ["Code locked.", "Elsewhere."]
