"""Command line: the only module that prints or exits. Commands stay short: settings, pipeline, render, gate."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from .errors import FactcheckError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Cross-reference claims across documents and report conflicts, variants and unique claims.",
)

EXIT_CLEAN, EXIT_GATE, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> None:
    typer.echo(f"factcheck: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _progress():
    """A stderr progress line for long embedding runs, only on a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        typer.echo(f"\r{stage}: {done}/{total} texts", err=True, nl=done >= total)

    return show


def _write(text: str, output: Path | None) -> None:
    from .atomic import write_text

    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="Files or folders of documents."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the report here (default stdout)."),
    fmt: str | None = typer.Option(None, "--format", "-f", help="md, json, csv, github or sarif."),
    json_out: Path | None = typer.Option(None, "--json-out", help="Also write the JSON report here."),
    csv_out: Path | None = typer.Option(None, "--csv-out", help="Also write the claims CSV here."),
    baseline: Path | None = typer.Option(None, "--baseline", help="Accepted findings; only new ones fail."),
    fail_on: str | None = typer.Option(
        None, "--fail-on", help="Kinds whose new findings fail: conflict,variant,unique or none."
    ),
    threshold: float | None = typer.Option(None, "--threshold", help="Same-claim cosine similarity (0..1)."),
    model: str | None = typer.Option(None, "--model", help="sentence-transformers model name or folder."),
    strict: bool | None = typer.Option(
        None, "--strict/--no-strict", help="Treat a skipped document as an error (exit 2)."
    ),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
) -> None:
    """Check a document set and write the consistency report."""
    from .config import load_settings
    from .gate import evaluate_gate, load_baseline
    from .pipeline import run_check
    from .render import render

    try:
        cfg = load_settings(
            config, {"format": fmt, "fail_on": fail_on, "threshold": threshold, "model": model, "strict": strict}
        )
        accepted = load_baseline(baseline) if baseline else None  # a broken baseline fails before the slow run
        report = run_check(paths, cfg.settings, progress=_progress())
        skipped = [d for d in report.documents if d.skipped]
        for d in skipped:
            typer.echo(f"{d.path}: skipped: {d.skipped}", err=True)
        if cfg.strict and skipped:
            _fail(f"{len(skipped)} document(s) skipped and --strict is set")
        gate = evaluate_gate(report, accepted, cfg.fail_on)
        _write(render(report, cfg.format, gate), output)
        if json_out:
            _write(render(report, "json", gate), json_out)
        if csv_out:
            _write(render(report, "csv", gate), csv_out)
    except FactcheckError as exc:
        _fail(str(exc))
    for line in gate.summary_lines():
        typer.echo(line, err=True)
    raise typer.Exit(EXIT_GATE if gate.failed else EXIT_CLEAN)


@app.command()
def baseline(
    paths: list[str] = typer.Argument(..., help="Files or folders of documents."),
    output: Path = typer.Option(Path("factcheck-baseline.json"), "-o", "--output", help="Baseline file to write."),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
) -> None:
    """Accept every current finding: write them to a baseline file."""
    from .config import load_settings
    from .gate import GATED_KINDS, render_baseline
    from .pipeline import run_check

    try:
        cfg = load_settings(config, {})
        report = run_check(paths, cfg.settings, progress=_progress())
        _write(render_baseline(report), output)
    except FactcheckError as exc:
        _fail(str(exc))
    accepted = sum(1 for f in report.findings if f.kind in GATED_KINDS)
    typer.echo(f"wrote {accepted} accepted findings to {output}", err=True)


