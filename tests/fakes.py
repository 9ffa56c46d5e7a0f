"""A small deterministic embedder for unit and property tests of pipeline logic (never for golden tests)."""

from __future__ import annotations

import hashlib

import numpy as np


class FakeEmbedder:
    """Hashed bag of words implementing the Embedder protocol; records the texts it was asked to embed."""

    model_id = "fake-hash-64"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.extend(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        out[:, 0] = 0.1
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, 1 + hashlib.blake2b(word.encode(), digest_size=2).digest()[0] % 63] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)
