"""Write files atomically: a temp file in the same folder, fsync, then rename over the target.

A target that is not a regular file (a device such as /dev/stdout, a pipe) is written in place: replacing it
would put a regular file where the device was. A symlink is followed, so the link stays and its target is
replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from .errors import InputError


def write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` so that readers see the old file or the new one, never half of one.

    An OS error (unwritable folder, a folder in the way, disk full) becomes an InputError naming the path.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode  # follows symlinks: /dev/stdout -> /proc/self/fd/1 -> a pipe or a terminal
    except OSError:
        mode = None  # a new file (or a broken symlink), or a path the write itself will report on
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        _write_in_place(path, text)
    else:
        _replace(path, _target(path), text)


def _target(path: Path) -> Path:
    """The file a symlink points to (so the link itself stays), or `path` itself."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:
        return path


def _write_in_place(path: Path, text: str) -> None:
    """Write to a device or pipe as it is (no temp file, no rename)."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or type(exc).__name__})") from exc


def _replace(path: Path, target: Path, text: str) -> None:
    """Write a temp file beside `target`, fsync it and rename it over `target`; errors name `path`."""
    folder = target.parent if str(target.parent) else Path(".")
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.fchmod(fd, _mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot write ({exc.strerror or type(exc).__name__})") from exc
        raise


def _mode(path: Path) -> int:
    """The permissions the file has now, or what a plain open() would give it (mkstemp's are 0600)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (a test runner's buffer): nothing to flush
