"""Curators' overview of orders: what waits, what was flagged, what was justified; vendors' public rating."""
