"""Compare stage: inside each group of matching claims, find facts that sources state differently."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np

from .blocking import bigrams as _bigrams
from .blocking import blocked_pairs as _blocked_pairs
from .group import compatible_events, weekdays
from .model import Claim, Cluster, Document, Fact, Finding

MAX_CLUSTER_PAIRS = 400  # pairwise comparisons looked at per cluster
MAX_SLOT_ITEMS = 300  # numbers of one label compared pairwise across a whole set

# words near a number that say which quantity it measures; within a family, different roles are different slots
ROLE_FAMILIES = {
    "measure": {
        "depth": "depth deep beneath below underground shallow",
        "distance": "south north east west south-west south-east north-west north-east southwest southeast "
        "northwest northeast away distance off outside",
        "magnitude": "magnitude richter",
        "vote": "vote votes share ballots",
        "turnout": "turnout",
        "age": "aged old age",
        "duration": "hours days weeks months years minutes",
    },
    "round": {"first": "first initial preliminary", "second": "runoff run-off second final"},
    "casualty": {
        "dead": "died dead killed kill killing deaths death toll fatalities lives perished",
        "injured": "injured wounded hurt injuries injuring",
        "missing": "missing unaccounted",
        "displaced": "displaced homeless evacuated",
        "held": "arrested detained captured apprehended",
    },
    "shock": {"aftershock": "aftershock aftershocks tremor", "main": "mainshock main"},
}
_ROLE_WORDS = {
    fam: {w: role for role, words in roles.items() for w in words.split()} for fam, roles in ROLE_FAMILIES.items()
}
_TOKEN = re.compile(r"[a-z][a-z-]*")


@dataclass(frozen=True, slots=True)
class CompareSettings:
    """Cosine similarity (0..1) a pair of claims needs before a given kind of difference counts."""

    number: float = 0.60
    story: float = 0.50  # documents' mean-vector cosine for the set-wide slot and venue comparisons
    slot: float = 0.30  # numbers with the same explicit role (depth, wounded) in loosely similar claims
    date: float = 0.70
    negation: float = 0.80
    negation_scoped: float = 0.60  # enough when the negated word itself appears in the positive claim
    location: float = 0.85
    quote_low: float = 0.55  # quote wording similarity (0..1): below this they are different quotes
    quote_high: float = 0.97  # at or above this they are the same quote


def fingerprint(kind: str, type_: str, values: tuple[str, ...], docs: tuple[str, ...], extra: str = "") -> str:
    """Stable id from what a finding says and where, never from lines or offsets."""
    raw = "\x1f".join([kind, type_, "|".join(sorted(values)), "|".join(sorted(docs)), extra])
    return "fc-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


MAX_NAMED = 8  # sources named in one message; the finding's claims list has them all


def _sources(docs) -> str:
    """'a, b, c' or 'a, b, …, h and 12 more': messages stay one readable sentence."""
    docs = list(docs)
    if len(docs) <= MAX_NAMED:
        return ", ".join(docs)
    return f"{', '.join(docs[:MAX_NAMED])} and {len(docs) - MAX_NAMED} more"


def _cite(claim: Claim) -> str:
    return f"{claim.doc} line {claim.line}"


def _interval(f: Fact) -> tuple[float, float]:
    try:
        v = float(f.value)
    except ValueError:
        v = float("nan")
    lo = f.low if f.low is not None else v
    hi = f.high if f.high is not None else v
    return lo, hi


def numbers_agree(a: Fact, b: Fact) -> bool:
    """Two statements of one quantity agree when the ranges they allow overlap (with 2% rounding slack)."""
    alo, ahi = _interval(a)
    blo, bhi = _interval(b)
    if any(np.isnan(x) for x in (alo, ahi, blo, bhi)):
        return a.value == b.value
    slack = 0.02 * max(abs(alo), abs(ahi), abs(blo), abs(bhi), 1e-9)
    return alo <= bhi + slack and blo <= ahi + slack


def _dates_agree(a: Fact, b: Fact) -> bool:
    """Dates agree when one contains the other (a month contains its days, a year its months)."""
    va, vb = a.value, b.value
    if va.startswith("weekday") or vb.startswith("weekday"):
        return True
    if (
        (a.qualifier == "relative" or b.qualifier == "relative" or not re.search(r"\d{4}", a.text + " " + b.text))
        and len(va) >= 5
        and len(vb) >= 5
    ):
        va, vb = va[-5:], vb[-5:]  # a year was inferred, not written: compare month and day
    return va.startswith(vb) or vb.startswith(va)


def _segment_around(text: str, fact: Fact, others: list[Fact]) -> str:
    """The part of the claim that belongs to this number: up to the neighbouring numbers or clause breaks."""
    lo = max([o.end for o in others if o.end <= fact.start] + [0])
    hi = min([o.start for o in others if o.start >= fact.end] + [len(text)])
    left = text[lo : fact.start]
    cut = max(left.rfind(","), left.rfind(";"), left.rfind(" and "), left.rfind(" while "))
    if cut >= 0:
        left = left[cut + 1 :]
    right = text[fact.end : hi]
    stop = min([i for i in (right.find(","), right.find(";")) if i >= 0] + [len(right)])
    return (left + " " + fact.text + " " + right[:stop]).lower()


def number_roles(text: str, fact: Fact, facts: tuple[Fact, ...]) -> dict[str, set[str]]:
    """Role words near a number, by family (what is measured, which round, which shock)."""
    others = [f for f in facts if f.type == "number" and f is not fact]
    words = set(_TOKEN.findall(_segment_around(text, fact, others)))
    if "first round" in text.lower():
        words.add("first")
    return {fam: {table[w] for w in words if w in table} for fam, table in _ROLE_WORDS.items()}


_GENERIC_COUNTS = frozenset(["people", "persons", "others", "other", "residents", "civilians"])
_LABEL_FOLD = {"killed": "dead", "deaths": "dead", "fatalities": "dead", "wounded": "injured", "arrested": "held"}


def slot_label(fact: Fact, roles: dict[str, set[str]]) -> str | None:
    """The counted thing: a casualty word beats a generic noun ('1,037 people had died' counts the dead)."""
    label = _LABEL_FOLD.get(fact.label or "", fact.label)
    casualty = roles.get("casualty", set())
    if (label is None or label in _GENERIC_COUNTS) and len(casualty) == 1:
        return next(iter(casualty))
    return label


STRICT_FAMILIES = ("shock",)  # naming the role at all sets a number apart ('a 4.9 aftershock' vs 'the 6.8 quake')


def same_slot(ra: dict[str, set[str]], rb: dict[str, set[str]]) -> bool:
    """Two numbers fill one slot unless, in some family, both name roles and the roles do not meet."""
    if any(ra[f] != rb[f] for f in STRICT_FAMILIES):
        return False
    return all(not (ra[f] and rb[f]) or bool(ra[f] & rb[f]) for f in ra)


_WEAK_CUES = frozenset(["without", "no", "none", "nor", "neither"])
_AUXILIARIES = frozenset(
    [
        "be",
        "been",
        "being",
        "is",
        "was",
        "were",
        "are",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "said",
        "say",
        "says",
        "think",
        "know",
        "only",
        "yet",
        "just",
        "also",
        "even",
    ]
)
# counted nouns that are really units of time-of-day, age or compound adjectives in tokenised text
_NOT_COUNTS = frozenset(["p", "a", "am", "pm", "m", "year", "years", "old", "square", "foot", "feet-long"])


def _model_name(text: str, f: Fact) -> bool:
    """Digits that belong to a product or model name ('AK-47 rifles', 'six AK 47s'), or a split '1, 000'."""
    before, after = text[max(0, f.start - 6) : f.start], text[f.end : f.end + 6]
    return bool(re.search(r"\b[A-Z]{1,4}\s*-?\s*$", before) or re.match(r"\s*-?\s*\d", after) or f.text.startswith("0"))


def _surname_keys(name: str) -> set[str]:
    """The start and the end of a name's last word: respellings keep one or the other."""
    last = name.split()[-1]
    return {f"^{last[:2]}", f"{last[-3:]}$"}


