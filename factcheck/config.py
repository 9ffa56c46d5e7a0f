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
    "backend": str,
}


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
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); TOML files must be UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    tool = data.get("tool", {})
    table = tool.get("factcheck", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.factcheck must be a table ([tool.factcheck]), not a {type(table).__name__}")
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
    fmt = merged.get("format", "md")
    if fmt not in FORMATS:
        raise ConfigError(f"format must be one of {', '.join(FORMATS)} (got '{fmt}')")
    return Config(settings, fmt, parse_fail_on(merged.get("fail_on", "conflict")), bool(merged.get("strict", False)))


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
    if not _encodable(name):
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


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
