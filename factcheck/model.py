"""Frozen data types that flow through the pipeline: Document -> Sentence -> Claim -> Cluster -> Finding -> Report."""

from __future__ import annotations

from dataclasses import dataclass, field

FACT_TYPES = ("number", "date", "entity", "quote", "location", "negation")
FINDING_KINDS = ("conflict", "variant", "unique", "corroborated")


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

    type: str  # one of FACT_TYPES
    text: str  # surface form, e.g. "about 2,500 U.S. troops"
    value: str  # normalised value, e.g. "2500", "2024-02-07", "fuad hussein"
    label: str | None = None  # counted noun for numbers, entity label, speaker for quotes, granularity for dates
    qualifier: str | None = None  # exact|approx|min|max|range|relative ...
    start: int = 0
    end: int = 0
    low: float | None = None  # numeric interval the statement allows (numbers only)
    high: float | None = None


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


@dataclass(frozen=True, slots=True)
class Cluster:
    """Claims from one or more documents that state the same thing."""

    id: str
    claims: tuple[str, ...]
    docs: tuple[str, ...]
    status: str  # corroborated|conflicting|unique|single-source


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a reviewer should look at, with a fingerprint id that ignores line numbers and offsets."""

    id: str
    kind: str  # one of FINDING_KINDS
    type: str  # number|date|entity|location|negation|quote|other
    claims: tuple[str, ...]
    values: tuple[str, ...]
    message: str
    severity: str  # high|medium|low
    temporal: bool = False
    docs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one check produced; renderers turn it into text."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    clusters: tuple[Cluster, ...]
    findings: tuple[Finding, ...]
    settings: dict = field(default_factory=dict, compare=False, hash=False)
