"""Pair-mode contradictions from clause structure: a participant swapped for the same event, or a thing one
statement says is absent while the other states it.

Role swap: B's main clause says P(subject, object) and A has a clause with the same predicate (lemma or
derivation) that matches B in one role but fills the other with something else, while A names B's filler
elsewhere, in another part ("Pope Pius VI, who would die in 1799 ... the army led by General Berthier" vs
"Berthier died in 1799"; "an investigation turned up metal, according to the FDA" vs "the FDA turned up
metal"). A filler A never names is only B adding detail, unless both are proper names of one role ("created
by artists like Hergé" vs "created by Rob-Vel"). A pronoun in the compared role, or a clause of A that
matches B in every role, means no swap can be told.

Absence: A says there is no X ("without quarantine", "did not have any plans"), B's plain main clause has X
as subject or object, and the two share another content word (they are about one matter).
"""

from __future__ import annotations

from ..compare.propositions import LIGHT, related
from ..extract._polarity_cues import SAY_VERBS
from .frames import Arg, Frame, Scene


def role_conflict(a: Scene, b: Scene) -> str | None:
    """Why one statement gives a participant of an event another role than the other does, or None."""
    for (name, mine), (other, theirs) in (((("B", b), ("A", a))), (("A", a), ("B", b))):
        for main in mine.mains:
            why = _swapped(main, theirs)
            if why is not None:
                role, given, instead = why
                how = f"{other} names {given.head!r} elsewhere" if given.keys & theirs.words else "different names"
                return (
                    f"{name} gives {given.text!r} as the {_ROLE[role]} of {main.predicate!r} where {other} "
                    f"gives {instead.text!r} ({how})"
                )
    return None


_ROLE = {"subj": "subject", "obj": "object", "iobj": "recipient", "place": "place"}


def _swapped(main: Frame, other: Scene) -> tuple[str, Arg, Arg] | None:
    """(role, main's filler, other's filler) for the first clause of `other` that swaps one participant."""
    if main.negated or main.predicate in LIGHT | SAY_VERBS:  # two sources may each say or report
        return None
    found = None
    for f in other.frames:
        if f.negated or not related(f.predicate, main.predicate):
            continue
        shared = [r for r in main.roles if r in f.roles]
        if any(_untold(main.roles[r], f.roles[r]) for r in shared):
            return None  # "he died", "the firm admits": who, cannot be told
        alike = [r for r in shared if _same(main.roles[r], f.roles[r])]
        if shared and alike == shared:
            return None  # a clause says just what the main clause says
        differ = [r for r in shared if r not in alike]
        if found is None and len(differ) == 1 and _swap(differ[0], f, alike, main, other):
            found = (differ[0], main.roles[differ[0]], f.roles[differ[0]])
    return found


def _same(x: Arg, y: Arg) -> bool:
    """One participant's head is in the other's phrase, or they share a proper name ("James Key III")."""
    return bool(x.keys & y.words or y.keys & x.words or x.names & y.names)


def _untold(x: Arg, y: Arg) -> bool:
    """Whether they differ cannot be told: a pronoun, or a definite description ("the firm") without a name
    against a name it may stand for."""
    if x.unknown or y.unknown:
        return True
    return any(d.definite and not d.names and n.named for d, n in ((x, y), (y, x)))


def _swap(role: str, f: Frame, alike: list[str], main: Frame, other: Scene) -> bool:
    """Clause `f` is anchored to the main one (a shared participant or modifier), the main clause's filler of
    `role` is not among f's modifiers, and the other text names it elsewhere (or both fillers are names)."""
    mine, theirs = main.roles[role], f.roles[role]
    if not (alike or main.mods & f.mods) or mine.keys & f.mods:
        return False
    crossed = [mine.keys & x.keys for x in f.roles.values() if x is not theirs]
    crossed += [theirs.keys & x.keys for x in main.roles.values() if x is not mine]
    if any(crossed):
        return False  # one has the other's filler in another role: roles read apart, not a swap
    if mine.keys & other.words:
        return True
    return role != "place" and bool(alike) and mine.named and theirs.listed


def absence_conflict(a: Scene, b: Scene) -> str | None:
    """Why one statement says something is absent that the other plainly states, or None."""
    for (name, says_no), (other, states) in (((("A", a), ("B", b))), (("B", b), ("A", a))):
        for args, words in states.stated:
            for noun in sorted(args & says_no.absent.keys()):
                if (words - {noun} - LIGHT) & says_no.words:
                    return f"{name} says there is no {noun!r} ({says_no.absent[noun]!r}) while {other} states it"
    return None
