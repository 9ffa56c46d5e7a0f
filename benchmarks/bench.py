"""Benchmark factcheck at 1k / 10k / 100k sentences and compare with the all-pairs + agglomerative baseline.

Prints Markdown tables (not a timed test). Every measured run happens in its own child process so that peak RSS
(``ru_maxrss`` from ``os.wait4``) belongs to that run alone. Typical use, from the repository root:

    .venv/bin/python benchmarks/bench.py --sizes 1000,10000

Options worth knowing: ``--skip-baseline``, ``--skip-warm``, ``--bare-max N`` (bare-model encode on at most N of
the texts; default all), ``--json-out F`` (raw results), ``--report F.json ...`` (re-render saved results),
``--profile DIR`` (cProfile of each cold run). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "fixtures"
PER_DOC = 20  # sentences per generated document
SEED = 20240611

# --------------------------------------------------------------------------------------------------------------
# corpus: deterministic documents built from the shared data sets (and the fixtures), grouped by story so that
# several documents state the same things (cross-document matches), re-worded in later rounds to reach 100k.
# --------------------------------------------------------------------------------------------------------------
_LOWER_OK = frozenset(
    ["the", "a", "an", "it", "he", "she", "they", "we", "this", "that", "there", "police", "officials", "authorities"]
)
_PREFIXES = (
    "On Monday, ",
    "On Tuesday, ",
    "Earlier today, ",
    "Late on Friday, ",
    "In a statement, ",
    "Meanwhile, ",
    "Separately, ",
    "On Sunday, ",
    "Last week, ",
    "Overnight, ",
)
_SUFFIXES = (
    ", officials said.",
    ", according to local media.",
    ", a spokesman said.",
    ", reports said.",
    ", witnesses said.",
    ", the agency said.",
    ", sources told reporters.",
    ", the ministry said.",
    ", according to a statement.",
    ", police said.",
)
_NUM = re.compile(r"\d+")


def _stories(log: list[str]) -> list[tuple[str, list[list[str]]]]:
    """(story name, documents as sentence lists); documents of one story overlap in content."""
    import nupunkt

    stories: list[tuple[str, list[list[str]]]] = []
    if DATA.is_dir():
        ecb = sorted((DATA / "ecbplus-val").glob("*/*.txt"))
        by_topic: dict[str, list[list[str]]] = {}
        for f in ecb:
            sents = [
                s.strip()
                for line in f.read_text(encoding="utf-8").splitlines()
                if line.strip()
                for s in nupunkt.sent_tokenize(line)
                if s.strip()
            ]
            by_topic.setdefault(f.parent.name, []).append(sents)
        stories += [(f"ecb{t}", docs) for t, docs in sorted(by_topic.items())]
        pairs: list[tuple[str, list[tuple[str, str]]]] = []
        for f in sorted((DATA / "sts-headlines").glob("*.tsv")):
            rows = [
                r for r in csv.reader(f.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) >= 3
            ]
            pairs.append((f"sts{f.stem[-4:]}", [(r[1], r[2]) for r in rows]))
        msrp = DATA / "msrp" / "msr-para-test.tsv"
        if msrp.exists():
            rows = list(csv.reader(msrp.open(encoding="utf-8-sig"), delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
            pairs.append(("msrp", [(r[3], r[4]) for r in rows if len(r) >= 5]))
        rte = DATA / "rte3-dev" / "rte3-dev-3way.jsonl"
        if rte.exists():
            recs = [json.loads(line) for line in rte.open(encoding="utf-8") if line.strip()]
            pairs.append(("rte", [(r["text"], r["hypothesis"]) for r in recs]))
        for name, rows in pairs:
            for k in range(0, len(rows), PER_DOC):
                chunk = rows[k : k + PER_DOC]
                a = [s for x, _ in chunk for s in nupunkt.sent_tokenize(x)]
                b = [s for _, y in chunk for s in nupunkt.sent_tokenize(y)]
                stories.append((f"{name}-{k // PER_DOC}", [a, b]))
    else:
        log.append(f"{DATA} is absent: the corpus is built from the fixtures only (few distinct sentences).")
    from factcheck.ingest import load_documents
    from factcheck.segment import segment

    for d in sorted(FIXTURES.glob("*/docs")):
        docs = [[s.text for s in segment(doc)] for doc in load_documents([str(d)]) if not doc.skipped]
        stories.append((f"fx-{d.parent.name}", [x for x in docs if x]))
    return stories


def _clean(s: str) -> str:
    s = " ".join(s.split())
    if s and s[-1] not in ".!?\"'”’)":
        s += "."
    return s


def _variant(s: str, rng: random.Random) -> str:
    """A re-worded copy: numbers nudged, and an attribution or time phrase added (as another outlet might)."""
    s = _NUM.sub(
        lambda m: str(max(1, int(m.group()) + rng.choice((-2, -1, 1, 2, 3)))) if len(m.group()) < 5 else m.group(), s
    )
    if rng.random() < 0.5:
        first, _, rest = s.partition(" ")
        if first.lower() in _LOWER_OK:
            first = first.lower()
        return rng.choice(_PREFIXES) + first + (" " + rest if rest else "")
    body = s.rstrip(".!?")
    if body.endswith(('"', "”")):
        return rng.choice(_PREFIXES) + s
    return body + rng.choice(_SUFFIXES)


def build_corpus(n: int, out: Path, seed: int = SEED) -> dict:
    """Write about `n` sentences as .txt documents (~PER_DOC sentences each) under `out`; deterministic."""
    log: list[str] = []
    stories = _stories(log)
    rng = random.Random(seed)
    order = list(range(len(stories)))
    rng.shuffle(order)
    seen: set[str] = set()
    total = 0
    docs_written = 0
    rounds = 0
    out.mkdir(parents=True, exist_ok=True)
    while total < n:
        added = 0
        for si in order:
            name, docs = stories[si]
            for di, sents in enumerate(docs):
                if total >= n:
                    break
                lines = []
                for s in sents:
                    s = _clean(s)
                    for _ in range(20):
                        cand = s if rounds == 0 else _clean(_variant(s, rng))
                        if cand not in seen:
                            break
                    else:
                        continue
                    seen.add(cand)
                    lines.append(cand)
                    if total + len(lines) >= n:
                        break
                for k in range(0, len(lines), PER_DOC):
                    part = lines[k : k + PER_DOC]
                    paras = ["  ".join(part[p : p + 4]) for p in range(0, len(part), 4)]
                    path = out / f"{name}-r{rounds}-d{di}-{k // PER_DOC}.txt"
                    path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
                    docs_written += 1
                total += len(lines)
                added += len(lines)
            if total >= n:
                break
        rounds += 1
        if added == 0:
            log.append("ran out of distinct sentences")
            break
    return {"sentences_written": total, "documents": docs_written, "rounds": rounds, "notes": log}


# --------------------------------------------------------------------------------------------------------------
# child processes
# --------------------------------------------------------------------------------------------------------------
def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class _TimedEmbedder:
    """Wraps the configured embedder: time spent loading the model and inside `embed`, and texts encoded."""

    def __init__(self, settings) -> None:
        from factcheck.pipeline import make_embedder

        self.inner = make_embedder(settings)
        self.model_id = self.inner.model_id
        self.cache_id = getattr(self.inner, "cache_id", self.model_id)
        self.load = self.encode = 0.0
        self.texts = 0
        self.loaded = False

    def _load(self):
        """The model (sentence-transformers) or the session and tokenizer (ONNX)."""
        return self.inner.load() if hasattr(self.inner, "load") else self.inner._load()

    def embed(self, texts):
        if not self.loaded:  # the pipeline loads the model lazily, inside its first embed call
            t0 = time.perf_counter()
            self._load()
            self.load, self.loaded = time.perf_counter() - t0, True
        t0 = time.perf_counter()
        out = self.inner.embed(texts)
        self.encode += time.perf_counter() - t0
        self.texts += len(texts)
        return out


class _StageClock:
    """The pipeline's `on_stage` hook: wall seconds per stage, and the process CPU seconds between calls."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.cpu_clock = time.process_time()

    def __call__(self, name: str, seconds: float) -> None:
        now = time.process_time()
        self.wall[name] = self.wall.get(name, 0.0) + seconds
        self.cpu[name] = self.cpu.get(name, 0.0) + now - self.cpu_clock
        self.cpu_clock = now


