"""Unit tests of grouping logic with hand-made vectors (the real model is tested end to end elsewhere)."""

from __future__ import annotations

import numpy as np

from factcheck import group
from factcheck.group import GroupSettings
from factcheck.model import Claim, Fact


def _claims(specs):
    return [
        Claim(f"{doc}:{i}", doc, text, i, 0, len(text), tuple(facts), i)
        for i, (doc, text, facts) in enumerate(specs, 1)
    ]


def _unit(rows):
    v = np.asarray(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_similar_claims_from_two_documents_group_and_the_odd_one_stays_alone():
    claims = _claims([("a", "x", []), ("b", "x'", []), ("c", "y", [])])
    vectors = _unit([[1, 0, 0], [0.95, 0.05, 0], [0, 0, 1]])
    clusters = group.group(claims, vectors, GroupSettings())
    multi = [k for k in clusters if len(k.docs) > 1]
    assert [k.claims for k in multi] == [("a:1", "b:2")]
    assert any(k.claims == ("c:3",) and k.status == "unique" for k in clusters)


def test_claims_of_one_document_are_never_linked_to_each_other():
    claims = _claims([("a", "x", []), ("a", "x again", [])])
    clusters = group.group(claims, _unit([[1, 0], [1, 0.01]]), GroupSettings())
    assert all(len(k.claims) == 1 for k in clusters)


def test_a_shared_number_links_claims_below_the_same_claim_threshold():
    three = Fact("number", "three", "3", "soldiers", "exact", 0, 5, 3.0, 3.0)
    later = Fact("number", "three", "3", "soldiers", "exact", 7, 12, 3.0, 3.0)
    claims = _claims([("a", "three soldiers killed", [three]), ("b", "killed three soldiers", [later])])
    vectors = _unit([[1, 0], [0.5, 0.866]])  # cosine 0.5: below `same`, above `anchored`
    assert any(len(k.docs) == 2 for k in group.group(claims, vectors, GroupSettings()))
    plain = _claims([("a", "p", []), ("b", "q", [])])
    assert not any(len(k.docs) == 2 for k in group.group(plain, vectors, GroupSettings()))


def test_different_years_keep_look_alike_events_apart():
    y2008 = Fact("date", "in 2008", "2008", "year", "absolute", 0, 7)
    y2011 = Fact("date", "in 2011", "2011", "year", "absolute", 0, 7)
    claims = _claims(
        [("a", "pirates captured a ship in 2008", [y2008]), ("b", "pirates captured boats in 2011", [y2011])]
    )
    vectors = _unit([[1, 0], [0.8, 0.6]])  # cosine 0.8
    assert not any(len(k.docs) == 2 for k in group.group(claims, vectors, GroupSettings()))


def test_approximate_neighbour_search_is_deterministic_and_finds_the_exact_pairs(monkeypatch):
    rng = np.random.default_rng(5)
    centres = rng.standard_normal((700, 32)).astype(np.float32)
    vectors = _unit(np.repeat(centres, 3, axis=0) + 0.2 * rng.standard_normal((2100, 32)).astype(np.float32))
    exact = group.neighbours(vectors, 6, 0.6)
    monkeypatch.setattr(group, "EXACT_LIMIT", 100)
    approx = group.neighbours(vectors, 6, 0.6)
    assert approx == group.neighbours(vectors, 6, 0.6)
    found = {(i, j) for i, j, _ in approx}
    assert len(found & {(i, j) for i, j, _ in exact}) / len(exact) >= 0.98


def test_exact_search_keeps_each_rows_k_nearest_at_or_above_the_floor(monkeypatch):
    rng = np.random.default_rng(11)
    centres = rng.standard_normal((40, 16)).astype(np.float32)
    # clusters of 1 to 20 rows: some rows have more than k close rows, most have fewer
    sizes = rng.integers(1, 21, size=40)
    vectors = _unit(np.repeat(centres, sizes, axis=0) + 0.3 * rng.standard_normal((sizes.sum(), 16)).astype(np.float32))
    monkeypatch.setattr(group, "BLOCK", 64)  # several blocks, the last one short
    k, floor = 5, 0.5
    sims = vectors @ vectors.T
    want = set()
    for i in range(len(vectors)):
        order = [j for j in np.argsort(-sims[i], kind="stable") if j != i][:k]
        want.update((min(i, j), max(i, j)) for j in order if round(float(sims[i, j]), 4) >= floor)
    found = group.neighbours(vectors, k, floor)
    assert {(i, j) for i, j, _ in found} == want
    assert all(s >= floor for _, _, s in found) and found == sorted(found, key=lambda p: (-p[2], p[0], p[1]))


def _partition_each_row(vectors, k, floor):
    """The search as it was before it computed each cosine once: every row whole, partitioned when it has more
    than k rows at or above the screen."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -1.0)
    keep = sims >= floor - 1e-3
    for i in np.flatnonzero(keep.sum(axis=1) > k):
        keep[i] = False
        keep[i, np.argpartition(-sims[i], k - 1)[:k]] = True
    r, c = np.nonzero(keep)
    return group._ordered(*group._kept(r, c, sims[r, c], floor))


def _up_to_copies(pairs, vectors):
    """The pairs with each row named by its first copy (rows with the same vector are one text said twice)."""
    first: dict[bytes, int] = {}
    name = [first.setdefault(v.tobytes(), i) for i, v in enumerate(vectors)]
    return sorted((*sorted((name[i], name[j])), s) for i, j, s in pairs)


def test_exact_search_with_copies_of_one_text_keeps_the_rows_a_whole_row_partition_keeps(monkeypatch):
    rng = np.random.default_rng(23)
    centres = _unit(rng.standard_normal((12, 16)))
    # copies: the k-th nearest of a row often ties with the next. Which copy of a text is kept may differ with the
    # BLAS (a product computed in other blocks may differ in its last bit), but not the texts and their cosines
    vectors = np.repeat(centres, rng.integers(1, 15, size=12), axis=0)
    vectors = np.concatenate([vectors, _unit(vectors[:40] + 0.05 * rng.standard_normal((40, 16)))])
    apart = np.concatenate(
        [centres, _unit(centres[rng.integers(0, 12, size=60)] + 0.2 * rng.standard_normal((60, 16)))]
    )
    monkeypatch.setattr(group, "BLOCK", 32)
    for k, floor in ((3, 0.5), (8, 0.2), (20, 0.0)):
        found = group.neighbours(vectors, k, floor)
        assert _up_to_copies(found, vectors) == _up_to_copies(_partition_each_row(vectors, k, floor), vectors)
        assert group.neighbours(apart, k, floor) == _partition_each_row(apart, k, floor)  # no copies: the same


def test_a_group_admits_only_claims_linked_to_every_member():
    claims = _claims([("a", "x", []), ("b", "x'", []), ("c", "x''", [])])
    # a~b and b~c are strong links, a~c is not: no chaining, so b sits in two groups of two
    vectors = _unit([[1, 0, 0], [0.8, 0.6, 0], [0.28, 0.96, 0]])
    multi = sorted(k.claims for k in group.group(claims, vectors, GroupSettings()) if len(k.docs) > 1)
    assert multi == [("a:1", "b:2"), ("b:2", "c:3")]


def test_claims_naming_different_people_are_not_one_fact():
    smith = Fact("entity", "Ann Smith", "ann smith", "PERSON", None, 0, 9)
    jones = Fact("entity", "Bo Jones", "bo jones", "PERSON", None, 0, 8)
    claims = _claims([("a", "Ann Smith was fired as coach", [smith]), ("b", "Bo Jones was fired as coach", [jones])])
    vectors = _unit([[1, 0], [0.8, 0.6]])  # cosine 0.8: strong, but the actors differ
    assert not any(len(k.docs) == 2 for k in group.group(claims, vectors, GroupSettings()))


def test_figures_of_different_slots_are_not_one_fact():
    turnout = Fact("number", "67%", "67", "percent", "exact", 24, 27, 67.0, 67.0)
    share = Fact("number", "54%", "54", "percent", "exact", 26, 29, 54.0, 54.0)
    claims = _claims(
        [("a", "Turnout in the runoff was 67%.", [turnout]), ("b", "She won the runoff with 54% of the vote.", [share])]
    )
    vectors = _unit([[1, 0], [0.8, 0.6]])  # cosine 0.8: strong, but turnout and vote share are different facts
    assert not any(len(k.docs) == 2 for k in group.group(claims, vectors, GroupSettings()))


def test_shared_rare_words_link_claims_below_the_strong_threshold():
    claims = _claims(
        [
            ("a", "Hussein asked the Treasury to review sanctions on Iraqi banks", []),
            ("b", "Hussein requested that the Treasury reassess sanctions imposed on banks", []),
            ("c", "The weather was mild in the capital", []),
            ("d", "Football fans gathered downtown", []),
        ]
    )
    vectors = _unit([[1, 0, 0], [0.62, 0.785, 0], [0, 0, 1], [0, 0.1, 1]])  # a~b cosine 0.62: below `same`
    multi = [k.claims for k in group.group(claims, vectors, GroupSettings()) if len(k.docs) > 1]
    assert ("a:1", "b:2") in multi


def _norp(name, at):
    return Fact("entity", name, name.lower(), "NORP", None, at, at + len(name))


def test_one_nationality_each_keeps_claims_apart_but_several_name_roles():
    vectors = _unit([[1, 0], [0.8, 0.6]])  # cosine 0.8: strong, below the distinct-actors bar
    apart = _claims(
        [
            ("a", "Iraqi troops left the base", [_norp("Iraqi", 0)]),
            ("b", "American troops left the base", [_norp("American", 0)]),
        ]
    )
    assert not any(len(k.docs) == 2 for k in group.group(apart, vectors, GroupSettings()))
    roles = _claims(
        [
            ("a", "A warship caught Somali and Yemeni pirates", [_norp("Somali", 16), _norp("Yemeni", 27)]),
            ("b", "The Indian navy caught pirates", [_norp("Indian", 4)]),
        ]
    )
    assert any(len(k.docs) == 2 for k in group.group(roles, vectors, GroupSettings()))


def test_a_fact_two_more_documents_state_links_claims_worded_apart():
    # a~b cosine 0.58 (below `same`); c and d (other documents) sit close (>= 0.65) to both a and b
    base = [[1, 0, 0], [0.58, 0.8146, 0], [0.8, 0.6, 0], [0.81, 0.586, 0.02]]
    names = "Lenk Morell Dornbach"  # shared names give the documents one story (affinity)
    only_support = GroupSettings(story=1.0)  # the story rule alone would link a and b here
    specs = [(d, f"{names} item {d}", []) for d in "abcd"]
    multi = [set(k.claims) for k in group.group(_claims(specs), _unit(base), only_support) if len(k.docs) > 1]
    assert any({"a:1", "b:2"} <= k for k in multi)
    alone = _claims(specs[:2] + [("c", "unrelated", [])])
    lone = _unit([[1, 0, 0], [0.58, 0.8146, 0], [0, 0, 1]])
    assert not any(len(k.docs) > 1 for k in group.group(alone, lone, only_support))


def test_documents_of_one_story_may_date_its_steps_by_different_weekdays():
    vectors = _unit([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1]])  # a~b cosine 0.8: strong, below the weekday bar (0.9)
    other = ("c", "markets were calm", [])  # a third document, so that shared names weigh in the affinity
    story = _claims(
        [
            ("a", "Kessler of Dornbach opened fire at the Lenk Morell party on Friday", []),
            ("b", "Kessler of Dornbach was charged over the Lenk Morell party on Saturday", []),
            other,
        ]
    )
    assert any(len(k.docs) == 2 for k in group.group(story, vectors, GroupSettings()))
    apart = _claims(
        [
            ("a", "A gunman opened fire at the Ellweiler party on Friday", []),
            ("b", "A gunman opened fire at a Wendel office on Saturday", []),
            other,
        ]
    )
    assert not any(len(k.docs) == 2 for k in group.group(apart, vectors, GroupSettings()))


def test_the_affinity_table_holds_what_summing_word_by_word_gives(monkeypatch):
    """Every document pair's affinity comes from one dense or sparse product; it equals the word-by-word sum."""
    from factcheck import affinity

    names = ["Basra", "Mosul", "Erbil", "Baghdad", "Kirkuk", "Najaf", "Hussein", "Blinken", "Sudani", "2,500", "2024"]
    rng = np.random.default_rng(3)
    # each document also names a place no other names: it counts in its own row only
    specs = [
        (f"d{k}", " ".join([*rng.choice(names, size=int(rng.integers(2, 9))), f"Place{k}"]), []) for k in range(60)
    ]
    claims = _claims(specs)
    dense = affinity.DocAffinity(claims)
    monkeypatch.setattr(affinity, "DENSE_LIMIT", 0)
    sparse = affinity.DocAffinity(claims)
    monkeypatch.setattr(affinity, "TABLE_LIMIT", 0)
    summed = affinity.DocAffinity(claims)
    assert np.array_equal(dense._table, sparse._table)
    docs = sorted({c.doc for c in claims})
    values = [(dense(a, b), summed(a, b)) for a in docs for b in docs]
    assert all(x == y for x, y in values)
    assert any(0 < x < 1 for x, _ in values) and dense("d0", "nowhere") == 0.0 and dense("d0", "d0") == 1.0


def test_cohesion_screens_large_groups_by_one_product_with_the_pairwise_answer():
    """Whether any cross pair of two groups falls below the floor: the same with or without the block screen."""
    from factcheck.links import Linker

    rng = np.random.default_rng(5)
    vectors = _unit(rng.normal(size=(40, 6)) + 2.0)
    claims = _claims([(f"d{k % 7}", f"claim {k}", []) for k in range(40)])
    linker = Linker(claims, vectors, GroupSettings(floor=0.62))
    answers = []
    for size in (2, 4, 6, 8):
        for start in range(0, 40 - 2 * size, 3):
            left, right = list(range(start, start + size)), list(range(start + size, start + 2 * size))
            pairwise = any(linker.sim(x, y) < 0.62 for x in left for y in right)
            answers.append(pairwise)
            assert linker._apart(left, right) == pairwise
    assert True in answers and False in answers


class _PairLinker:
    """Links every candidate pair; two groups merge only when every cross pair is in `together` (counted)."""

    def __init__(self, together: set[tuple[int, int]]) -> None:
        self.together, self.tests = together, 0

    def link(self, i: int, j: int) -> bool:
        return True

    def cohesive(self, left: list[int], right: list[int]) -> bool:
        self.tests += 1
        return all((min(x, y), max(x, y)) in self.together for x in left for y in right)


def test_two_groups_that_refused_to_merge_are_not_tested_again_until_one_grows():
    # 0-1 and 2-3 form; 0-2, 1-3, 0-3 each ask the same two groups again; 4 then joins 2-3, which asks anew
    together = {(0, 1), (2, 3), (0, 2), (2, 4), (3, 4)}
    candidates = [(0, 1, 0.9), (2, 3, 0.9), (0, 2, 0.8), (1, 3, 0.8), (0, 3, 0.8), (2, 4, 0.7), (1, 4, 0.6)]
    linker = _PairLinker(together)
    groups = group._merged(5, linker, candidates)  # type: ignore[arg-type]
    assert groups == [[0, 1], [2, 3, 4], (0, 2), (0, 3), (1, 3), (1, 4)]
    assert linker.tests == 5  # 0-1, 2-3, 0-2 (refused), 2-4, 1-4 (the grown group: refused); 7 without the memo
