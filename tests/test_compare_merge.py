"""One finding per fact and kind: a discrepancy repeated across many documents is reported once, with every side."""

from __future__ import annotations

from factcheck.model import Cluster

from .compare_kit import claim, fact, kinds, number, one_group, run, same


def _venue(doc: str, place: str) -> object:
    text = f"The donor talks were held in {place}."
    return claim(doc, 1, text, fact(text, place, "location", place.lower(), "GPE"))


def test_two_hundred_documents_give_one_finding_for_one_discrepant_place():
    claims = [_venue(f"d{i:03d}", "Geneva" if i % 8 else "Vienna") for i in range(200)]
    found = kinds(run(claims, same(len(claims)), one_group(claims)), "conflict", "location")
    assert len(found) == 1
    finding = found[0]
    assert finding.values == ("geneva", "vienna")
    geneva, vienna = (set(side) for side in finding.sides)
    assert len(geneva) == 175 and len(vienna) == 25 and not geneva & vienna
    assert "'vienna' (25 sources" in finding.message


def test_a_group_with_a_conflict_is_not_also_reported_as_corroborated():
    a = number("a", 1, "The quake killed 2,500 people.", "2,500", "2500", "people")
    b = number("b", 1, "The quake killed 2,900 people.", "2,900", "2900", "people")
    found = run([a, b], same(2), [Cluster("g1", ("a:1", "b:1"), ("a", "b"), "corroborated", "dead — 2 sources")])
    assert kinds(found, "conflict", "number")
    assert not kinds(found, "corroborated")


def test_agreeing_sources_are_corroborated_with_the_group_label():
    a = number("a", 1, "The quake killed 2,500 people.", "2,500", "2500", "people")
    b = number("b", 1, "Officials said 2,500 people were killed.", "2,500", "2500", "people")
    group = Cluster("g1", ("a:1", "b:1"), ("a", "b"), "corroborated", "people: 2,500 — 2 sources")
    agreed = kinds(run([a, b], same(2), [group]), "corroborated")
    assert len(agreed) == 1 and agreed[0].message.startswith("About people: 2,500: 2 sources state this")


def test_one_slot_found_in_several_groups_is_one_number_finding():
    texts = {
        "a": "The quake killed 2,500 people.",
        "b": "The quake killed 2,900 people.",
        "c": "It killed 2,900 people.",
    }
    claims = [number(d, 1, t, t.split()[-2], t.split()[-2].replace(",", ""), "people") for d, t in texts.items()]
    groups = [
        Cluster("g1", ("a:1", "b:1"), ("a", "b"), "corroborated"),
        Cluster("g2", ("a:1", "c:1"), ("a", "c"), "corroborated"),
    ]
    found = kinds(run(claims, same(3), groups), "conflict", "number")
    assert len(found) == 1
    assert found[0].values == ("2500", "2900") and found[0].sides == (("a:1",), ("b:1", "c:1"))
    assert "'2,900' (2 sources: b, c)" in found[0].message


def test_a_count_of_some_more_is_not_compared_with_a_total():
    a = number("a", 1, "Police seized three other rifles at the port.", "three other rifles", "3", "rifles")
    b = number("b", 1, "Police seized seven rifles at the port.", "seven rifles", "7", "rifles")
    assert not kinds(run([a, b], same(2), one_group([a, b])), "conflict", "number")
