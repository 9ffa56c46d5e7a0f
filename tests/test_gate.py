"""The CI gate end to end with the real model: baselines, new findings, stable fingerprints, annotations."""

from __future__ import annotations

import json

import pytest

from factcheck.gate import BASELINE_SCHEMA, GATED_KINDS, evaluate_gate
from factcheck.model import Finding, Report

from .clihelp import SMALL_SET, copy_docs, edit

pytestmark = pytest.mark.model


@pytest.fixture
def docs(tmp_path):
    return copy_docs(tmp_path / "docs")


@pytest.fixture
def baseline(cli, docs, tmp_path):
    path = tmp_path / "factcheck-baseline.json"
    run = cli("baseline", docs, "-o", path)
    assert run.code == 0, run.stderr
    return path


def gate_of(run) -> dict:
    return run.json()["gate"]


def findings_by_id(run) -> dict[str, dict]:
    return {f["id"]: f for f in run.json()["findings"]}


# --- baseline workflow ---------------------------------------------------------------------------------------


def test_a_baseline_makes_the_same_run_pass(cli, docs, baseline):
    accepted = {f["id"] for f in json.loads(baseline.read_text(encoding="utf-8"))["findings"]}
    assert accepted, "the small set should have findings to accept"
    run = cli("check", docs, "--baseline", baseline, "--format", "json", "--fail-on", "conflict,variant,unique")
    assert run.code == 0, run.stderr
    gate = gate_of(run)
    assert gate["baseline"] is True and gate["failed"] is False
    assert gate["new"] == [] and gate["resolved"] == [] and gate["failing"] == []
    assert set(gate["unchanged"]) == accepted
    assert "ok (against baseline)" in run.stderr


def test_without_a_baseline_existing_conflicts_fail(cli, docs):
    run = cli("check", docs, "--format", "json")
    assert run.code == 1, run.stderr
    gate = gate_of(run)
    kinds = {findings_by_id(run)[i]["kind"] for i in gate["failing"]}
    assert kinds == {"conflict"}


