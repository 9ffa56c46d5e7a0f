"""Run `factcheck eval` over every gold set we measure on and print one table of grouping and conflict scores.

Sets: the seeds (../shared/eval/seeds.gold.json), the ECB+ validation topics with gold, the emergent-dev gold files
and the bundled fixtures. Rows give pair precision (facts file), pair recall, unique precision and recall (facts
file), conflict precision and recall and traps hit; then the mean over the ECB+ topics and the total over
emergent-dev (counts pooled over its gold files).

Usage: python scripts/eval_all.py [--shared ../shared] [--backend openvino-bf16|onnx|onnx-int8|torch] [--json-out scores.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ("set", "pair P", "pair R", "unique P", "unique R", "conflict P", "conflict R", "traps hit")


def gold_files(shared: Path) -> dict[str, list[Path]]:
    """The gold files of each group, in a fixed order; groups whose files are absent are empty."""
    seeds = shared / "eval" / "seeds.gold.json"
    return {
        "seeds": [seeds] if seeds.is_file() else [],
        "ecbplus": sorted((shared / "data" / "ecbplus-val").glob("*/gold.json"), key=lambda p: int(p.parent.name)),
        "emergent": sorted((shared / "data" / "emergent-dev").glob("*.gold.json")),
        "fixtures": sorted((ROOT / "fixtures").glob("*/gold.json")),
    }


def run_eval(golds: list[Path], backend: str | None = None) -> list[dict]:
    """One `factcheck eval` over all gold files (the model loads once); its per-set results."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        cmd = [sys.executable, "-m", "factcheck", "eval", *map(str, golds), "--json-out", str(out)]
        if backend:
            (Path(tmp) / "pyproject.toml").write_text(f'[tool.factcheck]\nbackend = "{backend}"\n', encoding="utf-8")
            cmd += ["--config", str(Path(tmp) / "pyproject.toml")]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if done.returncode not in (0, 1):  # 1 only means a bar was missed; the defaults set none
            sys.exit(f"factcheck eval failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
        return json.loads(out.read_text(encoding="utf-8"))["results"]


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def figures(r: dict) -> dict:
    """The table's figures for one set; facts-file figures are None without a facts file."""
    facts = r.get("facts")
    return {
        "pair_p": facts["pair_precision"] if facts else None,
        "pair_r": r["cluster_pair_recall"],
        "unique_p": facts["unique_precision"] if facts else None,
        "unique_r": facts["unique_recall"] if facts else None,
        "conflict_p": r["conflict"]["precision"],
        "conflict_r": r["conflict"]["recall"],
        "traps": (len(r["traps_hit"]), r["traps"]),
    }


def row(name: str, f: dict) -> list[str]:
    keys = ("pair_p", "pair_r", "unique_p", "unique_r", "conflict_p", "conflict_r")
    return [name, *(_num(f[k]) for k in keys), f"{f['traps'][0]}/{f['traps'][1]}"]


def mean(rows: list[dict]) -> dict:
    """Unweighted mean of each figure over the sets that have it; traps summed."""
    out: dict = {}
    for key in ("pair_p", "pair_r", "unique_p", "unique_r", "conflict_p", "conflict_r"):
        values = [f[key] for f in rows if f[key] is not None]
        out[key] = sum(values) / len(values) if values else None
    out["traps"] = (sum(f["traps"][0] for f in rows), sum(f["traps"][1] for f in rows))
    return out


def pooled(results: list[dict]) -> dict:
    """Counts summed over several gold files: pair recall, conflict precision and recall, traps; facts pooled too."""
    pairs = sum(r["cluster_pairs"] for r in results)
    hit = pairs - sum(len(r["missed_pairs"]) for r in results)
    right = sum(r["conflict"]["findings_right"] for r in results)
    flagged = right + sum(r["conflict"]["fp"] for r in results)
    found = sum(r["conflict"]["tp"] for r in results)
    wanted = found + sum(r["conflict"]["fn"] for r in results)
    facts = [r["facts"] for r in results if r.get("facts")]

    def ratio(num: int, den: int) -> float | None:
        return num / den if den else None

    return {
        "pair_p": ratio(sum(f["pairs_right"] for f in facts), sum(f["pairs_judged"] for f in facts)),
        "pair_r": ratio(hit, pairs),
        "unique_p": ratio(sum(f["unique_right"] for f in facts), sum(f["unique_judged"] for f in facts)),
        "unique_r": ratio(sum(f["unique_keys_found"] for f in facts), sum(f["unique_keys"] for f in facts)),
        "conflict_p": ratio(right, flagged) if flagged else 1.0,
        "conflict_r": ratio(found, wanted),
        "traps": (sum(len(r["traps_hit"]) for r in results), sum(r["traps"] for r in results)),
    }


def table(groups: dict[str, list[Path]], results: list[dict]) -> str:
    """Rows in group order, with the ECB+ mean and the emergent-dev total after their sets."""
    by_gold = {r["gold"]: r for r in results}
    rows = []
    for group, golds in groups.items():
        mine = [by_gold[str(g)] for g in golds]
        rows += [row(r["set"], figures(r)) for r in mine]
        if group == "ecbplus" and mine:
            rows.append(row(f"ECB+ mean ({len(mine)} topics)", mean([figures(r) for r in mine])))
        if group == "emergent" and mine:
            rows.append(row(f"emergent-dev total ({len(mine)} files)", pooled(mine)))
    return tabulate(rows, headers=HEADERS, tablefmt="github", disable_numparse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    parser.add_argument("--json-out", type=Path, help="also write every set's full scores here")
    parser.add_argument("--backend", help="embedding backend (default: the configured one)")
    args = parser.parse_args()
    groups = gold_files(args.shared)
    golds = [g for files in groups.values() for g in files]
    results = run_eval(golds, args.backend)
    print(table(groups, results))
    print(
        "\npair P, unique P/R: facts file (- where the set has none); pair R: gold corroborated pairs; "
        "conflict P/R: conflict and variant findings against the gold conflicts"
    )
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
