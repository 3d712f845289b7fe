"""Cursors: opaque strings that stand for a (txid, id) position; anything else is refused."""

import base64

import pytest

from katalog.feed.positions import BEGINNING, InvalidCursor, Position, decode, encode


@pytest.mark.parametrize("position", [Position(0, 0), Position(0, 17), Position(812_345_678_901, 4_200_000)])
def test_a_cursor_stands_for_the_position_it_was_made_from(position):
    assert decode(encode(position)) == position


def test_a_cursor_is_url_safe_base64_of_txid_dot_id():
    assert encode(Position(12, 345)) == base64.urlsafe_b64encode(b"12.345").decode().rstrip("=")
    assert "=" not in encode(Position(1, 2))


@pytest.mark.parametrize("cursor", ["", "   ", None])
def test_no_cursor_is_the_beginning(cursor):
    assert decode(cursor) == BEGINNING == Position(0, 0)


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor!",
        "x" * 65,
        base64.urlsafe_b64encode(b"12").decode(),  # no dot
        base64.urlsafe_b64encode(b"12.abc").decode(),
        base64.urlsafe_b64encode(b"-1.5").decode(),
        base64.urlsafe_b64encode(b"1.5.6").decode(),
        base64.urlsafe_b64encode("١.٢".encode()).decode(),  # digits, but not ASCII ones
        base64.urlsafe_b64encode(f"{2**63}.1".encode()).decode(),  # beyond a bigint
        "@@@@",
    ],
)
def test_refuses_a_cursor_the_feed_did_not_give_out(cursor):
    with pytest.raises(InvalidCursor) as refused:
        decode(cursor)

    assert refused.value.status_code == 400
    assert refused.value.code == "invalid"
