"""PDF and DOCX inputs: the same story checks exactly as its text version, with page/paragraph locations in every
report format; layout clutter is dropped; every kind of bad file is a `path: reason` skip that spoils nothing."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from factcheck.ingest import load_documents, read_file
from factcheck.ingest.decode import normalise
from factcheck.ingest.pdflayout import Line, drop_furniture, join_hyphens, reading_order
from factcheck.location import locate
from factcheck.model import Document
from factcheck.pipeline import Settings, check_documents, run_check
from factcheck.render import Format, render
from factcheck.segment import segment

from .conftest import FIXTURES
from .fakes import FakeEmbedder
from .pdfdocx_writers import Layout, write_docx, write_pdf

# fixture set -> {document stem: format it is rewritten in}
CASES = {
    "quake-tolls": {"morning-wire": "pdf", "one-month-on": "docx"},
    "iraq-coalition": {"levant-wire": "pdf", "radio-dispatch": "docx"},
}
LOCATION = re.compile(r"^page (\d+), line (\d+)$")


def _rewrite(name: str, dest: Path, per_page: int = 9, columns: int = 1) -> dict[str, Layout]:
    """Copy a fixture set, writing the chosen text documents as PDF or DOCX; return the PDFs' layouts."""
    layouts = {}
    for f in sorted((FIXTURES / name / "docs").iterdir()):
        kind = CASES[name].get(f.stem)
        if kind == "pdf":
            data, layouts[f.stem] = write_pdf(f.read_text(encoding="utf-8"), per_page=per_page, columns=columns)
            (dest / f"{f.stem}.pdf").write_bytes(data)
        elif kind == "docx":
            (dest / f"{f.stem}.docx").write_bytes(write_docx(f.read_text(encoding="utf-8")))
        else:
            shutil.copy(f, dest / f.name)
    return layouts


def _essence(report) -> dict:
    """The JSON report without what depends on the file's layout (path, line, offsets, location, spacing)."""
    data = json.loads(render(report, "json"))
    for d in data["documents"]:
        d.pop("path")
        d.pop("removed")  # page clutter is counted for text inputs; PDF and DOCX readers drop it on their own
        d["title"] = " ".join((d["title"] or "").split())
    for c in data["claims"]:
        for key in ("line", "start", "end", "location"):
            c.pop(key)
        for f in c["facts"]:
            f["text"] = " ".join(f["text"].split())
    for f in data["findings"]:
        f.pop("cites")
        # messages cite each claim where a reviewer finds it: page and line, paragraph, or line
        f["message"] = re.sub(r"\b(?:page \d+, )?line \d+|\bparagraph \d+", "AT", f["message"])
    return data


def _first_word_on(layout: Layout, location: str, text: str) -> bool:
    """Whether the claim's first word was written on the page and line its location names."""
    page, line = map(int, LOCATION.match(location).groups())
    written = normalise(layout.at(page, line))
    word = text.split()[0]
    return word in written.split() or (written.endswith("-") and word.startswith(written.split()[-1][:-1]))


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(CASES))
def test_pdf_and_docx_versions_are_checked_exactly_like_the_text(real_embedder, tmp_path, name):
    text_report = run_check([str(FIXTURES / name / "docs")], Settings(), embedder=real_embedder)
    layouts = _rewrite(name, tmp_path)
    paged = run_check([str(tmp_path)], Settings(), embedder=real_embedder)
    assert _essence(paged) == _essence(text_report)
    data = json.loads(render(paged, "json"))
    kinds = CASES[name]
    sources = {f.stem: f.read_text(encoding="utf-8") for f in (FIXTURES / name / "docs").iterdir()}
    for c in data["claims"]:
        if kinds.get(c["doc"]) == "pdf":
            assert _first_word_on(layouts[c["doc"]], c["location"], c["text"]), c
        elif kinds.get(c["doc"]) == "docx":
            paragraphs = [p for p in sources[c["doc"]].split("\n") if p.strip()]
            n = int(c["location"].removeprefix("paragraph "))
            assert " ".join(normalise(paragraphs[n - 1]).split()).find(c["text"][:30]) >= 0, c
        else:
            assert c["location"] == f"line {c['line']}"


