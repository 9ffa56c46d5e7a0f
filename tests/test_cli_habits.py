"""CLI habits (--version, -h, -q, -v, stdin, -o -, progress) and the documented Python API, with the real model."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import factcheck
from factcheck.cli_support import StageMeter

from .clihelp import copy_docs
from .conftest import ROOT


def test_version_and_short_help(cli):
    assert cli("--version").stdout.strip() == f"factcheck {factcheck.__version__}"
    for args in (["-h"], ["check", "-h"], ["claims", "-h"]):
        run = cli(*args)
        assert run.code == 0 and "Usage" in run.stdout
    assert "--show-dropped" in cli("claims", "-h").stdout


def test_stdin_is_a_document_and_dash_o_writes_stdout(cli):
    copy_docs(Path("docs"))
    text = Path("docs/election-roundup.txt").read_text(encoding="utf-8")
    run = cli.runner.invoke(factcheck.cli.app, ["check", "docs/election-night.txt", "-", "-f", "json", "-o", "-",
                                                "--fail-on", "none"], input=text)  # fmt: skip
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    stdin = next(d for d in data["documents"] if d["id"] == "stdin")
    assert stdin["path"] == "-" and stdin["name"] == "Valmora runoff: what we know"
    assert any(f["kind"] == "conflict" and "stdin" in f["docs"] for f in data["findings"])
    assert not Path("-").exists()


def test_quiet_is_silent_and_verbose_times_stages_and_lists_removed_lines(cli):
    copy_docs(Path("docs"))
    quiet = cli("check", "docs", "-q", "--fail-on", "none", "-o", "r.md")
    assert quiet.code == 0 and quiet.stderr == ""
    loud = cli("check", "docs", "-v", "--fail-on", "none", "-o", "r.md")
    for stage in ("ingest", "segment", "extract", "embed", "group", "compare"):
        assert f"factcheck: {stage} took " in loud.stderr
    assert "docs/election-night.txt:2: removed (page furniture: a menu bar): Politics | Economy" in loud.stderr
    assert cli("-q", "check", "docs", "--fail-on", "none", "-o", "r.md").stderr == ""


def test_claims_show_dropped_lists_every_removed_line(cli):
    copy_docs(Path("docs"))
    run = cli("claims", "docs/election-night.txt", "--show-dropped")
    assert run.code == 0
    removed = [line for line in run.stdout.splitlines() if ": removed (" in line]
    assert removed and all(line.startswith("docs/election-night.txt:") for line in removed)
    assert "removed=" + str(len(removed)) in run.stdout


def test_html_format_from_the_command_line(cli):
    copy_docs(Path("docs"))
    run = cli("check", "docs", "-f", "html", "-o", "out/report.html", "--fail-on", "none")
    assert run.code == 0
    html = Path("out/report.html").read_text(encoding="utf-8")
    assert '<a href="../docs/election-night.txt#L10">' in html, "links are relative to the report's folder"


def test_a_live_progress_line_names_the_stages_once_a_run_is_slow():
    meter = StageMeter(live=True, clock=0.0)  # started long ago: past the SHOW_AFTER delay
    text, ends = meter.stage("ingest", 0.4) or ("", True)
    assert text.endswith("factcheck: ingest 0.4 s · segment …") and not ends
    assert (meter.embedding(10, 40) or ("",))[0].endswith("ingest 0.4 s · embed 10/40 texts")
    assert (meter.stage("segment", 0.1) or ("",))[0].endswith("segment 0.1 s · embed …")
    for stage in ("embed", "extract", "group"):
        meter.stage(stage, 0.1)
    assert meter.stage("compare", 0.2) == ("\r\x1b[Kfactcheck: ingest 0.4 s · segment 0.1 s · embed 0.1 s · "
                                           "extract 0.1 s · group 0.1 s · compare 0.2 s", True)  # fmt: skip
    fresh = StageMeter(live=True)
    assert fresh.stage("ingest", 0.01) is None, "a short run stays silent"


def test_the_api_docstring_example_runs(real_embedder, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr("factcheck.pipeline.make_embedder", lambda settings: real_embedder)
    result = doctest.testmod(factcheck, verbose=False)
    assert result.attempted >= 5 and result.failed == 0


def test_api_check_takes_settings_as_keywords_and_refuses_unknown_ones(real_embedder):
    report = factcheck.check([ROOT / "fixtures" / "edge-cases" / "docs"], embedder=real_embedder, threshold=0.7)
    assert isinstance(report, factcheck.Report) and report.settings["threshold"] == 0.7
    with pytest.raises(TypeError, match="unknown setting"):
        factcheck.check("x", treshold=0.7)
