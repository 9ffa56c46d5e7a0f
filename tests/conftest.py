"""Shared fixtures: one embedding cache per test session, the real model loaded once, and ../shared lookup."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory):
    """Keep the user's cache out of tests; one cache for the whole session keeps reruns fast."""
    if "FACTCHECK_TEST_CACHE" in os.environ:
        os.environ["FACTCHECK_CACHE"] = os.environ["FACTCHECK_TEST_CACHE"]
    else:
        os.environ["FACTCHECK_CACHE"] = str(tmp_path_factory.mktemp("factcheck-cache"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    yield


@pytest.fixture(scope="session")
def real_embedder():
    """The real model through the default backend (ONNX when onnxruntime is installed), loaded once per session."""
    from factcheck.pipeline import Settings, make_embedder

    return make_embedder(Settings())


def shared_path(*parts: str) -> Path:
    """A path in ../shared, skipping the test when ../shared is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not present ({path}); this test needs the shared seeds and data")
    return path


@pytest.fixture
def cli(real_embedder, monkeypatch, tmp_path):
    """In-process CLI in an empty folder, sharing the session's real model instead of reloading it per run."""
    from .clihelp import Cli

    monkeypatch.setattr("factcheck.pipeline.make_embedder", lambda settings: real_embedder)
    monkeypatch.chdir(tmp_path)
    return Cli()
