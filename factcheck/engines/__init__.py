"""Where the pipeline runs: in this process ('local', the default) or on a Ray cluster ('ray', an optional extra)."""

from __future__ import annotations

from ..config import Settings
from ..errors import ConfigError
from ..model import Report
from ..pipeline import OnStage, Progress

ENGINES = ("local", "ray")


def run_engine(
    engine: str,
    address: str | None,
    paths: list[str],
    settings: Settings,
    progress: Progress | None = None,
    on_stage: OnStage | None = None,
) -> Report:
    """Run the check on `engine` (`-` in `paths` is standard input); `address` names a Ray cluster (ray only)."""
    if engine not in ENGINES:
        raise ConfigError(f"--engine must be one of {', '.join(ENGINES)} (got '{engine}')")
    if engine == "local":
        if address:
            raise ConfigError("--address names a Ray cluster; it needs --engine ray")
        from ..api import SETTINGS, check  # looked up at call time (tests replace parts of the pipeline)

        return check(paths, progress=progress, on_stage=on_stage, **{k: getattr(settings, k) for k in SETTINGS})
    from .ray_engine import RayOptions, import_ray, run_ray_check

    import_ray()  # a missing extra is a usage error before any work
    return run_ray_check(paths, settings, RayOptions(address=address or None), progress, on_stage)
