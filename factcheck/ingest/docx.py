"""Read a Word .docx file with python-docx: body paragraphs in order, properties as metadata.

`Document.text` holds the non-empty body paragraphs with a blank line between them (a line break inside a
paragraph stays a line break) and `Document.parts` the line each paragraph starts on, so a claim's line
becomes "paragraph 7". Headers, footers (page numbers), comments and tables are not body text.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import SkipDocument
from ..model import Document
from .clean import clean_page
from .decode import normalise, sanitise
from .props import author_property, paged_document, property_text, title_property

MAX_UNPACKED = 100_000_000  # bytes a .docx may unpack to (python-docx reads every part into memory)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: a legacy .doc or a password-protected .docx
_OTHER_PACKAGES = {
    "xl/workbook.xml": "an Excel workbook",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "mimetype": "an OpenDocument file",
    "META-INF/MANIFEST.MF": "a Java archive",
}
_TITLE_STYLES = ("title", "heading 1")


def read_docx(data: bytes, doc_id: str, path: str) -> Document:
    """Read a .docx into a Document whose `parts` are the first line of each paragraph."""
    check_package(data)
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
        paragraphs = [
            (normalise(sanitise(p.text)).strip(), (p.style.name if p.style else "") or "") for p in word.paragraphs
        ]
        props = word.core_properties
        title, author, created = props.title, props.author, props.created
    except Exception as exc:  # python-docx and lxml raise many kinds on broken packages
        raise SkipDocument(f"unreadable DOCX ({type(exc).__name__}: {str(exc)[:100]})") from None
    lines: list[str] = []
    parts: list[int] = []
    styled_title = None
    for text, style in paragraphs:
        if not text:
            continue
        if styled_title is None and style.lower() in _TITLE_STYLES:
            styled_title = property_text(text)
        if lines:
            lines.append("")
        parts.append(len(lines) + 1)
        lines += [line.strip() for line in text.split("\n")]
    if not parts:
        raise SkipDocument("DOCX has no text (no non-empty paragraphs)")
    text = "\n".join(lines)
    found = clean_page(text)
    created_date = created.date().isoformat() if created else None
    meta = (title_property(title) or styled_title, author_property(author), created_date)
    return paged_document((doc_id, path), text, tuple(parts), found, meta, found.body)


def check_package(data: bytes) -> None:
    """Refuse what is not a Word package before python-docx opens it: not a ZIP, another kind, a ZIP bomb."""
    if data.startswith(_OLE):
        raise SkipDocument("not a .docx package (an encrypted Word file or a legacy .doc: save it as .docx)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SkipDocument("not a .docx package (not a ZIP archive)") from None
    if "word/document.xml" not in names:
        kind = next((what for name, what in _OTHER_PACKAGES.items() if name in names), None)
        raise SkipDocument(f"not a Word document ({kind or 'a ZIP archive without word/document.xml'})")
    if unpacked > MAX_UNPACKED:
        raise SkipDocument(f"DOCX unpacks to {unpacked / 1e6:.0f} MB (the limit is {MAX_UNPACKED / 1e6:.0f} MB)")
