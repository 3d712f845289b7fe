"""Input shapes for the product pages. Forms validate and hand a dict to a service; they never save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from katalog.core.forms import QuantityField, RupiahAmountField
from katalog.regions.models import Region
from katalog.regions.selectors import region_choice_groups
from katalog.vendors.models import DocumentKind, Vendor, VendorDocument

from .models import Category, Certification, Product


def _category_choices() -> list:
    """Active categories grouped under their top level, each labelled with its path."""
    categories = list(Category.objects.filter(is_active=True).order_by("level", "position", "name"))
    children: dict[int | None, list[Category]] = {}
    for c in categories:
        children.setdefault(c.parent_id, []).append(c)

    def walk(node: Category, label: str, options: list) -> list:
        options.append((node.pk, label))
        for child in children.get(node.pk, []):
            walk(child, f"{label} › {child.name}", options)
        return options

    groups = [(root.name, walk(root, root.name, [])) for root in children.get(None, [])]
    return [("", "---------"), *groups]


def _region_choices() -> list:
    _province, local, other = region_choice_groups()
    return [
        ("", _("Imported or unknown origin")),
        (_("Regencies of the province"), local),
        (_("Elsewhere in Indonesia"), other),
    ]


class TkdnDocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: VendorDocument) -> str:
        parts = [obj.number]
        if obj.tkdn_pct is not None:
            parts.append(f"TKDN {obj.tkdn_pct}%")
        if obj.valid_until:
            parts.append(str(_("valid until %(date)s") % {"date": obj.valid_until.isoformat()}))
        return " · ".join(parts)


class ProductForm(forms.Form):
    sku = forms.CharField(
        label=_("SKU"), max_length=64, required=False,
        help_text=_("Your own product code. Leave empty and one is made for you."),
    )
    name = forms.CharField(label=_("Product name"), max_length=255)
    category = forms.ChoiceField(label=_("Category"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    unit = forms.CharField(label=_("Unit"), max_length=30, help_text=_("For example: piece, sheet, kg, box."))
    price_idr = RupiahAmountField(
        label=_("Unit price (Rp)"), min_value=0,
        help_text=_("Whole rupiah, the highest price you will charge per unit."),
    )
    min_order = QuantityField(label=_("Minimum order"), min_value=1, initial=1)
    capacity_per_month = QuantityField(label=_("Capacity per month"), min_value=1, required=False)
    origin_region = forms.ChoiceField(
        label=_("Origin regency"), required=False,
        help_text=_("Where the product is made. A product made in the province by a vendor of the province is local."),
    )
    tkdn_document = TkdnDocumentChoiceField(
        label=_("TKDN certificate"), queryset=VendorDocument.objects.none(), required=False,
        help_text=_("Add TKDN certificates in your business documents; the values come from the certificate."),
    )
    tkdn_pct = forms.DecimalField(label=_("TKDN (%)"), min_value=0, max_value=100, decimal_places=2, required=False)
    bmp_pct = forms.DecimalField(label=_("BMP (%)"), min_value=0, max_value=100, decimal_places=2, required=False)
    certifications = forms.MultipleChoiceField(
        label=_("Certifications"), choices=Certification.choices, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, vendor: Vendor, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.vendor = vendor
        if editing:
            del self.fields["sku"]
        self.fields["category"].choices = _category_choices()
        self.fields["origin_region"].choices = _region_choices()
        self.fields["tkdn_document"].queryset = VendorDocument.objects.filter(
            vendor=vendor, kind=DocumentKind.TKDN
        ).order_by("-valid_until", "number")
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)
            if name in ("price_idr", "min_order", "capacity_per_month"):
                widget.attrs.setdefault("inputmode", "numeric")

    @staticmethod
    def initial_for(product: Product) -> dict:
        return {
            "sku": product.sku,
            "name": product.name,
            "category": product.category_id,
            "description": product.description,
            "unit": product.unit,
            "price_idr": product.price_idr,
            "min_order": product.min_order,
            "capacity_per_month": product.capacity_per_month,
            "origin_region": product.origin_region_id or "",
            "tkdn_document": product.tkdn_document_id,
            "tkdn_pct": product.tkdn_pct,
            "bmp_pct": product.bmp_pct,
            "certifications": product.certifications,
        }

    def clean_category(self) -> Category:
        category = Category.objects.filter(pk=self.cleaned_data["category"]).first()
        if category is None:
            raise forms.ValidationError(_("Choose a category."))
        return category

    def clean_origin_region(self) -> Region | None:
        value = self.cleaned_data.get("origin_region")
        if not value:
            return None
        region = Region.objects.filter(pk=value).first()
        if region is None:
            raise forms.ValidationError(_("Choose a regency from the list."))
        return region

    def service_data(self) -> dict:
        """The cleaned values as `data` for product_create / product_update."""
        return {key: value for key, value in self.cleaned_data.items() if key in self.fields}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("The vendor sees this text and fixes the product before submitting again."),
    )


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo (JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png", "class": "form-control"}),
    )
