"""Read structured inputs: JSON, JSONL and CSV files whose records carry a text field and metadata."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from ..errors import SkipDocument
from .clean import parse_iso_date

TEXT_KEYS = ("text", "body", "content", "article", "story")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("published", "date", "published_at", "pubdate", "publication_date")
SOURCE_KEYS = ("source", "outlet", "publisher", "site")


@dataclass(frozen=True, slots=True)
class Record:
    """One text record of a structured file; `error` says why it was unusable."""

    key: str  # record number or its own id
    text: str = ""
    title: str | None = None
    published: str | None = None
    source: str | None = None
    error: str | None = None


def _name(key: object) -> str:
    """A field name as matched against the key lists: case, spaces and a stray BOM ignored."""
    return str(key).replace("\ufeff", "").strip().lower()


def _first(row: dict, keys: tuple[str, ...]) -> str | None:
    lower = {_name(k): v for k, v in row.items()}
    for k in keys:
        v = lower.get(k)
        if v not in (None, ""):
            return str(v)
    return None


def _record(row: object, key: str, where: str) -> Record:
    if not isinstance(row, dict):
        return Record(key, error=f"{where}: record is not an object")
    text = _first(row, TEXT_KEYS)
    if text is None:
        return Record(key, error=f"{where}: record has no text field (one of {', '.join(TEXT_KEYS)})")
    own = row.get("id")
    return Record(
        str(own) if own not in (None, "") else key,
        text,
        _first(row, TITLE_KEYS),
        parse_iso_date(_first(row, DATE_KEYS)),
        _first(row, SOURCE_KEYS),
    )


def read_json(text: str) -> list[Record]:
    """A JSON object or a list of objects (or {"documents": [...]})."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SkipDocument(f"line {exc.lineno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise SkipDocument("invalid JSON: nested too deeply") from None
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        data = data["documents"]
    rows = data if isinstance(data, list) else [data]
    return [_record(row, str(i), f"record {i}") for i, row in enumerate(rows, 1)]


def read_jsonl(text: str) -> list[Record]:
    """One JSON object per line; a bad line becomes an unusable record, the others still count."""
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            out.append(_record(json.loads(line), str(n), f"line {n}"))
        except json.JSONDecodeError as exc:
            out.append(Record(str(n), error=f"line {n}: invalid JSON: {exc.msg}"))
        except RecursionError:
            out.append(Record(str(n), error=f"line {n}: invalid JSON: nested too deeply"))
    return out


def read_csv(text: str) -> list[Record]:
    """A CSV with a header row and a text column."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # one article may be a long field
    try:
        reader = csv.DictReader(io.StringIO(text))
        columns = [c for c in (reader.fieldnames or []) if c]
        if not any(_name(c) in TEXT_KEYS for c in columns):
            raise SkipDocument(
                f"CSV has no text column (looked for {', '.join(TEXT_KEYS)}; found {', '.join(columns) or 'none'})"
            )
        return [_record(row, str(i), f"row {i}") for i, row in enumerate(reader, 2)]
    except csv.Error as exc:
        raise SkipDocument(f"malformed CSV: {exc}") from None
