"""Who did what to whom: each clause's predicate with its participants, read from the dependency parse.

A `Frame` is one verb with its participants by role: ``subj`` (the agent, also of a passive: "found by
police"), ``obj`` (the direct object, or the passive subject: "the ship was sunk"), ``iobj`` (the passive
subject of a verb that keeps its object: "the director was awarded a prize"), and the content words of its
modifiers ("in 1799", "in a boating accident"). A subject is found through a relative pronoun ("the man who
died"), a control verb ("was supposed to have died", "asked the government to investigate") and
coordination ("concluded the pursuit and docked"). A participant holds the words of its whole phrase (what the
text says about it: "Alfred Nobel, a chemist who ..."); a pronoun, a number or "his wife" is unknown.

A `Scene` sums up a text for pair mode: every frame, each sentence's main frame, every word it uses, and the nouns it says are absent ("without quarantine", "no survivors", "did not have any
plans"). All word lists are generic English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..extract.polarity import lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PRONOUNS = _words(
    "i you he she it we they me him her us them this these those one who whom which that what "
    "other others another each both all some many most few several"  # "others called for ...": which others
)
_DEFINITE = _words("the this that these those")
_RELATIVE = _words("who whom which that")
_POSSESSIVE = _words("his her its their my our your")
_NEGATORS = _words("not n't never")
_CONDITIONAL = _words("if unless whether")  # "if the talks fail": nothing happened
_COUNTERFACTUAL = _words("would could might")  # "without the treaty, prices would rise": a supposition
_HAVE = _words("have contain include find")  # "did not have any plans": the plans are absent
_CONTENT = ("NOUN", "PROPN", "NUM", "ADJ")
_PHRASE = _words("compound flat appos conj poss nmod")  # the parts of a name: "General Louis Berthier"
_MODIFIERS = _words("prep advmod npadvmod dative")
_AT = _words("in at")
_NAME_PART = _words("compound flat poss")  # "Mr." in "Mr. Swan", "Swan" in "Mr. Swan's group": one name


@dataclass(frozen=True, slots=True)
class Arg:
    """A participant: its head (lemma and as written), its phrase's content words and proper names."""

    head: str
    keys: frozenset[str]  # the head's lemma and lowercased form (a tagger may read "Morales" as "morale")
    text: str  # the name as written ("Pope Pius VI")
    words: frozenset[str]  # lemmas and lowercased forms of the content words of its whole phrase
    names: frozenset[str]
    named: bool  # the head is a proper noun
    definite: bool = False  # "the firm", "Acme's lawyer": may stand for a name given elsewhere
    listed: bool = False  # a common noun with two or more names in its phrase: "artists like A and B"
    unknown: bool = False  # a pronoun, a number, or "his wife": who it is cannot be told from the text


@dataclass(frozen=True, slots=True)
class Frame:
    """One clause: its predicate lemma, participants by role and the content lemmas of its modifiers."""

    predicate: str
    roles: Mapping[str, Arg]
    mods: frozenset[str]
    negated: bool


@dataclass(frozen=True, slots=True)
class Scene:
    """A text for pair mode: every frame, each sentence's main frame, every word, and absent nouns."""

    frames: tuple[Frame, ...]
    mains: tuple[Frame, ...]
    words: frozenset[str]
    absent: Mapping[str, str]  # noun lemma -> the words that say it is absent ("without quarantine")
    stated: tuple[tuple[frozenset[str], frozenset[str]], ...]  # per plain sentence: main arguments, all lemmas


_UNKNOWN = Arg("?", frozenset(), "?", frozenset(), frozenset(), False, unknown=True)


def scene(doc: Doc) -> Scene:
    """The frames, words and absent nouns of a parsed text."""
    verbs = [t for t in doc if t.pos_ == "VERB" and not _conditional(t)]
    mains = [frame(s.root) for s in doc.sents if s.root.pos_ == "VERB"]
    stated = tuple((_main_args(s), frozenset(lemma(t) for t in s if t.pos_ in _CONTENT + ("VERB",)))
                   for s in doc.sents if not _says_no(s))  # fmt: skip
    return Scene(tuple(frame(v) for v in verbs), tuple(mains), frozenset(map(lemma, doc)) | {t.lower_ for t in doc},
                 absent_nouns(doc), stated)  # fmt: skip


def frame(verb: Token) -> Frame:
    """The verb's frame: its participants by role, the content words of its modifiers, its negation."""
    roles: dict[str, Arg] = {}
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if passive is not None:
        passive = _antecedent(passive, verb)
        if obj is not None:
            roles["iobj"] = _arg(passive)
        else:
            obj = passive
        if agent is not None:
            roles["subj"] = _arg(agent)
    elif (subj := _subject(verb)) is not None:
        roles["subj"] = _arg(subj)
    if obj is not None:
        roles["obj"] = _arg(obj)
    if (place := _place(verb)) is not None:
        roles["place"] = _arg(place)
    mods = [t for c in verb.children if c.dep_ in _MODIFIERS and c.lemma_ != "accord" for t in c.subtree]
    negated = any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in verb.children)
    return Frame(lemma(verb), roles, _content(mods), negated)


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """Who does what the verb says: its subject, else the controller of a complement or a conjoined verb."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        return _antecedent(subj, verb)
    if depth and any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "was arrested and charged": the one charged is the object
    if verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBG":
        return verb.head  # "a company making chips"; not "days to file", nor "a company bought by ..."
    head = verb.head
    if depth >= 3 or verb.dep_ not in ("xcomp", "conj") or (head.pos_ != "VERB" and verb.dep_ == "xcomp"):
        return None  # "his mandate is to form a coalition": the mandate does not act
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "xcomp":
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)  # "asked the government to act"
        up = obj or next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if up is not None:
            return _antecedent(up, head)
    return _subject(head, depth + 1)


def _place(verb: Token) -> Token | None:
    """Where it happened: "where" in a relative clause (the place it describes), else the first named place
    after "in" or "at" among the verb's modifiers ("voted in elections in Ruritania")."""
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        return verb.head
    for c in verb.children:
        if c.dep_ == "prep" and c.lemma_ != "accord":
            found = next(
                (t for t in c.subtree if t.dep_ == "pobj" and t.pos_ == "PROPN" and t.head.lower_ in _AT), None
            )
            if found is not None:
                return found
    return None


