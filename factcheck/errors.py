"""Domain exceptions and warnings; cli.py turns them into one-line messages and exit codes."""


class FactcheckError(Exception):
    """Base class for errors the user can fix (bad path, bad setting, bad gold file)."""


class InputError(FactcheckError):
    """A path or input the run cannot use at all."""


class ConfigError(FactcheckError):
    """An invalid setting in pyproject.toml or on the command line."""


class SkipDocument(Exception):
    """Raised inside ingest when one file cannot be used; becomes a skipped Document with the reason."""


class InputWarning(UserWarning):
    """A problem with one input that still lets it be used (damaged UTF-8); cli.py prints it on stderr."""


def one_line(exc: Exception) -> str:
    """An exception as one readable line of at most 300 characters."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 300 else text[:299] + "…"