@pytest.mark.model
def test_locations_reach_markdown_csv_sarif_and_github(real_embedder, tmp_path):
    _rewrite("iraq-coalition", tmp_path)
    report = run_check([str(tmp_path)], Settings(), embedder=real_embedder)
    flagged = [f for f in report.findings if f.kind in ("conflict", "variant")]
    docs = {d.id: d for d in report.documents}
    claims = {c.id: c for c in report.claims}
    cited = [claims[cid] for f in flagged for cid in f.claims if docs[claims[cid].doc].parts]
    assert {c.doc for c in cited} == {"levant-wire", "radio-dispatch"}
    outputs = {fmt: render(report, fmt) for fmt in Format}
    for c in cited:
        where = locate(docs[c.doc], c.line)
        assert f", {where}](" in outputs[Format.md]  # the link to the claim names its page and line
        assert f'"text": "{where}' in outputs[Format.sarif]
        assert f"({where})" in outputs[Format.github]
    rows = {row["claim"]: row for row in csv.DictReader(io.StringIO(outputs[Format.csv]))}
    assert all(rows[c.id]["location"] == locate(docs[c.doc], c.line) for c in report.claims)
    sarif = json.loads(outputs[Format.sarif])
    pdf_locations = [
        loc
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"] + result.get("relatedLocations", [])
        if loc["physicalLocation"]["artifactLocation"]["uri"].endswith(".pdf")
    ]
    assert pdf_locations and all("region" not in loc["physicalLocation"] for loc in pdf_locations)


def _sentences(doc: Document) -> list[str]:
    return [" ".join(s.text.split()) for s in segment(doc)]


@pytest.mark.parametrize("per_page", [5, 9, 40])
@pytest.mark.parametrize("columns", [1, 2])
def test_pdf_layouts_give_the_text_versions_sentences(tmp_path, per_page, columns):
    """Paragraphs broken across pages and columns, words hyphenated at line ends, columns drawn row by row."""
    for name in sorted(CASES):
        _rewrite(name, tmp_path, per_page=per_page, columns=columns)
        for stem, kind in CASES[name].items():
            text = read_file(FIXTURES / name / "docs" / f"{stem}.txt", stem)[0]
            paged = read_file(tmp_path / f"{stem}.{kind}", stem)[0]
            assert paged.skipped is None
            assert _sentences(paged) == _sentences(text)
            assert (paged.published, paged.source) == (text.published, text.source)


def test_running_headers_page_numbers_and_hyphens_are_cleaned(tmp_path):
    story = (FIXTURES / "quake-tolls" / "docs" / "morning-wire.txt").read_text(encoding="utf-8")
    data, layout = write_pdf(story, per_page=9)
    assert any(row.endswith("-") for _, _, row in layout.lines)  # the writer did break words
    (tmp_path / "wire.pdf").write_bytes(data)
    doc = read_file(tmp_path / "wire.pdf", "wire")[0]
    assert "special report" not in doc.text and not re.search(r"Page \d of \d", doc.text)
    assert not re.search(r"[a-z]-\n", doc.text)
    assert len(doc.parts) == max(p for p, _, _ in layout.lines)
    assert "aftershocks" in " ".join(_sentences(doc))


def test_join_hyphens_decides_between_a_broken_word_and_a_compound():
    lines = [
        "a well-known fact and a well-",  # spelled with a hyphen elsewhere: keeps it
        "known one; the recov-",  # a lower-case word broken in two: joined
        "ered bodies of the Iran-",  # a compound with a name: keeps the hyphen
        "aligned group and al-",  # a capital after the break: keeps the hyphen
        "Sudani said the attack\u2014",  # a dash is no hyphen
        "which killed",
    ]
    assert join_hyphens(lines) == [
        "a well-known fact and a",
        "well-known one; the",
        "recovered bodies of the",
        "Iran-aligned group and",
        "al-Sudani said the attack\u2014",
        "which killed",
    ]


