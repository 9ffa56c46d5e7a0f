"""Render evaluation scores as a plain-text table."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

HEADERS = [
    "set", "docs", "claims", "pair recall", "conflict P", "conflict R", "conflict F1", "traps hit", "unique P",
    "unique R", "leaks", "dates", "bar",
]  # fmt: skip


def render_scores(results: list[dict[str, Any]], failed: dict[str, list[str]]) -> str:
    """One row per gold set, then what failed and what was missed."""
    rows = [_row(r, bool(failed.get(r["gold"]))) for r in results]
    out = [tabulate(rows, headers=HEADERS, tablefmt="github", disable_numparse=True), ""]
    for r in results:
        detail = _details(r, failed.get(r["gold"], []))
        if detail:
            out += [f"{r['set']}:"] + detail + [""]
    return "\n".join(out) + "\n"


def _row(r: dict[str, Any], failed: bool) -> list[Any]:
    """The table row of one gold set."""
    c, u = r["conflict"], r["unique"]
    return [
        r["set"],
        r["documents"],
        r["claims"],
        f"{r['cluster_pair_recall']:.2f}",
        f"{c['precision']:.2f}",
        f"{c['recall']:.2f}",
        f"{c['f1']:.2f}",
        f"{len(r['traps_hit'])}/{r['traps']}",
        f"{u['precision']:.2f}",
        f"{u['recall']:.2f}",
        len(r["boilerplate_leaks"]),
        f"{r['date_accuracy']:.2f}",
        "FAIL" if failed else "pass",
    ]


def _details(r: dict[str, Any], notes: list[str]) -> list[str]:
    """Indented lines naming each failed bar and each miss of one gold set."""
    return (
        [f"  below bar: {n}" for n in notes]
        + [f"  missed pair: {m}" for m in r["missed_pairs"][:10]]
        + [f"  missed conflict: {m}" for m in r["conflicts_missed"]]
        + [f"  trap flagged: {t}" for t in r["traps_hit"]]
        + [f"  false conflict: {t}" for t in r["false_conflicts"][:10]]
        + [f"  missed unique: {t}" for t in r["unique"]["missed"]]
        + [f"  boilerplate leak: {t}" for t in r["boilerplate_leaks"]]
        + [f"  wrong date: {d} expected {v['expected']} got {v['got']}" for d, v in r["dates_wrong"].items()]
    )
