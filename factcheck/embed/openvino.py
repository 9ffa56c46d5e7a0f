"""OpenVINO embedder: the exported ONNX graph compiled for this CPU, in bf16 where the CPU computes bf16 natively.

bf16 keeps fp32's range with an 8-bit mantissa; on CPUs with AMX or AVX512-BF16 the matrix products run in it (with
fp32 sums) at two to three times fp32's speed, and pairwise cosines move by about 0.001 (int8: 0.03). A text's
vector must not depend on the texts that share its batch (the cache stores vectors per text): padding changes the
kernels' shapes and so the last bits, so a batch only ever holds texts of one token length, which need no padding;
then a text's vector is the same alone or in any batch.
"""

from __future__ import annotations

import atexit
import os
import sys
import weakref
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ConfigError
from .onnx import RECIPE, max_tokens, model_width, package_missing

if TYPE_CHECKING:
    from tokenizers import Tokenizer

    from .onnx import OnnxEmbedder

BATCH = 16  # texts of one token length per inference request (AMX tiles fill from about 16 rows)


def openvino_missing() -> str | None:
    """Why the OpenVINO backend cannot run here (a package is missing), or None."""
    return package_missing("openvino", "onnx", "tokenizers")


def import_openvino() -> ModuleType:
    """openvino, imported without its usage telemetry.

    Importing openvino also imports its model converter, which reports the import to Google Analytics unless the
    user opted out (a client id kept in ~/intel, a process forked to post it, up to 3 s waited for at exit). A
    check of documents must not tell anyone it ran: with `openvino_telemetry` unimportable meanwhile, the
    converter takes its own silent stand-in.
    """
    if "openvino" not in sys.modules and "openvino_telemetry" not in sys.modules:
        sys.modules["openvino_telemetry"] = None  # type: ignore[assignment]  # `import` raises ImportError meanwhile
        try:
            import openvino
        finally:
            del sys.modules["openvino_telemetry"]
    import openvino

    return openvino


@lru_cache(maxsize=1)
def native_bf16() -> bool:
    """This CPU computes bf16 natively (OpenVINO lists it among the CPU's optimisation capabilities)."""
    if openvino_missing():
        return False
    try:  # a broken install (a shared library missing) or no CPU plugin: the default falls back to ONNX Runtime
        return "BF16" in import_openvino().Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    except (ImportError, OSError, RuntimeError):
        return False


