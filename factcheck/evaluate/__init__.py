"""Evaluate stage: score a report against a curated gold file and its facts file (formats in DESIGN.md)."""

from .bars import Bars, failures
from .facts import map_claims, score_facts
from .goldfile import GOLD_KEYS, Facts, FactSentence, Gold, load_facts, load_gold
from .scoring import score

__all__ = [
    "GOLD_KEYS",
    "Bars",
    "FactSentence",
    "Facts",
    "Gold",
    "failures",
    "load_facts",
    "load_gold",
    "map_claims",
    "score",
    "score_facts",
]
