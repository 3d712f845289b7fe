"""Change hooks: lower apps announce "these objects changed"; higher apps (search) keep derived data in step.

The callbacks run synchronously inside the caller's transaction, so derived rows commit or roll back
together with the change itself. This is for derived data only, never for business rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

_handlers: dict[str, list[Callable[[list[int]], None]]] = defaultdict(list)


def on_change(kind: str, handler: Callable[[list[int]], None]) -> None:
    """Call `handler(ids)` whenever objects of `kind` ("product", "vendor", "category") change."""
    if handler not in _handlers[kind]:
        _handlers[kind].append(handler)


def changed(kind: str, ids: Iterable[int]) -> None:
    ids = sorted({int(i) for i in ids})
    if not ids:
        return
    for handler in _handlers[kind]:
        handler(ids)
