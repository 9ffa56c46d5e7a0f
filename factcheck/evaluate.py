"""Evaluate stage: score a report against a curated gold file (format in DESIGN.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .errors import InputError
from .model import Claim, Report
from .segment import fold

GOLD_KEYS = (
    "set",
    "documents",
    "note",
    "published",
    "corroborated",
    "conflicts",
    "acceptable",
    "traps",
    "unique",
    "boilerplate",
)


@dataclass(frozen=True)
class Gold:
    """A parsed gold file; `root` is the documents folder it names, resolved against the file."""

    path: Path
    root: Path
    data: dict = field(repr=False)


def load_gold(path: str) -> Gold:
    """Read and check a gold file; raise InputError with a one-line reason when it is unusable."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read gold file ({exc.strerror or exc})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: gold file is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or "documents" not in data:
        raise InputError(f"{path}: gold file must be an object with a 'documents' folder")
    root = (p.parent / str(data["documents"])).resolve()
    if not root.exists():
        raise InputError(f"{path}: documents folder {data['documents']!r} not found (looked in {root})")
    return Gold(p, root, data)


class _Matcher:
    """Finds the claims a gold mention (doc id, exact snippet) refers to."""

    def __init__(self, report: Report) -> None:
        self.by_doc: dict[str, list[Claim]] = {}
        for c in report.claims:
            self.by_doc.setdefault(c.doc, []).append(c)

    def claims(self, mention: list) -> set[str]:
        doc, snippet = mention[0], fold(mention[1])
        hits = {c.id for c in self.by_doc.get(doc, []) if snippet in c.text}
        if not hits:
            low = snippet.lower()
            hits = {c.id for c in self.by_doc.get(doc, []) if low in c.text.lower()}
        return hits


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def score(report: Report, gold: Gold) -> dict:
    """Precision/recall/F1 per finding kind, cluster pair recall, traps hit, boilerplate leaks, date accuracy."""
    g = gold.data
    m = _Matcher(report)
    doc_of = {c.id: c.doc for c in report.claims}
    cluster_sets = [set(k.claims) for k in report.clusters]
    flagged = [f for f in report.findings if f.kind in ("conflict", "variant")]

    # corroborated: cross-document mention pairs that share a cluster
    pairs = hit = 0
    missed = []
    for item in g.get("corroborated", []):
        for a, b in combinations(item["mentions"], 2):
            if a[0] == b[0]:
                continue
            pairs += 1
            ca, cb = m.claims(a), m.claims(b)
            if any(ca & k and cb & k for k in cluster_sets):
                hit += 1
            else:
                missed.append(f"{item['id']}: {a[0]} {a[1]!r} / {b[0]} {b[1]!r}")

    def cites(finding, side_a, side_b) -> bool:
        ids = set(finding.claims)
        for a in side_a:
            for b in side_b:
                if a[0] == b[0]:
                    continue
                ca, cb = m.claims(a) & ids, m.claims(b) & ids
                if ca and cb and any(doc_of[x] != doc_of[y] for x in ca for y in cb):
                    return True
        return False

    conflicts = g.get("conflicts", [])
    found_items = [c for c in conflicts if any(cites(f, c["a"], c["b"]) for f in flagged)]
    tp = fp = 0
    false_findings = []
    for f in flagged:
        if any(cites(f, c["a"], c["b"]) for c in conflicts):
            tp += 1
        elif any(cites(f, c["a"], c["b"]) for c in g.get("acceptable", [])):
            continue
        else:
            fp += 1
            false_findings.append(f"{f.id} {f.type}: {f.message[:200]}")
    conflict_scores = _prf(len(found_items), fp, len(conflicts) - len(found_items))
    conflict_scores["precision"] = round(tp / (tp + fp), 4) if tp + fp else 1.0
    traps_hit = [t["id"] for t in g.get("traps", []) if any(cites(f, t["a"], t["b"]) for f in flagged)]

    # unique: gold mentions that must be reported unique; a unique finding on a corroborated mention is wrong
    unique_claims = {c for f in report.findings if f.kind == "unique" for c in f.claims}
    wanted = g.get("unique", [])
    u_hit = [u for u in wanted if m.claims(u) & unique_claims]
    corroborated_claims = {c for item in g.get("corroborated", []) for mm in item["mentions"] for c in m.claims(mm)}
    u_fp = len(unique_claims & corroborated_claims)
    unique_scores = _prf(len(u_hit), u_fp, len(wanted) - len(u_hit))
    unique_scores["missed"] = [f"{d}: {s!r}" for d, s in wanted if [d, s] not in u_hit]

    leaks = [
        f"{d}: {s!r}"
        for d, s in g.get("boilerplate", [])
        if any(fold(s).lower() in c.text.lower() for c in m.by_doc.get(d, []))
    ]
    published = {d.id: d.published for d in report.documents}
    expected_dates = g.get("published", {})
    dates_right = [d for d, v in expected_dates.items() if published.get(d) == v]
    return {
        "set": g.get("set", gold.path.stem),
        "gold": str(gold.path),
        "documents": len([d for d in report.documents if not d.skipped]),
        "claims": len(report.claims),
        "cluster_pair_recall": round(hit / pairs, 4) if pairs else 1.0,
        "cluster_pairs": pairs,
        "missed_pairs": missed,
        "conflict": conflict_scores,
        "conflicts_found": [c["id"] for c in found_items],
        "conflicts_missed": [c["id"] for c in conflicts if c not in found_items],
        "false_conflicts": false_findings,
        "traps_hit": traps_hit,
        "traps": len(g.get("traps", [])),
        "unique": unique_scores,
        "boilerplate_leaks": leaks,
        "date_accuracy": round(len(dates_right) / len(expected_dates), 4) if expected_dates else 1.0,
        "dates_wrong": {
            d: {"expected": v, "got": published.get(d)} for d, v in expected_dates.items() if published.get(d) != v
        },
    }


@dataclass(frozen=True)
class Bars:
    """The bar an evaluation must clear for `factcheck eval` to exit 0."""

    min_f1: float = 0.0  # conflict F1 (conflicts and variants) when the gold lists conflicts
    min_pair_recall: float = 0.0
    max_traps: int = 0
    max_leaks: int = 0
    min_unique_recall: float = 0.0
    min_date_accuracy: float = 0.0


def failures(result: dict, bars: Bars) -> list[str]:
    """Which bars a score misses, as short sentences."""
    out = []
    if result["conflict"]["tp"] + result["conflict"]["fn"] and result["conflict"]["f1"] < bars.min_f1:
        out.append(f"conflict F1 {result['conflict']['f1']:.2f} < {bars.min_f1:.2f}")
    if result["cluster_pair_recall"] < bars.min_pair_recall:
        out.append(f"cluster pair recall {result['cluster_pair_recall']:.2f} < {bars.min_pair_recall:.2f}")
    if len(result["traps_hit"]) > bars.max_traps:
        out.append(f"{len(result['traps_hit'])} traps flagged > {bars.max_traps}")
    if len(result["boilerplate_leaks"]) > bars.max_leaks:
        out.append(f"{len(result['boilerplate_leaks'])} boilerplate leaks > {bars.max_leaks}")
    if result["unique"]["tp"] + result["unique"]["fn"] and result["unique"]["recall"] < bars.min_unique_recall:
        out.append(f"unique recall {result['unique']['recall']:.2f} < {bars.min_unique_recall:.2f}")
    if result["date_accuracy"] < bars.min_date_accuracy:
        out.append(f"date accuracy {result['date_accuracy']:.2f} < {bars.min_date_accuracy:.2f}")
    return out
