"""Read a PDF's text layer with pdfminer.six: page lines in reading order, page furniture dropped, hyphens joined.

`Document.text` holds the lines of every page in reading order (a column after the other), without running
headers, footers and page numbers, and `Document.parts` the line each page starts on, so a claim's line
becomes "page 3, line 12". Paragraphs are found from the layout (text boxes, short last lines) and the
article is picked from them with the same rules as for a plain-text page.
"""

from __future__ import annotations

import io
import logging
import re
from typing import TYPE_CHECKING

from ..errors import SkipDocument
from ..model import Document
from .clean import clean_page, parse_iso_date
from .decode import sanitise
from .pdflayout import Line, drop_furniture, map_spans, paragraphs, reading_order
from .props import author_property, paged_document, property_text, title_property

if TYPE_CHECKING:
    from pdfminer.layout import LTPage
    from pdfminer.pdfdocument import PDFDocument

MAX_PAGES = 500  # longer PDFs are skipped: layout analysis takes about 60 ms a page (docs/pdf-docx.md)
MAX_BOXES = 2000  # beyond this many text boxes on one page, pdfminer's own order is kept (cutting is quadratic)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def read_pdf(data: bytes, doc_id: str, path: str) -> Document:
    """Read a PDF into a Document whose `parts` are the first line of each page."""
    doc = _open(data)
    pages = _layout(doc)
    if not any(pages):
        raise SkipDocument("no text layer (a scanned or image-only PDF; run OCR on it first)")
    paged = paragraphs(drop_furniture(pages))
    found = clean_page(paged.view)
    body = map_spans(found.body, paged)
    return paged_document((doc_id, path), "\n".join(paged.lines), paged.parts, found, _properties(doc), body)


def _open(data: bytes) -> PDFDocument:
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    if b"%PDF-" not in data[:1024]:
        raise SkipDocument("not a PDF (no %PDF- header)")
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)  # broken files log warnings; the skip says it all
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect:
        raise SkipDocument("encrypted PDF (it needs a password to open)") from None
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise SkipDocument(_reason(exc)) from None


def _reason(exc: Exception) -> str:
    """Say what is wrong with a PDF from the exception pdfminer raised."""
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.psexceptions import PSEOF, PSException

    if isinstance(exc, PDFEncryptionError):
        return f"encrypted PDF ({exc or 'unsupported encryption'})"
    if isinstance(exc, PSEOF):
        return "corrupt PDF (it ends too early: truncated?)"
    if isinstance(exc, PSException):
        return f"corrupt PDF ({str(exc)[:120] or type(exc).__name__})"
    return f"corrupt PDF ({type(exc).__name__})"


def _layout(doc: PDFDocument) -> list[list[Line]]:
    """The text lines of every page, in pdfminer's reading order (text boxes, columns one after the other)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    try:
        pages = list(PDFPage.create_pages(doc))
    except Exception as exc:
        raise SkipDocument(_reason(exc)) from None
    if not pages:
        raise SkipDocument("PDF has no pages")
    if len(pages) > MAX_PAGES:
        raise SkipDocument(f"PDF too long ({len(pages):,} pages; the limit is {MAX_PAGES})")
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    out = []
    for n, page in enumerate(pages, 1):
        try:
            interpreter.process_page(page)
        except Exception as exc:
            raise SkipDocument(f"page {n}: {_reason(exc)}") from None
        out.append(_lines(device.get_result()))
    return out


def _lines(layout: LTPage) -> list[Line]:
    from pdfminer.layout import LTTextBox, LTTextLine

    boxes = [b for b in layout if isinstance(b, LTTextBox)]
    if len(boxes) <= MAX_BOXES:
        boxes = [boxes[i] for i in reading_order([(b.x0, b.y0, b.x1, b.y1) for b in boxes])]
    out = []
    for n, box in enumerate(boxes):
        for line in box:
            text = clean_line(line.get_text()) if isinstance(line, LTTextLine) else ""
            if text:
                out.append(Line(text, n, line.x0, line.x1, line.y1))
    return out


def clean_line(text: str) -> str:
    """One extracted line: ligatures split, soft hyphens resolved, invisible characters dropped (dashes stay)."""
    text = text.replace("\n", " ").translate(_LIGATURES).strip()
    if text.endswith("\u00ad"):
        text = text[:-1] + "-"
    return sanitise(text).strip()


def _properties(doc: PDFDocument) -> tuple[str | None, str | None, str | None]:
    """Title, author and creation date (YYYY-MM-DD) from the PDF's document information."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    info: dict = {}
    try:
        for entry in map(resolve1, doc.info):
            info.update(entry if isinstance(entry, dict) else {})
        values = {k: resolve1(info.get(k)) for k in ("Title", "Author", "CreationDate")}
    except Exception:  # a broken information dictionary only costs the metadata
        return None, None, None
    text = {k: decode_text(v) if isinstance(v, bytes) else v if isinstance(v, str) else None for k, v in values.items()}
    created = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", property_text(text["CreationDate"]) or "")
    return (
        title_property(text["Title"]),
        author_property(text["Author"]),
        parse_iso_date("-".join(created.groups())) if created else None,
    )
