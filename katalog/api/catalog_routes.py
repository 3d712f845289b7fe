"""Public read API of the catalogue (approved products only)."""

from ninja import Router

router = Router(tags=["catalogue"])
