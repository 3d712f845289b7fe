"""Two people acting on the same order at the same moment: exactly one step happens.

On PostgreSQL each attempt runs in its own thread with its own connection, released together by a
barrier, so they really race for the row lock. SQLite's test database cannot take two writers at once,
so there the attempts run one after the other, which is what SQLite's database lock makes of them anyway.
The tests are transactional (threads only see committed rows). The flush after any transactional test
empties the reference data (regions, categories) that migrations load, so the `reference_data` fixture loads it again.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from katalog.accounts.tests.factories import MembershipFactory
from katalog.audit.models import AuditEvent
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import DomainError
from katalog.procurement import services
from katalog.procurement.models import Order, OrderStatus, Payment
from katalog.procurement.tests.factories import LATER, order_header, order_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

S = OrderStatus


def _parallel() -> bool:
    return connection.vendor == "postgresql"


def run_at_once(attempts) -> list:
    """Run each zero-argument callable; their results (or the DomainError raised) in the order given.

    On PostgreSQL they start together in threads with their own connections.
    """
    results: list = [None] * len(attempts)

    def run(index, attempt, barrier=None):
        try:
            if barrier is not None:
                barrier.wait()
            results[index] = attempt()
        except DomainError as exc:
            results[index] = exc
        finally:
            if barrier is not None:
                connections.close_all()

    if not _parallel():
        for index, attempt in enumerate(attempts):
            run(index, attempt)
        return results
    barrier = threading.Barrier(len(attempts))
    threads = [threading.Thread(target=run, args=(i, a, barrier)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an attempt never finished (deadlock?)"
    return results


def _errors(results) -> list:
    return [r for r in results if isinstance(r, DomainError)]


def test_approves_an_order_exactly_once_when_two_ppk_act_at_the_same_time(buyer, buyer_org, vendor, vendor_owner):
    second_ppk = MembershipFactory(organisation=buyer_org, role="buyer_ppk").user
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    results = run_at_once([
        lambda ppk=ppk: services.order_approve(actor=ppk, order_id=order.pk, now=LATER)
        for ppk in (buyer, second_ppk)
    ])

    assert len(_errors(results)) == 1
    assert _errors(results)[0].status_code == 409
    assert Order.objects.get(pk=order.pk).status == S.APPROVED
    assert AuditEvent.objects.filter(event_type="procurement.order.approved", target_id=str(order.pk)).count() == 1


def test_records_one_full_payment_when_two_people_pay_the_same_order_at_once(buyer, buyer_org, vendor, vendor_owner):
    treasurer = MembershipFactory(organisation=buyer_org, role="buyer_ppk").user
    order = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    results = run_at_once([
        lambda who=who: services.payment_record(
            actor=who, order_id=order.pk, amount_idr=order.total_idr, paid_date=LATER.date(),
            reference=f"SP2D-{who.pk}", now=LATER,
        )
        for who in (buyer, treasurer)
    ])

    assert len(_errors(results)) == 1
    assert Payment.objects.filter(order=order).count() == 1
    assert Order.objects.get(pk=order.pk).status == S.PAID
    assert AuditEvent.objects.filter(event_type="procurement.order.paid", target_id=str(order.pk)).count() == 1


def test_same_idempotency_key_submitted_twice_at_once_creates_one_order(buyer, vendor):
    product = ProductFactory(vendor=vendor, status="approved")

    def submit():
        return services.order_create(
            actor=buyer, vendor=vendor, lines=[(product, 3)], idempotency_key="klik-ganda-1", now=LATER,
            **order_header(),
        ).pk

    results = run_at_once([submit, submit])

    assert _errors(results) == []
    assert results[0] == results[1]
    assert Order.objects.filter(vendor=vendor).count() == 1

