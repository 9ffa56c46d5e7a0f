"""Read an HTML page: main text and metadata with trafilatura, then the same clutter filter as plain text."""

from __future__ import annotations

import bisect
import html
import re

from ..errors import SkipDocument
from .clean import parse_iso_date
from .decode import normalise, sanitise

# htmldate, as trafilatura calls it: the original (published) date, not the last modified one, from the page's
# metadata and date markup only (no search of the page text, which would take a "today" date from the chrome);
# a fixed latest date keeps the result the same whatever day it runs
DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}
NEEDLE = 40  # non-space characters of an extracted line looked up in the page's visible text
_TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|noscript|template|title)\b.*?</\1\s*>|<[^>]*>|&#?\w+;|[^<&]+|[<&]",
    re.DOTALL | re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def read_html(markup: str) -> tuple[str, str | None, str | None, str | None]:
    """Return (main text, title, published YYYY-MM-DD from the page's metadata, site name) of an HTML page."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            favor_precision=True,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise SkipDocument(f"unparseable HTML ({type(exc).__name__})") from None
    text, title, site = (sanitise(str(getattr(result, key, None) or "")) for key in ("text", "title", "sitename"))
    if not text.strip():
        raise SkipDocument("HTML page has no readable article text")
    return text, title or None, parse_iso_date(getattr(result, "date", None)), site or None


class _Visible:
    """The page's visible characters with whitespace removed, each mapped back to its offset in the markup."""

    def __init__(self, markup: str) -> None:
        chars: list[str] = []
        self.starts: list[int] = []  # where each visible piece starts in `text`
        self.pieces: list[tuple[int, str]] = []  # (markup offset, raw piece)
        size = 0
        for m in _TOKEN.finditer(markup):
            raw = m.group(0)
            if raw.startswith("<") and len(raw) > 1:
                continue
            squeezed = _squeeze(html.unescape(raw) if raw.startswith("&") else raw)
            if squeezed:
                self.starts.append(size)
                self.pieces.append((m.start(), raw))
                chars.append(squeezed)
                size += len(squeezed)
        self.text = "".join(chars)

    def offset(self, at: int) -> int:
        """Markup offset of the visible character at position `at` of `text`."""
        k = bisect.bisect_right(self.starts, at) - 1
        where, raw = self.pieces[k]
        if raw.startswith("&"):
            return where
        skip = at - self.starts[k]
        for i, ch in enumerate(raw):  # the skip-th non-space character of the piece
            if not ch.isspace():
                if skip == 0:
                    return where + i
                skip -= 1
        return where


def _squeeze(text: str) -> str:
    """Text as compared: sanitised, normalised characters, no whitespace at all."""
    return _SPACE.sub("", normalise(sanitise(text)))


def html_lines(markup: str, text: str) -> tuple[int, ...]:
    """The markup line each line of the extracted `text` comes from (found by its opening words, in order).

    A line whose words are not found in the page (rewritten by the extractor) takes the line before it.
    """
    page = _Visible(markup)
    newlines = [m.start() for m in re.finditer("\n", markup)]
    out: list[int] = []
    cursor = 0
    for line in text.split("\n"):
        needle = _squeeze(line.lstrip("-*•# "))[:NEEDLE]
        found = page.text.find(needle, cursor) if needle else -1
        if found < 0 and needle:
            found = page.text.find(needle)
        if found < 0:
            out.append(out[-1] if out else 1)
            continue
        cursor = found + len(needle)
        out.append(bisect.bisect_right(newlines, page.offset(found)) + 1)
    return tuple(out)
