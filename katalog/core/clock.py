"""The one seam through which the project reads the time, so tests can control it."""

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    """Today's date in the site's time zone (Asia/Jakarta), not UTC."""
    return timezone.localdate(now())
