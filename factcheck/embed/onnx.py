"""ONNX Runtime embedder: the model exported once into the cache folder, quantised, tokenised with `tokenizers`.

The graph (built by `export.py` on first use) holds the transformer, mean pooling and L2 normalisation, so a run
is one `session.run` per batch. The int8 variant quantises activations per tensor at run time, so it embeds one
text per run: a text's vector then never depends on which other texts share its batch (the cache stores vectors
per text, and a run with half of them cached must equal a cold run).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

RECIPE = "1"  # bump when export.py changes what it writes: new model files and a new vector-cache namespace
VARIANTS = ("fp32", "int8")


def runtime_missing() -> str | None:
    """Why the ONNX backend cannot run here (a package is missing), or None."""
    return package_missing("onnxruntime", "onnx", "tokenizers")


def package_missing(*packages: str) -> str | None:
    """The first of `packages` that is not installed, as a reason, or None."""
    for package in packages:
        if importlib.util.find_spec(package) is None:
            return f"the '{package}' package is not installed"
    return None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def unsupported(folder: Path) -> str | None:
    """Why the model in `folder` cannot be exported (not a mean-pooled transformer with a tokenizer.json), or None."""
    if not folder.is_dir():
        return f"'{folder}' is not a local model folder"
    if not (folder / "tokenizer.json").is_file():
        return f"'{folder}' has no tokenizer.json"
    modules = _read_json(folder / "modules.json")
    if not isinstance(modules, list):
        return f"'{folder}' has no readable modules.json"
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules if isinstance(m, dict)]
    if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]) or modules[0].get("path"):
        return f"'{folder}' is not a transformer with pooling ({', '.join(kinds)})"
    pooling = _read_json(folder / str(modules[1].get("path", "")) / "config.json")
    if _pooling_modes(pooling) != ["pooling_mode_mean_tokens"]:
        return f"'{folder}' does not pool by the mean of its tokens"
    return None


def vector_width(folder: Path) -> int | None:
    """The width of the vectors the sentence-transformers model in `folder` gives, read from its files without
    loading it: the last Dense layer's `out_features`, else the pooling's width once per pooling mode; None when
    the folder does not say."""
    modules = _read_json(folder / "modules.json")
    for module in reversed(modules if isinstance(modules, list) else []):
        kind = str(module.get("type", "")).rsplit(".", 1)[-1] if isinstance(module, dict) else ""
        if kind not in ("Dense", "Pooling"):
            continue
        config = _read_json(folder / str(module.get("path", "")) / "config.json")
        if not isinstance(config, dict):
            return None
        if kind == "Dense":
            width = config.get("out_features")
        else:
            width = config.get("word_embedding_dimension", 0) * len(_pooling_modes(config))
        return width if isinstance(width, int) and width > 0 else None
    return None


def _pooling_modes(config: Any) -> list[str]:
    """The pooling modes a sentence-transformers Pooling config turns on (each adds one word-vector width)."""
    return [
        k for k, v in (config if isinstance(config, dict) else {}).items() if k.startswith("pooling_mode") and v is True
    ]


def model_width(name: str | None) -> int:
    """The width of the vectors of the model `name` (see `resolve_model`), read from its folder; 0 if it does not
    say. The ONNX and OpenVINO embedders answer an empty batch with it, without loading the model."""
    from . import resolve_model

    return vector_width(Path(resolve_model(name))) or 0


def max_tokens(folder: Path) -> int:
    """The longest input the model reads (sentence-transformers' max_seq_length, capped by its position table)."""
    limit = (_read_json(folder / "sentence_bert_config.json") or {}).get("max_seq_length") or 512
    positions = (_read_json(folder / "config.json") or {}).get("max_position_embeddings") or limit
    return int(min(limit, positions))


def fingerprint(folder: Path) -> str:
    """Names, sizes and modification times of the model's files, with the recipe: a new model gets a new build."""
    parts = [RECIPE, str(folder.resolve())]
    for f in sorted(folder.iterdir()):
        if f.is_file():
            st = f.stat()
            parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def build(folder: Path, store: Path, variant: str) -> Path:
    """The ONNX file of `folder` in `variant`, exported (and quantised) into `store` the first time."""
    target = store / "onnx" / fingerprint(folder) / f"model-{variant}.onnx"
    if target.is_file():
        return target
    from .export import export_fp32, quantise_int8

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp, quantised = (target.parent / f".{kind}-{os.getpid()}.onnx" for kind in ("fp32", "int8"))
    try:
        export_fp32(folder, tmp)
        if variant == "int8":
            quantise_int8(tmp, quantised)
        # whole files only: a concurrent run sees no model yet or a complete one
        os.replace(quantised if variant == "int8" else tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        quantised.unlink(missing_ok=True)
    return target


class OnnxEmbedder:
    """The model through ONNX Runtime: fp32 (default) or int8, built on first use into `store`."""

    def __init__(
        self, name: str | None = None, store: Path | None = None, variant: str = "fp32", threads: int = 0
    ) -> None:
        from . import DEFAULT_MODEL

        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {VARIANTS}")
        self.name = name or DEFAULT_MODEL
        self.model_id = self.name
        self.cache_id = f"{self.model_id}|onnx-{variant}-{RECIPE}"  # vectors of the backends never mix
        self.variant = variant
        self.batch_size = 1 if variant == "int8" else 8  # small batches: ~12% less CPU than 32 here
        # small single-text runs scale badly over intra-op threads: one single-threaded run per core instead
        self.threads = threads or min(os.cpu_count() or 1, 8)
        self._store = store
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self._loaded: tuple[Any, Tokenizer] | None = None

    def model_file(self) -> Path:
        """The built ONNX file (exported now if it is not in the store yet)."""
        from . import resolve_model

        folder = Path(resolve_model(self.name))
        if self._store is not None:
            try:
                return build(folder, self._store, self.variant)
            except OSError:
                pass  # a read-only or full cache folder: build where this process can write, as below
        # no usable cache folder: build into a folder that lasts as long as this embedder
        self._temp = self._temp or tempfile.TemporaryDirectory(prefix="factcheck-onnx-")
        return build(folder, Path(self._temp.name), self.variant)

    def load(self) -> tuple[Any, Tokenizer]:
        """The inference session and the tokenizer, created on first use."""
        if self._loaded is None:
            import onnxruntime
            from tokenizers import Tokenizer

            from . import resolve_model

            folder = Path(resolve_model(self.name))
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            options.intra_op_num_threads = 1 if self.threads > 1 else 0
            session = onnxruntime.InferenceSession(str(self.model_file()), options, providers=["CPUExecutionProvider"])
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_tokens(folder))
            self._loaded = (session, tokenizer)
        return self._loaded

    def embed(self, texts: list[str]) -> np.ndarray:
        """Encode texts to unit vectors."""
        if not texts:
            return np.zeros((0, model_width(self.name)), dtype=np.float32)
        session, tokenizer = self.load()
        ids = [e.ids for e in tokenizer.encode_batch(texts)]
        parts = [ids[i : i + self.batch_size] for i in range(0, len(ids), self.batch_size)]
        with ThreadPoolExecutor(self.threads) as pool:  # session.run releases the GIL; map keeps the order
            out = list(pool.map(partial(_run, session), parts))
        return np.concatenate(out).astype(np.float32)


def _run(session: Any, part: list[list[int]]) -> np.ndarray:
    """Unit vectors for token id rows, padded to the longest."""
    width = max(len(row) for row in part)
    feed = np.zeros((2, len(part), width), dtype=np.int64)
    for j, row in enumerate(part):
        feed[0, j, : len(row)] = row
        feed[1, j, : len(row)] = 1
    return np.asarray(session.run(None, {"input_ids": feed[0], "attention_mask": feed[1]})[0])
