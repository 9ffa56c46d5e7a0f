"""CI annotations: GitHub Actions workflow commands (capped at what GitHub shows) and SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..locate import claim_lines
from ..location import paged_locations
from ..model import Document, Finding, Report
from .jsontext import indented

if TYPE_CHECKING:
    from ..gate import GateResult

LEVEL = {"conflict": ("error", "error"), "variant": ("warning", "warning"), "unique": ("notice", "note")}
CAP = 10  # annotations of one type (error, warning, notice) GitHub shows for one step
INFORMATION_URI = "https://pypi.org/project/factcheck-claims/"
SRCROOT = "%SRCROOT%"
KIND_TEXT = {
    "conflict": (
        "Conflicting {what}",
        "Documents that report the same event state different {what}s for it, and the values cannot both be true.",
        "Read the cited sentences and correct the document that is wrong.",
    ),
    "variant": (
        "Name spelled two ways: {what}",
        "Documents spell one {what} in different ways (Zelenskyy / Zelensky).",
        "Settle on one spelling, unless the two names belong to different people or places.",
    ),
    "unique": (
        "Claim only one source makes: {what}",
        "A {what} that no other document in the set states; it has no second source.",
        "Find a second source for it, or make sure the document says where it comes from.",
    ),
}
TYPE_TEXT = {
    "number": "number",
    "date": "date",
    "entity": "name",
    "quote": "quotation",
    "location": "place",
    "negation": "assertion (one source denies what another asserts)",
    "other": "claim",
}
ACCEPT = (
    "If the finding is right as it stands (a figure was revised later, both sources are quoted on purpose), accept "
    "it: add its id to `[tool.factcheck.ignore]` with the reason, or refresh the baseline with `factcheck baseline`."
)


def _shown(report: Report, gate: GateResult | None) -> list[Finding]:
    """Findings worth annotating: not corroborated, and only new ones (not accepted, not ignored) when gated."""
    new = set(gate.new) if gate is not None else None
    return [f for f in report.findings if f.kind in LEVEL and (new is None or f.id in new)]


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _cited(report: Report, shown: list[Finding]) -> tuple[dict[str, str], dict[str, int | None]]:
    """Each cited claim's file path and source-file line (None where it cannot be found)."""
    paths = {d.id: d.path for d in report.documents}
    docs = {c.id: paths.get(c.doc, c.doc) for c in report.claims}
    return docs, claim_lines(report, {cid for f in shown for cid in f.claims})


Note = tuple[str, int | None, str, str]  # one annotation: file, line (None: the whole file), title, message


def render_github(report: Report, gate: GateResult | None = None) -> str:
    """`::error file=...,line=...::message` lines, at most CAP of each type; what is left follows as plain lines."""
    shown = _shown(report, gate)
    paths, lines = _cited(report, shown)
    pages = paged_locations(report)  # a PDF or DOCX line is no file line: the message says page or paragraph
    groups: dict[str, list[list[Note]]] = {"error": [], "warning": [], "notice": []}
    for f in shown:
        title = f"factcheck {f.kind} ({f.type}) {f.id}"
        notes = [
            (paths[c], lines.get(c), title, f.message + (f" ({pages[c]})" if c in pages else "")) for c in f.claims
        ]
        groups[LEVEL[f.kind][0]].append(notes)
    for d in report.documents:
        if d.skipped:
            groups["warning"].append([(d.path, None, "factcheck skipped", d.skipped)])
    commands, rest = [], []
    for level, group in groups.items():
        annotated, left = _capped(level, group)
        commands += [_command(level, note) for note in annotated]
        rest += [_plain(level, note) for g in left for note in g]
    out = commands + rest
    return "\n".join(out) + ("\n" if out else "")


def _command(level: str, note: Note) -> str:
    """One workflow command; a note without a file is an annotation on the run."""
    path, line, title, message = note
    where = f"file={_escape(path, prop=True)}," if path else ""
    where += f"line={line}," if path and line else ""
    return f"::{level} {where}title={_escape(title, prop=True)}::{_escape(message)}"


def _plain(level: str, note: Note) -> str:
    """An annotation past the cap as a plain log line: `error: docs/a.txt:12: title: message`."""
    path, line, title, message = note
    return " ".join(f"{level}: {path}{f':{line}' if line else ''}: {title}: {message}".split())


def _capped(level: str, groups: list[list[Note]]) -> tuple[list[Note], list[list[Note]]]:
    """All notes when they fit in CAP; else whole findings in CAP - 1, a note saying how many more, and the rest."""
    total = sum(len(g) for g in groups)
    if total <= CAP:
        return [note for g in groups for note in g], []
    out: list[Note] = []
    taken = 0
    while taken < len(groups) and len(out) + len(groups[taken]) <= CAP - 1:
        out.extend(groups[taken])
        taken += 1
    if out:
        rest = groups[taken:]
    else:  # one finding cites more lines than fit: annotate the first of them
        out, rest = groups[0][: CAP - 1], [groups[0][CAP - 1 :], *groups[1:]]
    more = (
        f"and {total - len(out):,} more {level} annotations ({len(rest):,} finding{'s' if len(rest) != 1 else ''}) not annotated: GitHub "
        f"shows {CAP} per type in a step. They follow in this step's log as plain lines; the full report is in the job "
        "summary, the SARIF upload, or the files of --md-out / --json-out / --sarif-out."
    )
    return [*out, ("", None, f"factcheck: {total - len(out):,} more", more)], rest


