"""The matching evaluation: its arithmetic on a tiny labelled set with known scores, the labelled set
itself (it parses, names listed demo products, respects the needs' budgets and requirements), and
`katalog eval-matching` on the demo catalogue."""

import csv
import datetime as dt
import io
import json
import math
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import katalog.demo
from katalog.catalog.models import Category
from katalog.catalog.reference import load_categories
from katalog.demo import scenario
from katalog.demo.loader import load_demo
from katalog.matching.evaluation import labels, report
from katalog.matching.evaluation.labels import LabelError, LabelledNeed, combine, parse_judgements
from katalog.matching.evaluation.runner import LOCAL_FIRST_TARGET, evaluate, ndcg_target, need_text
from katalog.matching.specs import NeedSpec, read_needs
from katalog.regions.models import Region
from katalog.regions.reference import load_regions
from katalog.search.indexing import reindex_all

DEMO_DATA = Path(katalog.demo.__file__).resolve().parent / "data"

# ---- The arithmetic, on two needs whose scores are worked out by hand ----

DOCUMENTS = {
    "A1": "kopi bubuk robusta",
    "A2": "kopi biji sangrai",
    "X": "teh serai",
    "B1": "kain tapis lembaran benang emas",
    "B2": "tapis",
}
IS_LOCAL = {"A1": True, "A2": True, "X": True, "B1": True, "B2": False}
TINY = [
    LabelledNeed(NeedSpec(ref="A", title="kopi bubuk"), {"A1": 2, "A2": 1}),
    LabelledNeed(NeedSpec(ref="B", title="tapis"), {"B1": 2, "B2": 2}),
]
ENGINE_RANKINGS = {"A": ["X", "A1", "A2"], "B": ["B1", "B2"]}
# Need A: an irrelevant product first, then grade 2 (gain 3), then grade 1 (gain 1).
NDCG_A = (3 / math.log2(3) + 1 / math.log2(4)) / (3 + 1 / math.log2(3))


@pytest.fixture
def tiny():
    return evaluate(
        TINY, rank=lambda need, depth: ENGINE_RANKINGS[need.ref][:depth], documents=DOCUMENTS, is_local=IS_LOCAL
    )


def test_ranks_each_need_with_the_engine_and_with_bm25_on_the_needs_text(tiny):
    assert [(o.labelled.ref, o.matching, o.bm25) for o in tiny.outcomes] == [
        ("A", ["X", "A1", "A2"], ["A1", "A2"]),  # A2 shares only "kopi"; X shares nothing
        ("B", ["B1", "B2"], ["B2", "B1"]),  # the shorter document first: BM25 knows nothing of locality
    ]
    assert tiny.listed_products == 5


def test_scores_ndcg_and_precision_as_worked_out_by_hand(tiny):
    assert tiny.matching.ndcg_at_10 == pytest.approx((NDCG_A + 1.0) / 2)
    assert tiny.bm25.ndcg_at_10 == pytest.approx(1.0)
    assert tiny.matching.precision_at_5 == pytest.approx(0.4)  # two relevant products of five places, both needs
    assert tiny.bm25.precision_at_5 == pytest.approx(0.4)
    assert tiny.best_precision_at_5 == pytest.approx(0.4)
    assert tiny.matching.queries_meeting_top_5 == 2


def test_counts_local_first_pairs_among_equally_fitting_products(tiny):
    assert (tiny.matching.local_first_wins, tiny.matching.local_first_pairs) == (1, 1)
    assert (tiny.bm25.local_first_wins, tiny.bm25.local_first_pairs) == (0, 1)
    assert tiny.meets_local_first_target
    assert tiny.local_first_losses() == []


def test_the_ndcg_target_lies_halfway_from_the_baseline_to_perfect(tiny):
    assert ndcg_target(0.0) == 0.5
    assert ndcg_target(0.6) == pytest.approx(0.8)
    assert tiny.ndcg_target == pytest.approx(1.0)
    assert not tiny.meets_ndcg_target
    assert [o.labelled.ref for o in tiny.below_target()] == ["A"]