def child_pipeline(
    corpus: str, cache_dir: str, result: str, bare_max: int, vectors_out: str | None, backend: str | None
) -> None:
    """Run the pipeline once, timing each stage through its `on_stage` hook; then the bare model on the same texts."""
    entry = time.perf_counter()  # before factcheck is imported: the process total counts imports, as a user waits
    from factcheck.extract.spacy_build import profiling_hooks
    from factcheck.pipeline import Settings, run_check
    from factcheck.render import render

    settings = Settings(cache_dir=cache_dir, backend=backend)
    clock, embedder = _StageClock(), _TimedEmbedder(settings)
    start = time.perf_counter()
    report = run_check([corpus], settings, embedder=embedder, on_stage=clock)
    t0 = time.perf_counter()
    md = render(report, "md")
    clock("render", time.perf_counter() - t0)
    total = time.perf_counter() - start
    texts = [c.text for c in report.claims]
    res = {
        "process_total": time.perf_counter() - entry,
        "backend": getattr(embedder.inner, "cache_id", "torch").replace("|", " "),
        "docs": len(report.documents),
        "sentences": len(report.claims),
        "claims": len(report.claims),
        "unique_texts": len(set(texts)),
        "clusters": len(report.clusters),
        "findings": len(report.findings),
        "report_chars": len(md),
        "stages": clock.wall,
        "total": total,
        "encode_inside": embedder.encode,
        "encoded_texts": embedder.texts,
        "model_load": embedder.load,
        "stage_cpu": clock.cpu,
        "rss_pipeline_mb": _rss_mb(),
        "max_cluster": max((len(c.claims) for c in report.clusters), default=0),
        "spacy_hooks": profiling_hooks(),  # its wheel for Python < 3.12 has them
    }
    if embedder.texts and bare_max >= 0:
        res.update(_bare_encode(embedder, texts, bare_max))
    if vectors_out:
        _save_vectors(settings, embedder, texts, vectors_out)
    Path(result).write_text(json.dumps(res))


