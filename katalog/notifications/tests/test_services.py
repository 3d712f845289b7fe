import datetime as dt

import pytest
from django.urls import reverse

from katalog.accounts.tests.factories import UserFactory
from katalog.core.errors import NotFoundError
from katalog.notifications import selectors, services
from katalog.notifications.models import Notification

NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)


def _notify(recipients, **overrides):
    values = {"kind": "test.kind", "title": "Pesanan menunggu", "body": "Isi pesan", "url": "/pesanan/7/", "now": NOW}
    values.update(overrides)
    return services.notify(recipients, **values)


@pytest.mark.django_db
def test_notify_creates_one_row_per_active_recipient(django_capture_on_commit_callbacks):
    ani, budi = UserFactory(), UserFactory()
    gone = UserFactory(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        created = _notify([ani, budi, ani, gone, None])

    assert sorted(n.recipient_id for n in created) == sorted([ani.pk, budi.pk])
    assert Notification.objects.count() == 2
    row = Notification.objects.get(recipient=ani)
    assert (row.kind, row.title, row.body, row.url, row.created_at, row.read_at) == (
        "test.kind", "Pesanan menunggu", "Isi pesan", "/pesanan/7/", NOW, None
    )


@pytest.mark.django_db
def test_notify_records_its_target(curator):
    target = UserFactory()

    [row] = _notify([curator], target=target)

    assert (row.target_type, row.target_id) == ("accounts.user", str(target.pk))


@pytest.mark.django_db
def test_the_email_goes_out_only_when_the_transaction_commits(django_capture_on_commit_callbacks, mailoutbox):
    ani = UserFactory(email="ani@example.id")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        [row] = _notify([ani])
    assert mailoutbox == []

    for callback in callbacks:
        callback()

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ani@example.id"]
    assert "Pesanan menunggu" in mail.subject
    assert "Isi pesan" in mail.body
    assert reverse("notifications:open", args=[row.pk]) in mail.body


@pytest.mark.django_db
def test_no_email_without_an_address_or_when_not_wanted(django_capture_on_commit_callbacks, mailoutbox):
    no_address = UserFactory(email="")
    quiet = UserFactory(email="quiet@example.id")

    with django_capture_on_commit_callbacks(execute=True):
        _notify([no_address])
        _notify([quiet], email=False)

    assert Notification.objects.count() == 2
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_rolled_back_notification_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    from django.db import transaction

    ani = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _notify([ani])
            raise RuntimeError("the change failed")

    assert Notification.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_only_the_recipient_marks_a_notification_read():
    ani, budi = UserFactory(), UserFactory()
    [row] = _notify([ani])

    with pytest.raises(NotFoundError):
        services.mark_read(actor=budi, notification_id=row.pk, now=LATER)
    assert Notification.objects.get(pk=row.pk).read_at is None

    services.mark_read(actor=ani, notification_id=row.pk, now=LATER)
    services.mark_read(actor=ani, notification_id=row.pk, now=LATER + dt.timedelta(hours=1))
    assert Notification.objects.get(pk=row.pk).read_at == LATER


@pytest.mark.django_db
def test_mark_all_read_touches_only_the_actors_unread_notifications():
    ani, budi = UserFactory(), UserFactory()
    _notify([ani, budi])
    _notify([ani])
    assert selectors.unread_count(ani) == 2

    count = services.mark_all_read(actor=ani, now=LATER)

    assert count == 2
    assert selectors.unread_count(ani) == 0
    assert selectors.unread_count(budi) == 1


@pytest.mark.django_db
def test_lists_unread_first_then_the_newest():
    ani = UserFactory()
    [old_unread] = _notify([ani], now=NOW)
    [newer_read] = _notify([ani], now=NOW + dt.timedelta(minutes=5))
    [newest_unread] = _notify([ani], now=NOW + dt.timedelta(minutes=10))
    _notify([UserFactory()])
    services.mark_read(actor=ani, notification_id=newer_read.pk, now=LATER)

    ids = [n.pk for n in selectors.notifications_for(ani)]

    assert ids == [newest_unread.pk, old_unread.pk, newer_read.pk]
