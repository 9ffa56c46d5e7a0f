"""CI integration as a user copies it: SARIF code scanning reads, capped annotations, project settings, the hook, the Action."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import factcheck
from factcheck.config import load_settings, parse_ignore
from factcheck.errors import ConfigError, InputError
from factcheck.gate import evaluate_gate, open_baseline, render_baseline
from factcheck.locate import SourceIndex
from factcheck.model import Claim, Document, Finding, Report
from factcheck.project import excluded, find_pyproject
from factcheck.render import render
from factcheck.render.annotations import CAP, INFORMATION_URI

from .clihelp import Cli, assert_usage_error, copy_docs
from .conftest import ROOT

SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif_errors(log: dict) -> list[str]:
    """Schema violations of a SARIF log against the vendored SARIF 2.1.0 schema (draft-04)."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)]


# --- a hand-made report over files of every rebuilt format ----------------------------------------------------------

HTML = """<html><head><title>t</title>
<meta name="description" content="The toll rose to 1,305 on Saturday.">
<script>var s = "The toll rose to 1,305 on Saturday";</script></head>
<body><nav>Home</nav>
<p>Rescuers said late on Friday
that the toll rose to 1,305 on Saturday, officials&nbsp;said.</p>
</body></html>
"""
JSONL = '{"id": "a", "text": "Nothing here."}\n{"id": "b", "text": "Officials said the toll was 1,037 on Saturday \\u2014 provisional."}\n'
CSV = 'title,text\nA,"First row text."\nB,"Second row:\nthe toll stood at 2,000 on Saturday, officials said."\n'


def _claim(cid: str, doc: str, text: str, line: int = 1) -> Claim:
    return Claim(cid, doc, text, line, 0, len(text))


def _files_report(folder: Path) -> Report:
    """Three sources on disk (HTML, JSONL, CSV) and one conflict among them, its sides known."""
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "feed.jsonl").write_text(JSONL, encoding="utf-8")
    (folder / "table.csv").write_text(CSV, encoding="utf-8")
    docs = (
        Document("page", "page.html", "x"),
        Document("feed#b", "feed.jsonl", "x"),
        Document("table", "table.csv", "x"),
    )
    claims = (
        _claim(
            "page:1", "page", "Rescuers said late on Friday that the toll rose to 1,305 on Saturday, officials said."
        ),
        _claim("feed#b:1", "feed#b", "Officials said the toll was 1,037 on Saturday — provisional."),
        _claim("table:2", "table", "the toll stood at 2,000 on Saturday, officials said.", 2),
    )
    conflict = Finding(
        "fc-000000000001",
        "conflict",
        "number",
        ("page:1", "feed#b:1", "table:2"),
        ("1305", "1037", "2000"),
        "Sources give different tolls.",
        "high",
        docs=("page", "feed#b", "table"),
        sides=(("page:1",), ("feed#b:1",), ("table:2",)),
    )
    return Report(docs, claims, (), (conflict,))


def test_source_lines_of_rebuilt_formats():
    html = SourceIndex(HTML, ".html")
    assert html.line_of("Rescuers said late on Friday that the toll rose to 1,305 on Saturday.") == 5
    assert html.line_of("that the toll rose to 1,305", after=0) == 6, "markup and script text are not words"
    jsonl = SourceIndex(JSONL, ".jsonl")
    assert jsonl.line_of("Officials said the toll was 1,037 on Saturday — provisional.") == 2
    csv = SourceIndex(CSV, ".csv")
    assert csv.line_of("the toll stood at 2,000 on Saturday") == 4
    assert csv.line_of("no such words in the file at all") is None
    repeated = SourceIndex("a b c d\nx\na b c d\n", ".csv")
    assert repeated.line_of("a b c d", after=2) == 3, "the occurrence after the previous claim wins"


