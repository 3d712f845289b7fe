"""Input shapes of the mini-competition pages. They validate and hand values to a service; they never save."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from katalog.catalog.models import Category
from katalog.core.forms import QuantityField
from katalog.core.limits import MAX_RUPIAH

from ..models import BudgetSource

_GROUPED_DIGITS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


def _category_choices() -> list:
    """Active categories grouped under their top level, each labelled with its path."""
    categories = list(Category.objects.filter(is_active=True).order_by("level", "position", "name"))
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)

    def walk(node: Category, label: str, options: list) -> list:
        options.append((str(node.pk), label))
        for child in children.get(node.pk, []):
            walk(child, f"{label} › {child.name}", options)
        return options

    return [("", "---------"), *[(root.name, walk(root, root.name, [])) for root in children.get(None, [])]]


class RupiahField(forms.Field):
    """Whole rupiah as people type them: `1050000000`, `1.050.000.000` or `Rp1.050.000.000`."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter a whole number of rupiah, such as 1.050.000.000."),
        "too_large": _("That is more than Rp999 trillion: check the number of digits."),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value) -> int | None:
        text = re.sub(r"\s+", "", str(value or ""))
        if not text or text in self.empty_values:
            return None
        if text[:2].lower() == "rp":
            text = text[2:]
        if not (text.isdigit() or _GROUPED_DIGITS.fullmatch(text)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        amount = int(re.sub(r"\D", "", text))
        if amount > MAX_RUPIAH:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        return amount


class IdListField(forms.Field):
    """A list of primary keys from repeated form values (checkboxes named alike)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        try:
            return sorted({int(v) for v in (value or [])})
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Choose from the list."), code="invalid") from None


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.MultipleHiddenInput):
            continue
        widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")


class CompetitionForm(forms.Form):
    title = forms.CharField(label=_("Package name"), max_length=255)
    category = forms.ChoiceField(
        label=_("Category"), help_text=_("Vendors with listed products in this category are suggested.")
    )
    specification = forms.CharField(
        label=_("Specification"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the goods must be: material, size, quality, standards, packing."),
    )
    quantity = QuantityField(label=_("Quantity"), min_value=1)
    unit = forms.CharField(label=_("Unit"), max_length=30, help_text=_("For example: piece, sheet, package."))
    package_value_idr = RupiahField(
        label=_("Package value estimate (Rp)"), required=False,
        help_text=_("Optional. Decides whether the price preference applies when the province does not apply it "
                    "to every mini-competition."),
    )
    deadline_at = forms.DateTimeField(
        label=_("Quote deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Local time in Lampung (WIB, Asia/Jakarta). Quotes stay sealed until then."),
    )
    delivery_address = forms.CharField(label=_("Delivery address"), widget=forms.Textarea(attrs={"rows": 2}))
    delivery_date = forms.DateField(label=_("Delivery date"), widget=forms.DateInput(attrs={"type": "date"}))
    budget_source = forms.ChoiceField(label=_("Budget source"), choices=[("", "---------"), *BudgetSource.choices])
    budget_year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()
        self.fields["quantity"].widget.attrs["inputmode"] = "numeric"
        _style(self)

    def clean_category(self) -> Category:
        category = Category.objects.filter(pk=self.cleaned_data["category"], is_active=True).first()
        if category is None:
            raise forms.ValidationError(_("Choose a category."))
        return category


class InviteForm(forms.Form):
    vendor_ids = IdListField(label=_("Vendors"))

    def clean_vendor_ids(self) -> list[int]:
        ids = self.cleaned_data["vendor_ids"]
        if not ids:
            raise forms.ValidationError(_("Tick at least one vendor to invite."))
        return ids


class QuoteForm(forms.Form):
    unit_price_idr = RupiahField(label=_("Unit price (Rp)"), help_text=_("Whole rupiah per unit, taxes included."))
    product_id = forms.TypedChoiceField(
        label=_("Your listed product"), coerce=int, empty_value=None, required=False,
        help_text=_("The order is made for this product if you win; its certified TKDN is used."),
    )
    tkdn_pct = forms.DecimalField(
        label=_("TKDN (%)"), min_value=0, max_value=100, decimal_places=2, required=False,
        help_text=_("Only for a quote without a listed product; a listed product's TKDN takes precedence."),
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, products: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_id"].choices = [("", _("No listed product"))] + [
            (str(p["id"]), p["label"]) for p in products
        ]
        _style(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class AwardForm(forms.Form):
    quote_id = forms.TypedChoiceField(label=_("Quote"), coerce=int, empty_value=None, required=False)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("Needed only when you award a quote that is not ranked first."),
    )

    def __init__(self, *args, quotes: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quote_id"].choices = [
            (str(q["quote_id"]), f"{q['rank']}. {q['vendor_name']}") for q in quotes if q["rank"] is not None
        ]
        _style(self)
