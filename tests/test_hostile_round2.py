"""Hostile input, second round (issue 12): no crash, no silent loss, no clobbered file, a crash never exits 1."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from factcheck.atomic import write_text
from factcheck.errors import InputWarning
from factcheck.ingest import assign_ids, load_documents
from factcheck.ingest.decode import decode_with_note, sanitise
from factcheck.pipeline import Settings, check_documents
from factcheck.render import Format, render
from factcheck.segment import _ACRONYM_END, _AFTER_ACRONYM, MAX_SENTENCE_CHARS, _repair, segment

from .clihelp import Cli, assert_usage_error
from .conftest import ROOT
from .fakes import FakeEmbedder

GOOD = "The earthquake killed 2,500 people in Morocco on Friday night, officials said.\n"
OTHER = "The earthquake killed 2,900 people in Morocco on Friday night, officials said.\n"
TENTS = "The Red Cross said {} tents were delivered to the mountain villages on Sunday.\n"


@pytest.fixture
def fake_cli(tmp_path, monkeypatch):
    """The CLI in an empty folder with the fake embedder and no cache (for runs whose findings do not matter)."""
    monkeypatch.setattr("factcheck.pipeline.make_embedder", lambda settings: FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\ncache_dir = ""\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.txt").write_text(GOOD, encoding="utf-8")
    return Cli()


def _check(folder: Path) -> tuple[dict, list]:
    docs = load_documents([str(folder)])
    report = check_documents(docs, Settings(cache_dir=""), embedder=FakeEmbedder())
    return {d.id: d for d in docs}, report


# --- 3: internal errors ---------------------------------------------------------------------------------------------


def test_an_internal_error_exits_3_with_one_line_and_the_traceback_only_with_verbose(fake_cli, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr("factcheck.pipeline.check_documents", broken)
    run = fake_cli("check", "docs")
    assert run.code == 3 and run.exception is None
    assert run.stderr.strip().splitlines() == [
        "factcheck: internal error: RuntimeError: something unexpected "
        "(a bug; `factcheck -v check ...` shows the traceback)"
    ]
    verbose = fake_cli("-v", "check", "docs")
    assert verbose.code == 3
    assert "Traceback (most recent call last)" in verbose.stderr and "RuntimeError: something" in verbose.stderr
    assert verbose.stderr.strip().splitlines()[-1] == "factcheck: internal error: RuntimeError: something unexpected"


def test_usage_errors_and_gate_failures_are_not_turned_into_3(fake_cli):
    assert_usage_error(fake_cli("check", "docs", "--format", "pdf"), "format must be one of")
    assert fake_cli("check", "docs", "--bogus-flag").code == 2


# --- text normalisation at ingest ---------------------------------------------------------------------------------


def test_lone_surrogates_in_every_field_of_a_json_record_are_dropped_and_the_run_completes(tmp_path):
    record = {"id": "r\ud800x", "title": "T\udfffitle", "source": "S\ud800ource", "text": "\ud83d" + OTHER}
    raw = json.dumps(record)  # ensure_ascii: the file holds "\ud800" escapes, as JSON allows
    (tmp_path / "feed.json").write_text(f"[{raw}, {json.dumps({'text': GOOD})}]", encoding="utf-8")
    docs, report = _check(tmp_path)
    doc = docs["feed#rx"]
    assert (doc.title, doc.source, doc.text) == ("Title", "Source", OTHER)
    assert any(f.kind == "conflict" and set(f.values) == {"2500", "2900"} for f in report.findings)
    for fmt in Format:
        out = render(report, fmt)
        out.encode("utf-8")  # no lone surrogate left to crash the writer
        write_text(tmp_path / f"out.{fmt}", out)


def test_nul_bytes_never_reach_the_reports(tmp_path):
    (tmp_path / "late.txt").write_bytes(b"x" * 5000 + b"\n" + GOOD.replace("killed", "kil\x00led").encode())
    (tmp_path / "rows.jsonl").write_text(json.dumps({"text": OTHER.replace("people", "peo\u0000ple")}) + "\n")
    docs, report = _check(tmp_path)
    assert "killed 2,500 people" in docs["late"].text and docs["rows"].text == OTHER
    for fmt in Format:
        assert "\x00" not in render(report, fmt)


def test_a_word_joiner_inside_a_number_makes_no_phantom_conflict(tmp_path):
    (tmp_path / "plain.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "joined.txt").write_text(GOOD.replace("2,500", "2,\u2060500"), encoding="utf-8")
    docs, report = _check(tmp_path)
    assert docs["joined"].text == docs["plain"].text
    assert not [f for f in report.findings if f.kind == "conflict"]
    assert any(f.kind == "corroborated" for f in report.findings)


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u200e", "\u202e", "\u2060", "\ufeff", "\u00ad", "\x00"])
def test_invisible_characters_are_stripped(char):
    assert sanitise(f"2,{char}500 troops") == "2,500 troops"


def test_utf8_with_a_few_bad_bytes_keeps_its_accents_and_warns(tmp_path):
    text = "Le séisme a tué 2 500 personnes, selon les autorités marocaines à Marrakech.\n"
    data = text.encode("utf-8") + b"Une \xff seule erreur dans le fichier.\n"
    decoded, note = decode_with_note(data)
    assert decoded.startswith(text) and "\ufffd seule" in decoded and "Ã" not in decoded
    assert note and "invalid UTF-8 in 1 place" in note
    (tmp_path / "fr.txt").write_bytes(data)
    with pytest.warns(InputWarning, match=r"fr\.txt: invalid UTF-8 in 1 place"):
        [doc] = load_documents([str(tmp_path)])
    assert "séisme" in doc.text and doc.skipped is None


def test_latin1_is_still_read_as_latin1():
    assert decode_with_note("Le séisme a tué 2 500 personnes à Marrakech.".encode("latin-1"))[1] is None


def test_damaged_utf8_warning_is_printed_by_the_cli(fake_cli):
    Path("docs/fr.txt").write_bytes("Les autorités ont annoncé 2 500 morts à Marrakech.\n".encode() + b"\xff\n")
    run = fake_cli("check", "docs", "--fail-on", "none")
    assert run.code == 0
    assert "factcheck: warning: docs/fr.txt: invalid UTF-8 in 1 place" in run.stderr


# --- records ------------------------------------------------------------------------------------------------------


def test_record_problems_are_skips_that_name_the_record(tmp_path):
    rows = [
        {"id": "listy", "text": ["a", "b"]},
        {"id": "obj", "body": {"p": GOOD}},
        {"id": "untexted", "title": "x"},
        {"text": GOOD, "title": ["not", "a", "title"]},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = {d.id: d for d in load_documents([str(tmp_path)])}
    assert docs["feed#listy"].skipped == "line 1 (id 'listy'): field 'text' is a list, not text"
    assert docs["feed#obj"].skipped == "line 2 (id 'obj'): field 'body' is an object, not text"
    assert docs["feed#untexted"].skipped.startswith("line 3 (id 'untexted'): record has no text field")
    assert docs["feed#4"].skipped is None and docs["feed#4"].title is None


def test_integers_longer_than_python_converts_do_not_lose_the_record(tmp_path):
    huge = "9" * 5000
    (tmp_path / "a.json").write_text(f'{{"text": {json.dumps(GOOD)}, "views": {huge}}}', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(f'{{"text": {json.dumps(OTHER)}, "id": {huge}}}\n', encoding="utf-8")
    docs = {d.id: d for d in load_documents([str(tmp_path)])}
    assert docs["a"].skipped is None and docs["b"].skipped is None and docs["b"].text == OTHER


def test_deep_nesting_in_a_jsonl_line_skips_that_line_only(tmp_path):
    (tmp_path / "f.jsonl").write_text(json.dumps({"text": GOOD}) + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    docs = {d.id: d for d in load_documents([str(tmp_path)])}
    assert docs["f#1"].skipped is None
    assert docs["f#2"].skipped == "line 2: invalid JSON: nested too deeply"


@pytest.mark.parametrize(
    "content, needle",
    [
        ('{"schema": "factcheck.baseline/1", "findings": [' + "1" * 5000 + "]}", "4300 digits"),
        ("[" * 100_000, "nested too deeply"),
        ('{"schema": "factcheck.baseline/1", "findings": [{"id": "\\ud800"}]}', "not valid Unicode"),
    ],
)
def test_hostile_baseline_is_a_one_line_error(fake_cli, content, needle):
    Path("b.json").write_text(content, encoding="utf-8")
    assert_usage_error(fake_cli("check", "docs", "--baseline", "b.json"), "b.json", needle)


# --- paths, settings and arguments --------------------------------------------------------------------------------


def test_a_path_name_over_255_bytes_is_a_skip(fake_cli):
    long_name = "n" * 300 + ".txt"
    run = fake_cli("check", "docs", long_name, "--fail-on", "none")
    assert run.code == 0, run.stderr
    assert f"{long_name}: skipped: file name too long (304 bytes; the limit is 255)" in run.stderr
    assert fake_cli("check", "docs", long_name, "--strict").code == 2


def test_a_file_name_that_is_not_utf8_is_read_and_reported(tmp_path):
    os.close(os.open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), os.O_WRONLY | os.O_CREAT))
    Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"))).write_text(GOOD, encoding="utf-8")
    docs, report = _check(tmp_path)
    assert list(docs) == ["caf\ufffd"] and docs["caf\ufffd"].path.endswith("caf\ufffd.txt")
    for fmt in Format:
        render(report, fmt).encode("utf-8")


@pytest.mark.parametrize(
    "model, needle",
    [
        ("/no/such/model/folder", "no such folder, and not in the local Hugging Face cache"),
        ("some-org/some-model-that-is-not-here", "not in the local Hugging Face cache"),
        (".", "the folder holds no model"),
    ],
)
def test_a_model_that_cannot_load_is_a_one_line_error(fake_cli, model, needle):
    assert_usage_error(fake_cli("check", "docs", "--model", model), f"model '{model}'", needle)


def test_a_pyproject_that_is_not_utf8_is_a_one_line_error(fake_cli):
    Path("pyproject.toml").write_bytes(b'[tool.factcheck]\ncache_dir = ""\n# caf\xe9\n')
    assert_usage_error(fake_cli("check", "docs"), "pyproject.toml", "not UTF-8")
    assert_usage_error(fake_cli("claims", "docs/good.txt"), "pyproject.toml", "not UTF-8")


@pytest.mark.parametrize("body, needle", [("max_bytes = -1", "max_bytes must be a positive"), ("tool = 3", "")])
def test_bad_settings_are_one_line_errors(fake_cli, body, needle):
    text = f'[tool.factcheck]\ncache_dir = ""\n{body}\n' if "max_bytes" in body else f"{body}\n"
    Path("pyproject.toml").write_text(text, encoding="utf-8")
    run = fake_cli("check", "docs", "--fail-on", "none")
    if needle:
        assert_usage_error(run, needle)
    else:
        assert run.code == 0  # a `tool` key that is not a table holds no factcheck settings


def test_compare_refuses_empty_statements(fake_cli):
    assert_usage_error(fake_cli("compare", "", ""), "statement A is empty")
    assert_usage_error(fake_cli("compare", "The quake killed 9.", "\u200b "), "statement B is empty")


def test_compare_refuses_an_argument_that_is_not_utf8(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "compare", b"caf\xe9 killed 5", "cafe killed 6"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines() == ["factcheck: statement A is not valid UTF-8 text"]


# --- ids and repeated files ---------------------------------------------------------------------------------------


def test_a_file_named_like_a_record_id_does_not_overwrite_the_record(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps([{"id": "foo", "text": TENTS.format("1,000")}, {"text": GOOD}]))
    (tmp_path / "x#foo.txt").write_text(TENTS.format("1,200"), encoding="utf-8")
    docs, report = _check(tmp_path)
    assert sorted(docs) == ["x#2", "x#foo", "x#foo~2"]
    assert {docs["x#foo"].path, docs["x#foo~2"].path} == {str(tmp_path / "x#foo.txt"), str(tmp_path / "x.json")}
    [conflict] = [f for f in report.findings if f.kind == "conflict"]
    assert set(conflict.values) == {"1000", "1200"}


def test_the_same_name_deep_on_two_sides_keeps_both_figures(tmp_path):
    for side, figure in (("left", "1,000"), ("right", "1,200")):
        folder = tmp_path.joinpath(side, *"abcdefghijk")
        folder.mkdir(parents=True)
        (folder / "same.txt").write_text(TENTS.format(figure), encoding="utf-8")
    docs, report = _check(tmp_path)
    assert sorted(docs) == ["left/a/b/c/d/e/f/g/h/i/j/k/same", "right/a/b/c/d/e/f/g/h/i/j/k/same"]
    [conflict] = [f for f in report.findings if f.kind == "conflict"]
    assert set(conflict.values) == {"1000", "1200"}


def test_ids_are_unique_when_every_folder_is_alike():
    files = [Path("a/x.txt"), Path("/a/x.txt"), Path("a/x.md"), Path("/a/x.md")]
    assert len(set(assign_ids(files).values())) == 4


def test_one_file_reached_four_ways_and_a_copy_are_counted_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("docs/sub").mkdir(parents=True)
    Path("docs/a.txt").write_text(GOOD, encoding="utf-8")
    Path("docs/sub/copy.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("a.txt", "docs/link.txt")
    paths = ["docs", str(tmp_path / "docs" / "a.txt"), "docs/sub/../a.txt"]
    docs = load_documents(paths)
    used = [d for d in docs if not d.skipped]
    assert len(used) == 1
    notes = sorted(d.skipped for d in docs if d.skipped)
    assert len(notes) == 4 and all(n.startswith("counted once: the same ") for n in notes)
    assert sum("same content as" in n for n in notes) == 1
    assert len({d.id for d in docs}) == len(docs)


def test_notes_do_not_fail_strict_but_real_skips_do(fake_cli):
    Path("docs/copy.txt").write_text(GOOD, encoding="utf-8")
    run = fake_cli("check", "docs", "--strict", "--fail-on", "none")
    assert run.code == 0, run.stderr
    assert "docs/good.txt: skipped: counted once: the same content as docs/copy.txt" in run.stderr


def test_an_unreadable_subfolder_is_a_skip_and_fails_strict(fake_cli, monkeypatch):
    Path("docs/locked").mkdir()
    Path("docs/locked/hidden.txt").write_text(OTHER, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    run = fake_cli("check", "docs", "--fail-on", "none")
    assert run.code == 0
    assert "docs/locked: skipped: cannot read folder (Permission denied)" in run.stderr
    assert fake_cli("check", "docs", "--strict").code == 2


# --- outputs ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-o", "--json-out", "--csv-out"])
def test_an_output_that_is_an_input_is_refused(fake_cli, flag):
    run = fake_cli("check", "docs", "--fail-on", "none", flag, "docs/good.txt")
    assert_usage_error(run, "docs/good.txt: is one of the input documents")
    assert Path("docs/good.txt").read_text(encoding="utf-8") == GOOD
    assert_usage_error(fake_cli("baseline", "docs/good.txt", "-o", "docs/good.txt"), "is one of the input")


def test_reports_written_into_the_input_folder_are_not_read_back(fake_cli):
    Path("docs/other.txt").write_text(OTHER, encoding="utf-8")
    outs = {
        "md": "r.md",
        "json": "r.json",
        "csv": "r.csv",
        "github": "r.txt",
        "sarif": "r-sarif.json",
        "html": "r.html",
    }
    for fmt, name in outs.items():
        assert fake_cli("check", "docs", "--fail-on", "none", "--format", fmt, "-o", f"docs/{name}").code == 0
    assert fake_cli("baseline", "docs", "-o", "docs/baseline.json").code == 0
    Path("docs/scores.json").write_text(json.dumps({"results": [], "failures": {}}), encoding="utf-8")
    docs = {Path(d.path).name: d for d in load_documents(["docs"])}
    for name in [*outs.values(), "baseline.json", "scores.json"]:
        assert docs[name].skipped.startswith("not a source: "), (name, docs[name].skipped)
    assert docs["good.txt"].skipped is None and docs["other.txt"].skipped is None
    again = fake_cli("check", "docs", "--strict", "--format", "json", "-o", "docs/r.json")
    assert again.code == 1 and json.loads(Path("docs/r.json").read_text())["schema"] == "factcheck.report/2"


def test_a_symlinked_output_keeps_the_link(tmp_path):
    (tmp_path / "real.md").write_text("old\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to("real.md")
    write_text(tmp_path / "link.md", "new\n")
    assert (tmp_path / "link.md").is_symlink() and (tmp_path / "real.md").read_text() == "new\n"


def test_an_output_that_is_a_pipe_is_written_in_place(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    write_text(fifo, "the report\n")
    reader.join(timeout=30)
    assert got == ["the report\n"]
    assert fifo.is_fifo()


# --- segmentation -------------------------------------------------------------------------------------------------


def _reference_repair(spans: list[tuple[int, int]], block: str) -> list[tuple[int, int]]:
    """The rule of `_repair` written plainly (it copies the growing sentence each time: quadratic)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        nxt = block[s:e].strip()
        if out:
            prev = block[out[-1][0] : out[-1][1]].rstrip()
            first = nxt.split(" ", 1)[0].strip('"(') if nxt else ""
            acronym = _ACRONYM_END.search(prev) and (first in _AFTER_ACRONYM or len(prev.split()) < 6)
            if not re.search(r"[A-Za-z]", nxt) or nxt[:1].islower() or acronym:
                out[-1] = (out[-1][0], e)
                continue
        out.append((s, e))
    return out


