"""Who must act next, told: after an order or a mini-competition changes, the people it now waits on
get a notification in the app and by e-mail.

The services schedule these functions with `transaction.on_commit`, so a refused or rolled-back change
tells nobody. The actor is never told about their own act. Texts are written in the site's language,
because the e-mail copy goes out in the same words whoever is logged in when it is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from katalog.accounts.models import Membership, User
from katalog.audit.services import audit_record
from katalog.core.money import format_rupiah
from katalog.notifications.services import notify

from .models import (
    Addendum,
    Competition,
    CompetitionInvitation,
    CompetitionStatus,
    NegotiationOffer,
    Order,
    OrderStatus,
)

S = OrderStatus
Side = NegotiationOffer.Side


def later(function: Callable, /, **kwargs) -> None:
    """Run `function(**kwargs)` once the current transaction commits; its failure never undoes the change."""
    transaction.on_commit(partial(function, **kwargs), robust=True)


# ---- Where the notification leads ----

def order_url(order_id: int) -> str:
    return reverse("procurement:order_detail", args=[order_id])


def competition_url(competition_id: int) -> str:
    return reverse("competitions:detail", args=[competition_id])


# ---- Who ----

def _members(organisation_ids, roles) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, memberships__organisation_id__in=list(organisation_ids), memberships__role__in=roles
        ).distinct()
    )


def vendor_people(vendor_organisation_ids) -> list[User]:
    return _members(vendor_organisation_ids, Membership.VENDOR_ROLES)


def ppks_of(organisation_id: int) -> list[User]:
    return _members([organisation_id], {Membership.Role.BUYER_PPK})


def buyer_people(organisation_id: int, *handlers) -> list[User]:
    """The buyer's people handling this order (its creator, its PPK) while they still act for the
    organisation; every PPK and pejabat pengadaan of it when none of them does."""
    everyone = _members([organisation_id], Membership.BUYER_ROLES)
    handling = {getattr(u, "pk", u) for u in handlers if u is not None}
    chosen = [u for u in everyone if u.pk in handling]
    return chosen or everyone


def _order_buyers(order: Order) -> list[User]:
    return buyer_people(order.buyer_organisation_id, order.created_by_id, order.ppk_id)


def _send(people, *, actor_id: int | None, kind: str, title: str, body: str, url: str, target, now) -> int:
    recipients = [u for u in people if u.pk != actor_id]
    return len(notify(recipients, kind=kind, title=title, body=body, url=url, now=now, target=target))


def _in_site_language(build: Callable[[], tuple[str, str]]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        title, body = build()
        return str(title), str(body)


# ---- Orders: after the order enters a status ----

def _order_text(order: Order, status: str, reason: str) -> tuple[list[str], str, str] | None:
    """(who: "buyer", "ppk", "vendor"; title; body) for an order that has just entered `status`."""
    values = {
        "number": order.number, "title": order.title, "buyer": order.buyer_organisation.name,
        "vendor": order.vendor.name, "total": format_rupiah(order.total_idr), "sp": order.sp_number,
        "reason": reason or order.status_reason,
    }
    ended = _("Reason: %(reason)s") % values
    rules = {
        S.NEGOTIATING: (["vendor"], _("Order %(number)s: the buyer asks to negotiate the prices"),
                        _("%(buyer)s sent “%(title)s” (%(total)s) for negotiation. Answer with a counter-offer "
                          "or accept the buyer's prices.")),
        S.AWAITING_APPROVAL: (["ppk"], _("Order %(number)s waits for the PPK's approval"),
                              _("“%(title)s” from %(vendor)s (%(total)s) is above the pejabat pengadaan's limit. "
                                "Approve or reject it.")),
        S.APPROVED: (["ppk"], _("Order %(number)s: issue the Surat Pesanan"),
                     _("“%(title)s” from %(vendor)s (%(total)s) is approved. Issue and sign the Surat Pesanan.")),
        S.AWAITING_VENDOR: (["vendor"], _("Order %(number)s: Surat Pesanan %(sp)s waits for you"),
                            _("%(buyer)s issued a Surat Pesanan for “%(title)s” (%(total)s). Accept or decline "
                              "it.")),
        S.ACCEPTED: (["buyer"], _("Order %(number)s was accepted by the vendor"),
                     _("%(vendor)s accepted the Surat Pesanan for “%(title)s” and will deliver.")),
        S.IN_DELIVERY: (["buyer"], _("Order %(number)s: a delivery is on its way"),
                        _("%(vendor)s recorded a shipment for “%(title)s”. Inspect it and sign the BAST.")),
        S.RECEIVED: (["buyer"], _("Order %(number)s is received: record the payment"),
                     _("Every quantity of “%(title)s” is covered by a BAST. Record the payment of %(total)s "
                       "when it is made.")),
        S.PAID: (["vendor"], _("Order %(number)s is paid"),
                 _("%(buyer)s recorded the payment of %(total)s for “%(title)s” in full.")),
        S.REJECTED: (["buyer", "vendor"], _("Order %(number)s was rejected by the PPK"), ended),
        S.DECLINED: (["buyer", "vendor"], _("Order %(number)s was declined by the vendor"), ended),
        S.CANCELLED: (["buyer", "vendor"], _("Order %(number)s was cancelled by the buyer"), ended),
        S.EXPIRED: (["buyer", "vendor"], _("Order %(number)s expired"), ended),
    }
    if status not in rules:
        return None
    who, title, body = rules[status]
    return who, title % values, body % values


def order_status_changed(*, order_id: int, status: str, actor_id: int | None, reason: str = "",
                         now: dt.datetime) -> int:
    """After the order entered `status`: tell the people the next step waits on (see `_order_text`)."""
    order = Order.objects.select_related("vendor", "buyer_organisation").get(pk=order_id)
    with translation.override(settings.LANGUAGE_CODE):
        rule = _order_text(order, status, reason)
    if rule is None:
        return 0
    who, title, body = rule
    people: list[User] = []
    if "buyer" in who:
        people += _order_buyers(order)
    if "ppk" in who:
        people += ppks_of(order.buyer_organisation_id)
    if "vendor" in who:
        people += vendor_people([order.vendor.organisation_id])
    return _send(people, actor_id=actor_id, kind=f"procurement.order.{status}", title=title, body=body,
                 url=order_url(order.pk), target=order, now=now)


def offer_made(*, offer_id: int, now: dt.datetime) -> int:
    """A counter-offer: the other side must answer it."""
    offer = NegotiationOffer.objects.select_related("order__vendor", "order__buyer_organisation").get(pk=offer_id)
    order = offer.order
    values = {"number": order.number, "title": order.title, "total": format_rupiah(offer.total_idr),
              "message": offer.message}

    def build():
        if offer.side == Side.VENDOR:
            title = _("Order %(number)s: a counter-offer from the vendor") % values
        else:
            title = _("Order %(number)s: a counter-offer from the buyer") % values
        body = _("New total %(total)s for “%(title)s”. Accept it or answer with your own offer.") % values
        if offer.message:
            body += "\n" + _("Message: %(message)s") % values
        return title, body

    title, body = _in_site_language(build)
    people = vendor_people([order.vendor.organisation_id]) if offer.side == Side.BUYER else _order_buyers(order)
    return _send(people, actor_id=offer.made_by_id, kind="procurement.order.offer_made", title=title, body=body,
                 url=order_url(order.pk), target=order, now=now)


def addendum_proposed(*, addendum_id: int, now: dt.datetime) -> int:
    """An addendum waits for the other side's answer."""
    addendum = Addendum.objects.select_related("order__vendor", "order__buyer_organisation").get(pk=addendum_id)
    order = addendum.order
    values = {"number": order.number, "version": addendum.version, "reason": addendum.reason}
    title, body = _in_site_language(lambda: (
        _("Order %(number)s: addendum %(version)s waits for your answer") % values,
        _("Reason given: %(reason)s") % values,
    ))
    if addendum.proposed_by_side == Side.BUYER:
        people = vendor_people([order.vendor.organisation_id])
    else:
        people = _order_buyers(order)
    return _send(people, actor_id=addendum.proposed_by_id, kind="procurement.order.addendum_proposed",
                 title=title, body=body, url=order_url(order.pk), target=order, now=now)


