"""Hostile inputs: every bad file becomes a clear `path: reason` skip (or a correct result) and spoils nothing else."""

from __future__ import annotations

import codecs
import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from factcheck.ingest import load_documents, read_file
from factcheck.model import Document
from factcheck.pipeline import Settings, check_documents
from factcheck.render import Format, render
from factcheck.segment import MAX_SENTENCE_CHARS, segment

from .fakes import FakeEmbedder

GOOD = (
    "The earthquake killed 2,500 people in Morocco on Friday night, officials said.\n"
    "Rescue teams from Spain arrived in Marrakesh on Saturday morning to help.\n"
)
OTHER = (
    "The earthquake killed 2,900 people in Morocco on Friday night, officials said.\n"
    "About 300 rescuers from Spain arrived in Marrakesh on Saturday morning.\n"
)
GERMAN = (
    "Das Erdbeben in Marokko hat nach Angaben der Behörden mehr als 2.500 Menschen getötet.\n"
    "Die Rettungskräfte aus Spanien suchen in den Bergdörfern weiter nach Überlebenden.\n"
)
FRENCH = (
    "Le séisme a fait plus de 2 500 morts au Maroc, selon les autorités marocaines.\n"
    "Les secours espagnols sont arrivés samedi matin à Marrakech pour aider.\n"
)


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("story.txt", GOOD * 20)
    return buf.getvalue()


# name -> (bytes to write, expected skip reason fragment or None for a usable document)
CORPUS: dict[str, tuple[bytes, str | None]] = {
    "good.txt": (GOOD.encode(), None),
    "empty.txt": (b"", "empty file"),
    "blank.md": (b"  \n\t\n \xc2\xa0 \n\n", "only whitespace"),
    "image.png.txt": (_png(), "binary file (PNG image)"),
    "archive.txt": (_zip(), "binary file (ZIP archive)"),
    "controls.txt": (bytes(range(1, 32)) * 200, "binary file (mostly control characters)"),
    "controls-utf8.txt": (b"\x01\x02\x03\x04\x05\x06abc" * 500, "binary file (mostly control characters)"),
    "nul.txt": (b"abc\x00def" * 100, "binary file (contains NUL bytes)"),
    "latin1.txt": (FRENCH.encode("latin-1"), None),
    "utf16.txt": (GOOD.encode("utf-16"), None),
    "utf16be.txt": (codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), None),
    "utf32.txt": (GOOD.encode("utf-32"), None),
    "utf8bom.txt": (codecs.BOM_UTF8 + GOOD.encode(), None),
    "utf16-odd.txt": (codecs.BOM_UTF16_LE + b"a\x00b", "cannot decode as utf-16"),
    "scripts.html": (
        b"<html><head><script>var a = 1;</script><style>p{}</style></head>"
        b"<body><script>alert('x')</script></body></html>",
        "HTML page has no readable article text",
    ),
    "broken.html": (
        b"<html><body><div><p>The earthquake killed 2,500 people in Morocco on Friday night, officials "
        b"said.<p>Rescue teams from Spain arrived in Marrakesh on Saturday morning to help.<div><b>unclosed "
        b"<i>tags</body",
        None,
    ),
    "bad.json": (b'{"text": "The quake struck.", ', "line 1: invalid JSON"),
    "deep.json": (b"[" * 100_000, "nested too deeply"),
    "notext.csv": (b"a,b\n1,2\n", "CSV has no text column"),
    "nosentences.txt": (b"Home\nNews\nSport\nWeather\nContact us\n", "no article text found"),
    "german.txt": (GERMAN.encode(), None),
    "noSpaces.txt": (b"x" * 1_000_000 + b"\n", "no article text found"),
}


