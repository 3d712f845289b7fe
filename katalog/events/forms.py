"""Input shapes of the events, schedule and commitment pages. They validate and hand values to a service;
they never save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from katalog.catalog.models import Category
from katalog.core.forms import optional_category, style_fields
from katalog.procurement.competitions.forms import RupiahField, _category_choices

from .services import MAX_SLOTS


class EventForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    venue = forms.CharField(label=_("Venue"), max_length=255)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    start_time = forms.TimeField(label=_("First meeting starts at"), widget=forms.TimeInput(attrs={"type": "time"}),
                                 help_text=_("Local time (WIB)."))
    slot_minutes = forms.IntegerField(label=_("Meeting length (minutes)"), min_value=5, max_value=240)
    break_minutes = forms.IntegerField(label=_("Pause between meetings (minutes)"), min_value=0, max_value=240,
                                       initial=0)
    slot_count = forms.IntegerField(label=_("Number of meeting rounds"), min_value=1, max_value=MAX_SLOTS)
    table_count = forms.IntegerField(label=_("Number of tables"), min_value=1, max_value=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    @staticmethod
    def initial_of(event) -> dict:
        return {"name": event.name, "date": event.date, "venue": event.venue, "description": event.description,
                "start_time": event.start_time, "slot_minutes": event.slot_minutes,
                "break_minutes": event.break_minutes, "slot_count": event.slots.count(),
                "table_count": event.table_count}


class RegistrationForm(forms.Form):
    max_meetings = forms.IntegerField(
        label=_("At most this many meetings"), min_value=1, max_value=MAX_SLOTS, required=False,
        help_text=_("Leave empty to meet as many matching partners as the rounds allow."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class InviteForm(forms.Form):
    organisation_ids = forms.TypedMultipleChoiceField(label=_("Invite"), coerce=int,
                                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates: dict, **kwargs):
        super().__init__(*args, **kwargs)
        rows = candidates["buyers"] + candidates["vendors"]
        self.fields["organisation_ids"].choices = [(str(r["organisation_id"]), r["name"]) for r in rows
                                                   if not r["registered"]]


class MeetingMoveForm(forms.Form):
    slot_id = forms.TypedChoiceField(label=_("Round"), coerce=int)
    table = forms.TypedChoiceField(label=_("Table"), coerce=int)

    def __init__(self, *args, slots: list[dict], table_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot_id"].choices = [(str(s["id"]), s["label"]) for s in slots]
        self.fields["table"].choices = [(str(t), str(t)) for t in range(1, table_count + 1)]
        style_fields(self)


class MeetingAddForm(MeetingMoveForm):
    buyer_registration_id = forms.IntegerField(widget=forms.HiddenInput)
    vendor_registration_id = forms.IntegerField(widget=forms.HiddenInput)


class CommitmentForm(forms.Form):
    event_id = forms.TypedChoiceField(label=_("Event"), coerce=int, empty_value=None, required=False,
                                      help_text=_("The matching event where it was agreed, if any."))
    vendor_code = forms.CharField(label=_("Vendor code"), max_length=32,
                                  help_text=_("As shown on the vendor's page and in your schedule."))
    description = forms.CharField(label=_("Items or description"), widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 help_text=_("Optional: orders in this category are suggested first."))
    value_idr = RupiahField(label=_("Committed value (Rp)"))
    expected_purchase_date = forms.DateField(label=_("Expected purchase date"),
                                             widget=forms.DateInput(attrs={"type": "date"}))
    rup_code = forms.CharField(label=_("RUP code"), max_length=40, required=False)

    def __init__(self, *args, events: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_id"].choices = [("", _("Outside any event"))] + [
            (str(e.pk), f"{e.name} ({e.date:%d-%m-%Y})") for e in events]
        self.fields["category"].choices = _category_choices()
        self.fields["vendor_code"].widget.attrs["list"] = "vendors-met"
        style_fields(self)

    def clean_category(self) -> Category | None:
        return optional_category(self.cleaned_data["category"])


class LinkOrderForm(forms.Form):
    order_id = forms.IntegerField(widget=forms.HiddenInput)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