def addendum_decided(*, addendum_id: int, now: dt.datetime) -> int:
    """The proposer learns the answer."""
    addendum = Addendum.objects.select_related("order", "proposed_by").get(pk=addendum_id)
    order = addendum.order
    values = {"number": order.number, "version": addendum.version, "reason": addendum.decision_reason}

    def build():
        if addendum.status == Addendum.Status.ACCEPTED:
            return _("Order %(number)s: addendum %(version)s was accepted") % values, ""
        return (_("Order %(number)s: addendum %(version)s was rejected") % values,
                _("Reason: %(reason)s") % values)

    title, body = _in_site_language(build)
    return _send([addendum.proposed_by], actor_id=addendum.decided_by_id,
                 kind=f"procurement.order.addendum_{addendum.status}", title=title, body=body,
                 url=order_url(order.pk), target=order, now=now)


# ---- Mini-competitions ----

def competition_published(*, competition_id: int, actor_id: int | None, now: dt.datetime) -> int:
    """The invited vendors may now quote."""
    competition = Competition.objects.select_related("buyer_organisation").get(pk=competition_id)
    organisations = CompetitionInvitation.objects.filter(competition=competition).values_list(
        "vendor__organisation_id", flat=True
    )
    values = {"title": competition.title, "buyer": competition.buyer_organisation.name}

    def build():
        deadline = date_format(timezone.localtime(competition.deadline_at), "j F Y H:i")
        return (_("Invitation to quote: %(title)s") % values,
                _("%(buyer)s invites you to a mini-competition. Quote before %(deadline)s (WIB).")
                % {**values, "deadline": deadline})

    title, body = _in_site_language(build)
    return _send(vendor_people(organisations), actor_id=actor_id, kind="procurement.competition.published",
                 title=title, body=body, url=competition_url(competition.pk), target=competition, now=now)


