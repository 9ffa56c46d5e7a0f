"""The ONNX Runtime backend: same vectors as torch (fp32), batch-independent int8, backend choice, separate caches."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from factcheck.cache import Cache
from factcheck.config import load_settings
from factcheck.embed import SentenceTransformerEmbedder, embed_cached, make_embedder, onnx
from factcheck.errors import ConfigError

from .fakes import FakeEmbedder

pytest.importorskip("onnxruntime")

TEXTS = [
    "The earthquake killed at least 40 people in the north of the country.",
    "At least 40 people died when the quake struck the north.",
    "Shares in the company fell 5% after the results.",
    "The minister denied that talks had collapsed.",
    "Rain.",
    "",
    " ".join(["The delegation met officials from six ministries over three days of talks."] * 40),  # > 256 tokens
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx-store")


@pytest.fixture(scope="module")
def torch_vectors() -> np.ndarray:
    return SentenceTransformerEmbedder().embed(TEXTS)


@pytest.mark.model
def test_fp32_onnx_gives_the_torch_vectors(store, torch_vectors):
    emb = make_embedder(None, "onnx", store)
    assert isinstance(emb, onnx.OnnxEmbedder)
    vecs = emb.embed(TEXTS)
    assert vecs.dtype == np.float32 and vecs.shape == torch_vectors.shape
    assert np.abs(vecs - torch_vectors).max() < 1e-5  # long text truncated at the same 256 tokens
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_int8_is_close_to_torch_and_does_not_depend_on_the_batch(store, torch_vectors):
    emb = make_embedder(None, "onnx-int8", store)
    together = emb.embed(TEXTS)
    alone = np.concatenate([emb.embed([t]) for t in reversed(TEXTS)])[::-1]
    assert np.array_equal(together, alone)  # one text per run: its neighbours never change its vector
    assert (together * torch_vectors).sum(1).min() > 0.95
    assert together[0] @ together[1] > together[0] @ together[2]  # the two quake sentences stay closest


@pytest.mark.model
def test_the_model_is_exported_once_into_the_store(store, monkeypatch):
    first = onnx.build(_model_folder(), store, "fp32")
    assert first.is_file() and first.is_relative_to(store / "onnx")

    def no_export(*args: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr("factcheck.embed.export.export_fp32", no_export)
    assert onnx.build(_model_folder(), store, "fp32") == first
    assert not [p for p in first.parent.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def _model_folder() -> Path:
    from factcheck.embed import resolve_model

    return Path(resolve_model(None))


def test_backends_cache_their_vectors_apart(tmp_path):
    class Other(FakeEmbedder):
        cache_id = "fake-hash-64|onnx-fp32-1"

        def embed(self, texts: list[str]) -> np.ndarray:
            return -super().embed(texts)

    cache = Cache(tmp_path)
    plain, other = FakeEmbedder(), Other()
    a = embed_cached(["one claim", "another claim"], plain, cache)
    b = embed_cached(["one claim", "another claim"], other, cache)
    assert np.allclose(a, -b)  # the second backend did not read the first one's vectors
    assert other.calls == ["one claim", "another claim"]
    again = FakeEmbedder()
    assert np.allclose(embed_cached(["one claim"], again, cache), a[:1]) and again.calls == []
    cache.close()


def test_default_is_onnx_without_native_bf16_and_torch_when_asked(tmp_path, monkeypatch):
    from factcheck.embed import openvino

    monkeypatch.setattr(openvino, "native_bf16", lambda: False)
    assert isinstance(make_embedder(None, None, tmp_path), onnx.OnnxEmbedder)
    assert isinstance(make_embedder(None, "torch", tmp_path), SentenceTransformerEmbedder)
    assert make_embedder(None, "onnx-int8", tmp_path).cache_id != make_embedder(None, "onnx", tmp_path).cache_id


def test_without_onnxruntime_the_default_falls_back_and_onnx_is_refused(tmp_path, monkeypatch):
    from factcheck.embed import openvino

    monkeypatch.setattr(openvino, "native_bf16", lambda: False)
    monkeypatch.setattr(onnx, "runtime_missing", lambda: "the 'onnxruntime' package is not installed")
    assert isinstance(make_embedder(None, None, tmp_path), SentenceTransformerEmbedder)
    with pytest.raises(ConfigError, match="onnxruntime"):
        make_embedder(None, "onnx", tmp_path)


def test_models_it_cannot_export_are_named(tmp_path):
    assert "not a local model folder" in (onnx.unsupported(tmp_path / "absent") or "")
    assert "tokenizer.json" in (onnx.unsupported(tmp_path) or "")
    (tmp_path / "tokenizer.json").write_text("{}")
    modules = [{"idx": 0, "path": "", "type": "sentence_transformers.models.Transformer"}]
    modules.append({"idx": 1, "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"})
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    assert "mean" in (onnx.unsupported(tmp_path) or "")
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_mean_tokens": True}))
    assert onnx.unsupported(tmp_path) is None
    assert onnx.unsupported(_model_folder()) is None
    assert isinstance(make_embedder("someone/not-downloaded", None, tmp_path), SentenceTransformerEmbedder)


def test_backend_setting_is_checked(tmp_path):
    assert load_settings(None, {"backend": "torch"}).settings.backend == "torch"
    assert load_settings(None, {}).settings.backend is None
    with pytest.raises(ConfigError, match="backend must be one of"):
        load_settings(None, {"backend": "gpu"})
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nbackend = "onnx-int8"\n')
    assert load_settings(tmp_path / "pyproject.toml", {}).settings.backend == "onnx-int8"


def test_cli_rejects_an_unknown_backend(tmp_path):
    from .clihelp import Cli, copy_docs

    run = Cli()("check", str(copy_docs(tmp_path / "docs")), "--backend", "gpu")
    assert run.code == 2 and "backend must be one of" in run.stderr


def test_an_unwritable_store_builds_in_a_temporary_folder(tmp_path, monkeypatch):
    calls: list[Path] = []

    def fake_build(folder: Path, store: Path, variant: str) -> Path:
        calls.append(store)
        if store == tmp_path / "read-only":
            raise PermissionError(13, "Permission denied")
        return store / "model.onnx"

    monkeypatch.setattr(onnx, "build", fake_build)
    emb = onnx.OnnxEmbedder(None, tmp_path / "read-only")
    built = emb.model_file()
    assert calls[0] == tmp_path / "read-only" and built.parent == calls[1] != calls[0]
    assert onnx.OnnxEmbedder(None, None).model_file().name == "model.onnx"  # no cache folder at all


def _write_model(folder: Path, modules: list[tuple[str, str, dict]]) -> Path:
    """A model folder's modules.json and each module's config.json (no weights: the width needs none)."""
    folder.mkdir()
    rows = [
        {"idx": k, "path": path, "type": f"sentence_transformers.models.{kind}"}
        for k, (kind, path, _) in enumerate(modules)
    ]
    (folder / "modules.json").write_text(json.dumps(rows))
    for _, path, config in modules:
        (folder / path).mkdir(exist_ok=True)
        (folder / path / "config.json").write_text(json.dumps(config))
    return folder


def test_the_vector_width_is_read_from_the_model_folder(tmp_path):
    mean = {"word_embedding_dimension": 768, "pooling_mode_mean_tokens": True}
    pooled = [("Transformer", "", {}), ("Pooling", "1_P", mean)]
    assert onnx.vector_width(_write_model(tmp_path / "none", [])) is None  # no module says
    assert onnx.vector_width(_write_model(tmp_path / "mean", pooled)) == 768
    two_modes = [("Transformer", "", {}), ("Pooling", "1_P", {**mean, "pooling_mode_max_tokens": True})]
    assert onnx.vector_width(_write_model(tmp_path / "two", two_modes)) == 1536
    dense = [*pooled, ("Dense", "2_D", {"out_features": 256}), ("Normalize", "3_N", {})]
    assert onnx.vector_width(_write_model(tmp_path / "dense", dense)) == 256
    assert onnx.vector_width(_model_folder()) == 384


@pytest.mark.model
@pytest.mark.parametrize("backend", ["torch", "onnx", "onnx-int8"])
def test_an_empty_batch_has_the_models_width(tmp_path, backend):
    embedder = make_embedder(None, backend, tmp_path)
    empty, one = embedder.embed([]), embedder.embed(["The minister denied it."])
    assert empty.shape == (0, one.shape[1]) == (0, 384)
    cache = Cache(tmp_path / "cache.sqlite3")
    assert embed_cached([], embedder, cache).shape == (0, 384)
    assert embed_cached([], FakeEmbedder(), cache).shape == (0, 64)  # whatever width the embedder gives
