"""Measure claim polarity against labelled stance: Emergent headlines and RTE-3 contradiction pairs.

Usage: python scripts/polarity_eval.py [DATA]   (DATA defaults to ../shared/data; add --list to print each headline)

- emergent-dev: each headline's stance comes from its folder's gold file (`against-h-*` conflicts, `for-h-*` and
  `observing-h-*` traps). Precision and recall per stance: deny vs against, report or modal vs observing,
  assert vs for; plus the confusion of stance by polarity kind.
- rte3-dev: how often text and hypothesis differ in polarity (one side denies, the other not), by gold label, and
  how often the other side also uses the denied predicate; precision and recall of each as a contradiction predictor.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from factcheck.extract.polarity import KINDS, Polarity, nlp, polarities

STANCES = ("against", "observing", "for")
PREDICTS = {"against": ("deny",), "observing": ("report", "modal"), "for": ("assert",)}


def emergent(root: Path) -> list[tuple[str, str, str]]:
    """(folder, stance, headline) for every labelled headline of emergent-dev, sorted."""
    rows = []
    for gold_path in sorted(root.glob("*.gold.json")):
        folder = root / gold_path.name.removesuffix(".gold.json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stance = {}
        for pair in gold.get("conflicts", []) + gold.get("traps", []):
            m = re.match(r"(against|for|observing)-(h-\w+)$", pair["id"])
            if m:
                stance[m.group(2)] = m.group(1)
        for path in sorted(folder.glob("h-*.txt")):
            if path.stem in stance:
                rows.append((folder.name, stance[path.stem], path.read_text(encoding="utf-8").strip()))
    return rows


def _pr(tp: int, predicted: int, actual: int) -> tuple[float, float]:
    return (tp / predicted if predicted else 0.0, tp / actual if actual else 0.0)


def stance_table(rows: list[tuple[str, str, str]], show: bool) -> list[str]:
    """Markdown tables: precision/recall per stance and the stance-by-kind confusion."""
    kinds = [p.kind for p in polarities([text for _, _, text in rows])]
    pairs = Counter((stance, kind) for (_, stance, _), kind in zip(rows, kinds))
    out = [
        "| stance | polarity | headlines | predicted | correct | precision | recall |",
        "|---|---|---|---|---|---|---|",
    ]
    for stance in STANCES:
        actual = sum(n for (s, _), n in pairs.items() if s == stance)
        predicted = sum(n for (_, k), n in pairs.items() if k in PREDICTS[stance])
        tp = sum(pairs[stance, k] for k in PREDICTS[stance])
        p, r = _pr(tp, predicted, actual)
        out.append(f"| {stance} | {'/'.join(PREDICTS[stance])} | {actual} | {predicted} | {tp} | {p:.2f} | {r:.2f} |")
    out += ["", "| stance | " + " | ".join(KINDS) + " |", "|---|" + "---|" * len(KINDS)]
    out += [f"| {s} | " + " | ".join(str(pairs[s, k]) for k in KINDS) + " |" for s in STANCES]
    if show:
        out += [""] + [f"{s:9} {k:6} {text}" for (_, s, text), k in zip(rows, kinds)]
    return out


def rte_table(path: Path) -> list[str]:
    """Markdown table: how often a pair's sides differ in polarity (exactly one denies), by gold label."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    flips = [_flip(r["text"], r["hypothesis"], a, b) for r, a, b in zip(rows, *_sides(rows))]
    out = ["| label | pairs | polarity differs | on the same predicate |", "|---|---|---|---|"]
    for label in ("contradiction", "entailment", "neutral"):
        hits = [f for r, f in zip(rows, flips) if r["label"] == label]
        out.append(f"| {label} | {len(hits)} | {sum(f > 0 for f in hits)} | {sum(f > 1 for f in hits)} |")
    actual = sum(r["label"] == "contradiction" for r in rows)
    out.append("")
    for level, name in ((1, "polarity differs"), (2, "polarity differs on the same predicate")):
        tp = sum(f >= level for r, f in zip(rows, flips) if r["label"] == "contradiction")
        p, r = _pr(tp, sum(f >= level for f in flips), actual)
        out.append(f"- '{name}' as a contradiction predictor: precision {p:.2f}, recall {r:.2f}")
    return out


def _sides(rows: list[dict]) -> tuple[list[Polarity], list[Polarity]]:
    return polarities([r["text"] for r in rows]), polarities([r["hypothesis"] for r in rows])


def _flip(text: str, hypothesis: str, a: Polarity, b: Polarity) -> int:
    """0: same polarity; 1: exactly one side denies; 2: and the other side uses the denied predicate's lemma."""
    if (a.kind == "deny") == (b.kind == "deny"):
        return 0
    denial, other = (a, hypothesis) if a.kind == "deny" else (b, text)
    lemmas = {t.lemma_.lower() for t in nlp()(other)}
    return 2 if denial.core.predicate in lemmas else 1


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    data = Path(args[0] if args else "../shared/data")
    rows = emergent(data / "emergent-dev")
    print(f"## emergent-dev: {len(rows)} headlines\n")
    print("\n".join(stance_table(rows, "--list" in sys.argv)))
    print("\n## rte3-dev\n")
    print("\n".join(rte_table(data / "rte3-dev" / "rte3-dev-3way.jsonl")))


if __name__ == "__main__":
    main()
