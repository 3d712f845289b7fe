"""The evaluation as text for the terminal, as JSON, and as the "Search relevance" section of docs/benchmarks.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import metrics
from .runner import Evaluation, Figures

START = "<!-- eval:start -->"
END = "<!-- eval:end -->"
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


# ---- Shared with the matching evaluation (katalog/matching/evaluation/report.py) ----

def database_name(database: str) -> str:
    return DATABASES.get(database, database)


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def local_first_cell(f: Figures) -> str:
    return f"{percent(f.local_first_share)} ({f.local_first_wins}/{f.local_first_pairs})"


def table_lines(
    header: tuple[str, str, str], rows: list[tuple[str, str, str]], *, best_precision_at_5: float
) -> list[str]:
    """The measures of both rankings as aligned text columns, then what a perfect ranking scores."""
    rows = [header, *rows]
    width = max(len(r[0]) for r in rows)
    lines = [f"{label:<{width}}  {a:>16}  {b:>16}" for label, a, b in rows]
    lines.append(f"(a perfect ranking has precision@5 {best_precision_at_5:.3f})")
    return lines


def scores_json(f: Figures) -> dict:
    return {"ndcg_at_10": round(f.ndcg_at_10, 4), "precision_at_5": round(f.precision_at_5, 4)}


def local_first_json(f: Figures) -> dict:
    return {
        "local_first_wins": f.local_first_wins,
        "local_first_pairs": f.local_first_pairs,
        "local_first_share": None if f.local_first_share is None else round(f.local_first_share, 4),
    }


# ---- Search relevance ----

def _rows(evaluation: Evaluation) -> list[tuple[str, str, str]]:
    n = len(evaluation.outcomes)

    def both(render) -> tuple[str, str]:
        return render(evaluation.search), render(evaluation.bm25)

    return [
        ("nDCG@10 (mean)", *both(lambda f: f"{f.ndcg_at_10:.3f}")),
        ("precision@5 (mean)", *both(lambda f: f"{f.precision_at_5:.3f}")),
        ("queries with every must-have in the top 5", *both(lambda f: f"{f.queries_meeting_top_5}/{n}")),
        ("share of must-have top-5 places filled", *both(lambda f: percent(f.top_5_hit_share))),
        ("local product first, equally relevant pairs", *both(local_first_cell)),
    ]


def as_text(evaluation: Evaluation) -> str:
    lines = [
        f"Search relevance: {len(evaluation.outcomes)} labelled queries, {evaluation.listed_products} listed products, "
        f"{database_name(evaluation.database)}.",
        "",
    ]
    lines += table_lines(("", "search", "plain BM25"), _rows(evaluation),
                         best_precision_at_5=evaluation.best_precision_at_5)
    lines += ["", "nDCG@10 by kind of query (queries: search / BM25):"]
    for kind, (count, search, bm25) in evaluation.by_kind.items():
        lines.append(f"  {kind:<9} {count:>3}: {search:.3f} / {bm25:.3f}")
    missed = evaluation.below_expectation
    lines += ["", f"Queries whose top 5 misses a must-have product: {len(missed)}"]
    for outcome in missed:
        found, possible = metrics.top_hits(outcome.search, outcome.labelled.grades)
        gap = " (known gap)" if outcome.labelled.known_gap else ""
        lines.append(f"  {outcome.labelled.query!r}: {found}/{possible}; top 5 {outcome.search[:5]}{gap}")
    return "\n".join(lines)


def as_json(evaluation: Evaluation) -> dict:
    def figures(f: Figures) -> dict:
        return {
            **scores_json(f),
            "queries_meeting_top_5": f.queries_meeting_top_5,
            "top_5_hits": f.top_5_hits,
            "top_5_possible": f.top_5_possible,
            **local_first_json(f),
        }

    return {
        "queries": len(evaluation.outcomes),
        "listed_products": evaluation.listed_products,
        "database": evaluation.database,
        "search": figures(evaluation.search),
        "bm25": figures(evaluation.bm25),
        "best_precision_at_5": round(evaluation.best_precision_at_5, 4),
        "by_kind": {
            kind: {"queries": n, "search_ndcg_at_10": round(s, 4), "bm25_ndcg_at_10": round(b, 4)}
            for kind, (n, s, b) in evaluation.by_kind.items()
        },
        "per_query": [
            {
                "query": o.labelled.query,
                "kind": o.labelled.kind,
                "search_ndcg_at_10": round(metrics.ndcg_at(o.search, o.labelled.grades), 4),
                "bm25_ndcg_at_10": round(metrics.ndcg_at(o.bm25, o.labelled.grades), 4),
                "meets_top_5": metrics.meets_top_expectation(o.search, o.labelled.grades),
                "search_top_5": o.search[:5],
                "bm25_top_5": o.bm25[:5],
                "known_gap": o.labelled.known_gap,
            }
            for o in evaluation.outcomes
        ],
    }


def as_markdown(evaluation: Evaluation, *, today: dt.date) -> str:
    database = database_name(evaluation.database)
    lines = [
        START,
        "## Search relevance",
        "",
        f"Date: {today.isoformat()}. Written by `make eval` (`katalog eval-search --write-docs`) on {database}: "
        f"{len(evaluation.outcomes)} labelled buyers' queries (`katalog/search/evaluation/queries.json`) over the "
        f"{evaluation.listed_products} listed products of the demo catalogue.",
        "",
        "| measure | search | plain BM25 |",
        "|---|---|---|",
        *[f"| {label} | {a} | {b} |" for label, a, b in _rows(evaluation)],
        "",
        "| kind of query | queries | nDCG@10 search | nDCG@10 BM25 |",
        "|---|---|---|---|",
        *[f"| {kind} | {n} | {s:.3f} | {b:.3f} |" for kind, (n, s, b) in evaluation.by_kind.items()],
        "",
        "- Grades: 2 the product fits the query (a must-have: it must be in the top 5; when more than five fit "
        "equally, the top 5 must hold only such products), 1 acceptable, unlabelled 0. nDCG uses gain 2^grade - 1.",
        f"- precision@5 counts relevant products (grade 1 or 2) among the first five; some queries have fewer than "
        f"five, so a perfect ranking scores {evaluation.best_precision_at_5:.3f}.",
        "- Plain BM25 (k1 = 1.2, b = 0.75) ranks the same listed products on name, description, category path and "
        "vendor name, split into lower-case words: no stemming, synonyms, typo correction or local preference.",
        "- Local first: pairs of labelled products of the same grade, one Produk Lokal Lampung and one not, at least "
        "one of them among the first 50 results; the share where the local product ranks higher.",
    ]
    missed = evaluation.below_expectation
    if missed:
        lines += ["", "Queries whose top 5 misses a must-have product:", ""]
        for outcome in missed:
            found, possible = metrics.top_hits(outcome.search, outcome.labelled.grades)
            why = f" {outcome.labelled.known_gap}" if outcome.labelled.known_gap else ""
            lines.append(f"- `{outcome.labelled.query}` ({found}/{possible} in the top 5).{why}")
    lines.append(END)
    return "\n".join(lines)


def write_section(path: Path, section: str, *, start: str = START, end: str = END) -> None:
    """Replace the section between the markers, or add it at the end; the rest of the file stays."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
