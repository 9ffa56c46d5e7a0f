"""Test-only writers: lay a plain-text story out as a PDF (reportlab) or a DOCX (python-docx), recording where
every line went, so tests can compare the check's claims and locations with those of the text version."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
LEFT, TOP, GUTTER = 72.0, 770.0, 30.0
FONT, SIZE, LEADING = "Times-Roman", 11.0, 14.0
TEXT_WIDTH = 430.0


@dataclass
class Layout:
    """Where the writer put each body line: (page, line on that page, text), 1-based, a column after the other."""

    lines: list[tuple[int, int, str]] = field(default_factory=list)

    def at(self, page: int, line: int) -> str:
        """The text written at a page and line."""
        return next(t for p, n, t in self.lines if (p, n) == (page, line))


def wrap(text: str, width: float, hyphenate: bool) -> list[str]:
    """Greedy line wrap to `width` points; long lower-case words that do not fit are broken with a hyphen."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fits(s: str) -> bool:
        return stringWidth(s, FONT, SIZE) <= width

    lines, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if fits(trial):
            cur = trial
            continue
        cut = 0
        if hyphenate and cur and len(word) >= 8 and word.isalpha() and word.islower():
            cut = max((k for k in range(3, len(word) - 2) if fits(f"{cur} {word[:k]}-")), default=0)
        lines.append(f"{cur} {word[:cut]}-" if cut else cur)
        cur = word[cut:]
    return [*lines, cur] if cur else lines


def _columns(text: str, per_column: int, columns: int, hyphenate: bool) -> list[list[list[str | None]]]:
    """Pages of columns of rows (None: the gap a blank text line leaves)."""
    width = (TEXT_WIDTH - GUTTER * (columns - 1)) / columns
    rows: list[str | None] = []
    for para in text.split("\n"):
        rows += wrap(para, width, hyphenate) if para.strip() else [None]
    cols = [rows[i : i + per_column] for i in range(0, len(rows), per_column)]
    return [cols[i : i + columns] for i in range(0, len(cols), columns)]


def _canvas(buf: io.BytesIO, meta: dict, encrypt: str | None):  # -> reportlab Canvas
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    enc = pdfencrypt.StandardEncryption(encrypt, canPrint=0) if encrypt else None
    pdf = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, encrypt=enc)
    for key, value in meta.items():
        if key == "created":  # 'YYYY-MM-DD' as the creation date property
            pdf.setDateFormatter(lambda *_, v=value: f"D:{v.replace('-', '')}090000+00'00'")
        else:
            getattr(pdf, f"set{key.capitalize()}")(value)
    return pdf


def write_pdf(
    text: str,
    *,
    header: str | None = "The Morning Wire - special report",
    per_page: int = 40,
    columns: int = 1,
    hyphenate: bool = True,
    meta: dict | None = None,
    encrypt: str | None = None,
) -> tuple[bytes, Layout]:
    """A PDF of a plain-text story: each text line a paragraph, a blank line a gap, with a running header,
    'Page n of N' footers and hyphenated line ends. Columns are drawn row by row across the page, so their
    reading order has to come from the layout. Returns the bytes and where each line went."""
    pages = _columns(text, per_page, columns, hyphenate)
    buf = io.BytesIO()
    pdf = _canvas(buf, meta or {}, encrypt)
    layout = Layout()
    col_width = (TEXT_WIDTH - GUTTER * (columns - 1)) / columns + GUTTER
    for p, cols in enumerate(pages, 1):
        pdf.setFont("Helvetica", 8)
        if header:
            pdf.drawString(LEFT, PAGE_H - 40, header)
        pdf.drawCentredString(PAGE_W / 2, 40, f"Page {p} of {len(pages)}")
        pdf.setFont(FONT, SIZE)
        for i in range(per_page):
            for c, col in enumerate(cols):
                if i < len(col) and col[i] is not None:
                    pdf.drawString(LEFT + c * col_width, TOP - i * LEADING, col[i])
        layout.lines += [(p, n, row) for n, row in enumerate((r for col in cols for r in col if r is not None), 1)]
        pdf.showPage()
    pdf.save()
    return buf.getvalue(), layout


def write_docx(text: str, *, meta: dict | None = None, title_style: bool = False) -> bytes:
    """A DOCX of a plain-text story: each text line a paragraph (blank ones stay empty paragraphs), with a
    page header and a page-number footer that are not body text."""
    import docx

    word = docx.Document()
    for line in text.split("\n"):
        word.add_paragraph(line.strip())
    if title_style:
        word.paragraphs[0].style = word.styles["Title"]
    props = word.core_properties
    props.author, props.title = "", ""
    props.created = datetime(2001, 1, 1)
    for key, value in (meta or {}).items():
        setattr(props, key, value)
    section = word.sections[0]
    section.header.paragraphs[0].text = "Running header that is not body text"
    section.footer.paragraphs[0].text = "Page 1"
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()
