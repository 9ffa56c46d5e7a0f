"""Word lists shared by more than one stage: each list has this one home."""

from __future__ import annotations

# Words that, a few words before a bare number, say it counts people harmed ('killed 296', 'the toll rose to 2,012');
# the extractor turns the nearest one into the number's label. Order matters only for readability.
CASUALTY_CUES: tuple[str, ...] = (
    "kill", "kills", "killing", "killed", "dead", "died", "dies", "deaths", "death", "injured", "injuring",
    "injures", "wounded", "wounding", "hurt", "toll", "casualties", "fatalities", "victims", "missing",
    "arrested", "displaced", "evacuated", "detained",
)  # fmt: skip

# Casualty words as number labels, folded so "killed 296", "kills 296" and "296 killed" share one label.
CASUALTY_LABELS: dict[str, str] = {
    "kill": "killed", "kills": "killed", "killing": "killed", "killed": "killed", "dead": "dead", "died": "dead",
    "dies": "dead", "die": "dead", "injured": "injured", "injuring": "injured", "injures": "injured",
    "wounded": "injured", "wounding": "injured", "hurt": "injured", "missing": "missing",
}  # fmt: skip

# What a casualty number counts, by role: words near a number that name the role (compare reads these).
CASUALTY_ROLES: dict[str, str] = {
    "dead": "died dead killed kill killing deaths death toll fatalities lives perished",
    "injured": "injured wounded hurt injuries injuring",
    "missing": "missing unaccounted",
    "displaced": "displaced homeless evacuated",
    "held": "arrested detained captured apprehended",
}

# Number labels that name one casualty role in other words ('296 killed' counts the dead).
CASUALTY_LABEL_ROLE: dict[str, str] = {
    "killed": "dead",
    "deaths": "dead",
    "fatalities": "dead",
    "wounded": "injured",
    "arrested": "held",
}

# Counted nouns too generic to name a slot on their own: a casualty role near the number names it instead.
GENERIC_COUNTS = frozenset(["people", "persons", "others", "other", "residents", "civilians"])

# Counted nouns that are really units of time-of-day, age or compound adjectives in tokenised text.
NOT_COUNTS = frozenset(["p", "a", "am", "pm", "m", "year", "years", "old", "square", "foot", "feet-long"])

# Words that name a day relative to the report ('yesterday') rather than a calendar day.
RELATIVE_DAY_WORDS: tuple[str, ...] = ("yesterday", "today", "tonight", "tomorrow")

# Event words whose place is a venue: 'held in Geneva', 'talks in Vienna'.
VENUE_EVENT_WORDS: tuple[str, ...] = (
    "held", "hosted", "staged", "convened", r"took\s+place", "opened", "signed", "met", "meet", "meeting",
    "summit", "talks",
)  # fmt: skip

# Words before a place that make it where something happens ('in Geneva', 'at Vienna', 'near Kabul').
VENUE_PREPOSITIONS: tuple[str, ...] = ("in ", "at ", "near ")

# Articles dropped when comparing two spellings of a name ('a Tony Award' vs 'Tony Awards').
ARTICLES: tuple[str, ...] = ("a", "an", "the")
