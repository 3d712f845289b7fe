"""Measuring the matching engine on a labelled set of buyers' needs over the demo catalogue.

`needs.csv` holds the needs in the import format, `judgements.csv` the products that fit each one
(`labels.py` reads both). `runner.py` ranks every need with the matching engine and with plain BM25,
reusing the search evaluation's measures; `report.py` prints the figures and writes them to
docs/benchmarks.md (`katalog eval-matching`).
"""