def test_a_non_local_product_first_loses_the_local_first_target():
    evaluation = evaluate(
        TINY, rank=lambda need, depth: list(reversed(ENGINE_RANKINGS[need.ref])),
        documents=DOCUMENTS, is_local=IS_LOCAL,
    )

    assert evaluation.matching.local_first_share == 0.0 < LOCAL_FIRST_TARGET
    assert not evaluation.meets_local_first_target
    assert [(o.labelled.ref, wins, pairs) for o, wins, pairs in evaluation.local_first_losses()] == [("B", 0, 1)]


def test_the_baseline_reads_title_description_and_category():
    need = LabelledNeed(NeedSpec(ref="C", title="Kursi", description="lipat untuk aula", category="kursi"), {})

    assert need_text(need) == "Kursi lipat untuk aula kursi"


def test_reports_the_figures_and_whether_the_targets_are_met(tiny):
    text = report.as_text(tiny)
    data = report.as_json(tiny)

    assert "NOT met" in text and "target ≥ 1.000" in text
    assert data["targets"] == {
        "ndcg_at_10": 1.0, "ndcg_at_10_met": False, "local_first_share": 0.9, "local_first_met": True,
    }
    assert data["matching"]["ndcg_at_10"] == round((NDCG_A + 1) / 2, 4)
    assert [(n["ref"], n["missing_from_top_10"]) for n in data["per_need"]] == [("A", []), ("B", [])]


