"""The demo's orders and mini-competitions (loaded once by the `demo` fixture in conftest.py)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from katalog.accounts.models import Membership, User
from katalog.audit.models import AuditEvent
from katalog.demo.history import NUMBER_PREFIX
from katalog.demo.stage import Stage
from katalog.procurement import preference, selectors, services
from katalog.procurement.competitions import selectors as competition_selectors
from katalog.procurement.documents import content as documents
from katalog.procurement.models import (
    Addendum,
    Bast,
    Competition,
    CompetitionQuote,
    CompetitionStatus,
    NegotiationOffer,
    Order,
    OrderStatus,
)

S = OrderStatus


def only(status: str) -> Order:
    return Order.objects.get(status=status)


def story_orders():
    """The orders played through the services (the history's are imported records: history.py)."""
    return Order.objects.exclude(number__startswith=NUMBER_PREFIX)


def test_every_order_status_occurs(demo, db):
    assert set(Order.objects.values_list("status", flat=True)) == set(S.values)


def test_every_competition_status_occurs(demo, db):
    assert set(Competition.objects.values_list("status", flat=True)) == set(CompetitionStatus.values)


def test_orders_come_from_several_buyers_to_several_vendors(demo, db):
    buyer_types = set(Order.objects.values_list("buyer_organisation__buyer_type", flat=True))

    assert {"opd_provinsi", "opd_kabkota", "instansi_vertikal", "bumn", "bumd"} <= buyer_types
    assert Order.objects.values("vendor").distinct().count() >= 8


def test_every_order_total_is_the_sum_of_its_lines_and_its_documents_print(demo, db):
    for order in Order.objects.select_related("buyer_organisation", "vendor"):
        assert order.total_idr == sum(line.subtotal_idr for line in order.lines.all()), order.number
        if order.sp_number:
            assert documents.surat_pesanan_context(order)["total"]["value"] == order.total_idr
    for bast in Bast.objects.select_related("delivery__order"):
        assert documents.bast_context(bast)["total"]["value"] == bast.value_idr


def test_payments_add_up_for_paid_orders_and_one_received_order_is_partly_paid(demo, db):
    for order in Order.objects.filter(status__in=[S.PAID, S.COMPLETED]):
        assert order.payments.aggregate(s=Sum("amount_idr"))["s"] == order.total_idr
    partly = [o for o in Order.objects.filter(status=S.RECEIVED) if o.payments.exists()]
    assert len(partly) == 1
    assert 0 < partly[0].payments.aggregate(s=Sum("amount_idr"))["s"] < partly[0].total_idr


def test_every_order_played_has_its_timeline(demo, db):
    for order in story_orders():
        events = set(
            AuditEvent.objects.filter(target_type="procurement.order", target_id=str(order.pk))
            .values_list("event_type", flat=True)
        )
        assert events, order.number
        if order.status != S.DRAFT:
            assert "procurement.order.sent" in events, order.number


def test_the_negotiation_holds_a_buyer_offer_and_a_vendor_counter_offer_waiting_for_the_buyer(demo, db):
    offers = list(only(S.NEGOTIATING).offers.order_by("made_at"))

    assert [o.side for o in offers] == [NegotiationOffer.Side.BUYER, NegotiationOffer.Side.VENDOR]
    assert offers[1].total_idr > offers[0].total_idr
    assert all(o.accepted_at is None for o in offers)


def test_the_order_above_the_pp_limit_was_sent_by_a_pejabat_pengadaan(demo, db):
    order = only(S.AWAITING_APPROVAL)
    sent = AuditEvent.objects.get(target_type="procurement.order", target_id=str(order.pk),
                                  event_type="procurement.order.sent")

    assert order.total_idr > settings.KATALOG["PP_ORDER_LIMIT_IDR"]
    assert Membership.objects.get(user_id=sent.actor_id, organisation=order.buyer_organisation).role == "buyer_pp"


def test_one_order_gives_a_local_justification_and_one_a_pdn_justification(demo, db):
    local = story_orders().exclude(local_justification="").get()
    pdn = story_orders().exclude(pdn_justification="").get()

    assert not local.lines.get().is_local
    assert local.status == S.EXPIRED and local.status_reason
    assert not pdn.lines.get().is_pdn


def test_an_agreed_price_far_above_the_category_reference_is_flagged(demo, db):
    curator = User.objects.get(username="kurator")
    [flag] = selectors.flagged_orders(curator)
    [line] = flag["lines"]
    flagged = Order.objects.get(pk=flag["order_id"])
    reference = selectors.category_reference_price(flagged.lines.get().category_id, now=timezone.now())

    assert flagged.status == S.APPROVED
    assert reference is not None and reference["median_idr"] == line["median_idr"]
    assert line["unit_price_idr"] > Decimal(str(settings.KATALOG["REFERENCE_PRICE_FLAG_RATIO"])) * line["median_idr"]


def test_the_negotiated_category_shows_a_reference_price(demo, db):
    line = only(S.NEGOTIATING).lines.order_by("position").first()

    assert selectors.category_reference_price(line.category_id, now=timezone.now()) is not None


def test_one_addendum_was_accepted_and_one_waits_for_an_answer(demo, db):
    accepted = Addendum.objects.get(status=Addendum.Status.ACCEPTED)
    waiting = Addendum.objects.get(status=Addendum.Status.PROPOSED)

    assert accepted.previous["total_idr"] < accepted.order.total_idr
    assert waiting.order.status == S.ACCEPTED


def test_a_received_order_records_a_non_conformity_and_its_replacement(demo, db):
    refused = Bast.objects.get(conforming=False)
    order = refused.delivery.order

    assert refused.non_conformity and refused.value_idr == 0
    assert order.status == S.RECEIVED
    assert order.deliveries.filter(bast__conforming=True).count() == 2


def test_the_order_in_delivery_is_partly_received(demo, db):
    order = Order.objects.get(status=S.IN_DELIVERY, competition_id__isnull=True)
    received = selectors.received_quantities(order)

    assert 0 < sum(received.values()) < sum(line.quantity for line in order.lines.all())


def test_completed_orders_rate_their_vendors(demo, db):
    completed = Order.objects.filter(status=S.COMPLETED)

    assert completed.count() >= 2
    assert all(hasattr(order, "rating") for order in completed)
    assert selectors.vendor_rating_summary(completed.first().vendor)["count"] >= 1


def test_no_waiting_order_expires_as_soon_as_the_demo_is_loaded(demo, db):
    assert services.orders_expire(now=timezone.now()) == 0


def test_the_evaluated_competition_is_won_by_tkdn_not_by_the_lowest_price(demo, db):
    competition = Competition.objects.get(status=CompetitionStatus.CLOSED)
    quotes = list(CompetitionQuote.unsealed.filter(competition=competition).order_by("rank"))
    cheapest = min(quotes, key=lambda q: q.unit_price_idr)

    assert competition.preference_applied
    assert quotes[0].rank == 1 and quotes[0] != cheapest
    for q in quotes:
        hp = q.unit_price_idr * competition.quantity
        assert q.evaluated_price_idr == preference.evaluated_price(hp, q.tkdn_pct)


def test_the_open_competition_keeps_its_quotes_sealed(demo, db):
    competition = Competition.objects.get(status=CompetitionStatus.PUBLISHED)
    buyer = User.objects.get(username="pembeli-bumn")

    seen = competition_selectors.quotes_visible_to(buyer, competition, now=timezone.now())

    assert competition.deadline_at > timezone.now()
    assert seen["sealed"] and seen["quote_count"] == 2 and seen["quotes"] == []


def test_the_awarded_competition_became_an_order_at_the_offered_price(demo, db):
    competition = Competition.objects.get(status=CompetitionStatus.AWARDED)
    order = Order.objects.get(competition_id=competition.pk)

    assert order.lines.get().unit_price_idr == competition.awarded_quote.unit_price_idr
    assert order.status == S.IN_DELIVERY


def test_the_cancelled_and_draft_competitions_invite_at_least_two_vendors(demo, db):
    for status in [CompetitionStatus.CANCELLED, CompetitionStatus.DRAFT]:
        assert Competition.objects.get(status=status).invitations.count() >= 2
    assert Competition.objects.get(status=CompetitionStatus.CANCELLED).status_reason


def test_orders_are_numbered_in_the_order_they_were_made(demo, db):
    created = list(story_orders().order_by("pk").values_list("created_at", flat=True))

    assert created == sorted(created)


# ---- The stage's calendar (pure) ----

def test_steps_fall_on_working_days_before_the_load():
    saturday = dt.datetime(2026, 11, 28, 3, 0, tzinfo=dt.UTC)  # 10:00 in Jakarta
    stage = Stage(now=saturday, holidays={dt.date(2026, 11, 26)})

    assert timezone.localtime(stage.at(1, "09:00")).date() == dt.date(2026, 11, 27)
    assert timezone.localtime(stage.at(2, "09:00")).date() == dt.date(2026, 11, 25)  # skips the holiday
    assert stage.ahead(1, "14:00").date() == dt.date(2026, 11, 30)
