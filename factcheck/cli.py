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
_RUN = {"quiet": False, "verbose": False}  # this invocation's -q/-v (set by the group callback, then the command)


class GuardedGroup(TyperGroup):
    """Runs a command so that a bug exits 3 with one line on stderr (the traceback with -v), never 1."""

    def invoke(self, ctx: Any) -> Any:
        """Invoke the command; print input warnings as they come; turn an unexpected exception into exit 3."""
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
                verbose = bool(ctx.params.get("verbose") or _RUN["verbose"])
                if verbose:
                    traceback.print_exc(file=sys.stderr)
                hint = f" (a bug; `factcheck -v {ctx.invoked_subcommand or ''} ...` shows the traceback)"
                typer.echo(f"factcheck: internal error: {one_line(exc)}{'' if verbose else hint}", err=True)
                raise typer.Exit(EXIT_INTERNAL) from None


def _warning_printer(fallback: Callable[..., None]) -> Callable[..., None]:
    """A warnings.showwarning that prints an input warning as one `factcheck: warning: ...` line."""

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, InputWarning):
            if not _quiet():
                typer.echo(f"factcheck: warning: {message}", err=True)
        else:
            fallback(message, category, *args, **kwargs)

    return show


app = typer.Typer(
    cls=GuardedGroup,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Cross-reference claims across documents and report conflicts, variants and unique claims.",
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def _options(
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Timings, removed lines, tracebacks of bugs."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress, skip lines or summary on stderr."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Cross-reference claims across documents and report conflicts, variants and unique claims."""
    _RUN.update(quiet=quiet, verbose=verbose and not quiet)


def _quiet() -> bool:
    return _RUN["quiet"]


def _loud(quiet: bool, verbose: bool) -> bool:
    """Merge a command's -q/-v into the run's; whether -v is on."""
    _RUN["quiet"] = _RUN["quiet"] or quiet
    _RUN["verbose"] = (_RUN["verbose"] or verbose) and not _RUN["quiet"]
    return _RUN["verbose"]


def _fail(message: str) -> None:
    typer.echo(f"factcheck: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _guard_outputs(paths: list[str], outputs: list[Path | None]) -> None:
    """Refuse an output path that is one of the source documents the run reads (it would be overwritten)."""
    from .cli_support import clobbered

    for out in clobbered(paths, outputs):
        _fail(f"{out}: is one of the input documents; write the report somewhere else")


def _list_skips(documents: tuple, strict: bool, dropped: bool = False) -> None:
    """Print each skipped document (and with -v each removed line) on stderr; --strict makes a fault exit 2."""
    from .cli_support import dropped_lines, skip_lines

    lines, faults = skip_lines(documents)
    lines += [x for d in documents for x in dropped_lines(d)] if dropped else []
    for line in lines if not _quiet() else ():
        typer.echo(line, err=True)
    if strict and faults:
        _fail(f"{faults} document(s) skipped and --strict is set")


def _hooks() -> dict[str, Any]:
    """Progress hooks for a run: a live line on a terminal, one line per stage with -v, nothing with -q."""
    from .cli_support import StageMeter

    live = sys.stderr.isatty()
    if _quiet() or not (live or _RUN["verbose"]):
        return {}
    meter = StageMeter(live)

    def show(shown: tuple[str, bool] | None) -> None:
        if shown:
            typer.echo(shown[0], err=True, nl=shown[1])

    return {"progress": lambda _s, d, t: show(meter.embedding(d, t)), "on_stage": lambda n, s: show(meter.stage(n, s))}


def _write(text: str, output: Path | None) -> None:
    from .atomic import write_text
    from .cli_support import output_target

    output = output_target(output)
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


@app.command()
def check(
    paths: list[str] = typer.Argument(None, help="Documents (files, folders, - for stdin); default: `paths` setting."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the report here (- or none: stdout)."),
    fmt: str | None = typer.Option(None, "--format", "-f", help="md, json, csv, github, sarif or html."),
    json_out: Path | None = typer.Option(None, "--json-out", help="Also write the JSON report here."),
    csv_out: Path | None = typer.Option(None, "--csv-out", help="Also write the CSV (finding x claim rows) here."),
    md_out: Path | None = typer.Option(None, "--md-out", help="Also write the Markdown report here."),
    sarif_out: Path | None = typer.Option(None, "--sarif-out", help="Also write the SARIF log here."),
    baseline: Path | None = typer.Option(None, "--baseline", help="Accepted findings; only new ones fail."),
    fail_on: str | None = typer.Option(None, "--fail-on", help="Failing kinds: conflict,variant,unique or none."),
    threshold: float | None = typer.Option(None, "--threshold", help="Same-claim cosine similarity (0..1)."),
    model: str | None = typer.Option(None, "--model", help="sentence-transformers model name or folder."),
    backend: str | None = typer.Option(None, "--backend", help="openvino-bf16 (bf16 CPUs), onnx, onnx-int8, torch."),
    strict: bool | None = typer.Option(None, "--strict/--no-strict", help="A skipped document is an error (exit 2)."),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
    engine: str = typer.Option("local", "--engine", help="Where to run: local, or ray (needs the ray extra)."),
    address: str | None = typer.Option(None, "--address", help="Ray cluster address (default: a local cluster)."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress, skip lines or summary on stderr."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Stage timings and every removed line on stderr."),
) -> None:
    """Check a document set and write the consistency report."""
    from .cli_support import check_config, output_target, rendered
    from .engines import run_engine
    from .gate import evaluate_gate, open_baseline

    loud = _loud(quiet, verbose)
    try:
        cfg = check_config(config, paths, fmt, fail_on, threshold, model, strict, backend)
        accepted = open_baseline(baseline, cfg.baseline)  # a broken baseline fails before the slow run
        targets = ((output, cfg.format), (json_out, "json"), (csv_out, "csv"), (md_out, "md"), (sarif_out, "sarif"))
        _guard_outputs(list(cfg.paths), [output_target(out) for out, _ in targets])
        report = run_engine(engine, address, list(cfg.paths), cfg.settings, **_hooks())
        _list_skips(report.documents, cfg.strict, dropped=loud)
        gate = evaluate_gate(report, accepted, cfg.fail_on, cfg.ignore)
        for i, (out, kind) in enumerate(targets):
            if i == 0 or out:
                _write(rendered(report, kind, gate, out), out)
    except FactcheckError as exc:
        _fail(str(exc))
    _gate_exit(gate)


def _gate_exit(gate: Any) -> None:
    """Print the gate's summary (unless -q) and exit 1 when it failed, else 0."""
    typer.echo("\n".join(gate.summary_lines()) if not _quiet() else "", err=True, nl=not _quiet())
    raise typer.Exit(EXIT_GATE if gate.failed else EXIT_CLEAN)


@app.command()
def baseline(
    paths: list[str] = typer.Argument(None, help="Files or folders of documents (default: the paths setting)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Baseline file (default: baseline setting)."),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
) -> None:
    """Accept every current finding: write them to a baseline file."""
    from .config import load_settings
    from .gate import GATED_KINDS, render_baseline
    from .pipeline import run_check

    try:
        cfg = load_settings(config, {}, paths or [])
        output = output or Path(cfg.baseline_file)
        _guard_outputs(list(cfg.paths), [output])
        report = run_check(list(cfg.paths), cfg.settings, **_hooks())
        _write(render_baseline(report), output)
    except FactcheckError as exc:
        _fail(str(exc))
    accepted = sum(1 for f in report.findings if f.kind in GATED_KINDS)
    typer.echo(f"wrote {accepted} accepted findings to {output}", err=True)


@app.command("eval")
def evaluate(
    gold: list[Path] = typer.Argument(..., help="Gold files (format in DESIGN.md)."),
    facts: Path | None = typer.Option(None, "--facts", help="Facts file (default: <name>.facts.json or facts.json)."),
    min_f1: float = typer.Option(0.0, "--min-f1", help="Least conflict F1."),
    min_pair_recall: float = typer.Option(0.0, "--min-pair-recall", help="Least cluster pair recall."),
    min_pair_precision: float = typer.Option(0.0, "--min-pair-precision", help="Least pair precision (facts file)."),
    min_unique_precision: float = typer.Option(0.0, "--min-unique-precision", help="Least unique precision (facts)."),
    min_facts_unique_recall: float = typer.Option(0.0, "--min-facts-unique-recall", help="Least unique-fact recall."),
    max_traps: int = typer.Option(0, "--max-traps", help="Most traps flagged."),
    max_leaks: int = typer.Option(0, "--max-leaks", help="Most boilerplate leaks."),
    min_unique_recall: float = typer.Option(0.0, "--min-unique-recall", help="Least unique-claim recall (gold file)."),
    min_date_accuracy: float = typer.Option(0.0, "--min-date-accuracy", help="Least publication-date accuracy."),
    json_out: Path | None = typer.Option(None, "--json-out", help="Write the scores as JSON here."),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
) -> None:
    """Score the check against curated expectations; exit 1 below the bar."""
    from .cli_support import score_golds
    from .evaluate import Bars, failures
    from .render.scores import render_scores

    bars = Bars(**{k: v for k, v in locals().items() if k.startswith(("min_", "max_"))})
    if facts is not None and len(gold) != 1:
        _fail(f"--facts names the facts of one gold file, but {len(gold)} gold files were given")
    try:
        results = score_golds(gold, facts, config, _hooks())
    except FactcheckError as exc:
        _fail(str(exc))
    failed = {r["gold"]: failures(r, bars) for r in results}
    typer.echo(render_scores(results, failed), nl=False)
    if json_out:
        _write(json.dumps({"results": results, "failures": failed}, indent=2) + "\n", json_out)
    raise typer.Exit(EXIT_GATE if any(failed.values()) else EXIT_CLEAN)


@app.command()
def claims(
    path: str = typer.Argument(..., help="One document; - reads standard input."),
    show_dropped: bool = typer.Option(False, "--show-dropped", help="Also list every removed line and why."),
    config: Path | None = typer.Option(None, "--config", help="pyproject.toml whose tool.factcheck table to read."),
) -> None:
    """Show the sentences, claims and facts extracted from one document."""
    from .cli_support import claim_lines

    try:
        lines = claim_lines(path, config, show_dropped)
    except FactcheckError as exc:
        _fail(str(exc))
    for line in lines:
        typer.echo(line)


@app.command()
def compare(
    a: str = typer.Argument(..., help="First statement."),
    b: str = typer.Argument(..., help="Second statement."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Compare two statements: contradiction, agreement or unrelated, with the reason."""
    from .cli_support import statement_problem
    from .ingest.decode import sanitise
    from .pairs import compare_pair

    for problem in filter(None, [statement_problem("A", a), statement_problem("B", b)]):
        _fail(problem)
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
