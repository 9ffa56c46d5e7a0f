"""Find the files to read: expand folders, note what cannot be listed, and give every file a unique id."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..errors import InputError

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv", ".text", ".pdf", ".docx")
NAME_MAX = 255  # bytes in one file name on Linux and macOS file systems


def display(path: str | os.PathLike) -> str:
    """A path as text that can always be written: bytes of a file name that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def collect_files(paths: list[str], problems: dict[Path, str] | None = None) -> list[Path]:
    """Expand files and folders (recursively, not following symlinked folders) into a sorted file list.

    A path that cannot be examined (a name too long) or a folder that cannot be listed is returned too, with
    its reason in `problems`, so that it becomes a skipped document instead of vanishing.
    """
    problems = {} if problems is None else problems
    files: list[Path] = []
    for raw in paths:
        if not raw:
            raise InputError("an empty path was given")
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError as exc:
            problems[path] = os_reason(path, exc)
            files.append(path)
            continue
        if is_dir:
            files.extend(_walk(path, problems))
        elif exists:
            files.append(path)
        else:
            raise InputError(f"{display(raw)}: no such file or directory")
    return sorted(set(files), key=str)


def _walk(top: Path, problems: dict[Path, str]) -> list[Path]:
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename) if exc.filename else top
        problems[folder] = f"cannot read folder ({exc.strerror or type(exc).__name__})"
        found.append(folder)

    for root, dirs, names in os.walk(top, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / n for n in sorted(names) if not n.startswith(".") and Path(n).suffix.lower() in SUPPORTED
        )
    return found


def os_reason(path: Path, exc: OSError) -> str:
    """Why `path` could not be examined, in words."""
    if exc.errno == errno.ENAMETOOLONG:
        longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
        if longest > NAME_MAX:
            return f"file name too long ({longest} bytes; the limit is {NAME_MAX})"
        return f"path too long ({len(os.fsencode(path))} bytes)"
    return f"cannot read ({exc.strerror or type(exc).__name__})"


def by_real_path(files: list[Path]) -> dict[Path, Path]:
    """Each file -> the first file (in list order) that is the same file on disk (relative, `..`, symlink)."""
    first: dict[str, Path] = {}
    out = {}
    for f in files:
        out[f] = first.setdefault(os.path.realpath(f), f)
    return out


def assign_ids(files: list[Path]) -> dict[Path, str]:
    """File stem as id; stems that collide get their parent folders prepended until unique, at any depth.

    Files that share folder and stem (a.txt and a.md) keep their extension. Paths that stay alike with every
    folder shown (a/x.txt and /a/x.txt) get a numbered suffix, so ids are unique by construction.
    """
    twins: dict[tuple[Path, str], int] = {}
    for f in files:
        twins[f.parent, f.stem] = twins.get((f.parent, f.stem), 0) + 1
    names = {f: display(f.name if twins[f.parent, f.stem] > 1 else f.stem) for f in files}
    ids = dict(names)
    depth = 1
    while True:
        clash = _colliding(ids)
        folders = {f: [display(part) for part in f.parent.parts if part != f.anchor] for f in clash}
        if not clash or all(depth > len(parts) for parts in folders.values()):
            break
        for f in clash:
            ids[f] = "/".join(folders[f][-depth:] + [names[f]])
        depth += 1
    return dict(zip(ids, unique_ids(list(ids.values()))))


def _colliding(ids: dict[Path, str]) -> list[Path]:
    counts: dict[str, int] = {}
    for v in ids.values():
        counts[v] = counts.get(v, 0) + 1
    return [f for f, v in ids.items() if counts[v] > 1]


def unique_ids(ids: list[str]) -> list[str]:
    """The ids in order, each repeat after the first given the lowest free suffix ~2, ~3, ..."""
    taken = set(ids)
    seen: set[str] = set()
    out = []
    for doc_id in ids:
        if doc_id in seen:
            n = 2
            while f"{doc_id}~{n}" in taken:
                n += 1
            doc_id = f"{doc_id}~{n}"
            taken.add(doc_id)
        seen.add(doc_id)
        out.append(doc_id)
    return out