@app.command("eval")
def evaluate(
    gold: list[Path] = typer.Argument(..., help="Gold files (format in DESIGN.md)."),
    facts: Path | None = typer.Option(
        None, "--facts", help="Facts file for the one gold file (default: <name>.facts.json or facts.json beside it)."
    ),
    min_f1: float = typer.Option(0.0, "--min-f1", help="Least conflict F1."),
    min_pair_recall: float = typer.Option(0.0, "--min-pair-recall", help="Least cluster pair recall."),
    min_pair_precision: float = typer.Option(0.0, "--min-pair-precision", help="Least pair precision (facts file)."),
    min_unique_precision: float = typer.Option(
        0.0, "--min-unique-precision", help="Least unique-claim precision (facts file)."
    ),
    min_facts_unique_recall: float = typer.Option(
        0.0, "--min-facts-unique-recall", help="Least unique-fact recall (facts file)."
    ),
    max_traps: int = typer.Option(0, "--max-traps", help="Most traps flagged."),
    max_leaks: int = typer.Option(0, "--max-leaks", help="Most boilerplate leaks."),
    min_unique_recall: float = typer.Option(0.0, "--min-unique-recall", help="Least unique-claim recall (gold file)."),
    min_date_accuracy: float = typer.Option(0.0, "--min-date-accuracy", help="Least publication-date accuracy."),
    json_out: Path | None = typer.Option(None, "--json-out", help="Write the scores as JSON here."),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
) -> None:
    """Score the check against curated expectations; exit 1 below the bar."""
    from .config import load_settings
    from .evaluate import Bars, failures, load_gold, score
    from .pipeline import run_check
    from .render.scores import render_scores

    bars = Bars(
        min_f1=min_f1,
        min_pair_recall=min_pair_recall,
        max_traps=max_traps,
        max_leaks=max_leaks,
        min_unique_recall=min_unique_recall,
        min_date_accuracy=min_date_accuracy,
        min_pair_precision=min_pair_precision,
        min_unique_precision=min_unique_precision,
        min_facts_unique_recall=min_facts_unique_recall,
    )
    if facts is not None and len(gold) != 1:
        _fail(f"--facts names the facts of one gold file, but {len(gold)} gold files were given")
    results = []
    try:
        cfg = load_settings(config, {})
        # every gold and facts file is checked before the slow runs
        golds = [load_gold(str(path), str(facts) if facts else None) for path in gold]
        for g in golds:
            results.append(score(run_check([str(g.root)], cfg.settings, progress=_progress()), g))
    except FactcheckError as exc:
        _fail(str(exc))
    failed = {r["gold"]: failures(r, bars) for r in results}
    typer.echo(render_scores(results, failed), nl=False)
    if json_out:
        _write(json.dumps({"results": results, "failures": failed}, indent=2) + "\n", json_out)
    raise typer.Exit(EXIT_GATE if any(failed.values()) else EXIT_CLEAN)


@app.command()
def claims(
    path: str = typer.Argument(..., help="One document."),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
) -> None:
    """Show the sentences, claims and facts extracted from one document."""
    from .config import load_settings
    from .ingest import load_documents
    from .pipeline import build_claims

    try:
        cfg = load_settings(config, {})
        docs = load_documents([path], max_bytes=cfg.settings.max_bytes)
        cache = cfg.settings.cache()
        found = build_claims(docs, cache)
        cache.close()
    except FactcheckError as exc:
        _fail(str(exc))
    for d in docs:
        typer.echo(f"# {d.id}  title={d.title!r} published={d.published} source={d.source}")
        if d.skipped:
            typer.echo(f"{d.path}: skipped: {d.skipped}")
    for c in found:
        typer.echo(f"{c.doc}:{c.line}  {c.text}")
        for f in c.facts:
            extra = " ".join(
                x for x in (f.label and f"label={f.label}", f.qualifier and f"qualifier={f.qualifier}") if x
            )
            typer.echo(f"    {f.type:<9} {f.text!r} -> {f.value} {extra}".rstrip())


@app.command()
def compare(
    a: str = typer.Argument(..., help="First statement."),
    b: str = typer.Argument(..., help="Second statement."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Compare two statements: contradiction, agreement or unrelated, with the reason."""
    from .pairs import compare_pair

    verdict = compare_pair(a, b)
    if fmt == "json":
        typer.echo(json.dumps(verdict.as_dict(), indent=2))
    else:
        typer.echo(f"{verdict.label}: {verdict.reason}")


def main() -> None:
    """Entry point for the `factcheck` script."""
    app()
