"""Reading the monitoring pages as a person would: the tables by their data-table key, cells as text, and the
numbers in them whatever the language (Rp10,000,000 / Rp10.000.000, 65% / 65,5%)."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, dict] = {}
        self._table = None
        self._section = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self._table = self.tables.setdefault(attrs["data-table"], {"rows": [], "total": None})
        elif self._table is not None and tag in ("tbody", "tfoot", "thead"):
            self._section = tag
        elif self._table is not None and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join(" ".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._section == "tbody":
                self._table["rows"].append(self._row)
            elif self._section == "tfoot":
                self._table["total"] = self._row
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(html: bytes | str) -> dict[str, dict]:
    """{data-table key: {"rows": [[cell text, ...], ...], "total": [cell text, ...] or None}}."""
    parser = _Tables()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.tables


def number(text: str) -> int | Decimal | None:
    """A money or count cell as an int, a percent cell as a Decimal; None for an empty or dash cell."""
    text = text.strip()
    if text in ("", "-", "–"):
        return None
    if text.endswith("%"):
        return Decimal(text[:-1].replace(",", "."))
    return int(re.sub(r"\D", "", text))
