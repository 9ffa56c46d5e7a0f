"""Polarity of a claim from its dependency parse: assert, deny, modal (hedged) or report (an attributed rumour).

`polarity_facts` gives each text at most one `Fact(type="polarity")`: ``value`` is "deny", "modal" or
"report" (no fact means "assert"), ``text`` the cue as written ("not", "denies", "hoax", "may", "Report"),
``label`` the lemma of the proposition's main predicate ("play") and ``qualifier`` its subject and object
heads ("subject=actor;object=inventor"), so a checker can match "X will not play Y" with "X to play Y";
`core` reads them back. Only texts that a cheap pattern finds a cue in are parsed (see `has_cue`).
A cue counts only in the main clause: negation inside "if ...", "because ...", a relative clause or a
prepositional phrase does not flip the claim. Precedence when several cues fire: deny > report > modal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from factcheck.extract._lex import MONTHS, WEEKDAYS
from factcheck.extract._polarity_cues import (
    EXPECT,
    FALSEHOOD,
    NEGATORS,
    SAY_VERBS,
    STOP_VERBS,
    denies,
    imperative,
    is_claim,
    negated,
    signals,
    subject,
)
from factcheck.extract.attributes import with_array_matcher
from factcheck.extract.entities import MODEL, import_spacy, numpy_ops, pipe
from factcheck.extract.lemmas import with_word_sets
from factcheck.extract.workers import in_workers, pooled
from factcheck.model import Fact

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


KINDS = ("assert", "deny", "modal", "report")
_RANK = {"deny": 3, "report": 2, "modal": 1, "assert": 0}
PARALLEL_FROM = 800  # texts to parse from which the parse is shared between forked worker processes
READ_PARALLEL_FROM = 300  # the same for `readings` (compare parses the texts of denial candidates)
_CONTENT = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
_ABOUT = ("for", "with", "of", "about", "against")  # "treated for X", "came out with X": X is the object
_THROUGH = EXPECT | SAY_VERBS | {"be", "accord"}  # "is to play", "is expected to reopen", "reports say X": X's core

_CUE = re.compile(
    r"n[’']t\b|\?|\b(?:not|no|never|nobody|none|nothing|neither|cannot"
    r"|den(?:y|ies|ied|ying)|refut\w*|reject\w*|dismiss\w*|debunk\w*|rebut\w*|disprov\w*|dispel\w*|quash\w*"
    r"|squash\w*|scotch\w*|rubbish\w*|slam\w*|blast\w*|bust\w*|(?:shut|shot|shoot)s?\s+down|contradict\w*"
    r"|hoax\w*|fake\w*|false\w*|untrue|myths?|incorrect|bogus|baseless|unfounded|fabricat\w*|figment|fiction"
    r"|may|might|could|reportedly|allegedly|apparently|possibl[ey]|probabl[ey]|perhaps|maybe|(?:un)?likely"
    r"|supposedly|purportedly|seemingly|expected|whether|said\s+(?:not\s+)?to|report\w*|rumou?r\w*"
    r"|according|alleg\w*|speculat\w*|media|sources?|tabloids?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Core:
    """The proposition a claim asserts or denies: its main predicate lemma and subject and object heads."""

    predicate: str | None = None
    subject: str | None = None
    object: str | None = None


@dataclass(frozen=True, slots=True)
class Polarity:
    """How a text holds its proposition: kind is one of KINDS; start/end locate the cue in the text."""

    kind: str = "assert"
    cue: str = ""
    start: int = 0
    end: int = 0
    core: Core = Core()


@dataclass(frozen=True, slots=True)
class Reading:
    """A text's polarity with the lemmas of its content words, for matching a proposition loosely."""

    polarity: Polarity = Polarity()
    lemmas: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()  # lemmas negated anywhere in the text, main clause or not
    nouns: frozenset[str] = frozenset()  # the lemmas of its nouns ("layoffs", "death": a denied verb's noun)


