"""Render evaluation scores as a plain-text table."""

from __future__ import annotations

from tabulate import tabulate


def render_scores(results: list[dict], failed: dict[str, list[str]]) -> str:
    """One row per gold set, then what failed and what was missed."""
    rows = []
    for r in results:
        c, u = r["conflict"], r["unique"]
        rows.append(
            [
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
                "FAIL" if failed.get(r["gold"]) else "pass",
            ]
        )
    out = [
        tabulate(
            rows,
            headers=[
                "set",
                "docs",
                "claims",
                "pair recall",
                "conflict P",
                "conflict R",
                "conflict F1",
                "traps hit",
                "unique P",
                "unique R",
                "leaks",
                "dates",
                "bar",
            ],
            tablefmt="github",
            disable_numparse=True,
        ),
        "",
    ]
    for r in results:
        notes = failed.get(r["gold"], [])
        detail = (
            [f"  below bar: {n}" for n in notes]
            + [f"  missed pair: {m}" for m in r["missed_pairs"][:10]]
            + [f"  missed conflict: {m}" for m in r["conflicts_missed"]]
            + [f"  trap flagged: {t}" for t in r["traps_hit"]]
            + [f"  false conflict: {t}" for t in r["false_conflicts"][:10]]
            + [f"  missed unique: {t}" for t in r["unique"]["missed"]]
            + [f"  boilerplate leak: {t}" for t in r["boilerplate_leaks"]]
            + [f"  wrong date: {d} expected {v['expected']} got {v['got']}" for d, v in r["dates_wrong"].items()]
        )
        if detail:
            out += [f"{r['set']}:"] + detail + [""]
    return "\n".join(out) + "\n"
