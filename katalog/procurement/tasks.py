"""Background work of procurement."""

from django_tasks import task


@task()
def expire_waiting_orders() -> int:
    """Orders whose next step waited on the PPK or the vendor past the allowed working days expire."""
    from katalog.core import clock

    from .services import orders_expire

    return orders_expire(now=clock.now())


@task()
def notify_competition_deadlines() -> int:
    """Buyers of mini-competitions whose quote deadline has passed are told to evaluate them (once)."""
    from katalog.core import clock

    from .notifications import competitions_notify_deadline

    return competitions_notify_deadline(now=clock.now())
