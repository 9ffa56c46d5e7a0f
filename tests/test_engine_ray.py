"""The Ray engine (issue 16): a local 2-CPU Ray cluster writes the same report bytes as a local run, also when
workers die mid-run; the engine's usage errors need no Ray at all."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from factcheck.pipeline import Settings, run_check
from factcheck.render import render

from .clihelp import Cli, assert_usage_error
from .conftest import FIXTURES, SHARED

HAVE_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(
    not HAVE_RAY, reason="Ray is not installed (pip install -e '.[ray]'); the Ray engine tests cannot run"
)
SETS = sorted(p.name for p in FIXTURES.iterdir() if (p / "docs").is_dir())


@pytest.fixture(scope="module")
def ray_cluster():
    """One local Ray cluster of 2 CPUs for the module; the engine runs on it instead of starting its own."""
    if not HAVE_RAY:
        pytest.skip("Ray is not installed")
    from factcheck.engines.ray_engine import RayOptions, ray_session

    with ray_session(RayOptions(num_cpus=2)) as ray:
        assert ray.cluster_resources()["CPU"] == 2
        yield ray


def _inputs(name: str) -> Path:
    if name == "seeds":
        if not (SHARED / "seeds").is_dir():
            pytest.skip("../shared/seeds is absent")
        return SHARED / "seeds"
    return FIXTURES / name / "docs"


def _check(cli: Cli, monkeypatch: pytest.MonkeyPatch, cache: Path, docs: Path, *extra: str):
    """`factcheck check DOCS --format json`, with its own empty cache: every stage does its work in this run."""
    monkeypatch.setenv("FACTCHECK_CACHE", str(cache))
    return cli("check", str(docs), "--format", "json", "--fail-on", "none", *extra)


@needs_ray
@pytest.mark.model
@pytest.mark.parametrize("name", [*SETS, "seeds"])
def test_ray_engine_writes_the_local_report_bytes(ray_cluster, cli, monkeypatch, tmp_path, name):
    docs = _inputs(name)
    local = _check(cli, monkeypatch, tmp_path / "cache-local", docs)
    on_ray = _check(cli, monkeypatch, tmp_path / "cache-ray", docs, "--engine", "ray")
    assert local.code == 0 and local.exception is None, local.stderr
    assert on_ray.code == 0 and on_ray.exception is None, (on_ray.stderr, on_ray.exception)
    assert on_ray.json()["claims"], "the set has claims"
    assert on_ray.stdout == local.stdout
    assert on_ray.stderr == local.stderr  # skips, input warnings and the gate summary too


def _awkward_set(root: Path) -> Path:
    """Documents that exercise ingest's run-wide decisions: a repeat, a second path, a bad byte, a skip."""
    docs = root / "awkward"
    shutil.copytree(FIXTURES / "edge-cases" / "docs", docs)
    shutil.copyfile(docs / "election-night.txt", docs / "zz-election-night-copy.txt")  # same bytes: counted once
    (docs / "sub").mkdir()
    (docs / "sub" / "election-night.txt").symlink_to(docs / "election-night.txt")  # same file by a second path
    damaged = "Der Brücke in Zürich öffnete am 3. Mai 2021 für 4 Spuren, sagte Jörg Müller. ".encode() * 3 + b"\xff.\n"
    (docs / "damaged.txt").write_bytes(damaged)  # read with a warning
    (docs / "zz-damaged-copy.txt").write_bytes(damaged)  # a repeat is not read: no second warning
    (docs / "empty.txt").write_bytes(b"")
    (docs / "notes.xyz").write_text("unsupported", encoding="utf-8")
    return docs


@needs_ray
@pytest.mark.model
def test_ray_ingest_settles_repeats_warnings_and_skips_as_locally(ray_cluster, cli, monkeypatch, tmp_path):
    docs = _awkward_set(tmp_path)
    local = _check(cli, monkeypatch, tmp_path / "cache-local", docs)
    on_ray = _check(cli, monkeypatch, tmp_path / "cache-ray", docs, "--engine", "ray")
    assert local.stderr.count("factcheck: warning:") == 1 and local.stderr.count("counted once") == 3, local.stderr
    assert (on_ray.code, on_ray.stdout, on_ray.stderr) == (local.code, local.stdout, local.stderr)


@needs_ray
@pytest.mark.model
def test_workers_killed_mid_run_are_retried_without_losing_or_doubling(ray_cluster, real_embedder, tmp_path):
    from factcheck.engines.ray_engine import RayOptions, run_ray_check

    docs = str(FIXTURES / "edge-cases" / "docs")
    markers = {stage: tmp_path / f"killed-{stage}" for stage in ("ingest", "extract", "embed")}
    options = RayOptions(files_per_batch=1, docs_per_batch=1, crash_once=tuple((s, str(m)) for s, m in markers.items()))
    on_ray = run_ray_check([docs], Settings(cache_dir=str(tmp_path / "cache-ray")), options)
    assert all(m.exists() for m in markers.values()), "a worker of every stage was killed"
    local = run_check([docs], Settings(cache_dir=str(tmp_path / "cache-local")), embedder=real_embedder)
    assert [d.id for d in on_ray.documents] == [d.id for d in local.documents]
    assert [c.id for c in on_ray.claims] == [c.id for c in local.claims]  # none lost, none twice
    assert render(on_ray, "json") == render(local, "json")


