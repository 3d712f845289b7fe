"""The stage on which the demo's purchases are played: people, a working-day calendar and a scheduler.

Each story (an order or a mini-competition) is a generator that yields `(when, action)` steps; the
scheduler runs the steps of every story in time order through the real procurement services, so
numbers (orders, Surat Pesanan), reference prices and expiries come out as they would in real life.
An action is called with `when` as its `now` and its result is sent back into the story.

The services each commit on their own (durable transactions), so the stories cannot share one
transaction: a story already in the database (found by its title) is not played again.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils import timezone

from katalog.accounts import access
from katalog.accounts.models import User
from katalog.catalog.models import Category, Product
from katalog.core.errors import DomainError
from katalog.procurement import services
from katalog.procurement.models import Competition, Order
from katalog.procurement.workdays import is_working_day
from katalog.vendors.models import Vendor

Step = tuple[dt.datetime, Callable[[dt.datetime], object]]

BUDGET_OF_BUYER_TYPE = {
    "opd_provinsi": "apbd", "opd_kabkota": "apbd", "instansi_vertikal": "apbn",
    "bumn": "company", "bumd": "company", "swasta": "company",
}


class StoryError(Exception):
    """A story cannot be played as written (a service refused a step, or the data moved on)."""


@dataclass(frozen=True)
class Story:
    title: str  # the order's or competition's title: how a second run recognises the story
    buyer: str  # username of the buyer who starts it
    kind: str  # "order" or "competition"
    expected: str  # the status its order or competition ends in
    play: Callable[[Stage, str], Iterator[Step]]  # (stage, title) -> steps
    order_status: str = ""  # a competition's awarded order ends in this status


class Stage:
    """People, products and times of the demo, as seen from the moment the demo is loaded (`now`)."""

    def __init__(self, *, now: dt.datetime, holidays=()):
        self.now = now
        self.today = timezone.localdate(now)
        self.holidays = set(holidays)
        self._users: dict[str, User] = {}

    # ---- Who and what ----

    def user(self, username: str) -> User:
        if username not in self._users:
            self._users[username] = User.objects.get(username=username)
        return self._users[username]

    def organisation_of(self, username: str):
        membership = access.buyer_membership(self.user(username)) or access.vendor_membership(self.user(username))
        return membership.organisation

    def vendor(self, code: str) -> Vendor:
        return Vendor.objects.get(code=code)

    def category(self, name: str) -> Category:
        return Category.objects.get(name=name, level=3)

    def product(self, sku: str, *, when: dt.datetime) -> Product:
        """A listed product, listed before `when` (nobody buys what is not in the catalogue yet)."""
        product = Product.objects.get(sku=sku)
        if product.approved_at is None or product.approved_at >= when:
            raise StoryError(f"{sku} is not listed yet on {timezone.localtime(when):%Y-%m-%d %H:%M}.")
        return product

    def lines(self, when: dt.datetime, quantities: list[tuple[str, int]]) -> list[tuple[Product, int]]:
        return [(self.product(sku, when=when), quantity) for sku, quantity in quantities]

    # ---- When ----

    def working_day(self, offset: int) -> dt.date:
        """`offset` working days after today (before it when negative)."""
        day, step = self.today, (1 if offset > 0 else -1)
        for _ in range(abs(offset)):
            day += dt.timedelta(days=step)
            while not is_working_day(day, self.holidays):
                day += dt.timedelta(days=step)
        return day

    def _moment(self, day: dt.date, hhmm: str) -> dt.datetime:
        hour, minute = (int(part) for part in hhmm.split(":"))
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    def at(self, working_days_ago: int, hhmm: str) -> dt.datetime:
        """Office hours `working_days_ago` working days before the load (at least 1: always in the past)."""
        if working_days_ago < 1:
            raise StoryError("Demo steps happen at least one working day before the load time.")
        return self._moment(self.working_day(-working_days_ago), hhmm)

    def ahead(self, working_days: int, hhmm: str) -> dt.datetime:
        """A moment after the load (deadlines still open when the demo is shown)."""
        return self._moment(self.working_day(working_days), hhmm)

    @staticmethod
    def date_after(when: dt.datetime, days: int) -> dt.date:
        return timezone.localdate(when) + dt.timedelta(days=days)


# ---- Steps shared by the stories ----

def rup_code(title: str) -> str:
    """A stable, made-up SIRUP package code for a title."""
    return str(40_000_000 + zlib.crc32(title.encode()) % 9_000_000)


def create_order(
    s: Stage, when: dt.datetime, *, buyer: str, vendor: str, title: str, lines: list[tuple[str, int]],
    delivery_days: int, notes: str = "", delivery_address: str = "",
) -> Step:
    def action(now):
        organisation = s.organisation_of(buyer)
        budget = BUDGET_OF_BUYER_TYPE[organisation.buyer_type]
        return services.order_create(
            actor=s.user(buyer), vendor=s.vendor(vendor), title=title,
            delivery_address=delivery_address or organisation.address,
            delivery_date=s.date_after(now, delivery_days), budget_source=budget,
            budget_year=timezone.localdate(now).year,
            rup_code=rup_code(title) if budget in {"apbd", "apbn"} else "", notes=notes,
            lines=s.lines(now, lines), now=now,
        )

    return when, action


def send(s: Stage, when, order, *, by: str, negotiate: bool = False, prices: dict[str, int] | None = None,
         local_justification: str = "", pdn_justification: str = "") -> Step:
    """Send a draft; with `negotiate`, `prices` (by SKU) is the buyer's first offer."""
    return when, lambda now: services.order_send(
        actor=s.user(by), order_id=order.pk, negotiate=negotiate, unit_prices=prices_by_line(order, prices),
        local_justification=local_justification, pdn_justification=pdn_justification, now=now,
    )


