"""The whole demo, loaded once for the demo tests inside a transaction rolled back at the end."""

import pytest
from django.db import transaction
from django.utils import timezone

from katalog.demo.loader import load_demo


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # Marked as Django's TestCase marks its own: the services' durable transactions nest inside it.
        outer._from_testcase = True
        with outer:
            summary = load_demo(now=timezone.now())
            yield summary
            transaction.set_rollback(True)