def _plain_name(name: str) -> str:
    """'a Tony Award' and 'Tony Awards' -> 'tony award'."""
    words = name.lower().split()
    if words and words[0] in ("a", "an", "the"):
        words = words[1:]
    return " ".join(words).rstrip("s").rstrip("'")


_DAY_WORDS = re.compile(
    r"yesterday|today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday", re.IGNORECASE
)


def _calendar_day(f: Fact) -> bool:
    """A date written as a calendar day ('3 March', 'Jan. 27'), not a weekday or 'yesterday' resolved by us."""
    return (
        f.type == "date" and f.label == "day" and any(ch.isdigit() for ch in f.text) and not _DAY_WORDS.search(f.text)
    )


def _is_venue(text: str, f: Fact) -> bool:
    """A place where something happens: 'held in Geneva', 'at Vienna', not "Ukraine's grid"."""
    before = text[max(0, f.start - 4) : f.start].lower()
    return before.endswith(("in ", "at ", "near "))


_VENUE = re.compile(
    r"\b(held|hosted|staged|convened|took\s+place|opened|signed|met|meet|meeting|summit|talks)"
    r"\s+(?:\w+\s+){0,2}(?:in|at)\s+$",
    re.IGNORECASE,
)


def venue_of(text: str, f: Fact) -> str | None:
    """The event word of 'held in Geneva', 'talks in Vienna': where something named took place."""
    m = _VENUE.search(text[max(0, f.start - 40) : f.start])
    return re.sub(r"\s+", " ", m.group(1).lower()) if m and f.type == "location" else None