def test_furniture_is_only_what_repeats_at_page_edges_or_numbers_pages():
    def page(n: int) -> list[Line]:
        body = [f"{w} line of the {'first' if n == 1 else 'next'} page." for w in ("First", "Second", "Third", "Last")]
        body.insert(2, "A sentence both pages repeat.")
        return [
            Line("Annual report 2024", 0, top=800),
            *(Line(text, 1, top=700 - 14 * k) for k, text in enumerate(body)),
            Line(f"- {n} -", 2, top=40),
        ]

    kept = drop_furniture([page(1), page(2)])
    assert [[line.text for line in p] for p in kept] == [[line.text for line in page(n)[1:-1]] for n in (1, 2)]
    single = drop_furniture([page(7)])  # one page: nothing repeats, but a page number is still a page number
    assert [line.text for line in single[0]] == [line.text for line in page(7)[:-1]]


def test_reading_order_reads_columns_before_rows_below_a_headline():
    boxes = [
        (300, 500, 500, 700),  # right column
        (72, 720, 500, 760),  # headline across both columns
        (72, 600, 280, 700),  # left column, top
        (72, 500, 280, 590),  # left column, bottom
        (72, 400, 500, 480),  # a full-width paragraph under both columns
    ]
    assert reading_order(boxes) == [1, 2, 3, 0, 4]


def test_locate_names_page_and_line_paragraph_or_line():
    pdf = Document("r", "r.pdf", "x\n" * 30, parts=(1, 1, 11, 24))
    assert [locate(pdf, n) for n in (1, 10, 11, 12, 30)] == [
        "page 2, line 1",
        "page 2, line 10",
        "page 3, line 1",
        "page 3, line 2",
        "page 4, line 7",
    ]
    docx = Document("w", "w.docx", "a\n\nb\nc\n\nd", parts=(1, 3, 6))
    assert [locate(docx, n) for n in (1, 3, 4, 6)] == ["paragraph 1", "paragraph 2", "paragraph 2", "paragraph 3"]
    assert locate(Document("t", "t.txt", "a"), 4) == "line 4"


STORY = (
    "Flood update\n\n"
    "The flood killed three people in the valley on Friday, officials said in a statement.\n\n"
    "Rescue teams evacuated 4,200 residents from the town overnight, the agency said.\n"
)


def test_document_properties_fill_in_title_source_and_date(tmp_path):
    meta = {"title": "Valley flood report", "author": "Valley Agency", "created": "2025-03-15"}
    (tmp_path / "a.pdf").write_bytes(write_pdf(STORY, meta=meta)[0])
    dated = "Flood update\n\n16 March 2025\n\n" + STORY.split("\n\n", 1)[1]
    (tmp_path / "b.pdf").write_bytes(write_pdf(dated, meta=meta)[0])
    (tmp_path / "c.docx").write_bytes(
        write_docx(STORY, meta={"author": "Valley Agency", "title": "Untitled"}, title_style=True)
    )
    a, b, c = load_documents([str(tmp_path)])
    assert (a.title, a.source, a.published) == ("Valley flood report", "Valley Agency", "2025-03-15")
    assert b.published == "2025-03-16"  # a date line in the text beats the creation date
    assert (c.title, c.source, c.published) == ("Flood update", "Valley Agency", "2001-01-01")


def _scanned_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    pdf.drawImage(ImageReader(Image.new("L", (100, 140), 210)), 50, 50, 500, 700)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


def _padded(docx: bytes, size: int) -> bytes:
    """A .docx with a highly compressible extra part: small on disk, large once unpacked."""
    buf = io.BytesIO(docx)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/padding.bin", bytes(size))
    return buf.getvalue()


