"""Grouping precision against a facts file, on hand-made reports: every edge of the definitions in DESIGN.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.evaluate import Bars, Facts, FactSentence, Gold, failures, map_claims, score, score_facts
from factcheck.model import Claim, Cluster, Document, Finding, Report

# Three documents about one quake; "toll" is stated by a and b, "depth" by a only, "aid" by c only.
SENTENCES = (
    ("a", "The quake killed 2,946 people across the region", ("quake-toll",)),
    ("a", "It struck at a depth of 18.5 km under the mountains", ("quake-depth",)),
    ("b", "Officials put the death toll at 2,960 on Monday evening", ("quake-toll",)),
    ("b", "Rescuers kept searching the villages of the High Atlas", ("rescue-search",)),
    ("c", "The EU pledged one million euros in emergency aid today", ("eu-aid",)),
    ("c", "Crews in the villages searched rubble through the night", ("rescue-search",)),
)


def facts(complete: bool = True, sentences=SENTENCES) -> Facts:
    return Facts(
        Path("set.facts.json"), "set", complete, tuple(FactSentence(d, t, frozenset(k)) for d, t, k in sentences)
    )


def claim(cid: str, doc: str, text: str) -> Claim:
    return Claim(cid, doc, text, 1, 0, len(text), (), 0)


def report(claims: list[Claim], clusters: list[list[str]], unique: list[str] = ()) -> Report:
    doc_of = {c.id: c.doc for c in claims}
    ks = [
        Cluster(f"k{i}", tuple(ids), tuple(sorted({doc_of[x] for x in ids})), "corroborated")
        for i, ids in enumerate(clusters)
    ]
    fs = [Finding(f"u-{cid}", "unique", "other", (cid,), (), "only one source", "low") for cid in unique]
    docs = tuple(Document(d, f"{d}.txt", "") for d in sorted(set(doc_of.values())))
    return Report(docs, tuple(claims), tuple(ks), tuple(fs))


TOLL_A = claim("a1", "a", "The quake killed 2,946 people across the region, officials said.")
DEPTH_A = claim("a2", "a", "It struck at a depth of 18.5 km under the mountains.")
TOLL_B = claim("b1", "b", "Officials put the death toll at 2,960 on Monday evening.")
SEARCH_B = claim("b2", "b", "Rescuers kept searching the villages of the High Atlas.")
AID_C = claim("c1", "c", "The EU pledged one million euros in emergency aid today.")
SEARCH_C = claim("c2", "c", "Crews in the villages searched rubble through the night.")
CAPTION_C = claim("c3", "c", "Photo: a collapsed house in Amizmiz (Reuters)")


# --- which gold sentences a claim maps to ----------------------------------------------------------------------------


def test_a_claim_maps_to_the_gold_sentences_whose_text_it_contains():
    both = claim(
        "a9",
        "a",
        "The quake killed 2,946 people across the region; It struck at a depth of 18.5 km under the mountains",
    )
    mapped = map_claims([TOLL_A, both, CAPTION_C], facts())
    assert mapped == {"a1": {0}, "a9": {0, 1}, "c3": frozenset()}


def test_case_and_whitespace_do_not_matter_but_the_document_does():
    shouted = claim("a7", "a", "THE QUAKE  KILLED 2,946 people\nacross the region")
    elsewhere = claim("b7", "b", "The quake killed 2,946 people across the region")
    assert map_claims([shouted, elsewhere], facts()) == {"a7": {0}, "b7": frozenset()}


def test_a_clause_of_five_words_or_more_maps_to_the_sentence_that_contains_it_a_shorter_one_does_not():
    clause = claim("a5", "a", "killed 2,946 people across the")  # 5 words, inside sentence 0
    short = claim("a4", "a", "killed 2,946 people across")  # 4 words
    assert map_claims([clause, short], facts()) == {"a5": {0}, "a4": frozenset()}


# --- pair precision --------------------------------------------------------------------------------------------------


def test_a_grouped_pair_that_shares_a_key_is_right_and_one_that_does_not_is_wrong():
    r = report([TOLL_A, TOLL_B, AID_C], [["a1", "b1"], ["b1", "c1"]])
    s = score_facts(r, facts())
    assert (s["pairs_right"], s["pairs_judged"], s["pair_precision"]) == (1, 2, 0.5)
    assert len(s["wrong_pairs"]) == 1 and "b 'Officials put" in s["wrong_pairs"][0]


def test_only_cross_document_pairs_count():
    r = report([TOLL_A, DEPTH_A, TOLL_B], [["a1", "a2", "b1"]])
    s = score_facts(r, facts())
    assert (s["pairs_right"], s["pairs_judged"]) == (1, 2)  # a1-b1 right, a2-b1 wrong, a1-a2 not a pair


def test_a_pair_in_several_clusters_counts_once_and_is_right_if_it_shares_any_key():
    r = report([TOLL_A, TOLL_B, SEARCH_B, SEARCH_C], [["a1", "b1"], ["a1", "b1"], ["b2", "c2"], ["b1", "b2", "c2"]])
    s = score_facts(r, facts())
    # pairs: a1-b1 (twice, once counted), b2-c2 (twice), b1-c2 (wrong)
    assert (s["pairs_right"], s["pairs_judged"]) == (2, 3)


def test_a_claim_in_several_clusters_carries_every_key_of_its_gold_sentences():
    two_facts = (
        ("a", "The quake killed 2,946 people at a depth of 18.5 km", ("quake-toll", "quake-depth")),
    ) + SENTENCES[2:]
    both = claim("a1", "a", "The quake killed 2,946 people at a depth of 18.5 km.")
    depth_b = claim("b9", "b", "Its depth was 18.5 km, the institute said.")
    more = (*two_facts, ("b", "Its depth was 18.5 km, the institute said", ("quake-depth",)))
    s = score_facts(report([both, TOLL_B, depth_b], [["a1", "b1"], ["a1", "b9"]]), facts(sentences=more))
    assert (s["pairs_right"], s["pairs_judged"]) == (2, 2)


def test_with_a_complete_file_an_unmapped_grouped_claim_makes_its_pairs_wrong():
    r = report([TOLL_A, CAPTION_C], [["a1", "c3"]])
    s = score_facts(r, facts(complete=True))
    assert (s["pairs_right"], s["pairs_judged"], s["pairs_unjudged"], s["pair_precision"]) == (0, 1, 0, 0.0)


def test_with_an_incomplete_file_pairs_with_an_unmapped_claim_are_not_judged():
    r = report([TOLL_A, TOLL_B, CAPTION_C], [["a1", "b1", "c3"]])
    s = score_facts(r, facts(complete=False))
    assert (s["pairs_right"], s["pairs_judged"], s["pairs_unjudged"], s["pair_precision"]) == (1, 1, 2, 1.0)


def test_with_an_incomplete_file_two_mapped_claims_without_a_shared_key_are_still_wrong():
    s = score_facts(report([TOLL_A, AID_C], [["a1", "c1"]]), facts(complete=False))
    assert (s["pairs_right"], s["pairs_judged"]) == (0, 1)


def test_no_grouped_pair_is_precision_one_with_nothing_judged():
    s = score_facts(report([TOLL_A, TOLL_B], [["a1"], ["b1"]]), facts())
    assert (s["pair_precision"], s["pairs_judged"]) == (1.0, 0)


# --- unique precision and recall -------------------------------------------------------------------------------------


def test_unique_precision_a_unique_claim_is_right_only_if_no_other_document_states_its_facts():
    r = report([TOLL_A, DEPTH_A, TOLL_B, AID_C], [], unique=["a1", "a2", "c1"])
    s = score_facts(r, facts())
    assert (s["unique_right"], s["unique_judged"], s["unique_precision"]) == (2, 3, 0.6667)
    assert s["unique_wrong"] == ["a 'The quake killed 2,946 people across the region, officials said.'"]


@pytest.mark.parametrize("complete", [True, False])
def test_an_unmapped_unique_claim_is_not_judged_whatever_complete_says(complete):
    s = score_facts(report([CAPTION_C, AID_C], [], unique=["c3", "c1"]), facts(complete=complete))
    assert (s["unique_right"], s["unique_judged"]) == (1, 1)


def test_unique_recall_counts_keys_stated_by_exactly_one_document():
    # single-document keys: quake-depth (a), eu-aid (c); quake-toll and rescue-search are in two documents
    r = report([TOLL_A, DEPTH_A, TOLL_B, AID_C], [], unique=["a2", "a1"])
    s = score_facts(r, facts())
    assert (s["unique_keys"], s["unique_keys_found"], s["unique_recall"]) == (2, 1, 0.5)
    assert s["unique_keys_missed"] == ["eu-aid"]


def test_a_key_repeated_within_one_document_is_still_a_single_document_key():
    repeated = (*SENTENCES, ("c", "Brussels confirmed the aid package on Sunday night", ("eu-aid",)))
    s = score_facts(report([AID_C], [], unique=["c1"]), facts(sentences=repeated))
    assert "eu-aid" not in s["unique_keys_missed"] and s["unique_keys"] == 2


def test_gold_sentences_no_claim_maps_to_are_listed():
    s = score_facts(report([TOLL_A], []), facts())
    assert len(s["unmatched_sentences"]) == 5
    assert "a: 'It struck at a depth of 18.5 km under the mountains'" in s["unmatched_sentences"]


# --- in the full score and the bars ----------------------------------------------------------------------------------


def _gold(with_facts: bool) -> Gold:
    return Gold(Path("gold.json"), Path("."), {"set": "set"}, facts() if with_facts else None)


def test_score_carries_the_facts_scores_only_with_a_facts_file():
    r = report([TOLL_A, TOLL_B], [["a1", "b1"]])
    assert score(r, _gold(False))["facts"] is None
    assert score(r, _gold(True))["facts"]["pair_precision"] == 1.0


def test_facts_bars():
    r = report([TOLL_A, DEPTH_A, TOLL_B, AID_C], [["a1", "b1", "c1"]], unique=["a1", "a2"])
    result = score(r, _gold(True))  # pair precision 1/3, unique precision 1/2, unique recall 1/2
    assert failures(result, Bars()) == []
    assert failures(result, Bars(min_pair_precision=0.9, min_unique_precision=0.6)) == [
        "pair precision 0.33 < 0.90",
        "unique precision 0.50 < 0.60",
    ]
    assert failures(result, Bars(min_facts_unique_recall=0.6)) == ["facts unique recall 0.50 < 0.60"]


def test_a_facts_bar_without_a_facts_file_fails_rather_than_passing_unmeasured():
    result = score(report([TOLL_A], []), _gold(False))
    assert failures(result, Bars(min_pair_precision=0.5)) == [
        "pair precision not measured (no facts file) but the bar is 0.50"
    ]


# --- through the command line, with the real model -------------------------------------------------------------------


def test_cli_eval_reads_the_facts_file_beside_the_gold_and_applies_its_bars(cli, tmp_path):
    from .clihelp import copy_docs

    copy_docs(tmp_path / "docs", ("election-night.txt", "election-roundup.txt"))
    turnout = [["election-night", "Final turnout in the runoff was 61%"], ["election-roundup", "runoff reached 67%"]]
    gold = {"set": "mini", "documents": "docs", "conflicts": [{"id": "turnout", "a": turnout[:1], "b": turnout[1:]}]}
    (tmp_path / "mini.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    sentences = [
        {"doc": "election-night", "text": "Final turnout in the runoff was 61%", "facts": ["runoff-turnout"]},
        {"doc": "election-roundup", "text": "Turnout in Sunday's runoff reached 67%", "facts": ["runoff-turnout"]},
        {"doc": "election-night", "text": "Two weeks earlier, turnout in the first round", "facts": ["first-turnout"]},
    ]
    facts = {"set": "mini", "complete": False, "sentences": sentences}
    (tmp_path / "mini.facts.json").write_text(json.dumps(facts), encoding="utf-8")

    run = cli("eval", tmp_path / "mini.gold.json", "--json-out", tmp_path / "s.json")
    assert run.code == 0, run.stdout + run.stderr
    result = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["results"][0]
    scored = result["facts"]
    assert scored["file"] == str(tmp_path / "mini.facts.json") and scored["complete"] is False
    assert scored["unmatched_sentences"] == []
    assert result["conflicts_found"] == ["turnout"]  # the conflict is grouped, so its pair is judged and right
    assert scored["pairs_right"] >= 1 and 0 < scored["pair_precision"] <= 1
    assert "pair P" in run.stdout and f"{scored['pair_precision']:.2f}" in run.stdout

    above = cli("eval", tmp_path / "mini.gold.json", "--min-pair-precision", "1.01", "--min-unique-precision", "1.01")
    assert above.code == 1
    assert f"pair precision {scored['pair_precision']:.2f} < 1.01" in above.stdout
    assert "unique precision" in above.stdout
