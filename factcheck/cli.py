"""Command line: the only module that prints or exits. Commands stay short: settings, pipeline, render, gate."""

from __future__ import annotations

import json
import sys
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from .atomic import silence_stdout
from .errors import FactcheckError, InputWarning, one_line

EXIT_CLEAN, EXIT_GATE, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class GuardedGroup(TyperGroup):
    """Runs a command so that a bug exits 3 with one line on stderr (the traceback with -v), never 1."""

    def invoke(self, ctx: Any) -> Any:
        """Invoke the command; print input warnings as they come; turn an unexpected exception into exit 3."""
        verbose = bool(ctx.params.get("verbose"))
        with warnings.catch_warnings():
            warnings.simplefilter("always", InputWarning)
            warnings.showwarning = _warning_printer(warnings.showwarning)
            try:
                return super().invoke(ctx)
            except (typer.Exit, typer.Abort, typer.TyperException):
                raise
            except BrokenPipeError:
                silence_stdout()
                typer.echo("factcheck: standard output was closed before the report was written", err=True)
                raise typer.Exit(EXIT_USAGE) from None
            except Exception as exc:
                if verbose:
                    traceback.print_exc(file=sys.stderr)
                hint = f" (a bug; `factcheck -v {ctx.invoked_subcommand or ''} ...` shows the traceback)"
                typer.echo(f"factcheck: internal error: {one_line(exc)}{'' if verbose else hint}", err=True)
                raise typer.Exit(EXIT_INTERNAL) from None


def _warning_printer(fallback: Callable[..., None]) -> Callable[..., None]:
    """A warnings.showwarning that prints an input warning as one `factcheck: warning: ...` line."""

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, InputWarning):
            typer.echo(f"factcheck: warning: {message}", err=True)
        else:
            fallback(message, category, *args, **kwargs)

    return show


app = typer.Typer(
    cls=GuardedGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Cross-reference claims across documents and report conflicts, variants and unique claims.",
)


@app.callback()
def _options(
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Show the traceback of an internal error."),
) -> None:
    """Cross-reference claims across documents and report conflicts, variants and unique claims."""


def _fail(message: str) -> None:
    typer.echo(f"factcheck: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _guard_outputs(paths: list[str], outputs: list[Path | None]) -> None:
    """Refuse an output path that is one of the source documents the run reads (it would be overwritten)."""
    from .ingest import clobbers_input

    for out in outputs:
        if out is not None and clobbers_input(paths, out):
            _fail(f"{out}: is one of the input documents; write the report somewhere else")


def _list_skips(documents: tuple, strict: bool) -> None:
    """Print each skipped document on stderr; with --strict, any skip that is not a note is exit 2."""
    from .ingest import is_note

    for d in documents:
        if d.skipped:
            typer.echo(f"{d.path}: skipped: {d.skipped}", err=True)
    faults = [d for d in documents if d.skipped and not is_note(d.skipped)]
    if strict and faults:
        _fail(f"{len(faults)} document(s) skipped and --strict is set")


def _progress() -> Callable[[str, int, int], None] | None:
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
    strict: bool | None = typer.Option(None, "--strict/--no-strict", help="A skipped document is an error (exit 2)."),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
    engine: str = typer.Option("local", "--engine", help="Where to run: local, or ray (the factcheck[ray] extra)."),
    address: str | None = typer.Option(None, "--address", help="Ray cluster address (default: a local cluster)."),
) -> None:
    """Check a document set and write the consistency report."""
    from .config import load_settings
    from .engines import run_engine
    from .gate import evaluate_gate, load_baseline
    from .render import render

    try:
        cfg = load_settings(
            config, {"format": fmt, "fail_on": fail_on, "threshold": threshold, "model": model, "strict": strict}
        )
        accepted = load_baseline(baseline) if baseline else None  # a broken baseline fails before the slow run
        _guard_outputs(paths, [output, json_out, csv_out])
        report = run_engine(engine, address, paths, cfg.settings, progress=_progress())
        _list_skips(report.documents, cfg.strict)
        gate = evaluate_gate(report, accepted, cfg.fail_on)
        for i, (out, kind) in enumerate(((output, cfg.format), (json_out, "json"), (csv_out, "csv"))):
            if i == 0 or out:
                _write(render(report, kind, gate), out)
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
        _guard_outputs(paths, [output])
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
    from .evaluate import Bars, failures
    from .render.scores import render_scores

    bars = Bars(**{k: v for k, v in locals().items() if k.startswith(("min_", "max_"))})
    if facts is not None and len(gold) != 1:
        _fail(f"--facts names the facts of one gold file, but {len(gold)} gold files were given")
    results = _score_golds(gold, facts, config)
    failed = {r["gold"]: failures(r, bars) for r in results}
    typer.echo(render_scores(results, failed), nl=False)
    if json_out:
        _write(json.dumps({"results": results, "failures": failed}, indent=2) + "\n", json_out)
    raise typer.Exit(EXIT_GATE if any(failed.values()) else EXIT_CLEAN)


def _score_golds(gold: list[Path], facts: Path | None, config: Path | None) -> list[dict[str, Any]]:
    """Run the check on each gold set and score it; every gold and facts file is checked before the slow runs."""
    from .config import load_settings
    from .evaluate import load_gold, score
    from .pipeline import run_check

    results = []
    try:
        cfg = load_settings(config, {})
        golds = [load_gold(str(path), str(facts) if facts else None) for path in gold]
        for g in golds:
            results.append(score(run_check([str(g.root)], cfg.settings, progress=_progress()), g))
    except FactcheckError as exc:
        _fail(str(exc))
    return results


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
    from .ingest.decode import sanitise
    from .pairs import compare_pair

    for name, text in (("A", a), ("B", b)):
        if text != text.encode("utf-8", "replace").decode("utf-8"):
            _fail(f"statement {name} is not valid UTF-8 text")
        if not sanitise(text).strip():
            _fail(f"statement {name} is empty; give two statements to compare")
    if fmt not in ("text", "json"):
        _fail(f"--format must be text or json (got '{fmt}')")
    verdict = compare_pair(sanitise(a), sanitise(b))
    if fmt == "json":
        typer.echo(json.dumps(verdict.as_dict(), indent=2))
    else:
        typer.echo(f"{verdict.label}: {verdict.reason}")


def main() -> None:
    """Entry point for the `factcheck` script."""
    app()
