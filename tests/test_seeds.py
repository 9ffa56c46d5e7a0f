"""The seed articles in ../shared scored against the reviewer's gold (skipped when ../shared is absent)."""

from __future__ import annotations

import pytest

from factcheck.evaluate import load_gold, score
from factcheck.ingest import load_documents
from factcheck.pipeline import Settings, check_documents, run_check
from factcheck.render import render

from .conftest import shared_path

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seeds(real_embedder):
    gold = load_gold(str(shared_path("eval", "seeds.gold.json")))
    return gold, run_check([str(gold.root)], Settings(), embedder=real_embedder)


def test_seed_gold_bars(seeds):
    gold, report = seeds
    result = score(report, gold)
    assert result["cluster_pair_recall"] >= 0.9
    assert result["boilerplate_leaks"] == []
    assert result["date_accuracy"] == 1.0
    assert len(result["unique"]["missed"]) <= 1
    assert sorted(result["conflicts_found"]) == ["name-spelling", "quote-wording"]
    assert result["traps_hit"] == []
    assert result["conflict"]["precision"] >= 0.8
    facts = result["facts"]  # ../shared/eval/seeds.facts.json: grouping precision, not only recall
    assert facts["pair_precision"] >= 0.9
    assert facts["unique_recall"] >= 0.8
    assert facts["unique_precision"] >= 0.9  # a claim another source also states is not listed as one source's


def test_seeds_in_reverse_order_give_the_same_report(seeds, real_embedder):
    gold, report = seeds
    docs = load_documents([str(gold.root)])
    reverse = check_documents(list(reversed(docs)), Settings(), embedder=real_embedder)
    assert render(reverse, "json") == render(report, "json")


def test_no_conflict_between_the_two_events_of_any_ecbplus_topic(real_embedder):
    """Each ECB+ topic mixes two similar events; a conflict finding across them is a trap."""
    root = shared_path("data", "ecbplus-val")
    golds = sorted(root.glob("*/gold.json"))
    assert golds
    precision, recall = [], []
    for path in golds:
        gold = load_gold(str(path))
        result = score(run_check([str(gold.root)], Settings(), embedder=real_embedder), gold)
        assert result["traps_hit"] == [], f"{gold.data['set']}: {result['traps_hit']}"
        precision.append(result["facts"]["pair_precision"])
        recall.append(result["cluster_pair_recall"])
    assert sum(precision) / len(precision) >= 0.85, f"mean ECB+ pair precision {precision}"
    # measured 0.4503 (issue 10 target 0.45); the bar leaves room for one pair flipped by another CPU's float kernels
    assert sum(recall) / len(recall) >= 0.44, f"mean ECB+ pair recall {recall}"