def _write_corpus(root: Path) -> Path:
    for name, (data, _) in CORPUS.items():
        (root / name).write_bytes(data)
    (root / "lines.jsonl").write_text(
        json.dumps({"text": GOOD, "id": "a"})
        + "\n{bad json\n"
        + json.dumps({"text": OTHER, "id": "b"})
        + "\n[1, 2]\n"
        + json.dumps({"title": "no text here"})
        + "\n",
        encoding="utf-8",
    )
    os.symlink("loop-b.txt", root / "loop-a.txt")
    os.symlink("loop-a.txt", root / "loop-b.txt")
    os.symlink("missing-target.txt", root / "dangling.txt")
    for folder, text in (("left", GOOD), ("right", OTHER)):
        (root / folder).mkdir()
        (root / folder / "same.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def docs(corpus) -> dict[str, Document]:
    return {d.id: d for d in load_documents([str(corpus)])}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_hostile_file_is_skipped_with_a_reason_or_read(docs, name):
    _data, reason = CORPUS[name]
    doc = docs[Path(name).stem]
    if reason is None:
        assert doc.skipped is None, doc.skipped
        assert doc.body and doc.text.strip()
    else:
        assert doc.skipped is not None and reason in doc.skipped, doc.skipped
        assert doc.path.endswith(name)


def test_every_file_gives_exactly_one_entry_and_ids_are_unique(corpus, docs):
    assert len(docs) == len(load_documents([str(corpus)]))
    assert {"left/same", "right/same"} <= set(docs)
    assert "same" not in docs


def test_decoded_text_is_right(docs):
    assert "séisme" in docs["latin1"].text and "Marrakech" in docs["latin1"].text
    for name in ("utf16", "utf16be", "utf32", "utf8bom"):
        assert docs[name].text.strip() == docs["good"].text.strip(), name
    assert "\x00" not in docs["utf32"].text


def test_html_with_broken_tags_keeps_the_article(docs):
    text = docs["broken"].text
    assert "killed 2,500 people" in text and "Rescue teams from Spain" in text


def test_bad_jsonl_line_is_a_skipped_record_and_good_lines_are_used(docs):
    assert docs["lines#a"].skipped is None and "2,500" in docs["lines#a"].text
    assert docs["lines#b"].skipped is None and "2,900" in docs["lines#b"].text
    assert docs["lines#2"].skipped.startswith("line 2: invalid JSON")
    assert docs["lines#4"].skipped == "line 4: record is not an object"
    assert docs["lines#5"].skipped.startswith("line 5: record has no text field")


def test_symlink_loop_and_dangling_symlink(docs):
    assert docs["loop-a"].skipped == "symbolic link loop"
    assert docs["loop-b"].skipped == "symbolic link loop"
    assert docs["dangling"].skipped.startswith("broken symbolic link")


def test_non_english_article_gives_sentences(docs):
    for name in ("german", "latin1"):
        sentences = segment(docs[name])
        assert len(sentences) == 2, [s.text for s in sentences]


def test_the_rest_of_the_run_is_unaffected(corpus, tmp_path, docs):
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "good.txt").write_bytes(CORPUS["good.txt"][0])
    (alone / "german.txt").write_bytes(CORPUS["german.txt"][0])
    clean = {d.id: d for d in load_documents([str(alone)])}
    for name in clean:
        assert docs[name].text == clean[name].text and docs[name].body == clean[name].body

    fake, settings = FakeEmbedder(), Settings(cache_dir="")
    small = check_documents(list(clean.values()), settings, embedder=fake)
    full = check_documents(list(docs.values()), settings, embedder=fake)
    assert [c for c in full.claims if c.doc in clean] == list(small.claims)
    assert len(full.documents) == len(docs)


def test_skips_are_listed_in_every_report_format(docs):
    report = check_documents(list(docs.values()), Settings(cache_dir=""), embedder=FakeEmbedder())
    skipped = [d for d in report.documents if d.skipped]
    assert len(skipped) >= 15
    for fmt in Format:
        out = render(report, fmt)
        for d in skipped:
            assert d.skipped in out, (fmt, d.id)
            assert Path(d.path).name in out, (fmt, d.id)
    sarif = json.loads(render(report, Format.sarif))
    assert sum(r["ruleId"] == "skipped" for r in sarif["runs"][0]["results"]) == len(skipped)
    data = json.loads(render(report, Format.json))
    assert {d["id"]: d["skipped"] for d in data["documents"] if d["skipped"]} == {d.id: d.skipped for d in skipped}


# --- size limit ----------------------------------------------------------------------------------------------------


def test_50_mb_file_is_skipped_quickly_without_being_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    line = (GOOD * 50).encode()
    with big.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def guarded(self):
        assert self.name != "big.txt", "the oversized file was read"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    started = time.perf_counter()
    docs = {d.id: d for d in load_documents([str(tmp_path)])}
    assert time.perf_counter() - started < 5
    assert docs["big"].skipped.startswith("file too large (52.")
    assert "the limit is 10.0 MB, set max_bytes to raise it" in docs["big"].skipped
    assert docs["good"].skipped is None


