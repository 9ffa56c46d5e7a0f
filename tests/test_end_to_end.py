"""End-to-end checks with the real model on the bundled fixture sets: contract, determinism, order, gold bars."""

from __future__ import annotations

import json
import random

import pytest

from factcheck.evaluate import load_gold, score
from factcheck.ingest import load_documents
from factcheck.pipeline import Settings, check_documents, run_check
from factcheck.render import Format, render

from .conftest import FIXTURES

SETS = sorted(p.name for p in FIXTURES.iterdir() if (p / "gold.json").exists())
DOC_KEYS = {"id", "path", "title", "published", "source", "sentences", "claims", "skipped"}
CLAIM_KEYS = {"id", "doc", "text", "line", "start", "end", "facts"}
FACT_KEYS = {"type", "text", "value", "label", "qualifier"}
CLUSTER_KEYS = {"id", "claims", "docs", "status"}
FINDING_KEYS = {"id", "kind", "type", "claims", "values", "message", "severity", "temporal"}


@pytest.fixture(scope="module")
def reports(real_embedder):
    return {name: run_check([str(FIXTURES / name / "docs")], Settings(), embedder=real_embedder) for name in SETS}


@pytest.mark.parametrize("name", SETS)
def test_json_follows_the_contract(reports, name):
    data = json.loads(render(reports[name], "json"))
    assert data["schema"] == "factcheck.report/2"
    assert all(set(d) >= DOC_KEYS for d in data["documents"])
    assert all(set(c) >= CLAIM_KEYS for c in data["claims"])
    assert all(set(f) >= FACT_KEYS for c in data["claims"] for f in c["facts"])
    assert all(set(k) >= CLUSTER_KEYS for k in data["clusters"])
    assert all(set(f) >= FINDING_KEYS for f in data["findings"])
    kinds = {f["kind"] for f in data["findings"]}
    assert kinds <= {"conflict", "variant", "unique", "echo", "corroborated"}
    assert {k["status"] for k in data["clusters"]} <= {"corroborated", "conflicting", "unique", "single-source"}
    claim_ids = {c["id"] for c in data["claims"]}
    assert all(set(f["claims"]) <= claim_ids for f in data["findings"])


@pytest.mark.parametrize("name", SETS)
def test_claims_point_at_their_text(reports, name):
    docs = {d.id: d for d in reports[name].documents}
    for c in reports[name].claims:
        assert " ".join(docs[c.doc].text[c.start : c.end].split()) == c.text
        assert docs[c.doc].file_line(docs[c.doc].text[: c.start].count("\n") + 1) == c.line


@pytest.mark.parametrize("name", SETS)
def test_every_format_renders_identical_bytes_twice(reports, real_embedder, name):
    again = run_check([str(FIXTURES / name / "docs")], Settings(), embedder=real_embedder)
    for fmt in Format:
        assert render(reports[name], fmt) == render(again, fmt)


@pytest.mark.parametrize("name", SETS)
def test_document_order_does_not_change_the_result(reports, real_embedder, name):
    docs = load_documents([str(FIXTURES / name / "docs")])
    random.Random(3).shuffle(docs)
    shuffled = check_documents(list(reversed(docs)), Settings(), embedder=real_embedder)
    assert render(shuffled, "json") == render(reports[name], "json")


@pytest.mark.parametrize("name", SETS)
def test_fixture_gold_bars(reports, name):
    """The bars each bundled gold set must clear (stated in README)."""
    result = score(reports[name], load_gold(str(FIXTURES / name / "gold.json")))
    assert result["boilerplate_leaks"] == []
    assert result["traps_hit"] == []
    assert result["cluster_pair_recall"] >= 0.5
    assert result["unique"]["recall"] >= 0.8
    assert result["conflict"]["precision"] >= 0.8
    assert result["conflict"]["recall"] >= 0.8
    assert result["date_accuracy"] == 1.0
    assert result["facts"] is not None, "each fixture set has a hand-written facts.json"
    assert result["facts"]["unmatched_sentences"] == [], "every facts sentence is a sentence of its document"
    assert result["facts"]["pair_precision"] >= 0.9, "grouped claims from different sources state one fact"


def test_markdown_puts_conflicts_first_and_cites_lines(reports):
    md = render(reports["iraq-coalition"], "md")
    assert md.index("## Conflicts") < md.index("## Corroborated claims") < md.index("## Unique claims")
    assert "## Source agreement" in md and "## Skipped documents" in md
    conflict = next(f for f in reports["iraq-coalition"].findings if f.kind in ("conflict", "variant"))
    assert conflict.id in md


def test_mixing_stories_adds_no_conflict_across_them(real_embedder):
    """All fixture sets checked together: every conflict stays inside one story."""
    story = {}
    for name in SETS:
        for d in load_documents([str(FIXTURES / name / "docs")]):
            story[d.id] = name
    mixed = run_check([str(FIXTURES / name / "docs") for name in SETS], Settings(), embedder=real_embedder)
    flagged = [f for f in mixed.findings if f.kind in ("conflict", "variant")]
    assert flagged
    for f in flagged:
        assert len({story[d] for d in f.docs}) == 1, f.message


@pytest.mark.parametrize("name", SETS)
def test_committed_example_reports_are_current(real_embedder, monkeypatch, name):
    """Golden files: reports/<set>.md, .json, .csv and .html are exactly what the check writes today.

    After a reviewed change, regenerate them with FACTCHECK_UPDATE_GOLDEN=1 (or the README's first command).
    """
    import os

    from factcheck.gate import evaluate_gate

    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    report = run_check([f"fixtures/{name}/docs"], Settings(), embedder=real_embedder)
    gate = evaluate_gate(report, None, ())  # what `check --fail-on none` renders
    for fmt in ("md", "json", "csv", "html"):
        golden = ROOT / "reports" / f"{name}.{fmt}"
        text = render(report, fmt, gate, links_from="reports")  # what `check -o reports/<set>.<fmt>` writes
        if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
            golden.write_text(text, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == text, f"{golden} is out of date"