def test_sarif_is_schema_valid_and_fit_for_code_scanning(in_tmp):
    log = json.loads(render(_files_report(in_tmp), "sarif"))
    assert sarif_errors(log) == []
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["version"] == factcheck.__version__ and driver["informationUri"] == INFORMATION_URI
    assert "factcheck-claims" in INFORMATION_URI
    for rule in driver["rules"]:
        assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["shortDescription"]["text"] != rule["id"]
    (result,) = run["results"]
    assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == "conflict/number"
    (primary,) = result["locations"]
    related = result["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    where = [
        (loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
        for loc in (primary, *related)
    ]
    assert where == [("page.html", 5), ("feed.jsonl", 2), ("table.csv", 4)]
    for loc in (primary, *related):
        assert loc["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert "1037" in related[0]["message"]["text"] and "1,037" in related[0]["message"]["text"]
    assert result["partialFingerprints"] == {"factcheck/v1": "fc-000000000001"}


def test_sarif_paths_outside_the_working_folder_are_file_uris(tmp_path, monkeypatch):
    report = _files_report(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    docs = tuple(Document(d.id, str(tmp_path / d.path), "x") for d in report.documents)
    log = json.loads(render(Report(docs, report.claims, (), report.findings), "sarif"))
    assert sarif_errors(log) == []
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (tmp_path / "page.html").as_uri()}
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 5}


def test_skipped_documents_are_sarif_results_with_a_region(in_tmp):
    report = Report((Document("bad", "docs/bad.json", "", skipped="not valid JSON"),), (), (), ())
    log = json.loads(render(report, "sarif"))
    assert sarif_errors(log) == []
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "skipped"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


# --- GitHub annotations, capped ------------------------------------------------------------------------------------


def _many(kind: str, n: int, cites: int = 2) -> list[Finding]:
    return [
        Finding(f"fc-{kind[:1]}{i:011x}", kind, "number", tuple(f"d{j}:{i}" for j in range(cites)), (), f"m{i}", "high")
        for i in range(n)
    ]


def _report(findings: list[Finding]) -> Report:
    """Three text documents and a claim on line 3 for every claim the findings cite."""
    docs = tuple(Document(f"d{j}", f"docs/d{j}.txt", "x") for j in range(3))
    claims = tuple({c: _claim(c, c.split(":")[0], "t", 3) for f in findings for c in f.claims}.values())
    return Report(docs, claims, (), tuple(findings))


def _annotations(findings: list[Finding]) -> list[str]:
    return render(_report(findings), "github").splitlines()


def test_annotations_are_capped_per_type_with_a_line_saying_how_many_more():
    lines = _annotations(_many("conflict", 30) + _many("variant", 3) + _many("unique", 11, cites=1))
    per_type = {
        level: [line for line in lines if line.startswith(f"::{level} ")] for level in ("error", "warning", "notice")
    }
    counts = {k: len(v) for k, v in per_type.items()}
    assert counts == {"error": CAP - 1, "warning": 6, "notice": CAP}, "4 two-sided conflicts fill 8 of 9, then the line"
    more = per_type["error"][-1]
    assert more.startswith("::error title=factcheck%3A 52 more::and 52 more error annotations (26 findings) not ")
    assert "GitHub shows 10 per type in a step" in more and "the job summary, the SARIF upload" in more
    assert all("more" not in line for line in per_type["warning"]), "under the cap nothing is cut"
    assert "and 2 more notice annotations (2 findings)" in per_type["notice"][-1]
    assert len(per_type["error"][:-1]) == 8, "whole findings: both sides of each annotated conflict are shown"
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 52 + 2, "what is not annotated stays in the step's log, as plain lines"
    assert plain[0] == "error: docs/d0.txt:3: factcheck conflict (number) fc-c00000000004: m4"
    assert lines.index(plain[0]) > max(lines.index(line) for group in per_type.values() for line in group)


def test_one_finding_citing_more_lines_than_fit_is_cut_inside():
    lines = _annotations([_wide()])
    assert sum(line.startswith("::error file=") for line in lines) == CAP - 1
    assert "and 3 more error annotations (1 finding)" in lines[CAP - 1]
    assert len([line for line in lines if line.startswith("error: ")]) == 3


def _wide() -> Finding:
    cites = tuple(f"d{j % 3}:{j}" for j in range(12))
    return Finding("fc-w00000000000", "conflict", "entity", cites, (), "wide", "high")


def test_annotations_under_the_cap_are_all_there():
    lines = _annotations(_many("conflict", 5))
    assert len(lines) == 10 and all(line.startswith("::error file=docs/d") and ",line=3," in line for line in lines)


# --- settings: found by walking up, paths, exclude, ignore ------------------------------------------------------------


def _pyproject(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pyproject.toml"
    path.write_text(f"[tool.factcheck]\n{body}\n", encoding="utf-8")
    return path


def test_settings_are_found_walking_up_from_a_subfolder(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    _pyproject(tmp_path, 'format = "json"\nfail_on = "none"')
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "pyproject.toml").write_text('[project]\nname = "pkg"\n', encoding="utf-8")
    deep = tmp_path / "pkg" / "deep"
    deep.mkdir()
    monkeypatch.chdir(deep)
    assert find_pyproject() == tmp_path / "pyproject.toml", "a pyproject.toml without the table is passed over"
    assert (load_settings(None, {}).format, load_settings(None, {}).fail_on) == ("json", ())


def test_the_walk_stops_at_the_repository_root(tmp_path, monkeypatch):
    _pyproject(tmp_path, 'format = "json"')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(repo)
    assert find_pyproject() is None
    assert load_settings(None, {}).format == "md"


def test_a_config_file_without_the_table_is_an_error(in_tmp):
    other = in_tmp / "other.toml"
    other.write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other\.toml: no \[tool\.factcheck\] table"):
        load_settings(other, {})
    docs = copy_docs(in_tmp / "docs", ("election-night.txt",))
    assert_usage_error(Cli()("check", docs, "--config", other), "other.toml", "no [tool.factcheck] table")


def test_paths_and_baseline_are_relative_to_their_pyproject(tmp_path, monkeypatch):
    copy_docs(tmp_path / "docs", ("election-night.txt", "election-roundup.txt"))
    _pyproject(tmp_path, 'paths = ["docs"]\nbaseline = "factcheck-baseline.json"')
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    cfg = load_settings(None, {}, [])
    assert cfg.paths == (str(Path("..") / "docs"),) and cfg.baseline == str(Path("..") / "factcheck-baseline.json")
    assert load_settings(None, {}, ["elsewhere"]).paths == ("elsewhere",), "paths on the command line win"
    assert load_settings(None, {}).paths == (), "commands without a document set resolve none"


def test_no_paths_anywhere_is_a_usage_error(in_tmp):
    with pytest.raises(ConfigError, match="no documents to check"):
        load_settings(None, {}, [])
    assert_usage_error(Cli()("check"), "no documents to check")


@pytest.mark.parametrize(
    "path, patterns, hit",
    [
        ("docs/drafts/a.md", ("drafts",), True),
        ("docs/a.draft.md", ("*.draft.md",), True),
        ("docs/a.md", ("*.draft.md",), False),
        ("docs/old/2020/a.txt", ("docs/old/**",), True),
        ("docs/old/a.txt", ("docs/old",), True),
        ("docs/older/a.txt", ("docs/old",), False),
        ("docs/x/y/notes.md", ("docs/**/notes.md",), True),
        ("docs/notes.md", ("docs/**/notes.md",), True),
        ("other/notes.md", ("docs/**/notes.md",), False),
        ("docs/a1.txt", ("docs/a[0-9].txt",), True),
        ("docs/ab.txt", ("docs/a?.txt",), True),
        ("docs/sub/ab.txt", ("docs/*.txt",), False),
    ],
)
def test_exclude_globs(tmp_path, path, patterns, hit):
    assert excluded(tmp_path / path, patterns, tmp_path) is hit


def test_exclude_drops_files_found_in_folders_but_not_files_named_outright(in_tmp):
    copy_docs(in_tmp / "docs", ("election-night.txt", "election-roundup.txt"))
    copy_docs(in_tmp / "docs" / "drafts", ("energy-digest.md",))
    _pyproject(in_tmp, 'paths = ["docs"]\nexclude = ["drafts", "*-night.txt"]')
    assert load_settings(None, {}, []).paths == (str(Path("docs") / "election-roundup.txt"),)
    named = str(Path("docs") / "election-night.txt")
    assert named in load_settings(None, {}, [named, "docs"]).paths
    _pyproject(in_tmp, 'paths = ["docs"]\nexclude = ["docs"]')
    with pytest.raises(ConfigError, match="every file under docs matches an exclude pattern"):
        load_settings(None, {}, [])


@pytest.mark.parametrize(
    "body, needle",
    [
        ('ignore = ["fc-0123456789ab"]', "a table of finding id = reason"),
        ('[tool.factcheck.ignore]\nfc-12 = "why"', "'fc-12' is not a finding id"),
        ('[tool.factcheck.ignore]\nfc-0123456789ab = ""', "fc-0123456789ab needs a reason"),
        ("[tool.factcheck.ignore]\nfc-0123456789ab = 1", "needs a reason"),
        ("exclude = [1]", "'exclude' must be a list of non-empty strings"),
        ('paths = [""]', "'paths' must be a list of non-empty strings"),
        ("baseline = 3", "'baseline' must be str"),
    ],
)
def test_bad_project_settings_are_config_errors(in_tmp, body, needle):
    _pyproject(in_tmp, body)
    with pytest.raises(ConfigError, match=re.escape(needle)):
        load_settings(None, {}, ["x"])


def test_ignore_accepts_one_finding_with_its_reason():
    report = _report(
        [Finding("fc-aaaaaaaaaaaa", "conflict", "number", ("d0:9",), (), "m", "high"), *_many("conflict", 1)]
    )
    ignore = parse_ignore({"fc-aaaaaaaaaaaa": " revised figure ", "fc-bbbbbbbbbbbb": "gone"})
    gate = evaluate_gate(report, None, ("conflict",), ignore)
    assert gate.new == ("fc-c00000000000",) and gate.failing == ("fc-c00000000000",)
    assert gate.ignored == (("fc-aaaaaaaaaaaa", "revised figure"),) and gate.unused_ignores == ("fc-bbbbbbbbbbbb",)
    assert gate.status_by_id()["fc-aaaaaaaaaaaa"] == "ignored"
    data = gate.as_dict()
    assert data["ignored"] == [{"id": "fc-aaaaaaaaaaaa", "reason": "revised figure"}]
    assert data["unused_ignores"] == ["fc-bbbbbbbbbbbb"]
    summary = "\n".join(gate.summary_lines())
    assert "1 ignored" in summary and "entry matches no current finding: fc-bbbbbbbbbbbb" in summary
    assert "ignored" not in evaluate_gate(report, None, ("conflict",)).as_dict(), "no ignore table, no new keys"
    shown = render(report, "github", gate)
    assert "fc-aaaaaaaaaaaa" not in shown and "fc-c00000000000" in shown
    md = render(report, "md", gate)
    assert "| `fc-aaaaaaaaaaaa` | revised figure |" in md, "the Markdown says which findings were ignored and why"
    assert "match no finding: `fc-bbbbbbbbbbbb`" in md


def test_a_configured_baseline_may_not_exist_yet_but_a_given_one_must(tmp_path):
    missing = tmp_path / "factcheck-baseline.json"
    assert open_baseline(None, str(missing)) is None
    with pytest.raises(InputError, match="cannot read baseline"):
        open_baseline(missing, None)
    missing.write_text(render_baseline(Report((), (), (), tuple(_many("conflict", 1)))), encoding="utf-8")
    assert set(open_baseline(None, str(missing)) or {}) == {"fc-c00000000000"}


# --- through the command line (real model) ----------------------------------------------------------------------------


@pytest.mark.model
def test_check_from_a_subfolder_reads_the_projects_paths_baseline_and_ignore(cli, tmp_path, monkeypatch):
    copy_docs(tmp_path / "docs", ("election-night.txt", "election-roundup.txt"))
    (tmp_path / ".git").mkdir()
    _pyproject(tmp_path, 'paths = ["docs"]\nbaseline = "factcheck-baseline.json"\nformat = "json"')
    monkeypatch.chdir(tmp_path / "docs")
    first = cli("check")
    assert first.code == 1, first.stderr
    assert "without a baseline every finding is new" in first.stderr, "no baseline yet is exit 1 with a hint, not 2"
    failing = first.json()["gate"]["failing"]
    assert failing
    with (tmp_path / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write("\n[tool.factcheck.ignore]\n" + "".join(f'{i} = "checked with the commission"\n' for i in failing))
    accepted = cli("check")
    assert accepted.code == 0, accepted.stderr
    gate = accepted.json()["gate"]
    assert [e["id"] for e in gate["ignored"]] == failing and gate["unused_ignores"] == []
    assert {f["gate"] for f in accepted.json()["findings"] if f["id"] in failing} == {"ignored"}
    wrote = cli("baseline")
    assert wrote.code == 0 and (tmp_path / "factcheck-baseline.json").is_file(), wrote.stderr
    assert "ok (against baseline)" in cli("check").stderr


@pytest.mark.model
def test_extra_outputs_equal_the_formats_on_their_own(cli, tmp_path):
    docs = copy_docs(tmp_path / "docs")
    both = cli("check", docs, "--format", "github", "--md-out", "r.md", "--sarif-out", "r.sarif", "--fail-on", "none")
    assert both.code == 0, both.stderr
    # written beside r.md, so that links to the documents are relative to the same folder
    assert cli("check", docs, "--format", "md", "--fail-on", "none", "-o", "solo.md").code == 0
    md = (tmp_path / "solo.md").read_text(encoding="utf-8")
    sarif = cli("check", docs, "--format", "sarif", "--fail-on", "none").stdout
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == md
    assert (tmp_path / "r.sarif").read_text(encoding="utf-8") == sarif
    assert sarif_errors(json.loads(sarif)) == []
