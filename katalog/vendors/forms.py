"""Input shapes for the vendor pages. They check shape only; the services check the rules and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from katalog.core import web
from katalog.core.errors import DomainError
from katalog.regions.models import Region
from katalog.regions.selectors import region_choice_groups

from .identifiers import IdentifierError, normalise_nib, normalise_npwp, parse_kbli
from .models import BusinessScale, DocumentKind, TkdnScheme, VendorStatus
from .states import FIELDS_EDITABLE_WHEN_VERIFIED


class BootstrapMixin:
    """Bootstrap classes on every widget, and a way to show a service's field errors on the form."""

    field_aliases: dict[str, str] = {}

    def _style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                css = "form-select"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                described = [f"id_{self.add_prefix(name)}_error"]
                if self.fields[name].help_text:
                    described.append(f"id_{self.add_prefix(name)}_helptext")
                attrs["aria-describedby"] = " ".join(described)

    def add_domain_error(self, exc: DomainError) -> None:
        """Put each message next to its field; messages about no known field go on top of the form."""
        web.add_domain_error(self, exc, aliases=self.field_aliases)
        self._mark_invalid()


def region_field_choices() -> list:
    """Home-province regencies first, in their own group, then the other regions."""
    province, home_group, other_group = region_choice_groups()
    return [("", _("Choose…")), (province, home_group), (_("Other regions"), other_group)]


class BusinessFieldsMixin(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Business name"), max_length=255)
    nib = forms.CharField(
        label=_("NIB"), max_length=20, help_text=_("13 digits, from OSS."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    npwp = forms.CharField(
        label=_("NPWP"), max_length=25, help_text=_("16 digits, or the old 15 digits; dots and dashes are fine."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    scale = forms.ChoiceField(
        label=_("Business scale"), choices=[("", _("Choose…")), *BusinessScale.choices],
        help_text=_("As on your NIB (PP 7/2021); see the table of criteria."),
    )
    region = forms.TypedChoiceField(label=_("Regency/city"), coerce=int, choices=())
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    kbli = forms.CharField(
        label=_("KBLI codes"), max_length=500,
        help_text=_("KBLI 2020 codes of 5 digits, separated by semicolons, e.g. 10792; 13921."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    contact_email = forms.EmailField(label=_("Business email"), required=False)
    description = forms.CharField(
        label=_("About the business"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def _identifier(self, name: str, check):
        """Check an identifier here too, so every wrong field is shown at once; the service checks again."""
        value = self.cleaned_data.get(name)
        if self.fields[name].disabled or not value:
            return value
        try:
            check(value)
        except IdentifierError as exc:
            raise forms.ValidationError(str(exc)) from None
        return value

    def clean_nib(self):
        return self._identifier("nib", normalise_nib)

    def clean_npwp(self):
        return self._identifier("npwp", normalise_npwp)

    def clean_kbli(self):
        return self._identifier("kbli", parse_kbli)

    def _init_region(self) -> None:
        self.fields["region"].choices = region_field_choices()

    def business_data(self) -> dict:
        """The business dict the services expect (region as a Region instance)."""
        data = {key: self.cleaned_data[key] for key in (
            "name", "nib", "npwp", "scale", "address", "kbli", "contact_name", "contact_phone",
            "contact_email", "description",
        ) if key in self.cleaned_data}
        region_id = self.cleaned_data.get("region")
        if region_id is not None:
            data["region"] = Region.objects.filter(pk=region_id).first()
        return data


class RegistrationForm(BusinessFieldsMixin):
    username = forms.CharField(
        label=_("Username"), max_length=150, help_text=_("Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    person_name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label=_("Password"), strip=False,
        help_text=_("At least 8 characters; not only digits, not a common word, not like your name."), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    field_aliases = {"password": "password1"}
    person_fields = ("username", "person_name", "email", "password1", "password2")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_region()
        self._style()

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data

    def person_fields_list(self):
        return [self[name] for name in self.person_fields]


class ProfileForm(BusinessFieldsMixin):
    """The business profile; identity fields are locked once the business is verified (except for curators)."""

    def __init__(self, *args, vendor, may_edit_identity: bool, **kwargs):
        kwargs.setdefault("initial", {
            "name": vendor.name, "nib": vendor.nib, "npwp": vendor.npwp, "scale": vendor.scale,
            "region": vendor.region_id, "address": vendor.address, "kbli": "; ".join(vendor.kbli or []),
            "contact_name": vendor.contact_name, "contact_phone": vendor.contact_phone,
            "contact_email": vendor.contact_email, "description": vendor.description,
        })
        super().__init__(*args, **kwargs)
        self._init_region()
        if vendor.status == VendorStatus.VERIFIED and not may_edit_identity:
            for name, field in self.fields.items():
                if name not in FIELDS_EDITABLE_WHEN_VERIFIED:
                    field.disabled = True
                    field.help_text = _("Verified; ask a curator to change it.")
        self._style()

    def changed_business_data(self) -> dict:
        """Only the fields a person could edit (disabled fields keep their stored value)."""
        data = self.business_data()
        return {key: value for key, value in data.items() if not self.fields[key].disabled}


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Choose…")), *DocumentKind.choices])
    number = forms.CharField(label=_("Number"), max_length=100)
    issuer = forms.CharField(
        label=_("Issued by"), max_length=150, help_text=_("E.g. BPJPH, BPOM, Kemenperin, Dinas Kesehatan.")
    )
    issued_date = forms.DateField(label=_("Issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if the document does not expire."),
    )
    covers = forms.CharField(label=_("Product(s) covered"), max_length=255, required=False)
    tkdn_pct = forms.CharField(
        label=_("TKDN (%)"), required=False, max_length=10, help_text=_("TKDN certificates only."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    bmp_pct = forms.CharField(
        label=_("BMP (%)"), required=False, max_length=10, help_text=_("TKDN certificates only; at most 15%."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    tkdn_scheme = forms.ChoiceField(
        label=_("TKDN scheme"), required=False, choices=[("", "—"), *TkdnScheme.choices],
    )
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def document_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in (
            "kind", "number", "issuer", "issued_date", "valid_until", "covers", "tkdn_pct", "bmp_pct", "tkdn_scheme",
        )}


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        if help_text:
            self.fields["reason"].help_text = help_text
        self._style()


class VendorFilterForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *VendorStatus.choices])
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

