"""Calibrate the same-claim cosine threshold on MSRP paraphrases and STS headlines; print a Markdown table.

Usage: python scripts/calibrate.py [../shared/data] > docs/calibration.md
"""

from __future__ import annotations

import contextlib
import csv
import sys
from pathlib import Path

import numpy as np

from factcheck.cache import Cache, default_cache_dir
from factcheck.embed import SentenceTransformerEmbedder, embed_cached


def read_pairs(path: Path, label_col: str, a_col: str, b_col: str) -> list[tuple[float, str, str]]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            try:
                rows.append((float(row[label_col]), row[a_col], row[b_col]))
            except (TypeError, ValueError, KeyError):
                continue
    return rows


def sims(pairs, embedder, cache) -> np.ndarray:
    a = embed_cached([p[1] for p in pairs], embedder, cache)
    b = embed_cached([p[2] for p in pairs], embedder, cache)
    return (a * b).sum(axis=1)


def best_threshold(scores: np.ndarray, positive: np.ndarray) -> tuple[float, float, float, float]:
    best = (0.0, 0.0, 0.0, 0.0)
    for t in np.arange(0.30, 0.95, 0.01):
        pred = scores >= t
        tp = int((pred & positive).sum())
        fp = int((pred & ~positive).sum())
        fn = int((~pred & positive).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[3]:
            best = (round(float(t), 2), p, r, f1)
    return best


def at(scores, positive, t):
    pred = scores >= t
    tp = int((pred & positive).sum())
    fp = int((pred & ~positive).sum())
    fn = int((~pred & positive).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    embedder = SentenceTransformerEmbedder()
    cache = Cache(default_cache_dir())
    msrp = read_pairs(data / "msrp" / "msr-para-test.tsv", "Quality", "#1 String", "#2 String")
    sts = []
    for f in sorted((data / "sts-headlines").glob("headlines-*.tsv")):
        with f.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3 and parts[0].strip():
                    with contextlib.suppress(ValueError):
                        sts.append((float(parts[0]), parts[1], parts[2]))
    m_s = sims(msrp, embedder, cache)
    s_s = sims(sts, embedder, cache)
    m_pos = np.array([p[0] >= 1 for p in msrp])
    s_pos = np.array([p[0] >= 4.0 for p in sts])
    print("# Same-claim threshold calibration\n")
    print(
        f"Model: all-MiniLM-L6-v2 (cosine of normalised embeddings). MSRP test: {len(msrp)} pairs "
        f"({int(m_pos.sum())} paraphrases). STS headlines 2013-2016: {len(sts)} pairs scored 0-5; "
        f"'same claim' = score >= 4 ({int(s_pos.sum())} pairs).\n"
    )
    print("| data | best threshold | precision | recall | F1 |")
    print("|---|---|---|---|---|")
    for name, sc, pos in (("MSRP paraphrase", m_s, m_pos), ("STS headlines >= 4", s_s, s_pos)):
        t, p, r, f = best_threshold(sc, pos)
        print(f"| {name} | {t:.2f} | {p:.3f} | {r:.3f} | {f:.3f} |")
    print("\n| threshold | MSRP P | MSRP R | MSRP F1 | STS P | STS R | STS F1 |")
    print("|---|---|---|---|---|---|---|")
    for t in (0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75, 0.8):
        mp, mr, mf = at(m_s, m_pos, t)
        sp, sr, sf = at(s_s, s_pos, t)
        print(f"| {t:.2f} | {mp:.3f} | {mr:.3f} | {mf:.3f} | {sp:.3f} | {sr:.3f} | {sf:.3f} |")
    cache.close()


if __name__ == "__main__":
    main()
