"""Background work of procurement."""

from django_tasks import task


@task()
def expire_waiting_orders() -> int:
    """Orders whose next step waited on the PPK or the vendor past the allowed working days expire."""
    from katalog.core import clock

    from .services import orders_expire

    return orders_expire(now=clock.now())
