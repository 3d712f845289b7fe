"""What every app's views do with a service call: run it, and tell the person how it went.

A view makes one call into the domain. `perform` runs that call; a `DomainError` it raises becomes
an error message (or errors on the form being posted), success becomes a success message. The
view then decides where to go, from the returned `Outcome`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages

from .errors import DomainError


@dataclass(frozen=True)
class Outcome:
    """What `perform` did: `ok` with the service's `result`, or refused (`on_form`: the form shows why)."""

    ok: bool
    result: Any = None
    on_form: bool = False

    def __bool__(self) -> bool:
        return self.ok


def perform(
    request,
    service: Callable[..., Any],
    /,
    *,
    success: str | Callable[[Any], str] | None,
    form: forms.Form | None = None,
    refusal_on_form: bool = True,
    **kwargs,
) -> Outcome:
    """Call `service(**kwargs)`, then show `success` (a text, or a function of the service's result).

    A DomainError is shown as an error message; with a `form`, its field errors go next to the
    fields instead, and so does a refusal that names no field unless `refusal_on_form` is False.
    """
    try:
        result = service(**kwargs)
    except DomainError as exc:
        if form is not None and (exc.field_errors or refusal_on_form):
            show_on_form(form, exc)
            return Outcome(ok=False, on_form=True)
        messages.error(request, exc.message)
        return Outcome(ok=False)
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return Outcome(ok=True, result=result)


def show_on_form(form: forms.Form, exc: DomainError) -> None:
    """A form that knows better places the error itself (its own `add_domain_error`)."""
    place = getattr(form, "add_domain_error", None)
    if place is not None:
        place(exc)
    else:
        add_domain_error(form, exc)


def add_domain_error(form: forms.Form, exc: DomainError, *, aliases: dict[str, str] | None = None) -> None:
    """Show a service's refusal on the form, next to the fields it names.

    `aliases` maps a service's field name to the form's (`password` → `password1`). Messages about
    a field the form lacks or does not let the person change go on top of the form; so does the
    refusal itself when it names no field.
    """
    placed = False
    for key, field_messages in exc.field_errors.items():
        name = (aliases or {}).get(key, key)
        field = form.fields.get(name)
        target = name if field is not None and not field.disabled else None
        for message in field_messages:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
