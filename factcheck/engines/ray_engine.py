"""The Ray engine: ingest, segment + extract and embed run on a Ray cluster through Ray Data; group and compare run
on the driver over every vector (one ANN index), so the report is byte for byte the one a local run writes."""

from __future__ import annotations

import logging
import math
import os
import pickle
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from ..cache import Cache, default_cache_dir
from ..config import Settings
from ..errors import ConfigError, InputWarning, one_line
from ..ingest import finish_documents, plan_files, repeat_document
from ..model import Claim, Document, Report
from ..pipeline import OnStage, Progress, Stopwatch, check_documents

# notices that are not about this run: the cluster's token auth (kept on), Ray Data's progress bars being off
_CHATTY = ("ray._private.authentication", "ray.data._internal.progress")
STAGES = ("ingest", "extract", "embed")  # stage names accepted in RayOptions.crash_once


@dataclass(frozen=True)
class RayOptions:
    """How the run uses Ray: which cluster, batch sizes, and (tests only) a worker to kill once."""

    address: str | None = None  # None: $RAY_ADDRESS if set, else a local cluster started here; "auto": this machine's
    num_cpus: int | None = None  # CPUs of a local cluster (None: every core)
    files_per_batch: int = 16  # ingest batch
    docs_per_batch: int = 8  # segment + extract batch
    crash_once: tuple[tuple[str, str], ...] = ()  # (stage, marker file): the first batch of the stage kills its worker


