"""Input shapes for the cart and the order pages. They check shape only; the services check the rules and save.

Every action form is built from the order page's plain data (`order`) and posted with the action's
name as its prefix, so several forms on one page never share a field id.
"""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from katalog.catalog.models import Product
from katalog.core import clock
from katalog.core.forms import QuantityField, RupiahAmountField
from katalog.vendors.forms import BootstrapMixin

from .models import Addendum, BudgetSource

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORE_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(1, 6)]


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


# ---- The cart ----

class AddToCartForm(StyledForm):
    sku = forms.CharField(max_length=64, widget=forms.HiddenInput)
    quantity = QuantityField(label=_("Quantity"), min_value=1, initial=1)


class CartQuantityForm(StyledForm):
    quantity = QuantityField(label=_("Quantity"), min_value=0)


class CheckoutForm(StyledForm):
    title = forms.CharField(label=_("Package name"), max_length=255)
    delivery_address = forms.CharField(label=_("Delivery address"), widget=forms.Textarea(attrs={"rows": 2}))
    delivery_date = forms.DateField(label=_("Delivery date"), widget=DATE_WIDGET)
    budget_source = forms.ChoiceField(label=_("Budget source"), choices=[("", "—"), *BudgetSource.choices])
    budget_year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)
    rup_code = forms.CharField(
        label=_("RUP code"), max_length=40, required=False,
        help_text=_("The package's code in the procurement plan (SIRUP), where it has one."),
    )
    notes = forms.CharField(label=_("Notes for the vendor"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # One key per form shown: a double click or a resent form creates the order once.
    idempotency_key = forms.CharField(max_length=120, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("idempotency_key", uuid.uuid4().hex)
        kwargs["initial"].setdefault("budget_year", clock.today().year)
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in (
            "title", "delivery_address", "delivery_date", "budget_source", "budget_year", "rup_code", "notes",
        )} | {"idempotency_key": data["idempotency_key"]}


# ---- Order actions ----

class OrderActionForm(StyledForm):
    """A form about one order; `service_kwargs()` gives the service's arguments besides actor, ids and now."""

    line_field_names: list[str] = []

    def __init__(self, *args, order: dict, **kwargs):
        self.order = order
        super().__init__(*args, **kwargs)

    def _line_fields(self, prefix: str, lines, make) -> None:
        for line in lines:
            self.fields[f"{prefix}_{line['id']}"] = make(line)
        self.line_field_names = [f"{prefix}_{line['id']}" for line in lines]

    def line_fields(self):
        """(line, bound field) pairs, for table-shaped forms."""
        by_id = {line["id"]: line for line in self.order["lines"]}
        return [(by_id[int(name.rsplit("_", 1)[1])], self[name]) for name in self.line_field_names]

    def _per_line(self) -> dict[int, int]:
        return {
            int(name.rsplit("_", 1)[1]): self.cleaned_data[name]
            for name in self.line_field_names if self.cleaned_data.get(name) is not None
        }

    def service_kwargs(self) -> dict:
        return {}


class ConfirmForm(OrderActionForm):
    """An action with nothing to enter (approve, accept, complete)."""


class ReasonForm(OrderActionForm):
    # Required by the services, which say so next to the field.
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def service_kwargs(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}


class LinesForm(OrderActionForm):
    """Quantities of a draft's lines; 0 removes a line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._line_fields("quantity", self.order["lines"], lambda line: QuantityField(
            label=line["name"], min_value=0, initial=line["quantity"],
            widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "style": "max-width: 8rem"}),
        ))

    def service_kwargs(self) -> dict:
        """(product, quantity) pairs of the lines kept, in their order."""
        by_line = {line["id"]: line["product_id"] for line in self.order["lines"]}
        kept = {by_line[line_id]: q for line_id, q in self._per_line().items() if q > 0}
        products = Product.objects.in_bulk(list(kept))
        return {"lines": [(products[product_id], quantity) for product_id, quantity in kept.items()]}


class SendForm(OrderActionForm):
    negotiate = forms.BooleanField(
        label=_("Negotiate the unit prices with the vendor first"), required=False,
        help_text=_("Your offer below goes to the vendor; unchanged prices stay at the catalogue price."),
    )
    local_justification = forms.CharField(
        label=_("Why not a Produk Lokal Lampung?"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
    )
    pdn_justification = forms.CharField(
        label=_("Why a product with TKDN + BMP below 40%?"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, needs: set[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ("local", "pdn"):
            if kind not in needs:
                del self.fields[f"{kind}_justification"]
        self._line_fields("price", self.order["lines"], _price_field)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        negotiate = bool(data["negotiate"])
        return {
            "negotiate": negotiate,
            "local_justification": data.get("local_justification", ""),
            "pdn_justification": data.get("pdn_justification", ""),
            "unit_prices": self._per_line() if negotiate else None,
        }


def _price_field(line: dict, initial=None) -> forms.IntegerField:
    return RupiahAmountField(
        label=line["name"], min_value=0, required=False, initial=line["unit_price_idr"] if initial is None else initial,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "style": "max-width: 11rem"}),
    )


class OfferForm(OrderActionForm):
    message = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = self.order["offers"][-1]["unit_prices"] if self.order["offers"] else {}
        self._line_fields("price", self.order["lines"], lambda line: _price_field(
            line, latest.get(str(line["id"]), line["unit_price_idr"])
        ))

    def service_kwargs(self) -> dict:
        return {"unit_prices": self._per_line(), "message": self.cleaned_data["message"]}


class SpIssueForm(OrderActionForm):
    terms = forms.CharField(
        label=_("Extra terms (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
    )

    def service_kwargs(self) -> dict:
        return {"terms": self.cleaned_data["terms"]}


class DeliveryForm(OrderActionForm):
    carrier = forms.CharField(label=_("Carrier / waybill"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        open_lines = [line for line in self.order["lines"] if line.get("open_quantity", 0) > 0]
        self._line_fields("quantity", open_lines, lambda line: QuantityField(
            label=line["name"], min_value=0, max_value=line["open_quantity"], required=False,
            initial=line["open_quantity"],
            widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "style": "max-width: 8rem"}),
        ))

    def service_kwargs(self) -> dict:
        return {"quantities": self._per_line(), "carrier": self.cleaned_data["carrier"]}


class BastForm(OrderActionForm):
    delivery = forms.TypedChoiceField(label=_("Shipment"), coerce=int)
    number = forms.CharField(label=_("BAST number"), max_length=60, required=False)
    function_ok = forms.BooleanField(label=_("Works as specified (function)"), required=False)
    quantity_ok = forms.BooleanField(label=_("Quantities as shipped"), required=False)
    on_time = forms.BooleanField(label=_("Delivered on time"), required=False)
    non_conformity = forms.CharField(
        label=_("Non-conformity"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when a check fails; those quantities must then be shipped again."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery"].choices = [
            (d["id"], _("Shipment %(n)s") % {"n": d["sequence"]})
            for d in self.order["deliveries"] if d["bast"] is None
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"delivery_id": data["delivery"]} | {
            name: data[name] for name in ("number", "function_ok", "quantity_ok", "on_time", "non_conformity")
        }


class PaymentForm(OrderActionForm):
    amount_idr = RupiahAmountField(label=_("Amount (Rp)"), min_value=1)
    paid_date = forms.DateField(label=_("Payment date"), widget=DATE_WIDGET)
    reference = forms.CharField(
        label=_("Reference"), max_length=120, required=False, help_text=_("For example the SP2D number."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount_idr"].initial = self.order["total_idr"] - self.order["paid_idr"]
        self.fields["paid_date"].initial = clock.today()

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("amount_idr", "paid_date", "reference")}


class RatingForm(OrderActionForm):
    delivery_time = forms.TypedChoiceField(label=_("Delivery time"), choices=SCORE_CHOICES, coerce=int)
    quality = forms.TypedChoiceField(label=_("Quality"), choices=SCORE_CHOICES, coerce=int)
    fit_to_spec = forms.TypedChoiceField(label=_("Fit to specification"), choices=SCORE_CHOICES, coerce=int)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("delivery_time", "quality", "fit_to_spec", "comment")}


class AddendumProposeForm(OrderActionForm):
    """Only what is filled in changes; an empty quantity keeps the line as it is."""

    delivery_date = forms.DateField(label=_("New delivery date"), required=False, widget=DATE_WIDGET)
    change_terms = forms.BooleanField(label=_("Change the extra terms"), required=False)
    terms = forms.CharField(label=_("New extra terms"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._line_fields("quantity", self.order["lines"], lambda line: QuantityField(
            label=line["name"], min_value=1, required=False,
            widget=forms.NumberInput(attrs={
                "class": "form-control form-control-sm", "style": "max-width: 8rem", "placeholder": line["quantity"],
            }),
        ))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        current = {line["id"]: line["quantity"] for line in self.order["lines"]}
        changes: dict = {}
        quantities = {k: v for k, v in self._per_line().items() if v != current[k]}
        if quantities:
            changes["quantities"] = quantities
        if data["delivery_date"] and data["delivery_date"] != self.order["delivery_date"]:
            changes["delivery_date"] = data["delivery_date"]
        if data["change_terms"]:
            changes["terms"] = data["terms"]
        return {"changes": changes, "reason": data["reason"]}


class AddendumDecideForm(OrderActionForm):
    addendum = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (required to reject)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pending = [a["id"] for a in self.order["addenda"] if a["status"] == Addendum.Status.PROPOSED]
        self.fields["addendum"].choices = [(pk, pk) for pk in pending]
        if pending:
            self.fields["addendum"].initial = pending[0]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"addendum_id": data["addendum"], "accept": data["decision"] == "accept", "reason": data["reason"]}
