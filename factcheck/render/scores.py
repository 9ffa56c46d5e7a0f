"""Render evaluation scores as a plain-text table."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

HEADERS = (
    "set",
    "docs",
    "claims",
    "pair P",
    "pair R",
    "conflict P",
    "conflict R",
    "conflict F1",
    "traps hit",
    "unique P",
    "unique R",
    "facts uniq P",
    "facts uniq R",
    "leaks",
    "dates",
    "bar",
)


def _facts_cell(facts: dict[str, Any] | None, key: str) -> str:
    return "-" if facts is None else f"{facts[key]:.2f}"


def _row(r: dict[str, Any], failed: bool) -> list[Any]:
    c, u, f = r["conflict"], r["unique"], r.get("facts")
    return [
        r["set"],
        r["documents"],
        r["claims"],
        _facts_cell(f, "pair_precision"),
        f"{r['cluster_pair_recall']:.2f}",
        f"{c['precision']:.2f}",
        f"{c['recall']:.2f}",
        f"{c['f1']:.2f}",
        f"{len(r['traps_hit'])}/{r['traps']}",
        f"{u['precision']:.2f}",
        f"{u['recall']:.2f}",
        _facts_cell(f, "unique_precision"),
        _facts_cell(f, "unique_recall"),
        len(r["boilerplate_leaks"]),
        f"{r['date_accuracy']:.2f}",
        "FAIL" if failed else "pass",
    ]


def _facts_detail(facts: dict[str, Any] | None) -> list[str]:
    if facts is None:
        return []
    return (
        [f"  facts file sentence matched by no claim: {s}" for s in facts["unmatched_sentences"]]
        + [f"  wrong pair: {p}" for p in facts["wrong_pairs"][:10]]
        + [f"  wrong unique: {t}" for t in facts["unique_wrong"][:10]]
        + [f"  unique fact not reported: {k}" for k in facts["unique_keys_missed"][:10]]
    )


def _detail(r: dict[str, Any], notes: list[str]) -> list[str]:
    return (
        [f"  below bar: {n}" for n in notes]
        + [f"  missed pair: {m}" for m in r["missed_pairs"][:10]]
        + [f"  missed conflict: {m}" for m in r["conflicts_missed"]]
        + [f"  trap flagged: {t}" for t in r["traps_hit"]]
        + [f"  false conflict: {t}" for t in r["false_conflicts"][:10]]
        + [f"  missed unique: {t}" for t in r["unique"]["missed"]]
        + [f"  boilerplate leak: {t}" for t in r["boilerplate_leaks"]]
        + [f"  wrong date: {d} expected {v['expected']} got {v['got']}" for d, v in r["dates_wrong"].items()]
        + _facts_detail(r.get("facts"))
    )


def render_scores(results: list[dict[str, Any]], failed: dict[str, list[str]]) -> str:
    """One row per gold set, then what failed and what was missed (pair P and facts columns need a facts file)."""
    rows = [_row(r, bool(failed.get(r["gold"]))) for r in results]
    out = [tabulate(rows, headers=HEADERS, tablefmt="github", disable_numparse=True), ""]
    for r in results:
        detail = _detail(r, failed.get(r["gold"], []))
        if detail:
            out += [f"{r['set']}:", *detail, ""]
    return "\n".join(out) + "\n"
