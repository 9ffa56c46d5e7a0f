"""Ingest stage: expand paths, read every supported file, and return Documents (skipped ones carry a reason)."""

from __future__ import annotations

import errno
import hashlib
import os
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ..errors import InputWarning, SkipDocument
from ..model import Document
from .clean import clean_page
from .decode import decode_with_note, normalise, sanitise
from .docx import read_docx
from .files import SUPPORTED, assign_ids, by_real_path, collect_files, display, os_reason, unique_ids
from .html import html_lines, read_html
from .outputs import NOT_A_SOURCE, factcheck_text_output
from .pdf import read_pdf
from .records import read_csv, read_json, read_jsonl, record_origin
from .repeats import NO_TEXT, drop_repeated_chrome

MAX_BYTES = 10_000_000  # default size limit for one file
COUNTED_ONCE = "counted once: "  # prefix of the skip reason of a file that repeats another one
PAGED = {".pdf": read_pdf, ".docx": read_docx}  # binary formats with their own reader
HTML_METADATA, RECORD_FIELD = "html metadata", "record field"  # where a date given outside the text came from


def is_note(reason: str | None) -> bool:
    """Whether a skip reason is a note (a repeated file, a report factcheck wrote), not a fault of the input."""
    return reason is not None and reason.startswith((COUNTED_ONCE, NOT_A_SOURCE))


@dataclass(frozen=True, slots=True)
class FileJob:
    """One file of a run, with its document id; `skipped` when it is not read (a listing problem, a second path)."""

    path: Path
    id: str
    skipped: str | None = None


def load_documents(paths: list[str], max_bytes: int = MAX_BYTES) -> list[Document]:
    """Read every file under `paths`; a file that cannot be used becomes a skipped Document, never an error.

    A file reached twice (relative and absolute path, `..`, a symlink) or with the same bytes as another is
    read once; the repeat is listed as skipped with the reason. Lines that several documents repeat around
    their articles (a site's menu or footer) are then left out as page chrome (see `repeats`).
    """
    seen: dict[bytes, str] = {}
    return finish_documents([read_job(job, max_bytes, seen) for job in plan_files(paths)])


def plan_files(paths: list[str]) -> list[FileJob]:
    """The files under `paths` in reading order, each with its document id (a second path to a file is skipped)."""
    problems: dict[Path, str] = {}
    files = collect_files(paths, problems)
    same = by_real_path(files)
    ids = assign_ids([f for f in files if same[f] == f])
    jobs = []
    for f in files:
        if f in problems:
            jobs.append(FileJob(f, ids[f], problems[f]))
        elif same[f] != f:
            jobs.append(FileJob(f, ids[same[f]], f"{COUNTED_ONCE}the same file as {display(same[f])}"))
        else:
            jobs.append(FileJob(f, ids[f]))
    return jobs


def read_job(job: FileJob, max_bytes: int = MAX_BYTES, seen: dict[bytes, str] | None = None) -> list[Document]:
    """The documents of one planned file (`seen` as for read_file)."""
    if job.skipped is not None:
        return [Document(job.id, display(job.path), "", skipped=job.skipped)]
    return read_file(job.path, job.id, max_bytes, seen)


def repeat_document(job: FileJob, digest: bytes, seen: dict[bytes, str]) -> Document | None:
    """A skipped document when a file read earlier (in `seen`: digest -> path) had the same bytes; else record it."""
    reason = _repeat_reason(job.path, digest, seen)
    return None if reason is None else Document(job.id, display(job.path), "", skipped=reason)


def finish_documents(per_file: list[list[Document]]) -> list[Document]:
    """The documents of every file, in file order, made unique by id, sorted by it, repeated page chrome left out."""
    docs = [d for found in per_file for d in found]
    new_ids = unique_ids([d.id for d in docs])
    docs = [d if d.id == i else replace(d, id=i) for d, i in zip(docs, new_ids)]
    return drop_repeated_chrome(sorted(docs, key=lambda d: d.id))


def read_file(
    path: Path, doc_id: str, max_bytes: int = MAX_BYTES, seen: dict[bytes, str] | None = None
) -> list[Document]:
    """Read one file into one or more Documents (structured files hold several records).

    `seen` maps a digest of each file read so far to its path; a file with the same bytes is not read again.
    """
    try:
        return _read(path, doc_id, max_bytes, seen)
    except SkipDocument as exc:
        return [Document(doc_id, display(path), "", skipped=str(exc))]
    except OSError as exc:
        return [Document(doc_id, display(path), "", skipped=os_reason(path, exc))]


def clobbers_input(paths: list[str], target: Path) -> bool:
    """Whether writing `target` would overwrite a source document of a run over `paths` (not an old report)."""
    real = os.path.realpath(target)
    if not os.path.isfile(real) or not any(os.path.realpath(f) == real for f in collect_files(paths)):
        return False
    docs = read_file(Path(real), "target", max_bytes=sys.maxsize)
    return not all((d.skipped or "").startswith(NOT_A_SOURCE) for d in docs)


