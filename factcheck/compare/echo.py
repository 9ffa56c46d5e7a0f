"""Echoes: a claim that another document states in other words is not unique to its source.

A claim no group holds may still share a fact with a claim of another document: the grouping test is
precision-first, so a sentence that states a fact in different words, or states it beside other facts,
stays out of every group. Before it is reported as stated by one source only, it must have no echo: no claim
of another document that is close (cosine >= `echo`) and names the same things (at least `echo_nouns` common
nouns, or at least two nouns and verbs that make up `echo_share` of the shorter claim's), or that is closer
still (`echo_close`) and shares words specific to few claims of the run (compare/specific.py: a place, a number,
a rare noun), weighing `echo_weight` and `echo_weight_share` of the lighter claim's. Topical neighbours (same
topic, other facts) are close in wording but seldom share three nouns or a rare word; a rewording of one fact does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..extract.entities import pipe
from ..extract.polarity import READ_PARALLEL_FROM, nlp, recase
from ..extract.workers import in_workers, pooled
from .context import CompareSettings, Context, Near
from .specific import Specificity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_DEMONSTRATIVES = frozenset({"this", "these", "that", "those", "such"})
_OPENS_DEMONSTRATIVE = re.compile(r"(?:This|These|That|Those|Such)\s+[^\W\d_]")  # the cheap test before tagging
_MIN_LETTERS = 3  # shorter words ("war" stays, "do" goes) are too often noise to name a thing
_PREFIX = 3  # letters of a word the cheap first pass compares ("ending" and "end", "cars" and "car" meet)
_WORD = re.compile(r"[^\W\d_]+")
# words that name nothing (all of them stop words to the tagger too), left out of the first pass without spaCy
_FUNCTION_WORDS = frozenset(
    """the and but for nor yet from with without into onto upon about above below after before during since until
    that this these those there here their them they his her hers him she its our ours your yours who whom whose
    which what when where why how was were been being are has have had does did doing will would
    should can could may might must not also than then very just only too all any both each few more most other
    some such own same over under again further once off out per via its itself themselves""".split()  # noqa: SIM905
)


class Words(NamedTuple):
    """The lemmas a claim names things with: its nouns; its nouns and verbs; those, numbers and proper nouns."""

    nouns: frozenset[str]
    content: frozenset[str]
    terms: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # the terms that are proper nouns only
    forms: tuple[tuple[str, str], ...] = ()  # each term with the word it was read from (its first)
    refers_back: bool = False  # opens with a demonstrative and a noun ("This call ..."): about the sentence before

    def joined(self, before: Words) -> Words:
        """These words with those of the sentence this one refers back to (its own forms first)."""
        forms = dict(before.forms) | dict(self.forms)
        return Words(
            self.nouns | before.nouns,
            self.content | before.content,
            self.terms | before.terms,
            (self.names | before.names) - (self.content | before.content),
            tuple(sorted(forms.items())),
        )


def tagger() -> Language:
    """The spaCy pipeline lemmas come from: the polarity parse's, loaded once (its parser is left out here)."""
    return nlp()


def words_of(texts: list[str], batch_size: int = 256) -> list[Words]:
    """Each text's noun lemmas, noun-and-verb lemmas (stop words left out), and those with numbers and names."""
    return [_read(doc) for doc in pipe(tagger(), map(recase, texts), batch_size, disable=["parser"])]


def _read(doc: Doc) -> Words:
    """One tagged text's words (a number is its own lemma, without thousands separators)."""
    nouns: set[str] = set()
    content: set[str] = set()
    names: set[str] = set()
    forms: dict[str, str] = {}
    for t in doc:
        lemma = t.text.lower().replace(",", "") if t.pos_ == "NUM" else t.lemma_.lower()
        if t.pos_ in ("NOUN", "VERB") and len(t.text) >= _MIN_LETTERS and not t.is_stop:
            content.add(lemma)
            if t.pos_ == "NOUN":
                nouns.add(lemma)
        elif t.pos_ == "PROPN" and len(t.text) >= 2:
            names.add(lemma)
        elif t.pos_ != "NUM":
            continue
        forms.setdefault(lemma, t.text)
    names -= content
    back = len(doc) > 1 and doc[0].lower_ in _DEMONSTRATIVES and doc[1].pos_ in ("NOUN", "ADJ", "PROPN", "NUM")
    return Words(
        frozenset(nouns), frozenset(content), frozenset(forms), frozenset(names), tuple(sorted(forms.items())), back
    )


def _words(texts: list[str]) -> list[Words]:
    """`words_of`, in forked workers when there are many texts."""
    return in_workers(words_of, texts, tagger) if len(texts) >= READ_PARALLEL_FROM or pooled() else words_of(texts)


