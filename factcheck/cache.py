"""On-disk cache (SQLite, one file) for embeddings and extracted facts, keyed by model/version and text hash."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from pathlib import Path

_CORRUPT = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)  # error codes that mean "not a usable database file"


def default_cache_dir() -> Path:
    """$FACTCHECK_CACHE, else $XDG_CACHE_HOME/factcheck, else ~/.cache/factcheck."""
    if os.environ.get("FACTCHECK_CACHE"):
        return Path(os.environ["FACTCHECK_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def text_key(namespace: str, text: str) -> str:
    """Stable key for one text under a namespace (model id or extractor version)."""
    return hashlib.blake2b(f"{namespace}\x00{text}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _connect(path: Path) -> sqlite3.Connection:
    """The database file with its table, usable from any of the run's threads (`Cache` holds a lock per call)."""
    db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.commit()
    except sqlite3.DatabaseError:
        with contextlib.suppress(sqlite3.Error):
            db.close()  # before the caller may move the file aside
        raise
    return db


class Cache:
    """Key -> bytes store; writes are transactions, so an interrupted run leaves no half-written entry.

    One run's threads share it (the pipeline embeds in one while another collects facts): each call holds a lock.
    """

    def __init__(self, directory: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if directory is None:
            return
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = _connect(directory / "cache.sqlite3")
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) not in _CORRUPT:
                return  # locked, read-only or full: run without the cache, leave the file alone
            # a corrupt or foreign file: start a fresh one beside it rather than fail the run
            bad = directory / "cache.sqlite3"
            try:
                bad.replace(directory / "cache.sqlite3.corrupt")
                self._db = _connect(bad)
            except (OSError, sqlite3.DatabaseError):
                self._db = None
        except OSError:
            self._db = None

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        """Return the stored values for whichever keys are present."""
        with self._lock:
            if self._db is None or not keys:
                return {}
            out: dict[str, bytes] = {}
            try:
                for i in range(0, len(keys), 900):
                    chunk = keys[i : i + 900]
                    marks = ",".join("?" * len(chunk))
                    for k, v in self._db.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", chunk):
                        out[k] = v
            except sqlite3.DatabaseError:
                return {}
            return out

    def put_many(self, items: list[tuple[str, bytes]]) -> None:
        """Store values in one transaction."""
        with self._lock:
            if self._db is None or not items:
                return
            try:
                with self._db:
                    self._db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", items)
            except sqlite3.DatabaseError:
                pass

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
