"""Polarity cues in a parsed sentence: negation, denial verbs, falsehood words, hedges and attributions.

Each cue is a `Signal` (kind, cue token, token whose proposition it is about); only cues in the sentence's
main clause count (see `main`). The word lists are generic English, not tied to any set of documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATORS = _words("not n't never nobody nothing none neither no-one")
DENY_VERBS = _words("deny refute debunk rebut disprove dispel repudiate")
# Verbs that deny only when their object is a claim noun ("dismissed reports", not "dismissed the coach").
DISMISS_VERBS = _words(
    "reject dismiss slam blast quash squash scotch rubbish bust counter contradict shut_down shoot_down "
    "knock_down laugh_off brush_off shrug_off"
)
CLAIM_NOUNS = _words(
    "report rumor rumour claim allegation accusation story speculation suggestion news gossip assertion theory"
)
FALSEHOOD = _words("hoax myth fake false untrue incorrect bogus baseless unfounded fabricated fabrication figment")
SOURCE_NOUNS = _words("report rumor rumour media source tabloid newspaper paper outlet website blog insider")
SAY_VERBS = _words("say report claim allege suggest speculate rumor rumour write tweet")
STOP_VERBS = _words("stop cease quit halt refuse fail decline abandon")  # "stopped selling": no longer sells
HEARSAY_PASSIVE = _words("say report rumor rumour allege")  # "is said to", "is rumoured to"
MODAL_AUX = _words("may might could")
HEDGES = _words(
    "reportedly allegedly apparently possibly probably perhaps maybe supposedly purportedly seemingly likely"
)
EXPECT = _words("expect likely unlikely anticipate tip")  # "is expected to", "likely to"
PROBE_VERBS = _words("investigate probe examine check look_into fuel spark spread circulate repeat cite")
_SUBORDINATORS = _words("if when because although though while unless after before since as until once whereas")
_BLOCK = _words("relcl acl pcomp prep pobj csubj csubjpass")
_PHRASE = _words("pcomp prep pobj")  # blocks negation ("despite no rain") but not hedges and attributions
_NOUNS = ("NOUN", "PROPN")
_HEADLINE = _words("ROOT conj appos dep")  # a nominal root and its parts: "Officials: patient not treated"
_COMPLEMENTS = _words("ccomp xcomp dobj nsubjpass")
_NOT_NEGATING = _words("only just least merely doubt matter sooner but short")  # "not only", "nothing short of"
_GRANTS = _words("bail entry access permission visa request appeal application licence license asylum parole admission")
_NOT_DENIED = _words("comment")  # "no comment", "did not comment": declining to speak is not a denial
# declining to tell or not knowing yet is not a denial: "would not say", "was not clear", "did not release the name"
UNSAID = _words("say speak comment disclose reveal elaborate specify speculate know clear aware available certain")
INFO_NOUNS = _words("name identity detail information result call comment statement list figure data")
_DISCLOSE = _words("release provide give return make publish")
_DEFERRED = _words("until till")  # "will not be released until ...": later, not never


Signal = tuple[str, "Token", "Token"]  # (kind, cue token, token whose proposition it is about)


def signals(sent: Span) -> list[Signal]:
    """The cues in the main clause of `sent` (hedges and attributions also inside prepositional phrases)."""
    found: list[Signal] = []
    depth = 0
    for tok in sent:
        depth += (tok.text == "(") - (tok.text == ")")
        if depth > 0:
            continue  # an aside in brackets is not what the sentence claims
        strict = main(tok) or _closing(tok)
        if strict or main(tok, loose=True):
            found.extend(s for s in _signals(tok) if strict or s[0] == "report")
    ask = next((t for t in sent if t.text == "?"), None)
    if ask is not None:
        found.append(("modal", ask, sent.root))  # a question, or a headline's "Another victim? ..."
    return found


def _signals(tok: Token) -> Iterator[Signal]:
    """The polarity cues `tok` carries: negation, denial verbs, falsehood words, hedges and attributions."""
    low, lemma, head = tok.lower_, tok.lemma_.lower(), tok.head
    if _negation(tok):
        about = head if tok.dep_ not in ("det", "nsubj", "nsubjpass") else _verb(head)
        about = about.head if about.lower_ in ("longer", "more") else about
        yield (_weakened(about), tok, about)
    elif low in NEGATORS and _not_a_denial(head):
        yield ("modal", tok, head)  # "would not say", "not until": it commits to neither side
    elif low == "no" and tok.i == tok.sent.start and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == ",":
        yield ("deny", tok, tok.sent.root)  # "No, nobody has found it"
    if denies(tok):
        yield ("deny", tok, _denied(tok))
    judged = _judged(tok) if lemma in FALSEHOOD or low in FALSEHOOD else None
    if judged is not None:
        yield ("deny", tok, judged)
    if (tok.dep_ == "aux" and low in MODAL_AUX and not negated(head)) or (low in HEDGES and tok.dep_ == "advmod"):
        yield ("modal", tok, head)
    if lemma in EXPECT and any(c.dep_ == "xcomp" for c in tok.children):
        yield ("modal", tok, next(c for c in tok.children if c.dep_ == "xcomp"))
    if tok.dep_ == "mark" and low == "whether" and head.head.dep_ in ("ROOT", "conj"):
        yield ("modal", tok, head)  # "questioned whether X", not "agreed that an office would track whether X"
    yield from _reports(tok)


def _denied(verb: Token) -> Token:
    """What a denial verb denies: its clause ("slams rumours that X"), else its object ("denies rumours of X")."""
    ranked = sorted(
        (c for c in verb.children if c.dep_ in _COMPLEMENTS), key=lambda c: c.dep_ not in ("ccomp", "xcomp")
    )
    return ranked[0] if ranked else verb


def _negation(tok: Token) -> bool:
    """A negator of a predicate in its main sense: not "not only", "no doubt", "did not comment"."""
    low = tok.lower_
    if low == "no":
        if not (tok.dep_ == "neg" or _negates(tok)):
            return False
    elif low not in NEGATORS:
        return False
    after = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    if after in _NOT_NEGATING or tok.head.lemma_.lower() in _NOT_DENIED or _not_a_denial(tok.head):
        return False
    if tok.dep_ in ("det", "nsubj", "nsubjpass", "dobj", "attr"):
        return True
    if tok.head.lower_ in ("longer", "more") and tok.head.head.pos_ in ("VERB", "AUX"):
        return True  # "no longer leads"
    return tok.head.pos_ in ("VERB", "AUX", "ADJ") and _verb_key(tok.head) not in DENY_VERBS | DISMISS_VERBS


def _not_a_denial(head: Token) -> bool:
    """Negation that denies nothing: "not because ...", "not ... until", "would not say", "no details released"."""
    kids = list(head.children)
    if any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in kids):
        return True  # "Not because the coach was fired."
    if any(c.lower_ in _DEFERRED or any(g.lower_ in _DEFERRED for g in c.children if g.dep_ == "mark") for c in kids):
        return True
    said = [head] + [c for c in kids if c.dep_ in ("acomp", "attr")]
    if any(t.lemma_.lower() in UNSAID for t in said):
        return True
    info = any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in INFO_NOUNS for c in kids)
    return info and head.lemma_.lower() in _DISCLOSE


def imperative(sent: Span) -> bool:
    """A sentence that opens with its bare main verb and has no subject ("Ask whether...", "Don't forget...")."""
    root, first = sent.root, sent[0]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
    opens = first.i == root.i or (first.lower_ in ("do", "please") and first.head.i == root.i)
    return root.tag_ == "VB" and opens and not has_subject


def _verb(noun: Token) -> Token:
    """The verb a negated argument belongs to ("no one was hurt" -> "hurt")."""
    return noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") else noun


def _negates(no: Token) -> bool:
    """'no' as a determiner negates when its noun is a core argument ("no one was hurt", "there is no case")."""
    if no.dep_ == "neg":
        return True
    noun = no.head
    return noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and noun.lemma_.lower() not in _NOT_DENIED


def negated(verb: Token) -> bool:
    """True when `verb` carries its own negator ("did not deny")."""
    return any(c.lower_ in NEGATORS or (c.lower_ == "no" and c.dep_ == "neg") for c in verb.children)


def _weakened(verb: Token) -> str:
    """A negation under a modal or a hedge ("may not", "must not", "probably not") is modal, not a denial."""
    for c in verb.children:
        if (c.dep_ == "aux" and c.lower_ in ("may", "might", "must", "should")) or (
            c.lower_ in HEDGES and c.dep_ == "advmod"
        ):
            return "modal"
        if c.dep_ == "mark" and c.lower_ in ("whether", "if"):
            return "modal"  # "asked whether he had not paid"
    return "deny"


def _verb_key(tok: Token) -> str:
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), "")
    return f"{tok.lemma_.lower()}_{prt}" if prt else tok.lemma_.lower()


def denies(tok: Token) -> bool:
    """A denial verb ("denies that", "refuted") or a dismissal of a claim noun ("dismissed reports")."""
    if tok.pos_ not in ("VERB", "AUX") or negated(tok):
        return False
    key = _verb_key(tok)
    if key == "deny":  # not "was denied bail", "denied him entry", "denied the appeal"
        grant = any(c.dep_ == "dobj" and c.lemma_.lower() in _GRANTS for c in tok.children)
        return not grant and not any(c.dep_ in ("nsubjpass", "dative", "auxpass") for c in tok.children)
    if key in DENY_VERBS:
        return True
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return key in DISMISS_VERBS and any(is_claim(o) for o in objects)


def is_claim(noun: Token) -> bool:
    """True for a noun naming a claim: report, rumour, allegation, story..."""
    nominal = noun.pos_ in _NOUNS or noun.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")  # "slams rumours" (VERB?)
    return nominal and (noun.lemma_.lower() in CLAIM_NOUNS or noun.lower_ in CLAIM_NOUNS)


def _judged(word: Token) -> Token | None:
    """What a falsehood word judges: the subject of "X is false", the claim noun of "fake report"."""
    head = word.head
    if word.dep_ in ("acomp", "attr", "oprd"):
        own = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return own or (head.head if head.dep_ in ("advcl", "ccomp", "conj") else head)
    if word.dep_ in ("amod", "compound") and is_claim(head):
        return head
    if word.dep_ in ("ROOT", "nsubj", "nsubjpass", "dobj", "appos", "conj"):
        return subject(word) or word
    if _closing(word):
        claims = [t for t in word.sent if is_claim(t) and t.i < word.i]  # headline "Reports of X untrue."
        return claims[0] if claims else word.sent.root
    return None


def _reports(tok: Token) -> Iterator[Signal]:
    """Attribution to reports or rumours: "reports say X", "X, according to a tabloid", "X: report"."""
    lemma = tok.lemma_.lower()
    if lemma in SAY_VERBS and any(c.dep_ == "nsubj" and _is_source(c) for c in tok.children):
        yield ("report", tok, _complement(tok))
    elif lemma in HEARSAY_PASSIVE and (clause := _hearsay(tok)) is not None:
        yield ("report", tok, clause)
    elif lemma == "accord" and any(_is_source(g) for c in tok.children for g in c.children if c.dep_ == "prep"):
        yield ("report", tok, tok.sent.root)
    elif tok.lower_.startswith("rumo") and tok.dep_ in ("amod", "compound"):
        yield ("report", tok, tok.head)
    elif (is_claim(tok) or _is_source(tok)) and tok.dep_ in ("ROOT", "appos", "npadvmod", "dep", "parataxis"):
        yield ("report", tok, tok if tok.dep_ == "ROOT" else tok.head)
    elif is_claim(tok) and tok.dep_ in ("nsubj", "nsubjpass") and _says_what(tok):
        yield ("report", tok, tok)  # "rumours that X are growing"
    elif is_claim(tok) and (_verb_key(tok.head) in PROBE_VERBS or tok.head.lower_ == "amid"):
        yield ("report", tok, tok)  # "investigates reports that X", "amid rumours of X"


def _says_what(noun: Token) -> bool:
    """True when a claim noun carries its content: "reports that X", "rumours of X"."""
    return any(c.dep_ in ("acl", "ccomp", "relcl") or c.lower_ in ("of", "about") for c in noun.children)


def _hearsay(verb: Token) -> Token | None:
    """The clause of "is said to have", "reported to be", "rumoured not to": a verb right after "to"."""
    for c in verb.children:
        if c.dep_ == "xcomp" and c.left_edge.i in (verb.i + 1, verb.i + 2) and c.left_edge.lower_ in ("to", "not"):
            return c
    return None


def _is_source(noun: Token) -> bool:
    return noun.pos_ in _NOUNS and (noun.lemma_.lower() in SOURCE_NOUNS or noun.lower_ in SOURCE_NOUNS)


def _complement(verb: Token) -> Token:
    return next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), verb)


def subject(tok: Token) -> Token | None:
    """The subject of a clause, inherited from the governing verb for "X to play Y" and "expected to"."""
    while True:
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and tok.dep_ == "relcl" and subj.lower_ in ("that", "which", "who"):
            return tok.head  # "flavours that are not happening"
        if subj is not None or tok.dep_ not in ("xcomp", "conj", "ccomp") or tok.head.i == tok.i:
            return subj
        tok = tok.head


def _closing(tok: Token) -> bool:
    """A falsehood word that ends a headline ("Reports of X untrue."), whatever the parser made of it."""
    end = tok.i + 1
    return tok.lower_ in FALSEHOOD and (end == tok.sent.end or (tok.doc[end].is_punct and end + 1 >= tok.sent.end))


def main(tok: Token, loose: bool = False) -> bool:
    """True when `tok` sits in the sentence's main clause (a nominal root's relative clause counts).

    With `loose`, prepositional phrases count as main too ("Durex on rumoured condom").
    """
    while tok.head.i != tok.i:
        dep = tok.dep_
        if dep in ("relcl", "acl") and tok.head.dep_ in _HEADLINE and tok.head.pos_ in ("NOUN", "PROPN"):
            dep = "conj"  # "Ten films that never got made": the relative clause is the headline's claim
        if (dep in _BLOCK and not (loose and dep in _PHRASE)) or (
            dep == "advcl" and any(c.lower_ in _SUBORDINATORS for c in tok.children)
        ):
            return False
        tok = tok.head
    return True
