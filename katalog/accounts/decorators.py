"""View decorators for the platform roles: one way to guard a curator's or leader's page."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from . import access


def _role_required(check, message):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


curator_required = _role_required(access.is_curator, _("Only curators may see this page."))
leader_required = _role_required(access.is_leader, _("Only leaders and curators may see this page."))