def _read(path: Path, doc_id: str, max_bytes: int, seen: dict[bytes, str] | None) -> list[Document]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SkipDocument(f"unsupported file type '{suffix or 'none'}'")
    if not path.is_file():
        raise SkipDocument(_not_a_file(path))
    size = path.stat().st_size
    if size > max_bytes:
        raise SkipDocument(
            f"file too large ({_size(size)}; the limit is {_size(max_bytes)}, set max_bytes to raise it)"
        )
    data = path.read_bytes()
    if not data:
        raise SkipDocument("empty file")
    _check_repeat(path, data, seen)
    if suffix in PAGED:
        return [PAGED[suffix](data, doc_id, display(path))]
    text, note = decode_with_note(data)
    if note:
        warnings.warn(InputWarning(f"{display(path)}: {note}"), stacklevel=2)
    text = sanitise(text)
    if not text.strip():
        raise SkipDocument("no text (only whitespace)")
    output = factcheck_text_output(text, suffix)
    if output:
        raise SkipDocument(output)
    if suffix in (".html", ".htm"):
        body, title, published, source = read_html(text)
        return [_document(doc_id, path, body, title, (published, HTML_METADATA), source, _html_origin(text))]
    if suffix in (".json", ".jsonl", ".csv"):
        return _records(path, doc_id, suffix, text)
    return [_document(doc_id, path, text, None, (None, None), None)]


def _check_repeat(path: Path, data: bytes, seen: dict[bytes, str] | None) -> None:
    """Raise SkipDocument when a file with the same bytes was read before in this run."""
    if seen is None:
        return
    reason = _repeat_reason(path, hashlib.blake2b(data, digest_size=20).digest(), seen)
    if reason is not None:
        raise SkipDocument(reason)


def _repeat_reason(path: Path, digest: bytes, seen: dict[bytes, str]) -> str | None:
    """The skip reason of a file whose digest was seen before; otherwise record the digest and return None."""
    if digest in seen:
        return f"{COUNTED_ONCE}the same content as {seen[digest]}"
    seen[digest] = display(path)
    return None


def _records(path: Path, doc_id: str, suffix: str, text: str) -> list[Document]:
    reader = {".json": read_json, ".jsonl": read_jsonl, ".csv": read_csv}[suffix]
    records = reader(text)
    if not records:
        raise SkipDocument("no records")
    single = len(records) == 1
    keys = _record_keys([r.key for r in records])
    return [
        Document(doc_id if single else f"{doc_id}#{key}", display(path), "", skipped=r.error)
        if r.error
        else _document(
            doc_id if single else f"{doc_id}#{key}",
            path,
            r.text,
            r.title,
            (r.published, RECORD_FIELD),
            r.source,
            partial(record_origin, r),
        )
        for r, key in zip(records, keys)
    ]


def _record_keys(keys: list[str]) -> list[str]:
    """Record keys made unique: a repeated own id gets its record number appended."""
    seen: set[str] = set()
    out = []
    for n, key in enumerate(keys, 1):
        while key in seen:
            key = f"{key}-{n}"
        seen.add(key)
        out.append(key)
    return out


def _not_a_file(path: Path) -> str:
    """Say why `path` is not a regular file: a folder, a broken or looping symlink, a device or pipe."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        return f"cannot read ({exc.strerror or type(exc).__name__})"
    return "a folder, not a file" if path.is_dir() else "not a regular file"


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


Origin = Callable[[str], tuple[tuple[int, ...], str | None]]  # text -> (file line of each line, record locator)


def _document(
    doc_id: str,
    path: Path,
    text: str,
    title: str | None,
    published: tuple[str | None, str | None],
    source: str | None,
    origin: Origin | None = None,
) -> Document:
    """The Document of one text; `published` is (date, where from) given outside the text, else read from it."""
    text = normalise(sanitise(text))
    cleaned = clean_page(text)
    lines, locator = origin(text) if origin else ((), None)
    title, source = _meta(title) or cleaned.title, _meta(source) or cleaned.source
    return Document(
        doc_id,
        display(path),
        text,
        title,
        published[0] or cleaned.published,
        source,
        skipped=None if cleaned.body else NO_TEXT,
        body=cleaned.body,
        lines=lines,
        locator=locator,
        dropped=cleaned.dropped,
        published_from=published[1] if published[0] else cleaned.published_from,
    )


def _html_origin(markup: str) -> Origin:
    """The file line of each line of the text extracted from `markup`."""
    return lambda text: (html_lines(markup, text), None)


def _meta(value: str | None) -> str | None:
    """A title or source name from metadata without invisible characters; blank is no value."""
    return sanitise(value) or None if value else None
