"""The nearest-pair search's array steps give what rounding and deduplicating pair by pair in Python gives."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import group
from factcheck.links import GroupSettings, Linker, Traits
from factcheck.model import Claim, Fact

# float32 cosines, as the matrix products give them, and values sitting on or next to a 4-decimal half-point
_COSINES = st.one_of(
    st.floats(-1.0, 1.0, width=32),
    st.integers(-10_000, 9_999).map(lambda k: (k + 0.5) / 10_000),
    st.integers(-10_000, 9_999).map(lambda k: np.nextafter((k + 0.5) / 10_000, 2.0)),
    st.integers(-10_000, 9_999).map(lambda k: np.nextafter((k + 0.5) / 10_000, -2.0)),
    st.integers(-31, 31).map(lambda m: m / 32),  # halves exactly: 0.03125 * 10,000 = 312.5
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_COSINES, min_size=1, max_size=50))
def test_round4_is_pythons_round_to_four_decimals(values):
    got = group.round4(np.array(values, dtype=np.float64))
    assert got.tolist() == [round(float(v), 4) for v in values]


def test_round4_of_float32_cosines_matches_python_for_every_one():
    rng = np.random.default_rng(3)
    sims = rng.uniform(-1, 1, 200_000).astype(np.float32)
    assert group.round4(sims).tolist() == [round(float(s), 4) for s in sims.tolist()]


def test_pairs_are_distinct_triples_strongest_first_then_by_index():
    i = np.array([3, 1, 1, 0, 3, 1])
    j = np.array([4, 2, 2, 5, 4, 2])
    s = np.array([0.5, 0.7, 0.7, 0.7, 0.5, 0.6999])
    # (1, 2) stated twice with one cosine counts once; with another cosine (rounded elsewhere) it stays twice
    assert group._ordered(i, j, s) == [(0, 5, 0.7), (1, 2, 0.7), (1, 2, 0.6999), (3, 4, 0.5)]
    assert all(type(x) is int and type(y) is int and type(c) is float for x, y, c in group._ordered(i, j, s))


def test_kept_orients_each_pair_and_drops_rows_themselves_and_what_rounds_below_the_floor():
    rows, cols = np.array([5, 2, 4, 1]), np.array([1, 2, 0, 3])
    sims = np.array([0.61, 0.99, 0.59996, 0.59994], dtype=np.float64)
    i, j, s = group._kept(rows, cols, sims, 0.6)
    assert (i.tolist(), j.tolist(), s.tolist()) == ([1, 0], [5, 4], [0.61, 0.6])


def test_group_labels_read_with_shared_figures_are_the_labels_read_alone():
    from factcheck.labels import group_label
    from factcheck.model import Claim, Fact

    def claim(doc: str, text: str, *facts: Fact) -> Claim:
        return Claim(f"{doc}:1", doc, text, 1, 0, len(text), facts)

    troops = Fact("number", "2,500 troops", "2500", "troops", None, 8, 20)
    others = Fact("number", "2,500 troops", "2500", "troops", None, 4, 16)
    killed = Fact("number", "three soldiers", "3", "soldiers", None, 0, 14)
    a = claim("a", "The US has 2,500 troops in Iraq.", troops)
    b = claim("b", "Some 2,500 troops remain in Iraq, officials said.", others)
    c = claim("c", "Three soldiers were killed in the attack.", killed)
    d = claim("d", "The attack killed three soldiers near the base.")
    groups = [[a, b], [b, c], [a, b, c], [c, d], [a, d]]
    read: dict[str, dict[str, str]] = {}
    assert [group_label(g, read) for g in groups] == [group_label(g) for g in groups]
    assert group_label([a, b], read) == "troops: 2,500 troops — 2 sources" and set(read) == {"a:1", "b:1", "c:1", "d:1"}


def test_groups_from_pairs_being_found_are_the_groups_from_pairs_found():
    from concurrent.futures import ThreadPoolExecutor

    from factcheck.group import GroupSettings
    from factcheck.model import Claim

    rng = np.random.default_rng(8)
    centres = rng.standard_normal((30, 24)).astype(np.float32)
    raw = np.repeat(centres, 4, axis=0) + 0.25 * rng.standard_normal((120, 24)).astype(np.float32)
    vectors = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    claims = [Claim(f"d{i % 5}:{i}", f"d{i % 5}", f"claim {i}", i, 0, 8, (), i) for i in range(120)]
    settings = GroupSettings()
    heard: list[object] = []
    with ThreadPoolExecutor(1) as lane:
        pending = lane.submit(group.nearest, vectors, settings)
        from_future = group.group(claims, vectors, settings, pending, on_near=heard.append)
    given = group.group(claims, vectors, settings, group.nearest(vectors, settings))
    assert from_future == given == group.group(claims, vectors, settings)
    assert heard == [group.nearest(vectors, settings)] and any(len(k.docs) > 1 for k in given)


def _varied_claims(rng: np.random.Generator) -> tuple[list[Claim], np.ndarray]:
    """Claims of six documents in two stories (other names; one document has both), some sharing wording, a date
    or a quotation, and vectors near a few centres."""
    names = (["Basra", "Mosul", "Kirkuk", "Hussein"], ["Austin", "Erbil", "Sudani", "Anbar"])
    phrases = ["convoy hit roadside bomb near checkpoint", "ministry denied reports about withdrawal timetable",
               "soldiers wounded during overnight rocket attack", "parliament voted against foreign troops"]  # fmt: skip
    quote = Fact("quote", '"we will not leave"', "we will not leave", None, None, 0, 19)
    claims = []
    for k in range(90):
        doc = f"d{k % 6}"
        pool = names[k % 6 // 3] if k % 6 < 5 else names[k % 2]  # the sixth document tells both stories
        own = [f"{place}{k % 6}" for place in ("Camp", "Base", "Fort", "Port", "Lake")]  # names of one document only
        text = " ".join([rng.choice(pool), *rng.choice(own, size=2, replace=False), rng.choice(phrases)])
        facts = []
        if k % 5 == 0:
            facts.append(Fact("date", "March 5", "2024-03-05", "day", "absolute", 0, 7))
        if k % 7 == 0:
            facts.append(quote)
        claims.append(Claim(f"{doc}:{k}", doc, text, k, 0, len(text), tuple(facts), k))
    centres = rng.standard_normal((6, 24))
    vectors = centres[rng.integers(6, size=90)] + rng.uniform(0.2, 1.2) * rng.standard_normal((90, 24))
    return claims, (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def test_pairs_refused_without_testing_are_pairs_the_link_test_refuses():
    for seed in range(8):
        claims, vectors = _varied_claims(np.random.default_rng(seed))
        linker = Linker(claims, vectors, GroupSettings())
        i, j = (a.ravel() for a in np.triu_indices(len(claims), 1))
        sims = group.round4(np.einsum("ij,ij->i", vectors[i], vectors[j]))
        linker.know_close(zip(i.tolist(), j.tolist(), sims.tolist()))  # so that a third document may support a pair
        refused = linker.refused(i, j, sims)
        links = np.array([linker.link(int(a), int(b)) for a, b in zip(i, j)])
        assert not (refused & links).any()
        assert refused.any() and links.any() and (~refused & ~links).any()  # some pairs of each kind


def test_a_pair_only_two_other_documents_support_is_not_refused():
    texts = {
        "a": "Basra Kirkuk Najaf Tikrit Hilla officials said the convoy left",
        "b": "Basra Erbil Anbar Falluja Hilla officials said the convoy left",  # affinity with a: 0.20, one story
        "c": "Basra Kirkuk Erbil Ramadi reported the convoy left",
        "d": "Basra Najaf Anbar Samarra reported the convoy left",
    }
    claims = [Claim(f"{d}:1", d, t, 1, 0, len(t), (), 0) for d, t in texts.items()]
    a, b = np.eye(3, dtype=np.float32)[:2]
    b = 0.57 * a + np.sqrt(1 - 0.57**2) * b  # cosine 0.57: no reason of its own to link, but support
    both = (a + b) / np.linalg.norm(a + b)  # c and d: close to both (0.89)
    vectors = np.stack([a, b, both, both]).astype(np.float32)
    linker = Linker(claims, vectors, GroupSettings())
    i, j = (x.ravel() for x in np.triu_indices(4, 1))
    sims = group.round4(np.einsum("ij,ij->i", vectors[i], vectors[j]))
    linker.know_close(zip(i.tolist(), j.tolist(), sims.tolist()))
    assert linker.link(0, 1) and not linker.refused(np.array([0]), np.array([1]), np.array([0.57]))[0]


def test_traits_built_ahead_give_the_groups_built_without_them():
    for seed in range(4):
        claims, vectors = _varied_claims(np.random.default_rng(seed))
        ahead = Traits(claims)  # as the pipeline builds them while the model runs
        assert group.group(claims, vectors, GroupSettings(), traits=ahead) == group.group(claims, vectors)
        fewer = Traits(claims[:10])  # traits of other claims are not used
        assert group.group(claims, vectors, GroupSettings(), traits=fewer) == group.group(claims, vectors)