def import_ray() -> ModuleType:
    """The ray module, or a usage error that says how to install it."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ConfigError(f"--engine ray needs Ray: pip install '{_distribution()}[ray]' ({one_line(exc)})") from None
    return ray


def _distribution() -> str:
    """The name this package was installed under (for the install hint)."""
    from importlib.metadata import packages_distributions

    return (packages_distributions().get("factcheck") or ["factcheck"])[0]


def run_ray_check(
    paths: list[str],
    settings: Settings = Settings(),
    options: RayOptions = RayOptions(),
    progress: Progress | None = None,
    on_stage: OnStage | None = None,
) -> Report:
    """Run the whole pipeline with the per-document stages on Ray; the same report as pipeline.run_check."""
    bad = [stage for stage, _ in options.crash_once if stage not in STAGES]
    if bad:
        raise ValueError(f"crash_once: unknown stage '{bad[0]}' (one of {', '.join(STAGES)})")
    from ..api import load_inputs

    with ray_session(options) as ray:
        watch = Stopwatch(on_stage)
        docs = load_inputs(list(paths), settings.max_bytes, lambda files, most: ray_documents(files, most, options))
        watch.lap("ingest")
        where = _worker_cache(ray, settings)
        embedder = RayEmbedder(settings, where, options)
        return check_documents(docs, settings, embedder, progress, on_stage, claims_of=RayClaims(options, where))


@contextmanager
def ray_session(options: RayOptions) -> Iterator[ModuleType]:
    """Use the Ray already started in this process, or connect to `address` / start a local cluster and stop it."""
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        if options.address:
            # the nodes get this driver's factcheck code, so every stage runs the same version
            env = {"py_modules": [str(Path(__file__).resolve().parents[1])]}
            ray.init(address=options.address, runtime_env=env, **quiet)
        else:
            ray.init(num_cpus=options.num_cpus, **quiet)
    except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
        where = f" at {options.address}" if options.address else ""
        raise ConfigError(f"cannot start or reach a Ray cluster{where}: {one_line(exc)}") from None
    try:
        _quiet_data(ray)
        yield ray
    finally:
        ray.shutdown()


def _quiet_data(ray: ModuleType) -> None:
    """No progress bars or execution logs from Ray Data on stderr (the CLI's stderr is for findings and skips)."""
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _worker_cache(ray: ModuleType, settings: Settings) -> Any:
    from .ray_workers import WorkerCache

    folder = None if settings.cache_dir == "" else str(Path(settings.cache_dir or default_cache_dir()).resolve())
    return WorkerCache(ray.get_runtime_context().get_node_id(), folder, settings.cache_dir)


def _crash(options: RayOptions, stage: str) -> str:
    return next((marker for name, marker in options.crash_once if name == stage), "")


def run_stage(items: list[Any], fn: Any, batch: int, options: RayOptions, **kwargs: Any) -> Iterator[tuple[int, Any]]:
    """Map `fn` over `items` with Ray Data, `batch` items a task; yield (index, result) as results arrive.

    A class `fn` runs in an actor pool of one actor per CPU (its model loaded once per actor); a function runs as
    tasks. A worker that dies is restarted and its batch retried by Ray Data (its defaults: max_restarts=-1 and
    max_task_retries=-1 for actors, max_retries=-1 for tasks; an exception raised by factcheck's own code is a bug
    and is not retried). The output of a failed attempt is dropped, so no item is lost or doubled; the caller
    checks that every index came back once.
    """
    import ray.data

    if not items:
        return
    rows = [{"n": i, "blob": pickle.dumps(x, protocol=5)} for i, x in enumerate(items)]
    ds: Any = ray.data.from_items(rows, override_num_blocks=math.ceil(len(items) / batch))
    args: dict[str, Any] = {"num_cpus": 1, "batch_size": batch, "batch_format": "pyarrow"}
    if isinstance(fn, type):
        pool = max(1, int(ray.cluster_resources().get("CPU", 1)))
        compute = ray.data.ActorPoolStrategy(min_size=1, max_size=pool)
        ds = ds.map_batches(fn, fn_constructor_kwargs=kwargs, compute=compute, **args)
    else:
        ds = ds.map_batches(fn, fn_kwargs=kwargs, **args)
    from .ray_workers import rows_of

    for out in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        yield from rows_of(out)


def collect(count: int, results: Iterator[tuple[int, Any]], stage: str) -> list[Any]:
    """The results of items 0..count-1 in order; a missing item is an error (a repeated one is kept once)."""
    got: dict[int, Any] = {}
    for n, value in results:
        got.setdefault(n, value)
    if len(got) != count:
        raise RuntimeError(f"Ray {stage} stage returned {len(got)} of {count} items")
    return [got[n] for n in range(count)]


def ray_documents(paths: list[str], max_bytes: int, options: RayOptions) -> list[Document]:
    """Ingest on Ray: files listed here, read on the workers; repeats and ids settled here in file order."""
    from .ray_workers import read_files

    jobs = plan_files(paths)
    crash = _crash(options, "ingest")
    fn = read_files if not crash else _crashing(read_files, crash)
    found = run_stage(jobs, fn, options.files_per_batch, options, max_bytes=max_bytes, cwd=os.getcwd())
    reads = collect(len(jobs), found, "ingest")
    seen: dict[bytes, str] = {}
    per_file = []
    for job, (docs, digest, notes) in zip(jobs, reads):
        repeat = repeat_document(job, digest, seen) if digest is not None else None
        if repeat is not None:
            per_file.append([repeat])  # a local run does not read a repeat: no warnings from it either
            continue
        for note in notes:
            warnings.warn(InputWarning(note), stacklevel=2)
        per_file.append(docs)
    return finish_documents(per_file)


def _crashing(fn: Callable[..., Any], marker: str) -> Callable[..., Any]:
    from .ray_workers import crash_once

    def run(batch: Any, **kwargs: Any) -> Any:
        crash_once(marker)
        return fn(batch, **kwargs)

    return run


class RayClaims:
    """Segment + extract on the workers' actor pool; claims come back per document, in document order."""

    def __init__(self, options: RayOptions, cache: Any) -> None:
        self.options = options
        self.cache = cache

    def __call__(self, docs: list[Document], cache: Cache, watch: Stopwatch) -> list[Claim]:
        """The claims of `docs` (sorted by id), as build_claims gives them; segment is timed inside extract."""
        from .ray_workers import ClaimsWorker

        usable = [d for d in docs if not d.skipped]
        crash = _crash(self.options, "extract")
        found = run_stage(
            usable, ClaimsWorker, self.options.docs_per_batch, self.options, cache=self.cache, crash=crash
        )
        per_doc = collect(len(usable), found, "extract")
        watch.lap("extract")
        return [c for claims in per_doc for c in claims]


class RayEmbedder:
    """An embedder whose chunks are encoded by an actor pool (embed.embed_cached hands it every chunk at once).

    Its ids are those of the embedder a local run builds from the same settings (pipeline.make_embedder), so the
    vectors are cached under the same names; each actor builds that embedder with the backend it resolved to.
    """

    def __init__(self, settings: Settings, where: Any, options: RayOptions) -> None:
        from ..pipeline import make_embedder

        local = make_embedder(settings)  # not loaded: only its ids and backend are read here
        self.model_id = local.model_id
        self.cache_id: str = getattr(local, "cache_id", local.model_id)
        self.settings = replace(settings, backend=backend_of(local, settings.backend))
        self.where = where
        self.options = options

    def embed(self, texts: list[str]) -> np.ndarray:
        """Encode one chunk of texts on the cluster."""
        return next(self.embed_many([texts]))[1]

    def embed_many(self, chunks: list[list[str]]) -> Iterator[tuple[int, np.ndarray]]:
        """Encode each chunk as a whole; yield (chunk index, vectors) as chunks finish, every chunk exactly once."""
        from .ray_workers import EmbedWorker

        crash = _crash(self.options, "embed")
        done: set[int] = set()
        found = run_stage(chunks, EmbedWorker, 1, self.options, settings=self.settings, where=self.where, crash=crash)
        for n, (cache_id, vectors) in found:
            if cache_id != self.cache_id:
                raise RuntimeError(f"a Ray worker embedded with '{cache_id}', not '{self.cache_id}' as this run")
            if n not in done:
                done.add(n)
                yield n, vectors
        if len(done) != len(chunks):
            raise RuntimeError(f"Ray embed stage returned {len(done)} of {len(chunks)} chunks")


def backend_of(embedder: Any, configured: str | None) -> str | None:
    """The backend setting that builds `embedder` again: OpenVINO bf16, its ONNX variant, torch, else the configured
    one (a Ray worker on another CPU then fails loudly rather than embed another way)."""
    from ..embed import SentenceTransformerEmbedder
    from ..embed.onnx import OnnxEmbedder
    from ..embed.openvino import OpenVinoEmbedder

    if isinstance(embedder, OpenVinoEmbedder):
        return "openvino-bf16"
    if isinstance(embedder, OnnxEmbedder):
        return "onnx-int8" if embedder.variant == "int8" else "onnx"
    return "torch" if isinstance(embedder, SentenceTransformerEmbedder) else configured