def offer(s: Stage, when, order, *, by: str, prices: dict[str, int], message: str) -> Step:
    return when, lambda now: services.offer_make(
        actor=s.user(by), order_id=order.pk, unit_prices=prices_by_line(order, prices), message=message, now=now
    )


def call(when, function, **kwargs) -> Step:
    """Any service that takes `now`, with the user objects and ids already given."""
    return when, lambda now: function(now=now, **kwargs)


def issue_sp(s: Stage, when, order, *, by: str, terms: str = "") -> Step:
    return call(when, services.sp_issue, actor=s.user(by), order_id=order.pk, terms=terms)


def accept(s: Stage, when, order, *, by: str) -> Step:
    return call(when, services.order_accept_by_vendor, actor=s.user(by), order_id=order.pk)


def ship(s: Stage, when, order, *, by: str, quantities: dict[str, int] | None = None, carrier: str = "") -> Step:
    """A shipment of the given quantities by SKU (default: everything not yet shipped)."""
    def action(now):
        from katalog.procurement.selectors import shipped_quantities

        lines = list(order.lines.all())
        if quantities is None:
            shipped = shipped_quantities(order)
            wanted = {line.pk: line.quantity - shipped[line.pk] for line in lines}
        else:
            wanted = {line.pk: quantities[line.sku] for line in lines if line.sku in quantities}
        return services.delivery_record(actor=s.user(by), order_id=order.pk, quantities=wanted, carrier=carrier,
                                        now=now)

    return when, action


def sign_bast(s: Stage, when, delivery, *, by: str, number: str, non_conformity: str = "", **checks) -> Step:
    flags = {"function_ok": True, "quantity_ok": True, "on_time": True, **checks}
    return call(when, services.bast_sign, actor=s.user(by), delivery_id=delivery.pk, number=number,
                non_conformity=non_conformity, **flags)


def pay(s: Stage, when, order, *, by: str, reference: str, amount_idr: int | None = None) -> Step:
    """A payment of `amount_idr`, or of whatever is still owed."""
    def action(now):
        order.refresh_from_db()
        owed = order.total_idr - sum(p.amount_idr for p in order.payments.all())
        return services.payment_record(
            actor=s.user(by), order_id=order.pk, amount_idr=amount_idr or owed, paid_date=timezone.localdate(now),
            reference=reference, now=now,
        )

    return when, action


def rate(s: Stage, when, order, *, by: str, delivery_time: int, quality: int, fit_to_spec: int, comment: str) -> Step:
    return call(when, services.rating_record, actor=s.user(by), order_id=order.pk, delivery_time=delivery_time,
                quality=quality, fit_to_spec=fit_to_spec, comment=comment)


def complete(s: Stage, when, order, *, by: str) -> Step:
    return call(when, services.order_complete, actor=s.user(by), order_id=order.pk)


def prices_by_line(order, prices: dict[str, int] | None) -> dict[int, int]:
    if not prices:
        return {}
    return {line.pk: prices[line.sku] for line in order.lines.all() if line.sku in prices}


# ---- Playing ----

def _find(story: Story, stage: Stage):
    model = Order if story.kind == "order" else Competition
    return model.objects.filter(title=story.title, buyer_organisation=stage.organisation_of(story.buyer)).first()


def check_endings(stories: list[Story], stage: Stage) -> None:
    """Every story played ends where it should: a changed service or catalogue shows up here."""
    for story in stories:
        found = _find(story, stage)
        status = found.status if found is not None else None
        if status != story.expected:
            raise StoryError(f"“{story.title}” ended as {status}, not {story.expected}.")
        if story.order_status:
            order = Order.objects.filter(competition_id=found.pk).first()
            if order is None or order.status != story.order_status:
                raise StoryError(f"The order of “{story.title}” did not end as {story.order_status}.")


def play(stories: list[Story], stage: Stage) -> list[Story]:
    """Play the stories not yet in the database, every step in time order; returns those played."""
    pending = [story for story in stories if _find(story, stage) is None]
    queue: list = []
    counter = itertools.count()

    def advance(story: Story, plot, result, after: dt.datetime | None) -> None:
        try:
            when, action = plot.send(result)
        except StopIteration:
            return
        if after is not None and when < after:
            raise StoryError(f"“{story.title}” goes back in time after {after:%Y-%m-%d %H:%M}.")
        if when >= stage.now:
            raise StoryError(f"“{story.title}” has a step after the load time.")
        heapq.heappush(queue, (when, next(counter), story, plot, action))

    for story in pending:
        advance(story, story.play(stage, story.title), None, None)
    while queue:
        when, _n, story, plot, action = heapq.heappop(queue)
        try:
            result = action(when)
        except (DomainError, StoryError) as exc:
            raise StoryError(f"“{story.title}”, step at {timezone.localtime(when):%Y-%m-%d %H:%M}: {exc}") from exc
        advance(story, plot, result, when)
    check_endings(pending, stage)
    return pending
