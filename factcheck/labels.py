"""Say what a claim group is about: the slot its members share ("troops: 2,500"), else the words they share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .model import Claim

# function words and reporting verbs: shared by unrelated sentences, so they say nothing about the fact
_STOP = frozenset(
    """a an the of to in on at by for from with and or but as is are was were be been being has have had
    it its this that these those their his her they he she we our us you not no also which who whom whose
    will would can could may might should said says say told stated according after before than more about
    into over while during there here such other some any all each both one two three""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*\d|\d")
MAX_WORDS = 6  # a label is a glance, not a sentence


@lru_cache(maxsize=1 << 16)
def _content(text: str) -> tuple[str, ...]:
    """Content words of a sentence, lowercased, in order, without repeats (a claim in many groups is read once)."""
    seen: dict[str, None] = {}
    for w in _WORD.findall(text):
        low = w.lower().rstrip(".,")
        if low not in _STOP and len(low) > 1:
            seen.setdefault(low, None)
    return tuple(seen)


def _slots(claim: Claim) -> dict[str, str]:
    """The counted nouns the claim gives a figure for, each with its figure as written."""
    return {(f.label or ""): f.text for f in claim.facts if f.type == "number" and f.label}


def _shared_slots(members: Sequence[Claim], read: dict[str, dict[str, str]]) -> list[str]:
    """Counted nouns that every member gives a figure for, with the figures as written ('troops: about 2,500')."""
    per_claim = [read[c.id] if c.id in read else read.setdefault(c.id, _slots(c)) for c in members]
    common = set(per_claim[0]).intersection(*per_claim[1:]) if per_claim else set()
    out = []
    for label in sorted(common):
        shown = sorted({slots[label] for slots in per_claim})
        out.append(f"{label}: {' / '.join(shown[:3])}")
    return out


def group_label(members: Sequence[Claim], read: dict[str, dict[str, str]] | None = None) -> str:
    """A short label of the fact a group states, and how many sources state it.

    `read` keeps each claim's figures by claim id, for a caller labelling many groups that share claims.
    """
    sources = len({c.doc for c in members})
    about = _shared_slots(members, {} if read is None else read)
    if not about:
        words = list(_content(members[0].text))
        for c in members[1:]:
            theirs = set(_content(c.text))
            words = [w for w in words if w in theirs]
        about = [" ".join(words[:MAX_WORDS])] if words else []
    head = "; ".join(about) if about else members[0].text[:60]
    return f"{head} — {sources} source{'s' if sources != 1 else ''}"
