"""Settings: defaults < [tool.factcheck] in the nearest pyproject.toml < command-line flags; unknown keys are errors."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import Cache, default_cache_dir
from .compare.context import CompareSettings
from .errors import ConfigError
from .group import GroupSettings
from .ingest import MAX_BYTES
from .project import expand_paths, find_pyproject, relative_to_cwd

KINDS = ("conflict", "variant", "unique")  # kinds the gate can fail on (corroborated is agreement, never gated)
FORMATS = ("md", "json", "csv", "github", "sarif", "html")
KEYS: dict[str, type | tuple[type, ...]] = {
    "model": str,
    "threshold": float,
    "format": str,
    "fail_on": (str, list),
    "strict": bool,
    "cache_dir": str,
    "max_bytes": int,
    "backend": str,
    "paths": (str, list),
    "exclude": (str, list),
    "baseline": str,
    "ignore": object,  # checked by parse_ignore, which says what the table looks like
}
FINDING_ID = re.compile(r"fc-[0-9a-f]{12}")
DEFAULT_BASELINE = "factcheck-baseline.json"


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; defaults < [tool.factcheck] in pyproject.toml < command-line flags."""

    model: str | None = None
    threshold: float = GroupSettings().same
    cache_dir: str | None = None  # None: the default cache folder; "" disables the cache
    max_bytes: int = MAX_BYTES
    backend: str | None = None  # None: ONNX (fp32) when onnxruntime is installed, else torch
    group: GroupSettings = field(default_factory=GroupSettings)
    compare: CompareSettings = field(default_factory=CompareSettings)

    def cache(self) -> Cache:
        """Open the cache this run uses."""
        if self.cache_dir == "":
            return Cache(None)
        return Cache(Path(self.cache_dir) if self.cache_dir else default_cache_dir())


@dataclass(frozen=True)
class Config:
    """Resolved run configuration."""

    settings: Settings = field(default_factory=Settings)
    format: str = "md"
    fail_on: tuple[str, ...] = ("conflict",)
    strict: bool = False
    paths: tuple[str, ...] = ()  # documents to check: the command line's, else `paths`; exclude applied
    baseline: str | None = None  # the `baseline` setting, as a path from the working folder
    ignore: dict[str, str] = field(default_factory=dict)  # accepted finding id -> why

    @property
    def baseline_file(self) -> str:
        """Where `factcheck baseline` writes when no -o is given."""
        return self.baseline or DEFAULT_BASELINE


def read_pyproject(path: Path | None) -> dict:
    """The [tool.factcheck] table of `path`, or of the nearest pyproject.toml holding one (see find_pyproject)."""
    return _read_table(path)[0]


def _read_table(path: Path | None) -> tuple[dict, Path]:
    """The settings table with normalised keys, and the folder its relative paths start from."""
    source = path if path is not None else find_pyproject()
    if source is None:
        return {}, Path.cwd()
    data = _parse(Path(source))
    tool = data.get("tool", {})
    if not isinstance(tool, dict) or "factcheck" not in tool:
        raise ConfigError(f"{source}: no [tool.factcheck] table to read settings from")
    table = tool["factcheck"]
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: tool.factcheck must be a table ([tool.factcheck]), not a {type(table).__name__}")
    for key in table:
        if key.replace("-", "_") not in KEYS:
            raise ConfigError(
                f"{source}: unknown setting '{key}' in [tool.factcheck] (known: {', '.join(sorted(KEYS))})"
            )
    out = {k.replace("-", "_"): v for k, v in table.items()}
    base = Path(source).parent
    if isinstance(out.get("cache_dir"), str) and out["cache_dir"]:
        out["cache_dir"] = str(base / out["cache_dir"])  # relative to the pyproject.toml it is in
    if isinstance(out.get("baseline"), str) and out["baseline"]:
        out["baseline"] = relative_to_cwd(base, out["baseline"])
    return out, base