def test_small_max_bytes_message_reads_well(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    [doc] = load_documents([str(tmp_path)], max_bytes=100)
    assert (
        doc.skipped
        == f"file too large ({len(GOOD.encode()):,} bytes; the limit is 100 bytes, set max_bytes to raise it)"
    )


# --- unreadable files ----------------------------------------------------------------------------------------------


def test_folder_named_like_a_text_file(tmp_path):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    [doc] = read_file(folder, "x")
    assert doc.skipped == "a folder, not a file"


def test_permission_error_on_read_is_a_skip(tmp_path, monkeypatch):
    (tmp_path / "locked.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "open.txt").write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    docs = {d.id: d for d in load_documents([str(tmp_path)])}
    assert docs["locked"].skipped == "cannot read (Permission denied)"
    assert docs["open"].skipped is None


def test_chmod_000_file_is_a_skip(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop reading")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        [doc] = load_documents([str(tmp_path)])
    finally:
        locked.chmod(0o644)
    assert doc.skipped == "cannot read (Permission denied)"


def test_unsupported_extension_given_directly(tmp_path):
    path = tmp_path / "photo.jpeg"
    path.write_bytes(b"\xff\xd8\xff" + b"\x00" * 10)
    [doc] = load_documents([str(path)])
    assert doc.skipped == "unsupported file type '.jpeg'"


# --- ids -------------------------------------------------------------------------------------------------------------


def test_same_stem_in_one_folder_keeps_the_extension(tmp_path):
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "story.md").write_text(OTHER, encoding="utf-8")
    ids = sorted(d.id for d in load_documents([str(tmp_path)]))
    assert ids == ["story.md", "story.txt"]


def test_repeated_record_ids_stay_unique(tmp_path):
    rows = [{"id": "x", "text": GOOD}, {"id": "x", "text": OTHER}, {"text": GOOD}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    ids = [d.id for d in load_documents([str(tmp_path)])]
    assert sorted(ids) == ["feed#3", "feed#x", "feed#x-2"]


def test_csv_with_long_field_and_spaced_header(tmp_path):
    long_text = GOOD + ("word " * 40_000) + "\n"
    (tmp_path / "table.csv").write_text('\ufeff Text ,title\n"' + long_text + '",T\n', encoding="utf-8")
    [doc] = load_documents([str(tmp_path)])
    assert doc.skipped is None and "2,500" in doc.text


# --- long lines ------------------------------------------------------------------------------------------------------


def test_1_mb_line_without_spaces_inside_a_sentence(tmp_path):
    text = "The earthquake killed 2,500 people near " + "x" * 1_000_000 + " on Friday night, officials said.\n" + GOOD
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    [doc] = load_documents([str(tmp_path)])
    sentences = segment(doc)
    assert time.perf_counter() - started < 20
    assert doc.skipped is None
    assert all(0 < len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(doc.text[s.start : s.end] == s.text for s in sentences)
    assert sentences[-1].text == GOOD.splitlines()[1] and sentences[-1].line == 3


# --- CLI ---------------------------------------------------------------------------------------------------------------


@pytest.fixture()
def cli_dir(tmp_path, monkeypatch):
    import factcheck.pipeline

    monkeypatch.setattr(factcheck.pipeline, "make_embedder", lambda settings: FakeEmbedder())
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\ncache_dir = ""\n', encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(GOOD, encoding="utf-8")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "picture.txt").write_bytes(_png())
    return tmp_path


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_cli_lists_skips_and_exits_clean_without_strict(cli_dir, fmt):
    from typer.testing import CliRunner

    from factcheck.cli import app

    out = cli_dir / f"report.{fmt}"
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(cli_dir / "docs"),
            "--config",
            str(cli_dir / "pyproject.toml"),
            "--fail-on",
            "none",
            "--format",
            fmt,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"{cli_dir / 'docs' / 'empty.txt'}: skipped: empty file" in result.output
    assert f"{cli_dir / 'docs' / 'picture.txt'}: skipped: binary file (PNG image)" in result.output
    report = out.read_text(encoding="utf-8")
    assert "empty file" in report and "binary file (PNG image)" in report


def test_cli_strict_turns_a_skip_into_exit_2(cli_dir):
    from typer.testing import CliRunner

    from factcheck.cli import app

    args = ["check", str(cli_dir / "docs"), "--config", str(cli_dir / "pyproject.toml"), "--fail-on", "none"]
    result = CliRunner().invoke(app, args + ["--strict"])
    assert result.exit_code == 2, result.output
    assert "2 document(s) skipped and --strict is set" in result.output
    (cli_dir / "docs" / "empty.txt").unlink()
    (cli_dir / "docs" / "picture.txt").unlink()
    assert CliRunner().invoke(app, args + ["--strict"]).exit_code == 0


def test_cli_unwritable_output_is_a_usage_error(cli_dir):
    from typer.testing import CliRunner

    from factcheck.cli import app

    in_the_way = cli_dir / "report.md"
    in_the_way.mkdir()
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(cli_dir / "docs"),
            "--config",
            str(cli_dir / "pyproject.toml"),
            "--fail-on",
            "none",
            "-o",
            str(in_the_way),
        ],
    )
    assert result.exit_code == 2, result.output
    assert f"{in_the_way}: cannot write" in result.output