def has_cue(text: str) -> bool:
    """True when `text` holds a word that may make it a denial, a hedge or a report (the cheap first pass)."""
    return _CUE.search(text) is not None


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The spaCy pipeline with tagger, parser and lemmatizer (no NER), loaded once on first use."""
    return with_word_sets(with_array_matcher(numpy_ops(import_spacy().load(MODEL, exclude=["ner", "senter"]))))


def polarities(texts: Sequence[str], parse_all: bool = False, batch_size: int = 256) -> list[Polarity]:
    """The polarity of each text; texts without a cue are "assert" unparsed unless `parse_all` (for cores)."""
    unique = [t for t in dict.fromkeys(texts) if parse_all or has_cue(t)]
    parse = partial(_parse, batch_size=batch_size)
    found = dict(zip(unique, in_workers(parse, unique, nlp) if len(unique) >= PARALLEL_FROM else parse(unique)))
    return [replace(p, cue=t[p.start : p.end]) if (p := found.get(t)) else Polarity() for t in texts]


def parsed_docs(texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """Each text recased and parsed by the polarity pipeline (numpy on one BLAS thread, see entities.pipe)."""
    return pipe(nlp(), map(recase, texts), batch_size)


def _parse(texts: list[str], batch_size: int) -> list[Polarity]:
    """The polarity of each text, parsed in this process."""
    return [polarity_of(doc) for doc in parsed_docs(texts, batch_size)]


def readings(texts: Sequence[str], batch_size: int = 256) -> list[Reading]:
    """Every text parsed: its polarity (the core even when it asserts) and its content lemmas."""
    unique = list(dict.fromkeys(texts))
    read = partial(_read, batch_size=batch_size)
    many = len(unique) >= READ_PARALLEL_FROM or pooled()  # a run's forked workers take any number
    found = dict(zip(unique, in_workers(read, unique, nlp) if many else read(unique)))
    return [found[t] for t in texts]


def _read(texts: list[str], batch_size: int) -> list[Reading]:
    """The reading of each text, parsed in this process."""
    docs = parsed_docs(texts, batch_size)
    return [_reading(t, doc, polarity_of(doc)) for t, doc in zip(texts, docs)]


def sentence_readings(texts: Sequence[str], batch_size: int = 64) -> list[list[tuple[str, Reading]]]:
    """Each text's sentences with their readings (pair mode compares a statement with each sentence of another)."""
    docs = parsed_docs(texts, batch_size)
    return [doc_readings(t, doc) for t, doc in zip(texts, docs)]


def doc_readings(text: str, doc: Doc) -> list[tuple[str, Reading]]:
    """The sentences of one parsed text with their readings."""
    return [(text[s.start_char : s.end_char], _reading(text, s, _sentence(s))) for s in doc.sents]


def _reading(text: str, tokens: Doc | Span, p: Polarity) -> Reading:
    lemmas = frozenset(w for t in tokens if t.pos_ in _CONTENT and (w := _lemma(t)))
    nouns = frozenset(w for t in tokens if t.pos_ in ("NOUN", "PROPN") and (w := _lemma(t)))
    return Reading(replace(p, cue=text[p.start : p.end]), lemmas, _negated(tokens), nouns)


def _negated(tokens: Doc | Span) -> frozenset[str]:
    """Lemmas under a negator anywhere: "did not resign", "no injuries", "without injury", "was not dead"."""
    out: set[str] = set()
    for t in tokens:
        if t.lemma_.lower() in STOP_VERBS:  # "stopped selling", "refused to pay": the complement is negated
            out.update(w for c in t.children if c.dep_ in ("xcomp", "ccomp") and (w := _lemma(c)))
        if t.lower_ == "without":
            out.update(w for c in t.children if c.dep_ == "pobj" and (w := _lemma(c)))
        elif t.lower_ in NEGATORS or (t.lower_ == "no" and t.dep_ in ("det", "neg")):
            heads = [t.head] + [c for c in t.head.children if c.dep_ in ("acomp", "attr")]
            out.update(w for h in heads if (w := _lemma(h)))
    return frozenset(out)


def polarity_facts(texts: Sequence[str]) -> list[list[Fact]]:
    """One polarity fact for each text that does not plainly assert, none for those that do."""
    return [[to_fact(p)] if p.kind != "assert" else [] for p in polarities(texts)]


def to_fact(p: Polarity) -> Fact:
    """The polarity as a Fact: value the kind, label the predicate, qualifier 'subject=..;object=..'."""
    parts = [f"{name}={v}" for name, v in (("subject", p.core.subject), ("object", p.core.object)) if v]
    return Fact("polarity", p.cue, p.kind, p.core.predicate, ";".join(parts) or None, p.start, p.end)


def core(fact: Fact) -> Core:
    """The proposition stored in a polarity fact."""
    args = dict(part.split("=", 1) for part in (fact.qualifier or "").split(";") if "=" in part)
    return Core(fact.label, args.get("subject"), args.get("object"))


