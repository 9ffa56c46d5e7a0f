"""What a number counts: the head noun after it, a unit, or a casualty word near it."""

from __future__ import annotations

import re

from factcheck.extract._lex import WEEKDAYS
from factcheck.extract._number_atoms import Atom
from factcheck.extract._number_words import CASUALTY, CASUALTY_NORM, FUNCTION_WORDS, MODIFIERS, MONTH_AFTER, UNITS

_RICHTER = re.compile(r"\s+(?i:on\s+the\s+richter(?:\s+scale)?|on\s+the\s+moment\s+magnitude)")
_MAGNITUDE_BEFORE = re.compile(r"\b(?i:magnitude)[\s-]?$")
_AGE_BEFORE = re.compile(r"\b(?i:aged|age|at\s+age|(?:dies|died|dead|death)\s+at)\s+$")
_OF = re.compile(r"\s+of(?:\s+(?:the|their|its|his|her|these|those|our|all))?(?=\s)")
_DEMONYM_PLURAL = re.compile(r"[a-z](?:ans|ers|ites|ists|ees)$")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z]+(?:['’-][A-Za-z0-9]+)*|[^\sA-Za-z]")


def counted_label(text: str, a: Atom, end: int) -> tuple[str | None, int]:
    """Counted noun or unit for atom a, and the end offset of the fact's surface form."""
    if a.label is not None and a.label != "dollars":
        return a.label, end
    if rm := _RICHTER.match(text, end):
        return "magnitude", rm.end()
    if _MAGNITUDE_BEFORE.search(text, max(0, a.start - 10), a.start):
        return "magnitude", end
    of = _OF.match(text, end) if a.kind in ("vague", "frac") else None
    head, head_end = head_after(text, of.end() if of else end)
    if of and head is None:
        head_end = end
    if a.label == "dollars":
        return "dollars", head_end if head == "dollars" else end
    if head is not None:
        return head, head_end
    return _cue_before(text, a.start), end


def _cue_before(text: str, start: int) -> str | None:
    """An age or folded casualty cue shortly before a number that has no noun of its own, else None."""
    window = text[max(0, start - 40) : start]
    if _AGE_BEFORE.search(window):
        return "age"
    cues = CASUALTY.findall(window)
    if cues and len(window[window.lower().rfind(cues[-1].lower()) :].split()) <= 5:
        cue = cues[-1].lower()
        return CASUALTY_NORM.get(cue, cue)
    return None


def head_after(text: str, pos: int) -> tuple[str | None, int]:
    """Head noun after `pos`, skipping modifiers like "U.S.", "American", "additional"; (None, pos) if none."""
    capitalised: list[tuple[str, int]] = []  # candidate heads in title case or demonyms ("Lebanese")
    words = 0
    for m in _TOKEN.finditer(text, pos, min(len(text), pos + 80)):
        tok = m.group()
        low = tok.lower()
        if not tok[0].isalpha():
            if tok == "-" and words == 0 and m.start() == pos:
                continue  # "24-hour", "6.8-magnitude"
            break
        words += 1
        if words == 1 and low in UNITS:
            return UNITS[low], m.end()
        if low in FUNCTION_WORDS or low in WEEKDAYS or words > 5:
            break
        if low in CASUALTY_NORM:
            return CASUALTY_NORM[low], m.end()
        upper = tok[0].isupper()
        if upper and "." not in tok and _DEMONYM_PLURAL.search(low):
            return low, m.end()  # "three Palestinians", "Two UK Soldiers Killed"
        if "." in tok or upper or low in MODIFIERS or (len(low) > 5 and low.endswith("ing")):
            if upper and "." not in tok and not MONTH_AFTER.fullmatch(tok):
                capitalised.append((low, m.end()))
            continue
        if capitalised and low.endswith("ed"):
            break  # "about a million Lebanese displaced"
        return UNITS.get(low, low) if low in ("people", "persons", "dollars", "euros") else low, m.end()
    plural = [c for c in capitalised if c[0].endswith("s") and not c[0].endswith("ss")]
    if plural:
        return plural[-1]  # title case: "215 Million COVID-19 Vaccines" -> "vaccines"
    return capitalised[0] if capitalised else (None, pos)
