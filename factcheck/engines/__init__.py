"""Where the pipeline runs: in this process ('local', the default) or on a Ray cluster ('ray', an optional extra)."""

from __future__ import annotations

from ..config import Settings
from ..errors import ConfigError
from ..model import Report
from ..pipeline import Progress

ENGINES = ("local", "ray")


def run_engine(
    engine: str, address: str | None, paths: list[str], settings: Settings, progress: Progress | None = None
) -> Report:
    """Run the check on `engine`; `address` names a Ray cluster (only with the ray engine)."""
    if engine not in ENGINES:
        raise ConfigError(f"--engine must be one of {', '.join(ENGINES)} (got '{engine}')")
    if engine == "local":
        if address:
            raise ConfigError("--address names a Ray cluster; it needs --engine ray")
        from ..pipeline import run_check  # looked up at call time (tests replace it)

        return run_check(paths, settings, progress=progress)
    from .ray_engine import RayOptions, import_ray, run_ray_check

    import_ray()  # a missing extra is a usage error before any work
    return run_ray_check(paths, settings, RayOptions(address=address or None), progress)
