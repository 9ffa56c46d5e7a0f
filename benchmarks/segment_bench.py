"""Time sentence segmentation on pathological single-line inputs (a script that prints a table, not a timed test).

Each input is one line of a repeated unit, segmented as one prose block (the way a single-line file reaches
`segment.segment`). The units are the ones that made the old `segment._repair` quadratic: every sentence nupunkt
finds is merged back into the one before (bare numbers, lowercase starts), so the merged sentence keeps growing.

    .venv/bin/python benchmarks/segment_bench.py               # 10, 20, 40, 200 KB and 2 MB
    .venv/bin/python benchmarks/segment_bench.py --sizes 10,200
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nupunkt

from factcheck import segment as seg
from factcheck.model import Document

UNITS = {
    "numbers": "1. 2. ",  # sentences with no letters: each one is glued to the previous
    "lowercase": "One two three four five six seven. a b. ",  # each lowercase start is glued to the previous
    "initials": "A. ",  # the unit of the original report (issue 12)
}


def measure(unit: str, size: int) -> tuple[float, float, int]:
    """Seconds for `segment` on a `size`-byte line of `unit`, seconds of that inside `_repair`, sentences."""
    line = unit * (size // len(unit))
    doc = Document("bench", "bench.txt", line, body=((0, len(line.rstrip())),))
    spent = [0.0]
    real = seg._repair

    def timed(spans: list[tuple[int, int]], block: str) -> list[tuple[int, int]]:
        started = time.perf_counter()
        try:
            return real(spans, block)
        finally:
            spent[0] += time.perf_counter() - started

    seg._repair = timed
    try:
        started = time.perf_counter()
        found = seg.segment(doc)
        total = time.perf_counter() - started
    finally:
        seg._repair = real
    return total, spent[0], len(found)


def main() -> None:
    """Print one Markdown row per unit and size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,20,40,200,2000", help="sizes in KB (1 KB = 1000 bytes)")
    args = parser.parse_args()
    nupunkt.sent_spans_with_text("Warm up. The model loads once.")
    print("| unit | size | segment (s) | of which _repair (s) | sentences |")
    print("|---|---|---|---|---|")
    for name, unit in UNITS.items():
        for kb in (int(k) for k in args.sizes.split(",")):
            total, repair, count = measure(unit, kb * 1000)
            size = f"{kb // 1000} MB" if kb >= 1000 else f"{kb} KB"
            print(f"| {name} `{unit.strip()}` | {size} | {total:.2f} | {repair:.3f} | {count} |", flush=True)


if __name__ == "__main__":
    main()
