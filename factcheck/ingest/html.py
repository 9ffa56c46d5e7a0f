"""Read an HTML page: main text and metadata with trafilatura, then the same clutter filter as plain text."""

from __future__ import annotations

from ..errors import SkipDocument
from .clean import parse_iso_date
from .decode import sanitise


def read_html(markup: str) -> tuple[str, str | None, str | None, str | None]:
    """Return (main text, title, published YYYY-MM-DD, site name) of an HTML page."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            markup, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise SkipDocument(f"unparseable HTML ({type(exc).__name__})") from None
    text, title, site = (sanitise(str(getattr(result, key, None) or "")) for key in ("text", "title", "sitename"))
    if not text.strip():
        raise SkipDocument("HTML page has no readable article text")
    return text, title or None, parse_iso_date(getattr(result, "date", None)), site or None