def _release() -> str:
    """OpenVINO's release (year.number), or '?' where the package is missing."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return ".".join(version("openvino").split(".")[:2])
    except PackageNotFoundError:
        return "?"


# Embedders holding a compiled model, closed before the interpreter exits (see `close`). Weak references: an
# embedder a run has finished with is freed with its model, so a process that runs many checks keeps none of them.
_LOADED: weakref.WeakSet[OpenVinoEmbedder] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for embedder in list(_LOADED):
        embedder.close()


def _first_request(compiled: Any, tokenizer: Tokenizer) -> None:
    """One tiny request on this thread before `embed`'s threads run theirs.

    The first request of a process initialises the bindings' numpy support. Two threads doing it at once can
    deadlock: one holds that initialisation and waits for the GIL, the other holds the GIL and waits for it.
    """
    tokens = np.array([tokenizer.encode("a").ids], dtype=np.int64)  # at least one token, whatever the model adds
    result = compiled.create_infer_request().infer({"input_ids": tokens, "attention_mask": np.ones_like(tokens)})
    np.array(result[0], dtype=np.float32)


def same_length_batches(lengths: list[int], size: int = BATCH) -> list[list[int]]:
    """Indices grouped by length, in order of (length, index), at most `size` per batch: no batch needs padding."""
    by_length: dict[int, list[int]] = defaultdict(list)
    for i, n in enumerate(lengths):
        by_length[n].append(i)
    return [rows[k : k + size] for n in sorted(by_length) for rows in [by_length[n]] for k in range(0, len(rows), size)]


class OpenVinoEmbedder:
    """The model through OpenVINO on the CPU in bf16 (make_embedder builds it only where the CPU computes bf16)."""

    def __init__(self, name: str | None = None, store: Path | None = None) -> None:
        from . import DEFAULT_MODEL

        self.name = name or DEFAULT_MODEL
        self.model_id = self.name
        # vectors of the backends never mix, nor those of two OpenVINO releases (their bf16 kernels may round apart)
        self.cache_id = f"{self.model_id}|openvino-bf16-{RECIPE}-{_release()}"
        self._store = store
        self._loaded: tuple[Any, Tokenizer] | None = None
        self._source: OnnxEmbedder | None = None

    def model_file(self) -> Path:
        """The exported fp32 ONNX file, shared with the ONNX Runtime backend (OpenVINO lowers its precision).

        Without a usable cache folder it is built in a temporary folder, which lasts as long as this embedder.
        """
        from .onnx import OnnxEmbedder

        self._source = self._source or OnnxEmbedder(self.name, self._store, "fp32")
        return self._source.model_file()

    def _config(self) -> dict[str, str]:
        """Compile options: bf16, throughput streams, and the cache folder for the compiled model where writable."""
        config = {"INFERENCE_PRECISION_HINT": "bf16", "PERFORMANCE_HINT": "THROUGHPUT"}
        if self._store is not None:  # OpenVINO keeps the compiled model there: 0.1 s to load instead of 0.35
            kept = self._store / "openvino"
            try:
                kept.mkdir(parents=True, exist_ok=True)
            except OSError:
                return config  # a read-only or full cache folder: compile every time (OpenVINO would refuse it)
            if os.access(kept, os.W_OK):
                config["CACHE_DIR"] = str(kept)
        return config

    def load(self) -> tuple[Any, Tokenizer]:
        """The compiled model and the tokenizer, created on first use."""
        if self._loaded is None:
            from tokenizers import Tokenizer

            from . import resolve_model

            folder = Path(resolve_model(self.name))
            core = import_openvino().Core()
            try:
                compiled = core.compile_model(str(self.model_file()), "CPU", self._config())
            except RuntimeError as exc:  # a model whose graph this OpenVINO cannot compile
                said = [
                    line for line in str(exc).splitlines() if line.strip() and not line.startswith("Exception from")
                ]
                why = said[-1].strip() if said else type(exc).__name__
                raise ConfigError(f"OpenVINO cannot compile '{self.name}': {why} (--backend onnx runs it)") from exc
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_tokens(folder))
            _first_request(compiled, tokenizer)
            self._loaded = (compiled, tokenizer)
            _LOADED.add(self)
        return self._loaded

    def close(self) -> None:
        """Let go of the compiled model now: left to the interpreter's exit, its threads can abort the process."""
        self._loaded = None

    def embed(self, texts: list[str]) -> np.ndarray:
        """Encode texts to unit vectors; one batch of one token length per inference request, a request per stream.

        Requests run from Python threads (`infer` releases the GIL), not through OpenVINO's callback queue: a
        Python callback left in OpenVINO's threads can abort the interpreter as it exits.
        """
        if not texts:
            return np.zeros((0, model_width(self.name)), dtype=np.float32)
        compiled, tokenizer = self.load()
        ids = [e.ids for e in tokenizer.encode_batch(texts)]
        batches = same_length_batches([len(row) for row in ids])
        streams = max(1, int(compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS")))
        lanes = [batches[k::streams] for k in range(streams)]

        def run(lane: list[list[int]]) -> list[np.ndarray]:
            request = compiled.create_infer_request()
            out = []
            for rows in lane:
                tokens = np.array([ids[i] for i in rows], dtype=np.int64)
                result = request.infer({"input_ids": tokens, "attention_mask": np.ones_like(tokens)})
                out.append(np.array(result[0], dtype=np.float32))
            return out

        with ThreadPoolExecutor(streams, thread_name_prefix="factcheck-openvino") as pool:
            done = list(pool.map(run, lanes))
        stacked = np.concatenate([part for parts in done for part in parts])
        vectors = np.empty_like(stacked)
        vectors[[i for lane in lanes for rows in lane for i in rows]] = stacked  # back in the order of `texts`
        return vectors
