"""When two claims from different documents state one fact: the pairwise test the group stage is built on."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from typing import TypeVar

import numpy as np

from .affinity import DocAffinity, WordOverlap
from .events import EVENTS, EventSettings, compatible_when, when
from .model import Claim, Fact
from .slots import Roles, number_roles, slot_label

T = TypeVar("T")

# documents telling one story may date its steps by different weekdays (shot on Friday, charged on Saturday)
STORY_EVENTS = EventSettings(other_weekday=0.0)
RECOMPUTED = 1e-3  # a cosine `sim` computes again may round apart from the search's (by 1e-4 at most)
SLOT_FAMILIES = ("measure", "round")  # what a figure measures, and which round: different ones are different facts


@dataclass(frozen=True, slots=True)
class GroupSettings:
    """Cosine similarity thresholds (0..1) and limits of the group stage; see docs/calibration.md."""

    same: float = 0.70  # alone enough: precision-first, above the MSRP F1 optimum (0.62) that admits topical kin
    anchored: float = 0.45  # enough when both claims give the same value in the same slot (number + noun, date)
    story: float = 0.50  # enough between documents that share many names and figures (affinity >= story_affinity)
    story_affinity: float = 0.30  # tf-idf cosine of two documents' names and figures: they tell one story
    worded: float = 0.60  # enough when the claims also share most of their rarer words (overlap >= shared_words)
    shared_words: float = 0.40  # idf-weighted share of word stems two claims have in common (0..1)
    quoted: float = 0.30  # enough when both claims quote the same words
    supported: float = 0.55  # enough when support_docs other documents state it too, in one story (support_affinity)
    support_close: float = 0.65  # a third document supports a pair when it has a claim this close to both
    support_docs: int = 2  # third documents needed: one is often a topical neighbour, two rarely are
    support_affinity: float = 0.10  # the pair's documents share some names and figures: not a look-alike event
    distinct_people: float = (
        0.85  # claims naming only different people, nationalities or slots need near-identical wording
    )
    cohesion: float = 0.60  # share of a merged group's cross pairs that must be links: close to the group, no chain
    floor: float = 0.40  # no two members of a group may be less similar than this
    same_doc: float = 0.55  # two claims of one document may share a group only when this close
    neighbours: int = 32  # candidate neighbours looked at per claim (also where support is looked for)


def _attached(text: str, end: int) -> bool:
    """A figure glued to letters ('76ers', '3D') is part of a name, not a count."""
    return bool(re.match(r"[A-Za-z]", text[end : end + 1]))


def figures(claim: Claim) -> list[tuple[Fact, Roles]]:
    """The claim's figures with their role words (read once: `anchors` and `measured` both need them)."""
    return [(f, number_roles(claim.text, f, claim.facts)) for f in claim.facts if f.type == "number"]


def anchors(claim: Claim, roles: Sequence[tuple[Fact, Roles]]) -> set[str]:
    """Values that tie two claims to one fact: a figure with its counted noun and role, or a calendar date.

    `roles` are the claim's `figures`.
    """
    out = set()
    for f, found in roles:
        if f.value not in ("0", "1") and f.label and not _attached(claim.text, f.end):
            out.add(f"n:{f.value}:{slot_label(f, found)}")
    for f in claim.facts:
        if f.type == "date" and f.label in ("day", "month", "year") and not f.value.startswith("weekday"):
            out.add(f"d:{f.value}")
    return out


def measured(roles: Sequence[tuple[Fact, Roles]]) -> tuple[set[str], ...]:
    """Per slot family, the roles a claim's figures (its `figures`) fill ('turnout', 'vote'; 'first' round)."""
    found: tuple[set[str], ...] = tuple(set() for _ in SLOT_FAMILIES)
    for _, held_roles in roles:
        for held, family in zip(found, SLOT_FAMILIES, strict=True):
            held.update(held_roles.get(family, set()))
    return found


def actors(claim: Claim, label: str) -> set[str]:
    """Who a claim is about, by entity label: last names of people (PERSON), nationalities or groups (NORP)."""
    return {f.value.split()[-1] for f in claim.facts if f.type == "entity" and f.label == label and f.value.split()}


def _disjoint(a: set[str], b: set[str]) -> bool:
    """Both sides name roles of one family and none is shared."""
    return bool(a) and bool(b) and not a & b


def _different_people(a: set[str], b: set[str]) -> bool:
    """Both claims name people and no name on one side is a name on the other: two different actors."""
    from .extract.entities import same_entity

    return bool(a) and bool(b) and not any(x == y or same_entity(x, y) for x in a for y in b)


