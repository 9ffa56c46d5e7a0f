"""Settings: defaults < [tool.factcheck] in pyproject.toml < flags; bad settings are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import load_settings, parse_fail_on, read_pyproject
from factcheck.errors import ConfigError
from factcheck.pipeline import Settings

from .clihelp import Cli, assert_usage_error, copy_docs


def write_pyproject(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(f'[project]\nname = "demo"\n\n[tool.factcheck]\n{body}\n', encoding="utf-8")
    return path


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- the three layers --------------------------------------------------------------------------------------------


def test_defaults_without_pyproject(in_tmp):
    cfg = load_settings(None, {})
    assert (cfg.format, cfg.fail_on, cfg.strict) == ("md", ("conflict",), False)
    assert cfg.settings == Settings()


def test_pyproject_in_the_current_folder_is_read(in_tmp):
    write_pyproject(in_tmp, 'format = "json"\nfail_on = ["variant", "conflict"]\nthreshold = 0.7\nstrict = true')
    cfg = load_settings(None, {})
    assert (cfg.format, cfg.fail_on, cfg.strict, cfg.settings.threshold) == ("json", ("conflict", "variant"), True, 0.7)


def test_flags_override_pyproject(in_tmp):
    write_pyproject(in_tmp, 'format = "json"\nfail-on = "unique"\nthreshold = 0.7')
    cfg = load_settings(None, {"format": "sarif", "fail_on": "none", "threshold": None, "strict": None})
    assert (cfg.format, cfg.fail_on, cfg.settings.threshold) == ("sarif", (), 0.7)


def test_explicit_config_path_wins_over_the_current_folder(in_tmp):
    write_pyproject(in_tmp, 'format = "json"')
    other = in_tmp / "elsewhere"
    other.mkdir()
    assert load_settings(write_pyproject(other, 'format = "csv"'), {}).format == "csv"


def test_pyproject_without_the_table_gives_defaults(in_tmp):
    (in_tmp / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert read_pyproject(None) == {}


def test_relative_cache_dir_is_relative_to_its_pyproject(in_tmp):
    sub = in_tmp / "repo"
    sub.mkdir()
    cfg = load_settings(write_pyproject(sub, 'cache-dir = ".fc-cache"'), {})
    assert Path(cfg.settings.cache_dir) == sub / ".fc-cache"


# --- bad settings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, needle",
    [
        ('colour = "red"', "unknown setting 'colour'"),
        ('threshold = "high"', "'threshold' must be float"),
        ("threshold = 1.5", "between 0 and 1"),
        ("max_bytes = true", "'max_bytes' must be int"),
        ("strict = 1", "'strict' must be bool"),
        ('format = "pdf"', "format must be one of"),
        ('fail_on = "everything"', "unknown kind 'everything'"),
        ("format = ", "invalid TOML"),
    ],
)
def test_bad_pyproject_settings_are_one_line_config_errors(in_tmp, body, needle):
    write_pyproject(in_tmp, body)
    with pytest.raises(ConfigError) as info:
        load_settings(None, {})
    message = str(info.value)
    assert needle in message and "\n" not in message


def test_unreadable_config_path_is_a_config_error(in_tmp):
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(in_tmp / "missing.toml", {})


@pytest.mark.parametrize(
    "value, kinds",
    [
        ("conflict", ("conflict",)),
        ("variant,conflict", ("conflict", "variant")),
        (" Conflict , unique ", ("conflict", "unique")),
        (["unique", "variant"], ("unique", "variant")),
        ("none", ()),
        ("NONE", ()),
    ],
)
def test_fail_on_parses(value, kinds):
    assert parse_fail_on(value) == kinds


@pytest.mark.parametrize(
    "value, needle",
    [
        ("corroborated", "unknown kind 'corroborated'"),
        ("conflicts", "unknown kind 'conflicts'"),
        ("", "no kinds"),
        (",", "no kinds"),
        ("none,conflict", "cannot be combined"),
    ],
)
def test_fail_on_rejects(value, needle):
    with pytest.raises(ConfigError, match=needle):
        parse_fail_on(value)


# --- through the command line (real model) -------------------------------------------------------------------------


@pytest.fixture
def cli(real_embedder, monkeypatch, in_tmp):
    monkeypatch.setattr("factcheck.pipeline.make_embedder", lambda settings: real_embedder)
    return Cli()


@pytest.mark.model
def test_format_comes_from_pyproject_and_the_flag_overrides_it(cli, in_tmp):
    docs = copy_docs(in_tmp / "docs", ("election-night.txt", "election-roundup.txt"))
    write_pyproject(in_tmp, 'format = "json"\nfail_on = "none"')
    from_file = cli("check", docs)
    assert from_file.code == 0, from_file.stderr
    assert from_file.json()["gate"]["fail_on"] == []
    from_flag = cli("check", docs, "--format", "md")
    assert from_flag.code == 0
    assert from_flag.stdout.startswith("# Consistency report")
    assert cli("check", docs, "--fail-on", "conflict").code == 1, "the flag overrides fail_on = none"


@pytest.mark.model
def test_unknown_pyproject_setting_exits_2(cli, in_tmp):
    docs = copy_docs(in_tmp / "docs", ("election-night.txt",))
    write_pyproject(in_tmp, "treshold = 0.6")
    assert_usage_error(cli("check", docs), "pyproject.toml", "unknown setting 'treshold'")
    assert_usage_error(cli("baseline", docs), "unknown setting 'treshold'")
