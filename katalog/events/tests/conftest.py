import importlib

import pytest

from katalog.events import services

from .helpers import NOW, ScoreBook, new_buyer, new_vendor, open_event, publish_need, register


@pytest.fixture
def scores(monkeypatch) -> ScoreBook:
    """The matching engine answers what the test says (see ScoreBook)."""
    book = ScoreBook()
    engine = importlib.import_module("katalog.matching.engine")
    monkeypatch.setattr(engine, "match_need", book.match_need)
    monkeypatch.setattr(engine, "match_needs", book.match_needs)
    return book


@pytest.fixture
def scheduled(curator, scores, frozen_clock):
    """A scheduled event today (2 rounds, 3 tables): buyers A and B, vendors X and Y; A–X 5, A–Y 4, B–X 3."""
    buyers = {name: new_buyer(f"Buyer {name}") for name in "AB"}
    vendors = {name: new_vendor(f"Vendor {name}") for name in "XY"}
    publish_need(scores, buyers["A"], "Tapis A", {vendors["X"][1]: 5.0, vendors["Y"][1]: 4.0})
    publish_need(scores, buyers["B"], "Tapis B", {vendors["X"][1]: 3.0})
    event = open_event(curator, slot_count=2, table_count=3)
    for user in [*buyers.values(), *(owner for owner, _ in vendors.values())]:
        register(user, event)
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    return {"event": event, "buyers": buyers, "vendors": vendors}
