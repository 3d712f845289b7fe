"""The buyer's comparison list: up to four SKUs kept in the session (state of the browser, not domain data).

A comparison can also be shared as a link, `/cari/bandingkan/?sku=A&sku=B`, which needs no session.
"""

from __future__ import annotations

from .selectors import MAX_COMPARED

SESSION_KEY = "search_compare"


def session_skus(session) -> list[str]:
    value = session.get(SESSION_KEY) if session is not None else None
    return [s for s in value if isinstance(s, str)][:MAX_COMPARED] if isinstance(value, list) else []


def session_add(session, sku: str) -> bool:
    """Add a SKU; False (nothing changes) when the list already holds MAX_COMPARED others."""
    skus = session_skus(session)
    if sku in skus:
        return True
    if len(skus) >= MAX_COMPARED:
        return False
    session[SESSION_KEY] = [*skus, sku]
    return True


def session_remove(session, sku: str) -> None:
    skus = session_skus(session)
    if sku in skus:
        session[SESSION_KEY] = [s for s in skus if s != sku]


def session_clear(session) -> None:
    session.pop(SESSION_KEY, None)