def test_writes_its_own_section_and_keeps_the_rest_of_the_benchmarks(tiny, tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\n<!-- eval:start -->\n## Search relevance\n<!-- eval:end -->\n", encoding="utf-8")

    for _ in range(2):
        report.write_section(path, report.as_markdown(tiny, today=dt.date(2027, 2, 1), machine_name="test box"))

    text = path.read_text(encoding="utf-8")
    assert text.count("## Matching relevance") == 1
    assert "<!-- eval:start -->\n## Search relevance\n<!-- eval:end -->" in text
    assert "Date: 2027-02-01. Machine: test box." in text
    assert "| nDCG@10 (mean) | 0.830 | 1.000 |" in text


# ---- The labelled set ----

def _judgements(*rows: str) -> str:
    return "ref,sku,grade\n" + "".join(f"{row}\n" for row in rows)


def test_reads_judgements_by_need():
    assert parse_judgements(_judgements("N-1,S-1,2", "N-1,S-2,1", "N-2,S-1,2")) == {
        "N-1": {"S-1": 2, "S-2": 1}, "N-2": {"S-1": 2},
    }


@pytest.mark.parametrize(
    "text",
    [
        "ref,sku\nN-1,S-1\n",
        _judgements("N-1,S-1,3"),
        _judgements("N-1,S-1,0"),
        _judgements("N-1,S-1,2", "N-1,S-1,1"),
        _judgements("N-1,S-1,1"),
        _judgements(",S-1,2"),
    ],
    ids=["columns", "grade 3", "grade 0", "judged twice", "no grade 2", "no ref"],
)
def test_refuses_malformed_judgements(text):
    with pytest.raises(LabelError):
        parse_judgements(text)


def test_every_need_is_judged_and_every_judgement_names_a_need():
    specs = [NeedSpec(ref="N-1", title="a"), NeedSpec(ref="N-2", title="b")]

    with pytest.raises(LabelError, match="N-2"):
        combine(specs, {"N-1": {"S": 2}})
    with pytest.raises(LabelError, match="N-3"):
        combine(specs, {"N-1": {"S": 2}, "N-2": {"S": 2}, "N-3": {"S": 2}})
    assert [n.grades for n in combine(specs, {"N-1": {"S": 2}, "N-2": {"S": 1, "T": 2}})] == [
        {"S": 2}, {"S": 1, "T": 2},
    ]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


NEEDS = {row["ref"]: row for row in _rows(labels.NEEDS_FILE)}
JUDGED = parse_judgements(labels.JUDGEMENTS_FILE.read_text(encoding="utf-8"))
PRODUCTS = {row["sku"]: row for row in _rows(DEMO_DATA / "products.csv")}
VENDORS = {row["vendor_code"]: row for row in _rows(DEMO_DATA / "vendors.csv")}


def test_the_set_has_at_least_fifty_needs_all_judged():
    assert len(NEEDS) >= 50
    assert set(JUDGED) == set(NEEDS)


def test_every_judged_product_is_listed_in_the_demo_catalogue():
    judged = {sku for grades in JUDGED.values() for sku in grades}
    not_listed = {*scenario.PRODUCTS_WAITING, *scenario.PRODUCTS_RETURNED}
    vendors_not_listed = {*scenario.VENDORS_WAITING, *scenario.VENDORS_RETURNED}

    assert judged - set(PRODUCTS) == set()
    assert judged & not_listed == set()
    assert {PRODUCTS[sku]["vendor_code"] for sku in judged} & vendors_not_listed == set()


def _breaks(need: dict, product: dict) -> list[str]:
    """Why a product cannot fill the need, by the rules the judgements follow (labels.py)."""
    reasons = []
    quantity, price = int(need["quantity"]), int(product["price"])
    if need["budget"] and price * quantity > int(need["budget"]):
        reasons.append("over budget")
    if quantity < int(product["min_order"]):
        reasons.append("under the minimum order")
    months = (dt.date.fromisoformat(need["needed_by"]) - labels.EVALUATION_DATE).days / 30 if need["needed_by"] else 3
    if int(product["capacity_per_month"]) * months < quantity:
        reasons.append("capacity")
    text = f"{need['title']} {need['description']}"
    vendor = VENDORS[product["vendor_code"]]
    if "TKDN+BMP ≥ 40%" in text and (
        not product["tkdn"] or Decimal(product["tkdn"]) + Decimal(product["bmp"] or 0) < 40
    ):
        reasons.append("TKDN+BMP")
    if "UMKM Lampung" in text and (not vendor["regency_code"].startswith("18.") or vendor["scale"] == "besar"):
        reasons.append("not UMKM Lampung")
    if "asal Pesawaran" in text and product["origin_regency_code"] != "18.09":
        reasons.append("not made in Pesawaran")
    return reasons


def test_no_judged_product_breaks_its_needs_budget_capacity_or_requirements():
    broken = {
        (ref, sku): why
        for ref, grades in JUDGED.items()
        for sku in grades
        if (why := _breaks(NEEDS[ref], PRODUCTS[sku]))
    }

    assert broken == {}


def test_the_hard_requirements_written_in_the_needs_rule_products_out():
    """The rules above are not vacuous: each kind of requirement excludes some product of the right kind."""
    assert _breaks(NEEDS["EV-008"], PRODUCTS["KL-0059-002"]) == ["TKDN+BMP"]
    assert _breaks(NEEDS["EV-063"], PRODUCTS["KL-0063-002"]) == ["not UMKM Lampung"]
    assert _breaks(NEEDS["EV-005"], PRODUCTS["KL-0025-007"]) == ["not made in Pesawaran"]
    assert _breaks(NEEDS["EV-016"], PRODUCTS["KL-0050-003"]) == ["capacity"]
    assert _breaks(NEEDS["EV-047"], PRODUCTS["KL-0010-001"]) == ["over budget"]


@pytest.mark.django_db
def test_every_need_row_is_valid_for_the_needs_import():
    load_regions(Region)
    load_categories(Category)

    specs = read_needs(labels.NEEDS_FILE.read_bytes(), labels.NEEDS_FILE.name)

    assert [spec.ref for spec in specs] == list(NEEDS)
    assert len(combine(specs, JUDGED)) == len(NEEDS)


# ---- The command on the demo catalogue ----

@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(now=timezone.now(), with_purchases=False)
        reindex_all()
        yield
        transaction.set_rollback(True)


def test_the_command_measures_every_labelled_need_and_writes_the_docs(demo, db, tmp_path):
    out, err, docs = io.StringIO(), io.StringIO(), tmp_path / "benchmarks.md"

    call_command("eval-matching", "--json", "--write-docs", "--docs-file", str(docs), stdout=out, stderr=err)

    data = json.loads(out.getvalue())
    assert data["needs"] == len(NEEDS)
    assert [need["ref"] for need in data["per_need"]] == list(NEEDS)
    assert all(0 <= data[engine]["ndcg_at_10"] <= 1 for engine in ("matching", "bm25"))
    assert data["targets"]["ndcg_at_10"] == pytest.approx(ndcg_target(data["bm25"]["ndcg_at_10"]), abs=1e-4)
    assert f"{len(NEEDS)} labelled buyers' needs" in docs.read_text(encoding="utf-8")
