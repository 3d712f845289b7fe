"""Order pages: the list (/pesanan/), one order (/pesanan/<id>/) and its actions (one POST address each).

Each action is a row of ACTIONS: its form and its service. The view parses the form, makes the one
service call through `perform`, and goes back to the order; a refusal shows the service's message,
bad input shows the page again with the form's errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from katalog.core import clock
from katalog.core.errors import NotFoundError
from katalog.core.web import perform

from . import order_forms as f
from . import order_pages, services


@dataclass(frozen=True)
class Action:
    slug: str  # the last part of the action's address, in Indonesian
    form: type[f.OrderActionForm]
    service: Callable
    success: object
    title: object
    button: object
    style: str = "primary"  # Bootstrap button colour
    line_label: object = ""  # the column of per-line inputs, for table-shaped forms
    by_order_id: bool = True  # False: the form names the delivery or addendum itself


ACTIONS: dict[str, Action] = {
    "edit_lines": Action("ubah-barang", f.LinesForm, services.order_update_lines, _("The lines are saved."),
                         _("Change quantities"), _("Save the lines"), "outline-primary", _("Quantity")),
    "send": Action("kirim", f.SendForm, services.order_send, _("The order is sent."),
                   _("Send the order"), _("Send"), "success", _("Your first offer (Rp per unit)")),
    "offer_accept": Action("terima-tawaran", f.ConfirmForm, services.offer_accept,
                           _("The offer is accepted; its prices are now the order's."),
                           _("Accept the latest offer"), _("Accept these prices"), "success"),
    "offer": Action("tawar", f.OfferForm, services.offer_make, _("Your offer is sent."),
                    _("Make a counter-offer"), _("Send the offer"), "outline-primary", _("Unit price (Rp)")),
    "approve": Action("setujui", f.ConfirmForm, services.order_approve, _("The order is approved."),
                      _("Approve the order (PPK)"), _("Approve"), "success"),
    "reject": Action("tolak", f.ReasonForm, services.order_reject, _("The order is rejected."),
                     _("Reject the order (PPK)"), _("Reject"), "outline-danger"),
    "sp_issue": Action("terbitkan-sp", f.SpIssueForm, services.sp_issue,
                       _("The Surat Pesanan is issued and signed; the vendor is asked to accept it."),
                       _("Issue and sign the Surat Pesanan"), _("Issue and sign"), "success"),
    "vendor_accept": Action("terima", f.ConfirmForm, services.order_accept_by_vendor,
                            _("You accepted the Surat Pesanan."), _("Accept the Surat Pesanan"),
                            _("Accept and sign"), "success"),
    "deliver": Action("kirim-barang", f.DeliveryForm, services.delivery_record, _("The shipment is recorded."),
                      _("Record a shipment"), _("Record the shipment"), "primary", _("Quantity shipped")),
    "bast": Action("bast", f.BastForm, services.bast_sign, _("The BAST is signed."),
                   _("Inspect and sign the BAST"), _("Sign the BAST"), "success", by_order_id=False),
    "pay": Action("bayar", f.PaymentForm, services.payment_record, _("The payment is recorded."),
                  _("Record a payment"), _("Record the payment"), "success"),
    "complete": Action("selesai", f.ConfirmForm, services.order_complete, _("The order is completed."),
                       _("Complete the order"), _("Complete"), "success"),
    "rate": Action("nilai", f.RatingForm, services.rating_record, _("Thank you for rating the vendor."),
                   _("Rate the vendor"), _("Save the rating"), "primary"),
    "addendum_propose": Action("adendum", f.AddendumProposeForm, services.addendum_propose,
                               _("The addendum is proposed to the other side."), _("Propose an addendum"),
                               _("Propose"), "outline-primary", _("New quantity")),
    "addendum_decide": Action("adendum-putusan", f.AddendumDecideForm, services.addendum_decide,
                              _("Your decision on the addendum is recorded."), _("Decide on the addendum"),
                              _("Accept"), "success", by_order_id=False),
    "decline": Action("tolak-pesanan", f.ReasonForm, services.order_decline, _("The order is declined."),
                      _("Decline the order"), _("Decline"), "outline-danger"),
    "cancel": Action("batalkan", f.ReasonForm, services.order_cancel, _("The order is cancelled."),
                     _("Cancel the order"), _("Cancel the order"), "outline-danger"),
}


def _page_or_404(request, pk: int) -> dict:
    try:
        return order_pages.order_page(request.user, pk, now=clock.now())
    except NotFoundError:
        raise Http404 from None


def _form(name: str, page: dict, data=None) -> f.OrderActionForm:
    extra = {"needs": set(page["justification"])} if name == "send" else {}
    return ACTIONS[name].form(data, order=page["order"], prefix=name, **extra)


def _render(request, page: dict, *, bound: dict | None = None):
    bound = bound or {}
    action_forms = [
        {
            "name": name, "spec": ACTIONS[name], "form": bound[name] if name in bound else _form(name, page),
            "url": reverse(f"procurement:order_{name}", args=[page["order"]["id"]]),
        }
        for name in page["actions"]
    ]
    return render(request, "procurement/orders/detail.html", {**page, "action_forms": action_forms})


@login_required
@require_GET
def order_list(request):
    data = order_pages.order_list_page(request.user, tab=request.GET.get("tab", ""), page=request.GET.get("page"))
    return render(request, "procurement/orders/list.html", data)


@login_required
@require_GET
def order_detail(request, pk: int):
    return _render(request, _page_or_404(request, pk))


@login_required
@require_POST
def order_action(request, pk: int, action: str):
    spec = ACTIONS[action]
    page = _page_or_404(request, pk)
    form = _form(action, page, request.POST)
    if not form.is_valid():
        if action in page["actions"]:
            return _render(request, page, bound={action: form})
        messages.error(request, gettext("This cannot be done on this order now."))
        return redirect("procurement:order_detail", pk=pk)
    kwargs = form.service_kwargs()
    if spec.by_order_id:
        kwargs["order_id"] = pk
    done = perform(
        request, spec.service, form=form, refusal_on_form=False, success=str(spec.success),
        actor=request.user, now=clock.now(), **kwargs,
    )
    if done.on_form:
        page = order_pages.order_page(request.user, pk, now=clock.now())
        if action in page["actions"]:
            return _render(request, page, bound={action: form})
        # Not an action this person has on the page: the form is not shown, so its errors become a message.
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("procurement:order_detail", pk=pk)
