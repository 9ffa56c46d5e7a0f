"""Shared by the PDF and DOCX readers: document properties as metadata, and the Document they end up in."""

from __future__ import annotations

import re

from ..model import Document
from .clean import Cleaned
from .decode import sanitise

# property values that editors and generators fill in by themselves, never a real title or author
_JUNK_TITLE = re.compile(
    r"^(?:untitled|title|no title|document\s*\d*|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pdf|rtf|odt|indd|txt))$",
    re.IGNORECASE,
)
_JUNK_AUTHOR = frozenset(
    [
        "anonymous",
        "unknown",
        "author",
        "user",
        "admin",
        "administrator",
        "owner",
        "python-docx",
        "microsoft office user",
    ]
)


def property_text(value: object) -> str | None:
    """A property value as one line of text, or None when it is empty."""
    if value is None:
        return None
    text = " ".join(sanitise(str(value)).split())
    return text or None


def title_property(value: object) -> str | None:
    """The document's title property, unless it is a placeholder or a file name."""
    text = property_text(value)
    return None if text is None or _JUNK_TITLE.match(text) else text


def author_property(value: object) -> str | None:
    """The document's author property, unless it is a placeholder a program wrote."""
    text = property_text(value)
    return None if text is None or text.lower() in _JUNK_AUTHOR else text


def paged_document(
    where: tuple[str, str],
    text: str,
    parts: tuple[int, ...],
    found: Cleaned,
    props: tuple[str | None, str | None, str | None],
    body: tuple[tuple[int, int], ...],
) -> Document:
    """The Document of a PDF or DOCX file.

    `where` is (id, path); `props` is (title, author, created date) from the file's properties. A title
    property wins over the heading the text suggests (it was set on purpose); a date line in the text wins
    over the creation date (a file is often made long after the story it holds), and a publisher named in
    the text over the author property (often whoever made the file).
    """
    title, author, created = props
    doc_id, path = where
    return Document(
        doc_id,
        path,
        text,
        title or found.title,
        found.published or created,
        found.source or author,
        skipped=None if body else "no article text found (no sentences)",
        body=body,
        parts=parts,
        published_from=found.published_from if found.published else ("document properties" if created else None),
    )