def _location(path: str, line: int | None, page: str | None = None) -> dict[str, Any]:
    """A SARIF location: a URI relative to the source root (or a file URI) and a region, but for PDF and DOCX.

    A PDF or DOCX claim has no line in the file; its location says the page and line, or the paragraph, instead.
    """
    pure = PurePath(path)
    if pure.is_absolute() or (pure.parts and pure.parts[0] == ".."):
        absolute = os.path.abspath(path)  # not resolve(): a symlink loop is a skipped document, not an error here
        inside = os.path.relpath(absolute, os.getcwd())
        pure = PurePath(absolute if PurePath(inside).parts[:1] == ("..",) else inside)
    if pure.is_absolute():
        artifact: dict[str, Any] = {"uri": pure.as_uri()}
    else:
        artifact = {"uri": quote(pure.as_posix()), "uriBaseId": SRCROOT}
    if page:
        return {"physicalLocation": {"artifactLocation": artifact}, "message": {"text": page}}
    return {"physicalLocation": {"artifactLocation": artifact, "region": {"startLine": line or 1}}}


def _rule(rule_id: str) -> dict[str, Any]:
    """A reporting descriptor with the descriptions and help text code scanning shows."""
    if rule_id == "skipped":
        short, full, fix = (
            "Document could not be read",
            "factcheck skipped a document: an unsupported type, an encoding beyond repair, broken JSON or no text.",
            "Fix or convert the file, or exclude it with the `exclude` setting of `[tool.factcheck]`.",
        )
        level = "warning"
    else:
        kind, _, ftype = rule_id.partition("/")
        what = TYPE_TEXT.get(ftype, ftype)
        short, full, fix = (text.format(what=what) for text in KIND_TEXT[kind])
        fix = f"{fix} {ACCEPT}"
        level = LEVEL[kind][1]
    name = "".join(part.title() for part in rule_id.replace("/", " ").split())
    return {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": f"{full} {fix}", "markdown": f"{full}\n\n**What to do.** {fix}"},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["factcheck", rule_id.partition("/")[0]]},
    }


def render_sarif(report: Report, gate: GateResult | None = None) -> str:
    """A SARIF 2.1.0 log for code scanning: one result per finding, the other sides as related locations."""
    shown = _shown(report, gate)
    skipped = [d for d in report.documents if d.skipped]
    rules = sorted({f"{f.kind}/{f.type}" for f in shown}) + (["skipped"] if skipped else [])
    driver = {
        "name": "factcheck",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(r) for r in rules],
    }
    index = {r: n for n, r in enumerate(rules)}
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": _sarif_results(report, shown, skipped, index)}],
    }
    return indented(log) + "\n"


def _sarif_results(
    report: Report, shown: list[Finding], skipped: list[Document], index: dict[str, int]
) -> list[dict[str, Any]]:
    """One result per shown finding, then one per skipped document."""
    paths, lines = _cited(report, shown)
    texts = {c.id: c.text for c in report.claims}
    pages = paged_locations(report)
    results = []
    for f in shown:
        rule = f"{f.kind}/{f.type}"
        first, *others = _ordered_claims(f)
        result: dict[str, Any] = {
            "ruleId": rule,
            "ruleIndex": index[rule],
            "level": LEVEL[f.kind][1],
            "message": {"text": f.message},
            "locations": [_location(paths[first], lines.get(first), pages.get(first))],
            "partialFingerprints": {"factcheck/v1": f.id},
        }
        if others:
            value = _value_by_claim(f)
            result["relatedLocations"] = [
                {
                    "id": n,
                    **_location(paths[c], lines.get(c), pages.get(c)),
                    "message": {"text": _side_text(texts[c], value.get(c), pages.get(c))},
                }
                for n, c in enumerate(others, 1)
            ]
        results.append(result)
    return results + [
        {
            "ruleId": "skipped",
            "ruleIndex": index["skipped"],
            "level": "warning",
            "message": {"text": f"{d.path}: skipped: {d.skipped}"},
            "locations": [_location(d.path, 1)],
        }
        for d in skipped
    ]


def _ordered_claims(f: Finding) -> list[str]:
    """The finding's claims, the first side's first claim first (the one code scanning shows the alert on)."""
    lead = f.sides[0][0] if f.sides and f.sides[0] else f.claims[0]
    return [lead, *(c for c in f.claims if c != lead)]


def _value_by_claim(f: Finding) -> dict[str, str]:
    """The value each side's claims give, where the finding records its sides."""
    return {c: value for value, side in zip(f.values, f.sides) for c in side}


def _side_text(text: str, value: str | None, page: str | None) -> str:
    """What a related location says: where in a PDF or DOCX, the value it gives where known, the cited sentence."""
    quoted = text if len(text) <= 200 else text[:199].rstrip() + "…"
    said = f"gives {value!r}: {quoted}" if value is not None else quoted
    return f"{page}: {said}" if page else said
