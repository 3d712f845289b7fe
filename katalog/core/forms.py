"""Small helpers the server-rendered forms of several apps share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from katalog.catalog.models import Category
from katalog.core.limits import MAX_QUANTITY, MAX_RUPIAH


class QuantityField(forms.IntegerField):
    """A whole quantity, at most MAX_QUANTITY unless told otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", MAX_QUANTITY)
        super().__init__(**kwargs)


class RupiahAmountField(forms.IntegerField):
    """Whole rupiah in a number input, at most MAX_RUPIAH unless told otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", MAX_RUPIAH)
        super().__init__(**kwargs)


def style_fields(form: forms.Form) -> None:
    """Bootstrap classes on every visible widget: check boxes, selects and the other inputs."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif not isinstance(widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
            css_class = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css_class)


def optional_category(value) -> Category | None:
    """The active category an optional choice field names, None when left empty; anything else is invalid."""
    if not value:
        return None
    category = Category.objects.filter(pk=value, is_active=True).first()
    if category is None:
        raise forms.ValidationError(_("Choose a category."))
    return category
