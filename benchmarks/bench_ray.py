"""Benchmark the Ray engine beside the local run on the bench.py corpus: stage times, per-process CPU and peak memory.

Each run is a child process with a cold cache of its own. For the Ray run, the parent samples every process the child
starts (raylet, GCS, workers, actors) from /proc: peak RSS (VmHWM), CPU seconds and the Ray process titles seen.
Both children write the JSON report; its SHA-256 shows whether the bytes are the same. Typical use, from the root:

    .venv/bin/python benchmarks/bench_ray.py --sizes 1000,10000 --json-out benchmarks/results-ray.json

`--report F.json` re-renders saved results. Needs the ray extra (pip install -e '.[ray]').
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import _prebuild, build_corpus  # the corpus of bench.py, same seed; the ONNX export done once

TICK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------------------------
# child: one run, stage wall times from the pipeline's on_stage hook
# ---------------------------------------------------------------------------------------------------------------
def child(engine: str, corpus: str, cache: str, result: str, num_cpus: int, backend: str | None) -> None:
    from factcheck.pipeline import Settings, make_embedder, run_check
    from factcheck.render import render

    stages: dict[str, float] = {}
    cpu: dict[str, float] = {}
    clock = [time.process_time()]

    def on_stage(name: str, seconds: float) -> None:
        stages[name] = stages.get(name, 0.0) + seconds
        cpu[name] = cpu.get(name, 0.0) + time.process_time() - clock[0]
        clock[0] = time.process_time()

    settings = Settings(cache_dir=cache, backend=backend)
    t0 = time.perf_counter()
    if engine == "ray":
        from factcheck.engines.ray_engine import RayOptions, ray_session, run_ray_check

        options = RayOptions(num_cpus=num_cpus)
        with ray_session(options):
            stages["cluster start"] = time.perf_counter() - t0
            clock[0] = time.process_time()
            report = run_ray_check([corpus], settings, options, on_stage=on_stage)
    else:
        report = run_check([corpus], settings, on_stage=on_stage)
    total = time.perf_counter() - t0
    text = render(report, "json")
    out = {
        "docs": len(report.documents),
        "claims": len(report.claims),
        "stages": stages,
        "driver_cpu": cpu,
        "total": total,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "backend": getattr(make_embedder(settings), "cache_id", "torch").replace("|", " "),
    }
    Path(result).write_text(json.dumps(out))


# ---------------------------------------------------------------------------------------------------------------
# parent: /proc sampling of the child's process tree
# ---------------------------------------------------------------------------------------------------------------
def _tree(root: int) -> list[int]:
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                parent[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += [p for p, pp in parent.items() if pp == pid]
    return out


def _sample(pid: int) -> tuple[str, float, float] | None:
    """(title, peak RSS MiB, CPU s) of one process."""
    try:
        title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:300]
        status = Path(f"/proc/{pid}/status").read_text()
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return title, hwm / 1024.0, (int(stat[11]) + int(stat[12])) / TICK


class Sampler(threading.Thread):
    """Polls the process tree of `root` until stopped; keeps the last sample and every title of each process."""

    def __init__(self, root: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.root, self.every, self.stop = root, every, threading.Event()
        self.seen: dict[int, dict] = {}

    def run(self) -> None:
        while not self.stop.is_set():
            for pid in _tree(self.root):
                got = _sample(pid)
                if got is None:
                    continue
                title, rss, cpu = got
                rec = self.seen.setdefault(pid, {"titles": [], "rss_mb": 0.0, "cpu_s": 0.0})
                if title and title not in rec["titles"]:
                    rec["titles"].append(title)
                rec["rss_mb"], rec["cpu_s"] = max(rec["rss_mb"], rss), max(rec["cpu_s"], cpu)
            self.stop.wait(self.every)


def spawn(args: list[str], sample: bool) -> tuple[float, float, list[dict]]:
    """Run this script as a child: (wall s, peak RSS MiB of the child itself, sampled processes)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args])
    sampler = Sampler(proc.pid) if sample else None
    if sampler:
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if sampler:
        sampler.stop.set()
        sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child {args[1]} failed")
    procs = sorted(sampler.seen.values(), key=lambda r: -r["rss_mb"]) if sampler else []
    return wall, usage.ru_maxrss / 1024.0, procs


ROLES = {"EmbedWorker": "embed actor", "ClaimsWorker": "extract actor", "read_files": "ingest task worker"}


def role(titles: list[str]) -> str:
    """A short name for a sampled process: its last Ray title (actor or task), else its program or script."""
    named = [t.strip()[5:] for t in titles if t.startswith("ray::") and "IDLE" not in t]
    if named:
        last = named[-1].split(".")[0]
        return next((name for key, name in ROLES.items() if key in last), last.strip("_"))
    words = titles[0].split() if titles else ["?"]
    scripts = [w for w in words[1:] if w.endswith(".py")]
    return "driver" if "bench_ray.py" in titles[0] else Path(scripts[0] if scripts else words[0]).name


