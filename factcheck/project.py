"""Where a project's settings and documents are: pyproject.toml found by walking up, document paths, exclude globs."""

from __future__ import annotations

import os
import re
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from .errors import ConfigError
from .ingest.files import collect_files, display


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml holding a [tool.factcheck] table, from `start` (the working folder) upwards.

    A pyproject.toml without the table is passed over, as ruff does; the walk stops at the repository root
    (the first folder holding `.git`) or the top of the file system.
    """
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file() and _has_table(path):
            return path
        if (candidate / ".git").exists():
            return None
    return None


def _has_table(path: Path) -> bool:
    """Whether the file holds a tool.factcheck table; a file that is not valid TOML counts when it names factcheck.

    (So the full read reports what is wrong with it instead of the walk passing it over.)
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        tool = tomllib.loads(text).get("tool")
    except OSError:
        return False
    except tomllib.TOMLDecodeError:
        return "factcheck" in text
    return isinstance(tool, dict) and "factcheck" in tool


def relative_to_cwd(base: Path, value: str) -> str:
    """A path setting written relative to the folder of its pyproject.toml, as a path from the working folder."""
    path = Path(value).expanduser()
    if path.is_absolute():
        return str(path)
    return os.path.relpath(base / path, Path.cwd())


def expand_paths(paths: list[str], exclude: tuple[str, ...], base: Path) -> list[str]:
    """Folders expanded into their files, less those an `exclude` glob matches; a file named outright stays.

    Patterns match the path relative to `base` (the pyproject.toml's folder): a pattern without `/` matches
    any one file or folder name (`drafts`, `*.draft.md`), one with `/` the path from `base` (`docs/old/**`).
    """
    if not exclude:
        return paths
    out: list[str] = []
    for raw in paths:
        if not Path(raw).is_dir():
            out.append(raw)
            continue
        for path in collect_files([raw]):
            if not excluded(path, exclude, base):
                out.append(display(path))
    if not out:
        raise ConfigError(f"no documents left: every file under {', '.join(paths)} matches an exclude pattern")
    return out


def excluded(path: Path, patterns: tuple[str, ...], base: Path) -> bool:
    """Whether `path` or one of its folders matches one of the exclude patterns."""
    try:
        rel = PurePosixPath(Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix())
    except ValueError:  # another drive on Windows
        rel = PurePosixPath(path.as_posix())
    prefixes = [PurePosixPath(*rel.parts[: n + 1]).as_posix() for n in range(len(rel.parts))]
    for pattern in patterns:
        pattern = pattern.strip().removeprefix("./").rstrip("/")
        if "/" not in pattern:
            if any(fnmatchcase(part, pattern) for part in rel.parts):
                return True
        elif any(glob_regex(pattern).fullmatch(prefix) for prefix in prefixes):
            return True
    return False


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob over `/`-separated paths as a regex: `*` and `?` stay within a name, `**` spans folders."""
    parts = pattern.split("/")
    out = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
        else:
            out.append(_name_regex(part) + ("" if last else "/"))
    return re.compile("".join(out))


def _name_regex(part: str) -> str:
    """One path component of a glob as a regex."""
    out, i = [], 0
    while i < len(part):
        ch = part[i]
        close = part.find("]", i + 2) if ch == "[" else -1
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif close > 0:
            body = part[i + 1 : close]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = close
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)
