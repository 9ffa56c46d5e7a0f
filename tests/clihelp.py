"""Helpers for the CLI, gate and config tests: a small fixture document set and an in-process CLI runner."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import FIXTURES

# Two stories from fixtures/edge-cases, four plain-text documents (file lines == claim lines):
# an election (turnout conflict, corroborated "54% of the vote") and a donor conference (Zelenskyy/Zelensky variant).
SMALL_SET = ("election-night.txt", "election-roundup.txt", "energy-conference.txt", "energy-digest.md")


def copy_docs(dest: Path, names: tuple[str, ...] = SMALL_SET, source: str = "edge-cases") -> Path:
    """Copy fixture documents into `dest` (created) and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(FIXTURES / source / "docs" / name, dest / name)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact occurrence of `old` in a UTF-8 document."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected exactly one {old!r} to edit"
    path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass
class Run:
    """One CLI invocation: exit code, stdout, stderr."""

    code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None

    def json(self) -> dict:
        return json.loads(self.stdout)


class Cli:
    """Invoke `factcheck` in-process (click >= 8.2 keeps stdout and stderr apart)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path) -> Run:
        result = self.runner.invoke(app, [str(a) for a in args])
        exc = result.exception if not isinstance(result.exception, SystemExit) else None
        return Run(result.exit_code, result.stdout, result.stderr, exc)


def assert_usage_error(run: Run, *needles: str) -> None:
    """Exit 2 with one `factcheck: ...` line on stderr naming what is wrong, nothing on stdout, no traceback."""
    assert run.exception is None, f"crashed: {run.exception!r}"
    assert run.code == 2, (run.code, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("factcheck: "), lines[0]
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
