"""CI annotations: GitHub Actions workflow commands (capped at what GitHub shows) and SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..locate import claim_lines
from ..model import Document, Finding, Report

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


def render_github(report: Report, gate: GateResult | None = None) -> str:
    """`::error file=...,line=...::message` lines, at most CAP of each type, the last saying how many more."""
    shown = _shown(report, gate)
    paths, lines = _cited(report, shown)
    groups: dict[str, list[list[str]]] = {"error": [], "warning": [], "notice": []}
    for f in shown:
        title = _escape(f"factcheck {f.kind} ({f.type}) {f.id}", prop=True)
        group = []
        for cid in f.claims:
            where = f",line={lines[cid]}" if lines.get(cid) else ""
            group.append(f"file={_escape(paths[cid], prop=True)}{where},title={title}::{_escape(f.message)}")
        groups[LEVEL[f.kind][0]].append(group)
    for d in report.documents:
        if d.skipped:
            groups["warning"].append(
                [f"file={_escape(d.path, prop=True)},title=factcheck skipped::{_escape(d.skipped)}"]
            )
    out = [f"::{level} {line}" for level, group in groups.items() for line in _capped(level, group)]
    return "\n".join(out) + ("\n" if out else "")


def _capped(level: str, groups: list[list[str]]) -> list[str]:
    """All annotations when they fit in CAP; else whole findings in CAP - 1 and a last one telling what is left."""
    total = sum(len(g) for g in groups)
    if total <= CAP:
        return [line for g in groups for line in g]
    out: list[str] = []
    shown = 0
    for group in groups:
        if len(out) + len(group) > CAP - 1:
            if not out:
                out, shown = group[: CAP - 1], 1
            break
        out.extend(group)
        shown += 1
    more = (
        f"and {total - len(out):,} more {level} annotations ({len(groups) - shown:,} findings) not shown: GitHub shows "
        f"{CAP} per type in a step. The full list is in the report: the job summary, the SARIF upload, or the files "
        "of --md-out / --json-out / --sarif-out."
    )
    return [*out, f"title={_escape(f'factcheck: {total - len(out):,} more', prop=True)}::{_escape(more)}"]


def _location(path: str, line: int | None) -> dict[str, Any]:
    """A SARIF physical location: a relative URI from the source root (or a file URI), always with a region."""
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = Path(path).resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            uri: dict[str, Any] = {"uri": Path(path).resolve().as_uri()}
            return {"physicalLocation": {"artifactLocation": uri, "region": {"startLine": line or 1}}}
    if pure.parts and pure.parts[0] == "..":
        return _location(str(Path(path).resolve()), line)
    uri = {"uri": quote(pure.as_posix()), "uriBaseId": SRCROOT}
    return {"physicalLocation": {"artifactLocation": uri, "region": {"startLine": line or 1}}}


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
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_results(
    report: Report, shown: list[Finding], skipped: list[Document], index: dict[str, int]
) -> list[dict[str, Any]]:
    """One result per shown finding, then one per skipped document."""
    paths, lines = _cited(report, shown)
    texts = {c.id: c.text for c in report.claims}
    results = []
    for f in shown:
        rule = f"{f.kind}/{f.type}"
        first, *others = _ordered_claims(f)
        result: dict[str, Any] = {
            "ruleId": rule,
            "ruleIndex": index[rule],
            "level": LEVEL[f.kind][1],
            "message": {"text": f.message},
            "locations": [_location(paths[first], lines.get(first))],
            "partialFingerprints": {"factcheck/v1": f.id},
        }
        if others:
            value = _value_by_claim(f)
            result["relatedLocations"] = [
                {"id": n, **_location(paths[c], lines.get(c)), "message": {"text": _side_text(texts[c], value.get(c))}}
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


def _side_text(text: str, value: str | None) -> str:
    """What a related location says: the cited sentence, with the value it gives where the sides are known."""
    quoted = text if len(text) <= 200 else text[:199].rstrip() + "…"
    return f"gives {value!r}: {quoted}" if value is not None else quoted
