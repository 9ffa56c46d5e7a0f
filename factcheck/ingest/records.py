"""Read structured inputs: JSON, JSONL and CSV files whose records carry a text field and metadata."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace

from ..errors import SkipDocument
from .clean import parse_iso_date
from .decode import sanitise
from .outputs import factcheck_output

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
    locator: str | None = None  # where the text sits: "record 2 (id 'a'), field 'text'", "row 3, column 'body'"
    line: int = 1  # file line on which the text field starts
    advances: bool = False  # a line break in the text is a line break of the file (CSV), not an escape (JSON)


def record_origin(record: Record, text: str) -> tuple[tuple[int, ...], str | None]:
    """File line of each line of the record's (normalised) text, and the record's locator."""
    count = text.count("\n") + 1
    lines = tuple(record.line + k for k in range(count)) if record.advances else (record.line,) * count
    return lines, record.locator


MAX_INT_DIGITS = 4000  # longer JSON integers stay digit strings (Python refuses to convert > 4300 digits)


def _name(key: object) -> str:
    """A field name as matched against the key lists: case, spaces and a stray BOM ignored."""
    return str(key).replace("\ufeff", "").strip().lower()


def _scalar(value: object) -> str | None:
    """A metadata value as clean text: strings and numbers; lists, objects, booleans and blanks are no value."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = sanitise(str(value)).strip()
    return text or None


def _first(row: dict, keys: tuple[str, ...]) -> tuple[str | None, object]:
    """(field name, raw value) of the first of `keys` that holds something, else (None, None)."""
    lower = {_name(k): v for k, v in row.items()}
    for k in keys:
        v = lower.get(k)
        if v not in (None, ""):
            return k, v
    return None, None


def _record(row: object, key: str, where: str) -> Record:
    if not isinstance(row, dict):
        return Record(key, error=f"{where}: record is not an object")
    own = _scalar(row.get("id"))
    if own:
        key, where = own, f"{where} (id {own!r})"
    field, text = _first(row, TEXT_KEYS)
    if field is None:
        return Record(key, error=f"{where}: record has no text field (one of {', '.join(TEXT_KEYS)})")
    if not isinstance(text, str):
        return Record(key, error=f"{where}: field '{field}' is {_kind(text)}, not text")
    return Record(
        key,
        sanitise(text),
        _scalar(_first(row, TITLE_KEYS)[1]),
        parse_iso_date(_scalar(_first(row, DATE_KEYS)[1])),
        _scalar(_first(row, SOURCE_KEYS)[1]),
        locator=f"{where}, {'column' if where.startswith('row') else 'field'} '{field}'",
    )


def _kind(value: object) -> str:
    names = {list: "a list", dict: "an object", bool: "a boolean", int: "a number", float: "a number"}
    return names.get(type(value), f"a {type(value).__name__}")


def _int(digits: str) -> int | str:
    """A JSON integer; one too long for Python to convert stays a string (no record field needs its value)."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_INT_DIGITS else digits


def _loads(text: str) -> object:
    """json.loads that reports every way of failing as SkipDocument with a one-line reason."""
    try:
        return json.loads(text, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise SkipDocument(f"line {exc.lineno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise SkipDocument("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # a number Python cannot represent, and the like
        raise SkipDocument(f"invalid JSON: {str(exc).split(';')[0]}") from None


def read_json(text: str) -> list[Record]:
    """A JSON object or a list of objects (or {"documents": [...]})."""
    data = _loads(text)
    output = factcheck_output(data)
    if output:
        raise SkipDocument(output)
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        data = data["documents"]
    rows = data if isinstance(data, list) else [data]
    records, cursor = [], 0
    for i, row in enumerate(rows, 1):
        record = _record(row, str(i), f"record {i}")
        if record.error is None and isinstance(row, dict):
            cursor = _value_at(text, _first(row, TEXT_KEYS)[1], cursor)
            record = replace(record, line=text.count("\n", 0, cursor) + 1)
        records.append(record)
    return records


def _value_at(text: str, value: object, cursor: int) -> int:
    """Offset in the JSON `text` where the string `value` is written, searching on from `cursor` (else cursor)."""
    for ascii_only in (False, True):
        needle = json.dumps(str(value)[:40], ensure_ascii=ascii_only)[:-1]  # the opening quote and a prefix
        found = text.find(needle, cursor)
        if found >= 0:
            return found
    return cursor


def read_jsonl(text: str) -> list[Record]:
    """One JSON object per line; a bad line becomes an unusable record, the others still count."""
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = _loads(line)
        except SkipDocument as exc:
            reason = str(exc).removeprefix("line 1: ")
            out.append(Record(str(n), error=f"line {n}: {reason}"))
            continue
        record = _record(row, str(n), f"line {n}")
        out.append(replace(record, line=n, locator=record.locator and f"record on {record.locator}"))
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
        records, start = [], reader.line_num + 1
        for i, row in enumerate(reader, 2):
            records.append(_csv_record(row, str(i), start))
            start = reader.line_num + 1
        return records
    except csv.Error as exc:
        raise SkipDocument(f"malformed CSV: {exc}") from None


def _csv_record(row: dict, key: str, start: int) -> Record:
    """One CSV row (starting on file line `start`) as a record whose text lines are file lines."""
    record = _record(row, key, f"row {key}")
    field = _first(row, TEXT_KEYS)[0]
    before = 0
    for name, value in row.items():
        if name is not None and _name(name) == field:
            break
        before += sum(str(v).count("\n") for v in (value if isinstance(value, list) else [value]) if v)
    return replace(record, line=start + before, advances=True)
