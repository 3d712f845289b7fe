"""Notification pages: the list, opening one (marks it read, goes to its page), marking all read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from katalog.core import clock
from katalog.core.errors import NotFoundError
from katalog.core.web import perform

from . import selectors, services

PAGE_SIZE = 20


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "rows": selectors.notification_rows(page.object_list),
        "page": page,
        "unread": selectors.unread_count(request.user),
    })


@login_required
def notification_open(request, pk: int):
    try:
        notification = services.mark_read(actor=request.user, notification_id=pk, now=clock.now())
    except NotFoundError as exc:
        raise Http404 from exc
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    perform(
        request, services.mark_all_read, actor=request.user, now=clock.now(),
        success=_("Every notification is marked as read."),
    )
    return redirect("notifications:list")
