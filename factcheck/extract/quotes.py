"""Extract quotations, who said them, and attributions ("according to the USGS", "the ministry said").

A quotation becomes `Fact(type="quote")` whose ``value`` is its wording normalised (casefold, punctuation
dropped, whitespace folded), ``label`` the speaker named in the same sentence (normalised, or None) and
``qualifier`` "short" for scare quotes of one to three words, which comparison should ignore.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from factcheck.model import Fact

_QUOTE = re.compile(r'"([^"\n]{1,2000}?)"|“([^”\n]{1,2000}?)”')
_VERBS = (
    r"said|says|told|added|stated|wrote|declared|insisted|warned|noted|explained|announced|argued|claimed|"
    r"stressed|emphasized|emphasised|affirmed|asserted|confirmed|tweeted|posted|reported|replied|urged"
)
_NAME = r"(?:[A-Z][\w'’.-]*|al|bin|de|van|von|of)(?:\s+(?:[A-Z][\w'’.-]*|al|bin|de|van|von|of))*"
_SPEAKER = rf"(?:the\s+)?(?:{_NAME}|[a-z]+(?:\s+[a-z]+)?(?=\s+(?:{_VERBS})\b))"
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<s>(?:the\s+)?(?:{_NAME}|[a-z]+(?:\s+[A-Z][\w.-]*)*))")
_BEFORE_VERB = re.compile(rf"(?P<s>(?:\b[Tt]he\s+)?(?:{_NAME}|\b[a-z]+))\s+(?:has\s+|had\s+)?(?:{_VERBS})\b")
_VERB_BEFORE = re.compile(rf"\b(?:{_VERBS})\s+(?P<s>(?:the\s+)?{_NAME})")
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "officials"]) - {
    "officials"
}
_TITLES = frozenset(
    [
        "minister",
        "secretary",
        "president",
        "prime",
        "premier",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "general",
        "gen.",
        "maj.",
        "col.",
        "lt.",
        "sgt.",
        "ambassador",
        "chairman",
        "chief",
        "director",
        "governor",
        "senator",
        "rep.",
        "sen.",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "king",
        "queen",
        "prince",
        "leader",
        "commander",
        "envoy",
        "mayor",
        "official",
        "officer",
    ]
)
_STOP = frozenset(["and", "but", "or", "also", "then", "it", "this", "that", "which", "who"])


def extract_quotes(text: str) -> list[Fact]:
    """Return the quotations in `text`, each with its normalised wording and speaker."""
    facts = []
    speaker: str | None = None
    found = False
    for m in _QUOTE.finditer(text):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        value = normalise_quote(inner)
        if not value:
            continue
        if not found:
            speaker, found = attribution(_QUOTE.sub(" ", text)), True
        short = "short" if len(value.split()) <= 3 else None
        facts.append(Fact("quote", m.group(), value, speaker, short, m.start(), m.end()))
    return facts


def normalise_quote(text: str) -> str:
    """Casefold, drop punctuation, fold whitespace."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.replace("’", "").replace("'", "")).casefold().split())


def quote_similarity(a: str, b: str) -> float:
    """Similarity of two quotations' wording, 0..1 (rapidfuzz token-sort ratio on normalised text)."""
    return fuzz.token_sort_ratio(normalise_quote(a), normalise_quote(b)) / 100.0


def attribution(text: str) -> str | None:
    """Who `text` says is the source, normalised ("according to the USGS" -> "usgs"), or None."""
    for pattern in (_ACCORDING, _BEFORE_VERB, _VERB_BEFORE):
        for m in pattern.finditer(text):
            name = _clean(m.group("s"))
            if name:
                return name
    return None


def _clean(name: str) -> str | None:
    """Normalise a speaker phrase; None for pronouns and function words."""
    words = name.replace("’", "'").split()
    while words and words[0].lower() in ("the", "of", "al", "and"):
        words = words[1:]
    while words and words[-1].lower() in ("of", "al", "and"):
        words = words[:-1]
    titles = [i for i, w in enumerate(words) if w.lower().rstrip(".,") in _TITLES]
    if titles and titles[-1] < len(words) - 1:
        words = words[titles[-1] + 1 :]
        while len(words) > 2 and words[0].lower() == "of":  # "Secretary of State Antony Blinken"
            words = words[2:]
    if not words:
        return None
    s = " ".join(w.lower().rstrip(".,") for w in words)
    s = re.sub(r"'s$", "", s)
    if s in _PRONOUNS or s in _STOP:
        return None
    return s.replace(".", "")
