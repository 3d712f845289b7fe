"""The buttons of the competition page: publish, cancel, evaluate, award (buyer) and quote (vendor).

Each posts, makes one service call through `perform`, and goes back to the competition page; a form
with errors is shown again on that page. The server's clock decides every deadline.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from katalog.core import clock
from katalog.core.web import perform

from . import selectors, services
from .forms import AwardForm, QuoteForm, ReasonForm
from .views import (
    buyer_competition_or_404,
    competition_or_404,
    competition_page,
    order_path,
    product_options,
)


def _back(competition, anchor: str = ""):
    return redirect(reverse("competitions:detail", args=[competition.pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def publish(request, pk: int):
    competition = buyer_competition_or_404(request, pk)
    perform(
        request, services.competition_publish, actor=request.user, competition_id=competition.pk, now=clock.now(),
        success=_("Published: the invited vendors may now send their quotes until the deadline."),
    )
    return _back(competition)


@login_required
@require_POST
def cancel(request, pk: int):
    competition = buyer_competition_or_404(request, pk)
    form = ReasonForm(request.POST, prefix="cancel")
    if form.is_valid():
        done = perform(
            request, services.competition_cancel, form=form, refusal_on_form=False, actor=request.user,
            competition_id=competition.pk, reason=form.cleaned_data["reason"], now=clock.now(),
            success=_("The mini-competition is cancelled."),
        )
        if not done.on_form:
            return _back(competition)
    return competition_page(request, competition, cancel_form=form, status=422)


@login_required
@require_POST
def evaluate(request, pk: int):
    competition = buyer_competition_or_404(request, pk)
    perform(
        request, services.competition_evaluate, actor=request.user, competition_id=competition.pk, now=clock.now(),
        success=_("Quotes evaluated: the ranking and its arithmetic are below."),
    )
    return _back(competition, "ranking")


@login_required
@require_POST
def award(request, pk: int):
    competition = buyer_competition_or_404(request, pk)
    quotes = selectors.quotes_visible_to(request.user, competition, now=clock.now())["quotes"]
    form = AwardForm(request.POST, prefix="award", quotes=quotes)
    if form.is_valid():
        done = perform(
            request, services.competition_award, form=form, refusal_on_form=False, actor=request.user,
            competition_id=competition.pk, quote_id=form.cleaned_data["quote_id"],
            reason=form.cleaned_data["reason"], now=clock.now(),
            success=lambda order: _("Awarded. Order %(number)s is a draft: check it and send it on.")
            % {"number": order.number},
        )
        if done:
            return redirect(order_path(done.result.pk))
        if not done.on_form:
            return _back(competition, "ranking")
    return competition_page(request, competition, award_form=form, status=422)


@login_required
@require_POST
def quote(request, pk: int):
    competition = competition_or_404(request, pk)
    vendor = selectors.invited_vendor_of(request.user, competition)
    if vendor is None:  # the buyer or a curator who happens to see the page
        return _back(competition)
    form = QuoteForm(request.POST, products=product_options(vendor, competition))
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request, services.quote_submit, form=form, refusal_on_form=False, actor=request.user,
            competition_id=competition.pk, unit_price_idr=data["unit_price_idr"], product_id=data["product_id"],
            tkdn_pct=data["tkdn_pct"], notes=data["notes"], now=clock.now(),
            success=_("Your quote is saved and sealed until the deadline. You may replace it until then."),
        )
        if not done.on_form:
            return _back(competition, "my-quote")
    return competition_page(request, competition, quote_form=form, status=422)
