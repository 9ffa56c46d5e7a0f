"""Agreement checker: corroborated groups and unique claims; findings are merged and ordered."""

from __future__ import annotations

from factcheck.compare import CHECKERS, agreement
from factcheck.compare.findings import dedupe, finding
from factcheck.model import Cluster, FindingKind, FindingType, Severity

from .compare_kit import at_angle, claim, fact, kinds, number, one_group, run, same


def test_a_group_of_several_sources_is_corroborated_with_its_values():
    text = "The earthquake killed 30 people."
    claims = [number("a", 1, text, "30 people", "30", "people"), number("b", 1, text, "30 people", "30", "people")]
    (found,) = kinds(run(claims, same(2), one_group(claims)), "corroborated")
    assert found.values == ("30",) and found.claims == ("a:1", "b:1") and found.severity == "low"
    assert found.message == "2 sources state this: 'The earthquake killed 30 people.' (a, b)."


def test_claims_with_facts_that_no_group_shares_are_unique():
    dated = "The bridge opened in 2019."
    claims = [
        claim("a", 1, dated, fact(dated, "2019", "date", "2019", "year", qualifier="absolute")),
        claim("b", 1, "It was a sunny day."),
    ]
    (found,) = kinds(run(claims, at_angle([1.0, 0.0])), "unique")
    assert found.claims == ("a:1",) and found.values == ("2019",)
    assert found.message == "Only a states this (a line 1): 'The bridge opened in 2019.'."


def test_a_single_document_has_no_unique_claims():
    dated = "The bridge opened in 2019."
    claims = [claim("a", 1, dated, fact(dated, "2019", "date", "2019", "year"))]
    assert not run(claims, same(1))


def test_repeated_fingerprints_of_agreement_get_numbered_ids_and_conflicts_merge():
    base = dict(
        kind=FindingKind.UNIQUE, type=FindingType.OTHER, values=(), docs=("a",), message="m", severity=Severity.LOW
    )
    one, two = finding(claims=("a:1",), **base), finding(claims=("a:2",), **base)
    assert [f.id for f in dedupe([one, two])] == [one.id, one.id + "-1"]
    conflict = dict(base, kind=FindingKind.CONFLICT, severity=Severity.HIGH)
    merged = dedupe([finding(claims=("a:1", "b:1"), **conflict), finding(claims=("a:1", "c:1"), **conflict)])
    assert len(merged) == 1 and merged[0].claims == ("a:1", "b:1", "c:1")
    assert [f.kind for f in dedupe([one, merged[0]])] == ["conflict", "unique"]


def test_agreement_is_the_last_checker_and_skipped_in_pair_mode():
    assert CHECKERS[-1] is agreement
    text = "The earthquake killed 30 people."
    claims = [number("a", 1, text, "30 people", "30", "people"), number("b", 1, text, "30 people", "30", "people")]
    from factcheck.compare import CompareSettings

    pair = run(
        claims, same(2), [Cluster("g1", ("a:1", "b:1"), ("a", "b"), "corroborated")], CompareSettings(pair_mode=True)
    )
    assert pair == []