def competition_awarded(*, competition_id: int, actor_id: int | None, now: dt.datetime) -> int:
    """The winner learns it; the order follows as usual."""
    competition = Competition.objects.select_related("buyer_organisation", "awarded_quote__vendor").get(
        pk=competition_id
    )
    values = {"title": competition.title, "buyer": competition.buyer_organisation.name}
    title, body = _in_site_language(lambda: (
        _("You won the mini-competition “%(title)s”") % values,
        _("%(buyer)s awarded the mini-competition to your quote. The order follows.") % values,
    ))
    people = vendor_people([competition.awarded_quote.vendor.organisation_id])
    return _send(people, actor_id=actor_id, kind="procurement.competition.awarded", title=title, body=body,
                 url=competition_url(competition.pk), target=competition, now=now)


def competitions_notify_deadline(*, now: dt.datetime) -> int:
    """Tell the buyer of every open competition whose quote deadline has passed to evaluate it; once each."""
    due = list(
        Competition.objects.filter(
            status=CompetitionStatus.PUBLISHED, deadline_at__lte=now, deadline_notified_at__isnull=True
        ).values_list("pk", flat=True)
    )
    told = 0
    for competition_id in due:
        with transaction.atomic():
            # Conditional: two runs at once tell the buyer only once.
            if not Competition.objects.filter(pk=competition_id, deadline_notified_at__isnull=True).update(
                deadline_notified_at=now
            ):
                continue
            competition = Competition.objects.get(pk=competition_id)
            audit_record(
                event_type="procurement.competition.deadline_passed", target=competition, actor=None,
                organisation_id=competition.buyer_organisation_id, occurred_at=now,
                changes={"deadline_notified_at": now},
            )
            values = {"title": competition.title}
            title, body = _in_site_language(lambda values=values: (
                _("Quotes are in: evaluate “%(title)s”") % values,
                _("The quote deadline has passed. Open the mini-competition to evaluate the quotes.") % values,
            ))
            people = buyer_people(competition.buyer_organisation_id, competition.created_by_id)
            _send(people, actor_id=None, kind="procurement.competition.deadline_passed", title=title, body=body,
                  url=competition_url(competition.pk), target=competition, now=now)
        told += 1
    return told