def _bare_encode(embedder: _TimedEmbedder, texts: list[str], bare_max: int) -> dict:
    """The bare model on the same texts (all, or a seeded sample of bare_max): sentence-transformers `encode`,
    batch_size 64, for torch; the embedder's own `embed` (no cache) for ONNX."""
    model = embedder._load()
    sample = sorted(set(texts))
    if bare_max and len(sample) > bare_max:
        sample = random.Random(SEED).sample(sample, bare_max)
    t0, c0 = time.perf_counter(), time.process_time()
    if hasattr(model, "encode"):
        model.encode(sample, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    else:
        embedder.inner.embed(sorted(sample, key=len))
    return {"bare_encode": time.perf_counter() - t0, "bare_cpu": time.process_time() - c0, "bare_texts": len(sample)}


def _save_vectors(settings, embedder: _TimedEmbedder, texts: list[str], path: str) -> None:
    """The run's vectors for the baseline, read back from the run's cache (untimed)."""
    import numpy as np

    from factcheck.embed import embed_cached

    cache = settings.cache()
    try:
        np.save(path, embed_cached(texts, embedder.inner, cache))
    finally:
        cache.close()


def child_obvious(corpus: str, result: str, threshold: float) -> None:
    """The obvious pipeline (benchmarks/obvious.py) over the same corpus, timed from before its imports."""
    entry = time.perf_counter()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import obvious

    res = obvious.run(corpus, threshold, entry)
    res["rss_mb"] = _rss_mb()
    Path(result).write_text(json.dumps(res))


def child_baseline(vectors_in: str, result: str, threshold: float) -> None:
    """The obvious alternative: n x n cosine matrix, then average-link agglomerative clustering (scipy)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    v = np.load(vectors_in)
    t0 = time.perf_counter()
    sims = v @ v.T  # n x n float32
    t_sim = time.perf_counter() - t0
    np.subtract(1.0, sims, out=sims)
    np.fill_diagonal(sims, 0.0)
    np.clip(sims, 0.0, 2.0, out=sims)
    cond = squareform(sims, checks=False)  # condensed float32 (n(n-1)/2); linkage converts to float64
    del sims
    z = linkage(cond, method="average")
    labels = fcluster(z, t=1.0 - threshold, criterion="distance")
    total = time.perf_counter() - t0
    Path(result).write_text(json.dumps({"sim": t_sim, "total": total, "clusters": int(labels.max()), "n": len(v)}))


def _prebuild(work: Path, backend: str | None) -> tuple[Path | None, float | None]:
    """Export the ONNX model once into work/model-store (timed; not part of any cold run); None for torch."""
    if backend == "torch":
        return None, None
    store = work / "model-store"
    code = (
        "import sys; from factcheck.pipeline import Settings, make_embedder; "
        "e = make_embedder(Settings(cache_dir=sys.argv[1], backend=sys.argv[2] or None)); "
        "getattr(e, 'model_file', lambda: None)()"
    )
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(store), backend or ""], check=True)
    took = time.perf_counter() - t0
    print(f"[bench] ONNX model exported in {took:.1f}s", file=sys.stderr)
    (store / "onnx").mkdir(parents=True, exist_ok=True)
    return store, took


def _alternate(corpus: Path, work: Path, store: Path | None, backend_args: list[str], times: int) -> list[dict]:
    """More cold pairs, the obvious pipeline first this time, each factcheck run with a fresh cache."""
    pairs = []
    for i in range(times):
        cache = work / f"cache-pair-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        if store is not None:
            cache.mkdir(parents=True)
            (cache / "onnx").symlink_to(store / "onnx", target_is_directory=True)
        env = dict(os.environ, FACTCHECK_CACHE=str(cache))
        obvious = _obvious(corpus, work / f"obvious-pair-{i}.json", env)
        res = work / f"cold-pair-{i}.json"
        args = ["--child", "pipeline", "--corpus", str(corpus), "--cache", str(cache), "--result", str(res)]
        _, _, rc = _spawn([*args, "--bare-max", "-1", *backend_args], env)
        if rc == 0 and "obvious" in obvious:
            cold = json.loads(res.read_text())
            pairs.append(
                {"factcheck": cold["process_total"], "obvious": obvious["obvious"]["total"], "outside": _overhead(cold)}
            )
        shutil.rmtree(cache, ignore_errors=True)
    return pairs


def _obvious(corpus: Path, res: Path, env: dict) -> dict:
    """Run the obvious pipeline in its own child; its results, wall time, peak RSS and load average."""
    wall, rss, rc = _spawn(["--child", "obvious", "--corpus", str(corpus), "--result", str(res)], env)
    if rc != 0:
        return {"obvious_note": f"failed (exit {rc}; needs the bench extra: pysbd, scikit-learn)"}
    out = json.loads(res.read_text())
    print(f"[bench] obvious pipeline {out['total']:.1f}s", file=sys.stderr)
    return {"obvious": out, "obvious_wall": wall, "obvious_rss_mb": rss, "obvious_load": _LAST_CPU.get("load")}


def _spawn(args: list[str], env: dict | None = None, profile: str | None = None) -> tuple[float, float, int]:
    """Run this script as a child; return (wall seconds, peak RSS MiB, exit status).

    Also prints the child's CPU time and the load average, so that a run slowed by other processes on a shared
    machine can be recognised (torch uses all cores: CPU/wall well below the core count during a long embed
    stage means it was starved)."""
    cmd = [sys.executable]
    if profile:
        cmd += ["-m", "cProfile", "-o", profile]
    cmd += [str(Path(__file__).resolve())] + args
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    _LAST_CPU.update(cpu=cpu, wall=wall, load=os.getloadavg())
    print(
        f"[bench]   child {args[1]}: wall {wall:.1f}s cpu {cpu:.1f}s, load average {os.getloadavg()}", file=sys.stderr
    )
    return wall, usage.ru_maxrss / 1024.0, proc.returncode


_LAST_CPU: dict = {}


def help_startup(runs: int = 5) -> float:
    exe = ROOT / ".venv" / "bin" / "factcheck"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd + ["--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# --------------------------------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------------------------------
def _f(x: float | None, nd: int = 1) -> str:
    return "–" if x is None else f"{x:.{nd}f}"


def render_tables(results: list[dict], help_s: float | None) -> str:
    lines = []
    results = sorted(results, key=lambda r: r["size"])
    sizes = [r for r in results if r.get("cold")]
    if sizes:
        head = "| stage (s) | " + " | ".join(f"{r['size']:,}" for r in sizes) + " |"
        lines += ["### Cold run, wall time per stage", "", head, "|---|" + "---:|" * len(sizes)]
        for key, label in (
            ("docs", "documents"),
            ("sentences", "sentences (segmented)"),
            ("unique_texts", "distinct claim texts"),
        ):
            lines.append(f"| {label} | " + " | ".join(f"{r['cold'][key]:,}" for r in sizes) + " |")
        for st in ("ingest", "segment", "extract", "embed", "group", "compare", "render"):
            lines.append(f"| {st} | " + " | ".join(_f(r["cold"]["stages"].get(st), 2) for r in sizes) + " |")
        lines.append("| **end-to-end** | " + " | ".join(f"**{_f(r['cold']['total'], 1)}**" for r in sizes) + " |")
        lines.append(
            "| sentences/s end-to-end | "
            + " | ".join(_f(r["cold"]["sentences"] / r["cold"]["total"], 0) for r in sizes)
            + " |"
        )
        lines.append(
            "| … of which model load (inside embed) | "
            + " | ".join(_f(r["cold"].get("model_load"), 1) for r in sizes)
            + " |"
        )
        lines.append(
            "| … of which inside `encode` | " + " | ".join(_f(r["cold"]["encode_inside"], 1) for r in sizes) + " |"
        )
        lines.append(
            "| pipeline embed throughput (texts/s, embed stage) | "
            + " | ".join(_f(_pipe_tp(r["cold"]), 0) for r in sizes)
            + " |"
        )
        lines.append(
            "| bare model (texts/s; torch: `encode` batch 64, ONNX: `embed`) | "
            + " | ".join(
                _f(r["cold"]["bare_texts"] / r["cold"]["bare_encode"], 0) if r["cold"].get("bare_encode") else "–"
                for r in sizes
            )
            + " |"
        )
        lines.append(
            "| ratio pipeline / bare embedding throughput | " + " | ".join(_ratio(r["cold"]) for r in sizes) + " |"
        )
        lines.append(
            "| overhead outside the model (% of end-to-end) | "
            + " | ".join(_f(100 * _overhead(r["cold"]), 1) + " %" for r in sizes)
            + " |"
        )
        lines.append(
            "| overhead with model time at bare-encode speed (%) | "
            + " | ".join(
                (_f(100 * _overhead_norm(r["cold"]), 1) + " %") if r["cold"].get("bare_encode") else "–" for r in sizes
            )
            + " |"
        )
        lines.append(
            "| extract share of end-to-end | "
            + " | ".join(_f(100 * r["cold"]["stages"]["extract"] / r["cold"]["total"], 1) + " %" for r in sizes)
            + " |"
        )
        lines.append(
            "| peak RSS, pipeline (MiB) | " + " | ".join(_f(r["cold"]["rss_pipeline_mb"], 0) for r in sizes) + " |"
        )
        lines.append(
            "| peak RSS, child process incl. bare encode (MiB) | "
            + " | ".join(_f(r["cold_rss_mb"], 0) for r in sizes)
            + " |"
        )
        lines.append(
            "| embed stage CPU s / wall s (2 = both cores) | "
            + " | ".join(
                _f(r["cold"]["stage_cpu"]["embed"] / r["cold"]["stages"]["embed"], 2)
                if r["cold"].get("stage_cpu")
                else "–"
                for r in sizes
            )
            + " |"
        )
        lines.append(
            "| bare encode CPU s / wall s | "
            + " | ".join(
                _f(r["cold"]["bare_cpu"] / r["cold"]["bare_encode"], 2) if r["cold"].get("bare_cpu") else "–"
                for r in sizes
            )
            + " |"
        )
        lines.append(
            "| cold child CPU s / wall s (cores busy; 2 = all) | "
            + " | ".join(_f(r["cold_cpu"] / r["cold_wall"], 2) if r.get("cold_cpu") else "–" for r in sizes)
            + " |"
        )
        lines.append(
            "| clusters / findings / largest cluster | "
            + " | ".join(
                f"{r['cold']['clusters']:,} / {r['cold']['findings']:,} / {r['cold']['max_cluster']}" for r in sizes
            )
            + " |"
        )
        warm = [r for r in sizes if r.get("warm")]
        if warm:
            lines.append(
                "| warm rerun end-to-end (s, stages) | "
                + " | ".join(_f(r["warm"]["total"], 1) if r.get("warm") else "–" for r in sizes)
                + " |"
            )
            lines.append(
                "| warm rerun process wall (s, incl. imports) | "
                + " | ".join(_f(r.get("warm_wall"), 1) for r in sizes)
                + " |"
            )
            lines.append(
                "| warm / cold (stages) | "
                + " | ".join(
                    (_f(100 * r["warm"]["total"] / r["cold"]["total"], 1) + " %") if r.get("warm") else "–"
                    for r in sizes
                )
                + " |"
            )
            lines.append(
                "| warm rerun peak RSS (MiB) | " + " | ".join(_f(r.get("warm_rss_mb"), 0) for r in sizes) + " |"
            )
        lines.append("")
    base = [r for r in results if r.get("baseline") or r.get("baseline_note")]
    if base:
        lines += [
            "### Baseline: n×n cosine matrix + scipy average-link clustering (embedding excluded)",
            "",
            "| size | factcheck group+compare (s) | baseline n×n + linkage (s) | baseline peak RSS (MiB) "
            "| factcheck pipeline peak RSS (MiB) | n×n float32 matrix |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for r in base:
            n = r["cold"]["unique_texts"] if r.get("cold") else r["size"]
            gc = (r["cold"]["stages"]["group"] + r["cold"]["stages"]["compare"]) if r.get("cold") else None
            b = r.get("baseline")
            mat = n * n * 4 / 2**30
            lines.append(
                f"| {r['size']:,} | {_f(gc, 2)} | {_f(b['total'], 2) if b else r.get('baseline_note')} | "
                f"{_f(r.get('baseline_rss_mb'), 0) if b else '–'} | "
                f"{_f(r['cold']['rss_pipeline_mb'], 0) if r.get('cold') else '–'} | {mat:.2f} GiB |"
            )
        lines.append("")
    lines += _obvious_table(results)
    if help_s is not None:
        lines += [f"`factcheck --help` start-up: median of 5 runs **{help_s:.2f} s**", ""]
    return "\n".join(lines)


def _obvious_table(results: list[dict]) -> list[str]:
    """factcheck's cold run beside the obvious pipeline's, both timed from before their imports, and the ratio."""
    both = [r for r in results if r.get("cold") and r.get("obvious")]
    if not both:
        return [f"Obvious pipeline: {r['obvious_note']}" for r in results if r.get("obvious_note")]
    head = "| cold, same corpus | " + " | ".join(f"{r['size']:,}" for r in both) + " |"
    lines = ["### factcheck and the obvious pipeline (pysbd + sentence-transformers + scikit-learn)", "", head]
    lines.append("|---|" + "---:|" * len(both))
    rows = [
        ("factcheck backend", lambda r: r["cold"].get("backend", "torch")),
        ("factcheck spaCy build", lambda r: _hooks(r["cold"].get("spacy_hooks"))),
        ("factcheck sentences", lambda r: f"{r['cold']['sentences']:,}"),
        ("obvious sentences (pysbd)", lambda r: f"{r['obvious']['sentences']:,}"),
        ("factcheck end-to-end incl. imports (s)", lambda r: _f(r["cold"].get("process_total"), 1)),
        ("obvious end-to-end incl. imports (s)", lambda r: _f(r["obvious"]["total"], 1)),
    ]
    steps = sorted({k for r in both for k in r["obvious"]["steps"]}, key=list(both[0]["obvious"]["steps"]).index)
    rows += [(f"… obvious: {k}", lambda r, k=k: _f(r["obvious"]["steps"].get(k), 2)) for k in steps]
    rows += [
        (
            "obvious clusters / with 2+ sentences",
            lambda r: f"{r['obvious']['clusters']:,} / {r['obvious']['multi_clusters']:,}",
        ),
        ("factcheck sentences/s", lambda r: _f(r["cold"]["sentences"] / r["cold"]["process_total"], 0)),
        ("obvious sentences/s", lambda r: _f(r["obvious"]["sentences"] / r["obvious"]["total"], 0)),
        (
            "**throughput ratio on the corpus (obvious time / factcheck time)**",
            lambda r: f"**{r['obvious']['total'] / r['cold']['process_total']:.2f}x**",
        ),
        ("peak RSS factcheck / obvious (MiB)", lambda r: f"{r['cold_rss_mb']:.0f} / {r['obvious_rss_mb']:.0f}"),
        (
            "load average after factcheck / after obvious (1 min)",
            lambda r: f"{(r.get('cold_load') or [0])[0]:.1f} / {(r.get('obvious_load') or [0])[0]:.1f}",
        ),
        ("one-time ONNX export, not in either run (s)", lambda r: _f(r.get("export_s"), 1)),
        ("alternating cold pairs: factcheck s / obvious s", lambda r: _pairs(r.get("pairs") or [])),
        ("**median ratio over the pairs**", lambda r: _median_ratio(r.get("pairs") or [])),
        (
            "outside the model, each factcheck run of the pairs (% of end-to-end)",
            lambda r: _outside(r.get("pairs") or []),
        ),
    ]
    lines += [f"| {label} | " + " | ".join(get(r) for r in both) + " |" for label, get in rows]
    return lines + [""]


def _pairs(pairs: list[dict]) -> str:
    return ", ".join(f"{p['factcheck']:.1f} / {p['obvious']:.1f}" for p in pairs) or "–"


def _hooks(on: bool | None) -> str:
    return "–" if on is None else "wheel, profiling hooks on" if on else "built without profiling hooks"


def _outside(pairs: list[dict]) -> str:
    shares = [100 * p["outside"] for p in pairs if "outside" in p]
    if not shares:
        return "–"
    return ", ".join(f"{x:.1f} %" for x in shares) + f" (**median {statistics.median(shares):.1f} %**)"


def _median_ratio(pairs: list[dict]) -> str:
    return f"**{statistics.median(p['obvious'] / p['factcheck'] for p in pairs):.2f}x**" if pairs else "–"


def _ratio(c: dict) -> str:
    if not c.get("bare_encode") or not c["encoded_texts"]:
        return "–"
    pipe = _pipe_tp(c)
    bare = c["bare_texts"] / c["bare_encode"]
    return f"{pipe / bare:.2f}"


def _pipe_tp(c: dict) -> float:
    """End-to-end embedding throughput: texts the model encoded / embed-stage time (cache, hashing, chunking and
    stacking included; the one-off model load excluded)."""
    return c["encoded_texts"] / max(1e-9, c["stages"]["embed"] - c.get("model_load", 0.0))


def _overhead_norm(c: dict) -> float:
    """Overhead share if the model had run at the bare-encode speed measured in the same process; robust to other
    processes stealing CPU during the (long) embed stage on a shared machine."""
    outside = c["total"] - c["encode_inside"] - c.get("model_load", 0.0)
    model = c["encoded_texts"] * c["bare_encode"] / c["bare_texts"] + c.get("model_load", 0.0)
    return outside / (outside + model)


def _overhead(c: dict) -> float:
    model = c["encode_inside"] + c.get("model_load", 0.0)
    return (c["total"] - model) / c["total"]


# --------------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000", help="comma-separated sentence counts (e.g. 1000,10000,100000)")
    p.add_argument("--skip-baseline", action="store_true", help="do not run the n×n + linkage baseline")
    p.add_argument(
        "--baseline-max",
        type=int,
        default=20000,
        help="largest size the baseline is run at; above it memory is stated from arithmetic",
    )
    p.add_argument("--skip-warm", action="store_true", help="no warm-cache rerun")
    p.add_argument("--skip-help", action="store_true", help="do not time `factcheck --help`")
    p.add_argument("--bare-max", type=int, default=0, help="bare-model encode on at most N texts (0: all)")
    p.add_argument("--workdir", help="where corpora and caches go (default: a fresh temp dir, removed after)")
    p.add_argument("--keep", action="store_true", help="keep the workdir")
    p.add_argument("--json-out", help="write the raw results here")
    p.add_argument("--report", nargs="+", help="only render saved --json-out files as tables")
    p.add_argument("--profile", help="folder for a cProfile of each cold run (<size>.prof)")
    p.add_argument("--seed", type=int, default=SEED)
    # internal: child modes
    p.add_argument(
        "--backend", help="factcheck embedding backend (openvino-bf16, onnx, onnx-int8, torch; default: the default)"
    )
    p.add_argument(
        "--skip-obvious", action="store_true", help="do not run the obvious pipeline (pysbd + encode + sklearn)"
    )
    p.add_argument("--repeat", type=int, default=1, help="cold factcheck / obvious pairs, alternating (median ratio)")
    p.add_argument("--child", choices=("pipeline", "baseline", "obvious"), help=argparse.SUPPRESS)
    p.add_argument("--corpus", help=argparse.SUPPRESS)
    p.add_argument("--cache", help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    p.add_argument("--vectors", help=argparse.SUPPRESS)
    a = p.parse_args(argv)

    if a.child == "pipeline":
        child_pipeline(a.corpus, a.cache, a.result, a.bare_max, a.vectors, a.backend)
        return 0
    if a.child == "obvious":
        from factcheck.pipeline import Settings

        child_obvious(a.corpus, a.result, Settings().threshold)
        return 0
    if a.child == "baseline":
        from factcheck.pipeline import Settings

        child_baseline(a.vectors, a.result, Settings().threshold)
        return 0
    if a.report:
        results, help_s = [], None
        for f in a.report:
            blob = json.loads(Path(f).read_text())
            results += blob["results"]
            help_s = blob.get("help_s") if blob.get("help_s") is not None else help_s
        print(render_tables(results, help_s))
        return 0

    work = Path(a.workdir) if a.workdir else Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        import scipy  # noqa: F401

        have_scipy = True
    except ImportError:
        have_scipy = False
    backend_args = ["--backend", a.backend] if a.backend else []
    store, export_s = _prebuild(work, a.backend)
    for n in [int(x) for x in a.sizes.split(",") if x.strip()]:
        r: dict = {"size": n, "export_s": export_s, "backend_flag": a.backend or "default"}
        corpus, cache = work / f"corpus-{n}", work / f"cache-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        if store is not None:  # the one-time ONNX export is not part of a cold run: share the built model
            cache.mkdir(parents=True)
            (cache / "onnx").symlink_to(store / "onnx", target_is_directory=True)
        t0 = time.perf_counter()
        r["corpus"] = build_corpus(n, corpus, a.seed)
        print(f"[bench] {n}: corpus {r['corpus']} built in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        env = dict(os.environ, FACTCHECK_CACHE=str(cache))
        res, vec = work / f"cold-{n}.json", work / f"vectors-{n}.npy"
        prof = str(Path(a.profile) / f"{n}.prof") if a.profile else None
        if prof:
            Path(a.profile).mkdir(parents=True, exist_ok=True)
        wall, rss, rc = _spawn(
            [
                "--child",
                "pipeline",
                "--corpus",
                str(corpus),
                "--cache",
                str(cache),
                "--result",
                str(res),
                "--bare-max",
                str(a.bare_max),
                "--vectors",
                str(vec),
                *backend_args,
            ],
            env,
            prof,
        )
        if rc != 0:
            r["error"] = f"cold run exited {rc}"
            results.append(r)
            continue
        r["cold"], r["cold_wall"], r["cold_rss_mb"] = json.loads(res.read_text()), wall, rss
        r["cold_cpu"], r["cold_load"] = _LAST_CPU.get("cpu"), _LAST_CPU.get("load")
        print(f"[bench] {n}: cold {r['cold']['total']:.1f}s, rss {rss:.0f} MiB", file=sys.stderr)
        if not a.skip_obvious:
            r.update(_obvious(corpus, work / f"obvious-{n}.json", env))
            if "obvious" in r:
                first = {
                    "factcheck": r["cold"]["process_total"],
                    "obvious": r["obvious"]["total"],
                    "outside": _overhead(r["cold"]),
                }
                r["pairs"] = [first] + _alternate(corpus, work, store, backend_args, a.repeat - 1)
        if not a.skip_warm:
            res2 = work / f"warm-{n}.json"
            wall, rss, rc = _spawn(
                [
                    "--child",
                    "pipeline",
                    "--corpus",
                    str(corpus),
                    "--cache",
                    str(cache),
                    "--result",
                    str(res2),
                    "--bare-max",
                    str(a.bare_max),
                    *backend_args,
                ],
                env,
            )
            if rc == 0:
                r["warm"], r["warm_wall"], r["warm_rss_mb"] = json.loads(res2.read_text()), wall, rss
                print(f"[bench] {n}: warm {r['warm']['total']:.1f}s", file=sys.stderr)
        if not a.skip_baseline:
            m = r["cold"]["unique_texts"]
            if not have_scipy:
                r["baseline_note"] = "scipy not installed"
            elif n > a.baseline_max:
                r["baseline_note"] = (
                    f"infeasible: n×n float32 = {m * m * 4 / 1e9:.0f} GB, condensed float64 = "
                    f"{m * (m - 1) / 2 * 8 / 1e9:.0f} GB > 24 GiB RAM"
                )
            else:
                res3 = work / f"baseline-{n}.json"
                wall, rss, rc = _spawn(["--child", "baseline", "--vectors", str(vec), "--result", str(res3)], env)
                if rc == 0:
                    r["baseline"], r["baseline_rss_mb"] = json.loads(res3.read_text()), rss
                    print(f"[bench] {n}: baseline {r['baseline']['total']:.1f}s rss {rss:.0f} MiB", file=sys.stderr)
                else:
                    r["baseline_note"] = f"failed (exit {rc})"
        results.append(r)
        if a.json_out:  # keep partial results of long runs
            Path(a.json_out).write_text(json.dumps({"results": results, "help_s": None}, indent=1))
    help_s = None if a.skip_help else help_startup()
    if a.json_out:
        Path(a.json_out).write_text(json.dumps({"results": results, "help_s": help_s}, indent=1))
    print(render_tables(results, help_s))
    if not a.keep and not a.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
