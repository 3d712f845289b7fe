"""Small helpers the product views share: reporting domain errors on forms and messages."""

from __future__ import annotations

from django import forms
from django.contrib import messages

from katalog.core.errors import DomainError


def add_domain_error(form: forms.Form, exc: DomainError) -> None:
    """Show a service's refusal on the form, next to the fields it names."""
    placed = False
    for field, field_messages in exc.field_errors.items():
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def report(request, exc: DomainError) -> None:
    messages.error(request, exc.message)
