"""Settings for a developer's machine and for `make demo`."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DJANGO_DEBUG", "1").lower() in {"1", "true", "yes", "on"}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-development-only-not-secret")
ALLOWED_HOSTS = ["*"]

# The demo runs no worker process: run background tasks inline unless told otherwise.
if os.environ.get("KATALOG_TASKS_INLINE", "1").lower() in {"1", "true", "yes", "on"}:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail (notifications) is printed on the console in the demo; tests use Django's in-memory outbox.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Katalog Lokal Lampung <no-reply@localhost>")
KATALOG["SITE_URL"] = os.environ.get("KATALOG_SITE_URL", "http://127.0.0.1:8000")  # noqa: F405
