"""Upload forms of the import page: the file and the options as checkboxes. They never save."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from katalog.core.errors import DomainError
from katalog.core.tabular import XLSX_CONTENT_TYPE

from . import services

ACCEPT = f".csv,.xlsx,text/csv,{XLSX_CONTENT_TYPE}"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        validators=[FileExtensionValidator(["csv", "xlsx"], message=_("Choose a CSV or XLSX file."))],
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT, "class": "form-control"}),
    )
    skip_invalid = forms.BooleanField(
        label=_("Skip invalid rows"), required=False,
        help_text=_("Import the valid rows and list the others. Without it, one bad row stops the whole file."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > services.max_bytes():
            raise forms.ValidationError(
                _("The file is %(size).1f MB; at most %(max).0f MB can be imported at once.")
                % {"size": uploaded.size / 1_048_576, "max": services.max_bytes() / 1_048_576}
            )
        if uploaded.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return uploaded

    def options(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "file"}

    def add_domain_error(self, exc: DomainError) -> None:
        """Whatever stops an import is about the file: say so next to it."""
        self.add_error("file", exc.message)


class VendorImportForm(ImportForm):
    kind = "vendors"
    verified = forms.BooleanField(
        label=_("Mark the vendors as verified"), required=False,
        help_text=_("Only when a curator has already checked these businesses."),
    )

    field_order = ["file", "verified", "skip_invalid"]


class ProductImportForm(ImportForm):
    kind = "products"
    approve = forms.BooleanField(
        label=_("Mark the products as approved (tayang)"), required=False,
        help_text=_("Only when a curator has already checked these listings."),
    )
    create_categories = forms.BooleanField(
        label=_("Create unknown categories"), required=False,
        help_text=_("Otherwise a row naming a category that does not exist is refused."),
    )

    field_order = ["file", "approve", "create_categories", "skip_invalid"]


FORMS = {"vendors": VendorImportForm, "products": ProductImportForm}
