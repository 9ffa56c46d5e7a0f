"""Reports are replaced atomically; a corrupt cache entry or cache file is detected, recomputed, never fatal."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import numpy as np
import pytest

import factcheck.atomic
from factcheck.atomic import write_text
from factcheck.cache import Cache, text_key
from factcheck.embed import embed_cached
from factcheck.errors import InputError
from factcheck.ingest.clean import clean_page
from factcheck.model import Document
from factcheck.pipeline import FACTS_VERSION, Settings, build_claims, check_documents
from factcheck.segment import segment

from .fakes import FakeEmbedder

TEXTS = {
    "alpha": "The earthquake killed 2,500 people in Morocco on Friday night, officials said.\n"
    "Rescue teams from Spain arrived in Marrakesh on Saturday morning.\n",
    "beta": "The earthquake killed 2,900 people in Morocco on Friday night, officials said.\n"
    "About 300 rescuers from Spain arrived in Marrakesh on Saturday morning.\n",
}


def _docs() -> list[Document]:
    return [Document(k, f"{k}.txt", t, published="2023-09-10", body=clean_page(t).body) for k, t in TEXTS.items()]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic report writes ------------------------------------------------------------------------------------------


def test_write_creates_and_replaces(tmp_path):
    target = tmp_path / "out" / "report.md"
    write_text(target, "one\n")
    write_text(target, "two\r\n")
    assert target.read_bytes() == b"two\r\n"
    assert _leftovers(target.parent) == []


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_failure_mid_write_keeps_the_old_report_and_no_temp_file(tmp_path, monkeypatch, where):
    target = tmp_path / "report.json"
    target.write_text("old report\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(fd, *args, **kwargs):
            handle = real_fdopen(fd, *args, **kwargs)
            handle.write = boom
            return handle

        monkeypatch.setattr(factcheck.atomic.os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(factcheck.atomic.os, where, boom)
    with pytest.raises(InputError, match=r"report\.json: cannot write \(No space left on device\)"):
        write_text(target, "new report that must not appear\n" * 1000)
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert _leftovers(tmp_path) == []


def test_interrupt_mid_write_keeps_the_old_report_and_propagates(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(factcheck.atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_write_onto_a_folder_is_an_input_error(tmp_path):
    (tmp_path / "report.md").mkdir()
    with pytest.raises(InputError, match="cannot write"):
        write_text(tmp_path / "report.md", "x\n")
    assert _leftovers(tmp_path) == []


def test_new_file_gets_ordinary_permissions_and_old_ones_are_kept(tmp_path):
    umask = os.umask(0o022)
    try:
        write_text(tmp_path / "new.md", "x\n")
        kept = tmp_path / "kept.md"
        kept.write_text("old\n", encoding="utf-8")
        kept.chmod(0o600)
        write_text(kept, "new\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


# --- the cache file ------------------------------------------------------------------------------------------------


def test_cache_round_trip_survives_reopening(tmp_path):
    cache = Cache(tmp_path)
    cache.put_many([("k1", b"v1"), ("k2", b"v2")])
    cache.close()
    cache = Cache(tmp_path)
    assert cache.get_many(["k1", "k2", "k3"]) == {"k1": b"v1", "k2": b"v2"}
    cache.close()


def test_garbage_cache_file_is_moved_aside_and_replaced(tmp_path):
    (tmp_path / "cache.sqlite3").write_bytes(os.urandom(4096))
    cache = Cache(tmp_path)
    cache.put_many([("k", b"v")])
    assert cache.get_many(["k"]) == {"k": b"v"}
    cache.close()
    assert (tmp_path / "cache.sqlite3.corrupt").exists()


def test_cache_with_a_valid_header_and_garbage_pages_does_not_crash(tmp_path):
    cache = Cache(tmp_path)
    cache.put_many([(f"k{i}", os.urandom(200)) for i in range(500)])
    cache.close()
    path = tmp_path / "cache.sqlite3"
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)
    path.write_bytes(bytes(data))
    cache = Cache(tmp_path)
    cache.get_many([f"k{i}" for i in range(500)])  # whatever it finds, it must not raise
    cache.put_many([("new", b"v")])
    cache.close()


def test_unusable_cache_folder_runs_without_a_cache(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    cache = Cache(blocker)
    cache.put_many([("k", b"v")])
    assert cache.get_many(["k"]) == {}
    cache.close()


def test_run_with_a_garbage_cache_file_gives_the_same_report(tmp_path):
    fresh = check_documents(_docs(), Settings(cache_dir=""), embedder=FakeEmbedder())
    (tmp_path / "cache.sqlite3").write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    first = check_documents(_docs(), Settings(cache_dir=str(tmp_path)), embedder=FakeEmbedder())
    again = FakeEmbedder()
    second = check_documents(_docs(), Settings(cache_dir=str(tmp_path)), embedder=again)
    assert first == fresh and second == fresh
    assert again.calls == []  # the replaced cache now serves every vector


# --- corrupt entries -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "blob",
    [
        np.array([1.0, 0.0], dtype=np.float32).tobytes(),  # unit length, wrong dimension
        np.full(64, 0.5, dtype=np.float32).tobytes(),  # right dimension, not a unit vector
        np.full(64, np.nan, dtype=np.float32).tobytes(),
        b"\x00\x01\x02",  # not a whole number of float32s
        b"",
    ],
    ids=["wrong-length", "non-unit", "nan", "odd-bytes", "empty"],
)
def test_corrupt_vector_is_recomputed_and_rewritten(tmp_path, blob):
    texts = ["first sentence here", "second sentence here", "third one"]
    fake = FakeEmbedder()
    cache = Cache(tmp_path)
    expected = embed_cached(texts, fake, cache)
    cache.put_many([(text_key(fake.model_id, texts[1]), blob)])
    fake.calls.clear()
    got = embed_cached(texts, fake, cache)
    assert fake.calls == [texts[1]]
    np.testing.assert_allclose(got, expected, atol=1e-6)
    fake.calls.clear()
    embed_cached(texts, fake, cache)
    assert fake.calls == []
    cache.close()


def test_every_chunk_is_stored_when_embed_cached_returns_and_a_failed_store_is_raised(tmp_path):
    texts = [f"sentence number {i}" for i in range(1200)]  # three chunks of at most 512, stored by a writer thread
    fake = FakeEmbedder()
    cache = Cache(tmp_path)
    embed_cached(texts, fake, cache)
    assert len(cache.get_many([text_key(fake.model_id, t) for t in texts])) == len(texts)
    cache.close()

    class Broken(Cache):
        def put_many(self, items):
            raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError, match="disk gone"):
        embed_cached(texts, FakeEmbedder(), Broken(tmp_path / "other"))


def test_wrong_length_vector_is_recomputed_when_everything_else_is_cached(tmp_path):
    texts = [f"sentence number {i}" for i in range(5)]
    fake = FakeEmbedder()
    cache = Cache(tmp_path)
    expected = embed_cached(texts, fake, cache)
    unit = np.zeros(32, dtype=np.float32)
    unit[3] = 1.0
    cache.put_many([(text_key(fake.model_id, texts[2]), unit.tobytes())])
    fake.calls.clear()
    got = embed_cached(texts, fake, cache)
    assert got.shape == (5, 64) and fake.calls == [texts[2]]
    np.testing.assert_allclose(got, expected, atol=1e-6)
    cache.close()


@pytest.mark.parametrize(
    "blob",
    [
        b"{not json",
        b"\xff\xfe",
        b"null",
        b"5",
        b'"text"',
        b"[1, 2]",
        b'{"type": "number"}',
        b'[{"type": "number"}]',
        b'[{"type": "number", "text": "x", "value": "1", "bogus": 1}]',
    ],
)
def test_corrupt_facts_entry_is_recomputed(tmp_path, blob):
    docs = _docs()
    cache = Cache(tmp_path)
    expected = build_claims(docs, cache)
    doc = docs[0]
    sentence = segment(doc)[0]
    cache.put_many([(text_key(f"{FACTS_VERSION}|{doc.published}", sentence.text), blob)])
    got = build_claims(docs, cache)
    assert got == expected
    stored = cache.get_many([text_key(f"{FACTS_VERSION}|{doc.published}", sentence.text)])
    assert json.loads(next(iter(stored.values())))  # rewritten with real facts
    cache.close()
