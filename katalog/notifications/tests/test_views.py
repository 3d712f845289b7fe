import datetime as dt

import pytest
from django.urls import reverse

from katalog.accounts.tests.factories import UserFactory
from katalog.notifications import services
from katalog.notifications.models import Notification

NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)


def _notify(user, title="Pesanan menunggu", url="/pesanan/7/", now=NOW):
    [row] = services.notify([user], kind="test.kind", title=title, body="", url=url, now=now, email=False)
    return row


@pytest.fixture
def ani(db):
    return UserFactory(username="ani")


def test_the_list_needs_a_login(client, ani):
    response = client.get(reverse("notifications:list"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_list_shows_unread_first_and_highlights_them(client, ani):
    read = _notify(ani, title="Sudah dibaca", now=NOW + dt.timedelta(minutes=5))
    _notify(ani, title="Belum dibaca", now=NOW)
    services.mark_read(actor=ani, notification_id=read.pk, now=NOW + dt.timedelta(hours=1))
    client.force_login(ani)

    response = client.get(reverse("notifications:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Belum dibaca") < html.index("Sudah dibaca")
    assert html.count('data-unread="1"') == 1
    assert reverse("notifications:mark_all_read") in html


def test_the_list_is_paginated(client, ani):
    for minute in range(25):
        _notify(ani, title=f"Pesan nomor {minute:02d}", now=NOW + dt.timedelta(minutes=minute))
    client.force_login(ani)

    first = client.get(reverse("notifications:list")).content.decode()
    second = client.get(reverse("notifications:list") + "?page=2").content.decode()

    assert "Pesan nomor 24" in first and "Pesan nomor 04" not in first
    assert "Pesan nomor 04" in second and "Pesan nomor 05" not in second


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, ani):
    row = _notify(ani, url="/pesanan/7/")
    client.force_login(ani)

    response = client.get(reverse("notifications:open", args=[row.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/pesanan/7/"
    assert Notification.objects.get(pk=row.pk).read_at is not None


def test_another_person_cannot_open_a_notification(client, ani):
    row = _notify(ani)
    client.force_login(UserFactory())

    response = client.get(reverse("notifications:open", args=[row.pk]))

    assert response.status_code == 404
    assert Notification.objects.get(pk=row.pk).read_at is None


def test_a_link_to_another_site_is_not_followed(client, ani):
    row = _notify(ani, url="https://example.com/phish")
    client.force_login(ani)

    response = client.get(reverse("notifications:open", args=[row.pk]))

    assert response["Location"] == reverse("notifications:list")


def test_mark_all_read(client, ani):
    _notify(ani)
    _notify(ani)
    client.force_login(ani)

    response = client.post(reverse("notifications:mark_all_read"))

    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=ani, read_at__isnull=True).exists()


def test_mark_all_read_needs_a_post(client, ani):
    _notify(ani)
    client.force_login(ani)

    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    assert Notification.objects.filter(recipient=ani, read_at__isnull=True).count() == 1


def test_the_navigation_bell_shows_the_unread_count(client, ani):
    _notify(ani)
    _notify(ani)
    client.force_login(ani)

    html = client.get(reverse("core:home")).content.decode()

    assert 'id="nav-notifications"' in html
    assert "data-unread-count>2<" in html


def test_no_bell_for_anonymous_visitors(client, db):
    html = client.get(reverse("core:home")).content.decode()

    assert 'id="nav-notifications"' not in html