def _antecedent(tok: Token, verb: Token) -> Token:
    """A relative pronoun stands for the noun its clause describes ("the pope, who died" -> pope)."""
    return verb.head if tok.lower_ in _RELATIVE and verb.dep_ == "relcl" else tok


def _arg(tok: Token) -> Arg:
    """The participant `tok` heads, with its whole phrase (what the text says about it)."""
    if tok.lower_ in _PRONOUNS or tok.pos_ in ("PRON", "NUM") or any(c.lower_ in _POSSESSIVE for c in tok.children):
        return _UNKNOWN  # "she", "each", "64", "his wife": who or what, the text does not say here
    toks = list(tok.subtree)
    if tok.dep_ == "appos":
        toks += list(tok.head.subtree)  # "Alfred Nobel, a chemist who ...": the chemist is Nobel
    if tok.dep_ == "attr":
        toks += [t for c in tok.head.children if c.dep_ == "nsubj" for t in c.subtree]  # "X was a pianist who"
    names = frozenset(lemma(t) for t in toks if t.pos_ == "PROPN")
    parts = sorted((t for t in _name(tok) if t is tok or t.dep_ != "appos"), key=lambda t: t.i)
    text = tok.doc.text[parts[0].idx : parts[-1].idx + len(parts[-1])]
    definite = tok.pos_ != "PROPN" and any(c.lower_ in _DEFINITE or c.dep_ == "poss" for c in tok.children)
    words = _content(toks) | {t.lower_ for t in toks if t.pos_ in _CONTENT}
    named = tok.pos_ == "PROPN"
    listed = not named and sum(t.pos_ == "PROPN" and t.dep_ not in _NAME_PART for t in toks) >= 2
    return Arg(lemma(tok), frozenset({lemma(tok), tok.lower_}), text, words, names, named, definite, listed)


def _name(tok: Token) -> Iterable[Token]:
    yield tok
    for c in tok.children:
        if c.dep_ in _PHRASE:
            yield from _name(c)


def _content(toks: Iterable[Token]) -> frozenset[str]:
    return frozenset(lemma(t) for t in toks if t.pos_ in _CONTENT)


def _conditional(tok: Token) -> bool:
    """The token sits in an "if", "unless" or "whether" clause."""
    while tok.dep_ != "ROOT" and tok.head is not tok:
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in tok.children):
            return True
        tok = tok.head
    return False


def absent_nouns(doc: Doc | Span) -> dict[str, str]:
    """Nouns the text says are absent: "without X", "no X", "did not have any X" (and its conjuncts)."""
    out: dict[str, str] = {}
    for t in doc:
        if _conditional(t):
            continue
        if t.lower_ == "without" and not _supposed(t.head):
            out.update((lemma(c), f"without {c.text}") for c in t.children if c.dep_ == "pobj")
        elif t.lower_ == "no" and t.dep_ == "det" and t.head.pos_ in ("NOUN", "PROPN"):
            out[lemma(t.head)] = f"no {t.head.text}"
        elif t.dep_ == "neg" and _existential(t.head):
            for obj in (c for c in t.head.children if c.dep_ in ("dobj", "attr")):
                out.update((lemma(o), f"{t.text} {t.head.text} {o.text}") for o in (obj, *obj.conjuncts))
    return out


def _existential(verb: Token) -> bool:
    """'have'-like verbs, and 'be' after 'there' ("there were not any survivors"), not "he is not a doctor"."""
    low = verb.lemma_.lower()
    return low in _HAVE or (low == "be" and any(c.dep_ == "expl" for c in verb.children))


def _supposed(verb: Token) -> bool:
    """A counterfactual: "without rain the crops would fail" supposes the absence, it does not state it."""
    return any(c.dep_ == "aux" and c.lower_ in _COUNTERFACTUAL for c in verb.children)


def _says_no(sent: Span) -> bool:
    return any(t.lower_ in _NEGATORS | {"no", "without", "nothing", "none"} for t in sent)


def _main_args(sent: Span) -> frozenset[str]:
    """Lemmas of the main clause's subject, object and predicate nouns: what a plain sentence says exists."""
    deps = ("nsubj", "nsubjpass", "dobj", "attr")
    return frozenset(lemma(c) for c in sent.root.children if c.dep_ in deps and c.lower_ not in _PRONOUNS)