@needs_ray
@pytest.mark.model
def test_cache_filled_on_ray_serves_a_local_run_without_any_model(ray_cluster, real_embedder, tmp_path, monkeypatch):
    from factcheck.engines.ray_engine import RayOptions, run_ray_check

    docs = str(FIXTURES / "quake-tolls" / "docs")
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    on_ray = run_ray_check([docs], settings, RayOptions())
    with sqlite3.connect(tmp_path / "cache" / "cache.sqlite3") as db:
        entries = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert entries >= len({c.text for c in on_ray.claims}) * 2  # facts from the workers, vectors via the driver

    def no_model(*args, **kwargs):
        raise AssertionError("everything should come from the cache")

    monkeypatch.setattr("factcheck.extract.extract_facts", no_model)
    monkeypatch.setattr(real_embedder, "embed", no_model)
    assert render(run_check([docs], settings, embedder=real_embedder), "json") == render(on_ray, "json")


@needs_ray
@pytest.mark.model
@pytest.mark.parametrize("backend", ["torch", "onnx-int8"])
def test_ray_workers_embed_with_the_backend_the_settings_choose(ray_cluster, tmp_path, backend):
    from factcheck.cache import text_key
    from factcheck.engines.ray_engine import RayOptions, run_ray_check
    from factcheck.pipeline import make_embedder

    docs = str(FIXTURES / "quake-tolls" / "docs")
    on_ray = run_ray_check([docs], Settings(cache_dir=str(tmp_path / "ray"), backend=backend), RayOptions())
    local = run_check([docs], Settings(cache_dir=str(tmp_path / "local"), backend=backend))
    assert render(on_ray, "json") == render(local, "json")
    namespace = getattr(make_embedder(Settings(backend=backend)), "cache_id", "all-MiniLM-L6-v2")
    with sqlite3.connect(tmp_path / "ray" / "cache.sqlite3") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM entries")]
    assert len(keys) > len(on_ray.claims)  # facts and vectors; vectors under the backend's own namespace
    assert text_key(namespace, on_ray.claims[0].text) in keys


def test_the_ray_embedder_names_its_vectors_as_the_local_embedder_does():
    from factcheck.embed import default_backend
    from factcheck.engines.ray_engine import RayEmbedder, RayOptions
    from factcheck.pipeline import make_embedder

    default = default_backend(None)
    cases = [(None, default), ("onnx", "onnx"), ("onnx-int8", "onnx-int8"), ("torch", "torch")]
    for backend, resolved in cases + ([("openvino-bf16", "openvino-bf16")] if default == "openvino-bf16" else []):
        settings = Settings(backend=backend)
        ray_side, local = RayEmbedder(settings, None, RayOptions()), make_embedder(settings)
        assert ray_side.settings.backend == resolved
        assert (ray_side.model_id, ray_side.cache_id) == (local.model_id, getattr(local, "cache_id", local.model_id))


@needs_ray
@pytest.mark.model
def test_ray_engine_reads_standard_input_on_the_driver(ray_cluster, cli, monkeypatch, tmp_path):
    from factcheck.cli import app

    docs = FIXTURES / "edge-cases" / "docs"
    text = (docs / "election-roundup.txt").read_text(encoding="utf-8")
    args = ["check", str(docs / "election-night.txt"), "-", "-f", "json", "--fail-on", "none"]
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache-local"))
    local = cli.runner.invoke(app, args, input=text)
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache-ray"))
    on_ray = cli.runner.invoke(app, [*args, "--engine", "ray"], input=text)
    assert local.exit_code == 0 and on_ray.exit_code == 0, on_ray.stderr
    assert '"id": "stdin"' in on_ray.stdout and on_ray.stdout == local.stdout


def test_unknown_engine_is_a_usage_error(tmp_path):
    run = Cli()("check", str(FIXTURES / "edge-cases" / "docs"), "--engine", "spark")
    assert_usage_error(run, "--engine", "local, ray", "spark")


def test_address_without_the_ray_engine_is_a_usage_error():
    run = Cli()("check", str(FIXTURES / "edge-cases" / "docs"), "--address", "auto")
    assert_usage_error(run, "--address", "--engine ray")


def test_ray_engine_without_ray_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError, as without the extra
    run = Cli()("check", str(FIXTURES / "edge-cases" / "docs"), "--engine", "ray")
    assert_usage_error(run, "pip install '", "[ray]'")
