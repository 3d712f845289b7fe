"""Who is told when an order or a mini-competition needs them; never the actor; only after commit."""

import datetime as dt

import pytest
from django.core.management import call_command

from katalog.accounts.tests.factories import MembershipFactory, UserFactory
from katalog.audit.models import AuditEvent
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, PermissionDeniedError
from katalog.notifications.models import Notification
from katalog.procurement import services
from katalog.procurement.competitions import services as competition_services
from katalog.procurement.models import Competition, Order, OrderStatus
from katalog.procurement.notifications import competitions_notify_deadline, order_url
from katalog.procurement.tests.factories import LATER, NOW, draft_order, order_in, ship_all, sign_all

S = OrderStatus


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run what it scheduled for after the commit (as a real request would)."""

    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


@pytest.fixture
def people(buyer, buyer_org, vendor, vendor_owner):
    return {
        "ppk": buyer,
        "ppk2": MembershipFactory(organisation=buyer_org, role="buyer_ppk").user,
        "pp": MembershipFactory(organisation=buyer_org, role="buyer_pp").user,
        "owner": vendor_owner,
        "staff": MembershipFactory(organisation=vendor.organisation, role="vendor_staff").user,
        "outsider": UserFactory(),
    }


def told(kind: str) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def ids(people, *names) -> set:
    return {people[name].pk for name in names}


# ---- Orders ----

def test_sending_for_negotiation_tells_the_vendors_people(run, people, vendor):
    order = draft_order(buyer=people["pp"], vendor=vendor)

    run(services.order_send, actor=people["pp"], order_id=order.pk, negotiate=True, now=NOW)

    assert told("procurement.order.negotiating") == ids(people, "owner", "staff")
    row = Notification.objects.filter(kind="procurement.order.negotiating").first()
    assert row.url == order_url(order.pk)
    assert (row.target_type, row.target_id) == ("procurement.order", str(order.pk))


def test_a_counter_offer_tells_the_other_side_only(run, people, vendor):
    order = order_in(S.NEGOTIATING, buyer=people["ppk"], vendor=vendor, vendor_user=people["owner"])
    line = order.lines.get()

    run(services.offer_make, actor=people["owner"], order_id=order.pk, unit_prices={line.pk: 1_400_000}, now=NOW)
    assert told("procurement.order.offer_made") == ids(people, "ppk")  # the order's creator

    Notification.objects.all().delete()
    run(services.offer_make, actor=people["ppk"], order_id=order.pk, unit_prices={line.pk: 1_300_000}, now=LATER)
    assert told("procurement.order.offer_made") == ids(people, "owner", "staff")


def test_an_order_above_the_limit_tells_every_ppk_but_not_the_sender(run, people, vendor):
    product = ProductFactory(vendor=vendor, price_idr=150_000_000)
    order = draft_order(buyer=people["pp"], vendor=vendor, products=[product])

    run(services.order_send, actor=people["pp"], order_id=order.pk, negotiate=False, now=NOW)

    assert Order.objects.get(pk=order.pk).status == S.AWAITING_APPROVAL
    assert told("procurement.order.awaiting_approval") == ids(people, "ppk", "ppk2")


def test_the_approving_ppk_is_not_told_to_issue_the_surat_pesanan_but_the_other_ppks_are(run, people, vendor):
    order = order_in(S.AWAITING_APPROVAL, buyer=people["ppk"], vendor=vendor, vendor_user=people["owner"], large=True)

    run(services.order_approve, actor=people["ppk"], order_id=order.pk, now=NOW)

    assert told("procurement.order.approved") == ids(people, "ppk2")


def test_an_issued_surat_pesanan_tells_the_vendor(run, people, vendor):
    order = order_in(S.APPROVED, buyer=people["ppk"], vendor=vendor, vendor_user=people["owner"])

    run(services.sp_issue, actor=people["ppk"], order_id=order.pk, now=NOW)

    assert told("procurement.order.awaiting_vendor") == ids(people, "owner", "staff")


def test_acceptance_and_deliveries_tell_the_buyers_people_on_the_order(run, people, vendor):
    order = draft_order(buyer=people["pp"], vendor=vendor)
    services.order_send(actor=people["pp"], order_id=order.pk, negotiate=False, now=NOW)
    services.sp_issue(actor=people["ppk"], order_id=order.pk, now=NOW)

    run(services.order_accept_by_vendor, actor=people["owner"], order_id=order.pk, now=NOW)
    order = Order.objects.get(pk=order.pk)
    run(ship_all, order=order, vendor_user=people["staff"], now=LATER)

    # The pejabat pengadaan who made it and the PPK who signed it; not the other PPK, not the vendor.
    assert told("procurement.order.accepted") == ids(people, "pp", "ppk")
    assert told("procurement.order.in_delivery") == ids(people, "pp", "ppk")


def test_received_tells_the_buyer_to_pay_and_paid_tells_the_vendor(run, people, vendor):
    order = draft_order(buyer=people["pp"], vendor=vendor)
    services.order_send(actor=people["pp"], order_id=order.pk, negotiate=False, now=NOW)
    services.sp_issue(actor=people["ppk"], order_id=order.pk, now=NOW)
    services.order_accept_by_vendor(actor=people["owner"], order_id=order.pk, now=NOW)
    ship_all(Order.objects.get(pk=order.pk), vendor_user=people["owner"])

    order = run(sign_all, order=Order.objects.get(pk=order.pk), buyer=people["ppk"], now=LATER)
    assert order.status == S.RECEIVED
    assert told("procurement.order.received") == ids(people, "pp")

    run(services.payment_record, actor=people["pp"], order_id=order.pk, amount_idr=order.total_idr,
        paid_date=LATER.date(), reference="SP2D-9", now=LATER)
    assert told("procurement.order.paid") == ids(people, "owner", "staff")


@pytest.mark.parametrize("ending", ["cancel", "decline"])
def test_an_ended_order_tells_both_sides_with_the_reason_but_not_the_actor(run, people, vendor, ending):
    order = order_in(S.AWAITING_VENDOR, buyer=people["ppk"], vendor=vendor, vendor_user=people["owner"])
    if ending == "cancel":
        run(services.order_cancel, actor=people["ppk"], order_id=order.pk, reason="Anggaran dipotong.", now=LATER)
        kind, expected = "procurement.order.cancelled", ids(people, "owner", "staff")
    else:
        run(services.order_decline, actor=people["staff"], order_id=order.pk, reason="Anggaran dipotong.", now=LATER)
        kind, expected = "procurement.order.declined", ids(people, "ppk", "owner")

    assert told(kind) == expected
    assert all("Anggaran dipotong." in n.body for n in Notification.objects.filter(kind=kind))


def test_an_expired_order_tells_both_sides(run, people, vendor):
    order = order_in(S.AWAITING_VENDOR, buyer=people["ppk"], vendor=vendor, vendor_user=people["owner"])

    run(services.orders_expire, now=NOW + dt.timedelta(days=10))

    assert told("procurement.order.expired") == ids(people, "ppk", "owner", "staff")
    assert Order.objects.get(pk=order.pk).status == S.EXPIRED


def test_a_refused_transition_tells_nobody_and_sends_no_mail(run, people, vendor, mailoutbox):
    order = order_in(S.AWAITING_APPROVAL, buyer=people["ppk"], vendor=vendor, vendor_user=people["owner"], large=True)

    with pytest.raises(PermissionDeniedError):
        run(services.order_approve, actor=people["pp"], order_id=order.pk, now=NOW)
    with pytest.raises(InvalidTransition):
        run(services.sp_issue, actor=people["ppk"], order_id=order.pk, now=NOW)

    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_the_email_goes_out_after_the_commit(django_capture_on_commit_callbacks, people, vendor, mailoutbox):
    order = order_in(S.APPROVED, buyer=people["ppk"], vendor=vendor, vendor_user=people["owner"])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.sp_issue(actor=people["ppk"], order_id=order.pk, now=NOW)
    assert Notification.objects.count() == 0
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([people["owner"].email, people["staff"].email])
    assert all(order.number in mail.subject for mail in mailoutbox)


def test_addenda_tell_the_other_side_then_the_proposer(run, people, vendor):
    order = order_in(S.ACCEPTED, buyer=people["ppk"], vendor=vendor, vendor_user=people["owner"])

    addendum = run(services.addendum_propose, actor=people["staff"], order_id=order.pk, reason="Bahan terlambat.",
                   changes={"delivery_date": "2025-07-15"}, now=NOW)
    assert told("procurement.order.addendum_proposed") == ids(people, "ppk")

    run(services.addendum_decide, actor=people["ppk"], addendum_id=addendum.pk, accept=False, reason="Tidak bisa.",
        now=LATER)
    assert told("procurement.order.addendum_rejected") == ids(people, "staff")


# ---- Mini-competitions ----

DEADLINE = NOW + dt.timedelta(days=3)


def _create(buyer, vendors):
    return competition_services.competition_create(
        actor=buyer, title="Pengadaan kain tapis", specification="Kain tapis motif kapal, 2 x 1 m.",
        category=Category.objects.get(name="Tapis Lembaran"), quantity=1, unit="paket", deadline_at=DEADLINE,
        delivery_address="Jl. Wolter Monginsidi No. 69, Bandar Lampung", delivery_date=dt.date(2025, 7, 1),
        budget_source="apbd", budget_year=2025, vendor_ids=[v.pk for v in vendors], now=NOW,
    )


def _quote(competition, bidder, price, tkdn):
    return competition_services.quote_submit(
        actor=bidder["owner"], competition_id=competition.pk, unit_price_idr=price,
        product_id=bidder["product"].pk, tkdn_pct=tkdn, now=NOW,
    )

@pytest.fixture
def bidders(db):
    from katalog.vendors.tests.factories import VendorFactory

    result = {}
    for label in "AB":
        vendor = VendorFactory(status="verified")
        owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
        result[label] = {"vendor": vendor, "owner": owner,
                         "product": ProductFactory(vendor=vendor, status="approved", tkdn_pct=None)}
    return result


def test_publishing_a_competition_tells_the_invited_vendors(run, buyer, bidders, other_vendor_owner):
    competition = _create(buyer, [b["vendor"] for b in bidders.values()])

    run(competition_services.competition_publish, actor=buyer, competition_id=competition.pk, now=NOW)

    assert told("procurement.competition.published") == {b["owner"].pk for b in bidders.values()}
    row = Notification.objects.filter(kind="procurement.competition.published").first()
    assert row.url.endswith(f"/kompetisi/{competition.pk}/")


def test_the_deadline_tells_the_buyer_once(run, buyer, bidders, mailoutbox):
    competition = _create(buyer, [b["vendor"] for b in bidders.values()])
    competition_services.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)

    assert run(competitions_notify_deadline, now=DEADLINE - dt.timedelta(seconds=1)) == 0
    assert run(competitions_notify_deadline, now=DEADLINE) == 1
    assert run(competitions_notify_deadline, now=DEADLINE + dt.timedelta(hours=1)) == 0

    assert list(Notification.objects.filter(kind="procurement.competition.deadline_passed")
                .values_list("recipient_id", flat=True)) == [buyer.pk]
    assert Competition.objects.get(pk=competition.pk).deadline_notified_at == DEADLINE
    assert AuditEvent.objects.filter(event_type="procurement.competition.deadline_passed").count() == 1
    assert [mail.to for mail in mailoutbox] == [[buyer.email]]


def test_the_close_competitions_command_runs_the_deadline_notice(buyer, bidders, django_capture_on_commit_callbacks):
    competition = _create(buyer, [b["vendor"] for b in bidders.values()])
    Competition.objects.filter(pk=competition.pk).update(status="published", deadline_at=NOW)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("close-competitions")

    assert told("procurement.competition.deadline_passed") == {buyer.pk}


def test_the_award_tells_the_winner_only(run, buyer, bidders):
    competition = _create(buyer, [b["vendor"] for b in bidders.values()])
    competition_services.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)
    _quote(competition, bidders["A"], 1_000_000, "60")
    _quote(competition, bidders["B"], 1_100_000, "10")
    competition_services.competition_evaluate(actor=buyer, competition_id=competition.pk, now=DEADLINE)

    run(competition_services.competition_award, actor=buyer, competition_id=competition.pk, now=DEADLINE)

    assert told("procurement.competition.awarded") == {bidders["A"]["owner"].pk}