def _parse(path: Path) -> dict:
    """A TOML file's data; every way of failing is a one-line ConfigError."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); TOML files must be UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None


def parse_fail_on(value: object) -> tuple[str, ...]:
    """'conflict,variant' or ['conflict'] or 'none' -> a tuple of finding kinds."""
    items = value if isinstance(value, list) else str(value).split(",")
    kinds = tuple(sorted({str(i).strip().lower() for i in items if str(i).strip()}))
    if kinds == ("none",):
        return ()
    if not kinds:
        raise ConfigError(f"fail_on: no kinds given (use {', '.join(KINDS)} or none)")
    if "none" in kinds:
        raise ConfigError("fail_on: 'none' cannot be combined with other kinds")
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ConfigError(f"fail_on: unknown kind '{bad[0]}' (use {', '.join(KINDS)} or none)")
    return kinds


def load_settings(pyproject: Path | None, flags: dict, paths: list[str] | None = None) -> Config:
    """Merge the three layers; flags whose value is None are not given.

    `paths` are the documents named on the command line: [] falls back to the `paths` setting; None (commands
    that take no document set) resolves none.
    """
    merged, base = _read_table(pyproject)
    merged.update({k: v for k, v in flags.items() if v is not None})
    for key, value in merged.items():
        want = KEYS[key]
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if want is not object and (not isinstance(value, want) or (isinstance(value, bool) and want is not bool)):
            names = "/".join(t.__name__ for t in (want if isinstance(want, tuple) else (want,)))
            raise ConfigError(f"setting '{key}' must be {names} (got {type(value).__name__})")
    fmt = merged.get("format", "md")
    if fmt not in FORMATS:
        raise ConfigError(f"format must be one of {', '.join(FORMATS)} (got '{fmt}')")
    return Config(
        _settings(merged),
        fmt,
        parse_fail_on(merged.get("fail_on", "conflict")),
        bool(merged.get("strict", False)),
        _documents(paths, merged, base),
        merged.get("baseline") or None,
        parse_ignore(merged.get("ignore", {})),
    )


def _settings(merged: dict) -> Settings:
    """The run settings of the merged layers."""
    settings = Settings()
    if "model" in merged:
        settings = replace(settings, model=check_model(merged["model"]))
    if "threshold" in merged:
        t = float(merged["threshold"])
        if not 0.0 < t < 1.0:
            raise ConfigError(f"threshold must be between 0 and 1 (got {t})")
        settings = replace(settings, threshold=t)
    if "cache_dir" in merged:
        settings = replace(settings, cache_dir=merged["cache_dir"])
    if "max_bytes" in merged:
        if merged["max_bytes"] < 1:
            raise ConfigError(f"max_bytes must be a positive number of bytes (got {merged['max_bytes']})")
        settings = replace(settings, max_bytes=int(merged["max_bytes"]))
    if "backend" in merged:
        settings = replace(settings, backend=check_backend(merged["backend"]))
    return settings


def _documents(given: list[str] | None, merged: dict, base: Path) -> tuple[str, ...]:
    """The document paths to read: the command line's, else the `paths` setting; `exclude` globs applied."""
    configured = _strings("paths", merged.get("paths", []))
    exclude = _strings("exclude", merged.get("exclude", []))
    if given is None:
        return ()
    paths = list(given) or [relative_to_cwd(base, p) for p in configured]
    if not paths:
        raise ConfigError("no documents to check: give PATH... or set paths = [...] in [tool.factcheck]")
    return tuple(expand_paths(paths, exclude, base))


def _strings(key: str, value: object) -> tuple[str, ...]:
    """A setting that takes one string or a list of strings."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise ConfigError(f"setting '{key}' must be a list of non-empty strings (paths or glob patterns)")
    return tuple(items)


def parse_ignore(value: object) -> dict[str, str]:
    """The `ignore` table: finding id -> the reason it is accepted; every entry needs a reason."""
    if not isinstance(value, dict):
        raise ConfigError("setting 'ignore' must be a table of finding id = reason ([tool.factcheck.ignore])")
    for key, reason in value.items():
        if not FINDING_ID.fullmatch(key):
            raise ConfigError(f"ignore: '{key}' is not a finding id (fc- and 12 hex digits, as in the report)")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"ignore: {key} needs a reason (a non-empty string saying why it is accepted)")
    return {k: value[k].strip() for k in sorted(value)}


def check_backend(name: str) -> str:
    """The backend setting, if it names one."""
    from .embed import BACKENDS

    if name not in BACKENDS:
        raise ConfigError(f"backend must be one of {', '.join(BACKENDS)} (got '{name}')")
    return name


def check_model(name: str) -> str:
    """The model setting, if it names the bundled model, a model folder, or a model in the local hub cache.

    Models load offline, so a hub name that was never downloaded cannot work: say so now, not after ingest.
    """
    from .embed import DEFAULT_MODEL

    if name in ("", DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        return name
    if not encodable(name):
        raise ConfigError("model: the name is not valid UTF-8")
    try:
        folder = Path(name).expanduser()
        if folder.is_dir():
            if not any((folder / f).is_file() for f in ("modules.json", "config.json")):
                raise ConfigError(f"model '{name}': the folder holds no model (no modules.json or config.json)")
            return name
        if folder.exists():
            raise ConfigError(f"model '{name}': not a folder")
    except (OSError, ValueError) as exc:
        raise ConfigError(f"model '{name}': cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    if _in_hub_cache(name) or ("/" not in name and _in_hub_cache(f"sentence-transformers/{name}")):
        return name
    raise ConfigError(
        f"model '{name}': no such folder, and not in the local Hugging Face cache (models are loaded offline)"
    )


def _in_hub_cache(repo: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache

        return isinstance(try_to_load_from_cache(repo, "config.json"), str)
    except Exception:  # an invalid repo name, or no huggingface_hub: not a usable hub model
        return False


def encodable(text: str) -> bool:
    """Whether the text is valid Unicode (no lone surrogates), so it can be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
