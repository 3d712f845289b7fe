from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from . import access


@login_required
def home(request):
    """Send each person to the workspace of their role."""
    user = request.user
    if access.is_curator(user):
        return redirect("vendors:curation_queue")
    if access.vendor_membership(user):
        return redirect("vendors:dashboard")
    if access.is_leader(user):
        return redirect("monitoring:dashboard")
    return render(request, "accounts/home.html", {"membership": access.buyer_membership(user)})
