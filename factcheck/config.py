"""Settings: defaults < [tool.factcheck] in pyproject.toml < command-line flags; unknown keys are an error."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import Cache, default_cache_dir
from .compare.context import CompareSettings
from .errors import ConfigError
from .group import GroupSettings
from .ingest import MAX_BYTES

KINDS = ("conflict", "variant", "unique")  # kinds the gate can fail on (corroborated is agreement, never gated)
FORMATS = ("md", "json", "csv", "github", "sarif")
KEYS: dict[str, type | tuple[type, ...]] = {
    "model": str,
    "threshold": float,
    "format": str,
    "fail_on": (str, list),
    "strict": bool,
    "cache_dir": str,
    "max_bytes": int,
}


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; defaults < [tool.factcheck] in pyproject.toml < command-line flags."""

    model: str | None = None
    threshold: float = GroupSettings().same
    cache_dir: str | None = None  # None: the default cache folder; "" disables the cache
    max_bytes: int = MAX_BYTES
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


def read_pyproject(path: Path | None) -> dict:
    """The [tool.factcheck] table of `path`, or of ./pyproject.toml when no path is given and it exists."""
    if path is None:
        path = Path("pyproject.toml")
        if not path.is_file():
            return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    table = data.get("tool", {}).get("factcheck", {})
    for key in table:
        if key.replace("-", "_") not in KEYS:
            raise ConfigError(f"{path}: unknown setting '{key}' in [tool.factcheck] (known: {', '.join(sorted(KEYS))})")
    out = {k.replace("-", "_"): v for k, v in table.items()}
    if isinstance(out.get("cache_dir"), str) and out["cache_dir"]:
        out["cache_dir"] = str(Path(path).parent / out["cache_dir"])  # relative to the pyproject.toml it is in
    return out


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


def load_settings(pyproject: Path | None, flags: dict) -> Config:
    """Merge the three layers; flags whose value is None are not given."""
    merged = read_pyproject(pyproject)
    merged.update({k: v for k, v in flags.items() if v is not None})
    for key, value in merged.items():
        want = KEYS[key]
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or (isinstance(value, bool) and want is not bool):
            names = "/".join(t.__name__ for t in (want if isinstance(want, tuple) else (want,)))
            raise ConfigError(f"setting '{key}' must be {names} (got {type(value).__name__})")
    settings = Settings()
    if "model" in merged:
        settings = replace(settings, model=merged["model"])
    if "threshold" in merged:
        t = float(merged["threshold"])
        if not 0.0 < t < 1.0:
            raise ConfigError(f"threshold must be between 0 and 1 (got {t})")
        settings = replace(settings, threshold=t)
    if "cache_dir" in merged:
        settings = replace(settings, cache_dir=merged["cache_dir"])
    if "max_bytes" in merged:
        settings = replace(settings, max_bytes=int(merged["max_bytes"]))
    fmt = merged.get("format", "md")
    if fmt not in FORMATS:
        raise ConfigError(f"format must be one of {', '.join(FORMATS)} (got '{fmt}')")
    return Config(settings, fmt, parse_fail_on(merged.get("fail_on", "conflict")), bool(merged.get("strict", False)))
