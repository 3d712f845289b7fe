"""Pages of mini-competitions: the lists, the competition page with its quotes, and the CSV of quotes.

The buttons of the competition page post to `actions.py`. What anybody sees of the quotes
comes only from `selectors.quotes_visible_to`, which keeps them sealed until the deadline;
these views never read a quote row themselves.
"""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from katalog.accounts import access
from katalog.core import clock
from katalog.core.errors import NotFoundError, PermissionDeniedError
from katalog.core.money import format_rupiah
from katalog.core.web import perform

from .. import preference
from ..models import Competition, CompetitionStatus
from ..selectors import orders_for_user
from . import selectors, services
from .forms import AwardForm, CompetitionForm, InviteForm, QuoteForm, ReasonForm

S = CompetitionStatus
PAGE_SIZE = 25


# ---- Access ----

def competition_or_404(request, pk: int) -> Competition:
    """The competition if the person may see it; a 404 otherwise (its existence is not disclosed)."""
    try:
        return selectors.competition_get_for(request.user, pk)
    except NotFoundError:
        raise Http404(_("No such mini-competition.")) from None


def buyer_competition_or_404(request, pk: int) -> Competition:
    """The competition for its buyer's PPK or pejabat pengadaan: 404 for outsiders, 403 for the others."""
    competition = competition_or_404(request, pk)
    try:
        selectors.require_buyer(request.user, competition)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from None
    return competition


def order_path(order_id: int) -> str:
    return reverse("procurement:order_detail", args=[order_id])


# ---- Lists ----

def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@require_GET
def competition_list(request):
    """The buyer organisation's mini-competitions (every one for curators)."""
    user = request.user
    if access.buyer_membership(user) is None and not access.is_curator(user):
        if access.vendor_membership(user) is not None:
            return redirect("competitions:quote_requests")
        raise PermissionDenied(_("This page is for buyers and curators."))
    status = request.GET.get("status", "")
    competitions = selectors.competition_list_for(user).annotate(
        invited=Count("invitations", distinct=True)
    ).order_by("-created_at", "-id")
    if status in S.values:
        competitions = competitions.filter(status=status)
    page = _page(request, competitions)
    return render(request, "procurement/competitions/list.html", {
        "page_obj": page, "rows": list(page), "status": status, "statuses": S.choices,
        "is_curator": access.is_curator(user), "may_create": access.buyer_membership(user) is not None,
        "now": clock.now(),
    })


@login_required
@require_GET
def quote_requests(request):
    """The mini-competitions the person's vendor is invited to: open ones first, or the closed ones."""
    membership = access.vendor_membership(request.user)
    if membership is None:
        raise PermissionDenied(_("This page is for vendor businesses."))
    now = clock.now()
    state = "closed" if request.GET.get("state") == "closed" else "open"
    invited = selectors.competition_list_for(request.user).filter(
        invitations__vendor__organisation_id=membership.organisation_id
    )
    open_filter = {"status": S.PUBLISHED, "deadline_at__gt": now}
    if state == "open":
        competitions = invited.filter(**open_filter).order_by("deadline_at", "id")
    else:
        competitions = invited.exclude(**open_filter).order_by("-deadline_at", "-id")
    page = _page(request, competitions)
    rows = list(page)
    quoted = selectors.competitions_quoted_by(request.user, [c.pk for c in rows])
    return render(request, "procurement/competitions/quote_requests.html", {
        "page_obj": page, "rows": [{"competition": c, "quoted": c.pk in quoted} for c in rows],
        "state": state, "now": now,
    })


# ---- Create and invite ----

