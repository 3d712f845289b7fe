"""Calling the API in tests: a logged-in client, a JSON POST; for the order API, a new order's body and the
timeline's events."""

from django.test import Client

URL = "/api/v1/orders"


def session(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, path: str, body: dict | None = None, headers: dict | None = None):
    """A JSON POST; without `body` an empty one, as a client sends for a step without input."""
    return client.post(path, "" if body is None else body, content_type="application/json", headers=headers or {})


def new_order(product, quantity: int = 2, **overrides) -> dict:
    body = {
        "title": "Pengadaan kain tapis untuk cendera mata",
        "delivery_address": "Jl. Wolter Monginsidi No. 69, Bandar Lampung",
        "delivery_date": "2025-06-30",
        "budget_source": "apbd",
        "budget_year": 2025,
        "rup_code": "51234567",
        "lines": [{"sku": product.sku, "quantity": quantity}],
    }
    body.update(overrides)
    return body


def events(body: dict) -> list[str]:
    return [e["event_type"].removeprefix("procurement.order.") for e in body["timeline"]]