def recase(text: str) -> str:
    """Lowercase a headline in Title Case or CAPITALS so the parser reads it as prose; offsets are kept."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", text)
    if len(words) < 3:
        return text
    capital = sum(w[0].isupper() for w in words)
    if capital < 0.7 * len(words):
        return text
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low[0].upper() + low[1:]


def polarity_of(doc: Doc) -> Polarity:
    """The polarity of a parsed text: the strongest over its sentences, the first of equal strength."""
    best = Polarity()
    for sent in doc.sents:
        p = _sentence(sent)
        if _RANK[p.kind] > _RANK[best.kind] or (best.kind == "assert" and not best.core.predicate):
            best = p
    return best


def _sentence(sent: Span) -> Polarity:
    """Polarity of one sentence from the cues in its main clause; an instruction asserts nothing to deny."""
    found = [] if imperative(sent) else signals(sent)
    if not found:
        return Polarity(core=_core(sent.root))
    kind, cue, about = max(found, key=lambda s: (_RANK[s[0]], s[1].i != s[2].i, -s[1].i))
    if about.i == cue.i and kind == "deny":
        c = Core()  # "the ministry denied it": nothing said about what
    else:
        c = _content(about) if about.pos_ in ("NOUN", "PROPN") or is_claim(about) else _core(about)
    who = next((t for t in cue.children if t.dep_ == "nsubj"), None) if denies(cue) else None
    if c.subject is None and who is not None:
        c = Core(c.predicate, _lemma(who), c.object)  # "IBM denies plans to cut jobs"
    return Polarity(kind, cue.text, cue.idx, cue.idx + len(cue.text), c)


def _core(pred: Token) -> Core:
    """Predicate lemma, subject and object heads of the clause headed by `pred`."""
    verb = next((c for c in pred.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
    if pred.dep_ == "ROOT" and pred.pos_ in ("NOUN", "PROPN") and verb is not None:
        c = _core(verb)  # headline "Actor to play inventor"
        return Core(c.predicate, c.subject or _lemma(pred), c.object)
    while True:
        down = next((c for c in pred.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if pred.lemma_.lower() in SAY_VERBS | {"accord"} and not negated(pred):
            down = down or next((c for c in pred.children if c.dep_ == "ccomp"), None)
        if down is None or pred.lemma_.lower() not in _THROUGH:
            break
        pred = down
    attr = next((c for c in pred.children if c.dep_ in ("attr", "acomp")), None)
    if pred.lemma_.lower() == "be" and attr is not None and attr.pos_ in ("NOUN", "PROPN"):
        c = _nominal(attr)  # "there is a case of X", "X is a hoax"
        return Core(c.predicate, _lemma(subject(pred)) or c.subject, c.object)
    if pred.lemma_.lower() == "be" and attr is not None:
        pred, obj = attr, None
    else:
        obj = next((c for c in pred.children if c.dep_ in ("dobj", "attr", "oprd")), None)
        obj = obj or next(
            (g for c in pred.children if c.lower_ in _ABOUT for g in c.children if g.dep_ == "pobj"), None
        )
    subj = subject(pred) if pred.dep_ not in ("attr", "acomp") else subject(pred.head)
    agent = next((g for c in pred.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None and subj is not None and subj.dep_ == "nsubjpass" and not _when(agent):
        subj, obj = agent, subj  # "she was abused by X" is about what X did to her
    return Core(_lemma(pred), _lemma(subj), _lemma(obj))


def _when(tok: Token) -> bool:
    """A day or month name ("received by Tuesday"): a deadline, not the one who acted."""
    return tok.lower_ in MONTHS or tok.lower_ in WEEKDAYS


def _content(noun: Token) -> Core:
    """The proposition a noun stands for: a claim noun's clause or "of" phrase, else the noun itself."""
    clause = next((c for c in noun.children if _clause_of(c)), None)
    if clause is not None:
        c = _core(clause)
        return c if c.subject or not subject(noun) else Core(c.predicate, _lemma(subject(noun)), c.object)
    if is_claim(noun) or noun.lemma_.lower() in FALSEHOOD:
        after = list(noun.children) + [c for c in noun.head.children if c.i > noun.i and c.dep_ == "prep"]
        inner = next((g for c in after if c.lower_ in ("of", "about", "over", "on") for g in c.children), None)
        if inner is not None:
            return _content(inner)
        mod = next(
            (c for c in noun.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() not in FALSEHOOD), None
        )
        return _nominal(mod) if mod is not None else Core()
    return _nominal(noun)


def _clause_of(tok: Token) -> bool:
    """A clause that says what a noun holds: "claims that X", also when the tagger took X's verb for a noun."""
    verbal = tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in tok.children)
    that = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
    return verbal and (tok.dep_ in ("acl", "relcl", "ccomp") or that)


def _nominal(noun: Token) -> Core:
    """A noun as a proposition: its possessor as subject, its "of" phrase or noun modifier as object."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    of = next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    mod = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
    return Core(_lemma(noun), _lemma(poss), _lemma(of or mod))


def lemma(tok: Token) -> str:
    """A proper noun as written (lowercased), any other word by its lemma."""
    return tok.lower_ if tok.pos_ == "PROPN" else tok.lemma_.lower()


def _lemma(tok: Token | None) -> str | None:
    return None if tok is None else lemma(tok) or None
