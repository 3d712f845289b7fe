"""Input shapes of the red-flag pages: the list's filters and a curator's dismissal. They never save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from katalog.core.forms import style_fields

from .models import FlagKind, FlagStatus
from .selectors import ALL_STATUSES
from .services import DISMISSAL_REASON_MAX_LENGTH


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Every kind")), *FlagKind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[*FlagStatus.choices, (ALL_STATUSES, _("Every status"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def filters(self) -> dict:
        """The filters to apply: the valid ones, open flags of every kind by default."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"kind": data.get("kind") or "", "status": data.get("status") or FlagStatus.OPEN}


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this flag dismissed?"), max_length=DISMISSAL_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded with your name; the flag stays dismissed at later checks."),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
