"""Property tests: ingest never crashes or misplaces text, sentence offsets are exact, output is deterministic."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.errors import SkipDocument
from factcheck.ingest import assign_ids
from factcheck.ingest.clean import clean_page
from factcheck.ingest.decode import decode_bytes, normalise
from factcheck.ingest.records import read_csv, read_json, read_jsonl
from factcheck.model import Document
from factcheck.pipeline import Settings, check_documents
from factcheck.render import Format, render
from factcheck.segment import MAX_SENTENCE_CHARS, segment

from .fakes import FakeEmbedder

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


WORDS = (
    "The",
    "earthquake",
    "killed",
    "about",
    "2,500",
    "6.8",
    "people",
    "in",
    "Morocco",
    "U.S.",
    "Maj.",
    "Gen.",
    "Jan.",
    "officials",
    "said",
    "on",
    "Tuesday",
    "Smith",
    '"We',
    "will",
    'rebuild,"',
    "more",
    "than",
    "1,000",
    "troops",
    "(AFP)",
    "e.g.",
    "No.",
    "3",
    "Dr.",
    "km",
    "—",
    "naïve",
    "Zürich",
    "São",
    "Paulo",
    "a",
    "of",
    "at",
)
ENDS = (".", "!", "?", '."', "", ",", "...")


@st.composite
def sentences(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=18))
    return " ".join(words) + draw(st.sampled_from(ENDS))


@st.composite
def articles(draw) -> str:
    """Text shaped like a page: prose lines, short chrome lines, blank lines, odd spacing and characters."""
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 5))
        if kind <= 2:
            line = " ".join(draw(st.lists(sentences(), min_size=1, max_size=4)))
        elif kind == 3:
            line = draw(st.sampled_from(["", "Share this", "Home", "Leave a Reply", "September 9, 2023", "   "]))
        elif kind == 4:
            line = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
        else:
            line = draw(st.sampled_from(["\u00a0\u00a0", "\t", "\u2028", "\r", "\ufeff"])) + draw(sentences())
        lines.append(line)
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


# --- decode / normalise / clean_page ---------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=2000))
@example(b"\x00" * 10)
@example(b"\xff\xfe\x00\x00")
@example(b"\xef\xbb\xbf")
@example(b"\x1b[31m" * 1000)
def test_decode_bytes_returns_text_or_skips(data):
    try:
        text = decode_bytes(data)
    except SkipDocument as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)


@FAST
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=300))
def test_decode_round_trips_unicode_text(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    assert decode_bytes(text.encode("utf-8")) == text
    assert decode_bytes(text.encode("utf-16")) == text
    assert decode_bytes(text.encode("utf-32")) == text


PLAIN = (
    "The",
    "earthquake",
    "killed",
    "people",
    "in",
    "Morocco",
    "officials",
    "said",
    "on",
    "Tuesday",
    "rescue",
    "teams",
    "arrived",
    "from",
    "Spain",
    "of",
    "at",
)
ACCENTED = ("café", "Zürich", "naïve", "señor", "Genève", "façade", "Ærø", "Über", "déjà", "«oui»", "50°", "£3")


@FAST
@given(st.lists(st.sampled_from(PLAIN), min_size=6, max_size=30), st.sampled_from(ACCENTED), st.integers(0, 30))
def test_decode_reads_western_latin1_and_cp1252(words, accented, at):
    words.insert(at % (len(words) + 1), accented)
    text = " ".join(words) + "."
    assert decode_bytes(text.encode("latin-1")) == text
    quoted = f"\u201c{text}\u201d \u2013 she said\u2026"
    assert decode_bytes(quoted.encode("cp1252")) == quoted


@FAST
@given(st.text(max_size=400))
def test_normalise_is_idempotent_and_one_for_one(text):
    once = normalise(text)
    assert normalise(once) == once
    assert len(once) == len(text) - text.count("\r\n")
    assert not any(ch in once for ch in "\r\u00a0\u2019\u201c\u201d\u2014\ufeff\t")


@FAST
@given(st.one_of(articles(), st.text(max_size=400)))
def test_clean_page_spans_are_ordered_trimmed_prose(raw):
    text = normalise(raw)
    cleaned = clean_page(text)
    previous_end = -1
    for start, end in cleaned.body:
        assert 0 <= start < end <= len(text)
        assert start > previous_end
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end
    assert clean_page(text) == cleaned


# --- segmentation --------------------------------------------------------------------------------------------------


def _doc(raw: str) -> Document:
    text = normalise(raw)
    return Document("d", "d.txt", text, body=clean_page(text).body)


@FAST
@given(st.one_of(articles(), st.text(max_size=400)))
def test_sentence_offsets_and_lines_are_exact(raw):
    doc = _doc(raw)
    found = segment(doc)
    previous_end = 0
    for i, s in enumerate(found):
        assert s.index == i and s.doc == "d"
        assert doc.text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert len(s.text) <= MAX_SENTENCE_CHARS
        assert s.line == doc.text.count("\n", 0, s.start) + 1
        assert s.start >= previous_end
        assert any(b0 <= s.start and s.end <= b1 for b0, b1 in doc.body)
        previous_end = s.end
    assert segment(doc) == found


@SLOW
@given(st.lists(sentences(), min_size=1, max_size=3), st.integers(MAX_SENTENCE_CHARS - 5, 3 * MAX_SENTENCE_CHARS))
def test_overlong_runs_are_cut_with_exact_offsets(parts, filler):
    raw = " ".join(parts) + " " + "y" * filler + " " + " ".join(parts) + "."
    doc = _doc(raw)
    for s in segment(doc):
        assert doc.text[s.start : s.end] == s.text and 0 < len(s.text) <= MAX_SENTENCE_CHARS


# --- records ---------------------------------------------------------------------------------------------------------


@FAST
@given(st.text(max_size=300))
def test_structured_readers_return_records_or_skip(text):
    for reader in (read_json, read_jsonl, read_csv):
        try:
            records = reader(text)
        except SkipDocument as exc:
            assert str(exc)
        else:
            assert all(r.error or r.text for r in records)


@FAST
@given(
    st.lists(
        st.one_of(
            st.dictionaries(
                st.sampled_from(["text", "title", "id", "date", "x"]),
                st.one_of(st.text(max_size=30), st.integers(), st.none()),
            ),
            st.integers(),
            st.text(max_size=10),
        ),
        max_size=8,
    )
)
def test_jsonl_gives_one_record_per_nonblank_line(rows):
    lines = [json.dumps(r) for r in rows]
    records = read_jsonl("\n".join(lines))
    assert len(records) == len(lines)


@FAST
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "a/b", "c/a", "x/y/a"]),
            st.sampled_from(["s", "t"]),
            st.sampled_from([".txt", ".md"]),
        ),
        min_size=1,
        max_size=8,
        unique=True,
    )
)
def test_document_ids_are_unique(parts):
    from pathlib import Path

    files = [Path(folder) / f"{stem}{ext}" for folder, stem, ext in parts]
    ids = assign_ids(files)
    assert len(set(ids.values())) == len(files)


# --- determinism of the whole check --------------------------------------------------------------------------------

CORPUS = {
    "agency": (
        "Quake kills 2,500 in Morocco\nSeptember 9, 2023\n"
        "A magnitude 6.8 earthquake struck Morocco late on Friday, killing about 2,500 people, officials said.\n"
        "Rescue teams from Spain arrived in Marrakesh on Saturday.\nShare this\n"
    ),
    "daily": (
        "Morocco earthquake\n2023-09-10\n"
        "The earthquake, of magnitude 7.2, killed more than 2,900 people, the interior ministry said on Sunday.\n"
        "About 300 rescuers from Spain arrived in Marrakesh on Saturday.\n"
    ),
    "wire": (
        "Morocco quake\n"
        "The U.S. Geological Survey said the 6.8 quake struck at a depth of 18.5 km on Friday.\n"
        'Fouad Hussein said: "We will rebuild every village."\n'
    ),
    "blog": (
        "Leave a Reply\nAt least 2,000 people died when the earthquake hit Morocco on Friday night.\n"
        "Fuad Hussein said the government would rebuild every village.\n"
    ),
}


def _corpus() -> list[Document]:
    docs = []
    for key, raw in CORPUS.items():
        text = normalise(raw)
        cleaned = clean_page(text)
        docs.append(Document(key, f"{key}.txt", text, cleaned.title, cleaned.published, body=cleaned.body))
    return docs


_REFERENCE: dict[str, object] = {}


def _reference():
    if not _REFERENCE:
        report = check_documents(_corpus(), Settings(cache_dir=""), embedder=FakeEmbedder())
        _REFERENCE["report"] = report
        _REFERENCE["rendered"] = {fmt: render(report, fmt) for fmt in Format}
    return _REFERENCE["report"], _REFERENCE["rendered"]


@SLOW
@given(st.permutations(range(len(CORPUS))))
def test_shuffling_documents_changes_no_finding(order):
    report, rendered = _reference()
    docs = _corpus()
    shuffled = check_documents([docs[i] for i in order], Settings(cache_dir=""), embedder=FakeEmbedder())
    assert shuffled.findings == report.findings
    assert shuffled.clusters == report.clusters
    assert shuffled.claims == report.claims
    for fmt in Format:
        assert render(shuffled, fmt).encode() == rendered[fmt].encode()


def test_reference_corpus_has_findings():
    report, _ = _reference()
    assert report.findings and report.claims


@SLOW
@given(st.lists(articles(), min_size=1, max_size=3))
def test_rendering_twice_gives_identical_bytes(raws):
    docs = [_doc(raw) for raw in raws]
    docs = [Document(f"doc{i}", f"doc{i}.txt", d.text, body=d.body) for i, d in enumerate(docs)]
    report = check_documents(docs, Settings(cache_dir=""), embedder=FakeEmbedder())
    again = check_documents(list(reversed(docs)), Settings(cache_dir=""), embedder=FakeEmbedder())
    for fmt in Format:
        first = render(report, fmt).encode()
        assert render(report, fmt).encode() == first
        assert render(again, fmt).encode() == first
