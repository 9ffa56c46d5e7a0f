"""Frozen data types that flow through the pipeline: Document -> Sentence -> Claim -> Cluster -> Finding -> Report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class FactType(StrEnum):
    """What a fact states; the value is the JSON `type` of a fact."""

    NUMBER = "number"
    DATE = "date"
    ENTITY = "entity"
    QUOTE = "quote"
    LOCATION = "location"
    NEGATION = "negation"
    POLARITY = "polarity"  # how the claim is put: assert, deny, modal or report (extract/polarity.py)


class FindingType(StrEnum):
    """What a finding is about: a fact type, or OTHER for whole claims (unique, corroborated)."""

    NUMBER = "number"
    DATE = "date"
    ENTITY = "entity"
    QUOTE = "quote"
    LOCATION = "location"
    NEGATION = "negation"
    OTHER = "other"


class FindingKind(StrEnum):
    """Kinds of finding, in the order reports list them."""

    CONFLICT = "conflict"
    VARIANT = "variant"
    UNIQUE = "unique"
    ECHO = "echo"  # one source's claim that another source states in other words, not grouped (compare/echo.py)
    CORROBORATED = "corroborated"


class Severity(StrEnum):
    """How much a finding needs a reviewer, most first."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Qualifier(StrEnum):
    """How a fact is stated: exactly, approximately, as a bound or range, resolved or written in full, excerpted."""

    EXACT = "exact"
    APPROX = "approx"
    MIN = "min"
    MAX = "max"
    RANGE = "range"
    ABSOLUTE = "absolute"
    RELATIVE = "relative"
    SHORT = "short"


class ClusterStatus(StrEnum):
    """How the sources of one cluster relate."""

    CORROBORATED = "corroborated"
    CONFLICTING = "conflicting"
    UNIQUE = "unique"
    SINGLE_SOURCE = "single-source"


class Granularity(StrEnum):
    """How precisely a date fact names a time (the date fact's label)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    WEEKDAY = "weekday"
    TIME = "time"


@dataclass(frozen=True, slots=True)
class Document:
    """One input document after ingest; `text` keeps the file's line structure (normalised characters)."""

    id: str  # file stem, disambiguated with the parent folder when two files share a stem
    path: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD of the article itself, not of the page chrome
    source: str | None = None
    skipped: str | None = None  # reason the document could not be used, or None
    body: tuple[tuple[int, int], ...] = ()  # (start, end) character spans of `text` that hold article prose
    parts: tuple[int, ...] = ()  # 1-based line of `text` where each PDF page or DOCX paragraph starts; () otherwise
    lines: tuple[int, ...] = ()  # file line of each line of `text` (HTML, JSON, CSV); () when they are the file's
    locator: str | None = None  # where `text` sits in a structured file: "record 2 (id 'a'), field 'text'"
    dropped: tuple[tuple[int, str], ...] = ()  # (line of `text`, reason) of each non-blank line left out as clutter
    # where `published` was read: front matter, html metadata, record field, date line, dateline, document properties
    published_from: str | None = None

    def file_line(self, line: int) -> int:
        """The input file's line for a 1-based line of `text`."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else line


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one document with its position: 1-based line, character offsets into Document.text."""

    doc: str
    index: int  # 0-based position within the document
    text: str  # exactly Document.text[start:end]
    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Fact:
    """A typed, normalised fact stated in a claim; offsets are relative to the claim's sentence text."""

    type: str  # a FactType value
    text: str  # surface form, e.g. "about 2,500 U.S. troops"
    value: str  # normalised value, e.g. "2500", "2024-02-07", "fuad hussein"
    label: str | None = None  # counted noun for numbers, entity label, speaker for quotes, granularity for dates
    qualifier: str | None = None  # a Qualifier value
    start: int = 0
    end: int = 0
    low: float | None = None  # numeric interval the statement allows (numbers only)
    high: float | None = None


_CALENDAR = re.compile(r"(?P<y>\d{4}|-)(?:-W(?P<w>\d\d)|-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?")
_CLOCK = re.compile(r"(?P<hh>\d\d):(?P<mm>\d\d)")
_GRANULARITIES = frozenset(g.value for g in Granularity)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date fact's value as parts: '2024-03-05', '--03-05' (no year), '2024-W10', 'weekday:tuesday', ..."""

    granularity: Granularity
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekday: str | None = None  # a weekday no publication date placed ('on Tuesday')
    relative: str | None = None  # a relative phrase no publication date resolved ('last month')
    hour: int | None = None
    minute: int | None = None

    @classmethod
    def of(cls, fact: Fact) -> DateValue:
        """Parse a date Fact's value (the JSON keeps the string form)."""
        kind, _, rest = fact.value.partition(":")
        granularity = Granularity(fact.label) if fact.label in _GRANULARITIES else Granularity.DAY
        if kind == "weekday":
            return cls(granularity, weekday=rest)
        if kind == "relative":
            return cls(granularity, relative=rest)
        m = _CALENDAR.fullmatch(fact.value) or _CLOCK.fullmatch(fact.value)
        if m is None:
            return cls(granularity, relative=fact.value)
        num = {k: int(v) for k, v in m.groupdict().items() if v is not None and v.isdigit()}
        return cls(granularity, num.get("y"), num.get("m"), num.get("d"), num.get("w"), None, None, num.get("hh"),
                   num.get("mm"))  # fmt: skip

    @property
    def placed(self) -> bool:
        """The value is a point in the calendar, not an unplaced weekday or relative phrase."""
        return self.weekday is None and self.relative is None

    def calendar(self, with_year: bool = True) -> tuple[int | None, ...]:
        """(year, month, day) or (month, day), trailing unknown parts dropped: the coarser contains the finer."""
        parts = [self.year, self.month, self.day] if with_year else [self.month, self.day]
        while parts and parts[-1] is None:
            parts.pop()
        return tuple(parts)


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement: a sentence (or a clause of one) with the facts it states."""

    id: str
    doc: str
    text: str  # whitespace-folded text as written
    line: int
    start: int  # character offsets into Document.text
    end: int
    facts: tuple[Fact, ...] = ()
    sentence: int = 0  # index of the sentence this claim comes from
    where: str = ""  # 'page 3, line 12' (PDF) or 'paragraph 7' (DOCX); '' where `line` says it all


@dataclass(frozen=True, slots=True)
class Cluster:
    """Claims from one or more documents that state the same thing."""

    id: str
    claims: tuple[str, ...]
    docs: tuple[str, ...]
    status: str  # a ClusterStatus value
    label: str = ""  # what the group states, e.g. "troops: 2,500 / about 2,500 — 3 sources"


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a reviewer should look at, with a fingerprint id that ignores line numbers and offsets."""

    id: str
    kind: FindingKind
    type: FindingType
    claims: tuple[str, ...]
    values: tuple[str, ...]
    message: str
    severity: Severity
    temporal: bool = False
    docs: tuple[str, ...] = ()
    sides: tuple[tuple[str, ...], ...] = ()  # claim ids giving each of `values`, in order; () when not known
    about: str = ""  # the slot a number finding is about (its counted noun, e.g. "troops"); "" for other findings


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one check produced; renderers turn it into text."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    clusters: tuple[Cluster, ...]
    findings: tuple[Finding, ...]
    settings: dict = field(default_factory=dict, compare=False, hash=False)