def _different_actors(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    """Different people, or one nationality each and not the same one ('Iraqi troops' vs 'American troops').

    A claim naming several nationalities or groups gives them different roles (an Indian warship, Somali
    pirates, an Ethiopian-flagged ship), so two such claims are not told apart by which ones they name.
    """
    (people_a, nations_a), (people_b, nations_b) = a, b
    if _different_people(people_a, people_b):
        return True
    return len(nations_a) == 1 and len(nations_b) == 1 and _different_people(nations_a, nations_b)


def same_words(quotes_a: Sequence[str], quotes_b: Sequence[str]) -> bool:
    """One quotation of each list is the other or an excerpt of it."""
    return any(qa in qb or qb in qa for qa in quotes_a for qb in quotes_b)


class Traits:
    """What the link test reads of each claim, vectors aside: built once, and before the vectors where the pipeline
    can (it builds them while the model still runs)."""

    def __init__(self, claims: list[Claim]) -> None:
        from .group import quotes_of

        roles = [figures(c) for c in claims]
        self.anchors = [anchors(c, r) for c, r in zip(claims, roles, strict=True)]
        self.actors = [(actors(c, "PERSON"), actors(c, "NORP")) for c in claims]
        self.measured = [measured(r) for r in roles]
        self.affinity = DocAffinity(claims)
        self.overlap = WordOverlap(claims)
        self.when = [when(c) for c in claims]  # read once: the same-event test runs on every candidate pair
        self.quotes = quotes_of(claims)  # read once: `_reason` may compare them for every candidate pair
        self.doc_rows = self.affinity.rows(c.doc for c in claims)  # one row per document: also tells documents apart
        self.size = len(claims)


class Linker:
    """Decides, and remembers, whether two claims state one fact."""

    def __init__(
        self, claims: list[Claim], vectors: np.ndarray, settings: GroupSettings, traits: Traits | None = None
    ) -> None:
        """`traits` are `Traits(claims)`, if built already."""
        if traits is None or traits.size != len(claims):
            traits = Traits(claims)
        self.claims = claims
        self.vectors = vectors
        self.settings = settings
        self.anchors, self.actors, self.measured = traits.anchors, traits.actors, traits.measured
        self.affinity, self.overlap, self.when, self.quotes = (
            traits.affinity,
            traits.overlap,
            traits.when,
            traits.quotes,
        )
        self._doc_rows = traits.doc_rows
        self._anchored = np.array([bool(a) for a in self.anchors], dtype=bool)
        self._quoting = np.array([bool(q) for q in self.quotes], dtype=bool)
        self._n = len(claims)  # pairs are remembered under i * n + j (see `_remembered`)
        self._memo: dict[int, bool] = {}
        self._vetoes: dict[int, bool] = {}
        self._last_pair, self._last_sim = (-1, -1), 0.0  # see `sim`
        self._close: dict[int, set[int]] = {}

    def know_close(self, pairs: Iterable[tuple[int, int, float]]) -> None:
        """Remember which candidate pairs are close enough (>= support_close) to support a third claim's link."""
        for i, j, sim in pairs:
            if sim >= self.settings.support_close and self.claims[i].doc != self.claims[j].doc:
                self._close.setdefault(i, set()).add(j)
                self._close.setdefault(j, set()).add(i)

    def refused(self, i: np.ndarray, j: np.ndarray, sims: np.ndarray) -> np.ndarray:
        """Of pairs (arrays of claim indices and their cosines), those `link` surely refuses, found without it:
        claims of one document, or claims too far apart for every reason `_reason` and support look at.

        Each test keeps a margin (`RECOMPUTED`) for the cosine `sim` computes again, so no pair `link` accepts
        is among them. At 10k claims half the candidate pairs were such, each tested one by one.
        """
        st, near = self.settings, sims + RECOMPUTED
        docs_a, docs_b = self._doc_rows[i], self._doc_rows[j]
        affinity = self.affinity.tabled(docs_a, docs_b)
        story, support = near >= st.story, near >= st.supported
        if affinity is not None:  # else every pair close enough may tell one story
            story &= affinity >= st.story_affinity
            support &= affinity >= st.support_affinity
        reason = (near >= st.same) | story | support | (near >= st.worded)
        reason |= (near >= st.anchored) & self._anchored[i] & self._anchored[j]
        reason |= self._quoting[i] & self._quoting[j]  # the quoted gate (0.30) is not screened: kept either way
        return (docs_a == docs_b) | ~reason

    def sim(self, i: int, j: int) -> float:
        """Cosine similarity of two claims (0..1), rounded so that ties sort the same everywhere.

        Only the last pair is remembered: a decision asks about one pair several times in a row. A table of every
        pair asked about held 790k cosines at 40k claims (84 MiB) and was no faster than this.
        """
        pair = (i, j) if i < j else (j, i)
        if pair != self._last_pair:
            self._last_pair, self._last_sim = pair, round(float(self.vectors[pair[0]] @ self.vectors[pair[1]]), 4)
        return self._last_sim

    def _remembered(self, table: dict[int, T], i: int, j: int, compute: Callable[[int, int], T]) -> T:
        """`compute(i, j)` for the pair with i < j, remembered in `table` under one int, i * n + j (a tuple key
        costs 3-4 times the memory: at 100k claims these tables hold millions of pairs)."""
        i, j = (i, j) if i < j else (j, i)
        key = i * self._n + j
        found = table.get(key)
        if found is None:
            found = table[key] = compute(i, j)
        return found

    def together(self, i: int, j: int) -> bool:
        """May claims i and j sit in one group: linked across documents, close within one."""
        if self.claims[i].doc == self.claims[j].doc:
            return self.sim(i, j) >= self.settings.same_doc
        return self.link(i, j)

    def cohesive(self, left: list[int], right: list[int]) -> bool:
        """Two groups may merge: enough of their cross pairs are links, and none is far apart."""
        if self._apart(left, right):
            return False
        pairs = len(left) * len(right)
        need = self.settings.cohesion * pairs
        together = 0
        for n, (x, y) in enumerate(product(left, right)):  # stops once the answer is known: links are pure
            together += self.together(x, y)
            if together >= need or together + pairs - n - 1 < need:
                break
        return together >= need

    def _apart(self, left: list[int], right: list[int]) -> bool:
        """Some member of `left` is less similar than the floor to some member of `right` (by `sim`).

        Large blocks are screened with one matrix product; only a minimum within rounding reach of the floor is
        settled pair by pair, so the answer is what `sim` gives.
        """
        floor = self.settings.floor
        if len(left) * len(right) >= 16:
            lowest = float((self.vectors[left] @ self.vectors[right].T).min())
            if lowest >= floor + 1e-4 or lowest < floor - 1e-4:
                return lowest < floor
        return any(self.sim(x, y) < floor for x, y in product(left, right))

    def link(self, i: int, j: int) -> bool:
        """Claims i and j, from different documents, state one fact."""
        return self._remembered(self._memo, i, j, self._decide)

    def _supported(self, i: int, j: int) -> bool:
        """Enough other documents hold a claim close to both, and linkable to both: a fact many sources state."""
        own = {self.claims[i].doc, self.claims[j].doc}
        third = {
            self.claims[k].doc
            for k in self._close.get(i, set()) & self._close.get(j, set())
            if self.claims[k].doc not in own and not (self._vetoed(i, k) or self._vetoed(j, k))
        }
        return len(third) >= self.settings.support_docs

    def _vetoed(self, i: int, j: int) -> bool:
        """Dates, actors or figure slots say the two claims cannot state one fact, however close the wording."""
        return self._remembered(self._vetoes, i, j, self._veto)

    def _veto(self, i: int, j: int) -> bool:
        a, b, s, sim = self.claims[i], self.claims[j], self.settings, self.sim(i, j)
        if not compatible_when(self.when[i], self.when[j], sim, EVENTS):  # documents of one story are more lenient
            story = compatible_when(self.when[i], self.when[j], sim, STORY_EVENTS)
            if not story or self.affinity(a.doc, b.doc) < s.story_affinity:
                return True
        if sim < s.distinct_people and _different_actors(self.actors[i], self.actors[j]):
            return True
        return sim < s.distinct_people and any(map(_disjoint, self.measured[i], self.measured[j]))

    def _decide(self, i: int, j: int) -> bool:
        """A link needs one reason to link and no veto; the cheap reasons are looked at first, support last."""
        a, b, s = self.claims[i], self.claims[j], self.settings
        sim = self.sim(i, j)
        if a.doc == b.doc:
            return False
        if self._reason(i, j, sim):
            return not self._vetoed(i, j)  # other years, people, or slots ('turnout 67%' and '54% of the vote')
        if sim >= s.supported and self.affinity(a.doc, b.doc) >= s.support_affinity:
            return not self._vetoed(i, j) and self._supported(i, j)
        return False

    def _reason(self, i: int, j: int, sim: float) -> bool:
        """Wording, one story, a shared value, shared rare words or a shared quotation tie the two claims."""
        a, b, s = self.claims[i], self.claims[j], self.settings
        if sim >= s.same:
            return True
        if sim >= s.story and self.affinity(a.doc, b.doc) >= s.story_affinity:
            return True
        if sim >= s.anchored and self.anchors[i] & self.anchors[j]:
            return True
        if sim >= s.worded and self.overlap(i, j) >= s.shared_words:
            return True
        return sim >= s.quoted and same_words(self.quotes[i], self.quotes[j])
