"""Gate stage: compare findings with a baseline of accepted ones; only new findings of failing kinds fail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .config import encodable
from .errors import InputError
from .model import Report

BASELINE_SCHEMA = "factcheck.baseline/1"
GATED_KINDS = ("conflict", "variant", "unique")  # corroborated findings are agreement: reported, never gated


@dataclass(frozen=True)
class GateResult:
    """New, unchanged and resolved finding ids, and whether the run fails."""

    new: tuple[str, ...]
    unchanged: tuple[str, ...]
    resolved: tuple[str, ...]
    fail_on: tuple[str, ...]
    failing: tuple[str, ...]  # new findings whose kind is in fail_on
    has_baseline: bool
    info: tuple[str, ...] = ()  # findings of kinds the gate never looks at (corroborated)
    ignored: tuple[tuple[str, str], ...] = ()  # (id, reason) of current findings [tool.factcheck] ignore accepts
    unused_ignores: tuple[str, ...] = ()  # ignore entries that match no current finding
    ignore_set: bool = False  # whether an ignore table was given (the JSON lists it only then)

    @property
    def failed(self) -> bool:
        """Whether the exit code should be 1."""
        return bool(self.failing)

    def status_by_id(self) -> dict[str, str]:
        """Finding id -> new | unchanged | ignored | info."""
        return {
            **{i: "info" for i in self.info},
            **{i: "new" for i in self.new},
            **{i: "unchanged" for i in self.unchanged},
            **{i: "ignored" for i, _ in self.ignored},
        }

    def as_dict(self) -> dict:
        """Plain data for the JSON report."""
        return {
            "baseline": self.has_baseline,
            "fail_on": list(self.fail_on),
            "failed": self.failed,
            "new": list(self.new),
            "unchanged": list(self.unchanged),
            "resolved": list(self.resolved),
            "failing": list(self.failing),
            **(
                {
                    "ignored": [{"id": i, "reason": why} for i, why in self.ignored],
                    "unused_ignores": list(self.unused_ignores),
                }
                if self.ignore_set
                else {}
            ),
        }

    def summary_lines(self) -> list[str]:
        """The verdict for stderr: one line, then a hint when findings fail a run that has no baseline."""
        verdict = "FAIL" if self.failed else "ok"
        where = "against baseline" if self.has_baseline else "no baseline"
        ignored = f", {len(self.ignored)} ignored" if self.ignore_set else ""
        lines = [
            f"factcheck: {verdict} ({where}): {len(self.new)} new, {len(self.unchanged)} unchanged, "
            f"{len(self.resolved)} resolved{ignored}; {len(self.failing)} new finding(s) of failing kinds "
            f"({', '.join(self.fail_on) or 'none'})"
        ]
        if self.unused_ignores:
            lines.append(
                f"factcheck: {len(self.unused_ignores)} [tool.factcheck.ignore] entr"
                f"{'y matches' if len(self.unused_ignores) == 1 else 'ies match'} no current finding: "
                f"{', '.join(self.unused_ignores)} (fixed or changed; remove them)"
            )
        if self.failed and not self.has_baseline:
            lines.append(
                "factcheck: without a baseline every finding is new; accept the current ones with "
                "`factcheck baseline`, or one at a time in [tool.factcheck.ignore]"
            )
        return lines


def open_baseline(given: Path | None, configured: str | None) -> dict[str, dict] | None:
    """The accepted findings: `--baseline` must exist; the `baseline` setting may name a file not written yet."""
    if given is not None:
        return load_baseline(given)
    if configured and Path(configured).exists():
        return load_baseline(Path(configured))
    return None


def load_baseline(path: Path) -> dict[str, dict]:
    """Accepted findings by id; a missing or broken baseline file is an input error."""
    data = _read_json(path)
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(findings, list):
        raise InputError(f"{path}: not a factcheck baseline (expected schema {BASELINE_SCHEMA})")
    accepted: dict[str, dict] = {}
    for n, entry in enumerate(findings, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
            raise InputError(f"{path}: baseline finding {n} has no 'id' string")
        if not encodable(entry["id"]):
            raise InputError(f"{path}: baseline finding {n} has an id that is not valid Unicode text")
        accepted[entry["id"]] = entry
    return accepted


def _read_json(path: Path) -> object:
    """The parsed baseline file; every way of failing is an InputError with a one-line reason."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read baseline ({exc.strerror or exc})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: baseline is not valid JSON ({exc})") from None
    except RecursionError:
        raise InputError(f"{path}: baseline is not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # an integer longer than Python converts
        raise InputError(f"{path}: baseline is not valid JSON ({str(exc).split(':')[0]})") from None


def evaluate_gate(
    report: Report,
    baseline: dict[str, dict] | None,
    fail_on: tuple[str, ...],
    ignore: dict[str, str] | None = None,
) -> GateResult:
    """new = current - baseline - ignored; resolved = baseline - current; fails on new findings of fail_on kinds."""
    accepted, ignore = baseline or {}, ignore or {}
    gated = {f.id: f for f in report.findings if f.kind in GATED_KINDS}
    current = {i: f for i, f in gated.items() if i not in ignore}
    info = tuple(sorted(f.id for f in report.findings if f.kind not in GATED_KINDS))
    new = tuple(sorted(i for i in current if i not in accepted))
    unchanged = tuple(sorted(i for i in current if i in accepted))
    resolved = tuple(sorted(i for i, e in accepted.items() if i not in gated and e.get("kind") != "corroborated"))
    failing = tuple(i for i in new if current[i].kind in fail_on)
    ignored = tuple((i, ignore[i]) for i in sorted(gated) if i in ignore)
    unused = tuple(sorted(i for i in ignore if i not in gated))
    return GateResult(
        new, unchanged, resolved, tuple(fail_on), failing, baseline is not None, info, ignored, unused, bool(ignore)
    )


def render_baseline(report: Report) -> str:
    """Versioned, sorted, diff-friendly JSON of every gated finding, each with its message."""
    rows = [
        {
            "id": f.id,
            "kind": f.kind,
            "type": f.type,
            "values": list(f.values),
            "docs": list(f.docs),
            "message": f.message,
        }
        for f in sorted(report.findings, key=lambda f: f.id)
        if f.kind in GATED_KINDS
    ]
    return (
        json.dumps({"schema": BASELINE_SCHEMA, "findings": rows}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    )
