"""Score a report against a gold file: findings, cluster pairs, unique claims, leaks, dates, and the facts file."""

from __future__ import annotations

from itertools import combinations

from ..model import Claim, Finding, Report
from ..segment import fold
from .facts import score_facts
from .goldfile import Gold


class _Matcher:
    """Finds the claims a gold mention (doc id, exact snippet) refers to."""

    def __init__(self, report: Report) -> None:
        self.by_doc: dict[str, list[Claim]] = {}
        for c in report.claims:
            self.by_doc.setdefault(c.doc, []).append(c)
        self.doc_of = {c.id: c.doc for c in report.claims}

    def claims(self, mention: list) -> set[str]:
        doc, snippet = mention[0], fold(mention[1])
        hits = {c.id for c in self.by_doc.get(doc, []) if snippet in c.text}
        if not hits:
            low = snippet.lower()
            hits = {c.id for c in self.by_doc.get(doc, []) if low in c.text.lower()}
        return hits

    def cites(self, finding: Finding, side_a: list, side_b: list) -> bool:
        """The finding cites a side-a claim and a side-b claim from another document."""
        ids = set(finding.claims)
        for a in side_a:
            for b in side_b:
                if a[0] == b[0]:
                    continue
                ca, cb = self.claims(a) & ids, self.claims(b) & ids
                if (
                    ca
                    and cb
                    and any(self.doc_of[x] != self.doc_of[y] and _apart(finding, x, y) for x in ca for y in cb)
                ):
                    return True
        return False


def _apart(finding: Finding, x: str, y: str) -> bool:
    """The two claims give different values in the finding (any two of its claims when sides are not known)."""
    if not finding.sides:
        return True
    side = {c: i for i, claims in enumerate(finding.sides) for c in claims}
    return side.get(x) != side.get(y) or x not in side or y not in side


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def _pair_recall(report: Report, g: dict, m: _Matcher) -> dict:
    """Cross-document mention pairs of each corroborated item that share a cluster."""
    cluster_sets = [set(k.claims) for k in report.clusters]
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
    return {
        "cluster_pair_recall": round(hit / pairs, 4) if pairs else 1.0,
        "cluster_pairs": pairs,
        "missed_pairs": missed,
    }


def _conflicts(report: Report, g: dict, m: _Matcher) -> dict:
    """Conflict and variant findings against the gold conflicts, acceptables and traps."""
    flagged = [f for f in report.findings if f.kind in ("conflict", "variant")]
    conflicts = g.get("conflicts", [])
    found = [c for c in conflicts if any(m.cites(f, c["a"], c["b"]) for f in flagged)]
    tp = fp = 0
    false_findings = []
    for f in flagged:
        if any(m.cites(f, c["a"], c["b"]) for c in conflicts):
            tp += 1
        elif not any(m.cites(f, c["a"], c["b"]) for c in g.get("acceptable", [])):
            fp += 1
            false_findings.append(f"{f.id} {f.type}: {f.message[:200]}")
    scores = _prf(len(found), fp, len(conflicts) - len(found))
    scores["precision"] = round(tp / (tp + fp), 4) if tp + fp else 1.0
    scores["findings_right"] = tp  # conflict/variant findings citing a gold conflict (precision's numerator)
    return {
        "conflict": scores,
        "conflicts_found": [c["id"] for c in found],
        "conflicts_missed": [c["id"] for c in conflicts if c not in found],
        "false_conflicts": false_findings,
        "traps_hit": [t["id"] for t in g.get("traps", []) if any(m.cites(f, t["a"], t["b"]) for f in flagged)],
        "traps": len(g.get("traps", [])),
    }


def _unique(report: Report, g: dict, m: _Matcher) -> dict:
    """Gold mentions that must be reported unique; a unique finding on a corroborated mention is wrong."""
    unique_claims = {c for f in report.findings if f.kind == "unique" for c in f.claims}
    wanted = g.get("unique", [])
    hit = [u for u in wanted if m.claims(u) & unique_claims]
    corroborated = {c for item in g.get("corroborated", []) for mm in item["mentions"] for c in m.claims(mm)}
    scores = _prf(len(hit), len(unique_claims & corroborated), len(wanted) - len(hit))
    scores["missed"] = [f"{d}: {s!r}" for d, s in wanted if [d, s] not in hit]
    return scores


def _dates(report: Report, g: dict) -> dict:
    published = {d.id: d.published for d in report.documents}
    expected = g.get("published", {})
    right = [d for d, v in expected.items() if published.get(d) == v]
    return {
        "date_accuracy": round(len(right) / len(expected), 4) if expected else 1.0,
        "dates_wrong": {d: {"expected": v, "got": published.get(d)} for d, v in expected.items() if d not in right},
    }


def score(report: Report, gold: Gold) -> dict:
    """Precision/recall/F1 per finding kind, cluster pair recall, traps, leaks, dates, and facts-file scores."""
    g = gold.data
    m = _Matcher(report)
    leaks = [
        f"{d}: {s!r}"
        for d, s in g.get("boilerplate", [])
        if any(fold(s).lower() in c.text.lower() for c in m.by_doc.get(d, []))
    ]
    return {
        "set": g.get("set", gold.path.stem),
        "gold": str(gold.path),
        "documents": len([d for d in report.documents if not d.skipped]),
        "claims": len(report.claims),
        **_pair_recall(report, g, m),
        **_conflicts(report, g, m),
        "unique": _unique(report, g, m),
        "boilerplate_leaks": leaks,
        **_dates(report, g),
        "facts": score_facts(report, gold.facts) if gold.facts else None,
    }
