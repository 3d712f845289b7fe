"""Input shapes of the needs and opportunities pages. They validate and hand values to a service; they never save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from katalog.catalog.models import Category
from katalog.core.forms import QuantityField, optional_category, style_fields
from katalog.procurement.competitions.forms import RupiahField, _category_choices
from katalog.regions.models import Region
from katalog.regions.selectors import region_choice_groups


def _region_choices() -> list:
    province, home, others = region_choice_groups()
    return [("", "---------"), (province, [(str(pk), name) for pk, name in home]),
            (_("Other regions"), [(str(pk), name) for pk, name in others])]


class NeedForm(forms.Form):
    title = forms.CharField(label=_("What do you need?"), max_length=255,
                            help_text=_("For example: Kain tapis motif siger untuk cenderamata tamu."))
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=_("Material, size, quality, standards. Hard requirements such as “wajib TKDN+BMP ≥ 40%”, "
                    "“wajib UMKM Lampung” or “asal Pesawaran” are honoured by the matching."),
    )
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 help_text=_("Optional: without it, every category is searched."))
    quantity = QuantityField(label=_("Quantity"), min_value=1)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False,
                           help_text=_("For example: piece, sheet, package."))
    budget_idr = RupiahField(label=_("Total budget (Rp)"), required=False,
                             help_text=_("For the whole quantity. Products whose total price fits rank higher."))
    delivery_region = forms.ChoiceField(label=_("Regency of delivery"))
    needed_by = forms.DateField(label=_("Needed by"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    rup_code = forms.CharField(label=_("RUP code"), max_length=40, required=False,
                               help_text=_("The package's code in SIRUP, if it is planned there."))
    ref = forms.CharField(label=_("Your reference"), max_length=64, required=False,
                          help_text=_("Left empty, one is given (KEB-year-number)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()
        self.fields["delivery_region"].choices = _region_choices()
        self.fields["quantity"].widget.attrs["inputmode"] = "numeric"
        style_fields(self)

    def clean_category(self) -> Category | None:
        return optional_category(self.cleaned_data["category"])

    def clean_delivery_region(self) -> Region:
        region = Region.objects.filter(pk=self.cleaned_data["delivery_region"]).first()
        if region is None:
            raise forms.ValidationError(_("Choose the regency where it must be delivered."))
        return region

    @staticmethod
    def initial_of(need) -> dict:
        return {
            "title": need.title, "description": need.description, "category": need.category_id or "",
            "quantity": need.quantity, "unit": need.unit, "budget_idr": need.budget_idr,
            "delivery_region": need.delivery_region_id, "needed_by": need.needed_by, "rup_code": need.rup_code,
            "ref": need.ref,
        }


class CloseForm(forms.Form):
    fulfilled = forms.TypedChoiceField(
        label=_("Outcome"), coerce=lambda v: v == "1", empty_value=False,
        choices=[("1", _("Fulfilled: we bought it")), ("0", _("No longer needed"))],
    )
    reason = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class InterestForm(forms.Form):
    product_id = forms.TypedChoiceField(label=_("Your product"), coerce=int, empty_value=None, required=False)
    offered_unit_price_idr = RupiahField(
        label=_("Offered unit price (Rp)"), required=False,
        help_text=_("With a price this is an offer; without one, an expression of interest."),
    )
    message = forms.CharField(label=_("Message to the buyer"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)

    def __init__(self, *args, products: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_id"].choices = [("", _("No particular product"))] + [
            (str(p["id"]), f"{p['name']} ({p['sku']})") for p in products
        ]
        style_fields(self)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns: ref, buyer, buyer_type, title, description, category, quantity, unit, budget, "
                    "regency_code, needed_by. Nothing is imported while any row has an error."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx"
        style_fields(self)