def render(results: list[dict]) -> str:
    lines = []
    for r in results:
        none = {"stages": {}, "driver_cpu": {}, "total": 0.0, "sha256": "-", "docs": 0, "claims": 0}
        loc, ray = r.get("local", none), r.get("ray", none)
        same = "yes" if loc["sha256"] == ray["sha256"] else "NO" if "-" not in (loc["sha256"], ray["sha256"]) else "-"
        backend = loc.get("backend") or ray.get("backend") or "torch (sentence-transformers; before the ONNX default)"
        lines += [f"### {r['size']:,} sentences ({loc['docs']} documents, {loc['claims']} claims)", ""]
        lines += [f"Embedding backend: {backend}", ""]
        lines += ["| stage, wall s (CPU s of the driver) | local | ray (2-CPU local cluster) |", "|---|---:|---:|"]
        for stage in ("cluster start", "ingest", "segment", "extract", "embed", "group", "compare"):
            cells = [
                f"{x['stages'].get(stage, 0):.2f} ({x.get('driver_cpu', {}).get(stage, 0):.1f})" for x in (loc, ray)
            ]
            lines.append(f"| {stage} | {cells[0]} | {cells[1]} |")
        lines.append(f"| **total** | **{loc['total']:.1f}** | **{ray['total']:.1f}** |")
        lines.append(f"| process wall incl. imports | {r.get('local_wall', 0):.1f} | {r.get('ray_wall', 0):.1f} |")
        lines += [f"| peak RSS, driver (MiB) | {r.get('local_rss', 0):.0f} | {r.get('ray_rss', 0):.0f} |", ""]
        lines += [
            f"JSON report identical: **{same}**",
            "",
            "| Ray process | peak RSS (MiB) | CPU s |",
            "|---|---:|---:|",
        ]
        for p in r.get("ray_procs", []):
            if p["cpu_s"] >= 0.5 or p["rss_mb"] >= 200:
                lines.append(f"| {role(p['titles'])} | {p['rss_mb']:.0f} | {p['cpu_s']:.1f} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--num-cpus", type=int, default=2, help="CPUs of the local Ray cluster")
    p.add_argument("--json-out")
    p.add_argument("--report", nargs="+", help="only render saved --json-out files")
    p.add_argument("--workdir")
    p.add_argument("--engines", default="local,ray", help="which runs, in this order (e.g. ray,local)")
    p.add_argument("--backend", help="embedding backend (onnx, onnx-int8, torch; default: the default)")
    p.add_argument("--child", choices=("local", "ray"), help=argparse.SUPPRESS)
    p.add_argument("--corpus", help=argparse.SUPPRESS)
    p.add_argument("--cache", help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.child:
        child(a.child, a.corpus, a.cache, a.result, a.num_cpus, a.backend)
        return 0
    if a.report:
        print(render([r for f in a.report for r in json.loads(Path(f).read_text())["results"]]))
        return 0
    work = Path(a.workdir or tempfile.mkdtemp(prefix="factcheck-bench-ray-"))
    results = []
    store, _ = _prebuild(work, a.backend)  # the one-time ONNX export is not part of a cold run
    for n in [int(x) for x in a.sizes.split(",") if x.strip()]:
        corpus = work / f"corpus-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        build_corpus(n, corpus)
        r: dict = {"size": n}
        for engine in a.engines.split(","):
            cache, res = work / f"cache-{engine}-{n}", work / f"{engine}-{n}.json"
            shutil.rmtree(cache, ignore_errors=True)
            if store is not None:
                cache.mkdir(parents=True)
                (cache / "onnx").symlink_to(store / "onnx", target_is_directory=True)
            args = ["--child", engine, "--corpus", str(corpus), "--cache", str(cache), "--result", str(res)]
            args += ["--backend", a.backend] if a.backend else []
            wall, rss, procs = spawn([*args, "--num-cpus", str(a.num_cpus)], sample=engine == "ray")
            r[engine], r[f"{engine}_wall"], r[f"{engine}_rss"] = json.loads(res.read_text()), wall, rss
            if engine == "ray":
                r["ray_procs"] = procs
            print(f"[bench-ray] {n} {engine}: {r[engine]['total']:.1f}s, driver rss {rss:.0f} MiB", file=sys.stderr)
        results.append(r)
        if a.json_out:
            Path(a.json_out).write_text(json.dumps({"results": results}, indent=1))
    print(render(results))
    if not a.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