def _bad_files() -> dict[str, tuple[bytes, str]]:
    good = write_pdf(STORY)[0]
    return {
        "scanned.pdf": (_scanned_pdf(), "no text layer (a scanned or image-only PDF; run OCR on it first)"),
        "locked.pdf": (write_pdf(STORY, encrypt="secret")[0], "encrypted PDF (it needs a password to open)"),
        "truncated.pdf": (good[: len(good) // 2], "corrupt PDF ("),
        "garbage.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 20, "corrupt PDF ("),
        "renamed.pdf": (STORY.encode(), "not a PDF (no %PDF- header)"),
        "long.pdf": (write_pdf(STORY * 4, per_page=5)[0], "PDF too long (5 pages; the limit is 3)"),
        "archive.docx": (_zip({"story.txt": STORY}), "not a Word document (a ZIP archive without word/document.xml)"),
        "sheet.docx": (_zip({"xl/workbook.xml": "<x/>"}), "not a Word document (an Excel workbook)"),
        "text.docx": (("A plain text file.\n" + STORY).encode(), "not a .docx package (not a ZIP archive)"),
        "legacy.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "not a .docx package (an encrypted Word"),
        "bomb.docx": (_padded(write_docx(STORY), 3_000_000), "DOCX unpacks to "),
        "blank.docx": (write_docx("\n\n"), "DOCX has no text (no non-empty paragraphs)"),
    }


def test_each_bad_pdf_or_docx_is_one_clear_skip_and_spoils_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr("factcheck.ingest.pdf.MAX_PAGES", 3)
    monkeypatch.setattr("factcheck.ingest.docx.MAX_UNPACKED", 2_000_000)
    bad = _bad_files()
    for name, (data, _) in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.pdf").write_bytes(write_pdf(STORY, per_page=4)[0])
    (tmp_path / "good.docx").write_bytes(write_docx(STORY))
    docs = {Path(d.path).name: d for d in load_documents([str(tmp_path)])}
    for name, (_, reason) in bad.items():
        assert docs[name].skipped is not None and docs[name].skipped.startswith(reason), (name, docs[name].skipped)
    assert docs["good.pdf"].skipped is None and docs["good.docx"].skipped is None
    report = check_documents(list(docs.values()), Settings(cache_dir=""), embedder=FakeEmbedder())
    assert {c.doc for c in report.claims} == {"good.pdf", "good.docx"}
    for fmt in Format:
        out = render(report, fmt)
        for name in bad:
            assert name in out, (fmt, name)
    md = render(report, "md")
    skips = md[md.index("## Skipped documents") :].splitlines()
    for name, (_, reason) in bad.items():
        line = next(x for x in skips if x.startswith(f"- [{tmp_path / name}]("))
        assert f"): {reason}" in line, line


def test_a_pdf_over_the_size_limit_is_skipped_before_it_is_parsed(tmp_path):
    (tmp_path / "big.pdf").write_bytes(write_pdf(STORY * 30)[0])
    doc = read_file(tmp_path / "big.pdf", "big", max_bytes=2_000)[0]
    assert doc.skipped is not None and doc.skipped.startswith("file too large (")


def test_a_pdf_encrypted_without_a_user_password_is_read(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1, encrypt=pdfencrypt.StandardEncryption("", ownerPassword="x", canCopy=0))
    pdf.drawString(72, 700, "Rescue teams evacuated 4,200 residents from the town overnight, the agency said.")
    pdf.showPage()
    pdf.save()
    (tmp_path / "restricted.pdf").write_bytes(buf.getvalue())
    doc = read_file(tmp_path / "restricted.pdf", "restricted")[0]
    assert doc.skipped is None and _sentences(doc) == [
        "Rescue teams evacuated 4,200 residents from the town overnight, the agency said."
    ]


def test_finding_messages_cite_pdf_and_docx_claims_by_page_and_paragraph():
    """A finding's message points a reviewer at the page or paragraph, as the tables do."""
    from .conftest import ROOT

    report = json.loads((ROOT / "reports" / "mixed-formats.json").read_text(encoding="utf-8"))
    paged = {c["id"]: c for c in report["claims"] if not c["location"].startswith("line")}
    single = [f for f in report["findings"] if f["kind"] == "unique" and f["claims"][0] in paged]
    assert single, "the mixed-formats set has unique claims from its PDF and DOCX documents"
    for f in single:
        c = paged[f["claims"][0]]
        assert f"({c['doc']} {c['location']})" in f["message"]
