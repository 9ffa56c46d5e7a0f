"""Ingest stage: expand paths, read every supported file, and return Documents (skipped ones carry a reason)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..errors import InputError, SkipDocument
from ..model import Document
from .clean import clean_page
from .decode import decode_bytes, normalise
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .records import read_csv, read_json, read_jsonl

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv", ".text", ".pdf", ".docx")
PAGED = {".pdf": read_pdf, ".docx": read_docx}  # binary formats with their own reader
MAX_BYTES = 10_000_000  # default size limit for one file


def collect_files(paths: list[str]) -> list[Path]:
    """Expand files and folders (recursively, not following symlinked folders) into a sorted file list."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(
                    Path(root) / n
                    for n in sorted(names)
                    if not n.startswith(".") and Path(n).suffix.lower() in SUPPORTED
                )
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return sorted(set(files), key=lambda p: str(p))


def assign_ids(files: list[Path]) -> dict[Path, str]:
    """File stem as id; stems that collide get their parent folders prepended until unique.

    Files that share folder and stem (a.txt and a.md) keep their extension.
    """
    twins: dict[tuple[Path, str], int] = {}
    for f in files:
        twins[f.parent, f.stem] = twins.get((f.parent, f.stem), 0) + 1
    names = {f: f.name if twins[f.parent, f.stem] > 1 else f.stem for f in files}
    ids = dict(names)
    depth = 1
    while len(set(ids.values())) < len(ids) and depth < 8:
        for f, _ in _colliding(ids):
            folders = [part for part in f.parent.parts if part != f.anchor]
            ids[f] = "/".join(folders[-depth:] + [names[f]])
        depth += 1
    return ids


def _colliding(ids: dict[Path, str]) -> list[tuple[Path, str]]:
    counts: dict[str, int] = {}
    for v in ids.values():
        counts[v] = counts.get(v, 0) + 1
    return [(f, v) for f, v in ids.items() if counts[v] > 1]


def load_documents(paths: list[str], max_bytes: int = MAX_BYTES) -> list[Document]:
    """Read every file under `paths`; a file that cannot be used becomes a skipped Document, never an error."""
    files = collect_files(paths)
    ids = assign_ids(files)
    docs: list[Document] = []
    for f in files:
        docs.extend(read_file(f, ids[f], max_bytes))
    return sorted(docs, key=lambda d: d.id)


def read_file(path: Path, doc_id: str, max_bytes: int = MAX_BYTES) -> list[Document]:
    """Read one file into one or more Documents (structured files hold several records)."""
    try:
        return _read(path, doc_id, max_bytes)
    except SkipDocument as exc:
        return [Document(doc_id, str(path), "", skipped=str(exc))]
    except OSError as exc:
        return [Document(doc_id, str(path), "", skipped=f"cannot read ({exc.strerror or type(exc).__name__})")]


def _read(path: Path, doc_id: str, max_bytes: int) -> list[Document]:
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
    if suffix in PAGED:
        return [PAGED[suffix](data, doc_id, str(path))]
    text = decode_bytes(data)
    if not text.strip():
        raise SkipDocument("no text (only whitespace)")
    if suffix in (".html", ".htm"):
        body, title, published, source = read_html(text)
        return [_document(doc_id, path, body, title, published, source)]
    if suffix in (".json", ".jsonl", ".csv"):
        reader = {".json": read_json, ".jsonl": read_jsonl, ".csv": read_csv}[suffix]
        records = reader(text)
        if not records:
            raise SkipDocument("no records")
        single = len(records) == 1
        keys = _record_keys([r.key for r in records])
        return [
            Document(doc_id if single else f"{doc_id}#{key}", str(path), "", skipped=r.error)
            if r.error
            else _document(doc_id if single else f"{doc_id}#{key}", path, r.text, r.title, r.published, r.source)
            for r, key in zip(records, keys)
        ]
    return [_document(doc_id, path, text, None, None, None)]


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


def _document(
    doc_id: str, path: Path, text: str, title: str | None, published: str | None, source: str | None
) -> Document:
    text = normalise(text)
    cleaned = clean_page(text)
    if not cleaned.body:
        return Document(
            doc_id,
            str(path),
            text,
            title or cleaned.title,
            published or cleaned.published,
            source or cleaned.source,
            skipped="no article text found (no sentences)",
        )
    return Document(
        doc_id,
        str(path),
        text,
        title or cleaned.title,
        published or cleaned.published,
        source or cleaned.source,
        body=cleaned.body,
    )
