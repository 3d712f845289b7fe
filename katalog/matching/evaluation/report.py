"""The matching evaluation as text for the terminal, as JSON, and as the "Matching relevance" section
of docs/benchmarks.md (between its own markers, beside the search section)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from katalog.core.machine import machine
from katalog.search.evaluation import metrics
from katalog.search.evaluation.report import (
    database_name,
    local_first_cell,
    local_first_json,
    percent,
    scores_json,
    table_lines,
)
from katalog.search.evaluation.report import write_section as _write_section
from katalog.search.evaluation.runner import Figures

from .runner import LOCAL_FIRST_TARGET, MatchingEvaluation, NeedOutcome, need_ndcg

START = "<!-- eval-matching:start -->"
END = "<!-- eval-matching:end -->"
SHOWN_FAILURES = 15


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _rows(evaluation: MatchingEvaluation) -> list[tuple[str, str, str]]:
    n = len(evaluation.outcomes)

    def both(render) -> tuple[str, str]:
        return render(evaluation.matching), render(evaluation.bm25)

    return [
        ("nDCG@10 (mean)", *both(lambda f: f"{f.ndcg_at_10:.3f}")),
        ("precision@5 (mean)", *both(lambda f: f"{f.precision_at_5:.3f}")),
        ("needs with every fitting product in the top 5", *both(lambda f: f"{f.queries_meeting_top_5}/{n}")),
        ("local product first, equally fitting pairs", *both(local_first_cell)),
    ]


def _targets(evaluation: MatchingEvaluation) -> list[str]:
    share = evaluation.matching.local_first_share
    return [
        f"nDCG@10 {evaluation.matching.ndcg_at_10:.3f}, target ≥ {evaluation.ndcg_target:.3f} (halfway from BM25 "
        f"{evaluation.bm25.ndcg_at_10:.3f} to 1.0): {_met(evaluation.meets_ndcg_target)}",
        f"local first {percent(share)}, target ≥ {percent(LOCAL_FIRST_TARGET)}: "
        f"{_met(evaluation.meets_local_first_target)}",
    ]


def _graded(outcome: NeedOutcome, k: int = 5) -> str:
    grades = outcome.labelled.grades
    return ", ".join(f"{sku}:{grades.get(sku, 0)}" for sku in outcome.matching[:k]) or "nothing"


def _missing(outcome: NeedOutcome, k: int = 10) -> list[str]:
    return [sku for sku in outcome.labelled.required if sku not in outcome.matching[:k]]


def as_text(evaluation: MatchingEvaluation) -> str:
    lines = [
        f"Matching relevance: {len(evaluation.outcomes)} labelled needs, {evaluation.listed_products} listed "
        f"products, {database_name(evaluation.database)}.",
        "",
    ]
    lines += table_lines(("", "matching", "plain BM25"), _rows(evaluation),
                         best_precision_at_5=evaluation.best_precision_at_5)
    lines += ["", "nDCG@10 by wording (needs: matching / BM25):"]
    for name, (count, matching, bm25) in evaluation.by_wording.items():
        lines.append(f"  {name:<17} {count:>3}: {matching:.3f} / {bm25:.3f}")
    lines += ["", "Targets:", *[f"  {line}" for line in _targets(evaluation)]]
    low = evaluation.below_target()
    lines += ["", f"Needs under the nDCG@10 target: {len(low)} (top 5 as sku:grade; fitting products missing from the top 10)"]
    for outcome in low:
        lines.append(
            f"  {outcome.labelled.ref} {outcome.labelled.spec.title!r}: {need_ndcg(outcome, 'matching'):.3f} "
            f"(BM25 {need_ndcg(outcome, 'bm25'):.3f}); top 5 {_graded(outcome)}; missing {_missing(outcome) or '-'}"
        )
    losses = evaluation.local_first_losses()
    lines += ["", f"Needs where a non-local product ranks above an equally fitting local one: {len(losses)}"]
    for outcome, wins, pairs in losses:
        lines.append(f"  {outcome.labelled.ref} {outcome.labelled.spec.title!r}: {wins}/{pairs}; top 5 {_graded(outcome)}")
    return "\n".join(lines)


def as_json(evaluation: MatchingEvaluation) -> dict:
    def figures(f: Figures) -> dict:
        return {**scores_json(f), "needs_meeting_top_5": f.queries_meeting_top_5, **local_first_json(f)}

    return {
        "needs": len(evaluation.outcomes),
        "listed_products": evaluation.listed_products,
        "database": evaluation.database,
        "matching": figures(evaluation.matching),
        "bm25": figures(evaluation.bm25),
        "best_precision_at_5": round(evaluation.best_precision_at_5, 4),
        "targets": {
            "ndcg_at_10": round(evaluation.ndcg_target, 4),
            "ndcg_at_10_met": evaluation.meets_ndcg_target,
            "local_first_share": LOCAL_FIRST_TARGET,
            "local_first_met": evaluation.meets_local_first_target,
        },
        "per_need": [
            {
                "ref": o.labelled.ref,
                "title": o.labelled.spec.title,
                "matching_ndcg_at_10": round(need_ndcg(o, "matching"), 4),
                "bm25_ndcg_at_10": round(need_ndcg(o, "bm25"), 4),
                "matching_precision_at_5": round(metrics.precision_at(o.matching, o.labelled.grades), 4),
                "matching_top_5": o.matching[:5],
                "bm25_top_5": o.bm25[:5],
                "missing_from_top_10": _missing(o),
            }
            for o in evaluation.outcomes
        ],
    }


def as_markdown(evaluation: MatchingEvaluation, *, today: dt.date, machine_name: str | None = None) -> str:
    database = database_name(evaluation.database)
    lines = [
        START,
        "## Matching relevance",
        "",
        f"Date: {today.isoformat()}. Machine: {machine_name or machine()}. Written by `make eval` "
        f"(`katalog eval-matching --write-docs`) on {database}: {len(evaluation.outcomes)} labelled buyers' needs "
        f"(`katalog/matching/evaluation/needs.csv`, judged in `judgements.csv`) over the "
        f"{evaluation.listed_products} listed products of the demo catalogue.",
        "",
        "| measure | matching | plain BM25 |",
        "|---|---|---|",
        *[f"| {label} | {a} | {b} |" for label, a, b in _rows(evaluation)],
        "",
        "| wording | needs | nDCG@10 matching | nDCG@10 BM25 |",
        "|---|---|---|---|",
        *[f"| {name} | {n} | {m:.3f} | {b:.3f} |" for name, (n, m, b) in evaluation.by_wording.items()],
        "",
        *[f"- Target: {line}." for line in _targets(evaluation)],
        "- Grades: 2 the product fits the need, 1 an acceptable substitute, anything else 0 (also a product of the "
        "right kind that is over the budget, below the quantity in capacity by the needed-by date, or breaks a hard "
        "requirement such as \"wajib TKDN+BMP ≥ 40%\"). nDCG uses gain 2^grade - 1.",
        f"- precision@5 counts fitting products (grade 1 or 2) among the first five; some needs have fewer than five, "
        f"so a perfect ranking scores {evaluation.best_precision_at_5:.3f}.",
        "- Plain BM25 (k1 = 1.2, b = 0.75) ranks the same listed products on name, description, category path and "
        "vendor name against the need's title, description and category: no stemming, synonyms, budget, capacity, "
        "requirements or local preference.",
        "- Local first: pairs of labelled products of the same grade, one Produk Lokal Lampung and one not, at least "
        "one of them among the first 50 results; the share where the local product ranks higher.",
    ]
    low = evaluation.below_target()
    if low:
        lines += ["", "Needs under the nDCG@10 target:", ""]
        for outcome in low[:SHOWN_FAILURES]:
            lines.append(
                f"- {outcome.labelled.ref} `{outcome.labelled.spec.title}`: {need_ndcg(outcome, 'matching'):.3f} "
                f"(BM25 {need_ndcg(outcome, 'bm25'):.3f})."
            )
        if len(low) > SHOWN_FAILURES:
            lines.append(f"- and {len(low) - SHOWN_FAILURES} more (`katalog eval-matching` lists them all).")
    lines.append(END)
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replace the Matching relevance section, or add it at the end; the rest of the file stays."""
    _write_section(path, section, start=START, end=END)
