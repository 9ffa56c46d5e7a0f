"""Number checker: one slot stated with values that cannot both be true, in groups and across the set."""

from __future__ import annotations

from factcheck.compare import CompareSettings, numbers
from factcheck.slots import numbers_agree

from .compare_kit import at_angle, context, fact, kinds, number, one_group, run, same


def _toll(doc: str, value: str, n: int = 1) -> object:
    text = f"The earthquake killed {value} people in the city."
    return number(doc, n, text, f"{value} people", value, "people")


def test_two_sources_giving_different_tolls_make_one_high_conflict():
    claims = [_toll("a", "30"), _toll("b", "40")]
    found = kinds(run(claims, same(2), one_group(claims)), "conflict", "number")
    assert len(found) == 1
    assert found[0].values == ("30", "40") and found[0].severity == "high" and not found[0].temporal
    assert found[0].claims == ("a:1", "b:1") and found[0].docs == ("a", "b")
    assert "dead" in found[0].message


def test_values_within_rounding_slack_agree():
    claims = [_toll("a", "1000"), _toll("b", "1010")]
    assert not kinds(run(claims, same(2), one_group(claims)), "conflict")
    assert numbers_agree(claims[0].facts[0], claims[1].facts[0])


def test_reports_of_different_days_are_a_low_temporal_conflict():
    claims = [_toll("a", "30"), _toll("b", "40")]
    published = {"a": "2024-03-01", "b": "2024-03-02"}
    (found,) = kinds(run(claims, same(2), one_group(claims), published=published), "conflict")
    assert found.temporal and found.severity == "low" and "updated figure" in found.message


def test_different_groups_of_people_named_by_modifiers_do_not_clash():
    ta, tb = "Police held 11 Yemeni pirates.", "Police held 12 Somali pirates."
    claims = [
        number("a", 1, ta, "11 Yemeni pirates", "11", "pirates"),
        number("b", 1, tb, "12 Somali pirates", "12", "pirates"),
    ]
    assert not kinds(run(claims, same(2), one_group(claims)), "conflict")


def test_model_names_are_not_counts():
    ta, tb = "Troops carried 47 rifles, AK-47 models.", "Troops carried 47 rifles, AK-74 models."
    claims = [number("a", 1, ta, "47 models", "47", "models"), number("b", 1, tb, "74 models", "74", "models")]
    assert not kinds(run(claims, same(2), one_group(claims)), "conflict")


def test_loosely_similar_claims_clash_only_through_a_named_role():
    claims = [_toll("a", "30"), _toll("b", "40")]
    ctx = context(claims, at_angle([1.0, 0.5]))
    groups = ctx.groups(one_group(claims))
    assert not numbers.conflicts(ctx, numbers.statements(claims), ctx.gate("number"))  # below the group gate
    assert [f.values for f in numbers.find(ctx, groups)] == [("30", "40")]  # 'killed' names the role: set-wide
    assert not kinds(run(claims, at_angle([1.0, 0.2]), one_group(claims)), "conflict")  # below the slot gate


def test_a_named_role_is_compared_across_the_set_without_a_group():
    ta, tb = "The quake struck at a depth of 10 km.", "Officials said the depth was 18 km."
    claims = [number("a", 1, ta, "10 km", "10", "km"), number("b", 1, tb, "18 km", "18", "km")]
    (found,) = kinds(run(claims, at_angle([1.0, 0.5])), "conflict", "number")
    assert found.values == ("10", "18") and found.message.startswith("Sources give different figures for depth (km)")


def test_different_roles_of_one_family_are_different_slots():
    ta, tb = "The blast left 30 people dead.", "The blast left 40 people wounded."
    claims = [number("a", 1, ta, "30 people", "30", "people"), number("b", 1, tb, "40 people", "40", "people")]
    assert not kinds(run(claims, same(2), one_group(claims)), "conflict")


def test_a_pair_reported_by_its_group_is_not_reported_again_set_wide():
    claims = [_toll("a", "30"), _toll("b", "40")]
    assert len(kinds(run(claims, same(2), one_group(claims)), "conflict")) == 1


def test_pair_mode_drops_the_similarity_gate_and_the_set_wide_scan():
    claims = [_toll("a", "30"), _toll("b", "40")]
    vectors = at_angle([1.0, 0.1])
    ctx = context(claims, vectors, CompareSettings(pair_mode=True))
    assert [f.values for f in numbers.find(ctx, ctx.groups(one_group(claims)))] == [("30", "40")]
    ctx = context(claims, vectors)
    assert not list(numbers.find(ctx, ctx.groups(one_group(claims))))


def test_a_conflict_stays_visible_with_three_hundred_and_one_sources():
    """Issue 12: 300 and 301 sources give the same conflict (no cap drops a label's comparisons)."""
    for n in (300, 301):
        claims = [_toll(f"d{i:03d}", "30") for i in range(n - 1)] + [_toll("zz", "40")]
        found = kinds(run(claims, same(n)), "conflict", "number")
        assert [f.values for f in found] == [("30", "40")], n
        assert "(299 sources" in found[0].message or "(300 sources" in found[0].message


def test_statements_are_keyed_by_slot_label():
    text = "The quake killed 30 people, and 12 others were injured."
    c = number("a", 1, text, "30 people", "30", "people")
    c = c.__class__(
        c.id, c.doc, c.text, c.line, c.start, c.end, (*c.facts, fact(text, "12 others", "number", "12", "others"))
    )
    by_label = numbers.statements([c])
    assert sorted(by_label) == ["dead", "injured"]
    assert by_label["dead"][0].fact.value == "30" and by_label["dead"][0].roles["casualty"] == {"dead"}
