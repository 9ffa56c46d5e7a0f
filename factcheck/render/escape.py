"""Text from documents made safe for Markdown (shown literally, one line) and file links made relative."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import PurePath
from urllib.parse import quote

from tabulate import tabulate

_INLINE = re.compile(r"[\\`*\[\]|~$]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_START = re.compile(r"^[#=+-]")  # would start a heading, a rule or a list item if the text began a line


def md(text: object) -> str:
    """Any text shown literally in Markdown on one line: no emphasis, links, code, HTML or table breaks."""
    flat = " ".join(str(text).split())
    flat = "".join(_HTML.get(ch, ch) for ch in flat) if any(ch in flat for ch in "&<>") else flat
    flat = _INLINE.sub(lambda m: "\\" + m.group(0), flat)
    return _LINE_START.sub(lambda m: "\\" + m.group(0), flat)


def md_marked(runs: list[tuple[str, bool]]) -> str:
    """Escaped text with its marked runs in bold (the words or values that differ)."""
    out = []
    for piece, marked in runs:
        inner = md(piece)
        lead = " " if piece[:1].isspace() else ""
        tail = " " if piece[-1:].isspace() else ""
        out.append(lead + (f"**{inner}**" if marked and inner else inner) + tail)
    return " ".join("".join(out).split())


def link_target(path: str, line: int | str | None, base: str | None) -> str:
    """A relative URL to a file as seen from the folder `base` the report is written to, with `#L<line>` for a
    line number or `#<fragment>` for a string fragment ('page=3')."""
    url = _file_url(path, base, os.getcwd())
    if isinstance(line, str):
        return f"{url}#{quote(line, safe='=')}" if line else url
    return f"{url}#L{line}" if line else url


@lru_cache(maxsize=4096)
def _file_url(path: str, base: str | None, cwd: str) -> str:
    """The URL part of `link_target`, worked out once per file (a report links each file many times); `cwd` is in
    the key because a relative path and an absolute one meet through it."""
    rel = path if base is None else os.path.relpath(path, base or ".")
    return quote(PurePath(rel).as_posix(), safe="/._-~")


def md_link(text: str, path: str | None, line: int | str | None, base: str | None) -> str:
    """`[text](path#Lline)` with the text escaped; plain escaped text where there is no file (stdin)."""
    if not path or path == "-":
        return md(text)
    return f"[{md(text)}]({link_target(path, line, base)})"


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A GitHub Markdown table of already-escaped cells."""
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)
