"""API bearer tokens: issue, authenticate, revoke. Only hashes are stored."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import authenticate
from django.db import transaction
from django.utils.translation import gettext as _

from katalog.core import clock
from katalog.core.errors import AuthenticationFailed

from .models import ApiToken, User


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_issue(*, username: str, password: str, name: str = "", request=None) -> tuple[str, ApiToken]:
    """Check the password and return a new token (shown once) and its row."""
    user = authenticate(request, username=username, password=password)
    if user is None:
        raise AuthenticationFailed(_("Wrong username or password."))
    key = "kl_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, key_hash=_hash(key), prefix=key[:10], name=name[:100], created_at=clock.now()
        )
    return key, token


def token_authenticate(key: str) -> User | None:
    if not key:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    # Touch at most once a minute, so reads stay reads.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=clock.now())
