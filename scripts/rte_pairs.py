"""Score `factcheck compare` (pair mode) on RTE-3 dev: precision and recall of 'contradiction'.

Usage: python scripts/rte_pairs.py ../shared/data/rte3-dev/rte3-dev-3way.jsonl
"""

from __future__ import annotations

import json
import re
import sys

from factcheck.embed import SentenceTransformerEmbedder
from factcheck.pairs import compare_pairs


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    embedder = SentenceTransformerEmbedder()
    counts = {"all": [0, 0, 0], "numeric": [0, 0, 0]}  # tp, fp, fn
    verdicts = compare_pairs([(row["text"], row["hypothesis"]) for row in rows], embedder=embedder)
    for row, verdict in zip(rows, verdicts):
        gold = row["label"] == "contradiction"
        pred = verdict.label == "contradiction"
        numeric = bool(re.search(r"\d", row["hypothesis"]))
        for key in ("all", "numeric") if numeric else ("all",):
            c = counts[key]
            c[0] += gold and pred
            c[1] += pred and not gold
            c[2] += gold and not pred
    print("| subset | contradictions | flagged | precision | recall |")
    print("|---|---|---|---|---|")
    for key, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"| {key} | {tp + fn} | {tp + fp} | {p:.2f} | {r:.2f} |")


if __name__ == "__main__":
    main()
