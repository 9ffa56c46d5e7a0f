"""Find the line of a source file a claim comes from when ingest rebuilt the text (HTML, JSON, JSONL, CSV).

Annotations and SARIF regions need a line of the file on disk, but for these formats a claim's own line counts
lines of the rebuilt text. The claim's first words are looked up in the file's words (markup, entities and JSON
escapes undone). Reading the file is the one input besides the Report: the same files give the same lines.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from pathlib import Path, PurePath

from .errors import SkipDocument
from .ingest.decode import decode_bytes
from .model import Report

LINE_TRUE = (".txt", ".md", ".markdown", ".text")  # formats whose claim lines are the file's own lines
REBUILT = (".html", ".htm", ".json", ".jsonl", ".csv")  # text formats whose lines are looked up in the file
WINDOW = 4  # words looked up together: enough to tell sentences apart, few enough to fit within one line break
_WORD = re.compile(r"\w+")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>", re.S)
_JSON_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|([nrtbf])|(.))")


class SourceIndex:
    """The words of one source file with their line numbers, looked up by runs of WINDOW words."""

    def __init__(self, text: str, suffix: str) -> None:
        self.words: list[tuple[str, int]] = list(_words(text, suffix))
        self.at: dict[tuple[str, ...], list[int]] = {}
        for n in range(len(self.words) - WINDOW + 1):
            key = tuple(w for w, _ in self.words[n : n + WINDOW])
            self.at.setdefault(key, []).append(n)

    def line_of(self, text: str, after: int = 0) -> int | None:
        """The line where `text` starts, preferring an occurrence on or after line `after`; None if not found."""
        words = [w.casefold() for w in _WORD.findall(text)]
        if not words:
            return None
        if len(words) < WINDOW:
            size = len(words)
            starts = [n for n in range(len(self.words) - size + 1) if self._spells(n, words)]
        else:
            starts = next((self.at[k] for k in _windows(words) if k in self.at), [])
        if not starts:
            return None
        lines = [self.words[n][1] for n in starts]
        later = bisect_left(lines, after)
        return lines[later] if later < len(lines) else lines[0]

    def _spells(self, n: int, words: list[str]) -> bool:
        """Whether the file's words from position `n` on are `words`."""
        return all(self.words[n + i][0] == w for i, w in enumerate(words))


def _windows(words: list[str]) -> list[tuple[str, ...]]:
    """Runs of WINDOW words from the start of the claim on (a later run still finds a sentence cut by markup)."""
    return [tuple(words[n : n + WINDOW]) for n in range(len(words) - WINDOW + 1)]


def _words(text: str, suffix: str) -> list[tuple[str, int]]:
    """(casefolded word, 1-based line) for each word of the file's visible text."""
    if suffix in (".html", ".htm"):
        text = _TAG.sub(_blank, _HIDDEN.sub(_blank, text))
    out: list[tuple[str, int]] = []
    for number, line in enumerate(text.split("\n"), 1):
        line = html.unescape(line) if suffix in (".html", ".htm") else line
        line = _JSON_ESCAPE.sub(_unescape, line) if suffix in (".json", ".jsonl") else line
        out.extend((w.casefold(), number) for w in _WORD.findall(line))
    return out


def _blank(m: re.Match[str]) -> str:
    """Markup replaced by the line breaks it held (or one space), so line numbers stay those of the file."""
    return "\n" * m.group(0).count("\n") or " "


def _unescape(m: re.Match[str]) -> str:
    """One JSON string escape as the character it stands for (a control escape as a space)."""
    if m.group(1):
        return chr(int(m.group(1), 16))
    return " " if m.group(2) else m.group(3)


class Locator:
    """Source lines of claims, each file read once; line-true formats keep the claim's own line."""

    def __init__(self) -> None:
        self.indexes: dict[str, SourceIndex | None] = {}

    def line(self, path: str, claim_line: int, text: str, after: int = 0) -> int | None:
        """The file line a claim stands on, or None where it cannot be found (PDF and DOCX have no text lines)."""
        suffix = PurePath(path).suffix.lower()
        if suffix in LINE_TRUE:
            return claim_line
        if suffix not in REBUILT:
            return None
        if path not in self.indexes:
            self.indexes[path] = _index(path, suffix)
        index = self.indexes[path]
        return index.line_of(text, after) if index is not None else None


def claim_lines(report: Report, wanted: set[str]) -> dict[str, int | None]:
    """Source-file line of each wanted claim; claims of one document are looked up in order, each after the last."""
    paths = {d.id: d.path for d in report.documents}
    docs = {c.doc for c in report.claims if c.id in wanted}
    locator, last, out = Locator(), dict.fromkeys(docs, 0), {}
    for c in sorted((c for c in report.claims if c.doc in docs), key=lambda c: (c.doc, c.start)):
        line = locator.line(paths.get(c.doc, c.doc), c.line, c.text, last[c.doc])
        last[c.doc] = line or last[c.doc]
        if c.id in wanted:
            out[c.id] = line
    return out


def _index(path: str, suffix: str) -> SourceIndex | None:
    """The word index of a file, or None when it cannot be read now."""
    try:
        return SourceIndex(decode_bytes(Path(path).read_bytes()).replace("\r\n", "\n"), suffix)
    except (OSError, SkipDocument, ValueError):
        return None
