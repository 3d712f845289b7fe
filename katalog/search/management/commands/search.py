"""`katalog search "QUERY" [--limit N] [--json]`: search the catalogue of the database DATABASE_URL names."""

import json

from django.core.management.base import BaseCommand

from katalog.search.selectors import search


class Command(BaseCommand):
    help = "Search the catalogue as buyers do: local products first among comparably relevant ones."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="print a JSON array")

    def handle(self, *args, query, limit, **options):
        result = search(q=query, page_size=max(1, limit), with_facets=False)
        rows = [
            {
                "sku": item["sku"],
                "name": item["name"],
                "vendor_code": item["vendor_code"],
                "price": item["price_idr"],
                "score": item["score"],
                "badges": [b.code for b in item["badges"]],
            }
            for item in result.items
        ]
        if options["json"]:
            self.stdout.write(_dumps(rows))
            return
        for row in rows:
            self.stdout.write(f"{row['score']:>3}  {row['sku']:<16} {row['price']:>14,}  {row['name']}  [{', '.join(row['badges'])}]")
        self.stdout.write(f"{result.total} found.")


def _dumps(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)
