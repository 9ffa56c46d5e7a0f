"""Exit codes: 0 clean, 1 the gate failed (new findings, or eval below its bar), 2 usage or input error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.gate import BASELINE_SCHEMA

from .clihelp import assert_usage_error, copy_docs
from .conftest import ROOT

FACTCHECK = Path(sys.executable).parent / "factcheck"


@pytest.fixture
def docs(tmp_path):
    return copy_docs(tmp_path / "docs", ("election-night.txt", "election-roundup.txt"))


# --- 2: usage and input errors --------------------------------------------------------------------------------------


def test_missing_path_exits_2(cli, docs, tmp_path):
    assert_usage_error(cli("check", docs, tmp_path / "nope"), "nope", "no such file or directory")
    assert_usage_error(cli("baseline", tmp_path / "nope"), "nope")


@pytest.mark.parametrize(
    "content, needle",
    [
        ("{not json", "not valid JSON"),
        ('{"schema": "something/else", "findings": []}', "not a factcheck baseline"),
        ('["fc-1"]', "not a factcheck baseline"),
        (json.dumps({"schema": BASELINE_SCHEMA, "findings": [{"kind": "conflict"}]}), "finding 1 has no 'id'"),
        (json.dumps({"schema": BASELINE_SCHEMA, "findings": ["fc-1"]}), "finding 1 has no 'id'"),
    ],
)
def test_malformed_baseline_exits_2(cli, docs, tmp_path, content, needle):
    bad = tmp_path / "baseline.json"
    bad.write_text(content, encoding="utf-8")
    assert_usage_error(cli("check", docs, "--baseline", bad), "baseline.json", needle)


def test_missing_baseline_exits_2(cli, docs, tmp_path):
    assert_usage_error(cli("check", docs, "--baseline", tmp_path / "none.json"), "none.json", "cannot read baseline")


@pytest.mark.parametrize(
    "content, needle",
    [
        (None, "cannot read gold file"),
        ("{oops", "not valid JSON"),
        ("[]", "must be an object"),
        ('{"documents": "no-such-folder"}', "not found"),
    ],
)
def test_unreadable_gold_exits_2(cli, tmp_path, content, needle):
    gold = tmp_path / "gold.json"
    if content is not None:
        gold.write_text(content, encoding="utf-8")
    assert_usage_error(cli("eval", gold), "gold.json", needle)


def test_unreadable_gold_fails_before_any_other_gold_is_run(cli, tmp_path):
    good = ROOT / "fixtures" / "edge-cases" / "gold.json"
    assert_usage_error(cli("eval", good, tmp_path / "missing.json"), "missing.json")


def test_unknown_pyproject_setting_exits_2(cli, docs, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\nfail_on = 'conflict'\nbogus = 1\n", encoding="utf-8")
    assert_usage_error(cli("check", docs), "unknown setting 'bogus'")


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--fail-on", "conflicts"], "unknown kind 'conflicts'"),
        (["--fail-on", "corroborated"], "unknown kind 'corroborated'"),
        (["--fail-on", "none,variant"], "cannot be combined"),
        (["--format", "pdf"], "format must be one of"),
        (["--threshold", "1.5"], "between 0 and 1"),
        (["--config", "missing.toml"], "cannot read"),
    ],
)
def test_bad_flags_exit_2(cli, docs, args, needle):
    assert_usage_error(cli("check", docs, *args), needle)


def test_strict_with_a_skipped_document_exits_2(cli, docs):
    (docs / "broken.json").write_text("{ this is not json", encoding="utf-8")
    run = cli("check", docs, "--strict", "--fail-on", "none")
    assert run.code == 2 and run.exception is None
    assert "broken.json: skipped" in run.stderr and "--strict" in run.stderr
    assert cli("check", docs, "--fail-on", "none").code == 0, "without --strict a skipped file is only reported"


# --- 0 and 1: the gate and the eval bars ----------------------------------------------------------------------------


def test_check_exit_codes_follow_the_gate(cli, docs, tmp_path):
    assert cli("check", docs).code == 1  # the turnout conflict, no baseline
    assert cli("check", docs, "--fail-on", "none").code == 0
    baseline = tmp_path / "b.json"
    assert cli("baseline", docs, "-o", baseline).code == 0
    assert cli("check", docs, "--baseline", baseline).code == 0


def _gold(folder: Path, **extra) -> Path:
    gold = folder / "gold.json"
    data = {
        "set": "mini",
        "documents": "docs",
        "conflicts": [
            {
                "id": "turnout",
                "a": [["election-night", "Final turnout in the runoff was 61%"]],
                "b": [["election-roundup", "runoff reached 67%"]],
            }
        ],
        "published": {"election-night": "2024-05-13", "election-roundup": "2024-05-13"},
        **extra,
    }
    gold.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return gold


def test_eval_exits_1_below_a_bar_and_0_above_it(cli, docs, tmp_path):
    # a real sentence listed as boilerplate is a deterministic leak: one leak > --max-leaks 0
    gold = _gold(tmp_path, boilerplate=[["election-night", "conceded shortly after midnight"]])
    below = cli("eval", gold, "--json-out", tmp_path / "scores.json")
    assert below.code == 1, below.stdout + below.stderr
    assert "boilerplate leaks > 0" in below.stdout
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert scores["failures"][str(gold)] == ["1 boilerplate leaks > 0"]
    assert cli("eval", gold, "--max-leaks", "1").code == 0


def test_eval_conflict_bar(cli, docs, tmp_path):
    gold = _gold(tmp_path)
    run = cli("eval", gold, "--json-out", tmp_path / "s.json", "--max-leaks", "0")
    result = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["results"][0]
    assert result["conflicts_found"] == ["turnout"], result
    assert run.code == 0
    assert cli("eval", gold, "--min-f1", "1.01").code == 1


# --- real processes ---------------------------------------------------------------------------------------------------


def _run(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [str(FACTCHECK), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.model
def test_installed_script_exit_codes(docs, tmp_path):
    """The console script itself: 2 for a missing path (one stderr line), 0 against a fresh baseline, 1 without."""
    missing = _run("check", "no/such/dir", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == ["factcheck: no/such/dir: no such file or directory"]
    assert _run("baseline", "docs", "-o", "factcheck-baseline.json", cwd=tmp_path).returncode == 0
    ok = _run("check", "docs", "--baseline", "factcheck-baseline.json", "--format", "github", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == "" and "ok (against baseline)" in ok.stderr
    failing = _run("check", "docs", "--format", "github", cwd=tmp_path)
    assert failing.returncode == 1
    assert "::error file=docs/election-roundup.txt,line=" in failing.stdout


# --- the ready-to-copy CI files ---------------------------------------------------------------------------------------


def test_ci_docs_are_ready_to_copy():
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["factcheck"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("OWNER/factcheck@") for u in uses), "the workflow uses the action (action.yml)"
    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert action.index("torch==2.13.0") < action.index('pip install --disable-pip-version-check "$GITHUB_ACTION_PATH"')
    assert "factcheck check" in action and "--format github" in action
    assert "factcheck eval" in runs
    hook = ROOT / "docs" / "pre-commit-hook.sh"
    assert subprocess.run(["bash", "-n", str(hook)], capture_output=True).returncode == 0
    assert (ROOT / "docs" / "ci.md").read_text(encoding="utf-8").count("--fail-on") >= 2
