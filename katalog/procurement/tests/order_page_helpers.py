"""Reading and acting on the order page in tests: its address, one action's form posted as the page names its
fields, and what the page said back."""

from django.contrib.messages import get_messages
from django.urls import reverse

from katalog.procurement.models import Order


def page(order) -> str:
    return reverse("procurement:order_detail", args=[order.pk])


def act(client, order, action, data=None, **extra):
    """POST one action's form, its fields prefixed with the action's name as the page renders them."""
    fields = {f"{action}-{name}": value for name, value in (data or {}).items()}
    return client.post(reverse(f"procurement:order_{action}", args=[order.pk]), fields, **extra)


def status_of(order) -> str:
    return Order.objects.get(pk=order.pk).status


def form_errors(response, action: str) -> dict:
    """The errors of one action's form on the re-rendered order page."""
    forms = {entry["name"]: entry["form"] for entry in response.context["action_forms"]}
    return forms[action].errors


def error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