@login_required
@require_http_methods(["GET", "POST"])
def competition_create(request):
    if access.buyer_membership(request.user) is None:
        raise PermissionDenied(_("Only a PPK or pejabat pengadaan may start a mini-competition."))
    now = clock.now()
    form = CompetitionForm(request.POST or None, initial={
        "budget_year": timezone.localdate(now).year, "quantity": 1, "budget_source": "apbd",
    })
    if request.method == "POST" and form.is_valid():
        done = perform(
            request, services.competition_create, form=form, actor=request.user, now=now,
            success=_("Draft saved. Now invite the vendors, then publish."), **form.cleaned_data,
        )
        if done:
            return redirect("competitions:invite", pk=done.result.pk)
    return render(request, "procurement/competitions/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def competition_invite(request, pk: int):
    competition = buyer_competition_or_404(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = perform(
            request, services.competition_invite, form=form, refusal_on_form=False, actor=request.user,
            competition_id=competition.pk, vendor_ids=form.cleaned_data["vendor_ids"], now=clock.now(),
            success=_("Invitations saved."),
        )
        if done or not done.on_form:
            return redirect("competitions:invite", pk=competition.pk)
    query = request.GET.get("q", "").strip()
    invitations = selectors.invitations_of(competition)
    invited_ids = {row["vendor_id"] for row in invitations}
    return render(request, "procurement/competitions/invite.html", {
        "competition": competition, "form": form, "query": query, "invitations": invitations,
        "invited_ids": invited_ids, "suggestions": [
            {**row, "max_tkdn": _pct(row["max_tkdn_pct"]),
             "preference_eligible": preference.preference_eligible(row["max_tkdn_pct"])}
            for row in selectors.suggest_vendors(competition.category, limit=15)
        ],
        "matches": selectors.vendors_matching(query), "min_vendors": settings.KATALOG["COMPETITION_MIN_VENDORS"],
        "verified_invited": sum(1 for row in invitations if row["is_verified"]),
        "may_invite": competition.status in {S.DRAFT, S.PUBLISHED} and clock.now() < competition.deadline_at,
    })


# ---- The competition page ----

def _pct(value) -> str:
    return preference.pct_text(value)


def _quote_row(row: dict, competition: Competition) -> dict:
    """A quote as the page and the CSV show it: the selector's data with percentages in words."""
    applied = bool(competition.preference_applied) and row["rank"] is not None and bool(row["kp_pct"])
    return {
        **row, "tkdn": _pct(row["tkdn_pct"]), "kp": _pct(row["kp_pct"]) if row["rank"] is not None else "",
        "preference_given": applied, "is_awarded": row["quote_id"] == competition.awarded_quote_id,
    }


def preference_reason(competition: Competition) -> str:
    """Why the evaluation did or did not use the price preference, in words."""
    katalog = settings.KATALOG
    minimum = format_rupiah(int(katalog["PREFERENCE_MIN_PACKAGE_IDR"]))
    value = competition.package_value_idr
    above = value is not None and value > int(katalog["PREFERENCE_MIN_PACKAGE_IDR"])
    if competition.preference_applied:
        if above:
            return _("The package value estimate of %(value)s is above %(minimum)s, so the price preference "
                     "applies (Perpres 16/2018 jo. 12/2021 Pasal 67).") % {"value": format_rupiah(value),
                                                                         "minimum": minimum}
        return _("The province applies the price preference to every local mini-competition.")
    if value is None:
        return _("No package value estimate was given and the province applies the price preference only above "
                 "%(minimum)s, so quotes are ranked by offered price.") % {"minimum": minimum}
    return _("The package value estimate of %(value)s is not above %(minimum)s, so quotes are ranked by offered "
             "price.") % {"value": format_rupiah(value), "minimum": minimum}


def product_options(vendor, competition: Competition) -> list[dict]:
    """The vendor's listed products a quote may name: those in the category, or all when none is."""
    products = list(selectors.listed_products_of_vendor(vendor, competition.category).order_by("name", "pk"))
    if not products:
        products = list(selectors.listed_products_of_vendor(vendor).order_by("name", "pk"))
    options = []
    for p in products:
        tkdn = _("TKDN %(pct)s") % {"pct": _pct(p.tkdn_pct)} if p.tkdn_pct is not None else _("no TKDN")
        options.append({"id": p.pk, "label": f"{p.name} · {p.sku} · {tkdn} · {format_rupiah(p.price_idr)}"})
    return options


def _quote_initial(own: dict | None) -> dict:
    if own is None:
        return {}
    return {"unit_price_idr": own["unit_price_idr"], "product_id": own["product_id"],
            "tkdn_pct": own["tkdn_pct"] if own["product_id"] is None else None, "notes": own["notes"]}


def competition_page(request, competition: Competition, *, quote_form=None, cancel_form=None, award_form=None,
                     status: int = 200):
    """Render the competition page for whoever asks; bound forms with errors are passed back in."""
    user, now = request.user, clock.now()
    is_buyer = selectors.is_buyer_of(user, competition)
    overseer = is_buyer or access.is_curator(user)
    vendor = None if overseer else selectors.invited_vendor_of(user, competition)
    seen = selectors.quotes_visible_to(user, competition, now=now)
    quotes = [_quote_row(row, competition) for row in seen["quotes"]]
    own = _quote_row(seen["own_quote"], competition) if seen["own_quote"] else None
    before_deadline = now < competition.deadline_at
    may_quote = vendor is not None and competition.status == S.PUBLISHED and before_deadline
    if may_quote and quote_form is None:
        quote_form = QuoteForm(initial=_quote_initial(own), products=product_options(vendor, competition))
    is_open = competition.status in {S.DRAFT, S.PUBLISHED}
    awarded_order = None
    if competition.status == S.AWARDED:
        awarded_order = orders_for_user(user).filter(competition_id=competition.pk).values("pk", "number").first()
        if awarded_order:
            awarded_order["path"] = order_path(awarded_order["pk"])
    ranked = seen["evaluated"] and any(q["rank"] is not None for q in quotes)
    return render(request, "procurement/competitions/detail.html", {
        "competition": competition, "now": now, "before_deadline": before_deadline, "seen": seen,
        "quotes": quotes, "own": own, "ranked": ranked, "is_buyer": is_buyer, "overseer": overseer,
        "vendor": vendor, "invitations": selectors.invitations_of(competition) if overseer else [],
        "min_vendors": settings.KATALOG["COMPETITION_MIN_VENDORS"],
        "preference_reason": preference_reason(competition) if ranked else "",
        "tkdn_min": _pct(preference.as_pct(settings.KATALOG["PREFERENCE_TKDN_MIN_PCT"])),
        "max_preference": _pct(preference.as_pct(settings.KATALOG["PREFERENCE_MAX_PCT"])),
        "may_invite": is_buyer and is_open and before_deadline,
        "may_publish": is_buyer and competition.status == S.DRAFT,
        "may_cancel": is_buyer and competition.status in {S.DRAFT, S.PUBLISHED, S.CLOSED},
        "may_evaluate": is_buyer and competition.status in {S.PUBLISHED, S.CLOSED} and not before_deadline,
        "may_award": is_buyer and competition.status == S.CLOSED and ranked,
        "quote_form": quote_form if may_quote else None,
        "cancel_form": cancel_form or ReasonForm(prefix="cancel"),
        "award_form": award_form or AwardForm(prefix="award", quotes=quotes),
        "awarded_order": awarded_order,
    }, status=status)


@login_required
@require_GET
def competition_detail(request, pk: int):
    return competition_page(request, competition_or_404(request, pk))


# ---- CSV of the quotes ----

CSV_COLUMNS = [
    "rank", "vendor", "product", "unit_price_idr", "quantity", "offered_total_idr", "tkdn_pct", "kp_pct",
    "evaluated_price_idr", "preference_given", "arithmetic", "revision", "submitted_at",
]


@login_required
@require_GET
def quotes_csv(request, pk: int):
    """The quotes (and ranking) the person may see, from `quotes_visible_to` only: while sealed, a vendor
    gets its own quote and the buyer and curators no row at all."""
    competition = competition_or_404(request, pk)
    seen = selectors.quotes_visible_to(request.user, competition, now=clock.now())
    rows = seen["quotes"] or ([seen["own_quote"]] if seen["own_quote"] else [])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        shown = _quote_row(row, competition)
        writer.writerow([
            row["rank"] or "", row["vendor_name"], row["product_name"], row["unit_price_idr"], row["quantity"],
            row["offered_total_idr"], "" if row["tkdn_pct"] is None else row["tkdn_pct"],
            "" if row["kp_pct"] is None else row["kp_pct"], row["evaluated_price_idr"] or "",
            ("yes" if shown["preference_given"] else "no") if row["rank"] is not None else "", row["explanation"],
            row["revision"], timezone.localtime(row["submitted_at"]).isoformat(),
        ])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kompetisi-{competition.pk}-penawaran.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
