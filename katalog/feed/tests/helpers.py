"""Reading the feed the way a mirror does: page by page, sending back `next_cursor`."""

from __future__ import annotations

import datetime as dt

URL = "/api/v1/feed/{kind}"

# Monday 2 June 2025, 10:00 in Jakarta.
NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)


def read(client, kind: str, cursor: str | None = None, **params) -> dict:
    """One page; fails the test unless it is a 200."""
    if cursor is not None:
        params["cursor"] = cursor
    response = client.get(URL.format(kind=kind), params)
    assert response.status_code == 200, response.content
    return response.json()


def read_all(client, kind: str, cursor: str | None = None, **params) -> tuple[list[dict], str, int]:
    """Every item after `cursor`, page after page; with the last cursor and the number of pages read."""
    items: list[dict] = []
    pages = 0
    while True:
        page = read(client, kind, cursor, **params)
        pages += 1
        items += page["items"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return items, cursor, pages


def cursor_now(client, kind: str) -> str:
    """The cursor after everything already in the feed: what a mirror holds once it has caught up."""
    return read_all(client, kind)[1]


def ids(items: list[dict]) -> list[int]:
    return [item["id"] for item in items]


def by_id(items: list[dict]) -> dict[int, dict]:
    return {item["id"]: item for item in items}
