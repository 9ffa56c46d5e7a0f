"""Word tables of the number extractor: units, currencies, vague amounts, casualty cues and skip-words."""

from __future__ import annotations

import re

from factcheck.extract._lex import MONTH_RE
from factcheck.lexicon import CASUALTY_CUES, CASUALTY_LABELS

# A month name right after a number ("27 January", "3rd of May") makes the number a day, not a count.
MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?{MONTH_RE}(?![a-z])")

# Casualty words near a number with no noun of its own name what it counts ("killed 296", "toll rose to 2,012").
CASUALTY = re.compile(r"\b(" + "|".join(CASUALTY_CUES) + r")\b", re.IGNORECASE)
# Casualty words as labels, folded so "killed 296", "kills 296" and "296 killed" share one label.
CASUALTY_NORM = CASUALTY_LABELS

# Unit words, folded to one canonical label each.
UNITS = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "miles", "miles": "miles", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "ton": "tonnes", "tons": "tonnes", "tonne": "tonnes",
    "tonnes": "tonnes", "percent": "percent", "pct": "percent", "dollar": "dollars", "dollars": "dollars",
    "usd": "dollars", "euro": "euros", "euros": "euros", "eur": "euros", "hour": "hours", "hours": "hours",
    "hrs": "hours", "hr": "hours", "minute": "minutes", "minutes": "minutes", "mins": "minutes",
    "second": "seconds", "seconds": "seconds", "day": "days", "days": "days", "week": "weeks",
    "weeks": "weeks", "month": "months", "months": "months", "year": "years", "years": "years",
    "magnitude": "magnitude", "degree": "degrees", "degrees": "degrees", "people": "people",
    "persons": "people", "person": "people",
}  # fmt: skip

# Words that end the search for a counted noun: articles, prepositions, auxiliaries, pronouns.
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "into",
    "than", "that", "which", "who", "whom", "whose", "was", "were", "is", "are", "be", "been", "being", "has",
    "have", "had", "will", "would", "could", "should", "can", "may", "might", "must", "do", "does", "did", "it",
    "its", "this", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "after",
    "before", "since", "until", "during", "per", "each", "so", "if", "when", "while", "where", "also", "not", "no",
    "only", "out", "up", "down", "across", "against", "among", "over", "under", "near", "all", "both", "without",
    "within", "including", "about", "around", "amid", "between", "through", "toward", "towards", "despite", "via",
    "like"
})  # fmt: skip
# Adjectives skipped between a number and its noun ("3 additional military advisers").
MODIFIERS = frozenset({
    "more", "additional", "other", "new", "extra", "further", "armed", "military", "civilian", "service",
    "security", "foreign", "local", "international", "senior", "junior", "young", "old", "large", "small", "major",
    "minor", "key", "top", "fellow", "former", "current", "total", "estimated", "confirmed", "reported",
    "suspected", "alleged", "main", "separate", "different", "various", "distinct", "primary", "basic", "core",
    "individual", "specific", "important", "powerful", "strong", "heavy", "severe", "serious", "big", "long",
    "short", "high", "low", "full", "whole", "entire", "consecutive", "straight", "successive", "previous", "recent"
})  # fmt: skip
# Nouns after a bare 4-digit number that make it a year ("the 2014 election").
YEAR_NOUNS = frozenset({
    "election", "elections", "budget", "season", "census", "olympics", "games", "campaign", "war", "crisis",
    "report", "summit", "law", "act", "elections,", "cycle", "edition", "model", "version"
})  # fmt: skip

CURRENCY = {"$": "dollars", "US$": "dollars", "A$": "dollars", "C$": "dollars", "€": "euros", "£": "pounds"}
# Multipliers of scale suffixes other than the full scale words ("$5bn", "7.4M", "3k").
SCALE_SUFFIX = {"bn": 10**9, "b": 10**9, "mn": 10**6, "m": 10**6, "tn": 10**12, "k": 1000}
# The interval a vague plural allows.
VAGUE_RANGES = {
    "dozens": (24, 99), "hundreds": (100, 999), "thousands": (1_000, 9_999), "millions": (1e6, 999e6),
    "billions": (1e9, 999e9), "tens of thousands": (1e4, 99_999), "hundreds of thousands": (1e5, 999_999),
    "dozens of thousands": (24_000, 99_999), "scores of thousands": (40_000, 99_999),
    "tens of millions": (1e7, 99e6), "hundreds of millions": (1e8, 999e6), "tens of billions": (1e10, 99e9),
    "hundreds of billions": (1e11, 999e9),
}  # fmt: skip
# Denominators of fraction words ("a third of", "two fifths of").
FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
