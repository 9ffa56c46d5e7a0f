"""The bars an evaluation must clear for `factcheck eval` to exit 0."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bars:
    """Least scores and most misses; a bar at its default never fails."""

    min_f1: float = 0.0  # conflict F1 (conflicts and variants) when the gold lists conflicts
    min_pair_recall: float = 0.0
    max_traps: int = 0
    max_leaks: int = 0
    min_unique_recall: float = 0.0  # of the gold file's `unique` mentions
    min_date_accuracy: float = 0.0
    min_pair_precision: float = 0.0  # facts file
    min_unique_precision: float = 0.0  # facts file
    min_facts_unique_recall: float = 0.0  # facts file: single-document facts carried by a unique claim


def _facts_failures(facts: dict | None, bars: Bars) -> list[str]:
    wanted = [
        ("pair precision", "pair_precision", bars.min_pair_precision),
        ("unique precision", "unique_precision", bars.min_unique_precision),
        ("facts unique recall", "unique_recall", bars.min_facts_unique_recall),
    ]
    out = []
    for name, key, bar in wanted:
        if bar <= 0:
            continue
        if facts is None:
            out.append(f"{name} not measured (no facts file) but the bar is {bar:.2f}")
        elif facts[key] < bar:
            out.append(f"{name} {facts[key]:.2f} < {bar:.2f}")
    return out


def failures(result: dict, bars: Bars) -> list[str]:
    """Which bars a score misses, as short sentences."""
    out = []
    if result["conflict"]["tp"] + result["conflict"]["fn"] and result["conflict"]["f1"] < bars.min_f1:
        out.append(f"conflict F1 {result['conflict']['f1']:.2f} < {bars.min_f1:.2f}")
    if result["cluster_pair_recall"] < bars.min_pair_recall:
        out.append(f"cluster pair recall {result['cluster_pair_recall']:.2f} < {bars.min_pair_recall:.2f}")
    if len(result["traps_hit"]) > bars.max_traps:
        out.append(f"{len(result['traps_hit'])} traps flagged > {bars.max_traps}")
    if len(result["boilerplate_leaks"]) > bars.max_leaks:
        out.append(f"{len(result['boilerplate_leaks'])} boilerplate leaks > {bars.max_leaks}")
    if result["unique"]["tp"] + result["unique"]["fn"] and result["unique"]["recall"] < bars.min_unique_recall:
        out.append(f"unique recall {result['unique']['recall']:.2f} < {bars.min_unique_recall:.2f}")
    if result["date_accuracy"] < bars.min_date_accuracy:
        out.append(f"date accuracy {result['date_accuracy']:.2f} < {bars.min_date_accuracy:.2f}")
    return out + _facts_failures(result.get("facts"), bars)
