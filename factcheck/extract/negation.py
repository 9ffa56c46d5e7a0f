"""Extract negation cues, so comparison can tell "X happened" from "X did not happen".

Each cue becomes `Fact(type="negation", value="negative")` whose ``text`` is the cue as written
("not", "n't", "never", "denied", ...) and ``label`` the lowercased word it scopes over: the next word
after skipping auxiliaries, articles and adverbs ("were not fully disclosed" -> "disclosed",
"refused to comment" -> "comment"), or None at the end of the sentence. No parsing: a cue scopes
over what follows it. "not only", "whether or not", "no doubt" and "nothing but" are not negations.
"""

from __future__ import annotations

import re

from factcheck.model import Fact

_CUE = re.compile(
    r"(?<=[A-Za-z])n\s?[’']\s?t\b"  # "hadn't", and "hadn ' t" in tokenised text
    r"|\b(?:cannot|not|no|never|none|nobody|nothing|neither|nor|without|denied|denies|deny|denying|denial"
    r"|rejected|rejects|reject|rejecting|rejection|refused|refuses|refuse|refusing|refusal)\b",
    re.IGNORECASE,
)
_NOT_NEGATION = re.compile(
    r"not\s+only|not\s+just|no\s+doubt|nothing\s+but|no\s+sooner|no\s+matter|not\s+least",
    re.IGNORECASE,
)
_WHETHER = re.compile(r"\bwhether\s+or\s+$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_SKIP = frozenset(
    [
        "be",
        "been",
        "being",
        "is",
        "are",
        "was",
        "were",
        "am",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "a",
        "an",
        "the",
        "to",
        "yet",
        "fully",
        "only",
        "even",
        "ever",
        "always",
        "really",
        "also",
        "quite",
        "very",
        "any",
        "longer",
        "more",
        "so",
        "that",
        "of",
        "such",
        "these",
        "those",
        "this",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "one",
        "just",
        "entirely",
        "completely",
        "immediately",
        "publicly",
        "directly",
        "officially",
    ]
)


def extract_negation(text: str) -> list[Fact]:
    """Return the negation cues in `text`, each with the word it scopes over as label."""
    facts = []
    for m in _CUE.finditer(text):
        start = m.start()
        if _NOT_NEGATION.match(text, start) or _WHETHER.search(text, max(0, start - 16), start):
            continue
        facts.append(Fact("negation", m.group(), "negative", _scope(text, m.end()), None, start, m.end()))
    return facts


def _scope(text: str, pos: int) -> str | None:
    """The first content word after `pos` within the same clause, lowercased."""
    for n, m in enumerate(_WORD.finditer(text, pos, min(len(text), pos + 80))):
        if n > 5 or re.search(r"[.;:!?,]", text[pos : m.start()]):
            return None
        word = m.group().lower()
        if word not in _SKIP:
            return word
    return None
