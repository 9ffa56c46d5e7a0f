"""The model embeds in a thread while forked workers extract facts: a failure on one side stops the other."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

import factcheck.extract as extract
from factcheck.extract.workers import worker_count
from factcheck.model import Document
from factcheck.pipeline import Settings, check_documents
from tests.fakes import FakeEmbedder

TEXTS = 1300  # distinct sentences: above extract.PARALLEL_FROM, so facts are extracted in forked workers


def _docs() -> list[Document]:
    lines = [f"Officials in town number {n} said {n * 7} residents were moved on day {n}." for n in range(TEXTS)]
    texts = ["\n".join(lines[k::4]) + "\n" for k in range(4)]
    return [Document(f"d{k}", f"d{k}.txt", t, body=((0, len(t)),)) for k, t in enumerate(texts)]


class _SlowEmbedder(FakeEmbedder):
    """Takes a while per chunk of texts, as the real model does."""

    def embed(self, texts: list[str]) -> np.ndarray:
        time.sleep(0.4)
        return super().embed(texts)


def _broken(items: list) -> list:
    raise RuntimeError("extraction broke")


@pytest.mark.skipif(worker_count() < 2, reason="facts are extracted in forked workers only with 2+ cores and fork")
def test_a_failed_extraction_is_raised_and_the_model_stops_after_its_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    assert TEXTS >= extract.PARALLEL_FROM
    monkeypatch.setattr(extract, "_extract_here", _broken)  # the workers fork after this: they inherit it
    model = _SlowEmbedder()
    with pytest.raises(RuntimeError, match="extraction broke"):
        check_documents(_docs(), Settings(cache_dir=""), embedder=model)
    assert 0 < len(model.calls) < TEXTS  # the first chunk (512 texts) at most: not the rest


def test_a_failed_model_is_raised_from_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    class _Broken(FakeEmbedder):
        def embed(self, texts: list[str]) -> np.ndarray:
            raise ValueError("the model broke")

    with pytest.raises(ValueError, match="the model broke"):
        check_documents(_docs(), Settings(cache_dir=""), embedder=_Broken())


def test_the_report_is_the_same_whether_facts_come_from_workers_or_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forked = check_documents(_docs(), Settings(cache_dir=""), embedder=FakeEmbedder())
    monkeypatch.setattr(extract, "PARALLEL_FROM", 10**9)  # every fact extracted here, the model first
    here = check_documents(_docs(), Settings(cache_dir=""), embedder=FakeEmbedder())
    assert forked == here


def test_vectors_embedded_in_the_models_thread_are_cached(tmp_path: Path) -> None:
    first = check_documents(_docs(), Settings(cache_dir=str(tmp_path)), embedder=FakeEmbedder())
    again = FakeEmbedder()
    second = check_documents(_docs(), Settings(cache_dir=str(tmp_path)), embedder=again)
    assert again.calls == []  # every vector came from the cache the first run's model thread wrote
    assert first == second
