"""How far the ONNX backends move vectors and groups from the torch model (issue 14). Prints Markdown tables.

1. Vectors: on a seeded sample of real sentences (ECB+ validation, STS headlines, MSRP, RTE-3 from ../shared/data)
   each backend's vectors against sentence-transformers': per-text cosine, the mean |difference| of pairwise
   cosines, and how many pairs cross the grouping threshold in one backend but not the other.
2. Groups: `run_check` on the seeds, the fixture sets and every ECB+ validation topic with each backend; the
   claim pairs that share a group, compared with torch's: kept = |both| / |torch|, added = |only the backend| /
   |torch|, same = |both| / |either|.

Usage: python benchmarks/agreement.py [--sentences 3000] [--backends openvino-bf16,onnx,onnx-int8]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import DATA, FIXTURES, _stories

SHARED = DATA.parent


def sample_sentences(n: int, seed: int = 7) -> list[str]:
    """A seeded sample of distinct real sentences from the benchmark's stories."""
    pool = sorted({s.strip() for _, docs in _stories([]) for doc in docs for s in doc if len(s.strip()) > 10})
    random.Random(seed).shuffle(pool)
    return pool[:n]


def vector_rows(texts: list[str], backends: list[str], store: Path, threshold: float) -> list[str]:
    """One table row per backend: agreement of its vectors with the torch model's."""
    from factcheck.embed import make_embedder

    ref = make_embedder(None, "torch", store).embed(texts)
    base = ref @ ref.T
    upper = np.triu_indices(len(texts), 1)
    rows = []
    for name in backends:
        vecs = make_embedder(None, name, store).embed(texts)
        sims = vecs @ vecs.T
        row_cos = (vecs * ref).sum(1)
        a, b = base[upper] >= threshold, sims[upper] >= threshold
        diff = np.abs(sims[upper] - base[upper])
        rows.append(
            f"| {name} | {len(texts):,} | {row_cos.mean():.4f} | {row_cos.min():.4f} | {diff.mean():.4f} | "
            f"{np.quantile(diff, 0.99):.4f} | {int(a.sum()):,} | {int((a & ~b).sum()):,} | {int((b & ~a).sum()):,} |"
        )
    return rows


def sets() -> dict[str, list[str]]:
    """The document sets: seeds, fixtures, ECB+ validation topics (those present)."""
    out: dict[str, list[str]] = {}
    if (SHARED / "seeds").is_dir():
        out["seeds"] = [str(SHARED / "seeds")]
    for d in sorted(FIXTURES.iterdir()):
        if (d / "docs").is_dir():
            out[d.name] = [str(d / "docs")]
    for d in sorted((DATA / "ecbplus-val").glob("*"), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if d.is_dir():
            out[f"ecbplus-{d.name}"] = [str(d)]
    return out


def grouped_pairs(paths: list[str], backend: str, cache: Path) -> set[tuple[str, str]]:
    """Claim-id pairs that share a group when `backend` embeds."""
    from factcheck.pipeline import Settings, run_check

    report = run_check(paths, Settings(cache_dir=str(cache), backend=backend))
    return {pair for c in report.clusters for pair in combinations(sorted(c.claims), 2)}


def group_rows(backends: list[str], cache: Path) -> list[str]:
    """One row per set and backend, and a pooled row per backend."""
    rows, pooled = [], {b: [0, 0, 0, 0] for b in backends}  # torch pairs, both, only backend, either
    for name, paths in sets().items():
        ref = grouped_pairs(paths, "torch", cache)
        for b in backends:
            got = grouped_pairs(paths, b, cache)
            counts = [len(ref), len(ref & got), len(got - ref), len(ref | got)]
            pooled[b] = [x + y for x, y in zip(pooled[b], counts)]
            rows.append(_group_row(name, b, counts))
    return rows + [_group_row("**all sets**", b, c) for b, c in pooled.items()]


def _group_row(name: str, backend: str, c: list[int]) -> str:
    torch_pairs, both, extra, either = c
    kept = both / torch_pairs if torch_pairs else 1.0
    same = both / either if either else 1.0
    added = extra / torch_pairs if torch_pairs else 0.0
    return f"| {name} | {backend} | {torch_pairs:,} | {kept:.4f} | {added:.4f} | {same:.4f} |"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sentences", type=int, default=3000)
    p.add_argument("--backends", default="onnx,onnx-int8")
    p.add_argument("--skip-groups", action="store_true")
    a = p.parse_args()
    from factcheck.config import Settings

    backends = [b for b in a.backends.split(",") if b]
    with tempfile.TemporaryDirectory(prefix="factcheck-agree-") as tmp:
        texts = sample_sentences(a.sentences) if a.sentences else []
        print(
            "| backend | sentences | cosine with torch, mean | min | mean pairwise abs diff | p99 | pairs >= threshold "
            "(torch) | lost | gained |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        )
        print("\n".join(vector_rows(texts, backends, Path(tmp), Settings().threshold) if texts else []))
        if not a.skip_groups:
            print(
                "\n| set | backend | grouped pairs (torch) | kept | added | same (Jaccard) |\n|---|---|---:|---:|---:|---:|"
            )
            print("\n".join(group_rows(backends, Path(tmp))))


if __name__ == "__main__":
    main()
