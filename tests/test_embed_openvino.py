"""The OpenVINO bf16 backend: close to torch, a text's vector independent of its batch, refused where it cannot run."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import numpy as np
import pytest

from factcheck.embed import SentenceTransformerEmbedder, make_embedder, openvino
from factcheck.errors import ConfigError

TEXTS = [
    "The earthquake killed at least 40 people in the north of the country.",
    "At least 40 people died when the quake struck the north.",
    "Shares in the company fell 5% after the results.",
    "The minister denied that talks had collapsed.",
    "The minister said that talks had collapsed.",
    "Rain.",
    "",
    " ".join(["The delegation met officials from six ministries over three days of talks."] * 40),  # > 256 tokens
]

needs_bf16 = pytest.mark.skipif(not openvino.native_bf16(), reason="needs openvino and a CPU with native bf16")


def test_batches_hold_one_length_each_in_a_fixed_order():
    lengths = [5, 3, 5, 9, 3, 5, 5]
    assert openvino.same_length_batches(lengths, size=2) == [[1, 4], [0, 2], [5, 6], [3]]
    assert openvino.same_length_batches([]) == []


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("openvino-store")


@needs_bf16
@pytest.mark.model
def test_bf16_is_close_to_torch_and_does_not_depend_on_the_batch(store):
    emb = make_embedder(None, "openvino-bf16", store)
    assert isinstance(emb, openvino.OpenVinoEmbedder)
    together = emb.embed(TEXTS)
    alone = np.concatenate([emb.embed([t]) for t in reversed(TEXTS)])[::-1]
    assert np.array_equal(together, alone)  # no batch is padded, so its neighbours never change a vector
    torch_vectors = SentenceTransformerEmbedder().embed(TEXTS)
    assert together.dtype == np.float32 and together.shape == torch_vectors.shape
    assert (together * torch_vectors).sum(1).min() > 0.999
    pairs = np.abs(together @ together.T - torch_vectors @ torch_vectors.T)
    assert pairs.max() < 0.01  # int8 moves pairwise cosines by up to about 0.03
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert emb.embed([]).shape == (0, together.shape[1])  # an empty batch has the model's width too


@needs_bf16
@pytest.mark.model
def test_bf16_caches_apart_from_the_other_backends(store):
    ids = {make_embedder(None, b, store).cache_id for b in ("onnx", "onnx-int8", "openvino-bf16")}  # type: ignore[attr-defined]
    assert len(ids) == 3


def test_bf16_is_the_default_where_the_cpu_has_it(tmp_path, monkeypatch):
    monkeypatch.setattr(openvino, "native_bf16", lambda: True)
    chosen = make_embedder(None, None, tmp_path)
    assert isinstance(chosen, openvino.OpenVinoEmbedder) and "|openvino-bf16-1-20" in chosen.cache_id
    monkeypatch.setattr(openvino, "openvino_missing", lambda: "the 'openvino' package is not installed")
    assert not isinstance(make_embedder(None, None, tmp_path), openvino.OpenVinoEmbedder)


def test_bf16_is_refused_on_a_cpu_without_it(tmp_path, monkeypatch):
    monkeypatch.setattr(openvino, "native_bf16", lambda: False)
    with pytest.raises(ConfigError, match="bf16 natively"):
        make_embedder(None, "openvino-bf16", tmp_path)


def test_bf16_is_refused_without_openvino(tmp_path, monkeypatch):
    monkeypatch.setattr(openvino, "openvino_missing", lambda: "the 'openvino' package is not installed")
    with pytest.raises(ConfigError, match="'openvino' package"):
        make_embedder(None, "openvino-bf16", tmp_path)


@needs_bf16
@pytest.mark.model
def test_the_compiled_model_is_let_go_before_the_interpreter_exits(store):
    emb = openvino.OpenVinoEmbedder(None, store)
    first = emb.embed(TEXTS[:2])
    openvino._close_all()  # the atexit hook: an exit with OpenVINO's threads still alive could abort (rc 134)
    assert emb._loaded is None
    assert np.array_equal(emb.embed(TEXTS[:2]), first)  # loaded again on demand


@needs_bf16
@pytest.mark.model
def test_an_embedder_a_run_is_done_with_is_freed_with_its_model(store):
    # a process that runs many checks (a service calling factcheck.api.check) must not keep every compiled model
    emb = openvino.OpenVinoEmbedder(None, store)
    emb.embed(TEXTS[:2])
    gone = weakref.ref(emb)
    del emb
    gc.collect()
    assert gone() is None


@needs_bf16
@pytest.mark.model
def test_processes_that_embed_exit_cleanly(store):
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from factcheck.embed.openvino import OpenVinoEmbedder;"
        "OpenVinoEmbedder(None, Path(sys.argv[1])).embed(['One sentence.', 'Another, longer sentence here.'])"
    )
    codes = [
        subprocess.run([sys.executable, "-c", script, str(store)], capture_output=True).returncode for _ in range(4)
    ]
    assert codes == [0, 0, 0, 0]


@needs_bf16
def test_a_graph_openvino_cannot_compile_is_a_config_error(tmp_path, monkeypatch):
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not an onnx graph")
    emb = openvino.OpenVinoEmbedder(None, tmp_path)
    monkeypatch.setattr(emb, "model_file", lambda: broken)
    with pytest.raises(ConfigError, match=r"OpenVINO cannot compile .*Unable to read the model.*--backend onnx"):
        emb.embed(["A sentence."])


def test_bf16_is_the_default_only_on_x86_64(tmp_path, monkeypatch):
    import platform

    monkeypatch.setattr(openvino, "native_bf16", lambda: True)
    monkeypatch.setattr(platform, "machine", lambda: "aarch64")
    assert not isinstance(make_embedder(None, None, tmp_path), openvino.OpenVinoEmbedder)


@pytest.mark.skipif(openvino.openvino_missing() is not None, reason="needs openvino")
def test_importing_openvino_reports_nothing_to_anyone(tmp_path):
    # openvino's converter sends a usage event at import unless telemetry cannot be imported (or a CI is detected)
    code = (
        "import sys, threading; from factcheck.embed.openvino import import_openvino; import_openvino();"
        "print('openvino_telemetry' in sys.modules, threading.active_count())"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TF_BUILD", "JENKINS_URL")}
    out = subprocess.run(
        [sys.executable, "-c", code], env={**env, "HOME": str(tmp_path)}, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "1"]  # no telemetry module, no sender thread
    assert not (tmp_path / "intel").exists()  # no client id written


@needs_bf16
@pytest.mark.model
@pytest.mark.parametrize("where", ["none", "unwritable"])
def test_bf16_runs_without_a_usable_cache_folder(tmp_path, where):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    emb = openvino.OpenVinoEmbedder(None, None if where == "none" else not_a_folder / "cache")
    vectors = emb.embed(TEXTS[:3])  # the model is exported to a temporary folder that lasts as long as `emb`
    assert vectors.shape == (3, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    emb.close()


@pytest.mark.parametrize("error", [ImportError("libopenvino.so: cannot open shared object file"), OSError("bad ELF")])
def test_a_broken_openvino_install_leaves_the_default_to_onnx_runtime(tmp_path, monkeypatch, error):
    def broken():
        raise error

    monkeypatch.setattr(openvino, "openvino_missing", lambda: None)
    monkeypatch.setattr(openvino, "import_openvino", broken)
    openvino.native_bf16.cache_clear()
    try:
        assert openvino.native_bf16() is False
        assert not isinstance(make_embedder(None, None, tmp_path), openvino.OpenVinoEmbedder)
    finally:
        openvino.native_bf16.cache_clear()