def echo(a: Words, b: Words, nouns: int, share: float) -> bool:
    """The two claims name the same things: `nouns` common nouns, or two or more words making `share` of one."""
    if len(a.nouns & b.nouns) >= nouns:
        return True
    common = len(a.content & b.content)
    return common >= 2 and common >= share * min(len(a.content), len(b.content))


def specific(a: Words, b: Words, spec: Specificity, s: CompareSettings) -> bool:
    """The two claims share words specific to few claims of the run, weighing enough of the lighter claim's."""
    shared = a.terms & b.terms
    if not shared:
        return False
    mine, theirs = spec.weights(a.forms, a.names), spec.weights(b.forms, b.names)
    weight = sum(max(mine[w], theirs[w]) for w in shared)  # a proper noun in both counts as one
    lighter = min(sum(mine.values()), sum(theirs.values()))
    return weight >= s.echo_weight and weight >= s.echo_weight_share * lighter


def start(ctx: Context, rows: Sequence[int]) -> None:
    """Start tagging, in the run's workers, the texts `echoed(ctx, rows)` will read (those not started yet)."""
    ctx.start("words", words_of, _texts(ctx, _pairs(ctx, rows)))


def echoed(ctx: Context, rows: Sequence[int]) -> dict[int, set[int]]:
    """Of the claims at `rows`, those that close claims of other documents (see `Context.near`) echo, with them."""
    wanted, s = set(rows), ctx.settings
    pairs = _pairs(ctx, rows)
    if not pairs:
        return {}
    found = ctx.taken("words")  # tagged while other checkers ran, if `start` was called
    missing = [t for t in _texts(ctx, pairs) if t not in found]
    found.update(zip(missing, _words(missing) if missing else []))  # no tagger loaded for nothing
    spec = Specificity(c.text for c in ctx.claims)
    out: dict[int, set[int]] = {}
    for i, j, sim in pairs:
        a, b = _read_in_context(ctx, i, found), _read_in_context(ctx, j, found)
        if echo(a, b, s.echo_nouns, s.echo_share) or (sim >= s.echo_close and specific(a, b, spec, s)):
            for k, other in ((i, j), (j, i)):
                if k in wanted:
                    out.setdefault(k, set()).add(other)
    return out


def _pairs(ctx: Context, rows: Sequence[int]) -> list[Near]:
    """Close pairs (see `Context.near`) of a claim at `rows` and one of another document that may echo it."""
    wanted, s = set(rows), ctx.settings
    pairs = sorted(
        (i, j, sim)
        for i, j, sim in (ctx.near() if rows else ())
        if sim >= s.echo and (i in wanted or j in wanted) and ctx.claims[i].doc != ctx.claims[j].doc
    )
    prefixes = {k: _prefixes_in_context(ctx, k) for k in {k for i, j, _ in pairs for k in (i, j)}}
    return [(i, j, sim) for i, j, sim in pairs if len(prefixes[i] & prefixes[j]) >= 2]  # no test passes without


def _texts(ctx: Context, pairs: Sequence[Near]) -> list[str]:
    """The texts to tag: the claims' own, and the sentence before each claim that may refer back to it."""
    rows = {k for i, j, _ in pairs for k in (i, j)}
    return sorted({ctx.claims[r].text for k in rows for r in (k, _before(ctx, k)) if r is not None})


def _before(ctx: Context, k: int) -> int | None:
    """The claim before claim k in its document, if claim k may refer back to it ("This call ...")."""
    if k > 0 and ctx.claims[k - 1].doc == ctx.claims[k].doc and _OPENS_DEMONSTRATIVE.match(ctx.claims[k].text):
        return k - 1
    return None


def _prefixes_in_context(ctx: Context, k: int) -> frozenset[str]:
    """Claim k's word prefixes, with those of the sentence before when it may refer back to it."""
    before = _before(ctx, k)
    own = _prefixes(ctx.claims[k].text)
    return own if before is None else own | _prefixes(ctx.claims[before].text)


def _read_in_context(ctx: Context, k: int, found: dict[str, Words]) -> Words:
    """Claim k's words, joined with the sentence before when it refers back to it (tagged: a noun follows)."""
    own = found[ctx.claims[k].text]
    before = _before(ctx, k)
    return own.joined(found[ctx.claims[before].text]) if before is not None and own.refers_back else own


def _prefixes(text: str) -> frozenset[str]:
    """The leading letters of the text's words, function words left out: a cheap first pass before tagging."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(w[:_PREFIX] for w in words if len(w) >= _MIN_LETTERS and w not in _FUNCTION_WORDS)
