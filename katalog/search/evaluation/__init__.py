"""Measuring search relevance on a labelled set of buyers' queries over the demo catalogue.

`queries.json` holds the labels, `metrics.py` and `bm25.py` are pure, `runner.py` asks the database,
`report.py` prints the figures and writes them to docs/benchmarks.md (`katalog eval-search`).
"""