def test_linear_repair_gives_the_same_sentences_as_the_plain_rule():
    rng = random.Random(12)
    words = ["U.S.", "Army", "a.", "The", "troops", "said.", "1.", "?", "A.B.", "Secretary", '"', "he", "C.", "x"]
    for _ in range(2000):
        block = "".join(rng.choice(words) + rng.choice([" ", "", "  ", "\n"]) for _ in range(rng.randint(1, 50)))
        cuts = sorted(rng.sample(range(len(block) + 1), min(len(block) + 1, rng.randint(1, 12))))
        spans = list(zip([0, *cuts], [*cuts, len(block)]))
        assert _repair(spans, block) == _reference_repair(spans, block), (block, spans)


@pytest.mark.parametrize("unit", ["1. 2. ", "One two three four five six seven. a b. ", "A. "])
def test_a_200_kb_pathological_line_segments_into_bounded_exact_pieces(unit):
    from factcheck.model import Document

    line = unit * (200_000 // len(unit))
    doc = Document("d", "d.txt", line, body=((0, len(line.rstrip())),))
    found = segment(doc)
    assert found and all(0 < len(s.text) <= MAX_SENTENCE_CHARS for s in found)
    assert all(doc.text[s.start : s.end] == s.text for s in found)


# --- the whole thing with the real model ---------------------------------------------------------------------------


@pytest.mark.model
def test_a_hostile_folder_gives_a_correct_report_end_to_end(cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plain.txt").write_text(GOOD, encoding="utf-8")
    (docs / "joined.txt").write_text(GOOD.replace("2,500", "2,\u2060500").replace("said", "sa\u200bid"))
    record = json.dumps({"id": "w\ud800", "title": "\udfffWire", "text": OTHER.replace("The", "The\u0000")})
    (docs / "wire.json").write_text(record, encoding="utf-8")
    (docs / "copy.txt").write_text(GOOD, encoding="utf-8")
    run = cli("check", docs, "--format", "json", "-o", docs / "report.json", "--fail-on", "none")
    assert run.code == 0, run.stderr
    report = json.loads((docs / "report.json").read_text(encoding="utf-8"))
    ids = {d["id"]: d for d in report["documents"]}
    assert (
        ids["wire"]["title"] == "Wire"
        and ids["plain"]["skipped"] == f"counted once: the same content as {docs / 'copy.txt'}"
    )
    conflicts = [f for f in report["findings"] if f["kind"] == "conflict"]
    assert [sorted(f["values"]) for f in conflicts] == [["2500", "2900"]]
    rerun = cli("check", docs, "--format", "json", "--fail-on", "none")
    assert json.loads(rerun.stdout)["findings"] == report["findings"]
