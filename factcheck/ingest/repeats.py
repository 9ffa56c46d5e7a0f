"""Page chrome found by repetition: lines that several documents of a run share outside their articles.

A site's menu, footer or sign-up blurb comes back verbatim on every page of the site, around different
articles. A line is taken for such chrome when at least MIN_DOCS documents hold it and, in every one of them,
it lies outside the article (before the document's first or after its last prose line of its own, one no
other document has) in a run of shared lines that holds some furniture: a menu bar, a "Share" button, a
short item such as a site name. Shared sentences with no furniture beside them are quoted or syndicated
reporting, and a document whose prose is mostly shared with others is another version of the same story
(wire copy, a reprint): no line it holds is taken for chrome. The verdict depends only on the set of
documents, never on their order.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace

from ..model import Document
from .chrome import chrome_reason, is_terminal, words
from .clean import DATE_LINE, DATELINE, clean_page, line_key

MIN_DOCS = 2  # documents that must hold a line before it can be chrome
COPY_SHARE = 0.5  # a document with more of its prose lines than this found elsewhere is a version of one story
SHORT_ITEM = 3  # words up to which a line is a menu item or site name rather than a heading or sentence
NO_TEXT = "no article text found (no sentences)"


def drop_repeated_chrome(docs: list[Document]) -> list[Document]:
    """The documents with the run's repeated page chrome left out of their article text (listed as dropped)."""
    pool = [d for d in docs if _pooled(d)]
    chrome = chrome_lines(pool)
    if not chrome:
        return docs
    return [_reclean(d, chrome) if _pooled(d) and _keys(d) & chrome.keys() else d for d in docs]


def chrome_lines(docs: list[Document]) -> dict[str, int]:
    """Lines (as `line_key` writes them) that are repeated page chrome, each with how many documents hold it."""
    counts = Counter(k for d in docs for k in _keys(d))
    shared = {k for k, n in counts.items() if n >= MIN_DOCS}
    verdict: dict[str, bool] = {}
    for d in docs:
        outside = _outside_article(d, shared)
        for k in _keys(d) & shared:
            verdict[k] = verdict.get(k, True) and k in outside
    return {k: counts[k] for k, chrome in verdict.items() if chrome}


def _pooled(d: Document) -> bool:
    """Documents whose lines take part: used ones with text, not PDFs (their own pass finds running heads)."""
    return not d.skipped and bool(d.text) and not d.path.lower().endswith(".pdf")


def _keys(d: Document) -> set[str]:
    return {line_key(line) for line in d.text.split("\n") if line.strip()}


def _prose_lines(d: Document) -> list[int]:
    """0-based indices of the lines of `d.text` that the article body holds."""
    starts, pos = [], 0
    for line in d.text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
    found: set[int] = set()
    for start, end in d.body:
        found.update(range(bisect.bisect_right(starts, start) - 1, bisect.bisect_right(starts, end - 1)))
    return sorted(found)


def _outside_article(d: Document, shared: set[str]) -> set[str]:
    """Shared lines of `d` in runs with furniture before its first or after its last own prose line.

    None when `d` has no prose of its own or shares most of it (a version of a shared story).
    """
    lines = d.text.split("\n")
    prose = _prose_lines(d)
    own = [i for i in prose if line_key(lines[i]) not in shared]
    if not own or len(prose) - len(own) > COPY_SHARE * len(prose):
        return set()
    out: set[str] = set()
    for run in _shared_runs(lines, shared):
        if (run[-1] < own[0] or run[0] > own[-1]) and any(_furniture(lines[i]) for i in run):
            out.update(line_key(lines[i]) for i in run)
    return out


def _shared_runs(lines: list[str], shared: set[str]) -> list[list[int]]:
    """Runs of consecutive shared lines (blank lines between them do not break a run)."""
    runs: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if line_key(line) in shared:
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _furniture(line: str) -> bool:
    """A line that is page furniture by itself: known phrases or shapes, or a short item like a site name.

    A short sentence ('"It's tough."') is no item: quotes shared by two reports are reporting.
    """
    return (words(line) <= SHORT_ITEM and not is_terminal(line)) or chrome_reason(line) is not None


def _reclean(d: Document, chrome: dict[str, int]) -> Document:
    """`d` cleaned again knowing the run's chrome; a date or title read from the text is read again too."""
    cleaned = clean_page(d.text, chrome)
    title = cleaned.title if d.title and line_key(d.title) in chrome else d.title
    published, origin = d.published, d.published_from
    if origin in (DATE_LINE, DATELINE, None):
        published, origin = cleaned.published, cleaned.published_from
    return replace(
        d,
        title=title,
        published=published,
        published_from=origin,
        body=cleaned.body,
        dropped=cleaned.dropped,
        skipped=None if cleaned.body else NO_TEXT,
    )
