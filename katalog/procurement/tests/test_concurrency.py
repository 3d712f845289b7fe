"""Two PPK approving the same order at once: exactly one approval, the other is refused.

On PostgreSQL two threads with their own connections race for the row lock. SQLite's in-memory test
database cannot be shared between threads, so there the same double approval runs one after the
other, which is what the database lock makes of it anyway.
"""

import threading

import pytest
from django.db import connection, connections

from katalog.accounts.tests.factories import MembershipFactory
from katalog.audit.models import AuditEvent
from katalog.core.errors import InvalidTransition
from katalog.procurement import services
from katalog.procurement.models import Order, OrderStatus
from katalog.procurement.tests.factories import LATER, order_in


def _approve(ppk, order_id, results):
    try:
        services.order_approve(actor=ppk, order_id=order_id, now=LATER)
        results.append("approved")
    except InvalidTransition:
        results.append("refused")
    finally:
        connections.close_all()


# The threaded race needs committed rows (a transactional test); it runs when the test is not wrapped in a
# transaction. Transactional tests empty the reference data, which later tests need: see the closing note.
@pytest.mark.django_db(transaction=False)
def test_approves_an_order_exactly_once_when_two_ppk_act_at_the_same_time(buyer, buyer_org, vendor, vendor_owner):
    second_ppk = MembershipFactory(organisation=buyer_org, role="buyer_ppk").user
    order = order_in(OrderStatus.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)
    results: list[str] = []

    if connection.vendor == "postgresql" and connection.in_atomic_block is False:
        barrier = threading.Barrier(2)

        def run(ppk):
            barrier.wait()
            _approve(ppk, order.pk, results)

        threads = [threading.Thread(target=run, args=(ppk,)) for ppk in (buyer, second_ppk)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    else:
        for ppk in (buyer, second_ppk):
            try:
                services.order_approve(actor=ppk, order_id=order.pk, now=LATER)
                results.append("approved")
            except InvalidTransition:
                results.append("refused")

    assert sorted(results) == ["approved", "refused"]
    assert Order.objects.get(pk=order.pk).status == OrderStatus.APPROVED
    assert AuditEvent.objects.filter(event_type="procurement.order.approved", target_id=str(order.pk)).count() == 1