def test_baseline_file_is_sorted_versioned_and_byte_identical(cli, docs, baseline, tmp_path):
    again = tmp_path / "again.json"
    assert cli("baseline", docs, "-o", again).code == 0
    assert again.read_bytes() == baseline.read_bytes()
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["schema"] == BASELINE_SCHEMA
    ids = [f["id"] for f in data["findings"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for entry in data["findings"]:
        assert entry["kind"] in GATED_KINDS, "corroborated claims are agreement, not findings to accept"
        assert entry["message"].strip() and "\n" not in entry["message"]
        assert entry["docs"] == sorted(entry["docs"])
    assert baseline.read_text(encoding="utf-8").endswith("}\n")


def test_editing_a_corroborated_number_makes_exactly_one_new_conflict(cli, docs, baseline):
    # both election reports give Morell 54%; one now says 58%
    edit(docs / "election-roundup.txt", "who took 54% of the vote", "who took 58% of the vote")
    run = cli("check", docs, "--baseline", baseline, "--format", "json", "--fail-on", "conflict")
    assert run.code == 1, run.stderr
    gate = gate_of(run)
    assert len(gate["new"]) == 1, gate
    assert gate["failing"] == gate["new"]
    finding = findings_by_id(run)[gate["new"][0]]
    assert (finding["kind"], finding["type"]) == ("conflict", "number")
    assert {"54", "58"} <= set(finding["values"])
    assert finding["gate"] == "new"
    assert "FAIL (against baseline): 1 new" in run.stderr


def test_editing_a_unique_number_fails_only_when_unique_fails(cli, docs, baseline):
    # "More than 1 200 delegates from 60 countries" is stated by energy-conference alone
    edit(docs / "energy-conference.txt", "from 60 countries", "from 70 countries")
    lenient = cli("check", docs, "--baseline", baseline, "--format", "json", "--fail-on", "conflict")
    assert lenient.code == 0, lenient.stderr
    gate = gate_of(lenient)
    assert len(gate["new"]) == 1 and len(gate["resolved"]) == 1 and gate["failing"] == []
    finding = findings_by_id(lenient)[gate["new"][0]]
    assert finding["kind"] == "unique" and "70" in finding["values"]

    strict = cli("check", docs, "--baseline", baseline, "--format", "json", "--fail-on", "unique")
    assert strict.code == 1, strict.stderr
    assert gate_of(strict)["failing"] == gate["new"]


def test_a_fixed_conflict_is_resolved_not_failing(cli, docs, baseline):
    # make the turnout figures agree: the turnout conflict disappears from the current run
    edit(docs / "election-roundup.txt", "reached 67%", "reached 61%")
    run = cli("check", docs, "--baseline", baseline, "--format", "json", "--fail-on", "conflict")
    gate = gate_of(run)
    assert gate["resolved"], "the turnout conflict should be reported as resolved"
    accepted = {f["id"]: f for f in json.loads(baseline.read_text(encoding="utf-8"))["findings"]}
    assert any(accepted[i]["kind"] == "conflict" for i in gate["resolved"])


# --- fingerprints ----------------------------------------------------------------------------------------------


def test_command_line_order_changes_no_fingerprint(cli, docs, baseline):
    forward = [docs / name for name in SMALL_SET]
    one = cli("check", *forward, "--format", "json")
    two = cli("check", *reversed(forward), "--format", "json")
    assert list(findings_by_id(one)) == list(findings_by_id(two))
    assert one.stdout == two.stdout
    run = cli("check", *reversed(forward), "--baseline", baseline, "--format", "json")
    assert run.code == 0 and gate_of(run)["new"] == [], run.stderr


def test_blank_lines_at_the_top_change_no_fingerprint(cli, docs, baseline):
    before = cli("check", docs, "--format", "json").json()
    target = docs / "election-night.txt"
    target.write_text("\n\n\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("check", docs, "--baseline", baseline, "--format", "json")
    assert run.code == 0, run.stderr
    gate = gate_of(run)
    assert gate["new"] == [] and gate["resolved"] == []
    after = run.json()
    assert [f["id"] for f in after["findings"]] == [f["id"] for f in before["findings"]]
    lines_before = {c["text"]: c["line"] for c in before["claims"] if c["doc"] == "election-night"}
    lines_after = {c["text"]: c["line"] for c in after["claims"] if c["doc"] == "election-night"}
    assert lines_after == {t: n + 3 for t, n in lines_before.items()}, "the lines did move"


# --- --fail-on -------------------------------------------------------------------------------------------------


def test_fail_on_none_never_fails(cli, docs):
    run = cli("check", docs, "--format", "json", "--fail-on", "none")
    assert run.code == 0, run.stderr
    gate = gate_of(run)
    assert gate["fail_on"] == [] and gate["failing"] == [] and gate["new"]


def test_fail_on_variant_fails_on_a_new_name_variant_only(cli, docs, baseline):
    run = cli("check", docs, "--format", "json", "--fail-on", "variant")
    assert run.code == 1, run.stderr
    kinds = {findings_by_id(run)[i]["kind"] for i in gate_of(run)["failing"]}
    assert kinds == {"variant"}
    assert cli("check", docs, "--baseline", baseline, "--fail-on", "variant").code == 0


# --- annotations -----------------------------------------------------------------------------------------------


def _line_of(path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_github_annotations_mark_conflict_lines(cli, docs):
    run = cli("check", docs, "--format", "github", "--fail-on", "none")
    assert run.code == 0
    errors = [line for line in run.stdout.splitlines() if line.startswith("::error ")]
    assert errors, run.stdout
    assert all(line.startswith(("::", "error: ", "warning: ", "notice: ")) for line in run.stdout.splitlines())
    turnout = _line_of(docs / "election-roundup.txt", "reached 67%")
    assert any(f"file={docs / 'election-roundup.txt'},line={turnout}," in line for line in errors), errors
    for line in errors:
        props, message = line[len("::error ") :].split("::", 1)
        assert props.startswith("file=") and ",line=" in props and ",title=" in props
        assert message and "\n" not in message


def test_with_a_baseline_only_new_findings_are_annotated(cli, docs, baseline):
    edit(docs / "election-roundup.txt", "who took 54% of the vote", "who took 58% of the vote")
    run = cli("check", docs, "--baseline", baseline, "--format", "github")
    assert run.code == 1
    lines = run.stdout.splitlines()
    assert lines and all(line.startswith("::error ") for line in lines), lines
    edited = _line_of(docs / "election-roundup.txt", "58%")
    assert any(f"election-roundup.txt,line={edited}," in line for line in lines), lines
    assert len({line.split("title=")[1].split("::")[0] for line in lines}) == 1, "one finding, one title"


def test_sarif_is_2_1_0_and_lists_only_new_findings_with_a_baseline(cli, docs, baseline):
    full = cli("check", docs, "--format", "sarif", "--fail-on", "none").json()
    assert full["version"] == "2.1.0" and "sarif-2.1.0" in full["$schema"]
    (only_run,) = full["runs"]
    assert only_run["tool"]["driver"]["name"] == "factcheck"
    rule_ids = {r["id"] for r in only_run["tool"]["driver"]["rules"]}
    assert only_run["results"]
    for result in only_run["results"]:
        assert result["ruleId"] in rule_ids
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        assert len(result["locations"]) == 1, "code scanning reads one location; the other sides are related"
        for loc in result["locations"] + result.get("relatedLocations", []):
            physical = loc["physicalLocation"]
            assert physical["artifactLocation"]["uri"].endswith((".txt", ".md"))
            assert physical["region"]["startLine"] >= 1

    edit(docs / "election-roundup.txt", "who took 54% of the vote", "who took 58% of the vote")
    gated = cli("check", docs, "--baseline", baseline, "--format", "sarif")
    assert gated.code == 1
    results = gated.json()["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["conflict/number"]
    edited = _line_of(docs / "election-roundup.txt", "58%")
    cited = results[0]["locations"] + results[0]["relatedLocations"]
    assert edited in {loc["physicalLocation"]["region"]["startLine"] for loc in cited}


# --- the comparison itself (no model) ----------------------------------------------------------------------------


def _finding(id_: str, kind: str) -> Finding:
    return Finding(id_, kind, "number", (), (), "m", "high")


def test_gate_is_one_comparison():
    report = Report((), (), (), (_finding("a", "conflict"), _finding("b", "unique"), _finding("c", "corroborated")))
    gate = evaluate_gate(
        report,
        {
            "a": {"id": "a", "kind": "conflict"},
            "z": {"id": "z", "kind": "variant"},
            "y": {"id": "y", "kind": "corroborated"},
        },
        ("conflict", "unique"),
    )
    assert (gate.new, gate.unchanged, gate.resolved, gate.failing) == (("b",), ("a",), ("z",), ("b",))
    assert gate.status_by_id() == {"a": "unchanged", "b": "new", "c": "info"}
    assert gate.failed
    assert not evaluate_gate(report, None, ()).failed