def _places_differ(a: Claim, fa: Fact, b: Claim, fb: Fact) -> bool:
    """Two places that are not one place spelled twice, and not both named on both sides."""
    from .extract.entities import same_entity

    return not (same_entity(fa.value, fb.value) or fa.value in b.text.lower() or fb.value in a.text.lower())


def _modifiers(f: Fact) -> set[str]:
    """Capitalised words between a number and its noun ('11 Yemeni pirates' -> {'yemeni'})."""
    words = f.text.split()
    return {w.lower().strip(".,") for w in words[1:-1] if w[:1].isupper() and not w.isupper()}


class Comparer:
    """Finds conflicts, variants, unique and corroborated claims over one run's clusters."""

    def __init__(
        self,
        docs: list[Document],
        claims: list[Claim],
        vectors: np.ndarray,
        settings: CompareSettings = CompareSettings(),
    ) -> None:
        self.docs = {d.id: d for d in docs}
        self.claims = claims
        self.by_id = {c.id: i for i, c in enumerate(claims)}
        self.vectors = vectors
        self.settings = settings
        self.centroids = self._centroids()
        self.weekdays: dict[str, set[str]] = {}
        for c in claims:
            self.weekdays.setdefault(c.doc, set()).update(weekdays(c))

    def _centroids(self) -> dict[str, np.ndarray]:
        rows: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(self.claims):
            rows[c.doc].append(i)
        out = {}
        for doc, idx in rows.items():
            v = self.vectors[idx].mean(axis=0)
            out[doc] = v / (float(np.linalg.norm(v)) or 1.0)
        return out

    def doc_sim(self, a: str, b: str) -> float:
        """Cosine of two documents' mean claim vectors (0..1): how much they tell the same story."""
        if a not in self.centroids or b not in self.centroids:
            return 0.0
        return round(float(self.centroids[a] @ self.centroids[b]), 4)

    def same_story(self, a: str, b: str) -> bool:
        """Documents whose named weekdays never meet ('on Saturday' vs 'on Thursday') report different events."""
        wa, wb = self.weekdays.get(a, set()), self.weekdays.get(b, set())
        return not wa or not wb or bool(wa & wb)

    def one_event(self, a: Claim, b: Claim, sim: float) -> bool:
        """The two claims may describe one event: compatible dates and weekdays, documents of one story."""
        return compatible_events(a, b, sim) and self.same_story(a.doc, b.doc)

    def sim(self, a: Claim, b: Claim) -> float:
        """Cosine similarity of two claims (0..1)."""
        return round(float(self.vectors[self.by_id[a.id]] @ self.vectors[self.by_id[b.id]]), 4)

    def run(self, clusters: list[Cluster]) -> list[Finding]:
        """All findings, sorted for stable output."""
        findings: list[Finding] = []
        shared = {c for k in clusters if len(k.docs) > 1 for c in k.claims}
        for cluster in clusters:
            members = [self.claims[self.by_id[c]] for c in cluster.claims]
            if len(cluster.docs) > 1:
                findings.extend(self.number_conflicts(members))
                findings.extend(self.pair_conflicts(members))
                findings.append(self.corroborated(cluster, members))
        singles = len(self.docs) > 1
        findings.extend(self.unique(c) for c in self.claims if singles and c.id not in shared and c.facts)
        seen = {
            frozenset((a, b))
            for f in findings
            if f.kind == "conflict" and f.type == "number"
            for a in f.claims
            for b in f.claims
        }
        findings.extend(self.slot_conflicts(seen))
        findings.extend(self.venue_conflicts())
        findings.extend(self.quote_conflicts())
        findings.extend(self.variants())
        return _dedupe(findings)

    # --- numbers -----------------------------------------------------------------------------------------
    def slot_conflicts(self, seen: set[frozenset[str]]) -> list[Finding]:
        """Numbers with an explicit role ('34 others were wounded', 'a depth of 18.5 km') compared across the
        whole set, for sentences that state one shared fact among different others and so embed apart."""
        return self.number_conflicts(self.claims, self.settings.slot, need_role=True, seen=seen)

    def number_conflicts(
        self,
        members: list[Claim],
        min_sim: float | None = None,
        need_role: bool = False,
        seen: set[frozenset[str]] | None = None,
    ) -> list[Finding]:
        """Per counted noun, the values each source gives; a finding when some pair cannot both be true."""
        min_sim = self.settings.number if min_sim is None else min_sim
        by_label: dict[str, list[tuple[Claim, Fact]]] = defaultdict(list)
        roles = {}
        for c in members:
            for f in c.facts:
                if f.type != "number" or f.label in _NOT_COUNTS or _model_name(c.text, f):
                    continue
                found = number_roles(c.text, f, c.facts)
                if need_role and not (found["measure"] or found["casualty"]):
                    continue
                label = slot_label(f, found)
                if label:
                    by_label[label].append((c, f))
                    roles[(c.id, f.start)] = found
        out = []
        for label, items in sorted(by_label.items()):
            if len(items) > MAX_SLOT_ITEMS:
                continue  # a label this common is no single slot; leave it to the claim groups
            clash = []
            for (ca, fa), (cb, fb) in combinations(items, 2):
                sim = self.sim(ca, cb)
                if ca.doc == cb.doc or numbers_agree(fa, fb) or sim < min_sim:
                    continue
                if seen is not None and frozenset((ca.id, cb.id)) in seen:
                    continue  # already reported by the claim group both sit in
                if need_role and self.doc_sim(ca.doc, cb.doc) < self.settings.story:
                    continue  # loosely similar claims count only inside one story
                if not same_slot(roles[(ca.id, fa.start)], roles[(cb.id, fb.start)]):
                    continue
                ma, mb = _modifiers(fa), _modifiers(fb)
                if ma and mb and not ma & mb:
                    continue  # '11 Yemeni pirates' vs '12 Somali pirates': different groups
                if bool(ma) != bool(mb):
                    continue  # '11 Yemeni pirates' vs '23 pirates': may be a part of the whole
                if not self.one_event(ca, cb, sim):
                    continue
                clash.append((ca, fa, cb, fb))
            # figures from reports of different days are updates more often than errors: report them apart
            same_day = [x for x in clash if not self._temporal((x[0].doc, x[2].doc))]
            later = [x for x in clash if self._temporal((x[0].doc, x[2].doc))]
            for part in (same_day, later):
                if part:
                    measured = set.union(
                        *(roles[(c.id, f.start)]["measure"] for x in part for c, f in ((x[0], x[1]), (x[2], x[3])))
                    )
                    what = f"{' / '.join(sorted(measured))} ({label})" if measured and label not in measured else label
                    out.append(self._number_finding(label, items, part, what))
        return out

    def _number_finding(self, label: str, items, clash, what: str) -> Finding:
        involved = {(c.id, f.value) for ca, fa, cb, fb in clash for c, f in ((ca, fa), (cb, fb))}
        rows = [(c, f) for c, f in items if (c.id, f.value) in involved]
        values = tuple(sorted({f.value for _, f in rows}, key=_num_key))
        docs = tuple(sorted({c.doc for c, _ in rows}))
        table = []
        for v in values:
            srcs = sorted({c.doc for c, f in rows if f.value == v})
            example = next(f.text for c, f in rows if f.value == v)
            table.append(f"{example!r} ({len(srcs)} source{'s' if len(srcs) != 1 else ''}: {_sources(srcs)})")
        temporal = self._temporal(docs)
        authorities = self._authorities([c for c, _ in rows])
        msg = f"Sources give different figures for {what}: " + " vs ".join(table)
        if temporal:
            msg += "; the reports are from different dates, so this may be an updated figure"
        if authorities:
            msg += f"; the figures are attributed to different authorities ({authorities})"
        severity = "low" if temporal else ("medium" if authorities else "high")
        return Finding(
            fingerprint("conflict", "number", values, docs, label),
            "conflict",
            "number",
            tuple(sorted({c.id for c, _ in rows})),
            values,
            msg + ".",
            severity,
            temporal,
            docs,
        )

    def _temporal(self, docs: tuple[str, ...]) -> bool:
        dates = {self.docs[d].published for d in docs if d in self.docs and self.docs[d].published}
        return len(dates) > 1

    def _authorities(self, claims: list[Claim]) -> str:
        from .extract.quotes import attribution

        names = sorted({a for a in (attribution(c.text) for c in claims) if a})
        return " vs ".join(names) if len(names) > 1 else ""

    # --- dates, negation, places ---------------------------------------------------------------------------
    def pair_conflicts(self, members: list[Claim]) -> list[Finding]:
        """Date, negation and location differences between tight pairs from different documents."""
        out = []
        pairs = [(a, b) for a, b in combinations(members, 2) if a.doc != b.doc][:MAX_CLUSTER_PAIRS]
        for a, b in pairs:
            sim = self.sim(a, b)
            if not self.one_event(a, b, sim):
                continue
            if sim >= self.settings.date:
                out.extend(self._date_conflict(a, b))
            if sim >= self.settings.negation_scoped:
                out.extend(self._negation_conflict(a, b, sim))
            if sim >= self.settings.location:
                out.extend(self._location_conflict(a, b))
        return out

    def _date_conflict(self, a: Claim, b: Claim) -> list[Finding]:
        da = [f for f in a.facts if _calendar_day(f)]
        db = [f for f in b.facts if _calendar_day(f)]
        if len(da) != 1 or len(db) != 1 or _dates_agree(da[0], db[0]):
            return []
        return [self._pair_finding("date", a, da[0], b, db[0], "give different dates for the same event")]

    def _negation_conflict(self, a: Claim, b: Claim, sim: float) -> list[Finding]:
        na = [f for f in a.facts if f.type == "negation"]
        nb = [f for f in b.facts if f.type == "negation"]
        if bool(na) == bool(nb):
            return []
        neg, pos, f = (a, b, na[0]) if na else (b, a, nb[0])
        scoped = (f.label or "").lower()
        weak = f.text.lower() in _WEAK_CUES or scoped in _AUXILIARIES or len(scoped) < 5
        if weak or scoped[:6] not in pos.text.lower():
            return []
        msg = (
            f"{neg.doc} states it in the negative ({f.text!r}, line {neg.line}) while {pos.doc} states it "
            f"positively (line {pos.line})."
        )
        values = ("negative", "positive")
        docs = tuple(sorted({a.doc, b.doc}))
        return [
            Finding(
                fingerprint("conflict", "negation", values, docs, f.label or ""),
                "conflict",
                "negation",
                tuple(sorted({a.id, b.id})),
                values,
                msg,
                "high",
                False,
                docs,
            )
        ]

    def _location_conflict(self, a: Claim, b: Claim) -> list[Finding]:
        la = [f for f in a.facts if f.type == "location" and _is_venue(a.text, f)]
        lb = [f for f in b.facts if f.type == "location" and _is_venue(b.text, f)]
        if len(la) != 1 or len(lb) != 1:
            return []
        fa, fb = la[0], lb[0]
        if not _places_differ(a, fa, b, fb) or fa.value[:5] in fb.value or fb.value[:5] in fa.value:
            return []
        return [self._pair_finding("location", a, fa, b, fb, "place the same event differently")]

    def venue_conflicts(self) -> list[Finding]:
        """'held in Geneva' vs 'held in Vienna' across the set: the same event word with a different place."""
        venues: dict[str, list[tuple[Claim, Fact]]] = defaultdict(list)
        for c in self.claims:
            for f in c.facts:
                word = venue_of(c.text, f)
                if word:
                    venues[word].append((c, f))
        out = []
        for word, items in sorted(venues.items()):
            if len(items) > MAX_SLOT_ITEMS:
                continue
            for (a, fa), (b, fb) in combinations(items, 2):
                sim = self.sim(a, b)
                if a.doc == b.doc or sim < self.settings.slot or self.doc_sim(a.doc, b.doc) < self.settings.story:
                    continue
                if not _places_differ(a, fa, b, fb) or not self.one_event(a, b, sim):
                    continue
                out.append(self._pair_finding("location", a, fa, b, fb, f"give different places for what was {word}"))
        return out

    def _pair_finding(self, type_: str, a: Claim, fa: Fact, b: Claim, fb: Fact, what: str) -> Finding:
        docs = tuple(sorted({a.doc, b.doc}))
        values = tuple(sorted({fa.value, fb.value}))
        msg = f"{a.doc} and {b.doc} {what}: {fa.text!r} ({_cite(a)}) vs {fb.text!r} ({_cite(b)})."
        return Finding(
            fingerprint("conflict", type_, values, docs),
            "conflict",
            type_,
            tuple(sorted({a.id, b.id})),
            values,
            msg,
            "high",
            False,
            docs,
        )

    # --- quotes -------------------------------------------------------------------------------------------
    def quote_conflicts(self) -> list[Finding]:
        """The same quotation worded differently by two sources (not a shorter excerpt of it)."""
        from rapidfuzz import fuzz

        from .extract.quotes import quote_similarity

        quotes = [
            (c, f)
            for c in self.claims
            for f in c.facts
            if f.type == "quote" and f.qualifier != "short" and len(f.value.split()) >= 4
        ]
        out = []
        for x, y in _blocked_pairs([_bigrams(f.value) for _, f in quotes]):
            (ca, fa), (cb, fb) = quotes[x], quotes[y]
            if ca.doc == cb.doc or fa.value == fb.value or fa.value in fb.value or fb.value in fa.value:
                continue
            score = quote_similarity(fa.value, fb.value)
            if fuzz.partial_ratio(fa.value, fb.value) >= 95:
                continue  # one quotes a part of the other
            if self.settings.quote_low <= score < self.settings.quote_high:
                docs = tuple(sorted({ca.doc, cb.doc}))
                values = (fa.value, fb.value) if ca.doc < cb.doc else (fb.value, fa.value)
                msg = (
                    f'The same quotation is worded differently: {_cite(ca)} has "{fa.text.strip(chr(34))}" '
                    f'but {_cite(cb)} has "{fb.text.strip(chr(34))}".'
                )
                out.append(
                    Finding(
                        fingerprint("conflict", "quote", values, docs),
                        "conflict",
                        "quote",
                        tuple(sorted({ca.id, cb.id})),
                        values,
                        msg,
                        "medium",
                        False,
                        docs,
                    )
                )
        return out

    # --- names --------------------------------------------------------------------------------------------
    def variants(self) -> list[Finding]:
        """One name spelled differently across sources (Fouad/Fuad Hussein)."""
        from .extract.entities import is_variant

        first: dict[tuple[str, str], Claim] = {}
        surface: dict[str, str] = {}
        for c in self.claims:
            for f in c.facts:
                if f.type == "entity" and f.label == "PERSON" and len(f.value.split()) >= 2:
                    first.setdefault((f.value, c.doc), c)
                    surface.setdefault(f.value, f.text)
        names = sorted({v for v, _ in first})
        docs_of: dict[str, list[str]] = defaultdict(list)
        for v, d in sorted(first):
            docs_of[v].append(d)
        out = []
        for x, y in _blocked_pairs([_surname_keys(n) for n in names]):
            a, b = names[x], names[y]
            if _plain_name(surface[a]) == _plain_name(surface[b]) or not is_variant(surface[a], surface[b]):
                continue
            da, db = docs_of[a], docs_of[b]
            if set(da) == set(db) and len(da) == 1:
                continue
            cited = [first[(a, d)] for d in da] + [first[(b, d)] for d in db]
            docs = tuple(sorted(set(da) | set(db)))
            values = tuple(sorted((surface[a], surface[b])))
            msg = (
                f"One name is spelled two ways: {surface[a]!r} in {_sources(da)} and {surface[b]!r} in {_sources(db)}."
            )
            out.append(
                Finding(
                    fingerprint("variant", "entity", values, docs),
                    "variant",
                    "entity",
                    tuple(sorted({c.id for c in cited})),
                    values,
                    msg,
                    "medium",
                    False,
                    docs,
                )
            )
        return out

    # --- agreement and single sources ----------------------------------------------------------------------
    def corroborated(self, cluster: Cluster, members: list[Claim]) -> Finding:
        """A claim several sources make."""
        lead = members[0]
        values = tuple(sorted({f.value for c in members for f in c.facts if f.type in ("number", "date")}))
        msg = f"{len(cluster.docs)} sources state this: {lead.text[:160]!r} ({_sources(cluster.docs)})."
        return Finding(
            fingerprint("corroborated", "other", values, cluster.docs, _norm(lead.text)),
            "corroborated",
            "other",
            cluster.claims,
            values,
            msg,
            "low",
            False,
            cluster.docs,
        )

    def unique(self, claim: Claim) -> Finding:
        """A claim only one source makes."""
        values = tuple(sorted({f.value for f in claim.facts if f.type in ("number", "date")}))
        msg = f"Only {claim.doc} states this ({_cite(claim)}): {claim.text[:160]!r}."
        return Finding(
            fingerprint("unique", "other", values, (claim.doc,), _norm(claim.text)),
            "unique",
            "other",
            (claim.id,),
            values,
            msg,
            "low",
            False,
            (claim.doc,),
        )


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _num_key(v: str) -> tuple[float, str]:
    try:
        return float(v), v
    except ValueError:
        return float("inf"), v


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Merge findings with one fingerprint (same fact seen in two clusters); keep ids unique."""
    merged: dict[str, Finding] = {}
    repeats: dict[str, int] = defaultdict(int)
    for f in findings:
        if f.id not in merged:
            merged[f.id] = f
        elif f.kind in ("unique", "corroborated"):
            repeats[f.id] += 1
            merged[f"{f.id}-{repeats[f.id]}"] = replace(f, id=f"{f.id}-{repeats[f.id]}")
        else:
            old = merged[f.id]
            merged[f.id] = replace(old, claims=tuple(sorted(set(old.claims) | set(f.claims))))
    rank = {"high": 0, "medium": 1, "low": 2}
    kinds = {"conflict": 0, "variant": 1, "unique": 2, "corroborated": 3}
    return sorted(merged.values(), key=lambda f: (kinds[f.kind], f.temporal, rank[f.severity], f.type, f.id))
